import { eq } from 'drizzle-orm'
import { XMLParser } from 'fast-xml-parser'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { complaints } from '../../src/db/schema'
import { ManualClock } from '../../src/domain/clock'
import { zonedInstant } from '../../src/domain/local-time'
import { receiveComplaint } from '../../src/services/complaints'
import { testApp } from '../helpers/app'
import { chat } from '../helpers/chat'
import { createTestDatabase, seedDefaults, TEST_TIME_ZONE, type TestDatabase } from '../helpers/db'

/**
 * Conformance with Open311 GeoReport v2 as the spec's examples show it: the keys of services, service
 * definitions and requests; POST requests answering [{service_request_id, service_notice, account_id}];
 * errors as [{code, description}] with the matching HTTP status.
 */
const clock = new ManualClock(zonedInstant('2026-11-23', TEST_TIME_ZONE, 10))
let database: TestDatabase
let harness: ReturnType<typeof testApp>
const base = '/open311/v2'

beforeAll(async () => {
  database = await createTestDatabase()
  await seedDefaults(database, clock.now())
  harness = testApp(database, clock, { OPEN311_API_KEY: 'open311-key-0123456789' })
})
afterAll(async () => database?.drop())

function post(fields: Record<string, string>) {
  return harness.app.request(`${base}/requests.json`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(fields).toString(),
  })
}

const REQUEST_KEYS = [
  'service_request_id',
  'status',
  'status_notes',
  'service_name',
  'service_code',
  'description',
  'agency_responsible',
  'service_notice',
  'requested_datetime',
  'updated_datetime',
  'expected_datetime',
  'address',
  'address_id',
  'zipcode',
  'lat',
  'long',
  'media_url',
].sort()

