import { describe, expect, it } from 'vitest'
import { onceIfPastedOver, plainText } from '../../src/conversation/plain-text'

describe('what a message says, without what does not show', () => {
  it.each([
    ['巡\u200b查', '巡查'],
    ['我的\u200d待办', '我的待办'],
    ['\u202e查询 YH20261123-0001', '查询 YH20261123-0001'],
    ['ＹＨ２０２６１１２３-０００１', 'YH20261123-0001'],
    ['查询\u3000YH20261123-0001', '查询 YH20261123-0001'],
    ['<b>巡查</b>', ' 巡查 '],
    ['人民路<br/>井盖缺失', '人民路 井盖缺失'],
  ])('%s', (said, plain) => expect(plainText(said)).toBe(plain))

  it('keeps what shows: Chinese punctuation, a less-than sign, and markup that is no formatting tag', () => {
    expect(plainText('人民路，井盖<缺失>')).toBe('人民路，井盖<缺失>')
    expect(plainText('温度<5度')).toBe('温度<5度')
    expect(plainText('<script>alert(1)</script>')).toBe('<script>alert(1)</script>')
  })
})

describe('a message pasted over and over', () => {
  it.each([
    ['人民路井盖坏了人民路井盖坏了人民路井盖坏了', '人民路井盖坏了'],
    ['建设路路灯不亮！！建设路路灯不亮！！', '建设路路灯不亮'],
    ['快来修！快来修！快来修！', '快来修'],
  ])('reads %s once', (pasted, once) => {
    expect(onceIfPastedOver(pasted)).toBe(once)
  })

  it.each(['人民路井盖坏了', '人民路井盖坏了，建设路井盖也坏了', '哈哈'])('leaves %s as it is', (said) => {
    expect(onceIfPastedOver(said)).toBe(said)
  })
})
