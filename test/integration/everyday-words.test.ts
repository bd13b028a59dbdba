import { and, desc, eq, isNotNull } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { WORDING } from '../../bots/wording'
import { complaints, conversations } from '../../src/db/schema'
import { ManualClock } from '../../src/domain/clock'
import { zonedInstant } from '../../src/domain/local-time'
import { testApp } from '../helpers/app'
import { chat, lastCode } from '../helpers/chat'
import { createTestDatabase, seedDefaults, TEST_TIME_ZONE, type TestDatabase } from '../helpers/db'
import { complaintNotes } from '../helpers/notes'

/**
 * Everyday messages read without a model — a patrol called off, a number left for a complaint already made, what gas
 * costs — each answered through the chat pipeline, with the rows it leaves (or does not).
 */
const STAFF = 'demo:field_staff'
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

const openForms = (sender: string) => openFormsIn(database, sender)
const complaintsOf = (citizen: string) =>
  database.db.select().from(complaints).where(eq(complaints.citizenExternalId, citizen))
const notesOn = (code: string) => complaintNotes(database, code)
/** A message referred elsewhere: answered with where to turn, and nothing filed. */
async function expectReferred(citizen: string, words: string, answer: string) {
  expect(await citizenSays(citizen, words)).toEqual([answer])
  expect(await complaintsOf(citizen)).toEqual([])
}

describe('a patrol called off', () => {
  it.each(['今天不巡查了 下雨', '今天暂停巡查了 开会', '下午没去巡查了'])(
    'takes 「%s」 as no patrol to record (its 「巡查了」 had opened a form)',
    async (words) => {
      expect(await say(STAFF, words)).toEqual([WORDING.patrolNotYet])
      expect(await openForms(STAFF)).toEqual([])
    },
  )

  it('still reads 「今天巡查了 …」 as a patrol made', async () => {
    const [summary] = await say(STAFF, '今天巡查了 人民路 9点到11点 2人1车 正常')
    expect(summary).toContain('【日巡查工作记录】')
    await say(STAFF, '取消')
  })
})

describe('a number left for a complaint already made', () => {
  it('joins 「我的电话… 有事打给我」 to the latest complaint, and 「有结果联系我」 with another number replaces it', async () => {
    const citizen = 'o-everyday-1'
    const code = lastCode(await citizenSays(citizen, '人民路的井盖没了 好危险'), 'TS')
    await citizenSays(citizen, '不用')
    await citizenSays(citizen, '谢谢')
    expect(await citizenSays(citizen, '我的电话13812345678 有事打给我')).toEqual([WORDING.contactSaved])
    const phoneOf = async () =>
      (await database.db.select().from(complaints).where(eq(complaints.code, code)))[0]?.citizenPhone
    expect(await phoneOf()).toBe('13812345678')
    expect(await citizenSays(citizen, '我的电话13912345678 有结果联系我')).toEqual([WORDING.contactSaved])
    expect(await phoneOf()).toBe('13912345678')
    expect(await complaintsOf(citizen)).toHaveLength(1)
  })
})

describe('what a utility costs', () => {
  it.each(['天然气涨价了 为什么', '水费怎么这么贵'])(
    'refers 「%s」 to the price hotlines and files nothing (it was asked where, to be filed)',
    (words) => expectReferred(`o-everyday-price-${words.length}`, words, WORDING.citizenOtherAgency.utility_price),
  )

  it('still files water over a road (「河水涨了」 is no price)', async () => {
    expect(lastCode(await citizenSays('o-everyday-2', '河水涨了 漫到路上了 沿江大道'), 'TS')).toMatch(/^TS/)
  })
})

