import { eq, sql } from 'drizzle-orm'
import type { SharedTokenStore, StoredToken } from '../channels/access-token'
import type { Database } from '../db/client'
import { platformTokens } from '../db/schema'
import type { Clock } from '../domain/clock'

/** The first key of the two-key advisory locks taken while refreshing a platform token. */
const TOKEN_LOCK_NAMESPACE = 7_301_116

/**
 * Platform access tokens kept in the database so every replica uses the same one. A refresh takes a
 * transaction-scoped advisory lock on the token's key, looks again (another replica may have refreshed
 * meanwhile) and only then asks the platform: two replicas never fetch at once, so neither retires the
 * other's token. The lock goes with the transaction, so a replica dying mid-refresh blocks nobody.
 *
 * Only for Postgres: on the embedded database there is one process and its single connection must not be
 * held while the platform answers.
 */
export class DatabaseTokenStore implements SharedTokenStore {
  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
  ) {}

  read(key: string): Promise<StoredToken | undefined> {
    return storedToken(this.db, key)
  }

  refresh(
    key: string,
    options: { freshUntil: Date; rejected: string | undefined },
    fetch: () => Promise<StoredToken>,
  ): Promise<StoredToken> {
    return this.db.transaction(async (tx) => {
      await tx.execute(sql`select pg_advisory_xact_lock(${TOKEN_LOCK_NAMESPACE}, hashtext(${key}))`)
      const row = await storedToken(tx, key)
      if (row && row.token !== options.rejected && row.expiresAt > options.freshUntil) return row
      const fresh = await fetch()
      const values = { token: fresh.token, expiresAt: fresh.expiresAt, refreshedAt: this.clock.now() }
      await tx
        .insert(platformTokens)
        .values({ key, ...values })
        .onConflictDoUpdate({ target: platformTokens.key, set: values })
      return fresh
    })
  }
}

async function storedToken(db: Database, key: string): Promise<StoredToken | undefined> {
  const [row] = await db
    .select({ token: platformTokens.token, expiresAt: platformTokens.expiresAt })
    .from(platformTokens)
    .where(eq(platformTokens.key, key))
  return row
}
