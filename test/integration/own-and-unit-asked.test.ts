import { eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { complaintEvents, complaints, hazards } from '../../src/db/schema'
import { ManualClock } from '../../src/domain/clock'
import { zonedInstant } from '../../src/domain/local-time'
import { testApp } from '../helpers/app'
import { chat, lastCode } from '../helpers/chat'
import { createTestDatabase, seedDefaults, TEST_TIME_ZONE, type TestDatabase } from '../helpers/db'

/**
 * Questions whose 「我」「我们」 says whose records are meant — a patroller's own reports, a unit's place in the
 * assessment — and a citizen's impatience about an earlier complaint, each answered through the chat pipeline
 * with the rows it leaves. Each had been answered with the city's counts, the whole ranking, or what is handled.
 */
const STAFF = 'demo:field_staff'
const HANDLER = 'demo:handler'
const LEADER = 'demo:leader'
const UNIT_LEADER = 'demo:unit_leader'
const SUPERVISOR = 'demo:supervisor'
const DAY = 24 * 60 * 60 * 1000
const clock = new ManualClock(zonedInstant('2026-11-23', TEST_TIME_ZONE, 17))
let database: TestDatabase
let harness: ReturnType<typeof testApp>
const say = (who: string, input: string) => chat(harness.services, who, input)
const hazardCount = async () => (await database.db.select({ id: hazards.id }).from(hazards)).length

beforeAll(async () => {
  database = await createTestDatabase()
  await seedDefaults(database, clock.now())
  harness = testApp(database, clock)
})
afterAll(async () => database?.drop())

describe('a patroller asking which of their hazards are still open', () => {
  it('says none was reported, then lists the open ones with their deadlines, the late marked', async () => {
    expect(await say(STAFF, '我还有几个隐患没整改')).toEqual([
      '您还没有上报过隐患。发现隐患直接发一句话说明情况和地点即可。',
    ])
    await say(STAFF, '人民路88号井盖破损')
    await say(STAFF, '一般')
    const code = lastCode(await say(STAFF, '确认'), 'YH')
    const before = await hazardCount()
    const [open] = await say(STAFF, '我还有几个隐患没整改')
    expect(open).toBe(
      `您上报的隐患中未销号 1 项：\n· ${code} 人民路88号井盖破损：已交办，整改期限 12月23日 23:59\n发送「查询 编号」可查看详情。`,
    )
    // The same asked by what was reported, and by 「哪些没销号」.
    expect(await say(STAFF, '我上报的隐患有几个没整改')).toEqual([open])
    expect(await say(STAFF, '我报的还有哪些没销号')).toEqual([open])
    // Past its deadline it is marked late, and counted so.
    clock.advance(31 * DAY)
    const [late] = await say(STAFF, '我还有几个隐患没整改')
    expect(late).toMatch(/^您上报的隐患中未销号 1 项（其中超期 1 项）：\n· YH\d{8}-\d{4} .*（已超期）\n/)
    clock.advance(-31 * DAY)
    expect(await say(STAFF, '取消')).toEqual(['当前没有进行中的填报。'])
    expect(await hazardCount()).toBe(before)
  })

  it('keeps a handler’s 「我还有几个隐患没整改」 their to-do, and a supervisor’s the city’s open items', async () => {
    const [todo] = await say(HANDLER, '我还有几个隐患没整改')
    expect(todo).toMatch(/^【待办事项】共 1 项\n· YH\d{8}-\d{4} 隐患待整改：人民路88号井盖破损/)
    const [city] = await say(SUPERVISOR, '我还有几个隐患没整改')
    expect(city).toMatch(/^截至 11月23日 17:00：\n整改中的隐患 1 项/)
  })
})

describe('a unit’s place in the assessment', () => {
  const place = /^市政建设总公司2026年11月考核（截至目前）：\d+ 分，在 13 个参加考核的单位中排第 \d+ 名\n/
  it('answers a unit leader’s 「我们排第几」 with their unit’s score and place (the whole ranking had answered)', async () => {
    expect((await say(UNIT_LEADER, '我们排第几'))[0]).toMatch(place)
    expect((await say(UNIT_LEADER, '咱们这个月得了多少分'))[0]).toMatch(
      /^市政建设总公司2026年11月考核（截至目前）：\d+ 分\n/,
    )
  })

  it('answers 「市政排第几」「道管处排名多少」 with that unit’s place, and a city leader’s 「我们排第几」 with the ranking', async () => {
    expect((await say(LEADER, '市政排第几'))[0]).toMatch(place)
    expect((await say(LEADER, '道管处排名多少'))[0]).toMatch(
      /^道管处2026年11月考核（截至目前）：\d+ 分，在 13 个参加考核的单位中排第 \d+ 名\n/,
    )
    // The bureau itself is not assessed: its leader's 「我们」 is the city, answered with every unit ranked.
    expect((await say(LEADER, '我们排第几'))[0]).toMatch(/^2026年11月考核得分（截至目前）：\n1\. /)
  })
})

describe('a citizen impatient about an earlier complaint', () => {
  it('chases the open complaint on 「我之前投诉的事情你们到底管不管」 (it had been told what is handled)', async () => {
    const citizen = 'o-own-and-unit-urging'
    const code = lastCode(await chat(harness.services, citizen, '路灯坏了好几天了 在建设路58号', 'mp'), 'TS')
    const [complaint] = await database.db.select().from(complaints).where(eq(complaints.code, code))
    expect(await chat(harness.services, citizen, '我之前投诉的事情你们到底管不管', 'mp')).toEqual([
      `已为您催办投诉 ${code}（目前已派单），并转告处理人员尽快办理，结果会在这里答复您。给您带来不便，敬请谅解。`,
    ])
    const notes = await database.db
      .select({ note: complaintEvents.note })
      .from(complaintEvents)
      .where(eq(complaintEvents.complaintId, complaint?.id ?? 0))
      .orderBy(complaintEvents.id)
    expect(notes.map((n) => n.note)).toContain('市民催办：我之前投诉的事情你们到底管不管')
    // No second complaint was filed.
    const filed = await database.db.select().from(complaints).where(eq(complaints.citizenExternalId, citizen))
    expect(filed).toHaveLength(1)
    // 「这种事你们管不管」 still asks what is handled.
    const [scope] = await chat(harness.services, citizen, '这种事你们管不管', 'mp')
    expect(scope).toMatch(/^我们受理建筑工地/)
  })
})
