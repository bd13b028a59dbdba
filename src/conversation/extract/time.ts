import { NUMBER_PATTERN, parseChineseNumber } from '../../domain/chinese-numbers'
import { addDays, dayOfWeek, type IsoDate, localDate, localParts, zonedInstant } from '../../domain/local-time'

/**
 * Times as field staff write them: "今天上午9点到11点", "9:30-11:00", "昨天下午3点半", "上午", "14时至16时".
 * Relative to `now` in the city's zone; the result is absolute so the summary can show it plainly.
 */
export interface TimeRange {
  start: Date
  end?: Date
  /**
   * Only a day was said (「今天巡查了」): the start is the day's default hour (9:00), a guess to confirm rather
   * than a fact.
   */
  dayOnly?: true
  /**
   * Only a part of a day was said (「今天下午」): the start and end are its usual hours, a guess; the word is kept
   * so a form asking for the hour can put it in front of the answer (「3点」 is then 15:00).
   */
  halfDayOnly?: string
}

const DAY_WORDS: Record<string, number> = { 今天: 0, 今日: 0, 昨天: -1, 昨日: -1, 前天: -2, 明天: 1, 明日: 1, 后天: 2 }
const HALF_DAYS: Record<string, { from: number; to: number; pm: boolean }> = {
  凌晨: { from: 3, to: 6, pm: false },
  早上: { from: 7, to: 9, pm: false },
  上午: { from: 8, to: 12, pm: false },
  中午: { from: 11, to: 13, pm: false },
  下午: { from: 14, to: 18, pm: true },
  傍晚: { from: 17, to: 19, pm: true },
  晚上: { from: 19, to: 22, pm: true },
  夜里: { from: 20, to: 23, pm: true },
  夜间: { from: 20, to: 23, pm: true },
}

/**
 * A day and a part of it said in one word (「昨晚八点」「今早」「明晚」): spelled out, so the day and the half-day
 * are each read as usual. Without it 「昨晚八点至十点」 was read as eight to ten this morning.
 */
const DAY_PREFIX = '(昨|今|(?<![说证声表聪光透标注文照查发阐])明|(?<![之提以目当门面跟眼向事])前)'
const CONTRACTED: [RegExp, string][] = [
  [new RegExp(`${DAY_PREFIX}(?:晚上|晚|夜里|夜)(?![间会])`, 'g'), '$1天晚上'],
  [new RegExp(`${DAY_PREFIX}(?:早上|早晨|早|晨)(?![餐饭点])`, 'g'), '$1天早上'],
]

function spellOutDays(text: string): string {
  let spelled = text
  for (const [pattern, replacement] of CONTRACTED) spelled = spelled.replace(pattern, replacement)
  return spelled
}

const N = `(?:${NUMBER_PATTERN})`
const HALF = Object.keys(HALF_DAYS).join('|')
// A clock time: optional half-day word, hour, optional minutes (":30", "点30分", "点半", "点一刻"). A number after
// 点 that counts something is not its minutes: 「六点 四个人」 is six o'clock and four people (半 and 一刻 count
// nothing: 「十点半 人民路」 is half past ten).
const CLOCK = `(?:(${HALF}))?\\s*(${N})\\s*(?:[:：]\\s*([0-9]{1,2})|[点时](?:\\s*(半|一刻|三刻|${N})(?:\\s*分|(?<=[半刻])|(?!\\s*[个人名位台辆车处盏块])))?)`
const CLOCK_RE = new RegExp(CLOCK, 'g')
const HOUR_SPAN = new RegExp(`(?<![0-9.:：点时])(${N})(\\s*[-—–~～到至]\\s*${N}\\s*[点时])`, 'g')

/**
 * 「周日」「星期六」「上周五」「礼拜天」: a day of the week, this week's or the last (or next) one. Not 「每周一次」
 * nor 「一周一次」, which count.
 */
const WEEKDAY =
  /(上上|上|下|这|本)?(?:个)?(?<![每一几])(?:周|星期|礼拜)([二三四五六日天1-7]|一(?![共起直样般定切些下点会]))(?![次遍回趟])/
const WEEKDAY_NUMBER: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 日: 7, 天: 7 }

