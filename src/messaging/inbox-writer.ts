import type { InboundMessage } from '../channels/types'
import type { Database } from '../db/client'
import { currentRequestId } from '../observability/request-context'
import { type Delivery, type Stored, storeBatch } from './inbox'

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
}

/**
 * Group commit for the inbox: deliveries acknowledged at the same moment are stored in one INSERT … ON CONFLICT
 * DO NOTHING instead of one statement (and one commit) each, so a burst costs a few round trips rather than one
 * per message — on the embedded database, whose single connection serves everyone, that is the difference
 * between answering the platform at once and making it wait behind hundreds of commits. A delivery still gets
 * its answer only after its row is committed: nothing acknowledged can be lost.
 */
export class InboxWriter {
  private pending: Pending[] = []
  private writing: Promise<void> | null = null
  private readonly maxBatch: number
  private readonly schedule: (flush: () => void) => void

  constructor(
    private readonly db: Database,
    options: InboxWriterOptions = {},
  ) {
    this.maxBatch = options.maxBatch ?? 500
    this.schedule = options.schedule ?? ((flush) => setImmediate(flush))
  }

  record(message: InboundMessage): Promise<Stored> {
    return new Promise<Stored>((resolve, reject) => {
      // The request's id is read here, in its own context: the batch is written from another.
      this.pending.push({ message, requestId: currentRequestId(), resolve, reject })
      // The first delivery of a quiet moment is written at once; while a write runs, others gather for the next.
      if (!this.writing) this.startWriting()
    })
  }

  private startWriting(): void {
    this.writing = new Promise<void>((done) => {
      this.schedule(() => {
        void this.drain().finally(done)
      })
    }).finally(() => {
      this.writing = null
      if (this.pending.length > 0) this.startWriting()
    })
  }

  private async drain(): Promise<void> {
    while (this.pending.length > 0) {
      const batch = this.pending.splice(0, this.maxBatch)
      try {
        const stored = await storeBatch(this.db, batch)
        for (const [i, p] of batch.entries()) p.resolve(stored[i] as Stored)
      } catch (error) {
        for (const p of batch) p.reject(error)
      }
    }
  }
}
