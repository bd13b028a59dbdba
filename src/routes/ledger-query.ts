import type { Context } from 'hono'
import type { z } from 'zod'
import type { AppEnv } from '../app-env'
import { endOfLocalDay, startOfLocalDay } from '../domain/local-time'
import { AppError } from '../errors'

const PLAIN_DATE = /^\d{4}-\d{2}-\d{2}$/
// Four-digit years only, and not the last day JavaScript can name: the day's end must stay a date.
const isPlainDate = (v: string) =>
  PLAIN_DATE.test(v) && !Number.isNaN(Date.parse(v)) && v >= '1900-01-01' && v < '9999-12-31'

/**
 * Reads a ledger filter from the query string, or answers 400 naming the field that is wrong. A plain date
 * in `from`/`to` means the whole local day in the city's time zone (to=2026-11-20 includes that evening).
 */
export function parseFilter<T extends z.ZodType>(c: Context<AppEnv>, schema: T): z.infer<T> {
  const timeZone = c.get('services').config.timeZone
  const query = Object.fromEntries(
    Object.entries(c.req.query())
      .filter(([, v]) => v !== '')
      .map(([k, v]) => {
        if (k === 'from' && isPlainDate(v)) return [k, startOfLocalDay(v, timeZone).toISOString()]
        if (k === 'to' && isPlainDate(v)) return [k, endOfLocalDay(v, timeZone).toISOString()]
        return [k, v]
      }),
  )
  const parsed = schema.safeParse(query)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    throw new AppError('invalid_request', `${issue?.path.join('.') || 'query'}: ${issue?.message ?? 'invalid'}`)
  }
  return parsed.data
}
