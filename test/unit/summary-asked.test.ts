import { describe, expect, it } from 'vitest'
import { intentOf } from '../../src/conversation/intent'
import { summaryAskedIn } from '../../src/conversation/summary-asked'

describe('a period’s state asked for in words', () => {
  it('reads the period whatever the order and the filler', () => {
    expect(summaryAskedIn('本周隐患情况汇总一下')).toMatchObject({ kind: 'week', previous: false })
    expect(summaryAskedIn('汇总一下本周隐患情况')).toMatchObject({ kind: 'week', previous: false })
    expect(summaryAskedIn('把这个月的数据统计一下')).toMatchObject({ kind: 'month', previous: false })
    expect(summaryAskedIn('这周的巡查和隐患情况发我看看')).toMatchObject({ kind: 'week' })
    expect(summaryAskedIn('上周工作情况汇总')).toMatchObject({ kind: 'week', previous: true })
    expect(summaryAskedIn('本季度隐患排查治理情况')).toMatchObject({ kind: 'quarter' })
    expect(summaryAskedIn('这个月隐患多不多')).toMatchObject({ kind: 'month' })
    expect(summaryAskedIn('最近一周的情况汇总')).toMatchObject({ lastDays: 7 })
    // 「最近」 with no span said: the last thirty days (「最近投诉多吗」 was not understood).
    expect(summaryAskedIn('最近投诉多吗')).toMatchObject({ lastDays: 30, said: '近30天' })
    expect(summaryAskedIn('近期隐患多不多')).toMatchObject({ lastDays: 30 })
    // The reports summed up are the figures (whether they were filed is asked otherwise).
    expect(summaryAskedIn('这周的周报汇总一下')).toMatchObject({ kind: 'week', previous: false })
    expect(summaryAskedIn('上个月月报总结一下')).toMatchObject({ kind: 'month', previous: true })
  })

  it('leaves alone what names a place, a thing or a narrower question, and what names no period', () => {
    for (const said of [
      '本周人民路发现井盖破损',
      '今天发现一处隐患，情况紧急',
      '这个月哪个单位隐患最多',
      '本周投诉最多的是哪类',
      '这个月的统计表怎么填',
      '本周我巡查了几次',
      '本周有没有重大隐患',
      '隐患情况汇总一下',
      '本周周报交了吗',
      '这周的周报怎么写',
    ])
      expect(summaryAskedIn(said), said).toBeUndefined()
  })

  it('opens no hazard form for the ledger’s own word 隐患 in such a question', () => {
    expect(intentOf('本周隐患情况')).toBeUndefined()
    expect(intentOf('这个月隐患多不多')).toBeUndefined()
    expect(intentOf('本周人民路发现井盖破损')).toBe('hazard')
  })
})
