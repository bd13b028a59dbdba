import { eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { WORDING } from '../../bots/wording'
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
const SITE_HANDLER = 'demo:handler_zhianchu'
const DAY = 24 * 60 * 60 * 1000
const clock = new ManualClock(zonedInstant('2026-11-23', TEST_TIME_ZONE, 17))
let database: TestDatabase
let harness: ReturnType<typeof testApp>
const say = (who: string, input: string) => chat(harness.services, who, input)
/** The notes on a complaint's history, in order. */
const notesOn = async (complaintId: number) =>
  (
    await database.db
      .select({ note: complaintEvents.note })
      .from(complaintEvents)
      .where(eq(complaintEvents.complaintId, complaintId))
      .orderBy(complaintEvents.id)
  ).map((n) => n.note)
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
    expect(await notesOn(complaint?.id ?? 0)).toContain('市民催办：我之前投诉的事情你们到底管不管')
    // No second complaint was filed.
    const filed = await database.db.select().from(complaints).where(eq(complaints.citizenExternalId, citizen))
    expect(filed).toHaveLength(1)
    // 「这种事你们管不管」 still asks what is handled.
    const [scope] = await chat(harness.services, citizen, '这种事你们管不管', 'mp')
    expect(scope).toMatch(/^我们受理建筑工地/)
  })
})

describe('a citizen’s thanks and praise while the complaint is in hand', () => {
  it('answers 「好的 谢谢 很快」 with courtesy and files nothing (it had been asked where, and the next report merged)', async () => {
    const citizen = 'o-own-and-unit-praise'
    const code = lastCode(
      await chat(harness.services, citizen, '解放路和人民路口的下水道井盖翘起来了 晚上很危险', 'mp'),
      'TS',
    )
    await say(HANDLER, `签收 ${code}`)
    await say(HANDLER, '已经派人去看了 下午就能修好')
    expect(await chat(harness.services, citizen, '好的 谢谢 很快', 'mp')).toEqual([
      '不客气。有新的问题，直接发一句话说明问题和地点即可；发送「查询」可查看处理进度。',
    ])
    // Praise is thanked as praise.
    expect(await chat(harness.services, citizen, '效率真高 点赞', 'mp')).toEqual([WORDING.citizenPraise])
    // The next report is one of its own, its words alone.
    const next = lastCode(await chat(harness.services, citizen, '我家门口路灯不亮 在建设路12号', 'mp'), 'TS')
    const filed = await database.db
      .select({ code: complaints.code, description: complaints.description })
      .from(complaints)
      .where(eq(complaints.citizenExternalId, citizen))
      .orderBy(complaints.id)
    expect(filed).toEqual([
      { code, description: '解放路和人民路口的下水道井盖翘起来了 晚上很危险' },
      { code: next, description: '我家门口路灯不亮 在建设路12号' },
    ])
  })
})

describe('the records of a kind or at a place, counted', () => {
  it('answers 「桥梁的隐患多不多」「市政设施有几个隐患」 with the month’s count by kind (a form had opened, or not understood)', async () => {
    await say(STAFF, '桥梁护栏松动 在沅水大桥')
    await say(STAFF, '一般')
    lastCode(await say(STAFF, '确认'), 'YH')
    const before = await hazardCount()
    const byKind =
      /^本月发现的隐患（按类别，多的在前）：\n1\. (?:桥梁|道路及市政设施) 1 项\n2\. (?:桥梁|道路及市政设施) 1 项$/
    for (const asked of ['桥梁的隐患多不多', '市政设施有几个隐患', '燃气方面有几个隐患'])
      expect((await say(LEADER, asked))[0]).toMatch(byKind)
    expect(await say(LEADER, '取消')).toEqual(['当前没有进行中的填报。'])
    expect(await hazardCount()).toBe(before)
  })

  it('answers 「沅水大桥有几个隐患」 with the records at that place (it was not understood)', async () => {
    const [answer] = await say(LEADER, '沅水大桥有几个隐患')
    expect(answer).toMatch(
      /^与「沅水大桥」相关的隐患：\n· YH\d{8}-\d{4} 桥梁护栏松动 在沅水大桥（已交办，桥管处，期限 12月23日 23:59）$/,
    )
  })

  it('takes a patroller’s 「人民路工地发现几个隐患」 as a report, not a question it cannot answer', async () => {
    const [asked] = await say(STAFF, '人民路工地发现几个隐患')
    expect(asked).toMatch(/^是一般隐患还是重大隐患？/)
    expect(await say(STAFF, '取消')).toEqual(['已取消「隐患上报」填报。'])
  })
})

