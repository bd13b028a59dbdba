import { eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { hazards, periodicReports, supervisions, units } from '../../src/db/schema'
import { DAY_MS, HOUR_MS, ManualClock } from '../../src/domain/clock'
import { RuleViolation } from '../../src/domain/errors'
import { zonedInstant } from '../../src/domain/local-time'
import { periodOfDate } from '../../src/domain/periods'
import { applyComplaintCommand, receiveComplaint } from '../../src/services/complaints'
import type { ServiceContext } from '../../src/services/context'
import { periodFigures } from '../../src/services/figures'
import { applyHazardCommand, reportHazard } from '../../src/services/hazards'
import { recordPatrol } from '../../src/services/patrols'
import { unitScore } from '../../src/services/unit-scores'
import { type CityLookup, loadCity } from '../helpers/city'
import { createTestDatabase, seedDefaults, serviceContext, TEST_TIME_ZONE, type TestDatabase } from '../helpers/db'

const TZ = TEST_TIME_ZONE
// The week of National Day 2025: Mon Sep 29 – Sun Oct 5, with Sep 29 and 30 the only working days.
const week = periodOfDate('week', '2025-09-29', TZ)
const clock = new ManualClock(zonedInstant('2025-09-29', TZ, 8))
let database: TestDatabase
let ctx: ServiceContext
let city: CityLookup

beforeAll(async () => {
  database = await createTestDatabase()
  await seedDefaults(database, clock.now())
  ctx = serviceContext(database, clock)
  city = await loadCity(database.db)
})
afterAll(async () => database?.drop())

describe('figures and score from the ledger', () => {
  it('computes a week of figures and the unit score with each deduction explained', async () => {
    const staff = city.actor('张伟')
    const handler = city.actor('李娜')
    const supervisor = city.actor('陈刚')
    const shizheng = city.unit('shizheng')

    // Monday: a patrol with two hazards. Tuesday (a working day): no patrol → one missing ledger day.
    clock.set(zonedInstant('2025-09-29', TZ, 12))
    const { hazards: found } = await recordPatrol({
      ctx,
      input: {
        unitId: shizheng,
        startedAt: zonedInstant('2025-09-29', TZ, 9),
        endedAt: zonedInstant('2025-09-29', TZ, 11),
        area: '柳叶湖大道',
        patrollers: '张伟、老王',
        staffCount: 2,
        vehicleCount: 1,
        hazards: [
          { description: '井盖缺失', category: 'road_municipal' },
          { description: '路面坑洼', category: 'road_municipal' },
        ],
      },
      actor: staff,
    })
    const [first, second] = found
    if (!first || !second) throw new Error('expected two hazards')
    // The first is rectified and closed within the week; the second gets a 2-day deadline and overruns it.
    await applyHazardCommand({
      ctx,
      hazardId: first.id,
      command: { action: 'report_rectification', note: '已补装' },
      actor: handler,
    })
    await applyHazardCommand({ ctx, hazardId: first.id, command: { action: 'verify_pass' }, actor: supervisor })
    await database.db
      .update(hazards)
      .set({ rectifyDueAt: zonedInstant('2025-10-01', TZ, 18) })
      .where(eq(hazards.id, second.id))

    // A complaint received Monday noon, replied 30 hours later: late.
    const complaint = await receiveComplaint({
      ctx,
      input: { channel: 'mp', category: 'road_municipal', description: '路灯不亮' },
    })
    clock.advance(HOUR_MS)
    await applyComplaintCommand({ ctx, complaintId: complaint.id, command: { action: 'accept' }, actor: handler })
    clock.advance(29 * HOUR_MS)
    await applyComplaintCommand({
      ctx,
      complaintId: complaint.id,
      command: { action: 'reply', outcome: '已修复' },
      actor: handler,
    })

    // The previous week's report fell due this week and was never submitted.
    await database.db.insert(periodicReports).values({
      kind: 'weekly',
      unitId: shizheng,
      periodStart: '2025-09-22',
      periodEnd: '2025-09-28',
      dueAt: zonedInstant('2025-09-30', TZ, 17),
    })

    clock.set(new Date(week.endAt.getTime() + DAY_MS))
    const figures = await periodFigures(database.db, week, shizheng)
    expect(figures).toMatchObject({
      patrolCount: 1,
      staffTurnouts: 2,
      vehicleTurnouts: 1,
      hazardsFound: 2,
      hazardsRectified: 1,
      rectificationRate: 0.5,
      general: { found: 2, rectified: 1 },
      major: { found: 0, rectified: 0, rectificationRate: null },
    })
    const cityWide = await periodFigures(database.db, week)
    expect(cityWide.hazardsFound).toBe(2)

    const score = await unitScore(ctx, shizheng, week)
    // 附件1: the day without a patrol is a missing daily ledger (2-1, −2) and a missing patrol (2-6, −5).
    expect(score.deductions.map((d) => [d.line, d.rule, d.ref])).toEqual([
      ['2-1', 'missing_ledger_day', '2025-09-30'],
      ['2-6', 'patrol_short', '2025-09-30'],
      ['2-2', 'missing_report', '2025-09-22起'],
      ['2-3', 'hazard_overdue', second.code],
      ['2-4', 'complaint_late', complaint.code],
    ])
    expect(score.parts.implementation.lost).toBe(2 + 5 + 5 + 10 + 10)
    expect(score.score).toBe(100 - 2 - 5 - 5 - 10 - 10)
  })

  it('counts inspections short of twice a month against the supervising office', async () => {
    const month = periodOfDate('month', '2025-10-01', TZ)
    clock.set(zonedInstant('2025-11-02', TZ, 9))
    const supervising = city.unit('anjianke')
    const patrolUnits = (await database.db.select().from(units)).filter((u) => u.kind === 'patrol')
    for (const target of patrolUnits) {
      // Two inspections for every unit except 桥管处, which got one.
      const times = target.code === 'qiaoguanchu' ? 1 : 2
      for (let i = 0; i < times; i++) {
        await database.db.insert(supervisions).values({
          code: `DC-${target.code}-${i}`,
          supervisorUnitId: supervising,
          inspectedUnitId: target.id,
          lead: '陈刚',
          inspectedAt: zonedInstant(`2025-10-${10 + i}`, TZ, 10),
          matters: '安全巡查落实情况',
        })
      }
    }
    const score = await unitScore(ctx, supervising, month)
    expect(score.deductions).toHaveLength(1)
    expect(score.deductions[0]).toMatchObject({ rule: 'inspection_short', points: 5 })
    expect(score.deductions[0]?.reason).toContain('桥管处')
    expect(score.score).toBe(95)
  })
})

describe('concurrent transitions', () => {
  it('lets exactly one of two simultaneous verifications through', async () => {
    clock.set(zonedInstant('2025-11-03', TZ, 9))
    const hazard = await reportHazard({
      ctx,
      input: { description: '护栏缺失', category: 'road_municipal' },
      actor: city.actor('张伟'),
    })
    await applyHazardCommand({
      ctx,
      hazardId: hazard.id,
      command: { action: 'report_rectification', note: '已补装' },
      actor: city.actor('李娜'),
    })
    const supervisor = city.actor('陈刚')
    const results = await Promise.allSettled([
      applyHazardCommand({ ctx, hazardId: hazard.id, command: { action: 'verify_pass' }, actor: supervisor }),
      applyHazardCommand({
        ctx,
        hazardId: hazard.id,
        command: { action: 'verify_fail', reason: '不合格' },
        actor: supervisor,
      }),
    ])
    const fulfilled = results.filter((r) => r.status === 'fulfilled')
    const rejected = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected')
    expect(fulfilled).toHaveLength(1)
    expect(rejected).toHaveLength(1)
    expect(rejected[0]?.reason).toBeInstanceOf(RuleViolation)
  })
})
