import { unavailableErrorOf } from '../errors'
import type { Logger } from '../logger'

export interface StartupWaitOptions {
  /** Give up after this long (the database never came). */
  deadlineMs: number
  logger: Logger
  now?: () => number
  sleep?: (ms: number) => Promise<void>
}

/**
 * Runs a start-up step, retrying while the database cannot be reached: containers start in any order, and a
 * server that dies because Postgres came up two seconds after it makes an orchestrator restart-loop. Any other
 * error fails at once; so does an unreachable database past the deadline, with the driver's own reason.
 */
export async function whenDatabaseReachable<T>(step: () => Promise<T>, options: StartupWaitOptions): Promise<T> {
  const now = options.now ?? Date.now
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)))
  const giveUpAt = now() + options.deadlineMs
  for (let delay = 250; ; delay = Math.min(delay * 2, 5_000)) {
    try {
      return await step()
    } catch (error) {
      if (!unavailableErrorOf(error) || now() + delay > giveUpAt) throw error
      options.logger.warn('database not reachable yet; retrying', { retryInMs: delay, error })
      await sleep(delay)
    }
  }
}
