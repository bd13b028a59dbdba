import { and, asc, eq, gte, lte } from 'drizzle-orm'
import { accidents, units } from '../db/schema'
import { ACCIDENT_LEVEL_LABELS } from '../services/accidents'
import { clip } from './format'
import { periodMeant, periodSaidIn, THIS_MONTH } from './period-said'
import type { Turn } from './types'

/**
 * 「本月有没有发生安全事故」「今年发生了几起事故」: the accidents the supervising office recorded in a period (this
 * month unless another is named) — it was not understood. What was recorded for the assessment, each by its day,
 * unit, grade and deaths.
 */
const NAMES_ACCIDENT = /事故/
const ASKS_HOW_MANY = /有没有|有无|几起|多少起|多少|几个|哪些|情况|统计|吗|么|[？?]$/
/** 「事故怎么登记」「事故的扣分标准」 ask how, answered elsewhere. */
const ASKS_HOW = /怎么|如何|咋|标准|规定|细则|扣分|登记|上报|报告|报一起|录入/
const LISTED = 10

export function asksAccidents(input: string): boolean {
  return (
    [...input].length <= 30 &&
    NAMES_ACCIDENT.test(input) &&
    ASKS_HOW_MANY.test(input) &&
    !ASKS_HOW.test(input) &&
    !/隐患|投诉/.test(input)
  )
}

export async function describeAccidents(turn: Turn, input: string): Promise<string> {
  const { db, clock, timeZone } = turn.ctx
  const period = periodMeant(periodSaidIn(input) ?? THIS_MONTH, clock.now(), timeZone)
  const rows = await db
    .select({
      occurredOn: accidents.occurredOn,
      unit: units.name,
      level: accidents.level,
      deaths: accidents.deaths,
      place: accidents.place,
      description: accidents.description,
    })
    .from(accidents)
    .innerJoin(units, eq(units.id, accidents.unitId))
    .where(and(gte(accidents.occurredOn, period.start), lte(accidents.occurredOn, period.end)))
    .orderBy(asc(accidents.occurredOn), asc(accidents.id))
  if (rows.length === 0) return `${period.label}没有登记安全事故。事故由督查员发送「登记事故」登记。`
  const lines = rows
    .slice(0, LISTED)
    .map(
      (a) =>
        `· ${a.occurredOn.slice(5)} ${a.unit}：${clip(`${a.place} ${a.description}`, 24)}（${ACCIDENT_LEVEL_LABELS[a.level]}事故${a.deaths > 0 ? `，死亡 ${a.deaths} 人` : ''}）`,
    )
  const more = rows.length > LISTED ? `\n……另有 ${rows.length - LISTED} 起，请在管理后台「考核」页查看。` : ''
  return `${period.label}登记的安全事故 ${rows.length} 起：\n${lines.join('\n')}${more}`
}
