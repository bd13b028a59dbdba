import { serve } from '@hono/node-server'
import { createApp } from '../app'
import { bootstrap } from '../bootstrap'
import { startDingtalkStreams } from '../channels/dingtalk/stream'
import { ConfigError, loadConfig } from '../config'
import { DataDirectoryInUse } from '../db/dir-lock'
import { startScheduler } from '../jobs/scheduler'
import { createLogger } from '../logger'

const OUTBOX_TICK_MS = 1000
const INBOX_SWEEP_MS = 30_000

/** Node entry point: configuration, database, HTTP server, background delivery, clean shutdown. */
async function main(): Promise<void> {
  const config = loadConfig(process.env)
  const logger = createLogger(config.logLevel)
  const runtime = await bootstrap(config, logger, process.env)
  const { services } = runtime
  const app = createApp(services)
  const server = serve({ fetch: app.fetch, port: config.port }, (info) => {
    logger.info("Xun'an listening", {
      url: `http://localhost:${info.port}`,
      database: runtime.handle.kind,
      demo: config.demo,
    })
  })
  // The outbox is also woken after each processed message; the tick catches retries and spacing.
  let delivering = false
  const outboxTimer = setInterval(() => {
    if (delivering) return
    delivering = true
    services.outbox
      .runOnce()
      .catch((error: unknown) => logger.error('outbox run failed', { error }))
      .finally(() => {
        delivering = false
      })
  }, OUTBOX_TICK_MS)
  // Messages a crash left unprocessed are picked up again: at once for everything received before this start
  // (the platform will not send those again), then every half minute for rows an error left behind.
  services.inbound
    .sweepAll(services.clock.now())
    .catch((error: unknown) => logger.error('inbox sweep failed', { error }))
  const sweepTimer = setInterval(() => {
    services.inbound
      .sweep(new Date(services.clock.now().getTime() - INBOX_SWEEP_MS))
      .catch((error: unknown) => logger.error('inbox sweep failed', { error }))
  }, INBOX_SWEEP_MS)

  const scheduler = config.jobs.enabled ? startScheduler(services) : undefined
  const streams = startDingtalkStreams(services)

  let stopping = false
  const stop = async (signal: string) => {
    if (stopping) return
    stopping = true
    logger.info('shutting down', { signal })
    clearInterval(outboxTimer)
    clearInterval(sweepTimer)
    await scheduler?.stop()
    streams.stop()
    server.close()
    await runtime.close()
    process.exit(0)
  }
  process.on('SIGINT', () => void stop('SIGINT'))
  process.on('SIGTERM', () => void stop('SIGTERM'))
}

main().catch((error: unknown) => {
  // A configuration mistake is one clear line, not a stack trace.
  if (error instanceof ConfigError || error instanceof DataDirectoryInUse) process.stderr.write(`${error.message}\n`)
  else
    process.stderr.write(
      `Start-up failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    )
  process.exit(1)
})