describe('a unit with one complaint in hand and no hazard open', () => {
  const HANDLER = 'demo:handler'
  // A database of its own: the complaints filed above would be in the same unit's hands.
  let own: TestDatabase
  let ownHarness: ReturnType<typeof testApp>
  const say = (who: string, input: string) => chat(ownHarness.services, who, input)
  const citizenSays = (who: string, input: string) => chat(ownHarness.services, who, input, 'mp')
  let code: string
  beforeAll(async () => {
    own = await createTestDatabase()
    await seedDefaults(own, clock.now())
    ownHarness = testApp(own, clock)
    code = lastCode(await citizenSays('o-everyday-3', '人民路128号门口井盖缺失'), 'TS')
    await citizenSays('o-everyday-3', '不用')
  })
  afterAll(async () => own?.drop())

  it('does not offer 「滨湖路塌陷已经修好了」 as that complaint’s answer: it names another place and thing', async () => {
    const [told] = await say(HANDLER, '滨湖路塌陷已经修好了')
    expect(told).toBe(WORDING.noneInHandNamed([`· ${code} 人民路128号门口井盖缺失`]))
    // Words about the complaint's own thing are still offered.
    expect(await say(HANDLER, '井盖补上了')).toEqual([WORDING.replyWithTheseWords(code, '井盖补上了')])
    await say(HANDLER, '取消')
  })

  it('says no hazard waits for 「整改完成了 请验收」, naming the complaint in hand (a number had been asked for)', async () => {
    const [told] = await say(HANDLER, '整改完成了 请验收')
    expect(told).toBe(`${WORDING.noRectificationWaiting}\n${WORDING.complaintsInHandToo([code])}`)
    await say(HANDLER, '取消')
  })

  it('answers the citizen’s 「井盖补好了吗」 with where the complaint stands (it was asked where, to be filed)', async () => {
    const [answer] = await citizenSays('o-everyday-3', '井盖补好了吗')
    expect(answer).toMatch(new RegExp(`^投诉 ${code}：`))
    expect(await own.db.select().from(complaints).where(eq(complaints.citizenExternalId, 'o-everyday-3'))).toHaveLength(
      1,
    )
  })
})

describe('a citizen with two complaints open', () => {
  const citizen = 'o-everyday-4'
  let bridge: string
  let hydrant: string
  beforeAll(async () => {
    bridge = lastCode(await citizenSays(citizen, '阳明路和皂果路交叉口那个桥 桥面有很大的裂缝'), 'TS')
    await citizenSays(citizen, '不用')
    hydrant = lastCode(await citizenSays(citizen, '消防栓漏水 一直在流 在桃花源路和建设路口'), 'TS')
    await citizenSays(citizen, '不用')
  })
  const notes = async (code: string) => (await notesOn(code)).filter((note) => note.startsWith('市民申请撤回'))

  it('names each one’s unit for 「请问我的投诉是谁在处理」 (it had been asked where, as a report)', async () => {
    const [answer] = await citizenSays(citizen, '请问我的投诉是谁在处理')
    expect(answer).toMatch(/^您办理中的投诉及办理单位：/)
    expect(answer).toMatch(new RegExp(`· ${bridge} .*：桥管处`))
    expect(answer).toMatch(new RegExp(`· ${hydrant} .*：自来水公司`))
  })

  it('asks which one 「我要撤销投诉」 means, and 「撤回 TS…」 withdraws that one (it had given its state)', async () => {
    const [which] = await citizenSays(citizen, '我要撤销投诉')
    expect(which).toMatch(/^您有 2 件办理中的投诉，请问撤回哪一件？/)
    expect(await notes(bridge)).toEqual([])
    expect(await notes(hydrant)).toEqual([])
    expect(await citizenSays(citizen, `撤回 ${bridge}`)).toEqual([WORDING.citizenWithdrawalAsked(bridge)])
    expect(await notes(bridge)).toHaveLength(1)
    // 「刚才的」 points at the latest.
    expect(await citizenSays(citizen, '把刚才的投诉撤了')).toEqual([WORDING.citizenWithdrawalAsked(hydrant)])
    expect(await notes(hydrant)).toHaveLength(1)
  })
})

