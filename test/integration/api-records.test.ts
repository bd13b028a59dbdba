import { createHash } from 'node:crypto'
import { eq, like } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { apiIdempotency, complaints, hazards, outbox, patrols } from '../../src/db/schema'
import { ManualClock } from '../../src/domain/clock'
import { zonedInstant } from '../../src/domain/local-time'
import { runHousekeeping } from '../../src/jobs/housekeeping'
import { idempotencyClient } from '../../src/routes/api/idempotency'
import { chat } from '../helpers/chat'
import type { CityLookup } from '../helpers/city'
import { TEST_TIME_ZONE } from '../helpers/db'
import { failInsertsInto } from '../helpers/faults'
import { callApi } from '../helpers/requests'
import { type Seeded, useSeededApp } from '../helpers/seeded'

const clock = new ManualClock(zonedInstant('2026-11-23', TEST_TIME_ZONE, 15))
const ADMIN = 'admin-token-0123456789'
const FIELD = 'shizheng-field-token-0123'
const HANDLER_ZHIANCHU = 'zhianchu-handler-token-01'
const SUPERVISOR = 'supervisor-token-0123456789'
let app: Seeded['harness']['app']
let services: Seeded['harness']['services']
let city: CityLookup

useSeededApp(
  clock,
  (seeded) => {
    app = seeded.harness.app
    services = seeded.harness.services
    city = seeded.city
  },
  {
    API_TOKEN: ADMIN,
    API_TOKENS: JSON.stringify([
      { token: FIELD, role: 'field_staff', unit: 'shizheng', name: '市政巡查App' },
      { token: HANDLER_ZHIANCHU, role: 'unit_handler', unit: 'zhianchu', name: '质安处系统' },
      { token: SUPERVISOR, role: 'supervisor', unit: 'anjianke', name: '督查平台' },
    ]),
  },
)

const call = (token: string | undefined, method: string, path: string, body?: unknown) =>
  callApi(app, token, method, path, body)

const at = (hour: number) => zonedInstant('2026-11-23', TEST_TIME_ZONE, hour).toISOString()
const patrol = (overrides: Record<string, unknown> = {}) => ({
  startedAt: at(9),
  endedAt: at(11),
  area: '柳叶湖大道',
  patrollers: '张伟、李娜',
  staffCount: 2,
  vehicleCount: 1,
  ...overrides,
})

async function errorOf(response: Response) {
  return ((await response.json()) as { error: { code: string; message: string; rule?: string } }).error
}

