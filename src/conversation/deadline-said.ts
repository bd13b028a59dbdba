import { localDate, zonedInstant } from '../domain/local-time'
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
  if (!date || !range) return { missing: 'date' }
  const reason = after
    .slice(after.indexOf(date) + date.length)
    .replace(/^[\s，,：:。；;]+/, '')
    .replace(/^(?:因为|原因[:：]?|理由[:：]?)/, '')
    .trim()
  if (!reason) return { missing: 'reason' }
  const newDueAt = /[点时:：]/.test(date)
    ? range.start
    : zonedInstant(localDate(range.start, timeZone), timeZone, 23, 59)
  return { newDueAt, reason }
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
