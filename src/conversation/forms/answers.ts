import type { FieldDefinition } from '../../../bots/forms'
import { numbersIn, parseCampaignProblems } from '../../domain/campaign-problems'
import { CATEGORIES, CATEGORY_LABELS, type Category } from '../../domain/categories'
import { NUMBER_PATTERN, parseChineseNumber } from '../../domain/chinese-numbers'
import { classifyByKeywords } from '../../domain/classify'
import { addDays, localDate, localParts, zonedInstant } from '../../domain/local-time'
import { findMobileNumber } from '../../domain/mobile-number'
import { halfWidthDigitsAndLetters } from '../../domain/text-width'
import { deadlineInWords } from '../deadline-said'
import { namesDefect, readFindings, saysNothingFound } from '../extract/hazard-statements'
import { drivesOneVehicle, type ExtractionContext, extractLevel, handlingIn } from '../extract/rules'
import { parseTimeRange } from '../extract/time'
import { splitHazardStatements } from '../intent'
import { unitByStartOfName } from '../unit-named'
import { CLOCK_SLACK_MS, HOUR_MS } from './checks'

/**
 * Reads one answer to one question. A wrong answer is never dropped silently: the result says so and the
 * engine repeats the question with the field's hint. Some answers fill more than one field ("9点到11点"
 * answers the start and the end).
 */
export type AnswerResult = { ok: true; values: Record<string, unknown> } | { ok: false }

export interface AnswerContext extends ExtractionContext {
  units: readonly { id: number; name: string }[]
  /** The routing table's rules with the unit each sends its kind to (forms offer it for a unit asked). */
  categoryRules: readonly { category: Category; keywords: readonly string[]; unitId?: number | null }[]
}

const NONE = /^(无|没有|没|否|未发现|没发现|无隐患|0)$/
/** Text fields that say where: a route, a place, what was inspected. */
const WHERE_FIELDS: ReadonlySet<string> = new Set(['area', 'locationText', 'place', 'target'])
/** 「4人2车」「3人」「两台车」: how many went, and nothing else. */
const TURNOUT_ALONE =
  /^(?:(?:共|一共)?[0-9一二两三四五六七八九十]+\s*(?:个)?(?:人|名|位|车|辆|台车|台|人次|车次)[，,、\s]*)+[。！!]*$/
export const NIGHT = /凌晨|夜里|夜间|半夜|深夜|晚上/

/**
 * The reporter and those named with them (「我和老王」 is two, with 老王 named), or undefined when the answer is not
 * that shape. Those counted without names (「我和2个同事」) add to the count only.
 */
export function peopleNamed(text: string): { count: number; others: string[] } | undefined {
  if (/^(?:就)?(?:我|本人)(?:一个人|自己|独自|一人)?$/.test(text)) return { count: 1, others: [] }
  const others = /^(?:我|本人)(?:和|跟|与|同|带着?)(.+?)(?:一起|同去|同行)?$/.exec(text)?.[1]
  if (!others) return undefined
  const counted = new RegExp(`^(${NUMBER_PATTERN})(?:个|名|位)?(?:同事|人|队员|组员)?$`).exec(others)?.[1]
  if (counted) {
    const n = parseChineseNumber(counted)
    return n === undefined ? undefined : { count: n + 1, others: [] }
  }
  if (new RegExp(NUMBER_PATTERN).test(others)) return undefined
  // 「小王小李」「老张老刘」: names run together, each 小 or 老 and a surname.
  const named = others.split(/[和跟与、,，及\s]/).flatMap(runTogether)
  return { count: 1 + named.length, others: named }
}

/** 「小王小李」 is two people; any other part is one. */
function runTogether(part: string): string[] {
  const trimmed = part.trim()
  if (!trimmed) return []
  const names = trimmed.match(/[小老][\u4e00-\u9fa5]/g)
  return names && names.join('') === trimmed ? names : [trimmed]
}

/** The end day said after the first (「11月20日到11月22日」「20日至22日」), as month and day. */
const DAY_SPAN =
  /(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]?\s*(?:到|至|—|－|-|~|～)\s*(?:(\d{1,2})\s*月)?\s*(\d{1,2})\s*[日号]/

