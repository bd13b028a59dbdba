import { and, eq, like, sql } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { identities, outbox, people, periodicReports, supervisionAssignments, units } from '../../src/db/schema'
import { ManualClock } from '../../src/domain/clock'
import { zonedInstant } from '../../src/domain/local-time'
import { periodOfDate } from '../../src/domain/periods'
import { runObligationReminders } from '../../src/jobs/obligation-reminders'
import { runPeriodicReports } from '../../src/jobs/periodic-reports'
import { jobSettings } from '../../src/jobs/scheduler'
import { recordSupervision } from '../../src/services/patrols'
import { unitScore } from '../../src/services/unit-scores'
import type { testApp } from '../helpers/app'
import { chat } from '../helpers/chat'
import type { CityLookup } from '../helpers/city'
import { TEST_TIME_ZONE, type TestDatabase } from '../helpers/db'
import { demoSignIn, postForm } from '../helpers/requests'
import { useSeededApp } from '../helpers/seeded'
import { readBook } from '../helpers/workbook'

/**
 * The supervision structure of source 000 (二) and (四): several supervising units with their own duties
 * (monthly or quarterly), each reporting monthly and quarterly to 安监科, which confirms receipt and compiles
 * the bulletin; a patrol unit may supervise too; a new patrol unit joins 安监科's duties.
 */
const TZ = TEST_TIME_ZONE
const clock = new ManualClock(zonedInstant('2026-10-02', TZ, 10))
let database: TestDatabase
let harness: ReturnType<typeof testApp>
let city: CityLookup

useSeededApp(clock, (seeded) => {
  ;({ database, harness, city } = seeded)
})

const ctx = () => harness.services.ctx

async function textsTo(externalId: string): Promise<string[]> {
  const rows = await database.db.select().from(outbox).where(sql`${outbox.recipient}->>'externalId' = ${externalId}`)
  return rows.map((r) => JSON.stringify(r.message))
}

/** A person of a unit who chats from the console simulator as `demo:<key>`. */
async function addPerson(key: string, name: string, role: 'unit_handler' | 'supervisor', unit: string) {
  const [row] = await database.db
    .insert(people)
    .values({ name, role, unitId: city.unit(unit) })
    .returning({ id: people.id })
  if (!row) throw new Error('no person')
  await database.db
    .insert(identities)
    .values({ personId: row.id, channel: 'console', botId: 'default', externalId: `demo:${key}`, displayName: name })
  return row.id
}

const signIn = (name: string) => demoSignIn(harness.app, database.db, name)

async function reportOf(kind: 'monthly' | 'quarterly' | 'bulletin', unit: string, periodStart: string) {
  const [row] = await database.db
    .select()
    .from(periodicReports)
    .where(
      and(
        eq(periodicReports.kind, kind),
        eq(periodicReports.unitId, city.unit(unit)),
        eq(periodicReports.periodStart, periodStart),
      ),
    )
  return row
}

describe('the default supervision table', () => {
  it('gives each supervising unit of 000 (二) its own rows, monthly or quarterly', async () => {
    const rows = await database.db.select().from(supervisionAssignments)
    const of = (unit: string) =>
      rows
        .filter((r) => r.supervisorUnitId === city.unit(unit))
        .map((r) => [r.supervisedUnitId, r.perMonth, r.perQuarter])
    expect(of('anjianke')).toHaveLength(8)
    expect(of('jianguanke')).toEqual([
      [city.unit('zhianchu'), 0, 1],
      [city.unit('fangguanju'), 0, 1],
    ])
    expect(of('chengjianke')).toEqual([[city.unit('shizheng'), 2, 0]])
    expect(of('guanwangban')).toEqual([[city.unit('shizheng'), 2, 0]])
    expect(of('gongyongju')).toEqual([
      [city.unit('ranqiban'), 2, 0],
      [city.unit('zilaishui'), 2, 0],
    ])
    const [lead] = await database.db.select().from(units).where(eq(units.leadsSupervision, true))
    expect(lead?.name).toBe('安监科')
  })
})