describe('API patrols', () => {
  it('files a patrol with its hazards for the token’s unit, routes the hazards and tells the unit group', async () => {
    const created = await call(
      FIELD,
      'POST',
      '/patrols',
      patrol({ hazards: [{ description: '井盖缺失', category: 'road_municipal', locationText: '朗州路口' }] }),
    )
    expect(created.status).toBe(201)
    const { data } = (await created.json()) as {
      data: { code: string; unitId: number; hazards: { code: string; status: string }[] }
    }
    expect(data.code).toMatch(/^XC20261123-\d{4}$/)
    expect(data.unitId).toBe(city.unit('shizheng'))
    expect(data.hazards).toEqual([
      { code: expect.stringMatching(/^YH/), status: 'assigned', category: expect.any(String), level: 'general' },
    ])
    // The hazard's assignment notice is queued for the responsible unit's handlers.
    const hazardId = await idOfHazard(data.hazards[0]?.code ?? '')
    const notices = await services.db
      .select()
      .from(outbox)
      .where(like(outbox.dedupeKey, `hazard-assigned:${hazardId}:${city.unit('shizheng')}:%`))
    expect(notices.length).toBeGreaterThan(0)

    const detail = await call(FIELD, 'GET', `/patrols/${data.code}`)
    expect(detail.status).toBe(200)
    const body = (await detail.json()) as { data: { area: string; hazards: { code: string }[] } }
    expect(body.data.area).toBe('柳叶湖大道')
    expect(body.data.hazards.map((h) => h.code)).toEqual(data.hazards.map((h) => h.code))
  })

  it('refuses another unit, a role that may not file, a missing unit for the admin, and bad times', async () => {
    const otherUnit = await call(FIELD, 'POST', '/patrols', patrol({ unitId: city.unit('zhianchu') }))
    expect(otherUnit.status).toBe(403)
    expect((await errorOf(otherUnit)).code).toBe('forbidden')

    const adminWithoutUnit = await call(ADMIN, 'POST', '/patrols', patrol())
    expect(adminWithoutUnit.status).toBe(422)
    expect((await errorOf(adminWithoutUnit)).rule).toBe('unit_required')
    const adminForUnit = await call(ADMIN, 'POST', '/patrols', patrol({ unitId: city.unit('zhianchu') }))
    expect(adminForUnit.status).toBe(201)

    const unknownUnit = await call(ADMIN, 'POST', '/patrols', patrol({ unitId: 99_999 }))
    expect(unknownUnit.status).toBe(400)
    expect((await errorOf(unknownUnit)).message).toMatch(/^unitId/)

    const backwards = await call(FIELD, 'POST', '/patrols', patrol({ endedAt: at(8) }))
    expect(backwards.status).toBe(400)
    expect((await errorOf(backwards)).message).toMatch(/^endedAt/)
    const future = await call(FIELD, 'POST', '/patrols', patrol({ startedAt: at(18), endedAt: at(19) }))
    expect(future.status).toBe(422)
    const missingArea = await call(FIELD, 'POST', '/patrols', patrol({ area: undefined }))
    expect(missingArea.status).toBe(400)
    expect((await errorOf(missingArea)).message).toMatch(/^area/)
    const notATime = await call(FIELD, 'POST', '/patrols', patrol({ startedAt: '明天上午' }))
    expect((await errorOf(notATime)).message).toMatch(/^startedAt/)

    expect((await call(undefined, 'POST', '/patrols', patrol())).status).toBe(401)
    expect((await call('wrong-token-000000000', 'GET', '/patrols')).status).toBe(401)
  })

  it('lists patrols newest first with keyset paging, scoped to the token’s unit', async () => {
    for (const hour of [12, 13, 14]) {
      const response = await call(FIELD, 'POST', '/patrols', patrol({ startedAt: at(hour), endedAt: at(hour) }))
      expect(response.status).toBe(201)
    }
    const seen: string[] = []
    let cursor: string | null = ''
    while (cursor !== null) {
      const response = await call(FIELD, 'GET', `/patrols?limit=2${cursor ? `&cursor=${cursor}` : ''}`)
      expect(response.status).toBe(200)
      const page = (await response.json()) as { data: { code: string; unitId: number }[]; nextCursor: string | null }
      expect(page.data.length).toBeLessThanOrEqual(2)
      for (const row of page.data) expect(row.unitId).toBe(city.unit('shizheng'))
      seen.push(...page.data.map((p) => p.code))
      cursor = page.nextCursor
    }
    const ours = await services.db
      .select()
      .from(patrols)
      .where(eq(patrols.unitId, city.unit('shizheng')))
    expect(seen).toHaveLength(ours.length)
    expect(new Set(seen).size).toBe(seen.length)
    const starts = ours.sort((a, b) => b.startedAt.getTime() - a.startedAt.getTime() || b.id - a.id).map((p) => p.code)
    expect(seen).toEqual(starts)

    // The admin sees every unit's; another unit's handler sees none of shizheng's and cannot open one.
    const all = (await (await call(ADMIN, 'GET', '/patrols?limit=200')).json()) as { data: unknown[] }
    expect(all.data.length).toBeGreaterThan(seen.length)
    const other = (await (await call(HANDLER_ZHIANCHU, 'GET', '/patrols?limit=200')).json()) as {
      data: { unitId: number }[]
    }
    expect(other.data.every((p) => p.unitId === city.unit('zhianchu'))).toBe(true)
    expect((await call(HANDLER_ZHIANCHU, 'GET', `/patrols/${seen[0]}`)).status).toBe(404)

    const badCursor = await call(FIELD, 'GET', '/patrols?cursor=nonsense')
    expect(badCursor.status).toBe(400)
    expect((await errorOf(badCursor)).message).toMatch(/^cursor/)
    expect((await call(FIELD, 'GET', '/patrols?kind=weekly')).status).toBe(400)
  })
})

