import { describe, expect, it } from 'vitest'
import { isCourtesy, isGreeting, thanks } from '../../src/conversation/courtesy'
import { dangerAskedAfter, kindAskedAfter, placeCountedAfter } from '../../src/conversation/danger-question'

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

describe('the open records of a kind asked after, or a place’s counted', () => {
  it.each([
    ['最近有没有燃气方面的问题', { kind: 'gas', of: 'both' }],
    ['工地方面有什么隐患', { kind: 'construction_site', of: 'hazards' }],
    ['市政设施那边有什么投诉吗', { kind: 'road_municipal', of: 'complaints' }],
  ])('「%s」 asks after %o', (input, asked) => {
    expect(kindAskedAfter(input)).toEqual(asked)
  })

  // A kind counted is the month's count by kind (ledger-question), not the open ones.
  it.each(['燃气方面有几个隐患', '人民路有什么问题吗', '燃气方面'])('「%s」 asks after no kind', (input) => {
    expect(kindAskedAfter(input)).toBeUndefined()
  })

  it('reads 「人民路有几个隐患」 and 「解放路的投诉有多少」 as a place counted, never a kind or a grade', () => {
    expect(placeCountedAfter('人民路有几个隐患')).toEqual({ place: '人民路', of: 'hazards' })
    expect(placeCountedAfter('解放路的投诉有多少')).toEqual({ place: '解放路', of: 'complaints' })
    for (const input of ['燃气方面有几个隐患', '重大隐患有几个', '人民路发现井盖缺失'])
      expect(placeCountedAfter(input)).toBeUndefined()
  })
})

describe('courtesy and praise, on their own', () => {
  it.each(['好的 谢谢 很快', '效率真高 点赞', '处理得很及时，谢谢', '辛苦了', '太好了', '收到通报'])(
    '「%s」 is courtesy',
    (input) => {
      expect(isCourtesy(input)).toBe(true)
    },
  )

  it.each(['很快就塌了', '人民路井盖坏了 谢谢', '满意', '不满意', '可以'])('「%s」 is not', (input) => {
    expect(isCourtesy(input)).toBe(false)
  })

  it('reads 「在的话回一下」「有人的话回个话」 as a greeting (they had been asked where)', () => {
    for (const said of ['在的话回一下', '有人的话回个话', '你好 在的话回复一下', '在吗'])
      expect(isGreeting(said), said).toBe(true)
    expect(isGreeting('在人民路 回一下电话')).toBe(false)
  })

  it('thanks only where thanks are said', () => {
    expect(thanks('好的 谢谢 很快')).toBe(true)
    expect(thanks('效率真高')).toBe(false)
  })
})
