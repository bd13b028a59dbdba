import { eq } from 'drizzle-orm'
import ExcelJS from 'exceljs'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { PATROL_CHECKLIST } from '../../bots/patrol-checklist'
import {
  identities,
  media,
  patrols,
  people,
  problemEvents,
  problemItems,
  teamChecklistResults,
  units,
} from '../../src/db/schema'
import { ManualClock } from '../../src/domain/clock'
import { zonedInstant } from '../../src/domain/local-time'
import { recordTeamPatrol } from '../../src/services/team-patrols'
import { FakeWechatApi } from '../fakes/wechat-api'
import { testApp } from '../helpers/app'
import { createTestDatabase, seedDefaults, TEST_TIME_ZONE, type TestDatabase } from '../helpers/db'
import { postForm } from '../helpers/requests'
import { wecomEnv } from '../helpers/wechat'
import { wecomChat } from '../helpers/wecom-chat'

/**
 * A patrol team (巡查组, source 001) on WeCom: the team of 3–5, the source 003 checklist item by item, each
 * 不符合 on the problem list, and the list closed item by item (诊断分析 → 分类处置 → 移交督办 → 整改销号).
 */
const TZ = TEST_TIME_ZONE
const clock = new ManualClock(zonedInstant('2026-11-23', TZ, 16))
let database: TestDatabase
let fake: FakeWechatApi
let harness: ReturnType<typeof testApp>

beforeAll(async () => {
  database = await createTestDatabase()
  await seedDefaults(database, clock.now())
  fake = await new FakeWechatApi(clock).start()
  harness = testApp(database, clock, wecomEnv(fake.baseUrl))
  lina = wecomChat(harness, fake, clock, 'lina', '7700000000000')
  const [person] = await database.db.select().from(people).where(eq(people.name, '李娜'))
  await database.db
    .insert(identities)
    .values({ personId: person?.id, channel: 'wecom', botId: 'default', externalId: 'lina' })
})
afterAll(async () => {
  await fake?.stop()
  await database?.drop()
})
afterEach(() => fake.reset())

/** 李娜 on WeCom, through the signed, encrypted callback. */
let lina: ReturnType<typeof wecomChat>
const say = (content: string) => lina.say(content)
const sendPhoto = (mediaId: string) => lina.sendPhoto(mediaId)

let problemCodes: string[] = []

