import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { and, eq, isNull, lt } from 'drizzle-orm'
import { WORDING } from '../../bots/wording'
import type { InboundMessage, Recipient } from '../channels/types'
import { handleTurn } from '../conversation/engine'
import { PrefetchedExtractor, RecordingExtractor } from '../conversation/extract/prefetch'
import type { FormDeps } from '../conversation/forms/engine'
import type { Reply } from '../conversation/types'
import type { Database } from '../db/client'
import { type ChannelId, inboundMessages } from '../db/schema'
import { unavailableErrorOf } from '../errors'
import { errorSummary, type Logger } from '../logger'
import { withRequestId } from '../observability/request-context'
import type { ServiceContext } from '../services/context'
import { resolveSender } from '../services/identities'
import { findMediaByExternalId, storeMedia } from '../services/media'
import { inboundFromRow } from './inbox'
import { enqueue } from './outbox'
import { KeyedWorkQueue, type YieldSignal } from './work-queue'

export type MediaFetcher = (
  channel: ChannelId,
  botId: string,
  mediaId: string,
) => Promise<{ bytes: Buffer; mimeType: string } | undefined>

export interface InboundProcessorOptions {
  ctx: ServiceContext
  forms: FormDeps
  logger: Logger
  mediaDir: string
  /** Where report files are written when a signature re-renders one. */
  reportsDir: string
  fetchMedia?: MediaFetcher
  /** Called after replies were enqueued, to wake the outbox worker. */
  onEnqueued?: () => void
  /** Replies on these channels wait this long before the outbox may send them (room for a passive reply). */
  passiveReplyHoldMs?: Partial<Record<ChannelId, number>>
  maxAttempts?: number
  /** Messages processed at once (default 1: the embedded database has one connection anyway). */
  concurrency?: number
  /** Messages waiting beyond which webhooks answer 503 for the platform to retry (default 1000). */
  queueLimit?: number
  /**
   * `urgent`: this process (ROLE=web) processes only what cannot wait for a worker — the Official Account's
   * messages, whose answer rides on the HTTP response; the rest is left stored for the workers' sweep.
   */
  processHere?: 'all' | 'urgent'
  /** Work the pool gives way to (the webhooks' acknowledgements): see KeyedWorkQueue. */
  yieldTo?: YieldSignal
}

/** Whose turn it is: one person's messages on one bot are handled in order, one at a time. */
export function senderKey(message: Pick<InboundMessage, 'channel' | 'botId' | 'sender'>): string {
  return `${message.channel}:${message.botId}:${message.sender.externalId}`
}

const SWEEP_BATCH = 100

/** Who wrote, as the identity lookup takes it. */
function senderOf(message: InboundMessage) {
  return {
    channel: message.channel,
    botId: message.botId,
    externalId: message.sender.externalId,
    displayName: message.sender.name,
    at: message.at,
  }
}

/** A message the webhook has just stored, with the request that brought it. */
export interface FreshDelivery {
  message: InboundMessage
  requestId: string | undefined
}

/** Ends the rehearsal's transaction: everything it wrote is rolled back. */
class Rehearsed extends Error {}

/** The apology sent when every attempt failed: apart from the replies, which may still follow a retry. */
export function apologyKey(inboundId: number): string {
  return `in:${inboundId}:apology`
}

/** The key of the n-th reply to an inbound message: a reprocessed message cannot reply twice. */
export function replyKey(inboundId: number, index: number): string {
  return `in:${inboundId}:${index}`
}

/**
 * Runs the conversation for stored inbound messages, after the webhook has answered. Each message is
 * handled in one transaction that locks its row, writes the records, enqueues the replies and marks it
 * processed, so a crash at any point leaves the row to be processed again and never sends twice.
 */
export class InboundProcessor {
  private readonly queue: KeyedWorkQueue
  private readonly maxAttempts: number

