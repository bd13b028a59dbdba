import type { Clock } from '../domain/clock'

/**
 * An access token cached until shortly before it expires, with one refresh in flight at a time: a burst
 * of sends after expiry makes a single token request, not one each. With a shared store the token is
 * also shared by every replica, and only one of them refreshes it.
 */
export interface FetchedToken {
  token: string
  expiresInSeconds: number
}

export interface StoredToken {
  token: string
  expiresAt: Date
}

/**
 * Where replicas share tokens. `refresh` runs `fetch` only when the stored token is missing, stale at
 * `freshUntil`, or the one a caller saw rejected; otherwise it hands back what another replica stored.
 * Implementations serialise refreshes of one key across processes.
 */
export interface SharedTokenStore {
  read(key: string): Promise<StoredToken | undefined>
  refresh(
    key: string,
    options: { freshUntil: Date; rejected: string | undefined },
    fetch: () => Promise<StoredToken>,
  ): Promise<StoredToken>
}

/** A token is refreshed this long before the platform would expire it. */
const REFRESH_EARLY_MS = 5 * 60_000
/** Never trust a token for less than this, whatever lifetime the platform claims. */
const MIN_LIFETIME_MS = 30_000

export class AccessTokenCache {
  private current: { token: string; refreshAt: number } | undefined
  private inFlight: Promise<string> | undefined
  /** The last token the platform rejected: a shared copy of it must not be taken again. */
  private rejected: string | undefined

  constructor(
    private readonly fetchToken: () => Promise<FetchedToken>,
    private readonly clock: Clock,
    private readonly shared?: { store: SharedTokenStore; key: string },
  ) {}

  async get(): Promise<string> {
    if (this.current && this.clock.now().getTime() < this.current.refreshAt) return this.current.token
    this.inFlight ??= this.load().finally(() => {
      this.inFlight = undefined
    })
    return this.inFlight
  }

  /** Drops a token the platform rejected; the next get() fetches a fresh one. */
  invalidate(rejected: string): void {
    this.rejected = rejected
    if (this.current?.token === rejected) this.current = undefined
  }

  private async load(): Promise<string> {
    const stored = this.shared ? await this.loadShared(this.shared) : await this.fetchFresh()
    this.current = { token: stored.token, refreshAt: stored.expiresAt.getTime() - REFRESH_EARLY_MS }
    return stored.token
  }

  private async loadShared({ store, key }: { store: SharedTokenStore; key: string }): Promise<StoredToken> {
    const freshUntil = new Date(this.clock.now().getTime() + REFRESH_EARLY_MS)
    const usable = (t: StoredToken | undefined): t is StoredToken =>
      t !== undefined && t.token !== this.rejected && t.expiresAt > freshUntil
    const seen = await store.read(key)
    if (usable(seen)) return seen
    return store.refresh(key, { freshUntil, rejected: this.rejected }, () => this.fetchFresh())
  }

  private async fetchFresh(): Promise<StoredToken> {
    const { token, expiresInSeconds } = await this.fetchToken()
    const lifetime = Math.max(expiresInSeconds * 1000, REFRESH_EARLY_MS + MIN_LIFETIME_MS)
    return { token, expiresAt: new Date(this.clock.now().getTime() + lifetime) }
  }
}
