import { and, desc, eq, gte, inArray, isNotNull } from 'drizzle-orm'
import { WORDING } from '../../bots/wording'
import { formatLocal } from '../conversation/format'
import { complaintEvents, complaints } from '../db/schema'
import { OPEN_COMPLAINT_STATUSES } from '../domain/complaint-lifecycle'
import { sendToPeople } from '../messaging/notify'
import { enqueue } from '../messaging/outbox'
import type { ComplaintRow } from './complaints'
import type { ServiceContext } from './context'
import { unitHandlers } from './recipients'

/** Who hears what about a complaint: the unit's handlers on assignment, the citizen on the outcome. */
export const OUTCOME_KEY_PREFIX = 'complaint-outcome:'

/** A card with 接收 to every handler of the assigned unit, on each chat they are bound on. */
export async function notifyComplaintAssignment(ctx: ServiceContext, complaint: ComplaintRow): Promise<number> {
  if (complaint.unitId === null) return 0
  const card = WORDING.assignmentCard(
    complaint.code,
    complaint.category,
    complaint.description,
    formatLocal(complaint.dueAt, ctx.timeZone, ctx.clock.now()),
  )
  return sendToPeople(
    ctx.db,
    ctx.clock.now(),
    await unitHandlers(ctx.db, complaint.unitId),
    {
      type: 'card',
      ...card,
      taskId: `complaint-${complaint.id}-${complaint.unitId}`,
      buttons: [{ key: `complaint.accept:${complaint.id}`, text: '接收', style: 1 }],
      commandHint: `签收 ${complaint.code}`,
    },
    `complaint-assigned:${complaint.id}:${complaint.unitId}`,
  )
}

/** 延期: the unit handling the complaint is told its new time limit and why (the supervising office gave it). */
export async function notifyComplaintExtended(
  ctx: ServiceContext,
  complaint: ComplaintRow,
  reason: string,
): Promise<number> {
  if (complaint.unitId === null) return 0
  const due = formatLocal(complaint.dueAt, ctx.timeZone, ctx.clock.now())
  return sendToPeople(
    ctx.db,
    ctx.clock.now(),
    await unitHandlers(ctx.db, complaint.unitId),
    { type: 'text', text: WORDING.complaintExtendedNotice(complaint.code, due, reason) },
    `complaint-extended:${complaint.id}:${complaint.dueAt.toISOString()}`,
  )
}

/**
 * 不予受理: the citizen who complained through the Official Account (or the console) hears that it is not taken up,
 * and why — where to turn instead is in the reason. Whether they could be told is returned: others are told by phone.
 */
export async function notifyComplaintRejected(
  ctx: ServiceContext,
  complaint: ComplaintRow,
  reason: string,
): Promise<boolean> {
  const pushable = complaint.channel === 'mp' || complaint.channel === 'console'
  if (!pushable || !complaint.citizenExternalId) return false
  await enqueue(ctx.db, ctx.clock.now(), {
    channel: complaint.channel,
    botId: complaint.botId,
    recipient: { kind: 'user', externalId: complaint.citizenExternalId },
    message: { type: 'text', text: WORDING.complaintRejectedNotice(complaint.code, reason) },
    dedupeKey: `complaint-rejected:${complaint.id}`,
  })
  return true
}

/** Sends the outcome to the citizen who complained through the Official Account. */
export async function notifyComplaintOutcome(ctx: ServiceContext, complaint: ComplaintRow): Promise<void> {
  if (!complaint.outcome) return
  if (complaint.channel === 'open311') {
    // The reporting system reads the outcome as status_notes when it polls.
    await ctx.db
      .update(complaints)
      .set({ outcomeDelivery: 'delivered', outcomeDeliveryNote: '经 Open311 接口提供（status_notes）' })
      .where(eq(complaints.id, complaint.id))
    return
  }
  const pushable = complaint.channel === 'mp' || complaint.channel === 'console'
  if (!pushable || !complaint.citizenExternalId) {
    await ctx.db
      .update(complaints)
      .set({ outcomeDelivery: 'undeliverable', outcomeDeliveryNote: '投诉非经公众号提交或无市民账号，需电话回访告知' })
      .where(eq(complaints.id, complaint.id))
    return
  }
  const message = { type: 'text' as const, text: WORDING.complaintOutcome(complaint.code, complaint.outcome) }
  await enqueue(ctx.db, ctx.clock.now(), {
    channel: complaint.channel,
    botId: complaint.botId,
    recipient: { kind: 'user', externalId: complaint.citizenExternalId },
    message,
    dedupeKey: `${OUTCOME_KEY_PREFIX}${complaint.id}`,
  })
  // Citizens who reported the same problem and chose to follow this ticket hear the outcome too.
  const events = await ctx.db
    .select({ data: complaintEvents.data })
    .from(complaintEvents)
    .where(eq(complaintEvents.complaintId, complaint.id))
  for (const { data } of events) {
    const follower = (data as { follower?: { channel: string; botId: string; externalId: string } } | null)?.follower
    if (follower?.channel !== 'mp') continue
    await enqueue(ctx.db, ctx.clock.now(), {
      channel: 'mp',
      botId: follower.botId,
      recipient: { kind: 'user', externalId: follower.externalId },
      message,
      dedupeKey: `complaint-outcome-follower:${complaint.id}:${follower.externalId}`,
    })
  }
}

