import { eq, gt } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { WORDING } from '../../bots/wording'
import { formatLocal } from '../../src/conversation/format'
import { accidents, complaints, hazards, outbox, units } from '../../src/db/schema'
import { ManualClock } from '../../src/domain/clock'
import { zonedInstant } from '../../src/domain/local-time'
import { testApp } from '../helpers/app'
import { chat, lastCode } from '../helpers/chat'
import { createTestDatabase, seedDefaults, TEST_TIME_ZONE, type TestDatabase } from '../helpers/db'

/**
 * What a unit's handler, a unit's leader and the bureau's leaders say in the office's own words — a complaint handed
 * on without its number, a colleague reminded, a period's records asked after, who files a report — each answered
 * through the chat pipeline, with the rows it changes.
 */
const HANDLER = 'demo:handler'
const UNIT_LEADER = 'demo:unit_leader'
const LEADER = 'demo:leader'
const clock = new ManualClock(zonedInstant('2026-11-23', TEST_TIME_ZONE, 17))
let database: TestDatabase
let harness: ReturnType<typeof testApp>
const say = (who: string, input: string) => chat(harness.services, who, input)
const complain = async (who: string, words: string) => {
  const code = lastCode(await chat(harness.services, who, words, 'mp'), 'TS')
  await chat(harness.services, who, '不用', 'mp')
  return code
}
const complaintOf = async (code: string) => {
  const [row] = await database.db.select().from(complaints).where(eq(complaints.code, code))
  return row
}

beforeAll(async () => {
  database = await createTestDatabase()
  await seedDefaults(database, clock.now())
  harness = testApp(database, clock)
})
afterAll(async () => database?.drop())

describe('a complaint handed on without its number', () => {
  it('says none is in hand, hands on the only one, and asks which among several (it was not understood)', async () => {
    expect(await say(HANDLER, '把投诉转给燃气办')).toEqual(['您单位目前没有办理中的投诉。'])
    const first = await complain('o-office-1', '人民路88号井盖没了')
    const firstUnit = (await complaintOf(first))?.unitId
    expect(await say(HANDLER, '这个投诉转给燃气办')).toEqual([`已将投诉 ${first} 转办至燃气办，已通知该单位签收办理。`])
    expect((await complaintOf(first))?.unitId).not.toBe(firstUnit)
    const second = await complain('o-office-2', '建设路18号路灯不亮')
    const third = await complain('o-office-3', '朝阳路18号下水道堵了')
    const [which] = await say(HANDLER, '把投诉转给燃气办')
    expect(which).toMatch(/^请问是哪一件投诉？请回复「转办 编号 燃气办 原因」：/)
    expect(which).toContain(second)
    expect(which).toContain(third)
    expect((await complaintOf(second))?.unitId).toBe(firstUnit)
  })
})

describe('a colleague reminded, a period asked after, and who files a report', () => {
  it('urges the unit of the person named with what to do (「提醒一下李娜把那几个投诉处理了」 was not understood)', async () => {
    const before = Math.max(0, ...(await database.db.select({ id: outbox.id }).from(outbox)).map((row) => row.id))
    const [urged] = await say(UNIT_LEADER, '提醒一下李娜把那几个投诉处理了')
    expect(urged).toMatch(/^已向市政建设总公司的经办人发送催办提醒（1 个账号）：.*待办投诉 [1-9]\d* 件/)
    const sent = await database.db.select().from(outbox).where(gt(outbox.id, before))
    expect(sent.some((row) => JSON.stringify(row.message).includes('【催办】'))).toBe(true)
  })

  it('lists a period’s complaints with where each stands for 「…的投诉都处理完了吗」, and tells of a period asked to be told', async () => {
    const [today] = await say(LEADER, '今天的投诉都处理完了吗')
    expect(today).toMatch(/^今天全市受理的投诉 \d+ 件：\n· TS/)
    expect(await say(LEADER, '昨天的投诉都处理完了吗')).toEqual(['昨天全市受理的投诉：暂无。'])
    // (「给我讲讲最近一周的安全形势」 was not understood; 「我说一下今天巡查的情况…」 is still a patrol report.)
    expect((await say(LEADER, '给我讲讲最近一周的安全形势'))[0]).toMatch(/^近7天（全市）：\n巡查 \d+ 次/)
    expect((await say('demo:field_staff', '我说一下今天巡查的情况 上午9点到11点 人民路 2人1车 正常'))[0]).toMatch(
      /^【日巡查工作记录】请核对：/,
    )
    await say('demo:field_staff', '取消')
  })

  it('answers who files a report with when it is due and how (「周报谁来交」 was not understood)', async () => {
    const [weekly] = await say(HANDLER, '这个月我们单位的周报谁来交')
    expect(weekly).toContain('周报由各巡查单位在每周结束后1个工作日内上报')
    expect(weekly).toContain('「上报周报」')
  })
})

