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
const SITES_HANDLER = 'demo:handler_zhianchu'
const UNIT_LEADER = 'demo:unit_leader'
const ADMIN = 'demo:admin'
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
    // How to add it, asked, is the same photo to come (it was told how to back-fill a patrol).
    await say(STAFF, '好了')
    expect(await say(STAFF, '刚才那个隐患拍了照片怎么补')).toEqual([WORDING.photoForHazardHow(code)])
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

describe('a lift added to an old building, asked about', () => {
  it('says where to apply and files nothing; unsafe works for one are still filed', async () => {
    const citizen = 'o-plain-lift'
    expect(await citizenSays(citizen, '你好 麻烦问下 老房子加装电梯找谁')).toEqual([
      WORDING.citizenOtherAgency.lift_retrofit,
    ])
    expect(await complaintsOf(citizen)).toEqual([])
    expect(lastCode(await citizenSays(citizen, '我们小区加装电梯施工 脚手架没有围挡 阳光小区'), 'TS')).toMatch(/^TS/)
  })
})

describe('a permit asked about', () => {
  it('says where permits are applied for and files nothing; a site working without one is still reported', async () => {
    const citizen = 'o-plain-permit'
    for (const asked of ['你好 我想咨询一下 自建房加层需要办什么手续', '施工许可证怎么办理'])
      expect(await citizenSays(citizen, asked)).toEqual([WORDING.citizenOtherAgency.permit_asked])
    expect(await complaintsOf(citizen)).toEqual([])
    expect(lastCode(await citizenSays(citizen, '有个工地没有施工许可证就开工了 在芙蓉路北段'), 'TS')).toMatch(/^TS/)
  })
})

describe('「作废」 alone', () => {
  it('tells a supervisor how to void a record, and anyone else that nothing is being filled in', async () => {
    expect(await say(SUPERVISOR, '作废')).toEqual([WORDING.voidHow])
    expect(await say(STAFF, '作废')).toEqual(['当前没有进行中的填报。'])
  })
})

describe('the duty roster of a week', () => {
  it('gives Monday to Sunday for 「这周值班表」, and one’s own days for 「我这周哪天值班」', async () => {
    const [week] = await say(LEADER, '这周值班表')
    const lines = week?.split('\n') ?? []
    expect(lines[0]).toBe('本周值班安排：')
    // 2026-11-23 is a Monday: the week is the 23rd to the 29th, a line a day.
    expect(lines.slice(1, 8).map((line) => line.slice(0, 2))).toEqual([
      '周一',
      '周二',
      '周三',
      '周四',
      '周五',
      '周六',
      '周日',
    ])
    expect(lines[1]).toMatch(/^周一（11月23日）：赵敏（11月23日 08:30至11月24日 08:30）$/)
    expect(lines[7]).toMatch(/^周日（11月29日）：/)
    const [next] = await say(LEADER, '下周谁值班')
    expect(next).toMatch(/^下周值班安排：\n周一（11月30日）：/)
    const [mine] = await say(DUTY, '我这周哪天值班')
    expect(mine).toMatch(/^您本周值班：\n周一（11月23日）：11月23日 08:30至11月24日 08:30/)
    // A single day is still answered on its own.
    expect(await say(LEADER, '今天谁值班')).toEqual(['今天（11月23日）值班：赵敏（11月23日 08:30至11月24日 08:30）'])
  })
})

describe('the time, and when patrols start', () => {
  it.each(['现在几点了', '今天几号', '今天星期几？'])('tells the date and time for 「%s」', async (words) => {
    expect(await say(STAFF, words)).toEqual(['现在是 2026年11月23日（星期一）17:00。'])
  })

  it('answers 「几点开始巡查」 with who sets the hours, and opens no form', async () => {
    expect(await say(STAFF, '几点开始巡查')).toEqual([WORDING.staffSupport.patrol_hours])
    expect(await say(STAFF, '取消')).toEqual(['当前没有进行中的填报。'])
  })
})

describe('a leader asking whose late records they are, and how many of a kind', () => {
  it('reads 「超期的投诉都是哪个单位的」 as the late ones, not who is responsible for what', async () => {
    const [answer] = await say(LEADER, '超期的投诉都是哪个单位的')
    expect(answer).not.toContain('各类隐患和投诉的责任单位')
    expect(answer).toMatch(/超期|超过办理时限/)
  })

  it('counts 「最近一周燃气方面的隐患多吗」 by kind (it was not understood)', async () => {
    await say(STAFF, '上报隐患 人民路燃气管道标识缺失 一般')
    await say(STAFF, '确认')
    const [answer] = await say(LEADER, '最近一周燃气方面的隐患多吗')
    expect(answer).toMatch(/^近7天发现的隐患（按类别/)
    expect(answer).toMatch(/燃气 \d+ 项/)
  })
})

