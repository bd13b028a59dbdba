import { localDate } from '../domain/local-time'
import { type Period, type PeriodKind, periodOfDate, previousPeriod } from '../domain/periods'

/** A period named in a question (「本周」「上个月」「今年」): its kind, whether it is the one before, and how to say it. */
export interface PeriodSaid {
  kind: PeriodKind
  previous: boolean
  said: string
  /** 「最近一周」「近30天」: the days up to now rather than a calendar period. */
  lastDays?: number
}

/** 「近30天」「最近一个月」 — and 「最近」 said with no span (summary-asked.ts). */
export const LAST_30_DAYS: PeriodSaid = { kind: 'month', previous: false, said: '近30天', lastDays: 30 }

const ROLLING: readonly [RegExp, PeriodSaid][] = [
  [
    /(?:最近|近)(?:一|1)?(?:周|个?星期|个?礼拜)|(?:最近|近)(?:七|7)天|这几天|最近几天/,
    { kind: 'week', previous: false, said: '近7天', lastDays: 7 },
  ],
  [/(?:最近|近)(?:一|1)个?月|(?:最近|近)(?:三十|30)天/, LAST_30_DAYS],
]

const DAY_MS = 86_400_000

/** The periods a question means when it names none: today, or this month. */
export const TODAY: PeriodSaid = { kind: 'day', previous: false, said: '今天' }
export const THIS_MONTH: PeriodSaid = { kind: 'month', previous: false, said: '本月' }

const PERIODS: readonly [RegExp, PeriodSaid][] = [
  [/今天|今日/, TODAY],
  [/昨天|昨日/, { kind: 'day', previous: true, said: '昨天' }],
  [/本周|这周|这个?星期|这个?礼拜/, { kind: 'week', previous: false, said: '本周' }],
  [/上周|上个?星期|上个?礼拜/, { kind: 'week', previous: true, said: '上周' }],
  [/本月|这个?月/, THIS_MONTH],
  [/上个?月/, { kind: 'month', previous: true, said: '上月' }],
  [/本季度?|这个?季度/, { kind: 'quarter', previous: false, said: '本季度' }],
  [/上个?季度/, { kind: 'quarter', previous: true, said: '上季度' }],
  [/今年|本年度?/, { kind: 'year', previous: false, said: '今年' }],
  [/去年/, { kind: 'year', previous: true, said: '去年' }],
]

export function periodSaidIn(input: string): PeriodSaid | undefined {
  return (ROLLING.find(([pattern]) => pattern.test(input)) ?? PERIODS.find(([pattern]) => pattern.test(input)))?.[1]
}

/** The whole period meant: the current one, or the one before it. */
export function periodMeant(named: PeriodSaid, now: Date, timeZone: string): Period {
  if (named.lastDays) {
    const startAt = new Date(now.getTime() - named.lastDays * DAY_MS)
    return {
      kind: named.kind,
      start: localDate(startAt, timeZone),
      end: localDate(now, timeZone),
      startAt,
      endAt: now,
      label: named.said,
    }
  }
  const current = periodOfDate(named.kind, localDate(now, timeZone), timeZone)
  return named.previous ? previousPeriod(current, timeZone) : current
}
