import { and, eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { hazards, periodicReports, units } from '../../src/db/schema'
import { HOUR_MS, ManualClock } from '../../src/domain/clock'
import { zonedInstant } from '../../src/domain/local-time'
import { periodOfDate } from '../../src/domain/periods'
import { recordAccident } from '../../src/services/accidents'
import { recordFinding } from '../../src/services/assessment-findings'
import { applyComplaintCommand, receiveComplaint } from '../../src/services/complaints'
import type { ServiceContext } from '../../src/services/context'
import { reportHazard } from '../../src/services/hazards'
import { recordPatrol, recordSupervision } from '../../src/services/patrols'
import { draftReport } from '../../src/services/reports'
import { type CityLookup, loadCity } from '../helpers/city'
import { createTestDatabase, seedDefaults, serviceContext, TEST_TIME_ZONE, type TestDatabase } from '../helpers/db'
import { readBook } from '../helpers/workbook'

/**
 * A whole city's October simulated from the ledger (source 000 附件1): every unit went live on October 1st,
 * each patrol unit patrols every working day except where a lapse is scripted, the supervising units inspect
 * as scripted, and the 考核 sheet of 安监科's October 附件4 is asserted cell by cell.
 */
const TZ = TEST_TIME_ZONE
const clock = new ManualClock(zonedInstant('2026-10-01', TZ, 8))
const october = periodOfDate('month', '2026-10-01', TZ)
let database: TestDatabase
let ctx: ServiceContext
let city: CityLookup
const reportsDir = `/tmp/xunan-assessment-month-${process.pid}`

beforeAll(async () => {
  database = await createTestDatabase()
  await seedDefaults(database, clock.now())
  ctx = serviceContext(database, clock)
  city = await loadCity(database.db)
  await database.db.update(units).set({ goLiveOn: '2026-10-01' })
})
afterAll(async () => database?.drop())

const PATROL_UNITS = [
  'zhianchu',
  'qiaoguanchu',
  'ranqiban',
  'shizheng',
  'daoguanchu',
  'yuanlin',
  'fangguanju',
  'zilaishui',
]

async function patrol(unit: string, day: string) {
  return recordPatrol({
    ctx,
    input: {
      unitId: city.unit(unit),
      startedAt: zonedInstant(day, TZ, 9),
      endedAt: zonedInstant(day, TZ, 11),
      area: '城区主干道',
      patrollers: '张伟、老王',
      staffCount: 2,
      vehicleCount: 1,
      hazards: [],
    },
    actor: city.actor('张伟'),
  })
}

async function inspect(supervisor: string, unit: string, day: string) {
  await recordSupervision({
    ctx,
    input: {
      supervisorUnitId: city.unit(supervisor),
      inspectedUnitId: city.unit(unit),
      inspectedAt: zonedInstant(day, TZ, 15),
      lead: '陈刚',
      members: '陈刚、赵敏',
      matters: '日巡查台账、隐患整改落实情况',
    },
    actor: city.actor('陈刚'),
  })
}

describe('a month simulated for the whole city', () => {
  it('gives the assessment table cell by cell', async () => {
    const calendar = await ctx.calendar.get()
    const workingDays = calendar.workingDaysBetween(october.start, october.end)
    // 市政建设总公司 misses its two last working days; everyone else patrols every working day.
    const [missed1, missed2] = workingDays.slice(-2)
    for (const day of workingDays) {
      clock.set(zonedInstant(day, TZ, 12))
      for (const unit of PATROL_UNITS) {
        if (unit === 'shizheng' && (day === missed1 || day === missed2)) continue
        await patrol(unit, day)
      }
    }

    // 质安处: a hazard with a deadline inside October, never rectified (2-3, −10).
    clock.set(zonedInstant('2026-10-12', TZ, 10))
    const hazard = await reportHazard({
      ctx,
      input: { description: '塔吊基础积水', category: 'construction_site', locationText: '滨湖路工地' },
      actor: city.actor('王强'),
    })
    await database.db
      .update(hazards)
      .set({
        unitId: city.unit('zhianchu'),
        foundByUnitId: city.unit('zhianchu'),
        rectifyDueAt: zonedInstant('2026-10-20', TZ, 18),
      })
      .where(eq(hazards.id, hazard.id))
    // 市政建设总公司: a complaint replied after 30 hours (2-4, −10).
    const complaint = await receiveComplaint({
      ctx,
      input: { channel: 'mp', category: 'road_municipal', description: '人民路井盖松动' },
    })
    clock.advance(HOUR_MS)
    await applyComplaintCommand({
      ctx,
      complaintId: complaint.id,
      command: { action: 'accept' },
      actor: city.actor('李娜'),
    })
    clock.advance(29 * HOUR_MS)
    await applyComplaintCommand({
      ctx,
      complaintId: complaint.id,
      command: { action: 'reply', outcome: '已更换井盖' },
      actor: city.actor('李娜'),
    })

    // 安监科 inspects every patrol unit twice, 桥管处 only once (2-6, −5).
    for (const unit of PATROL_UNITS) {
      await inspect('anjianke', unit, '2026-10-14')
      if (unit !== 'qiaoguanchu') await inspect('anjianke', unit, '2026-10-28')
    }
    // 城建科 twice on 市政建设总公司; 市管网办 never (2 × −5); 市公用局 twice on each of its units.
    await inspect('chengjianke', 'shizheng', '2026-10-15')
    await inspect('chengjianke', 'shizheng', '2026-10-29')
    for (const unit of ['ranqiban', 'zilaishui']) {
      await inspect('gongyongju', unit, '2026-10-16')
      await inspect('gongyongju', unit, '2026-10-26')
    }

    // 安监科's findings: 道管处's plan not published (1-4, −2); 园林局 without an accountability mechanism (3-1, −10).
    const admin = { personId: city.actor('陈刚').personId, label: '陈刚' }
    await recordFinding(ctx, admin, {
      unitId: city.unit('daoguanchu'),
      rule: 'plan_unpublished',
      appliesOn: '2026-10-20',
      reason: '巡查方案未向社会公布',
    })
    await recordFinding(ctx, admin, {
      unitId: city.unit('yuanlin'),
      rule: 'no_accountability_mechanism',
      appliesOn: '2026-10-21',
      reason: '未建立考评问责机制',
    })
    // 燃气办: a concealed general accident — 一票否决 whatever its points.
    await recordAccident(ctx, admin, {
      unitId: city.unit('ranqiban'),
      occurredOn: '2026-10-18',
      place: '武陵大道燃气管道',
      level: 'general',
      deaths: 0,
      reporting: 'concealed',
      mediaExposure: 'none',
      description: '管道泄漏引发轻微闪爆，事后未按规定报告',
    })

    // November 2nd: October is over; 安监科's October 附件4 carries the 考核 sheet.
    clock.set(zonedInstant('2026-11-02', TZ, 10))
    await draftReport(ctx, reportsDir, {
      kind: 'monthly',
      unitId: city.unit('anjianke'),
      period: october,
      dueAt: zonedInstant('2026-11-06', TZ, 18),
      provisional: false,
    })
    const [report] = await database.db
      .select()
      .from(periodicReports)
      .where(and(eq(periodicReports.kind, 'monthly'), eq(periodicReports.unitId, city.unit('anjianke'))))
    const sheet = (await readBook(report?.filePath ?? '')).getWorksheet('考核')
    if (!sheet) throw new Error('no 考核 sheet')
    const table: (string | number)[][] = []
    sheet.eachRow((row, n) => {
      const unit = row.getCell(1).value
      // A unit's figures are on its first row; its further deduction rows and the formula lines are not.
      const formula = typeof unit === 'string' && /^(计分|季度|有方案)/.test(unit)
      if (n > 3 && typeof unit === 'string' && unit !== '' && !formula)
        table.push([1, 2, 3, 4, 5].map((c) => row.getCell(c).value as string | number))
    })
    expect(table).toEqual([
      // unit, 组织 10, 实施 80, 问责 10, 得分
      ['安监科', 10, 75, 10, 95],
      ['建管科', 10, 80, 10, 100],
      ['城建科', 10, 80, 10, 100],
      ['市管网办', 10, 70, 10, 90],
      ['市公用局', 10, 80, 10, 100],
      ['质安处', 10, 70, 10, 90],
      ['桥管处', 10, 80, 10, 100],
      ['燃气办', 10, 80, 10, '一票否决（100分）'],
      // Two days without a patrol (2 × (2-1 −2, 2-6 −5)) and the late complaint (−10).
      ['市政建设总公司', 10, 56, 10, 76],
      ['道管处', 8, 80, 10, 98],
      ['园林局', 10, 80, 0, 90],
      ['房管局', 10, 80, 10, 100],
      ['自来水公司', 10, 80, 10, 100],
    ])
    // Every deduction row names its 附件1 line.
    const lines: string[] = []
    sheet.eachRow((row, n) => {
      const line = row.getCell(6).value
      if (n > 3 && typeof line === 'string' && line !== '无') lines.push(line)
    })
    expect(lines).toEqual(
      expect.arrayContaining([
        '2-6 巡查、督查工作不按规定次数落实，每少一次扣5分',
        '2-3 安全隐患整改不及时不处理扣10分',
        '2-4 社会监督举报、投诉处理不及时（超过1天）扣10分',
        '1-4 方案未及时向社会公布扣2分',
        '3-1 未建立巡查（督查）考评、问责机制扣10分',
        '一票否决（方案五）',
      ]),
    )
  })
})
