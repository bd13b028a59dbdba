import { Hono } from 'hono'
import { z } from 'zod'
import type { AppEnv } from '../../app-env'
import { AppError } from '../../errors'
import { reportFileResponse, visibleReports } from '../report-file'
import { requireApiToken } from './auth'
import { unitScope } from './request'

/** GET /api/v1/reports and /api/v1/reports/:id/file — statutory reports for other systems, bearer token only. */
export function reportsApi() {
  const app = new Hono<AppEnv>()
  app.use('*', requireApiToken)
  app.get('/', async (c) => {
    const limit = z.coerce.number().int().min(1).max(200).catch(50).parse(c.req.query('limit'))
    const rows = await visibleReports(c, unitScope(c), limit)
    return c.json({
      data: rows.map((r) => ({
        id: r.id,
        kind: r.kind,
        unitId: r.unitId,
        periodStart: r.periodStart,
        periodEnd: r.periodEnd,
        dueAt: r.dueAt,
        submittedAt: r.submittedAt,
        file: r.filePath ? `/api/v1/reports/${r.id}/file` : null,
      })),
    })
  })
  app.get('/:id/file', (c) => {
    const id = z.coerce.number().int().positive().safeParse(c.req.param('id'))
    if (!id.success) throw new AppError('bad_request', 400, 'id must be a positive integer')
    return reportFileResponse(c, id.data, unitScope(c))
  })
  return app
}
