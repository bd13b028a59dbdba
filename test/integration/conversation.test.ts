import { asc, eq, inArray, sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { WORDING } from '../../bots/wording'
import {
  complaintEvents,
  complaints,
  escalations,
  hazards,
  inboundMessages,
  outbox,
  patrols,
  people,
} from '../../src/db/schema'
import { ManualClock } from '../../src/domain/clock'
import { HAZARD_STATUS_LABELS } from '../../src/domain/hazard-lifecycle'
import { zonedInstant } from '../../src/domain/local-time'
import { runComplaintSla } from '../../src/jobs/complaint-sla'
import { jobSettings } from '../../src/jobs/scheduler'
import { recordInbound } from '../../src/messaging/inbox'
import { receiveComplaint } from '../../src/services/complaints'
import { testApp } from '../helpers/app'
import { chat, lastCode } from '../helpers/chat'
import { createTestDatabase, seedDefaults, TEST_TIME_ZONE, type TestDatabase } from '../helpers/db'
import { failInsertsInto } from '../helpers/faults'
import { postForm } from '../helpers/requests'

/**
 * Conversations as people really have them, through the real pipeline (inbox → engine → outbox): every
 * message gets an answer, wrong answers are caught when given, corrections are understood, and nobody is
 * left in silence — not even when saving fails.
 */
const STAFF = 'demo:field_staff'
const HANDLER = 'demo:handler'
const SUPERVISOR = 'demo:supervisor'
const DUTY = 'demo:duty_officer'
const clock = new ManualClock(zonedInstant('2026-11-23', TEST_TIME_ZONE, 17))
let database: TestDatabase
let harness: ReturnType<typeof testApp>
const say = (who: string, input: Parameters<typeof chat>[2]) => chat(harness.services, who, input)

beforeAll(async () => {
  database = await createTestDatabase()
  await seedDefaults(database, clock.now())
  harness = testApp(database, clock, { GAS_EMERGENCY_PHONE: '0736-96777' })
})
afterAll(async () => database?.drop())

/** 「今天有什么情况」 asked during the day: today so far first, then yesterday's digest. */
const TODAY_THEN_DIGEST = /^\*\*今日截至 \d+月\d+日 \d\d:\d\d\*\*：受理投诉 \d+ 件[\s\S]*\n## 巡安日报 /

/** The notes on a complaint's history, oldest first. */
async function notesOf(code: string): Promise<(string | null)[]> {
  const [row] = await database.db.select().from(complaints).where(eq(complaints.code, code))
  const events = await database.db
    .select()
    .from(complaintEvents)
    .where(eq(complaintEvents.complaintId, row?.id as number))
    .orderBy(asc(complaintEvents.id))
  return events.map((e) => e.note)
}

async function personId(name: string): Promise<number> {
  const [row] = await database.db.select().from(people).where(eq(people.name, name))
  return row?.id as number
}

describe('answers are checked when they are given', () => {
  it('takes 四点 after 下午两点 as the afternoon, and asks about an end before a morning start', async () => {
    expect(await say(STAFF, '巡查 今天下午两点开始在柳叶湖大道巡查')).toEqual(['巡查几点结束？'])
    expect(await say(STAFF, '四点')).toEqual(['出动了多少人次？'])
    await say(STAFF, '2')
    await say(STAFF, '0')
    expect((await say(STAFF, '无')).join('\n')).toContain('结束时间：11月23日 16:00')
    await say(STAFF, '取消')
    // 上午 said with the end: as said, and the end before the start is asked about.
    expect(await say(STAFF, '巡查 今天下午两点开始在柳叶湖大道巡查')).toEqual(['巡查几点结束？'])
    expect(await say(STAFF, '上午四点')).toEqual([
      '结束时间 04:00 早于开始时间 14:00，是下午4点（16:00）吗？回复「是」确认，或发送正确的结束时间。',
    ])
    expect(await say(STAFF, '是')).toEqual(['出动了多少人次？'])
    await say(STAFF, '取消')
  })

  it('asks whether 两点半 means the small hours, and believes 凌晨 when it is said', async () => {
    await say(SUPERVISOR, '督查')
    expect(await say(SUPERVISOR, '质安处')).toEqual(['督查时间？'])
    expect(await say(SUPERVISOR, '两点半')).toEqual([
      '督查时间 11月23日 02:30 是凌晨吗？如是下午2点30分（14:30），请回复「是」；否则请发送正确的督查时间。',
    ])
    expect(await say(SUPERVISOR, '是')).toEqual(['带队领导是谁？'])
    await say(SUPERVISOR, '取消')
    await say(SUPERVISOR, '督查')
    await say(SUPERVISOR, '质安处')
    expect(await say(SUPERVISOR, '凌晨两点半')).toEqual(['带队领导是谁？'])
    await say(SUPERVISOR, '取消')
  })

  it('refuses a start that has not come yet', async () => {
    expect(await say(STAFF, '巡查 明天上午9点到11点在朗州路巡查，出动2人1车，未发现隐患')).toEqual([
      '开始时间是 11月24日 09:00，还没到。请发送实际的开始时间。',
    ])
    await say(STAFF, '取消')
  })

  it('offers last night for an evening patrol reported before evening, moving its end too', async () => {
    expect(await say(STAFF, '晚上8点到10点夜巡，3人2车，城区主干道，一切正常')).toEqual([
      '开始时间是 11月23日 20:00，还没到。是指11月22日 20:00吗？是请回复「是」；否则请发送实际的开始时间。',
    ])
    const summary = (await say(STAFF, '是')).join('\n')
    expect(summary).toContain('开始时间：11月22日 20:00')
    expect(summary).toContain('结束时间：11月22日 22:00')
    await say(STAFF, '取消')
    // This afternoon's patrol, told before the afternoon's usual end: the end is asked as a plain question — not
    // moved to yesterday, and not put at 18:00 and then refused as still to come.
    expect(await say(STAFF, '今天下午巡查了柳叶大道 三个人一台车 未发现隐患')).toEqual(['巡查几点结束？'])
    const summary2 = (await say(STAFF, '下午四点半')).join('\n')
    expect(summary2).toContain('开始时间：11月23日 14:00')
    expect(summary2).toContain('结束时间：11月23日 16:30')
    await say(STAFF, '取消')
  })

  it('puts an end said without its day on the start’s day, and asks about a patrol a day long', async () => {
    for (const answer of ['巡查', '昨天上午9点']) await say(STAFF, answer)
    expect(await say(STAFF, '11点半')).toEqual(['巡查了哪个路段或项目？'])
    for (const answer of ['人民路', '2', '1']) await say(STAFF, answer)
    const summary = (await say(STAFF, '无')).join('\n')
    expect(summary).toContain('开始时间：11月22日 09:00')
    expect(summary).toContain('结束时间：11月22日 11:30')
    await say(STAFF, '取消')
    // 「昨天」 alone to when it started keeps the day and asks the hour.
    await say(STAFF, '巡查')
    expect(await say(STAFF, '昨天')).toEqual(['11月22日几点开始的？'])
    expect(await say(STAFF, '下午两点')).toEqual(['巡查几点结束？'])
    // 五点 after 下午两点 is that afternoon's, on the start's day.
    expect(await say(STAFF, '五点')).toEqual(['巡查了哪个路段或项目？'])
    for (const answer of ['人民路', '2', '1']) await say(STAFF, answer)
    expect((await say(STAFF, '无')).join('\n')).toContain('结束时间：11月22日 17:00')
    await say(STAFF, '取消')
    for (const answer of ['巡查', '11月20日8点']) await say(STAFF, answer)
    expect(await say(STAFF, '11月23日10点')).toEqual([
      '巡查从 11月20日 08:00 到 11月23日 10:00，长达 74 小时，请核对后重新发送结束时间（如：当天下午5点）。',
    ])
    await say(STAFF, '取消')
  })

  it('asks for a pin or a landmark when the place is too vague to find', async () => {
    expect(await say(STAFF, '上报隐患 井盖缺失')).toEqual(['隐患在什么位置？可直接发送位置。'])
    expect(await say(STAFF, '那个桥头旁')).toEqual([
      '「那个桥头旁」不够具体，别人可能找不到。请发送定位，或说明附近的路名、门牌号或标志性建筑。',
    ])
    const located = await say(STAFF, { kind: 'location', latitude: 29.03, longitude: 111.69, label: '沅安路桥北桥头' })
    expect(located[0]).toBe('已添加位置（沅安路桥北桥头）。')
    await say(STAFF, '取消')
  })
})

describe('several hazards in one patrol', () => {
  it('counts each place found, and lets one be split or dropped from chat', async () => {
    await say(STAFF, '巡查')
    await say(STAFF, '今天下午1点到2点')
    await say(STAFF, '朗州路')
    await say(STAFF, '2')
    await say(STAFF, '1')
    const listed = await say(STAFF, '井盖缺失、护栏断裂，路面有坑')
    expect(listed.join('\n')).toMatch(/现场是如何处理的/)
    const summary = await say(STAFF, '已设围挡')
    expect(summary[0]).toContain('发现隐患：共 3 处')
    expect(summary[0]).toContain('「删除隐患 2」')
    const [told, dropped] = await say(STAFF, '删除隐患 2')
    expect(told).toBe(WORDING.findingDropped(2, '护栏断裂'))
    expect(dropped).toContain('发现隐患：共 2 处')
    expect(dropped).not.toContain('护栏断裂')
    expect((await say(STAFF, '拆分隐患 1'))[0]).toContain('无需拆分')
    const saved = await say(STAFF, '确认')
    expect(saved.join('\n').match(/YH\d{8}-\d{4}/g)?.length).toBe(2)
  })
})

describe('places counted inside a statement', () => {
  it('reads 「井盖破损2处」 as two places, shows the count and files one hazard per place', async () => {
    const summary = await say(STAFF, '昨天晚上七点到八点半 朗州北路 井盖破损2处 路灯不亮1处 出动3人1车 已放锥桶')
    expect(summary[0]).toContain('发现隐患：共 3 处')
    expect(summary[0]).toMatch(/1\. 井盖破损2处（道路及市政设施，一般，2处）/)
    expect(summary[0]).toContain('出动人次：3')
    const saved = await say(STAFF, '确认')
    const code = /XC\d{8}-\d{4}/.exec(saved.join('\n'))?.[0] as string
    const [patrol] = await database.db.select().from(patrols).where(eq(patrols.code, code))
    const found = await database.db
      .select({ description: hazards.description })
      .from(hazards)
      .where(eq(hazards.patrolId, patrol?.id ?? -1))
    expect(found.map((h) => h.description).sort()).toEqual([
      '井盖破损2处（第1处，共2处）',
      '井盖破损2处（第2处，共2处）',
      '路灯不亮1处',
    ])
  })

  it('records no hazard when the message says nothing was found', async () => {
    const summary = await say(STAFF, '2人 1车 13:30-15:00 城北片区 无异常')
    expect(summary[0]).toContain('发现隐患：无')
    expect(summary[0]).toContain('巡查路段/项目：城北片区')
    await say(STAFF, '取消')
  })
})

describe('guesses are asked, not filled in', () => {
  it('shows a guessed patrol area and takes it on 「是」', async () => {
    // Two readings of where the patrol went (the defect's place first, the place after 巡查 later): a guess.
    const asked = await say(STAFF, '建设路口井盖缺失已放锥桶，昨天晚上10点到11点巡查了朗州路，出动2人1车')
    expect(asked).toEqual(['巡查路段/项目是「朗州路」吗？是请回复「是」；不是请直接发送正确的巡查路段/项目。'])
    const summary = await say(STAFF, '是')
    expect(summary[0]).toContain('巡查路段/项目：朗州路')
    expect(summary[0]).toContain('建设路口井盖缺失已放锥桶（道路及市政设施，一般）')
    await say(STAFF, '取消')
  })

  it('offers a hazard in words the rules do not know as a guess, and takes 「无」 instead', async () => {
    const message = '2人1车 9:00-10:30 新华路 一家早餐店用的液化气罐是过了年限的'
    const asked = await say(STAFF, message)
    expect(asked).toEqual([
      '发现隐患是否为以下内容：\n  1. 一家早餐店用的液化气罐是过了年限的（燃气，一般）\n是请回复「是」；不是请直接发送正确的发现隐患。',
    ])
    expect(await say(STAFF, '是')).toEqual(['现场是如何处理的？'])
    const summary = await say(STAFF, '已要求店主更换')
    expect(summary[0]).toContain('一家早餐店用的液化气罐是过了年限的（燃气，一般）')
    await say(STAFF, '取消')
    await say(STAFF, message)
    const none = await say(STAFF, '无')
    expect(none[0]).toContain('发现隐患：无')
    await say(STAFF, '取消')
  })

  it('keeps every word of an answer to the hazards question that the rules cannot cut', async () => {
    const asked = await say(STAFF, '2人1车 14:00-15:30 紫菱路')
    expect(asked).toEqual(['本次巡查发现了什么隐患？没有请回复「无」。'])
    const answer = '一家小吃店用的液化气罐是过了年限的，店主说下周换'
    expect(await say(STAFF, answer)).toEqual(['现场是如何处理的？'])
    const summary = await say(STAFF, '已口头提醒')
    expect(summary[0]).toContain('一家小吃店用的液化气罐是过了年限的')
    expect(summary[0]).toContain('店主说下周换')
    await say(STAFF, '取消')
  })

  it('reads another answer to the guess as the answer', async () => {
    await say(STAFF, '建设路口井盖缺失已放锥桶，昨天晚上10点到11点巡查了朗州路，出动2人1车')
    const summary = await say(STAFF, '建设路')
    expect(summary[0]).toContain('巡查路段/项目：建设路')
    await say(STAFF, '取消')
  })

  it('asks to check a hazard’s domain read from weak evidence', async () => {
    const summary = await say(STAFF, '昨天晚上10点到11点巡查朗州路，出动2人1车，发现围挡倒了，已通知施工单位')
    expect(summary[0]).toContain('1. 围挡倒了（建筑工地？请核对，一般）')
    await say(STAFF, '取消')
  })

  it('asks a citizen to confirm a guessed place before the ticket, and files it on 「是」', async () => {
    const CITIZEN = 'demo:citizen'
    const asked = await say(CITIZEN, '菜市场门口的井盖丢了好几天了')
    expect(asked).toEqual([
      '请确认位置：是在「菜市场门口」吗？是请回复「是」；不是请发送定位，或回复路名、小区、门牌号等，我们登记后马上给您编号。',
    ])
    const ticket = await say(CITIZEN, '是')
    const code = /TS\d{8}-\d{4}/.exec(ticket[0] as string)?.[0] as string
    const [row] = await database.db.select().from(complaints).where(eq(complaints.code, code))
    expect(row).toMatchObject({ locationText: '菜市场门口', category: 'road_municipal' })
    await say(CITIZEN, '不用')
  })
})

describe('several hazards in one report', () => {
  it('says how many places were found and files each as its own record', async () => {
    const summary = await say(STAFF, '上报隐患 人民路88号门前井盖缺失、护栏断裂')
    expect(summary[0]).toContain('共 2 处隐患，将分别登记：1. 人民路88号门前井盖缺失；2. 护栏断裂')
    // A bare level word after the summary sets the level, and leaves the description alone.
    const general = await say(STAFF, '一般')
    expect(general[0]).toContain('等级：一般隐患')
    expect(general[0]).toContain('隐患描述：人民路88号门前井盖缺失、护栏断裂')
    const saved = await say(STAFF, '确认')
    expect(saved[0]).toMatch(/^共 2 处隐患已上报：\n1\. YH\d{8}-\d{4} 人民路88号门前井盖缺失：/)
    expect(saved[0]?.match(/YH\d{8}-\d{4}/g)).toHaveLength(2)
  })

  it('keeps one place said several ways one hazard, and takes 「不亮」 after 「路灯」 as what is wrong', async () => {
    for (const answer of ['报隐患', '滨湖西路跟人民路交叉口', '有个窨井盖松动，车压上去哐哐响'])
      await say(STAFF, answer)
    const [summary] = await say(STAFF, '一般')
    expect(summary).toContain('隐患描述：有个窨井盖松动，车压上去哐哐响')
    expect(summary).not.toContain('处隐患，将分别登记')
    await say(STAFF, '取消')
    await say(STAFF, '上报隐患 滨湖西路')
    await say(STAFF, '路灯')
    expect((await say(STAFF, '不亮'))[0]).toBe(WORDING.addedToDescription)
    // The thing and what is wrong with it read as one statement.
    expect((await say(STAFF, '一般'))[0]).toContain('隐患描述：路灯不亮\n')
    await say(STAFF, '取消')
  })

  it('files a numbered list of hazards at different places each at its own place', async () => {
    await say(STAFF, '发现隐患三处：1.皂果路井盖缺失 2.紫菱路路灯不亮 3.善卷路人行道破损')
    const [summary] = await say(STAFF, '一般')
    expect(summary).toContain('地点：皂果路、紫菱路、善卷路')
    expect(summary).toContain('共 3 处隐患，将分别登记：1. 皂果路井盖缺失；2. 紫菱路路灯不亮；3. 善卷路人行道破损')
    const codes = (await say(STAFF, '确认'))[0]?.match(/YH\d{8}-\d{4}/g) ?? []
    expect(codes).toHaveLength(3)
    const rows = await database.db.select().from(hazards).where(inArray(hazards.code, codes)).orderBy(asc(hazards.id))
    expect(rows.map((h) => [h.description, h.locationText, h.level])).toEqual([
      ['皂果路井盖缺失', '皂果路', 'general'],
      ['紫菱路路灯不亮', '紫菱路', 'general'],
      ['善卷路人行道破损', '善卷路', 'general'],
    ])
  })
})

describe('overlapping patrols', () => {
  it('asks before saving a second patrol by the same person at the same time', async () => {
    await say(STAFF, '今天上午8点到9点在人民路巡查，出动1人0车，未发现隐患')
    expect((await say(STAFF, '确认'))[0]).toMatch(/巡查记录已保存/)
    await say(STAFF, '今天上午8点半到9点半在建设路巡查，出动1人0车，未发现隐患')
    const asked = await say(STAFF, '确认')
    expect(asked[0]).toMatch(/^您在 11月23日 08:00–09:00 已有巡查记录 XC\d{8}-\d{4}（人民路），与这条时间重叠。/)
    expect((await say(STAFF, '好的'))[0]).toContain('请回复「仍然保存」')
    expect((await say(STAFF, '仍然保存'))[0]).toMatch(/巡查记录已保存/)
  })
})

describe('corrections in plain words', () => {
  it('changes the field a correction names and shows the summary again', async () => {
    const summary = await say(STAFF, '今天上午9点到11点在柳叶湖大道巡查，出动2人1车，未发现隐患')
    expect(summary[0]).toContain('出动人次：2')
    const people = await say(STAFF, '不对，是3个人')
    expect(people[0]).toBe('已将「出动人次」改为：3个人')
    expect(people[1]).toContain('出动人次：3')
    const place = await say(STAFF, '地点写错了，是洞庭大道')
    expect(place[1]).toContain('巡查路段/项目：洞庭大道')
    // 「修改」 alone asks which field, and changes nothing.
    const which = await say(STAFF, '修改')
    expect(which[0]).toMatch(/^请问要修改哪一项？请回复「修改 项目名」，可修改：开始时间、结束时间、巡查路段\/项目/)
    // 「X不对，是…」 names the field first; the correction does not join anything else.
    const again = await say(STAFF, '人数不对，是4个')
    expect(again[0]).toBe('已将「出动人次」改为：4个')
    expect(again[1]).toContain('出动人次：4')
    const time = await say(STAFF, '结束时间改成上午十点半')
    expect(time[1]).toContain('结束时间：11月23日 10:30')
    // The summary's hint names a field this form has.
    expect(time[1]).toContain('（如：修改 巡查路段/项目）')
    // A place said alone, without the word for the field, corrects the place.
    const street = await say(STAFF, '不对 是柳叶湖大道北段')
    expect(street[0]).toBe('已将「巡查路段/项目」改为：柳叶湖大道北段')
    await say(STAFF, '取消')
  })

  it('takes 「等等 地址是朗州路86号」 at the summary as the place put right, not more of the description', async () => {
    await say(STAFF, '上报隐患 朗州路88号门口井盖破了一个角')
    await say(STAFF, '一般')
    const moved = await say(STAFF, '等等 地址是朗州路86号')
    expect(moved[0]).toBe('已将「地点」改为：朗州路86号')
    expect(moved[1]).toContain('隐患描述：朗州路88号门口井盖破了一个角\n地点：朗州路86号')
    await say(STAFF, '取消')
  })

  it('takes a place correction while another question is open, and asks that question again', async () => {
    await say(STAFF, '朗州路 井盖 缺失 两处 已经 设置 围挡')
    const corrected = await say(STAFF, '不对，是建设路')
    expect(corrected[0]).toBe('已将「地点」改为：建设路')
    expect(corrected[1]).toContain('是一般隐患还是重大隐患？')
    expect((await say(STAFF, '一般')).join('\n')).toContain('地点：建设路')
    await say(STAFF, '取消')
  })
})

describe('an unfinished form is never lost without a word', () => {
  it('asks with words that cannot be misread, and runs the new command after the choice', async () => {
    await say(STAFF, '巡查')
    await say(STAFF, '今天上午9点到11点')
    const asked = await say(STAFF, '上报隐患 朗州路井盖缺失')
    expect(asked).toEqual([
      '您有未完成的「日巡查工作记录」填报。回复「继续填写」接着填；回复「放弃并开始新的」放弃它，并开始「上报隐患 朗州路井盖缺失」。',
    ])
    // 「确认」 does not discard anything: the question stands, and the words are said to be in neither form.
    expect(await say(STAFF, '确认')).toEqual([WORDING.choiceFirst, asked[0]])
    expect(await say(STAFF, '朗州路')).toEqual([WORDING.choiceFirst, asked[0]])
    const started = await say(STAFF, '放弃并开始新的')
    expect(started.join('\n')).not.toContain('暂未理解')
    expect(started.join('\n')).toMatch(/属于哪一类|是一般隐患还是重大隐患|请核对/)
    await say(STAFF, '取消')
  })

  it('offers the same choice as buttons, which do what the words do', async () => {
    await say(STAFF, '巡查')
    await say(STAFF, '今天上午9点到11点')
    await say(STAFF, '上报隐患 建设路井盖缺失')
    const [card] = await database.db
      .select()
      .from(outbox)
      .where(sql`${outbox.message}->>'title' = '未完成的「日巡查工作记录」'`)
      .orderBy(sql`${outbox.id} desc`)
      .limit(1)
    expect((card?.message as { buttons?: { key: string; text: string }[] } | undefined)?.buttons).toEqual([
      { key: 'form.continue', text: '继续填写', style: 1 },
      { key: 'form.discard', text: '放弃并开始新的', style: 2 },
    ])
    const resumed = await say(STAFF, { kind: 'card', key: 'form.continue' })
    expect(resumed[0]).toBe('继续填写「日巡查工作记录」。')
    await say(STAFF, '取消')
  })

  it('tells a field worker that a supervisor’s command is not theirs', async () => {
    expect(await say(STAFF, '督查')).toEqual([
      '您无权使用「督查记录表」：仅供督查员、管理员使用。发送「帮助」查看您可用的命令。',
    ])
  })
})

describe('messages without the exact command word', () => {
  it('reads a mistyped patrol, a bare defect, and an urgent leak as what they are', async () => {
    const patrol = await say(STAFF, '巡察柳叶湖大道，今天上午9点到11点，2人1车，未发现隐患')
    expect(patrol.join('\n')).toMatch(/【日巡查工作记录】请核对|本次巡查发现了什么隐患/)
    await say(STAFF, '取消')
    const defect = await say(STAFF, '朗州路井盖缺失')
    expect(defect.join('\n')).not.toContain('暂未理解')
    expect(defect.join('\n')).toMatch(/是一般隐患还是重大隐患|属于哪一类|请核对/)
    await say(STAFF, '取消')
    const urgent = await say(STAFF, '建设路燃气管道漏气了！')
    expect(urgent[0]).toBe('⚠️ 涉及险情，已按重大隐患填报。请先确保人员安全，并尽快完成上报。')
    expect(urgent.join('\n')).toContain('【隐患上报】请核对')
    expect(urgent.join('\n')).toContain('等级：重大')
    await say(STAFF, '取消')
  })
})

describe('staff asking after what they saved, in their own words', () => {
  it('lists their own hazards with where each stands, and starts no new report', async () => {
    expect((await say(STAFF, '上报隐患 朗州北路18号门前井盖缺失')).join('\n')).toContain('是一般隐患还是重大隐患')
    expect((await say(STAFF, '一般')).join('\n')).toContain('请核对')
    const saved = await say(STAFF, '确认')
    const code = lastCode(saved, 'YH')
    const before = await database.db.select().from(hazards)
    // (「我昨天报的那个隐患编号多少来着」 had been given the unit's day; 「我报过的隐患」 opened a hazard report.)
    for (const words of [
      '帮我查一下我上周报的那个隐患怎么样了',
      '我报的隐患处理了吗',
      '我的隐患',
      '我今天的隐患呢',
      '我今天报的那个隐患编号多少来着',
      '我报过的隐患',
    ]) {
      const [answer] = await say(STAFF, words)
      expect(answer).toContain('您最近上报的隐患')
      expect(answer).toMatch(new RegExp(`${code}（[^）]+）朗州北路18号门前井盖缺失：(已上报|已交办|整改中)`))
    }
    // Asked after by its thing, with no 我 (it was not understood): those of theirs it names.
    await say(STAFF, '上报隐患 朗州北路20号路灯不亮')
    await say(STAFF, '一般')
    const lamp = lastCode(await say(STAFF, '确认'), 'YH')
    for (const [words, meant, other] of [
      ['上周报的那个井盖修好没', code, lamp],
      ['我报的路灯那个怎么样了', lamp, code],
    ] as const) {
      const [answer] = await say(STAFF, words)
      expect(answer).toMatch(/^您上报的相关隐患：\n/)
      expect(answer).toContain(meant)
      expect(answer).not.toContain(other)
    }
    // Their patrol records, asked for with the day or 「在哪里」 (the second was answered with where to patrol).
    for (const words of ['我今天的巡查记录呢', '我的巡查记录在哪里'])
      expect((await say(STAFF, words))[0]).toMatch(/^(?:您最近的巡查记录|您还没有)/)
    // Nothing was opened: 「确认」 has no form to save.
    expect(await say(STAFF, '确认')).not.toContain('请核对')
    expect(await database.db.select().from(hazards)).toHaveLength(before.length + 1)
  })

  it('answers how many they filed in the period named, by where each stands, and opens no form', async () => {
    expect((await say(STAFF, '上报隐患 朗州北路20号门前井盖缺失')).join('\n')).toContain('是一般隐患还是重大隐患')
    expect((await say(STAFF, '一般')).join('\n')).toContain('请核对')
    const code = lastCode(await say(STAFF, '确认'), 'YH')
    const [mine] = await database.db.select().from(hazards).where(eq(hazards.code, code))
    const reporter = mine?.reporterId as number
    // The expected figures are read from the ledger itself: every hazard this person reported this month.
    const monthStart = zonedInstant('2026-11-01', TEST_TIME_ZONE)
    const theirs = (await database.db.select().from(hazards).where(eq(hazards.reporterId, reporter))).filter(
      (h) => h.foundAt >= monthStart,
    )
    const before = await database.db.select().from(hazards)
    const [answer] = await say(STAFF, '帮我查一下我这个月报了几个隐患')
    expect(answer).toContain(`您本月共上报隐患 ${theirs.length} 项：`)
    for (const status of new Set(theirs.map((h) => h.status)))
      expect(answer).toContain(`${HAZARD_STATUS_LABELS[status]} ${theirs.filter((h) => h.status === status).length} 项`)
    expect((await say(STAFF, '我上个月报了多少隐患'))[0]).toMatch(/^您上月(还没有上报隐患|共上报隐患 \d+ 项)/)
    expect((await say(STAFF, '我本周巡查了几次'))[0]).toMatch(/^您本周(还没有巡查记录|共填报巡查记录 \d+ 次)/)
    expect(await say(STAFF, '确认')).not.toContain('请核对')
    expect(await database.db.select().from(hazards)).toHaveLength(before.length)
  })

  it('tells which saved record is meant and how a wrong one is put right, instead of opening a form', async () => {
    // A minute after anything saved before, so 「刚才那条」 is this patrol.
    clock.advance(60_000)
    expect((await say(STAFF, '今天早上6点到7点在柳叶湖大道巡查，出动3人1车，未发现隐患')).join('\n')).toContain(
      '请核对',
    )
    const saved = await say(STAFF, '确认')
    const code = lastCode(saved, 'XC')
    const before = await database.db.select().from(patrols)
    const [answer] = await say(STAFF, '我要改一下刚才那条巡查记录，时间写错了，应该是下午')
    expect(answer).toContain(`您最近的巡查记录是 ${code}`)
    expect(answer).toContain('已保存的巡查记录不能直接修改')
    expect(answer).toContain('作废')
    expect((await say(STAFF, '我刚才报的隐患地点写错了'))[0]).toContain('已上报的隐患不能直接修改')
    // Neither kind named: the record saved last is meant.
    expect((await say(STAFF, '撤回刚才那条'))[0]).toContain(`您最近的巡查记录是 ${code}`)
    expect(await database.db.select().from(patrols)).toHaveLength(before.length)
    // A patrol saved with the hazards it found is the record saved last, not its last hazard (which had been named).
    clock.advance(60_000)
    await say(STAFF, '下午2点到4点 建设路 3人1车 发现窨井盖缺失1处 路面坑洼1处 已设警示')
    const withHazards = lastCode(await say(STAFF, '确认'), 'XC')
    const [withdrawn] = await say(STAFF, '刚才那条报错了 撤回')
    expect(withdrawn).toContain(`您最近的巡查记录是 ${withHazards}`)
    expect(withdrawn).toContain('作废')
  })

  it('takes a grade said in a last clause as the grade, out of the description', async () => {
    const summary = (await say(STAFF, '朗州路井盖缺失，已设置警示标志，一般隐患')).join('\n')
    expect(summary).toContain('隐患描述：朗州路井盖缺失，已设置警示标志\n')
    expect(summary).toContain('等级：一般隐患')
    await say(STAFF, '取消')
    // 「再报一个」 with no form open starts the next report.
    expect(await say(STAFF, '再报一个')).toEqual(['请描述发现的隐患。'])
    await say(STAFF, '取消')
  })

  it('reads the chat clients’ emoticons: [OK] saves a summary, [流泪] and 谢谢 there change nothing', async () => {
    const summary = await say(STAFF, '人民路井盖缺失，一般')
    expect(await say(STAFF, '[流泪]')).toEqual(summary)
    expect(await say(STAFF, '谢谢')).toEqual(summary)
    expect((await say(STAFF, '[OK]'))[0]).toMatch(/^隐患已上报，编号 YH\d{8}-\d{4}/)
    const before = await database.db.select().from(complaints)
    expect(await say('demo:citizen', '[抱拳]谢谢')).toEqual([WORDING.citizenCourtesy])
    expect(await database.db.select().from(complaints)).toHaveLength(before.length)
  })
})

describe('a patrol that found danger, a grade said early, nothing found in words', () => {
  it('keeps a patrol report a patrol when what it found is dangerous, that finding graded major', async () => {
    const replies = await say(
      STAFF,
      '今天巡查了3个工地，下午两点到四点半，我和小李两个人开一辆车，发现华联超市门口人行道塌了一块，已拉警戒线',
    )
    expect(replies[0]).toContain('⚠️ 涉及险情')
    const summary = replies.join('\n')
    expect(summary).toContain('【日巡查工作记录】请核对')
    expect(summary).toContain('华联超市门口人行道塌了一块（占道挖掘，重大）')
    await say(STAFF, '取消')
  })

  it('keeps 「重大」 said to the kind’s question, and offers the kind again', async () => {
    expect(await say(STAFF, '发现个问题，桥下面的钢筋都露出来了')).toEqual(['隐患在什么位置？可直接发送位置。'])
    const kind = await say(STAFF, '沅江大桥')
    expect(kind[0]).toMatch(/^类别是「桥梁」吗？/)
    expect(await say(STAFF, '重大')).toEqual([WORDING.keptForLater('等级', '重大隐患'), ...kind])
    const summary = (await say(STAFF, '是')).join('\n')
    expect(summary).toContain('类别：桥梁')
    expect(summary).toContain('等级：重大隐患')
    await say(STAFF, '取消')
  })

  it('takes 「没发现问题」 as nothing found, so the handling is not asked', async () => {
    await say(STAFF, '巡查')
    for (const answer of ['9点到12点', '城北片区', '3', '1']) await say(STAFF, answer)
    const summary = (await say(STAFF, '没发现问题')).join('\n')
    expect(summary).toContain('发现隐患：无')
    expect(summary).not.toContain('现场是如何处理的')
    await say(STAFF, '取消')
  })

  it('answers a question about patrolling rather than opening a patrol form', async () => {
    // Answered from the scheme (特护期巡查), never a patrol form.
    expect(await say(STAFF, '明天上午要下大雨，需要提前巡查吗')).toEqual([WORDING.staffSupport.special_period])
  })
})

describe('messages typed in Traditional characters', () => {
  it('reads commands, answers and reports typed in 繁體 as their Simplified forms', async () => {
    expect(await say(STAFF, '上報隱患 沅安路288號井蓋缺失')).toEqual([
      expect.stringContaining('是一般隐患还是重大隐患？'),
    ])
    const summary = (await say(STAFF, '一般')).join('\n')
    expect(summary).toContain('隐患描述：沅安路288号井盖缺失')
    expect(summary).toContain('类别：道路及市政设施')
    expect(lastCode(await say(STAFF, '確認'), 'YH')).toMatch(/^YH/)
    await say(STAFF, '巡查')
    await say(STAFF, '早上八點到十點')
    await say(STAFF, '朗州路')
    expect(await say(STAFF, '兩個人')).toEqual(['出动了多少车次？'])
    expect(await say(STAFF, '一輛車')).toEqual(['本次巡查发现了什么隐患？没有请回复「无」。'])
    expect((await say(STAFF, '無')).join('\n')).toContain('出动人次：2')
    expect(await say(STAFF, '取消')).toEqual(['已取消「日巡查工作记录」填报。'])
  })
})

describe('answers that ask for a moment, or say more than where', () => {
  it('keeps the question open for 「等一下我拍个照片」, and takes the place out of a whole sentence given for where', async () => {
    expect(await say(STAFF, '上报隐患')).toEqual(['请描述发现的隐患。'])
    expect(await say(STAFF, '等一下我拍个照片')).toEqual([
      '好的，不着急。照片或定位拍好后直接发送，再接着回答即可。',
      '请描述发现的隐患。',
    ])
    expect(await say(STAFF, '路面塌陷了')).toEqual(['隐患在什么位置？可直接发送位置。'])
    const summary = (await say(STAFF, '在沅安路66号门口，塌了一个大坑')).join('\n')
    expect(summary).toContain('地点：沅安路66号')
    expect(summary).toContain('隐患描述：路面塌陷了；在沅安路66号门口，塌了一个大坑')
    await say(STAFF, '取消')
  })
})

describe('a report that starts with its place or its label', () => {
  it('keeps 「上报隐患 建设路口」 as the place and asks what is wrong; drops the label 「隐患」 from the description', async () => {
    expect(await say(STAFF, '上报隐患 沅安路口')).toEqual(['请描述发现的隐患。'])
    expect((await say(STAFF, '路口的红绿灯杆被撞歪了'))[0]).toContain('是一般隐患还是重大隐患')
    const summary = (await say(STAFF, '一般')).join('\n')
    expect(summary).toContain('隐患描述：路口的红绿灯杆被撞歪了')
    expect(summary).toContain('地点：沅安路口')
    await say(STAFF, '取消')
    await say(STAFF, '隐患 沅安路 路灯不亮')
    expect((await say(STAFF, '一般')).join('\n')).toContain('隐患描述：沅安路 路灯不亮')
    await say(STAFF, '取消')
  })
})

describe('a handler who says it is fixed without the number', () => {
  it('takes the rectification of the one hazard of the unit the words name', async () => {
    await say(STAFF, '上报隐患 沅安路168号门前井盖缺失')
    await say(STAFF, '一般')
    const code = lastCode(await say(STAFF, '确认'), 'YH')
    const summary = (await say(HANDLER, '沅安路168号的井盖已经换好了')).join('\n')
    expect(summary).toContain('【整改反馈】请核对')
    expect(summary).toContain(`隐患编号：${code}`)
    expect(summary).toContain('整改情况：沅安路168号的井盖已经换好了')
    await say(HANDLER, '取消')
    // The patroller of the same unit may report it too; 「刚才那个隐患」 is the one they reported last, and only what
    // was done is the note (both were 「暂未理解」).
    expect((await say(STAFF, '沅安路168号那个井盖已经修好了')).join('\n')).toContain(`隐患编号：${code}`)
    await say(STAFF, '取消')
    const latest = (await say(STAFF, '刚才那个隐患整改好了')).join('\n')
    expect(latest).toContain(`隐患编号：${code}`)
    expect(latest).toContain('整改情况：整改好了')
    await say(STAFF, '取消')
  })

  it('takes a finding handled on the spot as a report, not a rectification of something else', async () => {
    // A patroller's words that name none of the unit's open hazards are what they found and did.
    const found = (await say(STAFF, '发现沅安路200号井盖松动，已固定好')).join('\n')
    expect(found).toMatch(/是一般隐患还是重大隐患|请核对/)
    expect(found).not.toContain('待整改')
    await say(STAFF, '取消')
    const patrol = (await say(STAFF, '今天上午巡查沅安路，2人1车，发现井盖松动已固定')).join('\n')
    expect(patrol).toContain('【日巡查工作记录】请核对')
    expect(patrol).toContain('处理情况：已固定')
    await say(STAFF, '取消')
  })

  it('takes 「把YH… 验收一下」 as the check of that hazard and asks the verdict (it was not understood)', async () => {
    expect((await say(STAFF, '上报隐患 沅安路170号门前井盖缺失，一般隐患')).join('\n')).toContain('请核对')
    const code = lastCode(await say(STAFF, '确认'), 'YH')
    expect((await say(STAFF, `整改 ${code} 已更换井盖`)).join('\n')).toContain('请核对')
    expect((await say(STAFF, '确认')).join('\n')).toContain('等待督查验收')
    expect(await say(SUPERVISOR, `把${code}验收一下`)).toEqual(['验收是否通过？'])
    expect((await say(SUPERVISOR, '通过')).join('\n')).toContain(`隐患编号：${code}`)
    await say(SUPERVISOR, '取消')
    // The verdict in everyday words (each had been refused: 「请回复「通过」或「不通过」」).
    for (const [said, verdict] of [
      ['可以', '验收结果：通过'],
      ['看了照片还行吧', '验收结果：通过'],
      ['整改到位', '验收结果：通过'],
      ['差一点，底座没固定', '验收结果：不通过\n不通过原因：差一点，底座没固定'],
      ['还需要再加固', '验收结果：不通过\n不通过原因：还需要再加固'],
    ]) {
      await say(SUPERVISOR, `验收 ${code}`)
      expect((await say(SUPERVISOR, said)).join('\n')).toContain(verdict)
      await say(SUPERVISOR, '取消')
    }
  })

  it('asks which, listing what waits for the unit, when the words name none of its hazards', async () => {
    const [asked] = await say(HANDLER, '已经处理好了，附照片')
    expect(asked).toMatch(/^请问是哪一处隐患？请回复「整改 编号」。您单位待整改的隐患：\n· YH\d{8}-\d{4} /)
    // Their own list, not the city's, when a handler asks what needs doing.
    expect((await say(HANDLER, '有哪些隐患需要整改'))[0]).not.toMatch(/^截至/)
  })
})

describe('staff messages that are not commands', () => {
  it('notes an acknowledgement, starts a supervisor’s record from what they say, and ranks units on 「哪个单位最差」', async () => {
    expect(await say(DUTY, '收到，已安排人员处理')).toEqual([WORDING.staffAcknowledged])
    // A supervision told in words is that record (not a patrol, though it checked sites): only what is missing is asked.
    expect(await say(SUPERVISOR, '今天去了3个工地督查，发现2个问题')).toEqual(['督查的是哪个单位？'])
    await say(SUPERVISOR, '取消')
    expect(await say(SUPERVISOR, '今天下午去质安处督查了，带队的是王科长，检查了3个工地')).toEqual([
      '督查时间是11月23日下午几点？',
    ])
    expect(await say(SUPERVISOR, '3点')).toEqual(['督查组成员有哪些？'])
    await say(SUPERVISOR, '李明、赵敏')
    await say(SUPERVISOR, '无')
    const summary = (await say(SUPERVISOR, '无')).join('\n')
    expect(summary).toContain('被督查单位：质安处')
    expect(summary).toContain('督查时间：11月23日 15:00')
    expect(summary).toContain('带队领导：王科长')
    expect(summary).toContain('督查事项：检查了3个工地')
    await say(SUPERVISOR, '取消')
    // 「市政公司」 names 市政建设总公司, and the problems listed after their count go in their box (the unit was
    // asked, and the problems put with the matters inspected).
    expect(await say(SUPERVISOR, '今天去市政公司督查了 发现2个问题 一是巡查记录不全 二是隐患整改超期')).toEqual([
      '督查时间是11月23日几点？',
    ])
    for (const answer of ['上午10点', '陈刚', '陈刚、赵敏', '日巡查台账']) await say(SUPERVISOR, answer)
    const listed = (await say(SUPERVISOR, '无')).join('\n')
    expect(listed).toContain('被督查单位：市政建设总公司')
    expect(listed).toContain('督查事项：日巡查台账')
    expect(listed).toContain('存在的主要问题：一是巡查记录不全；二是隐患整改超期')
    await say(SUPERVISOR, '取消')
    // No patrol happened, or it is still to come: nothing to fill in.
    for (const said of ['今天下雨，暂停巡查', '明天上午去人民路巡查', '今天下雨，巡查取消了', '巡查任务推迟到明天'])
      expect(await say(STAFF, said)).toEqual([WORDING.patrolNotYet])
    expect((await say('demo:leader', '这个月哪个单位最差'))[0]).toMatch(/考核得分（截至目前）：\n1\. /)
    expect((await say(STAFF, '有哪些隐患需要整改'))[0]).toMatch(
      /^(?:未整改的隐患 \d+ 项（超期和快到期的在前）：\n· YH|目前没有未整改的隐患)/,
    )
  })
})

describe('what a sentence already says is not asked again', () => {
  it('fills the place, the kind and the grade from a description given in answer to the first question', async () => {
    expect(await say(STAFF, '上报隐患')).toEqual(['请描述发现的隐患。'])
    const summary = (await say(STAFF, '学府路桥伸缩缝断裂，车辆经过颠簸严重，重大隐患')).join('\n')
    expect(summary).toContain('【隐患上报】请核对')
    expect(summary).toContain('地点：学府路桥')
    expect(summary).toContain('类别：桥梁')
    expect(summary).toContain('等级：重大')
    await say(STAFF, '取消')
  })

  it('keeps what was answered before when the description says otherwise', async () => {
    await say(STAFF, '上报隐患')
    await say(STAFF, { kind: 'location', latitude: 29.03, longitude: 111.69, label: '常德市武陵区人民路100号' })
    const summary = (await say(STAFF, '学府路桥伸缩缝断裂，车辆经过颠簸严重，重大隐患')).join('\n')
    // The place sent first stands; the kind and the grade the sentence gives are taken.
    expect(summary).toContain('地点：常德市武陵区人民路100号')
    expect(summary).not.toContain('地点：学府路桥')
    expect(summary).toContain('类别：桥梁')
    await say(STAFF, '取消')
  })

  it('starts a hazard report from an unsafe act said without a command word, and lists the kinds when it asks', async () => {
    const started = (await say(STAFF, '今天下午三点在滨江花园3号楼工地发现塔吊司机无证操作，已责令停工')).join('\n')
    expect(started).not.toContain('暂未理解')
    expect(started).toMatch(/是一般隐患还是重大隐患|请核对/)
    await say(STAFF, '取消')
    await say(STAFF, '上报隐患')
    await say(STAFF, '有个东西看着不太对劲')
    const asked = (await say(STAFF, '滨江花园')).join('\n')
    expect(asked).toContain('属于哪一类？（建筑工地、桥梁、燃气')
    await say(STAFF, '取消')
  })

  it('answers courtesy as courtesy when no form is open', async () => {
    expect(await say(STAFF, '收到，谢谢')).toEqual(['好的。需要时发送「帮助」查看可用命令。'])
    // Voice input ends a command with a full stop.
    expect((await say(STAFF, '帮助。'))[0]).toMatch(/^【巡安】可用命令/)
    expect((await say(STAFF, '我的待办。'))[0]).toMatch(/^【待办事项】|^您暂无待办事项。/)
    for (const hello of ['在吗', '你好！']) expect((await say(STAFF, hello))[0]).toMatch(/^在的，请讲。/)
  })

  it('does not start a form from a question in those words', async () => {
    expect((await say(STAFF, '塔吊司机无证操作怎么处理呢？')).join('\n')).not.toContain('【隐患上报】')
  })
})

describe('a hazard closed in the words people use for it', () => {
  it('takes a code and what was done as a rectification report, and 销号 as the check that closes it', async () => {
    await say(STAFF, '五一路井盖缺失一处，已设围挡')
    await say(STAFF, '一般')
    const code = lastCode(await say(STAFF, '确认'), 'YH')
    const report = (await say(HANDLER, `${code} 已经更换新井盖，恢复路面`)).join('\n')
    expect(report).toContain('【整改反馈】请核对')
    expect(report).toContain('整改情况：已经更换新井盖，恢复路面')
    expect((await say(HANDLER, '确认')).join('\n')).toContain('等待督查验收')
    expect(await say(STAFF, `销号 ${code}`)).toEqual([
      '您无权使用「整改验收」：仅供督查员、管理员使用。发送「帮助」查看您可用的命令。',
    ])
    expect(await say(SUPERVISOR, `销号 ${code}`)).toEqual(['验收是否通过？'])
    await say(SUPERVISOR, '通过')
    expect((await say(SUPERVISOR, '确认')).join('\n')).toContain('验收通过，已销号')
  })
})

describe('「我的待办」 for every role', () => {
  it('shows a supervisor what waits for 交办, a handler their unit’s work with descriptions, a duty officer what is overdue', async () => {
    const ctx = harness.services.ctx
    await say(STAFF, '上报隐患 朗州路与建设路口井盖缺失')
    // A major hazard waits for the supervising office to assign it with its five fixes.
    const reported = await say(STAFF, '重大')
    expect(reported.join('\n')).toContain('请核对')
    const saved = await say(STAFF, '确认')
    const code = /YH\d{8}-\d{4}/.exec(saved.join('\n'))?.[0] as string
    const supervisor = (await say(SUPERVISOR, '我的待办'))[0] as string
    expect(supervisor).toMatch(/【待办事项】共 \d+ 项/)
    expect(supervisor).toContain(`${code} 重大隐患待交办：朗州路与建设路口井盖缺失`)
    // And the inspections the month still requires of the supervising office.
    const all = (await say(SUPERVISOR, '待办 2'))[0] as string
    expect(`${supervisor}\n${all}`).toMatch(/督查 本月督查质安处：已 0 次，应 2 次/)

    const complaint = await receiveComplaint({
      ctx,
      input: {
        channel: 'mp',
        botId: 'default',
        citizenExternalId: 'todo-citizen',
        category: 'road_municipal',
        description: '建设路路灯不亮，电话13912345678',
        locationText: '建设路',
      },
    })
    const handler = (await say(HANDLER, '待办'))[0] as string
    expect(handler).toContain(`${complaint.code} 投诉待签收：建设路路灯不亮，电话139****5678`)
    expect(handler).toContain('期限 11月24日')

    clock.advance(30 * 3_600_000)
    const duty = (await say(DUTY, '我的待办'))[0] as string
    expect(duty).toContain(`${complaint.code} 投诉已超时 6 小时`)
    clock.advance(-30 * 3_600_000)
  })
})

describe('escalations people can read', () => {
  it('sends one card per person per run for 24 overdue complaints, worst first, late in words', async () => {
    const ctx = harness.services.ctx
    const filed = []
    for (let i = 0; i < 24; i++) {
      clock.advance(60_000)
      filed.push(
        await receiveComplaint({
          ctx,
          input: {
            channel: 'mp',
            botId: 'default',
            citizenExternalId: `batch-${i}`,
            category: 'road_municipal',
            description: `第${i + 1}处井盖缺失`,
            locationText: `人民路${i + 1}号`,
          },
        }),
      )
    }
    clock.advance(2 * 86_400_000 + 3 * 3_600_000)
    const { sla, quiet } = await jobSettings(harness.services)
    await runComplaintSla(ctx, sla, quiet)
    const officer = await personId('赵敏')
    const cards = (await database.db.select().from(outbox)).filter(
      (row) =>
        (row.message as { type: string }).type === 'card' &&
        (row.message as { title: string }).title.includes('超时升级') &&
        row.dedupeKey?.startsWith('escalation:'),
    )
    expect(cards).toHaveLength(1)
    const card = cards[0]?.message as { title: string; description: string; buttons: { key: string }[] }
    expect(card.title).toMatch(/【超时升级·值班员】\d+ 件投诉超过1天办理时限/)
    const lines = card.description.split('\n')
    // Worst first: the oldest complaint heads the list; durations in days and hours.
    expect(lines[0]).toMatch(/超时 \d+ 天 \d+ 小时）$/)
    expect(card.description).not.toMatch(/\d{3,} 分钟/)
    expect(card.description).toContain('…另有')
    expect(card.buttons[0]?.key).toBe('escalation.ack:all')
    const escalated = await database.db.select().from(escalations).where(eq(escalations.notifiedPersonId, officer))
    expect(escalated.length).toBeGreaterThanOrEqual(24)
    // One 确认收到 acknowledges them all; they stay on the officer's list until resolved.
    const ack = await say(DUTY, { kind: 'card', key: 'escalation.ack:all' })
    expect(ack[0]).toContain('已确认收到投诉')
    expect((await say(DUTY, '我的待办'))[0]).toContain('升级投诉（已确认收到，待办结）')
    for (const c of filed) await database.db.update(complaints).set({ status: 'closed' }).where(eq(complaints.id, c.id))
  })
})

describe('citizens', () => {
  const CITIZEN = 'demo:citizen'

  it('asks where before giving a ticket, and takes a location pin as the answer', async () => {
    expect(await say(CITIZEN, '我家楼下那个路灯坏了一个礼拜了')).toEqual([
      '请问具体在什么位置？请发送定位（点“+”选择“位置”），或回复路名、小区、门牌号等，我们登记后马上给您编号。',
    ])
    const ticket = await say(CITIZEN, {
      kind: 'location',
      latitude: 29.04,
      longitude: 111.7,
      label: '武陵区丹阳街道XX小区',
    })
    expect(ticket[0]).toMatch(/您的投诉已受理，编号 TS\d{8}-\d{4}/)
    const code = /TS\d{8}-\d{4}/.exec(ticket[0] as string)?.[0] as string
    const [row] = await database.db.select().from(complaints).where(eq(complaints.code, code))
    expect(row).toMatchObject({ locationText: '武陵区丹阳街道XX小区', latitude: 29.04, longitude: 111.7 })
    await say(CITIZEN, '不用')
  })

  it('gives safety advice at once on a gas smell and alerts the duty officer, before asking where', async () => {
    const replies = await say(CITIZEN, '小区门口有燃气味 好大 快来人')
    expect(replies[0]).toContain('⚠️ 安全提示：闻到燃气味请立即离开现场')
    expect(replies[0]).toContain('0736-96777')
    expect(replies[1]).toContain('请问具体在什么位置')
    const urgent = await database.db
      .select()
      .from(outbox)
      .where(sql`${outbox.message}->>'text' like '【紧急·市民报告险情】%'`)
    expect(urgent.length).toBe(1)
    expect(JSON.stringify(urgent[0]?.recipient)).toContain('duty_officer')
    const ticket = await say(CITIZEN, '滨湖小区东门')
    expect(ticket[0]).toMatch(/您的投诉已受理，编号 TS\d{8}-\d{4}（燃气）/)
    // Advice and the alert were given once, not again with the ticket.
    expect(ticket[0]).not.toContain('安全提示')
    await say(CITIZEN, '不用')
  })

  it('tells someone reporting people trapped in a lift what to do, with the ticket, and alerts the duty officer', async () => {
    const before = await database.db
      .select()
      .from(outbox)
      .where(sql`${outbox.message}->>'text' like '【紧急·市民报告险情】%'`)
    const [reply] = await say(CITIZEN, '我们小区的电梯困人了！！！快来人 金色家园3栋')
    expect(reply).toMatch(/^⚠️ 安全提示：有人被困请立即拨打 119/)
    expect(reply).toMatch(/您的投诉已受理，编号 TS\d{8}-\d{4}/)
    const after = await database.db
      .select()
      .from(outbox)
      .where(sql`${outbox.message}->>'text' like '【紧急·市民报告险情】%'`)
    expect(after.length).toBe(before.length + 1)
    await say(CITIZEN, '不用')
  })

  it('alerts the duty officer when the danger is said only in answer to where, and keeps every word', async () => {
    const urgentCount = async () =>
      (await database.db.select().from(outbox).where(sql`${outbox.message}->>'text' like '【紧急·市民报告险情】%'`))
        .length
    const before = await urgentCount()
    expect(await say(CITIZEN, '我们小区的电梯')).toEqual([WORDING.askPlace])
    // The danger instead of the place: the advice and the alert at once, the place still asked.
    const [advice, still] = await say(CITIZEN, '有人被困在里面了')
    expect(advice).toMatch(/^⚠️ 安全提示：有人被困请立即拨打 119/)
    expect(still).toBe(WORDING.placeStillNeeded)
    expect(await urgentCount()).toBe(before + 1)
    const ticket = await say(CITIZEN, '阳光小区2栋')
    expect(ticket[0]).not.toContain('安全提示')
    const code = /TS\d{8}-\d{4}/.exec(ticket[0] as string)?.[0] as string
    const [filed] = await database.db.select().from(complaints).where(eq(complaints.code, code))
    expect(filed).toMatchObject({ locationText: '阳光小区2栋', description: '我们小区的电梯；有人被困在里面了' })
    await say(CITIZEN, '不用')

    // The danger with the place: the advice with the ticket, and the place without the danger's words.
    await say(CITIZEN, '小区的燃气管道')
    const [both] = await say(CITIZEN, '幸福小区3栋 闻到很大的煤气味')
    expect(both).toMatch(/^⚠️ 安全提示：闻到燃气味/)
    expect(both).toMatch(/您的投诉已受理，编号 TS\d{8}-\d{4}（燃气）/)
    expect(await urgentCount()).toBe(before + 2)
    const gas = /TS\d{8}-\d{4}/.exec(both as string)?.[0] as string
    const [gasRow] = await database.db.select().from(complaints).where(eq(complaints.code, gas))
    expect(gasRow?.locationText).toBe('幸福小区3栋')
    await say(CITIZEN, '不用')

    // A lift that keeps trapping people, said to where, is more of the problem, not a place.
    await say(CITIZEN, '我们小区的电梯')
    expect(await say(CITIZEN, '困了好几次人了')).toEqual([WORDING.placeStillNeeded])
    expect(await urgentCount()).toBe(before + 2)
    await say(CITIZEN, '取消')

    // Danger just after a ticket, with no place: that ticket's place offered to confirm; 「着火了」 is never too short.
    const [smoke, guess] = await say(CITIZEN, '现在楼道里冒烟了')
    expect(smoke).toMatch(/^⚠️ 安全提示：请立即撤离/)
    expect(guess).toBe(WORDING.askPlaceGuess('幸福小区3栋'))
    expect((await say(CITIZEN, '是'))[0]).toMatch(/^您的投诉已受理/)
    await say(CITIZEN, '不用')
    const [fire] = await say(CITIZEN, '着火了')
    expect(fire).toMatch(/^⚠️ 安全提示：请立即撤离/)
    expect(await urgentCount()).toBe(before + 4)
    await say(CITIZEN, '取消')
  })

  it('keeps a pending duplicate question when the citizen sends a phone number instead', async () => {
    const first = await say(CITIZEN, '沅安路桥护栏断了一截')
    expect(first[0]).toMatch(/编号 TS\d{8}-\d{4}（桥梁）/)
    await say(CITIZEN, '不用')
    const asked = await say(CITIZEN, '沅安路桥护栏又松了一段')
    expect(asked[0]).toContain('可能与已受理的投诉')
    const phone = await say(CITIZEN, '13912345678')
    expect(phone[0]).toMatch(/^已记下您的联系电话。请先回复「是」或「否」/)
    const filed = await say(CITIZEN, '否')
    const code = /TS\d{8}-\d{4}/.exec(filed[0] as string)?.[0] as string
    const [row] = await database.db.select().from(complaints).where(eq(complaints.code, code))
    expect(row?.citizenPhone).toBe('13912345678')
  })

  it('takes a mobile number typed in groups at the contact question, as its eleven digits', async () => {
    const filed = await say(CITIZEN, '紫菱路人行道上的井盖翘起来了')
    const code = /TS\d{8}-\d{4}/.exec(filed[0] as string)?.[0] as string
    expect(filed[0]).toContain('如需工作人员电话联系您')
    const saved = await say(CITIZEN, '139-0736-2468')
    expect(saved[0]).toBe('已登记您的联系电话，工作人员可能会与您联系核实情况。')
    const [row] = await database.db.select().from(complaints).where(eq(complaints.code, code))
    expect(row?.citizenPhone).toBe('13907362468')
  })

  it('does not suggest the category the complaint already has', async () => {
    const ticket = await say(CITIZEN, '建设路与朗州路口燃气管道有异味')
    expect(ticket[0]).toContain('（燃气）')
    expect(ticket[0]).toContain('可回复「类别 道路」等更正')
    await say(CITIZEN, '不用')
  })

  it('does not take a link for the place, and files the ticket once a place is named', async () => {
    expect(await say(CITIZEN, '门口那个路灯一直不亮')).toEqual([
      '请问具体在什么位置？请发送定位（点“+”选择“位置”），或回复路名、小区、门牌号等，我们登记后马上给您编号。',
    ])
    expect(await say(CITIZEN, 'https://example.com/photo.jpg')).toEqual([
      '从链接看不出具体位置。请发送定位（点“+”选择“位置”），或回复路名、小区、门牌号等。',
    ])
    const ticket = await say(CITIZEN, '朗州路与建设路口东南角')
    expect(ticket[0]).toMatch(/您的投诉已受理，编号 TS\d{8}-\d{4}/)
    await say(CITIZEN, '不用')
  })

  it('files a hole at the gate of an estate as a road problem, and answers thanks as thanks', async () => {
    await say(CITIZEN, '小区门口这个坑好久了')
    const ticket = await say(CITIZEN, '建设路与人民路交叉口东北角')
    expect(ticket[0]).toMatch(/编号 TS\d{8}-\d{4}（道路及市政设施）/)
    await say(CITIZEN, '不用')
    // (「麻烦你们了」 had been taken for a report and asked where.)
    for (const thanks of ['谢谢', '好的，谢谢你们！', '辛苦了', '麻烦你们了', '辛苦你们了'])
      expect(await say(CITIZEN, thanks)).toEqual([
        '不客气。有新的问题，直接发一句话说明问题和地点即可；发送「查询」可查看处理进度。',
      ])
    for (const hello of ['你好', '在吗？', '您好，有人在吗'])
      expect(await say(CITIZEN, hello)).toEqual([
        '您好！请直接用一句话描述您要反映的问题和地点，例如：“XX路与XX路口有井盖缺失”，可附照片和位置。',
      ])
    // A thing alone is kept while where and what is wrong are asked (it was too short to file).
    expect(await say(CITIZEN, '电梯')).toEqual([WORDING.citizenThingAskWhat('电梯')])
    await say(CITIZEN, '取消')
  })
})

describe('wording by channel', () => {
  it('tells an unknown DingTalk account about its DingTalk account, and lets automatic events pass in silence', async () => {
    const base = {
      channel: 'dingtalk' as const,
      botId: 'default',
      sender: { externalId: 'stranger-dt' },
      chat: { type: 'private' as const, id: 'stranger-dt' },
      at: clock.now(),
    }
    const spoken = await recordInbound(database.db, { ...base, messageId: 'dt-stranger-1', kind: 'text', text: '你好' })
    const entered = await recordInbound(database.db, {
      ...base,
      messageId: 'dt-stranger-2',
      kind: 'event',
      event: { name: 'enter_agent' },
    })
    await harness.services.inbound.process(spoken.id)
    await harness.services.inbound.process(entered.id)
    const replies = async (id: number) =>
      (
        await database.db
          .select()
          .from(outbox)
          .where(sql`${outbox.dedupeKey} like ${`in:${id}:%`}`)
      ).map((row) => (row.message as { text?: string }).text)
    expect(await replies(spoken.id)).toEqual([
      '您好！系统中暂未找到您的账号信息，请联系管理员开通权限。您的钉钉账号已记录，管理员绑定后即可使用。',
    ])
    expect(await replies(entered.id)).toEqual([])
  })
})

describe('a failure after the response still reaches the person', () => {
  it('answers with an apology when saving fails every time, shows it to administrators, and retries on request', async () => {
    const restore = await failInsertsInto(database.db, 'supervisions')
    await say(SUPERVISOR, '督查')
    for (const answer of ['质安处', '今天下午3点', '陈刚', '王五、赵六', '工地围挡', '围挡破损', '三日内修复']) {
      const replies = await say(SUPERVISOR, answer)
      if (replies.join('').includes('请核对')) break
    }
    const failed = await say(SUPERVISOR, '确认')
    expect(failed).toEqual(['抱歉，系统处理您的消息时出错，请稍后再试。如多次出现，请联系管理员。'])
    const [row] = await database.db.select().from(inboundMessages).where(sql`${inboundMessages.failedAt} is not null`)
    expect(row?.lastError).toContain('injected failure')
    const page = await harness.app.request('/console/admin/failures')
    expect(await page.text()).toContain('injected failure')

    await restore()
    const retried = await postForm(harness.app, '/console/admin/failures/retry', { id: String(row?.id) })
    expect(retried.status).toBe(303)
    const replies = await database.db
      .select()
      .from(outbox)
      .where(sql`${outbox.dedupeKey} like ${`in:${row?.id}:%`}`)
    expect(replies.map((r) => (r.message as { text?: string }).text ?? '').join('\n')).toMatch(/督查记录已保存/)
  })
})

describe('answers in the words people use', () => {
  const CITIZEN = 'demo:citizen'

  it('saves a summary on 「好的」 and gives a draft up on 「算了，不报了」', async () => {
    await say(STAFF, '下午两点到五点 滨江路沿线 3人 无车 一切正常')
    const saved = await say(STAFF, '好的')
    expect(saved[0]).toMatch(/^巡查记录已保存，编号 XC\d{8}-\d{4}/)
    // 「好了」「就这样」「提交吧」 say the same.
    for (const [day, done] of [
      [18, '好了'],
      [19, '就这样'],
      [20, '提交吧'],
    ] as const) {
      const summary = await say(STAFF, `11月${day}日上午7点到8点 滨江路沿线 2人 无车 一切正常`)
      expect(summary.join('\n')).toContain('请核对')
      expect((await say(STAFF, done))[0]).toMatch(/^巡查记录已保存，编号 XC\d{8}-\d{4}/)
    }
    await say(STAFF, '上午巡查人民路，井盖缺失1处')
    expect(await say(STAFF, '算了，不报了')).toEqual(['已取消「日巡查工作记录」填报。'])
  })

  it('explains the open question when asked back, instead of taking the question for the answer', async () => {
    await say(STAFF, '上报隐患 沅安路100号井盖缺失')
    expect(await say(STAFF, '这个算重大吗')).toEqual([
      '请对照上面列出的重大隐患情形：符合任一情形请回复「重大」，都不符合请回复「一般」。拿不准可先报「重大」，督查员复核时可调整。',
    ])
    expect((await say(STAFF, '一般')).join('\n')).toContain('等级：一般隐患')
    await say(STAFF, '取消')
    await say(STAFF, '巡查')
    expect(await say(STAFF, '？')).toEqual(['请问巡查是几点开始的？（例如：今天上午9点、9:30）'])
    await say(STAFF, '取消')
    expect((await say(STAFF, '？'))[0]).toMatch(/^【巡安】可用命令/)
  })

  it('takes a yes said in several words at the summary, and no vehicle said in a sentence', async () => {
    await say(STAFF, '11月17日上午9点到11点跟老王一起巡查人民路，没发现问题')
    const asked = await say(STAFF, '没开车 走路去的')
    expect(asked.join('\n')).toContain('出动车次：0')
    expect((await say(STAFF, '是的没问题'))[0]).toMatch(/^巡查记录已保存，编号 XC\d{8}-\d{4}/)
    await say(STAFF, '11月16日10:00-12:00 巡查武陵大道 正常')
    await say(STAFF, '就我一个')
    expect((await say(STAFF, '骑的电瓶车')).join('\n')).toContain('出动车次：0')
    expect((await say(STAFF, '对，提交吧'))[0]).toMatch(/^巡查记录已保存/)
  })

  it('explains the grade to 「不确定」 and reads a denied grade as the other one', async () => {
    await say(STAFF, '柳叶湖大桥伸缩缝破损，车过去咚咚响')
    expect(await say(STAFF, '不确定')).toEqual([WORDING.levelHelp])
    expect((await say(STAFF, '应该不算重大吧')).join('\n')).toContain('等级：一般隐患')
    expect((await say(STAFF, '不是一般的，很严重')).join('\n')).toContain('等级：重大隐患')
    await say(STAFF, '取消')
  })

  it('keeps 「今天下午」 for the hour asked next, so 「3点到5点」 is the afternoon', async () => {
    await say(STAFF, '巡查')
    expect((await say(STAFF, '今天下午'))[0]).toMatch(/^\d{1,2}月\d{1,2}日下午几点开始的？$/)
    expect(await say(STAFF, '3点到5点')).toEqual(['巡查了哪个路段或项目？'])
    for (const answer of ['人民路', '2人', '1车']) await say(STAFF, answer)
    const summary = (await say(STAFF, '无')).join('\n')
    expect(summary).toMatch(/开始时间：\d{1,2}月\d{1,2}日 15:00/)
    expect(summary).toMatch(/结束时间：\d{1,2}月\d{1,2}日 17:00/)
    await say(STAFF, '取消')
  })

  it('keeps a detail, a pause and 「好了」 from losing the kind offered, and the detail joins the description', async () => {
    await say(STAFF, '上报隐患')
    const offered = await say(STAFF, '建设路有个坑')
    expect(offered[0]).toMatch(/^类别是「道路及市政设施」吗？/)
    expect(await say(STAFF, '大概有半米深')).toEqual(['已补充到隐患描述。', offered[0]])
    expect((await say(STAFF, '等一下我先拍个照'))[1]).toBe(offered[0])
    expect(await say(STAFF, '好了')).toEqual(offered)
    expect((await say(STAFF, '是'))[0]).toMatch(/^是一般隐患还是重大隐患？/)
    expect((await say(STAFF, '一般')).join('\n')).toContain('隐患描述：建设路有个坑；大概有半米深')
    await say(STAFF, '取消')
  })

  it('counts 「我和老王」 as two people and 「没开车」 as no vehicle', async () => {
    await say(STAFF, '巡查')
    for (const answer of ['上午九点', '十一点半', '人民路']) await say(STAFF, answer)
    expect(await say(STAFF, '我和老王')).toEqual(['出动了多少车次？'])
    expect(await say(STAFF, '没开车')).toEqual(['本次巡查发现了什么隐患？没有请回复「无」。'])
    const summary = (await say(STAFF, '无')).join('\n')
    expect(summary).toContain('出动人次：2')
    expect(summary).toContain('出动车次：0')
    // Who went is named too: the reporter and 老王.
    expect(summary).toContain('巡查人员：张伟、老王')
    await say(STAFF, '取消')
  })

  it('grades a finding said 「重大」 to how it was handled, and one of several by its number', async () => {
    await say(STAFF, '巡查')
    for (const answer of ['8点到9点半', '朗州路', '2', '0']) await say(STAFF, answer)
    expect(await say(STAFF, '有')).toEqual([WORDING.describeFinding])
    expect(await say(STAFF, '朗州路口井盖破损')).toEqual(['现场是如何处理的？'])
    expect(await say(STAFF, '重大')).toEqual([WORDING.findingGraded('重大'), '现场是如何处理的？'])
    const one = (await say(STAFF, '设置了围挡')).join('\n')
    expect(one).toContain('1. 朗州路口井盖破损（道路及市政设施，重大）')
    expect(one).toContain('处理情况：设置了围挡')
    await say(STAFF, '取消')

    await say(STAFF, '巡查')
    for (const answer of ['8点到9点半', '朗州路', '2', '0', '朗州路口井盖破损、护栏断裂']) await say(STAFF, answer)
    expect(await say(STAFF, '重大')).toEqual([WORDING.gradeWhichFinding, '现场是如何处理的？'])
    await say(STAFF, '设置了围挡')
    const [graded, ...rest] = await say(STAFF, '第2条是重大隐患')
    expect(graded).toBe(WORDING.findingNumberGraded(2, '重大'))
    const two = rest.join('\n')
    expect(two).toContain('1. 朗州路口井盖破损（道路及市政设施，一般）')
    expect(two).toContain('2. 护栏断裂（道路及市政设施，重大）')
    expect(await say(STAFF, '重大隐患 3')).toEqual(['没有第 3 条隐患。当前共 2 条。'])
    await say(STAFF, '取消')
  })

  it('answers a question at the summary without changing the draft', async () => {
    const summary = await say(STAFF, '下午两点到五点 滨江路沿线 3人 无车 一切正常')
    const start = /开始时间：.*/.exec(summary[0] as string)?.[0] as string
    expect(start).toMatch(/14:00$/)
    const asked = await say(STAFF, '我今天报了几条')
    expect(asked[0]).toBe(
      '您填写的「日巡查工作记录」还没有保存。请先回复「确认」保存或「取消」放弃，再办理其他事项；发送「我的待办」可查看待办。',
    )
    expect(asked[1]).toContain(start)
    await say(STAFF, '取消')
  })

  it('asks a citizen who says 「是的」 to being called for the number, and answers progress asked in words', async () => {
    const ticket = await say(CITIZEN, '楼上邻居阳台违建，用的彩钢板，大风天一直响，金色家园6-2-301')
    const code = /TS\d{8}-\d{4}/.exec(ticket[0] as string)?.[0] as string
    expect(await say(CITIZEN, '是的')).toEqual(['好的，请回复您的手机号码，工作人员会与您联系。'])
    expect(await say(CITIZEN, '13912345678')).toEqual(['已登记您的联系电话，工作人员可能会与您联系核实情况。'])
    const [row] = await database.db.select().from(complaints).where(eq(complaints.code, code))
    expect(row).toMatchObject({ citizenPhone: '13912345678', locationText: '金色家园6-2-301' })
    for (const question of ['我的投诉处理得怎么样了', '有结果了吗？', '什么时候能修好', '大概多久能修好', '啥时候来修'])
      expect((await say(CITIZEN, question)).join('\n')).toContain(`投诉 ${code}：`)
    const count = await database.db.select().from(complaints).where(eq(complaints.citizenExternalId, CITIZEN))
    expect(count.map((c) => c.code)).toContain(code)
    expect(count.filter((c) => c.description.includes('怎么样'))).toEqual([])
  })
})

describe('answers that say something else than what was asked', () => {
  it('keeps a place given for the description as the place and asks what was found again', async () => {
    await say(STAFF, '上报隐患')
    expect(await say(STAFF, '在人民路和建设路交叉口')).toEqual([
      '已记下地点：人民路和建设路交叉口。',
      '请描述发现的隐患。',
    ])
    await say(STAFF, '井盖没了')
    const summary = (await say(STAFF, '一般'))[0] as string
    expect(summary).toContain('隐患描述：井盖没了')
    expect(summary).toContain('地点：人民路和建设路交叉口')
    await say(STAFF, '取消')
  })

  it('keeps what is wrong when it is said in answer to the kind', async () => {
    await say(STAFF, '上报隐患')
    const asked = await say(STAFF, '朗州路菜市场门口那个东西')
    expect(asked.join('\n')).toContain('属于哪一类')
    await say(STAFF, '井盖没了，很危险')
    const summary = (await say(STAFF, '一般')).join('\n')
    expect(summary).toContain('类别：道路及市政设施')
    expect(summary).toMatch(/隐患描述：.*井盖没了/)
    await say(STAFF, '取消')
  })

  it('does not change the kind shown for a word said in passing, and keeps the words', async () => {
    await say(STAFF, '上报隐患 解放路88号院内配电房门坏了')
    await say(STAFF, '其他')
    await say(STAFF, '一般')
    const summary = (await say(STAFF, '已通知物业')).join('\n')
    expect(summary).toContain('类别：其他')
    expect(summary).toContain('隐患描述：解放路88号院内配电房门坏了；已通知物业')
    await say(STAFF, '取消')
  })

  it('takes 「9点到11点半」 in answer to when a patrol ended as both ends', async () => {
    await say(STAFF, '今天巡查了')
    await say(STAFF, '9点到11点半')
    await say(STAFF, '建设路')
    await say(STAFF, '2')
    await say(STAFF, '1')
    const summary = (await say(STAFF, '没有')).join('\n')
    expect(summary).toMatch(/开始时间：.*09:00/)
    expect(summary).toMatch(/结束时间：.*11:30/)
    await say(STAFF, '取消')
  })

  it('keeps a pin sent before the words, for the report those words start', async () => {
    const held = await say(STAFF, { kind: 'location', latitude: 29.03, longitude: 111.69, label: '朗州路' })
    expect(held[0]).toMatch(/^已收到位置：朗州路。接着发一句话说明情况/)
    const started = await say(STAFF, '井盖缺失')
    expect(started[0]).toBe('已附上您刚才发送的照片或位置。')
    const summary = (await say(STAFF, '一般')).join('\n')
    expect(summary).toContain('地点：朗州路')
    expect(summary).toContain('定位：29.03, 111.69')
    await say(STAFF, '取消')
  })

  it('does not let a pin held from before move a place the words name', async () => {
    await say(STAFF, { kind: 'location', latitude: 29.05, longitude: 111.69, label: '柳叶湖大道' })
    await say(STAFF, '朗州路井盖缺失')
    const summary = (await say(STAFF, '一般')).join('\n')
    expect(summary).toContain('地点：朗州路')
    expect(summary).not.toContain('定位：29.05')
    await say(STAFF, '取消')
  })

  it('does not hold a pin past ten minutes, nor after 「取消」', async () => {
    await say(STAFF, { kind: 'location', latitude: 29.03, longitude: 111.69, label: '朗州路' })
    expect(await say(STAFF, '取消')).toEqual(['当前没有进行中的填报。'])
    expect((await say(STAFF, '井盖缺失')).join('\n')).not.toContain('已附上')
    await say(STAFF, '取消')
    await say(STAFF, { kind: 'location', latitude: 29.03, longitude: 111.69, label: '朗州路' })
    clock.advance(11 * 60_000)
    const started = await say(STAFF, '井盖缺失')
    expect(started.join('\n')).not.toContain('已附上')
    await say(STAFF, '取消')
  })

  it('keeps a grade said before where, and asks where again', async () => {
    await say(STAFF, '上报隐患')
    const asked = await say(STAFF, '路灯杆倾斜快倒了')
    expect(asked.join('\n')).toContain('隐患在什么位置')
    expect((await say(STAFF, '重大')).join('\n')).toContain('隐患在什么位置')
    const summary = (await say(STAFF, '朗州路与建设路口')).join('\n')
    expect(summary).toContain('等级：重大隐患')
    expect(summary).toContain('地点：朗州路与建设路口')
    await say(STAFF, '取消')
  })

  it('offers to start a new report sent in answer to a question, instead of saying it was not understood', async () => {
    await say(STAFF, '上报隐患 朗州路井盖缺失')
    const asked = await say(STAFF, '上午巡查人民路，井盖缺失1处，2人1车，9点到11点')
    expect(asked[0]).toContain('您有未完成的「隐患上报」填报')
    expect(asked[0]).toContain('放弃并开始新的')
    const started = (await say(STAFF, '放弃并开始新的')).join('\n')
    expect(started).toMatch(/现场是如何处理的|请核对/)
    await say(STAFF, '取消')
  })
})

describe('citizens who say more, or take it back', () => {
  const CITIZEN = 'demo:citizen'

  it('takes a whole complaint in answer to where: the place it names, and every word of both messages', async () => {
    expect((await say(CITIZEN, 'hello, the manhole cover near my home is missing'))[0]).toContain('请问具体在什么位置')
    const ticket = await say(CITIZEN, '人民路88号门口井盖没了，晚上很危险')
    expect(ticket[0]).toMatch(/编号 TS\d{8}-\d{4}（道路及市政设施）/)
    const code = /TS\d{8}-\d{4}/.exec(ticket[0] as string)?.[0] as string
    const [row] = await database.db.select().from(complaints).where(eq(complaints.code, code))
    expect(row?.locationText).toBe('人民路88号')
    expect(row?.description).toContain('manhole cover')
    expect(row?.description).toContain('人民路88号门口井盖没了')
    await say(CITIZEN, '不用')
  })

  it('forwards 「已经修好了」 and a wish to withdraw to the latest open complaint, and files neither', async () => {
    const ticket = await say(CITIZEN, '朗州北路66号门口路灯杆歪了')
    const code = /TS\d{8}-\d{4}/.exec(ticket[0] as string)?.[0] as string
    await say(CITIZEN, '不用')
    const before = await database.db.select().from(complaints)
    expect(await say(CITIZEN, '已经修好了，谢谢')).toEqual([
      `已将您的意见转告投诉 ${code} 的处理人员，工作人员核实后会在这里答复您。`,
    ])
    // A withdrawal is asked for, not done: the handlers withdraw it once they have checked.
    expect(await say(CITIZEN, '我要撤回刚才的投诉')).toEqual([
      `已收到您撤回投诉 ${code} 的申请，并转告处理人员，核实后会在这里告知您结果。`,
    ])
    expect(await database.db.select().from(complaints)).toHaveLength(before.length)
    expect(await notesOf(code)).toEqual(
      expect.arrayContaining(['市民反馈：已经修好了，谢谢', '市民申请撤回：我要撤回刚才的投诉']),
    )
  })

  it('takes impatience with an earlier complaint as a reminder for its handlers, and files nothing new', async () => {
    const ticket = await say(CITIZEN, '朗州北路70号门口人行道砖松动了')
    const code = /TS\d{8}-\d{4}/.exec(ticket[0] as string)?.[0] as string
    await say(CITIZEN, '不用')
    const before = await database.db.select().from(complaints)
    for (const words of ['你们处理的太慢了，上次投诉的到现在都没人管', '效率也太慢了吧'])
      expect((await say(CITIZEN, words))[0]).toMatch(new RegExp(`^已为您催办投诉 ${code}（目前[^）]+）`))
    expect(await database.db.select().from(complaints)).toHaveLength(before.length)
    expect(await notesOf(code)).toEqual(
      expect.arrayContaining(['市民催办：你们处理的太慢了，上次投诉的到现在都没人管', '市民催办：效率也太慢了吧']),
    )
  })

  it('answers how to report instead of asking where, and takes 「撒一路」 for no place', async () => {
    const before = await database.db.select().from(complaints)
    expect((await say(CITIZEN, '请问怎么投诉物业不作为'))[0]).toMatch(/^反映问题请直接发一句话说明问题和地点/)
    expect(await database.db.select().from(complaints)).toHaveLength(before.length)
    const [asked] = await say(CITIZEN, '我要举报，隔壁工地没有围挡，渣土车天天撒一路')
    expect(asked).not.toContain('撒一路')
    expect(asked).toMatch(/请确认位置|在什么位置/)
    await say(CITIZEN, '取消')
  })

  it('says what the bureau handles to 「管不管」, and promises confidentiality to a citizen who asks for it', async () => {
    const before = await database.db.select().from(complaints)
    expect(await say(CITIZEN, '请问你们管不管物业的事')).toEqual([WORDING.citizenScope])
    expect(await database.db.select().from(complaints)).toHaveLength(before.length)
    // 「随时会塌」 is a collapse about to happen (as 快塌 is): the advice comes first, then the ticket.
    const ticket = (await say(CITIZEN, '不要透露我的名字，人民路88号那个烂尾楼随时会塌')).join('\n')
    expect(ticket).toMatch(/^⚠️ 安全提示/)
    expect(ticket).toMatch(/您的投诉已受理，编号 TS\d{8}-\d{4}/)
    expect(ticket).toContain(WORDING.confidentialNote.trim())
    await say(CITIZEN, '不用')
  })

  it('offers the last ticket’s place for 「旁边的…也」, and asks which estate 「我们小区」 is', async () => {
    const ticket = await say(CITIZEN, '人民路188号门口井盖没了')
    expect(ticket[0]).toMatch(/^您的投诉已受理/)
    await say(CITIZEN, '不用')
    expect((await say(CITIZEN, '还有，旁边的路灯也不亮'))[0]).toMatch(/^请确认位置：是在「人民路188号附近」吗？/)
    const second = await say(CITIZEN, '是')
    const code = lastCode(second, 'TS')
    const [row] = await database.db.select().from(complaints).where(eq(complaints.code, code))
    expect(row?.locationText).toBe('人民路188号附近')
    await say(CITIZEN, '不用')
    expect((await say(CITIZEN, '就是我们小区那个电梯老是坏'))[0]).toMatch(/^请问具体在什么位置？/)
    await say(CITIZEN, '取消')
  })

  it('files 「已经修好了，但是又坏了」 with a place as a complaint again', async () => {
    const ticket = await say(CITIZEN, '已经修好了，但是又坏了，朗州北路66号门口路灯杆')
    expect(ticket[0]).toMatch(/编号 TS\d{8}-\d{4}|可能与已受理的投诉/)
    await say(CITIZEN, '否')
    await say(CITIZEN, '不用')
  })

  it('drops a complaint still waiting for its place when the citizen says it is fixed', async () => {
    expect((await say(CITIZEN, '门口路灯不亮'))[0]).toContain('请问具体在什么位置')
    const before = await database.db.select().from(complaints)
    expect(await say(CITIZEN, '不用了，已经修好了')).toEqual([
      '好的，刚才的问题不再登记。有新的问题，直接发一句话说明问题和地点即可。',
    ])
    expect(await database.db.select().from(complaints)).toHaveLength(before.length)
  })
})

describe('answers to 「在什么位置」 that are not a place', () => {
  const CITIZEN = 'demo:citizen'
  const WHERE = '请问具体在什么位置'

  it('adds more of the problem to the description and asks where again; a question back is answered', async () => {
    expect((await say(CITIZEN, '工地晚上十二点还在施工，吵死了'))[0]).toContain(WHERE)
    const before = await database.db.select().from(complaints)
    const more = await say(CITIZEN, '工地噪音扰民')
    expect(more[0]).toContain('已补充到问题描述')
    expect(more[0]).toContain('具体位置')
    expect((await say(CITIZEN, '为什么要地址？'))[0]).toContain('才能派负责的单位到现场处理')
    expect(await database.db.select().from(complaints)).toHaveLength(before.length)
    const ticket = await say(CITIZEN, '龙阳大道18号工地')
    const code = /TS\d{8}-\d{4}/.exec(ticket[0] as string)?.[0] as string
    const [row] = await database.db.select().from(complaints).where(eq(complaints.code, code))
    expect(row?.locationText).toBe('龙阳大道18号工地')
    expect(row?.description).toBe('工地晚上十二点还在施工，吵死了；工地噪音扰民')
    await say(CITIZEN, '不用')
  })

  it('asks once more for the rough area after 「不知道」, then files it with the place to be checked', async () => {
    expect((await say(CITIZEN, '楼道里的灯坏了好几天了'))[0]).toContain(WHERE)
    expect((await say(CITIZEN, '我也不清楚具体地址'))[0]).toContain('说个大概就行')
    const ticket = await say(CITIZEN, '不知道')
    expect(ticket[0]).toMatch(/编号 TS\d{8}-\d{4}/)
    expect(ticket[0]).toContain('地点还需核实，请回复您的手机号')
    const code = /TS\d{8}-\d{4}/.exec(ticket[0] as string)?.[0] as string
    const [row] = await database.db.select().from(complaints).where(eq(complaints.code, code))
    expect(row?.locationText).toBeNull()
    expect(await say(CITIZEN, '13912345678')).toEqual(['已登记您的联系电话，工作人员可能会与您联系核实情况。'])
  })

  it('drops the complaint on 「取消」 or 「算了」 instead of taking it for a place', async () => {
    for (const words of ['取消', '算了']) {
      expect((await say(CITIZEN, '有人在楼顶加盖房子'))[0]).toContain(WHERE)
      const before = await database.db.select().from(complaints)
      expect(await say(CITIZEN, words)).toEqual([
        '好的，刚才的问题不再登记。有新的问题，直接发一句话说明问题和地点即可。',
      ])
      expect(await database.db.select().from(complaints)).toHaveLength(before.length)
    }
  })
})

describe('citizens’ messages that are not a new complaint', () => {
  const CITIZEN = 'demo:citizen'

  it('asks where when the place is a name left out (「XX小区」), and answers a question that names no problem', async () => {
    const before = await database.db.select().from(complaints)
    // Tiles falling now are danger: the advice first, then where.
    const fell = await say(CITIZEN, '我是XX小区的业主，我们楼外墙瓷砖掉下来了差点砸到人')
    expect(fell[0]).toMatch(/^⚠️ 安全提示/)
    expect(fell.join('\n')).toContain('请问具体在什么位置')
    expect(await say(CITIZEN, '取消')).toEqual([
      '好的，刚才的问题不再登记。有新的问题，直接发一句话说明问题和地点即可。',
    ])
    expect(await say(CITIZEN, '你们的电话是多少')).toEqual([WORDING.citizenOurPhone(undefined)])
    expect((await say(CITIZEN, '[位置]'))[0]).toMatch(/^请用一句话描述/)
    expect(await database.db.select().from(complaints)).toHaveLength(before.length)
  })

  it('keeps the call-back question open across a place said more exactly, without its pointing word', async () => {
    const ticket = await say(CITIZEN, '建设路那个工地晚上12点还在施工')
    const code = /TS\d{8}-\d{4}/.exec(ticket[0] as string)?.[0] as string
    expect(await say(CITIZEN, '就在建设路和紫菱路交叉口那里')).toEqual([
      `已将地点「建设路和紫菱路交叉口」补充到投诉 ${code}。`,
    ])
    expect(await say(CITIZEN, '不用')).toEqual([WORDING.contactDeclined])
  })

  it('takes a ticket number anywhere in the message as asking after it, and a place alone as where it is', async () => {
    const ticket = await say(CITIZEN, '朗州北路上有个大坑，电动车差点摔了')
    const code = /TS\d{8}-\d{4}/.exec(ticket[0] as string)?.[0] as string
    await say(CITIZEN, '不用')
    // While it is open, with the time it will be answered by (the ticket's own promise).
    const due = /将于 (\S+ \d{2}:\d{2}) 前处理并答复/.exec(ticket[0] as string)?.[1]
    expect(await say(CITIZEN, `投诉编号${code}现在什么情况`)).toEqual([
      `投诉 ${code}：已派单，将于 ${due} 前处理并答复`,
    ])
    const before = await database.db.select().from(complaints)
    expect(await say(CITIZEN, '朗州北路88号门口')).toEqual([`已将地点「朗州北路88号门口」补充到投诉 ${code}。`])
    expect(await database.db.select().from(complaints)).toHaveLength(before.length)
    const [row] = await database.db.select().from(complaints).where(eq(complaints.code, code))
    expect(row?.locationText).toBe('朗州北路88号门口')
    expect(await notesOf(code)).toContain('市民补充地点：朗州北路88号门口')
  })

  it('takes another place alone after a ticket as where the next problem is, even a short one', async () => {
    const ticket = await say(CITIZEN, '德山开发区莲池小区5栋楼道灯坏了')
    const code = /TS\d{8}-\d{4}/.exec(ticket[0] as string)?.[0] as string
    await say(CITIZEN, '不用')
    expect(await say(CITIZEN, '人民路')).toEqual(['已记下地点「人民路」。请再说一下这里有什么问题，我们为您登记。'])
    const next = await say(CITIZEN, '路灯不亮')
    const nextCode = /TS\d{8}-\d{4}/.exec(next.join('\n'))?.[0] as string
    expect(nextCode).not.toBe(code)
    const [first] = await database.db.select().from(complaints).where(eq(complaints.code, code))
    const [second] = await database.db.select().from(complaints).where(eq(complaints.code, nextCode))
    expect(first?.locationText).toBe('德山开发区莲池小区5栋')
    expect(second?.locationText).toBe('人民路')
    await say(CITIZEN, '不用')
  })

  it('answers a question about something else while where is asked, and a question about opening hours at all', async () => {
    const before = await database.db.select().from(complaints)
    expect(await say(CITIZEN, '你们几点下班')).toEqual([WORDING.citizenHours])
    expect((await say(CITIZEN, '路灯不亮'))[0]).toContain('请问具体在什么位置')
    expect((await say(CITIZEN, '电话多少'))[0]).toMatch(
      /^这里受理安全隐患投诉和举报，其他咨询请在工作时间联系住建局相关科室。/,
    )
    expect((await say(CITIZEN, '为什么要地址'))[0]).toMatch(/^需要知道位置，才能派负责的单位到现场处理/)
    expect(await database.db.select().from(complaints)).toHaveLength(before.length)
    await say(CITIZEN, '取消')
  })

  it('files nothing for a test, a laugh, markup, a bare link or letters that are no sentence', async () => {
    const before = await database.db.select().from(complaints)
    for (const noise of [
      '测试测试',
      '啊啊啊啊啊啊',
      '哈哈哈哈',
      '<script>alert(1)</script>',
      'https://example.com/a.jpg',
      'asdfghjkl',
    ])
      expect((await say(CITIZEN, noise))[0]).toMatch(/^请用一句话描述您要投诉或反映的问题/)
    // Nothing is waiting for a place either: a place now is held for a problem still to come.
    expect((await say(CITIZEN, '朗州北路99号'))[0]).toMatch(/^已记下地点「朗州北路99号」/)
    expect(await database.db.select().from(complaints)).toHaveLength(before.length)
    await say(CITIZEN, '取消')
  })

  it('keeps a phone number sent in answer to where, and asks where again', async () => {
    expect((await say(CITIZEN, '路灯不亮'))[0]).toContain('请问具体在什么位置')
    expect(await say(CITIZEN, '13900001111')).toEqual([
      '已记下您的联系电话。请问具体在什么位置？请发送定位（点“+”选择“位置”），或回复路名、小区、门牌号等，我们登记后马上给您编号。',
    ])
    const ticket = await say(CITIZEN, '锦绣华庭3栋门口')
    const code = /TS\d{8}-\d{4}/.exec(ticket.join('\n'))?.[0] as string
    const [row] = await database.db.select().from(complaints).where(eq(complaints.code, code))
    expect(row?.citizenPhone).toBe('13900001111')
    expect(row?.locationText).toBe('锦绣华庭3栋门口')
    // The phone was given: the ticket does not ask for it again.
    expect(ticket.join('\n')).not.toContain('请回复手机号')
  })

  it('keeps a number and 「我要举报」 said first for the complaint that follows, and takes praise as praise', async () => {
    clock.advance(3 * 3_600_000)
    expect(await say(CITIZEN, '我的电话是 139 1234 5678')).toEqual([
      '已记下您的联系电话。请再用一句话说明问题和地点，我们为您登记。',
    ])
    expect((await say(CITIZEN, '我要举报'))[0]).toMatch(/^好的，请用一句话说明是什么问题、在什么地方/)
    const ticket = await say(CITIZEN, '沅安路99号工地晚上偷偷施工没有围挡')
    expect(ticket[0]).toContain('您的举报人信息将严格保密')
    expect(ticket[0]).not.toContain('请回复手机号')
    const code = /TS\d{8}-\d{4}/.exec(ticket[0] as string)?.[0] as string
    const [row] = await database.db.select().from(complaints).where(eq(complaints.code, code))
    expect(row?.citizenPhone).toBe('13912345678')
    expect(row?.description).toBe('我要举报；沅安路99号工地晚上偷偷施工没有围挡')
    const before = await database.db.select().from(complaints)
    // (「谢谢 很快」 had been taken for a problem and asked where.)
    for (const praise of ['表扬一下你们的工作人员，处理得很及时', '给个五星好评', '谢谢 很快'])
      expect(await say(CITIZEN, praise)).toEqual([
        '感谢您的肯定！我们会转达给相关工作人员。有新的问题，直接发一句话说明问题和地点即可。',
      ])
    expect(await database.db.select().from(complaints)).toHaveLength(before.length)
  })

  it('answers a question about the bureau’s business, and 「谢谢」 to where asks where again', async () => {
    const before = await database.db.select().from(complaints)
    expect((await say(CITIZEN, '你好，我想问一下，我们小区的危房鉴定找谁'))[0]).toMatch(
      /^您好！这里受理安全隐患投诉和举报。/,
    )
    expect((await say(CITIZEN, '楼道的灯坏了一个星期了'))[0]).toContain('请问具体在什么位置')
    expect((await say(CITIZEN, '谢谢'))[0]).toMatch(/^不客气。请问具体在什么位置？/)
    expect(await database.db.select().from(complaints)).toHaveLength(before.length)
    await say(CITIZEN, '取消')
  })

  it('adds a pin to the latest complaint that has none, and keeps it for a next 「这里…」 that names no place', async () => {
    clock.advance(3 * 3_600_000)
    const first = await say(CITIZEN, '沅安路300号门口井盖松动')
    const firstCode = /TS\d{8}-\d{4}/.exec(first[0] as string)?.[0] as string
    await say(CITIZEN, '不用')
    const pin = { kind: 'location' as const, latitude: 29.05, longitude: 111.7, label: '常德市武陵区沅安路320号' }
    expect(await say(CITIZEN, pin)).toEqual([`已将位置补充到投诉 ${firstCode}。`])
    const second = await say(CITIZEN, '这里路灯不亮')
    const code = /TS\d{8}-\d{4}/.exec(second[0] as string)?.[0] as string
    expect(code).not.toBe(firstCode)
    const [row] = await database.db.select().from(complaints).where(eq(complaints.code, code))
    expect(row).toMatchObject({ locationText: '常德市武陵区沅安路320号', latitude: 29.05, longitude: 111.7 })
    await say(CITIZEN, '不用')
  })

  it('keeps a place said first, with no ticket to join, and files it with the problem that follows', async () => {
    clock.advance(3 * 3_600_000)
    const before = await database.db.select().from(complaints)
    expect(await say(CITIZEN, '建设东路12号')).toEqual([
      '已记下地点「建设东路12号」。请再说一下这里有什么问题，我们为您登记。',
    ])
    expect(await database.db.select().from(complaints)).toHaveLength(before.length)
    const ticket = await say(CITIZEN, '门口的消防栓一直在漏水')
    const code = /TS\d{8}-\d{4}/.exec(ticket[0] as string)?.[0] as string
    const [row] = await database.db.select().from(complaints).where(eq(complaints.code, code))
    expect(row?.locationText).toBe('建设东路12号')
    expect(row?.description).toBe('门口的消防栓一直在漏水')
    await say(CITIZEN, '不用')
  })
})

describe('a handler who puts the complaint’s number first', () => {
  it('reads 「TS… 收到」 as 签收 and 「TS… 已经修好了」 as the reply with that result', async () => {
    const ticket = await say('demo:citizen', '朗州北路120号门口井盖没了')
    const code = /TS\d{8}-\d{4}/.exec(ticket[0] as string)?.[0] as string
    await say('demo:citizen', '不用')
    expect(await say(HANDLER, `${code} 收到`)).toEqual([`已签收投诉 ${code}，请在时限内办理并回复结果。`])
    expect(await say(HANDLER, `${code} 已经修好了`)).toEqual([`已回复投诉 ${code}，办理结果将告知市民。`])
    const [row] = await database.db.select().from(complaints).where(eq(complaints.code, code))
    expect(row?.outcome).toBe('已经修好了')
    // Other words after the number are not guessed at.
    expect(await say(HANDLER, `${code} 这个归谁管`)).toEqual(['暂未理解您的意思。发送「帮助」查看可用命令。'])
  })

  it('reads 「TS… 已派人去看了」 as 签收, and a result sent before any 签收 as both, in that order', async () => {
    const first = await say('demo:citizen', '朗州北路122号门口路灯杆歪了')
    const taken = /TS\d{8}-\d{4}/.exec(first[0] as string)?.[0] as string
    await say('demo:citizen', '不用')
    expect(await say(HANDLER, `${taken} 已派人去看了`)).toEqual([`已签收投诉 ${taken}，请在时限内办理并回复结果。`])
    // Once taken up, the next word on how it goes is noted as progress; the status stays until the reply.
    expect(await say(HANDLER, `${taken} 师傅已经到现场了，正在处理`)).toEqual([
      `已记录投诉 ${taken} 的办理进展。办理完成后请发送「回复 ${taken} 办理结果」，结果会告知市民。`,
    ])
    const [takenRow] = await database.db.select().from(complaints).where(eq(complaints.code, taken))
    expect(takenRow?.status).toBe('accepted')
    const notes = await database.db
      .select()
      .from(complaintEvents)
      .where(eq(complaintEvents.complaintId, takenRow?.id as number))
      .orderBy(asc(complaintEvents.id))
    expect(notes.filter((e) => e.kind === 'progress').map((e) => e.note)).toEqual([
      '已派人去看了',
      '师傅已经到现场了，正在处理',
    ])
    const second = await say('demo:citizen', '朗州北路124号门口井盖松动')
    const code = /TS\d{8}-\d{4}/.exec(second[0] as string)?.[0] as string
    await say('demo:citizen', '不用')
    expect(await say(HANDLER, `${code} 已处理，井盖已重新固定`)).toEqual([`已回复投诉 ${code}，办理结果将告知市民。`])
    const [row] = await database.db.select().from(complaints).where(eq(complaints.code, code))
    const steps = await database.db
      .select()
      .from(complaintEvents)
      .where(eq(complaintEvents.complaintId, row?.id as number))
      .orderBy(complaintEvents.id)
    expect(steps.map((e) => e.toStatus)).toEqual(expect.arrayContaining(['accepted', 'replied']))
    expect(steps.findIndex((e) => e.toStatus === 'accepted')).toBeLessThan(
      steps.findIndex((e) => e.toStatus === 'replied'),
    )
  })
})

describe('the digest on request', () => {
  it('shows a leader the latest figures when asked in words, and not a field worker', async () => {
    for (const asked of ['今天情况怎么样', '简报'])
      expect((await say('demo:leader', asked))[0]).toMatch(
        /^\*\*今日截至 [\s\S]*\n## 巡安日报 [\s\S]*\*\*巡查\*\*：\d+ 次/,
      )
    expect((await say(STAFF, '简报'))[0]).not.toContain('巡安日报')
  })

  it('answers 「今天有什么情况」 with the digest, and 「本周巡查了多少次」 with this week so far', async () => {
    expect((await say('demo:leader', '今天有什么情况'))[0]).toMatch(TODAY_THEN_DIGEST)
    const [week] = await say('demo:leader', '本周巡查了多少次')
    expect(week).toMatch(/^本周截至目前（全市）：\n巡查 \d+ 次，出动 \d+ 人次、\d+ 台次；/)
    expect(week).toMatch(/受理投诉 \d+ 件；到期 \d+ 件，按时答复 \d+ 件（及时率 (?:\d+\.\d%|—)）。$/)
    // Said as the bureau's own figures: the same answer, and no hazard form.
    for (const asked of [
      '我们这个月发现了多少隐患',
      '全市本周巡查了多少次',
      '这周情况怎么样',
      '汇总一下本周数据',
      '本月数据',
    ])
      expect((await say('demo:leader', asked))[0]).toMatch(/^本[月周]截至目前（全市）：/)
    expect((await say(DUTY, '有紧急情况吗'))[0]).toMatch(TODAY_THEN_DIGEST)
  })

  it('answers what is open and overdue now, by unit, to anyone who asks, and opens no form', async () => {
    const before = await database.db.select().from(hazards)
    const rectifying = before.filter((h) => h.status === 'assigned' || h.status === 'rectifying')
    const overdue = rectifying.filter((h) => h.rectifyDueAt && h.rectifyDueAt < clock.now())
    for (const [who, asked] of [
      [SUPERVISOR, '今天有几个隐患没整改'],
      [STAFF, '还有多少投诉没办结'],
      // What is late, asked outright (these had the digest, which does not say how many complaints are late).
      ['demo:leader', '有没有超期的'],
      [DUTY, '有没有超时的投诉'],
    ] as const) {
      const [answer] = await say(who, asked)
      expect(answer).toMatch(/^截至 \d+月\d+日 \d\d:\d\d：\n/)
      expect(answer).toContain(`整改中的隐患 ${rectifying.length} 项，其中超期未整改 ${overdue.length} 项`)
      expect(answer).toMatch(
        /办理中的投诉 \d+ 件（待签收 \d+ 件），其中超过办理时限 \d+ 件。(?:\n另有待交办的隐患 \d+ 项。)?(?:\n另有已整改待验收的隐患 \d+ 项。)?$/,
      )
    }
    // Asked which, or to list them: each by number, the late first (the first opened a hazard form; the others
    // had the counts).
    const unrectified = before.filter((h) => ['reported', 'assigned', 'rectifying'].includes(h.status))
    const [late] = await say('demo:leader', '把超期的隐患列出来')
    expect(late.split('\n')[0]).toBe(
      overdue.length ? `超期未整改的隐患 ${overdue.length} 项（超期最久的在前）：` : '目前没有超期未整改的隐患。',
    )
    for (const h of overdue.slice(0, 10)) expect(late).toContain(`· ${h.code} `)
    for (const asked of ['没整改的隐患列一下', '哪些隐患还没整改']) {
      const [listed] = await say(SUPERVISOR, asked)
      expect(listed.split('\n')[0]).toBe(`未整改的隐患 ${unrectified.length} 项（超期和快到期的在前）：`)
      const codes = [...listed.matchAll(/^· (YH\d{8}-\d{4}) /gm)].map((m) => m[1])
      expect(codes).toHaveLength(Math.min(unrectified.length, 10))
      // The late ones come first.
      const overdueCodes = new Set(overdue.map((h) => h.code))
      for (const code of codes.slice(0, overdue.length)) expect(overdueCodes.has(code as string)).toBe(true)
    }
    expect(await say(STAFF, '确认')).not.toContain('请核对')
    expect(await database.db.select().from(hazards)).toHaveLength(before.length)
    // Which unit is slowest, which units are late: the units with something late, the most first (it was not
    // understood, and then answered with the city's totals, naming no unit).
    const lateUnits = new Set(overdue.map((h) => h.unitId))
    for (const asked of ['哪个单位整改最慢', '帮我看看哪些单位超期了', '哪个单位超期最多']) {
      const [byUnit] = await say('demo:leader', asked)
      expect(byUnit).toMatch(/^截至 \d+月\d+日 \d\d:\d\d，(?:没有超期未整改的隐患|有超期事项的单位（按件数）：\n· )/)
      expect(byUnit.split('\n· ').length - 1).toBeGreaterThanOrEqual(lateUnits.size)
    }
  })

  it('lists the major hazards not yet closed, by name, and gives the digest to 「今天值班有什么要注意的」', async () => {
    expect((await say(STAFF, '上报隐患 沅安路燃气管道漏气了！')).join('\n')).toContain('等级：重大')
    const code = lastCode(await say(STAFF, '确认'), 'YH')
    const open = (await database.db.select().from(hazards)).filter(
      (h) => h.level === 'major' && ['reported', 'assigned', 'rectifying', 'awaiting_verification'].includes(h.status),
    )
    for (const asked of ['重大隐患有几个', '有没有重大隐患没销号']) {
      const [answer] = await say('demo:leader', asked)
      expect(answer).toMatch(new RegExp(`^未销号的重大隐患 ${open.length} 项：`))
      expect(answer).toContain(`· ${code} 待分派：沅安路燃气管道漏气了！（已上报）`)
    }
    expect((await say(DUTY, '今天值班有什么要注意的'))[0]).toMatch(TODAY_THEN_DIGEST)
    // 「有什么事」 asks what there is, not who is on duty (the 么 of 什么 had read it as 「谁值班」).
    for (const asked of ['今天值班有什么事', '值班有啥事'])
      expect((await say(DUTY, asked))[0]).toMatch(TODAY_THEN_DIGEST)
    // A report asked for, and the day's to forward to a group (neither was understood).
    expect((await say('demo:leader', '给我汇报一下今天的工作'))[0]).toMatch(TODAY_THEN_DIGEST)
    const [forGroup] = await say('demo:leader', '把今天的情况发到群里')
    expect(forGroup.startsWith(`${WORDING.briefingForGroup}\n\n`)).toBe(true)
    expect(forGroup.slice(WORDING.briefingForGroup.length + 2)).toMatch(TODAY_THEN_DIGEST)
    expect((await say(DUTY, '明天我值班么'))[0]).toMatch(/明天（\d+月\d+日）/)
  })

  it('ranks every assessed unit for the month to leaders, and to nobody else', async () => {
    const assessed = await database.db.execute(
      sql`select count(*)::int as n from units where kind in ('patrol', 'supervising') and active`,
    )
    const n = Number(
      (assessed as unknown as { rows: { n: number }[] }).rows?.[0]?.n ?? (assessed as unknown as { n: number }[])[0]?.n,
    )
    for (const asked of ['本月考核排名', '哪个单位分数最低']) {
      const [answer] = await say('demo:leader', asked)
      const lines = (answer as string).split('\n')
      expect(lines[0]).toBe('2026年11月考核得分（截至目前）：')
      expect(lines.filter((l) => /^\d+\. \S+ (?:\d+(?:\.\d+)? 分|一票否决)$/.test(l))).toHaveLength(n)
      // Ranked: the points never rise down the list.
      const points = lines.flatMap((l) => /^\d+\. \S+ (\d+(?:\.\d+)?) 分$/.exec(l)?.[1] ?? []).map(Number)
      expect(points).toEqual([...points].sort((a, b) => b - a))
    }
    expect((await say('demo:leader', '上个月考核排名'))[0]).toMatch(/^2026年10月考核得分：/)
    for (const asked of ['上个月的月报', '周报'])
      expect((await say('demo:leader', asked))[0]).toMatch(/^周报、月报、季报和统计表在管理后台「报表」页查看和下载/)
    expect((await say(STAFF, '本月考核排名'))[0]).not.toContain('考核得分')
  })

  it('answers how things are done, what the bot does and what is waiting, in the words people use', async () => {
    const before = await database.db.select().from(hazards)
    expect((await say(STAFF, '怎么报隐患'))[0]).toMatch(/^【巡安】可用命令/)
    expect((await say(STAFF, '你能干啥'))[0]).toMatch(/^【巡安】可用命令/)
    expect((await say(STAFF, '拍照怎么传'))[0]).toMatch(/^发照片：点输入框旁的「\+」/)
    // Inside a form, the same question is answered and the open question asked again.
    expect(await say(STAFF, '上报隐患')).toEqual(['请描述发现的隐患。'])
    const inForm = await say(STAFF, '拍照怎么传')
    expect(inForm[0]).toMatch(/^发照片：/)
    expect(inForm[1]).toBe('请描述发现的隐患。')
    await say(STAFF, '取消')
    expect(await say(HANDLER, '有啥要我处理的吗')).toEqual(await say(HANDLER, '我的待办'))
    expect(await database.db.select().from(hazards)).toHaveLength(before.length)
  })
})

describe('a finding of the list dropped or graded in words, whatever question waits', () => {
  it('drops 「删掉第二条」 and grades 「第一条是重大」「第2条改成重大」, saying so each time', async () => {
    const asked = await say(STAFF, '昨天9点到11点巡查人民路 发现3处井盖破损 1处路灯不亮 2人1车')
    expect(asked).toEqual(['现场是如何处理的？'])
    // While the handling is asked: each is done and said, and the question asked again (「第一条是重大」 had become
    // the handling, and 「删除隐患 2」 had been done without a word).
    expect(await say(STAFF, '第一条是重大')).toEqual([WORDING.findingNumberGraded(1, '重大'), '现场是如何处理的？'])
    expect(await say(STAFF, '删掉第二条')).toEqual([WORDING.findingDropped(2, '1处路灯不亮'), '现场是如何处理的？'])
    const [summary] = await say(STAFF, '已通知市政')
    expect(summary).toContain('1. 3处井盖破损（道路及市政设施，重大，3处）\n')
    expect(summary).toContain('处理情况：已通知市政\n')
    await say(STAFF, '取消')
    // At the summary too (it had been shown again unchanged, without a word).
    await say(STAFF, '昨天9点到11点巡查人民路 发现3处井盖破损 1处路灯不亮 2人1车 已通知市政')
    const [graded, shown] = await say(STAFF, '第2条改成重大')
    expect(graded).toBe(WORDING.findingNumberGraded(2, '重大'))
    expect(shown).toContain('2. 1处路灯不亮（道路及市政设施，重大）')
    await say(STAFF, '取消')
  })
})

describe('a moment asked for at the summary', () => {
  it('keeps 「等一下」「我想想」 out of the description (「等一下」 had been added to it)', async () => {
    await say(STAFF, '上报隐患 朗州路路灯杆被车撞歪了 一般')
    const [waiting, summary] = await say(STAFF, '等一下')
    expect(waiting).toBe(WORDING.formWaiting)
    expect(summary).toContain('隐患描述：朗州路路灯杆被车撞歪了\n')
    expect((await say(STAFF, '我想想'))[0]).toBe(WORDING.formThinking)
    await say(STAFF, '取消')
  })
})
