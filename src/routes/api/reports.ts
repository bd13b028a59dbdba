import { createRoute, z } from '@hono/zod-openapi'
import { eq } from 'drizzle-orm'
import type { Context } from 'hono'
import type { AppEnv } from '../../app-env'
import { periodicReports, units } from '../../db/schema'
import { MAX_ROW_ID, rowId } from '../../domain/storable'
import { AppError } from '../../errors'
import { draftReportOnRequest } from '../../services/reports'
import { submitSignedReport } from '../../services/signoffs'
import { reportFileResponse, visibleReports } from '../report-file'
import { one, Report, ReportWithFigures } from './contracts'
import { presentReport, presentReportWithFigures } from './present'
import { actorOf, unitScope, visibleTo } from './request'
import { actionErrors, apiApp, createErrors, json, jsonRequest, listErrors, readErrors } from './route-kit'

/**
 * /api/v1/reports: the statutory reports. List and get (a unit's token sees its unit's and the city-wide
 * ones), download as XLSX, draft one for a chosen period on demand (the scheduled job drafts each when its
 * period ends), and submit (上报) one.
 */
export const NewReport = z.object({
  kind: z.enum(['weekly', 'monthly', 'quarterly', 'bulletin', 'campaign']),
  unitId: z.number().int().positive().max(MAX_ROW_ID).optional(),
  /** Any day in the period, YYYY-MM-DD in the city's time zone. */
  periodDate: z.iso.date(),
})
export const ReportAction = z.discriminatedUnion('action', [z.object({ action: z.literal('submit') })])

const idParam = z.object({
  id: rowId().openapi({ param: { name: 'id', in: 'path' }, type: 'integer', example: 12 }),
})

async function visibleReport(c: Context<AppEnv>, id: number) {
  const [row] = await c.get('services').db.select().from(periodicReports).where(eq(periodicReports.id, id))
  if (!row || !(row.unitId === null || visibleTo(c, row.unitId))) throw new AppError('not_found', 'Report not found')
  return row
}

export function reportsApi() {
  const app = apiApp()

  app.openapi(
    createRoute({
      method: 'get',
      path: '/',
      summary: 'Generated statutory reports, newest first (a unit’s token: its own and the city-wide ones)',
      tags: ['reports'],
      request: { query: z.object({ limit: z.coerce.number().int().min(1).max(200).default(50) }) },
      responses: { 200: json(z.object({ data: z.array(Report) }), 'Reports'), ...listErrors },
    }),
    async (c) => {
      const rows = await visibleReports(c, unitScope(c), c.req.valid('query').limit)
      return c.json({ data: rows.map(presentReport) }, 200)
    },
  )

  app.openapi(
    createRoute({
      method: 'get',
      path: '/{id}',
      summary: 'A report with the figures its form is filled from',
      tags: ['reports'],
      request: { params: idParam },
      responses: { 200: json(one(ReportWithFigures), 'The report'), ...readErrors },
    }),
    async (c) => c.json({ data: presentReportWithFigures(await visibleReport(c, c.req.valid('param').id)) }, 200),
  )

  app.openapi(
    createRoute({
      method: 'get',
      path: '/{id}/file',
      summary: 'A report as XLSX',
      tags: ['reports'],
      request: { params: idParam },
      responses: {
        200: {
          description: 'The file',
          content: {
            'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': {
              schema: z.string().openapi({ format: 'binary' }),
            },
          },
        },
        ...readErrors,
      },
    }),
    // biome-ignore lint/suspicious/noExplicitAny: a file download, not a JSON body the route's types describe
    (c) => reportFileResponse(c, c.req.valid('param').id, unitScope(c)) as any,
  )

  app.openapi(
    createRoute({
      method: 'post',
      path: '/',
      summary: 'Draft a report for a period that has ended (the scheduled job drafts each on time)',
      tags: ['reports'],
      request: { body: jsonRequest(NewReport) },
      responses: { 201: json(one(ReportWithFigures), 'Drafted, with its figures and XLSX'), ...createErrors },
    }),
    async (c) => {
      const input = c.req.valid('json')
      const { ctx, config } = c.get('services')
      const actor = actorOf(c)
      const unitId = input.unitId ?? actor.unitId
      if (unitId === null) throw new AppError('invalid_request', 'unitId: required for a token without a unit')
      const [unit] = await ctx.db.select({ id: units.id }).from(units).where(eq(units.id, unitId))
      if (!unit) throw new AppError('invalid_request', 'unitId: no such unit')
      const drafted = await draftReportOnRequest(ctx, config.reportsDir, {
        kind: input.kind,
        unitId,
        periodDate: input.periodDate,
        actor,
      })
      if (!drafted) throw new AppError('conflict', 'This report has already been drafted')
      return c.json({ data: presentReportWithFigures(drafted) }, 201)
    },
  )

  app.openapi(
    createRoute({
      method: 'post',
      path: '/{id}/transitions',
      summary: 'Submit (上报) a report, as the unit that owes it',
      tags: ['reports'],
      request: { params: idParam, body: jsonRequest(ReportAction) },
      responses: { 200: json(one(Report), 'The report after the step'), ...actionErrors },
    }),
    async (c) => {
      const row = await visibleReport(c, c.req.valid('param').id)
      const actor = actorOf(c)
      if (actor.role !== 'admin' && actor.unitId !== row.unitId)
        throw new AppError('forbidden', 'Only the unit that owes this report may submit it')
      const submitted = await submitSignedReport(c.get('services').ctx, c.get('services').config.reportsDir, row.id)
      return c.json({ data: presentReport(submitted) }, 200)
    },
  )
  return app
}
