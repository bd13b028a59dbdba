import { createHash } from 'node:crypto'
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { and, eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import {
  campaigns,
  campaignUnits,
  hazards,
  notifications,
  outbox,
  patrols,
  people,
  periodicReports,
  signoffs,
  supervisions,
} from '../../src/db/schema'
import { CATEGORY_LABELS } from '../../src/domain/categories'
import { ManualClock } from '../../src/domain/clock'
import { zonedInstant } from '../../src/domain/local-time'
import { runPeriodicReports } from '../../src/jobs/periodic-reports'
import { jobSettings } from '../../src/jobs/scheduler'
import type { ReportContent } from '../../src/reports/report-content'
import { applyHazardCommand } from '../../src/services/hazards'
import { recordPatrol } from '../../src/services/patrols'
import { renderReport } from '../../src/services/reports'
import type { testApp } from '../helpers/app'
import { chat, lastCode } from '../helpers/chat'
import type { CityLookup } from '../helpers/city'
import { TEST_TIME_ZONE, type TestDatabase } from '../helpers/db'
import { callApi, postForm } from '../helpers/requests'
import { useSeededApp } from '../helpers/seeded'
import { cellText, describeSheet, readBook, type SheetLayout } from '../helpers/workbook'

/**
 * The statutory paperwork for a simulated September 2026 in the demo city (source 000 附件2–5, source 004
 * 附件): the forms' layout against golden descriptions, their figures against the ledger, sign-off in chat
 * and the console, submission only once signed, frozen afterwards, and the campaign table over two months.
 */
const TZ = TEST_TIME_ZONE
const clock = new ManualClock(zonedInstant('2026-09-07', TZ, 8))
let database: TestDatabase
let harness: ReturnType<typeof testApp>
let city: CityLookup
const ADMIN_TOKEN = 'paperwork-admin-token-0123456789'

useSeededApp(
  clock,
  (seeded) => {
    ;({ database, harness, city } = seeded)
  },
  { API_TOKEN: ADMIN_TOKEN, DEMO: '1' },
)

const GOLDEN = join(import.meta.dirname, '../fixtures/paperwork/layouts.json')
const goldens: Record<string, SheetLayout> = JSON.parse(readFileSync(GOLDEN, 'utf8'))
const written: Record<string, SheetLayout> = {}

/** Compares a sheet with its golden layout; UPDATE_GOLDEN=1 rewrites the file from this run instead. */
function expectLayout(key: string, layout: SheetLayout): void {
  if (process.env.UPDATE_GOLDEN) {
    written[key] = layout
    writeFileSync(GOLDEN, `${JSON.stringify({ ...goldens, ...written }, null, 2)}\n`)
    return
  }
  expect(layout, `layout of ${key}`).toEqual(goldens[key])
}

async function runJob(at: Date): Promise<number> {
  clock.set(at)
  const { ctx, config } = harness.services
  return runPeriodicReports(ctx, config.reportsDir, (await jobSettings(harness.services)).quiet)
}

async function report(kind: string, unit: string, periodStart: string) {
  const [row] = await database.db
    .select()
    .from(periodicReports)
    .where(
      and(
        eq(periodicReports.kind, kind as 'weekly'),
        eq(periodicReports.unitId, city.unit(unit)),
        eq(periodicReports.periodStart, periodStart),
      ),
    )
  if (!row) throw new Error(`no ${kind} report of ${unit} from ${periodStart}`)
  return row
}

async function patrol(day: string, from: number, to: number, area: string, patrollers: string, found: string[]) {
  clock.set(zonedInstant(day, TZ, to, 10))
  return recordPatrol({
    ctx: harness.services.ctx,
    input: {
      unitId: city.unit('shizheng'),
      startedAt: zonedInstant(day, TZ, from),
      endedAt: zonedInstant(day, TZ, to),
      area,
      patrollers,
      teamLeader: patrollers.split('、')[0],
      staffCount: patrollers.split('、').length,
      vehicleCount: found.length ? 1 : 0,
      hazards: found.map((description) => ({
        description,
        category: 'road_municipal' as const,
        level: description.includes('严重') ? ('major' as const) : ('general' as const),
      })),
    },
    actor: city.actor('张伟'),
  })
}

async function closeHazard(id: number, at: Date): Promise<void> {
  clock.set(at)
  await applyHazardCommand({
    ctx: harness.services.ctx,
    hazardId: id,
    command: { action: 'report_rectification', note: '已更换井盖' },
    actor: city.actor('李娜'),
  })
  await applyHazardCommand({
    ctx: harness.services.ctx,
    hazardId: id,
    command: { action: 'verify_pass' },
    actor: city.actor('陈刚'),
  })
}

function contentOf(row: { data: unknown } | undefined): ReportContent {
  if (!row?.data) throw new Error('report has no content')
  return row.data as ReportContent
}

function sha(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex')
}

describe('the week of 2026-09-14 (附件2, 附件3)', () => {
  it('drafts a 附件2 per patrol day and 附件3 with the ledger’s figures; 整改隐患 counts a hazard found the week before', async () => {
    const earlier = await patrol('2026-09-10', 9, 11, '人民路', '张伟、王刚', ['人民路井盖破损'])
    await patrol('2026-09-14', 9, 11, '柳叶湖大道', '张伟、王刚', ['井盖缺失', '路面塌陷严重'])
    await patrol('2026-09-15', 14, 16, '武陵大道', '张伟、李强', [])
    await closeHazard(earlier.hazards[0]?.id ?? 0, zonedInstant('2026-09-16', TZ, 15))

    // The supervising office inspects the unit through the chat form; the unit's leader acknowledges it.
    clock.set(zonedInstant('2026-09-16', TZ, 10))
    await chat(harness.services, 'demo:supervisor', '督查')
    for (const answer of ['市政建设总公司', '今天上午9点', '陈刚', '陈刚、赵敏', '日巡查台账、隐患整改落实情况'])
      await chat(harness.services, 'demo:supervisor', answer)
    await chat(harness.services, 'demo:supervisor', '台账记录不完整')
    await chat(harness.services, 'demo:supervisor', '一周内补齐台账')
    const code = lastCode(await chat(harness.services, 'demo:supervisor', '确认'), 'DC')
    const [supervision] = await database.db.select().from(supervisions).where(eq(supervisions.code, code))
    const cards = await database.db.select().from(outbox)
    const card = cards.find((r) => r.dedupeKey?.startsWith(`supervision-sign:${supervision?.id}:`))
    expect(card?.message).toMatchObject({
      type: 'card',
      buttons: [{ key: `supervision.sign:${supervision?.id}`, text: '确认签字' }],
    })
    clock.set(zonedInstant('2026-09-16', TZ, 16, 5))
    expect((await chat(harness.services, 'demo:unit_leader', '我的待办'))[0]).toContain(`· ${code} 督查记录待签字`)
    expect(await chat(harness.services, 'demo:unit_leader', `签字 ${code}`)).toEqual([
      `督查记录 ${code}：已签字（被督单位领导签字）`,
    ])

    expect(await runJob(zonedInstant('2026-09-21', TZ, 9))).toBeGreaterThan(0)
    const weekly = await report('weekly', 'shizheng', '2026-09-14')
    const book = await readBook(weekly.filePath ?? '')
    expect(book.worksheets.map((w) => w.name)).toEqual([
      '附件3 周报表',
      '附件2 市政建设总公司 09-14',
      '附件2 市政建设总公司 09-15',
    ])
    const form = book.getWorksheet('附件3 周报表')
    if (!form) throw new Error('no 附件3')
    // Independently from the ledger: 4 person-times, 1 vehicle, 2 found, 1 closed (found on Sept 10).
    expect(['D3', 'F3', 'H3', 'J3', 'L3'].map((a) => cellText(form, a))).toEqual([
      '4',
      '1',
      '2',
      '1',
      '张伟、王刚、李强',
    ])
    expect(cellText(form, 'B5')).toContain('整改销号 1 处')
  })

  it('signs the day’s record from the leader’s card and submits it with the name and time on the form', async () => {
    const daily = await report('daily', 'shizheng', '2026-09-14')
    const card = (await database.db.select().from(outbox)).find((r) =>
      r.dedupeKey?.startsWith(`report-sign:${daily.id}:`),
    )
    expect(card?.message).toMatchObject({ buttons: [{ key: `report.sign:${daily.id}`, text: '确认签字' }] })
    // Both know what is waiting for them.
    expect((await chat(harness.services, 'demo:unit_leader', '我的待办'))[0]).toContain(
      '· 日巡查工作记录表 待签字（发送「签字」）：2026-09-14',
    )
    expect((await chat(harness.services, 'demo:handler', '我的待办'))[0]).toContain(
      '· 周报表 待确认上报（发送「上报周报」）：2026-09-14 至 2026-09-20',
    )
    // Someone else pressing the button is told who signs.
    expect(await chat(harness.services, 'demo:handler', { kind: 'card', key: `report.sign:${daily.id}` })).toEqual([
      '该报表应由孙建国签字，您不是签字人。',
    ])
    clock.set(zonedInstant('2026-09-21', TZ, 9, 12))
    expect(await chat(harness.services, 'demo:unit_leader', { kind: 'card', key: `report.sign:${daily.id}` })).toEqual([
      '已上报日巡查工作记录表（2026-09-14），签字已记录，报表不再变动。',
    ])
    const signed = await report('daily', 'shizheng', '2026-09-14')
    expect(signed.submittedAt).toEqual(clock.now())
    const sheet = (await readBook(signed.filePath ?? '')).worksheets[0]
    if (!sheet) throw new Error('no sheet')
    expectLayout('附件2 安全日巡查工作记录表', describeSheet(sheet))
    expect(cellText(sheet, 'C9')).toBe('单位分管或主管领导签字：孙建国（2026-09-21 09:12 确认）')
    expect(cellText(sheet, 'A9')).toBe('巡查带队领导签字：张伟（2026-09-14 11:10 确认）')
  })

  it('cannot be submitted unsigned; the handler edits and confirms, the leader signs, and the form is frozen', async () => {
    const weekly = await report('weekly', 'shizheng', '2026-09-14')
    const refused = await callApi(harness.app, ADMIN_TOKEN, 'POST', `/reports/${weekly.id}/transitions`, {
      action: 'submit',
    })
    expect(refused.status).toBe(422)
    expect((await report('weekly', 'shizheng', '2026-09-14')).submittedAt).toBeNull()

    clock.set(zonedInstant('2026-09-21', TZ, 10))
    expect((await chat(harness.services, 'demo:handler', '工作建议：加强夜间巡查，雨后复查井盖'))[0]).toContain(
      '已更新周报表（2026-09-14 起）的「工作建议」',
    )
    // Typed 上报周报 shows the boxes the unit writes first; 确认上报周报 accepts them.
    const shown = await chat(harness.services, 'demo:handler', '上报周报')
    expect(shown[0]).toContain('周报表（2026-09-14 至 2026-09-20）请核对：')
    expect(shown[0]).toContain('工作建议（草稿）：加强夜间巡查，雨后复查井盖')
    expect(shown[0]).toContain('采用请回复「确认上报周报」')
    expect(await chat(harness.services, 'demo:handler', '确认上报周报')).toEqual([
      '已确认周报表（2026-09-14 至 2026-09-20）。还需要：分管领导签字（孙建国），签字后自动上报。',
    ])
    // Not yet signed: the form says so.
    const pending = await readBook((await report('weekly', 'shizheng', '2026-09-14')).filePath ?? '')
    const pendingForm = pending.getWorksheet('附件3 周报表')
    if (!pendingForm) throw new Error('no 附件3')
    expect(cellText(pendingForm, 'A8')).toBe('分管领导签字：待确认')
    expect(cellText(pendingForm, 'G8')).toBe('填表人：李娜（2026-09-21 10:00 确认）')

    clock.set(zonedInstant('2026-09-21', TZ, 10, 30))
    const signed = await chat(harness.services, 'demo:unit_leader', '签字')
    // 「签字」 signs everything waiting for this leader: the other day's record first, then the week.
    expect(signed).toEqual([
      '已上报日巡查工作记录表（2026-09-15），签字已记录，报表不再变动。\n已上报周报表（2026-09-14 至 2026-09-20），签字已记录，报表不再变动。',
    ])
    const submitted = await report('weekly', 'shizheng', '2026-09-14')
    expect(submitted.submittedAt).toEqual(clock.now())
    const book = await readBook(submitted.filePath ?? '')
    const form = book.getWorksheet('附件3 周报表')
    if (!form) throw new Error('no 附件3')
    expectLayout('附件3 周报表', describeSheet(form))
    expect(cellText(form, 'A8')).toBe('分管领导签字：孙建国（2026-09-21 10:30 确认）')
    expect(cellText(form, 'B6')).toBe('加强夜间巡查，雨后复查井盖')
    const day = book.getWorksheet('附件2 市政建设总公司 09-15')
    if (!day) throw new Error('no 附件2')
    // A patrol without hazards is one row reading 无; the day's record carries its own signature.
    expect(cellText(day, 'C4')).toBe('无')
    expect(cellText(day, 'C9')).toBe('单位分管或主管领导签字：孙建国（2026-09-21 10:30 确认）')

    // Frozen: the ledger changes, a render is attempted, the file and figures stay as submitted.
    const before = sha(submitted.filePath ?? '')
    await patrol('2026-09-18', 9, 10, '朗州路', '张伟', ['朗州路护栏缺失'])
    expect(await renderReport(harness.services.ctx, harness.services.config.reportsDir, submitted)).toEqual(submitted)
    expect(sha(submitted.filePath ?? '')).toBe(before)
    const after = await report('weekly', 'shizheng', '2026-09-14')
    expect(contentOf(after).totals.patrolCount).toBe(2)
  })
})

describe('the month of September (附件4, 附件5) and the bulletin', () => {
  it('refreshes the quarterly bulletin draft from the ledger each day until it is submitted', async () => {
    const before = await database.db.select().from(periodicReports).where(eq(periodicReports.kind, 'bulletin'))
    expect(before).toHaveLength(1)
    // Drafted on Sept 21, before the Sept 18 patrol recorded later and the one on Sept 22.
    expect(contentOf(before[0]).totals.patrolCount).toBe(3)
    await patrol('2026-09-22', 9, 11, '人民路', '张伟', [])
    await runJob(zonedInstant('2026-09-23', TZ, 9))
    const [after] = await database.db.select().from(periodicReports).where(eq(periodicReports.kind, 'bulletin'))
    const inQuarter = (await database.db.select().from(patrols)).filter((p) => p.voidedAt === null).length
    expect(inQuarter).toBe(5)
    expect(contentOf(after).totals.patrolCount).toBe(inQuarter)
  })

  it('files 附件4 with distinct patrollers and the complete ledger by industry, and 附件5 with both signatures', async () => {
    await runJob(zonedInstant('2026-10-09', TZ, 9))
    const monthly = await report('monthly', 'anjianke', '2026-09-01')
    const book = await readBook(monthly.filePath ?? '')
    expect(book.worksheets.map((w) => w.name)).toEqual([
      '附件4 月报表',
      expect.stringMatching(/^附件5 DC/),
      '各单位汇总',
      '考核',
    ])
    const form = book.getWorksheet('附件4 月报表')
    if (!form) throw new Error('no 附件4')
    // 张伟, 王刚, 李强: three people, however many patrols they went on.
    expect(cellText(form, 'D3')).toBe('3')
    const found = await database.db.select().from(hazards)
    const september = found.filter((h) => h.foundAt >= zonedInstant('2026-09-01', TZ) && h.status !== 'voided')
    expect(cellText(form, 'H3')).toBe(String(september.length))
    const ledger = cellText(form, 'B4')
    for (const h of september) expect(ledger).toContain(h.code)
    expect(ledger.split('\n')[0]).toBe(`【${CATEGORY_LABELS.road_municipal}】${september.length} 处`)
    expect(cellText(form, 'L3')).toBe('待确认')

    // The supervising office confirms; its leader (刘明) signs; the form is complete.
    expect((await chat(harness.services, 'demo:supervisor', '确认上报月报'))[0]).toContain(
      '还需要：分管领导签字（刘明）',
    )
    expect((await chat(harness.services, 'demo:leader', '签字'))[0]).toContain(
      '已上报月报表（2026-09-01 至 2026-09-30）',
    )
    const signed = await readBook((await report('monthly', 'anjianke', '2026-09-01')).filePath ?? '')
    const [monthlyForm, supervisionForm] = signed.worksheets
    if (!monthlyForm || !supervisionForm) throw new Error('missing sheets')
    expectLayout('附件4 月（季）报表', describeSheet(monthlyForm))
    expectLayout('附件5 安全督查工作记录表', describeSheet(supervisionForm))
    expect(cellText(supervisionForm, 'B7')).toBe('孙建国（2026-09-16 16:05 确认）')
    expect(cellText(supervisionForm, 'D7')).toMatch(/^陈刚（2026-09-16 \d\d:\d\d 确认）$/)
  })
})

describe('the special-campaign statistics table (source 004 附件)', () => {
  it('is drafted for last month, filled in chat, submitted, and the next month adds up since the start', async () => {
    // Drafted at the first run in September for August, due on Friday Sept 18.
    const august = await report('campaign', 'shizheng', '2026-08-01')
    expect(august.dueAt).toEqual(new Date(zonedInstant('2026-09-19', TZ).getTime() - 1))
    clock.set(zonedInstant('2026-10-09', TZ, 10))
    expect((await chat(harness.services, 'demo:handler', '上报统计表'))[0]).toContain('统计表第1、3、4、5部分尚未填写')
    const september = await report('campaign', 'shizheng', '2026-09-01')
    // Sept 2026 table is filed in October: the 18th is a Sunday, so it is due on Monday Oct 19.
    expect(september.dueAt).toEqual(new Date(zonedInstant('2026-10-20', TZ).getTime() - 1))
  })

  it('sums sections 1 and 3 over the months filed and counts only major hazards as 挂牌督办', async () => {
    // August's table: submitted through the console form, as 李娜.
    const august = await report('campaign', 'shizheng', '2026-08-01')
    const entries = {
      study: { sessions: 2, mediaReports: 1 },
      enforcement: {
        crackdowns: 1,
        closures: 0,
        suspensions: 0,
        finesWan: 2.5,
        jointPunishments: 0,
        accountableUnits: 0,
        accountablePeople: 0,
      },
      risks: { identified: 5, controlled: 4 },
      problems: [
        { aspect: '加强安全生产基础建设方面', problem: '监管人员不足', detail: '专职2人', measures: '已申请增编' },
      ],
    }
    await database.db.update(periodicReports).set({ entries }).where(eq(periodicReports.id, august.id))
    expect((await chat(harness.services, 'demo:handler', { kind: 'card', key: `report.submit:${august.id}` }))[0]).toBe(
      '已上报专项整治统计表（2026-08-01 至 2026-08-31），签字已记录，报表不再变动。',
    )

    // September's table in chat: last month's risks and problems are offered, only sections 1 and 3 asked.
    const listed = (await database.db.select().from(hazards)).filter((h) => h.foundByUnitId === city.unit('shizheng'))
    const major = listed.find((h) => h.level === 'major')
    const general = listed.find((h) => h.level === 'general' && h.status !== 'closed')
    await database.db
      .update(hazards)
      .set({ listedSupervision: true })
      .where(eq(hazards.id, major?.id ?? 0))
    await database.db
      .update(hazards)
      .set({ listedSupervision: true })
      .where(eq(hazards.id, general?.id ?? 0))
    expect(await chat(harness.services, 'demo:handler', '填报统计表')).toEqual([
      '本月组织学习习近平总书记关于安全生产重要论述的专题学习几次？刊登（推出）重点报道几篇？',
    ])
    await chat(harness.services, 'demo:handler', '1、2')
    const summary = await chat(harness.services, 'demo:handler', '无')
    expect(summary[0]).toContain('安全风险辨识及管控：重大安全风险辨识评估数量 5，有效管控数量 4')
    expect(summary[0]).toContain('加强安全生产基础建设方面：监管人员不足；专职2人；已申请增编')
    expect((await chat(harness.services, 'demo:handler', '确认'))[0]).toContain('已保存专项整治统计表（2026-09）')
    expect((await chat(harness.services, 'demo:handler', '上报统计表'))[0]).toBe(
      '已上报专项整治统计表（2026-09-01 至 2026-09-30），签字已记录，报表不再变动。',
    )
    const september = await report('campaign', 'shizheng', '2026-09-01')
    const sheet = (await readBook(september.filePath ?? '')).worksheets[0]
    if (!sheet) throw new Error('no sheet')
    expectLayout('专项整治三年行动统计表', describeSheet(sheet))
    // Section 1: 2 + 1 sessions, 1 + 2 reports; section 3: August's figures carried.
    expect([cellText(sheet, 'H4'), cellText(sheet, 'H5')]).toEqual(['3', '3'])
    expect(['C11', 'F11'].map((a) => cellText(sheet, a))).toEqual(['1', '2.5'])
    // Section 2 from the ledger since the campaign started (June 1): the major hazard only is 挂牌督办.
    const sinceStart = listed.filter((h) => h.foundAt <= zonedInstant('2026-10-01', TZ))
    expect(cellText(sheet, 'C8')).toBe(String(sinceStart.filter((h) => h.level === 'general').length))
    expect(cellText(sheet, 'F8')).toBe(String(sinceStart.filter((h) => h.level === 'major').length))
    expect(cellText(sheet, 'I8')).toBe('1')
    expect(cellText(sheet, 'A21')).toBe('联系人：李娜')
    expect(cellText(sheet, 'F21')).toBe('联系方式：13800000002')
  })

  it('reminds the units that have not filed on the 15th and on the due day', async () => {
    const zhianchu = await report('campaign', 'zhianchu', '2026-09-01')
    await runJob(zonedInstant('2026-10-15', TZ, 10))
    await runJob(zonedInstant('2026-10-19', TZ, 10))
    const claims = await database.db
      .select()
      .from(notifications)
      .where(and(eq(notifications.subjectType, 'report'), eq(notifications.subjectId, String(zhianchu.id))))
    expect(claims.map((c) => c.slot).sort()).toEqual(['2026-10-15', '2026-10-19'])
    const texts = (await database.db.select().from(outbox))
      .filter((r) => claims.some((c) => r.dedupeKey?.startsWith(`notice:${c.id}:`)))
      .map((r) => (r.message as { text: string }).text)
    expect(texts.some((t) => t.includes('专项整治统计表（2026-09-01 起）将于 10月19日 23:59 到期'))).toBe(true)
    // The unit that filed is not reminded.
    const shizheng = await report('campaign', 'shizheng', '2026-09-01')
    const filed = await database.db
      .select()
      .from(notifications)
      .where(and(eq(notifications.subjectType, 'report'), eq(notifications.subjectId, String(shizheng.id))))
    expect(filed).toHaveLength(0)
    expect(await database.db.select().from(signoffs)).not.toHaveLength(0)
  })
})

describe('a long month (附件4 续表)', () => {
  it('continues a long ledger on a 续表 sheet instead of cutting it to a top ten', async () => {
    for (let i = 0; i < 16; i++) await patrol('2026-10-12', 9, 10, `迎宾路${i}号`, '张伟', [`迎宾路${i}号井盖松动`])
    await runJob(zonedInstant('2026-11-02', TZ, 9))
    const monthly = await report('monthly', 'anjianke', '2026-10-01')
    const book = await readBook(monthly.filePath ?? '')
    const continuation = book.getWorksheet('附件4 行业隐患分类台账（续表）')
    if (!continuation) throw new Error('no 续表')
    const form = book.getWorksheet('附件4 月报表')
    expect(cellText(form as NonNullable<typeof form>, 'B4')).toBe(
      `共 16 处：${CATEGORY_LABELS.road_municipal} 16 处。逐项台账见续表。`,
    )
    const rows = describeSheet(continuation)
    expect(Object.keys(rows.cells).filter((a) => /^C\d+$/.test(a) && a !== 'C3')).toHaveLength(16)
    expect(rows.page.printTitlesRow).toBe('1:3')
  })
})

describe('the report pages and campaigns in the console', () => {
  async function signInAs(name: string): Promise<string> {
    const [person] = await database.db.select().from(people).where(eq(people.name, name))
    const res = await postForm(harness.app, '/console/login/demo', { personId: String(person?.id) })
    return (res.headers.get('set-cookie') ?? '').split(';')[0] ?? ''
  }
  const get = (path: string, cookie: string) => harness.app.request(path, { headers: { cookie } })

  it('lets the unit edit and confirm its report and the leader sign it, showing who signed and when', async () => {
    const weekly = await report('weekly', 'shizheng', '2026-10-26')
    const lina = await signInAs('李娜')
    const list = await (await get('/console/reports', lina)).text()
    expect(list).toContain('周报表')
    expect(list).not.toMatch(/>weekly</)
    const page = await (await get(`/console/reports/${weekly.id}`, lina)).text()
    expect(page).toContain('分管领导签字：待确认')
    expect(page).toContain('待确认上报')

    const edit = await postForm(
      harness.app,
      `/console/reports/${weekly.id}/narrative`,
      { suggestions: '雨季加密巡查' },
      { cookie: lina },
    )
    expect(edit.status).toBe(303)
    expect((await report('weekly', 'shizheng', '2026-10-26')).narrative?.suggestions).toBe('雨季加密巡查')
    expect((await postForm(harness.app, `/console/reports/${weekly.id}/confirm`, {}, { cookie: lina })).status).toBe(
      303,
    )
    // 李娜 is not the signer: a clear refusal, nothing signed.
    const refused = await postForm(harness.app, `/console/reports/${weekly.id}/sign`, {}, { cookie: lina })
    expect(refused.status).toBe(400)
    expect(await refused.text()).toContain('该报表应由孙建国签字，您不是签字人。')

    const sun = await signInAs('孙建国')
    expect((await postForm(harness.app, `/console/reports/${weekly.id}/sign`, {}, { cookie: sun })).status).toBe(303)
    const filed = await report('weekly', 'shizheng', '2026-10-26')
    expect(filed.submittedAt).toEqual(clock.now())
    const signedPage = await (await get(`/console/reports/${weekly.id}`, sun)).text()
    expect(signedPage).toContain('分管领导签字：孙建国（2026-11-02 09:00 确认）')
    expect(signedPage).toContain('填表人：李娜（2026-11-02 09:00 确认）')
    expect(signedPage).toContain('内容已固定')
    // Another unit's handler does not see it.
    expect((await get(`/console/reports/${weekly.id}`, await signInAs('王强'))).status).toBe(404)
  })

  it('lets the administrator start a campaign with its units, refusing bad dates with a reason', async () => {
    const before = await database.db.select().from(campaigns)
    const bad = await postForm(harness.app, '/console/admin/campaigns', {
      name: '燃气安全专项整治',
      startsOn: '2026-12-01',
      endsOn: '2026-11-01',
      [`unit_${city.unit('ranqiban')}`]: 'on',
    })
    expect(bad.status).toBe(400)
    expect(await bad.text()).toContain('结束日期不能早于开始日期')
    expect(await database.db.select().from(campaigns)).toHaveLength(before.length)
    const good = await postForm(harness.app, '/console/admin/campaigns', {
      name: '燃气安全专项整治',
      startsOn: '2026-11-01',
      [`unit_${city.unit('ranqiban')}`]: 'on',
    })
    expect(good.status).toBe(303)
    const [created] = await database.db.select().from(campaigns).where(eq(campaigns.name, '燃气安全专项整治'))
    const members = await database.db
      .select()
      .from(campaignUnits)
      .where(eq(campaignUnits.campaignId, created?.id ?? 0))
    expect(members.map((m) => m.unitId)).toEqual([city.unit('ranqiban')])
    const page = await (await harness.app.request('/console/admin/campaigns')).text()
    expect(page).toContain('燃气安全专项整治')
    expect(page).toContain('2026-11-01 至 —')
  })
})
