import { eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { WORDING } from '../../bots/wording'
import { complaints, hazards } from '../../src/db/schema'
import { ManualClock } from '../../src/domain/clock'
import { zonedInstant } from '../../src/domain/local-time'
import { testApp } from '../helpers/app'
import { chat, lastCode } from '../helpers/chat'
import { createTestDatabase, seedDefaults, TEST_TIME_ZONE, type TestDatabase } from '../helpers/db'

/**
 * A unit's handler with a hazard to take on and a complaint just signed for, answering in words without numbers:
 * what they say about the complaint is never taken as the hazard's, and what they did is put to the record it names.
 */
const STAFF = 'demo:field_staff'
const HANDLER = 'demo:handler'
const CITIZEN = 'demo:citizen'
const clock = new ManualClock(zonedInstant('2026-11-23', TEST_TIME_ZONE, 17))
let database: TestDatabase
let harness: ReturnType<typeof testApp>
const say = (who: string, input: string) => chat(harness.services, who, input)
const statusOf = async (code: string) =>
  (await database.db.select({ status: hazards.status }).from(hazards).where(eq(hazards.code, code)))[0]?.status

beforeAll(async () => {
  database = await createTestDatabase()
  await seedDefaults(database, clock.now())
  harness = testApp(database, clock)
})
afterAll(async () => database?.drop())

describe('a handler with a hazard and a complaint in hand', () => {
  it('asks which after 「好的收到，马上派人过去」, names the complaint for its words, and rectifies the hazard named', async () => {
    const ticket = lastCode(await say(CITIZEN, '人民路88号门口井盖缺失'), 'TS')
    await say(CITIZEN, '不用')
    await say(STAFF, '上报隐患 建设路120号路灯杆倾斜')
    await say(STAFF, '一般')
    const hazard = lastCode(await say(STAFF, '确认'), 'YH')
    expect((await say(HANDLER, `签收 ${ticket}`))[0]).toContain(`已签收投诉 ${ticket}`)

    // Said just after signing for the complaint: which one is asked, the hazard is not taken on by a guess.
    const [which] = await say(HANDLER, '好的收到，马上派人过去')
    expect(which).toContain(`请回复「接收 编号」，例如：接收 ${hazard}。`)
    expect(which).toContain(WORDING.complaintsInHandToo([ticket]))
    expect(await statusOf(hazard)).toBe('assigned')

    // What was done to the complaint's thing is that complaint's reply, however it is said.
    for (const said of ['已经处理好了，井盖已经换了新的', '附近居民反映的井盖问题已解决'])
      expect(await say(HANDLER, said)).toEqual([WORDING.replyWithTheseWords(ticket, said)])
    const [filed] = await database.db.select().from(complaints).where(eq(complaints.code, ticket))
    expect(filed?.status).toBe('accepted')

    // 「扶正了」 names the hazard's thing and place: its rectification.
    const summary = (await say(HANDLER, '建设路那个路灯杆扶正了')).join('\n')
    expect(summary).toContain(`隐患编号：${hazard}`)
    expect(summary).toContain('整改情况：建设路那个路灯杆扶正了')
    await say(HANDLER, '取消')
  })

  it('takes on the one hazard waiting when no complaint is in hand', async () => {
    const [ticket] = await database.db.select().from(complaints)
    await say(HANDLER, `回复 ${ticket?.code} 已更换井盖`)
    const [hazard] = await database.db.select().from(hazards)
    expect((await say(HANDLER, '好的收到，马上派人过去'))[0]).toMatch(new RegExp(`^已接收隐患 ${hazard?.code}`))
    expect(await statusOf(hazard?.code ?? '')).toBe('rectifying')
  })
})