function dayOffset(text: string): { date: IsoDate; explicit: boolean } | undefined {
  for (const [word, offset] of Object.entries(DAY_WORDS))
    if (text.includes(word)) return { date: String(offset), explicit: true }
  const weekday = WEEKDAY.exec(text)
  if (weekday?.[2])
    return {
      date: `wd:${WEEKDAY_NUMBER[weekday[2]] ?? Number(weekday[2])}:${weekday[1] ?? ''}`,
      explicit: true,
    }
  // 「2025年11月22日」: a year said is that year, not the nearest one.
  const ymd = /(20\d{2})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]?/.exec(text)
  if (ymd && validDay(Number(ymd[2]), Number(ymd[3])))
    return { date: `${ymd[1]}-${ymd[2]?.padStart(2, '0')}-${ymd[3]?.padStart(2, '0')}`, explicit: true }
  const md = /(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]?/.exec(text)
  if (md) return { date: `md:${md[1]}-${md[2]}`, explicit: true }
  return undefined
}

function validDay(month: number, day: number): boolean {
  return month >= 1 && month <= 12 && day >= 1 && day <= 31
}

/** What a number pair may not be followed by to be read as times: a measure word (people, metres, storeys …). */
const NO_MEASURE =
  '(?!\\s*(?:人(?![民行])|公分|厘米|公里|公斤|平方|立方|[名个位辆台车处米号栋楼层单元分秒天周月年岁元%％度吨斤根棵盏块条cmkgCMKG]))'
/** 「8.30-10.30」: a span of times written with dots; not a range of measures (「长2.50-3.00米」). */
const DOTTED_SPAN = new RegExp(
  `(?<![\\d.])(\\d{1,2})\\.([0-5]\\d)(\\s*[-—–~～到至]\\s*)(\\d{1,2})\\.([0-5]\\d)(?![\\d.])${NO_MEASURE}`,
  'g',
)
/** 「滨湖路 9-11 2人1车」: two bare numbers joined by a dash, not 「3-5人」「3-5号楼」. */
const BARE_SPAN = new RegExp(
  `(?<![\\d.:：/\\-月日号])(\\d{1,2})\\s*[-~～—–]\\s*(\\d{1,2})(?![\\d.:：点时-])${NO_MEASURE}`,
  'g',
)

/**
 * Dates written with digits (「2026-11-22」「2026.11.22」「11/22」, and 「11.22」 opening a line before a time said
 * later) spelled out as 「11月22日」. 「8.30」 alone stays what it usually is in a report, half past eight.
 */
function spellOutNumericDates(text: string): string {
  const dotted = text.replace(DOTTED_SPAN, (whole, h1, m1, sep, h2, m2) =>
    Number(h1) <= 24 && Number(h2) <= 24 ? `${h1}:${m1}${sep}${h2}:${m2}` : whole,
  )
  // Two bare numbers joined by a dash are a span of hours, unless a clock said elsewhere in the message
  // (「11-22 巡查 9点到11点」) makes the pair a date.
  const saysClock = /\d\s*[:：]\s*\d{2}|[0-9一二两三四五六七八九十]\s*[点时]/.test(dotted)
  const hours = saysClock
    ? dotted
    : dotted.replace(BARE_SPAN, (whole, from: string, to: string) =>
        Number(from) < Number(to) && Number(to) <= 24 && Number(to) - Number(from) <= 12 ? `${from}点-${to}点` : whole,
      )
  const spelled = (whole: string, month: string, day: string, year = '') =>
    validDay(Number(month), Number(day)) ? `${year ? `${year}年` : ''}${Number(month)}月${Number(day)}日` : whole
  return (
    hours
      .replace(/(?<!\d)(20\d{2})\s*[-/.]\s*(\d{1,2})\s*[-/.]\s*(\d{1,2})(?![\d:：])/g, (whole, y, m, d) =>
        spelled(whole, m, d, y),
      )
      // (A date is said before the time: 「8:30-11:00 人民路 2/1 正常」 has its time already, and 2/1 is no 2月1日.)
      .replace(/(?<![\d:：./])(\d{1,2})\/(\d{1,2})(?![\d/:：])/g, (whole, m, d, offset: number, all: string) =>
        CLOCK_SAID.test(all.slice(0, offset)) ? whole : spelled(whole, m, d),
      )
      .replace(/^(\s*)(\d{1,2})[.-](\d{1,2})(?=[\s，,日号])/gm, (whole, lead, m, d, offset: number, all: string) =>
        /\d\s*[:：]\s*\d{2}|[0-9一二两三四五六七八九十]\s*[点时]/.test(all.slice(offset + whole.length))
          ? `${lead}${spelled(`${m}.${d}`, m, d)}`
          : whole,
      )
  )
}

