import type { MiddlewareHandler } from 'hono'
import type { AppEnv } from '../app-env'

/** Which part of the service a path belongs to: each webhook channel, the API, the console, Open311, health. */
export function areaOf(path: string): string {
  const webhook = /^\/webhooks\/([a-z-]+)/.exec(path)
  if (webhook) return `webhook:${webhook[1]}`
  if (path.startsWith('/api/')) return 'api'
  if (path === '/console' || path.startsWith('/console/')) return 'console'
  if (path.startsWith('/open311/')) return 'open311'
  if (path === '/healthz' || path === '/readyz' || path === '/metrics') return 'health'
  return 'other'
}

/** Counts every request by area and status and times it (errors included: this runs outside the error handler). */
export const requestMetrics: MiddlewareHandler<AppEnv> = async (c, next) => {
  const { metrics } = c.get('services')
  const area = areaOf(c.req.path)
  const end = metrics.requestSeconds.startTimer({ area })
  try {
    await next()
  } finally {
    end()
    metrics.requests.inc({ area, status: String(c.res.status) })
  }
}