describe('who handles a complaint, and the handling complained of', () => {
  it('sends a handler’s 「回复 已…」 without the command word, and tells the citizen who handles it', async () => {
    const citizen = 'o-own-and-unit-handling'
    const code = lastCode(
      await chat(harness.services, citizen, '五一路和车站路交叉口的工地晚上12点还在施工', 'mp'),
      'TS',
    )
    await chat(harness.services, citizen, '不用', 'mp')
    // Asked before the answer: the unit, no one's own number, and a call back offered (it was told to ask the
    // bureau's offices).
    const who = `投诉 ${code} 由质安处办理。工作人员的个人电话不对外提供；需要工作人员联系您，请回复您的手机号。办理结果会在这里告知您，发送「查询」可查看进度。`
    expect(await chat(harness.services, citizen, '我想知道处理人是谁', 'mp')).toEqual([who])
    expect(await chat(harness.services, citizen, '给我一个负责人的电话', 'mp')).toEqual([who])
    await say(SITE_HANDLER, `签收 ${code}`)
    // The command's word is no part of the result offered (it had been quoted with it).
    expect(await say(SITE_HANDLER, '回复 已责令工地夜间停工，现已整改')).toEqual([
      `要把「已责令工地夜间停工，现已整改」作为投诉 ${code} 的办理结果答复市民吗？回复「是」即发送，也可发送「回复 ${code} 办理结果」另写；如是隐患整改，请发送「整改 编号」。`,
    ])
    await say(SITE_HANDLER, '是')
    const [answered] = await database.db.select().from(complaints).where(eq(complaints.code, code))
    expect(answered).toMatchObject({ status: 'closed', outcome: '已责令工地夜间停工，现已整改' })
    // 「我要投诉你们」 after the answer is about the handling: on its history for the call-back (it had been asked
    // what the problem was, and where).
    // (The answer itself may go out with this reply, before it: the last is this message's own.)
    expect((await chat(harness.services, citizen, '我要投诉你们', 'mp')).at(-1)).toBe(WORDING.citizenDissatisfied(code))
    expect(await notesOn(answered?.id ?? 0)).toContain('市民对办理有意见：我要投诉你们')
    const filed = await database.db.select().from(complaints).where(eq(complaints.citizenExternalId, citizen))
    expect(filed).toHaveLength(1)
  })

  it('keeps 「回复 …」 from a handler with a hazard of the same thing off the hazard (a rectification had started)', async () => {
    // 市政 has the open hazard 人民路88号井盖破损 and one complaint in hand about a manhole: that complaint's answer.
    const [offered] = await say(HANDLER, '回复 已安排人员更换井盖，现已修复')
    expect(offered).toMatch(/^要把「已安排人员更换井盖，现已修复」作为投诉 TS\d{8}-\d{4} 的办理结果答复市民吗？/)
    const [manhole] = await database.db.select().from(hazards).where(eq(hazards.description, '人民路88号井盖破损'))
    expect(manhole?.status).toBe('assigned')
    await say(HANDLER, '取消')
  })

  it('tells someone with no complaint that none is on record when they ask who handles it', async () => {
    expect(await chat(harness.services, 'o-own-and-unit-nobody', '谁在处理我的投诉', 'mp')).toEqual([
      WORDING.noComplaints,
    ])
  })
})

describe('a hazard taken on for a day next week', () => {
  it('takes on 「人民路那个隐患我们下周一去处理」 (it was not understood)', async () => {
    const [taken] = await say(HANDLER, '人民路那个隐患我们下周一去处理')
    expect(taken).toMatch(/^已接收隐患 YH\d{8}-\d{4}（人民路88号井盖破损），状态改为整改中/)
    const [manhole] = await database.db.select().from(hazards).where(eq(hazards.description, '人民路88号井盖破损'))
    expect(manhole?.status).toBe('rectifying')
  })
})

describe('by when a complaint or a hazard must be done, asked without its number', () => {
  it('answers with the deadlines — the named complaint’s, the unit’s to-do, or what falls due — instead of not understanding', async () => {
    const ticket = lastCode(
      await chat(harness.services, 'mp-deadline-asker', '朗州路和洞庭大道交叉口有个井盖松了 车一压就响', 'mp'),
      'TS',
    )
    const [row] = await database.db.select().from(complaints).where(eq(complaints.code, ticket))
    expect(row?.unitId).not.toBeNull()
    // (Each was not understood.)
    const [named] = await say(LEADER, '朗州路井盖那个投诉什么时候能办好')
    expect(named).toMatch(new RegExp(`^与「朗州路井盖」相关的投诉：\\n· ${ticket} .*期限 11月24日 17:00`))
    for (const asked of ['这个投诉什么时候要办完', '我们还有几天时间']) {
      const [todo] = await say(HANDLER, asked)
      expect(todo).toMatch(/^【待办事项】共 \d+ 项，按期限先后排列/)
      expect(todo).toContain(`${ticket} 投诉待签收`)
    }
    const [dueSoon] = await say('demo:duty_officer', '市政那个投诉多久要办完')
    expect(dueSoon).toMatch(/^24小时内到期的投诉：/)
    expect(dueSoon).toContain(ticket)
  })
})

describe('why a hazard just reported has no unit yet', () => {
  it('says a major one waits for the 五落实 and a general one to whom it went (it was not understood)', async () => {
    const FINDER = 'demo:field_staff'
    await say(FINDER, '人民路188号路面塌陷 有个大坑 重大')
    const major = lastCode(await say(FINDER, '确认'), 'YH')
    const [why] = await say(FINDER, '刚才发的隐患为什么没有交办')
    expect(why).toMatch(new RegExp(`^隐患 ${major}（.+）是重大隐患，须由督查员（安监科）落实“五落实”`))
    await say(FINDER, '人民路199号井盖缺失 一般')
    const general = lastCode(await say(FINDER, '确认'), 'YH')
    const [handed] = await say(FINDER, '我报的隐患怎么还没派下去')
    expect(handed).toMatch(new RegExp(`^隐患 ${general}（.+）已交办市政建设总公司，整改期限 `))
  })
})
