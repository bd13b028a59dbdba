import { and, desc, eq, gte, inArray, lte, type SQL } from 'drizzle-orm'
import { type Context, Hono } from 'hono'
import { z } from 'zod'
import type { AppEnv } from '../app-env'
import { constantTimeEqual } from '../channels/wechat-crypto'
import { complaints, units } from '../db/schema'
import { CATEGORIES, CATEGORY_LABELS, isCategory } from '../domain/categories'
import type { ComplaintStatus } from '../domain/complaint-lifecycle'
import { maskPersonalInfo } from '../domain/privacy'
import { notifyComplaintAssignment } from '../services/complaint-notices'
import { findComplaintByCode, receiveComplaint } from '../services/complaints'
import {
  OPEN311_FORMATS,
  type Open311Format,
  open311Definition,
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
const OPEN: readonly ComplaintStatus[] = ['received', 'assigned', 'accepted']

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
})

export function open311Routes() {
  const app = new Hono<AppEnv>()

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
    const row = await findComplaintByCode(c.var.services.db, file.id)
    if (!row) return open311Error(c, file.format, 404, `service_request_id ${file.id} not found`)
    return open311List(c, file.format, 'requests', [await toRequest(c.var.services.db, row)])
  })

  return app
}

/** POST requests.{json,xml}: files a complaint; the ticket number is the service_request_id. */
async function fileRequest(c: Context<AppEnv>, format: Open311Format) {
  const { services } = c.var
  const form = NewRequest.safeParse(await c.req.parseBody())
  if (!form.success) {
    const issue = form.error.issues[0]
    return open311Error(c, format, 400, `${String(issue?.path[0] ?? 'request')}: ${issue?.message ?? 'invalid'}`)
  }
  const key = services.config.open311ApiKey
  if (!key || !constantTimeEqual(form.data.api_key, key)) return open311Error(c, format, 403, 'api_key is invalid')
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
      category: form.data.service_code,
      description: form.data.description,
      locationText: form.data.address_string,
      latitude: form.data.lat,
      longitude: form.data.long,
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
  const { db } = c.var.services
  const q = c.req.query()
  const ids = q.service_request_id
    ?.split(',')
    .map((s) => s.trim())
    .filter(Boolean)
  const filters: SQL[] = []
  if (ids?.length) filters.push(inArray(complaints.code, ids))
  if (q.service_code) filters.push(inArray(complaints.category, q.service_code.split(',').filter(isCategory)))
  if (q.status === 'open') filters.push(inArray(complaints.status, [...OPEN]))
  if (q.status === 'closed') filters.push(inArray(complaints.status, ['replied', 'closed', 'rejected', 'duplicate']))
  const start = q.start_date ? new Date(q.start_date) : undefined
  const end = q.end_date ? new Date(q.end_date) : undefined
  if ((start && Number.isNaN(start.getTime())) || (end && Number.isNaN(end.getTime()))) {
    return open311Error(c, format, 400, 'start_date and end_date must be w3 date-times')
  }
  // Without ids or dates the spec's default window is the last 90 days.
  filters.push(gte(complaints.receivedAt, start ?? new Date(c.var.services.clock.now().getTime() - 90 * 86_400_000)))
  if (end) filters.push(lte(complaints.receivedAt, end))
  const rows = await db
    .select()
    .from(complaints)
    .where(and(...filters))
    .orderBy(desc(complaints.receivedAt))
    .limit(1000)
  return open311List(c, format, 'requests', await Promise.all(rows.map((row) => toRequest(c.var.services.db, row))))
}

async function toRequest(db: AppEnv['Variables']['services']['db'], row: typeof complaints.$inferSelect) {
  const [unit] =
    row.unitId === null ? [] : await db.select({ name: units.name }).from(units).where(eq(units.id, row.unitId))
  return {
    service_request_id: row.code,
    status: OPEN.includes(row.status) ? 'open' : 'closed',
    status_notes: row.outcome ?? null,
    service_name: CATEGORY_LABELS[row.category],
    service_code: row.category,
    // Public: whatever personal details the citizen typed stay masked.
    description: maskPersonalInfo(row.description, row.citizenName),
    agency_responsible: unit?.name ?? null,
    service_notice: null,
    requested_datetime: row.receivedAt.toISOString(),
    updated_datetime: row.updatedAt.toISOString(),
    expected_datetime: row.dueAt.toISOString(),
    address: row.locationText,
    address_id: null,
    zipcode: null,
    lat: row.latitude,
    long: row.longitude,
    media_url: null,
  }
}
