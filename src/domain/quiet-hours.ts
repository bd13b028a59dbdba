import { addDays, localDate, localParts, zonedInstant } from './local-time'

/**
 * Quiet hours (default 22:00–07:00): routine reminders wait until they end; escalations of overdue
 * complaints never wait.
 */
export interface QuietHours {
  start: string
  end: string
}

function minutesOf(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number)
  return (h ?? 0) * 60 + (m ?? 0)
}

export function isQuiet(now: Date, quiet: QuietHours, timeZone: string): boolean {
  const p = localParts(now, timeZone)
  const minute = p.hour * 60 + p.minute
  const start = minutesOf(quiet.start)
  const end = minutesOf(quiet.end)
  return start <= end ? minute >= start && minute < end : minute >= start || minute < end
}

/** When a routine reminder due at `now` may go out: now, or the end of the current quiet period. */
export function releaseAt(now: Date, quiet: QuietHours, timeZone: string): Date {
  if (!isQuiet(now, quiet, timeZone)) return now
  const [h, m] = quiet.end.split(':').map(Number)
  const today = localDate(now, timeZone)
  const endToday = zonedInstant(today, timeZone, h ?? 0, m ?? 0)
  return endToday.getTime() > now.getTime() ? endToday : zonedInstant(addDays(today, 1), timeZone, h ?? 0, m ?? 0)
}