describe('Open311 GeoReport v2', () => {
  it('lists services with the spec’s keys', async () => {
    const services = (await (await harness.app.request(`${base}/services.json`)).json()) as Record<string, unknown>[]
    expect(services.length).toBe(9)
    for (const s of services)
      expect(Object.keys(s).sort()).toEqual([
        'description',
        'group',
        'keywords',
        'metadata',
        'service_code',
        'service_name',
        'type',
      ])
    expect(services.find((s) => s.service_code === 'gas')).toMatchObject({
      service_name: '燃气',
      type: 'realtime',
      metadata: false,
    })
  })

  it('gives a service definition, and a 404 in the error format for an unknown code', async () => {
    expect(await (await harness.app.request(`${base}/services/bridge.json`)).json()).toEqual({
      service_code: 'bridge',
      attributes: [],
    })
    const missing = await harness.app.request(`${base}/services/spaceship.json`)
    expect(missing.status).toBe(404)
    expect(await missing.json()).toEqual([{ code: 404, description: 'service_code spaceship not found' }])
  })

  it('files a request and reports it back; the unit’s reply appears as status_notes when closed', async () => {
    const res = await post({
      api_key: 'open311-key-0123456789',
      service_code: 'road_municipal',
      lat: '29.0315',
      long: '111.6985',
      address_string: '武陵大道与洞庭大道交叉口',
      description: '井盖缺失，夜间危险',
      first_name: '明',
      last_name: '王',
      phone: '13912345678',
      account_id: '12345-hotline-778',
      media_url: 'https://hotline.example/photos/778.jpg',
    })
    expect(res.status).toBe(200)
    const [created] = (await res.json()) as { service_request_id: string; service_notice: string; account_id: string }[]
    expect(created?.service_request_id).toMatch(/^TS20261123-\d{4}$/)
    expect(created?.account_id).toBe('12345-hotline-778')
    const id = created?.service_request_id ?? ''

    const [open] = (await (await harness.app.request(`${base}/requests/${id}.json`)).json()) as Record<
      string,
      unknown
    >[]
    expect(Object.keys(open ?? {}).sort()).toEqual(REQUEST_KEYS)
    expect(open).toMatchObject({
      status: 'open',
      service_code: 'road_municipal',
      agency_responsible: '市政建设总公司',
      lat: 29.0315,
      long: 111.6985,
      // The client's photo link, kept and listed back (it was dropped, and null listed).
      media_url: 'https://hotline.example/photos/778.jpg',
    })

    await chat(harness.services, 'demo:handler', `签收 ${id}`)
    await chat(harness.services, 'demo:handler', `回复 ${id} 已补装井盖`)
    const [closed] = (await (await harness.app.request(`${base}/requests/${id}.json`)).json()) as Record<
      string,
      unknown
    >[]
    expect(closed).toMatchObject({ status: 'closed', status_notes: '已补装井盖' })

    const listed = (await (
      await harness.app.request(`${base}/requests.json?service_request_id=${id}`)
    ).json()) as Record<string, unknown>[]
    expect(listed.map((r) => r.service_request_id)).toEqual([id])
    const stillOpen = (await (await harness.app.request(`${base}/requests.json?status=open`)).json()) as Record<
      string,
      unknown
    >[]
    expect(stillOpen.some((r) => r.service_request_id === id)).toBe(false)
    const closedOnes = (await (await harness.app.request(`${base}/requests.json?status=closed`)).json()) as Record<
      string,
      unknown
    >[]
    expect(closedOnes.map((r) => r.service_request_id)).toContain(id)
    expect(closedOnes.every((r) => r.status === 'closed')).toBe(true)
    // The spec lets a client name several statuses, comma delimited: both is everything.
    const both = (await (await harness.app.request(`${base}/requests.json?status=open,%20closed`)).json()) as Record<
      string,
      unknown
    >[]
    expect(both.length).toBe(stillOpen.length + closedOnes.length)
  })

  it('takes the same fields posted as a JSON object, and answers a JSON body that is no object with 400', async () => {
    const postJson = (body: string) =>
      harness.app.request(`${base}/requests.json`, {
        method: 'POST',
        headers: { 'content-type': 'application/json; charset=utf-8' },
        body,
      })
    const filed = await postJson(
      JSON.stringify({
        api_key: 'open311-key-0123456789',
        service_code: 'road_municipal',
        lat: 29.03,
        long: 111.69,
        description: '井盖缺失',
      }),
    )
    expect(filed.status).toBe(200)
    const [receipt] = (await filed.json()) as { service_request_id: string }[]
    expect(receipt?.service_request_id).toMatch(/^TS\d{8}-\d{4}$/)
    const [row] = await database.db
      .select()
      .from(complaints)
      .where(eq(complaints.code, receipt?.service_request_id ?? ''))
    expect(row).toMatchObject({ category: 'road_municipal', latitude: 29.03, longitude: 111.69 })
    for (const body of ['[1,2]', '"text"', '{not json'])
      expect(await (await postJson(body)).json()).toEqual([
        { code: 400, description: 'the request body is not a form or a JSON object' },
      ])
  })

  it('answers a status that is neither open nor closed with 400 in the error format', async () => {
    const res = await harness.app.request(`${base}/requests.json?status=open,pending`)
    expect(res.status).toBe(400)
    expect(await res.json()).toEqual([
      { code: 400, description: 'status must be open, closed or both, comma delimited' },
    ])
  })

  it.each([
    [
      { api_key: 'wrong', service_code: 'gas', address_string: '某小区', description: 'x' },
      403,
      'api_key is missing or invalid',
    ],
    [
      { api_key: 'open311-key-0123456789', service_code: 'spaceship', address_string: '某处', description: 'x' },
      404,
      'service_code spaceship not found',
    ],
    [
      { api_key: 'open311-key-0123456789', service_code: 'gas', description: '燃气味' },
      400,
      'a location is required: lat and long, or address_string',
    ],
    [
      { api_key: 'open311-key-0123456789', service_code: 'gas', address_string: '某小区' },
      400,
      'description is required',
    ],
    // The key is checked before anything else about the request (GeoReport v2: 403 for a missing key).
    [{ service_code: 'gas' }, 403, 'api_key is missing or invalid'],
    // A media_url that is no web link (a file path, a script) is refused, and nothing is filed.
    [
      {
        api_key: 'open311-key-0123456789',
        service_code: 'gas',
        address_string: '某小区',
        description: '燃气味',
        media_url: 'javascript:alert(1)',
      },
      400,
      'media_url: must be an http or https URL',
    ],
  ])('answers %j with %i in the error format', async (fields, status, description) => {
    const res = await post(fields)
    expect(res.status).toBe(status)
    expect(await res.json()).toEqual([{ code: status, description }])
  })

  it('answers an oversized, unreadable or NUL-bearing request in the error list too, and files nothing', async () => {
    const before = (await database.db.select({ id: complaints.id }).from(complaints)).length
    const oversized = await harness.app.request(`${base}/requests.json`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: `api_key=open311-key-0123456789&service_code=gas&address_string=x&description=${'很'.repeat(20_000)}`,
    })
    expect(oversized.status).toBe(413)
    expect(await oversized.json()).toEqual([{ code: 413, description: expect.any(String) }])
    const unreadable = await harness.app.request(`${base}/requests.json`, {
      method: 'POST',
      headers: { 'content-type': 'multipart/form-data; boundary=x' },
      body: '--x',
    })
    expect(unreadable.status).toBe(400)
    expect(await unreadable.json()).toEqual([{ code: 400, description: 'the request body is not a form' }])
    const nul = await harness.app.request(`${base}/requests.xml?status=open%00`)
    expect(nul.status).toBe(400)
    expect(nul.headers.get('content-type')).toMatch(/^text\/xml/)
    expect(new XMLParser().parse(await nul.text()).errors.error).toEqual({
      code: 400,
      description: 'NUL characters are not allowed',
    })
    expect((await database.db.select({ id: complaints.id }).from(complaints)).length).toBe(before)
  })

  it('answers an unknown request id with 404', async () => {
    const res = await harness.app.request(`${base}/requests/TS20990101-0001.json`)
    expect(res.status).toBe(404)
    expect(await res.json()).toEqual([{ code: 404, description: 'service_request_id TS20990101-0001 not found' }])
  })

  it('gives the id back for tokens/{token} (no tokens are issued: the POST answers with the id), and 404s in the spec’s shape', async () => {
    const filed = await post({
      api_key: 'open311-key-0123456789',
      service_code: 'road_municipal',
      address_string: '人民路66号',
      description: '井盖松动',
    })
    const [{ service_request_id: id }] = (await filed.json()) as { service_request_id: string }[]
    const token = await harness.app.request(`${base}/tokens/${id}.json`)
    expect(token.status).toBe(200)
    expect(await token.json()).toEqual([{ service_request_id: id, token: id }])
    const unknown = await harness.app.request(`${base}/tokens/abc.json`)
    expect(unknown.status).toBe(404)
    expect(await unknown.json()).toEqual([{ code: 404, description: 'token abc not found' }])
    // Any other address under the endpoint answers in the error list too, in the format it asked for.
    const other = await harness.app.request(`${base}/services.yaml`)
    expect(other.status).toBe(404)
    expect(await other.json()).toEqual([{ code: 404, description: 'not a GeoReport v2 resource; see discovery.json' }])
    const xml = await harness.app.request(`${base}/nothing.xml`)
    expect(xml.headers.get('content-type')).toMatch(/^text\/xml/)
    expect(await xml.text()).toContain('<errors>')
  })
})

