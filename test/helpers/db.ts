import postgres from 'postgres'
import { DEFAULT_CITY } from '../../bots/default-city'
import { type DatabaseHandle, openDatabase } from '../../src/db/client'
import type { Clock } from '../../src/domain/clock'
import { seedCity } from '../../src/seed/seed-city'
import { seedOfficialCalendar } from '../../src/services/calendar'
import { cachedCalendar, type ServiceContext } from '../../src/services/context'

export const TEST_TIME_ZONE = 'Asia/Shanghai'

/**
 * A fresh, migrated database for one test file: an in-memory PGlite, or — when TEST_DATABASE_URL is
 * set — a new Postgres database created for this file and dropped afterwards.
 */
export interface TestDatabase extends DatabaseHandle {
  label: string
  drop(): Promise<void>
}

export async function createTestDatabase(options: { migrate?: boolean } = {}): Promise<TestDatabase> {
  const url = process.env.TEST_DATABASE_URL
  if (!url) {
    // TEST_PGLITE_THREAD=1 runs the suite against the embedded database in its own thread, as the server runs it.
    const handle = await openDatabase({ kind: 'pglite', thread: process.env.TEST_PGLITE_THREAD === '1' })
    if (options.migrate !== false) await handle.migrate()
    return { ...handle, label: 'pglite', drop: () => handle.close() }
  }
  const name = `xunan_test_${process.pid}_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`
  const admin = postgres(url, { max: 1, onnotice: () => {} })
  await admin.unsafe(`create database "${name}"`)
  const target = new URL(url)
  target.pathname = `/${name}`
  const handle = await openDatabase({ kind: 'postgres', url: target.toString(), maxConnections: 5 })
  if (options.migrate !== false) await handle.migrate()
  return {
    ...handle,
    label: 'postgres',
    async drop() {
      await handle.close()
      await admin.unsafe(`drop database if exists "${name}" with (force)`)
      await admin.end({ timeout: 5 })
    },
  }
}

export function serviceContext(handle: DatabaseHandle, clock: Clock): ServiceContext {
  return {
    db: handle.db,
    clock,
    timeZone: TEST_TIME_ZONE,
    complaintClocks: { signForHours: 2, handlingHours: 24 },
    calendar: cachedCalendar(handle.db),
  }
}

/** Calendar plus the default city, as a demo start-up would load them. */
export async function seedDefaults(handle: DatabaseHandle, now: Date): Promise<void> {
  await seedOfficialCalendar(handle.db)
  await seedCity(handle.db, DEFAULT_CITY, { now, timeZone: TEST_TIME_ZONE })
}
