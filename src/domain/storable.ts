import { z } from 'zod'

/**
 * Values as the database can hold them. A row id is a PostgreSQL integer, so ids past 2³¹−1 are refused
 * as bad input rather than failing the query; a time must be a real date in a range both JavaScript and
 * PostgreSQL print the same way (four-digit years).
 */
export const MAX_ROW_ID = 2_147_483_647

export const rowId = () => z.coerce.number().int().positive().max(MAX_ROW_ID, 'not a known id')

const EARLIEST = Date.UTC(1900, 0, 1)
const LATEST = Date.UTC(9999, 11, 31)

export function isStorableDate(date: Date): boolean {
  const time = date.getTime()
  return Number.isFinite(time) && time >= EARLIEST && time <= LATEST
}

/** Whether the text is a date or a time on a day the calendar does not have (2026-02-30, 2026-04-31T08:00). */
export function namesNoDay(text: string): boolean {
  return /^\d{4}-\d{2}-\d{2}(?:$|T)/.test(text) && !z.iso.date().safeParse(text.slice(0, 10)).success
}

/** A date as the database can hold it; a day the calendar does not have is refused, where Date would roll it over. */
export const storableDate = () =>
  z.preprocess(
    (value) => (typeof value === 'string' && namesNoDay(value) ? Number.NaN : value),
    z.coerce.date({ message: 'expected a date' }).refine(isStorableDate, 'expected a date between 1900 and 9999'),
  )
