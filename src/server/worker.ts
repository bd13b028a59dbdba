import { createApp } from '../app'
import { bootstrap, type Runtime } from '../bootstrap'
import { loadConfig } from '../config'
import { type Clock, systemClock } from '../domain/clock'
import type { Throttles } from '../http/throttle'
import { runJobsDueAt } from '../jobs/scheduler'
import { createLogger, type Logger, type LogLevel } from '../logger'
import { type ObjectBucket, registerBucket } from '../storage/stored-files'
import { createThrottles } from '../wiring'

/**
 * Cloudflare Workers entry point: webhooks, console and API over HTTP, the jobs on the Worker's cron.
 *
 * A Worker may not use one request's connections in another, so every invocation opens its own small
 * database client (Hyperdrive pools the real connections) and closes it when its work is done. The work
 * after the response — processing the stored message, sending the replies — runs under `ctx.waitUntil`,
 * which keeps the invocation alive for it. What an isolate remembers is only that the database was found
 * migrated; a failed start is not remembered, so the next request tries again.
 *
 * Not on Workers: the embedded database (DATABASE_URL or a Hyperdrive binding is required) and DingTalk's
 * Stream mode (use its HTTP callbacks). Photos and report files go to an R2 bucket bound as MEDIA.
 */

/** What the runtime hands a handler: `waitUntil` keeps the invocation alive for work after the response. */
export interface WorkerContext {
  waitUntil(promise: Promise<unknown>): void
}

/** A cron trigger's event: the minute it stands for, and which of the Worker's crons fired. */
export interface WorkerScheduledEvent {
  scheduledTime: number
  cron: string
}

/** The Worker's bindings: plain variables and secrets, plus Hyperdrive and R2 when bound. */
export type WorkerEnv = Record<string, unknown>

/** A Worker invocation may hold six connections at once; this leaves one for the platform's own use. */
const CONNECTIONS_PER_INVOCATION = 5
const MEDIA_BUCKET_BINDING = 'MEDIA'

export function createWorkerHandlers(options: { clock?: Clock; logger?: Logger } = {}) {
  const clock = options.clock ?? systemClock
  let verified = false
  // Pure memory, no I/O: safe to keep across invocations, so an isolate's limits hold between requests. Each
  // isolate counts alone; Cloudflare's own rate limiting rules cover the whole deployment.
  let throttles: Throttles | undefined

  async function open(env: WorkerEnv): Promise<{ runtime: Runtime; logger: Logger }> {
    const settings = settingsFrom(env)
    const config = loadConfig(settings)
    const logger = options.logger ?? workersLogger(config.logLevel)
    if (config.database.kind !== 'postgres')
      throw new Error('a Worker needs DATABASE_URL or a HYPERDRIVE binding: the embedded database runs on Node only')
    throttles ??= createThrottles(config)
    const runtime = await bootstrap(config, logger, settings, clock, {
      startup: verified ? 'none' : 'verify',
      maxConnections: CONNECTIONS_PER_INVOCATION,
      preparedStatements: false,
      throttles,
    })
    verified = true
    return { runtime, logger }
  }

  /** Lets the invocation finish what it started (messages, replies), then closes its connections. */
  async function settle(runtime: Runtime, logger: Logger): Promise<void> {
    try {
      await runtime.services.inbound.idle()
      await runtime.services.outbox.runOnce()
    } catch (error) {
      logger.error('work after the response failed', { error })
    } finally {
      await runtime.handle.close().catch(() => {})
    }
  }

  return {
    async fetch(request: Request, env: WorkerEnv, ctx: WorkerContext): Promise<Response> {
      let opened: { runtime: Runtime; logger: Logger }
      try {
        opened = await open(env)
      } catch (error) {
        ;(options.logger ?? workersLogger('error')).error('worker start failed', { error })
        return unavailable()
      }
      const { runtime, logger } = opened
      try {
        // The runtime's word for the caller's address: Cloudflare sets CF-Connecting-IP itself.
        const bindings = { clientAddress: request.headers.get('cf-connecting-ip') ?? undefined }
        return await createApp(runtime.services).fetch(request, bindings)
      } finally {
        ctx.waitUntil(settle(runtime, logger))
      }
    },

    async scheduled(event: WorkerScheduledEvent, env: WorkerEnv, ctx: WorkerContext): Promise<void> {
      const { runtime, logger } = await open(env)
      const work = runJobsDueAt(runtime.services, new Date(event.scheduledTime))
        .then((jobs) => logger.info('scheduled jobs ran', { cron: event.cron, jobs }))
        .finally(() => settle(runtime, logger))
      ctx.waitUntil(work)
      await work
    },
  }
}

/**
 * The settings as the Node server reads them from its environment: the Worker's string bindings, the
 * Hyperdrive binding as DATABASE_URL, and the R2 bucket as where files go (unless configured otherwise).
 */
export function settingsFrom(env: WorkerEnv): Record<string, string | undefined> {
  const settings: Record<string, string | undefined> = {}
  for (const [name, value] of Object.entries(env)) if (typeof value === 'string') settings[name] = value
  const hyperdrive = env.HYPERDRIVE as { connectionString?: unknown } | undefined
  if (!settings.DATABASE_URL && typeof hyperdrive?.connectionString === 'string')
    settings.DATABASE_URL = hyperdrive.connectionString
  const bucket = env[MEDIA_BUCKET_BINDING]
  if (isBucket(bucket)) {
    registerBucket(MEDIA_BUCKET_BINDING, bucket)
    settings.MEDIA_DIR ??= `r2://${MEDIA_BUCKET_BINDING}/media`
    settings.REPORTS_DIR ??= `r2://${MEDIA_BUCKET_BINDING}/reports`
  }
  return settings
}

/** On Workers a log line is a console line: the runtime collects them (wrangler tail, Workers Logs). */
function workersLogger(level: LogLevel): Logger {
  return createLogger(level, (line) => console.log(line))
}

function isBucket(value: unknown): value is ObjectBucket {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as ObjectBucket).put === 'function' &&
    typeof (value as ObjectBucket).get === 'function'
  )
}

/** The platforms retry a 503; a person opening the console reads why. */
function unavailable(): Response {
  return Response.json(
    { error: 'unavailable', message: '服务正在启动或数据库暂不可用，请稍后重试。' },
    { status: 503, headers: { 'retry-after': '5' } },
  )
}

// Workers need a default export: the one exception to the no-default-export rule.
export default createWorkerHandlers()