/** A day said as the answer to a `dayIsEnough` field: the start of that day, or the end of it for an end. */
function wholeDays(key: string, text: string, start: Date, ctx: AnswerContext): AnswerResult {
  const day = localDate(start, ctx.timeZone)
  if (key === 'endedAt') return { ok: true, values: { endedAt: zonedInstant(day, ctx.timeZone, 23, 59).toISOString() } }
  const values: Record<string, unknown> = { [key]: zonedInstant(day, ctx.timeZone, 0, 0).toISOString() }
  const span = DAY_SPAN.exec(text)
  if (key === 'startedAt' && span) {
    const month = Number(span[3] ?? span[1])
    const endDay = `${day.slice(0, 4)}-${String(month).padStart(2, '0')}-${String(Number(span[4])).padStart(2, '0')}`
    // Across the new year (12月30日至1月2日), the end is in the next one.
    const end = endDay < day ? `${Number(day.slice(0, 4)) + 1}${endDay.slice(4)}` : endDay
    values.endedAt = zonedInstant(end, ctx.timeZone, 23, 59).toISOString()
  }
  return { ok: true, values }
}

/** 「张伟、李四」「老王 小刘」: two or more names and nothing else, or nothing when it says anything more. */
export function namesListed(text: string): string[] | undefined {
  const parts = text.split(/[、，,和跟与及\s]+/).filter(Boolean)
  if (parts.length < 2) return undefined
  const names = parts.every(
    (part) =>
      /^[\u4e00-\u9fa5]{2,4}$/.test(part) && !/[人个名位车次共约]|^[零〇一二两俩三四五六七八九十百]+$/.test(part),
  )
  return names ? parts : undefined
}

/** A count in words, standing alone or before its measure word (not the 一 of 一般 or 统一). */
const CHINESE_COUNT = /[零〇一二两俩三四五六七八九十百千]+(?=[次篇起家个人项件条处份场期批名位万元\s、，,；;。]|$)/g

/** A title after a name (「王科长」「李组长」), which is still the name of someone. */
const TITLE = /(?:科长|局长|处长|主任|组长|队长|站长|所长|经理|工|同志|老师)$/
/** Words no name has: places, units, counts and things. */
const NOT_IN_A_NAME =
  /[路街巷区县镇乡村号栋楼园站场湖河港桥地段线人个名位车次共约处局科办司队组点时]|工地|单位|公司|沿线|^[零〇一二两俩三四五六七八九十百]+$/

/** The people an answer names, one or several (「王五」「王五 赵六、钱七」「王科长和李明」), or undefined when it names none. */
export function peopleIn(text: string): string[] | undefined {
  const parts = text
    .replace(/[。！!]+$/, '')
    .split(/[、，,和跟与及;；/\s]+/)
    .filter(Boolean)
  if (parts.length === 0) return undefined
  const named = parts.every((part) => {
    const name = part.length > 2 ? part.replace(TITLE, '') : part
    return /^[\u4e00-\u9fa5]{2,4}$/.test(part) && name.length >= 1 && !NOT_IN_A_NAME.test(name)
  })
  return named ? parts : undefined
}

/** No vehicle, as people say it: on foot, by bicycle or e-bike (the forms count motor vehicles). */
const NO_VEHICLE =
  /(?:没有?|未|不)(?:开|用|派|出|坐)车|没有?车|无车|步行|走路|徒步|走着|走过去|骑(?:的|了)?(?:个|辆)?(?:车|电动车|电瓶车|自行车|单车|共享单车|小电驴)|电动车|电瓶车|自行车/

export const SAYS_DAY =
  /今天|今日|今早|今晚|昨|前天|明天|[0-9一二三四五六七八九十]+\s*月|[0-9一二三四五六七八九十]+\s*[日号]|(?:周|星期|礼拜)[一二三四五六日天]/

/**
 * An end said as a time of day alone (「下午5点」「11点半」) belongs to the start's day, not to today: a patrol
 * started yesterday morning that ended 「下午」 ended yesterday afternoon; a morning end after an evening start
 * is the next day's (a night patrol past midnight). Changes `values` in place.
 */
