import { XMLParser } from 'fast-xml-parser'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ManualClock } from '../../src/domain/clock'
import { zonedInstant } from '../../src/domain/local-time'
import { testApp } from '../helpers/app'
import { createTestDatabase, seedDefaults, TEST_TIME_ZONE, type TestDatabase } from '../helpers/db'

/**
 * A session of an Open311 client nobody here wrote, replayed request by request: the calls the `three` Python
 * client (codeforamerica/three) makes, with its URL shapes and parameters — an endpoint with a trailing slash
 * and the format as an extension, `jurisdiction_id` on every call, `start_date`/`end_date` as
 * YYYY-MM-DDTHH:MM:SSZ, `page_size` for its `count`, the POST as a form (multipart when a photo is attached) with
 * `address_string`, `first_name`/`last_name`, `phone` and `api_key`. The client starts from discovery and
 * follows the endpoint it names; the session runs once in JSON and once in XML.
 */
const clock = new ManualClock(zonedInstant('2026-11-23', TEST_TIME_ZONE, 10))
const KEY = 'open311-client-key-0123456789'
let database: TestDatabase
let harness: ReturnType<typeof testApp>

beforeAll(async () => {
  database = await createTestDatabase()
  await seedDefaults(database, clock.now())
  harness = testApp(database, clock, { OPEN311_API_KEY: KEY })
})
afterAll(async () => database?.drop())

const xml = new XMLParser({
  parseTagValue: false,
  isArray: (name) => ['endpoint', 'format', 'service', 'request', 'error'].includes(name),
})

/** What `three` does with an answer: JSON parsed, XML parsed and its root element unwrapped. */
async function convert(response: Response, format: 'json' | 'xml'): Promise<unknown> {
  const text = await response.text()
  if (format === 'json') return JSON.parse(text)
  const parsed = xml.parse(text) as Record<string, unknown>
  const root = Object.keys(parsed).find((k) => k !== '?xml') ?? ''
  return parsed[root]
}

const get = (url: string) => harness.app.request(url.replace(/^http:\/\/localhost/, ''))

describe.each(['json', 'xml'] as const)('a `three` client session in %s', (format) => {
  it('discovers the endpoint, lists and describes services, files with a photo, finds and lists the ticket', async () => {
    // three.discovery() with the endpoint configured as …/open311/v2/: '<endpoint>discovery.json' (the spec
    // calls for discovery in JSON whatever the format).
    const discovery = (await (await get('/open311/v2/discovery.json')).json()) as {
      endpoints: { url: string; formats: string[]; type: string }[]
    }
    const endpoint = discovery.endpoints.find((e) => e.type === 'production')
    expect(endpoint?.formats).toContain(format === 'json' ? 'application/json' : 'text/xml')
    // Three._configure_endpoint: a trailing slash, then '<path>.<format>'.
    const root = `${endpoint?.url ?? ''}/`
    const jurisdiction = 'jurisdiction_id=xunan'

    // three.services()
    const services = await get(`${root}services.${format}?${jurisdiction}`)
    expect(services.status).toBe(200)
    const list = (await convert(services, format)) as
      | { service_code: string }[]
      | { service: { service_code: string }[] }
    const codes = (Array.isArray(list) ? list : list.service).map((s) => s.service_code)
    expect(codes).toContain('road_municipal')

    // three.services('road_municipal')
    const definition = await get(`${root}services/road_municipal.${format}?${jurisdiction}`)
    expect(definition.status).toBe(200)

    // three.post('road_municipal', address=…, name='王 小明', phone=…, description=…, media=open(…)):
    // a multipart form, the name split on its space.
    const form = new FormData()
    for (const [name, value] of Object.entries({
      service_code: 'road_municipal',
      jurisdiction_id: 'xunan',
      address_string: '人民路与朗州路交叉口',
      first_name: '王',
      last_name: '小明',
      phone: '13912345678',
      description: '人行道井盖缺失，晚上看不见，容易摔倒',
      api_key: KEY,
    }))
      form.append(name, value)
    form.append('media', new Blob([new Uint8Array([0xff, 0xd8, 0xff, 0xd9])], { type: 'image/jpeg' }), 'photo.jpg')
    const posted = await harness.app.request(new URL(`${root}requests.${format}`).pathname, {
      method: 'POST',
      body: form,
    })
    expect(posted.status).toBeLessThan(300)
    const created = (await convert(posted, format)) as
      | { service_request_id: string }[]
      | { request: { service_request_id: string }[] }
    const ticket = (Array.isArray(created) ? created : created.request)[0]?.service_request_id ?? ''
    expect(ticket).toMatch(/^TS\d{8}-\d{4}$/)

    // three.request(ticket)
    const one = await get(`${root}requests/${ticket}.${format}?${jurisdiction}`)
    expect(one.status).toBe(200)
    const found = (await convert(one, format)) as
      | { service_request_id: string; description: string }[]
      | { request: { service_request_id: string; description: string }[] }
    const request = (Array.isArray(found) ? found : found.request)[0]
    expect(request?.service_request_id).toBe(ticket)
    // Another client's view: the citizen's phone never shows.
    expect(request?.description).not.toContain('13912345678')

    // three.requests(start='11-22-2026', end='11-24-2026', count=10): dates as three formats them.
    const listed = await get(
      `${root}requests.${format}?${jurisdiction}&page_size=10&start_date=2026-11-22T00:00:00Z&end_date=2026-11-24T00:00:00Z`,
    )
    expect(listed.status).toBe(200)
    const page = (await convert(listed, format)) as
      | { service_request_id: string }[]
      | { request: { service_request_id: string }[] }
    expect((Array.isArray(page) ? page : page.request).map((r) => r.service_request_id)).toContain(ticket)

    // three.post without the key: refused in the spec's error format, nothing filed.
    const refused = await harness.app.request(new URL(`${root}requests.${format}`).pathname, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ service_code: 'road_municipal', description: '无钥匙' }).toString(),
    })
    expect(refused.status).toBe(403)
  })
})
