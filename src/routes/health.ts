import { Hono } from 'hono'
import type { AppEnv } from '../app-env'
import { checkReadiness } from '../db/client'

/** Liveness (the process answers) and readiness (database reachable, migrations applied). */
export function healthRoutes() {
  const app = new Hono<AppEnv>()
  app.get('/healthz', (c) => c.json({ status: 'ok' }))
  app.get('/readyz', async (c) => {
    const readiness = await checkReadiness(c.var.services.db)
    if (!readiness.ready) return c.json({ status: 'unavailable', reason: readiness.reason }, 503)
    return c.json({ status: 'ready', database: c.var.services.databaseKind, migrations: readiness.migrations })
  })
  return app
}
