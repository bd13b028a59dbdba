import { DEFAULT_CITY } from '../bots/default-city'
import type { Services } from './app-env'
import { loadPlatformBots } from './channels/bots'
import type { Config } from './config'
import { checkReadiness, type DatabaseHandle, openDatabase } from './db/client'
import { whenDatabaseReachable } from './db/startup-wait'
import { type Clock, systemClock } from './domain/clock'
import type { Throttles } from './http/throttle'
import type { Logger } from './logger'
import { seedDemoHistory } from './seed/demo-history'
import { seedCity } from './seed/seed-city'
import { seedOfficialCalendar } from './services/calendar'
import { createServices } from './wiring'

export interface Runtime {
  services: Services
  handle: DatabaseHandle
  close(): Promise<void>
}

/**
 * Opens the database, applies migrations, loads the official calendar and — in demo mode on an empty
 * database — the default city, then wires the services. Shared by the server and the CLIs.
 */
export async function bootstrap(
  config: Config,
  logger: Logger,
  env: Record<string, string | undefined>,
  clock: Clock = systemClock,
  options: {
    /**
     * `migrate`: apply pending migrations, load the calendar and the demo city (a Node process starting).
     * `verify`: the same, except that migrations are only checked — a Worker has no migration files; they are
     * applied beforehand by `npm run db:migrate`. `none`: open and wire only (a Worker's later invocations,
     * once its isolate has verified).
     */
    startup?: 'migrate' | 'verify' | 'none'
    /** Connections this runtime may open (a Worker invocation may hold six). */
    maxConnections?: number
    /** The embedded database's thread stopped on its own (see openThreadedPglite). */
    onDatabaseLost?: (error: Error) => void
    /**
     * False for connections that live for one request (a Worker invocation): each statement runs about once on
     * them, so preparing it would only add the bookkeeping.
     */
    preparedStatements?: boolean
    /** Throttles that outlive this runtime (a Worker isolate's, shared by its invocations). */
    throttles?: Throttles
  } = {},
): Promise<Runtime> {
  const platforms = loadPlatformBots(env)
  const target =
    config.database.kind === 'postgres'
      ? {
          ...config.database,
          maxConnections: options.maxConnections,
          preparedStatements: options.preparedStatements ?? config.database.preparedStatements,
        }
      : { ...config.database, onThreadStopped: options.onDatabaseLost }
  const handle = await openDatabase(target)
  const startup = options.startup ?? 'migrate'
  try {
    if (startup !== 'none') await prepareDatabase(config, logger, handle, clock, startup)
  } catch (error) {
    await handle.close().catch(() => {})
    throw error
  }
  const services = createServices({ config, handle, clock, logger, platforms, env, throttles: options.throttles })
  return {
    services,
    handle,
    async close() {
      await services.inbound.idle()
      await handle.close()
    },
  }
}

async function prepareDatabase(
  config: Config,
  logger: Logger,
  handle: DatabaseHandle,
  clock: Clock,
  startup: 'migrate' | 'verify',
): Promise<void> {
  logger.info('checking migrations', { database: handle.kind })
  if (startup === 'verify') await verifyMigrated(handle)
  else
    await whenDatabaseReachable(() => handle.migrate(), {
      deadlineMs: config.databaseStartupWaitSeconds * 1000,
      logger,
    })
  logger.info('loading the official calendar')
  await seedOfficialCalendar(handle.db)
  if (config.demo) {
    logger.info('checking the demo city')
    const seeded = await seedCity(handle.db, DEFAULT_CITY, { now: clock.now(), timeZone: config.timeZone })
    if (seeded.seeded) {
      const history = await seedDemoHistory(handle.db, { now: clock.now(), timeZone: config.timeZone })
      logger.info('demo city loaded', { units: seeded.units, people: seeded.people, ...history })
    }
  }
}

async function verifyMigrated(handle: DatabaseHandle): Promise<void> {
  const readiness = await checkReadiness(handle.db)
  if (!readiness.ready)
    throw new Error(`database not ready (${readiness.reason}): run npm run db:migrate against it before deploying`)
}
