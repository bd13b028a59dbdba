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

export const storableDate = () =>
  z.coerce.date({ message: 'expected a date' }).refine(isStorableDate, 'expected a date between 1900 and 9999')
