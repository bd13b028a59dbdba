/**
 * Calendar arithmetic in a named time zone (default Asia/Shanghai). Dates without a time are
 * ISO strings 'YYYY-MM-DD': the calendar, deadlines and report periods all speak in local dates,
 * while instants stay UTC Date objects.
 */
export type IsoDate = string

const formatters = new Map<string, Intl.DateTimeFormat>()

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone)
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    })
    formatters.set(timeZone, formatter)
  }
  return formatter
}

export interface LocalParts {
  year: number
  month: number
  day: number
  hour: number
  minute: number
  second: number
}

export function localParts(instant: Date, timeZone: string): LocalParts {
  const parts: Record<string, number> = {}
  for (const part of formatterFor(timeZone).formatToParts(instant)) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value)
  }
  return {
    year: parts.year ?? 0,
    month: parts.month ?? 0,
    day: parts.day ?? 0,
    hour: parts.hour ?? 0,
    minute: parts.minute ?? 0,
    second: parts.second ?? 0,
  }
}

export function localDate(instant: Date, timeZone: string): IsoDate {
  const p = localParts(instant, timeZone)
  return isoDate(p.year, p.month, p.day)
}

export function isoDate(year: number, month: number, day: number): IsoDate {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`
}

export function parseIsoDate(date: IsoDate): { year: number; month: number; day: number } {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date)
  if (!match) throw new RangeError(`not an ISO date: ${date}`)
  return { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) }
}

/** The UTC instant of a local wall-clock time in `timeZone`. */
export function zonedInstant(date: IsoDate, timeZone: string, hour = 0, minute = 0, second = 0, ms = 0): Date {
  const { year, month, day } = parseIsoDate(date)
  const asUtc = Date.UTC(year, month - 1, day, hour, minute, second, ms)
  // The zone's offset at that moment; a second pass settles offsets that change on that day.
  let guess = asUtc - offsetMs(new Date(asUtc), timeZone)
  guess = asUtc - offsetMs(new Date(guess), timeZone)
  return new Date(guess)
}

function offsetMs(instant: Date, timeZone: string): number {
  const p = localParts(instant, timeZone)
  const wallAsUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second)
  return wallAsUtc - Math.floor(instant.getTime() / 1000) * 1000
}

export function startOfLocalDay(date: IsoDate, timeZone: string): Date {
  return zonedInstant(date, timeZone)
}

/** The last millisecond of a local day: deadlines "by the end of day N" land here. */
export function endOfLocalDay(date: IsoDate, timeZone: string): Date {
  return new Date(zonedInstant(addDays(date, 1), timeZone).getTime() - 1)
}

export function addDays(date: IsoDate, days: number): IsoDate {
  const { year, month, day } = parseIsoDate(date)
  const d = new Date(Date.UTC(year, month - 1, day + days))
  return isoDate(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate())
}

/** Adds calendar months, clamping to the month's last day (Jan 31 + 1 month = Feb 28/29). */
export function addMonths(date: IsoDate, months: number): IsoDate {
  const { year, month, day } = parseIsoDate(date)
  const target = new Date(Date.UTC(year, month - 1 + months, 1))
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate()
  return isoDate(target.getUTCFullYear(), target.getUTCMonth() + 1, Math.min(day, lastDay))
}

/** 0 = Sunday … 6 = Saturday, for a local date. */
export function dayOfWeek(date: IsoDate): number {
  const { year, month, day } = parseIsoDate(date)
  return new Date(Date.UTC(year, month - 1, day)).getUTCDay()
}

export function datesBetween(start: IsoDate, endInclusive: IsoDate): IsoDate[] {
  const dates: IsoDate[] = []
  for (let d = start; d <= endInclusive; d = addDays(d, 1)) dates.push(d)
  return dates
}

/** ISO week key of a local date, e.g. 2026-W48: weeks start on Monday and belong to the year of their Thursday. */
export function isoWeekKey(date: IsoDate): string {
  const { year, month, day } = parseIsoDate(date)
  const d = new Date(Date.UTC(year, month - 1, day))
  const weekday = d.getUTCDay() || 7
  d.setUTCDate(d.getUTCDate() + 4 - weekday)
  const yearStart = Date.UTC(d.getUTCFullYear(), 0, 1)
  const week = Math.ceil(((d.getTime() - yearStart) / 86_400_000 + 1) / 7)
  return `${d.getUTCFullYear()}-W${String(week).padStart(2, '0')}`
}