  constructor(private readonly options: InboundProcessorOptions) {
    this.maxAttempts = options.maxAttempts ?? 3
    this.queue = new KeyedWorkQueue({
      concurrency: Math.max(1, options.concurrency ?? 1),
      limit: Math.max(1, options.queueLimit ?? 1000),
      yieldTo: options.yieldTo,
    })
  }

  /**
   * Queues a stored message for processing in the bounded pool; resolves when it has been processed. Errors
   * are logged and left for the sweep. `urgent` puts it ahead of the backlog (a passive reply is waiting).
   */
  schedule(id: number, sender?: string, urgent = false, fresh?: FreshDelivery): Promise<void> {
    if (this.options.processHere === 'urgent' && !urgent) return Promise.resolve()
    return this.queue.add(
      id,
      sender ?? `inbound:${id}`,
      () =>
        this.process(id, fresh).then(
          () => undefined,
          (error: unknown) => this.options.logger.error('inbound processing failed', { id, error }),
        ),
      urgent,
    )
  }

  /** True while the backlog is at its bound: a webhook should refuse (503) rather than queue more. */
  overloaded(): boolean {
    return this.queue.full()
  }

  /** Backlog and work in progress, for /readyz and the metrics. */
  load(): { waiting: number; active: number } {
    return { waiting: this.queue.backlog, active: this.queue.active }
  }

  /** Waits for everything scheduled so far (tests, shutdown). */
  idle(): Promise<void> {
    return this.queue.idle()
  }

  /**
   * Sweeps batch after batch while batches come back full (a crash may leave hundreds unprocessed), up to a
   * bound so a database that keeps failing cannot spin it.
   */
  async sweepAll(olderThan: Date, maxRounds = 100): Promise<number> {
    let total = 0
    for (let round = 0; round < maxRounds; round++) {
      const swept = await this.sweep(olderThan)
      total += swept
      if (swept < SWEEP_BATCH) break
    }
    return total
  }

  /** Picks up rows a crash or an error left unprocessed. */
  async sweep(olderThan: Date): Promise<number> {
    const { db } = this.options.ctx
    const rows = await db
      .select({
        id: inboundMessages.id,
        channel: inboundMessages.channel,
        botId: inboundMessages.botId,
        senderExternalId: inboundMessages.senderExternalId,
      })
      .from(inboundMessages)
      .where(and(isNull(inboundMessages.processedAt), lt(inboundMessages.receivedAt, olderThan)))
      .orderBy(inboundMessages.receivedAt, inboundMessages.id)
      .limit(SWEEP_BATCH)
    await Promise.all(
      rows.map((row) =>
        this.schedule(
          row.id,
          senderKey({ channel: row.channel, botId: row.botId, sender: { externalId: row.senderExternalId } }),
        ),
      ),
    )
    return rows.length
  }

  /**
   * Runs the conversation for one stored message. A failure is retried at once (a lock timeout or a
   * conflict passes on the next try); after the last attempt the person still gets an answer — a short
   * apology saying what to do — and the row keeps the error for the console's failed-messages page.
   * Only when even the apology cannot be stored (the database is away) does the row wait for the sweep.
   */
  async process(id: number, fresh?: FreshDelivery): Promise<'processed' | 'skipped' | 'failed'> {
    const { ctx } = this.options
    // A delivery stored a moment ago is processed from what the webhook already holds: its row says nothing
    // more (no attempt yet), and the transaction still locks the row and skips it if it has been processed.
    if (fresh) return withRequestId(fresh.requestId, () => this.processMessage(id, fresh.message, 0))
    const [row] = await ctx.db
      .select()
      .from(inboundMessages)
      .where(and(eq(inboundMessages.id, id), isNull(inboundMessages.processedAt)))
    if (!row) return 'skipped'
    // Processed under the id of the request that stored it: its log lines, replies and sends say so.
    return withRequestId(row.requestId, () => this.processRow(row))
  }

  private processRow(row: typeof inboundMessages.$inferSelect): Promise<'processed' | 'failed' | 'skipped'> {
    return this.processMessage(row.id, inboundFromRow(row), row.attempts)
  }

