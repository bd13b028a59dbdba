import { and, between, count, eq, inArray, isNull, lt, lte, ne, type SQL, sql } from 'drizzle-orm'
import type { PgColumn } from 'drizzle-orm/pg-core'
import { complaints, hazards, patrols } from '../db/schema'
import { OPEN_COMPLAINT_STATUSES } from '../domain/complaint-lifecycle'
import { OPEN_HAZARD_STATUSES, UNDER_RECTIFICATION_STATUSES } from '../domain/hazard-lifecycle'
import { addDays, localDate } from '../domain/local-time'
import { type Period, periodOfDate } from '../domain/periods'
import type { UnitScore } from '../domain/scoring'
import type { ServiceContext } from './context'
import { complaintTimeliness } from './figures'
import { assessedUnits, scoreEach } from './unit-scores'

/** What a leader sees first: today, what is overdue, the 1-day rate, rectification, scores, a week's trend. */
export interface Dashboard {
  today: { patrols: number; staff: number; hazardsFound: number; complaintsReceived: number }
  open: {
    hazards: number
    overdueHazards: number
    openMajor: number
    openComplaints: number
    overdueComplaints: number
  }
  complaintOnTimeRate: number | null
  rectificationRate: number | null
  scores: { unit: string; score: UnitScore }[]
  trend: { date: string; patrols: number; hazards: number; complaints: number }[]
}

export async function dashboard(ctx: ServiceContext): Promise<Dashboard> {
  const { db, timeZone } = ctx
  const now = ctx.clock.now()
  const today = localDate(now, timeZone)
  const month = periodOfDate('month', today, timeZone)
  const days = Array.from({ length: TREND_DAYS }, (_, i) =>
    periodOfDate('day', addDays(today, i - TREND_DAYS + 1), timeZone),
  )
  const week = { startAt: (days[0] as Period).startAt, endAt: (days.at(-1) as Period).endAt }
  const last30 = { startAt: periodOfDate('day', addDays(today, -29), timeZone).startAt, endAt: week.endAt }
  // Every figure is counted in the database, a handful of aggregate queries over index ranges: a city with a
  // million hazards sends back numbers, not rows.
  const [patrolDays, hazardDays, complaintDays, [monthHazards], [openHazards], [openComplaints], due30, scores] =
    await Promise.all([
      db
        .select(countsByDay(patrols.startedAt, days, { staff: patrols.staffCount }))
        .from(patrols)
        .where(and(between(patrols.startedAt, week.startAt, week.endAt), isNull(patrols.voidedAt))),
      db
        .select(countsByDay(hazards.foundAt, days))
        .from(hazards)
        .where(and(between(hazards.foundAt, week.startAt, week.endAt), ne(hazards.status, 'voided'))),
      db
        .select(countsByDay(complaints.receivedAt, days))
        .from(complaints)
        .where(between(complaints.receivedAt, week.startAt, week.endAt)),
      // The month's rectification rate as the forms count it: of the hazards found this month, how many are closed.
      db
        .select({ found: count(), closed: count(sql`case when ${lte(hazards.closedAt, month.endAt)} then 1 end`) })
        .from(hazards)
        .where(and(between(hazards.foundAt, month.startAt, month.endAt), ne(hazards.status, 'voided'))),
      db
        .select({
          all: count(),
          overdue: count(
            sql`case when ${inArray(hazards.status, [...UNDER_RECTIFICATION_STATUSES])} and ${lt(hazards.rectifyDueAt, now)} then 1 end`,
          ),
          major: count(sql`case when ${eq(hazards.level, 'major')} then 1 end`),
        })
        .from(hazards)
        .where(inArray(hazards.status, [...OPEN_HAZARD_STATUSES])),
      db
        .select({ all: count(), overdue: count(sql`case when ${lt(complaints.dueAt, now)} then 1 end`) })
        .from(complaints)
        .where(inArray(complaints.status, [...OPEN_COMPLAINT_STATUSES])),
      // The 1-day rate over the complaints whose limit passed in the last 30 days.
      complaintTimeliness(db, last30, now),
      monthScores(ctx, month),
    ])
  const patrolsOn = dayCounts(patrolDays[0], days.length)
  const staffOn = dayCounts(patrolDays[0], days.length, 'staff')
  const hazardsOn = dayCounts(hazardDays[0], days.length)
  const complaintsOn = dayCounts(complaintDays[0], days.length)
  const last = days.length - 1
  const counted = due30.due
  const found = Number(monthHazards?.found ?? 0)
  return {
    today: {
      patrols: patrolsOn[last] ?? 0,
      staff: staffOn[last] ?? 0,
      hazardsFound: hazardsOn[last] ?? 0,
      complaintsReceived: complaintsOn[last] ?? 0,
    },
    open: {
      hazards: Number(openHazards?.all ?? 0),
      overdueHazards: Number(openHazards?.overdue ?? 0),
      openMajor: Number(openHazards?.major ?? 0),
      openComplaints: Number(openComplaints?.all ?? 0),
      overdueComplaints: Number(openComplaints?.overdue ?? 0),
    },
    complaintOnTimeRate: counted === 0 ? null : due30.onTime / counted,
    rectificationRate: found === 0 ? null : rate(Number(monthHazards?.closed ?? 0), found),
    scores,
    trend: days.map((d, i) => ({
      date: d.start,
      patrols: patrolsOn[i] ?? 0,
      hazards: hazardsOn[i] ?? 0,
      complaints: complaintsOn[i] ?? 0,
    })),
  }
}

/** How many days the trend shows, today the last of them. */
const TREND_DAYS = 7

/**
 * One row of per-day counts over a timestamp column: `d0`…`dN` count the rows in each day, and each extra
 * column gets `<name>0`…`<name>N` sums. The day bounds come from the calendar code, so the database needs no
 * time-zone rules.
 */
function countsByDay(
  column: PgColumn,
  days: readonly Period[],
  sums: Record<string, PgColumn> = {},
): Record<string, SQL.Aliased<number>> {
  const fields: Record<string, SQL.Aliased<number>> = {}
  days.forEach((day, i) => {
    const inDay = between(column, day.startAt, day.endAt)
    fields[`d${i}`] = sql<number>`count(case when ${inDay} then 1 end)`.as(`d${i}`)
    for (const [name, summed] of Object.entries(sums))
      fields[`${name}${i}`] = sql<number>`coalesce(sum(case when ${inDay} then ${summed} end), 0)`.as(`${name}${i}`)
  })
  return fields
}

/** The per-day figures of a countsByDay row, oldest day first. */
function dayCounts(row: Record<string, unknown> | undefined, days: number, name = 'd'): number[] {
  return Array.from({ length: days }, (_, i) => Number(row?.[`${name}${i}`] ?? 0))
}

function rate(part: number, whole: number): number {
  return Math.round((part / whole) * 10_000) / 10_000
}

/** Every assessed unit's score this month — the supervising offices as well as the patrol units. */
async function monthScores(ctx: ServiceContext, month: Period): Promise<{ unit: string; score: UnitScore }[]> {
  const scored = await scoreEach(ctx, await assessedUnits(ctx.db), month)
  return scored.map(({ unit, score }) => ({ unit: unit.name, score }))
}
