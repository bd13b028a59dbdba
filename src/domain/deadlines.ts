import type { WorkingCalendar } from './calendar'
import { HOUR_MS } from './clock'
import { addMonths, endOfLocalDay, localDate } from './local-time'

/** Statutory periods from the source documents. */
export const EMERGENCY_REPORT_WORKING_DAYS = 3
export const PATROL_TEAM_REPORT_WORKING_DAYS = 5
export const MAX_RECTIFICATION_MONTHS = 1

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

/** The latest rectification deadline allowed: end of the same date one calendar month after assignment. */
export function maxRectificationDeadline(assignedAt: Date, timeZone: string): Date {
  return endOfLocalDay(addMonths(localDate(assignedAt, timeZone), MAX_RECTIFICATION_MONTHS), timeZone)
}

export type RectificationDeadlineCheck =
  | { ok: true; dueAt: Date }
  | { ok: false; reason: 'not_in_future' | 'beyond_one_month'; max: Date }

/** Checks a requested rectification deadline; with none requested the maximum (one month) applies. */
export function checkRectificationDeadline(
  assignedAt: Date,
  requested: Date | undefined,
  timeZone: string,
): RectificationDeadlineCheck {
  const max = maxRectificationDeadline(assignedAt, timeZone)
  if (!requested) return { ok: true, dueAt: max }
  if (requested.getTime() <= assignedAt.getTime()) return { ok: false, reason: 'not_in_future', max }
  if (requested.getTime() > max.getTime()) return { ok: false, reason: 'beyond_one_month', max }
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