  private async processMessage(
    id: number,
    message: InboundMessage,
    attemptsSoFar: number,
  ): Promise<'processed' | 'failed' | 'skipped'> {
    const { ctx, logger } = this.options
    for (let attempts = attemptsSoFar; ; ) {
      try {
        return await this.attempt(id, message, attempts)
      } catch (error) {
        // The database out of reach is no fault of the message: its attempts are not spent (nor an apology sent),
        // and nothing more is asked of a driver that is reconnecting; the sweep takes the row up again.
        if (unavailableErrorOf(error)) throw error
        attempts++
        logger.error('inbound message failed', { id, attempts, error })
        await ctx.db
          .update(inboundMessages)
          .set({ attempts, lastError: errorSummary(error) })
          .where(eq(inboundMessages.id, id))
        if (attempts >= this.maxAttempts) {
          await this.giveUp(id, message)
          return 'failed'
        }
      }
    }
  }

  private async attempt(id: number, message: InboundMessage, attempts: number): Promise<'processed' | 'skipped'> {
    const { ctx } = this.options
    const mediaIds = await this.fetchMediaOf(message, attempts)
    // Loaded through the pool, not the transaction: never asked for while the transaction holds PGlite's
    // single connection.
    await ctx.calendar.get()
    const forms = await this.withPrefetchedExtraction(message, mediaIds)
    const done = await ctx.db.transaction(async (tx) => {
      const locked = await tx
        .select({ id: inboundMessages.id })
        .from(inboundMessages)
        .where(and(eq(inboundMessages.id, id), isNull(inboundMessages.processedAt)))
        .for('update', { skipLocked: true })
      if (locked.length === 0) return false
      const txCtx: ServiceContext = { ...ctx, db: tx }
      const sender = await resolveSender(tx, senderOf(message))
      const replies = await handleTurn({
        message,
        ...sender,
        mediaIds,
        ctx: txCtx,
        forms,
        reportsDir: this.options.reportsDir,
      })
      await this.enqueueReplies(tx, id, message, replies)
      await tx.update(inboundMessages).set({ processedAt: ctx.clock.now() }).where(eq(inboundMessages.id, id))
      return true
    })
    if (done) {
      this.options.logger.debug('inbound message processed', { id, channel: message.channel, kind: message.kind })
      this.options.onEnqueued?.()
    }
    return done ? 'processed' : 'skipped'
  }

  /**
   * With a slow (LLM) extractor, a text message's turn is first rehearsed in a transaction that is rolled back,
   * recording what it would ask the extractor; the questions are then answered with no transaction open, so a
   * slow model never holds a database connection (on the embedded database, the only one). Without an LLM, or
   * for anything but text, the turn runs as it is.
   */
  private async withPrefetchedExtraction(message: InboundMessage, mediaIds: number[]): Promise<FormDeps> {
    const { forms, ctx, logger } = this.options
    if (!forms.extractor.slow || message.kind !== 'text') return forms
    const recorder = new RecordingExtractor()
    try {
      await ctx.db.transaction(async (tx) => {
        const sender = await resolveSender(tx, senderOf(message))
        await handleTurn({
          message,
          ...sender,
          mediaIds,
          ctx: { ...ctx, db: tx },
          forms: { ...forms, extractor: recorder },
          // A report a signature would re-render is written where nothing reads it.
          reportsDir: join(tmpdir(), 'xunan-rehearsal'),
        })
        throw new Rehearsed()
      })
    } catch (error) {
      // Any other failure: the real turn will meet it (and retry); the rehearsal only loses its head start.
      if (!(error instanceof Rehearsed)) logger.debug('rehearsal failed', { error })
    }
    const prefetched = new PrefetchedExtractor(forms.extractor)
    await prefetched.prefetch(recorder.questions)
    return { ...forms, extractor: prefetched }
  }