describe('a complaint written in English', () => {
  it('files 「a big hole on the road near the train station」 at the station, as a road’s (it was asked where)', async () => {
    const citizen = 'o-everyday-5'
    const code = lastCode(
      await citizenSays(citizen, 'Hello, there is a big hole on the road near the train station'),
      'TS',
    )
    const [row] = await database.db.select().from(complaints).where(eq(complaints.code, code))
    expect(row).toMatchObject({ locationText: 'train station', category: 'road_municipal' })
  })
})

describe('a patrol put right at its summary', () => {
  const summaryAfter = async (...messages: string[]) => {
    let replies: string[] = []
    for (const message of messages) replies = await say(STAFF, message)
    return replies.join('\n')
  }

  it('takes 「不对 是10点到12点」 for the patrol’s times while the handling is asked (it had been the handling)', async () => {
    await say(STAFF, '上午巡查了人民路 2人1车 9-11点 发现井盖缺失')
    const summary = await summaryAfter('不对 是10点到12点', '已设警示')
    expect(summary).toContain('开始时间：11月23日 10:00')
    expect(summary).toContain('结束时间：11月23日 12:00')
    expect(summary).toContain('处理情况：已设警示')
    await say(STAFF, '取消')
  })

  it('adds 「加一个巡查人员李四」 to those who went (李四 had been the only one, and the count 1)', async () => {
    await say(STAFF, '上午巡查了人民路 2人1车 9-11点 无异常')
    const summary = await summaryAfter('加一个巡查人员李四')
    expect(summary).toContain('巡查人员：张伟、李四')
    expect(summary).toContain('出动人次：2')
    const more = await summaryAfter('王五也去了')
    expect(more).toContain('巡查人员：张伟、李四、王五')
    expect(more).toContain('出动人次：3')
    expect(await summaryAfter('人员改成张伟和王五')).toContain('巡查人员：张伟、王五')
    await say(STAFF, '取消')
  })

  it('reads 「2 人 1 车」 with spaces, and 「已排水」 as what was done', async () => {
    expect((await say(STAFF, '上午九点 到 十一点 人民路 2 人 1 车 正常'))[0]).toContain('出动车次：1')
    await say(STAFF, '取消')
    const [summary] = await say(STAFF, '凌晨1点到3点 防汛巡查 沿江大道 5人3车 发现积水点2处 已排水')
    expect(summary).toContain('处理情况：已排水')
    await say(STAFF, '取消')
  })
})

