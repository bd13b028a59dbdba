import { desc, eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { WORDING } from '../../bots/wording'
import { complaints, conversations, patrols } from '../../src/db/schema'
import { ManualClock } from '../../src/domain/clock'
import { zonedInstant } from '../../src/domain/local-time'
import { testApp } from '../helpers/app'
import { chat, lastCode } from '../helpers/chat'
import { createTestDatabase, seedDefaults, TEST_TIME_ZONE, type TestDatabase } from '../helpers/db'

/**
 * Messages typed the way people type them, read without a model — a patrol made up late, a passer-by who saw
 * something while at work, a reporter asking how to change a saved record — each answered through the chat
 * pipeline, with the rows it leaves.
 */
const STAFF = 'demo:field_staff'
const clock = new ManualClock(zonedInstant('2026-11-23', TEST_TIME_ZONE, 17))
let database: TestDatabase
let harness: ReturnType<typeof testApp>
const say = (who: string, input: string) => chat(harness.services, who, input)
const citizenSays = (who: string, input: string) => chat(harness.services, who, input, 'mp')

beforeAll(async () => {
  database = await createTestDatabase()
  await seedDefaults(database, clock.now())
  harness = testApp(database, clock)
})
afterAll(async () => database?.drop())

describe('a patrol made up late', () => {
  it('reads 「无车 9点到11点」 as no car from nine to eleven (it was nine cars)', async () => {
    const [summary] = await say(STAFF, '上周五巡查的忘记报了 现在补报 滨湖路 2人 无车 9点到11点 无异常')
    expect(summary).toContain('开始时间：11月20日 09:00')
    expect(summary).toContain('出动车次：0')
    await say(STAFF, '确认')
    const [saved] = await database.db.select().from(patrols).orderBy(desc(patrols.id)).limit(1)
    expect(saved).toMatchObject({ area: '滨湖路', staffCount: 2, vehicleCount: 0 })
  })
})

describe('a saved record asked how to change', () => {
  it('answers 「我今天的巡查记录怎么改」 with how, and opens no form (it began a new patrol record)', async () => {
    const [answer] = await say(STAFF, '我今天的巡查记录怎么改')
    expect(answer).not.toMatch(/开始时间|日巡查工作记录/)
    expect(answer).toContain('督查员')
    const open = await database.db.select().from(conversations).where(eq(conversations.senderExternalId, STAFF))
    expect(open.filter((row) => row.form !== null)).toEqual([])
  })
})

describe('a citizen who saw it at work', () => {
  it('asks where for 「扫地的时候发现桥上栏杆松了」 (「扫地的时候发现桥」 had been offered as the place)', async () => {
    expect(await citizenSays('o-typed-1', '我是环卫工人 今天扫地的时候发现桥上栏杆松了')).toEqual([WORDING.askPlace])
    const code = lastCode(await citizenSays('o-typed-1', '沅水三桥'), 'TS')
    const [row] = await database.db.select().from(complaints).where(eq(complaints.code, code))
    expect(row).toMatchObject({ category: 'bridge', locationText: '沅水三桥' })
  })
})
