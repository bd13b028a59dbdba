import { and, eq } from 'drizzle-orm'
import ExcelJS from 'exceljs'
import { describe, expect, it } from 'vitest'
import { periodicReports } from '../../src/db/schema'
import { HOUR_MS, ManualClock } from '../../src/domain/clock'
import { zonedInstant } from '../../src/domain/local-time'
import { periodOfDate } from '../../src/domain/periods'
import { runPeriodicReports } from '../../src/jobs/periodic-reports'
import { jobSettings } from '../../src/jobs/scheduler'
import { applyHazardCommand } from '../../src/services/hazards'
import { recordPatrol } from '../../src/services/patrols'
import { unitScore } from '../../src/services/unit-scores'
import type { testApp } from '../helpers/app'
import { chat } from '../helpers/chat'
import { type CityLookup, PATROL_UNIT_NAMES, SUPERVISING_UNIT_NAMES } from '../helpers/city'
import { TEST_TIME_ZONE, type TestDatabase } from '../helpers/db'
import { useSeededApp } from '../helpers/seeded'
import { cellText, readBook } from '../helpers/workbook'

const TZ = TEST_TIME_ZONE
// National Day 2025: the week of Mon Sep 29 – Sun Oct 5 has only two working days, and Oct 6–8 are holidays too.
const clock = new ManualClock(zonedInstant('2025-09-29', TZ, 8))
let database: TestDatabase
let harness: ReturnType<typeof testApp>
let city: CityLookup

useSeededApp(clock, (seeded) => {
  ;({ database, harness, city } = seeded)
})

const patrolsInWeek = [
  { day: '2025-09-29', staff: 2, vehicles: 1, hazards: ['井盖缺失', '路面塌陷严重'] },
  { day: '2025-09-30', staff: 3, vehicles: 2, hazards: ['护栏松动'] },
]

async function readSheet(path: string, name: string): Promise<(string | number | null)[][]> {
  const book = new ExcelJS.Workbook()
  await book.xlsx.readFile(path)
  const sheet = book.getWorksheet(name)
  if (!sheet) throw new Error(`no sheet ${name}`)
  const rows: (string | number | null)[][] = []
  sheet.eachRow({ includeEmpty: true }, (row) => {
    rows.push((row.values as (string | number | null)[]).slice(1))
  })
  return rows
}

