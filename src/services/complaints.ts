import { and, asc, eq, inArray } from 'drizzle-orm'
import { z } from 'zod'
import type { Database } from '../db/client'
import { CHANNELS, complaintEvents, complaints, routingRules } from '../db/schema'
import { CATEGORIES } from '../domain/categories'
import { type ComplaintCommand, type ComplaintState, transitionComplaint } from '../domain/complaint-lifecycle'
import { complaintClocks } from '../domain/deadlines'
import { RuleViolation } from '../domain/errors'
import { type Actor, SYSTEM_ACTOR } from '../domain/roles'
import { routeCategory } from '../domain/routing'
import { nextCode } from './codes'
import { notifyComplaintExtended } from './complaint-notices'
import type { ServiceContext } from './context'
import { linkMedia } from './media'
import { assertActiveUnit } from './units'

export type ComplaintRow = typeof complaints.$inferSelect

export const ReceiveComplaintInput = z.object({
  channel: z.enum(CHANNELS),
  botId: z.string().default('default'),
  citizenExternalId: z.string().optional(),
  citizenName: z.string().trim().optional(),
  citizenPhone: z
    .string()
    .trim()
    .regex(/^[0-9+\-\s]{5,20}$/, '请填写正确的联系电话')
    .optional(),
  contactConsent: z.boolean().default(false),
  /** A 举报 (rewarded reporting): the reporter's identity is kept confidential. */
  whistleblowing: z.boolean().default(false),
  category: z.enum(CATEGORIES),
  description: z.string().trim().min(1, '请描述投诉的问题'),
  locationText: z.string().trim().optional(),
  latitude: z.number().min(-90).max(90).optional(),
  longitude: z.number().min(-180).max(180).optional(),
  mediaIds: z.array(z.number().int()).default([]),
  /** An Open311 client's link to its photo. */
  mediaUrl: z.string().url().max(2000).optional(),
})
export type ReceiveComplaintInput = z.input<typeof ReceiveComplaintInput>

/**
 * Takes a citizen's complaint: a ticket number, both clocks started, and routed to the responsible unit
 * when the category has a rule (otherwise the duty officer dispatches it by hand).
 */
export async function receiveComplaint(args: {
  ctx: ServiceContext
  input: ReceiveComplaintInput
}): Promise<ComplaintRow> {
  const { ctx } = args
  const input = ReceiveComplaintInput.parse(args.input)
  const now = ctx.clock.now()
  const clocks = complaintClocks(now, ctx.complaintClocks)
  return ctx.db.transaction(async (tx) => {
    const db: Database = tx
    const code = await nextCode(db, 'complaint', now, ctx.timeZone)
    const [row] = await db
      .insert(complaints)
      .values({
        code,
        channel: input.channel,
        botId: input.botId,
        citizenExternalId: input.citizenExternalId,
        citizenName: input.citizenName,
        citizenPhone: input.citizenPhone,
        contactConsent: input.contactConsent,
        whistleblowing: input.whistleblowing,
        category: input.category,
        description: input.description,
        locationText: input.locationText,
        latitude: input.latitude,
        longitude: input.longitude,
        mediaUrl: input.mediaUrl,
        receivedAt: now,
        signDueAt: clocks.signDueAt,
        dueAt: clocks.dueAt,
        createdAt: now,
        updatedAt: now,
      })
      .returning()
    if (!row) throw new Error('complaint insert returned no row')
    await db.insert(complaintEvents).values({
      complaintId: row.id,
      kind: 'received',
      toStatus: 'received',
      actorRole: 'citizen',
      mediaIds: input.mediaIds,
      at: now,
    })
    // Photos that came with it (or before it, held for it) belong to it, as a hazard's do.
    await linkMedia(db, input.mediaIds, { type: 'complaint', id: row.id })
    const decision = routeCategory(input.category, await db.select().from(routingRules))
    if (!decision.routed) return row
    return applyInTransaction(db, ctx, row, { action: 'assign', unitId: decision.unitId }, SYSTEM_ACTOR, [])
  })
}

export async function applyComplaintCommand(args: {
  ctx: ServiceContext
  complaintId: number
  command: ComplaintCommand
  actor: Actor
  mediaIds?: number[]
}): Promise<ComplaintRow> {
  const { ctx } = args
  return ctx.db.transaction(async (tx) => {
    const db: Database = tx
    const [current] = await db.select().from(complaints).where(eq(complaints.id, args.complaintId)).for('update')
    if (!current) throw new RuleViolation('not_found', '未找到该投诉。')
    if (args.command.action === 'mark_duplicate') {
      const [original] = await db
        .select({ id: complaints.id })
        .from(complaints)
        .where(eq(complaints.id, args.command.duplicateOfId))
      if (!original || original.id === current.id)
        throw new RuleViolation('duplicate_target', '请填写正确的原投诉编号。')
    }
    return applyInTransaction(db, ctx, current, args.command, args.actor, args.mediaIds ?? [])
  })
}

