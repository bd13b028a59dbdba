import { DEFAULT_CITY } from '../bots/default-city'
import type { Services } from './app-env'
import type { Config } from './config'
import { type DatabaseHandle, openDatabase } from './db/client'
import { type Clock, systemClock } from './domain/clock'
import type { Logger } from './logger'
import { seedCity } from './seed/seed-city'
import { seedOfficialCalendar } from './services/calendar'
import { cachedCalendar } from './services/context'

export interface Runtime {
  services: Services
  handle: DatabaseHandle
  close(): Promise<void>
}

/**
 * Opens the database, applies migrations, loads the official calendar and — in demo mode on an empty
 * database — the default city. Shared by the server, the CLIs and the tests.
 */
export async function bootstrap(config: Config, logger: Logger, clock: Clock = systemClock): Promise<Runtime> {
  const handle = await openDatabase(config.database)
  try {
    await handle.migrate()
    await seedOfficialCalendar(handle.db)
    if (config.demo) {
      const seeded = await seedCity(handle.db, DEFAULT_CITY, { now: clock.now(), timeZone: config.timeZone })
      if (seeded.seeded) logger.info('demo city loaded', { units: seeded.units, people: seeded.people })
    }
  } catch (error) {
    await handle.close().catch(() => {})
    throw error
  }
  const services: Services = {
    config,
    db: handle.db,
    databaseKind: handle.kind,
    clock,
    logger,
    ctx: {
      db: handle.db,
      clock,
      timeZone: config.timeZone,
      complaintClocks: config.complaintClocks,
      calendar: cachedCalendar(handle.db),
    },
  }
  return { services, handle, close: () => handle.close() }
}