describe('API supervisions and hazards', () => {
  it('lets a supervisor file a supervision for its own office; unit tokens may not, and see only their unit’s', async () => {
    const body = {
      inspectedUnitId: city.unit('zhianchu'),
      inspectedAt: at(10),
      lead: '刘明',
      members: '陈刚、赵敏',
      matters: '检查在建工地安全',
      problems: '临边防护缺失',
    }
    const created = await call(SUPERVISOR, 'POST', '/supervisions', body)
    expect(created.status).toBe(201)
    const { data } = (await created.json()) as { data: { code: string; supervisorUnitId: number } }
    expect(data.code).toMatch(/^DC/)
    expect(data.supervisorUnitId).toBe(city.unit('anjianke'))

    const byHandler = await call(HANDLER_ZHIANCHU, 'POST', '/supervisions', body)
    expect(byHandler.status).toBe(403)
    expect((await call(SUPERVISOR, 'POST', '/supervisions', { ...body, lead: '' })).status).toBe(400)
    const unknown = await call(SUPERVISOR, 'POST', '/supervisions', { ...body, inspectedUnitId: 99_999 })
    expect((await errorOf(unknown)).message).toMatch(/^inspectedUnitId/)

    const inspected = (await (await call(HANDLER_ZHIANCHU, 'GET', '/supervisions')).json()) as {
      data: { code: string }[]
    }
    expect(inspected.data.map((s) => s.code)).toEqual([data.code])
    expect((await call(HANDLER_ZHIANCHU, 'GET', `/supervisions/${data.code}`)).status).toBe(200)
    const shizheng = (await (await call(FIELD, 'GET', '/supervisions')).json()) as { data: unknown[] }
    expect(shizheng.data).toEqual([])
    expect((await call(FIELD, 'GET', `/supervisions/${data.code}`)).status).toBe(404)
  })

  it('files a hazard found by the token’s unit and routes it', async () => {
    const created = await call(FIELD, 'POST', '/hazards', {
      description: '燃气管道外露',
      category: 'gas',
      locationText: '武陵大道',
      latitude: 29.03,
      longitude: 111.69,
    })
    expect(created.status).toBe(201)
    const { data } = (await created.json()) as {
      data: { code: string; status: string; unitId: number; foundByUnitId: number }
    }
    expect(data).toMatchObject({
      status: 'assigned',
      unitId: city.unit('ranqiban'),
      foundByUnitId: city.unit('shizheng'),
    })
    const listed = (await (await call(ADMIN, 'GET', `/hazards/${data.code}`)).json()) as { data: { events: unknown[] } }
    expect(listed.data.events.length).toBeGreaterThan(0)
    const badLevel = await call(FIELD, 'POST', '/hazards', { description: 'x', category: 'gas', level: 'huge' })
    expect((await errorOf(badLevel)).message).toMatch(/^level/)
    // Found in the year 9999: a mistake, refused, and nothing is stored.
    const before = await services.db.select({ id: hazards.id }).from(hazards)
    const future = await call(FIELD, 'POST', '/hazards', {
      description: '井盖缺失',
      category: 'road_municipal',
      locationText: '人民路',
      foundAt: '9999-12-31T00:00:00Z',
    })
    expect(future.status).toBe(422)
    expect(await errorOf(future)).toMatchObject({ rule: 'future_time', message: '发现时间不能晚于现在。' })
    expect(await services.db.select({ id: hazards.id }).from(hazards)).toHaveLength(before.length)
  })

  it('describes the new endpoints in the OpenAPI document', async () => {
    const doc = (await (await app.request('/api/v1/openapi.json')).json()) as { paths: Record<string, object> }
    for (const path of ['/patrols', '/patrols/{code}', '/supervisions', '/supervisions/{code}'])
      expect(Object.keys(doc.paths)).toContain(path)
    expect(Object.keys(doc.paths['/hazards'] ?? {})).toEqual(expect.arrayContaining(['get', 'post']))
    expect(Object.keys(doc.paths['/patrols'] ?? {})).toEqual(expect.arrayContaining(['get', 'post']))
  })
})