export function anchorEndToStartDay(
  values: Record<string, unknown>,
  draft: Record<string, unknown>,
  said: string,
  ctx: { timeZone: string; now: Date },
): void {
  const { timeZone } = ctx
  if (SAYS_DAY.test(said)) return
  if (values.startedAt !== undefined) {
    spanIntoTheAfternoon(values, draft, said, ctx)
    return
  }
  if (typeof draft.startedAt !== 'string' || typeof values.endedAt !== 'string') return
  const start = new Date(draft.startedAt)
  let end = new Date(values.endedAt)
  const startDay = localDate(start, timeZone)
  if (localDate(end, timeZone) !== startDay) {
    const { hour, minute } = localParts(end, timeZone)
    // Past midnight only after an evening start (「昨晚10点」 then 「1点」); otherwise the end is on the start's day.
    const pastMidnight = localParts(start, timeZone).hour >= 18 && hour < 12
    end = zonedInstant(pastMidnight ? addDays(startDay, 1) : startDay, timeZone, hour, minute)
  }
  // 「下午三点」 then 「四点」: an hour said without 上午/下午 after an afternoon start is that afternoon's, when the
  // afternoon reading is a few hours after the start and has already come. Otherwise an end before the start
  // stays as said, and the form asks whether the afternoon was meant (「上午十点」 then 「九点」).
  const afternoon = new Date(end.getTime() + 12 * HOUR_MS)
  if (
    end.getTime() < start.getTime() &&
    !SAYS_HALF_OF_DAY.test(said) &&
    localParts(start, timeZone).hour >= 12 &&
    afternoon.getTime() > start.getTime() &&
    afternoon.getTime() - start.getTime() <= AFTERNOON_SPAN_HOURS * HOUR_MS &&
    afternoon.getTime() <= ctx.now.getTime() + CLOCK_SLACK_MS
  )
    end = afternoon
  values.endedAt = end.toISOString()
}

/**
 * 「今天下午」 then 「2点到4点半」 in answer to the end: a span said without 上午/下午 after an afternoon start is that
 * afternoon's (14:00–16:30), when it has already come; said with its half of the day, it is as said.
 */
function spanIntoTheAfternoon(
  values: Record<string, unknown>,
  draft: Record<string, unknown>,
  said: string,
  ctx: { timeZone: string; now: Date },
): void {
  if (SAYS_HALF_OF_DAY.test(said) || typeof draft.startedAt !== 'string') return
  if (typeof values.startedAt !== 'string' || typeof values.endedAt !== 'string') return
  const before = new Date(draft.startedAt)
  const start = new Date(values.startedAt)
  const end = new Date(values.endedAt)
  const { timeZone, now } = ctx
  if (localParts(before, timeZone).hour < 12 || localParts(start, timeZone).hour >= 12) return
  if (localDate(start, timeZone) !== localDate(before, timeZone)) return
  const later = (at: Date) => new Date(at.getTime() + 12 * HOUR_MS)
  if (later(end).getTime() > now.getTime() + CLOCK_SLACK_MS) return
  values.startedAt = later(start).toISOString()
  values.endedAt = later(end).toISOString()
}

/** How long after an afternoon start an end said without 下午 is still taken as that afternoon. */
const AFTERNOON_SPAN_HOURS = 8
/** Words that say which half of the day an hour is in: then it is as said. */
const SAYS_HALF_OF_DAY = /上午|早上|早晨|凌晨|清早|中午|下午|晚上|傍晚|夜里|夜间|半夜|深夜|[ap]\.?m/i

/**
 * 「修改 开始时间 昨天」: a day alone moves the time already given to that day (09:30 today becomes 09:30
 * yesterday) rather than leaving it as it was.
 */
export function withDayMoved(
  key: string,
  values: Record<string, unknown>,
  draft: Record<string, unknown>,
  ctx: AnswerContext,
): Record<string, unknown> {
  const day = values[`${key}Day`]
  const current = draft[key]
  if (typeof day !== 'string' || values[key] !== undefined || typeof current !== 'string') return values
  const { hour, minute } = localParts(new Date(current), ctx.timeZone)
  // 「不对，是下午」 after a morning start: the hour is not in that half of the day (08:00 moved to the afternoon
  // was 20:00), so it is asked again, the day and the half kept in front of the answer.
  const half = Object.entries(HALF_HOURS).find(([word]) => day.includes(word))?.[1]
  if (half && !half(hour)) {
    // An end read with the other half (「上午」 is 9 to 12) goes with it: it is asked after the start.
    const endToo = key === 'startedAt' && draft.endedAt !== undefined ? { endedAt: undefined } : {}
    return { [key]: undefined, [`${key}Day`]: day, ...endToo }
  }
  const moved = parseTimeRange(`${day}${hour}:${String(minute).padStart(2, '0')}`, ctx.now, ctx.timeZone)
  return moved ? { [key]: moved.start.toISOString() } : values
}

