/** Time is injected everywhere so deadline rules and jobs can be tested without sleeping. */
export interface Clock {
  now(): Date
}

export const systemClock: Clock = { now: () => new Date() }

/** A clock that stands still until told to move: for tests and the simulator. */
export class ManualClock implements Clock {
  private current: Date

  constructor(start: Date | string) {
    this.current = new Date(start)
  }

  now(): Date {
    return new Date(this.current)
  }

  set(instant: Date | string): void {
    this.current = new Date(instant)
  }

  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms)
  }
}

export const MINUTE_MS = 60_000
export const HOUR_MS = 60 * MINUTE_MS
export const DAY_MS = 24 * HOUR_MS