describe('a record named by its place or thing, with what is being done about it', () => {
  it('takes on 「芙蓉路塌陷那个收到」 and says who has the hazard 「…交给市政 3天内整改」 names (both opened a new report)', async () => {
    await say('demo:field_staff', '上报隐患 芙蓉路与洞庭大道交叉口 路面塌陷约2平米')
    await say('demo:field_staff', '一般')
    const code = lastCode(await say('demo:field_staff', '确认'), 'YH')
    const count = async () => (await database.db.select().from(hazards)).length
    const before = await count()
    // (The deadline said is not set by handing over: what it is, and how it is moved.)
    const [kept] = await say('demo:supervisor', '芙蓉路塌陷那个交给市政 3天内整改')
    const [handed] = await database.db.select().from(hazards).where(eq(hazards.code, code))
    expect(kept).toBe(
      WORDING.hazardAlreadyHanded(
        code,
        '市政建设总公司',
        formatLocal(handed?.rectifyDueAt as Date, TEST_TIME_ZONE, clock.now()),
      ),
    )
    expect((await say(HANDLER, '芙蓉路塌陷那个收到'))[0]).toMatch(new RegExp(`^已接收隐患 ${code}（`))
    const [row] = await database.db.select().from(hazards).where(eq(hazards.code, code))
    expect(row?.status).toBe('rectifying')
    expect(await count()).toBe(before)
    // Rectified, it waits for its check: listed when asked after, and counted among what is not closed (「还有多少
    // 隐患没销号」 had been told none; 「待验收的有哪些」 a leader's empty to-do).
    await say(HANDLER, `整改 ${code} 已经修补好了`)
    expect((await say(HANDLER, '确认'))[0]).toContain('等待督查验收')
    for (const [who, asked] of [
      [LEADER, '待验收的有哪些'],
      ['demo:duty_officer', '有几个隐患等着验收'],
    ])
      expect((await say(who, asked))[0]).toMatch(new RegExp(`^已整改待验收的隐患 1 项：\n· ${code} 市政建设总公司：`))
    expect((await say(UNIT_LEADER, '我们单位有几个隐患等着验收'))[0]).toMatch(
      /^市政建设总公司已整改待验收的隐患 1 项：/,
    )
    expect((await say(LEADER, '还有多少隐患没销号'))[0]).toContain('另有已整改待验收的隐患 1 项。')
    // How a check is done is still the how-to.
    expect(await say('demo:supervisor', '验收标准是什么')).toEqual([WORDING.staffSupport.verify_howto])
  })

  it('notes 「槐荫路那个井盖已经派人去了」 on that complaint in hand (it was told how to report)', async () => {
    const ticket = await complain('o-office-4', '槐荫路66号井盖没了')
    await say(HANDLER, `签收 ${ticket}`)
    expect((await say(HANDLER, '槐荫路那个井盖已经派人去了'))[0]).toMatch(
      new RegExp(`^已记录投诉 ${ticket} 的办理进展`),
    )
  })
})

