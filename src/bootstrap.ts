import { DEFAULT_CITY } from '../bots/default-city'
import type { Services } from './app-env'
import { loadPlatformBots } from './channels/bots'
import type { Config } from './config'
import { type DatabaseHandle, openDatabase } from './db/client'
import { whenDatabaseReachable } from './db/startup-wait'
import { type Clock, systemClock } from './domain/clock'
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
): Promise<Runtime> {
  const platforms = loadPlatformBots(env)
  const handle = await openDatabase(config.database)
  try {
    logger.info('checking migrations', { database: handle.kind })
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
  } catch (error) {
    await handle.close().catch(() => {})
    throw error
  }
  const services = createServices({ config, handle, clock, logger, platforms, env })
  return {
    services,
    handle,
    async close() {
      await services.inbound.idle()
      await handle.close()
    },
  }
}
