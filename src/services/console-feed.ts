import { and, desc, eq, like, sql } from 'drizzle-orm'
import type { Database } from '../db/client'
import { identities, inboundMessages, outbox, people } from '../db/schema'

/** One line of a demo person's chat in the console: what they said, and everything the bot sent them. */
export interface FeedItem {
  at: Date
  from: 'me' | 'bot'
  text: string
  kind: string
  status?: string
  /** Card buttons, rendered as forms that post the click back. */
  buttons?: { key: string; text: string }[]
}

export async function chatFeed(db: Database, externalId: string, limit = 100): Promise<FeedItem[]> {
  const [said, sent] = await Promise.all([
    db
      .select()
      .from(inboundMessages)
      .where(and(eq(inboundMessages.channel, 'console'), eq(inboundMessages.senderExternalId, externalId)))
      .orderBy(desc(inboundMessages.receivedAt))
      .limit(limit),
    db
      .select()
      .from(outbox)
      .where(and(eq(outbox.channel, 'console'), sql`${outbox.recipient}->>'externalId' = ${externalId}`))
      .orderBy(desc(outbox.createdAt))
      .limit(limit),
  ])
  // `order` breaks ties between items with the same time: a message, then its replies, then other pushes.
  const items: (FeedItem & { order: readonly [number, number] })[] = [
    ...said.map((m) => {
      const payload = m.payload as { text?: string; location?: { label?: string } }
      const shown: Record<string, string> = {
        image: '[照片]',
        location: `[位置] ${payload.location?.label ?? ''}`,
        card_action: '[点击按钮]',
      }
      return {
        at: m.receivedAt,
        order: [m.id, 0] as const,
        from: 'me' as const,
        text: payload.text ?? shown[m.kind] ?? `[${m.kind}]`,
        kind: m.kind,
      }
    }),
    ...sent.map((o) => {
      const message = o.message as {
        type: string
        text?: string
        markdown?: string
        title?: string
        description?: string
        buttons?: { key: string; text: string }[]
      }
      const text =
        message.text ??
        message.markdown ??
        (message.title ? `${message.title}\n${message.description ?? ''}` : `[${message.type}]`)
      // A reply is keyed in:<inbound id>:<n> (a long one split in parts, in:<id>:<n>#<part>): it follows its message
      // even when both carry the same time. (The parts had been sorted among the pushes, after the next message.)
      const reply = /^in:(\d+):(\d+)(?:#(\d+))?$/.exec(o.dedupeKey ?? '')
      const part = Number(reply?.[3] ?? 0)
      return {
        at: o.createdAt,
        order: reply
          ? ([Number(reply[1]), (Number(reply[2]) + 1) * 1_000 + part] as const)
          : ([Number.MAX_SAFE_INTEGER, o.id] as const),
        from: 'bot' as const,
        text,
        kind: message.type,
        status: o.status,
        buttons: message.buttons,
      }
    }),
  ]
  return items
    .sort((a, b) => a.at.getTime() - b.at.getTime() || a.order[0] - b.order[0] || a.order[1] - b.order[1])
    .slice(-limit)
    .map(({ order: _order, ...item }) => item)
}

/** The demo people who can be chosen in the console (their console identities are demo:<key>). */
export async function demoPeople(db: Database) {
  return db
    .select({
      externalId: identities.externalId,
      personId: people.id,
      name: people.name,
      role: people.role,
      unitId: people.unitId,
    })
    .from(identities)
    .innerJoin(people, eq(people.id, identities.personId))
    .where(and(eq(identities.channel, 'console'), like(identities.externalId, 'demo:%')))
    .orderBy(people.id)
}
