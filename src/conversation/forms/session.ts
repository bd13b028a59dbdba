import { and, eq } from 'drizzle-orm'
import type { Database } from '../../db/client'
import { type ChannelId, conversations } from '../../db/schema'

/**
 * A conversation's state, persisted so a restart or another replica resumes it. Loaded FOR UPDATE inside
 * the message's transaction: two messages from one person are applied one after the other, never to the
 * same stale draft.
 */
export interface Session {
  id: number
  form: string | null
  step: string | null
  draft: Record<string, unknown>
  expiresAt: Date | null
}

export interface SessionKey {
  channel: ChannelId
  botId: string
  senderExternalId: string
}

export async function lockSession(db: Database, key: SessionKey): Promise<Session> {
  const where = and(
    eq(conversations.channel, key.channel),
    eq(conversations.botId, key.botId),
    eq(conversations.senderExternalId, key.senderExternalId),
  )
  await db.insert(conversations).values(key).onConflictDoNothing()
  const [row] = await db.select().from(conversations).where(where).for('update')
  if (!row) throw new Error('conversation row vanished')
  return { id: row.id, form: row.form, step: row.step, draft: row.draft, expiresAt: row.expiresAt }
}

/** The form the sender is filling in, if any and not gone stale — read without taking the session's lock. */
export async function openFormOf(db: Database, key: SessionKey, now: Date): Promise<string | undefined> {
  return (await openFormStepOf(db, key, now))?.form
}

/** The form this person has open and the step it waits on (「confirm」 at its summary), if any. */
export async function openFormStepOf(
  db: Database,
  key: SessionKey,
  now: Date,
): Promise<{ form: string; step: string | null } | undefined> {
  const row = await liveStateOf(db, key, now)
  return row?.form ? { form: row.form, step: row.step } : undefined
}

/** The step this person's conversation waits on outside any form (a question put to them), if any and not stale. */
export async function formlessStepOf(db: Database, key: SessionKey, now: Date): Promise<string | undefined> {
  const row = await liveStateOf(db, key, now)
  return row && !row.form && row.step ? row.step : undefined
}

/** The conversation's form and step, read without taking the session's lock; undefined when none or gone stale. */
async function liveStateOf(db: Database, key: SessionKey, now: Date) {
  const [row] = await db
    .select({ form: conversations.form, step: conversations.step, expiresAt: conversations.expiresAt })
    .from(conversations)
    .where(
      and(
        eq(conversations.channel, key.channel),
        eq(conversations.botId, key.botId),
        eq(conversations.senderExternalId, key.senderExternalId),
      ),
    )
  if (!row || (row.expiresAt && row.expiresAt.getTime() < now.getTime())) return undefined
  return row
}

export async function saveSession(db: Database, session: Session, now: Date, idleMs: number): Promise<void> {
  const active = session.form !== null || session.step !== null
  await db
    .update(conversations)
    .set({
      form: session.form,
      step: session.step,
      draft: session.draft,
      expiresAt: active ? new Date(now.getTime() + idleMs) : null,
      updatedAt: now,
    })
    .where(eq(conversations.id, session.id))
}

export function clearSession(session: Session): void {
  session.form = null
  session.step = null
  session.draft = {}
}