describe('a patrol team with the checklist, on WeCom', () => {
  it('refuses a team of fewer than 3, naming the rule, and walks the checklist item by item', async () => {
    expect(await say('巡查组')).toContain('巡查组名称')
    expect(await say('第一巡查组')).toContain('组长是谁')
    expect(await say('李娜')).toContain('组员有哪些')
    expect(await say('王刚')).toContain('巡查组由3至5人组成（含组长），现为2人。')
    expect(await say('王刚、赵强')).toContain('巡查的是哪个单位或乡镇')
    await say('丹阳街道')
    await say('今天上午9点')
    const first = await say('今天下午3点')
    expect(first).toContain(`检查表第1/${PATROL_CHECKLIST.length}项【贯彻落实上级决策部署】`)
    expect(await say('符合')).toContain(`检查表第2/${PATROL_CHECKLIST.length}项`)
    expect(await say('说不好')).toContain('请回复「符合」「不符合 问题说明」或「不适用」')
    await say('不符合 未及时向党政主要负责人汇报上级指示')
    // A photo of the missing record goes with the item just answered 不符合.
    expect(await sendPhoto('MEDIA_TEAM_1')).toContain('已添加照片')
    // Item 3 does not apply; then all of section 二 at once.
    const sectionTwo = await say('不适用')
    expect(sectionTwo).toContain('【领导责任】')
    const sectionThree = await say('本节符合')
    expect(sectionThree).toContain('【重点行业领域专项整治情况】')
    await say('不符合 未制定餐饮场所燃气安全专项整治方案')
    const summary = await say('其余符合')
    expect(summary).toContain('【巡查组巡查】请核对')
    expect(summary).toContain(
      `检查表（${PATROL_CHECKLIST.length}项）：符合 ${PATROL_CHECKLIST.length - 3} 项，不符合 2 项，不适用 1 项`,
    )
    expect(summary).toContain('未制定餐饮场所燃气安全专项整治方案')
    expect(summary).toContain('未及时向党政主要负责人汇报上级指示（照片1张）')
    const saved = await say('确认')
    expect(saved).toMatch(/巡查组巡查已保存，编号 XC\d{8}-\d{4}。问题清单 2 项/)
    problemCodes = [...saved.matchAll(/WT\d{8}-\d{4}/g)].map((m) => m[0]).slice(0, 2)
    expect(problemCodes).toHaveLength(2)

    const [patrol] = await database.db.select().from(patrols).where(eq(patrols.kind, 'team'))
    expect(patrol).toMatchObject({
      teamName: '第一巡查组',
      teamLeader: '李娜',
      patrollers: '李娜、王刚、赵强',
      area: '丹阳街道',
      staffCount: 3,
    })
    // The team's report: 5 working days after the patrol (Mon Nov 23 → Mon Nov 30).
    expect(patrol?.reportDueAt?.getTime()).toBe(zonedInstant('2026-12-01', TZ).getTime() - 1)
    const results = await database.db.select().from(teamChecklistResults)
    expect(results).toHaveLength(PATROL_CHECKLIST.length)
    expect(results.filter((r) => r.verdict === 'fail').map((r) => r.itemId)).toEqual(['1.1.2', '3.1.1'])
    const withPhoto = results.find((r) => r.itemId === '1.1.2')
    expect(withPhoto?.mediaIds).toHaveLength(1)
    const [photo] = await database.db
      .select()
      .from(media)
      .where(eq(media.id, withPhoto?.mediaIds[0] ?? 0))
    expect(photo).toMatchObject({ externalMediaId: 'MEDIA_TEAM_1', subjectType: 'patrol', subjectId: patrol?.id })
  })

  it('closes the problem list item by item, each step an event, the report back within a month', async () => {
    const [deadline, immediate] = problemCodes as [string, string]
    expect(await say(`分类 ${deadline} 限期 12月20日`)).toContain('不能分类处置')
    expect(await say(`诊断 ${deadline} 未建立信息报送制度`)).toContain('请写明原因和类别')
    expect(await say(`诊断 ${deadline} 未建立信息报送制度；制度建设`)).toContain('已诊断分析')
    expect(await say(`分类 ${deadline} 限期 12月20日`)).toContain('已分类处置')
    const handed = await say(`移交 ${deadline} 丹阳街道办事处`)
    expect(handed).toContain('已移交督办，被巡查单位须在 12月23日 23:59 前反馈整改情况')
    expect(await say(`销号 ${deadline} 已建立信息报送制度并报送`)).toContain('已整改销号')

    await say(`诊断 ${immediate} 专项整治部署不到位；工作部署`)
    await say(`分类 ${immediate} 立即整改`)
    expect(await say(`移交 ${immediate} 丹阳街道`)).toContain('立即整改的问题无需移交')
    expect(await say(`销号 ${immediate} 已当场制定方案`)).toContain('已整改销号')

    const items = await database.db.select().from(problemItems)
    expect(items.every((p) => p.status === 'closed')).toBe(true)
    const events = await database.db.select().from(problemEvents)
    expect(events.map((e) => e.kind).sort()).toEqual(
      ['classify', 'classify', 'close', 'close', 'diagnose', 'diagnose', 'hand_over', 'listed', 'listed'].sort(),
    )
    const [patrol] = await database.db.select().from(patrols).where(eq(patrols.kind, 'team'))
    const page = await (await harness.app.request(`/console/patrols/${patrol?.code}`)).text()
    expect(page).toContain('问题清单（2）')
    expect(page).toContain('已整改销号')
  })
})

