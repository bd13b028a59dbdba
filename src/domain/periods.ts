import {
  addDays,
  addMonths,
  dayOfWeek,
  endOfLocalDay,
  type IsoDate,
  isoDate,
  parseIsoDate,
  startOfLocalDay,
} from './local-time'

/** Reporting periods of the statutory forms: weeks run Monday to Sunday. */
export const PERIOD_KINDS = ['day', 'week', 'month', 'quarter', 'half', 'year'] as const
export type PeriodKind = (typeof PERIOD_KINDS)[number]

export interface Period {
  kind: PeriodKind
  start: IsoDate
  end: IsoDate
  startAt: Date
  /** Last millisecond of the period. */
  endAt: Date
  label: string
}

export function periodOfDate(kind: PeriodKind, date: IsoDate, timeZone: string): Period {
  const { year, month } = parseIsoDate(date)
  let start: IsoDate
  let end: IsoDate
  let label: string
  switch (kind) {
    case 'day':
      start = end = date
      label = date
      break
    case 'week': {
      const offset = (dayOfWeek(date) + 6) % 7
      start = addDays(date, -offset)
      end = addDays(start, 6)
      label = `${start} 至 ${end}`
      break
    }
    case 'month':
      start = isoDate(year, month, 1)
      end = addDays(addMonths(start, 1), -1)
      label = `${year}年${month}月`
      break
    case 'quarter': {
      const quarter = Math.floor((month - 1) / 3)
      start = isoDate(year, quarter * 3 + 1, 1)
      end = addDays(addMonths(start, 3), -1)
      label = `${year}年第${quarter + 1}季度`
      break
    }
    case 'half': {
      const second = month > 6
      start = isoDate(year, second ? 7 : 1, 1)
      end = addDays(addMonths(start, 6), -1)
      label = `${year}年${second ? '下' : '上'}半年`
      break
    }
    case 'year':
      start = isoDate(year, 1, 1)
      end = isoDate(year, 12, 31)
      label = `${year}年`
      break
  }
  return { kind, start, end, startAt: startOfLocalDay(start, timeZone), endAt: endOfLocalDay(end, timeZone), label }
}

export function previousPeriod(period: Period, timeZone: string): Period {
  return periodOfDate(period.kind, addDays(period.start, -1), timeZone)
}

/** The quarterly bulletin is due by the 28th of the quarter's last month. */
export function quarterlyBulletinDueDate(quarter: Period): IsoDate {
  const { year, month } = parseIsoDate(quarter.end)
  return isoDate(year, month, 28)
}
