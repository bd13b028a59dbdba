/**
 * A bounded pool for the work that follows an acknowledgement: at most `concurrency` jobs at a time, one at a
 * time per key (a person's messages are handled in the order they came), urgent jobs first (the Official
 * Account's passive reply has seconds to ride on the response). A burst becomes a backlog that drains at a
 * steady pace instead of a thousand conversations competing with the acknowledgements for the event loop and
 * the database.
 */
export interface WorkQueueOptions {
  concurrency: number
  /** Jobs waiting (not running) beyond which `full()` says so, and callers refuse new work. */
  limit: number
  /**
   * Work this pool gives way to: while it is busy, ordinary jobs start only while fewer than `busyConcurrency`
   * run (urgent ones still take the full width), and the pool widens again when it signals it is quiet.
   */
  yieldTo?: YieldSignal
  /**
   * Jobs that may run while `yieldTo` is busy (default 0: a burst's acknowledgements get the process to
   * themselves). Ordinary work cannot be starved by it: once the backlog reaches `limit`, callers refuse new
   * work, so nothing more arrives to keep `yieldTo` busy, and the pool takes up its width again.
   */
  busyConcurrency?: number
}

/** Something the pool makes way for: the acknowledgements of a burst. */
export interface YieldSignal {
  readonly busy: boolean
  /** Calls back each time it stops being busy. */
  onQuiet(listener: () => void): void
}

interface Job {
  id: number
  key: string
  urgent: boolean
  run: () => Promise<void>
  done: Promise<void>
  settle: () => void
}

export class KeyedWorkQueue {
  private readonly waiting: Job[] = []
  private readonly busyKeys = new Set<string>()
  private readonly byId = new Map<number, Job>()
  private running = 0
  /** Urgent jobs waiting: while there are none, the first free job is taken without scanning the backlog. */
  private urgentWaiting = 0
  private readonly emptied: (() => void)[] = []

  private readonly busyConcurrency: number

  constructor(private readonly options: WorkQueueOptions) {
    this.busyConcurrency = Math.max(0, Math.min(options.busyConcurrency ?? 0, options.concurrency))
    options.yieldTo?.onQuiet(() => this.pump())
  }

  /** Jobs waiting to start. */
  get backlog(): number {
    return this.waiting.length
  }

  get active(): number {
    return this.running
  }

  /** True when the backlog has reached its bound: new work should be refused so the sender retries later. */
  full(): boolean {
    return this.waiting.length >= this.options.limit
  }

  /**
   * Adds a job, or joins the one already queued or running under that id (a sweep and a webhook may both ask
   * for the same message). Resolves when it has run; its failures are the job's own to report.
   */
  add(id: number, key: string, run: () => Promise<void>, urgent = false): Promise<void> {
    const existing = this.byId.get(id)
    if (existing) {
      if (urgent && !existing.urgent && this.waiting.includes(existing)) {
        existing.urgent = true
        this.urgentWaiting++
      }
      return existing.done
    }
    let settle: () => void = () => undefined
    const done = new Promise<void>((resolve) => {
      settle = resolve
    })
    const job: Job = { id, key, urgent, run, done, settle }
    this.byId.set(id, job)
    this.waiting.push(job)
    if (urgent) this.urgentWaiting++
    this.pump()
    return done
  }

  /** Resolves once nothing waits and nothing runs. */
  idle(): Promise<void> {
    if (this.running === 0 && this.waiting.length === 0) return Promise.resolve()
    return new Promise((resolve) => this.emptied.push(resolve))
  }

  private pump(): void {
    while (this.running < this.options.concurrency) {
      const index = this.nextIndex()
      if (index < 0) break
      const candidate = this.waiting[index] as Job
      // Ordinary work waits while the acknowledgements are busy; nextIndex offers an urgent job first, so a
      // candidate that is not urgent means nothing urgent can start either.
      if (!candidate.urgent && this.running >= this.busyConcurrency && this.options.yieldTo?.busy) break
      const [job] = this.waiting.splice(index, 1)
      if (!job) break
      if (job.urgent) this.urgentWaiting--
      this.start(job)
    }
    if (this.running === 0 && this.waiting.length === 0) for (const resolve of this.emptied.splice(0)) resolve()
  }

  /** The first urgent job whose key is free, else the first job whose key is free; -1 when none may start. */
  private nextIndex(): number {
    let fallback = -1
    // A key blocked once stays blocked for the rest of the scan, so a person's later message never overtakes
    // their earlier one.
    const blocked = new Set<string>()
    for (let i = 0; i < this.waiting.length; i++) {
      const job = this.waiting[i] as Job
      if (this.busyKeys.has(job.key) || blocked.has(job.key)) continue
      if (job.urgent) return i
      // Nothing urgent waits: the first free job is the one (a burst's backlog is not scanned per dispatch).
      if (this.urgentWaiting === 0) return i
      if (fallback < 0) fallback = i
      blocked.add(job.key)
    }
    return fallback
  }

  private start(job: Job): void {
    this.running++
    this.busyKeys.add(job.key)
    void job
      .run()
      .catch(() => undefined)
      .finally(() => {
        this.running--
        this.busyKeys.delete(job.key)
        this.byId.delete(job.id)
        job.settle()
        this.pump()
      })
  }
}
