import type { MiddlewareHandler } from 'hono'
import { timeout } from 'hono/timeout'
import type { AppEnv } from '../app-env'
import { AppError } from '../errors'

/**
 * A platform gives a webhook five seconds, and a database that is unreachable in the wrong way (a proxy or load
 * balancer in front of it that accepts connections and drops them) makes the driver retry without end: without
 * a deadline the request would hang and the platform give up on it. Past the deadline the answer is 503 with
 * Retry-After, so the platform sends the message again; a write still under way may complete, and the retry then
 * finds it stored (the sweep processes it). Health checks get the same deadline, so /readyz says "not ready"
 * instead of hanging.
 */
export function deadline(): MiddlewareHandler<AppEnv> {
  return (c, next) =>
    timeout(c.get('services').config.webhookDeadlineMs, () => {
      const error = new AppError('unavailable', '服务暂时不可用，请稍后重试。')
      error.retryAfterSeconds = 5
      return error
    })(c, next)
}