describe('weekly report over the National Day holiday', () => {
  it('is drafted after the week, due on the first working day after it, with the ledger’s figures in the XLSX', async () => {
    const shizheng = city.unit('shizheng')
    const staff = city.actor('张伟')
    let firstHazardId = 0
    for (const p of patrolsInWeek) {
      clock.set(zonedInstant(p.day, TZ, 12))
      const saved = await recordPatrol({
        ctx: harness.services.ctx,
        input: {
          unitId: shizheng,
          startedAt: zonedInstant(p.day, TZ, 9),
          endedAt: zonedInstant(p.day, TZ, 11),
          area: '柳叶湖大道',
          patrollers: '张伟',
          staffCount: p.staff,
          vehicleCount: p.vehicles,
          hazards: p.hazards.map((d) => ({
            description: d,
            category: 'road_municipal' as const,
            level: d.includes('严重') ? ('major' as const) : ('general' as const),
          })),
        },
        actor: staff,
      })
      firstHazardId ||= saved.hazards[0]?.id ?? 0
    }
    // One hazard is rectified and closed within the week.
    await applyHazardCommand({
      ctx: harness.services.ctx,
      hazardId: firstHazardId,
      command: { action: 'report_rectification', note: '已补装' },
      actor: city.actor('李娜'),
    })
    await applyHazardCommand({
      ctx: harness.services.ctx,
      hazardId: firstHazardId,
      command: { action: 'verify_pass' },
      actor: city.actor('陈刚'),
    })

    clock.set(zonedInstant('2025-10-06', TZ, 9))
    const drafted = await runPeriodicReports(
      harness.services.ctx,
      harness.services.config.reportsDir,
      (await jobSettings(harness.services)).quiet,
    )
    expect(drafted).toBeGreaterThan(0)
    const [weekly] = await database.db
      .select()
      .from(periodicReports)
      .where(
        and(
          eq(periodicReports.kind, 'weekly'),
          eq(periodicReports.unitId, shizheng),
          eq(periodicReports.periodStart, '2025-09-29'),
        ),
      )
    expect(weekly).toBeDefined()
    // Oct 6–8 are holidays: due at the end of Thursday Oct 9.
    expect(weekly?.dueAt.toISOString()).toBe(new Date(zonedInstant('2025-10-10', TZ).getTime() - 1).toISOString())

    // Independently: 2 patrols, 5 staff, 3 vehicles, 3 hazards (2 general, 1 major), 1 rectified.
    const staffTotal = patrolsInWeek.reduce((n, p) => n + p.staff, 0)
    const vehicleTotal = patrolsInWeek.reduce((n, p) => n + p.vehicles, 0)
    const hazardTotal = patrolsInWeek.reduce((n, p) => n + p.hazards.length, 0)
    const book = await readBook(weekly?.filePath ?? '')
    expect(book.worksheets.map((w) => w.name)).toEqual([
      '附件3 周报表',
      '附件2 市政建设总公司 09-29',
      '附件2 市政建设总公司 09-30',
    ])
    const form = book.getWorksheet('附件3 周报表')
    if (!form) throw new Error('no 附件3')
    expect(cellText(form, 'A1')).toBe('常德市住房和城乡建设局安全巡查隐患台账及整改情况周报表')
    expect(cellText(form, 'A2')).toBe('呈报单位（盖章）：市政建设总公司')
    expect(cellText(form, 'H2')).toBe('2025 年 10 月 6 日')
    // The grid, label then value: 周/月, 出动人员（人次）, 出动车辆（台次）, 发现隐患（处）, 整改隐患（处）, 巡查人员.
    expect(['B3', 'D3', 'F3', 'H3', 'J3', 'L3'].map((a) => cellText(form, a))).toEqual([
      '2025-09-29 至 2025-10-05',
      String(staffTotal),
      String(vehicleTotal),
      String(hazardTotal),
      '1',
      '张伟',
    ])
    expect(
      cellText(form, 'B4')
        .split('\n')
        .map((line) => line.replace(/ YH\S+/, '')),
    ).toEqual([
      '1. 井盖缺失（柳叶湖大道，一般隐患，已销号）',
      '2. 路面塌陷严重（柳叶湖大道，重大隐患，已上报）',
      '3. 护栏松动（柳叶湖大道，一般隐患，已交办）',
    ])
    expect(cellText(form, 'A8')).toBe('分管领导签字：待确认')
    expect(cellText(form, 'G8')).toBe('填表人：待确认')
    // 附件2: one row per hazard, the patrol's time, place and people merged over them.
    const day = book.getWorksheet('附件2 市政建设总公司 09-29')
    if (!day) throw new Error('no 附件2')
    expect(cellText(day, 'A1')).toBe('常德市住房和城乡建设局安全日巡查工作记录表')
    expect(cellText(day, 'A2')).toBe('2025 年 9 月 29 日')
    expect(cellText(day, 'A4')).toBe('09:00—11:00')
    expect(cellText(day, 'C4')).toMatch(/^井盖缺失（YH/)
    expect(cellText(day, 'D4')).toBe('已销号：已补装')
    expect(cellText(day, 'C5')).toMatch(/^路面塌陷严重（YH/)
    expect((day.model as { merges: string[] }).merges).toEqual(expect.arrayContaining(['A4:A5', 'B4:B5', 'E4:E5']))
  })

  it('is confirmed by the handler and submitted by the leader’s signature, and a second run drafts nothing new', async () => {
    expect((await chat(harness.services, 'demo:handler', '上报周报'))[0]).toContain('落实整改情况（草稿）：')
    const confirmed = await chat(harness.services, 'demo:handler', '确认上报周报')
    expect(confirmed[0]).toBe(
      '已确认周报表（2025-09-29 至 2025-10-05）。还需要：分管领导签字（孙建国），签字后自动上报。',
    )
    const signed = await chat(harness.services, 'demo:unit_leader', '签字')
    expect(signed[0]).toContain('已上报周报表（2025-09-29 至 2025-10-05）')
    const [weekly] = await database.db
      .select()
      .from(periodicReports)
      .where(and(eq(periodicReports.kind, 'weekly'), eq(periodicReports.unitId, city.unit('shizheng'))))
    expect(weekly?.submittedAt).toEqual(clock.now())
    expect(
      await runPeriodicReports(
        harness.services.ctx,
        harness.services.config.reportsDir,
        (await jobSettings(harness.services)).quiet,
      ),
    ).toBe(0)
  })
})

