import { describe, expect, it } from 'vitest'
import { outbox } from '../../src/db/schema'
import { ManualClock } from '../../src/domain/clock'
import { zonedInstant } from '../../src/domain/local-time'
import { reportHazard } from '../../src/services/hazards'
import { chat, lastCode } from '../helpers/chat'
import type { CityLookup } from '../helpers/city'
import { TEST_TIME_ZONE } from '../helpers/db'
import { callApi } from '../helpers/requests'
import { type Seeded, useSeededApp } from '../helpers/seeded'

const clock = new ManualClock(zonedInstant('2026-11-23', TEST_TIME_ZONE, 10))
const ADMIN = 'admin-token-0123456789'
const SHIZHENG = 'shizheng-handler-token-0123'
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
      { token: SHIZHENG, role: 'unit_handler', unit: 'shizheng', name: '市政办件系统' },
      { token: SUPERVISOR, role: 'supervisor', unit: 'anjianke', name: '督查平台' },
    ]),
  },
)

const call = (token: string | undefined, method: string, path: string, body?: unknown) =>
  callApi(app, token, method, path, body)

describe('API writes with role-scoped tokens', () => {
  it('files a complaint and lets the responsible unit sign for it and reply; another unit’s token may not', async () => {
    const created = await call(ADMIN, 'POST', '/complaints', {
      category: 'road_municipal',
      description: '路灯不亮',
      locationText: '朗州路',
    })
    expect(created.status).toBe(201)
    const { data } = (await created.json()) as { data: { code: string; status: string; unitId: number } }
    expect(data).toMatchObject({ status: 'assigned', unitId: city.unit('shizheng') })
    const accepted = await call(SHIZHENG, 'POST', `/complaints/${data.code}/transitions`, { action: 'accept' })
    expect(accepted.status).toBe(200)
    const replied = await call(SHIZHENG, 'POST', `/complaints/${data.code}/transitions`, {
      action: 'reply',
      outcome: '已更换灯泡',
    })
    expect(((await replied.json()) as { data: { status: string } }).data.status).toBe('replied')

    const gas = (await (
      await call(ADMIN, 'POST', '/complaints', { category: 'gas', description: '燃气味' })
    ).json()) as { data: { code: string } }
    const refused = await call(SHIZHENG, 'POST', `/complaints/${gas.data.code}/transitions`, { action: 'accept' })
    // Another unit's item is not found, as if it did not exist: no status or rule gives it away.
    expect(refused.status).toBe(404)
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('not_found')
    // And it neither lists nor opens the other unit's complaint.
    const listed = (await (await call(SHIZHENG, 'GET', '/complaints?limit=100')).json()) as { data: { code: string }[] }
    expect(listed.data.map((c) => c.code)).toEqual([data.code])
    expect((await call(SHIZHENG, 'GET', `/complaints/${gas.data.code}`)).status).toBe(404)
  })

  it('refuses a citizen’s complaint with its reason (不予受理), and the citizen hears why', async () => {
    const code = lastCode(await chat(services, 'o-api-reject', '隔壁违章搭建 在人民路66号', 'mp'), 'TS')
    const path = `/complaints/${code}/transitions`
    // Why is required: nothing changes without it.
    expect((await call(SUPERVISOR, 'POST', path, { action: 'reject' })).status).toBe(400)
    const rejected = await call(SUPERVISOR, 'POST', path, { action: 'reject', reason: '违章搭建属城管执法范围' })
    expect(((await rejected.json()) as { data: { status: string } }).data.status).toBe('rejected')
    const told = (await services.db.select().from(outbox)).filter((row) =>
      row.dedupeKey?.startsWith('complaint-rejected:'),
    )
    expect(told.map((row) => (row.message as { text?: string }).text)).toEqual([
      `您反映的问题（编号 ${code}）经核实不属于本部门受理范围，不予受理：违章搭建属城管执法范围。如有疑问，可拨打 12345 政务服务便民热线。`,
    ])
  })

  it('moves a hazard along the loop by the rules: out-of-order is 422, bad input 400 naming the field', async () => {
    const hazard = await reportHazard({
      ctx: services.ctx,
      input: { description: '井盖缺失', category: 'road_municipal' },
      actor: city.actor('张伟'),
    })
    const path = `/hazards/${hazard.code}/transitions`
    const early = await call(SUPERVISOR, 'POST', path, { action: 'verify_pass' })
    expect(early.status).toBe(422)
    expect(((await early.json()) as { error: { code: string; rule: string } }).error).toMatchObject({
      code: 'rule_violation',
      rule: 'invalid_transition',
    })
    const missing = await call(SHIZHENG, 'POST', path, { action: 'report_rectification' })
    expect(missing.status).toBe(400)
    expect(((await missing.json()) as { error: { message: string } }).error.message).toMatch(/^note/)
    const rectified = await call(SHIZHENG, 'POST', path, { action: 'report_rectification', note: '已补装井盖' })
    expect(((await rectified.json()) as { data: { status: string } }).data.status).toBe('awaiting_verification')
    expect((await call(SHIZHENG, 'POST', path, { action: 'verify_pass' })).status).toBe(403)
    const closed = await call(SUPERVISOR, 'POST', path, { action: 'verify_pass' })
    expect(((await closed.json()) as { data: { status: string } }).data.status).toBe('closed')
    const detail = (await (await call(SHIZHENG, 'GET', `/hazards/${hazard.code}`)).json()) as {
      data: { events: { kind: string; actorRole: string }[] }
    }
    expect(detail.data.events.map((e) => `${e.kind}:${e.actorRole}`)).toEqual([
      'reported:field_staff',
      'assign:system',
      'report_rectification:unit_handler',
      'verify_pass:supervisor',
    ])
    const bad = await call(ADMIN, 'POST', '/complaints', { category: 'spaceship', description: 'x' })
    expect(bad.status).toBe(400)
    expect(((await bad.json()) as { error: { message: string } }).error.message).toMatch(/^category/)
  })

  it('extends a deadline and reassigns a hazard for the supervising office, telling the unit; never shortens one', async () => {
    const hazard = await reportHazard({
      ctx: services.ctx,
      input: { description: '建设路12号井盖破损', category: 'road_municipal' },
      actor: city.actor('张伟'),
    })
    const path = `/hazards/${hazard.code}/transitions`
    const later = '2027-01-15T09:59:00.000Z'
    // The unit asks; it does not decide.
    expect((await call(SHIZHENG, 'POST', path, { action: 'extend', newDueAt: later, reason: '需协调' })).status).toBe(
      403,
    )
    expect(
      (await call(SUPERVISOR, 'POST', path, { action: 'extend', newDueAt: 'soon', reason: '需协调' })).status,
    ).toBe(400)
    // A day February does not have is refused, not moved to the 2nd of March as Date would read it.
    const noSuchDay = await call(SUPERVISOR, 'POST', path, {
      action: 'extend',
      newDueAt: '2027-02-30T09:00:00.000Z',
      reason: '需协调',
    })
    expect(noSuchDay.status).toBe(400)
    expect(((await noSuchDay.json()) as { error: { message: string } }).error.message).toMatch(/^newDueAt/)
    const earlier = await call(SUPERVISOR, 'POST', path, {
      action: 'extend',
      newDueAt: '2026-11-24T00:00:00.000Z',
      reason: '需协调',
    })
    expect(earlier.status).toBe(422)
    expect(((await earlier.json()) as { error: { rule: string } }).error.rule).toBe('invalid_deadline')
    const extended = await call(SUPERVISOR, 'POST', path, {
      action: 'extend',
      newDueAt: later,
      reason: '需协调管线迁改',
    })
    expect(extended.status).toBe(200)
    expect(((await extended.json()) as { data: { rectifyDueAt: string } }).data.rectifyDueAt).toBe(later)
    const moved = await call(SUPERVISOR, 'POST', path, {
      action: 'reassign',
      unitId: city.unit('zhianchu'),
      reason: '属在建工地',
    })
    expect(((await moved.json()) as { data: { unitId: number; status: string } }).data).toMatchObject({
      unitId: city.unit('zhianchu'),
      status: 'assigned',
    })
    const same = await call(SUPERVISOR, 'POST', path, {
      action: 'reassign',
      unitId: city.unit('zhianchu'),
      reason: '再派',
    })
    expect(((await same.json()) as { error: { rule: string } }).error.rule).toBe('same_unit')
    // A major hazard's 五落实 时限 moves with its deadline.
    const major = await reportHazard({
      ctx: services.ctx,
      input: { description: '长港路工地深基坑支护变形', category: 'construction_site', level: 'major' },
      actor: city.actor('张伟'),
    })
    const majorPath = `/hazards/${major.code}/transitions`
    const fiveFixes = {
      responsibility: '项目经理',
      measures: '加固支护',
      funding: '自筹',
      timeLimit: '12月10日前',
      contingencyPlan: '预案',
    }
    const assigned = await call(SUPERVISOR, 'POST', majorPath, {
      action: 'assign',
      unitId: city.unit('zhianchu'),
      rectifyDueAt: '2026-12-10T10:00:00.000Z',
      fiveFixes,
    })
    expect(assigned.status).toBe(200)
    const movedOn = await call(SUPERVISOR, 'POST', majorPath, { action: 'extend', newDueAt: later, reason: '雨季停工' })
    expect(((await movedOn.json()) as { data: { fiveFixes: { timeLimit: string } } }).data.fiveFixes.timeLimit).toBe(
      '2027-01-15前完成（延期）',
    )
    const notices = (await services.db.select().from(outbox)).map((row) => row.dedupeKey ?? '')
    expect(notices.some((key) => key.startsWith(`hazard-extended:${hazard.id}:`))).toBe(true)
    expect(notices.some((key) => key.startsWith(`hazard-assigned:${hazard.id}:${city.unit('zhianchu')}:`))).toBe(true)
  })
})
