import { and, between, count, eq, inArray, lt, sql } from 'drizzle-orm'
import { complaints, hazards, units } from '../db/schema'
import { handledAt, OPEN_COMPLAINT_STATUSES } from '../domain/complaint-lifecycle'
import { OPEN_HAZARD_STATUSES, UNDER_RECTIFICATION_STATUSES } from '../domain/hazard-lifecycle'
import { addDays, localDate } from '../domain/local-time'
import { type Period, periodOfDate } from '../domain/periods'
import type { UnitScore } from '../domain/scoring'
import type { ServiceContext } from './context'
import { periodFigures, unitScore } from './figures'

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
  const day = periodOfDate('day', today, timeZone)
  const month = periodOfDate('month', today, timeZone)
  const last30 = { startAt: periodOfDate('day', addDays(today, -29), timeZone).startAt, endAt: day.endAt }
  // Counted in the database: a city with a million hazards sends back three numbers, not its open rows.
  const [todayFigures, monthFigures, [openHazards], [openComplaints], todayComplaints, due30] = await Promise.all([
    periodFigures(db, day),
    periodFigures(db, month),
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
    db
      .select({ id: complaints.id })
      .from(complaints)
      .where(between(complaints.receivedAt, day.startAt, day.endAt)),
    db
      .select()
      .from(complaints)
      .where(and(between(complaints.dueAt, last30.startAt, last30.endAt), lt(complaints.dueAt, now))),
  ])
  const counted = due30.filter((c) => c.status !== 'rejected' && c.status !== 'duplicate')
  const onTime = counted.filter((c) => {
    const handled = handledAt(c)
    return handled !== null && handled.getTime() <= c.dueAt.getTime()
  }).length
  const scores = await monthScores(ctx, month)
  const trend = []
  for (let back = 6; back >= 0; back--) {
    const date = addDays(today, -back)
    const f = await periodFigures(db, periodOfDate('day', date, timeZone))
    const p = periodOfDate('day', date, timeZone)
    const received = await db
      .select({ id: complaints.id })
      .from(complaints)
      .where(between(complaints.receivedAt, p.startAt, p.endAt))
    trend.push({ date, patrols: f.patrolCount, hazards: f.hazardsFound, complaints: received.length })
  }
  return {
    today: {
      patrols: todayFigures.patrolCount,
      staff: todayFigures.staffTurnouts,
      hazardsFound: todayFigures.hazardsFound,
      complaintsReceived: todayComplaints.length,
    },
    open: {
      hazards: Number(openHazards?.all ?? 0),
      overdueHazards: Number(openHazards?.overdue ?? 0),
      openMajor: Number(openHazards?.major ?? 0),
      openComplaints: Number(openComplaints?.all ?? 0),
      overdueComplaints: Number(openComplaints?.overdue ?? 0),
    },
    complaintOnTimeRate: counted.length === 0 ? null : onTime / counted.length,
    rectificationRate: monthFigures.rectificationRate,
    scores,
    trend,
  }
}

/**
 * How long the month's scores on the dashboard may be reused. Scoring every unit reads each one's whole month
 * (about ten queries a unit), which is most of the dashboard's time; leaders opening it again and again within
 * a minute see the same figures, and the 考核 page always computes them afresh.
 */
export const DASHBOARD_SCORES_TTL_MS = 60_000

const scoreCache = new WeakMap<object, { month: string; at: number; scores: { unit: string; score: UnitScore }[] }>()

/** Every assessed unit's score this month — the supervising offices as well as the patrol units. */
async function monthScores(ctx: ServiceContext, month: Period): Promise<{ unit: string; score: UnitScore }[]> {
  const now = ctx.clock.now().getTime()
  const cached = scoreCache.get(ctx.db)
  if (cached && cached.month === month.start && now - cached.at >= 0 && now - cached.at < DASHBOARD_SCORES_TTL_MS)
    return cached.scores
  const assessed = await ctx.db
    .select()
    .from(units)
    .where(and(inArray(units.kind, ['patrol', 'supervising']), eq(units.active, true)))
    .orderBy(units.id)
  const scores = []
  for (const unit of assessed) scores.push({ unit: unit.name, score: await unitScore(ctx, unit.id, month) })
  scoreCache.set(ctx.db, { month: month.start, at: now, scores })
  return scores
}
