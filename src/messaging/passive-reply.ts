import { and, eq, inArray } from 'drizzle-orm'
import type { OutboundMessage } from '../channels/types'
import type { Database } from '../db/client'
import { outbox } from '../db/schema'
import { apologyKey, replyKey } from './inbound-processor'

export const PASSIVE_CODE = 'passive'

/**
 * Takes the first reply to an inbound message for the webhook response itself (the Official Account's
 * passive reply), so the outbox does not send it again. A platform retry of the same delivery gets the
 * same answer: the lost response is repeated, never a second reply sent.
 */
export async function claimPassiveReply(
  db: Database,
  inboundId: number,
  now: Date,
): Promise<OutboundMessage | undefined> {
  const keys = [replyKey(inboundId, 0), `${replyKey(inboundId, 0)}#0`, apologyKey(inboundId)]
  const [claimed] = await db
    .update(outbox)
    .set({ status: 'sent', sentAt: now, errorCode: PASSIVE_CODE })
    .where(and(inArray(outbox.dedupeKey, keys), eq(outbox.status, 'pending')))
    .returning({ message: outbox.message })
  if (claimed) return claimed.message as unknown as OutboundMessage
  const [already] = await db
    .select({ message: outbox.message })
    .from(outbox)
    .where(and(inArray(outbox.dedupeKey, keys), eq(outbox.errorCode, PASSIVE_CODE)))
  return already?.message as unknown as OutboundMessage | undefined
}