describe('Open311 GeoReport v2 in XML', () => {
  const parser = new XMLParser({
    parseTagValue: false,
    isArray: (name) => ['service', 'request', 'error'].includes(name),
  })
  const xml = async (res: Response) => {
    expect(res.headers.get('content-type')).toContain('text/xml')
    const text = await res.text()
    expect(text.startsWith('<?xml version="1.0" encoding="utf-8"?>')).toBe(true)
    return parser.parse(text) as Record<string, Record<string, Record<string, string>[]>>
  }

  it('lists services as <services><service>…, with the same fields as the JSON', async () => {
    const doc = await xml(await harness.app.request(`${base}/services.xml`))
    const services = doc.services?.service ?? []
    expect(services).toHaveLength(9)
    expect(services.find((s) => s.service_code === 'gas')).toMatchObject({
      service_name: '燃气',
      metadata: 'false',
      type: 'realtime',
    })
  })

  it('files a request and answers <service_requests><request> with the ticket; tracks it by id', async () => {
    const res = await harness.app.request(`${base}/requests.xml`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        api_key: 'open311-key-0123456789',
        service_code: 'bridge',
        address_string: '沅水大桥',
        description: '护栏松动，联系电话13912345678',
      }).toString(),
    })
    expect(res.status).toBe(200)
    const created = (await xml(res)).service_requests?.request?.[0]
    expect(created?.service_request_id).toMatch(/^TS20261123-\d{4}$/)
    expect(created).toHaveProperty('account_id')

    const tracked = (await xml(await harness.app.request(`${base}/requests/${created?.service_request_id}.xml`)))
      .service_requests?.request?.[0]
    expect(tracked).toMatchObject({ service_code: 'bridge', status: 'open', address: '沅水大桥' })
    // The list is public: the phone number the citizen typed is masked.
    expect(tracked?.description).toContain('139****5678')
    expect(tracked?.description).not.toContain('13912345678')
  })

  it('reports errors as <errors><error><code/><description/>, with the HTTP status', async () => {
    const res = await harness.app.request(`${base}/requests.xml`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ api_key: 'wrong', service_code: 'bridge', description: 'x' }).toString(),
    })
    expect(res.status).toBe(403)
    expect((await xml(res)).errors?.error?.[0]).toEqual({ code: '403', description: 'api_key is missing or invalid' })
    const missing = await harness.app.request(`${base}/services/spaceship.xml`)
    expect(missing.status).toBe(404)
    const definition = await harness.app.request(`${base}/services/bridge.xml`)
    expect(await definition.text()).toContain('<service_code>bridge</service_code>')
    expect((await harness.app.request(`${base}/requests/TS20261123-0001.csv`)).status).toBe(404)
  })
})

