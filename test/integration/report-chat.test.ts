import { and, eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { WORDING } from '../../bots/wording'
import { periodicReports, units } from '../../src/db/schema'
import { ManualClock } from '../../src/domain/clock'
import { zonedInstant } from '../../src/domain/local-time'
import { testApp } from '../helpers/app'
import { chat } from '../helpers/chat'
import { createTestDatabase, seedDefaults, TEST_TIME_ZONE, type TestDatabase } from '../helpers/db'

/**
 * The weekly report through chat before the scheduled job drafted it, and the leader's signature asked for in
 * words: 「上报周报」 drafts last week's, 「月报签字」 signs no weekly report, 「帮我签一下字」 files it.
 */
const HANDLER = 'demo:handler'
const UNIT_LEADER = 'demo:unit_leader'
// Monday: last week (2026-11-16 to 22) has ended and is due tonight.
const clock = new ManualClock(zonedInstant('2026-11-23', TEST_TIME_ZONE, 10))
let database: TestDatabase
let harness: ReturnType<typeof testApp>
const say = (who: string, input: string) => chat(harness.services, who, input)

beforeAll(async () => {
  database = await createTestDatabase()
  await seedDefaults(database, clock.now())
  harness = testApp(database, clock)
})
afterAll(async () => database?.drop())

const weeklyOfShizheng = async () => {
  const [shizheng] = await database.db.select().from(units).where(eq(units.code, 'shizheng'))
  return database.db
    .select()
    .from(periodicReports)
    .where(and(eq(periodicReports.unitId, shizheng?.id as number), eq(periodicReports.kind, 'weekly')))
}

describe('whether a unit’s reports are in, asked by the unit', () => {
  it('says a report the unit does not owe is not owed, and lists every one it owes for 「我们单位报表交了吗」', async () => {
    // A unit's leader had been shown every supervising unit's monthly report.
    expect(await say(UNIT_LEADER, '我们单位月报交了吗')).toEqual([
      '市政建设总公司不需要上报月报表。月报由有督查任务的单位在每月结束后5个工作日内上报。',
    ])
    // It was not understood.
    const [all] = await say(UNIT_LEADER, '我们单位报表交了吗')
    expect(all).toMatch(/^2026-11-16 至 2026-11-22的周报表：/)
    expect(all).toContain('专项整治统计表')
    expect(all).not.toContain('月报表')
  })
})

describe('a weekly report through chat', () => {
  it('drafts last week’s when 「上报周报」 finds none yet, and only once', async () => {
    expect(await weeklyOfShizheng()).toHaveLength(0)
    const [shown] = await say(HANDLER, '上报周报')
    expect(shown).toMatch(/^周报表（2026-11-16 至 2026-11-22）请核对：/)
    await say(HANDLER, '上报周报')
    // Asked for in words, the same (it had been answered with when the report is due).
    for (const asked of ['把周报交了吧', '帮我提交一下周报', '周报提交一下'])
      expect((await say(HANDLER, asked))[0]).toMatch(/^周报表（2026-11-16 至 2026-11-22）请核对：/)
    expect(await weeklyOfShizheng()).toHaveLength(1)
    expect((await say(HANDLER, '确认上报周报'))[0]).toContain('还需要：分管领导签字（孙建国）')
    // Confirmed, not yet filed: said so, not only when it is due.
    expect((await say(HANDLER, '上周的周报交了没'))[0]).toMatch(
      /^2026-11-16 至 2026-11-22的周报表：已确认，待签字后自动上报（应于 11月23日 23:59 前）\n/,
    )
  })

  it('signs only the kind named, and files the weekly report on 「帮我签一下字」', async () => {
    expect(await say(UNIT_LEADER, '月报签字')).toEqual(['当前没有等待您签字的报表或督查记录。'])
    const [weekly] = await weeklyOfShizheng()
    expect(weekly?.submittedAt).toBeNull()
    expect((await say(UNIT_LEADER, '帮我签一下字'))[0]).toBe(
      '已上报周报表（2026-11-16 至 2026-11-22），签字已记录，报表不再变动。',
    )
    const [filed] = await weeklyOfShizheng()
    expect(filed?.submittedAt).toEqual(clock.now())
    // Asked about, not asked for: no signature.
    expect((await say(UNIT_LEADER, '周报要谁签字'))[0]).not.toContain('签字已记录')
  })
})

describe('the campaign’s statistics table before the scheduled job drafted it', () => {
  it('drafts last month’s on 「填报统计表」 and asks its first section; 「本月统计表怎么填」 says how', async () => {
    expect((await say(HANDLER, '本月统计表怎么填'))[0]).toContain('填写请发送「填报统计表」逐项填写')
    expect(await say(HANDLER, '填报统计表')).toEqual([
      '本月组织学习习近平总书记关于安全生产重要论述的专题学习几次？刊登（推出）重点报道几篇？',
    ])
    await say(HANDLER, '取消')
    const [shizheng] = await database.db.select().from(units).where(eq(units.code, 'shizheng'))
    const tables = await database.db
      .select()
      .from(periodicReports)
      .where(and(eq(periodicReports.unitId, shizheng?.id as number), eq(periodicReports.kind, 'campaign')))
    expect(tables.map((t) => [t.periodStart, t.submittedAt])).toEqual([['2026-10-01', null]])
  })
})

describe('the statistics table’s figures given one at a time', () => {
  it('keeps each figure in turn and asks for the rest by name; 「0」 is the next figure, and a figure is no problem', async () => {
    await say(HANDLER, '填报统计表')
    expect(await say(HANDLER, '2')).toEqual([WORDING.figuresSoFar('专题学习次数 2', ['重点报道数量'])])
    expect((await say(HANDLER, '3'))[0]).toMatch(/^本月执法处罚情况：/)
    await say(HANDLER, '1')
    expect((await say(HANDLER, '0'))[0]).toBe(
      WORDING.figuresSoFar('打击严重违法违规行为（起） 1，关闭取缔（家） 0', [
        '停产整顿（家）',
        '处罚罚款（万元）',
        '联合惩戒失信企业（家）',
        '问责曝光单位（家）',
        '问责曝光人员（人）',
      ]),
    )
    for (const figure of ['0', '2.5', '0', '0']) await say(HANDLER, figure)
    expect((await say(HANDLER, '0'))[0]).toMatch(/^目前重大安全风险辨识评估数量/)
    await say(HANDLER, '5、5')
    // A figure sent to the problems is no problem: the question stands.
    expect((await say(HANDLER, '3'))[0]).toMatch(/^没能识别/)
    const summary = (await say(HANDLER, '无')).join('\n')
    expect(summary).toContain('学习宣贯（本月）：专题学习次数 2，重点报道数量 3')
    expect(summary).toContain('打击严重违法违规行为（起） 1，关闭取缔（家） 0，停产整顿（家） 0，处罚罚款（万元） 2.5')
    await say(HANDLER, '取消')
  })
})
