import { and, eq, isNull } from 'drizzle-orm'
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
      note: `重复上报：${report.description}`,
      mediaIds: report.mediaIds,
      at: ctx.clock.now(),
    })
    await linkMedia(tx, report.mediaIds, { type: 'hazard', id: hazardId })
  })
}

/** Registers the emergency disposal's written report; the first registration's time stands. */
export async function submitEmergencyReport(ctx: ServiceContext, hazardId: number): Promise<void> {
  await ctx.db
    .update(hazards)
    .set({ emergencyReportSubmittedAt: ctx.clock.now() })
    .where(and(eq(hazards.id, hazardId), isNull(hazards.emergencyReportSubmittedAt)))
}