describe('those overseeing, asking in their own words', () => {
  const LEADER = 'demo:leader'
  const SUPERVISOR = 'demo:supervisor'
  const UNIT_LEADER = 'demo:unit_leader'
  // A database of its own: the figures and lists below count only what is made here.
  let own: TestDatabase
  let ownHarness: ReturnType<typeof testApp>
  const say = (who: string, input: string) => chat(ownHarness.services, who, input)
  let patrol: string
  let major: string
  beforeAll(async () => {
    own = await createTestDatabase()
    await seedDefaults(own, clock.now())
    ownHarness = testApp(own, clock)
    await say(STAFF, '上午巡查了人民路 2人1车 9-11点 发现井盖缺失 已设警示')
    patrol = lastCode(await say(STAFF, '确认'), 'XC')
    await say(STAFF, '滨湖路中段人行道塌陷约半平米 已设置警示')
    major = lastCode(await say(STAFF, '确认'), 'YH')
    await chat(ownHarness.services, 'o-everyday-6', '朗州路128号门口井盖缺失', 'mp')
    await chat(ownHarness.services, 'o-everyday-6', '不用', 'mp')
  })
  afterAll(async () => own?.drop())

  it('answers 「本月重大隐患挂牌督办情况」 with the listed hazards (it opened a hazard form)', async () => {
    expect(await say(LEADER, '本月重大隐患挂牌督办情况')).toEqual(['目前没有挂牌督办的隐患。'])
    expect(await openFormsIn(own, LEADER)).toEqual([])
  })

  it('lists who of a unit patrolled for 「我们单位今天谁巡查了」「质安处的巡查记录我看一下」', async () => {
    const [ours] = await say(UNIT_LEADER, '我们单位今天谁巡查了')
    expect(ours).toMatch(/^今天市政建设总公司的巡查记录共 1 次：/)
    expect(ours).toContain(`· ${patrol} `)
    expect(ours).toContain('（张伟）')
    expect(await say(SUPERVISOR, '市政今天谁巡查了')).toEqual([ours])
    expect(await say(SUPERVISOR, '质安处的巡查记录我看一下')).toEqual(['今天还没有质安处的巡查记录。'])
  })

  it('starts the 交办 of an unassigned hazard for 「把YH…交办给市政」 and 「YH… 交给道管处」 (refused as 「已上报」)', async () => {
    const fiveFixes = /^重大隐患须落实“五落实”。/
    expect((await say(SUPERVISOR, `把${major}交办给市政 期限3天`))[0]).toMatch(fiveFixes)
    await say(SUPERVISOR, '取消')
    expect((await say(SUPERVISOR, `${major} 交给道管处`))[0]).toMatch(fiveFixes)
    await say(SUPERVISOR, '取消')
  })

  it('says when the reports are due for 「报表什么时候交」 (not understood)', async () => {
    const [due] = await say(STAFF, '报表什么时候交')
    expect(due).toContain('的周报表：')
    expect(due).toContain('上报请发送「上报周报」')
  })

  it('ranks the units by rectification rate, counts complaints by kind, and gives the call-backs', async () => {
    const [rates] = await say(LEADER, '整改率最低的是哪个单位')
    expect(rates).toMatch(
      /^本月截至目前各巡查单位的隐患整改率（低的在前）：\n1\. 市政建设总公司 0\.0%（发现 2 项，已整改销号 0 项）/,
    )
    expect(await say(LEADER, '投诉最多的是什么问题')).toEqual([
      '本月受理的投诉（按类别，共一类）：\n1. 道路及市政设施 1 件',
    ])
    expect(await say('demo:duty_officer', '有没有市民不满意的')).toEqual(['本月受理的投诉还没有回访结果。'])
  })
})

async function openFormsIn(handle: TestDatabase, sender: string) {
  return handle.db
    .select()
    .from(conversations)
    .where(and(eq(conversations.senderExternalId, sender), isNotNull(conversations.form)))
}

describe('a citizen’s long account and a household appliance', () => {
  it('files a missing manhole cover 「上面只放了一根树枝」 as a road’s (the branch had made it greenery’s)', async () => {
    const code = lastCode(
      await citizenSays(
        'o-everyday-7',
        '你好，我是住在武陵区丹阳街道的一名退休教师，今天早上出去买菜的时候，发现我们小区（丹阳小区）东门外面的人行道上有一个井盖不见了，上面只放了一根树枝，晚上天黑根本看不到，老人小孩很容易掉进去，希望你们尽快派人来处理一下，谢谢！',
      ),
      'TS',
    )
    const [row] = await database.db.select().from(complaints).where(eq(complaints.code, code))
    expect(row?.category).toBe('road_municipal')
  })

  it.each(['家里的燃气灶打不着火', '热水器坏了'])(
    'refers 「%s」 to the gas company’s repair and files nothing (it was asked where)',
    (words) => expectReferred(`o-everyday-appliance-${words.length}`, words, WORDING.citizenOtherAgency.gas_appliance),
  )

  it('still files an appliance said with a pipe cracked, and warns of a smell of gas', async () => {
    expect(lastCode(await citizenSays('o-everyday-8', '燃气灶坏了 燃气管也裂了 人民路5号'), 'TS')).toMatch(/^TS/)
    const [advice] = await citizenSays('o-everyday-9', '燃气灶坏了 一直有燃气味')
    expect(advice).toMatch(/^⚠️ 安全提示/)
  })
})

