import { addDays, dayOfWeek, type IsoDate, parseIsoDate } from './local-time'

/**
 * The official working-day calendar. China moves working days around public holidays (调休): some
 * weekdays are rest days and some weekends are make-up working days. Only those exceptions are stored;
 * every other day follows the Monday–Friday rule. A year the data does not cover is not guessed at:
 * anything computed through it is marked provisional.
 */
export const CALENDAR_DAY_KINDS = ['rest', 'work'] as const
export type CalendarDayKind = (typeof CALENDAR_DAY_KINDS)[number]

export interface CalendarException {
  date: IsoDate
  kind: CalendarDayKind
  name?: string | null
}

export interface WorkingDayResult {
  date: IsoDate
  /** True when the computation crossed a year the calendar data does not cover. */
  provisional: boolean
}

export class WorkingCalendar {
  private readonly exceptions: ReadonlyMap<IsoDate, CalendarDayKind>
  private readonly coveredYears: ReadonlySet<number>

  constructor(exceptions: Iterable<CalendarException>, coveredYears: Iterable<number>) {
    const map = new Map<IsoDate, CalendarDayKind>()
    for (const e of exceptions) map.set(e.date, e.kind)
    this.exceptions = map
    this.coveredYears = new Set(coveredYears)
  }

  isCovered(date: IsoDate): boolean {
    return this.coveredYears.has(parseIsoDate(date).year)
  }

  isWorkingDay(date: IsoDate): boolean {
    const exception = this.exceptions.get(date)
    if (exception) return exception === 'work'
    const weekday = dayOfWeek(date)
    return weekday !== 0 && weekday !== 6
  }

  /** The `n`-th working day strictly after `from` (n ≥ 1), or `from` itself for n = 0 when it is a working day. */
  addWorkingDays(from: IsoDate, n: number): WorkingDayResult {
    if (!Number.isInteger(n) || n < 0) throw new RangeError(`working days must be a whole number ≥ 0, got ${n}`)
    let provisional = !this.isCovered(from)
    let date = from
    let remaining = n
    if (n === 0) {
      while (!this.isWorkingDay(date)) {
        date = addDays(date, 1)
        provisional ||= !this.isCovered(date)
      }
      return { date, provisional }
    }
    while (remaining > 0) {
      date = addDays(date, 1)
      provisional ||= !this.isCovered(date)
      if (this.isWorkingDay(date)) remaining--
    }
    return { date, provisional }
  }

  /** Working days in [start, end], both inclusive. */
  workingDaysBetween(start: IsoDate, end: IsoDate): IsoDate[] {
    const days: IsoDate[] = []
    for (let d = start; d <= end; d = addDays(d, 1)) if (this.isWorkingDay(d)) days.push(d)
    return days
  }
}
