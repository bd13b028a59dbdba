import type { Context } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import type { AppEnv } from '../../app-env'
import { AppError } from '../../errors'

/** Shared checks for every webhook: body size, replay window, required query parameters. */
export const MAX_WEBHOOK_BODY_BYTES = 1024 * 1024

export const webhookBodyLimit = bodyLimit({
  maxSize: MAX_WEBHOOK_BODY_BYTES,
  onError: () => {
    throw new AppError('payload_too_large', 413, 'Request body too large')
  },
})

export function requireQuery(c: Context<AppEnv>, ...names: string[]): Record<string, string> {
  const values: Record<string, string> = {}
  for (const name of names) {
    const value = c.req.query(name)
    if (!value) throw new AppError('unauthorized', 401, `Missing ${name}`)
    values[name] = value
  }
  return values
}

/** Rejects timestamps outside the replay window (seconds; milliseconds when `unit` says so). */
export function checkTimestamp(
  c: Context<AppEnv>,
  timestamp: string,
  unit: 'seconds' | 'milliseconds' = 'seconds',
): void {
  const { platforms, clock } = c.var.services
  const windowSeconds = platforms.maxSkewSeconds
  if (windowSeconds === 0) return
  const sent = Number(timestamp) * (unit === 'seconds' ? 1000 : 1)
  if (!Number.isFinite(sent) || Math.abs(clock.now().getTime() - sent) > windowSeconds * 1000) {
    throw new AppError('stale_request', 401, 'Timestamp outside the allowed window')
  }
}

/**
 * Query decoding turns '+' into a space; base64 never contains spaces, so put the pluses back
 * (echostr arrives URL-encoded or not depending on the sender).
 */
export function base64Query(value: string): string {
  return value.replace(/ /g, '+')
}
