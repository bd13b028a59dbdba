import { describe, expect, it } from 'vitest'
import { asksAfterOwnRecords, asksOwnCount, asksToAmendRecord } from '../../src/conversation/own-records'

describe('staff asking after their own records', () => {
  it.each([
    ['帮我查一下我上周报的那个隐患怎么样了', 'hazard'],
    ['我报的隐患处理了吗', 'hazard'],
    ['我们昨天上报的问题有结果了吗？', 'hazard'],
    ['我的隐患', 'hazard'],
    ['查看我的巡查记录', 'patrol'],
    ['我今天填的巡查记录保存了吗', 'patrol'],
    // Asked by the day alone (it was not understood).
    ['上周五的巡查记录', 'patrol'],
    ['看一下昨天的巡查记录', 'patrol'],
  ])('「%s」 asks after their %s records', (words, kind) => {
    expect(asksAfterOwnRecords(words)).toBe(kind)
  })

  it.each([
    ['我要改一下刚才那条巡查记录，时间写错了，应该是下午', 'patrol'],
    ['刚才那条记录有误', 'patrol'],
    ['我刚才报的隐患地点写错了', 'hazard'],
    ['我上报的那个隐患要撤回', 'hazard'],
    ['刚刚的隐患报错了，不是重大的', 'hazard'],
    ['刚才的巡查时间填错了', 'patrol'],
    ['撤回', 'latest'],
    ['能不能把上一条删了', 'latest'],
    ['删了吧', 'latest'],
    ['我刚才说错了', 'latest'],
    ['我刚刚报错了 地点应该是朗州路不是人民路', 'latest'],
    ['撤回刚才的上报', 'latest'],
    ['删除刚才那条', 'latest'],
    ['我今天的巡查记录怎么改', 'patrol'],
    ['昨天那条巡查记录能改吗', 'patrol'],
    ['我刚才报的隐患可以改吗', 'hazard'],
    ['刚才那个隐患是一般的 不是重大', 'hazard'],
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

describe('staff asking how many they filed', () => {
  it.each([
    ['帮我查一下我这个月报了几个隐患', 'hazard', 'month', false],
    ['我本周巡查了几次', 'patrol', 'week', false],
    ['我昨天巡查了几次？', 'patrol', 'day', true],
    ['上个月我上报了多少隐患', 'hazard', 'month', true],
    ['我这周报了几条了', 'hazard', 'week', false],
    ['我今年发现了多少隐患', 'hazard', 'year', false],
    ['我报了几个隐患，有几个整改完了', 'hazard', undefined, undefined],
    ['我的隐患数量', 'hazard', undefined, undefined],
    // Whether today's patrol is filed, asked short.
    ['今天报了没有', 'patrol', 'day', false],
    ['我今天的巡查记录交了吗', 'patrol', 'day', false],
  ])('「%s」 asks how many %s records (%s, previous: %s)', (words, kind, period, previous) => {
    const asked = asksOwnCount(words)
    expect(asked?.kind).toBe(kind)
    expect(asked?.period?.kind).toBe(period)
    expect(asked?.period?.previous).toBe(previous)
  })

  it.each([
    '今天我在朝阳路发现几处隐患',
    '我报了几个隐患，朝阳路井盖破损，人民路护栏缺失',
    '我今天巡查了几个工地，都正常',
    '我和老王今天巡查了3个工地，发现2处隐患',
    '人民路有几处井盖缺失',
    '我要改一下刚才报的隐患数量',
  ])('「%s」 is not a question about how many', (words) => {
    expect(asksOwnCount(words)).toBeUndefined()
  })
})
