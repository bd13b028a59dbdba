import { eq } from 'drizzle-orm'
import { Hono } from 'hono'
import { z } from 'zod'
import type { AppEnv } from '../../app-env'
import { periodicReports, units } from '../../db/schema'
import { RuleViolation } from '../../domain/errors'
import { localDate } from '../../domain/local-time'
import { obligationFor, owesReport } from '../../domain/obligations'
import { MAX_ROW_ID, rowId } from '../../domain/storable'
import { AppError } from '../../errors'
import { draftReport } from '../../services/reports'
import { submitSignedReport } from '../../services/signoffs'
import { reportingUnits } from '../../services/supervision-assignments'
import { reportFileResponse, visibleReports } from '../report-file'
import { requireApiToken } from './auth'
import { actorOf, jsonBody, ruled, unitScope, visibleTo } from './request'

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

function present(r: typeof periodicReports.$inferSelect, withData = false) {
  return {
    id: r.id,
    kind: r.kind,
    unitId: r.unitId,
    periodStart: r.periodStart,
    periodEnd: r.periodEnd,
    dueAt: r.dueAt,
    submittedAt: r.submittedAt,
    file: r.filePath ? `/api/v1/reports/${r.id}/file` : null,
    ...(withData ? { data: r.data } : {}),
  }
}

const reportId = (raw: string) => {
  const id = rowId().safeParse(raw)
  if (!id.success) throw new AppError('invalid_request', 400, 'id: must be a positive integer')
  return id.data
}

export function reportsApi() {
  const app = new Hono<AppEnv>()
  app.use('*', requireApiToken)
  app.get('/', async (c) => {
    const limit = z.coerce.number().int().min(1).max(200).catch(50).parse(c.req.query('limit'))
    return c.json({ data: (await visibleReports(c, unitScope(c), limit)).map((r) => present(r)) })
  })

  app.get('/:id{[0-9]+}', async (c) => {
    const [row] = await c.var.services.db
      .select()
      .from(periodicReports)
      .where(eq(periodicReports.id, reportId(c.req.param('id'))))
    if (!row || !(row.unitId === null || visibleTo(c, row.unitId)))
      throw new AppError('not_found', 404, 'Report not found')
    return c.json({ data: present(row, true) })
  })

  app.get('/:id/file', (c) => reportFileResponse(c, reportId(c.req.param('id')), unitScope(c)))

  app.post('/', async (c) => {
    const input = await jsonBody(c, NewReport)
    const { ctx, config } = c.var.services
    const actor = actorOf(c)
    const unitId = input.unitId ?? actor.unitId
    if (unitId === null) throw new AppError('invalid_request', 400, 'unitId: required for a token without a unit')
    const [unit] = await ctx.db.select().from(units).where(eq(units.id, unitId))
    if (!unit) throw new AppError('invalid_request', 400, 'unitId: no such unit')
    const row = await ruled(async () => {
      if (actor.role !== 'admin' && actor.unitId !== unitId)
        throw new RuleViolation('forbidden', 'Only the unit itself or an administrator may draft its reports')
      const reporter = (await reportingUnits(ctx.db)).find((u) => u.id === unitId)
      if (!reporter || !owesReport(input.kind, reporter))
        throw new RuleViolation('not_owed', `A ${unit.kind} unit does not file ${input.kind} reports`)
      const obligation = obligationFor(input.kind, unitId, input.periodDate, await ctx.calendar.get(), ctx.timeZone)
      if (obligation.period.end >= localDate(ctx.clock.now(), ctx.timeZone) && input.kind !== 'bulletin')
        throw new RuleViolation('period_not_over', 'The period has not ended yet')
      const drafted = await draftReport(ctx, config.reportsDir, obligation)
      if (!drafted) throw new AppError('conflict', 409, 'This report has already been drafted')
      return drafted
    })
    return c.json({ data: present(row, true) }, 201)
  })

  app.post('/:id/transitions', async (c) => {
    await jsonBody(c, ReportAction)
    const id = reportId(c.req.param('id'))
    const actor = actorOf(c)
    const [row] = await c.var.services.db.select().from(periodicReports).where(eq(periodicReports.id, id))
    if (!row || !(row.unitId === null || visibleTo(c, row.unitId)))
      throw new AppError('not_found', 404, 'Report not found')
    if (actor.role !== 'admin' && actor.unitId !== row.unitId)
      throw new AppError('forbidden', 403, 'Only the unit that owes this report may submit it')
    const submitted = await ruled(() => submitSignedReport(c.var.services.ctx, c.var.services.config.reportsDir, id))
    return c.json({ data: present(submitted) })
  })
  return app
}
