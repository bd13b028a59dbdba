import { and, between, eq, inArray, lt } from 'drizzle-orm'
import { formatLocal } from '../conversation/format'
import { complaints, escalations, hazards, notifications, units } from '../db/schema'
import { handledAt } from '../domain/complaint-lifecycle'
import { describeDuration } from '../domain/durations'
import { UNDER_RECTIFICATION_STATUSES } from '../domain/hazard-lifecycle'
import { addDays, localDate } from '../domain/local-time'
import { periodOfDate } from '../domain/periods'
import { maskPersonalInfo } from '../domain/privacy'
import { notifyOnce, postToGroups } from '../messaging/notify'
import { type DigestData, renderDigest } from '../reports/digest'
import type { DigestSummariser } from '../reports/digest-summary'
import type { ServiceContext } from '../services/context'
import { periodFigures } from '../services/figures'
import { groupsOf, leaders } from '../services/recipients'

/** Yesterday's figures, gathered with SQL. */
export async function gatherDigest(ctx: ServiceContext): Promise<DigestData> {
  const { db } = ctx
  const now = ctx.clock.now()
  const yesterday = periodOfDate('day', addDays(localDate(now, ctx.timeZone), -1), ctx.timeZone)
  const unitNames = new Map(
    (await db.select({ id: units.id, name: units.name }).from(units)).map((u) => [u.id, u.name]),
  )
  const nameOf = (id: number | null) => (id === null ? '待分派' : (unitNames.get(id) ?? '—'))
  const [figures, overdue, openMajor, dueComplaints, received, escalated] = await Promise.all([
    periodFigures(db, yesterday),
    db
      .select({ unitId: hazards.unitId })
      .from(hazards)
      .where(and(inArray(hazards.status, [...UNDER_RECTIFICATION_STATUSES]), lt(hazards.rectifyDueAt, now))),
    db
      .select()
      .from(hazards)
      .where(
        and(
          eq(hazards.level, 'major'),
          inArray(hazards.status, ['reported', 'assigned', 'rectifying', 'awaiting_verification']),
        ),
      ),
    db
      .select()
      .from(complaints)
      .where(between(complaints.dueAt, yesterday.startAt, yesterday.endAt)),
    db
      .select({ id: complaints.id })
      .from(complaints)
      .where(between(complaints.receivedAt, yesterday.startAt, yesterday.endAt)),
    db
      .select({ e: escalations, code: complaints.code })
      .from(escalations)
      .innerJoin(complaints, eq(complaints.id, escalations.subjectId))
      .where(
        and(
          eq(escalations.subjectType, 'complaint'),
          between(escalations.notifiedAt, yesterday.startAt, yesterday.endAt),
        ),
      ),
  ])
  const counted = dueComplaints.filter((c) => c.status !== 'rejected' && c.status !== 'duplicate')
  const late = counted.filter((c) => (handledAt(c) ?? now).getTime() > c.dueAt.getTime())
  const overdueByUnit = new Map<string, number>()
  for (const h of overdue) overdueByUnit.set(nameOf(h.unitId), (overdueByUnit.get(nameOf(h.unitId)) ?? 0) + 1)
  return {
    dateLabel: yesterday.label,
    patrols: { count: figures.patrolCount, staff: figures.staffTurnouts, vehicles: figures.vehicleTurnouts },
    hazards: {
      found: figures.hazardsFound,
      closed: figures.closedInPeriod,
      overdueByUnit: [...overdueByUnit].map(([unit, count]) => ({ unit, count })),
      openMajor: openMajor.map((h) => ({
        code: h.code,
        unit: nameOf(h.unitId),
        description: maskPersonalInfo(h.description).slice(0, 30),
      })),
    },
    complaints: {
      received: received.length,
      dueYesterday: counted.length,
      handledInTime: counted.length - late.length,
      late: late.map((c) => ({
        code: c.code,
        unit: nameOf(c.unitId),
        // Masked before cutting: a cut number would no longer look like one.
        description: maskPersonalInfo(c.description, c.citizenName).slice(0, 40),
      })),
    },
    escalations: escalated.map(({ e, code }) => ({
      code,
      level: e.level,
      notifiedAt: formatLocal(e.notifiedAt, ctx.timeZone, ctx.clock.now()),
      ackAt: e.ackAt ? formatLocal(e.ackAt, ctx.timeZone, ctx.clock.now()) : null,
      // How long since it was escalated: an acknowledged item still waits to be resolved.
      age: describeDuration(ctx.clock.now().getTime() - e.notifiedAt.getTime()),
    })),
  }
}

/** Sends the digest to every leader and the leaders' group chats, once a day. */
export async function runDailyDigest(ctx: ServiceContext, summarise?: DigestSummariser): Promise<boolean> {
  const now = ctx.clock.now()
  const slot = localDate(now, ctx.timeZone)
  // Cheap check first: the LLM is asked only when today's digest has not gone out yet.
  const [already] = await ctx.db
    .select({ id: notifications.id })
    .from(notifications)
    .where(
      and(
        eq(notifications.subjectType, 'digest'),
        eq(notifications.kind, 'daily_digest'),
        eq(notifications.slot, slot),
      ),
    )
  if (already) return false
  const data = await gatherDigest(ctx)
  const summaryLine = summarise ? await summarise(data) : undefined
  const markdown = renderDigest({
    ...data,
    summaryLine: summaryLine ? `摘要（AI生成，数据以下表为准）：${summaryLine}` : undefined,
  })
  return ctx.db.transaction(async (tx) => {
    const sent = await notifyOnce(tx, now, {
      subjectType: 'digest',
      subjectId: 'daily',
      kind: 'daily_digest',
      slot,
      personIds: await leaders(tx),
      message: { type: 'markdown', markdown },
    })
    if (sent)
      await postToGroups(
        tx,
        now,
        await groupsOf(tx, 'leaders'),
        { type: 'markdown', markdown },
        `digest:${localDate(now, ctx.timeZone)}`,
      )
    return sent
  })
}
