import { eq } from 'drizzle-orm'
import { complaintEvents, complaints, routingRules } from '../db/schema'
import { CATEGORY_LABELS, type Category } from '../domain/categories'
import { maskPersonalInfo } from '../domain/privacy'
import type { Actor } from '../domain/roles'
import { SYSTEM_ACTOR } from '../domain/roles'
import { sendToPeople } from '../messaging/notify'
import { notifyComplaintAssignment } from './complaint-notices'
import { applyComplaintCommand, type ComplaintRow } from './complaints'
import type { ServiceContext } from './context'
import { linkMedia } from './media'
import { dutyOfficerAt, unitHandlers } from './recipients'

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

/** How a citizen's verdict on the result, said in the chat (「满意」), is noted on the complaint's history. */
export const CITIZEN_VERDICT_NOTE = '市民评价：'

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
 * 「根本没修好，还是那样」 after the answer: the citizen says the problem is still there. Kept on the history, and
 * the unit's handlers and the duty officer (who makes the call-backs) are told in the same transaction — an
 * answered complaint is otherwise no one's to look at again.
 */
export async function reportStillUnresolved(
  ctx: ServiceContext,
  complaint: ComplaintRow,
  said: string,
  messageKey: string,
): Promise<void> {
  const now = ctx.clock.now()
  await ctx.db.transaction(async (tx) => {
    await tx.insert(complaintEvents).values(citizenEvent(ctx, complaint, `市民反映问题仍未解决：${said}`))
    const handlers = await unitHandlers(tx, complaint.unitId)
    const officer = await dutyOfficerAt(tx, now)
    const where = complaint.locationText ? `（${maskPersonalInfo(complaint.locationText, complaint.citizenName)}）` : ''
    await sendToPeople(
      tx,
      now,
      [...new Set([...handlers, ...(officer === undefined ? [] : [officer])])],
      {
        type: 'text',
        text: `【市民反映未解决】投诉 ${complaint.code}${where}已答复，市民反映：「${maskPersonalInfo(said, complaint.citizenName).slice(0, 60)}」。请核实现场，回访后在管理后台记录；仍存在隐患的请发送「转为隐患 ${complaint.code}」。`,
      },
      `unresolved:${messageKey}`,
    )
  })
}

/**
 * A handler's word on how the handling goes (「已派人去看了」) after it was taken up: kept on the history, the
 * status unchanged — the reply is still what ends it.
 */
export async function noteComplaintProgress(ctx: ServiceContext, complaint: ComplaintRow, actor: Actor, note: string) {
  await ctx.db.insert(complaintEvents).values(progressEvent(ctx, complaint, actor, note))
}

/** A member of staff's word on a complaint's history (办理进展, 督办): an event that leaves the status where it is. */
export function progressEvent(ctx: ServiceContext, complaint: ComplaintRow, actor: Actor, note: string) {
  return {
    complaintId: complaint.id,
    kind: 'progress' as const,
    fromStatus: complaint.status,
    toStatus: complaint.status,
    actorId: actor.personId,
    actorRole: actor.role,
    note: note.slice(0, 500),
    at: ctx.clock.now(),
  }
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
 * A place the citizen names after the ticket: what they said kept as an event, and `place` (worked out by the
 * conversation from the place filed and the words said) becomes the complaint's place.
 */
export async function addComplaintPlace(ctx: ServiceContext, complaint: ComplaintRow, place: string, said = place) {
  await ctx.db.transaction(async (tx) => {
    if (place !== complaint.locationText)
      await tx
        .update(complaints)
        .set({ locationText: place, updatedAt: ctx.clock.now() })
        .where(eq(complaints.id, complaint.id))
    await tx.insert(complaintEvents).values(citizenEvent(ctx, complaint, `市民补充地点：${said}`))
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
