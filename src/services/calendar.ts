import holidayData from 'chinese-days/dist/chinese-days.json' with { type: 'json' }
import { sql } from 'drizzle-orm'
import type { Database } from '../db/client'
import { calendarDays, calendarYears } from '../db/schema'
import { type CalendarDayKind, WorkingCalendar } from '../domain/calendar'
import { parseIsoDate } from '../domain/local-time'

export const CALENDAR_SOURCE = 'chinese-days'

interface SeedRow {
  date: string
  kind: CalendarDayKind
  name: string
}

/**
 * The official calendar from the `chinese-days` dataset. We read its raw tables rather than its helper
 * functions: the helpers treat years they do not cover as plain Monday–Friday, `isInLieu` marks the
 * rest day (not the make-up working day), and the range helper drops make-up Saturdays. Here, `holidays`
 * are rest days and `workdays` are make-up working days; the years present are the years covered.
 */
export function officialCalendarRows(): { rows: SeedRow[]; years: number[] } {
  const rows: SeedRow[] = []
  const years = new Set<number>()
  const nameOf = (value: string) => value.split(',')[1] ?? value
  for (const [date, value] of Object.entries(holidayData.holidays as Record<string, string>)) {
    rows.push({ date, kind: 'rest', name: nameOf(value) })
    years.add(parseIsoDate(date).year)
  }
  for (const [date, value] of Object.entries(holidayData.workdays as Record<string, string>)) {
    rows.push({ date, kind: 'work', name: `${nameOf(value)}调休上班` })
  }
  return { rows, years: [...years].sort() }
}

/** Loads the official calendar; rows an admin edited (source ≠ chinese-days) are left alone. */
export async function seedOfficialCalendar(db: Database): Promise<number> {
  const { rows, years } = officialCalendarRows()
  const chunk = 500
  for (let i = 0; i < rows.length; i += chunk) {
    await db
      .insert(calendarDays)
      .values(rows.slice(i, i + chunk).map((r) => ({ ...r, source: CALENDAR_SOURCE })))
      .onConflictDoUpdate({
        target: calendarDays.date,
        set: { kind: sql`excluded.kind`, name: sql`excluded.name` },
        setWhere: sql`${calendarDays.source} = ${CALENDAR_SOURCE}`,
      })
  }
  await db
    .insert(calendarYears)
    .values(years.map((year) => ({ year, source: CALENDAR_SOURCE })))
    .onConflictDoNothing()
  return rows.length
}

/** An admin's local change: a day made a rest day or a working day, recorded with its source. */
export async function setCalendarDay(
  db: Database,
  input: { date: string; kind: CalendarDayKind; name: string; source: string },
): Promise<void> {
  await db
    .insert(calendarDays)
    .values(input)
    .onConflictDoUpdate({
      target: calendarDays.date,
      set: { kind: input.kind, name: input.name, source: input.source },
    })
}

export async function loadCalendar(db: Database): Promise<WorkingCalendar> {
  const [days, years] = await Promise.all([db.select().from(calendarDays), db.select().from(calendarYears)])
  return new WorkingCalendar(
    days.map((d) => ({ date: d.date, kind: d.kind, name: d.name })),
    years.map((y) => y.year),
  )
}
