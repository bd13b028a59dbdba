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
  ])('「%s」 is signed %s', (said, name, rest) => {
    expect(contactNameIn(said)).toEqual({ name, rest })
  })

  it.each([
    '找了物业的李师傅，他说不归他管',
    '张先生家门口的井盖坏了',
    '我是业主，电梯坏了',
    '联系人是我，路灯不亮',
    '人民路王府井门口路面塌了',
  ])('finds no name in 「%s」', (said) => {
    expect(contactNameIn(said)).toEqual({ rest: said })
  })
})
