import type { Context } from 'hono'
import { z } from 'zod'
import type { AppEnv } from '../app-env'
import { endOfLocalDay, startOfLocalDay } from '../domain/local-time'
import { namesNoDay } from '../domain/storable'
import { AppError } from '../errors'

const PLAIN_DATE = /^\d{4}-\d{2}-\d{2}$/
/** A day on the calendar: JavaScript's Date would read 2026-02-30 as the 2nd of March. */
const isCalendarDay = (v: string) => z.iso.date().safeParse(v).success
// Four-digit years only, and not the last day JavaScript can name: the day's end must stay a date.
const isPlainDate = (v: string) => PLAIN_DATE.test(v) && isCalendarDay(v) && v >= '1900-01-01' && v < '9999-12-31'

/** The filter fields as the console's filter form names them, for the page a person sees. */
const FILTER_LABELS: Record<string, string> = {
  unit: '单位',
  status: '状态',
  level: '等级',
  category: '类别',
  kind: '类型',
  from: '开始日期',
  to: '结束日期',
  overdue: '超期',
  cursor: '翻页位置',
  limit: '每页条数',
  supervisor: '督查人员',
}

/**
 * Reads a ledger filter from the query string, or answers 400 naming the field that is wrong — to a system in
 * the API's words, to a person at the console in Chinese. A plain date in `from`/`to` means the whole local day
 * in the city's time zone (to=2026-11-20 includes that evening).
 */
export function parseFilter<T extends z.ZodType>(
  c: Context<AppEnv>,
  schema: T,
  reader: 'system' | 'person' = 'system',
): z.infer<T> {
  // A list's wrong value (status=open,lost, path status.1) is named for a person by the list's field: 状态.
  const refuse = (path: readonly PropertyKey[], message: string) => {
    const label = FILTER_LABELS[String(path[0])]
    return new AppError(
      'invalid_request',
      reader === 'system'
        ? `${path.map(String).join('.') || 'query'}: ${message}`
        : label
          ? `筛选条件「${label}」无效，请重新选择。`
          : '筛选条件无效，请重新选择。',
    )
  }
  const timeZone = c.get('services').config.timeZone
  const query = Object.fromEntries(
    Object.entries(c.req.query())
      .filter(([, v]) => v !== '')
      .map(([k, v]) => {
        if ((k === 'from' || k === 'to') && namesNoDay(v))
          throw refuse([k], `${v.slice(0, 10)} is not a day on the calendar`)
        if (k === 'from' && isPlainDate(v)) return [k, startOfLocalDay(v, timeZone).toISOString()]
        if (k === 'to' && isPlainDate(v)) return [k, endOfLocalDay(v, timeZone).toISOString()]
        return [k, v]
      }),
  )
  const parsed = schema.safeParse(query)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    throw refuse(issue?.path ?? [], issue?.message ?? 'invalid')
  }
  return parsed.data
}
