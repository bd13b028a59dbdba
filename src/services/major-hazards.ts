import { and, asc, desc, eq, inArray, isNull } from 'drizzle-orm'
import type { Database } from '../db/client'
import { escalations, hazardEvents, hazards, people } from '../db/schema'
import { CATEGORY_LABELS } from '../domain/categories'
import { ESCALATION_LEVEL_LABELS, type EscalationLevel, type SlaSettings } from '../domain/complaint-sla'
import { describeDuration } from '../domain/durations'
import { OPEN_HAZARD_STATUSES } from '../domain/hazard-lifecycle'
import { majorHazardEscalation } from '../domain/major-hazard-escalation'
import { maskPersonalInfo } from '../domain/privacy'
import { sendToPeople } from '../messaging/notify'
import type { ServiceContext } from './context'
import { unitName } from './hazard-notices'
import type { HazardRow } from './hazards'
import { bureauLeader, dutyOfficerAt, unitLeader } from './recipients'
import { leadOffice } from './supervision-assignments'

/**
 * Major hazards (重大隐患) are pushed the moment they are reported — quiet hours never hold them — to the
 * supervising office, the duty officer on the roster and the leaders, as a card with 接报 and 交办; the push
 * escalates until someone acknowledges it.
 */
async function pushRecipients(ctx: ServiceContext, hazard: HazardRow): Promise<number[]> {
  const now = ctx.clock.now()
  const lead = await leadOffice(ctx.db)
  const office = lead
    ? await ctx.db
        .select({ id: people.id })
        .from(people)
        .where(and(eq(people.unitId, lead.id), inArray(people.role, ['supervisor', 'leader']), eq(people.active, true)))
    : []
  const named = await Promise.all([
    dutyOfficerAt(ctx.db, now),
    bureauLeader(ctx.db),
    unitLeader(ctx.db, hazard.foundByUnitId),
    unitLeader(ctx.db, hazard.unitId),
  ])
  return [...new Set([...office.map((p) => p.id), ...named.filter((id): id is number => id !== undefined)])]
}

function pushCard(hazard: HazardRow, title: string, lines: string[]) {
  return {
    type: 'card' as const,
    title,
    description: lines.join('\n'),
    taskId: `major-${hazard.id}`,
    buttons: [
      { key: `hazard.ack:${hazard.id}`, text: '接报', style: 1 as const },
      { key: `hazard.dispose:${hazard.id}`, text: '应急处置', style: 2 as const },
      { key: `hazard.assign:${hazard.id}`, text: '交办', style: 2 as const },
    ],
    commandHint: `接报 ${hazard.code}`,
  }
}

async function describe(ctx: ServiceContext, hazard: HazardRow): Promise<string[]> {
  return [
    `【${CATEGORY_LABELS[hazard.category]}】${maskPersonalInfo(hazard.description)}`,
    `地点：${hazard.locationText ? maskPersonalInfo(hazard.locationText) : '未填'}`,
    `发现单位：${await unitName(ctx, hazard.foundByUnitId)}`,
  ]
}

/** The push at report time, inside the report's transaction (ctx.db is the transaction). */
export async function pushMajorHazard(ctx: ServiceContext, hazard: HazardRow): Promise<void> {
  if (hazard.level !== 'major') return
  await sendToPeople(
    ctx.db,
    ctx.clock.now(),
    await pushRecipients(ctx, hazard),
    pushCard(hazard, `【重大隐患】${hazard.code}`, [
      ...(await describe(ctx, hazard)),
      `请立即接报（发送「接报 ${hazard.code}」），组织应急处置（「处置 ${hazard.code} 措施」）并落实“五落实”后交办。`,
    ]),
    `major-push:${hazard.id}`,
  )
}

/** An open major hazard nobody has acknowledged (接报) yet. */
function awaitingAcknowledgement() {
  return and(eq(hazards.level, 'major'), isNull(hazards.majorAckAt), inArray(hazards.status, [...OPEN_HAZARD_STATUSES]))
}

/** The major hazards waiting for 接报, oldest first. */
export async function majorsAwaitingAcknowledgement(db: Database, limit: number): Promise<HazardRow[]> {
  return db
    .select()
    .from(hazards)
    .where(awaitingAcknowledgement())
    .orderBy(asc(hazards.foundAt), asc(hazards.id))
    .limit(limit)
}

/**
 * Escalates unacknowledged major hazards one level at a time. Open major hazards are claimed FOR UPDATE SKIP
 * LOCKED, so two schedulers never escalate the same one; the escalation row is unique per level.
 */
export async function escalateUnacknowledgedMajorHazards(ctx: ServiceContext, settings: SlaSettings): Promise<number> {
  const now = ctx.clock.now()
  return ctx.db.transaction(async (tx) => {
    const txCtx = { ...ctx, db: tx }
    const open = await tx.select().from(hazards).where(awaitingAcknowledgement()).for('update', { skipLocked: true })
    let sent = 0
    for (const hazard of open) {
      const chain = await tx
        .select()
        .from(escalations)
        .where(and(eq(escalations.subjectType, 'hazard'), eq(escalations.subjectId, hazard.id)))
      // Pushed when reported as major, or when regraded to major since.
      const [regraded] = await tx
        .select({ at: hazardEvents.at })
        .from(hazardEvents)
        .where(and(eq(hazardEvents.hazardId, hazard.id), eq(hazardEvents.kind, 'regrade')))
        .orderBy(desc(hazardEvents.at))
        .limit(1)
      const pushedAt = regraded?.at ?? hazard.createdAt
      const level = majorHazardEscalation({ ...hazard, pushedAt }, chain, now, settings.ackTimeoutMs)
      if (level === undefined) continue
      const target = await levelTarget(txCtx, hazard, level, now)
      const [row] = await tx
        .insert(escalations)
        .values({
          subjectType: 'hazard',
          subjectId: hazard.id,
          level,
          notifiedPersonId: target ?? null,
          notifiedAt: now,
        })
        .onConflictDoNothing()
        .returning()
      if (!row || target === undefined) continue
      const waited = describeDuration(now.getTime() - pushedAt.getTime())
      await sendToPeople(
        tx,
        now,
        [target],
        pushCard(hazard, `【重大隐患未接报·${ESCALATION_LEVEL_LABELS[level]}】${hazard.code}`, [
          ...(await describe(txCtx, hazard)),
          `上报已 ${waited}，仍无人接报。请立即接报并组织处置。`,
        ]),
        `major-escalation:${row.id}`,
      )
      sent++
    }
    return sent
  })
}

async function levelTarget(
  ctx: ServiceContext,
  hazard: HazardRow,
  level: EscalationLevel,
  now: Date,
): Promise<number | undefined> {
  if (level === 1) return dutyOfficerAt(ctx.db, now)
  if (level === 2) return (await unitLeader(ctx.db, hazard.unitId)) ?? unitLeader(ctx.db, hazard.foundByUnitId)
  return bureauLeader(ctx.db)
}
