import { index, jsonb, pgTable, text } from 'drizzle-orm/pg-core'
import { createdAt, instant } from './columns'

/**
 * Signatures that cover only a timestamp (DingTalk HTTP callbacks) or only the query (the Official
 * Account's plain mode) could be replayed with another body inside the time window. Each one seen is kept
 * with the message it carried: the same signature again is a platform retry of that message, with any
 * other message it is refused. Rows older than the window are forgotten by the housekeeping job.
 */
export const webhookSignatures = pgTable(
  'webhook_signatures',
  {
    signature: text().primaryKey(),
    messageId: text().notNull(),
    seenAt: createdAt(),
  },
  (t) => [index('webhook_signatures_seen_idx').on(t.seenAt)],
)

/**
 * Console sessions, kept on the server so that signing out ends one for good and a changed password ends
 * every session it opened. The cookie carries only the signed id; `credential` is a fingerprint of the
 * secret that opened the session, compared with the current configuration on every request.
 */
export const consoleSessions = pgTable(
  'console_sessions',
  {
    id: text().primaryKey(),
    viewer: jsonb().$type<Record<string, unknown>>().notNull(),
    credential: text().notNull(),
    createdAt: createdAt(),
    expiresAt: instant().notNull(),
    revokedAt: instant(),
  },
  (t) => [index('console_sessions_expires_idx').on(t.expiresAt)],
)
