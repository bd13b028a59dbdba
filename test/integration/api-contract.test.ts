import { Validator } from '@seriousme/openapi-schema-validator'
import Ajv2020 from 'ajv/dist/2020.js'
import addFormats from 'ajv-formats'
import { beforeAll, describe, expect, it } from 'vitest'
import { ManualClock } from '../../src/domain/clock'
import { zonedInstant } from '../../src/domain/local-time'
import { ERROR_CODES } from '../../src/errors'
import type { CityLookup } from '../helpers/city'
import { TEST_TIME_ZONE } from '../helpers/db'
import { type Seeded, useSeededApp } from '../helpers/seeded'

/**
 * A schema-validating client of /api/v1, as an outside system would write one from the published document: it
 * checks the document is valid OpenAPI 3.1, then calls every documented operation — a success and a failure —
 * and validates each answer against the schema the document gives for that status (Ajv, JSON Schema 2020-12,
 * which OpenAPI 3.1 uses). An operation the document gains without a case here fails the test.
 */
const clock = new ManualClock(zonedInstant('2026-11-23', TEST_TIME_ZONE, 15))
const ADMIN = 'contract-admin-token-0123'
const FIELD = 'contract-field-token-0123'
const SUPERVISOR = 'contract-supervisor-token-01'
let app: Seeded['harness']['app']
let city: CityLookup

useSeededApp(
  clock,
  (seeded) => {
    app = seeded.harness.app
    city = seeded.city
  },
  {
    API_TOKEN: ADMIN,
    API_TOKENS: JSON.stringify([
      { token: FIELD, role: 'field_staff', unit: 'shizheng', name: '市政巡查App' },
      { token: SUPERVISOR, role: 'supervisor', unit: 'anjianke', name: '督查平台' },
    ]),
  },
)

interface Operation {
  responses: Record<string, { content?: Record<string, { schema?: object }> }>
}
interface Document {
  openapi: string
  paths: Record<string, Record<string, Operation>>
  components: { schemas: Record<string, object> }
}

let document: Document
const ajv = new Ajv2020({ strict: false, allErrors: true })
addFormats(ajv)

/** The document's `#/components/...` references, resolved against the document registered under `api`. */
function resolvable(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(resolvable)
  if (schema && typeof schema === 'object')
    return Object.fromEntries(
      Object.entries(schema).map(([k, v]) => [
        k,
        k === '$ref' && typeof v === 'string' && v.startsWith('#/') ? `api${v}` : resolvable(v),
      ]),
    )
  return schema
}

interface Call {
  token?: string
  method: 'GET' | 'POST'
  path: string
  body?: unknown
  headers?: Record<string, string>
}

async function send(call: Call): Promise<Response> {
  return app.request(`/api/v1${call.path}`, {
    method: call.method,
    headers: {
      ...(call.token ? { authorization: `Bearer ${call.token}` } : {}),
      ...(call.body === undefined ? {} : { 'content-type': 'application/json' }),
      ...call.headers,
    },
    body: call.body === undefined ? undefined : JSON.stringify(call.body),
  })
}

/** Sends a call and checks its answer against the document: the status is one it lists, the body its schema. */
async function conforming(template: string, call: Call): Promise<{ status: number; body: unknown }> {
  const response = await send(call)
  const label = `${call.method} ${template} → ${response.status}`
  expect(response.headers.get('x-request-id'), label).toMatch(/^[\w=-]{1,64}$/)
  const operation = document.paths[template]?.[call.method.toLowerCase()]
  expect(operation, `${call.method} ${template} is documented`).toBeDefined()
  const documented = operation?.responses[String(response.status)]
  expect(documented, `${label} is a documented status (body: ${await response.clone().text()})`).toBeDefined()
  const type = response.headers.get('content-type') ?? ''
  if (!type.includes('json')) {
    expect(
      Object.keys(documented?.content ?? {}).some((t) => type.startsWith(t)),
      `${label} ${type}`,
    ).toBe(true)
    return { status: response.status, body: undefined }
  }
  const body: unknown = await response.json()
  const schema = documented?.content?.['application/json']?.schema
  expect(schema, `${label} has a JSON schema`).toBeDefined()
  const validate = ajv.compile(resolvable(schema) as object)
  expect(validate(body), `${label}: ${ajv.errorsText(validate.errors)}\n${JSON.stringify(body).slice(0, 600)}`).toBe(
    true,
  )
  return { status: response.status, body }
}