describe('city-wide monthly report and the score', () => {
  it('files 附件4 with every patrol unit’s figures and the score sheet in the monthly XLSX', async () => {
    clock.set(zonedInstant('2025-11-03', TZ, 9))
    await runPeriodicReports(
      harness.services.ctx,
      harness.services.config.reportsDir,
      (await jobSettings(harness.services)).quiet,
    )
    const [monthly] = await database.db
      .select()
      .from(periodicReports)
      .where(and(eq(periodicReports.kind, 'monthly'), eq(periodicReports.periodStart, '2025-10-01')))
    expect(monthly?.unitId).toBe(city.unit('anjianke'))
    const rows = await readSheet(monthly?.filePath ?? '', '各单位汇总')
    expect(rows.slice(3).map((r) => r[0])).toEqual([...PATROL_UNIT_NAMES, '合计'])
    const sheets = await readBook(monthly?.filePath ?? '')
    expect(sheets.worksheets.map((w) => w.name)).toEqual(['附件4 月报表', '各单位汇总', '考核'])
    const scores = await readSheet(monthly?.filePath ?? '', '考核')
    expect(scores[2]).toEqual([
      '单位',
      '组织（10分）',
      '实施（80分）',
      '问责追责（10分）',
      '得分',
      '扣分细则（附件1）',
      '扣分事实',
    ])
    // Each unit once, its parts adding up to its score; every deduction on its own row with its 附件1 line.
    // The table ends at the blank row; the scoring formula is printed under it.
    const end = scores.findIndex((r, i) => i > 3 && r.every((cell) => !cell))
    const table = scores.slice(3, end)
    const unitRows = table.filter((r) => r[0])
    expect(unitRows.map((r) => r[0])).toEqual([...SUPERVISING_UNIT_NAMES, ...PATROL_UNIT_NAMES])
    for (const r of unitRows) expect(Number(r[1]) + Number(r[2]) + Number(r[3])).toBe(Number(r[4]))
    expect(table.every((r) => r[5] === '无' || /^\d-\d /.test(String(r[5])))).toBe(true)
    expect(String(scores[end + 1]?.[0])).toMatch(/^计分方法：得分 = 组织（10分）\+ 实施（80分）\+ 问责追责（10分）/)
  })

  it('deducts 5 points for a weekly report left unsubmitted past its due time', async () => {
    const shizheng = city.unit('shizheng')
    // The week of Oct 13–19 was drafted on the Monday run; nobody confirmed it before Monday Oct 20 ended.
    clock.set(zonedInstant('2025-10-20', TZ, 9))
    await runPeriodicReports(
      harness.services.ctx,
      harness.services.config.reportsDir,
      (await jobSettings(harness.services)).quiet,
    )
    clock.set(zonedInstant('2025-10-21', TZ, 9))
    await runPeriodicReports(
      harness.services.ctx,
      harness.services.config.reportsDir,
      (await jobSettings(harness.services)).quiet,
    )
    clock.set(zonedInstant('2025-11-05', TZ, 9))
    const score = await unitScore(harness.services.ctx, shizheng, periodOfDate('month', '2025-10-15', TZ))
    const missing = score.deductions.filter((d) => d.rule === 'missing_report')
    expect(missing).toHaveLength(1)
    expect(missing[0]).toMatchObject({ points: 5, ref: '2025-10-13起' })
    expect(missing[0]?.reason).toContain('周报表未上报')
  })

  it('reminds on the due day when a report is still open', async () => {
    clock.set(zonedInstant('2025-10-27', TZ, 10))
    await runPeriodicReports(
      harness.services.ctx,
      harness.services.config.reportsDir,
      (await jobSettings(harness.services)).quiet,
    )
    clock.set(new Date(clock.now().getTime() + HOUR_MS))
    await runPeriodicReports(
      harness.services.ctx,
      harness.services.config.reportsDir,
      (await jobSettings(harness.services)).quiet,
    )
    const { notifications, outbox } = await import('../../src/db/schema')
    const [report] = await database.db
      .select()
      .from(periodicReports)
      .where(
        and(
          eq(periodicReports.kind, 'weekly'),
          eq(periodicReports.unitId, city.unit('shizheng')),
          eq(periodicReports.periodStart, '2025-10-20'),
        ),
      )
    const claims = await database.db
      .select()
      .from(notifications)
      .where(and(eq(notifications.subjectType, 'report'), eq(notifications.subjectId, String(report?.id))))
    expect(claims.map((c) => [c.kind, c.slot])).toEqual([['report_due', '2025-10-27']])
    const sent = await database.db.select().from(outbox)
    const reminders = sent.filter((r) => r.dedupeKey?.startsWith(`notice:${claims[0]?.id}:`))
    // One reminder, to each person responsible (the unit's handler and its leader).
    expect(reminders.length).toBe(2)
    expect(JSON.stringify(reminders[0]?.message)).toContain('报表到期提醒')
  })
})
