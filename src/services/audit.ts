import type { Database } from '../db/client'
import { auditLog } from '../db/schema'
import type { ServiceContext } from './context'

/** Who made an administrative change, as the audit log records them. */
export interface AdminActor {
  personId: number | null
  label: string
}

/**
 * Runs an administrative change and writes its audit entry (who, what, before, after) in the same
 * transaction: a change is never saved without its record, nor recorded without being saved.
 */
export async function audited<T>(
  ctx: ServiceContext,
  actor: AdminActor,
  what: { action: string; entity: string },
  change: (tx: Database) => Promise<{ entityId: string; before?: unknown; after: T }>,
): Promise<T> {
  return ctx.db.transaction(async (tx) => {
    const { entityId, before, after } = await change(tx)
    await tx.insert(auditLog).values({
      actorId: actor.personId,
      actorLabel: actor.label,
      action: what.action,
      entity: what.entity,
      entityId,
      before: before ?? null,
      after: after as Record<string, unknown>,
      at: ctx.clock.now(),
    })
    return after
  })
}