async function idOfHazard(code: string): Promise<number> {
  const [row] = await services.db.select({ id: hazards.id }).from(hazards).where(eq(hazards.code, code))
  return row?.id ?? -1
}

describe('API patrol steps and reports', () => {
  it('registers a team patrol’s report by its unit, voids a wrong record by a supervisor only', async () => {
    const created = await call(FIELD, 'POST', '/patrols', patrol({ kind: 'team', teamLeader: '张伟' }))
    const { data } = (await created.json()) as { data: { code: string; reportDueAt: string | null } }
    expect(data.reportDueAt).not.toBeNull()
    const path = `/patrols/${data.code}/transitions`

    expect((await call(HANDLER_ZHIANCHU, 'POST', path, { action: 'submit_report' })).status).toBe(404)
    const submitted = await call(FIELD, 'POST', path, { action: 'submit_report' })
    expect(submitted.status).toBe(200)
    expect(((await submitted.json()) as { data: { reportSubmittedAt: string } }).data.reportSubmittedAt).toBe(
      clock.now().toISOString(),
    )

    const notYours = await call(FIELD, 'POST', path, { action: 'void', reason: '填错了' })
    expect(notYours.status).toBe(403)
    const noReason = await call(SUPERVISOR, 'POST', path, { action: 'void' })
    expect((await errorOf(noReason)).message).toMatch(/^reason/)
    const voided = await call(SUPERVISOR, 'POST', path, { action: 'void', reason: '与XC记录重复' })
    expect(((await voided.json()) as { data: { voidReason: string } }).data.voidReason).toBe('与XC记录重复')
    const again = await call(FIELD, 'POST', path, { action: 'submit_report' })
    expect(again.status).toBe(422)
    expect((await errorOf(again)).rule).toBe('invalid_transition')
    expect((await call(FIELD, 'POST', path, { action: 'approve' })).status).toBe(400)
  })

  it('drafts a report for an ended period once, for the unit that owes it, then the unit submits it', async () => {
    const weekly = await call(FIELD, 'POST', '/reports', { kind: 'weekly', periodDate: '2026-11-18' })
    expect(weekly.status).toBe(201)
    const { data } = (await weekly.json()) as {
      data: { id: number; unitId: number; periodStart: string; periodEnd: string; file: string; figures: unknown }
    }
    expect(data).toMatchObject({ unitId: city.unit('shizheng'), periodStart: '2026-11-16', periodEnd: '2026-11-22' })
    expect(data.figures).toBeTruthy()
    const file = await call(FIELD, 'GET', `/reports/${data.id}/file`)
    expect(file.headers.get('content-type')).toContain('spreadsheetml')
    // Named for people: the unit, the form and the week, in Chinese (RFC 6266 filename*).
    expect(file.headers.get('content-disposition')).toContain(
      `filename*=UTF-8''${encodeURIComponent('市政建设总公司_周报表_2026年第47周.xlsx')}`,
    )

    expect((await call(FIELD, 'POST', '/reports', { kind: 'weekly', periodDate: '2026-11-20' })).status).toBe(409)
    const current = await call(FIELD, 'POST', '/reports', { kind: 'weekly', periodDate: '2026-11-23' })
    expect((await errorOf(current)).rule).toBe('period_not_over')
    const notOwed = await call(FIELD, 'POST', '/reports', { kind: 'monthly', periodDate: '2026-10-01' })
    expect((await errorOf(notOwed)).rule).toBe('not_owed')
    const otherUnit = await call(FIELD, 'POST', '/reports', {
      kind: 'weekly',
      unitId: city.unit('zhianchu'),
      periodDate: '2026-11-18',
    })
    expect(otherUnit.status).toBe(403)
    expect(
      (await errorOf(await call(FIELD, 'POST', '/reports', { kind: 'weekly', periodDate: '18/11/2026' }))).message,
    ).toMatch(/^periodDate/)

    expect((await call(HANDLER_ZHIANCHU, 'GET', `/reports/${data.id}`)).status).toBe(404)
    expect((await call(HANDLER_ZHIANCHU, 'POST', `/reports/${data.id}/transitions`, { action: 'submit' })).status).toBe(
      404,
    )
    // Not confirmed nor signed yet: the API says what is missing and changes nothing.
    const unsigned = await call(FIELD, 'POST', `/reports/${data.id}/transitions`, { action: 'submit' })
    expect(unsigned.status).toBe(422)
    const refusal = await errorOf(unsigned)
    expect(refusal).toMatchObject({ code: 'rule_violation', rule: 'unsigned' })
    expect(refusal.message).toContain('填报人确认上报；分管领导签字（孙建国）')
    expect((await chat(services, 'demo:handler', '确认上报周报'))[0]).toContain('还需要：分管领导签字（孙建国）')
    expect((await chat(services, 'demo:unit_leader', '签字'))[0]).toContain('已上报周报表（2026-11-16 至 2026-11-22）')
    const submitted = await call(FIELD, 'POST', `/reports/${data.id}/transitions`, { action: 'submit' })
    expect(submitted.status).toBe(200)
    expect(((await submitted.json()) as { data: { submittedAt: string } }).data.submittedAt).toBe(
      clock.now().toISOString(),
    )

    const monthly = await call(SUPERVISOR, 'POST', '/reports', { kind: 'monthly', periodDate: '2026-10-15' })
    expect(monthly.status).toBe(201)
    expect(((await monthly.json()) as { data: { unitId: number } }).data.unitId).toBe(city.unit('anjianke'))
    const listed = (await (await call(ADMIN, 'GET', '/reports')).json()) as { data: { id: number }[] }
    expect(listed.data.length).toBeGreaterThanOrEqual(2)
  })
})

