import { and, between, eq, inArray, lt } from 'drizzle-orm'
import { complaints, hazards, units } from '../db/schema'
import { handledAt } from '../domain/complaint-lifecycle'
import { addDays, localDate } from '../domain/local-time'
import { periodOfDate } from '../domain/periods'
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
  const [todayFigures, monthFigures, openHazards, openComplaints, todayComplaints, due30] = await Promise.all([
    periodFigures(db, day),
    periodFigures(db, month),
    db
      .select()
      .from(hazards)
      .where(inArray(hazards.status, ['reported', 'assigned', 'rectifying', 'awaiting_verification'])),
    db
      .select()
      .from(complaints)
      .where(inArray(complaints.status, ['received', 'assigned', 'accepted'])),
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
  const patrolUnits = await db
    .select()
    .from(units)
    .where(and(inArray(units.kind, ['patrol', 'supervising']), eq(units.active, true)))
    .orderBy(units.id)
  // Every assessed unit, the supervising offices as well as the patrol units.
  const scores = []
  for (const unit of patrolUnits) scores.push({ unit: unit.name, score: await unitScore(ctx, unit.id, month) })
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
      hazards: openHazards.length,
      overdueHazards: openHazards.filter((h) => h.rectifyDueAt && h.rectifyDueAt.getTime() < now.getTime()).length,
      openMajor: openHazards.filter((h) => h.level === 'major').length,
      openComplaints: openComplaints.length,
      overdueComplaints: openComplaints.filter((c) => c.dueAt.getTime() < now.getTime()).length,
    },
    complaintOnTimeRate: counted.length === 0 ? null : onTime / counted.length,
    rectificationRate: monthFigures.rectificationRate,
    scores,
    trend,
  }
}
