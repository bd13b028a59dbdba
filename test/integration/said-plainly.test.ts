import { eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { WORDING } from '../../bots/wording'
import { complaints, hazards, patrols } from '../../src/db/schema'
import { ManualClock } from '../../src/domain/clock'
import { zonedInstant } from '../../src/domain/local-time'
import { testApp } from '../helpers/app'
import { chat, lastCode } from '../helpers/chat'
import { createTestDatabase, seedDefaults, TEST_TIME_ZONE, type TestDatabase } from '../helpers/db'

/**
 * Messages said plainly that were misread or not understood — a handler asking how many there are to do, a citizen
 * signing 「张先生」 after the number, a fight reported to the wrong office — each answered through the chat pipeline,
 * with the rows it leaves (or does not).
 */
const STAFF = 'demo:field_staff'
const HANDLER = 'demo:handler'
const SUPERVISOR = 'demo:supervisor'
const DUTY = 'demo:duty_officer'
const LEADER = 'demo:leader'
const clock = new ManualClock(zonedInstant('2026-11-23', TEST_TIME_ZONE, 17))
let database: TestDatabase
let harness: ReturnType<typeof testApp>
const say = (who: string, input: string) => chat(harness.services, who, input)
const citizenSays = (who: string, input: string) => chat(harness.services, who, input, 'mp')
const complaintsOf = (citizen: string) =>
  database.db.select().from(complaints).where(eq(complaints.citizenExternalId, citizen)).orderBy(complaints.id)

beforeAll(async () => {
  database = await createTestDatabase()
  await seedDefaults(database, clock.now())
  harness = testApp(database, clock)
})
afterAll(async () => database?.drop())

describe('a patrol said with 「巡的」', () => {
  it('takes the road after 「巡的」 as the area and asks only what is missing', async () => {
    const replies = await say(STAFF, '今天上午和老李一起巡的五一路 没发现问题')
    // The area was asked for (「巡查了哪个路段或项目？」); now the vehicles are, the rest read.
    expect(replies).toEqual(['出动了多少车次？'])
    const [summary] = await say(STAFF, '0')
    expect(summary).toContain('巡查路段/项目：五一路\n')
    expect(summary).toContain('出动人次：2\n')
    await say(STAFF, '确认')
    const saved = await database.db.select().from(patrols).where(eq(patrols.area, '五一路'))
    expect(saved).toHaveLength(1)
  })
})

describe('what a handler has to do, asked as a count', () => {
  it.each(['今天要处理的有几个', '需要整改的隐患有哪些', '要处理的投诉还有多少'])(
    'answers 「%s」 with the to-do (it was not understood)',
    async (words) => {
      const [answer] = await say(HANDLER, words)
      expect(answer).toMatch(/^【待办事项】共 \d+ 项|^您暂无待办事项。$/)
    },
  )

  it('lists a complaint of the unit that waits for it', async () => {
    const code = lastCode(await citizenSays('o-plain-todo', '人民路88号井盖没了'), 'TS')
    const [answer] = await say(HANDLER, '今天要处理的有几个')
    expect(answer).toContain(code)
  })
})

describe('a handler naming the complaint before what is being done', () => {
  it('takes 「人民路那个井盖 已经派人去了」 (with a space) as taking it up, and the result next as the answer offered', async () => {
    const code = lastCode(await citizenSays('o-plain-taken-up', '建设路66号门口井盖没了'), 'TS')
    await citizenSays('o-plain-taken-up', '不用')
    // The handler's other complaints are answered first, so only this one is in hand (and no hazard is yet).
    for (const row of await database.db.select().from(complaints).orderBy(complaints.id))
      if (row.code !== code && ['assigned', 'accepted'].includes(row.status))
        await say(HANDLER, `回复 ${row.code} 已处理`)
    expect(await say(HANDLER, '建设路那个井盖 已经派人去了')).toEqual([
      `已签收投诉 ${code}，请在时限内办理并回复结果。`,
    ])
    const [offered] = await say(HANDLER, '下午已经换好了')
    expect(offered).toContain(`作为投诉 ${code} 的办理结果答复市民吗？`)
  })
})

describe('a photo asked to be added to the hazard just reported', () => {
  it('takes the photo for that hazard (「能加张照片吗」 was not understood)', async () => {
    await say(STAFF, '上报隐患 朗州路与人民路交叉口 井盖松动 一般')
    const saved = await say(STAFF, '确认')
    const code = lastCode(saved, 'YH')
    expect(await say(STAFF, '我刚报的那个能加张照片吗')).toEqual([WORDING.photoForHazard(code)])
    expect(await database.db.select().from(hazards).where(eq(hazards.code, code))).toHaveLength(1)
  })
})

describe('citizens', () => {
  it('refers a fight to the police and files nothing; a stolen manhole cover is still filed', async () => {
    expect(await citizenSays('o-plain-police', '城管的人打人了')).toEqual([WORDING.citizenOtherAgency.public_order])
    expect(await complaintsOf('o-plain-police')).toEqual([])
    expect(lastCode(await citizenSays('o-plain-police', '井盖被偷了 人民路88号'), 'TS')).toMatch(/^TS/)
  })

  it('keeps 「张先生」 said after the number as the name on the complaint', async () => {
    const citizen = 'o-plain-name'
    const code = lastCode(await citizenSays(citizen, '桥上的栏杆断了一截 穿紫河桥'), 'TS')
    expect(await citizenSays(citizen, '13900001111')).toEqual([WORDING.contactSaved])
    expect(await citizenSays(citizen, '张先生')).toEqual([WORDING.citizenNameSaved(code)])
    const [complaint] = await complaintsOf(citizen)
    expect(complaint).toMatchObject({ code, citizenName: '张先生', citizenPhone: '13900001111' })
    expect(await complaintsOf(citizen)).toHaveLength(1)
  })

  it('reads 「怎么没人回复我」 as chasing the open complaint, not a question on how to report', async () => {
    const citizen = 'o-plain-chase'
    const code = lastCode(await citizenSays(citizen, '人民路的路灯坏了好几天了'), 'TS')
    await citizenSays(citizen, '不用')
    expect(await citizenSays(citizen, '怎么没人回复我')).toEqual([WORDING.citizenUrged(code, 'assigned')])
    expect(await complaintsOf(citizen)).toHaveLength(1)
  })

  it('files 「在城东那边 沅安路上」 at the street (城东 alone had made it ask where)', async () => {
    const citizen = 'o-plain-street'
    lastCode(await citizenSays(citizen, '工地塔吊好像歪了 在城东那边 沅安路上'), 'TS')
    const [complaint] = await complaintsOf(citizen)
    expect(complaint?.locationText).toBe('沅安路')
  })
})

describe('records to look over, asked for by whose they are', () => {
  it.each(['本周抽查一下市政公司的巡查记录', '市政公司今天的巡查记录', '抽查一下市政公司今天的巡查记录'])(
    'lists that unit’s patrols for 「%s」 (it had opened a patrol form or given every unit)',
    async (words) => {
      const [answer] = await say(SUPERVISOR, words)
      expect(answer).toMatch(/^(?:本周|今天)市政建设总公司的巡查记录共 \d+ 次：\n· XC/)
      expect(answer).toContain('五一路')
      expect(await say(SUPERVISOR, '取消')).toEqual(['当前没有进行中的填报。'])
    },
  )

  it('says when the unit named has none, and still takes a sampling done with a finding as a report', async () => {
    expect(await say(SUPERVISOR, '抽查一下道管处今天的巡查记录')).toEqual(['今天还没有道管处的巡查记录。'])
    const [asked] = await say(SUPERVISOR, '今天抽查了人民路工地 发现围挡倒了')
    expect(asked).toContain('是一般隐患还是重大隐患？')
    await say(SUPERVISOR, '取消')
  })
})

describe('a leader asking which majors need attention', () => {
  it('answers 「有什么重大隐患需要我关注」 with the majors open (it gave the empty to-do)', async () => {
    expect(await say(LEADER, '有什么重大隐患需要我关注')).toEqual(['目前没有未销号的重大隐患。'])
  })
})

describe('a call-back told as done', () => {
  it('records 「TS… 已电话回访 市民满意」 on an answered complaint, and says an open one has no answer to rate yet', async () => {
    const citizen = 'o-plain-callback'
    const code = lastCode(await citizenSays(citizen, '滨湖路12号路灯不亮'), 'TS')
    await citizenSays(citizen, '不用')
    expect(await say(DUTY, `${code} 已电话回访 市民满意`)).toEqual([WORDING.callbackBeforeAnswer(code, 'assigned')])
    // (The handler was still offered 「下午已经换好了」 for another complaint, and a hazard of the unit is open: the
    // command is read as the command — it had been taken for the hazard's rectification.)
    expect(await say(HANDLER, `回复 ${code} 已更换灯泡`)).toEqual([`已回复投诉 ${code}，办理结果将告知市民。`])
    expect(await say(DUTY, `${code} 回访了 群众表示基本满意`)).toEqual([`已记录投诉 ${code} 的回访结果：基本满意。`])
    const [complaint] = await database.db.select().from(complaints).where(eq(complaints.code, code))
    expect(complaint?.satisfaction).toBe('basically_satisfied')
  })
})