export async function markOutcomeDelivered(ctx: ServiceContext, complaintId: number): Promise<void> {
  await ctx.db
    .update(complaints)
    .set({ outcomeDelivery: 'delivered', outcomeDeliveryNote: null })
    .where(eq(complaints.id, complaintId))
}

/** The outcome could not be pushed: keep it for the citizen's next message, and say why. */
export async function markOutcomeForNextMessage(ctx: ServiceContext, complaintId: number, why: string): Promise<void> {
  await ctx.db
    .update(complaints)
    .set({ outcomeDelivery: 'on_next_message', outcomeDeliveryNote: why })
    .where(eq(complaints.id, complaintId))
}

/** Outcomes waiting for this citizen to write again. */
export async function pendingOutcomesFor(
  ctx: ServiceContext,
  channel: 'mp' | 'console',
  botId: string,
  openId: string,
): Promise<ComplaintRow[]> {
  return ctx.db
    .select()
    .from(complaints)
    .where(
      and(
        eq(complaints.channel, channel),
        eq(complaints.botId, botId),
        eq(complaints.citizenExternalId, openId),
        eq(complaints.outcomeDelivery, 'on_next_message'),
        isNotNull(complaints.outcome),
      ),
    )
}

/** The citizen's most recent open complaint, if filed within `withinMs`: photos and locations attach to it. */
export async function latestOpenComplaint(
  ctx: ServiceContext,
  botId: string,
  openId: string,
  withinMs: number,
): Promise<ComplaintRow | undefined> {
  const [row] = await openComplaintsOf(ctx, botId, openId, withinMs, 1)
  return row
}

/** The citizen's latest complaint filed within `withinMs`, whatever its status. */
export async function latestComplaintOf(
  ctx: ServiceContext,
  botId: string,
  openId: string,
  withinMs: number,
): Promise<ComplaintRow | undefined> {
  const [row] = await complaintsOf(ctx, botId, openId, withinMs, 1, [])
  return row
}

/** The citizen's open complaints filed within `withinMs`, the latest first. */
export async function openComplaintsOf(
  ctx: ServiceContext,
  botId: string,
  openId: string,
  withinMs: number,
  limit = 20,
): Promise<ComplaintRow[]> {
  return complaintsOf(ctx, botId, openId, withinMs, limit, OPEN_COMPLAINT_STATUSES)
}

/** The citizen's answered complaints (replied or closed) filed within `withinMs`, the latest first. */
export async function answeredComplaintsOf(
  ctx: ServiceContext,
  botId: string,
  openId: string,
  withinMs: number,
  limit = 20,
): Promise<ComplaintRow[]> {
  return complaintsOf(ctx, botId, openId, withinMs, limit, ['replied', 'closed'])
}

async function complaintsOf(
  ctx: ServiceContext,
  botId: string,
  openId: string,
  withinMs: number,
  limit: number,
  /** Only these statuses; none given: any. */
  statuses: readonly ComplaintRow['status'][],
): Promise<ComplaintRow[]> {
  return (
    ctx.db
      .select()
      .from(complaints)
      .where(
        and(
          inArray(complaints.channel, ['mp', 'console']),
          eq(complaints.botId, botId),
          eq(complaints.citizenExternalId, openId),
          statuses.length > 0 ? inArray(complaints.status, [...statuses]) : undefined,
          gte(complaints.receivedAt, new Date(ctx.clock.now().getTime() - withinMs)),
        ),
      )
      // Two received in the same instant (one clock reading, a burst): the one filed last.
      .orderBy(desc(complaints.receivedAt), desc(complaints.id))
      .limit(limit)
  )
}
