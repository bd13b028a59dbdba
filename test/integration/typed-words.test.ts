import { desc, eq, like } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { WORDING } from '../../bots/wording'
import { complaintEvents, complaints, conversations, hazardEvents, hazards, outbox, patrols } from '../../src/db/schema'
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
const HANDLER = 'demo:handler'
const SUPERVISOR = 'demo:supervisor'
const LEADER = 'demo:leader'
const DUTY = 'demo:duty_officer'
const UNIT_LEADER = 'demo:unit_leader'
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

describe('a handler who speaks of a hazard with none open', () => {
  it('says no hazard waits for 「隐患整改完成 附照片」, naming the complaints in hand (the words had been offered to a citizen)', async () => {
    const [told] = await say(HANDLER, '隐患整改完成 附照片')
    expect(told).toMatch(/^您单位目前没有待整改的隐患。/)
    expect(told).not.toContain('要把「')
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

describe('a citizen asking when works nearby end', () => {
  it('takes 「燃气改造什么时候弄完 我们小区挖了两个月了」 as a problem told of, not a question about their ticket', async () => {
    const citizen = 'o-typed-3'
    lastCode(await citizenSays(citizen, '育英小区北门有个大坑'), 'TS')
    await citizenSays(citizen, '不用')
    expect(await citizenSays(citizen, '请问燃气改造什么时候弄完 我们小区挖了两个月了')).toEqual([WORDING.askPlace])
    // Their ticket asked after in its own words is still its state.
    expect((await citizenSays(citizen, '取消'))[0]).toBeDefined()
    expect((await citizenSays(citizen, '什么时候能修好'))[0]).toMatch(/^投诉 TS\d{8}-\d{4}：/)
  })
})

describe('a hazard’s level said in words', () => {
  it('regrades on 「把YH… 定为重大隐患」 with its reason, and asks the reason when none is given (a new hazard form had opened)', async () => {
    await say(STAFF, '上报隐患 人民路88号井盖破损')
    await say(STAFF, '一般')
    const code = lastCode(await say(STAFF, '确认'), 'YH')
    expect(await say(SUPERVISOR, `把${code}定为重大隐患`)).toEqual([
      `请写明等级和理由，例如：定级 ${code} 重大 塌陷范围扩大，危及行人`,
    ])
    const [regraded] = await say(SUPERVISOR, `${code} 定为重大 井盖缺失位于主干道 车流量大`)
    expect(regraded).toMatch(new RegExp(`^隐患 ${code} 已定为重大隐患`))
    const [row] = await database.db.select().from(hazards).where(eq(hazards.code, code))
    expect(row?.level).toBe('major')
    const events = await database.db
      .select()
      .from(hazardEvents)
      .where(eq(hazardEvents.hazardId, row?.id as number))
      .orderBy(hazardEvents.id)
    expect(events.filter((e) => e.kind === 'regrade').map((e) => e.note)).toEqual([
      '定为重大隐患：井盖缺失位于主干道 车流量大',
    ])
    expect(await say(SUPERVISOR, `${code}改成一般 已设置围挡`)).toEqual([`隐患 ${code} 已定为一般隐患。`])
    expect(await say(SUPERVISOR, '把YH20261123-0099定为重大隐患')).toEqual(['未找到隐患 YH20261123-0099。'])
    // The reporter who says it is general, not major, hears that a saved hazard is changed by the office.
    const [amend] = await say(STAFF, '刚才那个隐患是一般的 不是重大')
    expect(amend).toContain(`您最近上报的隐患是 ${code}`)
  })
})

describe('a unit’s own records, asked after', () => {
  it('lists the unit’s hazards for 「查一下我们单位的隐患」 (a hazard form had opened)', async () => {
    const [listed] = await say(HANDLER, '查一下我们单位的隐患')
    expect(listed).toMatch(/^本月交办市政建设总公司的隐患 [1-9]\d* 项：\n· YH/)
    expect(listed).toContain('人民路88号井盖破损')
    const [bare] = await say(HANDLER, '我们单位的投诉')
    expect(bare).toMatch(/^今天交办市政建设总公司的投诉/)
  })
})

describe('a citizen who complains of someone else’s neglect', () => {
  it('takes 「投诉 物业不管事」 as a new complaint, not anger at an open ticket', async () => {
    const citizen = 'o-typed-2'
    const first = lastCode(await citizenSays(citizen, '沅江路18号井盖没了'), 'TS')
    await citizenSays(citizen, '不用')
    expect(await citizenSays(citizen, '投诉 物业不管事')).toEqual([WORDING.askPlace])
    const [row] = await database.db.select().from(complaints).where(eq(complaints.code, first))
    const notes = await database.db
      .select()
      .from(complaintEvents)
      .where(eq(complaintEvents.complaintId, row?.id as number))
    expect(notes.some((e) => e.note?.includes('物业不管事'))).toBe(false)
    const second = lastCode(await citizenSays(citizen, '桃花源小区'), 'TS')
    const [filed] = await database.db.select().from(complaints).where(eq(complaints.code, second))
    expect(filed).toMatchObject({ locationText: '桃花源小区' })
    expect(filed?.description).toContain('物业不管事')
    // Anger at the bureau itself still chases the open ticket.
    expect((await citizenSays(citizen, '你们就是不作为'))[0]).toMatch(/^已为您催办投诉 TS/)
  })
})

describe('whether a unit patrolled, and a shift taken over', () => {
  it('answers 「质安处这周巡查了吗」「市政今天巡查了吗」 with that unit’s figures (not understood, or 市政 read as a person)', async () => {
    const [week] = await say(SUPERVISOR, '质安处这周巡查了吗')
    expect(week).toMatch(/^本周截至目前（质安处）：\n巡查 \d+ 次/)
    const [today] = await say(SUPERVISOR, '市政今天巡查了吗')
    expect(today).toMatch(/^今天截至目前（市政建设总公司）：\n巡查 \d+ 次/)
    // A person named is still that person's patrols.
    expect(await say(LEADER, '张三丰今天巡查了吗')).toEqual(['今天还没有张三丰参加的巡查记录。'])
  })

  it('answers a leader’s 「今天巡查了吗」 with who has patrolled (they were told they had no record of their own)', async () => {
    const [units] = await say(LEADER, '今天巡查了吗')
    expect(units).toMatch(/^今天各巡查单位的巡查记录：/)
    expect(units).toContain('尚无记录')
    // Someone who patrols hears of their own (the one made up late was for last Friday).
    expect(await say(STAFF, '今天巡查了吗')).toEqual(['您今天还没有巡查记录。发送「巡查」即可填报。'])
  })

  it('briefs the duty officer who says 「我接班了」 or 「我今晚值班」 as on 「交班」 (not understood)', async () => {
    const [handover] = await say(DUTY, '交班')
    expect(await say(DUTY, '我接班了')).toEqual([handover])
    expect(await say(DUTY, '我今晚值班')).toEqual([handover])
    expect(handover).toMatch(/^\*\*今日截至 /)
  })
})

describe('the hazards waiting for their check, and a unit’s rate', () => {
  it('lists those awaiting the check for 「待验收的隐患」 (the supervisor had been given the whole to-do)', async () => {
    const [awaiting] = await say(SUPERVISOR, '待验收的隐患')
    expect(awaiting).not.toMatch(/^【待办事项】/)
    expect(awaiting).toContain('验收')
  })

  it('gives the month’s figures with the rate for 「燃气办的隐患整改率是多少」 (it had given what is open)', async () => {
    const [rate] = await say(LEADER, '燃气办的隐患整改率是多少')
    expect(rate).toMatch(/^本月截至目前（燃气办）：/)
    expect(rate).toContain('整改率')
  })
})

describe('a patrol filed by someone else, and someone else’s record said wrong', () => {
  it('tells whoever says another files the patrol that one record is enough (a patrol form had opened)', async () => {
    expect(await say(STAFF, '今天的巡查我让小王帮我报')).toEqual([WORDING.patrolFiledByOther])
    expect(await say(STAFF, '巡查记录由李明统一填报')).toEqual([WORDING.patrolFiledByOther])
    const open = await database.db.select().from(conversations).where(eq(conversations.senderExternalId, STAFF))
    expect(open.filter((row) => row.form !== null)).toEqual([])
  })

  it('shows the supervisor whose record is said wrong and how it is voided; others are told to ask them', async () => {
    await say(STAFF, '巡查 人民路 9点到11点 2人1车 正常')
    const code = lastCode(await say(STAFF, '确认'), 'XC')
    const [shown] = await say(SUPERVISOR, '今天巡查的记录有问题 张伟报的人数不对')
    expect(shown).toContain(`· ${code} 11月23日 09:00–11:00 人民路（张伟）`)
    expect(shown).toContain(WORDING.patrolRecordWrongHowToVoid)
    expect(await say(LEADER, '张伟报的巡查记录不对')).toEqual([WORDING.patrolRecordWrongAskSupervisor])
    // Nothing was changed or opened by the words.
    const [row] = await database.db.select().from(patrols).where(eq(patrols.code, code))
    expect(row?.voidedAt).toBeNull()
    const open = await database.db.select().from(conversations).where(eq(conversations.senderExternalId, SUPERVISOR))
    expect(open.filter((r) => r.form !== null)).toEqual([])
  })
})

describe('a citizen who says an earlier complaint was put right', () => {
  it('takes 「上个月投诉的那个路灯修好了 谢谢」 as their word on it, not a new report asked where', async () => {
    const citizen = 'o-typed-4'
    const code = lastCode(await citizenSays(citizen, '人民路88号路灯不亮'), 'TS')
    await citizenSays(citizen, '不用')
    expect(await citizenSays(citizen, '上个月投诉的那个路灯修好了 谢谢')).toEqual([WORDING.followUpForwarded(code)])
    const [row] = await database.db.select().from(complaints).where(eq(complaints.code, code))
    const notes = await database.db
      .select()
      .from(complaintEvents)
      .where(eq(complaintEvents.complaintId, row?.id as number))
      .orderBy(complaintEvents.id)
    expect(notes.at(-1)?.note).toBe('市民反馈：上个月投诉的那个路灯修好了 谢谢')
    // Asked whether it was, it is a question about it, as before.
    expect((await citizenSays(citizen, '上次投诉的路灯修好了吗'))[0]).toMatch(new RegExp(`^投诉 ${code}：`))
  })
})

describe('a handler’s words about what is already underway or done', () => {
  it('tells of a hazard taken on already for 「槐荫路那个井盖明天去换」 (it said nothing waited)', async () => {
    await say(STAFF, '上报隐患 槐荫路12号井盖缺失')
    await say(STAFF, '一般')
    const code = lastCode(await say(STAFF, '确认'), 'YH')
    expect((await say(HANDLER, `接收 ${code}`))[0]).toContain(code)
    const [underway] = await say(HANDLER, '槐荫路那个井盖明天去换')
    expect(underway).toMatch(new RegExp(`^隐患 ${code}（槐荫路12号井盖缺失）已接收，正在整改中，整改期限 `))
    const [row] = await database.db.select().from(hazards).where(eq(hazards.code, code))
    expect(row?.status).toBe('rectifying')
  })

  it('offers 「回复市民 护栏已经修好了」 as the answer to the complaint it names (it was not understood)', async () => {
    const ticket = lastCode(await citizenSays('o-typed-5', '槐荫路66号护栏断了'), 'TS')
    await citizenSays('o-typed-5', '不用')
    await say(HANDLER, `签收 ${ticket}`)
    expect(await say(HANDLER, '回复市民 护栏已经修好了')).toEqual([
      WORDING.replyWithTheseWords(ticket, '护栏已经修好了'),
    ])
    expect(await say(HANDLER, '是')).toHaveLength(1)
    const [row] = await database.db.select().from(complaints).where(eq(complaints.code, ticket))
    expect(row?.outcome).toBe('护栏已经修好了')
  })
})

describe('a major hazard named by its danger alone', () => {
  it('answers 「那个塌陷怎么样了」, lists it for 「塌陷那个挂牌督办」, and opens no report for a handler’s 「塌陷那个收到」', async () => {
    await say(STAFF, '重大隐患 武陵大道与洞庭大道交叉口路面塌陷 直径约2米 深1米 已设置围挡')
    const code = lastCode(await say(STAFF, '确认'), 'YH')
    const [how] = await say(LEADER, '那个塌陷怎么样了')
    expect(how).toMatch(new RegExp(`^与「塌陷」相关的隐患：\n· ${code} `))
    expect(await say(LEADER, '塌陷那个挂牌督办')).toEqual([`请写明挂牌原因，例如：挂牌 ${code} 本级 多次反复沉降`])
    const before = await database.db.select({ id: hazards.id }).from(hazards)
    expect(await say(HANDLER, '塌陷那个收到')).toEqual([WORDING.nothingWaitingToTakeUp])
    expect(await say(HANDLER, '五落实 责任人李娜 措施回填压实 资金市政列支 时限5天')).toEqual([
      WORDING.fiveFixesAtAssignment,
    ])
    expect(await database.db.select({ id: hazards.id }).from(hazards)).toHaveLength(before.length)
    const open = await database.db.select().from(conversations).where(eq(conversations.senderExternalId, HANDLER))
    expect(open.filter((row) => row.form !== null)).toEqual([])
  })
})

describe('a citizen who writes in English, greets in a hurry, or asks why a unit has it', () => {
  it('files 「Road light broken at Renmin Road No. 5」 at the place as written (it was asked where)', async () => {
    const code = lastCode(await citizenSays('o-typed-6', 'Road light broken at Renmin Road No. 5'), 'TS')
    const [row] = await database.db.select().from(complaints).where(eq(complaints.code, code))
    expect(row).toMatchObject({ category: 'road_municipal', locationText: 'Renmin Road No. 5' })
  })

  it('answers 「在吗在吗 急」 by asking what and where at once (it asked only where, of nothing said)', async () => {
    expect(await citizenSays('o-typed-7', '在吗在吗 急')).toEqual([WORDING.citizenGreetingUrgent])
  })

  it('tells why the ticket its number names went to its unit (it answered of the latest one)', async () => {
    const citizen = 'o-typed-8'
    const first = lastCode(await citizenSays(citizen, '滨湖公园的滑梯断了一块木板'), 'TS')
    await citizenSays(citizen, '不用')
    lastCode(await citizenSays(citizen, '人民路99号井盖没了'), 'TS')
    await citizenSays(citizen, '不用')
    const [why] = await citizenSays(citizen, `我投诉的${first}为什么派给了园林局`)
    expect(why).toMatch(new RegExp(`^投诉 ${first} 登记为「园林绿化」类问题，按类别交由园林局办理。如类别不对`))
  })
})

describe('short asks from those overseeing', () => {
  it('gives a unit’s leader their own deductions for 「为什么扣了这么多分」 (it gave the ranking)', async () => {
    expect((await say(UNIT_LEADER, '为什么扣了这么多分'))[0]).toMatch(
      /^市政建设总公司\d{4}年\d{1,2}月考核（截至目前）：\d+ 分\n扣分：/,
    )
    // The bureau's leader, with no unit of their own, still hears every unit.
    expect((await say(LEADER, '为什么扣了这么多分'))[0]).toMatch(/^\d{4}年\d{1,2}月考核得分（截至目前）：\n1\. /)
  })

  it('answers a rate named alone, an export of records by their kind, and the figures for a meeting', async () => {
    expect((await say(LEADER, '投诉满意度'))[0]).toMatch(/^本月.*回访/)
    expect((await say(LEADER, '本月整改率'))[0]).toMatch(/^本月截至目前（全市）：[\s\S]*整改率/)
    expect(await say(HANDLER, '帮我把这个月的投诉导出来')).toEqual([WORDING.ledgerExportWhere])
    expect((await say(LEADER, '下周一开安全例会 要哪些数据'))[0]).toMatch(/^会议用的数据可以直接问/)
  })
})

describe('what one person has done, asked by name', () => {
  it('counts a handler’s complaints signed for and answered (「李娜最近处理了几个投诉」 was not understood)', async () => {
    const ticket = lastCode(await citizenSays('o-typed-9', '槐荫路88号路灯不亮'), 'TS')
    await citizenSays('o-typed-9', '不用')
    await say(HANDLER, `签收 ${ticket}`)
    await say(HANDLER, `回复 ${ticket} 已更换灯泡`)
    const [counted] = await say(UNIT_LEADER, '李娜最近处理了几个投诉')
    const figures = /^李娜近30天签收投诉 (\d+) 件，答复市民 (\d+) 件。$/.exec(counted ?? '')
    expect(Number(figures?.[1])).toBeGreaterThanOrEqual(1)
    expect(Number(figures?.[2])).toBeGreaterThanOrEqual(2)
    // Someone of another unit, someone nobody is called, and a unit said short.
    expect(await say(HANDLER, '王强处理了几个投诉')).toEqual(['其他单位人员的办理情况由领导和督查员查看。'])
    expect(await say(LEADER, '张三丰处理了几个投诉')).toEqual(['没有找到名叫张三丰的在岗人员。'])
    expect((await say(LEADER, '市政处理了几个投诉'))[0]).toMatch(/^本月截至目前（市政建设总公司）：/)
  })
})

describe('a citizen’s answers in several short messages', () => {
  it('puts 「就是靠近百货大楼那段」 on the ticket just filed (it filed a second complaint there)', async () => {
    const citizen = 'o-typed-10'
    await citizenSays(citizen, '路灯坏了')
    const code = lastCode(await citizenSays(citizen, '在人民路'), 'TS')
    expect(await citizenSays(citizen, '就是靠近百货大楼那段')).toEqual([
      `已将地点「人民路 靠近百货大楼那段」补充到投诉 ${code}。`,
    ])
    const mine = await database.db.select().from(complaints).where(eq(complaints.citizenExternalId, citizen))
    expect(mine).toHaveLength(1)
  })

  it('takes 「压着电线」 to where as danger told (advice given), 「在哪里我也说不清」 as not known, 「算了不说了」 as dropping it', async () => {
    const citizen = 'o-typed-11'
    await citizenSays(citizen, '树倒了')
    const [advice, askedAgain] = await citizenSays(citizen, '压着电线')
    expect(advice).toMatch(/^⚠️ 安全提示：请远离掉落或裸露的电线/)
    expect(askedAgain).toMatch(/^已补充到问题描述。/)
    const code = lastCode(await citizenSays(citizen, '滨湖路口'), 'TS')
    const [row] = await database.db.select().from(complaints).where(eq(complaints.code, code))
    expect(row?.description).toBe('树倒了；压着电线')
    await citizenSays(citizen, '不用')
    await citizenSays(citizen, '有个坑')
    expect(await citizenSays(citizen, '在哪里我也说不清')).toEqual([WORDING.placeApproximate])
    await citizenSays(citizen, '取消')
    await citizenSays(citizen, '我要投诉')
    expect(await citizenSays(citizen, '算了不说了')).toEqual([WORDING.pendingDropped])
  })
})

describe('a message carrying a NUL character', () => {
  it('is stored and answered without it, from a way in that does not clean it first (the insert had failed)', async () => {
    const code = lastCode(await citizenSays('o-typed-12', '\u0000人民路12号井盖没了\u0000'), 'TS')
    const [row] = await database.db.select().from(complaints).where(eq(complaints.code, code))
    expect(row?.description).toBe('人民路12号井盖没了')
    // A backslash typed before u0000 is text, kept as typed.
    const typed = lastCode(await citizenSays('o-typed-13', '人民路14号井盖没了 \\u0000'), 'TS')
    const [kept] = await database.db.select().from(complaints).where(eq(complaints.code, typed))
    expect(kept?.description).toContain('\\u0000')
  })
})

describe('a complaint not the bureau’s to take up (不予受理)', () => {
  const toldCitizen = async (citizen: string) =>
    (await database.db.select().from(outbox).where(like(outbox.dedupeKey, 'complaint-rejected:%')))
      .filter((row) => JSON.stringify(row.recipient).includes(citizen))
      .map((row) => (row.message as { text?: string }).text ?? '')

  it('closes it by number or by name with why, and tells the citizen (neither was understood; the name opened a form)', async () => {
    const first = lastCode(await citizenSays('o-typed-14', '隔壁在违章搭建 三层变五层了 在柳叶大道金色家园旁边'), 'TS')
    await citizenSays('o-typed-14', '不用')
    expect(await say(DUTY, '违章搭建那个 不属于住建 回复市民找城管')).toEqual([
      `投诉 ${first} 已作不予受理，原因已告知市民。`,
    ])
    const [row] = await database.db.select().from(complaints).where(eq(complaints.code, first))
    expect(row?.status).toBe('rejected')
    expect(await toldCitizen('o-typed-14')).toEqual([WORDING.complaintRejectedNotice(first, '不属于住建 找城管')])
    const second = lastCode(await citizenSays('o-typed-15', '楼下商铺占道经营 在人民路99号'), 'TS')
    await citizenSays('o-typed-15', '不用')
    expect(await say(DUTY, `不予受理 ${second}`)).toEqual([
      `请写明不予受理的原因，例如：不予受理 ${second} 违章搭建属城管执法范围`,
    ])
    // A unit's handler may not refuse it: the rule says who may.
    expect((await say(HANDLER, `${second} 不予受理 属城管执法范围`))[0]).not.toMatch(/已作不予受理/)
    expect(await say(DUTY, `${second} 不予受理 属城管执法范围`)).toEqual([
      `投诉 ${second} 已作不予受理，原因已告知市民。`,
    ])
    expect(await toldCitizen('o-typed-15')).toEqual([WORDING.complaintRejectedNotice(second, '属城管执法范围')])
  })
})

describe('open items of one kind, asked after', () => {
  it('lists the open hazards and complaints of the kind 「燃气方面」「工地方面」 names (it was not understood)', async () => {
    const ticket = lastCode(await citizenSays('o-typed-16', '人民路188号燃气表漏气'), 'TS')
    await citizenSays('o-typed-16', '不用')
    const [gas] = await say(LEADER, '最近有没有燃气方面的问题')
    expect(gas).toContain('「燃气」类办理中投诉 1 件：')
    expect(gas).toContain(`· ${ticket} 人民路188号燃气表漏气`)
    const [sites] = await say(DUTY, '工地方面有什么隐患')
    expect(sites).toMatch(/^(?:「建筑工地」类|目前没有「建筑工地」类)/)
    expect(await say(LEADER, '供水方面有什么问题吗')).toEqual([
      expect.stringMatching(/^(?:「供水管网及消防栓」类|目前没有「供水管网及消防栓」类的未销号隐患或办理中的投诉。)/),
    ])
  })
})
