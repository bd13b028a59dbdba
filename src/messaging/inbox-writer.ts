import type { InboundMessage } from '../channels/types'
import type { Database } from '../db/client'
import { currentRequestId } from '../observability/request-context'
import { type Delivery, type Stored, storeBatch } from './inbox'
import type { YieldSignal } from './work-queue'

interface Pending extends Delivery {
  resolve: (stored: Stored) => void
  reject: (error: unknown) => void
}

export interface InboxWriterOptions {
  /** Most rows in one INSERT. */
  maxBatch?: number
  /**
   * Waits for more deliveries before writing, when one is already being written. Left to the event loop
   * (setImmediate) by default: every request that arrived in the meantime joins the next statement.
   */
  schedule?: (flush: () => void) => void
  /** Deliveries being stored at once from which the writer counts as busy (default 2). */
  busyAt?: number
  /** How long the writer stays busy after it last saw deliveries overlap (default 25 ms). */
  busyHoldMs?: number
  /** Milliseconds on a monotonic clock, and a one-shot timer: injected by tests. */
  now?: () => number
  setTimer?: (callback: () => void, ms: number) => void
}

/**
 * Group commit for the inbox: deliveries acknowledged at the same moment are stored in one INSERT … ON CONFLICT
 * DO NOTHING instead of one statement (and one commit) each, so a burst costs a few round trips rather than one
 * per message — on the embedded database, whose single connection serves everyone, that is the difference
 * between answering the platform at once and making it wait behind hundreds of commits. A delivery still gets
 * its answer only after its row is committed: nothing acknowledged can be lost.
 */
export class InboxWriter implements YieldSignal {
  private pending: Pending[] = []
  /** One batch is written at a time (the next gathers meanwhile); a flush may already be on its way. */
  private writing = false
  private flushScheduled = false
  private readonly maxBatch: number
  private readonly schedule: (flush: () => void) => void
  private readonly busyAt: number
  private readonly busyHoldMs: number
  private readonly now: () => number
  private readonly setTimer: (callback: () => void, ms: number) => void
  /** Deliveries handed to `record` and not yet answered. */
  private inFlight = 0
  /** Until when the writer counts as busy; a timer is armed while this lies ahead. */
  private busyUntil = Number.NEGATIVE_INFINITY
  private timerArmed = false
  private readonly quietListeners: (() => void)[] = []

  constructor(
    private readonly db: Database,
    options: InboxWriterOptions = {},
  ) {
    this.maxBatch = options.maxBatch ?? 500
    this.schedule = options.schedule ?? ((flush) => setImmediate(flush))
    this.busyAt = Math.max(1, options.busyAt ?? 2)
    this.busyHoldMs = options.busyHoldMs ?? 25
    this.now = options.now ?? (() => performance.now())
    // Not unref'd: a process shutting down waits for the pool, which waits for this timer.
    this.setTimer = options.setTimer ?? ((callback, ms) => void setTimeout(callback, ms))
  }

  /**
   * True during a burst — deliveries overlapping, and for a moment after they last did, so the gaps between a
   * burst's batches do not count as its end: the processing pool gives way meanwhile, and the platforms'
   * answers do not queue behind conversations. A steady trickle, one delivery at a time, never counts as busy.
   */
  get busy(): boolean {
    return this.now() < this.busyUntil
  }

  onQuiet(listener: () => void): void {
    this.quietListeners.push(listener)
  }

  record(message: InboundMessage): Promise<Stored> {
    this.inFlight++
    if (this.inFlight >= this.busyAt) this.holdBusy()
    return new Promise<Stored>((resolve, reject) => {
      // The request's id is read here, in its own context: the batch is written from another.
      this.pending.push({ message, requestId: currentRequestId(), resolve, reject })
      // The first delivery of a quiet moment is written at once; while a write runs, others gather for the next.
      this.flushSoon()
    })
  }

  private flushSoon(): void {
    if (this.flushScheduled || this.writing || this.pending.length === 0) return
    this.flushScheduled = true
    this.schedule(() => {
      this.flushScheduled = false
      this.flush()
    })
  }

  private flush(): void {
    const batch = this.pending.splice(0, this.maxBatch)
    if (batch.length === 0) return
    this.writing = true
    storeBatch(this.db, batch)
      .then(
        (stored) => {
          this.inFlight -= batch.length
          for (const [i, p] of batch.entries()) p.resolve(stored[i] as Stored)
        },
        (error: unknown) => {
          this.inFlight -= batch.length
          for (const p of batch) p.reject(error)
        },
      )
      .finally(() => {
        this.writing = false
        this.flushSoon()
      })
  }

  private holdBusy(): void {
    this.busyUntil = this.now() + this.busyHoldMs
    if (!this.timerArmed) this.armQuietTimer(this.busyHoldMs)
  }

  /** One timer at a time, re-armed for what is left of the hold, calls the listeners when it has run out. */
  private armQuietTimer(ms: number): void {
    this.timerArmed = true
    this.setTimer(() => {
      const left = this.busyUntil - this.now()
      if (left > 0) return this.armQuietTimer(left)
      this.timerArmed = false
      for (const listener of this.quietListeners) listener()
    }, ms)
  }
}