describe('quarterly duties', () => {
  it('cost 建管科 5 points per missing quarterly inspection, counted when the quarter ends', async () => {
    clock.set(zonedInstant('2026-10-02', TZ, 10))
    // 建管科 inspected 质安处 once in the third quarter, 房管局 never.
    await recordSupervision({
      ctx: ctx(),
      input: {
        supervisorUnitId: city.unit('jianguanke'),
        inspectedUnitId: city.unit('zhianchu'),
        inspectedAt: zonedInstant('2026-08-12', TZ, 10),
        lead: '刘明',
        members: '建管科 周工',
        matters: '建筑施工安全季度督查',
      },
      actor: city.actor('刘明'),
    })
    const quarter = await unitScore(ctx(), city.unit('jianguanke'), periodOfDate('quarter', '2026-07-01', TZ))
    const short = quarter.deductions.filter((d) => d.line === '2-6')
    expect(short.map((d) => d.reason)).toEqual(['2026年第3季度 对房管局督查 0/1 次'])
    expect(quarter.parts.implementation.lost).toBe(5)
    // September's own assessment carries the quarter (it ends in September); August's does not.
    const september = await unitScore(ctx(), city.unit('jianguanke'), periodOfDate('month', '2026-09-01', TZ))
    expect(september.deductions.filter((d) => d.line === '2-6')).toHaveLength(1)
    const august = await unitScore(ctx(), city.unit('jianguanke'), periodOfDate('month', '2026-08-01', TZ))
    expect(august.deductions.filter((d) => d.line === '2-6')).toHaveLength(0)
  })

  it('are reminded on the 20th of the quarter’s last month to the unit’s people and its leader', async () => {
    await addPerson('jianguanke', '周工', 'supervisor', 'jianguanke')
    const remind = async () => runObligationReminders(ctx(), (await jobSettings(harness.services)).quiet)
    clock.set(zonedInstant('2026-11-20', TZ, 9, 30))
    await remind()
    expect((await textsTo('demo:jianguanke')).filter((t) => t.includes('督查次数提醒'))).toHaveLength(0)
    clock.set(zonedInstant('2026-12-21', TZ, 9, 30))
    await remind()
    clock.set(zonedInstant('2026-12-25', TZ, 9, 30))
    await remind()
    const reminders = (await textsTo('demo:jianguanke')).filter((t) => t.includes('督查次数提醒'))
    expect(reminders).toHaveLength(1)
    expect(reminders[0]).toContain('质安处（本季度已0次，应1次）')
    expect(reminders[0]).toContain('房管局（本季度已0次，应1次）')
    expect((await textsTo('demo:leader')).some((t) => t.includes('督查次数提醒') && t.includes('房管局（本季度'))).toBe(
      true,
    )
  })
})

describe('附件4 from every supervising unit to 安监科', () => {
  it('is drafted for each, announced to 安监科 when submitted, and received by card once', async () => {
    await addPerson('chengjianke', '城建科小吴', 'unit_handler', 'chengjianke')
    clock.set(zonedInstant('2026-11-02', TZ, 10))
    await runPeriodicReports(ctx(), harness.services.config.reportsDir, (await jobSettings(harness.services)).quiet)
    for (const unit of ['anjianke', 'jianguanke', 'chengjianke', 'guanwangban', 'gongyongju'])
      expect(await reportOf('monthly', unit, '2026-10-01'), unit).toBeDefined()
    expect(await reportOf('monthly', 'shizheng', '2026-10-01')).toBeUndefined()
    // 城建科's 附件4 covers the unit it supervises; 安监科's the whole city, with the 考核 sheet.
    type Content = { rows: { unit: string }[]; scores?: unknown[] }
    const own = (await reportOf('monthly', 'chengjianke', '2026-10-01'))?.data as Content
    expect(own.rows.map((r) => r.unit)).toEqual(['市政建设总公司'])
    expect(own.scores).toBeUndefined()
    const lead = (await reportOf('monthly', 'anjianke', '2026-10-01'))?.data as Content
    expect(lead.rows).toHaveLength(8)
    expect(lead.scores?.length).toBeGreaterThan(8)
    // The status list before anything is sent: 安监科 sees who has not reported.
    const chen = await signIn('陈刚')
    let page = await (await harness.app.request('/console/reports', { headers: { cookie: chen } })).text()
    expect(page).toContain('各督查单位报送情况')
    expect(page).toMatch(/2026年10月月报表：已报 0\/4/)

    // 城建科 confirms its October report, its leader (刘明) signs: 安监科 gets the card.
    clock.set(zonedInstant('2026-11-03', TZ, 10))
    expect((await chat(harness.services, 'demo:chengjianke', '确认上报月报'))[0]).toContain('分管领导签字（刘明）')
    expect((await chat(harness.services, 'demo:leader', '签字')).join('\n')).toContain('已上报月报表')
    const october = await reportOf('monthly', 'chengjianke', '2026-10-01')
    expect(october?.submittedAt).not.toBeNull()
    const cards = await database.db
      .select()
      .from(outbox)
      .where(like(outbox.dedupeKey, `report-receive:${october?.id}:%`))
    const toChen = cards.filter((r) => (r.recipient as { externalId?: string }).externalId === 'demo:supervisor')
    expect(toChen).toHaveLength(1)
    expect(JSON.stringify(toChen[0]?.message)).toContain('【报表送达】城建科月报表')

    // Someone outside 安监科 cannot receive it.
    expect((await chat(harness.services, 'demo:handler', '收到报表'))[0]).toContain('只有安监科的人员可以确认收到报表')
    expect((await reportOf('monthly', 'chengjianke', '2026-10-01'))?.receivedAt).toBeNull()

    const key = `report.receive:${october?.id}`
    expect((await chat(harness.services, 'demo:supervisor', { kind: 'card', key }))[0]).toContain(
      '已确认收到月报表（2026-10-01 至 2026-10-31）',
    )
    expect((await chat(harness.services, 'demo:supervisor', { kind: 'card', key }))[0]).toContain('无需重复确认')
    const received = await reportOf('monthly', 'chengjianke', '2026-10-01')
    expect(received?.receivedAt?.toISOString()).toBe(clock.now().toISOString())
    const [chenRow] = await database.db.select().from(people).where(eq(people.name, '陈刚'))
    expect(received?.receivedById).toBe(chenRow?.id)
    expect((await chat(harness.services, 'demo:supervisor', '收到报表'))[0]).toBe('暂无待确认收到的月、季报表。')
    page = await (await harness.app.request('/console/reports', { headers: { cookie: chen } })).text()
    expect(page).toMatch(/2026年10月月报表：已报 1\/4/)

    // Only the lead office owes the bulletin.
    clock.set(zonedInstant('2026-12-01', TZ, 10))
    await runPeriodicReports(ctx(), harness.services.config.reportsDir, (await jobSettings(harness.services)).quiet)
    expect(await reportOf('bulletin', 'anjianke', '2026-10-01')).toBeDefined()
    expect(await reportOf('bulletin', 'jianguanke', '2026-10-01')).toBeUndefined()
  })

  it('compiles the bulletin’s 督查情况 from those reports and the inspections', async () => {
    clock.set(zonedInstant('2026-12-02', TZ, 10))
    await runPeriodicReports(ctx(), harness.services.config.reportsDir, (await jobSettings(harness.services)).quiet)
    const bulletin = await reportOf('bulletin', 'anjianke', '2026-10-01')
    const book = await readBook(bulletin?.filePath ?? '')
    const sheet = book.getWorksheet('督查情况')
    if (!sheet) throw new Error('no 督查情况 sheet')
    const rows: string[][] = []
    sheet.eachRow((row) => {
      rows.push((row.values as unknown[]).slice(1).map((v) => String(v ?? '')))
    })
    const chengjianke = rows.find((r) => r[0] === '城建科')
    expect(chengjianke?.[1]).toBe('2026年10月月报表：已签收\n2026年11月月报表：待上报')
    // Two months ended in the quarter, twice a month on one unit, none done.
    expect(chengjianke?.[2]).toBe('0/4')
    expect(rows.some((r) => r[0] === '建管科')).toBe(true)
  })
})

