import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible'
import { AppError } from '../errors'

/**
 * Throttles built on rate-limiter-flexible (a maintained limiter with fixed windows and blocking) rather
 * than counters of our own. Limits are per process: with several replicas each holds its own count, which
 * still caps a guesser at replicas × the limit.
 */
export interface ThrottleLimits {
  /** Failed credentials per client address before it is refused for `blockSeconds`. */
  failedAuth: { points: number; windowSeconds: number; blockSeconds: number }
  /** Messages one chat account may send per minute before the rest are refused (the platform retries). */
  senderPerMinute: number
}

export const DEFAULT_THROTTLE_LIMITS: ThrottleLimits = {
  failedAuth: { points: 10, windowSeconds: 15 * 60, blockSeconds: 15 * 60 },
  senderPerMinute: 120,
}

export class Throttles {
  private readonly failures: RateLimiterMemory
  private readonly senders: RateLimiterMemory
  private readonly failedAuthPoints: number

  constructor(limits: ThrottleLimits = DEFAULT_THROTTLE_LIMITS) {
    this.failedAuthPoints = limits.failedAuth.points
    this.failures = new RateLimiterMemory({
      keyPrefix: 'auth',
      points: limits.failedAuth.points,
      duration: limits.failedAuth.windowSeconds,
      blockDuration: limits.failedAuth.blockSeconds,
    })
    this.senders = new RateLimiterMemory({ keyPrefix: 'sender', points: limits.senderPerMinute, duration: 60 })
  }

  /** 429 before any credential is checked when this address has failed too often. */
  async refuseIfBlocked(address: string): Promise<void> {
    const state = await this.failures.get(address)
    if (state && state.consumedPoints >= this.failedAuthPoints) throw tooMany(state.msBeforeNext)
  }

  /** Counts one failed credential for this address. */
  async recordFailure(address: string): Promise<void> {
    await this.failures.consume(address).catch((rejection: unknown) => {
      if (!(rejection instanceof RateLimiterRes)) throw rejection
    })
  }

  /** One message from a chat account; false when it is over its per-minute share. */
  async allowSender(key: string): Promise<boolean> {
    try {
      await this.senders.consume(key)
      return true
    } catch (rejection) {
      if (rejection instanceof RateLimiterRes) return false
      throw rejection
    }
  }
}

function tooMany(msBeforeNext: number): AppError {
  const error = new AppError('too_many_requests', '尝试次数过多，请稍后再试。')
  error.retryAfterSeconds = Math.max(1, Math.ceil(msBeforeNext / 1000))
  return error
}
