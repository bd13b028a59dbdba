import type { WorkingCalendar } from './calendar'
import { HOUR_MS } from './clock'
import { addDays, addMonths, endOfLocalDay, localDate } from './local-time'

/** Statutory periods from the source documents. */
export const EMERGENCY_REPORT_WORKING_DAYS = 3
export const PATROL_TEAM_REPORT_WORKING_DAYS = 5
/** Source 001: the inspected unit reports back on a team's feedback within a month at the latest. */
export const REPORT_BACK_MONTHS = 1
/** A general hazard's rectification period when its category's routing rule sets none. */
export const DEFAULT_RECTIFY_DAYS = 30

export interface Deadline {
  dueAt: Date
  provisional: boolean
}

/** End of the n-th working day after the local date of `from`. */
export function workingDayDeadline(
  calendar: WorkingCalendar,
  from: Date,
  workingDays: number,
  timeZone: string,
): Deadline {
  const result = calendar.addWorkingDays(localDate(from, timeZone), workingDays)
  return { dueAt: endOfLocalDay(result.date, timeZone), provisional: result.provisional }
}

/** The written report after an emergency disposal: within 3 working days. */
export function emergencyReportDeadline(calendar: WorkingCalendar, disposedAt: Date, timeZone: string): Deadline {
  return workingDayDeadline(calendar, disposedAt, EMERGENCY_REPORT_WORKING_DAYS, timeZone)
}

/** A patrol team's report: within 5 working days after the patrol ends. */
export function patrolTeamReportDeadline(calendar: WorkingCalendar, patrolEndedAt: Date, timeZone: string): Deadline {
  return workingDayDeadline(calendar, patrolEndedAt, PATROL_TEAM_REPORT_WORKING_DAYS, timeZone)
}

/**
 * Source 001 「最迟不超过一个月」: the end of the same date one calendar month later (clamped to the month's
 * end) — the inspected unit's report back on a patrol team's feedback, not every hazard's rectification.
 */
export function reportBackDeadline(from: Date, timeZone: string): Date {
  return endOfLocalDay(addMonths(localDate(from, timeZone), REPORT_BACK_MONTHS), timeZone)
}

export type RectificationDeadline = { ok: true; dueAt: Date } | { ok: false; reason: 'not_in_future' }

/**
 * A hazard's rectification deadline at assignment: the one given (a major hazard's 五落实 时限, or what the
 * supervisor sets), which must lie ahead; otherwise the end of the day `defaultDays` after assignment (the
 * category's period from the routing table, 30 days by default). No cap: a major hazard's plan may need
 * more than a month.
 */
export function rectificationDeadline(
  assignedAt: Date,
  requested: Date | undefined,
  defaultDays: number,
  timeZone: string,
): RectificationDeadline {
  if (!requested)
    return { ok: true, dueAt: endOfLocalDay(addDays(localDate(assignedAt, timeZone), defaultDays), timeZone) }
  if (requested.getTime() <= assignedAt.getTime()) return { ok: false, reason: 'not_in_future' }
  return { ok: true, dueAt: requested }
}

export interface ComplaintClockSettings {
  /** Time for the responsible unit to sign for (签收) a complaint. */
  signForHours: number
  /** The handling limit: complaints must be handled within 1 day. */
  handlingHours: number
}

export const DEFAULT_COMPLAINT_CLOCKS: ComplaintClockSettings = { signForHours: 2, handlingHours: 24 }

export function complaintClocks(
  receivedAt: Date,
  settings: ComplaintClockSettings = DEFAULT_COMPLAINT_CLOCKS,
): { signDueAt: Date; dueAt: Date } {
  return {
    signDueAt: new Date(receivedAt.getTime() + settings.signForHours * HOUR_MS),
    dueAt: new Date(receivedAt.getTime() + settings.handlingHours * HOUR_MS),
  }
}
