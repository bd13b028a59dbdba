import { inArray } from 'drizzle-orm'
import type { OutboundMessage, Recipient } from '../channels/types'
import type { Database } from '../db/client'
import { type chatGroups, identities, notifications } from '../db/schema'
import { maskPersonalInfo } from '../domain/privacy'
import { enqueue } from './outbox'

/**
 * Sends a reminder exactly once: the notifications row keyed by (subject, kind, slot) is the claim, and
 * the messages are enqueued in the same transaction. A second scheduler running the same tick — or the
 * same tick run twice — finds the key taken and sends nothing.
 */
export interface Notice {
  subjectType: string
  subjectId: string | number
  kind: string
  slot: string
  personIds: number[]
  message: OutboundMessage
  /** Routine reminders inside quiet hours wait until this time. */
  notBefore?: Date
}

export async function notifyOnce(db: Database, now: Date, notice: Notice): Promise<boolean> {
  const people = [...new Set(notice.personIds)]
  if (people.length === 0) return false
  const [claimed] = await db
    .insert(notifications)
    .values({
      subjectType: notice.subjectType,
      subjectId: String(notice.subjectId),
      kind: notice.kind,
      slot: notice.slot,
      recipientId: people[0],
      createdAt: now,
    })
    .onConflictDoNothing()
    .returning({ id: notifications.id })
  if (!claimed) return false
  await sendToPeople(db, now, people, notice.message, `notice:${claimed.id}`, notice.notBefore)
  return true
}

/** Every chat identity a person is bound on (the Official Account is for citizens, not staff). */
export async function sendToPeople(
  db: Database,
  now: Date,
  personIds: number[],
  message: OutboundMessage,
  keyPrefix: string,
  notBefore?: Date,
): Promise<number> {
  if (personIds.length === 0) return 0
  const targets = await db.select().from(identities).where(inArray(identities.personId, personIds))
  let sent = 0
  for (const identity of targets) {
    // The Official Account is for citizens; robots and Open311 cannot address a person.
    if (identity.channel === 'mp' || identity.channel === 'wecom-robot' || identity.channel === 'open311') continue
    const recipient: Recipient = { kind: 'user', externalId: identity.externalId }
    await enqueue(db, now, {
      channel: identity.channel,
      botId: identity.botId,
      recipient,
      message,
      dedupeKey: `${keyPrefix}:${identity.id}`,
      notBefore,
    })
    sent++
  }
  return sent
}

/** A group is many readers: whatever a post quotes, citizens' phones, ID numbers and names stay masked. */
function maskedForGroups(message: OutboundMessage): OutboundMessage {
  if (message.type === 'text') return { ...message, text: maskPersonalInfo(message.text) }
  if (message.type === 'markdown') return { ...message, markdown: maskPersonalInfo(message.markdown) }
  if (message.type === 'card')
    return { ...message, title: maskPersonalInfo(message.title), description: maskPersonalInfo(message.description) }
  return message
}

/** Posts to group chats: through a group robot's webhook, or the app/robot chat id. */
export async function postToGroups(
  db: Database,
  now: Date,
  groups: (typeof chatGroups.$inferSelect)[],
  original: OutboundMessage,
  keyPrefix: string,
  notBefore?: Date,
): Promise<number> {
  const message = maskedForGroups(original)
  for (const group of groups) {
    const recipient: Recipient = group.webhookUrl
      ? { kind: 'webhook', url: group.webhookUrl, secretEnv: group.secretEnv ?? undefined }
      : { kind: 'group', chatId: group.externalId ?? '' }
    const channel = group.webhookUrl && group.channel === 'wecom' ? 'wecom-robot' : group.channel
    await enqueue(db, now, {
      channel,
      botId: group.botId,
      recipient,
      message,
      dedupeKey: `${keyPrefix}:group:${group.id}`,
      notBefore,
    })
  }
  return groups.length
}
