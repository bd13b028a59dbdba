import { Hono } from 'hono'
import type { AppEnv, Services } from './app-env'
import { AppError, type ErrorBody, handleError } from './errors'
import { BODY_LIMITS, limitBody, refuseNulInUrl } from './http/body'
import { securityHeaders } from './http/security-headers'
import { actionsApi } from './routes/api/actions'
import { assessmentApi } from './routes/api/assessment'
import { requireApiToken } from './routes/api/auth'
import { idempotencyKeys } from './routes/api/idempotency'
import { ledgerApi } from './routes/api/ledger'
import { openApiDocument } from './routes/api/openapi'
import { recordsApi } from './routes/api/records'
import { reportsApi } from './routes/api/reports'
import { consoleRoutes } from './routes/console'
import { consoleError } from './routes/console/error-page'
import { healthRoutes } from './routes/health'
import { open311Routes } from './routes/open311'
import { dingtalkWebhook } from './routes/webhooks/dingtalk'
import { mpWebhook } from './routes/webhooks/mp'
import { wecomWebhook } from './routes/webhooks/wecom'
import { wecomRobotWebhook } from './routes/webhooks/wecom-robot'

/** The Hono app, runtime-neutral: Node and Workers entry points both build it from their services. */
export function createApp(services: Services) {
  const app = new Hono<AppEnv>()
  app.use(async (c, next) => {
    c.set('services', services)
    await next()
  })
  app.use(securityHeaders)
  app.use(refuseNulInUrl)
  app.onError((error, c) => handleError(error, c, services.logger))
  app.notFound((c) =>
    // People reach console addresses: they get a page in Chinese, systems get the JSON error.
    c.req.path === '/console' || c.req.path.startsWith('/console/')
      ? consoleError(new AppError('not_found', 404, '找不到该页面，请从导航栏进入。'), c)
      : c.json<ErrorBody>({ error: { code: 'not_found', message: 'Not found' } }, 404),
  )
  app.route('/', healthRoutes())
  app.route('/webhooks/wecom', wecomWebhook())
  app.route('/webhooks/wecom-robot', wecomRobotWebhook())
  app.route('/webhooks/mp', mpWebhook())
  app.route('/webhooks/dingtalk', dingtalkWebhook())
  // Public, before the token-protected routes: clients discover the API without credentials.
  app.get('/api/v1/openapi.json', (c) => c.json(openApiDocument('0.1.0')))
  // Cheap before costly: a capped body, then the token (before anything reads the body), then idempotency.
  app.use('/api/v1/*', limitBody(BODY_LIMITS.api), requireApiToken, idempotencyKeys)
  app.route('/api/v1/reports', reportsApi())
  app.route('/api/v1/assessment', assessmentApi())
  app.route('/api/v1', ledgerApi())
  app.route('/api/v1', actionsApi())
  app.route('/api/v1', recordsApi())
  app.route('/console', consoleRoutes())
  app.route('/open311/v2', open311Routes())
  // Discovery also where clients look for it first: next to the versioned endpoint.
  app.get('/open311/discovery.json', (c) => c.redirect('/open311/v2/discovery.json', 301))
  app.get('/open311/discovery.xml', (c) => c.redirect('/open311/v2/discovery.xml', 301))
  app.get('/', (c) => c.redirect('/console'))
  return app
}

export type App = ReturnType<typeof createApp>
