import { eq, like } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { WORDING } from '../../bots/wording'
import { complaintEvents, complaints, hazardEvents, hazards, outbox } from '../../src/db/schema'
import { ManualClock } from '../../src/domain/clock'
import { zonedInstant } from '../../src/domain/local-time'
import { testApp } from '../helpers/app'
import { type ChatInput, chat, lastCode } from '../helpers/chat'
import { createTestDatabase, seedDefaults, TEST_TIME_ZONE, type TestDatabase } from '../helpers/db'
import { complaintNotes } from '../helpers/notes'

/**
 * A unit's handler with a hazard to take on and a complaint just signed for, answering in words without numbers:
 * what they say about the complaint is never taken as the hazard's, and what they did is put to the record it names.
 */
const STAFF = 'demo:field_staff'
const HANDLER = 'demo:handler'
const CITIZEN = 'demo:citizen'
const LEADER = 'demo:leader'
const SUPERVISOR = 'demo:supervisor'
const clock = new ManualClock(zonedInstant('2026-11-23', TEST_TIME_ZONE, 17))
let database: TestDatabase
let harness: ReturnType<typeof testApp>
const say = (who: string, input: ChatInput) => chat(harness.services, who, input)
const notesOn = (code: string) => complaintNotes(database, code)
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

  it('takes on the hazard named in 「建设路那个井盖我们已经收到了」, and answers whether one was closed asked in words', async () => {
    await say(STAFF, '上报隐患 建设路与朝阳路口井盖缺失')
    await say(STAFF, '一般')
    const code = lastCode(await say(STAFF, '确认'), 'YH')
    expect((await say(HANDLER, '建设路那个井盖我们已经收到了'))[0]).toMatch(new RegExp(`^已接收隐患 ${code}（`))
    expect(await statusOf(code)).toBe('rectifying')
    // 「销号了吗」「验收了没有」 ask where it stands (they had not been understood).
    for (const asked of ['建设路那个井盖销号了吗', '建设路井盖验收了没有']) {
      const [answer] = await say(STAFF, asked)
      expect(answer).toMatch(/^与「建设路井盖」相关的隐患：\n/)
      expect(answer).toContain(`· ${code} 建设路与朝阳路口井盖缺失（整改中，`)
    }
    // Closed, it is said so (and is out of the way of the hazards in hand below).
    await say(HANDLER, `整改 ${code} 已更换新井盖`)
    await say(HANDLER, '确认')
    await say(SUPERVISOR, `验收 ${code} 通过`)
    await say(SUPERVISOR, '确认')
    expect(await statusOf(code)).toBe('closed')
    expect((await say(STAFF, '建设路那个井盖销号了吗'))[0]).toContain(`· ${code} 建设路与朝阳路口井盖缺失（已销号`)
  })

  it('signs for the one complaint waiting on 「收到」 alone, and asks which when a hazard waits too', async () => {
    const ticket = lastCode(await say(CITIZEN, '朗州路12号井盖缺失'), 'TS')
    await say(CITIZEN, '不用')
    expect(await say(HANDLER, '收到')).toEqual([`已签收投诉 ${ticket}，请在时限内办理并回复结果。`])
    const next = lastCode(await say(CITIZEN, '皂果路3号井盖缺失'), 'TS')
    await say(CITIZEN, '不用')
    await say(STAFF, '上报隐患 皂果路5号路灯杆倾斜')
    await say(STAFF, '一般')
    const hazard = lastCode(await say(STAFF, '确认'), 'YH')
    const [which] = await say(HANDLER, '好的，收到')
    expect(which).toContain(`请回复「接收 编号」，例如：接收 ${hazard}。`)
    expect(which).toContain('另有 1 件投诉待签收')
    expect(await statusOf(hazard)).toBe('assigned')
    const [waiting] = await database.db.select().from(complaints).where(eq(complaints.code, next))
    expect(waiting?.status).toBe('assigned')
    // Both answered, so nothing of this test is late in the next ones.
    await say(HANDLER, `签收 ${next}`)
    for (const code of [ticket, next]) await say(HANDLER, `回复 ${code} 已更换井盖`)
  })

  it('answers 「退回」 with how to hand a record on, and 「催一下」 with what it needs', async () => {
    expect(await say(HANDLER, '退回')).toEqual([WORDING.notOurs])
    expect(await say(LEADER, '催一下')).toEqual([
      '请在「催办」后附上编号，例如：催办 TS20261123-0001。发送「我的待办」可查看待办事项和编号。',
    ])
    // 「有哪些没派单的」 is the to-do list (it had answered that it could not tell).
    expect((await say('demo:duty_officer', '有哪些没派单的'))[0]).toMatch(/^(?:【待办事项】|您暂无待办事项)/)
  })
})

