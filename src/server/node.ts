import { serve } from '@hono/node-server'
import { createApp } from '../app'
import { bootstrap } from '../bootstrap'
import { ConfigError, loadConfig } from '../config'
import { createLogger } from '../logger'

/** Node entry point: configuration, database, HTTP server, clean shutdown. */
async function main(): Promise<void> {
  const config = loadConfig(process.env)
  const logger = createLogger(config.logLevel)
  const runtime = await bootstrap(config, logger)
  const app = createApp(runtime.services)
  const server = serve({ fetch: app.fetch, port: config.port }, (info) => {
    logger.info("Xun'an listening", {
      url: `http://localhost:${info.port}`,
      database: runtime.handle.kind,
      demo: config.demo,
    })
  })
  let stopping = false
  const stop = async (signal: string) => {
    if (stopping) return
    stopping = true
    logger.info('shutting down', { signal })
    server.close()
    await runtime.close()
    process.exit(0)
  }
  process.on('SIGINT', () => void stop('SIGINT'))
  process.on('SIGTERM', () => void stop('SIGTERM'))
}

main().catch((error: unknown) => {
  // A configuration mistake is one clear line, not a stack trace.
  if (error instanceof ConfigError) process.stderr.write(`${error.message}\n`)
  else
    process.stderr.write(
      `Start-up failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    )
  process.exit(1)
})
