import { and, desc, eq, gte, inArray, lte, type SQL } from 'drizzle-orm'
import { type Context, Hono } from 'hono'
import { z } from 'zod'
import type { AppEnv } from '../app-env'
import { constantTimeEqual } from '../channels/wechat-crypto'
import { complaints, units } from '../db/schema'
import { CATEGORIES, CATEGORY_LABELS, isCategory } from '../domain/categories'
import { COMPLAINT_STATUSES, type ComplaintStatus, OPEN_COMPLAINT_STATUSES } from '../domain/complaint-lifecycle'
import { maskOptional, maskPersonalInfo } from '../domain/privacy'
import { isWhistleblowing } from '../domain/rewards'
import { isStorableDate } from '../domain/storable'
import { appErrorOf } from '../errors'
import { BODY_LIMITS, limitBody, readForm, readJson } from '../http/body'
import { recordFailedCredentials, refuseBlockedCaller } from '../http/credentials'
import type { Logger } from '../logger'
import { notifyComplaintAssignment } from '../services/complaint-notices'
import { receiveComplaint } from '../services/complaints'
import {
  OPEN311_FORMATS,
  type Open311Format,
  open311Definition,
  open311Discovery,
  open311Error,
  open311List,
  splitFormat,
} from './open311-format'

/**
 * Open311 GeoReport v2 for complaints, so city service platforms and 12345 hotlines can file and track
 * them with existing clients: services, service definitions, POST requests, GET requests and
 * requests/{id}, in JSON, with the spec's field names and its error format [{code, description}].
 * service_code is the category; service_request_id the ticket number (TS…).
 */
const OPEN: readonly ComplaintStatus[] = OPEN_COMPLAINT_STATUSES
const CLOSED = COMPLAINT_STATUSES.filter((status) => !OPEN.includes(status))