describe('a citizen after the answer, and while asked where', () => {
  it('keeps 「还是没换」 and 「处理结果我不认可」 on the answered complaint, and files nothing new', async () => {
    const citizen = 'o-plain-after'
    const code = lastCode(await citizenSays(citizen, '人民路99号井盖没了'), 'TS')
    await citizenSays(citizen, '不用')
    await say(HANDLER, `回复 ${code} 已更换新井盖`)
    // (The answer's delivery may come with the next message: the reply to the words is the last.)
    expect((await citizenSays(citizen, '我去看了 还是没换')).at(-1)).toBe(WORDING.citizenStillUnresolved(code))
    expect((await citizenSays(citizen, '处理结果我不认可')).at(-1)).toBe(WORDING.citizenStillUnresolved(code))
    expect(await complaintsOf(citizen)).toHaveLength(1)
  })

  it('does not file a request said in answer to where as the place; the question stays', async () => {
    const citizen = 'o-plain-where'
    expect(await citizenSays(citizen, '路上有个大坑')).toEqual([WORDING.askPlace])
    expect(await citizenSays(citizen, '能不能把处理的照片发给我看看')).toEqual([WORDING.placeOtherQuestion])
    expect(await complaintsOf(citizen)).toEqual([])
    expect(lastCode(await citizenSays(citizen, '人民路与朗州路交叉口'), 'TS')).toMatch(/^TS/)
    const [complaint] = await complaintsOf(citizen)
    expect(complaint).toMatchObject({ description: '路上有个大坑', locationText: '人民路与朗州路交叉口' })
  })

  it('answers who reported someone and how to rate, filing nothing', async () => {
    const citizen = 'o-plain-asks'
    expect(await citizenSays(citizen, '我想知道是谁举报的')).toEqual([WORDING.citizenReporterConfidential])
    expect(await citizenSays(citizen, '我要给你们打分')).toEqual([WORDING.citizenHowToRate])
    expect(await complaintsOf(citizen)).toEqual([])
  })
})

describe('one’s own hazards of the day, listed', () => {
  it('lists 「我今天报了哪些隐患」 (the unit’s figures had answered it)', async () => {
    const [answer] = await say(STAFF, '我今天报了哪些隐患')
    expect(answer).toMatch(/^您最近上报的隐患：\n· YH20261123-\d{4}/)
    expect(answer).toContain('人民路燃气管道标识缺失')
  })
})

describe('a construction site’s hazard put right, in words', () => {
  it('takes 「…已经加装了防护栏杆」 as its rectification, 「整改完了」 again as the same form, and 「验收通过」 for the only one waiting', async () => {
    await say(STAFF, '上报隐患 建设路工地基坑没有防护栏杆 一般')
    const code = lastCode(await say(STAFF, '确认'), 'YH')
    await say(SITES_HANDLER, `收到 ${code}`)
    // 加装 had not been read as a repair (「暂未理解」).
    const [summary] = await say(SITES_HANDLER, '建设路工地那个基坑已经加装了防护栏杆')
    expect(summary).toContain('【整改反馈】请核对：')
    expect(summary).toContain(`隐患编号：${code}`)
    // It had been offered to drop the open form for a new one called 「整改完了」.
    const [again, repeated] = await say(SITES_HANDLER, '整改完了')
    expect(again).toBe(WORDING.sameFormOpen('整改反馈'))
    expect(repeated).toBe(summary)
    expect(await say(SITES_HANDLER, '确认')).toEqual([`已提交隐患 ${code} 的整改反馈，等待督查验收。`])
    const [verified] = await say(SUPERVISOR, '验收通过')
    expect(verified).toContain(`隐患 ${code}（建设路工地基坑没有防护栏杆）：【整改验收】请核对：`)
    await say(SUPERVISOR, '取消')
  })

  it('asks what was done for 「整改完了」 when one hazard is all the unit has to rectify (a number had been asked for)', async () => {
    await say(STAFF, '上报隐患 建设路工地脚手架没有安全网 一般')
    const code = lastCode(await say(STAFF, '确认'), 'YH')
    await say(SITES_HANDLER, `收到 ${code}`)
    expect(await say(SITES_HANDLER, '整改完了')).toEqual([
      `隐患 ${code}（建设路工地脚手架没有安全网）：请说明整改做了什么，可附整改后照片。`,
    ])
    await say(SITES_HANDLER, '取消')
  })
})

