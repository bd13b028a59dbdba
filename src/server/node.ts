import { getHeapStatistics } from 'node:v8'
import { createApp, createWorkerApp } from '../app'
import { bootstrap } from '../bootstrap'
import { startDingtalkStreams } from '../channels/dingtalk/stream'
import { ConfigError, loadConfig } from '../config'
import { DataDirectoryInUse } from '../db/dir-lock'
import { useOutboundProxy } from '../http/outbound-proxy'
import { startScheduler } from '../jobs/cron-schedule'
import { createLogger } from '../logger'
import { listen } from './http-server'

const OUTBOX_TICK_MS = 1000
const INBOX_SWEEP_MS = 30_000
/** A worker looks for messages the web processes stored this often. */
const WORKER_POLL_MS = 200
/** Workers without the DingTalk stream try to take it over this often. */
const STREAM_CLAIM_MS = 30_000
const DINGTALK_STREAM_LOCK_KEY = 7_240_302

/**
 * Node entry point: configuration, database, HTTP server, background work by role, graceful shutdown.
 * ROLE=all (the default, `npm start`) does everything; ROLE=web answers webhooks, the console and the API;
 * ROLE=worker processes stored messages, delivers the outbox, runs the jobs and the DingTalk stream.
 */
async function main(): Promise<void> {
  // On an older Node the embedded database's thread cannot load its TypeScript source, and start-up would end
  // with a loader error that names no cause: say what is needed instead (package.json `engines`).
  const [major = 0, minor = 0] = process.versions.node.split('.').map(Number)
  if (major < 22 || (major === 22 && minor < 12)) {
    console.error(`Xun'an needs Node.js 22.12 or later; this is Node ${process.versions.node} (see README, Start).`)
    process.exit(1)
  }
  const config = loadConfig(process.env)
  const logger = createLogger(config.logLevel)
  const proxy = useOutboundProxy(config)
  if (proxy) logger.info('outbound calls go through the proxy', proxy)
  const runtime = await bootstrap(config, logger, process.env, undefined, {
    // Nothing can be stored any more: exit, so that the supervisor (systemd, Docker) starts a fresh server, as it
    // did when the embedded database ran in-process and its failure took the process with it.
    onDatabaseLost(error) {
      logger.error('the embedded database stopped; exiting', { error })
      process.exit(1)
    },
  })
  const { services } = runtime
  services.metrics.collectProcessMetrics(getHeapStatistics().heap_size_limit)
  const works = config.role !== 'web'
  const app = config.role === 'worker' ? createWorkerApp(services) : createApp(services)
  const server = listen(app.fetch, config.port, config.http, (info) => {
    logger.info("Xun'an listening", {
      url: `http://localhost:${info.port}`,
      role: config.role,
      database: runtime.handle.kind,
      demo: config.demo,
    })
  })
  const timers: NodeJS.Timeout[] = []
  /** Runs `task` every `ms`, never two at once; the promise of the run in progress is kept for shutdown. */
  const running = new Set<Promise<unknown>>()
  const every = (ms: number, what: string, task: () => Promise<unknown>) => {
    let busy = false
    timers.push(
      setInterval(() => {
        if (busy) return
        busy = true
        const run = task()
          .catch((error: unknown) => logger.error(`${what} failed`, { error }))
          .finally(() => {
            busy = false
            running.delete(run)
          })
        running.add(run)
      }, ms),
    )
  }

  if (works) {
    // The outbox is also woken after each processed message; the tick catches retries and spacing.
    every(OUTBOX_TICK_MS, 'outbox run', () => services.outbox.runOnce())
    // Messages a crash left unprocessed are picked up again: at once for everything received before this start
    // (the platform will not send those again), then every half minute for rows an error left behind.
    services.inbound
      .sweepAll(services.clock.now())
      .catch((error: unknown) => logger.error('inbox sweep failed', { error }))
    if (config.role === 'worker')
      // Messages the web processes stored: claimed by whichever worker gets there first (row locks).
      every(WORKER_POLL_MS, 'inbox poll', () => services.inbound.sweepAll(services.clock.now()))
    else
      every(INBOX_SWEEP_MS, 'inbox sweep', () =>
        services.inbound.sweep(new Date(services.clock.now().getTime() - INBOX_SWEEP_MS)),
      )
  }
  const scheduler = works && config.jobs.enabled ? startScheduler(services) : undefined
  // One DingTalk Stream connection per city, whichever worker holds the lock; another takes over within a
  // claim interval when the holder goes away (its lock goes with its database session).
  let streams: { stop(): void } = { stop() {} }
  let streamLock: { release(): Promise<void> } | undefined
  let stopping = false
  const claimStream = async () => {
    if (streamLock || stopping) return
    streamLock = await runtime.handle.tryExclusive(DINGTALK_STREAM_LOCK_KEY)
    if (!streamLock) return
    streams = await startDingtalkStreams(services)
    logger.info('this process holds the DingTalk stream')
  }
  if (works && [...services.platforms.dingtalk.values()].some((bot) => bot.mode === 'stream')) {
    await claimStream().catch((error: unknown) => logger.error('stream claim failed', { error }))
    every(STREAM_CLAIM_MS, 'stream claim', claimStream)
  }

  const stop = async (signal: string) => {
    if (stopping) return
    stopping = true
    logger.info('shutting down', { signal, graceSeconds: config.shutdownGraceSeconds })
    // Past the grace period the process exits anyway: whatever was not finished is in the database to be
    // taken up again (unprocessed messages by the sweep, claimed replies when their lease runs out).
    const forced = setTimeout(() => {
      logger.warn('grace period over; exiting with work in flight')
      process.exit(1)
    }, config.shutdownGraceSeconds * 1000)
    forced.unref()
    for (const timer of timers) clearInterval(timer)
    // Stop taking messages first: no new request, no new frame, no new job run.
    streams.stop()
    await streamLock?.release()
    const closed = new Promise<void>((resolve) => server.close(() => resolve()))
    ;(server as { closeIdleConnections?: () => void }).closeIdleConnections?.()
    await scheduler?.stop()
    // Then finish what was taken: requests in flight, the messages being processed, the outbox run under way.
    await closed
    await Promise.allSettled([...running])
    await services.inbound.idle()
    // The replies of what was processed go out now rather than after the restart.
    if (works) await services.outbox.runOnce().catch((error: unknown) => logger.error('outbox run failed', { error }))
    await runtime.close()
    logger.info('stopped')
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
