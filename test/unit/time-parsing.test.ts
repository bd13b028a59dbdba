import { describe, expect, it } from 'vitest'
import { type FieldDefinition, FORMS } from '../../bots/forms'
import { parseTimeRange } from '../../src/conversation/extract/time'
import { formatLocal } from '../../src/conversation/format'
import { anchorEndToStartDay, parseAnswer } from '../../src/conversation/forms/answers'
import { parseChineseNumber } from '../../src/domain/chinese-numbers'
import { describeDuration } from '../../src/domain/durations'
import { localParts, zonedInstant } from '../../src/domain/local-time'

const TZ = 'Asia/Shanghai'
const now = zonedInstant('2026-11-23', TZ, 16, 5)
const local = (d: Date | undefined) => {
  if (!d) return undefined
  const p = localParts(d, TZ)
  return `${p.month}-${p.day} ${String(p.hour).padStart(2, '0')}:${String(p.minute).padStart(2, '0')}`
}

describe('times as people write them', () => {
  it.each([
    ['今天上午9点到11点', '11-23 09:00', '11-23 11:00'],
    ['9:30-11:00', '11-23 09:30', '11-23 11:00'],
    ['昨天下午3点半', '11-22 15:30', undefined],
    ['下午2点到5点', '11-23 14:00', '11-23 17:00'],
    ['上午十点到十二点', '11-23 10:00', '11-23 12:00'],
    ['晚上7点到9点', '11-23 19:00', '11-23 21:00'],
    ['14时至16时', '11-23 14:00', '11-23 16:00'],
    ['9点到1点', '11-23 09:00', '11-23 13:00'],
    ['上午', '11-23 08:00', '11-23 12:00'],
    ['前天8点一刻', '11-21 08:15', undefined],
    ['11月20日上午9点', '11-20 09:00', undefined],
    // Dates and times in digits, as reports and forms write them.
    ['11.22 巡查 9:00~11:00', '11-22 09:00', '11-22 11:00'],
    ['2026-11-22 9:00-11:00', '11-22 09:00', '11-22 11:00'],
    ['2026.11.21 8.30至10.30', '11-21 08:30', '11-21 10:30'],
    ['11/20上午9点到11点', '11-20 09:00', '11-20 11:00'],
    ['8.30-10.30 人民路', '11-23 08:30', '11-23 10:30'],
    // A slash after the time is no date (「2/1」 is how many went, not 2月1日).
    ['8:30-11:00 人民路 2/1 正常', '11-23 08:30', '11-23 11:00'],
    // Bare hours joined by a dash, unless they count something or a clock said elsewhere makes them a date.
    ['滨湖路 9-11 2人1车 无', '11-23 09:00', '11-23 11:00'],
    ['下午2-5 人民路 2人1车 正常', '11-23 14:00', '11-23 17:00'],
    ['11-22 巡查人民路 9点到11点', '11-22 09:00', '11-22 11:00'],
    ['人民路3-5号楼 9点到11点', '11-23 09:00', '11-23 11:00'],
    // A day of the week (11-23 is a Monday): the last one for a report, or the one in the week named.
    ['周日加班巡查 8点到18点', '11-22 08:00', '11-22 18:00'],
    ['星期六上午9点到11点', '11-21 09:00', '11-21 11:00'],
    ['上周五下午2点到4点', '11-20 14:00', '11-20 16:00'],
    ['礼拜天 9-11', '11-22 09:00', '11-22 11:00'],
    ['周一 9点到11点', '11-23 09:00', '11-23 11:00'],
    ['这周一共巡查了3次 9点到11点', '11-23 09:00', '11-23 11:00'],
    ['每周一次 9点到11点', '11-23 09:00', '11-23 11:00'],
  ])('reads %s', (text, start, end) => {
    const range = parseTimeRange(text, now, TZ)
    expect(local(range?.start)).toBe(start)
    expect(local(range?.end)).toBe(end)
  })

  it('leaves the end of a half-day under way unknown, and keeps it for one that is over or still to come', () => {
    // At 16:05 the afternoon (14:00–18:00) has begun and not ended: the end is to be asked.
    expect(parseTimeRange('下午巡查了一圈', now, TZ)).toEqual({
      start: zonedInstant('2026-11-23', TZ, 14),
      halfDayOnly: '下午',
    })
    // A clock said with it is no half-day alone.
    expect(parseTimeRange('下午3点', now, TZ)?.halfDayOnly).toBeUndefined()
    expect(local(parseTimeRange('今天上午', now, TZ)?.end)).toBe('11-23 12:00')
    expect(local(parseTimeRange('昨天下午', now, TZ)?.end)).toBe('11-22 18:00')
    expect(local(parseTimeRange('晚上', now, TZ)?.end)).toBe('11-23 22:00')
  })

  it.each([
    ['一小时前到刚才巡查人民路', '11-23 15:05', '11-23 16:05'],
    ['一个半小时前到现在', '11-23 14:35', '11-23 16:05'],
    ['半小时前开始巡查', '11-23 15:35', undefined],
    ['30分钟前到现在', '11-23 15:35', '11-23 16:05'],
    ['下午2点至今巡查人民路', '11-23 14:00', '11-23 16:05'],
    ['下午两点开始巡查，刚结束', '11-23 14:00', '11-23 16:05'],
    ['从早上八点巡到十点半 人民路', '11-23 08:00', '11-23 10:30'],
    // How long it took, after the start (the end had been asked).
    ['今天巡查了2个小时 从9点开始 朗州路', '11-23 09:00', '11-23 11:00'],
    ['9点开始巡了一个半小时', '11-23 09:00', '11-23 10:30'],
    ['两个小时前开始巡查', '11-23 14:05', undefined],
  ])('reads %s, said from now', (text, start, end) => {
    const range = parseTimeRange(text, now, TZ)
    expect(local(range?.start)).toBe(start)
    expect(local(range?.end)).toBe(end)
  })

  it('keeps 「现在」 that says no time, and times from now out of deadlines', () => {
    expect(parseTimeRange('现在井盖还没修', now, TZ)).toBeUndefined()
    expect(parseTimeRange('两个小时前', now, TZ, 'future')).toBeUndefined()
  })

  it('puts a month-day in the past for reports and in the future for deadlines', () => {
    expect(parseTimeRange('12月10日18点', now, TZ)?.start.toISOString()).toBe(
      zonedInstant('2025-12-10', TZ, 18).toISOString(),
    )
    expect(parseTimeRange('12月10日18点', now, TZ, 'future')?.start.toISOString()).toBe(
      zonedInstant('2026-12-10', TZ, 18).toISOString(),
    )
    expect(parseTimeRange('明年3月1日', now, TZ, 'future')?.start.toISOString()).toBe(
      zonedInstant('2027-03-01', TZ, 9).toISOString(),
    )
    expect(parseTimeRange('明天下午3点', now, TZ, 'future')?.start.toISOString()).toBe(
      zonedInstant('2026-11-24', TZ, 15).toISOString(),
    )
  })

  it('finds nothing in text without a time', () => {
    expect(parseTimeRange('柳叶湖大道', now, TZ)).toBeUndefined()
  })

  it('reads Chinese numerals', () => {
    expect([
      parseChineseNumber('两'),
      parseChineseNumber('十二'),
      parseChineseNumber('二十五'),
      parseChineseNumber('一百零三'),
      parseChineseNumber('7'),
    ]).toEqual([2, 12, 25, 103, 7])
    expect(parseChineseNumber('很多')).toBeUndefined()
  })
})