/** The hours each half of the day said covers (凌晨 before 晚上: 「凌晨」 is its own). */
const HALF_HOURS: Record<string, (hour: number) => boolean> = {
  凌晨: (h) => h < 6,
  上午: (h) => h >= 5 && h < 12,
  早上: (h) => h >= 5 && h < 12,
  中午: (h) => h >= 11 && h < 14,
  下午: (h) => h >= 12 && h < 19,
  傍晚: (h) => h >= 16 && h < 20,
  晚上: (h) => h >= 18 || h < 5,
}

/** A number alone, or after a day and part of it, answering when: an hour said without 点. */
const BARE_HOUR =
  /^((?:[0-9]{1,2}月[0-9]{1,2}日|今天|昨天|前天)?(?:上午|下午|中午|早上|晚上|凌晨|傍晚)?)([0-9]{1,2})(半)?$/

/** A check said to have failed in other words: not in place, not fixed, more to do. */
const CHECK_FAILED =
  /不通过|不合格|没通过|不可以|不到位|没(?:有)?到位|未到位|有问题|不达标|不符合|差一点|还(?:需要|要|得)(?:再)?(?:加固|整改|处理|修|弄|完善)|再(?:加固|整改|处理|修一下)|没(?:有)?(?:固定|修好|整改好|弄好|完成|处理好)|还是(?:歪|坏|松|漏|没)|退回|重新整改/
/** A check said to have passed in other words (what fails is read first). */
const CHECK_PASSED =
  /^(?:可以|行|好的?|ok|没问题|没毛病|达标|符合要求|还行|还可以)(?:的|了|吧)?[。！!~～]*$|(?:整改)?到位|合格|没问题|没毛病|符合要求|还行|还可以|修好了|整改好了/i

/** 「王科长带队，我和小李」「李局带队」: who led, and who went besides. */
const LED_BY =
  /^([\u4e00-\u9fa5]{2,4}?)(?:带队|领队|带的队)(?:的)?[，,。\s]*(?:还有|成员(?:有)?)?[，,\s]*([\s\S]*?)[。！!]*$/

