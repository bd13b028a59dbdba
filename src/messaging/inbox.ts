import { and, eq } from 'drizzle-orm'
import type { InboundMessage } from '../channels/types'
import type { Database } from '../db/client'
import { inboundMessages } from '../db/schema'

export type InboundRow = typeof inboundMessages.$inferSelect

/**
 * Stores an accepted delivery keyed by (channel, bot, platform message id). A platform retry hits the
 * unique key: it is acknowledged and not processed again.
 */
export async function recordInbound(db: Database, message: InboundMessage): Promise<{ id: number; isNew: boolean }> {
  const [inserted] = await db
    .insert(inboundMessages)
    .values({
      channel: message.channel,
      botId: message.botId,
      messageId: message.messageId,
      senderExternalId: message.sender.externalId,
      kind: message.kind,
      payload: serialise(message),
      receivedAt: message.at,
    })
    .onConflictDoNothing()
    .returning({ id: inboundMessages.id })
  if (inserted) return { id: inserted.id, isNew: true }
  const [existing] = await db
    .select({ id: inboundMessages.id })
    .from(inboundMessages)
    .where(
      and(
        eq(inboundMessages.channel, message.channel),
        eq(inboundMessages.botId, message.botId),
        eq(inboundMessages.messageId, message.messageId),
      ),
    )
  if (!existing) throw new Error('inbound row vanished after a conflict')
  return { id: existing.id, isNew: false }
}

function serialise(message: InboundMessage): Record<string, unknown> {
  return JSON.parse(JSON.stringify(message)) as Record<string, unknown>
}

export function inboundFromRow(row: InboundRow): InboundMessage {
  const payload = row.payload as unknown as InboundMessage
  return { ...payload, at: new Date(payload.at) }
}