describe('dates written in digits', () => {
  it('takes a year written out as that year, and leaves 「8.30」 alone a time of day rather than a date', () => {
    expect(parseTimeRange('2025-11-22 9:00-11:00', now, TZ)?.start).toEqual(zonedInstant('2025-11-22', TZ, 9))
    // A measure after the pair counts something: 「坑深10-20公分」 is no span of hours.
    expect(parseTimeRange('人民路巡查 坑深10-20公分 2人1车', now, TZ)).toBeUndefined()
    expect(parseTimeRange('长2.50-3.00米的裂缝 巡查人民路', now, TZ)).toBeUndefined()
    // Without a time said after it, 「8.30」 is not read as the 30th of August.
    expect(parseTimeRange('8.30 人民路', now, TZ)).toBeUndefined()
    // Not a month and day that exist: left as written.
    expect(parseTimeRange('13/45 9点', now, TZ)?.start).toEqual(zonedInstant('2026-11-23', TZ, 9))
  })
})

describe('dates as people read them', () => {
  const tz = 'Asia/Shanghai'
  it('shows the year when the date is not in the current year, and only then', () => {
    const december = zonedInstant('2026-12-20', tz, 10)
    expect(formatLocal(zonedInstant('2027-01-03', tz, 23, 59), tz, december)).toBe('2027年1月3日 23:59')
    expect(formatLocal(zonedInstant('2026-12-24', tz, 9), tz, december)).toBe('12月24日 09:00')
  })

  it('reads a deadline 「…前」 as the end of that day, never its morning', () => {
    const field = FORMS.assignment.fields.find((f) => f.key === 'rectifyDueAt') as FieldDefinition
    const ctx = { now: zonedInstant('2026-12-02', tz, 10), timeZone: tz, categoryRules: [], units: [] }
    expect(parseAnswer(field, '12月20日前', ctx)).toEqual({
      ok: true,
      values: { rectifyDueAt: zonedInstant('2026-12-20', tz, 23, 59).toISOString() },
    })
    expect(parseAnswer(field, '12月20日18点', ctx)).toEqual({
      ok: true,
      values: { rectifyDueAt: zonedInstant('2026-12-20', tz, 18).toISOString() },
    })
    // The day alone is a deadline by the end of it too (it had become 09:00 that morning).
    expect(parseAnswer(field, '12月20日', ctx)).toEqual({
      ok: true,
      values: { rectifyDueAt: zonedInstant('2026-12-20', tz, 23, 59).toISOString() },
    })
  })

  it('says how late something is in days and hours, never in thousands of minutes', () => {
    expect(describeDuration(27_452 * 60_000)).toBe('19 天 1 小时')
    expect(describeDuration(5 * 3_600_000 + 20 * 60_000)).toBe('5 小时 20 分钟')
    expect(describeDuration(0)).toBe('不到 1 分钟')
  })
})