describe('the duty officer on a complaint just made', () => {
  const DUTY = 'demo:duty_officer'
  let gas: string
  beforeAll(async () => {
    gas = lastCode(await citizenSays('o-everyday-10', '建设路和紫缘路口燃气管道漏气 味道很大'), 'TS')
  })

  it('keeps 「刚才那个燃气泄漏的 我已经通知燃气公司了」 on that complaint (it opened a major hazard report)', async () => {
    expect(await say(DUTY, '刚才那个燃气泄漏的 我已经通知燃气公司了')).toEqual([
      WORDING.complaintNoteKeptByOverseer(gas, '燃气办'),
    ])
    expect(await notesOn(gas)).toContain('刚才那个燃气泄漏的 我已经通知燃气公司了')
    expect(await openForms(DUTY)).toEqual([])
  })

  it('finds the complaint for a leader’s 「燃气泄漏那个处理了没有」, its words 漏气 (no hazard was found)', async () => {
    const [answer] = await say('demo:leader', '燃气泄漏那个处理了没有')
    expect(answer).toMatch(/^与「泄漏」相关的投诉：/)
    expect(answer).toContain(`· ${gas} `)
  })
})

describe('an accident told in words', () => {
  const SUPERVISOR = 'demo:supervisor'

  it('starts the accident form for 「事故」 and for an account a supervisor gives (neither was understood)', async () => {
    expect(await say(SUPERVISOR, '事故')).toEqual(['事故属于哪个单位的行业监管范围？'])
    await say(SUPERVISOR, '取消')
    const [unitGuessed] = await say(SUPERVISOR, '今天上午10点 建设路工地 一名工人从脚手架摔下 轻伤 已送医')
    expect(unitGuessed).toMatch(/^责任单位是「质安处」吗？/)
    expect((await openForms(SUPERVISOR)).map((row) => row.form)).toEqual(['accident'])
    await say(SUPERVISOR, '取消')
    expect(await say(SUPERVISOR, '事故怎么登记')).toEqual([WORDING.accidentHowRecorded])
  })

  it('tells a patroller whom to tell, and keeps a patrol or a hazard said with an injury as it was', async () => {
    expect(await say(STAFF, '今天上午10点 建设路工地 一名工人从脚手架摔下 轻伤 已送医')).toEqual([
      WORDING.accidentToldByStaff,
    ])
    expect(await openForms(STAFF)).toEqual([])
    await say(STAFF, '今天巡查人民路 发现一名老人摔倒受伤 已拨打120 9点到11点 2人1车')
    expect((await openForms(STAFF)).map((row) => row.form)).toEqual(['patrol'])
    await say(STAFF, '取消')
    expect((await say(SUPERVISOR, '人民路井盖缺失 有人摔伤了')).join('\n')).toContain('【隐患上报】')
    await say(SUPERVISOR, '取消')
  })
})

describe('one more hazard said at the summary', () => {
  it('keeps 「再报一个」 out of the description, and the next one is registered apart', async () => {
    await say(STAFF, '报一个隐患 人民路 护栏被撞坏了 一般隐患')
    await say(STAFF, '是')
    const [hint, summary] = await say(STAFF, '再报一个')
    expect(hint).toBe(WORDING.nextHazardWithThis)
    expect(summary).toContain('隐患描述：人民路 护栏被撞坏了\n')
    expect((await say(STAFF, '朗州路 路灯杆倾斜'))[0]).toContain('共 2 处隐患，将分别登记')
    const [saved] = await say(STAFF, '确认')
    expect(saved).toMatch(/^共 2 处隐患已上报：\n1\. YH\d{8}-\d{4} 人民路 护栏被撞坏了：/)
  })

  it('lists the to-do for a handler’s 「我们今天有几个隐患要整改」 (it gave the unit’s figures)', async () => {
    const [todo] = await say('demo:handler', '我们今天有几个隐患要整改')
    expect(todo).toMatch(/^【待办事项】共 \d+ 项/)
    expect(todo).toContain('隐患待整改：人民路 护栏被撞坏了')
  })
})

