import { sql } from 'drizzle-orm'
import { index, integer, jsonb, pgTable, primaryKey, text, uniqueIndex } from 'drizzle-orm/pg-core'
import { createdAt, id, instant } from './columns'
import { CHANNELS, people } from './org'

/**
 * Every accepted webhook delivery, keyed by the platform's own message id: a retried delivery hits the
 * unique key and is ignored. Rows with no `processedAt` are the work queue of the conversation engine.
 */
export const inboundMessages = pgTable(
  'inbound_messages',
  {
    id: id(),
    channel: text({ enum: CHANNELS }).notNull(),
    botId: text().notNull(),
    messageId: text().notNull(),
    senderExternalId: text().notNull(),
    kind: text().notNull(),
    payload: jsonb().$type<Record<string, unknown>>().notNull(),
    receivedAt: instant().notNull(),
    processedAt: instant(),
    attempts: integer().notNull().default(0),
    lastError: text(),
    /** Set when every attempt failed and the sender got an apology instead: the console lists these. */
    failedAt: instant(),
    /** The webhook request that stored it (X-Request-Id), so its log lines and its replies can be found together. */
    requestId: text(),
  },
  (t) => [
    uniqueIndex('inbound_messages_uq').on(t.channel, t.botId, t.messageId),
    index('inbound_messages_pending_idx').on(t.receivedAt).where(sql`${t.processedAt} is null`),
    index('inbound_messages_failed_idx').on(t.failedAt).where(sql`${t.failedAt} is not null`),
  ],
)

export const OUTBOX_STATUSES = ['pending', 'sending', 'sent', 'failed'] as const

/** Messages to send, delivered by the outbox worker with retries and backoff. */
export const outbox = pgTable(
  'outbox',
  {
    id: id(),
    channel: text({ enum: CHANNELS }).notNull(),
    botId: text().notNull().default('default'),
    recipient: jsonb().$type<Record<string, unknown>>().notNull(),
    message: jsonb().$type<Record<string, unknown>>().notNull(),
    /** Optional idempotency key: the same reply to the same inbound message is enqueued once. */
    dedupeKey: text().unique(),
    status: text({ enum: OUTBOX_STATUSES }).notNull().default('pending'),
    attempts: integer().notNull().default(0),
    nextAttemptAt: instant().notNull(),
    lockedUntil: instant(),
    lastError: text(),
    errorCode: text(),
    createdAt: createdAt(),
    sentAt: instant(),
    /** The request (webhook, API call) whose work queued it; sent along as X-Request-Id on the platform call. */
    requestId: text(),
  },
  (t) => [index('outbox_due_idx').on(t.nextAttemptAt).where(sql`${t.status} in ('pending', 'sending')`)],
)

/** One chat session per (channel, bot, sender); `version` guards concurrent updates. */
export const conversations = pgTable(
  'conversations',
  {
    id: id(),
    channel: text({ enum: CHANNELS }).notNull(),
    botId: text().notNull(),
    senderExternalId: text().notNull(),
    form: text(),
    step: text(),
    draft: jsonb().$type<Record<string, unknown>>().notNull().default({}),
    version: integer().notNull().default(0),
    expiresAt: instant(),
    updatedAt: createdAt(),
  },
  (t) => [uniqueIndex('conversations_uq').on(t.channel, t.botId, t.senderExternalId)],
)

/** Each reminder is sent once: the (subject, kind, slot) key is unique. */
export const notifications = pgTable(
  'notifications',
  {
    id: id(),
    subjectType: text().notNull(),
    subjectId: text().notNull(),
    kind: text().notNull(),
    slot: text().notNull(),
    recipientId: integer().references(() => people.id),
    outboxId: integer(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('notifications_uq').on(t.subjectType, t.subjectId, t.kind, t.slot)],
)

/** The escalation chain of an overdue item: level 1 duty officer, 2 unit leader, 3 bureau leader. */
export const escalations = pgTable(
  'escalations',
  {
    id: id(),
    subjectType: text({ enum: ['complaint', 'hazard'] }).notNull(),
    subjectId: integer().notNull(),
    level: integer().notNull(),
    notifiedPersonId: integer().references(() => people.id),
    notifiedAt: instant().notNull(),
    ackById: integer().references(() => people.id),
    ackAt: instant(),
  },
  (t) => [
    uniqueIndex('escalations_uq').on(t.subjectType, t.subjectId, t.level),
    index('escalations_open_idx').on(t.notifiedAt).where(sql`${t.ackAt} is null`),
  ],
)

/**
 * API writes made with an Idempotency-Key: a client that retries a POST (a timeout, a lost response) gets
 * the first answer again instead of a second record. Keyed by the client (a hash of its token) and its key;
 * `status` is null while the first request is still running.
 */
export const apiIdempotency = pgTable(
  'api_idempotency',
  {
    client: text().notNull(),
    key: text().notNull(),
    requestHash: text().notNull(),
    status: integer(),
    body: jsonb(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.client, t.key] })],
)

/**
 * Platform access tokens shared by every replica: a token fetched by one process is used by all, and only
 * one process refreshes it (under an advisory lock), so replicas never retire each other's tokens.
 * Short-lived by nature (two hours); never logged.
 */
export const platformTokens = pgTable('platform_tokens', {
  /** Which app's token: platform, then the app's public id (never the secret). */
  key: text().primaryKey(),
  token: text().notNull(),
  expiresAt: instant().notNull(),
  refreshedAt: instant().notNull(),
})
