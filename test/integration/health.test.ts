import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ManualClock } from '../../src/domain/clock'
import { testApp } from '../helpers/app'
import { createTestDatabase, type TestDatabase } from '../helpers/db'

describe('health endpoints', () => {
  let migrated: TestDatabase
  let bare: TestDatabase
  const clock = new ManualClock('2026-11-23T02:00:00Z')

  beforeAll(async () => {
    ;[migrated, bare] = await Promise.all([createTestDatabase(), createTestDatabase({ migrate: false })])
  })
  afterAll(async () => {
    await Promise.all([migrated?.drop(), bare?.drop()])
  })

  it('answers /healthz while the process is up', async () => {
    const res = await testApp(bare, clock).app.request('/healthz')
    expect(res.status).toBe(200)
    expect(await res.json()).toEqual({ status: 'ok' })
  })

  it('is ready once every shipped migration is applied', async () => {
    const res = await testApp(migrated, clock).app.request('/readyz')
    expect(res.status).toBe(200)
    expect(await res.json()).toMatchObject({ status: 'ready', database: migrated.kind })
  })

  it('is not ready before migrations', async () => {
    const res = await testApp(bare, clock).app.request('/readyz')
    expect(res.status).toBe(503)
    expect(await res.json()).toMatchObject({ status: 'unavailable' })
  })

  it('answers unknown paths with a JSON 404', async () => {
    const res = await testApp(migrated, clock).app.request('/nope')
    expect(res.status).toBe(404)
    expect(await res.json()).toMatchObject({ error: { code: 'not_found', message: 'Not found' } })
  })
})
