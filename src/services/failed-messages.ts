import { and, desc, eq, isNotNull } from 'drizzle-orm'
import type { Database } from '../db/client'
import { inboundMessages } from '../db/schema'
import { RuleViolation } from '../domain/errors'
import { maskPersonalInfo } from '../domain/privacy'
import { type AdminActor, audited } from './audit'
import type { ServiceContext } from './context'

/**
 * Messages whose every processing attempt failed: the sender got an apology, and an administrator sees
 * here what it was, who sent it and why it failed — and may have it processed again once the cause is
 * fixed (the apology already went out; the real answer follows).
 */
export interface FailedMessage {
  id: number
  channel: string
  sender: string
  kind: string
  excerpt: string
  error: string
  attempts: number
  receivedAt: Date
  failedAt: Date
}

export async function recentFailedMessages(db: Database, limit = 100): Promise<FailedMessage[]> {
  const rows = await db
    .select()
    .from(inboundMessages)
    .where(isNotNull(inboundMessages.failedAt))
    .orderBy(desc(inboundMessages.failedAt))
    .limit(limit)
  return rows.map((row) => {
    const text = typeof row.payload.text === 'string' ? row.payload.text : ''
    return {
      id: row.id,
      channel: row.channel,
      sender: row.senderExternalId,
      kind: row.kind,
      excerpt: maskPersonalInfo(text).slice(0, 60),
      error: row.lastError ?? '',
      attempts: row.attempts,
      receivedAt: row.receivedAt,
      failedAt: row.failedAt as Date,
    }
  })
}

/** Puts a failed message back in the queue; the caller schedules it. */
export async function requeueFailedMessage(ctx: ServiceContext, actor: AdminActor, id: number): Promise<void> {
  await audited(ctx, actor, { action: 'retry_inbound', entity: 'inbound_message' }, async (tx) => {
    const [after] = await tx
      .update(inboundMessages)
      .set({ processedAt: null, failedAt: null, attempts: 0 })
      .where(and(eq(inboundMessages.id, id), isNotNull(inboundMessages.failedAt)))
      .returning({ id: inboundMessages.id })
    if (!after) throw new RuleViolation('not_found', '未找到该条处理失败的消息。')
    return { entityId: String(id), before: null, after }
  })
}
