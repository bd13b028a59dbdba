import { describe, expect, it } from 'vitest'
import { plainText } from '../../src/conversation/plain-text'

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
