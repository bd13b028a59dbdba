import { and, asc, desc, eq, inArray, like } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { WORDING } from '../../bots/wording'
import {
  complaintEvents,
  complaints,
  hazardEvents,
  hazards,
  identities,
  outbox,
  patrols,
  people,
  periodicReports,
  routingRules,
  units,
} from '../../src/db/schema'
import { ManualClock } from '../../src/domain/clock'
import { OPEN_COMPLAINT_STATUSES } from '../../src/domain/complaint-lifecycle'
import { OPEN_HAZARD_STATUSES } from '../../src/domain/hazard-lifecycle'
import { zonedInstant } from '../../src/domain/local-time'
import { applyComplaintCommand } from '../../src/services/complaints'
import { testApp } from '../helpers/app'
import { chat, lastCode } from '../helpers/chat'
import { createTestDatabase, seedDefaults, serviceContext, TEST_TIME_ZONE, type TestDatabase } from '../helpers/db'

/**
 * Staff who ask for a form by its name on paper, answer a question with another field's value, or ask about
 * the ledger in words of their own: the right form, the value kept where it belongs, an answer — never a
 * hazard form opened by a question.
 */
const STAFF = 'demo:field_staff'
const HANDLER = 'demo:handler'
const LEADER = 'demo:leader'
const clock = new ManualClock(zonedInstant('2026-11-23', TEST_TIME_ZONE, 17))
let database: TestDatabase
let harness: ReturnType<typeof testApp>
const say = (who: string, input: string) => chat(harness.services, who, input)

beforeAll(async () => {
  database = await createTestDatabase()
  await seedDefaults(database, clock.now())
  harness = testApp(database, clock)
})
afterAll(async () => database?.drop())

/** 「今天有什么情况」 asked during the day: today so far first, then yesterday's digest. */
const TODAY_THEN_DIGEST = /^\*\*今日截至 \d+月\d+日 \d\d:\d\d\*\*：受理投诉 \d+ 件[\s\S]*\n## 巡安日报 /

describe('a form asked for by its name on paper', () => {
  it('starts the patrol form from 「我要填巡查表」 and keeps counts said to the route where they belong', async () => {
    expect(await say(STAFF, '我要填巡查表')).toEqual(['请问巡查是几点开始的？'])
    expect(await say(STAFF, '9点到11点半')).toEqual(['巡查了哪个路段或项目？'])
    expect(await say(STAFF, '3个人')).toEqual(['已记下出动人次 3。', '巡查了哪个路段或项目？'])
    expect(await say(STAFF, '1台车')).toEqual(['已记下出动车次 1。', '巡查了哪个路段或项目？'])
    expect(await say(STAFF, '城东片区')).toEqual(['本次巡查发现了什么隐患？没有请回复「无」。'])
    const summary = (await say(STAFF, '无')).join('\n')
    expect(summary).toContain('巡查路段/项目：城东片区')
    expect(summary).toContain('出动人次：3')
    expect(summary).toContain('出动车次：1')
    const code = lastCode(await say(STAFF, '确认'), 'XC')
    const [row] = await database.db.select().from(patrols).where(eq(patrols.code, code))
    expect(row).toMatchObject({ area: '城东片区', staffCount: 3, vehicleCount: 1 })
  })

  it('counts the people named in answer to 人次 (the 四 of 李四 is a name) and keeps them as the patrollers', async () => {
    await say(STAFF, '巡查')
    await say(STAFF, '今天上午8点到10点')
    expect(await say(STAFF, '人民路')).toEqual(['出动了多少人次？'])
    // A car said to 人次 is the car, and 人次 is asked again.
    expect(await say(STAFF, '1台车')).toEqual(['已记下出动车次 1。', '出动了多少人次？'])
    expect(await say(STAFF, '张伟、李四')).toEqual(['本次巡查发现了什么隐患？没有请回复「无」。'])
    const summary = (await say(STAFF, '无')).join('\n')
    expect(summary).toContain('巡查人员：张伟、李四')
    expect(summary).toContain('出动人次：2')
    expect(summary).toContain('出动车次：1')
    await say(STAFF, '取消')
  })

  it('keeps 「就我一个」 said to when as one person out (it had been refused as no time)', async () => {
    await say(STAFF, '巡查')
    expect(await say(STAFF, '就我一个')).toEqual(['已记下出动人次 1。', '请问巡查是几点开始的？'])
    await say(STAFF, '9点到11点')
    await say(STAFF, '人民路')
    expect(await say(STAFF, '步行')).toEqual(['本次巡查发现了什么隐患？没有请回复「无」。'])
    const summary = (await say(STAFF, '无')).join('\n')
    expect(summary).toContain('出动人次：1\n')
    expect(summary).toContain('出动车次：0\n')
    await say(STAFF, '取消')
  })

  it('asks 「刚才」 to when for a time people can give (it had been refused with an example only)', async () => {
    await say(STAFF, '巡查')
    for (const vague of ['刚才', '之前'])
      expect(await say(STAFF, vague)).toEqual([`${WORDING.vagueTime(vague)}\n请问巡查是几点开始的？`])
    expect(await say(STAFF, '大概半小时前开始的')).toEqual(['巡查几点结束？'])
    await say(STAFF, '取消')
  })

  it('answers 「挺严重的」 to the kind or the grade with what each asks, keeping the kind on offer', async () => {
    await say(STAFF, '上报隐患')
    await say(STAFF, '人民路中段人行道塌陷一个坑')
    expect(await say(STAFF, '挺严重的')).toEqual([
      WORDING.categoryNotDegree,
      '类别是「道路及市政设施」吗？是请回复「是」；不是请直接发送正确的类别。',
    ])
    // The kind offered is still the one 「是」 takes; the degree was added to nothing.
    const summary = (await say(STAFF, '是')).join('\n')
    expect(summary).toContain('隐患描述：人民路中段人行道塌陷一个坑\n')
    expect(summary).toContain('类别：道路及市政设施\n')
    await say(STAFF, '取消')
    await say(STAFF, '上报隐患')
    await say(STAFF, '解放路有个井盖松动')
    const [help, question] = await say(STAFF, '很危险')
    expect(help).toBe(WORDING.levelByDegree)
    expect(question).toMatch(/^是一般隐患还是重大隐患？\n属于重大隐患的情形/)
    expect((await say(STAFF, '一般')).join('\n')).toContain('等级：一般隐患\n')
    await say(STAFF, '取消')
  })

  it('keeps who went and what was found said to when it began, for their own questions (refused, or a new report offered)', async () => {
    await say(STAFF, '巡查')
    expect(await say(STAFF, '我和小李')).toEqual(['已记下巡查人员：张伟、小李。', '请问巡查是几点开始的？'])
    expect(await say(STAFF, '人民路88号井盖松动')).toEqual([
      '已记下发现隐患：人民路88号井盖松动。',
      '请问巡查是几点开始的？',
    ])
    await say(STAFF, '9点到11点')
    await say(STAFF, '人民路')
    await say(STAFF, '步行')
    const summary = (await say(STAFF, '已设警示牌')).join('\n')
    expect(summary).toContain('巡查人员：张伟、小李\n出动人次：2\n出动车次：0\n')
    expect(summary).toContain('1. 人民路88号井盖松动（道路及市政设施')
    expect(summary).toContain('处理情况：已设警示牌')
    await say(STAFF, '取消')
    // 「发现一个问题」 announces a finding: in a patrol's form it is asked for (a new report had been offered), and with
    // no form open it starts the hazard report (it was not understood).
    await say(STAFF, '巡查 9点到11点 人民路 2人1车')
    expect(await say(STAFF, '发现一个问题')).toEqual([WORDING.describeFinding])
    expect((await say(STAFF, '井盖松动')).join('\n')).toBe('现场是如何处理的？')
    await say(STAFF, '取消')
    expect(await say(STAFF, '发现个问题')).toEqual(['请描述发现的隐患。'])
    await say(STAFF, '取消')
  })

  it('answers a record put off (「今天巡查记录还没交 等会补」) with when it is due, opening no form', async () => {
    for (const said of ['今天巡查记录还没交 等会补', '巡查记录晚点再填']) {
      expect(await say(STAFF, said)).toEqual([WORDING.patrolRecordLater])
      expect(await say(STAFF, '确认')).toEqual([WORDING.nothingToConfirm])
    }
  })

  it('keeps the day said with the form’s name, and starts the other forms the same way', async () => {
    expect((await say(STAFF, '补录昨天的巡查记录')).join('\n')).toContain('11月22日')
    await say(STAFF, '取消')
    expect(await say(STAFF, '想报个隐患')).toEqual(['请描述发现的隐患。'])
    await say(STAFF, '取消')
    expect(await say('demo:supervisor', '帮我登记一下督查情况')).toEqual(['督查的是哪个单位？'])
    await say('demo:supervisor', '取消')
  })

  it('reads a car from the number plate or from what was driven', async () => {
    const summary = (
      await say(STAFF, '11月23日 巡查记录：时间14:00-16:30；人员：张三、李四；车辆：湘J12345；路段：人民路；未发现隐患')
    ).join('\n')
    expect(summary).toContain('出动车次：1')
    await say(STAFF, '取消')
    const driven = (await say(STAFF, '今天早上7点半到9点，我和小刘在白马湖街道巡了一遍，开的公务车，一切正常')).join(
      '\n',
    )
    expect(driven).toContain('出动人次：2')
    expect(driven).toContain('出动车次：1')
    await say(STAFF, '取消')
  })
})

describe('questions about the ledger in people’s own words', () => {
  it('answers a leader’s questions with figures, by unit and the open majors, and opens no hazard form', async () => {
    lastCode(
      await say(STAFF, '上报隐患 人民路与建设路口井盖缺失')
        .then(() => say(STAFF, '一般'))
        .then(() => say(STAFF, '确认')),
      'YH',
    )
    await say(STAFF, '上报隐患 沅安路燃气管道漏气了！')
    const major = lastCode(await say(STAFF, '确认'), 'YH')
    const before = await database.db.select().from(hazards)
    expect(before).toHaveLength(2)

    const [rate] = await say(LEADER, '本月隐患整改率多少')
    expect(rate).toMatch(/^本月截至目前（全市）：/)
    expect(rate).toContain('发现隐患 2 项（重大 1 项），已整改销号 0 项，整改率 0.0%；')
    expect((await say(LEADER, '上个月巡查了多少次'))[0]).toMatch(/^上月（全市）：\n巡查 0 次/)
    expect((await say(LEADER, '今年一共发现多少隐患'))[0]).toMatch(/^今年截至目前（全市）：/)

    const [byUnit] = await say(LEADER, '这个月哪个单位隐患最多')
    const lines = (byUnit as string).split('\n')
    expect(lines[0]).toBe('本月发现的隐患（按责任单位）：')
    expect(lines.slice(1)).toHaveLength(2)
    expect(lines.slice(1).every((l) => / 1 项$/.test(l))).toBe(true)

    const [majors] = await say(LEADER, '重大隐患现在还有几个没销号')
    expect(majors).toMatch(/^未销号的重大隐患 1 项：/)
    expect(majors).toContain(major)

    expect((await say(LEADER, '各单位考核情况'))[0]).toMatch(/^2026年11月考核得分（截至目前）：/)
    // A period's state asked in any order and with any filler: its figures, never a hazard form.
    for (const [asked, heading] of [
      ['本周隐患情况', '本周截至目前（全市）：'],
      ['本周隐患情况汇总一下', '本周截至目前（全市）：'],
      ['把这个月的数据统计一下', '本月截至目前（全市）：'],
      ['上周工作情况汇总', '上周（全市）：'],
      ['本季度隐患排查治理情况', '本季度截至目前（全市）：'],
      ['这个月隐患多不多', '本月截至目前（全市）：'],
      ['这周的周报汇总一下', '本周截至目前（全市）：'],
    ])
      expect((await say(LEADER, asked))[0]?.split('\n')[0]).toBe(heading)
    expect(await database.db.select().from(hazards)).toHaveLength(before.length)
  })

  it('gives a field worker their own unit’s figures (the city’s stay with those briefed), and a handler their to-do', async () => {
    expect((await say(STAFF, '本月隐患整改率多少'))[0]).toMatch(/^本月截至目前（市政建设总公司）：/)
    expect((await say(HANDLER, '本月整改率多少'))[0]).toMatch(/^本月截至目前（/)
    // 「今天的巡查情况怎么样」 asks how patrols went; it starts no patrol record.
    expect((await say(STAFF, '今天的巡查情况怎么样'))[0]).toMatch(/^今天截至目前（市政建设总公司）：\n巡查 \d+ 次/)
    expect(await say(STAFF, '全市本月整改率多少')).toEqual([WORDING.figuresForBriefed])
    expect((await say(STAFF, '本周隐患情况'))[0]).toMatch(/^本周截至目前（市政建设总公司）：/)
    for (const asked of ['今天的整改任务有哪些', '我有几个隐患要整改', '还有哪些没处理完的'])
      expect((await say(HANDLER, asked))[0]).toMatch(/^(?:【待办事项】|您暂无待办事项)/)
    // 「今天有什么事」 from those not briefed on the city is their to-do (it had not been understood).
    const [todo] = await say(HANDLER, '我的待办')
    for (const asked of ['今天有什么事', '最近有啥情况吗']) expect(await say(HANDLER, asked)).toEqual([todo])
    // A question that names a defect still reports it.
    expect((await say(STAFF, '人民路的井盖怎么又坏了？')).join('\n')).not.toContain('暂未理解')
    await say(STAFF, '取消')
  })

  it('gives the to-do to 「我今天值班，有什么要处理的」, being at work said before the question (not understood, or the roster)', async () => {
    for (const [who, asked] of [
      ['demo:duty_officer', '我今天值班，有什么要处理的'],
      ['demo:duty_officer', '今天我值班 有啥要我做的吗'],
      [HANDLER, '今天上班了，有什么任务'],
    ] as const)
      expect((await say(who, asked))[0]).toMatch(/^(?:【待办事项】|您暂无待办事项)/)
    // Asked alone, the roster still answers.
    expect((await say('demo:duty_officer', '我今天值班吗'))[0]).toMatch(/值班/)
  })

  it('gives a leader with nothing of their own to do what is open across the city (an empty to-do had told them nothing)', async () => {
    const [answer = ''] = await say(LEADER, '最近有什么需要我关注的')
    expect(answer).toMatch(/^您暂无待办事项。全市情况如下：\n截至 \d+月\d+日 \d\d:\d\d：\n整改中的隐患 \d+ 项/)
  })

  it('gives the duty officer the digest for 「今天有什么紧急的事」', async () => {
    for (const asked of ['今天有什么紧急的事', '有啥要紧的事情吗'])
      expect((await say('demo:duty_officer', asked))[0]).toMatch(TODAY_THEN_DIGEST)
  })
})

describe('a rectification the person cannot report', () => {
  it('says the hazard is not yet handed to a unit, or which unit reports it', async () => {
    await say(STAFF, '上报隐患 皂果路在建工地塔吊基础有裂缝')
    await say(STAFF, '一般')
    const site = lastCode(await say(STAFF, '确认'), 'YH')
    expect(await say(STAFF, `整改 ${site}`)).toEqual([WORDING.rectificationOtherUnit(site, '质安处')])
    await say(STAFF, '上报隐患 桃花源路菜市场燃气表箱漏气了！')
    const gas = lastCode(await say(STAFF, '确认'), 'YH')
    expect(await say(STAFF, `${gas} 整改好了`)).toEqual([WORDING.rectificationNotAssigned(gas)])
    // Nothing about either hazard changed.
    const rows = await database.db.select().from(hazards)
    expect(rows.filter((h) => [site, gas].includes(h.code)).map((h) => h.status)).toEqual(['assigned', 'reported'])
  })
})

describe('when a report is due, and a word alone', () => {
  it('tells when the statutory reports are due, and whether the person’s unit owes them', async () => {
    const [weekly] = await say(STAFF, '周报什么时候交')
    expect(weekly).toMatch(/^2026-11-16 至 2026-11-22的周报表：11月23日 23:59 前上报\n/)
    expect(weekly).toContain('2026-11-23 至 2026-11-29的周报表：11月30日 23:59 前上报')
    expect(weekly).toContain('「上报周报」')
    expect(await say(STAFF, '下周一要交月报吗')).toEqual([
      '市政建设总公司不需要上报月报表。月报由有督查任务的单位在每月结束后5个工作日内上报。',
    ])
    // October's, not filed and past its day, comes first.
    const [monthly] = await say('demo:supervisor', '月报什么时候交')
    expect(monthly).toMatch(
      /^2026年10月的月报表：应于 11月6日 23:59 前上报，已逾期未上报\n2026年11月的月报表：12月7日 23:59 前上报\n/,
    )
    expect(await say(STAFF, '月报在哪里看')).toEqual([WORDING.reportsWhere])
  })

  it('voids a patrol named first (「XC… 作废，原因」) as 「作废 XC… 原因」 does', async () => {
    await say(STAFF, '下午1点到2点巡查人民路，2人1车，未发现隐患')
    const code = lastCode(await say(STAFF, '确认'), 'XC')
    expect(await say('demo:supervisor', `${code} 作废，时间填错了`)).toEqual([
      `已作废巡查记录 ${code}（时间填错了）。记录仍保留在台账上，不再计入统计。`,
    ])
    const [row] = await database.db.select().from(patrols).where(eq(patrols.code, code))
    expect(row?.voidedAt).not.toBeNull()
  })

  it('asks what happened at a place or to a thing named alone, and greets 「早」', async () => {
    expect(await say(STAFF, '人民路')).toEqual([WORDING.staffPlaceAlone('人民路')])
    expect(await say(STAFF, '井盖')).toEqual([WORDING.staffThingAlone('井盖')])
    expect(await say(STAFF, '早')).toEqual([WORDING.staffGreeting])
  })
})