describe('the problem list and the team report in the console', () => {
  it('works a problem through from the patrol page, and files the report with the checklist', async () => {
    const [lina] = await database.db.select().from(people).where(eq(people.name, '李娜'))
    const { patrol, problems } = await recordTeamPatrol(
      harness.services.ctx,
      {
        teamName: '第二巡查组',
        teamLeader: '李娜',
        members: '王刚、赵强、孙丽',
        target: '永安街道',
        startedAt: zonedInstant('2026-11-23', TZ, 9),
        endedAt: zonedInstant('2026-11-23', TZ, 12),
        results: PATROL_CHECKLIST.map((item) =>
          item.id === '2.1.1'
            ? { itemId: item.id, verdict: 'fail' as const, note: '安全生产未纳入会议议程' }
            : { itemId: item.id, verdict: 'pass' as const },
        ),
      },
      { personId: lina?.id ?? null, role: 'unit_handler', unitId: lina?.unitId ?? null },
    )
    const [problem] = problems
    if (!problem) throw new Error('no problem')
    const step = (form: Record<string, string>) => postForm(harness.app, `/console/problems/${problem.code}/step`, form)
    expect((await step({ action: 'close', result: '已整改' })).status).toBe(400)
    expect((await step({ action: 'diagnose', cause: '议事规则未更新', category: '领导责任' })).status).toBe(303)
    expect((await step({ action: 'classify', disposition: 'immediate', dueOn: '' })).status).toBe(303)
    expect((await step({ action: 'close', result: '已修订议事规则并列入议程' })).status).toBe(303)
    const [closed] = await database.db.select().from(problemItems).where(eq(problemItems.code, problem.code))
    expect(closed).toMatchObject({ status: 'closed', disposition: 'immediate', result: '已修订议事规则并列入议程' })

    const res = await harness.app.request(`/console/patrols/${patrol.code}/team-report.xlsx`)
    expect(res.status).toBe(200)
    const book = new ExcelJS.Workbook()
    await book.xlsx.load(Buffer.from(await res.arrayBuffer()) as never)
    const checklist = book.getWorksheet('检查表')
    expect(checklist?.rowCount).toBe(3 + PATROL_CHECKLIST.length)
    const failed = checklist?.getRow(3 + PATROL_CHECKLIST.findIndex((i) => i.id === '2.1.1') + 1)
    expect([failed?.getCell(4).value, failed?.getCell(5).value]).toEqual(['不符合', '安全生产未纳入会议议程'])
    expect(book.getWorksheet('问题清单')?.getRow(2).getCell(3).value).toBe('已整改销号')
  })
})

describe('a team patrol entered in the console', () => {
  it('takes the team, dates and checklist from the form, refusing a team of six', async () => {
    const page = await (await harness.app.request('/console/patrols/team/new')).text()
    expect(page).toContain(PATROL_CHECKLIST[0]?.text ?? '')
    const [shizheng] = await database.db.select().from(units).where(eq(units.code, 'shizheng'))
    const form = (members: string) => ({
      teamName: '第三巡查组',
      teamLeader: '李娜',
      members,
      target: '芙蓉街道',
      startedAt: '2026-11-23T09:00',
      endedAt: '2026-11-23T11:30',
      unitId: String(shizheng?.id),
      'v_1.1.1': 'fail',
      'n_1.1.1': '未传达学习上级指示',
      'v_1.1.2': 'na',
    })
    const six = await postForm(harness.app, '/console/patrols/team', form('甲、乙、丙、丁、戊'))
    expect(six.status).toBe(400)
    expect(await six.text()).toContain('巡查组由3至5人组成（含组长），现为6人。')
    const saved = await postForm(harness.app, '/console/patrols/team', form('甲、乙'))
    expect(saved.status).toBe(303)
    const code = decodeURIComponent(saved.headers.get('location')?.split('/').pop() ?? '')
    const [patrol] = await database.db.select().from(patrols).where(eq(patrols.code, code))
    expect(patrol).toMatchObject({ teamName: '第三巡查组', area: '芙蓉街道', staffCount: 3 })
    const results = await database.db
      .select()
      .from(teamChecklistResults)
      .where(eq(teamChecklistResults.patrolId, patrol?.id ?? 0))
    expect(results).toHaveLength(PATROL_CHECKLIST.length)
    const problems = await database.db
      .select()
      .from(problemItems)
      .where(eq(problemItems.patrolId, patrol?.id ?? 0))
    expect(problems.map((p) => p.description)).toEqual(['【贯彻落实上级决策部署】未传达学习上级指示'])
  })
})