describe('API authentication', () => {
  it('answers 401 with the error shape on every documented endpoint without a token, and with a wrong one', async () => {
    const doc = (await (await app.request('/api/v1/openapi.json')).json()) as { paths: Record<string, object> }
    let checked = 0
    for (const [template, operations] of Object.entries(doc.paths)) {
      const path = template.replace('{code}', 'YH20261123-0001').replace('{id}', '1')
      for (const method of Object.keys(operations)) {
        for (const token of [undefined, 'not-a-real-token-000']) {
          const res = await call(token, method.toUpperCase(), path, method === 'post' ? {} : undefined)
          expect(res.status, `${method} ${template}`).toBe(401)
          expect((await errorOf(res)).code).toBe('unauthorized')
          checked++
        }
      }
    }
    expect(checked).toBeGreaterThanOrEqual(2 * 20)
  })
})

describe('API idempotency keys', () => {
  const post = (token: string, body: unknown, key?: string) =>
    app.request('/api/v1/patrols', {
      method: 'POST',
      headers: {
        authorization: `Bearer ${token}`,
        'content-type': 'application/json',
        ...(key ? { 'idempotency-key': key } : {}),
      },
      body: JSON.stringify(body),
    })
  const countPatrols = async (area: string) =>
    (await services.db.select().from(patrols).where(eq(patrols.area, area))).length

  it('answers a retried POST with the first answer instead of filing twice', async () => {
    const body = patrol({ area: '重试路段' })
    const first = await post(FIELD, body, 'retry-1')
    expect(first.status).toBe(201)
    const again = await post(FIELD, body, 'retry-1')
    expect(again.status).toBe(201)
    expect(again.headers.get('idempotent-replayed')).toBe('true')
    const [a, b] = (await Promise.all([first.json(), again.json()])) as { data: { code: string } }[]
    expect(b?.data.code).toBe(a?.data.code)
    expect(await countPatrols('重试路段')).toBe(1)

    // The same key with another body is a client bug, not a retry.
    const other = await post(FIELD, patrol({ area: '别的路段' }), 'retry-1')
    expect(other.status).toBe(422)
    expect((await errorOf(other)).code).toBe('idempotency_key_reused')
    // Keys are per client: another token's same key is its own request.
    const admin = await post(ADMIN, { ...body, unitId: city.unit('zhianchu') }, 'retry-1')
    expect(admin.status).toBe(201)
    // Without a key every POST is new.
    await post(FIELD, body)
    expect(await countPatrols('重试路段')).toBe(3)
  })

  it('keeps nothing from a failed attempt, so the corrected retry goes through', async () => {
    const bad = await post(FIELD, patrol({ area: '失败重试', staffCount: 0 }), 'retry-2')
    expect(bad.status).toBe(400)
    const fixed = await post(FIELD, patrol({ area: '失败重试' }), 'retry-2')
    expect(fixed.status).toBe(201)
    expect(fixed.headers.get('idempotent-replayed')).toBeNull()
    expect(await countPatrols('失败重试')).toBe(1)
  })

  it('keeps neither the record nor its notices when a notice cannot be stored, so the retry files once', async () => {
    const complaint = { category: 'road_municipal', description: '通知失败时的井盖投诉', locationText: '紫菱路' }
    const file = () =>
      app.request('/api/v1/complaints', {
        method: 'POST',
        headers: {
          authorization: `Bearer ${ADMIN}`,
          'content-type': 'application/json',
          'idempotency-key': 'notice-1',
        },
        body: JSON.stringify(complaint),
      })
    const count = async () =>
      (await services.db.select().from(complaints).where(eq(complaints.description, complaint.description))).length
    const restore = await failInsertsInto(services.db, 'outbox')
    try {
      expect((await file()).status).toBeGreaterThanOrEqual(500)
      expect(await count()).toBe(0)
    } finally {
      await restore()
    }
    const retried = await file()
    expect(retried.status).toBe(201)
    expect(await count()).toBe(1)
  })

  it('files once when two deliveries of the same request race', async () => {
    const body = patrol({ area: '并发重试' })
    const answers = await Promise.all([post(FIELD, body, 'race-1'), post(FIELD, body, 'race-1')])
    const statuses = answers.map((r) => r.status).sort()
    expect(statuses[0]).toBe(201)
    expect([201, 409]).toContain(statuses[1])
    expect(await countPatrols('并发重试')).toBe(1)
  })

  it('takes over a key whose first attempt died mid-way, after a minute', async () => {
    const body = patrol({ area: '中断重试' })
    const client = idempotencyClient({ name: '市政巡查App', role: 'field_staff', unitId: city.unit('shizheng') })
    const requestHash = createHash('sha256')
      .update(`POST /api/v1/patrols\n${JSON.stringify(body)}`)
      .digest('hex')
    await services.db.insert(apiIdempotency).values({
      client,
      key: 'crashed-1',
      requestHash,
      createdAt: new Date(clock.now().getTime() - 30_000),
    })
    expect((await post(FIELD, body, 'crashed-1')).status).toBe(409)
    clock.advance(60_000)
    expect((await post(FIELD, body, 'crashed-1')).status).toBe(201)
    expect(await countPatrols('中断重试')).toBe(1)
  })

  it('forgets keys after a week, in the nightly housekeeping', async () => {
    expect((await post(FIELD, patrol({ area: '一周后' }), 'old-key')).status).toBe(201)
    const keys = async () => (await services.db.select().from(apiIdempotency)).map((row) => row.key)
    expect(await keys()).toContain('old-key')
    clock.advance(6 * 86_400_000)
    await runHousekeeping(services.ctx)
    expect(await keys()).toContain('old-key')
    clock.advance(2 * 86_400_000)
    await runHousekeeping(services.ctx)
    expect(await keys()).not.toContain('old-key')
  })
})