describe('handlers, supervisors and the duty officer in their own words', () => {
  it('closes the loop said with the number first, and tells a handler their unit’s score', async () => {
    await say(STAFF, '五一路井盖缺失一处，已设围挡')
    await say(STAFF, '一般')
    const code = lastCode(await say(STAFF, '确认'), 'YH')
    await say(HANDLER, `${code} 已经更换新井盖`)
    expect((await say(HANDLER, '确认')).join('\n')).toContain('等待督查验收')
    // 不合格 after the number is the check of the rectification, not a new hazard.
    const verdict = (await say('demo:supervisor', `${code} 不合格，井盖没固定好`)).join('\n')
    expect(verdict).not.toContain('隐患在什么位置')
    expect(verdict).toMatch(/验收|不通过|不合格/)
    await say('demo:supervisor', '取消')
    const [score] = await say(HANDLER, '我们单位这个月考核多少分')
    expect(score).toMatch(/^市政建设总公司2026年11月考核（截至目前）：(?:\d+(?:\.\d+)? 分|一票否决)/)
  })

  it('answers a unit that says it is not theirs, asks for more time, or acknowledges in a sentence', async () => {
    expect(await say(HANDLER, '这个不归我们管，应该是自来水公司的')).toEqual([WORDING.notOurs])
    expect(await say(HANDLER, '整改期限能不能延长几天')).toEqual([WORDING.extensionHow])
    // The duty officer's 「收到」 while major hazards wait for their 接报 is that 接报: which one is asked.
    expect((await say('demo:duty_officer', '收到了，已通知相关单位'))[0]).toMatch(
      /^有 \d+ 项重大隐患等待接报，请回复「接报 编号」：\n· YH/,
    )
  })

  it('takes 「我已经接报了」 as the acknowledgement of the one major hazard waiting, and says when none is', async () => {
    await say(STAFF, '上报隐患 常德大道燃气调压箱漏气了！')
    const code = lastCode(await say(STAFF, '确认'), 'YH')
    // Several waiting: which one is asked, each by its number.
    const [which] = await say('demo:duty_officer', '这个重大隐患我已经接报了')
    expect(which).toMatch(/^有 \d+ 项重大隐患等待接报，请回复「接报 编号」：/)
    expect(which).toContain(`· ${code} 常德大道燃气调压箱漏气了！`)
    const others = (await database.db.select().from(hazards)).filter(
      (h) => h.level === 'major' && h.majorAckAt === null && h.code !== code,
    )
    for (const other of others) await say('demo:duty_officer', `接报 ${other.code}`)
    const [taken] = await say('demo:duty_officer', '这个重大隐患我已经接报了')
    expect(taken).toMatch(new RegExp(`^已接报重大隐患 ${code}`))
    const [row] = await database.db.select().from(hazards).where(eq(hazards.code, code))
    expect(row?.majorAckAt).not.toBeNull()
    expect(await say('demo:duty_officer', '已接报')).toEqual([WORDING.noMajorAwaitingAck])
  })

  it('shows a leader which patrol units have patrolled today, and gives the digest for 「发个简报给我」', async () => {
    const [who] = await say(LEADER, '谁今天还没巡查')
    expect(who).toMatch(/^今天各巡查单位的巡查记录：\n/)
    expect(who).toMatch(/已有记录：.*市政建设总公司 \d+ 次/)
    expect((await say(LEADER, '发个简报给我'))[0]).toMatch(TODAY_THEN_DIGEST)
  })
})

describe('the supervision record said the way supervisors say it', () => {
  it('reads the unit and the day after 「督查」, keeps the rest, and asks only the hour of that day', async () => {
    const SUPERVISOR = 'demo:supervisor'
    expect(await say(SUPERVISOR, '督查 市政建设总公司 11月20日 检查台账和现场，发现问题1个')).toEqual([
      '督查时间是11月20日几点？',
    ])
    // Words with no time in them are no answer to the hour: said so, and the hour asked again.
    expect(await say(SUPERVISOR, '检查了3个工地')).toEqual([
      '没能识别“检查了3个工地”。例如：今天上午10点。\n督查时间是11月20日几点？',
    ])
    expect(await say(SUPERVISOR, '下午3点')).toEqual(['带队领导是谁？'])
    await say(SUPERVISOR, '刘明')
    expect(await say(SUPERVISOR, '陈刚、赵敏')).toEqual(['发现的主要问题？没有请回复「无」。'])
    await say(SUPERVISOR, '井盖台账不全')
    const summary = (await say(SUPERVISOR, '已要求一周内补齐')).join('\n')
    expect(summary).toContain('被督查单位：市政建设总公司')
    expect(summary).toContain('督查时间：11月20日 15:00')
    expect(summary).toContain('督查事项：检查台账和现场，发现问题1个')
    await say(SUPERVISOR, '取消')
    // 「去市政督查了」: the start of the unit's name before 督查 names it (it was asked which unit).
    expect(await say(SUPERVISOR, '今天去市政督查了 发现巡查台账不全')).toEqual(['督查时间是11月23日几点？'])
    await say(SUPERVISOR, '下午3点')
    await say(SUPERVISOR, '刘明')
    await say(SUPERVISOR, '陈刚')
    await say(SUPERVISOR, '检查台账')
    const visited = (await say(SUPERVISOR, '一周内补齐')).join('\n')
    expect(visited).toContain('被督查单位：市政建设总公司')
    await say(SUPERVISOR, '取消')
    // 「督查了市政 带队…」: the start of the name after the visit, ending there, names it too (it was asked which unit).
    expect(await say(SUPERVISOR, '今天上午督查了市政 带队陈科长 检查了3个工地 发现2个问题 要求一周内整改')).toEqual([
      '督查时间是11月23日上午几点？',
    ])
    await say(SUPERVISOR, '取消')
    // 「检查了燃气 发现…」: a check of a unit named by its start is the same record (it was not understood).
    expect(await say(SUPERVISOR, '昨天下午检查了燃气 发现一家餐馆没装报警器')).toEqual(['督查时间是11月22日下午几点？'])
    await say(SUPERVISOR, '3点')
    await say(SUPERVISOR, '刘明')
    await say(SUPERVISOR, '陈刚')
    await say(SUPERVISOR, '检查燃气企业')
    expect((await say(SUPERVISOR, '一周内整改')).join('\n')).toContain('被督查单位：燃气办')
    await say(SUPERVISOR, '取消')
  })

  it('puts an answer meant for another box there (「检查了…」 to 督查组成员) and asks again', async () => {
    const SUPERVISOR = 'demo:supervisor'
    await say(SUPERVISOR, '督查 质安处 今天上午10点')
    await say(SUPERVISOR, '王科长')
    expect(await say(SUPERVISOR, '检查了3个工地的安全管理资料')).toEqual([
      WORDING.notedInAnotherBox('督查事项'),
      '督查组成员有哪些？',
    ])
    await say(SUPERVISOR, '张三、李四')
    await say(SUPERVISOR, '发现1个工地塔吊司机无证上岗')
    const summary = (await say(SUPERVISOR, '要求立即停工整改')).join('\n')
    expect(summary).toContain('督查组成员：张三、李四\n')
    expect(summary).toContain('督查事项：检查了3个工地的安全管理资料\n')
    expect(summary).toContain('存在的主要问题：发现1个工地塔吊司机无证上岗\n')
    await say(SUPERVISOR, '取消')
  })
})

describe('a unit asked for, answered with what happened or where', () => {
  it('offers the unit the routing table gives what the answer names, and takes 「是」', async () => {
    const SUPERVISOR = 'demo:supervisor'
    expect(await say(SUPERVISOR, '登记事故')).toEqual(['事故属于哪个单位的行业监管范围？'])
    expect(await say(SUPERVISOR, '皂果路在建工地')).toEqual([
      '责任单位是「质安处」吗？是请回复「是」；不是请直接发送正确的责任单位。',
    ])
    expect(await say(SUPERVISOR, '是')).toEqual(['事故发生时间？'])
    // Words that name no kind are refused as before, with the question.
    await say(SUPERVISOR, '取消')
    await say(SUPERVISOR, '登记事故')
    expect((await say(SUPERVISOR, '不清楚'))[0]).not.toMatch(/吗？是请回复/)
    await say(SUPERVISOR, '取消')
  })

  it('keeps an account said while the unit is offered, and offers the unit again', async () => {
    const SUPERVISOR = 'demo:supervisor'
    await say(SUPERVISOR, '登记事故')
    const offered = '责任单位是「质安处」吗？是请回复「是」；不是请直接发送正确的责任单位。'
    expect(await say(SUPERVISOR, '朗州路工地')).toEqual([offered])
    // (It had been refused, and the account lost.)
    expect(await say(SUPERVISOR, '一名工人从脚手架上摔下来 腿骨折了')).toEqual([
      WORDING.notedInAnotherBox('经过和认定'),
      offered,
    ])
    expect(await say(SUPERVISOR, '是')).toEqual(['事故发生时间？'])
    await say(SUPERVISOR, '取消')
  })

  it('reads the whole account given in answer to the first question: the time, the place and no deaths', async () => {
    const SUPERVISOR = 'demo:supervisor'
    await say(SUPERVISOR, '登记事故')
    expect(await say(SUPERVISOR, '今天上午10点，朗州路工地发生高处坠落事故，1人受伤送医')).toEqual([
      '责任单位是「质安处」吗？是请回复「是」；不是请直接发送正确的责任单位。',
    ])
    expect(await say(SUPERVISOR, '是')).toEqual(['事故等级：一般、较大还是重大？'])
    for (const answer of ['一般', '按时', '未曝光']) await say(SUPERVISOR, answer)
    const summary = (await say(SUPERVISOR, '无')).join('\n')
    expect(summary).toContain('发生时间：11月23日 10:00\n')
    expect(summary).toContain('地点：朗州路工地\n')
    expect(summary).toContain('死亡人数：0\n')
    expect(summary).toContain('经过和认定：朗州路工地发生高处坠落事故，1人受伤送医')
    await say(SUPERVISOR, '取消')
    // 「腿骨折 已送医」 is hurt, not dead: the deaths are not asked.
    await say(SUPERVISOR, '登记事故')
    await say(SUPERVISOR, '今天上午10点 朗州路工地 一名工人从脚手架上摔下来 腿骨折 已送医')
    await say(SUPERVISOR, '是')
    expect(await say(SUPERVISOR, '一般')).toEqual(['事故是否按时报告？（按时 / 迟报 / 漏报 / 谎报 / 瞒报）'])
    await say(SUPERVISOR, '取消')
  })
})

describe('corrections said with a lead-in, and counts said with 是', () => {
  it('takes 「等等，不是人民路，是建设路」 as the place, and 「车是两台」 at the summary as the cars', async () => {
    await say(STAFF, '上报隐患 人民路井盖缺失')
    expect(await say(STAFF, '等等，不是人民路，是建设路')).toEqual([
      '已将「地点」改为：建设路',
      expect.stringMatching(/^是一般隐患还是重大隐患？/),
    ])
    await say(STAFF, '取消')
    await say(STAFF, '巡查 下午3点到4点 人民路 2人1车 无')
    const summary = (await say(STAFF, '车是两台')).join('\n')
    expect(summary).toContain('出动车次：2')
    expect(summary).toContain('出动人次：2')
    await say(STAFF, '取消')
  })
})

describe('a hazard asked after by its place or thing, and what falls due', () => {
  it('finds the hazards by the words of the question, each with where it stands', async () => {
    await say(STAFF, '上报隐患 柳叶大道与紫菱路口井盖缺失')
    await say(STAFF, '一般')
    const code = lastCode(await say(STAFF, '确认'), 'YH')
    const [found] = await say(LEADER, '帮我看看柳叶大道那个井盖的隐患处理得怎么样了')
    expect(found).toMatch(/^与「柳叶大道井盖」相关的隐患：\n/)
    expect(found).toContain(`· ${code} 柳叶大道与紫菱路口井盖缺失（已交办，市政建设总公司，期限 12月23日 23:59）`)
    expect(await say(LEADER, '滨湖路护栏修好了没')).toEqual([
      '没有找到与「滨湖路护栏」相关的隐患或投诉记录。知道编号的，可发送「查询 编号」。',
    ])
    // Asked with the work the fix takes (填, 换, 补): still how it goes, never a new report.
    for (const asked of ['柳叶大道那个井盖换了没有', '柳叶大道的井盖补上了吗'])
      expect((await say(STAFF, asked))[0]).toContain(`· ${code} 柳叶大道与紫菱路口井盖缺失（已交办`)
  })

  it('lists what falls due in the next three days', async () => {
    expect((await say('demo:supervisor', '哪些隐患快到期了'))[0]).toMatch(/^未来3天内没有到期的整改隐患。/)
    clock.advance(28 * 24 * 3_600_000)
    try {
      const [soon] = await say('demo:supervisor', '哪些隐患快到期了')
      expect(soon).toMatch(/^未来3天内到期的整改隐患：\n· YH\d{8}-\d{4} /)
      expect(soon).toContain('期限 12月23日 23:59')
    } finally {
      clock.advance(-28 * 24 * 3_600_000)
    }
  })

  it('lists the complaints about to run out of their day for 「有哪些快超时了」, soonest first', async () => {
    const ticket = lastCode(await say('demo:citizen', '芙蓉北路公交站旁边路灯不亮 晚上很黑'), 'TS')
    await say('demo:citizen', '不用')
    const [soon] = await say('demo:duty_officer', '有哪些快超时了')
    expect(soon).toMatch(/^24小时内到期的投诉：\n· TS\d{8}-\d{4} /)
    expect(soon).toContain(`· ${ticket} `)
    // Neither named: the hazards' deadlines and the complaints' limits, both.
    const [both] = await say('demo:duty_officer', '哪些快到期了')
    expect(both).toMatch(/^未来3天内(?:没有到期的整改隐患|到期的整改隐患：)[\s\S]*\n\n24小时内到期的投诉：\n/)
    clock.advance(25 * 3_600_000)
    try {
      expect((await say('demo:duty_officer', '哪些投诉快超时了'))[0]).not.toContain(ticket)
    } finally {
      clock.advance(-25 * 3_600_000)
    }
  })

  it('counts a past period’s new majors with its figures, and gives a supervisor the to-do for 「今天要交办的有哪些」', async () => {
    expect((await say(LEADER, '上周新增了几个重大隐患'))[0]).toMatch(/^上周（全市）：\n/)
    const [rate] = await say(LEADER, '投诉处理及时率是多少')
    expect(rate).toMatch(/受理投诉 \d+ 件；到期 \d+ 件，按时答复 \d+ 件（及时率 (?:\d+\.\d%|—)）。$/)
    expect((await say('demo:supervisor', '今天要交办的有哪些'))[0]).toMatch(/^(?:【待办事项】|您暂无待办事项)/)
    expect((await say('demo:duty_officer', '有没有没签收的投诉'))[0]).toMatch(/办理中的投诉 \d+ 件（待签收 \d+ 件）/)
  })
})

describe('questions about the work itself', () => {
  it('answers what to do on finding danger, what makes a hazard major, how long, and who handles it — opening no form', async () => {
    const before = await database.db.select().from(hazards)
    expect(await say(STAFF, '如果遇到燃气泄漏应该怎么处理')).toEqual([WORDING.staffDangerHowTo])
    const [criteria] = await say(STAFF, '燃气的重大隐患怎么认定')
    expect(criteria).toMatch(/^属于重大隐患的情形：\n【燃气】燃气管道或设施泄漏未处置；/)
    expect(criteria).not.toContain('【建筑工地】')
    // The two levels asked after (it was not understood): every kind's criteria tell them apart.
    for (const asked of ['隐患等级怎么划分', '一般隐患和重大隐患有什么区别']) {
      const [levels] = await say(STAFF, asked)
      expect(levels).toMatch(/^隐患分为一般隐患和重大隐患两级，不属于下列情形的为一般隐患。属于重大隐患的情形：\n/)
      expect(levels).toContain('【建筑工地】')
    }
    const [periods] = await say(STAFF, '整改期限一般是多久')
    expect(periods).toMatch(/^交办时未另定期限的，整改期限自交办之日起算：建筑工地 \d+ 天/)
    expect(await say(STAFF, '隐患上报以后谁来处理')).toEqual([WORDING.staffReportFlow])
    // Said with a place, danger is a report.
    expect((await say(STAFF, '人民路燃气泄漏了怎么办')).join('\n')).toContain('等级：重大隐患')
    await say(STAFF, '取消')
    expect(await database.db.select().from(hazards)).toHaveLength(before.length)
  })
})

describe('a handler saying how the work goes', () => {
  it('takes 「YH… 正在处理」 as taking the hazard on, and 「YH… 已重新固定好了」 as its rectification', async () => {
    await say(STAFF, '上报隐患 桃花源路66号门口井盖松动')
    await say(STAFF, '一般')
    const code = lastCode(await say(STAFF, '确认'), 'YH')
    const [taken] = await say(HANDLER, `${code} 正在处理，预计明天完成`)
    expect(taken).toMatch(new RegExp(`^已接收隐患 ${code}（桃花源路66号门口井盖松动），状态改为整改中`))
    expect(await say(HANDLER, `${code} 正在整改中`)).toEqual([
      `隐患 ${code} 已接收，正在整改中。整改完成后发送「整改 ${code}」反馈。`,
    ])
    const summary = (await say(HANDLER, `${code} 已重新固定好了`)).join('\n')
    expect(summary).toContain('【整改反馈】请核对')
    expect(summary).toContain('整改情况：已重新固定好了')
    await say(HANDLER, '取消')
    // Said to the unit of another handler, with nothing of theirs waiting: noted, nothing changes.
    expect(await say('demo:handler_zhianchu', '正在整改中')).toEqual([
      expect.stringMatching(/^(?:已接收隐患|您单位有|好的，已知悉)/),
    ])
  })
})

describe('who answers for a kind of thing, and a correction with nothing saved', () => {
  it('answers from the routing table, says whether it is the asker’s unit, and opens no form', async () => {
    const before = await database.db.select().from(hazards)
    const routes = await database.db
      .select({ category: routingRules.category, unit: units.name })
      .from(routingRules)
      .innerJoin(units, eq(units.id, routingRules.unitId))
    const unitFor = (category: string) => routes.find((r) => r.category === category)?.unit
    expect(await say(STAFF, '井盖归谁管')).toEqual([
      `「道路及市政设施」方面的隐患和投诉由${unitFor('road_municipal')}负责。`,
    ])
    expect((await say(STAFF, '这个井盖是不是归我们管'))[0]).toMatch(/^是您单位负责的：/)
    expect(await say(STAFF, '桥梁的隐患哪个单位负责')).toEqual([`「桥梁」方面的隐患和投诉由${unitFor('bridge')}负责。`])
    expect((await say(HANDLER, '燃气管道漏气是不是我们的事'))[0]).toMatch(
      new RegExp(`^不是您单位负责的：「燃气」方面的隐患和投诉由${unitFor('gas')}负责。`),
    )
    expect((await say(STAFF, '路灯不亮找谁'))[0]).toContain(unitFor('road_municipal'))
    const table = (await say(STAFF, '隐患归谁管'))[0] as string
    expect(table.split('\n')).toHaveLength(routes.length + 2)
    expect(await say(STAFF, '电线杆倒了找谁')).toEqual([WORDING.responsibilityElsewhere])
    expect(await database.db.select().from(hazards)).toHaveLength(before.length)
  })

  it('says nothing is saved when a correction is asked for with no record', async () => {
    const nobody = 'demo:unit_leader'
    expect(await say(nobody, '撤销刚才那条')).toEqual([WORDING.nothingSavedToAmend('巡查记录或隐患')])
    expect(await say(nobody, '能不能把上一条删了')).toEqual([WORDING.nothingSavedToAmend('巡查记录或隐患')])
  })
})

describe('the roster, copies of the ledgers, and messages for everyone', () => {
  it('answers who is on duty on the day asked, and whether it is the asker', async () => {
    expect(await say(LEADER, '今天谁值班')).toEqual(['今天（11月23日）值班：赵敏（11月23日 08:30至11月24日 08:30）'])
    // Who takes over, asked with 帮我 (its 我 had made it a question of whether the asker was on duty).
    expect(await say('demo:duty_officer', '帮我看一下今晚谁接班')).toEqual([
      '今天（11月23日）值班：赵敏（11月23日 08:30至11月24日 08:30）',
    ])
    expect(await say('demo:duty_officer', '明天我值班吗')).toEqual([
      '是的，您明天（11月24日）值班：11月24日 08:30至11月25日 08:30。',
    ])
    expect((await say(STAFF, '明天我值班吗'))[0]).toBe('您明天（11月24日）不值班。值班的是：赵敏。')
    // A weekday or a date: the next one that comes (11月23日 is a Monday).
    expect((await say(LEADER, '下周一谁值班'))[0]).toMatch(/^下周一（11月30日）值班：/)
    expect((await say(LEADER, '12月1日谁值班'))[0]).toMatch(/^12月1日值班：/)
  })

  it('points to the console for exports, to the group chat for broadcasts, and opens no form', async () => {
    const before = await database.db.select().from(hazards)
    expect(await say(LEADER, '导出本月隐患台账')).toEqual([WORDING.ledgerExportWhere])
    expect(await say(LEADER, '把这个月的月报发给我')).toEqual([WORDING.reportsWhere])
    expect(await say('demo:supervisor', '通知所有单位明天开会')).toEqual([WORDING.broadcastNotHere])
    expect(await say('demo:leader', '给市政发个通知，明天上午开安全会')).toEqual([WORDING.broadcastNotHere])
    expect(await database.db.select().from(hazards)).toHaveLength(before.length)
  })
})

