import { and, desc, eq, gte, isNull, notInArray } from 'drizzle-orm'
import { hazardEvents, hazards } from '../db/schema'
import type { Actor } from '../domain/roles'
import type { ServiceContext } from './context'
import { linkMedia } from './media'

/**
 * Additions to a hazard outside its lifecycle: a second report of the same problem joins the record as
 * evidence, and the written report on an emergency disposal is registered once.
 */
export async function addDuplicateHazardReport(
  ctx: ServiceContext,
  hazardId: number,
  actor: Actor,
  report: { description: string; mediaIds: number[] },
): Promise<void> {
  await addToReport(ctx, hazardId, actor, `重复上报：${report.description}`, report.mediaIds)
}

/**
 * More on the report of a hazard (a second report of it, the reporter's later photos): an event on its history
 * that leaves the status where it is, with the photos linked to the record — in one transaction.
 */
async function addToReport(
  ctx: ServiceContext,
  hazardId: number,
  actor: Actor,
  note: string,
  mediaIds: number[],
): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    const [hazard] = await tx.select({ status: hazards.status }).from(hazards).where(eq(hazards.id, hazardId))
    const status = hazard?.status ?? 'reported'
    await tx.insert(hazardEvents).values({
      hazardId,
      kind: 'reported',
      fromStatus: status,
      toStatus: status,
      actorId: actor.personId,
      actorRole: actor.role,
      note,
      mediaIds,
      at: ctx.clock.now(),
    })
    await linkMedia(tx, mediaIds, { type: 'hazard', id: hazardId })
  })
}

/**
 * The hazard this person reported last, since the given time, while it is still open: where a photo they
 * announce right after saving it belongs (「刚才那个隐患照片补一张」).
 */
export async function latestHazardReportedBy(
  ctx: ServiceContext,
  personId: number,
  since: Date,
): Promise<{ id: number; code: string } | undefined> {
  const [row] = await ctx.db
    .select({ id: hazards.id, code: hazards.code })
    .from(hazards)
    .where(
      and(
        eq(hazards.reporterId, personId),
        gte(hazards.createdAt, since),
        notInArray(hazards.status, ['closed', 'voided']),
      ),
    )
    .orderBy(desc(hazards.createdAt), desc(hazards.id))
    .limit(1)
  return row
}

/** The person's own hazards still open, newest first, for words that name one of them (「芙蓉路塌陷那个」). */
export async function openHazardsReportedBy(
  ctx: ServiceContext,
  personId: number,
  limit: number,
): Promise<{ id: number; code: string; description: string; locationText: string | null }[]> {
  return ctx.db
    .select({
      id: hazards.id,
      code: hazards.code,
      description: hazards.description,
      locationText: hazards.locationText,
    })
    .from(hazards)
    .where(and(eq(hazards.reporterId, personId), notInArray(hazards.status, ['closed', 'voided'])))
    .orderBy(desc(hazards.createdAt), desc(hazards.id))
    .limit(limit)
}

/** Photos the reporter adds to a hazard after saving it: linked to the record, with an event that shows them. */
export async function addHazardPhotos(
  ctx: ServiceContext,
  hazardId: number,
  actor: Actor,
  mediaIds: number[],
): Promise<void> {
  if (mediaIds.length > 0) await addToReport(ctx, hazardId, actor, '上报人补充照片', mediaIds)
}

/** Registers the emergency disposal's written report; the first registration's time stands. */
export async function submitEmergencyReport(ctx: ServiceContext, hazardId: number): Promise<void> {
  await ctx.db
    .update(hazards)
    .set({ emergencyReportSubmittedAt: ctx.clock.now() })
    .where(and(eq(hazards.id, hazardId), isNull(hazards.emergencyReportSubmittedAt)))
}
