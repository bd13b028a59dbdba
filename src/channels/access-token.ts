import type { Clock } from '../domain/clock'

/**
 * An access token cached until shortly before it expires, with one refresh in flight at a time: a burst
 * of sends after expiry makes a single token request, not one each.
 */
export interface FetchedToken {
  token: string
  expiresInSeconds: number
}

const REFRESH_EARLY_MS = 5 * 60_000

export class AccessTokenCache {
  private current: { token: string; refreshAt: number } | undefined
  private inFlight: Promise<string> | undefined

  constructor(
    private readonly fetchToken: () => Promise<FetchedToken>,
    private readonly clock: Clock,
  ) {}

  async get(): Promise<string> {
    if (this.current && this.clock.now().getTime() < this.current.refreshAt) return this.current.token
    return this.refresh()
  }

  /** Drops a token the platform rejected; the next get() fetches a fresh one. */
  invalidate(rejected: string): void {
    if (this.current?.token === rejected) this.current = undefined
  }

  private refresh(): Promise<string> {
    this.inFlight ??= this.fetchToken()
      .then(({ token, expiresInSeconds }) => {
        const lifetime = Math.max(expiresInSeconds * 1000 - REFRESH_EARLY_MS, 30_000)
        this.current = { token, refreshAt: this.clock.now().getTime() + lifetime }
        return token
      })
      .finally(() => {
        this.inFlight = undefined
      })
    return this.inFlight
  }
}
