import { localDate } from '../domain/local-time'
import { type Period, type PeriodKind, periodOfDate, previousPeriod } from '../domain/periods'

/** A period named in a question (「本周」「上个月」「今年」): its kind, whether it is the one before, and how to say it. */
export interface PeriodSaid {
  kind: PeriodKind
  previous: boolean
  said: string
}

const PERIODS: readonly [RegExp, PeriodSaid][] = [
  [/今天|今日/, { kind: 'day', previous: false, said: '今天' }],
  [/昨天|昨日/, { kind: 'day', previous: true, said: '昨天' }],
  [/本周|这周|这个?星期|这个?礼拜/, { kind: 'week', previous: false, said: '本周' }],
  [/上周|上个?星期|上个?礼拜/, { kind: 'week', previous: true, said: '上周' }],
  [/本月|这个?月/, { kind: 'month', previous: false, said: '本月' }],
  [/上个?月/, { kind: 'month', previous: true, said: '上月' }],
  [/本季度?|这个?季度/, { kind: 'quarter', previous: false, said: '本季度' }],
  [/上个?季度/, { kind: 'quarter', previous: true, said: '上季度' }],
  [/今年|本年度?/, { kind: 'year', previous: false, said: '今年' }],
  [/去年/, { kind: 'year', previous: true, said: '去年' }],
]

export function periodSaidIn(input: string): PeriodSaid | undefined {
  return PERIODS.find(([pattern]) => pattern.test(input))?.[1]
}

/** The whole period meant: the current one, or the one before it. */
export function periodMeant(named: PeriodSaid, now: Date, timeZone: string): Period {
  const current = periodOfDate(named.kind, localDate(now, timeZone), timeZone)
  return named.previous ? previousPeriod(current, timeZone) : current
}