describe('those overseeing, in their own words', () => {
  it('urges every unit with something late on 「把超期的单位通报一下」, and only for those overseeing', async () => {
    expect(await say(LEADER, '把超期的单位通报一下')).toEqual([
      '目前没有超期未整改的隐患或超时未办结的投诉，无需催办。',
    ])
    const ticket = lastCode(await say(CITIZEN, '朗州路66号井盖松动'), 'TS')
    await say(CITIZEN, '不用')
    clock.advance(3 * 24 * 3600_000)
    const before = await database.db.select().from(hazards)
    const [urged] = await say(LEADER, '把超期的单位通报一下')
    const [late] = await database.db.select().from(complaints).where(eq(complaints.code, ticket))
    expect(urged).toMatch(/^已向 1 个有超期事项的单位发送催办提醒：\n· [^：]+：超期隐患 0 项，超时投诉 1 件$/)
    // Asked which unit is late, the same unit, and nobody reminded again.
    const remindersBefore = (await database.db.select().from(outbox)).length
    expect((await say(LEADER, '哪个单位超期最多'))[0]).toMatch(
      /^截至 \d+月\d+日 \d\d:\d\d，有超期事项的单位（按件数）：\n· [^：]+：超期隐患 0 项，超时投诉 1 件$/,
    )
    expect((await database.db.select().from(outbox)).length).toBe(remindersBefore + 1)
    const sent = await database.db.select().from(outbox)
    expect(
      sent.some(
        (row) => JSON.stringify(row.message).includes('【催办】') && row.dedupeKey?.startsWith(`urge:${late?.unitId}:`),
      ),
    ).toBe(true)
    expect(await database.db.select().from(hazards)).toHaveLength(before.length)
    expect(await say(STAFF, '把超期的单位通报一下')).toEqual([WORDING.urgeForOverseers])
  })

  it('urges a handler named by name as their unit, and only for those overseeing', async () => {
    const [urged] = await say(LEADER, '帮我催一下李娜')
    expect(urged).toMatch(/^已向市政建设总公司的经办人发送催办提醒（1 个账号）：待整改隐患 \d+ 项/)
    expect(await say(STAFF, '催一下李娜')).toEqual([WORDING.urgeForOverseers])
  })

  it('answers after the majors asked in plain words, how the supervision record is kept, a visit planned and a report to sign', async () => {
    for (const asked of ['最近有什么大的隐患吗', '有严重的隐患吗'])
      expect(await say(LEADER, asked)).toEqual(['目前没有未销号的重大隐患。'])
    expect(await say(SUPERVISOR, '今天的督查记录怎么填')).toEqual([WORDING.staffSupport.supervision_howto])
    // An annex named as the form wanted (「附件3的表格生成一下」 was not understood): what it is and where it is made.
    for (const [asked, form] of [
      ['附件3的表格生成一下', '周报表》'],
      ['把附件4做一下', '月（季）报表》'],
      ['附件5', '安全督查工作记录表》'],
    ])
      expect((await say(LEADER, asked))[0]).toMatch(
        new RegExp(`^附件[345]是《.*${form}.*管理后台「(?:报表|督查台账)」页`),
      )
    expect(await say(SUPERVISOR, '附件5督查记录表怎么填')).toEqual([WORDING.staffSupport.supervision_howto])
    expect(await say(SUPERVISOR, '我明天要去桥管处检查')).toEqual([WORDING.supervisionPlanned])
    expect(await say('demo:unit_leader', '帮我签一下周报')).toEqual(['当前没有等待您签字的报表或督查记录。'])
    // 「有没有紧急的」「有急事吗」 were not understood: today so far and the digest, as for 「有没有什么紧急的」.
    for (const asked of ['有没有紧急的', '现在有急事吗'])
      expect((await say('demo:duty_officer', asked))[0]).toMatch(/^\*\*今日截至 .*\n\n## 巡安日报/s)
  })
})

describe('one hazard urged on (督办)', () => {
  it('reminds the unit of 「YH… 督办一下」 and of one named 「…那个催一下」, keeps it on the history, and only for those overseeing', async () => {
    await say(STAFF, '上报隐患 芷兰路66号路灯杆倾斜')
    await say(STAFF, '一般')
    const code = lastCode(await say(STAFF, '确认'), 'YH')
    const reminders = async () =>
      (await database.db.select().from(outbox)).filter((row) => JSON.stringify(row.message).includes(`【督办】`))
    const before = (await reminders()).length
    // (Neither was understood.)
    for (const said of [`${code} 督办一下`, '芷兰路路灯那个催一下'])
      expect(await say(LEADER, said)).toEqual([`已督办隐患 ${code}，已提醒责任单位经办人（1 个账号）抓紧整改。`])
    const sent = (await reminders()).slice(before)
    expect(sent).toHaveLength(2)
    expect(JSON.stringify(sent[0]?.message)).toContain(`隐患 ${code}（芷兰路66号路灯杆倾斜）请抓紧整改`)
    const [hazard] = await database.db.select().from(hazards).where(eq(hazards.code, code))
    const urged = (
      await database.db
        .select()
        .from(hazardEvents)
        .where(eq(hazardEvents.hazardId, hazard?.id ?? 0))
        .orderBy(hazardEvents.id)
    )
      .filter((e) => e.kind === 'urged')
      .map((e) => [e.note, e.toStatus])
    expect(urged).toEqual([
      ['督办：领导刘明要求抓紧整改', 'assigned'],
      ['督办：领导刘明要求抓紧整改', 'assigned'],
    ])
    expect(await say(STAFF, `${code} 督办一下`)).toEqual([WORDING.urgeForOverseers])
    expect(await say(LEADER, '芙蓉西路护栏那个催一下')).toEqual([
      '没有找到与「芙蓉西路护栏」相符的整改中隐患或办理中投诉。请发送「督办 编号」。',
    ])
    expect((await reminders()).length).toBe(before + 2)
  })
})

describe('a complaint handed on in words', () => {
  it('hands it on for 「这个不归我们管，是道管处的」 and 「让市政去处理」', async () => {
    const ticket = lastCode(await say(CITIZEN, '路上有个大坑，在城东新区东湖路'), 'TS')
    await say(CITIZEN, '不用')
    const unitOf = async () =>
      (await database.db.select({ unitId: complaints.unitId }).from(complaints).where(eq(complaints.code, ticket)))[0]
        ?.unitId
    const first = await unitOf()
    expect(await say(HANDLER, `${ticket} 这个不归我们管，是道管处的`)).toEqual([
      `已将投诉 ${ticket} 转办至道管处，已通知该单位签收办理。`,
    ])
    expect(await unitOf()).not.toBe(first)
    expect(await say('demo:duty_officer', `${ticket} 让市政去处理`)).toEqual([
      `已将投诉 ${ticket} 转办至市政建设总公司，已通知该单位签收办理。`,
    ])
    expect(await unitOf()).toBe(first)
    // Whose it should be, said with why (it was not understood).
    expect(await say(HANDLER, `${ticket} 这个是燃气的问题 应该燃气办管`)).toEqual([
      `已将投诉 ${ticket} 转办至燃气办，已通知该单位签收办理。`,
    ])
    expect(await unitOf()).not.toBe(first)
  })

  it('moves a hazard to the unit named in 「YH… 让燃气办去处理」, for the supervising office only', async () => {
    await say(STAFF, '上报隐患 人民路99号井盖松动')
    await say(STAFF, '一般')
    const hazard = lastCode(await say(STAFF, '确认'), 'YH')
    expect(await say(HANDLER, `${hazard} 让燃气办去处理`)).toEqual(['您没有权限对该隐患执行此操作。'])
    expect(await say(SUPERVISOR, `${hazard} 让燃气办去处理`)).toEqual([
      `隐患 ${hazard} 已改派燃气办整改，已通知该单位。`,
    ])
  })
})

describe("a complaint's result, said in words", () => {
  const outcomeOf = async (code: string) =>
    (await database.db.select().from(complaints).where(eq(complaints.code, code)))[0]

  it('tells a handler whose unit has nothing waiting how to name the record, instead of not understanding', async () => {
    for (const said of ['已派人去了', '收到，马上安排'])
      expect(await say('demo:handler_zhianchu', said)).toEqual([WORDING.nothingWaitingToTakeUp])
  })

  it('asks which and then for the result on 「回复一下市民」, and sends what follows', async () => {
    const lamp = lastCode(await say(CITIZEN, '朗州路20号路灯不亮'), 'TS')
    await say(CITIZEN, '不用')
    const cover = lastCode(await say(CITIZEN, '朗州路30号井盖松动'), 'TS')
    await say(CITIZEN, '不用')
    const [which] = await say(HANDLER, '回复一下市民吧')
    expect(which).toMatch(/^请问是哪一件投诉？/)
    expect(which).toContain(cover)
    expect(which).toContain(lamp)
    // 「取消」 keeps the citizen unanswered, and says so.
    expect(await say(HANDLER, '取消')).toEqual([WORDING.complaintReplyHeld])
    await say(HANDLER, '可以答复市民了')
    expect(await say(HANDLER, '朗州路30号那件')).toEqual([WORDING.askComplaintOutcome(cover, '朗州路30号井盖松动')])
    // Which one is no result: 「人民路的」 would have been sent to the citizen as one.
    expect((await outcomeOf(cover))?.status).toBe('assigned')
    expect(await say(HANDLER, '已更换新井盖，恢复通行')).toEqual([`已回复投诉 ${cover}，办理结果将告知市民。`])
    const replied = await outcomeOf(cover)
    expect(replied?.status).toBe('closed')
    expect(replied?.outcome).toBe('已更换新井盖，恢复通行')
    // The citizen is told the result.
    const told = (await database.db.select().from(outbox)).filter(
      (row) => JSON.stringify(row.recipient).includes(CITIZEN) && JSON.stringify(row.message).includes(cover),
    )
    expect(told.some((row) => JSON.stringify(row.message).includes('已更换新井盖，恢复通行'))).toBe(true)
  })

  it('offers what was done as the result of the complaint it names, and sends it on 「是」', async () => {
    const [lamp] = await database.db.select().from(complaints).where(eq(complaints.description, '朗州路20号路灯不亮'))
    const code = lamp?.code ?? ''
    const said = '朗州路20号的路灯已经修好了'
    expect(await say(HANDLER, said)).toEqual([WORDING.replyWithTheseWords(code, said)])
    expect((await outcomeOf(code))?.status).toBe('assigned')
    expect(await say(HANDLER, '是')).toEqual([`已回复投诉 ${code}，办理结果将告知市民。`])
    expect((await outcomeOf(code))?.outcome).toBe(said)
    // The offer is spent: another 「是」 sends nothing again.
    expect(await say(HANDLER, '是')).not.toEqual([`已回复投诉 ${code}，办理结果将告知市民。`])
  })
})

describe('a complaint spoken of by its place, without its number', () => {
  it('offers what was done as its result and keeps a plan as its progress, opening no hazard report', async () => {
    const SITE_HANDLER = 'demo:handler_zhianchu'
    const noisy = lastCode(await say(CITIZEN, '滨江路万达工地晚上12点还在施工 吵得没法睡'), 'TS')
    await say(CITIZEN, '不用')
    const muddy = lastCode(await say(CITIZEN, '桃花源路在建工地门口泥浆满地 车辆打滑'), 'TS')
    await say(CITIZEN, '不用')
    const hazardsBefore = (await database.db.select().from(hazards)).length
    const done = '滨江路万达工地的投诉我们去看了 确实在夜间施工 已经责令停工'
    // (It had opened a major hazard report of the site.)
    expect(await say(SITE_HANDLER, done)).toEqual([WORDING.replyWithTheseWords(noisy, done)])
    expect(await say(SITE_HANDLER, '是')).toEqual([`已回复投诉 ${noisy}，办理结果将告知市民。`])
    // 「桃花源路工地」 names the complaint at 「桃花源路在建工地门口」 (it was not understood).
    expect(await say(SITE_HANDLER, '桃花源路工地那个投诉 我们明天去现场看看')).toEqual([
      WORDING.complaintNoteKept(muddy, false),
    ])
    expect((await notesOn(muddy)).some((note) => note?.includes('我们明天去现场看看'))).toBe(true)
    expect((await database.db.select().from(hazards)).length).toBe(hazardsBefore)
    // A hazard found at the complaint's site is reported as one.
    expect((await say(SITE_HANDLER, '桃花源路工地投诉的现场发现基坑没有围挡'))[0]).toMatch(/^是一般隐患还是重大隐患？/)
    await say(SITE_HANDLER, '取消')
    // (Answered, out of the way of the complaints in hand below.)
    await say(SITE_HANDLER, `回复 ${muddy} 已清理泥浆`)
  })
})

describe('a hazard named in words after its command', () => {
  it('checks the one waiting hazard 「验收一下雁池路那个井盖」 names, saying which, and asks the number when none fits', async () => {
    await say(STAFF, '上报隐患 雁池路12号井盖破损')
    await say(STAFF, '一般')
    const hazard = lastCode(await say(STAFF, '确认'), 'YH')
    await say(HANDLER, `接收 ${hazard}`)
    await say(HANDLER, `整改 ${hazard} 已更换井盖`)
    await say(HANDLER, '确认')
    expect(await statusOf(hazard)).toBe('awaiting_verification')
    // It had asked for the number, with the list.
    expect(await say(SUPERVISOR, '验收一下雁池路那个井盖，没问题')).toEqual([
      `${WORDING.hazardPicked(hazard, '雁池路12号井盖破损')}【整改验收】请核对：\n隐患编号：${hazard}\n验收结果：通过\n回复「确认」保存，「修改 字段名」修改（如：修改 验收结果），「取消」放弃。`,
    ])
    await say(SUPERVISOR, '取消')
    // Words that name no waiting hazard still ask for the number.
    expect((await say(SUPERVISOR, '验收一下白沙路的井盖'))[0]).toMatch(/^请发送隐患编号/)
    await say(SUPERVISOR, '取消')
  })
})

describe('the duty officer on a citizen’s report of danger, in words', () => {
  it('keeps 「已通知燃气公司到场」 on the one complaint of danger of the last day (it was not understood)', async () => {
    const code = lastCode(await say(CITIZEN, '解放路12号楼下燃气味很重'), 'TS')
    await say(CITIZEN, '不用')
    const [kept] = await say('demo:duty_officer', '已通知燃气公司到场，人员已疏散')
    expect(kept).toMatch(new RegExp(`^已将您说的情况记入投诉 ${code} 的办理进展。`))
    const [complaint] = await database.db.select().from(complaints).where(eq(complaints.code, code))
    const events = await database.db
      .select()
      .from(complaintEvents)
      .where(eq(complaintEvents.complaintId, complaint?.id as number))
    expect(events.map((e) => e.note)).toContain('已通知燃气公司到场，人员已疏散')
    // A second report of danger: which one is asked, nothing kept.
    const other = lastCode(await say(CITIZEN, '建设路88号燃气管道漏气了'), 'TS')
    await say(CITIZEN, '不用')
    const [which] = await say('demo:duty_officer', '已通知燃气公司到场')
    expect(which).toMatch(/^有多件市民报告的险情/)
    expect(which).toContain(code)
    expect(which).toContain(other)
  })
})

describe('a handler’s plans, photos and requests, in words', () => {
  it('takes on 「井盖那个明天去处理」, starts the rectification on a photo’s caption, and answers a request for more time', async () => {
    await say(STAFF, '上报隐患 沅江路66号井盖缺失')
    await say(STAFF, '一般')
    const hazard = lastCode(await say(STAFF, '确认'), 'YH')
    // It was not understood.
    expect((await say(HANDLER, '井盖那个明天去处理'))[0]).toMatch(new RegExp(`^已接收隐患 ${hazard}（`))
    expect(await statusOf(hazard)).toBe('rectifying')
    // 「这是…整改后的照片」 after the photo starts that hazard's rectification (it was not understood).
    await say(HANDLER, { kind: 'image' })
    const [asked] = await say(HANDLER, '这是井盖整改后的照片')
    expect(asked).not.toMatch(/暂未理解/)
    const summary = (await say(HANDLER, '已更换新井盖')).join('\n')
    expect(summary).toContain(`隐患编号：${hazard}`)
    expect(summary).toContain('整改情况：已更换新井盖')
    await say(HANDLER, '确认')
    expect(await statusOf(hazard)).toBe('awaiting_verification')
    // A unit with nothing to rectify is told so.
    expect(await say('demo:handler_zhianchu', '这是整改后的照片')).toEqual([WORDING.noRectificationWaiting])
    // More time asked for, with why: how to get it, and no hazard filed (it opened a hazard form).
    const count = (await database.db.select().from(hazards)).length
    expect(await say(HANDLER, '我们人手不够 能不能延期几天')).toEqual([WORDING.extensionHow])
    expect(await database.db.select().from(hazards)).toHaveLength(count)
  })

  it('offers what was done without the request to answer that follows it', async () => {
    const ticket = lastCode(await say(CITIZEN, '芙蓉路66号井盖丢了'), 'TS')
    await say(CITIZEN, '不用')
    expect(await say(HANDLER, '芙蓉路的井盖已经换了 市民那边回复一下')).toEqual([
      WORDING.replyWithTheseWords(ticket, '芙蓉路的井盖已经换了'),
    ])
    expect(await say(HANDLER, '是')).toEqual([`已回复投诉 ${ticket}，办理结果将告知市民。`])
    const [replied] = await database.db.select().from(complaints).where(eq(complaints.code, ticket))
    expect(replied?.outcome).toBe('芙蓉路的井盖已经换了')
  })
})

describe('a repeat said in words', () => {
  it('gives the 重复 command with both numbers for 「…那个跟之前那个是重复的」, and marks nothing on its own', async () => {
    const first = lastCode(await say(CITIZEN, '桃林路66号路灯不亮'), 'TS')
    await say(CITIZEN, '不用')
    await say(CITIZEN, '桃林路66号路灯坏了好几天')
    const second = lastCode(await say(CITIZEN, '否'), 'TS')
    await say(CITIZEN, '不用')
    // It was not understood.
    const [how] = await say(HANDLER, '桃林路66号路灯那个跟之前那个是重复的')
    expect(how).toContain(`请发送「重复 ${second} ${first}」`)
    const [row] = await database.db.select().from(complaints).where(eq(complaints.code, second))
    expect(row?.status).not.toBe('closed')
    // Sent as told, it is marked.
    expect(await say(HANDLER, `重复 ${second} ${first}`)).toEqual([`已将投诉 ${second} 标记为 ${first} 的重复件。`])
    // Naming none of several: the command, and what is in hand.
    expect((await say(HANDLER, '这个投诉重复了'))[0]).toMatch(/^请发送「重复 投诉编号 原投诉编号」标记重复投诉。/)
  })
})

describe('what is in hand, asked the way handlers ask it', () => {
  it('lists the to-do for 「单子」, the nearest deadline first when the most urgent or what falls due is asked', async () => {
    // A complaint, due within the day, then a hazard, due later: newest first puts the hazard on top.
    const ticket = lastCode(await say(CITIZEN, '枫林路8号路灯不亮'), 'TS')
    await say(CITIZEN, '不用')
    clock.advance(60_000)
    await say(STAFF, '上报隐患 枫林路12号护栏松动')
    await say(STAFF, '一般')
    // (The first yes answers whether its category is right; the second saves it.)
    await say(STAFF, '是')
    const hazard = lastCode(await say(STAFF, '确认'), 'YH')
    const position = (reply: string, code: string) => reply.indexOf(code)

    const [listed] = await say(HANDLER, '我这边有几个单子要处理')
    expect(listed).toMatch(/^【待办事项】共 \d+ 项\n/)
    expect(position(listed ?? '', hazard)).toBeLessThan(position(listed ?? '', ticket))
    for (const asked of ['最急的是哪个', '先处理哪个', '今天要到期的有哪些']) {
      const [urgent] = await say(HANDLER, asked)
      expect(urgent).toMatch(/^【待办事项】共 \d+ 项，按期限先后排列/)
      expect(position(urgent ?? '', ticket)).toBeGreaterThan(-1)
      expect(position(urgent ?? '', ticket)).toBeLessThan(position(urgent ?? '', hazard))
    }
    // Both answered, so nothing of this test is in hand in the next.
    await say(HANDLER, `签收 ${ticket}`)
    await say(HANDLER, `回复 ${ticket} 已修复`)
    await say(HANDLER, `接收 ${hazard}`)
    await say(HANDLER, `整改 ${hazard} 已紧固`)
    await say(HANDLER, '确认')
  })

  it('offers 「…已经换新的了 附照片」 as the answer without the note about the photo', async () => {
    const ticket = lastCode(await say(CITIZEN, '梅溪路3号井盖没了'), 'TS')
    await say(CITIZEN, '不用')
    expect(await say(HANDLER, '梅溪路井盖已经换新的了 附照片')).toEqual([
      WORDING.replyWithTheseWords(ticket, '梅溪路井盖已经换新的了'),
    ])
    expect(await say(HANDLER, '是')).toEqual([`已回复投诉 ${ticket}，办理结果将告知市民。`])
  })

  it('urges every unit with something late on 「把逾期的隐患督办一下」, and files nothing', async () => {
    const before = (await database.db.select().from(hazards)).length
    for (const said of ['把逾期的隐患督办一下', '超时的投诉都催一下'])
      expect((await say(LEADER, said))[0]).toMatch(
        /^(?:已向 \d+ 个有超期事项的单位发送催办提醒|目前没有超期未整改的隐患)/,
      )
    expect(await database.db.select().from(hazards)).toHaveLength(before)
    expect(await say(STAFF, '把逾期的隐患督办一下')).toEqual([WORDING.urgeForOverseers])
  })
})

describe('a repair said as it is done on site', () => {
  it('takes 「护栏已经焊好了」 as the rectification, and 「今天没法弄 要等吊车」 as a request for more time', async () => {
    await say(STAFF, '上报隐患 沅江路50号护栏断了一截 一般')
    await say(STAFF, '是')
    const hazard = lastCode(await say(STAFF, '确认'), 'YH')
    await say(HANDLER, `接收 ${hazard}`)
    // (It was not understood.)
    const summary = (await say(HANDLER, '沅江路护栏已经焊好了')).join('\n')
    expect(summary).toContain(`隐患编号：${hazard}`)
    expect(summary).toContain('整改情况：沅江路护栏已经焊好了')
    await say(HANDLER, '取消')
    expect(await say(HANDLER, '沅江路护栏今天没法弄 要等吊车')).toEqual([WORDING.extensionHow])
    expect(await statusOf(hazard)).toBe('rectifying')
  })
})

describe('a reply quoting the bot or a colleague', () => {
  const DASHES = '- - - - - - - - - - - - - - -'
  it('takes on the hazard whose number the quoted notice carries, and answers whose a quoted report is', async () => {
    await say(STAFF, '上报隐患 建设路9号护栏断了 一般')
    await say(STAFF, '是')
    const hazard = lastCode(await say(STAFF, '确认'), 'YH')
    const notice = `「巡安：隐患已上报，编号 ${hazard}。已交办市政建设总公司」\n${DASHES}\n收到 马上安排`
    expect((await say(HANDLER, notice))[0]).toMatch(new RegExp(`^已接收隐患 ${hazard}`))
    expect(await statusOf(hazard)).toBe('rectifying')
    // The quote of a colleague's report is no new report (it opened a hazard form).
    const before = (await database.db.select().from(hazards)).length
    expect(await say(STAFF, `「张伟：人民路井盖坏了」\n${DASHES}\n这个是哪个单位的`)).toEqual([
      '「道路及市政设施」方面的隐患和投诉由市政建设总公司负责。',
    ])
    expect(await database.db.select().from(hazards)).toHaveLength(before)
  })
})

describe('a complaint in hand, spoken of without its number', () => {
  it('keeps a plan as progress, offers the result without the request to answer, and dispatches one named by place', async () => {
    // 质安处, with nothing else in hand in this file.
    const SITE_HANDLER = 'demo:handler_zhianchu'
    const ticket = lastCode(await say(CITIZEN, '滨湖路恒大工地的围挡倒了'), 'TS')
    await say(CITIZEN, '不用')
    await say(SITE_HANDLER, `签收 ${ticket}`)
    // (It was told nothing waited.)
    expect(await say(SITE_HANDLER, '跟市民说一下 明天上午去扶起来')).toEqual([WORDING.complaintNoteKept(ticket, true)])
    const notes = await notesOn(ticket)
    expect(notes).toContain('跟市民说一下 明天上午去扶起来')
    expect(await say(SITE_HANDLER, '已经扶好了 可以回复市民了')).toEqual([
      WORDING.replyWithTheseWords(ticket, '已经扶好了'),
    ])
    await say(SITE_HANDLER, '是')
    // The duty officer hands a citizen's report of a leak on by its place: no hazard form for the leak in the words.
    const leak = lastCode(await say(CITIZEN, '燃气管道漏气 沅安路8号'), 'TS')
    await say(CITIZEN, '不用')
    const before = (await database.db.select().from(hazards)).length
    expect(await say('demo:duty_officer', '沅安路燃气漏气那个投诉派给道管处')).toEqual([
      `已将投诉 ${leak} 转办至道管处，已通知该单位签收办理。`,
    ])
    expect(await database.db.select().from(hazards)).toHaveLength(before)
  })
})

describe('more time for a complaint', () => {
  it('keeps a handler’s request for more time on the complaint, and lets the supervising office give it in chat', async () => {
    const SITE_HANDLER = 'demo:handler_zhianchu'
    const ticket = lastCode(await say(CITIZEN, '湘江路恒大工地的围挡歪了'), 'TS')
    await say(CITIZEN, '不用')
    expect((await say(SITE_HANDLER, '我手上有几个投诉'))[0]).toContain(ticket)
    await say(SITE_HANDLER, `签收 ${ticket}`)
    // Asked by the unit: kept as progress, and who gives it is said (it was answered about hazards' deadlines).
    expect(await say(SITE_HANDLER, `${ticket} 申请延期 材料没到`)).toEqual([WORDING.complaintExtensionAsked(ticket)])
    expect(await say(SITE_HANDLER, '这个投诉能不能延期一天')).toEqual([WORDING.complaintExtensionHow])
    const notes = await notesOn(ticket)
    expect(notes).toContain('申请延期：材料没到')
    // Given by the supervising office, with a new limit and why; the unit is told.
    expect(await say(SUPERVISOR, `延期 ${ticket}`)).toEqual([
      `请写明新的办理时限和原因，例如：延期 ${ticket} 明天17点 需协调燃气公司到场`,
    ])
    expect(await say(SUPERVISOR, `延期 ${ticket} 12月20日`)).toEqual([
      `请写明延期原因，例如：延期 ${ticket} 明天17点 需协调燃气公司到场`,
    ])
    expect(await say(SUPERVISOR, `${ticket} 延期到12月20日 需协调材料供应`)).toEqual([
      WORDING.complaintExtended(ticket, '12月20日 23:59'),
    ])
    const [extended] = await database.db.select().from(complaints).where(eq(complaints.code, ticket))
    expect(extended?.dueAt).toEqual(zonedInstant('2026-12-20', TEST_TIME_ZONE, 23, 59))
    const told = await database.db
      .select()
      .from(outbox)
      .where(like(outbox.dedupeKey, `complaint-extended:${extended?.id}:${extended?.dueAt.toISOString()}:%`))
    expect(told.map((r) => (r.message as { text?: string }).text)).toEqual([
      WORDING.complaintExtendedNotice(ticket, '12月20日 23:59', '需协调材料供应'),
    ])
    // No earlier than it is, and nothing to extend once answered.
    expect(await say(SUPERVISOR, `延期 ${ticket} 12月10日 需协调`)).toEqual(['延期后的办理时限须晚于原时限。'])
    await say(SITE_HANDLER, `回复 ${ticket} 已扶正加固`)
    expect(await say(SUPERVISOR, `延期 ${ticket} 12月30日 需协调`)).toEqual([
      `投诉 ${ticket} 已答复市民并办结，无需延期。`,
    ])
  })
})

describe('a busy unit', () => {
  it('finds the complaint the words name among more than a reply lists (the one past the sixth had been missed)', async () => {
    const codes: string[] = []
    for (const n of [11, 12, 13, 14, 15, 16, 17]) {
      codes.push(lastCode(await say(CITIZEN, `枫溪路${n}号井盖没了`), 'TS'))
      await say(CITIZEN, '不用')
    }
    const last = codes.at(-1) ?? ''
    expect(await say(HANDLER, '枫溪路17号的井盖已经补上了')).toEqual([
      WORDING.replyWithTheseWords(last, '枫溪路17号的井盖已经补上了'),
    ])
    await say(HANDLER, '是')
    const [row] = await database.db.select().from(complaints).where(eq(complaints.code, last))
    expect(row?.status).toBe('closed')
    // The rest are answered so nothing of this test is in hand after it.
    for (const code of codes.slice(0, -1)) await say(HANDLER, `回复 ${code} 已补装`)
  })
})

describe('the number said last', () => {
  it('reads 「收到 TS…」, a request for more time and 「不是我们的 是燃气公司的 TS…」 as if the number came first', async () => {
    const ticket = lastCode(await say(CITIZEN, '沅江路18号井盖没了'), 'TS')
    await say(CITIZEN, '不用')
    expect(await say(HANDLER, `收到 ${ticket}`)).toEqual([WORDING.cardAccepted(ticket)])
    expect(await say(HANDLER, `申请延期 ${ticket} 材料没到`)).toEqual([WORDING.complaintExtensionAsked(ticket)])
    expect((await notesOn(ticket)).at(-1)).toContain('材料没到')
    const [handed] = await say(HANDLER, `这个投诉不是我们的 是燃气公司的 ${ticket}`)
    expect(handed).toContain(`已将投诉 ${ticket} 转办至燃气办`)
    const [row] = await database.db.select().from(complaints).where(eq(complaints.code, ticket))
    expect(row?.status).toBe('assigned')
    expect((await notesOn(ticket)).at(-1)).toContain('不是我们的')
  })

  it('takes 「已经加固好了 YH…」 as that hazard’s rectification, and 「关于 TS…，我们已经派人去了」 as the complaint taken up', async () => {
    await say(STAFF, '上报隐患 沅江路30号路灯杆倾斜')
    await say(STAFF, '一般')
    const hazard = lastCode(await say(STAFF, '确认'), 'YH')
    await say(HANDLER, `收到 ${hazard}`)
    expect(await statusOf(hazard)).toBe('rectifying')
    const [form] = await say(HANDLER, `已经加固好了 ${hazard}`)
    expect(form).toContain(`隐患编号：${hazard}`)
    expect(form).toContain('整改情况：已经加固好了')
    await say(HANDLER, '取消')

    const ticket = lastCode(await say(CITIZEN, '沅江路32号路面塌了个坑'), 'TS')
    await say(CITIZEN, '不用')
    expect(await say(HANDLER, `关于${ticket}，我们已经派人去了`)).toEqual([WORDING.cardAccepted(ticket)])
    await say(HANDLER, `回复 ${ticket} 已回填`)
  })
})

describe('two hazards said done in one message', () => {
  it('asks for each rectification on its own, the words kept for each, and starts none', async () => {
    const codes: string[] = []
    for (const place of ['沅江路40号路灯杆倾斜', '沅江路42号井盖破损']) {
      await say(STAFF, `上报隐患 ${place}`)
      await say(STAFF, '一般')
      codes.push(lastCode(await say(STAFF, '确认'), 'YH'))
      await say(HANDLER, `收到 ${codes.at(-1)}`)
    }
    const [first = '', second = ''] = codes
    expect(await say(HANDLER, `${first}和${second}都整改好了`)).toEqual([
      WORDING.oneRectificationAtATime(codes, '整改好了'),
    ])
    expect(WORDING.oneRectificationAtATime(codes, '整改好了')).toContain(`整改 ${second} 整改好了`)
    // Nothing was started: the next words are not taken as that form's answer.
    expect(await statusOf(first)).toBe('rectifying')
    expect(await statusOf(second)).toBe('rectifying')
    expect((await say(HANDLER, `整改 ${first} 已扶正加固`)).join('\n')).toContain(`隐患编号：${first}`)
    await say(HANDLER, '取消')
  })
})

describe('a rectification not finished, and a check that failed', () => {
  it('sends nothing for checking on 「还没弄完，明天继续」, and tells why a check failed on 「YH… 怎么没通过」', async () => {
    await say(STAFF, '上报隐患 沅江路50号路灯杆倾斜')
    await say(STAFF, '一般')
    const hazard = lastCode(await say(STAFF, '确认'), 'YH')
    await say(HANDLER, `接收 ${hazard}`)
    await say(HANDLER, `整改 ${hazard}`)
    expect(await say(HANDLER, '还没弄完，明天继续')).toEqual([WORDING.rectificationNotFinished(hazard)])
    expect(await say(HANDLER, `整改 ${hazard} 还在修`)).toEqual([WORDING.rectificationNotFinished(hazard)])
    expect(await statusOf(hazard)).toBe('rectifying')
    // Something finished beside what is not is a rectification.
    expect((await say(HANDLER, `整改 ${hazard} 已扶正，旧底座还没拆完`)).join('\n')).toContain('【整改反馈】')
    await say(HANDLER, '确认')
    await say(SUPERVISOR, `验收 ${hazard}`)
    await say(SUPERVISOR, '不行，还是歪的')
    await say(SUPERVISOR, '确认')
    const [why] = await say(HANDLER, `${hazard} 怎么没通过`)
    expect(why).toContain('验收不通过：还是歪的。')
    expect(why).toContain(`请再次发送「整改 ${hazard}」`)
  })
})

describe('how a complaint goes, said without its number', () => {
  it('keeps 「市民电话打不通」「现场没找到这个井盖」 on the complaint its words name, and asks which when they name none', async () => {
    const ticket = lastCode(await say(CITIZEN, '沅江路60号井盖没了'), 'TS')
    await say(CITIZEN, '不用')
    // (Each had been 「暂未理解」.)
    for (const said of ['沅江路60号那个市民电话打不通', '沅江路60号现场没找到这个井盖'])
      expect(await say(HANDLER, said)).toEqual([WORDING.complaintNoteKept(ticket, false)])
    const notes = await notesOn(ticket)
    expect(notes).toEqual(expect.arrayContaining([expect.stringContaining('市民电话打不通')]))
    expect(notes).toEqual(expect.arrayContaining([expect.stringContaining('现场没找到这个井盖')]))
    // The unit has others in hand: words that name none ask which, this one among them.
    const [which] = await say(HANDLER, '市民说不用修了')
    expect(which).toMatch(/^请问是哪一件投诉？请回复「编号 办理进展」/)
    expect(which).toContain(ticket)
    await say(HANDLER, `回复 ${ticket} 已处理`)
  })
})
