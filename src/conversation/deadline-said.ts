import { NUMBER_PATTERN, parseChineseNumber } from '../domain/chinese-numbers'
import { addDays, addMonths, dayOfWeek, isoDate, localDate, parseIsoDate, zonedInstant } from '../domain/local-time'
import { parseTimeRange } from './extract/time'

/**
 * A later deadline said with why (「12月31日 需协调燃气管线迁改」「明天下午5点 材料没到」), as the 延期 commands take
 * it for a hazard's rectification and a complaint's handling. A day without an hour is the end of that day, as a
 * deadline is read everywhere. What is missing is said, so the person is asked for that alone.
 */
export type DeadlineSaid = { newDueAt: Date; reason: string } | { missing: 'date' | 'reason' }

export function deadlineSaid(said: string, now: Date, timeZone: string): DeadlineSaid {
  const after = withMonthNamed(said.replace(/^(?:到|至)\s*/, ''), now, timeZone)
  const date =
    /^(?:到|至)?\s*([^，,。；;\s]*?(?:[0-9一二三四五六七八九十]+\s*[日号]|月底|周[一二三四五六日天]|下周|下个?月|今天|明天|后天)(?:前|以前|之前|为止)?(?:(?:上午|下午|中午|晚上)?[0-9一二三四五六七八九十]+[点时](?:[0-9]+分?|半)?)?)/.exec(
      after,
    )?.[1]
  const range = date ? parseTimeRange(date, now, timeZone, 'future') : undefined
  if (!date || !range) {
    // 「两周内 材料没到」「月底前 需协调」: a span from today, or the end of the month.
    const first = /^[^，,。；;\s]+/.exec(after)?.[0] ?? ''
    const spanEnd = first ? deadlineInWords(first, now, timeZone) : undefined
    if (!spanEnd) return { missing: 'date' }
    const why = reasonAfter(after, first)
    return why ? { newDueAt: spanEnd, reason: why } : { missing: 'reason' }
  }
  const reason = reasonAfter(after, date)
  if (!reason) return { missing: 'reason' }
  const newDueAt = /[点时:：]/.test(date)
    ? range.start
    : zonedInstant(localDate(range.start, timeZone), timeZone, 23, 59)
  return { newDueAt, reason }
}

/** The words after the new limit: why. */
function reasonAfter(after: string, date: string): string {
  return after
    .slice(after.indexOf(date) + date.length)
    .replace(/^[\s，,：:。；;]+/, '')
    .replace(/^(?:因为|原因[:：]?|理由[:：]?)/, '')
    .trim()
}

/** What is asked for when a 延期 lacks its new limit (named `limitLabel`: 整改期限, 办理时限) or its reason. */
export function askMissingDeadline(missing: 'date' | 'reason', limitLabel: string, example: string): string {
  return missing === 'date' ? `请写明新的${limitLabel}和原因，${example}` : `请写明延期原因，${example}`
}

/**
 * 「下个月15号」「本月20号」「15号」, said as a deadline: the month named (or the next one the day comes in) written
 * out, 「12月15日」, as the time reader knows it. (Only here: 「15号」 in a report is a house number.)
 */
export function withMonthNamed(said: string, now: Date, timeZone: string): string {
  const today = localDate(now, timeZone)
  const [, month, day] = today.split('-').map(Number) as [number, number, number]
  const monthAfter = (m: number) => (m % 12) + 1
  return said
    .replace(/^(?:下个?月)([0-9]{1,2})\s*[日号]/, (_, d: string) => `${monthAfter(month)}月${d}日`)
    .replace(/^(?:本月|这个?月)([0-9]{1,2})\s*[日号]/, (_, d: string) => `${month}月${d}日`)
    .replace(/^([0-9]{1,2})\s*[日号]/, (_, d: string) => `${Number(d) > day ? month : monthAfter(month)}月${d}日`)
}

/**
 * 「期限改到下周五」「整改时限延长到月底」「截止时间推迟到15号」: moving a deadline later, said as the 延期 it is
 * (「延期到下周五」), for the readers of 延期 after a record's number or name.
 */
const DEADLINE_MOVED =
  /(?:整改|办理)?(?:期限|时限|截止(?:日期|时间)?)(?:再)?(?:改到|改为|改成|延到|延长到|延长至|延至|调到|调整到|调整为|推到|推迟到|顺延到|放宽到)/

export function deadlineMoveAsExtension(said: string): string {
  return said.replace(DEADLINE_MOVED, '延期到')
}

/**
 * 「两周内」「10天内」「一个月内」「月底前」「年底」「本周内」: a deadline said as a span from today or the end of this
 * month, year or week — the end of that day (23:59), as every deadline said as a day is. Undefined for anything
 * else (dates and hours are the time reader's).
 */
const SPAN_SAID = new RegExp(
  `^(?:在)?(${NUMBER_PATTERN}|半)\\s*个?(天|日|周|星期|礼拜|月)(?:内|之内|以内)?(?:完成|整改完毕?|处理完)?$`,
)
const END_OF_SAID =
  /^(?:在)?(?:本|这个?|今)?(月底|月末|年底|年末|周末|周内|星期内)(?:前|以前|之前|内)?(?:完成|整改完毕?|处理完)?$/

export function deadlineInWords(said: string, now: Date, timeZone: string): Date | undefined {
  const text = said.trim().replace(/[。！!，,\s]+$/, '')
  const today = localDate(now, timeZone)
  const byEndOf = (date: string) => zonedInstant(date, timeZone, 23, 59)
  const span = SPAN_SAID.exec(text)
  if (span) {
    const count = span[1] === '半' ? 0.5 : parseChineseNumber(span[1] ?? '')
    if (count === undefined || count <= 0 || count > 366) return undefined
    const unit = span[2] ?? ''
    if (unit === '月') return byEndOf(count === 0.5 ? addDays(today, 15) : addMonths(today, count))
    const days = /周|星期|礼拜/.test(unit) ? count * 7 : count
    return Number.isInteger(days) ? byEndOf(addDays(today, days)) : undefined
  }
  const end = END_OF_SAID.exec(text)?.[1]
  if (!end) return undefined
  const { year, month } = parseIsoDate(today)
  if (end === '月底' || end === '月末')
    return byEndOf(addDays(isoDate(month === 12 ? year + 1 : year, (month % 12) + 1, 1), -1))
  if (end === '年底' || end === '年末') return byEndOf(isoDate(year, 12, 31))
  // This week's Sunday (a week runs Monday to Sunday here).
  return byEndOf(addDays(today, (7 - dayOfWeek(today)) % 7))
}
