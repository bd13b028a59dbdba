import { describe, expect, it } from 'vitest'
import { WorkingCalendar } from '../../src/domain/calendar'
import {
  complaintClocks,
  emergencyReportDeadline,
  patrolTeamReportDeadline,
  rectificationDeadline,
  reportBackDeadline,
} from '../../src/domain/deadlines'
import { zonedInstant } from '../../src/domain/local-time'
import { officialCalendar } from '../helpers/calendar'

const TZ = 'Asia/Shanghai'
const calendar = officialCalendar()

describe('official working-day calendar (chinese-days data)', () => {
  it('treats the 2025 National Day week as rest days, weekdays included', () => {
    for (const day of ['2025-10-01', '2025-10-02', '2025-10-03', '2025-10-06', '2025-10-07', '2025-10-08']) {
      expect(calendar.isWorkingDay(day), day).toBe(false)
    }
  })

  it('treats the make-up weekend days of 2025 National Day as working days', () => {
    expect(calendar.isWorkingDay('2025-09-28')).toBe(true) // a Sunday
    expect(calendar.isWorkingDay('2025-10-11')).toBe(true) // a Saturday
    expect(calendar.isWorkingDay('2025-09-27')).toBe(false) // the Saturday before stays a rest day
  })

  it('counts working days across National Day, landing on a make-up Saturday', () => {
    // Oct 1–8 rest; Oct 9 Thu (1), Oct 10 Fri (2), Oct 11 Sat make-up day (3).
    expect(calendar.addWorkingDays('2025-09-30', 3)).toEqual({ date: '2025-10-11', provisional: false })
    // Friday Sep 26 + 1 working day is the make-up Sunday Sep 28, not Monday.
    expect(calendar.addWorkingDays('2025-09-26', 1)).toEqual({ date: '2025-09-28', provisional: false })
  })

  it('lists the working days of a week spanning National Day', () => {
    expect(calendar.workingDaysBetween('2025-09-29', '2025-10-12')).toEqual([
      '2025-09-29',
      '2025-09-30',
      '2025-10-09',
      '2025-10-10',
      '2025-10-11',
    ])
  })

  it('marks results computed through an uncovered year as provisional', () => {
    const last = calendar.addWorkingDays('2026-12-30', 1)
    expect(last.provisional).toBe(false)
    const beyond = calendar.addWorkingDays('2026-12-30', 5)
    expect(beyond.provisional).toBe(true)
    expect(calendar.isCovered('2027-03-01')).toBe(false)
  })

  it('lets local exceptions override the Monday–Friday rule', () => {
    const local = new WorkingCalendar([{ date: '2030-06-05', kind: 'rest' }], [2030])
    expect(local.isWorkingDay('2030-06-05')).toBe(false)
    expect(local.addWorkingDays('2030-06-04', 1)).toEqual({ date: '2030-06-06', provisional: false })
  })

  it('rejects a negative count', () => {
    expect(() => calendar.addWorkingDays('2025-01-01', -1)).toThrow(RangeError)
  })
})

describe('deadlines', () => {
  it('gives the emergency-disposal report 3 working days, to the end of the local day', () => {
    const disposed = zonedInstant('2025-09-30', TZ, 15, 0)
    const deadline = emergencyReportDeadline(calendar, disposed, TZ)
    expect(deadline.dueAt.toISOString()).toBe(new Date(zonedInstant('2025-10-12', TZ).getTime() - 1).toISOString())
    expect(deadline.provisional).toBe(false)
  })

  it("gives a patrol team's report 5 working days after the patrol ends", () => {
    const ended = zonedInstant('2025-09-29', TZ, 17, 0)
    // Sep 30 (1), Oct 9 (2), Oct 10 (3), Oct 11 (4), Oct 13 (5)
    const deadline = patrolTeamReportDeadline(calendar, ended, TZ)
    expect(deadline.dueAt.toISOString()).toBe(new Date(zonedInstant('2025-10-14', TZ).getTime() - 1).toISOString())
  })

  it('puts the report back on a team’s feedback within one calendar month, clamped to the month end', () => {
    const fed = zonedInstant('2026-01-31', TZ, 10, 0)
    expect(reportBackDeadline(fed, TZ).toISOString()).toBe(
      new Date(zonedInstant('2026-03-01', TZ).getTime() - 1).toISOString(),
    )
  })

  it('takes a hazard’s deadline as given, however far (a major hazard’s 五落实 时限), or the category’s default', () => {
    const assigned = zonedInstant('2026-01-31', TZ, 10, 0)
    const sixWeeks = zonedInstant('2026-03-14', TZ, 18, 0)
    expect(rectificationDeadline(assigned, sixWeeks, 30, TZ)).toEqual({ ok: true, dueAt: sixWeeks })
    expect(rectificationDeadline(assigned, undefined, 30, TZ)).toEqual({
      ok: true,
      dueAt: new Date(zonedInstant('2026-03-03', TZ).getTime() - 1),
    })
    expect(rectificationDeadline(assigned, undefined, 7, TZ)).toEqual({
      ok: true,
      dueAt: new Date(zonedInstant('2026-02-08', TZ).getTime() - 1),
    })
    expect(rectificationDeadline(assigned, new Date(assigned.getTime() - 1), 30, TZ)).toEqual({
      ok: false,
      reason: 'not_in_future',
    })
  })

  it('starts both complaint clocks at receipt: sign-for and the 1-day limit', () => {
    const received = new Date('2026-11-23T02:00:00Z')
    expect(complaintClocks(received)).toEqual({
      signDueAt: new Date('2026-11-23T04:00:00Z'),
      dueAt: new Date('2026-11-24T02:00:00Z'),
    })
  })
})
