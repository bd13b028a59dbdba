import { and, inArray, isNull, lt, sql } from 'drizzle-orm'
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client'
import type { DingtalkStreamState } from '../channels/dingtalk/stream-state'
import type { Database } from '../db/client'
import { complaints, hazards, inboundMessages, outbox } from '../db/schema'
import type { Clock } from '../domain/clock'
import { OPEN_COMPLAINT_STATUSES } from '../domain/complaint-lifecycle'
import { UNDER_RECTIFICATION_STATUSES } from '../domain/hazard-lifecycle'

/**
 * The process's metrics in Prometheus text (prom-client): what an operator watches — webhooks by channel and
 * status with their latency, the inbox backlog and its oldest message, the outbox by state and channel, platform
 * error codes, job durations and last successes, overdue complaints and hazards. One
 * registry per service container, so tests that build several apps never collide. Counts only: no names, no
 * message text, no personal data.
 */
export class Metrics {
  readonly registry = new Registry()
  readonly requests: Counter<'area' | 'status'>
  readonly requestSeconds: Histogram<'area'>
  readonly sends: Counter<'channel' | 'result' | 'code'>
  readonly jobSeconds: Histogram<'job' | 'result'>
  readonly jobLastSuccess: Gauge<'job'>
  private readonly inbound: Gauge<'state'>

