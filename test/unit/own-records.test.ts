import { describe, expect, it } from 'vitest'
import { asksAfterOwnRecords, asksToAmendRecord } from '../../src/conversation/own-records'

describe('staff asking after their own records', () => {
  it.each([
    ['帮我查一下我上周报的那个隐患怎么样了', 'hazard'],
    ['我报的隐患处理了吗', 'hazard'],
    ['我们昨天上报的问题有结果了吗？', 'hazard'],
    ['我的隐患', 'hazard'],
    ['查看我的巡查记录', 'patrol'],
    ['我今天填的巡查记录保存了吗', 'patrol'],
  ])('「%s」 asks after their %s records', (words, kind) => {
    expect(asksAfterOwnRecords(words)).toBe(kind)
  })

  it.each([
    ['我要改一下刚才那条巡查记录，时间写错了，应该是下午', 'patrol'],
    ['刚才那条记录有误', 'patrol'],
    ['我刚才报的隐患地点写错了', 'hazard'],
    ['我上报的那个隐患要撤回', 'hazard'],
  ])('「%s」 wants a saved %s record changed', (words, kind) => {
    expect(asksToAmendRecord(words)).toBe(kind)
    expect(asksAfterOwnRecords(words)).toBeUndefined()
  })

  it.each([
    '上报隐患 人民路井盖缺失',
    '上午巡查人民路发现井盖缺失，我们已经处理了',
    '我发现的井盖缺失在人民路88号',
    '巡查 今天上午8点到10点 朗州路 2人1车',
    '井盖怎么坏了',
  ])('「%s」 is a report, not a question about one', (words) => {
    expect(asksAfterOwnRecords(words)).toBeUndefined()
    expect(asksToAmendRecord(words)).toBeUndefined()
  })
})
