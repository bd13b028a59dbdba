import { and, asc, eq, gt, lt } from 'drizzle-orm'
import { WORDING } from '../../bots/wording'
import { dutyRoster, people } from '../db/schema'
import { addDays, dayOfWeek, type IsoDate, localDate, zonedInstant } from '../domain/local-time'
import { daySaidIn } from './extract/time'
import { formatLocal } from './format'
import type { Turn } from './types'

/**
 * 「今天谁值班」「明天我值班吗」: the duty roster for the day asked (today unless 明天/后天/昨天 is said), from the
 * roster the administrator keeps. 「我」 in the question asks whether it is the asker.
 */
// (「今晚谁接班」: who takes over — the day's roster, each shift with its hours.)
const ASKS_DUTY = /值班|值守|值夜班|当班|接班/
const DAY_WORD: readonly [RegExp, number, string][] = [
  [/后天/, 2, '后天'],
  [/明天|明日/, 1, '明天'],
  [/昨天|昨日/, -1, '昨天'],
  [/今天|今日|今晚/, 0, '今天'],
]

/** 「下周一」「周三」「12月1日」: a day named otherwise, as said. */
const OTHER_DAY = /(?:上上|上|下|这|本)?(?:个)?(?:周|星期|礼拜)[一二三四五六日天1-7]|\d{1,2}\s*月\s*\d{1,2}\s*[日号]?/

export interface DutyQuestion {
  offset: number
  said: string
  aboutMe: boolean
  /** The question's words, for a day named otherwise than by 今天/明天 (「下周一谁值班」). */
  text: string
}

export function dutyAskedFor(input: string): DutyQuestion | undefined {
  if ([...input].length > 20 || !ASKS_DUTY.test(input)) return undefined
  // (「今天值班有什么事」 asks what there is to do, not who: 么 of 什么 is no question of who.)
  // (「我值班到几点」「几点交班」 ask the hours of it: the same roster line answers.)
  if (!/谁|哪位|是不是|吗|(?<!什)么|呢|[？?]|几号|几点|哪天|哪几天|到什么时候|安排|表/.test(input)) return undefined
  const word = DAY_WORD.find(([pattern]) => pattern.test(input))
  const [, offset, said] = word ?? [null, 0, OTHER_DAY.exec(input)?.[0]?.replace(/\s+/g, '') ?? '今天']
  // (「帮我看一下今晚谁接班」: the 我 of 帮我 asks for someone else's help, not whether it is the asker.)
  return { offset, said, aboutMe: /我/.test(input.replace(/(?:帮|给|告诉|跟|替)我/g, '')), text: input }
}

/** 「这周末谁值班」「下周末」: the Saturday and the Sunday, each as a day of its own. */
const WEEKEND = /(下)?(?:个)?周末/
/** 「这周值班表」「下周谁值班」: the whole week, Monday to Sunday, a line a day (it gave today only). */
const WEEK = /(下|上)?(?:个)?(?:周|星期|礼拜)(?![一二三四五六日天1-7末])/
const WEEKDAY_NAMES = ['周一', '周二', '周三', '周四', '周五', '周六', '周日']

export async function describeDuty(turn: Turn, asked: DutyQuestion, personId: number): Promise<string> {
  const weekend = asked.offset === 0 ? WEEKEND.exec(asked.text) : null
  if (weekend) {
    const next = weekend[1] ? '下' : ''
    const days = await Promise.all(
      ['周六', '周日'].map((day) =>
        describeDuty(turn, { ...asked, said: `${next}${day}`, text: `${next}${day}` }, personId),
      ),
    )
    return days.join('\n')
  }
  const { clock, timeZone } = turn.ctx
  const now = clock.now()
  const week = asked.offset === 0 && !OTHER_DAY.test(asked.text) ? WEEK.exec(asked.text) : null
  if (week) return describeWeek(turn, asked, personId, week[1])
  // The day asked: 今天/明天 by their offset, a weekday or a date the next one that comes (a roster looks ahead).
  const named = asked.offset === 0 ? daySaidIn(asked.text, now, timeZone, 'future') : undefined
  const day = named ?? addDays(localDate(now, timeZone), asked.offset)
  const shifts = await shiftsOn(turn, day)
  // 「12月1日谁值班」: the date said is the date shown, once.
  const when = /月/.test(asked.said) ? dateOf(turn, day) : `${asked.said}（${dateOf(turn, day)}）`
  if (shifts.length === 0) return `值班表里没有${when}的安排，${WORDING.dutyRosterKept}`
  if (asked.aboutMe) {
    const mine = shifts.filter((s) => s.personId === personId)
    return mine.length > 0
      ? `${/几点|到什么时候/.test(asked.text) ? '' : '是的，'}您${when}值班：${mine.map((s) => span(s, timeZone, now)).join('；')}。`
      : `您${when}不值班。值班的是：${shifts.map((s) => s.name).join('、')}。`
  }
  return `${when}值班：${shifts.map((s) => `${s.name}（${span(s, timeZone, now)}）`).join('；')}`
}

