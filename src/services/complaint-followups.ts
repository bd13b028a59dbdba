import { eq } from 'drizzle-orm'
import { complaintEvents, complaints, routingRules } from '../db/schema'
import { CATEGORY_LABELS, type Category } from '../domain/categories'
import type { Actor } from '../domain/roles'
import { SYSTEM_ACTOR } from '../domain/roles'
import { notifyComplaintAssignment } from './complaint-notices'
import { applyComplaintCommand, type ComplaintRow } from './complaints'
import type { ServiceContext } from './context'
import { linkMedia } from './media'

/**
 * What a citizen adds to a complaint after filing it: contact consent, a corrected category, more photos
 * or a location, or "the same problem" from another citizen. Each change that belongs to the record's
 * history is written with its event in one transaction.
 */
export async function setComplaintContact(ctx: ServiceContext, complaintId: number, phone: string | null) {
  await ctx.db
    .update(complaints)
    .set({ citizenPhone: phone, contactConsent: phone !== null, updatedAt: ctx.clock.now() })
    .where(eq(complaints.id, complaintId))
}

/** How the citizen wants to be addressed (「我叫张三」), on the complaint for whoever calls back; masked wherever others see it. */
export async function setComplaintName(ctx: ServiceContext, complaintId: number, name: string) {
  await ctx.db
    .update(complaints)
    .set({ citizenName: name.slice(0, 20), updatedAt: ctx.clock.now() })
    .where(eq(complaints.id, complaintId))
}

/** The citizen corrected the category: open complaints move to the unit that handles the new one. */
export async function recategoriseComplaint(ctx: ServiceContext, complaint: ComplaintRow, category: Category) {
  await ctx.db.update(complaints).set({ category, updatedAt: ctx.clock.now() }).where(eq(complaints.id, complaint.id))
  const [rule] = await ctx.db.select().from(routingRules).where(eq(routingRules.category, category))
  if (
    rule &&
    rule.unitId !== complaint.unitId &&
    (complaint.status === 'assigned' || complaint.status === 'accepted')
  ) {
    const moved = await applyComplaintCommand({
      ctx,
      complaintId: complaint.id,
      command: { action: 'transfer', unitId: rule.unitId, reason: `市民更正类别为${CATEGORY_LABELS[category]}` },
      actor: SYSTEM_ACTOR,
    })
    await notifyComplaintAssignment(ctx, moved)
  }
}

/** Another citizen reports the same problem: they follow the existing ticket (and hear its outcome). */
export async function addComplaintFollower(
  ctx: ServiceContext,
  complaint: ComplaintRow,
  description: string,
  follower: { channel: string; botId: string; externalId: string },
) {
  await addComplaintNote(ctx, complaint, `市民重复反映：${description}`, { follower })
}

/**
 * What a citizen says later about a complaint (「已经修好了」, a wish to withdraw it, the same problem again): its
 * history keeps it, the status does not change.
 */
export async function addComplaintNote(
  ctx: ServiceContext,
  complaint: ComplaintRow,
  note: string,
  data?: Record<string, unknown>,
) {
  await ctx.db.insert(complaintEvents).values(citizenEvent(ctx, complaint, note, data ? { data } : {}))
}

/**
 * A handler's word on how the handling goes (「已派人去看了」) after it was taken up: kept on the history, the
 * status unchanged — the reply is still what ends it.
 */
export async function noteComplaintProgress(ctx: ServiceContext, complaint: ComplaintRow, actor: Actor, note: string) {
  await ctx.db.insert(complaintEvents).values({
    complaintId: complaint.id,
    kind: 'progress',
    fromStatus: complaint.status,
    toStatus: complaint.status,
    actorId: actor.personId,
    actorRole: actor.role,
    note: note.slice(0, 500),
    at: ctx.clock.now(),
  })
}

/** A citizen's addition to a complaint's history: an event that leaves the status where it is. */
function citizenEvent(
  ctx: ServiceContext,
  complaint: ComplaintRow,
  note: string,
  extra: { data?: Record<string, unknown>; mediaIds?: number[] } = {},
) {
  return {
    complaintId: complaint.id,
    kind: 'received' as const,
    fromStatus: complaint.status,
    toStatus: complaint.status,
    actorRole: 'citizen' as const,
    note: note.slice(0, 500),
    ...extra,
    at: ctx.clock.now(),
  }
}

/**
 * A place the citizen names after the ticket: kept as an event, and it becomes the complaint's place when the
 * complaint had none or it says the same place more exactly (「人民路」 → 「人民路88号门口」).
 */
export async function addComplaintPlace(ctx: ServiceContext, complaint: ComplaintRow, place: string) {
  await ctx.db.transaction(async (tx) => {
    const current = complaint.locationText
    if (!current || (place !== current && place.includes(current)))
      await tx
        .update(complaints)
        .set({ locationText: place, updatedAt: ctx.clock.now() })
        .where(eq(complaints.id, complaint.id))
    await tx.insert(complaintEvents).values(citizenEvent(ctx, complaint, `市民补充地点：${place}`))
  })
}

/** The citizen says the place was wrong: the new place replaces it, and the history keeps both. */
export async function correctComplaintPlace(ctx: ServiceContext, complaint: ComplaintRow, place: string) {
  await ctx.db.transaction(async (tx) => {
    await tx
      .update(complaints)
      .set({ locationText: place, updatedAt: ctx.clock.now() })
      .where(eq(complaints.id, complaint.id))
    const before = complaint.locationText ? `（原为「${complaint.locationText}」）` : ''
    await tx.insert(complaintEvents).values(citizenEvent(ctx, complaint, `市民更正地点：${place}${before}`))
  })
}

/** A location or photos sent after the complaint: the place fills in, photos join the record's history. */
export async function addComplaintEvidence(
  ctx: ServiceContext,
  complaint: ComplaintRow,
  evidence: { location?: { latitude: number; longitude: number; label?: string }; mediaIds: number[] },
) {
  await ctx.db.transaction(async (tx) => {
    const { location, mediaIds } = evidence
    if (location)
      await tx
        .update(complaints)
        .set({
          latitude: location.latitude,
          longitude: location.longitude,
          locationText: complaint.locationText ?? location.label ?? null,
          updatedAt: ctx.clock.now(),
        })
        .where(eq(complaints.id, complaint.id))
    if (mediaIds.length === 0) return
    await linkMedia(tx, mediaIds, { type: 'complaint', id: complaint.id })
    await tx.insert(complaintEvents).values(citizenEvent(ctx, complaint, '市民补充照片', { mediaIds }))
  })
}
