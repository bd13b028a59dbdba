import { lt } from 'drizzle-orm'
import { apiIdempotency, consoleSessions, webhookSignatures } from '../db/schema'
import type { ServiceContext } from '../services/context'

/**
 * Clears what is only kept for a while: Idempotency-Keys older than a week (a client retries within
 * minutes, not days), webhook signatures past every replay window, console sessions a day after they
 * ended. The ledgers and their events are never cleared.
 */
const IDEMPOTENCY_KEEP_MS = 7 * 86_400_000
/** Longer than the widest replay window (DingTalk's hour; WEBHOOK_MAX_SKEW_S is capped at a day). */
const SIGNATURE_KEEP_MS = 2 * 86_400_000
const SESSION_KEEP_MS = 86_400_000

export async function runHousekeeping(ctx: ServiceContext): Promise<number> {
  const now = ctx.clock.now().getTime()
  const keys = await ctx.db
    .delete(apiIdempotency)
    .where(lt(apiIdempotency.createdAt, new Date(now - IDEMPOTENCY_KEEP_MS)))
    .returning({ key: apiIdempotency.key })
  const signatures = await ctx.db
    .delete(webhookSignatures)
    .where(lt(webhookSignatures.seenAt, new Date(now - SIGNATURE_KEEP_MS)))
    .returning({ signature: webhookSignatures.signature })
  const sessions = await ctx.db
    .delete(consoleSessions)
    .where(lt(consoleSessions.expiresAt, new Date(now - SESSION_KEEP_MS)))
    .returning({ id: consoleSessions.id })
  return keys.length + signatures.length + sessions.length
}