describe('local speech', () => {
  it('reads 冇得 and 么子 as 没有 and 什么: a patrol that found nothing, a manhole cover gone', async () => {
    const [summary] = await say(STAFF, '巡查人民路 发现么子问题都冇得 2人1车 9点到11点')
    expect(summary).toContain('【日巡查工作记录】请核对：')
    expect(summary).toContain('发现隐患：无\n')
    await say(STAFF, '取消')
    const citizen = 'o-plain-dialect'
    lastCode(await citizenSays(citizen, '我们屋门口那个井盖冇得了 人民路56号 好危险咯'), 'TS')
    const [complaint] = await complaintsOf(citizen)
    expect(complaint).toMatchObject({ category: 'road_municipal', locationText: '人民路56号' })
  })
})

describe('why a complaint went to that unit, asked without its number', () => {
  it('answers 「为什么我的投诉被派给园林局了」 for the latest complaint (it was told how to report)', async () => {
    const citizen = 'o-plain-why-unit'
    const code = lastCode(await citizenSays(citizen, '人民路88号 路边的大树倒了 压着电线'), 'TS')
    await citizenSays(citizen, '不用')
    expect(await citizenSays(citizen, '为什么我的投诉被派给园林局了')).toEqual([
      WORDING.citizenHandledByWhy(code, '园林局', '园林绿化'),
    ])
  })
})

describe('a unit’s leader asking and telling, in words', () => {
  it('opens no hazard form for 「我们单位的隐患谁在跟」', async () => {
    const [answer] = await say(UNIT_LEADER, '我们单位的隐患谁在跟')
    expect(answer).not.toContain('隐患在什么位置')
    expect(await say(UNIT_LEADER, '取消')).toEqual(['当前没有进行中的填报。'])
  })

  it('urges her unit for 「让李娜把超期的投诉处理一下」 (a hazard form had opened)', async () => {
    const [answer] = await say(UNIT_LEADER, '让李娜把超期的投诉处理一下')
    expect(answer).toMatch(/^已向市政建设总公司的经办人发送催办提醒（\d+ 个账号）：/)
    expect(await say(UNIT_LEADER, '取消')).toEqual(['当前没有进行中的填报。'])
  })

  it('reads 「本周周报我来签字」 as signing', async () => {
    expect(await say(UNIT_LEADER, '本周周报我来签字')).toEqual(['当前没有等待您签字的报表或督查记录。'])
  })
})

describe('an administrator asking after failures without naming the service', () => {
  it.each(['出了什么错误没有', '发送失败的消息有哪些'])('answers 「%s」 with the queues', async (words) => {
    const [answer] = await say(ADMIN, words)
    // (How many wait or failed depends on what the tests before queued: the words around the counts are checked.)
    expect(answer).toMatch(
      /^截至 11月23日 17:00，服务运行正常。\n待处理的来信 \d+ 条，待发送的消息 \d+ 条。\n处理失败的来信 \d+ 条，发送失败的消息 \d+ 条/,
    )
  })
})

describe('a wall taken out next door, and photos announced', () => {
  it('files 「把阳台的墙拆了」 as a house’s safety (it had been referred as a neighbour’s noise)', async () => {
    const citizen = 'o-plain-wall'
    lastCode(
      await citizenSays(
        citizen,
        '你好，我想问一下，我家楼上在装修，把阳台的墙拆了，会不会有安全问题？我住在建设路金穗小区3栋',
      ),
      'TS',
    )
    const [complaint] = await complaintsOf(citizen)
    expect(complaint).toMatchObject({ category: 'dangerous_house', locationText: '建设路金穗小区3栋' })
  })

  it('answers 「附件是照片」 with where the photos go: the complaint just made, or the one to come', async () => {
    const citizen = 'o-plain-photos'
    expect(await citizenSays(citizen, '附件是照片')).toEqual([WORDING.citizenPhotoFirst])
    const code = lastCode(await citizenSays(citizen, '桃花源路和人民路交叉口有个工地晚上偷偷施工'), 'TS')
    expect(await citizenSays(citizen, '照片如下')).toEqual([WORDING.citizenPhotoForComplaint(code)])
    expect(await complaintsOf(citizen)).toHaveLength(1)
  })
})

describe('a record number that no record has', () => {
  it('says it is not found, for each kind of number, and changes nothing (it was not understood)', async () => {
    const before = await database.db.select().from(complaints)
    expect(await say(DUTY, 'TS20261123-0909 已经电话通知施工单位停工了')).toEqual([
      WORDING.recordNotFound('TS20261123-0909'),
    ])
    expect((await say(LEADER, 'YH20261123-0909 怎么还没整改'))[0]).toContain('未找到编号为 YH20261123-0909 的隐患')
    expect((await say(SUPERVISOR, 'XC20261123-0909 这条记录有问题'))[0]).toContain(
      '未找到编号为 XC20261123-0909 的巡查记录',
    )
    expect(await database.db.select().from(complaints)).toEqual(before)
  })
})
