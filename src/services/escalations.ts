import { and, eq, isNull } from 'drizzle-orm'
import { escalations } from '../db/schema'
import type { ServiceContext } from './context'

export type EscalationRow = typeof escalations.$inferSelect

/** The person told acknowledges (确认收到): the chain stops, with who and when recorded. Only once. */
export async function acknowledgeEscalation(
  ctx: ServiceContext,
  escalationId: number,
  personId: number,
): Promise<EscalationRow | undefined> {
  const [row] = await ctx.db
    .update(escalations)
    .set({ ackById: personId, ackAt: ctx.clock.now() })
    .where(and(eq(escalations.id, escalationId), eq(escalations.notifiedPersonId, personId), isNull(escalations.ackAt)))
    .returning()
  return row
}
