import { eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { WORDING } from '../../bots/wording'
import { complaints, hazards, outbox } from '../../src/db/schema'
import { ManualClock } from '../../src/domain/clock'
import { zonedInstant } from '../../src/domain/local-time'
import { testApp } from '../helpers/app'
import { chat, lastCode } from '../helpers/chat'
import { createTestDatabase, seedDefaults, TEST_TIME_ZONE, type TestDatabase } from '../helpers/db'

/**
 * A citizen's call passed on by the duty office in chat — 「有个市民打电话说人民路88号井盖丢了 帮我登记一下」 — is
 * filed as a complaint for the caller: its one-day limit, its unit told, and its handler able to answer it. (It had
 * started a hazard report, graded, which the caller never hears the end of.)
 */
const DUTY = 'demo:duty_officer'
const HANDLER = 'demo:handler'
const clock = new ManualClock(zonedInstant('2026-11-23', TEST_TIME_ZONE, 17))
let database: TestDatabase
let harness: ReturnType<typeof testApp>
const say = (who: string, input: string) => chat(harness.services, who, input)
const complaintRows = () => database.db.select().from(complaints).orderBy(complaints.id)

beforeAll(async () => {
  database = await createTestDatabase()
  await seedDefaults(database, clock.now())
  harness = testApp(database, clock)
})
afterAll(async () => database?.drop())

describe('a call passed on by the duty office', () => {
  it('files 「有个市民打电话说人民路88号井盖丢了 帮我登记一下」 as a complaint routed to its unit, no hazard', async () => {
    const [filed] = await say(DUTY, '有个市民打电话说人民路88号井盖丢了 帮我登记一下')
    const code = lastCode([filed ?? ''], 'TS')
    expect(filed).toBe(WORDING.phoneInFiled(code, 'road_municipal', '市政建设总公司', '11月24日 17:00', false))
    const [row] = await complaintRows()
    expect(row).toMatchObject({
      code,
      channel: 'console',
      citizenExternalId: null,
      description: '人民路88号井盖丢了',
      locationText: '人民路88号',
      status: 'assigned',
    })
    expect(await database.db.select().from(hazards)).toEqual([])
    // The unit's handler is told, as of any complaint, and answers it the usual way.
    const told = await database.db.select().from(outbox).orderBy(outbox.id)
    expect(
      told.some((r) => JSON.stringify(r.message).includes(code) && r.recipient.externalId === 'demo:handler'),
    ).toBe(true)
    await say(HANDLER, `签收 ${code}`)
    const [answered] = await say(HANDLER, `回复 ${code} 已更换新井盖`)
    expect(answered).toMatch(new RegExp(`^已回复投诉 ${code}`))
    const [after] = await database.db.select().from(complaints).where(eq(complaints.code, code))
    expect(after?.outcome).toBe('已更换新井盖')
  })

  it('keeps the caller’s number with 「接到12345转来的投诉」 and asks for the place when none is said', async () => {
    const [filed] = await say(DUTY, '市民来电：朗州路工地晚上施工扰民 电话13912345678')
    const code = lastCode([filed ?? ''], 'TS')
    expect(filed).toBe(WORDING.phoneInFiled(code, 'construction_site', '质安处', '11月24日 17:00', true))
    const [row] = await database.db.select().from(complaints).where(eq(complaints.code, code))
    expect(row).toMatchObject({ citizenPhone: '13912345678', contactConsent: true, category: 'construction_site' })
    const before = (await complaintRows()).length
    expect(await say(DUTY, '刚才有人打电话说井盖丢了')).toEqual([WORDING.phoneInNeedsPlace('井盖丢了')])
    expect(await complaintRows()).toHaveLength(before)
  })

  it('tells those who do not take calls whom to pass it to, filing nothing', async () => {
    const before = (await complaintRows()).length
    for (const who of ['demo:leader', 'demo:field_staff'])
      expect(await say(who, '有个市民打电话说人民路井盖丢了')).toEqual([WORDING.phoneInByOthers])
    expect(await complaintRows()).toHaveLength(before)
    expect(await database.db.select().from(hazards)).toEqual([])
  })
})