  /**
   * The process's own figures (resident memory, heap, event-loop delay, GC, handles) under the usual
   * `process_` and `nodejs_` names, and the heap's limit (the memory budget it was started with, or V8's default
   * when none was given). Started by the Node entry only: a Worker isolate has no process to measure.
   */
  collectProcessMetrics(heapLimitBytes: number): void {
    collectDefaultMetrics({ register: this.registry })
    new Gauge({
      name: 'xunan_heap_limit_bytes',
      help: 'The most the JavaScript heap may grow to (--max-old-space-size and --max-semi-space-size)',
      registers: [this.registry],
    }).set(heapLimitBytes)
  }

  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
    private readonly inboundLoad: () => { waiting: number; active: number },
    private readonly dingtalkStream?: DingtalkStreamState,
  ) {
    const registers = [this.registry]
    this.requests = new Counter({
      name: 'xunan_http_requests_total',
      help: 'HTTP requests by area (webhook channel, api, console, open311, health) and status',
      labelNames: ['area', 'status'],
      registers,
    })
    this.requestSeconds = new Histogram({
      name: 'xunan_http_request_duration_seconds',
      help: 'HTTP request duration by area',
      labelNames: ['area'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers,
    })
    this.sends = new Counter({
      name: 'xunan_outbox_sends_total',
      help: 'Platform sends by channel and result (sent, retry, failed), with the platform error code',
      labelNames: ['channel', 'result', 'code'],
      registers,
    })
    this.jobSeconds = new Histogram({
      name: 'xunan_job_duration_seconds',
      help: 'Scheduled job runs by job and result',
      labelNames: ['job', 'result'],
      buckets: [0.05, 0.25, 1, 5, 15, 60, 300],
      registers,
    })
    this.jobLastSuccess = new Gauge({
      name: 'xunan_job_last_success_timestamp_seconds',
      help: 'When each job last finished without error',
      labelNames: ['job'],
      registers,
    })
    this.inbound = new Gauge({
      name: 'xunan_inbound_in_process',
      help: 'Messages in this process’s processing pool: waiting and being processed',
      labelNames: ['state'],
      registers,
    })
    this.streamHeld = new Gauge({
      name: 'xunan_dingtalk_stream_held',
      help: 'Whether this process holds the DingTalk Stream connections (1 in exactly one worker of a city)',
      registers,
    })
    this.streamConnected = new Gauge({
      name: 'xunan_dingtalk_stream_connected',
      help: 'Whether the DingTalk Stream socket of each bot is connected, in the process holding the stream',
      labelNames: ['bot'],
      registers,
    })
    const { db: database, clock: time } = this
    const backlog = new Gauge({
      name: 'xunan_inbox_backlog',
      help: 'Stored messages not processed yet (all processes)',
      registers,
    })
    const oldest = new Gauge({
      name: 'xunan_inbox_oldest_unprocessed_age_seconds',
      help: 'Age of the oldest stored message not processed yet',
      registers,
    })
    const outboxRows = new Gauge({
      name: 'xunan_outbox_rows',
      help: 'Outbox rows by state (pending, sending, failed = dead letters) and channel',
      labelNames: ['status', 'channel'],
      registers,
    })
    const overdue = new Gauge({
      name: 'xunan_overdue_items',
      help: 'Open complaints past their 1-day limit and hazards past their rectification deadline',
      labelNames: ['kind'],
      registers,
    })
    // Read from the database when scraped, so every process reports the same shared state.
    this.collectShared = async () => {
      const now = time.now()
      const inbox = await inboxBacklog(database, now)
      backlog.set(inbox.unprocessed)
      oldest.set(inbox.oldestAgeSeconds)
      outboxRows.reset()
      const rows = await database
        .select({ status: outbox.status, channel: outbox.channel, n: sql<number>`count(*)::int` })
        .from(outbox)
        .where(inArray(outbox.status, ['pending', 'sending', 'failed']))
        .groupBy(outbox.status, outbox.channel)
      for (const row of rows) outboxRows.set({ status: row.status, channel: row.channel }, Number(row.n))
      const [late] = await database
        .select({ n: sql<number>`count(*)::int` })
        .from(complaints)
        .where(and(inArray(complaints.status, [...OPEN_COMPLAINT_STATUSES]), lt(complaints.dueAt, now)))
      const [overdueHazards] = await database
        .select({ n: sql<number>`count(*)::int` })
        .from(hazards)
        .where(and(inArray(hazards.status, [...UNDER_RECTIFICATION_STATUSES]), lt(hazards.rectifyDueAt, now)))
      overdue.set({ kind: 'complaint' }, Number(late?.n ?? 0))
      overdue.set({ kind: 'hazard' }, Number(overdueHazards?.n ?? 0))
    }
  }

  private readonly collectShared: () => Promise<void>
  private readonly streamHeld: Gauge
  private readonly streamConnected: Gauge<'bot'>

  /** The Prometheus text exposition, with the shared figures read now. */
  async render(): Promise<string> {
    const load = this.inboundLoad()
    this.inbound.set({ state: 'waiting' }, load.waiting)
    this.inbound.set({ state: 'active' }, load.active)
    const stream = this.dingtalkStream?.snapshot()
    this.streamHeld.set(stream?.held ? 1 : 0)
    this.streamConnected.reset()
    for (const [bot, connected] of Object.entries(stream?.connected ?? {}))
      this.streamConnected.set({ bot }, connected ? 1 : 0)
    await this.collectShared()
    return this.registry.metrics()
  }

  get contentType(): string {
    return this.registry.contentType
  }

  /** Times a job run and records its outcome. */
  async timeJob<T>(job: string, run: () => Promise<T>): Promise<T> {
    const end = this.jobSeconds.startTimer({ job })
    try {
      const result = await run()
      end({ result: 'ok' })
      this.jobLastSuccess.set({ job }, this.clock.now().getTime() / 1000)
      return result
    } catch (error) {
      end({ result: 'error' })
      throw error
    }
  }
}

/** Stored messages not processed yet, across all processes, and how long the oldest has waited. */
export async function inboxBacklog(
  db: Database,
  now: Date,
): Promise<{ unprocessed: number; oldestAgeSeconds: number }> {
  const [inbox] = await db
    .select({ n: sql<number>`count(*)::int`, oldest: sql<Date | null>`min(${inboundMessages.receivedAt})` })
    .from(inboundMessages)
    .where(isNull(inboundMessages.processedAt))
  const oldestAt = inbox?.oldest ? new Date(inbox.oldest) : undefined
  return {
    unprocessed: Number(inbox?.n ?? 0),
    oldestAgeSeconds: oldestAt ? Math.max(0, Math.round((now.getTime() - oldestAt.getTime()) / 1000)) : 0,
  }
}
