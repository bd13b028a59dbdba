import { asc, eq, sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { complaintEvents, complaints, hazardEvents, hazards, patrols, units } from '../../src/db/schema'
import { HOUR_MS, ManualClock } from '../../src/domain/clock'
import { RuleViolation } from '../../src/domain/errors'
import { zonedInstant } from '../../src/domain/local-time'
import { loadCalendar, setCalendarDay } from '../../src/services/calendar'
import {
  applyComplaintCommand,
  complaintTimeline,
  findComplaintByCode,
  receiveComplaint,
} from '../../src/services/complaints'
import type { ServiceContext } from '../../src/services/context'
import { applyHazardCommand, hazardTimeline, reportHazard } from '../../src/services/hazards'
import { recordPatrol } from '../../src/services/patrols'
import { type CityLookup, loadCity, SUPERVISING_UNIT_NAMES } from '../helpers/city'
import { createTestDatabase, seedDefaults, serviceContext, TEST_TIME_ZONE, type TestDatabase } from '../helpers/db'

const TZ = TEST_TIME_ZONE
let database: TestDatabase
let ctx: ServiceContext
const clock = new ManualClock(zonedInstant('2026-11-23', TZ, 9, 0))
let city: CityLookup

beforeAll(async () => {
  database = await createTestDatabase()
  await seedDefaults(database, clock.now())
  ctx = serviceContext(database, clock)
  city = await loadCity(database.db)
})
afterAll(async () => database?.drop())

const fieldStaff = () => city.actor('张伟')
const handler = () => city.actor('李娜')
const supervisor = () => city.actor('陈刚')

async function eventCount(hazardId: number): Promise<number> {
  const [row] = await database.db
    .select({ n: sql<number>`count(*)::int` })
    .from(hazardEvents)
    .where(eq(hazardEvents.hazardId, hazardId))
  return Number(row?.n)
}

describe('default city and calendar in the database', () => {
  it('seeds eight patrol units, the supervising office and routing for every domain', async () => {
    const rows = await database.db.select().from(units)
    expect(rows.filter((u) => u.kind === 'patrol')).toHaveLength(8)
    expect(rows.filter((u) => u.kind === 'supervising').map((u) => u.name)).toEqual(
      expect.arrayContaining([...SUPERVISING_UNIT_NAMES]),
    )
    expect(rows.filter((u) => u.leadsSupervision).map((u) => u.name)).toEqual(['安监科'])
    const routing = await database.db.execute(sql`select count(*)::int as n from routing_rules`)
    expect(JSON.stringify(routing)).toContain('"n":8')
  })

  it('reads the official calendar back, and lets an admin change a day', async () => {
    const calendar = await loadCalendar(database.db)
    expect(calendar.addWorkingDays('2025-09-30', 3)).toEqual({ date: '2025-10-11', provisional: false })
    await setCalendarDay(database.db, { date: '2026-12-04', kind: 'rest', name: '市级防汛演练调休', source: 'admin' })
    const edited = await loadCalendar(database.db)
    expect(edited.isWorkingDay('2026-12-04')).toBe(false)
    expect(edited.isWorkingDay('2026-12-03')).toBe(true)
  })
})

describe('hazards through the real schema', () => {
  it('routes a general hazard to the responsible unit at once, with both events', async () => {
    const hazard = await reportHazard({
      ctx,
      input: { description: '柳叶湖大道井盖缺失', category: 'road_municipal', locationText: '柳叶湖大道与朗州路口' },
      actor: fieldStaff(),
    })
    expect(hazard).toMatchObject({ status: 'assigned', unitId: city.unit('shizheng'), level: 'general' })
    expect(hazard.code).toMatch(/^YH20261123-\d{4}$/)
    // The category's default period (30 days) from assignment, to the end of that local day.
    expect(hazard.rectifyDueAt?.toISOString()).toBe(
      new Date(zonedInstant('2026-12-24', TZ).getTime() - 1).toISOString(),
    )
    const timeline = await hazardTimeline(database.db, hazard.id)
    expect(timeline.map((e) => [e.kind, e.toStatus, e.actorRole])).toEqual([
      ['reported', 'reported', 'field_staff'],
      ['assign', 'assigned', 'system'],
    ])
  })

  it('closes the loop: accept, rectify, fail, rectify again, pass — every step an event', async () => {
    const hazard = await reportHazard({
      ctx,
      input: { description: '路面塌陷', category: 'road_municipal' },
      actor: fieldStaff(),
    })
    clock.advance(HOUR_MS)
    await applyHazardCommand({ ctx, hazardId: hazard.id, command: { action: 'accept' }, actor: handler() })
    await applyHazardCommand({
      ctx,
      hazardId: hazard.id,
      command: { action: 'report_rectification', note: '已回填' },
      actor: handler(),
    })
    const failed = await applyHazardCommand({
      ctx,
      hazardId: hazard.id,
      command: { action: 'verify_fail', reason: '回填不密实' },
      actor: supervisor(),
    })
    expect(failed).toMatchObject({ status: 'rectifying', rectifiedAt: null })
    await applyHazardCommand({
      ctx,
      hazardId: hazard.id,
      command: { action: 'report_rectification', note: '已重新压实' },
      actor: handler(),
    })
    const closed = await applyHazardCommand({
      ctx,
      hazardId: hazard.id,
      command: { action: 'verify_pass' },
      actor: supervisor(),
    })
    expect(closed.status).toBe('closed')
    expect(closed.closedAt).toEqual(clock.now())
    const kinds = (await hazardTimeline(database.db, hazard.id)).map((e) => e.kind)
    expect(kinds).toEqual([
      'reported',
      'assign',
      'accept',
      'report_rectification',
      'verify_fail',
      'report_rectification',
      'verify_pass',
    ])
  })

  it('keeps a major hazard unassigned until the five fixes are given, and writes nothing on refusal', async () => {
    const hazard = await reportHazard({
      ctx,
      input: { description: '深基坑支护变形', category: 'construction_site', level: 'major' },
      actor: fieldStaff(),
    })
    expect(hazard.status).toBe('reported')
    const before = await eventCount(hazard.id)
    await expect(
      applyHazardCommand({
        ctx,
        hazardId: hazard.id,
        command: { action: 'assign', unitId: city.unit('zhianchu') },
        actor: supervisor(),
      }),
    ).rejects.toThrow(/五落实/)
    expect(await eventCount(hazard.id)).toBe(before)
    const [unchanged] = await database.db.select().from(hazards).where(eq(hazards.id, hazard.id))
    expect(unchanged?.status).toBe('reported')
    const assigned = await applyHazardCommand({
      ctx,
      hazardId: hazard.id,
      command: {
        action: 'assign',
        unitId: city.unit('zhianchu'),
        fiveFixes: {
          responsibility: '项目经理王某',
          measures: '停工加固',
          funding: '20万元',
          timeLimit: '10日',
          contingencyPlan: '基坑应急预案',
        },
      },
      actor: supervisor(),
      options: { rectifyDueAt: zonedInstant('2026-12-03', TZ, 18) },
    })
    expect(assigned).toMatchObject({ status: 'assigned', unitId: city.unit('zhianchu') })
    expect(assigned.rectifyDueAt).toEqual(zonedInstant('2026-12-03', TZ, 18))
  })

  it('accepts a major hazard’s six-week 五落实 plan, and refuses a deadline already past', async () => {
    const hazard = await reportHazard({
      ctx,
      input: { description: '燃气管道标识缺失', category: 'gas', level: 'major' },
      actor: fieldStaff(),
    })
    const assign = (rectifyDueAt: Date) =>
      applyHazardCommand({
        ctx,
        hazardId: hazard.id,
        command: {
          action: 'assign',
          unitId: city.unit('ranqiban'),
          fiveFixes: { responsibility: 'a', measures: 'b', funding: 'c', timeLimit: '六周', contingencyPlan: 'e' },
        },
        actor: supervisor(),
        options: { rectifyDueAt },
      })
    await expect(assign(zonedInstant('2026-11-01', TZ))).rejects.toThrow('整改期限须晚于当前时间')
    const assigned = await assign(zonedInstant('2027-01-05', TZ, 18))
    expect(assigned.rectifyDueAt).toEqual(zonedInstant('2027-01-05', TZ, 18))
  })

  it('refuses a handler from another unit and records nothing', async () => {
    const hazard = await reportHazard({
      ctx,
      input: { description: '桥梁护栏松动', category: 'bridge' },
      actor: fieldStaff(),
    })
    const before = await eventCount(hazard.id)
    await expect(
      applyHazardCommand({ ctx, hazardId: hazard.id, command: { action: 'accept' }, actor: handler() }),
    ).rejects.toBeInstanceOf(RuleViolation)
    expect(await eventCount(hazard.id)).toBe(before)
  })

  it('refuses a hazard found, or disposed of, later than now', async () => {
    for (const when of [
      { foundAt: zonedInstant('2026-11-30', TZ, 9) },
      { emergencyDisposedAt: zonedInstant('2026-11-30', TZ, 9) },
    ])
      await expect(
        reportHazard({ ctx, input: { description: '燃气泄漏已关阀', category: 'gas', ...when }, actor: fieldStaff() }),
      ).rejects.toMatchObject({ code: 'future_time' })
  })

  it('sets the emergency-disposal report deadline in working days', async () => {
    const hazard = await reportHazard({
      ctx,
      input: {
        description: '燃气泄漏已关阀',
        category: 'gas',
        emergencyDisposedAt: zonedInstant('2026-11-20', TZ, 20),
      },
      actor: fieldStaff(),
    })
    // Friday Nov 20 + 3 working days = Wednesday Nov 25.
    expect(hazard.emergencyReportDueAt?.toISOString()).toBe(
      new Date(zonedInstant('2026-11-26', TZ).getTime() - 1).toISOString(),
    )
    expect(hazard.emergencyReportDueProvisional).toBe(false)
  })
})

describe('patrol records', () => {
  it('saves a patrol and its hazards together', async () => {
    const { patrol, hazards: found } = await recordPatrol({
      ctx,
      input: {
        unitId: city.unit('shizheng'),
        startedAt: zonedInstant('2026-11-23', TZ, 7),
        endedAt: zonedInstant('2026-11-23', TZ, 8, 30),
        area: '柳叶湖大道',
        patrollers: '张伟、老王',
        staffCount: 2,
        vehicleCount: 1,
        hazards: [
          { description: '井盖缺失已设围挡', category: 'road_municipal' },
          { description: '行道树倒伏', category: 'greenery_park' },
        ],
      },
      actor: fieldStaff(),
    })
    expect(patrol.code).toMatch(/^XC20261123-/)
    expect(found.map((h) => [h.patrolId, h.foundByUnitId, h.unitId])).toEqual([
      [patrol.id, city.unit('shizheng'), city.unit('shizheng')],
      [patrol.id, city.unit('shizheng'), city.unit('yuanlin')],
    ])
  })

  it('writes nothing when one of its hazards is invalid', async () => {
    const count = async () => Number((await database.db.select({ n: sql<number>`count(*)::int` }).from(patrols))[0]?.n)
    const before = await count()
    await expect(
      recordPatrol({
        ctx,
        input: {
          unitId: city.unit('shizheng'),
          startedAt: zonedInstant('2026-11-23', TZ, 7),
          endedAt: zonedInstant('2026-11-23', TZ, 8),
          area: '朗州路',
          patrollers: '张伟',
          staffCount: 1,
          hazards: [{ description: '   ', category: 'road_municipal' }],
        },
        actor: fieldStaff(),
      }),
    ).rejects.toThrow()
    expect(await count()).toBe(before)
  })

  it('gives a team patrol its report deadline of 5 working days', async () => {
    const { patrol } = await recordPatrol({
      ctx,
      input: {
        kind: 'team',
        unitId: city.unit('shizheng'),
        startedAt: zonedInstant('2026-11-20', TZ, 9),
        endedAt: zonedInstant('2026-11-20', TZ, 17),
        area: '城区专项巡查',
        patrollers: '巡查组',
        staffCount: 6,
      },
      actor: fieldStaff(),
    })
    // Friday Nov 20 + 5 working days = Friday Nov 27.
    expect(patrol.reportDueAt?.toISOString()).toBe(new Date(zonedInstant('2026-11-28', TZ).getTime() - 1).toISOString())
  })
})

describe('complaints through the real schema', () => {
  it('gives a ticket, starts both clocks and routes to the responsible unit', async () => {
    const complaint = await receiveComplaint({
      ctx,
      input: {
        channel: 'mp',
        citizenExternalId: 'openid-1',
        category: 'gas',
        description: '小区闻到燃气味',
        citizenPhone: '13912345678',
      },
    })
    expect(complaint.code).toMatch(/^TS20261123-\d{4}$/)
    expect(complaint).toMatchObject({ status: 'assigned', unitId: city.unit('ranqiban') })
    expect(complaint.dueAt.getTime() - complaint.receivedAt.getTime()).toBe(24 * HOUR_MS)
    expect(complaint.signDueAt.getTime() - complaint.receivedAt.getTime()).toBe(2 * HOUR_MS)
    expect((await findComplaintByCode(database.db, complaint.code.toLowerCase()))?.id).toBe(complaint.id)
  })

  it('numbers tickets uniquely even when taken at the same moment', async () => {
    const made = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        receiveComplaint({ ctx, input: { channel: 'mp', category: 'other', description: `问题${i}` } }),
      ),
    )
    expect(new Set(made.map((c) => c.code)).size).toBe(8)
    expect(made.every((c) => c.status === 'received' && c.unitId === null)).toBe(true)
  })

  it('records the handling, an approved extension and the call-back as events', async () => {
    const complaint = await receiveComplaint({
      ctx,
      input: { channel: 'mp', category: 'road_municipal', description: '路灯不亮' },
    })
    clock.advance(HOUR_MS)
    await applyComplaintCommand({ ctx, complaintId: complaint.id, command: { action: 'accept' }, actor: handler() })
    const extended = await applyComplaintCommand({
      ctx,
      complaintId: complaint.id,
      command: { action: 'extend', newDueAt: new Date(complaint.dueAt.getTime() + 24 * HOUR_MS), reason: '需更换电缆' },
      actor: supervisor(),
    })
    expect(extended.dueAt.getTime()).toBe(complaint.dueAt.getTime() + 24 * HOUR_MS)
    clock.advance(3 * HOUR_MS)
    const replied = await applyComplaintCommand({
      ctx,
      complaintId: complaint.id,
      command: { action: 'reply', outcome: '已更换路灯' },
      actor: handler(),
    })
    expect(replied).toMatchObject({ status: 'replied', outcome: '已更换路灯', outcomeDelivery: 'pending' })
    expect(replied.firstResponseAt?.getTime()).toBe(complaint.receivedAt.getTime() + HOUR_MS)
    const events = await complaintTimeline(database.db, complaint.id)
    expect(events.map((e) => e.kind)).toEqual(['received', 'assign', 'accept', 'extend', 'reply'])
    expect(events[3]?.data).toMatchObject({ approvedBy: supervisor().personId })
  })

  it('marks a duplicate only against an existing ticket', async () => {
    const first = await receiveComplaint({ ctx, input: { channel: 'mp', category: 'bridge', description: '桥面破损' } })
    const second = await receiveComplaint({
      ctx,
      input: { channel: 'mp', category: 'bridge', description: '桥面破损严重' },
    })
    await expect(
      applyComplaintCommand({
        ctx,
        complaintId: second.id,
        command: { action: 'mark_duplicate', duplicateOfId: 999_999, reason: '同一处' },
        actor: supervisor(),
      }),
    ).rejects.toThrow('原投诉编号')
    const dup = await applyComplaintCommand({
      ctx,
      complaintId: second.id,
      command: { action: 'mark_duplicate', duplicateOfId: first.id, reason: '同一处' },
      actor: supervisor(),
    })
    expect(dup).toMatchObject({ status: 'duplicate', duplicateOfId: first.id })
    const [row] = await database.db.select().from(complaints).where(eq(complaints.id, second.id))
    expect(row?.status).toBe('duplicate')
    const events = await database.db
      .select()
      .from(complaintEvents)
      .where(eq(complaintEvents.complaintId, second.id))
      .orderBy(asc(complaintEvents.id))
    expect(events.map((e) => e.kind)).toEqual(['received', 'assign', 'mark_duplicate'])
  })
})