describe('patrols asked after by road or by person, and how the assistant is used', () => {
  it('lists the day’s patrols of a road or of a person', async () => {
    await say(STAFF, '下午2点到3点巡查滨湖西路，2人1车，未发现隐患')
    const code = lastCode(await say(STAFF, '确认'), 'XC')
    const [byRoad] = await say(LEADER, '滨湖西路今天有人巡查吗')
    expect(byRoad).toMatch(
      new RegExp(`^今天滨湖西路的巡查记录共 1 次：\\n· ${code} 11月23日 14:00–15:00 滨湖西路（张伟）`),
    )
    expect((await say(LEADER, '张伟今天巡查了没有'))[0]).toContain(code)
    // How many times, for a person: the count of the period's, with the list.
    const [count] = await say(LEADER, '张伟这个月巡查了几次')
    expect(count).toMatch(/^本月张伟参加的巡查记录共 \d+ 次：\n/)
    expect(count).toContain(code)
    // A unit named: its figures, not the city's.
    expect((await say(LEADER, '市政建设总公司本月巡查情况'))[0]).toMatch(
      /^本月截至目前（市政建设总公司）：\n巡查 \d+ 次/,
    )
    // A part of the day is today's figures, asked (never a patrol form).
    expect((await say(LEADER, '上午巡查了几次'))[0]).toMatch(/^今天截至目前（全市）：/)
    expect(await say(LEADER, '李四今天巡查了没有')).toEqual(['今天还没有李四参加的巡查记录。'])
    expect(await say(LEADER, '沅安路今天有人巡查吗')).toEqual(['今天还没有沅安路的巡查记录。'])
  })

  it('keeps 「我一个人 骑电动车」 and 「没发现问题」 said to when it began, and asks when again (it offered a new form)', async () => {
    await say(STAFF, '巡查')
    await say(STAFF, '今天上午')
    expect(await say(STAFF, '人民路到建设路')).toEqual([
      '已记下巡查路段/项目：人民路到建设路。',
      '11月23日上午几点开始的？',
    ])
    expect(await say(STAFF, '我一个人 骑电动车')).toEqual([
      '已记下出动人次 1、出动车次 0。',
      '11月23日上午几点开始的？',
    ])
    expect(await say(STAFF, '没发现问题')).toEqual(['已记下发现隐患：没发现问题。', '11月23日上午几点开始的？'])
    const summary = (await say(STAFF, '9点到11点')).join('\n')
    expect(summary).toContain('出动人次：1')
    expect(summary).toContain('出动车次：0')
    expect(summary).toContain('发现隐患：无')
    await say(STAFF, '取消')
    // 「两个人 开车去的」 is the turn-out, not a finding 「开车去的」.
    await say(STAFF, '巡查')
    await say(STAFF, '今天上午9点到10点')
    expect(await say(STAFF, '两个人 开车去的')).toEqual(['已记下出动人次 2、出动车次 1。', '巡查了哪个路段或项目？'])
    await say(STAFF, '取消')
  })

  it('answers whether a patrol record came in, and a hazard reported on a weekday named, asked in words', async () => {
    for (const asked of ['巡查记录发你了吗', '你收到我的巡查记录了吗'])
      expect((await say(STAFF, asked))[0]).toMatch(/^您今天(?:还没有巡查记录|共填报巡查记录)/)
    expect((await say(STAFF, '我上周五报的那个隐患处理了没有'))[0]).toMatch(/^(?:您最近上报的隐患|您还没有上报)/)
  })

  it('answers how the assistant is used, opening no form', async () => {
    const before = await database.db.select().from(hazards)
    expect(await say(STAFF, '巡查记录可以补录吗')).toEqual([WORDING.staffSupport.backfill])
    expect(await say(STAFF, '忘记报昨天的巡查了，怎么补')).toEqual([WORDING.staffSupport.backfill])
    expect(await say(STAFF, '巡查记录怎么填')).toEqual([WORDING.staffSupport.patrol_howto])
    expect(await say(STAFF, '今天下雨没出去')).toEqual([WORDING.patrolNotYet])
    for (const said of ['今天没什么事', '下午休息', '今天请假'])
      expect(await say(STAFF, said)).toEqual([WORDING.patrolNotYet])
    expect((await say(STAFF, '今天巡查了吗'))[0]).toMatch(/^您今天/)
    expect((await say(STAFF, '帮我查下人民路那个井盖的隐患怎么样了'))[0]).not.toContain('查下')
    // A question is never a report: 「今天有没有重大隐患」 opens no hazard form.
    expect((await say(LEADER, '今天有没有重大隐患'))[0]).not.toMatch(/隐患在什么位置|请描述/)
    // Nor 「…超期的有几件」 (超期 is no defect found; 几件 asks): what is open and late is the answer.
    for (const asked of ['本周投诉处理超期的有几件', '本月超期的投诉有几件'])
      expect((await say(LEADER, asked))[0]).toMatch(/其中超过办理时限 \d+ 件/)
    expect(await say(LEADER, '大家辛苦了')).toEqual([WORDING.staffCourtesy])
    expect(await say(LEADER, '表扬一下市政，井盖修得很快')).toEqual([WORDING.staffCourtesy])
    expect(await say(STAFF, '隐患照片太大发不了')).toEqual([WORDING.staffSupport.media_trouble])
    // How to send one, asked just after a hazard was reported: how, and that it goes with that hazard.
    expect((await say(STAFF, '拍了照片怎么发给你'))[0]).toMatch(
      /^点输入框旁的「\+」.*将补充到您刚上报的隐患 YH\d{8}-\d{4}。$/,
    )
    expect(await say(STAFF, '语音能识别吗')).toEqual([WORDING.staffSupport.voice])
    expect(await say(STAFF, '帮我把今天的巡查记录发给领导')).toEqual([WORDING.staffSupport.records_shared])
    // Where to patrol, asked, is the unit's duty in the scheme's words — never a patrol record opened.
    for (const asked of ['下午去哪里巡查', '今天的巡查任务是什么'])
      expect(await say(STAFF, asked)).toEqual([
        WORDING.patrolScopeOf('市市政建设总公司负责市城区城市主次干道（含所有市政设施）安全日常巡查工作。'),
      ])
    expect(await say(STAFF, '为什么我收不到提醒')).toEqual([WORDING.staffSupport.reminders])
    expect(await say(STAFF, '我换手机号了')).toEqual([WORDING.staffSupport.phone_change])
    for (const [who, said] of [
      ['demo:duty_officer', '我要换班'],
      [STAFF, '明天能不能跟小李调个班'],
    ])
      expect(await say(who, said)).toEqual([WORDING.staffSupport.duty_swap])
    expect(await say(STAFF, '月报里的工作建议怎么写')).toEqual([WORDING.staffSupport.narrative])
    expect(await say(STAFF, '你好，我是新来的')).toEqual([WORDING.staffSupport.newcomer])
    for (const asked of ['怎么添加新用户', '新同事怎么加进来？', '怎么添加一个新员工', '新来的员工怎么加进系统'])
      expect(await say('demo:admin', asked)).toEqual([WORDING.staffSupport.add_person])
    // (Neither was understood.)
    expect(await say('demo:duty_officer', '夜里有什么情况及时告诉我')).toEqual([WORDING.staffSupport.notify_me])
    for (const asked of ['明天开会要用的数据准备一下', '帮我准备一份本月的汇报材料'])
      expect(await say(LEADER, asked)).toEqual([WORDING.staffSupport.meeting_figures])
    expect((await say(STAFF, '附件5是什么表'))[0]).toBe(
      '附件5是《安全督查工作记录表》：发送「督查」按提示填写；已填的记录表在管理后台「督查台账」页查看和导出。',
    )
    expect((await say(STAFF, '上报错了怎么删'))[0]).toMatch(/不能直接修改/)
    // A report said by someone away on business is still a report.
    expect((await say(STAFF, '我出差路过沅安路，发现井盖缺失')).join('\n')).not.toContain('休假或出差')
    await say(STAFF, '取消')
    expect(await database.db.select().from(hazards)).toHaveLength(before.length)
  })
})

describe('personal details in what staff are shown', () => {
  it('masks a phone number typed into a description wherever a hazard is listed or looked up', async () => {
    await say(STAFF, '上报隐患 龙港巷口井盖缺失，住户王先生电话13912345678')
    await say(STAFF, '一般')
    const code = lastCode(await say(STAFF, '确认'), 'YH')
    const [found] = await say(LEADER, '龙港巷井盖处理得怎么样了')
    expect(found).toContain(code)
    expect(found).not.toContain('13912345678')
    const [record] = await say(LEADER, `查询 ${code}`)
    expect(record).toContain('139****5678')
    expect(record).not.toContain('13912345678')
  })
})

describe('a question answered while a form is open', () => {
  it('answers it, says the form is still waiting, and takes the next answer for the form', async () => {
    expect(await say(STAFF, '巡查')).toEqual(['请问巡查是几点开始的？'])
    expect(await say(STAFF, '今天谁值班')).toEqual([
      '今天（11月23日）值班：赵敏（11月23日 08:30至11月24日 08:30）',
      WORDING.formStillOpen('日巡查工作记录'),
    ])
    expect(await say(STAFF, '早上6点到7点')).toEqual(['巡查了哪个路段或项目？'])
    await say(STAFF, '取消')
    // With no form open, the answer alone.
    expect(await say(STAFF, '今天谁值班')).toHaveLength(1)
  })
})

describe('a saved record asked after or corrected in words, and what is waiting', () => {
  it('answers 「YH…现在到哪一步了」 with the record, and tells how to correct 「刚报的那个隐患」', async () => {
    await say(STAFF, '上报隐患 建设路小学门口人行道护栏松动 一般')
    const code = lastCode(await say(STAFF, '确认'), 'YH')
    const before = await database.db.select().from(hazards)
    for (const asked of [`隐患${code}现在到哪一步了`, `${code}处理了没有`, `${code} 进度`]) {
      const [answer] = await say(STAFF, asked)
      expect(answer).toMatch(new RegExp(`^隐患 ${code}：已交办，整改期限 `))
    }
    const [amend] = await say(STAFF, '刚报的那个隐患地点写错了，应该是建设路中学')
    expect(amend).toMatch(new RegExp(`^您最近上报的隐患是 ${code}（.*）。已上报的隐患不能直接修改。`))
    // Nothing was reported or changed by any of it.
    expect(await database.db.select().from(hazards)).toEqual(before)
  })

  it('lists the person’s own hazards for 「我上周交的那个隐患怎么样了」 (it had given the unit’s week) and 「发的」', async () => {
    await say(STAFF, '上报隐患 五一路桥头护栏断了一截 一般')
    const code = lastCode(await say(STAFF, '确认'), 'YH')
    for (const asked of ['我上周交的那个隐患怎么样了', '我上周发的隐患处理了吗']) {
      const [answer] = await say(STAFF, asked)
      expect(answer).toMatch(/^您最近上报的隐患：\n/)
      expect(answer).toContain(`${code}（`)
      expect(answer).not.toContain('巡查 0 次')
    }
  })

  it('gives a colleague’s to-do asked by name to their unit and to those overseeing, and no one else', async () => {
    const [own] = await say(HANDLER, '我的待办')
    const expected =
      own === '您暂无待办事项。' ? '李娜暂无待办事项。' : own?.replace(/^【待办事项】/, '【李娜的待办事项】')
    // (「李娜手上有多少事」 was not understood.)
    expect(await say('demo:unit_leader', '李娜手上有多少事')).toEqual([expected])
    expect(await say(LEADER, '看看李娜的待办')).toEqual([expected])
    expect(await say('demo:handler_zhianchu', '李娜手上有多少事')).toEqual([
      '只能查看本单位同事的待办；其他单位的情况请问督查员（安监科）。',
    ])
    expect(await say('demo:unit_leader', '王五手上有什么事')).toEqual(['没有找到名为「王五」的在岗人员，请核对姓名。'])
  })

  it('lists what is waiting on 「今天有什么要处理的」 and 「手上还有哪些事情需要跟进」', async () => {
    await say(STAFF, '上报隐患 人民路88号井盖缺失 一般')
    const handed = lastCode(await say(STAFF, '确认'), 'YH')
    const [listed] = await say(HANDLER, '我的待办')
    expect(listed).toContain(handed)
    for (const asked of ['今天有什么要处理的', '手上还有哪些事情需要跟进', '今天没什么事吧'])
      expect(await say(HANDLER, asked)).toEqual([listed])
    // A command with its number is still the command, however it ends.
    const [form] = await say(HANDLER, `整改 ${handed} 已修好了没有问题`)
    expect(form).toMatch(new RegExp(`^【整改反馈】请核对：\n隐患编号：${handed}\n整改情况：已修好了没有问题`))
    await say(HANDLER, '取消')
  })
})

describe('the ledger by kind, over the last days, and what is overdue', () => {
  it('counts the week’s complaints and the month’s hazards by kind, and the last 7 days’ figures, opening no form', async () => {
    const citizen = 'demo:citizen'
    for (const said of ['人民路88号井盖没了', '建设路工地晚上施工噪音大', '光明路路灯不亮']) {
      await say(citizen, said)
      await say(citizen, '不用')
    }
    const [byKind] = await say(LEADER, '最近一周投诉最多的是哪类问题')
    expect(byKind).toMatch(/^近7天受理的投诉（按类别，多的在前）：\n1\. 道路及市政设施 (\d+) 件\n/)
    expect(byKind).toContain('建筑工地')
    const [hazardsByKind] = await say(LEADER, '本月隐患按类别统计一下')
    expect(hazardsByKind).toMatch(/^本月发现的隐患（按类别/)
    expect((await say(LEADER, '近7天巡查了多少次'))[0]).toMatch(/^近7天（全市）：\n巡查 \d+ 次/)
    expect((await say('demo:duty_officer', '今天有没有超时的投诉'))[0]).toMatch(
      /^截至 .*\n整改中的隐患 \d+ 项.*\n办理中的投诉 \d+ 件/,
    )
    // City figures stay with those who get the digest.
    expect(await say(STAFF, '最近一周投诉最多的是哪类问题')).toEqual([WORDING.figuresForBriefed])
    // None of it opened a form: the next words are no answer to one.
    expect(await say(LEADER, '取消')).toEqual(['当前没有进行中的填报。'])
  })
})

describe('what was done said with what was found, and a report introduced in words', () => {
  it('keeps 「已设置临时围挡」 said with the finding as the patrol’s handling, asking nothing more', async () => {
    await say(STAFF, '取消')
    for (const answer of ['巡查', '下午三点', '四点', '武陵大道', '2', '1']) await say(STAFF, answer)
    const [summary] = await say(STAFF, '发现一处窨井盖破损，已设置临时围挡')
    expect(summary).toMatch(/^【日巡查工作记录】请核对：/)
    expect(summary).toContain('处理情况：已设置临时围挡')
    const code = lastCode(await say(STAFF, '确认'), 'XC')
    const [row] = await database.db.select().from(patrols).where(eq(patrols.code, code))
    expect(row?.handlingResult).toBe('已设置临时围挡')
  })

  it('files 「我要上报一个重大隐患，龙港路桥桥墩裂缝很大」 as one major hazard without the words that introduce it', async () => {
    const [summary] = await say(STAFF, '我要上报一个重大隐患，龙港路桥桥墩裂缝很大')
    expect(summary).toContain('隐患描述：龙港路桥桥墩裂缝很大\n')
    expect(summary).toContain('等级：重大隐患')
    expect(summary).not.toContain('处隐患，将分别登记')
    const code = lastCode(await say(STAFF, '确认'), 'YH')
    const [row] = await database.db.select().from(hazards).where(eq(hazards.code, code))
    expect(row).toMatchObject({ description: '龙港路桥桥墩裂缝很大', level: 'major', locationText: '龙港路桥' })
  })
})

describe('whether a report has been filed', () => {
  it('tells a unit when its report was filed, and those overseeing which units have not filed', async () => {
    const [notYet] = await say(STAFF, '周报交了没')
    expect(notYet).toMatch(/^2026-11-16 至 2026-11-22的周报表：11月23日 23:59 前上报\n/)
    const [before] = await say(LEADER, '上周的周报都交了吗')
    expect(before).toMatch(
      /^2026-11-16 至 2026-11-22的周报表（11月23日 23:59 前上报）：应报 8 个单位，已上报 0 个；未上报：.*市政建设总公司/,
    )
    // 市政建设总公司 files last week's (as 「上报周报」 leaves it).
    const [shizheng] = await database.db.select().from(units).where(eq(units.code, 'shizheng'))
    await database.db.insert(periodicReports).values({
      kind: 'weekly',
      unitId: shizheng?.id,
      periodStart: '2026-11-16',
      periodEnd: '2026-11-22',
      dueAt: zonedInstant('2026-11-23', TEST_TIME_ZONE, 23, 59),
      submittedAt: zonedInstant('2026-11-23', TEST_TIME_ZONE, 16),
    })
    expect((await say(STAFF, '周报交了没'))[0]).toMatch(/^2026-11-16 至 2026-11-22的周报表：已于 11月23日 16:00 上报\n/)
    const [after] = await say(LEADER, '上周的周报都交了吗')
    expect(after).toMatch(/应报 8 个单位，已上报 1 个；未上报：/)
    expect(after).not.toContain('市政建设总公司')
    expect(after).toContain('2026-11-23 至 2026-11-29的周报表：11月30日 23:59 前上报。')
  })
})

describe('a box to change, asked for in a sentence at the summary', () => {
  it('asks the box again for 「我要修改地点」 (it was added to the description), and takes the new place', async () => {
    await say(STAFF, '上报隐患 人民路井盖破损')
    expect((await say(STAFF, '一般')).join('\n')).toContain('请核对')
    expect((await say(STAFF, '我要修改地点'))[0]).toMatch(/^隐患在什么位置？/)
    const summary = (await say(STAFF, '人民路与建设路交叉口')).join('\n')
    expect(summary).toContain('地点：人民路与建设路交叉口')
    expect(summary).toContain('隐患描述：人民路井盖破损\n')
    await say(STAFF, '取消')
    expect((await say(STAFF, '哈哈'))[0]).toBe(WORDING.staffCourtesy)
    expect((await say(STAFF, '帮我查下我上周的巡查记录'))[0]).toMatch(/^(?:您还没有巡查记录|您最近的巡查记录：)/)
  })
})

