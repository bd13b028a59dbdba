import { eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { complaints, hazardEvents, hazards } from '../../src/db/schema'
import { ManualClock } from '../../src/domain/clock'
import { zonedInstant } from '../../src/domain/local-time'
import { testApp } from '../helpers/app'
import { chat, lastCode } from '../helpers/chat'
import { createTestDatabase, seedDefaults, TEST_TIME_ZONE, type TestDatabase } from '../helpers/db'

/**
 * A unit handler answers a hazard's notice the way people answer one — 「收到，马上安排人去处理」 — and the
 * hazard is taken on (接收整改: 已交办 → 整改中), an event on its record; with several waiting, which one is asked.
 */
const STAFF = 'demo:field_staff'
const HANDLER = 'demo:handler'
const CITIZEN = 'demo:citizen'
const clock = new ManualClock(zonedInstant('2026-11-23', TEST_TIME_ZONE, 10))
let database: TestDatabase
let harness: ReturnType<typeof testApp>
const say = (who: string, input: Parameters<typeof chat>[2]) => chat(harness.services, who, input)

beforeAll(async () => {
  database = await createTestDatabase()
  await seedDefaults(database, clock.now())
  harness = testApp(database, clock)
})
afterAll(async () => database?.drop())

async function reportManhole(address: string): Promise<string> {
  expect((await say(STAFF, `上报隐患 ${address}门前井盖缺失`)).join('\n')).toContain('是一般隐患还是重大隐患')
  expect((await say(STAFF, '一般')).join('\n')).toContain('请核对')
  return lastCode(await say(STAFF, '确认'), 'YH')
}

async function hazard(code: string) {
  const [row] = await database.db.select().from(hazards).where(eq(hazards.code, code))
  return row
}

describe('a unit handler taking on a hazard in words', () => {
  it('takes on the one hazard waiting for the unit on 「收到，马上安排人去处理」', async () => {
    const code = await reportManhole('朗州北路18号')
    expect((await hazard(code))?.status).toBe('assigned')
    const [answer] = await say(HANDLER, '收到，马上安排人去处理')
    expect(answer).toMatch(new RegExp(`^已接收隐患 ${code}（朗州北路18号门前井盖缺失），状态改为整改中，整改期限 `))
    const row = await hazard(code)
    expect(row?.status).toBe('rectifying')
    const events = await database.db
      .select()
      .from(hazardEvents)
      .where(eq(hazardEvents.hazardId, row?.id as number))
    expect(events.map((e) => e.kind)).toContain('accept')
    // Said again, nothing waits: the hazard stays where it is, and the handler hears it is underway already.
    expect((await say(HANDLER, '收到，马上安排人去处理'))[0]).toMatch(
      new RegExp(`^隐患 ${code}（朗州北路18号门前井盖缺失）已接收，正在整改中，整改期限 `),
    )
    expect((await hazard(code))?.status).toBe('rectifying')
    expect(await say(HANDLER, `接收 ${code}`)).toEqual([
      `隐患 ${code} 已接收，正在整改中。整改完成后发送「整改 ${code}」反馈。`,
    ])
    // 「已经修补好了」 naming nothing, with that one hazard under rectification and no complaint in hand: its
    // rectification (it was asked which, the one listed).
    expect((await say(HANDLER, '已经修补好了'))[0]).toMatch(new RegExp(`^【整改反馈】请核对：\n隐患编号：${code}\n`))
    await say(HANDLER, '取消')
  })

  it('asks which when several wait, and takes the one named with 「接收 编号」', async () => {
    const first = await reportManhole('朗州北路20号')
    const second = await reportManhole('朗州北路22号')
    const [asked] = await say(HANDLER, '好的，明天去换')
    expect(asked).toMatch(/^您单位有 2 项隐患待接收整改：/)
    expect(asked).toContain(first)
    expect(asked).toContain(second)
    expect((await hazard(first))?.status).toBe('assigned')
    // The number as typed on a phone: lower case, full-width letters.
    const typed = second.toLowerCase().replace('y', 'ｙ').replace('h', 'ｈ')
    expect((await say(HANDLER, `接收 ${typed}`))[0]).toMatch(new RegExp(`^已接收隐患 ${second}`))
    expect((await hazard(second))?.status).toBe('rectifying')
    expect((await hazard(first))?.status).toBe('assigned')
    // The number first, then the word (as a notice is answered by quoting it).
    const third = await reportManhole('朗州北路26号')
    expect((await say(HANDLER, `${third} 收到，马上安排`))[0]).toMatch(new RegExp(`^已接收隐患 ${third}`))
    expect((await hazard(third))?.status).toBe('rectifying')
    expect((await hazard(first))?.status).toBe('assigned')
  })

  it('takes 「接收」 and 「签收」 alone as the one item waiting, and asks for the number otherwise', async () => {
    const code = await reportManhole('朗州北路30号')
    // Two hazards wait now (this one and the first of the test before): which one is asked.
    expect((await say(HANDLER, '接收'))[0]).toMatch(/^您单位有 2 项隐患待接收整改：/)
    await say(HANDLER, `接收 ${code}`)
    const ticket = await say(CITIZEN, '朗州北路88号井盖没了')
    const complaint = lastCode(ticket, 'TS')
    await say(CITIZEN, '不用')
    expect(await say(HANDLER, '签收')).toEqual([`已签收投诉 ${complaint}，请在时限内办理并回复结果。`])
    const [row] = await database.db.select().from(complaints).where(eq(complaints.code, complaint))
    expect(row?.status).toBe('accepted')
    expect(await say(HANDLER, '签收')).toEqual([
      '请在「签收」后附上编号，例如：签收 TS20261123-0001。发送「我的待办」可查看待办事项和编号。',
    ])
  })

  it('takes something found, said with what was done about it, as a report, not as taking on the hazard waiting', async () => {
    const waiting = await reportManhole('朗州北路36号')
    // (The notice served had taken on the manhole waiting, or been acknowledged, and the crane was lost.)
    const [summary] = await say(HANDLER, '恒大工地塔吊没有备案 已经下了停工通知')
    expect(summary).toMatch(/^【隐患上报】请核对：\n隐患描述：恒大工地塔吊没有备案 已经下了停工通知\n/)
    expect((await hazard(waiting))?.status).toBe('assigned')
    await say(HANDLER, '取消')
  })

  it('leaves a field worker’s 「收到」 and a handler’s plain 「好的」 alone', async () => {
    const code = await reportManhole('朗州北路24号')
    expect((await say(STAFF, '收到，马上安排人去处理'))[0]).not.toContain('已接收')
    expect((await say(HANDLER, '好的'))[0]).not.toContain('已接收')
    expect((await hazard(code))?.status).toBe('assigned')
  })
})