describe('a team patrol over several days', () => {
  it('takes 「11月20日到11月22日」 as whole days and asks no hour', async () => {
    await say('巡查组')
    await say('第四巡查组')
    await say('李娜')
    await say('王刚、赵强')
    await say('永安街道')
    expect(await say('11月20日到11月22日')).toContain(`检查表第1/${PATROL_CHECKLIST.length}项`)
    const summary = await say('其余符合')
    expect(summary).toContain('开始时间：11月20日\n结束时间：11月22日')
    expect(await say('确认')).toMatch(/巡查组巡查已保存，编号 XC\d{8}-\d{4}/)
    const [patrol] = await database.db.select().from(patrols).where(eq(patrols.teamName, '第四巡查组'))
    expect(patrol?.startedAt.getTime()).toBe(zonedInstant('2026-11-20', TZ).getTime())
    expect(patrol?.endedAt?.getTime()).toBe(zonedInstant('2026-11-22', TZ, 23, 59).getTime())
  })
})

describe('a team named the way people answer', () => {
  it('takes 「王五 赵六 钱七」 to 组长 as the leader and the members, asks again for members that name no one, and keeps 「今天上午」 as the day', async () => {
    await say('巡查组')
    await say('第五巡查组')
    // The whole list had been one leader's name, and the team's size could never come right.
    expect(await say('王五 赵六 钱七')).toContain('巡查的是哪个单位或乡镇（街道）？')
    await say('取消')
    await say('巡查组')
    await say('第五巡查组')
    await say('王科长')
    for (const notNames of ['人民路沿线工地', '3'])
      expect(await say(notNames)).toContain(`没能识别“${notNames}”。多人用顿号分隔`)
    // 「无」: nobody besides the leader — the team's size rule, named.
    expect(await say('无')).toContain('巡查组由3至5人组成（含组长），现为1人。')
    await say('李明、张强')
    await say('丹阳街道')
    // A day and its half is the day for a team patrol: no hour asked.
    expect(await say('今天上午')).toContain('巡查到什么时候结束？')
    await say('今天')
    const summary = await say('其余符合')
    expect(summary).toContain('组长：王科长\n组员：李明、张强')
    expect(summary).toContain('开始时间：11月23日\n结束时间：11月23日')
    await say('取消')
  })
})

describe('a team given box by box with its labels', () => {
  it('keeps 「组长陈刚 组员王强 李娜」 in both boxes, and takes neither a turn-out nor a finding for the unit inspected', async () => {
    await say('巡查组')
    await say('第六巡查组')
    // Each had been refused as no name for the leader.
    expect(await say('组长陈刚 组员王强 李娜')).toContain('巡查的是哪个单位或乡镇（街道）？')
    for (const notAUnit of ['4人2车', '发现问题2个 已现场整改1个'])
      expect(await say(notAUnit)).toContain(`没能识别“${notAUnit}”。例如：丹阳街道`)
    // Several boxes at once, after their labels.
    expect(await say('被巡查单位：丹阳街道 开始时间：今天 结束时间：今天')).toContain('检查表第1/')
    const summary = await say('其余符合')
    expect(summary).toContain('组长：陈刚\n组员：王强、李娜')
    expect(summary).toContain('丹阳街道')
    await say('取消')
  })
})