describe('after a complaint is answered', () => {
  const citizen = 'o-everyday-11'
  const DUTY = 'demo:duty_officer'
  let manhole: string
  let lamp: string
  const row = async (code: string) => (await database.db.select().from(complaints).where(eq(complaints.code, code)))[0]

  beforeAll(async () => {
    manhole = lastCode(await citizenSays(citizen, '人民路128号门口井盖缺失'), 'TS')
    await citizenSays(citizen, '不用')
    await say('demo:handler', `回复 ${manhole} 已更换新井盖`)
    // (The manhole's answer may be delivered with this reply, its number first: the lamp's is read from the rows.)
    await citizenSays(citizen, '人民路130号的路灯也坏了')
    const [latest] = await database.db
      .select()
      .from(complaints)
      .where(eq(complaints.citizenExternalId, citizen))
      .orderBy(desc(complaints.id))
      .limit(1)
    lamp = latest?.code ?? ''
    expect(latest?.description).toBe('人民路130号的路灯也坏了')
  })

  it('keeps 「我叫王小明 电话137…」 on the complaint just made, name and number (it was asked where)', async () => {
    // (The manhole's answer may come first, with this reply or the one before: when is the delivery's business.)
    expect((await citizenSays(citizen, '我叫王小明 电话13712345678')).at(-1)).toBe(WORDING.contactSaved)
    expect(await row(lamp)).toMatchObject({ citizenName: '王小明', citizenPhone: '13712345678' })
  })

  it('takes 「还是没修好啊 井盖还是没有」 to the answered manhole’s complaint, though a lamp’s came after', async () => {
    expect((await citizenSays(citizen, '还是没修好啊 井盖还是没有')).at(-1)).toBe(
      WORDING.citizenStillUnresolved(manhole),
    )
    expect((await notesOn(manhole)).some((note) => note.includes('市民反映问题仍未解决'))).toBe(true)
  })

  it('keeps the duty officer’s 「TS… 市民说还没修好 重新办理」 on it and records 「TS… 满意」 as the call-back', async () => {
    expect(await say(DUTY, `${manhole} 市民说还没修好 重新办理`)).toEqual([
      WORDING.complaintNoteKeptAnswered(manhole, 'closed'),
    ])
    expect(await notesOn(manhole)).toContain('市民说还没修好 重新办理')
    expect(await say(DUTY, `${manhole} 基本满意 还有点响`)).toEqual([`已记录投诉 ${manhole} 的回访结果：基本满意。`])
    expect((await row(manhole))?.satisfaction).toBe('basically_satisfied')
    expect((await say('demo:handler', `${manhole} 办结了吗`))[0]).toMatch(new RegExp(`^投诉 ${manhole}：已办结`))
  })
})

describe('a citizen asking before, and impatient after', () => {
  it.each(['请问投诉需要实名吗', '要留名字吗'])(
    'answers 「%s」: no name is needed (it had the generic answer)',
    async (words) => {
      expect(await citizenSays('o-everyday-12', words)).toEqual([WORDING.citizenNameNotNeeded])
    },
  )

  it('chases the open complaint for 「你们处理问题太慢了！我要向上级投诉你们」 (it was asked where, as a report)', async () => {
    const citizen = 'o-everyday-13'
    const code = lastCode(await citizenSays(citizen, '人民路128号门口井盖缺失'), 'TS')
    await citizenSays(citizen, '不用')
    expect(await citizenSays(citizen, '你们处理问题太慢了！我要向上级投诉你们')).toEqual([
      WORDING.citizenUrged(code, 'assigned'),
    ])
    expect(await complaintsOf(citizen)).toHaveLength(1)
  })
})

describe('the duty and the day before', () => {
  it('tells the duty officer the hours of their duty for 「我值班到几点」 (not understood)', async () => {
    expect(await say('demo:duty_officer', '我值班到几点')).toEqual([
      '您今天（11月23日）值班：11月23日 08:30至11月24日 08:30。',
    ])
  })

  it('answers a leader’s 「昨天有什么大事」 with the brief, yesterday’s digest in it (not understood)', async () => {
    expect((await say('demo:leader', '昨天有什么大事')).join('\n')).toContain('## 巡安日报 2026-11-22')
  })
})
