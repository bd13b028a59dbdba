import { and, asc, like } from 'drizzle-orm'
import type { Services } from '../../src/app-env'
import type { InboundMessage } from '../../src/channels/types'
import { outbox } from '../../src/db/schema'
import { recordInbound } from '../../src/messaging/inbox'

/**
 * Chats with the bot through the public pipeline, as the web console's simulator does: the message is
 * stored as an inbound row, processed, and the replies are read back from the outbox.
 */
let sequence = 0

export type ChatInput =
  | string
  | { kind: 'image'; mediaId?: string }
  | { kind: 'location'; latitude: number; longitude: number; label?: string }
  | { kind: 'card'; key: string }

export async function chat(
  services: Services,
  sender: string,
  input: ChatInput,
  /** The Official Account for a citizen of its own (any sender there is one), the console's simulator otherwise. */
  channel: 'console' | 'mp' = 'console',
): Promise<string[]> {
  const base = {
    channel,
    botId: 'default',
    messageId: `console-${process.pid}-${++sequence}`,
    sender: { externalId: sender },
    chat: { type: 'private' as const, id: sender },
    at: services.clock.now(),
  }
  const message: InboundMessage = toMessage(base, input)
  const { id } = await recordInbound(services.db, message)
  await services.inbound.process(id)
  const rows = await services.db
    .select()
    .from(outbox)
    .where(and(like(outbox.dedupeKey, `in:${id}:%`)))
    .orderBy(asc(outbox.id))
  // Never silent: every message a person sends gets at least one answer, in every test that chats.
  if (rows.length === 0) throw new Error(`message went unanswered: ${JSON.stringify(input)}`)
  // A card reads as what it says (its text, as DingTalk's HTTP mode shows it); buttons are tested by key.
  return rows.map((row) => {
    const m = row.message as { type: string; text?: string; markdown?: string; description?: string }
    return m.text ?? m.markdown ?? m.description ?? m.type
  })
}

export function lastCode(replies: string[], prefix: 'YH' | 'TS' | 'XC' | 'DC'): string {
  const code = replies.join('\n').match(new RegExp(`${prefix}\\d{8}-\\d{4}`))?.[0]
  if (!code) throw new Error(`no ${prefix} code in: ${replies.join(' | ')}`)
  return code
}

function toMessage(base: Omit<InboundMessage, 'kind'>, input: ChatInput): InboundMessage {
  if (typeof input === 'string') return { ...base, kind: 'text', text: input }
  switch (input.kind) {
    case 'image':
      return { ...base, kind: 'image', media: { mediaId: input.mediaId } }
    case 'card':
      return { ...base, kind: 'card_action', event: { name: 'template_card_event', key: input.key } }
    case 'location':
      return {
        ...base,
        kind: 'location',
        location: { latitude: input.latitude, longitude: input.longitude, label: input.label },
      }
  }
}
