import { and, eq, gt, inArray, lt, lte, sql } from 'drizzle-orm'
import { GROUP_ROBOT_PER_MINUTE } from '../channels/robot/group-robot'
import { BYTE_LIMITS, splitUtf8 } from '../channels/text-split'
import type { Channel, OutboundMessage, Recipient } from '../channels/types'
import type { Database } from '../db/client'
import { rowsOf } from '../db/client'
import { type ChannelId, outbox } from '../db/schema'
import type { Clock } from '../domain/clock'
import { MINUTE_MS } from '../domain/clock'
import type { Logger } from '../logger'
import { currentRequestId, withRequestId } from '../observability/request-context'

export type OutboxRow = typeof outbox.$inferSelect

export interface EnqueueInput {
  channel: ChannelId
  botId: string
  recipient: Recipient
  message: OutboundMessage
  /** Idempotency: the same key is enqueued once (e.g. the n-th reply to one inbound message). */
  dedupeKey?: string
  notBefore?: Date
}

/**
 * Adds messages to send. Long text and markdown are split on UTF-8 byte limits into parts that keep
 * their order (consecutive ids, same due time); each part gets its own key suffix.
 */
export async function enqueue(db: Database, now: Date, input: EnqueueInput): Promise<number[]> {
  const parts = splitMessage(input.message)
  const rows = parts.map((message, index) => ({
    channel: input.channel,
    botId: input.botId,
    recipient: input.recipient as unknown as Record<string, unknown>,
    message: message as unknown as Record<string, unknown>,
    dedupeKey: input.dedupeKey ? (parts.length > 1 ? `${input.dedupeKey}#${index}` : input.dedupeKey) : null,
    nextAttemptAt: input.notBefore ?? now,
    createdAt: now,
    // The request (or job run) whose work queues it: its send goes out under the same id.
    requestId: currentRequestId(),
  }))
  const inserted = await db.insert(outbox).values(rows).onConflictDoNothing().returning({ id: outbox.id })
  return inserted.map((r) => r.id)
}

export function splitMessage(message: OutboundMessage): OutboundMessage[] {
  if (message.type === 'text') return splitUtf8(message.text, BYTE_LIMITS.text).map((text) => ({ type: 'text', text }))
  if (message.type === 'markdown') {
    return splitUtf8(message.markdown, BYTE_LIMITS.markdown).map((markdown) => ({ type: 'markdown', markdown }))
  }
  return [message]
}

export interface OutboxWorkerOptions {
  batchSize?: number
  maxAttempts?: number
  /** How long a claimed row stays invisible to other workers. */
  leaseMs?: number
  /** Recipients sent to at once within a batch (each recipient's rows stay in order). */
  parallelRecipients?: number
  /** Called when a row fails for good (e.g. to mark a complaint's outcome undeliverable). */
  onPermanentFailure?: (row: OutboxRow, error: string, code: string | undefined) => Promise<void>
  /** Told every send's outcome (for the metrics): sent, retry later, or failed for good. */
  onSendResult?: (row: OutboxRow, outcome: 'sent' | 'retry' | 'failed', code: string | undefined) => void
}

const BACKOFF_MS = [5_000, 30_000, 2 * MINUTE_MS, 10 * MINUTE_MS, 30 * MINUTE_MS, 60 * MINUTE_MS]

/**
 * Delivers due outbox rows. Claims with FOR UPDATE SKIP LOCKED and a lease renewed before a send once a quarter
 * of it has passed, so several replicas share the work and never send a row twice however slow the platform;
 * transient failures back off; permanent ones keep the platform's code and message on the row.
 */
export class OutboxWorker {
  private readonly batchSize: number
  private readonly maxAttempts: number
  private readonly leaseMs: number
  private readonly parallelRecipients: number

  constructor(
    private readonly db: Database,
    private readonly channels: Record<ChannelId, Channel>,
    private readonly clock: Clock,
    private readonly logger: Logger,
    private readonly options: OutboxWorkerOptions = {},
  ) {
    this.batchSize = options.batchSize ?? 20
    this.maxAttempts = options.maxAttempts ?? 8
    this.leaseMs = options.leaseMs ?? 60_000
    this.parallelRecipients = Math.max(1, options.parallelRecipients ?? 8)
  }