const at = (hour: number) => zonedInstant('2026-11-23', TEST_TIME_ZONE, hour).toISOString()
const dataOf = <T>(result: { body: unknown }) => (result.body as { data: T }).data

describe('/api/v1 against its own OpenAPI document', () => {
  beforeAll(async () => {
    const response = await app.request('/api/v1/openapi.json')
    expect(response.status).toBe(200)
    document = (await response.json()) as Document
    ajv.addSchema({ $id: 'api', components: document.components })
  })

  it('publishes a valid OpenAPI 3.1 document with a schema for every answer', async () => {
    const result = await new Validator().validate(document as unknown as Record<string, unknown>)
    expect(result.errors ?? [], JSON.stringify(result.errors)).toEqual([])
    expect(result.valid).toBe(true)
    expect(document.openapi).toBe('3.1.0')
    for (const [path, operations] of Object.entries(document.paths))
      for (const [method, operation] of Object.entries(operations))
        for (const [status, response] of Object.entries(operation.responses)) {
          const content = response.content ?? {}
          expect(Object.keys(content).length, `${method} ${path} ${status} declares its body`).toBeGreaterThan(0)
          for (const [type, media] of Object.entries(content))
            expect(media.schema, `${method} ${path} ${status} ${type}`).toBeDefined()
        }
    // The error body's code is the one list the server uses.
    const errorCodes = (
      document.components.schemas.Error as {
        properties: { error: { properties: { code: { enum: string[] } } } }
      }
    ).properties.error.properties.code.enum
    expect(errorCodes).toEqual(ERROR_CODES)
  })

  it('answers every documented operation as documented, in success and in failure', async () => {
    const covered = new Set<string>()
    const check = async (template: string, call: Call, expected: number) => {
      covered.add(`${call.method} ${template}`)
      const result = await conforming(template, call)
      expect(result.status, `${call.method} ${template}`).toBe(expected)
      return result
    }

    // Hazards: file, list, fetch, move.
    const hazard = dataOf<{ code: string; status: string }>(
      await check(
        '/hazards',
        {
          token: FIELD,
          method: 'POST',
          path: '/hazards',
          body: { description: '人行道井盖破损', category: 'road_municipal', locationText: '人民路口' },
        },
        201,
      ),
    )
    await check('/hazards', { token: ADMIN, method: 'GET', path: '/hazards?limit=5&status=assigned' }, 200)
    await check('/hazards', { token: ADMIN, method: 'GET', path: '/hazards?status=nonsense' }, 400)
    await check('/hazards/{code}', { token: ADMIN, method: 'GET', path: `/hazards/${hazard.code}` }, 200)
    await check('/hazards/{code}', { token: ADMIN, method: 'GET', path: '/hazards/YH19990101-0001' }, 404)
    await check(
      '/hazards/{code}/transitions',
      { token: ADMIN, method: 'POST', path: `/hazards/${hazard.code}/transitions`, body: { action: 'verify_pass' } },
      422,
    )
    const accepted = dataOf<{ status: string }>(
      await check(
        '/hazards/{code}/transitions',
        { token: ADMIN, method: 'POST', path: `/hazards/${hazard.code}/transitions`, body: { action: 'accept' } },
        200,
      ),
    )
    expect(accepted.status).toBe('rectifying')

    // Complaints: file, list, fetch, move (including 转为隐患, which names the new hazard).
    const complaint = dataOf<{ code: string; citizenPhone: string | null }>(
      await check(
        '/complaints',
        {
          token: ADMIN,
          method: 'POST',
          path: '/complaints',
          body: { category: 'bridge', description: '桥栏杆松动', citizenPhone: '13812345678' },
        },
        201,
      ),
    )
    expect(complaint.citizenPhone).toBe('138****5678')
    await check('/complaints', { token: ADMIN, method: 'POST', path: '/complaints', body: { category: 'x' } }, 400)
    await check('/complaints', { token: ADMIN, method: 'GET', path: '/complaints?limit=3' }, 200)
    await check('/complaints/{code}', { token: ADMIN, method: 'GET', path: `/complaints/${complaint.code}` }, 200)
    await check('/complaints/{code}', { token: FIELD, method: 'GET', path: '/complaints/TS19990101-0001' }, 404)
    const turned = dataOf<{ hazardCode: string | null }>(
      await check(
        '/complaints/{code}/transitions',
        {
          token: SUPERVISOR,
          method: 'POST',
          path: `/complaints/${complaint.code}/transitions`,
          body: { action: 'to_hazard' },
        },
        200,
      ),
    )
    expect(turned.hazardCode).toMatch(/^YH/)
    await check(
      '/complaints/{code}/transitions',
      { token: ADMIN, method: 'POST', path: `/complaints/${complaint.code}/transitions`, body: { action: 'fly' } },
      400,
    )

    // Patrols.
    const patrolBody = {
      startedAt: at(9),
      endedAt: at(11),
      area: '柳叶湖大道',
      patrollers: '张伟、李娜',
      staffCount: 2,
      hazards: [{ description: '护栏缺失', category: 'road_municipal' }],
    }
    const patrol = dataOf<{ code: string; hazards: unknown[] }>(
      await check('/patrols', { token: FIELD, method: 'POST', path: '/patrols', body: patrolBody }, 201),
    )
    expect(patrol.hazards).toHaveLength(1)
    await check(
      '/patrols',
      { token: FIELD, method: 'POST', path: '/patrols', body: { ...patrolBody, startedAt: at(18), endedAt: at(19) } },
      422,
    )
    await check('/patrols', { token: FIELD, method: 'GET', path: '/patrols?kind=daily' }, 200)
    await check('/patrols/{code}', { token: FIELD, method: 'GET', path: `/patrols/${patrol.code}` }, 200)
    await check(
      '/patrols/{code}/transitions',
      {
        token: SUPERVISOR,
        method: 'POST',
        path: `/patrols/${patrol.code}/transitions`,
        body: { action: 'void', reason: '重复填报' },
      },
      200,
    )
    await check(
      '/patrols/{code}/transitions',
      { token: FIELD, method: 'POST', path: '/patrols/XC19990101-0001/transitions', body: { action: 'submit_report' } },
      404,
    )

    // Supervisions: an administrator names the supervising unit; without it the rule answers 422.
    const supervision = {
      inspectedUnitId: city.unit('shizheng'),
      inspectedAt: at(10),
      lead: '陈刚',
      members: '陈刚、刘明',
      matters: '检查巡查台账',
    }
    await check('/supervisions', { token: ADMIN, method: 'POST', path: '/supervisions', body: supervision }, 422)
    const filed = dataOf<{ code: string }>(
      await check(
        '/supervisions',
        {
          token: ADMIN,
          method: 'POST',
          path: '/supervisions',
          body: { ...supervision, supervisorUnitId: city.unit('anjianke') },
        },
        201,
      ),
    )
    await check('/supervisions', { token: ADMIN, method: 'GET', path: '/supervisions' }, 200)
    await check('/supervisions/{code}', { token: ADMIN, method: 'GET', path: `/supervisions/${filed.code}` }, 200)

    // Reports.
    const report = dataOf<{ id: number }>(
      await check(
        '/reports',
        { token: FIELD, method: 'POST', path: '/reports', body: { kind: 'weekly', periodDate: '2026-11-18' } },
        201,
      ),
    )
    await check(
      '/reports',
      { token: FIELD, method: 'POST', path: '/reports', body: { kind: 'weekly', periodDate: '2026-11-18' } },
      409,
    )
    await check('/reports', { token: ADMIN, method: 'GET', path: '/reports?limit=10' }, 200)
    await check('/reports/{id}', { token: ADMIN, method: 'GET', path: `/reports/${report.id}` }, 200)
    await check('/reports/{id}', { token: ADMIN, method: 'GET', path: '/reports/abc' }, 400)
    await check('/reports/{id}/file', { token: ADMIN, method: 'GET', path: `/reports/${report.id}/file` }, 200)
    await check('/reports/{id}/file', { token: ADMIN, method: 'GET', path: '/reports/999999/file' }, 404)
    await check(
      '/reports/{id}/transitions',
      { token: FIELD, method: 'POST', path: `/reports/${report.id}/transitions`, body: { action: 'submit' } },
      422,
    )

    // The assessment and its findings.
    await check('/assessment', { token: ADMIN, method: 'GET', path: '/assessment?month=2026-10' }, 200)
    await check('/assessment', { token: ADMIN, method: 'GET', path: '/assessment?month=2026-13' }, 400)
    await check(
      '/assessment/findings',
      {
        token: SUPERVISOR,
        method: 'POST',
        path: '/assessment/findings',
        body: {
          unitId: city.unit('shizheng'),
          rule: 'plan_untimely',
          appliesOn: '2026-11-02',
          reason: '实施方案未按时制定',
        },
      },
      201,
    )
    await check(
      '/assessment/accidents',
      {
        token: SUPERVISOR,
        method: 'POST',
        path: '/assessment/accidents',
        body: {
          unitId: city.unit('shizheng'),
          occurredOn: '2026-11-03',
          place: '人民路施工点',
          level: 'general',
          deaths: 0,
          reporting: 'on_time',
          mediaExposure: 'none',
          description: '围挡倒塌，无人员伤亡',
        },
      },
      201,
    )
    await check('/assessment/accidents', { token: FIELD, method: 'POST', path: '/assessment/accidents', body: {} }, 400)

    // Every operation the document lists was called; and every one refuses a missing token as documented.
    const documented = Object.entries(document.paths).flatMap(([path, ops]) =>
      Object.keys(ops).map((method) => `${method.toUpperCase()} ${path}`),
    )
    expect([...covered].sort()).toEqual(documented.sort())
    for (const operation of documented) {
      const [method, template] = operation.split(' ') as ['GET' | 'POST', string]
      const path = template.replace('{code}', 'YH20261123-0001').replace('{id}', '1')
      await check(template, { method, path, body: method === 'POST' ? {} : undefined }, 401)
    }
  })

  it('names every request: the caller’s own id is kept, and errors carry it', async () => {
    const response = await send({
      token: ADMIN,
      method: 'GET',
      path: '/hazards/none',
      headers: { 'x-request-id': 'erp-42' },
    })
    expect(response.status).toBe(404)
    expect(response.headers.get('x-request-id')).toBe('erp-42')
    expect(await response.json()).toMatchObject({ error: { code: 'not_found', requestId: 'erp-42' } })
    // A header that could forge log lines is replaced by a fresh id.
    const forged = await send({ token: ADMIN, method: 'GET', path: '/hazards', headers: { 'x-request-id': 'a b\tc' } })
    expect(forged.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/)
  })

  it('answers one shape per resource, whichever operation returns it', async () => {
    const filed = await send({
      token: ADMIN,
      method: 'POST',
      path: '/complaints',
      body: { category: 'gas', description: '闻到燃气味' },
    })
    const listed = await send({ token: ADMIN, method: 'GET', path: '/complaints?limit=1' })
    const one = ((await filed.json()) as { data: Record<string, unknown> }).data
    const first = ((await listed.json()) as { data: Record<string, unknown>[] }).data[0]
    expect(Object.keys(one).sort()).toEqual(Object.keys(first ?? {}).sort())
  })
})