/**
 * 「这周值班表」「下周谁值班」: Monday to Sunday, a line a day (it gave today only); 「我这周哪天值班」: the asker's
 * days of it.
 */
async function describeWeek(turn: Turn, asked: DutyQuestion, personId: number, which: string | undefined) {
  const { clock, timeZone } = turn.ctx
  const now = clock.now()
  const today = localDate(now, timeZone)
  // (dayOfWeek is 0 for Sunday; the week runs Monday to Sunday.)
  const monday = addDays(today, -((dayOfWeek(today) + 6) % 7) + (which === '下' ? 7 : which === '上' ? -7 : 0))
  const days = WEEKDAY_NAMES.map((name, i) => ({ name, day: addDays(monday, i) }))
  const rostered = await Promise.all(days.map(async (d) => ({ ...d, shifts: await shiftsOn(turn, d.day) })))
  const said = which ? `${which}周` : '本周'
  if (asked.aboutMe) {
    const mine = rostered.flatMap(({ name, day, shifts }) =>
      shifts
        .filter((s) => s.personId === personId)
        .map((s) => `${name}（${dateOf(turn, day)}）：${span(s, timeZone, now)}`),
    )
    return mine.length > 0 ? `您${said}值班：\n${mine.join('\n')}` : `您${said}没有值班安排。`
  }
  const lines = rostered.map(({ name, day, shifts }) =>
    shifts.length > 0
      ? `${name}（${dateOf(turn, day)}）：${shifts.map((s) => `${s.name}（${span(s, timeZone, now)}）`).join('；')}`
      : `${name}（${dateOf(turn, day)}）：未安排`,
  )
  const gaps = rostered.some((d) => d.shifts.length === 0)
  return `${said}值班安排：\n${lines.join('\n')}${gaps ? `\n${WORDING.dutyRosterKept}` : ''}`
}

/** The shifts of a day: a shift runs across midnight (08:30 to 08:30), so the day's is the one that starts on it. */
async function shiftsOn(turn: Turn, day: IsoDate) {
  const { db, timeZone } = turn.ctx
  const dayStart = zonedInstant(day, timeZone, 0)
  const dayEnd = zonedInstant(addDays(day, 1), timeZone, 0)
  const overlapping = await db
    .select({
      personId: dutyRoster.personId,
      name: people.name,
      startsAt: dutyRoster.startsAt,
      endsAt: dutyRoster.endsAt,
    })
    .from(dutyRoster)
    .innerJoin(people, eq(people.id, dutyRoster.personId))
    .where(and(lt(dutyRoster.startsAt, dayEnd), gt(dutyRoster.endsAt, dayStart)))
    .orderBy(asc(dutyRoster.startsAt), asc(dutyRoster.id))
  const starting = overlapping.filter((s) => s.startsAt.getTime() >= dayStart.getTime())
  return starting.length > 0 ? starting : overlapping
}

function dateOf(turn: Turn, day: IsoDate): string {
  const { clock, timeZone } = turn.ctx
  return formatLocal(zonedInstant(day, timeZone, 0), timeZone, clock.now()).replace(/ \d\d:\d\d$/, '')
}

function span(shift: { startsAt: Date; endsAt: Date }, timeZone: string, now: Date): string {
  return `${formatLocal(shift.startsAt, timeZone, now)}至${formatLocal(shift.endsAt, timeZone, now)}`
}
