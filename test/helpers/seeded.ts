import { afterAll, beforeAll } from 'vitest'
import type { Clock } from '../../src/domain/clock'
import { testApp } from './app'
import { type CityLookup, loadCity } from './city'
import { createTestDatabase, seedDefaults, type TestDatabase } from './db'

/**
 * The usual integration setup for one test file: a fresh database with the calendar and the demo city, the
 * real app over it, and lookups into the city — dropped after the file. `ready` receives them once made.
 */
export interface Seeded {
  database: TestDatabase
  harness: ReturnType<typeof testApp>
  city: CityLookup
}

export function useSeededApp(
  clock: Clock,
  ready: (seeded: Seeded) => void | Promise<void>,
  env: Record<string, string> = {},
): void {
  let database: TestDatabase | undefined
  beforeAll(async () => {
    database = await createTestDatabase()
    await seedDefaults(database, clock.now())
    const harness = testApp(database, clock, env)
    await ready({ database, harness, city: await loadCity(database.db) })
  })
  afterAll(async () => database?.drop())
}
