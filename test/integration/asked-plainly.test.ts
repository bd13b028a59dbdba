import { eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { WORDING } from '../../bots/wording'
import { complaintEvents, complaints, hazards, patrols } from '../../src/db/schema'
import { ManualClock } from '../../src/domain/clock'
import { zonedInstant } from '../../src/domain/local-time'
import { testApp } from '../helpers/app'
import { chat, lastCode } from '../helpers/chat'
import { createTestDatabase, seedDefaults, TEST_TIME_ZONE, type TestDatabase } from '../helpers/db'

/**
 * Questions about the work asked plainly, which had opened forms, listed everything or were not understood: a
 * handler asking what is overdue, a leader asking for the late to be circulated or after a unit, a patrol's
 * points, how a saved record is put right — each answered through the chat pipeline, with the rows it leaves.
 */
const STAFF = 'demo:field_staff'
const HANDLER = 'demo:handler'
const LEADER = 'demo:leader'
const SUPERVISOR = 'demo:supervisor'
const DAY = 24 * 60 * 60 * 1000
const clock = new ManualClock(zonedInstant('2026-11-23', TEST_TIME_ZONE, 17))
let database: TestDatabase
let harness: ReturnType<typeof testApp>
const say = (who: string, input: string) => chat(harness.services, who, input)
const hazardCount = async () => (await database.db.select({ id: hazards.id }).from(hazards)).length
const patrolCount = async () => (await database.db.select({ id: patrols.id }).from(patrols)).length

beforeAll(async () => {
  database = await createTestDatabase()
  await seedDefaults(database, clock.now())
  harness = testApp(database, clock)
})
afterAll(async () => database?.drop())

describe('a handler asking what is overdue', () => {
  it('answers with the overdue alone — none yet, then the complaint once its day has passed', async () => {
    const code = lastCode(
      await chat(harness.services, 'o-asked-late', '人民路和朝阳路交叉口的井盖不见了，很危险', 'mp'),
      'TS',
    )
    // One to-do, not late: said so, with the others counted (the whole list had answered).
    expect(await say(HANDLER, '我手上超期的有哪些')).toEqual([
      '您没有超期的事项。其他待办 1 项，发送「我的待办」查看。',
    ])
    clock.advance(2 * DAY)
    const [late] = await say(HANDLER, '我手上超期的有哪些')
    expect(late).toMatch(new RegExp(`^【超期事项】共 1 项\\n· ${code} 投诉待签收：.*已逾期，期限 11月24日 17:00$`))
    // 「我有没有超期的」 asks the same: it had opened a hazard form (超期 read as a defect).
    const before = await hazardCount()
    expect(await say(HANDLER, '我有没有超期的')).toEqual([late])
    expect(await say(HANDLER, '取消')).toEqual(['当前没有进行中的填报。'])
    expect(await hazardCount()).toBe(before)
  })

  it('answers 「明天到期的投诉」 with the to-do, the nearest deadline first (it was not understood)', async () => {
    const [answer] = await say(HANDLER, '明天到期的投诉')
    expect(answer).toMatch(/^【待办事项】共 \d+ 项，按期限先后排列/)
  })

  it('answers 「整改期限是几天」 with the rectification periods (it was not understood)', async () => {
    const [answer] = await say(HANDLER, '整改期限是几天')
    expect(answer).toMatch(/^交办时未另定期限的，整改期限自交办之日起算：建筑工地 \d+ 天/)
  })
})

describe('a leader asking for the late to be circulated, or after one unit', () => {
  it('urges every unit with something late on 「把超期的情况通报一下」 (it had opened a hazard form)', async () => {
    const before = await hazardCount()
    const [answer] = await say(LEADER, '把超期的情况通报一下')
    expect(answer).toMatch(/^已向 1 个有超期事项的单位发送催办提醒：\n· 市政建设总公司：超期隐患 0 项，超时投诉 1 件/)
    expect(await say(LEADER, '取消')).toEqual(['当前没有进行中的填报。'])
    expect(await hazardCount()).toBe(before)
  })

  it.each(['燃气办的情况', '市政建设总公司最近的工作情况'])(
    'answers 「%s」 with that unit’s month so far (it was not understood)',
    async (words) => {
      const [answer] = await say(LEADER, words)
      expect(answer).toMatch(/^本月截至目前（(?:燃气办|市政建设总公司)）：\n巡查 \d+ 次/)
    },
  )

  it('tells a supervisor where a notice to the units is sent (「发个通知提醒他们」 was not understood)', async () => {
    expect(await say(SUPERVISOR, '发个通知提醒他们')).toEqual([WORDING.broadcastNotHere])
  })
})

describe('what a patrol is to mind, asked', () => {
  it.each(['巡查的时候要注意什么', '巡查要点有哪些'])(
    'answers 「%s」 from the scheme, with the unit’s own scope (a patrol form had opened)',
    async (words) => {
      const before = await patrolCount()
      const [answer] = await say(STAFF, words)
      expect(answer).toContain('巡查人员统一着装上岗，紧盯生产风险大的时段和部位')
      expect(answer).toContain('市市政建设总公司负责市城区城市主次干道（含所有市政设施）安全日常巡查工作')
      expect(await say(STAFF, '取消')).toEqual(['当前没有进行中的填报。'])
      expect(await patrolCount()).toBe(before)
    },
  )
})

describe('how a saved record is put right, asked of none in particular', () => {
  it.each(['巡查记录怎么改', '怎么修改已经提交的巡查记录', '已经提交的巡查记录能改吗'])(
    'answers 「%s」 before anything is saved: nothing to put right',
    async (words) => {
      expect(await say(STAFF, words)).toEqual([WORDING.nothingSavedToAmend('巡查记录')])
    },
  )

  it('names the person’s latest patrol record and how it is voided once one is saved', async () => {
    await say(STAFF, '今天上午9点到11点巡查人民路 2人1车 未发现隐患')
    const [summary] = await say(STAFF, '确认')
    const code = lastCode([summary ?? ''], 'XC')
    const [answer] = await say(STAFF, '已经提交的巡查记录能改吗')
    expect(answer).toMatch(new RegExp(`^您最近的巡查记录是 ${code}（.*人民路）。已保存的巡查记录不能直接修改`))
  })

  it('answers 「隐患报错了怎么改」 about hazards, and leaves 「隐患可以改派吗」 to the handing-on answer', async () => {
    expect(await say(STAFF, '隐患报错了怎么改')).toEqual([WORDING.nothingSavedToAmend('隐患')])
    expect(await say(STAFF, '隐患可以改派吗')).toEqual([WORDING.notOurs])
  })
})

describe('the day’s dangers, asked after and acted on', () => {
  const citizen = 'o-asked-gas'
  let code = ''

  it('lists the dangers reported today with where each stands on 「今天的险情处理得怎么样了」 (the counts had answered)', async () => {
    code = lastCode(await chat(harness.services, citizen, '紧急！！楼下燃气管被挖断了 在滨湖路芙蓉小区', 'mp'), 'TS')
    const [answer] = await say(LEADER, '今天的险情处理得怎么样了')
    expect(answer).toMatch(new RegExp(`^今天市民报告险情 1 件：\\n· ${code} .*（滨湖路芙蓉小区）：已派单，燃气办$`))
    // A unit's handler hears their own unit's: the gas complaint is not 市政's.
    expect(await say(HANDLER, '今天的险情处理得怎么样了')).toEqual([
      '今天（市政建设总公司）没有市民报告的险情，也没有新发现的重大隐患。',
    ])
  })

  it('keeps 「燃气那个已经通知燃气公司了」 from the duty officer on that complaint (it was not understood)', async () => {
    expect(await say('demo:duty_officer', '燃气那个已经通知燃气公司了')).toEqual([
      `已记入投诉 ${code} 的办理进展（燃气办办理中）。需要催办请发送「${code} 催一下」。`,
    ])
  })

  it('chases the citizen’s complaint on 「怎么这么慢」 (they had been told how to report)', async () => {
    expect(await chat(harness.services, citizen, '怎么这么慢', 'mp')).toEqual([
      `已为您催办投诉 ${code}（目前已派单），并转告处理人员尽快办理，结果会在这里答复您。给您带来不便，敬请谅解。`,
    ])
  })

  it('tells staff what to do on 「发现险情怎么处理」 (it was not understood)', async () => {
    expect(await say(STAFF, '发现险情怎么处理')).toEqual([WORDING.staffDangerHowTo])
  })
})

describe('the inspections asked after', () => {
  it('answers 「质安处这个月督查过没有」 with that unit’s, and 「本月督查情况」 with the records (not the figures)', async () => {
    for (const answer of ['督查', '质安处', '今天上午9点', '王科长', '陈刚 李明', '检查了两个工地', '无', '无'])
      await say(SUPERVISOR, answer)
    const code = lastCode(await say(SUPERVISOR, '确认'), 'DC')
    const [ofUnit] = await say(SUPERVISOR, '质安处这个月督查过没有')
    expect(ofUnit).toMatch(new RegExp(`^本月对质安处的督查记录共 1 条：\\n· ${code} .* 质安处（带队：王科长）$`))
    expect(await say(SUPERVISOR, '燃气办这个月督查过没有')).toEqual(['本月还没有对燃气办的督查记录。'])
    const [month] = await say(LEADER, '本月督查情况')
    expect(month).toMatch(new RegExp(`^本月督查记录共 1 条：\\n· ${code} `))
  })
})

describe('a citizen about to send the place', () => {
  it('waits on 「我发个定位」 and files with the pin that follows (it had been told 「还不够具体」)', async () => {
    const citizen = 'o-asked-pin'
    await chat(harness.services, citizen, '路灯不亮好几天了', 'mp')
    expect(await chat(harness.services, citizen, '我发个定位', 'mp')).toEqual([WORDING.placeComing])
    expect(await chat(harness.services, citizen, '你们自己查', 'mp')).toEqual([WORDING.placeApproximate])
    const code = lastCode(
      await chat(
        harness.services,
        citizen,
        { kind: 'location', latitude: 29.03, longitude: 111.69, label: '常德市武陵区人民路168号' },
        'mp',
      ),
      'TS',
    )
    const filed = await database.db.select().from(complaints).where(eq(complaints.code, code))
    expect(filed).toMatchObject([{ citizenExternalId: citizen, locationText: '常德市武陵区人民路168号' }])
  })
})

describe('a rating before the answer, an approval and a request to be called', () => {
  it('thanks a citizen’s 「满意」 before the answer and says the result is still to come', async () => {
    const citizen = 'o-asked-rating'
    const code = lastCode(await chat(harness.services, citizen, '朗州路66号门口的路灯不亮', 'mp'), 'TS')
    expect(await chat(harness.services, citizen, '满意', 'mp')).toEqual([
      WORDING.citizenSatisfiedBeforeAnswer(code, 'assigned'),
    ])
  })

  it('takes a unit leader’s 「周报看了 没问题」 as signing (it was not understood)', async () => {
    expect(await say('demo:unit_leader', '周报看了 没问题')).toEqual(['当前没有等待您签字的报表或督查记录。'])
  })

  it('tells the duty officer what reaches them at night on 「晚上有情况打我电话」 (it was not understood)', async () => {
    expect(await say('demo:duty_officer', '晚上有情况打我电话')).toEqual([WORDING.staffSupport.notify_me])
  })
})

describe('a hazard announced by its grade, a record put off, and a unit’s place', () => {
  it('asks what is wrong after 「上报一个重大隐患」 and keeps the grade (the words had been the description)', async () => {
    expect(await say(STAFF, '上报一个重大隐患')).toEqual(['请描述发现的隐患。'])
    const [summary] = await say(STAFF, '人民路168号井盖缺失')
    expect(summary).toContain('隐患描述：人民路168号井盖缺失\n')
    expect(summary).toContain('等级：重大隐患\n')
    const code = lastCode(await say(STAFF, '确认'), 'YH')
    const [saved] = await database.db.select().from(hazards).where(eq(hazards.code, code))
    expect(saved).toMatchObject({ description: '人民路168号井盖缺失', level: 'major' })
  })

  it('answers 「明天补报」 with when the patrol record is due (it was taken for a step on a record in hand)', async () => {
    expect(await say(STAFF, '明天补报')).toEqual([WORDING.patrolRecordLater])
  })

  it('answers 「我们单位排第几」 with the unit’s score and place (it was not understood)', async () => {
    const [answer] = await say(STAFF, '我们单位排第几')
    expect(answer).toMatch(/^市政建设总公司2026年11月考核（截至目前）：\d+ 分，在 \d+ 个参加考核的单位中排第 \d+ 名/)
  })
})

describe('how a complaint in hand goes, said by its handler', () => {
  it.each([
    ['朗州路66号的路灯 要等电力公司来处理', '朗州路66号'],
    ['朗州路66号那个需要其他单位配合', '朗州路66号'],
    ['人民路168号 现场看了 没有这个问题', '人民路168号'],
  ])('keeps 「%s」 as the progress of the complaint it names (it was not understood)', async (words, place) => {
    const [complaint] = (await database.db.select().from(complaints).orderBy(complaints.id)).filter(
      (c) => c.unitId !== null && (c.locationText ?? '').includes(place),
    )
    expect(complaint).toBeDefined()
    const code = complaint?.code as string
    // (Not yet signed for: how to sign comes before how to answer.)
    const [kept] = await say(HANDLER, words)
    expect(kept).toMatch(new RegExp(`^已记入投诉 ${code} 的办理进展。.*办理完成后请发送「回复 ${code} 办理结果」`))
    const notes = await database.db
      .select({ note: complaintEvents.note })
      .from(complaintEvents)
      .where(eq(complaintEvents.complaintId, complaint?.id as number))
    expect(notes.map((n) => n.note)).toContainEqual(expect.stringContaining(words))
  })
})

describe('something repaired before, broken again', () => {
  it('files 「你们上次修的路又坏了」 as a new report, not a chase of the complaint still open', async () => {
    const citizen = 'o-asked-again'
    lastCode(await chat(harness.services, citizen, '德山大道有个井盖不见了', 'mp'), 'TS')
    expect(await chat(harness.services, citizen, '你们上次修的路又坏了', 'mp')).toEqual([WORDING.askPlace])
    lastCode(await chat(harness.services, citizen, '在人民路和朝阳路口', 'mp'), 'TS')
    const filed = await database.db
      .select()
      .from(complaints)
      .where(eq(complaints.citizenExternalId, citizen))
      .orderBy(complaints.id)
    expect(filed.map((c) => c.description)).toEqual(['德山大道有个井盖不见了', '你们上次修的路又坏了'])
  })
})

describe('where the records gather, and a danger counted', () => {
  it('answers 「哪条路隐患最多」 by road, the most first (a hazard form had opened)', async () => {
    const before = await hazardCount()
    const [answer] = await say(LEADER, '哪条路隐患最多')
    // The hazard filed above (人民路168号井盖缺失) counts under its road, its number left off.
    expect(answer).toMatch(/^本月发现的隐患（按路段或地点，多的在前）：\n1\. 人民路 \d+ 项/)
    expect(await say(LEADER, '取消')).toEqual(['当前没有进行中的填报。'])
    expect(await hazardCount()).toBe(before)
  })

  it('answers 「投诉最多的是哪个区域」 by road', async () => {
    const [answer] = await say(LEADER, '投诉最多的是哪个区域')
    expect(answer).toMatch(/^本月受理的投诉（按路段或地点，多的在前）：\n1\. \S+ \d+ 件/)
    expect(answer).toMatch(/\n\d+\. 滨湖路 1 件/)
  })

  it('answers 「最近一周燃气泄漏的投诉有几起」 with the open ones of that danger (a major hazard form had opened)', async () => {
    const before = await hazardCount()
    const [answer] = await say(LEADER, '最近一周燃气泄漏的投诉有几起')
    expect(answer).toMatch(/^与「燃气泄漏」相关的办理中投诉 1 件：\n· TS\d{8}-\d{4} /)
    expect(await say(LEADER, '取消')).toEqual(['当前没有进行中的填报。'])
    expect(await hazardCount()).toBe(before)
  })
})
