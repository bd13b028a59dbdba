import { lt } from 'drizzle-orm'
import { apiIdempotency } from '../db/schema'
import type { ServiceContext } from '../services/context'

/**
 * Clears what is only kept for a while: Idempotency-Keys older than a week (a client retries within
 * minutes, not days). The ledgers and their events are never cleared.
 */
const IDEMPOTENCY_KEEP_MS = 7 * 86_400_000

export async function runHousekeeping(ctx: ServiceContext): Promise<number> {
  const cutoff = new Date(ctx.clock.now().getTime() - IDEMPOTENCY_KEEP_MS)
  const removed = await ctx.db.delete(apiIdempotency).where(lt(apiIdempotency.createdAt, cutoff)).returning({
    key: apiIdempotency.key,
  })
  return removed.length
}
