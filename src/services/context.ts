import type { Database } from '../db/client'
import type { WorkingCalendar } from '../domain/calendar'
import type { Clock } from '../domain/clock'
import type { ComplaintClockSettings } from '../domain/deadlines'
import { loadCalendar } from './calendar'

/** What every service needs: where the data is, what time it is, and which zone the city lives in. */
export interface ServiceContext {
  db: Database
  clock: Clock
  timeZone: string
  complaintClocks: ComplaintClockSettings
  calendar: CalendarProvider
}

/** The working-day calendar, loaded once and reloaded after an admin edits it. */
export interface CalendarProvider {
  get(): Promise<WorkingCalendar>
  invalidate(): void
}

export function cachedCalendar(db: Database): CalendarProvider {
  let pending: Promise<WorkingCalendar> | undefined
  return {
    get() {
      pending ??= loadCalendar(db).catch((error) => {
        pending = undefined
        throw error
      })
      return pending
    },
    invalidate() {
      pending = undefined
    },
  }
}