async function applyInTransaction(
  db: Database,
  ctx: ServiceContext,
  current: ComplaintRow,
  command: ComplaintCommand,
  actor: Actor,
  mediaIds: number[],
): Promise<ComplaintRow> {
  const now = ctx.clock.now()
  if (command.action === 'assign' || command.action === 'transfer') await assertActiveUnit(db, command.unitId)
  const state: ComplaintState = {
    status: current.status,
    unitId: current.unitId,
    receivedAt: current.receivedAt,
    signDueAt: current.signDueAt,
    dueAt: current.dueAt,
    acceptedAt: current.acceptedAt,
    repliedAt: current.repliedAt,
    closedAt: current.closedAt,
    firstResponseAt: current.firstResponseAt,
    duplicateOfId: current.duplicateOfId,
    satisfaction: current.satisfaction,
    hazardId: current.hazardId,
  }
  const { next, event } = transitionComplaint(state, command, actor, now)
  const data: Record<string, unknown> = {}
  if (command.action === 'assign' || command.action === 'transfer') data.unitId = command.unitId
  if (command.action === 'extend') {
    data.previousDueAt = current.dueAt.toISOString()
    data.newDueAt = command.newDueAt.toISOString()
    data.approvedBy = actor.personId
  }
  if (command.action === 'mark_duplicate') data.duplicateOfId = command.duplicateOfId
  if (command.action === 'callback') data.satisfaction = command.satisfaction
  if (command.action === 'to_hazard') data.hazardId = command.hazardId
  const [updated] = await db
    .update(complaints)
    .set({
      ...next,
      outcome: command.action === 'reply' ? event.note : current.outcome,
      outcomeDelivery: command.action === 'reply' ? 'pending' : current.outcomeDelivery,
      updatedAt: now,
    })
    .where(eq(complaints.id, current.id))
    .returning()
  if (!updated) throw new Error('complaint update returned no row')
  await db.insert(complaintEvents).values({
    complaintId: current.id,
    kind: event.kind,
    fromStatus: event.fromStatus,
    toStatus: event.toStatus,
    actorId: actor.personId,
    actorRole: actor.role,
    note: event.note,
    mediaIds,
    data: Object.keys(data).length > 0 ? data : null,
    at: now,
  })
  // Photos of a step (the result's, say) are the complaint's too: its page shows them with the citizen's.
  if (mediaIds.length > 0) await linkMedia(db, mediaIds, { type: 'complaint', id: current.id })
  // The unit learns its new time limit with the change itself: both or neither (API and chat alike).
  if (command.action === 'extend') await notifyComplaintExtended({ ...ctx, db }, updated, event.note ?? '')
  return updated
}

export async function complaintTimeline(db: Database, complaintId: number) {
  return db
    .select()
    .from(complaintEvents)
    .where(eq(complaintEvents.complaintId, complaintId))
    .orderBy(complaintEvents.at, complaintEvents.id)
}

/** Complaints handed to a unit and not yet signed for (签收), oldest first, at most `limit`. */
export async function complaintsToSign(db: Database, unitId: number, limit = 5): Promise<ComplaintRow[]> {
  return unitComplaints(db, unitId, ['assigned'], limit)
}

/**
 * How many of a unit's complaints in hand words naming one (「沅安路518号的井盖已经补上了」) are matched against: all a
 * busy unit has, not only the few a reply lists (the one named had been missed past the sixth).
 */
export const IN_HAND_NAMED_AMONG = 100

/** The unit's complaints in the statuses given, oldest first (「签收」 waits on 已派单, a reply on both). */
export async function unitComplaints(
  db: Database,
  unitId: number,
  statuses: readonly ComplaintRow['status'][],
  limit: number,
): Promise<ComplaintRow[]> {
  return db
    .select()
    .from(complaints)
    .where(and(eq(complaints.unitId, unitId), inArray(complaints.status, [...statuses])))
    .orderBy(asc(complaints.receivedAt), asc(complaints.id))
    .limit(limit)
}

export async function findComplaintByCode(db: Database, code: string): Promise<ComplaintRow | undefined> {
  const [row] = await db.select().from(complaints).where(eq(complaints.code, code.trim().toUpperCase()))
  return row
}