describe('a form’s words with no form open, and a long report waiting', () => {
  it('explains that a saved record stays as saved when 「修改 …」 comes with nothing being filled in', async () => {
    await say(STAFF, '取消')
    const before = await database.db.select().from(hazards)
    const [answer] = await say(STAFF, '修改 隐患描述')
    expect(answer).toMatch(/^当前没有进行中的填报。.*已上报的隐患不能直接修改/)
    expect((await say(STAFF, '删除隐患 2'))[0]).toMatch(/^当前没有进行中的填报。/)
    // Said in a sentence, the same.
    expect((await say(STAFF, '我要修改地点'))[0]).toMatch(/^当前没有进行中的填报。.*已上报的隐患不能直接修改/)
    // Nothing was started: the next words are no answer to a form.
    expect(await say(STAFF, '取消')).toEqual(['当前没有进行中的填报。'])
    expect(await database.db.select().from(hazards)).toEqual(before)
  })

  it('shows a long new report clipped in the choice between the open form and it', async () => {
    // (A patrol keeps what it found, said to any of its questions, as its findings: the choice is another form's.)
    const SUPERVISOR = 'demo:supervisor'
    await say(SUPERVISOR, '督查')
    const long = `人民路井盖缺失${'，旁边还有一处护栏松动'.repeat(40)}`
    const [choice] = await say(SUPERVISOR, long)
    expect(choice).toMatch(
      /^您有未完成的「督查记录表」填报。.*并开始「上报隐患 人民路井盖缺失，旁边还有一处护栏松动，旁边还有一处…」。$/,
    )
    expect([...(choice ?? '')].length).toBeLessThan(120)
    await say(SUPERVISOR, '继续填写')
    await say(SUPERVISOR, '取消')
    // Said to a patrol's time, it is that patrol's finding, said back by its start.
    await say(STAFF, '巡查')
    await say(STAFF, '下午1点')
    const [kept] = await say(STAFF, long)
    expect(kept).toBe(
      '已记下发现隐患：人民路井盖缺失，旁边还有一处护栏松动，旁边还有一处护栏松动，旁边还有一处护栏松动…。',
    )
    await say(STAFF, '取消')
  })
})

