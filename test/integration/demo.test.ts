import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { complaints, hazards, patrols, supervisions } from '../../src/db/schema'
import { isComplaintLate } from '../../src/domain/complaint-lifecycle'
import { zonedInstant } from '../../src/domain/local-time'
import { seedDemoHistory } from '../../src/seed/demo-history'
import { createTestDatabase, seedDefaults, TEST_TIME_ZONE, type TestDatabase } from '../helpers/db'

const now = zonedInstant('2026-11-23', TEST_TIME_ZONE, 8)
let database: TestDatabase

beforeAll(async () => {
  database = await createTestDatabase()
  await seedDefaults(database, now)
})
afterAll(async () => database?.drop())

describe('demo history', () => {
  it('fills the ledgers: hazards in every state, complaints on time and late, patrols and supervisions', async () => {
    const counts = await seedDemoHistory(database.db, { now, timeZone: TEST_TIME_ZONE })
    expect(counts.patrols).toBeGreaterThanOrEqual(10)
    const hazardRows = await database.db.select().from(hazards)
    const states = new Set(hazardRows.map((h) => h.status))
    for (const state of ['reported', 'assigned', 'rectifying', 'awaiting_verification', 'closed', 'voided']) {
      expect(states.has(state as never), state).toBe(true)
    }
    expect(hazardRows.some((h) => h.listedSupervision)).toBe(true)
    const complaintRows = await database.db.select().from(complaints)
    expect(complaintRows.some((c) => c.status === 'closed' && !isComplaintLate(c, now))).toBe(true)
    expect(complaintRows.some((c) => c.status === 'closed' && isComplaintLate(c, now))).toBe(true)
    expect(complaintRows.some((c) => c.status === 'assigned' || c.status === 'received')).toBe(true)
    expect((await database.db.select().from(patrols)).every((p) => p.startedAt.getTime() < now.getTime())).toBe(true)
    expect((await database.db.select().from(supervisions)).length).toBeGreaterThan(0)
  })
})