describe('a patrol unit that supervises, and a new patrol unit', () => {
  it('lets 房管局 supervise a subordinate unit: it then owes 附件4 and sees the inspections in its to-dos', async () => {
    const admin = await signIn('系统管理员')
    const created = await postForm(
      harness.app,
      '/console/admin/units',
      { code: 'wuye', name: '物业管理所', kind: 'patrol', active: 'on' },
      { cookie: admin },
    )
    expect(created.status).toBe(303)
    const [wuye] = await database.db.select().from(units).where(eq(units.code, 'wuye'))
    if (!wuye) throw new Error('unit not created')
    // The lead office inspects every patrol unit, the new one included.
    const leadRows = await database.db
      .select()
      .from(supervisionAssignments)
      .where(eq(supervisionAssignments.supervisedUnitId, wuye.id))
    expect(leadRows).toMatchObject([{ supervisorUnitId: city.unit('anjianke'), perMonth: 2, perQuarter: 0 }])

    const assigned = await postForm(
      harness.app,
      '/console/admin/assignments',
      { supervisorUnitId: String(city.unit('fangguanju')), supervisedUnitId: String(wuye.id), perMonth: '2' },
      { cookie: admin },
    )
    expect(assigned.status).toBe(303)
    // The bureau itself is not a supervising unit.
    const refused = await postForm(
      harness.app,
      '/console/admin/assignments',
      { supervisorUnitId: String(city.unit('bureau')), supervisedUnitId: String(wuye.id), perMonth: '2' },
      { cookie: admin },
    )
    expect(refused.status).toBe(400)

    await addPerson('fangguanju', '房管局小钱', 'unit_handler', 'fangguanju')
    const todos = (await chat(harness.services, 'demo:fangguanju', '我的待办')).join('\n')
    expect(todos).toContain('本月督查物业管理所：已 0 次，应 2 次')

    clock.set(zonedInstant('2027-01-04', TZ, 10))
    await runPeriodicReports(ctx(), harness.services.config.reportsDir, (await jobSettings(harness.services)).quiet)
    expect(await reportOf('monthly', 'fangguanju', '2026-12-01')).toBeDefined()
    expect(await reportOf('quarterly', 'fangguanju', '2026-10-01')).toBeDefined()
  })
})
