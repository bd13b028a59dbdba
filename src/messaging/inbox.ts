import { and, eq, or, sql } from 'drizzle-orm'
import type { InboundMessage } from '../channels/types'
import { type Database, rowsOf } from '../db/client'
import { inboundMessages } from '../db/schema'
import { currentRequestId } from '../observability/request-context'

export type InboundRow = typeof inboundMessages.$inferSelect

export interface Stored {
  id: number
  isNew: boolean
}

/** A message to store, with the request that brought it (kept on its row, so its processing logs under it). */
export interface Delivery {
  message: InboundMessage
  requestId: string | undefined
}

/**
 * Stores one accepted delivery. A platform retry hits the unique key: it is acknowledged and not processed
 * again. Webhooks store through the InboxWriter instead, which batches concurrent deliveries.
 */
export async function recordInbound(db: Database, message: InboundMessage): Promise<Stored> {
  const [stored] = await storeBatch(db, [{ message, requestId: currentRequestId() }])
  if (!stored) throw new Error('storing an inbound message returned nothing')
  return stored
}

export function inboundFromRow(row: InboundRow): InboundMessage {
  const payload = row.payload as unknown as InboundMessage
  return { ...payload, at: new Date(payload.at) }
}

/**
 * A delivery's key as hex of its UTF-8 bytes, computed the same way here and in SQL. The key's text cannot be
 * compared as the driver returns it: a value that starts with U+FEFF comes back without it (the text decoder
 * takes it for a byte-order mark), and a platform message id can be anything.
 */
const keyOf = (m: { channel: string; botId: string; messageId: string }) =>
  Buffer.from(`${m.channel}\u0001${m.botId}\u0001${m.messageId}`.replaceAll('\u0000', ''), 'utf8').toString('hex')
const keyInSql = sql<string>`encode(convert_to(${inboundMessages.channel} || chr(1) || ${inboundMessages.botId} || chr(1) || ${inboundMessages.messageId}, 'UTF8'), 'hex')`

/**
 * Stores messages in one statement. A message already stored (a platform's retry) and the second copy of one
 * inside the same batch both come back as not new, with the stored row's id.
 *
 * The batch travels as one JSON parameter expanded by jsonb_to_recordset: the statement's text is the same for
 * every batch size, and building it costs nothing — the query builder's generic INSERT of a few hundred rows
 * had been a tenth of an acknowledgement's CPU time.
 */
/**
 * The JSON of a batch without the escaped NUL characters Postgres refuses in jsonb and text (the whole insert
 * failed, and the message went unanswered). The channels already drop them (inbound-sanity.ts); this keeps any
 * other way in — the command-line simulator, a future channel — from losing a message to one.
 */
function withoutNulEscapes(json: string): string {
  return json.includes('\\u0000') ? json.replace(/(?<!\\)((?:\\\\)*)\\u0000/g, '$1') : json
}

export async function storeBatch(db: Database, deliveries: Delivery[]): Promise<Stored[]> {
  if (deliveries.length === 0) return []
  const messages = deliveries.map((d) => d.message)
  const rows = deliveries.map(({ message, requestId }) => ({
    channel: message.channel,
    bot_id: message.botId,
    message_id: message.messageId,
    sender_external_id: message.sender.externalId,
    kind: message.kind,
    // Dates become ISO strings, as the processor reads them back (inboundFromRow).
    payload: message,
    received_at: message.at,
    request_id: requestId ?? null,
  }))
  const inserted = rowsOf<{ id: number; key: string }>(
    await db.execute(sql`
      insert into ${inboundMessages}
        (channel, bot_id, message_id, sender_external_id, kind, payload, received_at, request_id)
      select channel, bot_id, message_id, sender_external_id, kind, payload, received_at, request_id
      from jsonb_to_recordset(${withoutNulEscapes(JSON.stringify(rows))}::jsonb) as r(
        channel text, bot_id text, message_id text, sender_external_id text, kind text, payload jsonb,
        received_at timestamptz, request_id text)
      on conflict do nothing
      returning id, ${keyInSql} as key`),
  )
  const keys = messages.map(keyOf)
  const ids = new Map(inserted.map((row) => [row.key, row.id]))
  const fresh = new Set(ids.keys())
  const missing = messages.filter((_, i) => !ids.has(keys[i] as string))
  if (missing.length > 0) {
    const existing = await db
      .select({ id: inboundMessages.id, key: keyInSql })
      .from(inboundMessages)
      .where(
        or(
          ...missing.map((m) =>
            and(
              eq(inboundMessages.channel, m.channel),
              eq(inboundMessages.botId, m.botId),
              eq(inboundMessages.messageId, m.messageId),
            ),
          ),
        ),
      )
    for (const row of existing) ids.set(row.key, row.id)
  }
  return keys.map((key) => {
    const id = ids.get(key)
    if (id === undefined) throw new Error('inbound row vanished after a conflict')
    // Only the first copy of a message in the batch is the new one.
    const isNew = fresh.delete(key)
    return { id, isNew }
  })
}