  /** After the last attempt the sender still gets an answer, and the row keeps its error for an admin. */
  private async giveUp(id: number, message: InboundMessage): Promise<void> {
    const { db } = this.options.ctx
    await db.transaction(async (tx) => {
      // Its own key: if an administrator has the message processed again, the real replies still go out.
      await enqueue(tx, this.options.ctx.clock.now(), {
        channel: message.channel,
        botId: message.botId,
        recipient: defaultRecipient(message),
        message: { type: 'text', text: WORDING.systemError },
        dedupeKey: apologyKey(id),
        notBefore: new Date(
          this.options.ctx.clock.now().getTime() + (this.options.passiveReplyHoldMs?.[message.channel] ?? 0),
        ),
      })
      await tx
        .update(inboundMessages)
        .set({ processedAt: this.options.ctx.clock.now(), failedAt: this.options.ctx.clock.now() })
        .where(eq(inboundMessages.id, id))
    })
    this.options.onEnqueued?.()
  }

  private async enqueueReplies(
    db: Database,
    inboundId: number,
    message: InboundMessage,
    replies: Reply[],
  ): Promise<void> {
    const now = this.options.ctx.clock.now()
    const hold = this.options.passiveReplyHoldMs?.[message.channel] ?? 0
    for (const [index, reply] of replies.entries()) {
      const toSender = !reply.to
      await enqueue(db, now, {
        channel: reply.channel ?? message.channel,
        botId: reply.botId ?? message.botId,
        recipient: reply.to ?? defaultRecipient(message),
        message: reply.message,
        dedupeKey: replyKey(inboundId, index),
        notBefore: toSender && hold > 0 ? new Date(now.getTime() + hold) : now,
      })
    }
  }

  /** Every file the message carries (one, or several for a DingTalk rich text), downloaded and stored. */
  private async fetchMediaOf(message: InboundMessage, attempts: number): Promise<number[]> {
    const ids = [message.media?.mediaId, ...(message.extraMedia ?? []).map((m) => m.mediaId)].filter(
      (id): id is string => Boolean(id),
    )
    // A text message carries files only as a rich text's pictures; locations and events carry none.
    const carriesFiles = ['image', 'voice', 'file', 'text'].includes(message.kind)
    if (ids.length === 0 || !this.options.fetchMedia || !carriesFiles) return []
    const stored: number[] = []
    for (const mediaId of ids) {
      const id = await this.fetchOne(message, mediaId, attempts)
      if (id !== undefined) stored.push(id)
    }
    return stored
  }

  private async fetchOne(message: InboundMessage, mediaId: string, attempts: number): Promise<number | undefined> {
    const { fetchMedia, ctx, mediaDir, logger } = this.options
    if (!fetchMedia) return undefined
    const existing = await findMediaByExternalId(ctx.db, message.channel, mediaId)
    if (existing) return existing.id
    try {
      const file = await fetchMedia(message.channel, message.botId, mediaId)
      if (!file) return undefined
      const sender = await resolveSender(ctx.db, {
        channel: message.channel,
        botId: message.botId,
        externalId: message.sender.externalId,
        at: message.at,
      })
      const stored = await storeMedia(ctx.db, mediaDir, {
        ...file,
        channel: message.channel,
        externalMediaId: mediaId,
        uploaderIdentityId: sender.identity.id,
        receivedAt: message.at,
      })
      return stored.id
    } catch (error) {
      // Try again on the next attempt; on the last one, go on without the file rather than lose the message.
      if (attempts + 1 < this.maxAttempts) throw error
      logger.warn('media download failed; continuing without it', { mediaId, error })
      return undefined
    }
  }
}

function defaultRecipient(message: InboundMessage): Recipient {
  if (message.replyUrl) {
    return {
      kind: 'reply_url',
      url: message.replyUrl,
      expiresAt: message.replyUrlExpiresAt,
      userId: message.sender.externalId,
    }
  }
  return { kind: 'user', externalId: message.sender.externalId }
}