describe('those on duty asking after dangers, accidents and the roster', () => {
  it('answers 「有燃气泄漏的报告吗」 from the ledger and opens no report (it opened a major hazard report)', async () => {
    const before = (await database.db.select().from(hazards)).length
    expect(await say('demo:duty_officer', '有燃气泄漏的报告吗')).toEqual([
      '目前没有与「燃气泄漏」相关的未销号隐患或办理中的投诉。',
    ])
    const leak = await complain('o-office-gas', '柳叶大道128号3栋 燃气味很重')
    const [listed] = await say('demo:duty_officer', '今天有没有燃气泄漏的')
    expect(listed).toMatch(new RegExp(`^与「燃气泄漏」相关的办理中投诉 1 件：\\n· ${leak} `))
    expect((await database.db.select().from(hazards)).length).toBe(before)
    // Said as a report, it is one.
    expect((await say('demo:field_staff', '有燃气泄漏 在人民路88号'))[0]).toContain('已按重大隐患填报')
    await say('demo:field_staff', '取消')
  })

  it('lists the period’s accidents, starts the record on 「报一起事故」, and reads a weekend as its two days', async () => {
    expect(await say(LEADER, '本月有没有发生安全事故')).toEqual([
      '2026年11月没有登记安全事故。事故由督查员发送「登记事故」登记。',
    ])
    const [unit] = await database.db.select().from(units).where(eq(units.name, '质安处'))
    await database.db.insert(accidents).values({
      unitId: unit?.id as number,
      occurredOn: '2026-11-20',
      place: '朗州路在建工地',
      level: 'general',
      deaths: 0,
      description: '一名工人从脚手架坠落受伤',
      recordedByLabel: '督查员陈刚',
      recordedAt: clock.now(),
    })
    expect(await say(LEADER, '今年发生了几起事故')).toEqual([
      '2026年登记的安全事故 1 起：\n· 11-20 质安处：朗州路在建工地 一名工人从脚手架坠落受伤（一般事故）',
    ])
    expect(await say('demo:supervisor', '报一起事故')).toEqual(['事故属于哪个单位的行业监管范围？'])
    await say('demo:supervisor', '取消')
    // (「这周末谁值班」 had been given today's.)
    const [weekend] = await say(LEADER, '这周末谁值班')
    expect(weekend.split('\n').map((line) => line.slice(0, 12))).toEqual([
      '周六（11月28日）值班',
      '周日（11月29日）值班',
    ])
  })
})

describe('the patrols a unit still owes', () => {
  it('answers 「我这个月还差几次巡查」 with the working days without a patrol (the month’s figures had been given)', async () => {
    expect((await say('demo:field_staff', '我这个月还差几次巡查'))[0]).toMatch(
      /^市政建设总公司2026年11月（截至目前）有 \d+ 个工作日没有日巡查记录（附件1：/,
    )
  })
})

describe('several complaints in hand, spoken of together or by name', () => {
  it('signs 「两个投诉都签收」, gives the named one’s contact, and answers without the words that point at it', async () => {
    // The unit's earlier complaints are answered first, so that the two of this test are all it has in hand.
    const [municipal] = await database.db.select().from(units).where(eq(units.name, '市政建设总公司'))
    const inHand = (
      await database.db
        .select()
        .from(complaints)
        .where(eq(complaints.unitId, municipal?.id as number))
    ).filter((c) => ['assigned', 'accepted'].includes(c.status))
    for (const c of inHand) await say(HANDLER, `回复 ${c.code} 已处理`)
    const cover = await complain('o-office-5', '樟树路88号井盖没了')
    const lamp = await complain('o-office-6', '朝阳路18号路灯不亮')
    expect(await say(HANDLER, '两个投诉都签收')).toEqual([
      `已签收 2 件投诉：${cover}、${lamp}。请在时限内办理，完成后发送「回复 编号 办理结果」。`,
    ])
    // (Every complaint in hand had been listed.)
    expect(await say(HANDLER, '朝阳路路灯那个投诉的市民电话多少')).toEqual([
      `投诉 ${lamp}：市民未留电话（不需要电话联系），办理结果请回复，系统会告知市民。`,
    ])
    // (「樟树路井盖那个」 had been sent to the citizen as part of the result.)
    expect((await say(HANDLER, '樟树路井盖那个 已经补上了 回复市民'))[0]).toBe(
      WORDING.replyWithTheseWords(cover, '已经补上了'),
    )
    expect(await say(HANDLER, '是')).toEqual([`已回复投诉 ${cover}，办理结果将告知市民。`])
  })
})