describe('an end said without its day', () => {
  const iso = (date: string, hour: number, minute = 0) => zonedInstant(date, TZ, hour, minute).toISOString()
  const at = { timeZone: TZ, now: zonedInstant('2026-11-23', TZ, 18) }

  it('belongs to the start’s day, or the next when it is earlier than the start', () => {
    const values: Record<string, unknown> = { endedAt: iso('2026-11-23', 11, 30) }
    anchorEndToStartDay(values, { startedAt: iso('2026-11-22', 9) }, '11点半', at)
    expect(values.endedAt).toBe(iso('2026-11-22', 11, 30))
    const night: Record<string, unknown> = { endedAt: iso('2026-11-23', 1) }
    anchorEndToStartDay(night, { startedAt: iso('2026-11-22', 22) }, '1点', at)
    expect(night.endedAt).toBe(iso('2026-11-23', 1))
  })

  it('is the afternoon’s after an afternoon start when said without 上午/下午, and only when that has come', () => {
    const values: Record<string, unknown> = { endedAt: iso('2026-11-23', 4) }
    anchorEndToStartDay(values, { startedAt: iso('2026-11-23', 15) }, '四点', at)
    expect(values.endedAt).toBe(iso('2026-11-23', 16))
    // 「上午」 said: as said (the form then asks about an end before the start).
    const morning: Record<string, unknown> = { endedAt: iso('2026-11-23', 4) }
    anchorEndToStartDay(morning, { startedAt: iso('2026-11-23', 15) }, '上午四点', at)
    expect(morning.endedAt).toBe(iso('2026-11-23', 4))
    // The afternoon reading not yet come (now 18:00): as said.
    const later: Record<string, unknown> = { endedAt: iso('2026-11-23', 8) }
    anchorEndToStartDay(later, { startedAt: iso('2026-11-23', 15) }, '八点', at)
    expect(later.endedAt).toBe(iso('2026-11-23', 8))
    // A morning start: an earlier hour is not moved (the form asks).
    const am: Record<string, unknown> = { endedAt: iso('2026-11-23', 9) }
    anchorEndToStartDay(am, { startedAt: iso('2026-11-23', 10) }, '九点', at)
    expect(am.endedAt).toBe(iso('2026-11-23', 9))
  })

  it('keeps a day said with it', () => {
    const values: Record<string, unknown> = { endedAt: iso('2026-11-23', 10) }
    anchorEndToStartDay(values, { startedAt: iso('2026-11-20', 8) }, '11月23日10点', at)
    expect(values.endedAt).toBe(iso('2026-11-23', 10))
  })
})

describe('people counted in an answer', () => {
  const field = FORMS.patrol.fields.find((f) => f.key === 'staffCount') as FieldDefinition
  const ctx = { now, timeZone: TZ, categoryRules: [], units: [] }
  it.each([
    ['我和小王小李', 3],
    ['我跟老张、老刘', 3],
    ['我和老王', 2],
    ['就我一个人', 1],
  ])('%s → %i', (said, n) =>
    expect(parseAnswer(field, said, ctx)).toMatchObject({ ok: true, values: { staffCount: n } }),
  )

  it('names who went with the reporter, and no one counted without a name', () => {
    const named = { ...ctx, reporterName: '张伟' }
    expect(parseAnswer(field, '我和小王小李', named)).toEqual({
      ok: true,
      values: { staffCount: 3, patrollers: '张伟、小王、小李' },
    })
    expect(parseAnswer(field, '我和2个同事', named)).toEqual({ ok: true, values: { staffCount: 3 } })
  })
})
