import { describe, expect, it } from 'vitest'
import { isoWeek, reportFileName, reportPeriodLabel } from '../../src/domain/report-file-name'

describe('report file names', () => {
  it('names the unit, the form and the period in Chinese', () => {
    expect(
      reportFileName({
        kind: 'weekly',
        unitName: '市政建设总公司',
        periodStart: '2026-11-16',
        periodEnd: '2026-11-22',
      }),
    ).toBe('市政建设总公司_周报表_2026年第47周.xlsx')
    expect(
      reportFileName({ kind: 'monthly', unitName: '安监科', periodStart: '2026-10-01', periodEnd: '2026-10-31' }),
    ).toBe('安监科_月报表_2026年10月.xlsx')
    expect(
      reportFileName({ kind: 'bulletin', unitName: '安监科', periodStart: '2026-10-01', periodEnd: '2026-12-31' }),
    ).toBe('安监科_季度通报_2026年第4季度.xlsx')
    expect(reportFileName({ kind: 'digest', unitName: null, periodStart: '2026-11-23', periodEnd: '2026-11-23' })).toBe(
      '全市_每日简报_2026年11月23日.xlsx',
    )
    expect(
      reportFileName({ kind: 'weekly', unitName: '房管局/物业科', periodStart: '2026-11-16', periodEnd: '2026-11-22' }),
    ).toBe('房管局_物业科_周报表_2026年第47周.xlsx')
  })

  it('numbers weeks as ISO 8601 does, across the turn of the year', () => {
    expect(isoWeek('2026-01-01')).toEqual({ weekYear: 2026, week: 1 })
    expect(isoWeek('2027-01-01')).toEqual({ weekYear: 2026, week: 53 })
    expect(isoWeek('2025-12-29')).toEqual({ weekYear: 2026, week: 1 })
    expect(isoWeek('2026-11-16')).toEqual({ weekYear: 2026, week: 47 })
  })
})

describe('report periods in words', () => {
  it('names weeks, months, quarters, days and spans as the office does', () => {
    expect(reportPeriodLabel({ kind: 'weekly', periodStart: '2026-11-16', periodEnd: '2026-11-22' })).toBe(
      '2026年第47周',
    )
    expect(reportPeriodLabel({ kind: 'campaign', periodStart: '2026-11-01', periodEnd: '2026-11-30' })).toBe(
      '2026年11月',
    )
    expect(reportPeriodLabel({ kind: 'bulletin', periodStart: '2026-07-01', periodEnd: '2026-09-30' })).toBe(
      '2026年第3季度',
    )
    expect(reportPeriodLabel({ kind: 'daily', periodStart: '2026-11-23', periodEnd: '2026-11-23' })).toBe(
      '2026年11月23日',
    )
    expect(reportPeriodLabel({ kind: 'score', periodStart: '2026-01-01', periodEnd: '2026-06-30' })).toBe(
      '2026年1月1日至2026年6月30日',
    )
  })
})
