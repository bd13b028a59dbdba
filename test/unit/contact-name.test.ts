import { describe, expect, it } from 'vitest'
import { contactNameIn } from '../../src/conversation/extract/contact-name'

describe('the name a citizen signs a report with', () => {
  it.each([
    ['井盖响，吵得睡不着 张先生', '张先生', '井盖响，吵得睡不着'],
    ['井盖坏了，在武陵大道，我姓王', '王（姓）', '井盖坏了，在武陵大道'],
    ['我姓欧阳，路灯不亮，在人民路', '欧阳（姓）', '路灯不亮，在人民路'],
    ['路灯不亮，联系人：李四，在人民路', '李四', '路灯不亮，在人民路'],
    ['人民路围挡倒了。王女士。', '王女士', '人民路围挡倒了。'],
    ['我叫张小明，小区外墙脱落', '张小明', '小区外墙脱落'],
    ['举报人王小明 解放路工地塔吊很危险', '王小明', '解放路工地塔吊很危险'],
    ['投诉人：赵六，人民路路灯不亮', '赵六', '人民路路灯不亮'],
  ])('「%s」 is signed %s', (said, name, rest) => {
    expect(contactNameIn(said)).toEqual({ name, rest })
  })

  // The number itself is taken out before the name is read: what is left is the bare name where it stood.
  it.each([
    ['工地晚上施工扰民 在迎宾路和朝阳路交叉口 张三', '张三', '工地晚上施工扰民 在迎宾路和朝阳路交叉口'],
    ['人民路井盖丢了，欧阳明', '欧阳明', '人民路井盖丢了'],
    ['桥下有裂缝。刘德华。', '刘德华', '桥下有裂缝。'],
  ])('「%s」, which gave a number, is signed %s', (said, name, rest) => {
    expect(contactNameIn(said, { gaveNumber: true })).toEqual({ name, rest })
  })

  it.each([
    '人民路井盖丢了 谢谢',
    '人民路井盖丢了，请尽快',
    '井盖丢了 在黄花路',
    '路灯坏了，江北',
    '电梯困人 万一出事',
    '路灯不亮很久了 张三',
    '井盖丢了 在王府井',
    '路灯坏了，金城',
  ])('finds no name at the end of 「%s」 unless a number was given beside it', (said) => {
    if (said.endsWith('张三')) expect(contactNameIn(said)).toEqual({ rest: said })
    else expect(contactNameIn(said, { gaveNumber: true })).toEqual({ rest: said })
  })

  it.each([
    '找了物业的李师傅，他说不归他管',
    '张先生家门口的井盖坏了',
    '我是业主，电梯坏了',
    '联系人是我，路灯不亮',
    '人民路王府井门口路面塌了',
    '举报人的信息要保密吗',
  ])('finds no name in 「%s」', (said) => {
    expect(contactNameIn(said)).toEqual({ rest: said })
  })
})