  private previousRun: Promise<unknown> = Promise.resolve()
  private queued: Promise<number> | null = null

  /**
   * Sends one batch of due rows; returns how many were handled. Runs in one process queue behind each
   * other (a wake-up during a tick waits for it); other replicas are kept apart by the row locks.
   */
  runOnce(): Promise<number> {
    // Wake-ups coalesce: while a run is queued and not yet started, every caller shares it (it will see
    // their rows). Without this, a burst of messages queued one run per message behind failing sends and
    // a request awaiting its own run waited for all of them.
    if (this.queued) return this.queued
    const run = this.previousRun.then(() => {
      this.queued = null
      return this.deliverWhileFull()
    })
    this.queued = run
    this.previousRun = run.catch(() => undefined)
    return run
  }

  /**
   * Batch after batch while each comes back full: a backlog left by a burst drains at the platform's pace, not at
   * one batch per tick.
   */
  private async deliverWhileFull(): Promise<number> {
    let total = 0
    for (;;) {
      const handled = await this.claimAndDeliver()
      total += handled
      if (handled < this.batchSize) return total
    }
  }

  private async claimAndDeliver(): Promise<number> {
    const now = this.clock.now()
    const claimed = rowsOf<{ id: number }>(
      await this.db.execute(sql`
        update outbox set status = 'sending', locked_until = ${new Date(now.getTime() + this.leaseMs).toISOString()}::timestamptz, attempts = attempts + 1
        where id in (
          select id from outbox
          where status in ('pending', 'sending') and next_attempt_at <= ${now.toISOString()}::timestamptz
            and (locked_until is null or locked_until < ${now.toISOString()}::timestamptz)
          order by next_attempt_at, id
          limit ${this.batchSize}
          for update skip locked)
        returning id`),
    )
    if (claimed.length === 0) return 0
    const claimedAt = now.getTime()
    const rows = await this.db
      .select()
      .from(outbox)
      .where(
        inArray(
          outbox.id,
          claimed.map((r) => Number(r.id)),
        ),
      )
      .orderBy(outbox.nextAttemptAt, outbox.id)
    // Each recipient's rows in order (the parts of a long message stay consecutive), different recipients at
    // once: one slow conversation with the platform does not hold up everyone else's replies.
    const byRecipient = new Map<string, OutboxRow[]>()
    for (const row of rows) {
      const key = `${row.channel}:${row.botId}:${JSON.stringify(row.recipient)}`
      byRecipient.set(key, [...(byRecipient.get(key) ?? []), row])
    }
    const queues = [...byRecipient.values()]
    const lanes = Array.from({ length: Math.min(this.parallelRecipients, queues.length) }, async () => {
      for (let queue = queues.shift(); queue; queue = queues.shift())
        for (const row of queue)
          if (await this.leaseHeld(row, claimedAt)) await withRequestId(row.requestId, () => this.deliver(row))
    })
    await Promise.all(lanes)
    return rows.length
  }

  /**
   * A batch is sent one row at a time, so the lease taken when it was claimed may run out before its last rows
   * are reached, and another replica may have claimed them meanwhile. Right before each send past the first
   * quarter of the lease, the row's lease is renewed — only if it is still this claim's: every claim increments
   * `attempts`, so a row another replica took over no longer matches and is left to it. Once renewed, nobody else
   * can claim the row during the send.
   */
  private async leaseHeld(row: OutboxRow, claimedAt: number): Promise<boolean> {
    const now = this.clock.now()
    // Within the first quarter of the claim's lease the row is still this claim's by construction (nobody may
    // claim it before the lease ends), and a send — bounded by the platform timeouts, a token refresh and one
    // resend included — is recorded long before the lease ends: asking the database would only cost a round
    // trip per reply, a tenth of a burst's queries.
    if (now.getTime() - claimedAt < this.leaseMs / 4) return true
    const renewed = await this.db
      .update(outbox)
      .set({ lockedUntil: new Date(now.getTime() + this.leaseMs) })
      .where(and(eq(outbox.id, row.id), eq(outbox.status, 'sending'), eq(outbox.attempts, row.attempts)))
      .returning({ id: outbox.id })
    if (renewed.length === 0) this.logger.info('outbox row taken over by another worker', { id: row.id })
    return renewed.length > 0
  }