/** A time of day written as a clock: 「8:30」「9点」. */
const CLOCK_SAID = /\d\s*[:：]\s*\d{2}|[0-9一二两三四五六七八九十]\s*[点时]/

/** Reports speak of the past ("11月20日" is this year or last); deadlines of the future. */
export type TimeDirection = 'past' | 'future'

function resolveDate(text: string, now: Date, timeZone: string, direction: TimeDirection): IsoDate {
  const today = localDate(now, timeZone)
  const found = dayOffset(text)
  if (!found) return today
  if (/^\d{4}-/.test(found.date)) return found.date
  if (found.date.startsWith('wd:')) return weekdayDate(found.date, today, direction)
  if (found.date.startsWith('md:')) {
    const [month, day] = found.date.slice(3).split('-').map(Number)
    const year = Number(today.slice(0, 4)) + (/明年/.test(text) ? 1 : /去年/.test(text) ? -1 : 0)
    const candidate = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`
    if (/明年|去年|今年/.test(text)) return candidate
    if (direction === 'past' && candidate > today) return `${year - 1}${candidate.slice(4)}`
    if (direction === 'future' && candidate < today) return `${year + 1}${candidate.slice(4)}`
    return candidate
  }
  return addDays(today, Number(found.date))
}

/**
 * The day a message names (「明天」「下周一」「12月1日」), resolved the way a deadline (`future`) or a report
 * (`past`) means it; undefined when it names none.
 */
export function daySaidIn(text: string, now: Date, timeZone: string, direction: TimeDirection): IsoDate | undefined {
  return dayOffset(text) ? resolveDate(text, now, timeZone, direction) : undefined
}

/** The date of 「周X」 said on `today`: this week's, the week before's or after's, or the nearest in the direction. */
function weekdayDate(said: string, today: IsoDate, direction: TimeDirection): IsoDate {
  const [, number, which] = said.split(':')
  const wanted = Number(number)
  const todayNumber = dayOfWeek(today) || 7
  const thisWeeks = addDays(today, wanted - todayNumber)
  if (which === '上') return addDays(thisWeeks, -7)
  if (which === '上上') return addDays(thisWeeks, -14)
  if (which === '下') return addDays(thisWeeks, 7)
  if (which === '这' || which === '本') return thisWeeks
  // Alone: the last one for a report, the next one for a deadline.
  if (direction === 'past') return thisWeeks > today ? addDays(thisWeeks, -7) : thisWeeks
  return thisWeeks < today ? addDays(thisWeeks, 7) : thisWeeks
}

interface ClockMatch {
  hour: number
  minute: number
  halfDay: string | undefined
}

function clockFrom(match: RegExpExecArray): ClockMatch | undefined {
  const hour = parseChineseNumber(match[2] ?? '')
  if (hour === undefined || hour > 24) return undefined
  let minute = 0
  if (match[3]) minute = Number(match[3])
  else if (match[4] === '半') minute = 30
  else if (match[4] === '一刻') minute = 15
  else if (match[4] === '三刻') minute = 45
  else if (match[4]) minute = parseChineseNumber(match[4]) ?? 0
  if (minute > 59) return undefined
  return { hour, minute, halfDay: match[1] }
}

function to24(clock: ClockMatch, inheritedHalfDay: string | undefined): number {
  const halfDay = clock.halfDay ?? inheritedHalfDay
  const pm = halfDay ? HALF_DAYS[halfDay]?.pm : false
  if (pm && clock.hour < 12) return clock.hour + 12
  if (halfDay === '中午' && clock.hour < 6) return clock.hour + 12
  return clock.hour
}

const AGO = new RegExp(`(?:(半)|(${NUMBER_PATTERN})\\s*个?\\s*(半)?)\\s*(小时|钟头|分钟)(?:之|以)?前`, 'g')
/** 「巡查了2个小时」「用了一个半小时」: how long it took, not how long ago (那 is spelt out before). */
const LASTED = new RegExp(
  `(?:巡查|巡视|巡|查|走|干|用|花|持续|共)了?\\s*(?:(半)|(${NUMBER_PATTERN})\\s*个?\\s*(半)?)\\s*(?:小时|钟头)(?![前后])`,
)
const UNTIL_NOW = /(到|至)(?:现在|目前|刚才|刚刚|此刻)|至今/g
/** 「刚巡查完」「刚结束」: the patrol ended as the message was written. */
const JUST_ENDED = /刚(?:刚|才)?(?:巡查|巡|检查|排查)?(?:完|结束|回来|收工|回到)/

/**
 * 「两个小时前到现在」「14点至今」「半小时前」: times said from now, spelt out as the clock times they are (24-hour
 * 「14:05」), so that they are read like any other.
 */
function spellOutRelative(text: string, now: Date, timeZone: string): string {
  const clockAt = (instant: Date) => {
    const { hour, minute } = localParts(instant, timeZone)
    return `${hour}:${String(minute).padStart(2, '0')}`
  }
  return text
    .replace(UNTIL_NOW, (_, to: string | undefined) => `${to ?? '到'}${clockAt(now)}`)
    .replace(AGO, (whole, halfAlone: string, count: string, andHalf: string, unit: string) => {
      const n = halfAlone ? 0.5 : (parseChineseNumber(count) ?? Number.NaN) + (andHalf ? 0.5 : 0)
      if (!Number.isFinite(n) || n <= 0 || n > 24 * 60) return whole
      const ms = unit === '分钟' ? n * 60_000 : n * 3_600_000
      return clockAt(new Date(now.getTime() - ms))
    })
}

export function parseTimeRange(
  text: string,
  now: Date,
  timeZone: string,
  direction: TimeDirection = 'past',
): TimeRange | undefined {
  // 「9-11点」「九到十一点」: the first hour of a span need not say 点.
  text = spellOutDays(
    spellOutNumericDates(direction === 'past' ? spellOutRelative(text, now, timeZone) : text),
  ).replace(HOUR_SPAN, '$1点$2')
  const date = resolveDate(text, now, timeZone, direction)
  const clocks: ClockMatch[] = []
  for (const match of text.matchAll(CLOCK_RE)) {
    const clock = clockFrom(match)
    if (clock) clocks.push(clock)
  }
  const halfDayWord = new RegExp(`(${HALF})`).exec(text)?.[1]
  if (clocks.length === 0) {
    if (!halfDayWord) return dayOffset(text) ? { start: zonedInstant(date, timeZone, 9), dayOnly: true } : undefined
    const span = HALF_DAYS[halfDayWord]
    if (!span) return undefined
    // 「上午巡了人民路，下午巡了建设路」: from the first part of the day named to the end of the last.
    const lastWord = [...text.matchAll(new RegExp(HALF, 'g'))].at(-1)?.[0]
    const last = (lastWord && HALF_DAYS[lastWord]) || span
    const start = zonedInstant(date, timeZone, span.from)
    const end = zonedInstant(date, timeZone, Math.max(span.to, last.to))
    // 「下午巡查了一圈」 told at five: the afternoon has begun and its usual end has not come, so the end is not
    // known yet and is asked, rather than put at six and then refused as still to come.
    if (direction === 'past' && start <= now && end > now) return { start, halfDayOnly: halfDayWord }
    return { start, end, halfDayOnly: halfDayWord }
  }
  const first = clocks[0] as ClockMatch
  const startHour = to24(first, halfDayWord)
  const start = zonedInstant(date, timeZone, startHour % 24, first.minute)
  const second = clocks[1]
  // 「刚巡查完，从两点开始的」: the end is now. 「从9点开始 巡查了2个小时」: the end is the start and how long it took.
  if (!second) {
    if (direction === 'past' && JUST_ENDED.test(text) && start < now) return { start, end: now }
    const lasted = LASTED.exec(text)
    const hours = lasted
      ? lasted[1]
        ? 0.5
        : (parseChineseNumber(lasted[2] ?? '') ?? Number.NaN) + (lasted[3] ? 0.5 : 0)
      : Number.NaN
    if (Number.isFinite(hours) && hours > 0 && hours <= 12)
      return { start, end: new Date(start.getTime() + hours * 3_600_000) }
    return { start }
  }
  let endHour = to24(second, first.halfDay ?? halfDayWord)
  // "下午2点到5点" inherits pm; "9点到1点" means past noon; "晚上10点到12点" and "晚上11点到凌晨1点" end
  // after midnight, on the next day.
  if (endHour < startHour)
    endHour += !second.halfDay && endHour < 12 && endHour + 12 > startHour ? 12 : endHour === 12 ? 12 : 24
  const endDate = endHour >= 24 ? addDays(date, 1) : date
  return { start, end: zonedInstant(endDate, timeZone, endHour % 24, second.minute) }
}
