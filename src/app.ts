import { Hono } from 'hono'
import { requestId } from 'hono/request-id'
import type { AppEnv, Services } from './app-env'
import { AppError, errorResponse, handleError } from './errors'
import { refuseNulInUrl } from './http/body'
import { deadline } from './http/deadline'
import { requestMetrics } from './http/request-metrics'
import { securityHeaders } from './http/security-headers'
import { withRequestId } from './observability/request-context'
import { apiV1 } from './routes/api'
import { consoleRoutes } from './routes/console'
import { consoleError } from './routes/console/error-page'
import { healthRoutes } from './routes/health'
import { open311Failure, open311Routes } from './routes/open311'
import { dingtalkWebhook } from './routes/webhooks/dingtalk'
import { mpWebhook } from './routes/webhooks/mp'
import { wecomWebhook } from './routes/webhooks/wecom'
import { wecomRobotWebhook } from './routes/webhooks/wecom-robot'

/** What every app of ours starts with: its services, a request id, the metrics, errors in our shape, health. */
function baseApp(services: Services) {
  const app = new Hono<AppEnv>()
  app.use(async (c, next) => {
    c.set('services', services)
    await next()
  })
  // A caller's own X-Request-Id is kept when it is short and plain, so its logs and ours can be joined.
  app.use(requestId({ limitLength: 64 }))
  // Everything the request does — log lines, stored messages, queued replies, platform calls — carries its id.
  app.use((c, next) => withRequestId(c.get('requestId'), next))
  app.use(requestMetrics)
  app.onError((error, c) => handleError(error, c, services.logger))
  // A platform (or a load balancer) waits a few seconds: past the deadline it gets 503, never a hung request.
  app.use('/readyz', deadline())
  return app
}

/** The Hono app, runtime-neutral: Node and Workers entry points both build it from their services. */
export function createApp(services: Services) {
  const app = baseApp(services)
  app.onError((error, c) =>
    c.req.path.startsWith('/open311/')
      ? open311Failure(error, c, services.logger)
      : handleError(error, c, services.logger),
  )
  app.use(securityHeaders)
  app.use(refuseNulInUrl)
  app.notFound((c) =>
    // People reach console addresses: they get a page in Chinese, systems get the JSON error.
    c.req.path === '/console' || c.req.path.startsWith('/console/')
      ? consoleError(new AppError('not_found', '找不到该页面，请从导航栏进入。'), c)
      : errorResponse(c, new AppError('not_found', 'Not found')),
  )
  app.use('/webhooks/*', deadline())
  app.route('/', healthRoutes())
  app.route('/webhooks/wecom', wecomWebhook())
  app.route('/webhooks/wecom-robot', wecomRobotWebhook())
  app.route('/webhooks/mp', mpWebhook())
  app.route('/webhooks/dingtalk', dingtalkWebhook())
  app.route('/api/v1', apiV1('0.1.0'))
  app.route('/console', consoleRoutes())
  app.route('/open311/v2', open311Routes())
  // Discovery also where clients look for it first: next to the versioned endpoint.
  app.get('/open311/discovery.json', (c) => c.redirect('/open311/v2/discovery.json', 301))
  app.get('/open311/discovery.xml', (c) => c.redirect('/open311/v2/discovery.xml', 301))
  app.get('/', (c) => c.redirect('/console'))
  return app
}

/** What a ROLE=worker process serves: its health, for the orchestrator. */
export function createWorkerApp(services: Services) {
  const app = baseApp(services)
  app.notFound((c) =>
    errorResponse(c, new AppError('not_found', 'A worker serves only /healthz, /readyz and /metrics')),
  )
  app.route('/', healthRoutes())
  return app
}

export type App = ReturnType<typeof createApp>