  /** Runs batches until nothing is due (tests and the simulator). */
  async drain(maxRounds = 100): Promise<void> {
    for (let i = 0; i < maxRounds; i++) if ((await this.runOnce()) === 0) return
  }

  private async deliver(row: OutboxRow): Promise<void> {
    const now = this.clock.now()
    const recipient = row.recipient as unknown as Recipient
    if (recipient.kind === 'webhook') {
      const wait = await this.robotWait(row, recipient.url, now)
      if (wait > 0) {
        // Spacing is not a failure: give the attempt back and come back when a slot opens. Every waiting
        // post to this robot moves to the same slot, so (next_attempt_at, id) keeps them in order.
        const slot = new Date(now.getTime() + wait)
        await this.db
          .update(outbox)
          .set({ status: 'pending', lockedUntil: null, attempts: sql`${outbox.attempts} - 1`, nextAttemptAt: slot })
          .where(eq(outbox.id, row.id))
        await this.db
          .update(outbox)
          .set({ nextAttemptAt: slot })
          .where(
            and(
              eq(outbox.status, 'pending'),
              lt(outbox.nextAttemptAt, slot),
              sql`${outbox.recipient}->>'url' = ${recipient.url}`,
            ),
          )
        return
      }
    }
    const result = await this.channels[row.channel].send(
      row.botId,
      recipient,
      row.message as unknown as OutboundMessage,
    )
    const giveUpNow = !result.ok && (result.retry === 'never' || row.attempts >= this.maxAttempts)
    this.options.onSendResult?.(
      row,
      result.ok ? 'sent' : giveUpNow ? 'failed' : 'retry',
      result.ok ? undefined : result.code,
    )
    if (result.ok) {
      await this.db
        .update(outbox)
        // A delivered row keeps no stale error from an earlier attempt.
        .set({ status: 'sent', sentAt: this.clock.now(), lockedUntil: null, lastError: null, errorCode: null })
        .where(eq(outbox.id, row.id))
      return
    }
    const giveUp = result.retry === 'never' || row.attempts >= this.maxAttempts
    if (giveUp) {
      await this.db
        .update(outbox)
        .set({ status: 'failed', lockedUntil: null, lastError: result.error, errorCode: result.code ?? null })
        .where(eq(outbox.id, row.id))
      this.logger.warn('outbox message failed', {
        id: row.id,
        channel: row.channel,
        code: result.code,
        error: result.error,
      })
      await this.options.onPermanentFailure?.(row, result.error, result.code)
      return
    }
    const delay = result.retry === 'transient' && result.retryAfterMs ? result.retryAfterMs : backoff(row.attempts)
    await this.db
      .update(outbox)
      .set({
        status: 'pending',
        lockedUntil: null,
        lastError: result.error,
        errorCode: result.code ?? null,
        nextAttemptAt: new Date(now.getTime() + delay),
      })
      .where(eq(outbox.id, row.id))
  }

  /** Milliseconds until this robot may post again: at most 20 posts in any 60 seconds. */
  private async robotWait(row: OutboxRow, url: string, now: Date): Promise<number> {
    const windowStart = new Date(now.getTime() - MINUTE_MS)
    const recent = await this.db
      .select({ sentAt: outbox.sentAt })
      .from(outbox)
      .where(
        and(
          eq(outbox.status, 'sent'),
          gt(outbox.sentAt, windowStart),
          lte(outbox.sentAt, now),
          sql`${outbox.recipient}->>'url' = ${url}`,
          sql`${outbox.id} <> ${row.id}`,
        ),
      )
      .orderBy(outbox.sentAt)
    if (recent.length < GROUP_ROBOT_PER_MINUTE) return 0
    const oldest = recent[recent.length - GROUP_ROBOT_PER_MINUTE]?.sentAt
    return oldest ? Math.max(1, oldest.getTime() + MINUTE_MS - now.getTime()) : MINUTE_MS
  }
}

function backoff(attempts: number): number {
  return BACKOFF_MS[Math.min(attempts - 1, BACKOFF_MS.length - 1)] ?? MINUTE_MS
}