describe('Open311 service discovery', () => {
  it('tells a client where the GeoReport v2 endpoint is and in which formats, in JSON and XML', async () => {
    const json = (await (await harness.app.request(`${base}/discovery.json`)).json()) as {
      changeset: string
      endpoints: { specification: string; url: string; type: string; formats: string[] }[]
    }
    expect(json.changeset).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/)
    expect(json.endpoints).toEqual([
      {
        specification: 'http://wiki.open311.org/GeoReport_v2',
        url: `http://localhost${base}`,
        changeset: json.changeset,
        type: 'production',
        formats: ['text/xml', 'application/json'],
      },
    ])
    // A client that starts there follows the endpoint to the services.
    const services = await harness.app.request(`${new URL(json.endpoints[0]?.url ?? '').pathname}/services.json`)
    expect(services.status).toBe(200)

    const xmlRes = await harness.app.request(`${base}/discovery.xml`)
    expect(xmlRes.headers.get('content-type')).toContain('text/xml')
    const doc = new XMLParser({ parseTagValue: false, isArray: (name) => ['endpoint', 'format'].includes(name) }).parse(
      await xmlRes.text(),
    ) as { discovery: { endpoints: { endpoint: { url: string; formats: { format: string[] } }[] } } }
    expect(doc.discovery.endpoints.endpoint[0]?.url).toBe(`http://localhost${base}`)
    expect(doc.discovery.endpoints.endpoint[0]?.formats.format).toEqual(['text/xml', 'application/json'])
    const root = await harness.app.request('/open311/discovery.xml')
    expect(root.status).toBe(301)
    expect(root.headers.get('location')).toBe(`${base}/discovery.xml`)
  })

  it('finds a ticket by service_request_id whatever the other filters say, however old it is', async () => {
    const old = await receiveComplaint({
      ctx: harness.services.ctx,
      input: { channel: 'open311', category: 'bridge', description: '桥面裂缝', locationText: '沅水大桥' },
    })
    clock.advance(120 * 86_400_000)
    const found = (await (
      await harness.app.request(`${base}/requests.json?service_request_id=${old.code}&status=closed&service_code=gas`)
    ).json()) as { service_request_id: string }[]
    expect(found.map((r) => r.service_request_id)).toEqual([old.code])
    clock.advance(-120 * 86_400_000)
  })
})