describe('supervisions of the day, the digest asked for by name, and the console password', () => {
  it('lists the day’s supervision records on 「今天督查了哪些单位」', async () => {
    const supervisor = 'demo:supervisor'
    await say(supervisor, '取消')
    for (const answer of [
      '督查',
      '市政建设总公司',
      '今天上午10点',
      '陈刚',
      '赵敏、王强',
      '日巡查台账、隐患整改',
      '无',
      '无',
    ])
      await say(supervisor, answer)
    const code = lastCode(await say(supervisor, '确认'), 'DC')
    const [listed] = await say(supervisor, '今天督查了哪些单位')
    expect(listed).toMatch(/^今天督查记录共 \d+ 条：\n/)
    expect(listed).toContain(`${code} 11月23日 10:00 市政建设总公司（带队：陈刚）`)
    expect((await say(LEADER, '昨天督查了几次'))[0]).toBe('昨天还没有督查记录。')
  })

  it('sends the digest on 「昨天的日报发我一下」, and tells where the console password is changed', async () => {
    expect((await say(LEADER, '昨天的日报发我一下'))[0]).toMatch(/^## 巡安日报 2026-11-22\n/)
    expect(await say('demo:admin', '重置我的密码')).toEqual([WORDING.staffSupport.password])
    expect(await say(STAFF, '后台密码忘了怎么办')).toEqual([WORDING.staffSupport.password])
  })
})

describe('a unit urged on (催办)', () => {
  it('reminds the unit’s handlers of what it has open, once per message, and says when there is nothing to urge', async () => {
    await say(STAFF, '取消')
    await say(STAFF, '上报隐患 皂果路66号井盖缺失 一般')
    lastCode(await say(STAFF, '确认'), 'YH')
    // 李娜, the unit's handler, is bound as demo:handler.
    const reminders = async () =>
      (await database.db.select().from(outbox).where(like(outbox.dedupeKey, 'urge:%'))).filter(
        (row) => (row.recipient as { externalId?: string }).externalId === 'demo:handler',
      )
    const [answer] = await say(LEADER, '帮我催一下市政建设总公司')
    expect(answer).toMatch(
      /^已向市政建设总公司的经办人发送催办提醒（1 个账号）：待整改隐患 \d+ 项（已超期 \d+ 项），待办投诉 \d+ 件（已超时 \d+ 件）。$/,
    )
    const sent = await reminders()
    expect(sent).toHaveLength(1)
    expect((sent[0]?.message as { text?: string } | undefined)?.text).toMatch(
      /^【催办】领导.+提醒：贵单位待整改隐患 \d+ 项/,
    )
    // Nothing open at 园林局: nothing sent.
    expect(await say(LEADER, '督促园林局抓紧整改')).toEqual(['园林局目前没有待整改的隐患和待办的投诉，无需催办。'])
    // Urging is for those who oversee.
    expect(await say(STAFF, '帮我催一下市政建设总公司')).toEqual([WORDING.urgeForOverseers])
    expect(await reminders()).toHaveLength(1)
  })
})

describe('how citizens rated the handling, and the city asked after without a question word', () => {
  it('counts the month’s call-backs by rating with the satisfaction rate', async () => {
    const citizen = 'demo:citizen'
    const codes: string[] = []
    for (const said of ['沅安路9号井盖松动', '桃花源路3号路灯不亮']) {
      codes.push(lastCode(await say(citizen, said), 'TS'))
      await say(citizen, '不用')
    }
    for (const code of codes) await say('demo:admin', `回复 ${code} 已处理完毕`)
    const rows = await database.db.select().from(complaints).where(inArray(complaints.code, codes))
    const ctx = serviceContext(database, clock)
    const [admin] = await database.db.select().from(people).where(eq(people.role, 'admin'))
    const ratings = ['satisfied', 'dissatisfied'] as const
    for (const [i, row] of rows.entries())
      await applyComplaintCommand({
        ctx,
        complaintId: row.id,
        command: { action: 'callback', satisfaction: ratings[i] ?? 'satisfied' },
        actor: { personId: admin?.id ?? null, role: 'admin', unitId: admin?.unitId ?? null },
      })
    const [answer] = await say(LEADER, '投诉的满意度怎么样')
    expect(answer).toMatch(/^本月受理的投诉回访 2 件：满意 1 件，基本满意 0 件，不满意 1 件（满意率 50(?:\.0)?%）。/)
    expect(await say(STAFF, '投诉的满意度怎么样')).toEqual([WORDING.figuresForBriefed])
    expect((await say(LEADER, '今天全市情况'))[0]).toMatch(TODAY_THEN_DIGEST)
  })
})

describe('the person’s own unit, who answers, and goodbyes', () => {
  it('gives the own unit’s figures on 「我们单位今天巡了没有」, its open items to a handler, and says who answers', async () => {
    expect((await say(STAFF, '我们单位今天巡了没有'))[0]).toMatch(/^今天截至目前（市政建设总公司）：\n巡查 \d+ 次/)
    // A handler's 「我们单位有几个超期的」 is their own to-do's overdue, not the city's.
    expect((await say(HANDLER, '我们单位有几个超期的'))[0]).toMatch(/^(?:【超期事项】|您没有超期的事项)/)
    expect(await say(STAFF, '你是谁')).toEqual([WORDING.staffWhoAmI])
    for (const said of ['拜拜', '再见']) expect(await say(STAFF, said)).toEqual([WORDING.staffCourtesy])
  })
})

describe('records asked to be shown, and a hazard taken on in words', () => {
  it('lists the day’s complaints and the month’s hazards on 「让我看一下今天的投诉」, masked, for the city or the unit', async () => {
    const DUTY = 'demo:duty_officer'
    const citizen = 'demo:citizen'
    const complaint = lastCode(await say(citizen, '翠竹路66号路灯杆歪了，电话13812345678 刘女士'), 'TS')
    const hazard = lastCode(
      (await say(STAFF, '翠竹路70号井盖缺失')).concat(await say(STAFF, '一般'), await say(STAFF, '确认')),
      'YH',
    )
    const before = (await database.db.select().from(hazards)).length
    for (const [who, asked] of [
      [LEADER, '让我看一下今天的投诉'],
      [DUTY, '有没有新的投诉'],
      [DUTY, '新投诉'],
    ] as const) {
      const [listed] = await say(who, asked)
      expect(listed).toMatch(/^今天全市受理的投诉 \d+ 件：/)
      expect(listed).toContain(`· ${complaint} `)
      expect(listed).not.toContain('13812345678')
    }
    const [mine] = await say(HANDLER, '看看我们单位的隐患')
    expect(mine).toMatch(/^本月交办市政建设总公司的隐患 \d+ 项：/)
    expect(mine).toContain(hazard)
    expect((await say(LEADER, '给我看看重大隐患'))[0]).toMatch(/^(?:未销号的重大隐患|目前没有未销号的重大隐患)/)
    // None of these filed anything.
    expect(await database.db.select().from(hazards)).toHaveLength(before)
  })

  it('takes a hazard on from 「YH… 已安排人员明天上午更换井盖」, and reads 「YH… 更换完毕」 as its rectification', async () => {
    const code = lastCode(
      (await say(STAFF, '翠竹路72号井盖破损')).concat(await say(STAFF, '一般'), await say(STAFF, '确认')),
      'YH',
    )
    expect((await say(HANDLER, `${code} 已安排人员明天上午更换井盖`))[0]).toMatch(new RegExp(`^已接收隐患 ${code}`))
    const [row] = await database.db.select().from(hazards).where(eq(hazards.code, code))
    expect(row?.status).toBe('rectifying')
    const summary = (await say(HANDLER, `${code} 井盖更换完毕`)).join('\n')
    expect(summary).toContain('【整改反馈】')
    expect(summary).toContain(`隐患编号：${code}`)
    await say(HANDLER, '取消')
  })
})

describe('answers given before their question, and an account headed 「事故：」', () => {
  const SUPERVISOR = 'demo:supervisor'

  it('keeps a time said to another question for the time asked later, and a place said to when for the route', async () => {
    await say(SUPERVISOR, '登记事故')
    expect(await say(SUPERVISOR, '昨天晚上八点')).toEqual([
      WORDING.keptForLater('发生时间', '昨天晚上八点'),
      '事故属于哪个单位的行业监管范围？',
    ])
    await say(SUPERVISOR, '质安处')
    await say(SUPERVISOR, '人民路工地')
    for (const answer of ['一般', '0', '按时', '无', '无']) await say(SUPERVISOR, answer)
    const accident = (await say(SUPERVISOR, '工人从脚手架摔下骨折')).join('\n')
    expect(accident).toContain('发生时间：11月22日 20:00')
    await say(SUPERVISOR, '取消')

    await say(STAFF, '巡查组')
    await say(STAFF, '第一巡查组')
    // A span of days said to 「组长是谁」 is the team's days; the name is still asked for.
    expect(await say(STAFF, '11月20日到11月22日')).toEqual([
      WORDING.keptForLater('时间', '11月20日到11月22日'),
      '组长是谁？',
    ])
    await say(STAFF, '取消')

    await say(STAFF, '巡查')
    expect(await say(STAFF, '人民路')).toEqual([
      WORDING.keptForLater('巡查路段/项目', '人民路'),
      '请问巡查是几点开始的？',
    ])
    // A count is no time, whatever the question: said to 人次 after a half-day, it puts the span right.
    await say(STAFF, '取消')
    await say(STAFF, '上午巡查发现皂果路有个井盖被盗，已经放了锥桶')
    expect(await say(STAFF, '10点到11点半')).toEqual([WORDING.keptForLater('时间', '10点到11点半'), '出动了多少人次？'])
    await say(STAFF, '两个人')
    const patrol = (await say(STAFF, '1台')).join('\n')
    expect(patrol).toContain('开始时间：11月23日 10:00')
    expect(patrol).toContain('结束时间：11月23日 11:30')
    expect(patrol).toContain('出动人次：2')
    await say(STAFF, '取消')
    await say(STAFF, '巡查')
    await say(STAFF, '人民路')
    await say(STAFF, '9点到11点')
    expect(await say(STAFF, '3')).toEqual(['出动了多少车次？'])
    await say(STAFF, '取消')
  })

  it('records 「事故：…」 from the supervising office as an accident, its time read from it, and 「督查科…」 opens no form', async () => {
    // The unit whose work it names (燃气) is offered, as when the account answers the first question.
    expect(await say(SUPERVISOR, '事故：今天上午10点，朗州路燃气管道被挖断，无人员伤亡，已抢修')).toEqual([
      '责任单位是「燃气办」吗？是请回复「是」；不是请直接发送正确的责任单位。',
    ])
    for (const answer of ['是', '朗州路与人民路交叉口', '一般', '0', '按时', '无']) await say(SUPERVISOR, answer)
    const summary = (await say(SUPERVISOR, '无')).join('\n')
    expect(summary).toContain('【事故登记】请核对')
    expect(summary).toContain('发生时间：11月23日 10:00')
    expect(summary).toContain('经过和认定：朗州路燃气管道被挖断，无人员伤亡，已抢修')
    await say(SUPERVISOR, '取消')
    expect((await say(SUPERVISOR, '督查科今天开会'))[0]).not.toMatch(/督查的是哪个单位/)
  })
})

describe('noise, pastes and a field named with its value while a form is open', () => {
  it('adds no paste or code to a description, quotes a long answer clipped, and takes 「类别 燃气」 as the kind', async () => {
    await say(STAFF, '翠竹路80号井盖缺失')
    for (const noise of ['{"a":1}', '$' + '{jndi:ldap://x}', 'a'.repeat(3000)]) {
      const [refused] = await say(STAFF, noise)
      // Quoted back clipped: enough to recognise, never the whole paste.
      expect(refused).toMatch(new RegExp(`^没能识别“${noise.length > 30 ? 'a{30}…' : '.+'}”`))
    }
    expect(await say(STAFF, '类别 燃气')).toEqual([
      '已将「类别」改为：燃气',
      expect.stringMatching(/^是一般隐患还是重大隐患？/),
    ])
    await say(STAFF, '一般')
    expect((await say(STAFF, '{"a":1}'))[0]).toBe(WORDING.notADetail)
    const summary = (await say(STAFF, '确认')).join('\n')
    const code = lastCode([summary], 'YH')
    const [row] = await database.db.select().from(hazards).where(eq(hazards.code, code))
    expect(row).toMatchObject({ description: '翠竹路80号井盖缺失', category: 'gas' })
  })
})

describe('a complaint in hand, named in words without its number', () => {
  it('signs for the one the words name, notes how its handling goes, and asks which when several fit', async () => {
    const citizen = 'demo:citizen'
    const lamp = lastCode(await say(citizen, '青年路58号路灯不亮'), 'TS')
    await say(citizen, '不用')
    const cover = lastCode(await say(citizen, '青年路120号井盖缺失'), 'TS')
    await say(citizen, '不用')
    expect(await say(HANDLER, '青年路那个路灯的投诉签收一下')).toEqual([
      `已签收投诉 ${lamp}，请在时限内办理并回复结果。`,
    ])
    const [lampRow] = await database.db.select().from(complaints).where(eq(complaints.code, lamp))
    expect(lampRow?.status).toBe('accepted')
    // Both are on 青年路: which one is asked, nothing is changed.
    const [which] = await say(HANDLER, '已经派人去青年路了')
    expect(which).toMatch(/^请问是哪一件投诉？/)
    expect(which).toContain(cover)
    const [coverRow] = await database.db.select().from(complaints).where(eq(complaints.code, cover))
    expect(coverRow?.status).toBe('assigned')
    // The thing named settles it: the progress goes on that complaint's history.
    expect((await say(HANDLER, '青年路井盖已经派人去现场了'))[0]).toBe(
      `已签收投诉 ${cover}，请在时限内办理并回复结果。`,
    )
    // Said again after the 签收: what comes next, not a refusal.
    expect(await say(HANDLER, `${cover} 收到`)).toEqual([
      `投诉 ${cover} 已签收。办理完成后请发送「回复 ${cover} 办理结果」，结果会告知市民。`,
    ])
  })
})

describe('reports not filed and majors in a period, asked freely', () => {
  it('lists the units that have not filed on 「本月有没有哪个单位没交月报」, and counts a period’s majors', async () => {
    const [filed] = await say(LEADER, '本月有没有哪个单位没交月报')
    expect(filed).toMatch(/^2026年10月的月报表（11月6日 23:59 到期）：应报 \d+ 个单位，已上报 \d+ 个/)
    const [majors] = await say(LEADER, '上周重大隐患有几个，销号了几个')
    expect(majors).toMatch(/^上周（全市）：\n/)
    expect(majors).toMatch(/发现隐患 \d+ 项（重大 \d+ 项），已整改销号 \d+ 项/)
  })

  it('answers 「这个月重大隐患销号了几个 还剩几个」 with the month’s majors found and closed, and those still open', async () => {
    await say(STAFF, '上报隐患 桃花源路8号路面塌陷 有个大坑')
    await say(STAFF, '重大')
    const major = lastCode(await say(STAFF, '确认'), 'YH')
    const open = await database.db
      .select()
      .from(hazards)
      .where(and(eq(hazards.level, 'major'), inArray(hazards.status, [...OPEN_HAZARD_STATUSES])))
    const [answer = ''] = await say(LEADER, '这个月重大隐患销号了几个 还剩几个')
    expect(answer).toMatch(/^本月截至目前重大隐患：新发现 [1-9]\d* 项，销号 \d+ 项（含此前发现的）。\n/)
    expect(answer).toContain(`未销号的重大隐患 ${open.length} 项：`)
    expect(answer).toContain(major)
  })
})

describe('questions about the work asked in passing', () => {
  it('answers how an item goes to another unit, a deadline too short, how often to patrol and how a check is made', async () => {
    // (Each was not understood, or — 「整改期限…」 — opened the rectification form.)
    expect(await say(HANDLER, '能不能把隐患转给别的单位')).toEqual([WORDING.notOurs])
    expect(await say(HANDLER, '整改期限太短了，来不及')).toEqual([WORDING.extensionHow])
    expect(await say(STAFF, '巡查要多久一次')).toEqual([WORDING.staffSupport.patrol_frequency])
    expect(await say('demo:supervisor', '验收标准是什么')).toEqual([WORDING.staffSupport.verify_howto])
  })
})

describe('the assessment asked about', () => {
  it('answers how it is made on 「考核细则是什么」 (it had given the ranking), and a unit its deductions on 「为什么扣了这么多分」', async () => {
    for (const asked of ['考核细则是什么', '考核怎么算', '考核怎么评'])
      expect(await say(LEADER, asked)).toEqual([WORDING.staffSupport.assessment_rules])
    // (Not understood before.)
    const [own = ''] = await say('demo:unit_leader', '我们单位为什么扣了这么多分')
    expect(own).toMatch(/^市政建设总公司2026年11月考核（截至目前）：\d+ 分\n/)
    expect((await say(LEADER, '本月考核结果发我'))[0]).toMatch(/^2026年11月考核得分（截至目前）：\n1\. /)
  })
})

describe('the days without a patrol', () => {
  it('tells a unit the working days it has no patrol record for, by date, and those briefed every patrol unit’s count', async () => {
    const [own = ''] = await say('demo:unit_leader', '我们单位这个月有几次没巡查')
    expect(own).toMatch(
      /^市政建设总公司2026年11月（截至目前）有 \d+ 个工作日没有日巡查记录（附件1：每少一天扣“无日巡查台账”2分、“巡查不按规定次数落实”5分/,
    )
    expect(own).toMatch(/：11月\d+日/)
    // A unit named by its short name, for those briefed (it had been told 「没有巡查就不用填报」).
    expect((await say(LEADER, '质安处哪几天没巡查'))[0]).toMatch(
      /^质安处2026年11月（截至目前）有 \d+ 个工作日没有日巡查记录/,
    )
    expect((await say(LEADER, '市政哪几天没巡查'))[0]).toMatch(/^市政建设总公司2026年11月/)
    const [every = ''] = await say(LEADER, '各单位这个月几天没巡查')
    expect(every).toMatch(/^2026年11月（截至目前）各巡查单位没有日巡查记录的工作日：\n· /)
    expect(every).toContain('· 质安处：')
    // The supervising units keep no daily ledger: not listed.
    expect(every).not.toContain('安监科')
  })
})

describe('patrols beyond the routine', () => {
  it('answers 「明天要下大雨，需要提前巡查吗」 from the scheme, and still reads a finding made in the rain', async () => {
    for (const asked of ['明天要下大雨，需要提前巡查吗', '国庆放假期间还要巡查吗', '夜间要巡查吗', '周末要不要巡查'])
      expect(await say(STAFF, asked)).toEqual([WORDING.staffSupport.special_period])
    expect((await say(STAFF, '下雨天巡查发现人民路积水严重')).join('\n')).not.toContain(
      WORDING.staffSupport.special_period,
    )
    await say(STAFF, '取消')
  })
})

describe('an inspection told as such, and whether today’s patrol was filed', () => {
  it('reads 「今天下午在皂果路工地检查，发现：1.… 2.…」 as a patrol, and 「2点到4点半」 as that afternoon', async () => {
    expect(await say(STAFF, '我今天已经报过巡查了吗')).toEqual([expect.stringMatching(/^您今天/)])
    expect(
      await say(STAFF, '今天下午在皂果路工地检查，发现：1.塔吊司机无证上岗 2.脚手架连墙件缺失，已责令停工整改'),
    ).toEqual(['巡查几点结束？'])
    expect(await say(STAFF, '2点到4点半')).toEqual(['出动了多少人次？'])
    const summary = (await say(STAFF, '2人1车')).join('\n')
    expect(summary).toContain('开始时间：11月23日 14:00')
    expect(summary).toContain('结束时间：11月23日 16:30')
    expect(summary).toContain('发现隐患：共 2 处')
    expect(summary).toContain('处理情况：已责令停工整改')
    await say(STAFF, '取消')
    // In a hazard form, a time or a turn-out is nothing about the problem: never added to its description.
    await say(STAFF, '翠竹路90号井盖缺失')
    for (const aside of ['2点到4点半', '2人1车']) expect((await say(STAFF, aside))[0]).toMatch(/^没能识别“/)
    await say(STAFF, '一般')
    expect((await say(STAFF, '确认')).join('\n')).toMatch(/^隐患已上报/)
    const [saved] = await database.db.select().from(hazards).where(like(hazards.description, '翠竹路90号%'))
    expect(saved?.description).toBe('翠竹路90号井盖缺失')
  })
})

describe('a unit named by those briefed, the majors waiting, and how a rectification is reported', () => {
  it('answers for the unit named, lists the open majors, and says how to report a rectification', async () => {
    expect((await say(LEADER, '帮我看一下质安处这个月的情况'))[0]).toMatch(/^本月截至目前（质安处）：/)
    expect((await say(LEADER, '质安处考核多少分'))[0]).toMatch(/^质安处2026年11月考核（截至目前）：\d+ 分/)
    expect((await say(LEADER, '今天有几个重大隐患需要五落实'))[0]).toMatch(
      /^(?:未销号的重大隐患|目前没有未销号的重大隐患)/,
    )
    for (const asked of ['整改完了要拍照吗', '隐患整改好了怎么上报'])
      expect(await say(HANDLER, asked)).toEqual([WORDING.staffSupport.rectify_howto])
  })
})

describe('a kind put right, and people named to the count of vehicles', () => {
  it('keeps 「不是，是道路」 to the kind out of the description', async () => {
    expect(await say(STAFF, '报个隐患，建设路桥下有个坑，大概1米深')).toEqual([
      '类别是「桥梁」吗？是请回复「是」；不是请直接发送正确的类别。',
    ])
    expect((await say(STAFF, '不是，是道路'))[0]).toMatch(/^是一般隐患还是重大隐患？/)
    const summary = (await say(STAFF, '一般')).join('\n')
    expect(summary).toContain('隐患描述：建设路桥下有个坑，大概1米深\n')
    expect(summary).toContain('类别：道路及市政设施')
    await say(STAFF, '取消')
  })

  it('takes names said to 车次 as who went, and asks for the vehicles again', async () => {
    await say(STAFF, '巡查：人民路沿线，3人，无异常')
    expect(await say(STAFF, '下午两点到四点')).toEqual(['出动了多少车次？'])
    expect(await say(STAFF, '张三 李四 王五')).toEqual([
      WORDING.keptForLater('巡查人员', '张三、李四、王五'),
      '出动了多少车次？',
    ])
    const summary = (await say(STAFF, '没开车')).join('\n')
    expect(summary).toContain('巡查人员：张三、李四、王五')
    expect(summary).toContain('出动人次：3')
    expect(summary).toContain('出动车次：0')
    await say(STAFF, '取消')
  })
})

describe('today so far for the duty officer, and a complaint handled by another unit', () => {
  const DUTY = 'demo:duty_officer'
  const CITIZEN = 'demo:citizen'

  it('lists a citizen’s report of danger today before yesterday’s digest, masked', async () => {
    await say(CITIZEN, '燃气表在漏气嘶嘶响')
    const code = lastCode(await say(CITIZEN, '幸福小区3栋2单元，电话13912345678'), 'TS')
    const [answer] = await say(DUTY, '有紧急情况吗')
    expect(answer).toMatch(TODAY_THEN_DIGEST)
    expect(answer).toMatch(/\*\*今日市民报告险情 \d+ 件\*\*：/)
    expect(answer).toContain(`- ${code} 燃气（幸福小区3栋2单元）燃气表在漏气嘶嘶响`)
    expect(answer).not.toContain('13912345678')
    // The shift named is today.
    for (const asked of ['值班期间有没有紧急情况', '我值班的时候有没有什么险情'])
      expect((await say(DUTY, asked))[0]).toContain(`- ${code} 燃气（幸福小区3栋2单元）`)
    // Asked for yesterday's, yesterday's only.
    expect((await say(LEADER, '昨天的日报发我一下'))[0]).toMatch(/^## 巡安日报 2026-11-22\n/)
  })

  it('says which unit signs for a complaint, and keeps what the duty officer did on its history', async () => {
    const code = lastCode(await say(CITIZEN, '我家楼上装修把承重墙打掉了，住在天元区泰山路12号3栋'), 'TS')
    await say(CITIZEN, '不用')
    const [filed] = await database.db.select().from(complaints).where(eq(complaints.code, code))
    const [unit] = await database.db
      .select()
      .from(units)
      .where(eq(units.id, filed?.unitId as number))
    const [handler] = await database.db
      .select({ unitId: people.unitId })
      .from(people)
      .innerJoin(identities, eq(identities.personId, people.id))
      .where(eq(identities.externalId, HANDLER))
    expect(unit?.id).not.toBe(handler?.unitId)
    expect(await say(HANDLER, `${code} 签收`)).toEqual([WORDING.complaintOtherUnit(code, unit?.name as string)])
    expect(await say(DUTY, `${code} 已通知房管局和街道派人去现场`)).toEqual([
      WORDING.complaintProgressByDispatcher(code, unit?.name as string),
    ])
    const history = await database.db
      .select()
      .from(complaintEvents)
      .where(eq(complaintEvents.complaintId, filed?.id as number))
      .orderBy(asc(complaintEvents.id))
    expect(history.at(-1)).toMatchObject({
      kind: 'progress',
      note: '已通知房管局和街道派人去现场',
      actorRole: 'duty_officer',
    })
    const [after] = await database.db.select().from(complaints).where(eq(complaints.code, code))
    expect(after?.status).toBe(filed?.status)
  })
})

describe('a patrol dated long ago', () => {
  const FORM =
    '巡查时间：2025年11月23日9:00-12:00\n巡查路段：武陵大道\n巡查人员：张伟、李强\n出动车辆：1台\n发现问题：无'

  it('asks once about a year-old date, offering this year’s, and takes the date said again', async () => {
    expect(await say(STAFF, FORM)).toEqual([
      '开始时间是 2025年11月23日 09:00，距今已有 365 天。是指今年的11月23日 09:00吗？是请回复「是」；确是这一天请再发送一次；否则请发送实际的开始时间。',
    ])
    const moved = (await say(STAFF, '是')).join('\n')
    expect(moved).toContain('开始时间：11月23日 09:00\n结束时间：11月23日 12:00')
    await say(STAFF, '取消')
    await say(STAFF, FORM)
    const kept = (await say(STAFF, '2025年11月23日9点')).join('\n')
    expect(kept).toContain('开始时间：2025年11月23日 09:00\n结束时间：2025年11月23日 12:00')
    await say(STAFF, '取消')
  })

  it('keeps the handling said with a finding and on its own labelled line, once each', async () => {
    const summary = (
      await say(
        STAFF,
        '巡查时间：11月23日9:00-12:00\n巡查路段：武陵大道\n巡查人员：张伟、李强\n出动车辆：1台\n发现问题：武陵大道井盖破损1处，已设置警示\n处理情况：已通知市政处',
      )
    ).join('\n')
    expect(summary).toContain('处理情况：已设置警示，已通知市政处\n')
    expect(summary.match(/处理情况：/g)).toHaveLength(1)
    await say(STAFF, '取消')
  })
})

describe('a major hazard’s number said first, and another record’s number while a form is open', () => {
  const DUTY = 'demo:duty_officer'
  const SUPERVISOR = 'demo:supervisor'

  it('takes 「YH… 接报」 and 「YH… 已到现场，设置了围挡」 from the duty officer as the 接报 and the 应急处置', async () => {
    await say(STAFF, '建设路桥面有裂缝，重大隐患')
    const major = lastCode(await say(STAFF, '确认'), 'YH')
    expect((await say(DUTY, `${major} 接报`))[0]).toMatch(new RegExp(`^已接报重大隐患 ${major}`))
    expect((await say(DUTY, `${major} 已到现场，设置了围挡`))[0]).toMatch(
      new RegExp(`^已记录隐患 ${major} 的应急处置。`),
    )
    const [row] = await database.db.select().from(hazards).where(eq(hazards.code, major))
    expect(row?.majorAckAt).not.toBeNull()
    expect(row?.emergencyDisposedAt).not.toBeNull()
    expect((await say(LEADER, `${major} 挂牌督办`))[0]).toBe(`请写明挂牌原因，例如：挂牌 ${major} 本级 多次反复沉降`)
  })

  it('keeps a form’s draft when a message about another record comes in the middle of it', async () => {
    await say(STAFF, '建设路桥头护栏断了，重大隐患')
    const major = lastCode(await say(STAFF, '确认'), 'YH')
    const question = await say(SUPERVISOR, `交办 ${major}`)
    expect(question[0]).toMatch(/^重大隐患须落实“五落实”。/)
    const other = 'YH20261123-0001'
    expect(await say(SUPERVISOR, `${other} 验收合格`)).toEqual([
      WORDING.otherRecordWhileFilling('隐患交办', other),
      question[0] as string,
    ])
    await say(SUPERVISOR, '取消')
  })
})

describe('a rectification that says its photos come with it', () => {
  it('keeps 「附照片」 out of what was done', async () => {
    await say(STAFF, '芙蓉路166号井盖缺失')
    await say(STAFF, '一般')
    const code = lastCode(await say(STAFF, '确认'), 'YH')
    await say(HANDLER, `${code} 收到`)
    const summary = (await say(HANDLER, `${code} 已更换新井盖，附照片`)).join('\n')
    expect(summary).toContain('整改情况：已更换新井盖\n')
    await say(HANDLER, '取消')
  })
})

describe('a hazard said to be found and nothing more', () => {
  it('opens the hazard form for 「隐患」 and 「发现一处隐患」', async () => {
    for (const said of ['隐患', '发现一处隐患']) {
      expect(await say(STAFF, said)).toEqual(['请描述发现的隐患。'])
      await say(STAFF, '取消')
    }
  })
})

describe('counts, scores, reports and changes asked in other words', () => {
  it('answers 「哪些单位今天还没报巡查」 with the units’ patrols, opening no patrol record', async () => {
    expect((await say('demo:supervisor', '哪些单位今天还没报巡查'))[0]).toMatch(/^今天各巡查单位的巡查记录：/)
    expect(await say('demo:supervisor', '取消')).toEqual(['当前没有进行中的填报。'])
  })

  it('answers 「本月督查了几次」 without opening a supervision record', async () => {
    const [answer] = await say('demo:supervisor', '本月督查了几次')
    expect(answer).not.toBe('督查的是哪个单位？')
    expect(answer).toMatch(/督查/)
    expect(await say('demo:supervisor', '取消')).toEqual(['当前没有进行中的填报。'])
  })

  it('gives a unit its own score for 「扣了几分」, the reports page for 「月报我看一下」, the console for staff changes', async () => {
    expect((await say(STAFF, '我们单位这个月扣了几分'))[0]).toMatch(/^市政建设总公司2026年11月考核（截至目前）：\d+ 分/)
    // This period beside the one before, asked as a comparison (it was not understood).
    expect((await say(LEADER, '对比一下上个月'))[0]).toMatch(
      /^本月截至目前（全市）：[\s\S]*\n\n上月（全市）：\n巡查 \d+ 次/,
    )
    expect((await say(LEADER, '和上周比怎么样'))[0]).toMatch(/^本周截至目前（全市）：[\s\S]*\n\n上周（全市）：/)
    // The detail asked for by name (it was not understood).
    expect((await say(STAFF, '我们单位这个月考核扣分明细'))[0]).toMatch(
      /^市政建设总公司2026年11月考核（截至目前）：\d+ 分/,
    )
    expect(await say(LEADER, '这个月的月报我看一下')).toEqual([WORDING.reportsWhere])
    for (const asked of ['把张伟调到质安处', '新增一个巡查员 王五 13800001234'])
      expect(await say('demo:admin', asked)).toEqual([WORDING.staffSupport.admin_change])
  })
})

describe('more time and another unit, asked for and given in chat', () => {
  const SUPERVISOR = 'demo:supervisor'

  it('tells the unit how to ask, and lets the supervising office 延期 and 改派 with the number first', async () => {
    await say(STAFF, '沅安路66号井盖破损')
    await say(STAFF, '一般')
    const code = lastCode(await say(STAFF, '确认'), 'YH')
    expect(await say(HANDLER, `${code} 整改期限能延长一周吗`)).toEqual([WORDING.extensionHow])
    expect(await say(HANDLER, `${code} 需要协调，暂时无法整改`)).toEqual([WORDING.extensionHow])
    expect(await say(SUPERVISOR, '整改期限怎么延长')).toEqual([WORDING.extensionForSupervisor])
    expect(await say(SUPERVISOR, `${code} 延期到12月31日`)).toEqual([
      `请写明延期原因，例如：延期 ${code} 12月31日 需协调管线单位迁改`,
    ])
    expect(await say(SUPERVISOR, `${code} 延期到12月31日 需协调管线单位`)).toEqual([
      `隐患 ${code} 的整改期限已延至 12月31日 23:59，已告知责任单位。`,
    ])
    expect(await say(SUPERVISOR, `延期 ${code} 12月20日 再延`)).toEqual(['新的整改期限须晚于原期限和当前时间。'])
    expect(await say(SUPERVISOR, `${code} 转给质安处`)).toEqual([`隐患 ${code} 已改派质安处整改，已通知该单位。`])
    const [row] = await database.db.select().from(hazards).where(eq(hazards.code, code))
    const [zhianchu] = await database.db.select().from(units).where(eq(units.code, 'zhianchu'))
    expect(row).toMatchObject({ unitId: zhianchu?.id, status: 'assigned' })
    expect(row?.rectifyDueAt).toEqual(zonedInstant('2026-12-31', TEST_TIME_ZONE, 23, 59))
    // A unit by the start of its name, with the reason after it: the reason is all that is kept as why.
    expect(await say(SUPERVISOR, `改派 ${code} 市政 属路面井盖`)).toEqual([
      `隐患 ${code} 已改派市政建设总公司整改，已通知该单位。`,
    ])
    const [moved] = await database.db
      .select()
      .from(hazardEvents)
      .where(eq(hazardEvents.hazardId, row?.id as number))
      .orderBy(desc(hazardEvents.id))
      .limit(1)
    expect(moved).toMatchObject({ kind: 'reassign', note: '属路面井盖' })
  })
})

describe('words about a complaint in hand that are no command', () => {
  it('keeps 「TS… 市民电话打不通」 from the unit handling it as 办理进展, and nothing from another unit', async () => {
    const code = lastCode(await say('demo:citizen', '芙蓉路188号井盖没了，电话13912345678'), 'TS')
    expect(await say(HANDLER, `${code} 市民电话打不通`)).toEqual([WORDING.complaintNoteKept(code, false)])
    await say(HANDLER, `${code} 收到`)
    expect(await say(HANDLER, `${code} 现场没找到这个井盖，地址不对`)).toEqual([WORDING.complaintNoteKept(code, true)])
    const [complaint] = await database.db.select().from(complaints).where(eq(complaints.code, code))
    const notes = await database.db
      .select()
      .from(complaintEvents)
      .where(eq(complaintEvents.complaintId, complaint?.id as number))
      .orderBy(asc(complaintEvents.id))
    expect(notes.filter((e) => e.kind === 'progress').map((e) => e.note)).toEqual([
      '市民电话打不通',
      '现场没找到这个井盖，地址不对',
    ])
    // Another unit's handler gets no note in: the words are answered as words.
    expect((await say('demo:handler_zhianchu', `${code} 市民电话打不通`))[0]).not.toContain('已记入')
  })
})

describe('a supervision told in one message', () => {
  it('puts what was found and what was required in their own boxes, not in the matters inspected', async () => {
    const SUPERVISOR = 'demo:supervisor'
    await say(SUPERVISOR, '督查 质安处 今天上午9点 检查了台账和两个工地 发现一处塔吊未备案 要求三日内补办')
    await say(SUPERVISOR, '王科长')
    const summary = (await say(SUPERVISOR, '刘明、陈静')).join('\n')
    expect(summary).toContain('督查事项：检查了台账和两个工地\n')
    expect(summary).toContain('存在的主要问题：一处塔吊未备案\n')
    expect(summary).toContain('整改要求：三日内补办\n')
    await say(SUPERVISOR, '取消')
  })
})

describe('a complaint dispatched or handed on in words', () => {
  const DUTY = 'demo:duty_officer'

  it('lists what no rule dispatched, dispatches it (「TS… 派给市政」) and hands it on (「TS… 转给燃气办 属燃气管线」)', async () => {
    // A kind no routing rule covers stays with the dispatchers (as in a city that has not set every rule).
    const [rule] = await database.db.select().from(routingRules).where(eq(routingRules.category, 'other'))
    await database.db.delete(routingRules).where(eq(routingRules.category, 'other'))
    try {
      const code = lastCode(await say('demo:citizen', '步行街有个广告牌快掉下来了'), 'TS')
      await say('demo:citizen', '不用')
      const row = async () => (await database.db.select().from(complaints).where(eq(complaints.code, code)))[0]
      expect((await row())?.status).toBe('received')

      const [listed] = await say(DUTY, '有哪些投诉还没派单')
      expect(listed).toContain(`${code} 待派单：`)
      // Only those no unit has (it had listed every open one, the dispatched first).
      expect(listed).toMatch(/^待派单的投诉 \d+ 件/)
      expect(listed).not.toContain('已派单')
      expect((await say(DUTY, '我的待办'))[0]).toContain(`${code} 投诉待派单`)

      const [shizheng] = await database.db.select().from(units).where(eq(units.name, '市政建设总公司'))
      const [gas] = await database.db.select().from(units).where(eq(units.name, '燃气办'))
      expect(await say(DUTY, `${code} 派给市政`)).toEqual([
        `已将投诉 ${code} 派给市政建设总公司，已通知该单位签收办理。`,
      ])
      expect(await row()).toMatchObject({ status: 'assigned', unitId: shizheng?.id })
      // The unit's handler is told, in the same step.
      const told = await database.db.select().from(outbox).orderBy(asc(outbox.id))
      expect(
        told.some(
          (r) =>
            (r.recipient as { externalId?: string }).externalId === HANDLER && JSON.stringify(r.message).includes(code),
        ),
      ).toBe(true)

      expect(await say(DUTY, `${code} 转给燃气办 属燃气管线问题`)).toEqual([
        `已将投诉 ${code} 转办至燃气办，已通知该单位签收办理。`,
      ])
      expect(await row()).toMatchObject({ status: 'assigned', unitId: gas?.id })
      expect(await say(DUTY, `${code} 交给燃气办处理`)).toEqual([`投诉 ${code} 已由燃气办办理，无需转办。`])
      // 「转燃气办处理」 and 「把TS…转给燃气办」 hand it on too (the first was kept as a progress note).
      expect(await say(DUTY, `${code}转燃气办处理`)).toEqual([`投诉 ${code} 已由燃气办办理，无需转办。`])
      expect(await say(DUTY, `把${code}转给燃气办`)).toEqual([`投诉 ${code} 已由燃气办办理，无需转办。`])
      const events = await database.db
        .select()
        .from(complaintEvents)
        .where(eq(complaintEvents.complaintId, (await row())?.id as number))
        .orderBy(asc(complaintEvents.id))
      expect(events.map((e) => [e.kind, e.note])).toEqual([
        ['received', null],
        ['assign', null],
        ['transfer', '属燃气管线问题'],
      ])
      // A field worker may not dispatch: told so, and nothing moves.
      expect((await say(STAFF, `${code} 派给市政`))[0]).toMatch(/没有权限/)
      expect((await row())?.unitId).toBe(gas?.id)
    } finally {
      if (rule) await database.db.insert(routingRules).values(rule)
    }
  })
})

describe('a patrol told in one breath, and what was filed asked for in words', () => {
  it('reads 「跟张工一起巡了…开的皮卡」 as two people and one vehicle, and lists both kinds for 「我今天报了哪些」', async () => {
    const summary = (
      await say(
        STAFF,
        '今天跟张工一起巡了河洑片区三个在建项目，都还行，就是一个项目的临边防护不到位，现场叫他们整改了，8点半出发11点回来开的皮卡',
      )
    ).join('\n')
    expect(summary).toContain('巡查人员：张伟、张工\n')
    expect(summary).toContain('出动人次：2')
    expect(summary).toContain('出动车次：1')
    // The file's other patrols this morning overlap it: saved all the same.
    const confirmed = await say(STAFF, '确认')
    const saved = confirmed.join('\n').includes('仍然保存') ? await say(STAFF, '仍然保存') : confirmed
    const patrol = lastCode(saved, 'XC')
    expect(saved[0]).toMatch(/^巡查记录已保存/)
    // A vehicle said by what it was, in answer to the question.
    await say(STAFF, '巡查 昨天凌晨1点到2点 城北片区 2人 未发现问题')
    expect((await say(STAFF, '坐单位的面包车去的')).join('\n')).toContain('出动车次：1')
    await say(STAFF, '取消')
    const [listed] = await say(STAFF, '我今天报了哪些')
    expect(listed).toMatch(/^您最近上报的隐患：\n/)
    expect(listed).toContain('您最近的巡查记录：')
    expect(listed).toContain(patrol)
  })
})

describe('overseers and administrators in their own words', () => {
  it('takes 「明天去质安处督查」 as a plan, not a record, and lists across units who has not filed', async () => {
    for (const planned of ['明天去质安处督查', '下周准备督查燃气办'])
      expect(await say('demo:supervisor', planned)).toEqual([WORDING.supervisionPlanned])
    const [across] = await say('demo:supervisor', '上个月哪几个单位没交月报')
    expect(across).toMatch(/^2026年10月的月报表（[^）]+）：应报 \d+ 个单位，已上报 \d+ 个/)
    expect((await say(LEADER, '最近一周有没有什么大事'))[0]).toMatch(TODAY_THEN_DIGEST)
    expect((await say('demo:unit_leader', '有什么要我签字的'))[0]).toMatch(/^(?:【待办事项】|您暂无待办事项)/)
  })

  it('points an administrator to the console for org changes, and answers 「系统状态」 from the queues', async () => {
    for (const change of ['新增一个单位：城管局', '把张伟的手机号改成13900001111', '新增一个巡查员'])
      expect(await say('demo:admin', change)).toEqual([WORDING.staffSupport.admin_change])
    // Said as news: where it is changed (「王强已经离职了 把他删掉」 had opened a hazard report).
    const before = await database.db.select({ id: hazards.id }).from(hazards)
    for (const news of ['张伟换手机号了 13900001111', '李娜调到质安处了', '王强已经离职了 把他删掉'])
      expect(await say('demo:admin', news)).toEqual([WORDING.staffSupport.person_change])
    expect(await database.db.select({ id: hazards.id }).from(hazards)).toHaveLength(before.length)
    await database.db.insert(outbox).values({
      channel: 'wecom',
      recipient: { kind: 'user', externalId: 'nobody' },
      message: { type: 'text', text: '测试' },
      status: 'failed',
      nextAttemptAt: clock.now(),
      lastError: '60111 userid not found',
    })
    const [status] = await say('demo:admin', '系统状态')
    expect(status).toMatch(/^截至 .*服务运行正常。\n待处理的来信 0 条，/)
    expect(status).toMatch(/发送失败的消息 [1-9]\d* 条：请在管理后台/)
    // The replies of these questions go out in the background, so how many wait to be sent varies from one answer to
    // the next with the machine's load; everything else in the answer is the same.
    const steady = (replies: string[]) => replies.map((r) => r.replace(/待发送的消息 \d+ 条/, '待发送的消息 … 条'))
    // Asked as what did not go out (it was not understood).
    expect(steady(await say('demo:admin', '有多少条消息没发出去'))).toEqual(steady([status ?? '']))
    expect(steady(await say('demo:admin', '最近有没有发送失败的消息'))).toEqual(steady([status ?? '']))
    // Asked in other words (they were not understood).
    for (const asked of ['今天系统有什么异常', '机器人是不是挂了', '平台有没有报错？', '推送正常吗'])
      expect(steady(await say('demo:admin', asked))).toEqual(steady([status ?? '']))
    // Not for everyone: a field worker's 「系统状态」 is no status report.
    expect((await say(STAFF, '系统状态'))[0]).not.toMatch(/服务运行正常/)
  })
})

describe('a complaint and a hazard in hand, named by place and thing', () => {
  it('signs for 「…的投诉收到了」, takes on 「…的隐患我们明天去修」, rectifies and checks them in words', async () => {
    const complaint = lastCode(await say('demo:citizen', '桃林路66号井盖没了'), 'TS')
    await say('demo:citizen', '不用')
    await say(STAFF, '上报隐患 柳叶大道与芙蓉路口护栏被撞坏')
    await say(STAFF, '是')
    await say(STAFF, '一般')
    const hazard = lastCode(await say(STAFF, '确认'), 'YH')
    const status = async () => (await database.db.select().from(hazards).where(eq(hazards.code, hazard)))[0]?.status

    expect(await say(HANDLER, '桃林路那个井盖的投诉收到了')).toEqual([
      `已签收投诉 ${complaint}，请在时限内办理并回复结果。`,
    ])
    const [taken] = await say(HANDLER, '柳叶大道护栏的隐患我们明天去修')
    expect(taken).toMatch(new RegExp(`^已接收隐患 ${hazard}`))
    expect(await status()).toBe('rectifying')
    // No hazard form was opened by the words 隐患 and 修.
    expect((await say(HANDLER, '柳叶大道护栏修好了'))[0]).toContain(`隐患编号：${hazard}`)
    await say(HANDLER, '确认')
    expect(await status()).toBe('awaiting_verification')
    // A question about 销号 is a ledger question, whatever waits for its check.
    expect((await say('demo:supervisor', '上周销号了几个'))[0]).toMatch(/^上周（全市）：/)
    expect((await say('demo:supervisor', '柳叶大道护栏那个验收一下，没问题'))[0]).toContain('验收结果：通过')
    await say('demo:supervisor', '确认')
    expect(await status()).toBe('closed')
  })
})

describe('a unit asked after by a leader, in words', () => {
  const UNIT_LEADER = 'demo:unit_leader'
  const SUPERVISOR = 'demo:supervisor'

  it('gives a leader of a unit that unit’s score and open items for 「本单位」, and the unit a short name means', async () => {
    const [score] = await say(UNIT_LEADER, '本单位本月得分多少')
    expect(score).toMatch(/^市政建设总公司2026年11月考核（截至目前）：/)
    // Where it stands among the units (it was not understood).
    const [rank] = await say(UNIT_LEADER, '这个月我们单位排第几')
    expect(rank).toMatch(/^市政建设总公司2026年11月考核（截至目前）：\d+ 分，在 \d+ 个参加考核的单位中排第 \d+ 名\n/)
    expect((await say(UNIT_LEADER, '我们单位这个月有几个隐患没整改完'))[0]).toMatch(/^市政建设总公司截至 /)
    // 「市政的」 inside the question names 市政建设总公司; 「督查一下…情况」 asks to see, opening no record.
    for (const asked of ['看一下市政的整改情况', '市政的隐患整改得怎么样了', '督查一下市政的整改情况'])
      expect((await say(SUPERVISOR, asked))[0]).toMatch(/^市政建设总公司截至 .*\n整改中的隐患 \d+ 项/)
    expect((await say(LEADER, '燃气办那边有几个超期'))[0]).toMatch(/^燃气办截至 /)
    expect((await say(LEADER, '质安处最近怎么样'))[0]).toMatch(/^本月截至目前（质安处）：/)
    expect((await say(LEADER, '燃气办的隐患有几个'))[0]).toMatch(/^燃气办截至 /)
    expect((await say(LEADER, '本月质安处的隐患有几个'))[0]).toMatch(/^本月截至目前（质安处）：/)
    // A kind of problem is no unit: the month's count by kind.
    for (const asked of ['市政设施的隐患有多少', '燃气类投诉有几件'])
      expect((await say(LEADER, asked))[0]).toMatch(/^本月/)
    // A handler's 「我们单位」 is the unit, not the person's own records; the bureau's own leader's is the city.
    expect((await say(HANDLER, '这个月我们单位有多少隐患'))[0]).toMatch(/^本月截至目前（市政建设总公司）：/)
    expect((await say(LEADER, '这个月我们单位有多少隐患'))[0]).toMatch(/^本月截至目前（全市）：/)
    expect((await say(LEADER, '本单位本月得分多少'))[0]).toMatch(/^2026年11月考核得分（截至目前）：/)
    expect((await say(LEADER, '有几个投诉没回复'))[0]).toMatch(/办理中的投诉 \d+ 件/)
    // The whole city's ranking is still what a leader without 「本单位」 gets.
    expect((await say(LEADER, '本月各单位得分'))[0]).toMatch(/^2026年11月考核得分（截至目前）：\n1\. /)
  })

  it('answers whether the statistics table is filled, and which units are still to be inspected', async () => {
    expect((await say(UNIT_LEADER, '本月统计表填了没有'))[0]).toContain('的专项整治统计表：')
    const [owed] = await say(SUPERVISOR, '本月还有哪些单位没督查')
    expect(owed).toMatch(/^【待办事项】/)
    expect(owed).toMatch(/本月督查\S+：已 \d+ 次，应 2 次/)
  })

  it('gives the digest for 「今天有没有什么紧急的」, yesterday’s for 「昨晚有没有险情」', async () => {
    for (const asked of ['今天有没有什么紧急的', '今天夜里有什么需要注意的'])
      expect((await say(LEADER, asked))[0]).toMatch(/^\*\*今日截至 /)
    expect((await say(LEADER, '昨晚有没有险情'))[0]).toMatch(/^## 巡安日报 /)
  })

  it('ranks the units by patrols for 「本月各单位巡查次数排名」, not by the assessment, and points a list asked for to the console', async () => {
    expect((await say(LEADER, '本月各单位巡查次数排名'))[0]).toMatch(
      /^本月截至目前各巡查单位的巡查次数（多的在前）：\n1\. /,
    )
    expect(await say(LEADER, '给我发一份本月的隐患清单')).toEqual([WORDING.ledgerExportWhere])
  })

  it('answers a hazard’s deadline asked with its number from the record, not the general periods', async () => {
    await say(STAFF, '滨湖路188号井盖破了，一般隐患')
    const code = lastCode(await say(STAFF, '确认'), 'YH')
    expect((await say(HANDLER, `${code}的整改期限是什么时候`))[0]).toMatch(
      new RegExp(`^隐患 ${code}：已交办，整改期限 `),
    )
  })
})

describe('a complaint’s handling said in words after its number', () => {
  it('notes 「已安排人员明天去修」 as progress, and takes 「已回填平整」 as the result the citizen hears', async () => {
    const code = lastCode(await say('demo:citizen', '人民路有个大坑，在人民路188号门口'), 'TS')
    await say('demo:citizen', '不用')
    const row = async () => (await database.db.select().from(complaints).where(eq(complaints.code, code)))[0]
    await say(HANDLER, `签收${code}`)
    // A plan after 已 is not the work done: the complaint stays open (it was answered to the citizen as done).
    expect((await say(HANDLER, `${code} 已安排人员明天去修`))[0]).toMatch(new RegExp(`^已记录投诉 ${code} 的办理进展`))
    expect((await row())?.status).toBe('accepted')
    expect(await say(HANDLER, `${code} 已回填平整`)).toEqual([`已回复投诉 ${code}，办理结果将告知市民。`])
    expect(await row()).toMatchObject({ status: 'closed', outcome: '已回填平整' })
    // The citizen's verdict with thanks is the verdict, not a new report asked for its place.
    expect(await say('demo:citizen', '满意，谢谢')).toEqual([WORDING.citizenSatisfied])
  })
})

describe('every complaint waiting signed at once', () => {
  it('signs all the unit’s complaints for 「签收全部」, and says when none wait', async () => {
    const first = lastCode(await say('demo:citizen', '人民路166号井盖没了'), 'TS')
    await say('demo:citizen', '不用')
    const second = lastCode(await say('demo:citizen', '建设路166号路灯不亮'), 'TS')
    await say('demo:citizen', '不用')
    const [signed] = await say(HANDLER, '签收全部')
    expect(signed).toMatch(/^已签收 \d+ 件投诉：/)
    expect(signed).toContain(first)
    expect(signed).toContain(second)
    const rows = await database.db
      .select()
      .from(complaints)
      .where(inArray(complaints.code, [first, second]))
    expect(rows.map((r) => r.status)).toEqual(['accepted', 'accepted'])
    expect(await say(HANDLER, '把我的待办都签收了')).toEqual([WORDING.nothingToSign])
    // Only a unit's handlers sign.
    expect(await say(STAFF, '签收全部')).toEqual([WORDING.signAllForHandlers])
  })
})

describe('how to reach the citizen who asked to be called back', () => {
  it('gives the unit handling it the number in full, says when there is none, and tells others no', async () => {
    const called = lastCode(await say('demo:citizen', '人民路188号井盖没了'), 'TS')
    await say('demo:citizen', '13912345678')
    const quiet = lastCode(await say('demo:citizen', '柳叶路18号路灯坏了'), 'TS')
    await say('demo:citizen', '不用')
    // Both road complaints went to 市政, the handler's unit (it was 「暂未理解」).
    const [listed] = await say(HANDLER, '投诉的那个市民电话多少')
    expect(listed).toContain(`投诉 ${called}：市民联系电话 13912345678，市民希望电话联系。`)
    expect(listed).toContain(`投诉 ${quiet}：市民未留电话`)
    expect(await say(HANDLER, `${called} 投诉人的联系方式`)).toEqual([
      `投诉 ${called}：市民联系电话 13912345678，市民希望电话联系。`,
    ])
    // Another unit's handler and a leader get no number.
    for (const who of ['demo:handler_zhianchu', LEADER]) {
      const [answer] = await say(who, `${called} 市民电话多少`)
      expect(answer).toBe('市民的联系电话只提供给承办单位和值班、督查人员。')
    }
    // Nothing was filed or changed by asking.
    const rows = await database.db
      .select()
      .from(complaints)
      .where(inArray(complaints.code, [called, quiet]))
    expect(rows.map((r) => r.status).sort()).toEqual(['assigned', 'assigned'])
  })
})

describe('small questions staff ask about themselves and their records', () => {
  it('says who the bot takes them for, and looks up a number after 「查一下」', async () => {
    // (Each was 「暂未理解」 or an answer about something else.)
    expect(await say(STAFF, '我是哪个单位的')).toEqual(['您是市政建设总公司的巡查员张伟。如有不对，请联系管理员调整。'])
    expect(await say(HANDLER, '查一下TS20261123-0999')).toEqual([WORDING.complaintNotFound('TS20261123-0999')])
  })

  it('tells those overseeing what a complaint is and who has it, and lets them urge that one on', async () => {
    const code = lastCode(await say('demo:citizen', '朗州路66号路灯不亮'), 'TS')
    await say('demo:citizen', '不用')
    // (Both were not understood.)
    const [told] = await say(LEADER, `${code}是怎么回事`)
    expect(told).toMatch(new RegExp(`^投诉 ${code}：已派单（道路及市政设施）\n承办单位：市政建设总公司，办理时限 `))
    expect(told).toContain('朗州路66号路灯不亮')
    expect((await say(LEADER, `${code}为什么还没处理`))[0]).toBe(told)
    // 督办: on its history, and its unit's handlers reminded (it was 「暂未理解」, or kept as a handler's note).
    const before = (await database.db.select().from(outbox)).filter((r) => r.dedupeKey?.startsWith('urge-complaint:'))
    expect((await say(LEADER, `督办一下${code}`))[0]).toMatch(new RegExp(`^已督办投诉 ${code}，已提醒承办单位经办人`))
    const sent = (await database.db.select().from(outbox).orderBy(outbox.id)).filter((r) =>
      r.dedupeKey?.startsWith('urge-complaint:'),
    )
    expect(sent.length).toBeGreaterThan(before.length)
    expect(JSON.stringify(sent.at(-1)?.message)).toContain(`【督办】领导刘明提醒：投诉 ${code}`)
    const [row] = await database.db.select().from(complaints).where(eq(complaints.code, code))
    const notes = (
      await database.db
        .select()
        .from(complaintEvents)
        .where(eq(complaintEvents.complaintId, row?.id as number))
    ).map((e) => e.note)
    expect(notes).toContain('督办：领导刘明要求抓紧办理')
    // Only those overseeing urge; a patroller is told who may.
    expect(await say(STAFF, `${code}催一下`)).toEqual([WORDING.urgeForOverseers])
  })

  it('asks what is wrong with a thing named at a place, and what and where for a defect alone', async () => {
    // (All three were 「暂未理解」.)
    expect(await say(STAFF, '人民路的井盖')).toEqual([WORDING.staffPlaceThingAlone('人民路的井盖')])
    expect(await say(STAFF, '缺失')).toEqual([WORDING.staffDefectAlone('缺失')])
    expect(await say(STAFF, '照片')).toEqual([WORDING.photoHowTo])
    // A thing with what is wrong with it is still a report.
    expect((await say(STAFF, '人民路的井盖缺失')).join('\n')).toMatch(/是一般隐患还是重大隐患|请核对/)
    await say(STAFF, '取消')
  })
})

describe('a patrol form answered out of turn', () => {
  const ask = async (...said: string[]) => {
    let last: string[] = []
    for (const words of said) last = await say(STAFF, words)
    return last
  }

  it('keeps 「开了一台车」 with the count, findings said to 车次 as findings, and what was done as the handling', async () => {
    const summary = (
      await ask(
        '巡查',
        '今天上午',
        '9点到11点半',
        '人民路 建设路',
        '3个人 开了一台车',
        '发现两处井盖松动，一处路灯不亮',
      )
    ).join('\n')
    expect(summary).toBe('现场是如何处理的？')
    const filled = (await say(STAFF, '已通知市政维修')).join('\n')
    expect(filled).toContain('出动人次：3')
    expect(filled).toContain('出动车次：1')
    expect(filled).toContain('1. 两处井盖松动（道路及市政设施，一般，2处）')
    expect(filled).toContain('2. 一处路灯不亮')
    expect(filled).toContain('处理情况：已通知市政维修')
    await say(STAFF, '取消')

    // Said to 车次 as the question is asked: kept as what was found, and 车次 asked again.
    expect(await ask('巡查', '今天上午', '9点到11点半', '人民路', '2人', '发现两处井盖松动')).toEqual([
      WORDING.keptForLater('发现隐患', '发现两处井盖松动'),
      '出动了多少车次？',
    ])
    await say(STAFF, '取消')

    // What was done, said to what was found: the handling, and the findings asked again.
    const [kept] = await ask('巡查', '今天上午', '9点到11点半', '人民路', '2人', '1车', '已通知市政维修')
    expect(kept).toBe(WORDING.keptForLater('处理情况', '已通知市政维修'))
    const read = (await say(STAFF, '井盖松动一处')).join('\n')
    expect(read).toContain('1. 井盖松动一处（道路及市政设施，一般）')
    expect(read).not.toContain('已通知市政维修（')
    await say(STAFF, '取消')

    // 「有3处问题：井盖、路灯、护栏」, kept as said, still counts three places (it was counted as one).
    const listed = (
      await ask('巡查', '今天上午', '9点到11点半', '人民路', '2人', '1车', '有3处问题：井盖、路灯、护栏')
    ).join('\n')
    expect(listed).toBe('现场是如何处理的？')
    expect((await say(STAFF, '都已上报')).join('\n')).toContain(
      '1. 有3处问题：井盖、路灯、护栏（道路及市政设施，一般，3处）',
    )
    await say(STAFF, '取消')
  })

  it('asks the hour again when the start is put in the other half of the day, and says where answers go', async () => {
    await say(STAFF, '巡查 上午 洞庭大道 2人')
    expect(await say(STAFF, '时间不对，是下午')).toEqual(['已将「开始时间」改为：下午', '11月23日下午几点开始的？'])
    expect(await say(STAFF, '3点')).toEqual(['巡查几点结束？'])
    await say(STAFF, '取消')
    await say(STAFF, '发现一个隐患')
    expect(await say(STAFF, '在哪里填')).toEqual([WORDING.answerHere('请描述发现的隐患。')])
    await say(STAFF, '取消')
  })

  it('takes 「你看着办」 to a guess as the guess, 「不严重」 as the general grade, and explains the grade asked for', async () => {
    expect(await say(STAFF, '上报隐患 人民路护栏松动')).toEqual([
      '类别是「道路及市政设施」吗？是请回复「是」；不是请直接发送正确的类别。',
    ])
    expect(await say(STAFF, '不严重')).toEqual([
      WORDING.keptForLater('等级', '一般隐患'),
      '类别是「道路及市政设施」吗？是请回复「是」；不是请直接发送正确的类别。',
    ])
    const summary = (await say(STAFF, '你看着办')).join('\n')
    expect(summary).toContain('隐患描述：人民路护栏松动\n')
    expect(summary).toContain('类别：道路及市政设施')
    expect(summary).toContain('等级：一般隐患')
    await say(STAFF, '取消')
    await say(STAFF, '上报隐患 人民路88号井盖松动')
    expect(await say(STAFF, '你看着办')).toEqual([WORDING.levelHelp])
    await say(STAFF, '取消')
  })

  it('files 「补录一条上周五的巡查记录」 on that Friday, the hours said after it included', async () => {
    expect(await say(STAFF, '补录一条上周五的巡查记录')).toEqual([
      '开始时间是「11月20日 09:00」吗？是请回复「是」；不是请直接发送正确的开始时间。',
    ])
    const summary = (await ask('9点到11点', '人民路', '2人', '1车', '无')).join('\n')
    expect(summary).toContain('开始时间：11月20日 09:00')
    expect(summary).toContain('结束时间：11月20日 11:00')
    await say(STAFF, '取消')
  })
})

describe('a command word alone', () => {
  it('asks for what 「派单」 and 「督办」 take, and shows 「销号」 in its own word', async () => {
    expect(await say('demo:duty_officer', '派单')).toEqual([
      '请在「派单」后附上投诉编号和承办单位，例如：派单 TS20261123-0001 燃气办。发送「我的待办」可查看待派单的投诉。',
    ])
    expect(await say(LEADER, '督办')).toEqual([
      '请在「督办」后附上编号，例如：督办 TS20261123-0001。发送「我的待办」可查看待办事项和编号。',
    ])
    const [closing] = await say('demo:supervisor', '销号')
    expect(closing).toMatch(/^请发送隐患编号（直接回复编号即可），例如：销号 YH20261123-0001/)
    await say('demo:supervisor', '取消')
  })

  it('answers 「整改完了要不要拍照」 and 「巡查要不要每天报」 as questions, opening no form', async () => {
    expect(await say(HANDLER, '整改完了要不要拍照')).toEqual([WORDING.staffSupport.rectify_howto])
    expect(await say(STAFF, '巡查要不要每天报')).toEqual([WORDING.staffSupport.patrol_frequency])
    expect(await say(HANDLER, '确认')).toEqual([WORDING.nothingToConfirm])
  })

  it('says 「确认」 with nothing being filled in saved nothing', async () => {
    await say(STAFF, '上报隐患 皂果路88号井盖缺失 一般')
    await say(STAFF, '取消')
    const before = await database.db.select().from(hazards)
    expect(await say(STAFF, '确认')).toEqual([WORDING.nothingToConfirm])
    expect(await database.db.select().from(hazards)).toHaveLength(before.length)
  })
})

describe('a supervision record answered out of turn', () => {
  it('keeps members, matters, problems and requirements said to when, each in its box, and asks when again', async () => {
    const supervisor = 'demo:supervisor'
    const ask = async (...said: string[]) => {
      let last: string[] = []
      for (const words of said) last = await say(supervisor, words)
      return last
    }
    const when = '督查时间是11月23日上午几点？'
    expect(await ask('督查', '质安处', '今天上午')).toEqual([when])
    expect(await say(supervisor, '王科长、李明')).toEqual([WORDING.notedInAnotherBox('督查组成员'), when])
    expect(await say(supervisor, '检查了3个在建工地的台账和现场')).toEqual([
      WORDING.notedInAnotherBox('督查事项'),
      when,
    ])
    expect(await say(supervisor, '发现1个工地临边防护缺失')).toEqual([
      WORDING.notedInAnotherBox('存在的主要问题'),
      when,
    ])
    expect(await say(supervisor, '限期3天整改')).toEqual([WORDING.notedInAnotherBox('整改要求'), when])
    await say(supervisor, '取消')
  })

  it('takes 「检查巡查台账」 as the matters and 「台账不全」 as a problem found, said without 了 or 发现', async () => {
    const supervisor = 'demo:supervisor'
    for (const words of ['督查', '质安处']) await say(supervisor, words)
    const when = '督查时间是11月23日上午几点？'
    expect(await say(supervisor, '今天上午')).toEqual([when])
    expect(await say(supervisor, '检查巡查台账')).toEqual([WORDING.notedInAnotherBox('督查事项'), when])
    expect(await say(supervisor, '台账不全')).toEqual([WORDING.notedInAnotherBox('存在的主要问题'), when])
    // What is required of a shortcoming is the requirement, not another problem.
    expect(await say(supervisor, '台账不全的限期补齐')).toEqual([WORDING.notedInAnotherBox('整改要求'), when])
    await say(supervisor, '取消')
  })
})

describe('said short, the way people type it', () => {
  it('starts a patrol record for 「去了滨湖路 一切正常」 and keeps a sign-off out of the handling', async () => {
    const visit = (await say(STAFF, '今天上午和小李去了滨湖路 一切正常')).join('\n')
    // The place, the two who went and nothing found are read; only the vehicles are asked.
    expect(visit).toBe('出动了多少车次？')
    await say(STAFF, '取消')
    const [summary] = await say(
      STAFF,
      '今天下午两点到四点 巡查了紫菱路 三个人 一台车 发现井盖松动一处 已经通知了市政 嗯 就这样',
    )
    expect(summary).toContain('处理情况：已经通知了市政\n')
    await say(STAFF, '取消')
  })

  it('answers 「这周巡了几次」「今天报了没有」「特护期是什么时候」「我明天不上班」 and opens no form', async () => {
    expect((await say(STAFF, '这周巡了几次'))[0]).toMatch(/^本周截至目前（市政建设总公司）：\n巡查 \d+ 次/)
    expect((await say(STAFF, '这个月巡了多少趟'))[0]).toMatch(/^本月截至目前（市政建设总公司）：\n巡查 \d+ 次/)
    expect((await say(STAFF, '今天报了没有'))[0]).toMatch(/^您今天(?:还没有巡查记录|共填报巡查记录 \d+ 次)/)
    expect(await say(STAFF, '特护期是什么时候')).toEqual([WORDING.staffSupport.special_period])
    expect(await say(STAFF, '我明天不上班')).toEqual([WORDING.staffSupport.leave])
  })

  it('ranks the year for 「全年考核排名」, drafts the month for 「帮我生成本月的考核表」, and tells where 「11月的月报」 and 附件4 stand', async () => {
    expect((await say(LEADER, '全年考核排名'))[0]).toMatch(/^2026年考核得分（截至目前）：\n1\. /)
    expect((await say(LEADER, '本季度考核'))[0]).toMatch(/^2026年第4季度考核得分（截至目前）：/)
    expect((await say(LEADER, '帮我生成本月的考核表'))[0]).toMatch(/^2026年11月考核得分（截至目前）：/)
    const supervisor = 'demo:supervisor'
    expect((await say(supervisor, '11月的月报'))[0]).toContain('2026年11月的月报表：12月7日 23:59 前上报')
    // 附件4 is the monthly report: which units have not filed it, for someone overseeing.
    expect((await say(supervisor, '哪些单位还没交附件4'))[0]).toMatch(
      /^2026年10月的月报表（11月6日 23:59 到期）：应报 \d+ 个单位，已上报 \d+ 个/,
    )
  })

  it('reports 「渣土车把护栏撞了」 as the guardrail’s, and finds a hazard by its place for 「…整改期限是哪天」', async () => {
    await say(STAFF, '刚刚在紫菱路看到一辆渣土车把护栏撞了')
    // It had not been understood at all; the lorry that did it says nothing of what is broken (it was a site's).
    const [, kind] = await say(STAFF, '一般')
    expect(kind).toMatch(/^类别是「道路及市政设施」吗？/)
    expect((await say(STAFF, '是')).join('\n')).toContain('类别：道路及市政设施')
    const code = lastCode(await say(STAFF, '确认'), 'YH')
    const [deadline] = await say(STAFF, '紫菱路护栏那个隐患整改期限是哪天')
    expect(deadline).toMatch(new RegExp(`^与「紫菱路护栏」相关的隐患：\n· ${code} .+期限 12月23日 23:59）`))
  })

  it('keeps nothing of 「发错了」 inside a form (it had become the route), and answers it outside one', async () => {
    for (const words of ['巡查', '9点', '11点']) await say(STAFF, words)
    expect(await say(STAFF, '发错了')).toEqual([WORDING.missentInForm('巡查了哪个路段或项目？')])
    expect(await say(STAFF, '不好意思，打错了')).toEqual([WORDING.missentInForm('巡查了哪个路段或项目？')])
    await say(STAFF, '取消')
    expect(await say(STAFF, '不好意思 发错群了')).toEqual([WORDING.staffMissent])
  })

  it('takes no word of chat for an answer in words, and waits for 「我想想」「等下发你」', async () => {
    for (const words of ['巡查', '9点', '11点']) await say(STAFF, words)
    const route = '巡查了哪个路段或项目？'
    expect(await say(STAFF, '我想想')).toEqual([WORDING.formThinking, route])
    for (const chat of ['好的', '哈哈', '👍'])
      expect((await say(STAFF, chat))[0]).toMatch(new RegExp(`^没能识别“${chat}”。`))
    for (const words of ['人民路', '2', '0']) await say(STAFF, words)
    // 「你好」 to what was found had become a hazard named 「你好」.
    expect((await say(STAFF, '你好'))[0]).toMatch(/^没能识别“你好”。/)
    await say(STAFF, '取消')
    await say(STAFF, '上报隐患')
    expect(await say(STAFF, '等下发你')).toEqual([WORDING.formWaiting, '请描述发现的隐患。'])
    expect((await say(STAFF, 'ok'))[0]).toMatch(/^没能识别“ok”。/)
    await say(STAFF, '取消')
  })

  it('answers 「各单位隐患整改率」 (it opened a hazard form), compares with last month, and urges 「让李娜抓紧」', async () => {
    expect((await say(LEADER, '各单位隐患整改率'))[0]).toMatch(
      /^本月(?:截至目前各巡查单位的隐患整改率（低的在前）：|各巡查单位都还没有发现隐患)/,
    )
    // The next question is a question, not the place of a hazard being filed.
    expect((await say(LEADER, '投诉及时率多少'))[0]).toMatch(/^本月截至目前（全市）：/)
    const [compared] = await say(LEADER, '这个月跟上个月比怎么样')
    expect(compared).toMatch(/^本月截至目前（全市）：[\s\S]+\n\n上月（全市）：/)
    expect((await say(LEADER, '让李娜抓紧'))[0]).toMatch(
      /^(?:已向市政建设总公司的经办人发送催办提醒|市政建设总公司目前没有待整改的隐患)/,
    )
    expect(await say('demo:duty_officer', '把投诉派给市政')).toEqual([
      '请在「派单」后附上投诉编号和承办单位，例如：派单 TS20261123-0001 燃气办。发送「我的待办」可查看待派单的投诉。',
    ])
  })

  it('starts a hazard report for 「井盖松了」 after a pin (a thing and its defect, however short)', async () => {
    await chat(harness.services, STAFF, { kind: 'location', latitude: 29.03, longitude: 111.69, label: '朗州路' })
    // It had not been understood (four characters were too few to report anything).
    const started = (await say(STAFF, '井盖松了')).join('\n')
    expect(started).toMatch(/^已附上您刚才发送的照片或位置。\n是一般隐患还是重大隐患？/)
    expect((await say(STAFF, '一般')).join('\n')).toContain('地点：朗州路')
    await say(STAFF, '取消')
  })

  it('grades a finding named by its thing and recounts the one finding, whatever waits; 「删掉车」 asks which field', async () => {
    expect(await say(STAFF, '9点到11点 人民路 2人1车 井盖松动一处')).toEqual(['现场是如何处理的？'])
    // It had become the handling.
    expect(await say(STAFF, '把井盖那条改成重大')).toEqual([WORDING.findingGraded('重大'), '现场是如何处理的？'])
    expect(await say(STAFF, '隐患改成两处')).toEqual(['已将隐患处数改为：2', '现场是如何处理的？'])
    const summary = (await say(STAFF, '已设围挡')).join('\n')
    expect(summary).toContain('1. 井盖松动一处（道路及市政设施，重大，2处）')
    expect(summary).toContain('处理情况：已设围挡')
    await say(STAFF, '取消')
    await say(STAFF, '9点到11点 人民路 2人1车 无异常')
    // At the summary it had been listed as a hazard 「删掉车」.
    const [which, again] = await say(STAFF, '删掉车')
    expect(which).toMatch(/^请问要修改哪一项？请回复「修改 项目名」，可修改：.*出动车次/)
    expect(again).toContain('发现隐患：无')
    await say(STAFF, '取消')
  })

  it('adds 「补充一下 已设围挡」 without its lead words, and answers 「照片」 at the summary with how to send one', async () => {
    await say(STAFF, '上报隐患 人民路88号井盖缺失 一般')
    expect((await say(STAFF, '补充一下 已设围挡'))[0]).toContain('隐患描述：人民路88号井盖缺失；已设围挡\n')
    // 「照片」 had been added to the description.
    const [how, summary] = await say(STAFF, '照片')
    expect(how).toBe(WORDING.photoHowTo)
    expect(summary).toContain('隐患描述：人民路88号井盖缺失；已设围挡\n')
    await say(STAFF, '取消')
  })

  it('gives the help for 「帮助 巡查」, and a citizen how to report for 「帮助」「菜单」', async () => {
    expect(await say(STAFF, '帮助 巡查')).toEqual([WORDING.help('field_staff')])
    // The citizen had been told the message was too short.
    for (const asked of ['帮助', '菜单']) expect(await say('demo:citizen', asked)).toEqual([WORDING.citizenQuestion])
  })

  it('answers a question about the ledger asked while a form waits, and keeps the form as it was', async () => {
    for (const words of ['巡查', '9点', '11点']) await say(STAFF, words)
    // It had become the patrol's route.
    const [figures, still] = await say(STAFF, '今天巡了几次')
    expect(figures).toMatch(/^今天截至目前（市政建设总公司）：/)
    expect(still).toBe(WORDING.formStillOpen('日巡查工作记录'))
    expect(await say(STAFF, '人民路')).toEqual(['出动了多少人次？'])
    await say(STAFF, '取消')
    await say(LEADER, '上报隐患')
    // It had become the hazard's description.
    expect((await say(LEADER, '哪类投诉最多'))[1]).toBe(WORDING.formStillOpen('隐患上报'))
    await say(LEADER, '取消')
  })

  it('sends yesterday’s digest for 「昨天的日报发一下」, and asks a handler which one 「处理了」 means', async () => {
    expect((await say(LEADER, '昨天的日报发一下'))[0]).toMatch(/^## 巡安日报 2026-11-22/)
    for (const done of ['处理了', '办好了']) {
      const [reply] = await say(HANDLER, done)
      expect(reply).not.toBe(WORDING.notUnderstood)
      expect(reply).toMatch(/「(?:整改|回复) (?:编号|TS\d{8}-\d{4})/)
    }
  })

  it('reports digging near a gas main, answers where to patrol tomorrow, and where the weekly report is', async () => {
    // It was not understood: a third party digging by a gas main is a hazard, what was done its handling.
    const [graded] = await say(STAFF, '解放路天然气管线上方有挖机在施工，没有报备，已叫停')
    expect(graded).toMatch(/^是一般隐患还是重大隐患？/)
    expect(graded).toContain('（燃气）')
    await say(STAFF, '取消')
    // 「路线」 is no road: it had been read as a place and as a person's name.
    expect((await say(STAFF, '明天的巡查路线是什么'))[0]).toMatch(/当天(?:具体的路段和项目|的任务)请向科室负责人确认/)
    expect(await say(LEADER, '给我发个周报')).toEqual([WORDING.reportsWhere])
  })

  it('lists the period’s records for 「今天的投诉」「本月的隐患有哪些」, and opens no hazard form for 「今天的隐患」', async () => {
    const code = lastCode(await say('demo:citizen', '人民路188号井盖坏了'), 'TS')
    await say('demo:citizen', '不用')
    // They were not understood (a leader's, a duty officer's) or opened a hazard form asking where (a patroller's).
    for (const [who, asked] of [
      [LEADER, '今天的投诉'],
      ['demo:duty_officer', '今天的投诉有哪些'],
      [LEADER, '今天都有什么投诉'],
    ] as const) {
      const [listed] = await say(who, asked)
      expect(listed).toMatch(/^今天全市受理的投诉 \d+ 件：/)
      expect(listed).toContain(code)
    }
    expect((await say(LEADER, '本月的隐患有哪些'))[0]).toMatch(/^本月全市发现的隐患/)
    const hazardsBefore = (await database.db.select().from(hazards)).length
    expect((await say(STAFF, '今天的隐患'))[0]).toMatch(/^今天交办.+的隐患/)
    expect(await database.db.select().from(hazards)).toHaveLength(hazardsBefore)
    expect(await say(STAFF, '取消')).toEqual(['当前没有进行中的填报。'])
  })

  it('adds 「描述加上：已设警示桩」 to the description without its lead words', async () => {
    await say(STAFF, '上报隐患 人民路井盖缺失')
    expect(await say(STAFF, '描述加上：已设警示桩')).toEqual([
      WORDING.addedToDescription,
      expect.stringMatching(/^是一般隐患还是重大隐患？/),
    ])
    const summary = (await say(STAFF, '一般')).join('\n')
    // It had been 「人民路井盖缺失；描述加上：已设警示桩」.
    expect(summary).toContain('隐患描述：人民路井盖缺失；已设警示桩\n')
    await say(STAFF, '取消')
  })

  it('says a patrol’s danger is listed major only when a finding is', async () => {
    // 「塌陷」 is danger; a pavement sinking in three places is listed 一般 (the warning had said 「已列为重大隐患」).
    const [warned, summary] = await say(
      STAFF,
      '今天下午1点到4点 我们一行4人 开车2台 对沅江沿岸的防洪堤进行巡查 发现堤顶道路有3处塌陷 已设警示',
    )
    expect(warned).toBe(WORDING.patrolDanger)
    expect(summary).toContain('一般')
    await say(STAFF, '取消')
    const [major] = await say(STAFF, '今天上午9点到11点 2人1车 巡查柳叶大道 发现路面塌陷约2平方米 已设置围挡')
    expect(major).toBe(WORDING.patrolDangerMajor)
    await say(STAFF, '取消')
  })

  it('keeps a place said alone for the hazard the next words report (「人民路88号」 then 「井盖坏了」)', async () => {
    expect(await say(STAFF, '人民路188号')).toEqual([WORDING.staffPlaceAlone('人民路188号')])
    // It had asked where the hazard was.
    expect((await say(STAFF, '井盖坏了'))[0]).toMatch(/^是一般隐患还是重大隐患？/)
    expect((await say(STAFF, '一般')).join('\n')).toContain('地点：人民路188号\n')
    await say(STAFF, '取消')
    // Never over a place the words name, and for the next message only.
    await say(STAFF, '人民路188号')
    await say(STAFF, '建设路井盖坏了')
    expect((await say(STAFF, '一般')).join('\n')).toContain('地点：建设路\n')
    await say(STAFF, '取消')
    await say(STAFF, '人民路188号')
    await say(STAFF, '今天天气不错')
    expect(await say(STAFF, '井盖坏了')).toEqual(['隐患在什么位置？可直接发送位置。'])
    await say(STAFF, '取消')
  })
})

describe('which records are still open, listed', () => {
  it('lists a unit’s complaints not yet answered for 「我们单位哪些投诉还没办」, and the city’s for those briefed', async () => {
    const citizen = 'demo:citizen'
    lastCode(await say(citizen, '芙蓉路120号井盖丢了'), 'TS')
    await say(citizen, '不用')
    const [unit] = await database.db.select().from(units).where(eq(units.name, '市政建设总公司'))
    const open = await database.db
      .select()
      .from(complaints)
      .where(inArray(complaints.status, [...OPEN_COMPLAINT_STATUSES]))
    const ownOpen = open.filter((c) => c.unitId === unit?.id)
    const listedCodes = (answer: string) => [...answer.matchAll(/^· (TS\d{8}-\d{4}) /gm)].map((m) => m[1])
    const [own] = await say('demo:unit_leader', '我们单位哪些投诉还没办')
    expect(own.split('\n')[0]).toBe(`市政建设总公司办理中的投诉 ${ownOpen.length} 件（超时和快到期的在前）：`)
    const ownCodes = listedCodes(own)
    expect(ownCodes).toHaveLength(Math.min(ownOpen.length, 10))
    for (const code of ownCodes) expect(ownOpen.map((c) => c.code)).toContain(code)
    // The soonest due first.
    const soonest = [...ownOpen].sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime() || a.id - b.id)[0]
    expect(ownCodes[0]).toBe(soonest?.code)
    const [city] = await say(LEADER, '哪些投诉还没办完')
    expect(city.split('\n')[0]).toBe(`办理中的投诉 ${open.length} 件（超时和快到期的在前）：`)
    expect(city).toMatch(/^· TS\d{8}-\d{4} (?:市政建设总公司|待派单|[^：\n]+)：/m)
    // The units late, asked as which units, are still the units.
    expect((await say(LEADER, '哪些单位超期了'))[0]).toMatch(/^截至 /)
  })
})

describe('a supervision told in pieces, and a quiet shift', () => {
  const SUPERVISOR = 'demo:supervisor'
  const DUTY = 'demo:duty_officer'

  it('puts the matters and the problems listed, said to when, each in its box, and a notice served in the requirements', async () => {
    await say(SUPERVISOR, '督查')
    await say(SUPERVISOR, '市政建设总公司')
    expect(await say(SUPERVISOR, '今天上午')).toEqual(['督查时间是11月23日上午几点？'])
    expect(await say(SUPERVISOR, '检查了3个工地 发现2个问题 一是安全帽佩戴不规范 二是临边防护缺失')).toEqual([
      WORDING.notedInAnotherBox('督查事项', '存在的主要问题'),
      '督查时间是11月23日上午几点？',
    ])
    expect(await say(SUPERVISOR, '已下发整改通知书')).toEqual([
      WORDING.notedInAnotherBox('整改要求'),
      '督查时间是11月23日上午几点？',
    ])
    await say(SUPERVISOR, '10点')
    await say(SUPERVISOR, '王科长')
    const summary = (await say(SUPERVISOR, '李明')).join('\n')
    expect(summary).toContain('督查事项：检查了3个工地')
    expect(summary).toContain('存在的主要问题：一是安全帽佩戴不规范；二是临边防护缺失')
    expect(summary).toContain('整改要求：已下发整改通知书')
    await say(SUPERVISOR, '取消')
  })

  it('records 「今天去质安处检查了 没发现问题」 as a supervision of that unit with nothing found (it opened a patrol)', async () => {
    expect(await say(SUPERVISOR, '今天去质安处检查了 没发现问题')).toEqual(['督查时间是11月23日几点？'])
    for (const answer of ['上午10点', '王科长', '李明']) await say(SUPERVISOR, answer)
    // The problems are not asked: nothing was found.
    expect(await say(SUPERVISOR, '检查了巡查台账')).toEqual(['提出的整改要求？没有请回复「无」。'])
    const summary = (await say(SUPERVISOR, '无')).join('\n')
    expect(summary).toContain('被督查单位：质安处')
    expect(summary).toContain('存在的主要问题：无')
    await say(SUPERVISOR, '取消')
  })

  it('hands over the shift on 「交班」 and notes a quiet one, and asks those who patrol to record a patrol that found nothing', async () => {
    expect((await say(DUTY, '交班'))[0]).toMatch(TODAY_THEN_DIGEST)
    for (const said of ['今天没什么事 一切正常', '值班期间平安无事'])
      expect(await say(DUTY, said)).toEqual([WORDING.quietNoted])
    expect(await say(STAFF, '今天没什么事 一切正常')).toEqual([WORDING.quietPatrolRecorded])
  })
})

describe('reports spoken of in words', () => {
  it('signs on 「周报我看了没问题 签字」 and says where a report’s figures come from when they are said to be wrong', async () => {
    for (const said of ['周报我看了没问题 签字', '月报我看过了，签字吧'])
      expect(await say('demo:unit_leader', said)).toEqual(['当前没有等待您签字的报表或督查记录。'])
    expect(await say(LEADER, '月报表里的数据对不上')).toEqual([WORDING.reportFiguresWrong])
    expect(await say(HANDLER, '周报里的巡查次数不对 应该是12次')).toEqual([WORDING.reportFiguresWrong])
  })
})

describe('voice input', () => {
  it('fills a patrol said in one breath, and reads a hazard number said digit by digit', async () => {
    const summary = (
      await say(STAFF, '今天上午九点到十一点我和李强巡查了人民路发现一个井盖破损已经通知市政处理了两个人一台车')
    ).join('\n')
    expect(summary).toContain('1. 一个井盖破损（道路及市政设施，一般）')
    expect(summary).toContain('处理情况：已经通知市政处理了')
    expect(summary).toContain('出动人次：2')
    await say(STAFF, '取消')
    await say(STAFF, '上报隐患 柳叶路9号护栏断了 一般')
    await say(STAFF, '是')
    const hazard = lastCode(await say(STAFF, '确认'), 'YH')
    await say(HANDLER, `接收 ${hazard}`)
    const digits = '零一二三四五六七八九'
    const spoken = `YH${[...hazard.slice(2, 10)].map((d) => digits[Number(d)]).join('')}杠${[...hazard.slice(11)].map((d) => digits[Number(d)]).join('')}已经整改完成`
    const rectified = (await say(HANDLER, spoken)).join('\n')
    expect(rectified).toContain(`隐患编号：${hazard}`)
    expect(rectified).toContain('整改情况：已经整改完成')
    await say(HANDLER, '取消')
  })
})

describe('a leader’s questions in their own words', () => {
  it('reads a unit by its short name and kind, lists the latest so many, and points a notice for all to the group', async () => {
    expect((await say(LEADER, '市政公司最近表现怎么样'))[0]).toMatch(/^本月截至目前（市政建设总公司）：/)
    const ticket = lastCode(await say('demo:citizen', '桃林路8号路灯不亮'), 'TS')
    await say('demo:citizen', '不用')
    const [latest] = await say(LEADER, '给我看看最新的1条投诉')
    expect(latest).toMatch(new RegExp(`^最新的投诉 1 件：\\n· ${ticket} `))
    expect(await say(LEADER, '明天要下大雨 提醒各单位注意')).toEqual([WORDING.broadcastNotHere])
  })
})

describe('who does the work, said in words', () => {
  it('answers work handed to a colleague named and a patrol taken by a colleague, opening no form', async () => {
    const before = (await database.db.select().from(hazards)).length
    expect(await say('demo:unit_leader', '让李娜去处理一下人民路那个井盖')).toEqual([WORDING.delegatedInUnit('李娜')])
    expect(await say(HANDLER, '李娜今天请假 巡查由王五代替')).toEqual([WORDING.patrolSubstitute])
    expect(await database.db.select().from(hazards)).toHaveLength(before)
    // Someone not on the books is no colleague: the words are read as usual.
    expect(await say('demo:unit_leader', '让王某某去处理一下人民路那个井盖')).not.toEqual([
      WORDING.delegatedInUnit('王某某'),
    ])
    await say('demo:unit_leader', '取消')
  })
})

describe('the supervising office in words: what waits, a finding for the assessment, and a hazard voided', () => {
  const SUPERVISOR = 'demo:supervisor'
  it('lists what waits for 「今天要交办的隐患」 and 「哪些隐患等着我验收」, and points a finding to the assessment page', async () => {
    const before = (await database.db.select().from(hazards)).length
    for (const asked of ['今天要交办的隐患', '哪些隐患等着我验收'])
      expect((await say(SUPERVISOR, asked))[0]).toMatch(/^(?:【待办事项】|您暂无待办事项)/)
    for (const said of ['质安处扣2分 台账不全', '给质安处打个分'])
      expect(await say(SUPERVISOR, said)).toEqual([WORDING.assessmentFindingWhere])
    expect(await database.db.select().from(hazards)).toHaveLength(before)
  })

  it('voids a hazard by its number or its place and thing, with why; others are told who voids one', async () => {
    // 「是」 answers whether the category is right, or confirms the summary when there was no such question.
    const report = async (words: string) => {
      await say(STAFF, words)
      const yes = await say(STAFF, '是')
      return lastCode(/YH\d{8}/.test(yes.join('')) ? yes : await say(STAFF, '确认'), 'YH')
    }
    const first = await report('上报隐患 柏子园路9号护栏断了 一般')
    const second = await report('上报隐患 紫菱路3号路灯杆倾斜 一般')
    // (「删掉」 opened a hazard form for each.)
    expect(await say(STAFF, '把柏子园路护栏那个删掉')).toEqual([WORDING.voidBySupervisor])
    expect(await say(HANDLER, `作废 ${first} 不想修`)).toEqual(['您没有权限对该隐患执行此操作。'])
    expect(await say(SUPERVISOR, `作废 ${first}`)).toEqual([
      `请写明作废原因，例如：作废 ${first} 误报，现场核实无此隐患`,
    ])
    expect(await say(SUPERVISOR, '把柏子园路护栏那个隐患删掉 是误报')).toEqual([WORDING.hazardVoided(first, '误报')])
    expect(await say(SUPERVISOR, `${second} 作废 重复上报`)).toEqual([WORDING.hazardVoided(second, '重复上报')])
    const statuses = await database.db
      .select({ status: hazards.status })
      .from(hazards)
      .where(inArray(hazards.code, [first, second]))
    expect(statuses.map((h) => h.status)).toEqual(['voided', 'voided'])
    expect(await say(SUPERVISOR, '把柏子园路护栏那个隐患删掉 是误报')).toEqual([
      WORDING.noHazardNamed('柏子园路护栏', '作废'),
    ])
  })
})

describe('the hours said after half a day', () => {
  it('puts right 「昨天下午」 with 「2点到4点」 said to the route, on that day and afternoon (it was saved as the route)', async () => {
    await say(STAFF, '巡查 昨天下午')
    expect(await say(STAFF, '2点到4点')).toEqual(['已记下时间：2点到4点。', '巡查了哪个路段或项目？'])
    for (const answer of ['建设路', '2个人', '1台车']) await say(STAFF, answer)
    const summary = (await say(STAFF, '没有')).join('\n')
    expect(summary).toContain('开始时间：11月22日 14:00')
    expect(summary).toContain('结束时间：11月22日 16:00')
    expect(summary).toContain('巡查路段/项目：建设路')
    await say(STAFF, '取消')
  })
})

describe('what was done on site, said without a record', () => {
  it('says where the handling is written, keeps it when said to another patrol question, and where a notice goes', async () => {
    const before = await database.db.select().from(hazards)
    // (Each was not understood.)
    for (const said of ['已设置围挡', '已通知施工单位整改', '已下发整改通知 人民路工地'])
      expect(await say(STAFF, said)).toEqual([WORDING.handlingAlone])
    expect(await say(HANDLER, '已设置围挡')).toEqual([WORDING.handlingAloneForUnit])
    for (const said of ['给市政发个整改通知', '整改通知书怎么下发', '已下发整改通知'])
      expect(await say('demo:supervisor', said)).toEqual([WORDING.rectificationNoticeHow])
    // Said to when the patrol began, or to its route: kept for how it was handled (it was refused, or became the route).
    await say(STAFF, '巡查')
    expect(await say(STAFF, '已设置围挡')).toEqual(['已记下处理情况：已设置围挡。', '请问巡查是几点开始的？'])
    expect(await say(STAFF, '9点到11点')).toEqual(['巡查了哪个路段或项目？'])
    expect(await say(STAFF, '已通知施工单位整改')).toEqual([
      '已记下处理情况：已通知施工单位整改。',
      '巡查了哪个路段或项目？',
    ])
    await say(STAFF, '人民路')
    await say(STAFF, '2人1车')
    const summary = (await say(STAFF, '井盖缺失')).join('\n')
    expect(summary).toContain('巡查路段/项目：人民路\n')
    expect(summary).toContain('处理情况：已设置围挡，已通知施工单位整改\n')
    await say(STAFF, '取消')
    expect(await database.db.select().from(hazards)).toHaveLength(before.length)
  })
})

describe('reports typed as people type them, which were not understood', () => {
  it('opens the hazard form for a report dictated word by word, the patrol for one that found nothing, and notes 「今日无事」', async () => {
    expect((await say(STAFF, '鼎城 善德路 工地 塔吊 回转 半径 内 有 民房 没有 采取 防护 措施'))[0]).toMatch(
      /^是一般隐患还是重大隐患？/,
    )
    await say(STAFF, '取消')
    expect(await say(STAFF, '汉寿县 城区 几个在建工地 都按要求设置了围挡和冲洗设施 未发现问题')).toEqual([
      '请问巡查是几点开始的？',
    ])
    await say(STAFF, '取消')
    expect(await say(STAFF, '今日无事')).toEqual([WORDING.quietPatrolRecorded])
  })
})

describe('records asked to be shown', () => {
  it('shows a leader the day’s patrols for 「今天的巡查记录给我看看」 (the patrol form had been refused to them)', async () => {
    const [shown] = await say(LEADER, '今天的巡查记录给我看看')
    expect(shown).toMatch(/^今天各巡查单位的巡查记录：/)
    expect((await say(LEADER, '昨天的巡查记录给我看看'))[0]).toMatch(/^昨天各巡查单位的巡查记录：/)
  })
})
