import { DEFAULT_CITY } from '../../bots/default-city'
import { ConfigError, loadConfig } from '../config'
import { openDatabase } from '../db/client'
import { seedCity } from '../seed/seed-city'
import { seedOfficialCalendar } from '../services/calendar'

/** `npm run seed`: migrations, the official calendar and the default city (skipped if units exist). */
try {
  const config = loadConfig(process.env)
  const handle = await openDatabase(config.database)
  try {
    await handle.migrate()
    const days = await seedOfficialCalendar(handle.db)
    const city = await seedCity(handle.db, DEFAULT_CITY, { now: new Date(), timeZone: config.timeZone })
    process.stdout.write(`calendar: ${days} official days loaded\n`)
    process.stdout.write(
      city.seeded
        ? `city: ${city.units} units and ${city.people} people loaded\n`
        : 'city: units already exist, left unchanged\n',
    )
  } finally {
    await handle.close()
  }
} catch (error) {
  process.stderr.write(`${error instanceof ConfigError ? error.message : `seed failed: ${(error as Error).message}`}\n`)
  process.exit(1)
}
