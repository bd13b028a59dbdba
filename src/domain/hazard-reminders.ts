import type { HazardLevel, HazardStatus } from './hazard-lifecycle'
import { addDays, type IsoDate, isoWeekKey, localDate } from './local-time'

/**
 * When the responsible unit hears about a hazard's deadline: 3 days and 1 day before, on the day, and
 * every day once overdue; overdue major hazards also go to the duty officer and leaders; listed-supervision
 * items get a weekly reminder. Each reminder has a slot so it is sent once.
 */
export interface ReminderHazard {
  status: HazardStatus
  level: HazardLevel
  rectifyDueAt: Date | null
  listedSupervision: boolean
}

export type HazardReminder =
  | { kind: 'before_due'; slot: string; daysLeft: number }
  | { kind: 'due_today'; slot: string }
  | { kind: 'overdue'; slot: string; daysOverdue: number }
  | { kind: 'overdue_major'; slot: string }
  | { kind: 'listed_weekly'; slot: string }

export const DEFAULT_DAYS_BEFORE = [3, 1] as const

export function hazardReminders(
  hazard: ReminderHazard,
  now: Date,
  timeZone: string,
  daysBefore: readonly number[] = DEFAULT_DAYS_BEFORE,
): HazardReminder[] {
  if (hazard.status !== 'assigned' && hazard.status !== 'rectifying') return []
  const out: HazardReminder[] = []
  const today = localDate(now, timeZone)
  if (hazard.listedSupervision) out.push({ kind: 'listed_weekly', slot: `week:${isoWeekKey(today)}` })
  if (!hazard.rectifyDueAt) return out
  const dueDate = localDate(hazard.rectifyDueAt, timeZone)
  if (now.getTime() > hazard.rectifyDueAt.getTime()) {
    const daysOverdue = daysBetween(dueDate, today)
    out.push({ kind: 'overdue', slot: `overdue:${today}`, daysOverdue })
    if (hazard.level === 'major') out.push({ kind: 'overdue_major', slot: `overdue-major:${today}` })
    return out
  }
  if (dueDate === today) {
    out.push({ kind: 'due_today', slot: `due:${today}` })
    return out
  }
  const left = daysBetween(today, dueDate)
  for (const days of daysBefore)
    if (left <= days && left > 0) out.push({ kind: 'before_due', slot: `before:${days}`, daysLeft: left })
  // Only the nearest threshold speaks: 1 day left does not also send the 3-day reminder late.
  return out.filter(
    (r, _, all) => r.kind !== 'before_due' || r.slot === all.filter((x) => x.kind === 'before_due').at(-1)?.slot,
  )
}

function daysBetween(from: IsoDate, to: IsoDate): number {
  let n = 0
  for (let d = from; d < to; d = addDays(d, 1)) n++
  return n
}
