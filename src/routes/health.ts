import { Hono } from 'hono'
import type { AppEnv } from '../app-env'
import { constantTimeEqual } from '../channels/wechat-crypto'
import { checkReadiness } from '../db/client'
import { AppError } from '../errors'
import { recordFailedCredentials, refuseBlockedCaller } from '../http/credentials'
import { inboxBacklog } from '../observability/metrics'

/**
 * Liveness (the process answers), readiness (database reachable, migrations applied; with this process's
 * processing load) and the Prometheus metrics behind METRICS_TOKEN.
 */
export function healthRoutes() {
  const app = new Hono<AppEnv>()
  app.get('/healthz', (c) => c.json({ status: 'ok' }))
  app.get('/readyz', async (c) => {
    const { db, databaseKind, config, inbound, clock, platforms, dingtalkStream } = c.get('services')
    const readiness = await checkReadiness(db)
    if (!readiness.ready) return c.json({ status: 'unavailable', reason: readiness.reason }, 503)
    const streamConfigured = [...platforms.dingtalk.values()].some((bot) => bot.mode === 'stream')
    return c.json({
      status: 'ready',
      role: config.role,
      database: databaseKind,
      migrations: readiness.migrations,
      processing: inbound.load(),
      // Reported, not judged: a backlog or a stream reconnecting does not take a web process out of rotation.
      backlog: await inboxBacklog(db, clock.now()),
      ...(streamConfigured ? { dingtalkStream: dingtalkStream.snapshot() } : {}),
    })
  })
  app.get('/metrics', async (c) => {
    const { config, metrics } = c.get('services')
    if (!config.metricsToken) throw new AppError('unauthorized', 'Metrics are closed until METRICS_TOKEN is set')
    await refuseBlockedCaller(c)
    const presented = /^Bearer\s+(.+)$/i.exec(c.req.header('authorization') ?? '')?.[1] ?? ''
    if (!constantTimeEqual(presented, config.metricsToken)) {
      await recordFailedCredentials(c, 'metrics token')
      throw new AppError('unauthorized', 'Bearer token required')
    }
    return c.body(await metrics.render(), 200, { 'content-type': metrics.contentType })
  })
  return app
}
