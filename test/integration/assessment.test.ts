import { and, eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { assessmentFindings, auditLog, periodicReports, units } from '../../src/db/schema'
import { ManualClock } from '../../src/domain/clock'
import { zonedInstant } from '../../src/domain/local-time'
import { periodOfDate } from '../../src/domain/periods'
import { runPeriodicReports } from '../../src/jobs/periodic-reports'
import { recordPatrol } from '../../src/services/patrols'
import { unitScore, unitScores } from '../../src/services/unit-scores'
import type { testApp } from '../helpers/app'
import { chat } from '../helpers/chat'
import { type CityLookup, PATROL_UNIT_NAMES, SUPERVISING_UNIT_NAMES } from '../helpers/city'
import { TEST_TIME_ZONE, type TestDatabase } from '../helpers/db'
import { callApi, demoSignIn, postForm } from '../helpers/requests'
import { useSeededApp } from '../helpers/seeded'
import { readBook } from '../helpers/workbook'

/** The 附件1 assessment in the console, the API and the 考核 sheet, with 安监科's findings. */
const TZ = TEST_TIME_ZONE
const clock = new ManualClock(zonedInstant('2026-11-20', TZ, 10))
const ADMIN = 'assessment-admin-token-0123456789'
const SUPERVISOR = 'assessment-supervisor-token-0123'
const HANDLER = 'assessment-handler-token-0123456'
let database: TestDatabase
let harness: ReturnType<typeof testApp>
let city: CityLookup

useSeededApp(
  clock,
  (seeded) => {
    ;({ database, harness, city } = seeded)
  },
  {
    DEMO: '1',
    API_TOKEN: ADMIN,
    API_TOKENS: JSON.stringify([
      { token: SUPERVISOR, role: 'supervisor', unit: 'anjianke', name: '安监科平台' },
      { token: HANDLER, role: 'unit_handler', unit: 'shizheng', name: '市政系统' },
    ]),
  },
)

const signInAs = (name: string) => demoSignIn(harness.app, database.db, name)

describe('findings and the assessment page', () => {
  it('lets 安监科 record a finding, shown with its 附件1 line in the unit’s 组织 part', async () => {
    const chen = await signInAs('陈刚')
    const recorded = await postForm(
      harness.app,
      '/console/assessment/findings',
      {
        unitId: String(city.unit('shizheng')),
        rule: 'plan_unpublished',
        appliesOn: '2026-11-05',
        reason: '巡查方案未在官网公示',
      },
      { cookie: chen },
    )
    expect(recorded.status).toBe(303)
    const [row] = await database.db.select().from(assessmentFindings)
    expect(row).toMatchObject({ rule: 'plan_unpublished', recordedById: expect.any(Number), points: null })
    const audit = await database.db.select().from(auditLog).where(eq(auditLog.action, 'record_finding'))
    expect(audit).toHaveLength(1)

    const score = await unitScore(harness.services.ctx, city.unit('shizheng'), periodOfDate('month', '2026-11-01', TZ))
    expect(score.parts.organisation).toMatchObject({ score: 8, lost: 2 })
    expect(score.deductions.find((d) => d.line === '1-4')).toMatchObject({
      wording: '方案未及时向社会公布扣2分',
      reason: '巡查方案未在官网公示；记录人：陈刚（演示）',
      ref: `F${row?.id}`,
    })
    const page = await (
      await harness.app.request('/console/assessment?month=2026-11', { headers: { cookie: chen } })
    ).text()
    expect(page).toContain('1-4 方案未及时向社会公布扣2分')
    expect(page).toContain(`href="#finding-${row?.id}"`)
    expect(page).toContain('安监科')
  })

  it('asks for the points of a 视情况 line, refuses a handler, and scopes a handler’s view to its unit', async () => {
    const chen = await signInAs('陈刚')
    const missingPoints = await postForm(
      harness.app,
      '/console/assessment/findings',
      {
        unitId: String(city.unit('shizheng')),
        rule: 'negative_impact',
        appliesOn: '2026-11-06',
        reason: '被省级媒体曝光',
      },
      { cookie: chen },
    )
    expect(missingPoints.status).toBe(400)
    expect(await missingPoints.text()).toContain('该条为“视情况扣分”，请填写 1–10 分。')
    const lina = await signInAs('李娜')
    const refused = await postForm(
      harness.app,
      '/console/assessment/findings',
      { unitId: String(city.unit('shizheng')), rule: 'plan_untimely', appliesOn: '2026-11-06', reason: '方案未修订' },
      { cookie: lina },
    )
    expect(refused.status).toBe(403)
    expect(await database.db.select().from(assessmentFindings)).toHaveLength(1)
    const own = await (
      await harness.app.request('/console/assessment?month=2026-11', { headers: { cookie: lina } })
    ).text()
    expect(own).toContain('市政建设总公司')
    expect(own).not.toContain('质安处')
    expect((await harness.app.request('/console/assessment?month=2026-13', { headers: { cookie: lina } })).status).toBe(
      400,
    )
  })

  it('lets the administrator make late reports cost points', async () => {
    expect((await postForm(harness.app, '/console/assessment/options', { latePenalty: 'on' })).status).toBe(303)
    const page = await (await harness.app.request('/console/assessment')).text()
    expect(page).toContain('逾期上报扣分')
    expect(page).toContain('批准延期不免除投诉超时扣分')
    await postForm(harness.app, '/console/assessment/options', {})
    expect(await (await harness.app.request('/console/assessment')).text()).toContain('逾期上报只记录不扣分')
  })
})

describe('a falsified ledger (附件1 2-7)', () => {
  it('is voided from chat by the supervising office, kept on the ledger, and costs 10 points', async () => {
    clock.set(zonedInstant('2026-11-18', TZ, 12))
    const { patrol } = await recordPatrol({
      ctx: harness.services.ctx,
      input: {
        unitId: city.unit('shizheng'),
        startedAt: zonedInstant('2026-11-18', TZ, 9),
        endedAt: zonedInstant('2026-11-18', TZ, 10),
        area: '人民路',
        patrollers: '张伟',
        staffCount: 1,
      },
      actor: city.actor('张伟'),
    })
    clock.set(zonedInstant('2026-11-20', TZ, 10))
    expect(await chat(harness.services, 'demo:handler', `作废 ${patrol.code} 弄虚作假`)).toEqual([
      '只有督查员或管理员可以作废巡查记录。',
    ])
    expect(await chat(harness.services, 'demo:supervisor', `作废 ${patrol.code} 弄虚作假：照片与上周重复`)).toEqual([
      `已作废巡查记录 ${patrol.code}，认定台账弄虚作假，按考核细则每次扣10分。记录仍保留在台账上。`,
    ])
    const score = await unitScore(harness.services.ctx, city.unit('shizheng'), periodOfDate('month', '2026-11-01', TZ))
    expect(score.deductions.find((d) => d.line === '2-7')).toMatchObject({
      points: 10,
      ref: patrol.code,
      reason: `台账 ${patrol.code} 作废：弄虚作假：照片与上周重复`,
    })
    const page = await (await harness.app.request(`/console/patrols/${patrol.code}`)).text()
    expect(page).toContain('（台账弄虚作假）')
  })
})

describe('the assessment API', () => {
  it('lists every assessed unit with its parts, and takes findings from the supervising office only', async () => {
    const listed = await callApi(harness.app, ADMIN, 'GET', '/assessment?month=2026-11')
    expect(listed.status).toBe(200)
    const body = (await listed.json()) as {
      data: { unit: string; score: number; parts: Record<string, { score: number }> }[]
    }
    expect(body.data.map((u) => u.unit)).toEqual([...SUPERVISING_UNIT_NAMES, ...PATROL_UNIT_NAMES])
    for (const u of body.data)
      expect(u.parts.organisation.score + u.parts.implementation.score + u.parts.accountability.score).toBe(u.score)

    const finding = {
      unitId: city.unit('zhianchu'),
      rule: 'negligence_accident',
      appliesOn: '2026-11-10',
      points: 20,
      reason: '工地坍塌事故调查认定监管失职',
    }
    expect((await callApi(harness.app, HANDLER, 'POST', '/assessment/findings', finding)).status).toBe(403)
    const created = await callApi(harness.app, SUPERVISOR, 'POST', '/assessment/findings', finding)
    expect(created.status).toBe(201)
    const zhianchu = await unitScore(
      harness.services.ctx,
      city.unit('zhianchu'),
      periodOfDate('month', '2026-11-01', TZ),
    )
    expect(zhianchu.deductions.find((d) => d.line === '2-5')).toMatchObject({ points: 20 })
    expect((await callApi(harness.app, ADMIN, 'GET', '/assessment?month=11-2026')).status).toBe(400)
    const own = (await (await callApi(harness.app, HANDLER, 'GET', '/assessment')).json()) as {
      data: { unit: string }[]
    }
    expect(own.data.map((u) => u.unit)).toEqual(['市政建设总公司'])
  })
})

describe('accidents and 一票否决', () => {
  it('vetoes a unit whose accident was concealed, shown in the API and on the page whatever its points', async () => {
    const accident = {
      unitId: city.unit('ranqiban'),
      occurredOn: '2026-11-12',
      place: '朗州路燃气管道',
      level: 'general',
      deaths: 0,
      reporting: 'concealed',
      mediaExposure: 'none',
      description: '燃气泄漏引发闪爆，未按规定上报',
    }
    expect((await callApi(harness.app, HANDLER, 'POST', '/assessment/accidents', accident)).status).toBe(403)
    expect(
      (await callApi(harness.app, SUPERVISOR, 'POST', '/assessment/accidents', { ...accident, deaths: -1 })).status,
    ).toBe(400)
    expect((await callApi(harness.app, SUPERVISOR, 'POST', '/assessment/accidents', accident)).status).toBe(201)
    const listed = (await (await callApi(harness.app, ADMIN, 'GET', '/assessment?month=2026-11')).json()) as {
      data: { unit: string; veto: string[] }[]
    }
    expect(listed.data.find((u) => u.unit === '燃气办')?.veto).toEqual(['2026-11-12 朗州路燃气管道事故瞒报'])
    expect(listed.data.find((u) => u.unit === '桥管处')?.veto).toEqual([])
    const page = await (await harness.app.request('/console/assessment?month=2026-11')).text()
    expect(page).toContain('一票否决</strong>：2026-11-12 朗州路燃气管道事故瞒报')
  })

  it('is recorded from chat by 安监科, which is told of the veto at once; the form refuses what cannot be', async () => {
    const say = async (text: string) => chat(harness.services, 'demo:supervisor', text)
    expect((await chat(harness.services, 'demo:handler', '登记事故'))[0]).toContain('您无权使用「事故登记」')
    await say('登记事故')
    await say('桥管处')
    await say('11月16日上午10点')
    await say('沅江大桥引桥')
    expect((await say('说不清'))[0]).toContain('回复：一般 / 较大 / 重大')
    await say('一般')
    await say('1人死亡')
    await say('按时报告了')
    await say('省级媒体报道过')
    expect((await say('90'))[0]).toContain('失职渎职扣分为 1–80 分')
    await say('15')
    const summary = (await say('引桥护栏脱落致行人坠落，认定巡查不到位')).join('\n')
    expect(summary).toContain('事故等级：一般')
    expect(summary).toContain('媒体曝光：省级媒体曝光')
    const saved = (await say('确认')).join('\n')
    expect(saved).toMatch(/事故已登记（编号 A\d+），已计入考核。该单位本年度一票否决：/)
    expect(saved).toContain('2026-11-16 沅江大桥引桥发生安全生产责任亡人事故（死亡 1 人）')
    const score = await unitScore(
      harness.services.ctx,
      city.unit('qiaoguanchu'),
      periodOfDate('month', '2026-11-01', TZ),
    )
    expect(score.veto).toEqual(['2026-11-16 沅江大桥引桥发生安全生产责任亡人事故（死亡 1 人）'])
    expect(score.deductions.find((d) => d.line === '2-5')).toMatchObject({ points: 15 })
  })

  it('keeps the account told in answer to the grade or the deaths in 「经过和认定」, and asks again', async () => {
    const say = async (text: string) => chat(harness.services, 'demo:supervisor', text)
    await say('登记事故')
    await say('市政建设总公司')
    await say('11月16日下午3点')
    await say('人民路施工工地')
    // Each had been refused (「没能识别」), and 「1人受伤」 would have been counted as one dead.
    expect(await say('一名工人从脚手架坠落受伤')).toEqual(['已记入「经过和认定」。', '事故等级：一般、较大还是重大？'])
    await say('一般')
    expect(await say('1人受伤')).toEqual(['已记入「经过和认定」。', '死亡人数？没有请回复「0」。'])
    await say('0')
    await say('按时')
    await say('未曝光')
    const summary = (await say('无')).join('\n')
    expect(summary).toContain('经过和认定：一名工人从脚手架坠落受伤；1人受伤')
    expect(summary).toContain('死亡人数：0')
    await say('取消')
  })
})

describe('the 考核 sheet', () => {
  it('matches the assessment page: the same parts and score for every unit', async () => {
    clock.set(zonedInstant('2026-12-01', TZ, 9))
    await runPeriodicReports(harness.services.ctx, harness.services.config.reportsDir, { start: '22:00', end: '07:00' })
    const [monthly] = await database.db
      .select()
      .from(periodicReports)
      .where(and(eq(periodicReports.kind, 'monthly'), eq(periodicReports.periodStart, '2026-11-01')))
    const sheet = (await readBook(monthly?.filePath ?? '')).getWorksheet('考核')
    if (!sheet) throw new Error('no 考核 sheet')
    const rows: (string | number)[][] = []
    sheet.eachRow((row, n) => {
      if (n > 3 && row.getCell(1).value) rows.push([1, 2, 3, 4, 5].map((c) => row.getCell(c).value as string | number))
    })
    const month = periodOfDate('month', '2026-11-01', TZ)
    const shizheng = await unitScore(harness.services.ctx, city.unit('shizheng'), month)
    expect(rows.find((r) => r[0] === '市政建设总公司')).toEqual([
      '市政建设总公司',
      shizheng.parts.organisation.score,
      shizheng.parts.implementation.score,
      shizheng.parts.accountability.score,
      shizheng.score,
    ])
    expect(rows.find((r) => r[0] === '质安处')?.[2]).toBeLessThanOrEqual(60)
  })
})

describe('the go-live date (启用日期)', () => {
  it('counts nothing before it: no missing days, reports or findings from before the unit went live', async () => {
    const november = periodOfDate('month', '2026-11-01', TZ)
    const full = await unitScore(harness.services.ctx, city.unit('shizheng'), november)
    expect(full.deductions.some((d) => d.line === '2-1' && (d.ref ?? '') < '2026-11-16')).toBe(true)
    await database.db
      .update(units)
      .set({ goLiveOn: '2026-11-16' })
      .where(eq(units.id, city.unit('shizheng')))
    const cut = await unitScore(harness.services.ctx, city.unit('shizheng'), november)
    const days = cut.deductions.filter((d) => d.line === '2-1').map((d) => d.ref ?? '')
    expect(days.length).toBeGreaterThan(0)
    expect(days.every((day) => day >= '2026-11-16')).toBe(true)
    // The 2026-11-05 finding is before go-live too.
    expect(cut.deductions.some((d) => d.line === '1-4')).toBe(false)
    await database.db
      .update(units)
      .set({ goLiveOn: '2026-12-05' })
      .where(eq(units.id, city.unit('shizheng')))
    const notYet = await unitScore(harness.services.ctx, city.unit('shizheng'), november)
    expect(notYet).toMatchObject({ score: 100, deductions: [] })
  })
})

describe('scoring every unit at once', () => {
  it('gives each unit the score it gets alone, with go-live dates that differ', async () => {
    await database.db
      .update(units)
      .set({ goLiveOn: '2026-11-16' })
      .where(eq(units.id, city.unit('shizheng')))
    const assessed = (await database.db.select().from(units)).filter(
      (u) => u.active && (u.kind === 'patrol' || u.kind === 'supervising'),
    )
    expect(assessed.length).toBeGreaterThan(5)
    for (const span of ['month', 'quarter'] as const) {
      const period = periodOfDate(span, '2026-11-01', TZ)
      const together = await unitScores(
        harness.services.ctx,
        assessed.map((u) => u.id),
        period,
      )
      for (const unit of assessed)
        expect(together.get(unit.id), `${unit.name} ${span}`).toEqual(
          await unitScore(harness.services.ctx, unit.id, period),
        )
      // The units differ, so a row given to the wrong unit would show.
      expect(new Set([...together.values()].map((s) => JSON.stringify(s.deductions))).size).toBeGreaterThan(2)
    }
    await database.db
      .update(units)
      .set({ goLiveOn: null })
      .where(eq(units.id, city.unit('shizheng')))
  })
})

describe('quarter, half-year and year', () => {
  it('assesses the longer spans over all their deductions, each part capped', async () => {
    const month = (await (await callApi(harness.app, ADMIN, 'GET', '/assessment?month=2026-11')).json()) as {
      data: { unit: string; deductions: unknown[] }[]
    }
    const year = (await (await callApi(harness.app, ADMIN, 'GET', '/assessment?month=2026-11&span=year')).json()) as {
      period: { start: string; end: string }
      data: { unit: string; score: number; deductions: unknown[]; parts: Record<string, { score: number }> }[]
    }
    expect(year.period).toEqual({ start: '2026-01-01', end: '2026-12-31' })
    const byUnit = (list: { unit: string; deductions: unknown[] }[], unit: string) =>
      list.find((u) => u.unit === unit)?.deductions.length ?? 0
    expect(byUnit(year.data, '市政建设总公司')).toBeGreaterThanOrEqual(byUnit(month.data, '市政建设总公司'))
    for (const u of year.data) expect(u.parts.implementation.score).toBeGreaterThanOrEqual(0)
    const half = (await (await callApi(harness.app, ADMIN, 'GET', '/assessment?month=2026-11&span=half')).json()) as {
      period: { start: string; end: string }
    }
    expect(half.period).toEqual({ start: '2026-07-01', end: '2026-12-31' })
    expect((await callApi(harness.app, ADMIN, 'GET', '/assessment?span=decade')).status).toBe(400)
    const page = await (await harness.app.request('/console/assessment?month=2026-11&span=quarter')).text()
    expect(page).toContain('考核 · 2026年第4季度')
  })
})

describe('the supervision table (source 000 (二))', () => {
  it('measures the supervising office against its own rows, edited in the admin pages', async () => {
    const november = periodOfDate('month', '2026-11-01', TZ)
    const before = await unitScore(harness.services.ctx, city.unit('anjianke'), november)
    expect(before.deductions.filter((d) => d.line === '2-6' && d.reason.includes('桥管处'))).toHaveLength(2)
    const admin = await signInAs('系统管理员')
    const set = (supervisedUnitId: number, perMonth: string) =>
      postForm(
        harness.app,
        '/console/admin/assignments',
        { supervisorUnitId: String(city.unit('anjianke')), supervisedUnitId: String(supervisedUnitId), perMonth },
        { cookie: admin },
      )
    expect((await set(city.unit('qiaoguanchu'), '0')).status).toBe(303)
    expect((await set(city.unit('zhianchu'), '3')).status).toBe(303)
    expect((await set(city.unit('anjianke'), '1')).status).toBe(400)
    const after = await unitScore(harness.services.ctx, city.unit('anjianke'), november)
    expect(after.deductions.filter((d) => d.reason.includes('桥管处'))).toHaveLength(0)
    expect(after.deductions.filter((d) => d.reason.includes('质安处'))).toMatchObject([
      { line: '2-6', reason: '2026-11 对质安处督查 0/3 次' },
      { line: '2-6' },
      { line: '2-6' },
    ])
    const page = await (await harness.app.request('/console/admin/units', { headers: { cookie: admin } })).text()
    expect(page).toContain('督查分工')
    expect(
      (await database.db.select().from(auditLog).where(eq(auditLog.action, 'set_supervision_assignment'))).length,
    ).toBe(2)
  })
})
