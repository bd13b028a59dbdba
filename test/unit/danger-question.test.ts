import { describe, expect, it } from 'vitest'
import { dangerAskedAfter } from '../../src/conversation/danger-question'

describe('a danger asked after, never reported', () => {
  it.each([
    ['有燃气泄漏的报告吗', '燃气泄漏'],
    ['今天有没有塌陷的', '塌陷'],
    ['最近一周燃气泄漏的投诉有几起', '燃气泄漏'],
    ['本月塌陷的隐患有多少', '塌陷'],
  ])('「%s」 asks after 「%s」', (input, said) => {
    expect(dangerAskedAfter(input)).toBe(said)
  })

  it.each(['有燃气泄漏', '人民路燃气泄漏了', '最近一周井盖的投诉有几起', '发现几处塌陷'])(
    '「%s」 asks after no danger',
    (input) => {
      expect(dangerAskedAfter(input)).toBeUndefined()
    },
  )
})
