import { and, asc, eq, gte, lte } from 'drizzle-orm'
import { accidents, units } from '../db/schema'
import { ACCIDENT_LEVEL_LABELS } from '../services/accidents'
import { namesDefect } from './extract/hazard-statements'
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

/**
 * 「事故」「事故：今天上午10点 朗州路燃气管道被挖断」「今天上午10点 建设路工地 一名工人从脚手架摔下 轻伤 已送医」: an
 * accident told to those who record them — the words for the accident form, or undefined (both had not been
 * understood). An account is one that says what befell someone or something, and when or where.
 */
const ACCIDENT_LEAD = /^(?:发生|出了|有)?(?:一起)?(?:安全)?事故(?:了)?(?:[：:\s，,]+|$)/
const BEFELL =
  /(?:摔|坠|跌|掉)(?:下|落|伤|死)|高处坠落|死亡|身亡|遇难|(?:受|致|摔|砸|压|烫|烧|割|碰)伤|伤亡|砸(?:死|中)|压死|触电|被埋|掩埋|窒息|中毒|爆炸|起火|失火|火灾|(?:坍塌|倒塌|垮塌)(?:致|造成|砸)|被(?:挖断|撞|砸)/
const WHEN_OR_WHERE = /[点时]|今天|昨天|上午|下午|早上|晚上|凌晨|工地|路|街|小区|项目|现场/

export function accidentTold(input: string): string | undefined {
  const rest = input.replace(ACCIDENT_LEAD, '')
  if (rest !== input && !ASKS_HOW.test(rest) && !ASKS_HOW_MANY.test(rest)) return rest
  // (「人民路井盖缺失 有人摔伤了」 names what is wrong as well: a hazard report, as before.)
  if (
    [...input].length >= 10 &&
    BEFELL.test(input) &&
    WHEN_OR_WHERE.test(input) &&
    !/[？?吗]$/.test(input) &&
    !namesDefect(input)
  )
    return input
  return undefined
}

/** 「事故怎么登记」「事故要怎么上报」: how an accident is put on record. */
export function asksHowAccidentRecorded(input: string): boolean {
  return (
    [...input].length <= 30 &&
    NAMES_ACCIDENT.test(input) &&
    /怎么|如何|咋|在哪/.test(input) &&
    /登记|上报|报告|报|录入|填/.test(input)
  )
}

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
