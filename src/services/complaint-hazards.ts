import { and, eq } from 'drizzle-orm'
import { WORDING } from '../../bots/wording'
import type { Database } from '../db/client'
import { complaints, hazards, media } from '../db/schema'
import { RuleViolation } from '../domain/errors'
import type { HazardLevel } from '../domain/hazard-lifecycle'
import { maskPersonalInfo } from '../domain/privacy'
import type { Actor } from '../domain/roles'
import { enqueue } from '../messaging/outbox'
import { applyComplaintCommand, type ComplaintRow } from './complaints'
import type { ServiceContext } from './context'
import { type HazardRow, reportHazard } from './hazards'

/**
 * 转为隐患: a citizen's complaint about a real hazard becomes a hazard record on the ledger — category,
 * level, place and photos carried over, the two linked both ways — in one transaction. The complaint keeps its
 * own 1-day clock; when the hazard is closed (销号) the citizen is told.
 */
export async function turnComplaintIntoHazard(
  ctx: ServiceContext,
  complaintId: number,
  actor: Actor,
  level: HazardLevel = 'general',
): Promise<{ complaint: ComplaintRow; hazard: HazardRow }> {
  // The calendar is read before the transaction (see applyHazardCommand).
  await ctx.calendar.get()
  return ctx.db.transaction(async (tx) => {
    const txCtx = { ...ctx, db: tx as Database }
    const [complaint] = await tx.select().from(complaints).where(eq(complaints.id, complaintId)).for('update')
    if (!complaint) throw new RuleViolation('not_found', '未找到该投诉。')
    if (complaint.hazardId) {
      // Which hazard it became, so the person can follow that one.
      const [made] = await tx.select({ code: hazards.code }).from(hazards).where(eq(hazards.id, complaint.hazardId))
      throw new RuleViolation('already_hazard', `投诉 ${complaint.code} 已转为隐患${made ? ` ${made.code}` : ''}。`)
    }
    const photos = await tx
      .select()
      .from(media)
      .where(and(eq(media.subjectType, 'complaint'), eq(media.subjectId, complaint.id)))
    const hazard = await reportHazard({
      ctx: txCtx,
      input: {
        // Staff read the hazard ledger: what the citizen wrote, with their name and phone masked.
        description: maskPersonalInfo(complaint.description),
        category: complaint.category,
        level,
        locationText: complaint.locationText ? maskPersonalInfo(complaint.locationText) : undefined,
        latitude: complaint.latitude ?? undefined,
        longitude: complaint.longitude ?? undefined,
        foundAt: complaint.receivedAt,
        foundByUnitId: actor.unitId ?? undefined,
      },
      actor,
    })
    // The photos are the hazard's too (the same stored files, a row per record).
    for (const photo of photos) {
      const { id: _id, subjectType: _t, subjectId: _s, ...file } = photo
      await tx.insert(media).values({ ...file, subjectType: 'hazard', subjectId: hazard.id })
    }
    const [linked] = await tx
      .update(hazards)
      .set({ complaintId: complaint.id })
      .where(eq(hazards.id, hazard.id))
      .returning()
    const updated = await applyComplaintCommand({
      ctx: txCtx,
      complaintId: complaint.id,
      command: { action: 'to_hazard', hazardId: hazard.id, hazardCode: hazard.code },
      actor,
    })
    return { complaint: updated, hazard: linked ?? hazard }
  })
}

/** When a hazard made from a complaint is closed, the citizen who reported it hears so (inside the closing transaction). */
export async function tellCitizenHazardClosed(ctx: ServiceContext, hazard: HazardRow): Promise<void> {
  if (hazard.complaintId === null) return
  const [complaint] = await ctx.db.select().from(complaints).where(eq(complaints.id, hazard.complaintId))
  if (!complaint?.citizenExternalId || (complaint.channel !== 'mp' && complaint.channel !== 'console')) return
  await enqueue(ctx.db, ctx.clock.now(), {
    channel: complaint.channel,
    botId: complaint.botId,
    recipient: { kind: 'user', externalId: complaint.citizenExternalId },
    message: { type: 'text', text: WORDING.complaintHazardClosed(complaint.code) },
    dedupeKey: `complaint-hazard-closed:${complaint.id}`,
  })
}
