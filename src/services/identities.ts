import { and, eq } from 'drizzle-orm'
import type { Database } from '../db/client'
import { type ChannelId, identities, people } from '../db/schema'

export type PersonRow = typeof people.$inferSelect
export type IdentityRow = typeof identities.$inferSelect

/**
 * Finds who wrote: the chat identity (created on first contact, so an admin can bind it later) and the
 * person it is bound to, if any.
 */
export async function resolveSender(
  db: Database,
  input: { channel: ChannelId; botId: string; externalId: string; displayName?: string; at: Date },
): Promise<{ identity: IdentityRow; person: PersonRow | null }> {
  await db
    .insert(identities)
    .values({
      channel: input.channel,
      botId: input.botId,
      externalId: input.externalId,
      displayName: input.displayName,
      firstSeenAt: input.at,
      lastSeenAt: input.at,
    })
    .onConflictDoUpdate({
      target: [identities.channel, identities.botId, identities.externalId],
      set: { lastSeenAt: input.at },
    })
  const [row] = await db
    .select({ identity: identities, person: people })
    .from(identities)
    .leftJoin(people, eq(people.id, identities.personId))
    .where(
      and(
        eq(identities.channel, input.channel),
        eq(identities.botId, input.botId),
        eq(identities.externalId, input.externalId),
      ),
    )
  if (!row) throw new Error('identity vanished after upsert')
  return { identity: row.identity, person: row.person?.active ? row.person : null }
}