export function parseAnswer(field: FieldDefinition, raw: string, ctx: AnswerContext): AnswerResult {
  const text = halfWidthDigitsAndLetters(raw.trim())
  if (!text) return { ok: false }
  switch (field.type) {
    case 'datetime': {
      // A deadline may be left to the default period.
      if (field.future && /^(默认|按默认|默认期限)$/.test(text)) return { ok: true, values: { [field.key]: 'default' } }
      // 「9」 to 「几点开始的」: the hour, its 点 left out (after the day kept from before: 「11月23日上午9」).
      const hour = BARE_HOUR.exec(text)
      const timeSaid =
        hour && Number.parseInt(hour[2] ?? '', 10) <= 24 ? `${hour[1] ?? ''}${hour[2]}点${hour[3] ?? ''}` : text
      const range = parseTimeRange(timeSaid, ctx.now, ctx.timeZone, field.future ? 'future' : 'past')
      // 「两周内」「一个月内」「月底前」 for a deadline: the end of that day.
      const spanEnd = !range && field.future ? deadlineInWords(text, ctx.now, ctx.timeZone) : undefined
      if (spanEnd) return { ok: true, values: { [field.key]: spanEnd.toISOString() } }
      if (!range) return { ok: false }
      // 「11月20日」「11月20日到22日」 for a team patrol: whole days, no hour asked.
      // (「今天上午」 too: the day is what such a field keeps.)
      if (field.dayIsEnough && (range.dayOnly || range.halfDayOnly)) return wholeDays(field.key, text, range.start, ctx)
      // 「昨天」 in answer to when it started: the day is kept and the hour asked (the engine puts the day in
      // front of the next answer), never taken as nine o'clock.
      // 「今天下午」 likewise: the day and the part of it are kept, and 「3点」 after it is 15:00, not 03:00.
      if ((range.dayOnly || range.halfDayOnly) && !field.future) {
        const { month, day } = localParts(range.start, ctx.timeZone)
        return { ok: true, values: { [`${field.key}Day`]: `${month}月${day}日${range.halfDayOnly ?? ''}` } }
      }
      // A deadline "12月20日前" — or the day alone, 「12月1日」 — without a time of day means the end of that day, not
      // its morning (「12月1日」 had become 09:00).
      const byEndOfDay =
        field.future && (range.dayOnly || /前|以前|之前|为止|截止/.test(text)) && !/[点时:：]/.test(text)
      const start = byEndOfDay ? zonedInstant(localDate(range.start, ctx.timeZone), ctx.timeZone, 23, 59) : range.start
      const values: Record<string, unknown> = { [field.key]: start.toISOString() }
      // Said as night on purpose: the small-hours question is not asked.
      if (NIGHT.test(text)) values[`${field.key}Night`] = true
      if (field.key === 'startedAt' && range.end) values.endedAt = range.end.toISOString()
      // 「9点到11点半」 in answer to when it ended gives both ends: the start said with it replaces a guessed one.
      if (field.key === 'endedAt' && range.end) {
        values.startedAt = range.start.toISOString()
        values.endedAt = range.end.toISOString()
      }
      return { ok: true, values }
    }
    case 'text': {
      if (field.optional && NONE.test(text)) return { ok: true, values: { [field.key]: '' } }
      // 「张伟和王五」 to who went: the names listed as the record lists them (a team's name is kept as said).
      const listed = field.key === 'patrollers' ? peopleIn(text) : undefined
      if (listed) return { ok: true, values: { [field.key]: listed.join('、') } }
      if (field.names) {
        // 「无」 to the members: nobody besides the leader, which the team's size check then answers.
        if (field.key === 'members' && NONE.test(text)) return { ok: true, values: { [field.key]: '' } }
        const people = peopleIn(text)
        if (!people) return { ok: false }
        // 「王五 赵六 钱七」 to 组长: the first leads, the others are the members (the whole list was one leader's
        // name, and the team's size could never come right).
        if (field.key === 'teamLeader' && people.length > 1)
          return { ok: true, values: { teamLeader: people[0], members: people.slice(1).join('、') } }
        return { ok: true, values: { [field.key]: people.join('、') } }
      }
      // 「王科长带队，我和小李」 to who led: the leader, and those who went with them for the members.
      const led = field.key === 'lead' ? LED_BY.exec(text) : null
      if (led?.[1]) {
        const others = (led[2] ?? '')
          .split(/[和跟与、，,\s]+/)
          .map((name) => (name === '我' ? (ctx.reporterName ?? '') : name))
          .filter((name) => /^[\u4e00-\u9fa5]{2,4}$/.test(name))
        return { ok: true, values: { lead: led[1], ...(others.length > 0 ? { members: others.join('、') } : {}) } }
      }
      // A number alone says no route, place or unit (it answered another question, or was sent by mistake).
      if (WHERE_FIELDS.has(field.key) && /^[0-9]+$/.test(text)) return { ok: false }
      // Nor a turn-out alone (「4人2车」 to which unit was inspected).
      if (WHERE_FIELDS.has(field.key) && TURNOUT_ALONE.test(text)) return { ok: false }
      // Nor a command about another record (「把人民路那个井盖的隐患交办给市政 期限3天」 had been saved as the place).
      if (
        WHERE_FIELDS.has(field.key) &&
        /交办|改派|挂牌|督办|延期|作废|转给|交给|派给/.test(text) &&
        /隐患|投诉|那个|这个/.test(text)
      )
        return { ok: false }
      // A unit or town inspected is named, not what was found there (「发现问题2个 已现场整改1个」).
      if (field.key === 'target' && /发现|整改|隐患|问题|符合/.test(text)) return { ok: false }
      return text.length >= 1 ? { ok: true, values: { [field.key]: text } } : { ok: false }
    }
    case 'count': {
      if (
        /^(无|没有|步行|0|走路|徒步|没车|骑车|骑电动车)$/.test(text) ||
        (field.key === 'vehicleCount' && /^(?:没有?|未|不)(?:开|用|派|出|坐)车$/.test(text))
      )
        return { ok: true, values: { [field.key]: 0 } }
      // 「没开车 走路去的」「骑的电瓶车」: no vehicle said in a sentence, with no count in it.
      if (field.key === 'vehicleCount' && NO_VEHICLE.test(text) && !new RegExp(NUMBER_PATTERN).test(text))
        return { ok: true, values: { [field.key]: 0 } }
      // 「开的皮卡」「坐单位的车去的」: one vehicle, said by what it was.
      if (field.key === 'vehicleCount' && drivesOneVehicle(text) && !new RegExp(NUMBER_PATTERN).test(text))
        return { ok: true, values: { [field.key]: 1 } }
      // 「发现两处井盖松动」: a finding counted by its places is no turn-out; it is asked again (or kept for the
      // findings, by the engine) rather than taken as two.
      if (namesDefect(text)) return { ok: false }
      // 「我和老王」「我跟小李、小张」「就我一个人」: people named rather than counted.
      const people = field.key === 'staffCount' ? peopleNamed(text) : undefined
      // 「我和李强」 names who went as well: the reporter and 李强 are the patrol's people.
      if (people !== undefined)
        return {
          ok: true,
          values: {
            [field.key]: people.count,
            ...(people.others.length > 0 && ctx.reporterName
              ? { patrollers: [ctx.reporterName, ...people.others].join('、') }
              : {}),
          },
        }
      // 「张伟、李四」: the people listed by name are who went, and how many (the 四 of 李四 counts nothing).
      const listed = field.key === 'staffCount' ? namesListed(text) : undefined
      if (listed) return { ok: true, values: { [field.key]: listed.length, patrollers: listed.join('、') } }
      const match = new RegExp(`(${NUMBER_PATTERN})`).exec(text)
      const value = match?.[1] ? parseChineseNumber(match[1]) : undefined
      return value !== undefined && value <= 1000 ? { ok: true, values: { [field.key]: value } } : { ok: false }
    }
    case 'category': {
      const byLabel = CATEGORIES.find((c) => text.includes(CATEGORY_LABELS[c]) || CATEGORY_LABELS[c].includes(text))
      const category: Category = byLabel ?? classifyByKeywords(text, ctx.categoryRules)
      if (category === 'other' && !/其他|其它/.test(text)) return { ok: false }
      return { ok: true, values: { [field.key]: category } }
    }
    case 'check': {
      if (/^(不符合|不合格|未落实|没有落实|否)/.test(text)) {
        const note = text.replace(/^(不符合|不合格|未落实|没有落实|否)[\s，,：:。]*/, '').trim()
        return { ok: true, values: { [field.key]: { verdict: 'fail', note } } }
      }
      if (/^(不适用|不涉及|无此项)/.test(text)) return { ok: true, values: { [field.key]: { verdict: 'na' } } }
      if (/^(符合|合格|已落实|落实|是|有)/.test(text)) {
        const note = text.replace(/^(符合|合格|已落实|落实|是|有)[\s，,：:。]*/, '').trim()
        return { ok: true, values: { [field.key]: { verdict: 'pass', ...(note ? { note } : {}) } } }
      }
      return { ok: false }
    }
    case 'choice': {
      const choice = (field.choices ?? []).find(
        (c) => text === c.label || text.includes(c.label) || c.words.some((w) => text.includes(w)),
      )
      return choice ? { ok: true, values: { [field.key]: choice.value } } : { ok: false }
    }
    case 'level':
      // 「应该不算重大吧」「不是重大的」: a denied 重大 is the other grade.
      if (/(?:不算|不是|不属于|算不上|够不上|达不到|没到|不到|不够)(?:是|属于)?重大/.test(text))
        return { ok: true, values: { [field.key]: 'general' } }
      if (/(?:不算|不是|不属于|不只是|不止)(?:是)?一般/.test(text))
        return { ok: true, values: { [field.key]: 'major' } }
      if (/重大/.test(text)) return { ok: true, values: { [field.key]: 'major' } }
      if (/一般|普通/.test(text)) return { ok: true, values: { [field.key]: 'general' } }
      // 「不严重」「小问题」: not serious is the general grade. (「很严重」 is degree, not the grade: asked again.)
      if (/^(?:不(?:太|是很|算)?严重|没那么严重|小问题|问题不大|轻微)(?:的|吧|啊)?[。！!]*$/.test(text))
        return { ok: true, values: { [field.key]: 'general' } }
      return { ok: false }
    case 'hazards': {
      // 「没发现问题」「一切正常」 say none in a sentence; 「没发现别的，就井盖松动」 still names one.
      if (NONE.test(text) || (saysNothingFound(text) && !namesDefect(text)))
        return { ok: true, values: { [field.key]: [] } }
      if (text.length < 2) return { ok: false }
      // Several defects in one answer are several hazards, each with its own category, level and count of
      // places; an answer the statement reader cannot cut (its reading would only be a guess) is taken as
      // people separated it, every word kept.
      const { statements, guessed } = readFindings(text, ctx)
      const found =
        statements.length > 0 && !guessed
          ? statements.map((s) => ({
              description: s.description,
              category: s.category ?? classifyByKeywords(s.description, ctx.categoryRules),
              level: s.level,
              ...(s.count > 1 ? { count: s.count } : {}),
            }))
          : splitHazardStatements(text).map((part, _, parts) => ({
              description: part,
              category: classifyByKeywords(part, ctx.categoryRules),
              level: extractLevel(part),
              // 「有3处问题：井盖、路灯、护栏」 kept whole still counts the places it says (it was counted as one).
              ...(parts.length === 1 && (statements[0]?.count ?? 1) > 1 ? { count: statements[0]?.count } : {}),
            }))
      // 「发现一处窨井盖破损，已设置临时围挡」: what was done on the spot, said with what was found, is not asked again.
      const handled = handlingIn(text)
      return { ok: true, values: { [field.key]: found, ...(handled ? { handlingResult: handled } : {}) } }
    }
    case 'unit': {
      const unit =
        ctx.units.find((u) => u.name === text) ??
        ctx.units.find((u) => u.name.includes(text) || text.includes(u.name)) ??
        unitByStartOfName(ctx.units, text)?.unit
      return unit ? { ok: true, values: { [field.key]: unit.id } } : { ok: false }
    }
    case 'verdict':
      // 「不行，还是歪的」「差一点，底座没固定」「还需要再加固」: failed, the words (less the verdict) its reason.
      if (/^(?:不通过|不合格|未通过|否|不行)/.test(text) || CHECK_FAILED.test(text)) {
        const reason = text.replace(/^(?:验收)?(?:不通过|不合格|未通过|否|不行)[，,：:。\s]*/, '').trim()
        return { ok: true, values: reason ? { verdict: 'fail', reason } : { verdict: 'fail' } }
      }
      // 「可以」「没问题」「整改到位」「看了照片还行」: passed.
      if (/^(?:通过|合格|是|同意|验收通过)/.test(text) || CHECK_PASSED.test(text))
        return { ok: true, values: { verdict: 'pass' } }
      return { ok: false }
    case 'figures': {
      const parts = field.parts ?? []
      if (NONE.test(text)) return { ok: true, values: { [field.key]: parts.map(() => 0) } }
      const numbers = figuresIn(text)
      // Exactly one number per part: a short or long answer is asked again rather than guessed at.
      if (numbers.length !== parts.length || numbers.some((n) => n > 1_000_000)) return { ok: false }
      return { ok: true, values: { [field.key]: numbers } }
    }
    case 'problems': {
      if (NONE.test(text)) return { ok: true, values: { [field.key]: [] } }
      // (「2.5」 is a figure sent one question late, not a problem.)
      const problems = /\p{Script=Han}/u.test(text) ? parseCampaignProblems(text) : undefined
      return problems ? { ok: true, values: { [field.key]: problems } } : { ok: false }
    }
    case 'phone': {
      if (/^(不用|不需要|无需|不必|否|不)/.test(text)) return { ok: true, values: { [field.key]: '' } }
      const phone = findMobileNumber(text)
      return phone ? { ok: true, values: { [field.key]: phone } } : { ok: false }
    }
  }
}

/** The figures an answer gives, in order: 「2、3」, and 「两次 三篇」 (counts said in words are counts too). */
export function figuresIn(text: string): number[] {
  return numbersIn(
    text
      .replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0))
      .replace(CHINESE_COUNT, (said) => ` ${parseChineseNumber(said) ?? said} `),
  )
}