const NewRequest = z.object({
  api_key: z.string().min(1),
  service_code: z.string().min(1),
  lat: z.coerce.number().min(-90).max(90).optional(),
  long: z.coerce.number().min(-180).max(180).optional(),
  address_string: z.string().trim().max(200).optional(),
  description: z.string().trim().max(4000).optional(),
  first_name: z.string().trim().max(50).optional(),
  last_name: z.string().trim().max(50).optional(),
  phone: z.string().trim().max(30).optional(),
  email: z.string().trim().max(200).optional(),
  device_id: z.string().trim().max(200).optional(),
  account_id: z.string().trim().max(200).optional(),
  // A link to the client's own copy of a photo: kept and listed back as given, never fetched by this server.
  media_url: z
    .string()
    .trim()
    .max(2000)
    .refine((url) => /^https?:\/\/[^\s<>"]+$/i.test(url), 'must be an http or https URL')
    .optional(),
})

export function open311Routes() {
  const app = new Hono<AppEnv>()
  app.use('*', limitBody(BODY_LIMITS.open311))

  for (const format of OPEN311_FORMATS)
    app.get(`/discovery.${format}`, (c) => open311Discovery(c, format, endpointUrl(c), OPEN311_CHANGESET))

  for (const format of OPEN311_FORMATS)
    app.get(`/services.${format}`, (c) =>
      open311List(
        c,
        format,
        'services',
        CATEGORIES.map((code) => ({
          service_code: code,
          service_name: CATEGORY_LABELS[code],
          description: `${CATEGORY_LABELS[code]}安全隐患投诉举报`,
          metadata: false,
          type: 'realtime',
          keywords: '',
          group: '住建安全',
        })),
      ),
    )

  app.get('/services/:file', (c) => {
    const file = splitFormat(c.req.param('file'))
    if (!file) return open311Error(c, 'json', 404, 'use services/{service_code}.json or .xml')
    if (!isCategory(file.id)) return open311Error(c, file.format, 404, `service_code ${file.id} not found`)
    return open311Definition(c, file.format, { service_code: file.id, attributes: [] })
  })

  for (const format of OPEN311_FORMATS) app.post(`/requests.${format}`, (c) => fileRequest(c, format))
  for (const format of OPEN311_FORMATS) app.get(`/requests.${format}`, (c) => listRequests(c, format))

  app.get('/requests/:file', async (c) => {
    const file = splitFormat(c.req.param('file'))
    if (!file) return open311Error(c, 'json', 404, 'use requests/{service_request_id}.json or .xml')
    const [row] = await requestRows(c.get('services').db, eq(complaints.code, file.id), 1)
    if (!row) return open311Error(c, file.format, 404, `service_request_id ${file.id} not found`)
    return open311List(c, file.format, 'requests', [toRequest(row)])
  })

  // GET tokens/{token}: this endpoint answers a POST with the service_request_id itself and issues no tokens, so a
  // client that asks with what it was given gets that id back (the spec's token → id lookup); anything else is 404.
  app.get('/tokens/:file', async (c) => {
    const file = splitFormat(c.req.param('file'))
    if (!file) return open311Error(c, 'json', 404, 'use tokens/{token}.json or .xml')
    const [row] = await requestRows(c.get('services').db, eq(complaints.code, file.id), 1)
    if (!row) return open311Error(c, file.format, 404, `token ${file.id} not found`)
    return open311List(c, file.format, 'requests', [
      { service_request_id: row.complaint.code, token: row.complaint.code },
    ])
  })

  // Any other address under the endpoint: the spec's error list, not this API's own error shape.
  app.all('*', (c) => open311Error(c, formatAsked(c.req.path), 404, 'not a GeoReport v2 resource; see discovery.json'))

  return app
}

/**
 * Any failure under the endpoint in the spec's error list — an oversized body, a throttled caller, an unreadable
 * form, a NUL in the address or the database away included — since a GeoReport client reads errors from that list,
 * not from this server's own error shape. The app's error handler calls it for every address under /open311/.
 */
export function open311Failure(error: Error, c: Context<AppEnv>, logger: Logger): Response {
  const failure = appErrorOf(error, c, logger)
  if (failure.retryAfterSeconds) c.header('retry-after', String(failure.retryAfterSeconds))
  return open311Error(c, formatAsked(c.req.path), failure.status, failure.message)
}

/** The format a request's address asks for: XML when it ends in .xml, JSON otherwise. */
function formatAsked(path: string): Open311Format {
  return /\.xml$/i.test(path) ? 'xml' : 'json'
}

/** When this endpoint's behaviour last changed, as discovery reports it (the spec's changeset). */
const OPEN311_CHANGESET = '2026-12-02 00:00'

/** The endpoint's public address: PUBLIC_BASE_URL when set, else the address this request came to. */
function endpointUrl(c: Context<AppEnv>): string {
  const base = c.get('services').config.publicBaseUrl ?? new URL(c.req.url).origin
  return `${base.replace(/\/+$/, '')}/open311/v2`
}

/**
 * The spec posts a form (application/x-www-form-urlencoded); some clients send the same fields as a JSON object,
 * which is read the same way (numbers as the text a form would carry). Anything else is undefined.
 */
async function readRequestBody(c: Context<AppEnv>): Promise<Record<string, unknown> | undefined> {
  if (!/^application\/(?:[\w.+-]+\+)?json\b/i.test(c.req.header('content-type') ?? ''))
    return readForm(c, 'the request body is not a form')
  const json = await readJson(c)
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return undefined
  return Object.fromEntries(
    Object.entries(json).map(([key, value]) => [
      key,
      typeof value === 'number' || typeof value === 'boolean' ? String(value) : value,
    ]),
  )
}

/** POST requests.{json,xml}: files a complaint; the ticket number is the service_request_id. */
async function fileRequest(c: Context<AppEnv>, format: Open311Format) {
  const services = c.get('services')
  await refuseBlockedCaller(c)
  const body = await readRequestBody(c)
  if (!body) return open311Error(c, format, 400, 'the request body is not a form or a JSON object')
  // The key first: without it nothing else about the request is looked at.
  const key = services.config.open311ApiKey
  const presented = typeof body.api_key === 'string' ? body.api_key : ''
  if (!key || !presented || presented.length > 512 || !constantTimeEqual(presented, key)) {
    if (presented) await recordFailedCredentials(c, 'Open311 api_key')
    return open311Error(c, format, 403, 'api_key is missing or invalid')
  }
  const form = NewRequest.safeParse(body)
  if (!form.success) {
    const issue = form.error.issues[0]
    return open311Error(c, format, 400, `${String(issue?.path[0] ?? 'request')}: ${issue?.message ?? 'invalid'}`)
  }
  if (!isCategory(form.data.service_code))
    return open311Error(c, format, 404, `service_code ${form.data.service_code} not found`)
  const hasLocation = (form.data.lat !== undefined && form.data.long !== undefined) || Boolean(form.data.address_string)
  if (!hasLocation) return open311Error(c, format, 400, 'a location is required: lat and long, or address_string')
  if (!form.data.description) return open311Error(c, format, 400, 'description is required')
  const name = [form.data.last_name, form.data.first_name].filter(Boolean).join('') || undefined
  const complaint = await receiveComplaint({
    ctx: services.ctx,
    input: {
      channel: 'open311',
      botId: 'default',
      citizenExternalId: form.data.account_id ?? form.data.device_id ?? form.data.email,
      citizenName: name,
      citizenPhone: /^[0-9+\-\s]{5,20}$/.test(form.data.phone ?? '') ? form.data.phone : undefined,
      contactConsent: Boolean(form.data.phone),
      whistleblowing: isWhistleblowing(form.data.description),
      category: form.data.service_code,
      description: form.data.description,
      locationText: form.data.address_string,
      latitude: form.data.lat,
      longitude: form.data.long,
      mediaUrl: form.data.media_url,
    },
  })
  await notifyComplaintAssignment(services.ctx, complaint)
  return open311List(c, format, 'requests', [
    {
      service_request_id: complaint.code,
      service_notice: '投诉已受理，将在1日内办理',
      account_id: form.data.account_id ?? null,
    },
  ])
}

/** GET requests.{json,xml}: by ids, or by service, status and date window (the last 90 days by default). */
async function listRequests(c: Context<AppEnv>, format: Open311Format) {
  const { db } = c.get('services')
  const q = c.req.query()
  const ids = q.service_request_id
    ?.split(',')
    .map((s) => s.trim())
    .filter(Boolean)
  // The spec: service_request_id overrides every other argument (and the 90-day window).
  if (ids?.length)
    return open311List(
      c,
      format,
      'requests',
      (await requestRows(db, inArray(complaints.code, ids.slice(0, 100)), 100)).map(toRequest),
    )
  const filters: SQL[] = []
  if (q.service_code) filters.push(inArray(complaints.category, q.service_code.split(',').filter(isCategory)))
  // The spec: a status filter may name several statuses, comma delimited; anything but open and closed is an error.
  const statuses = new Set(
    (q.status ?? '')
      .split(',')
      .map((s) => s.trim().toLowerCase())
      .filter(Boolean),
  )
  if ([...statuses].some((s) => s !== 'open' && s !== 'closed')) {
    return open311Error(c, format, 400, 'status must be open, closed or both, comma delimited')
  }
  if (statuses.size === 1) filters.push(inArray(complaints.status, statuses.has('open') ? [...OPEN] : [...CLOSED]))
  const start = q.start_date ? new Date(q.start_date) : undefined
  const end = q.end_date ? new Date(q.end_date) : undefined
  if ((start && !isStorableDate(start)) || (end && !isStorableDate(end))) {
    return open311Error(c, format, 400, 'start_date and end_date must be w3 date-times')
  }
  // Without ids or dates the spec's default window is the last 90 days.
  filters.push(gte(complaints.receivedAt, start ?? new Date(c.get('services').clock.now().getTime() - 90 * 86_400_000)))
  if (end) filters.push(lte(complaints.receivedAt, end))
  const rows = await requestRows(db, and(...filters), 1000)
  return open311List(c, format, 'requests', rows.map(toRequest))
}

type Database = AppEnv['Variables']['services']['db']

/** The complaints with their unit's name, in one query however many rows. */
function requestRows(db: Database, where: SQL | undefined, limit: number) {
  return db
    .select({ complaint: complaints, unitName: units.name })
    .from(complaints)
    .leftJoin(units, eq(units.id, complaints.unitId))
    .where(where)
    .orderBy(desc(complaints.receivedAt))
    .limit(limit)
}

/** Everything here is public: what citizens and units typed is masked (names, phones, ID numbers). */
function toRequest({
  complaint: row,
  unitName,
}: {
  complaint: typeof complaints.$inferSelect
  unitName: string | null
}) {
  return {
    service_request_id: row.code,
    status: OPEN.includes(row.status) ? 'open' : 'closed',
    status_notes: maskOptional(row.outcome, row.citizenName),
    service_name: CATEGORY_LABELS[row.category],
    service_code: row.category,
    description: maskPersonalInfo(row.description, row.citizenName),
    agency_responsible: unitName,
    service_notice: null,
    requested_datetime: row.receivedAt.toISOString(),
    updated_datetime: row.updatedAt.toISOString(),
    expected_datetime: row.dueAt.toISOString(),
    address: maskOptional(row.locationText, row.citizenName),
    address_id: null,
    zipcode: null,
    lat: row.latitude,
    long: row.longitude,
    media_url: row.mediaUrl,
  }
}
