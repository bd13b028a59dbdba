import { describe, expect, it } from 'vitest'
import { HOUR_MS, MINUTE_MS } from '../../src/domain/clock'
import { slaActions } from '../../src/domain/complaint-sla'
import { hazardReminders } from '../../src/domain/hazard-reminders'
import { isoWeekKey, zonedInstant } from '../../src/domain/local-time'
import { maskName, maskPersonalInfo } from '../../src/domain/privacy'
import { isQuiet, releaseAt } from '../../src/domain/quiet-hours'
import { renderDigest } from '../../src/reports/digest'

const TZ = 'Asia/Shanghai'
const received = zonedInstant('2026-11-23', TZ, 10)
const complaint = {
  status: 'assigned' as const,
  receivedAt: received,
  dueAt: new Date(received.getTime() + 24 * HOUR_MS),
}
const at = (ms: number) => new Date(received.getTime() + ms)
const kinds = (a: { kind: string; slot: string }[]) => a.map((x) => `${x.kind}:${x.slot}`)

describe('complaint SLA schedule', () => {
  it('reminds when unaccepted after 2 h and again at 75 %, then escalates at the limit', () => {
    expect(slaActions(complaint, [], at(HOUR_MS))).toEqual([])
    expect(kinds(slaActions(complaint, [], at(2 * HOUR_MS)))).toEqual(['remind_unaccepted:unaccepted'])
    expect(kinds(slaActions(complaint, [], at(18 * HOUR_MS)))).toEqual([
      'remind_unaccepted:unaccepted',
      'remind_75:p75',
    ])
    expect(kinds(slaActions({ ...complaint, status: 'accepted' }, [], at(18 * HOUR_MS)))).toEqual(['remind_75:p75'])
    expect(kinds(slaActions(complaint, [], at(24 * HOUR_MS)))).toEqual(['escalate:L1'])
  })

  it('climbs one level after 30 unacknowledged minutes, stops at level 3 or on any acknowledgement', () => {
    const l1 = { level: 1, notifiedAt: at(24 * HOUR_MS), ackAt: null }
    expect(slaActions(complaint, [l1], at(24 * HOUR_MS + 29 * MINUTE_MS))).toEqual([])
    expect(kinds(slaActions(complaint, [l1], at(24 * HOUR_MS + 30 * MINUTE_MS)))).toEqual(['escalate:L2'])
    const l2 = { level: 2, notifiedAt: at(24.5 * HOUR_MS), ackAt: null }
    expect(kinds(slaActions(complaint, [l1, l2], at(25 * HOUR_MS)))).toEqual(['escalate:L3'])
    const l3 = { level: 3, notifiedAt: at(25 * HOUR_MS), ackAt: null }
    expect(slaActions(complaint, [l1, l2, l3], at(30 * HOUR_MS))).toEqual([])
    expect(slaActions(complaint, [{ ...l1, ackAt: at(24.2 * HOUR_MS) }], at(30 * HOUR_MS))).toEqual([])
  })

  it('does nothing for handled complaints', () => {
    expect(slaActions({ ...complaint, status: 'replied' }, [], at(30 * HOUR_MS))).toEqual([])
  })
})

describe('hazard deadline reminders', () => {
  const due = zonedInstant('2026-11-30', TZ, 18)
  const hazard = { status: 'assigned' as const, level: 'general' as const, rectifyDueAt: due, listedSupervision: false }
  const on = (day: string, hour = 9) => zonedInstant(day, TZ, hour)
  it.each([
    ['2026-11-26', []],
    ['2026-11-27', ['before_due:before:3']],
    ['2026-11-29', ['before_due:before:1']],
    ['2026-11-30', ['due_today:due:2026-11-30']],
    ['2026-12-01', ['overdue:overdue:2026-12-01']],
    ['2026-12-02', ['overdue:overdue:2026-12-02']],
  ])('on %s sends %j', (day, expected) => {
    expect(kinds(hazardReminders(hazard, on(day), TZ))).toEqual(expected)
  })
  it('tells the duty officer and leaders about overdue major hazards, and reminds listed items weekly', () => {
    expect(kinds(hazardReminders({ ...hazard, level: 'major' }, on('2026-12-01'), TZ))).toEqual([
      'overdue:overdue:2026-12-01',
      'overdue_major:overdue-major:2026-12-01',
    ])
    expect(kinds(hazardReminders({ ...hazard, listedSupervision: true }, on('2026-11-24'), TZ))).toEqual([
      'listed_weekly:week:2026-W48',
    ])
  })
  it('says nothing about closed hazards', () => {
    expect(hazardReminders({ ...hazard, status: 'closed' }, on('2026-12-05'), TZ)).toEqual([])
  })
})

describe('quiet hours, weeks and privacy', () => {
  const quiet = { start: '22:00', end: '07:00' }
  it('holds routine reminders from 22:00 until 07:00', () => {
    expect(isQuiet(zonedInstant('2026-11-23', TZ, 21, 59), quiet, TZ)).toBe(false)
    expect(isQuiet(zonedInstant('2026-11-23', TZ, 23), quiet, TZ)).toBe(true)
    expect(releaseAt(zonedInstant('2026-11-23', TZ, 23), quiet, TZ)).toEqual(zonedInstant('2026-11-24', TZ, 7))
    expect(releaseAt(zonedInstant('2026-11-24', TZ, 3), quiet, TZ)).toEqual(zonedInstant('2026-11-24', TZ, 7))
    const noon = zonedInstant('2026-11-24', TZ, 12)
    expect(releaseAt(noon, quiet, TZ)).toEqual(noon)
  })
  it('names ISO weeks', () => {
    expect([
      isoWeekKey('2026-11-23'),
      isoWeekKey('2026-01-01'),
      isoWeekKey('2027-01-01'),
      isoWeekKey('2024-12-30'),
    ]).toEqual(['2026-W48', '2026-W01', '2026-W53', '2025-W01'])
  })
  it('masks phone numbers and the citizen’s name', () => {
    expect(maskPersonalInfo('王小明反映井盖缺失，电话13912345678', '王小明')).toBe('王**反映井盖缺失，电话139****5678')
    expect(maskName('李')).toBe('*')
  })
})

describe('the digest’s escalations', () => {
  it('shows how long each has been escalated, and that an acknowledged one still waits to be resolved', () => {
    const text = renderDigest({
      dateLabel: '2026-11-26',
      patrols: { count: 0, staff: 0, vehicles: 0 },
      hazards: { found: 0, closed: 0, overdueByUnit: [], openMajor: [] },
      complaints: { received: 0, dueYesterday: 0, handledInTime: 0, late: [] },
      escalations: [
        {
          code: 'TS20261124-0001',
          level: 1,
          notifiedAt: '11月25日 10:00',
          ackAt: '11月25日 10:20',
          age: '1 天 22 小时',
        },
        { code: 'TS20261124-0002', level: 2, notifiedAt: '11月26日 08:00', ackAt: null, age: '3 小时' },
      ],
    })
    expect(text).toContain(
      '- TS20261124-0001 → 值班员 11月25日 10:00，11月25日 10:20 确认，待办结（已升级 1 天 22 小时）',
    )
    expect(text).toContain('- TS20261124-0002 → 责任单位领导 11月26日 08:00，未确认（已升级 3 小时）')
  })
})
