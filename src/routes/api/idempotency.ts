import { createHash } from 'node:crypto'
import { and, eq, isNull, lt } from 'drizzle-orm'
import type { MiddlewareHandler } from 'hono'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import type { ApiClient, AppEnv } from '../../app-env'
import { apiIdempotency } from '../../db/schema'
import { AppError } from '../../errors'

/**
 * Idempotency-Key for /api/v1 writes. The first POST with a key runs and, when it succeeds, its answer is
 * kept; a retry with the same key and body gets that answer again (header Idempotent-Replayed: true), the
 * same key with another body is refused (422), and a retry while the first still runs gets 409. A failed
 * first attempt keeps nothing, so the client may retry it. A first attempt that died mid-way (the process
 * stopped) is taken over after a minute.
 */
const ABANDONED_AFTER_MS = 60_000

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex')

/** Whose keys these are: the token's identity (role, unit, name), never the raw header. */
export function idempotencyClient(caller: ApiClient): string {
  return sha256(`${caller.role}\n${caller.unitId ?? ''}\n${caller.name}`)
}

export const idempotencyKeys: MiddlewareHandler<AppEnv> = async (c, next) => {
  const key = c.req.header('idempotency-key')
  if (c.req.method !== 'POST' || key === undefined) return next()
  if (key.length < 1 || key.length > 200) throw new AppError('invalid_request', 'Idempotency-Key: 1 to 200 characters')
  const { db, clock } = c.get('services')
  // Keys belong to the authenticated client (its token's identity, not the raw header): two clients may
  // use the same key without meeting. Authentication ran before this middleware.
  const caller = c.get('apiClient')
  if (!caller) throw new AppError('unauthorized', 'Bearer token required')
  const client = idempotencyClient(caller)
  const requestHash = sha256(`${c.req.method} ${c.req.path}\n${await c.req.text()}`)
  const now = clock.now()
  const where = and(eq(apiIdempotency.client, client), eq(apiIdempotency.key, key))

  let claimed = await db
    .insert(apiIdempotency)
    .values({ client, key, requestHash, createdAt: now })
    .onConflictDoNothing()
    .returning()
  if (claimed.length === 0) {
    const [earlier] = await db.select().from(apiIdempotency).where(where)
    if (earlier && earlier.requestHash !== requestHash)
      throw new AppError('idempotency_key_reused', 'This Idempotency-Key was used with another request')
    if (earlier?.status != null) {
      c.header('Idempotent-Replayed', 'true')
      return c.json(earlier.body as object, earlier.status as ContentfulStatusCode)
    }
    claimed = await db
      .update(apiIdempotency)
      .set({ createdAt: now })
      .where(
        and(
          where,
          isNull(apiIdempotency.status),
          lt(apiIdempotency.createdAt, new Date(now.getTime() - ABANDONED_AFTER_MS)),
        ),
      )
      .returning()
    if (claimed.length === 0)
      throw new AppError('conflict', 'A request with this Idempotency-Key is still being processed')
  }

  try {
    await next()
  } finally {
    const response = c.res
    if (response.status >= 200 && response.status < 300 && response.headers.get('content-type')?.includes('json')) {
      const body = await response.clone().json()
      await db.update(apiIdempotency).set({ status: response.status, body }).where(where)
    } else {
      await db.delete(apiIdempotency).where(where)
    }
  }
}
