import { and, eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { WORDING } from '../../bots/wording'
import { periodicReports, supervisions } from '../../src/db/schema'
import { ManualClock } from '../../src/domain/clock'
import { zonedInstant } from '../../src/domain/local-time'
import { runPeriodicReports } from '../../src/jobs/periodic-reports'
import { jobSettings } from '../../src/jobs/scheduler'
import { testApp } from '../helpers/app'
import { chat } from '../helpers/chat'
import { createTestDatabase, seedDefaults, TEST_TIME_ZONE, type TestDatabase } from '../helpers/db'

/**
 * Inspections and signatures said the way people say them: a unit by the start of its name (「去市政检查」), an
 * inspection counted by units, a notice acknowledged, the day's patrol record signed as 「日报」 — each through the
 * chat pipeline, with the rows it leaves. Each had been not understood or answered with something else.
 */
const SUPERVISOR = 'demo:supervisor'
const LEADER = 'demo:leader'
const HANDLER = 'demo:handler'
const STAFF = 'demo:field_staff'
const UNIT_LEADER = 'demo:unit_leader'
const clock = new ManualClock(zonedInstant('2026-11-23', TEST_TIME_ZONE, 17))
let database: TestDatabase
let harness: ReturnType<typeof testApp>
const say = (who: string, input: string) => chat(harness.services, who, input)
const supervisionRows = () => database.db.select().from(supervisions).orderBy(supervisions.id)

beforeAll(async () => {
  database = await createTestDatabase()
  await seedDefaults(database, clock.now())
  harness = testApp(database, clock)
})
afterAll(async () => database?.drop())

describe('an inspection of a unit said by the start of its name', () => {
  it('tells a supervisor’s 「明天去市政检查 帮我登记一下」 when the record is kept (it was not understood)', async () => {
    expect(await say(SUPERVISOR, '明天去市政检查 帮我登记一下')).toEqual([WORDING.supervisionPlanned])
    expect(await say(SUPERVISOR, '取消')).toEqual(['当前没有进行中的填报。'])
  })

  it('records 「今天去市政检查了 台账齐全」 as an inspection of 市政建设总公司 (a patrol record had started)', async () => {
    expect(await say(SUPERVISOR, '今天去市政检查了 台账齐全')).toEqual(['督查时间是11月23日几点？'])
    for (const answer of ['10点', '陈刚', '陈刚、赵敏', '无', '无']) await say(SUPERVISOR, answer)
    const [saved] = await say(SUPERVISOR, '确认')
    expect(saved).toMatch(/^督查记录已保存，编号 DC\d{8}-\d{4}/)
    const [row] = await supervisionRows()
    expect(row).toMatchObject({ lead: '陈刚', matters: '台账齐全', problems: '无' })
    const [unit] = (await harness.services.ctx.db.query.units.findMany()).filter((u) => u.id === row?.inspectedUnitId)
    expect(unit?.name).toBe('市政建设总公司')
  })

  it('answers 「这个月督查了几个单位」 and 「我这个月督查了几家」 with the month’s inspections (not understood; a form)', async () => {
    const listed = /^本月督查记录共 1 条：\n· DC\d{8}-\d{4} 11月23日 10:00 市政建设总公司（带队：陈刚）$/
    expect((await say(LEADER, '这个月督查了几个单位'))[0]).toMatch(listed)
    expect((await say(SUPERVISOR, '我这个月督查了几家'))[0]).toMatch(listed)
    expect(await say(SUPERVISOR, '取消')).toEqual(['当前没有进行中的填报。'])
    expect(await supervisionRows()).toHaveLength(1)
  })
})

describe('a notice acknowledged', () => {
  it('takes 「收到通报」 as acknowledgement and 「收到督查通报了」 as no question about the quarterly bulletin', async () => {
    expect(await say(HANDLER, '收到通报')).toEqual(['好的。需要时发送「帮助」查看可用命令。'])
    const [answer] = await say(UNIT_LEADER, '收到督查通报了 我们马上整改')
    // (It had been told the unit files no quarterly bulletin.)
    expect(answer).not.toMatch(/通报由|不需要上报/)
    expect(answer).toMatch(/^好的，已知悉。/)
  })

  it('takes the duty officer’s 「升级提醒确认」 as 确认收到, and answers 「按时答复率是多少」 (neither was understood)', async () => {
    expect(await say('demo:duty_officer', '升级提醒确认')).toEqual(['您当前没有待确认的升级提醒。'])
    expect((await say(LEADER, '按时答复率是多少'))[0]).toMatch(/^本月截至目前（全市）：\n/)
  })
})

describe('the day’s patrol record signed in words', () => {
  it('signs 「昨天的日报签一下」 from the unit’s leader (it was not understood)', async () => {
    for (const answer of ['上午9点到11点巡查人民路 2人1车 无异常', '确认']) await say(STAFF, answer)
    clock.set(zonedInstant('2026-11-24', TEST_TIME_ZONE, 9))
    const { ctx, config } = harness.services
    await runPeriodicReports(ctx, config.reportsDir, (await jobSettings(harness.services)).quiet)
    const daily = () =>
      database.db
        .select()
        .from(periodicReports)
        .where(and(eq(periodicReports.kind, 'daily'), eq(periodicReports.periodStart, '2026-11-23')))
    expect((await daily())[0]?.submittedAt).toBeNull()
    // Someone who signs nothing is told so; the leader's words sign it.
    expect(await say(HANDLER, '今天的日报签一下')).toEqual(['当前没有等待您签字的报表或督查记录。'])
    expect(await say(UNIT_LEADER, '昨天的日报签一下')).toEqual([
      '已上报日巡查工作记录表（2026-11-23），签字已记录，报表不再变动。',
    ])
    expect((await daily())[0]?.submittedAt).toEqual(clock.now())
  })
})
