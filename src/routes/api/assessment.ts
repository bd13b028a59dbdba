import { asc, inArray } from 'drizzle-orm'
import { Hono } from 'hono'
import { z } from 'zod'
import type { AppEnv } from '../../app-env'
import { ACCIDENT_LEVELS, ACCIDENT_REPORTING, MEDIA_EXPOSURE, units } from '../../db/schema'
import { localDate } from '../../domain/local-time'
import { periodOfDate } from '../../domain/periods'
import { FINDING_RULES } from '../../domain/scoring'
import { MAX_ROW_ID } from '../../domain/storable'
import { AppError } from '../../errors'
import { recordAccident } from '../../services/accidents'
import { recordFinding } from '../../services/assessment-findings'
import { unitScore } from '../../services/figures'
import { requireApiToken } from './auth'
import { actorOf, jsonBody, ruled, unitScope } from './request'

/**
 * /api/v1/assessment: the 附件1 assessment of every assessed unit for a month (a unit's token sees its own),
 * and findings 安监科 records for the lines no ledger shows (supervisor and admin tokens).
 */
export const AssessmentQuery = z.object({
  month: z
    .string()
    .regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'month: YYYY-MM')
    .optional(),
  /** The month's own assessment, or the quarter, half-year or year it falls in. */
  span: z.enum(['month', 'quarter', 'half', 'year']).default('month'),
})

export const NewFindingBody = z.object({
  unitId: z.number().int().positive().max(MAX_ROW_ID),
  rule: z.enum(FINDING_RULES),
  appliesOn: z.iso.date(),
  /** Required for the 视情况 lines (2-5, 3-3), within 1 and the part's points. */
  points: z.number().int().min(1).max(80).optional(),
  reason: z.string().trim().min(4).max(2000),
})

export const NewAccidentBody = z.object({
  unitId: z.number().int().positive().max(MAX_ROW_ID),
  occurredOn: z.iso.date(),
  place: z.string().trim().min(2).max(200),
  level: z.enum(ACCIDENT_LEVELS),
  deaths: z.number().int().min(0).max(1000),
  reporting: z.enum(ACCIDENT_REPORTING),
  mediaExposure: z.enum(MEDIA_EXPOSURE),
  /** 附件1 2-5: the points when the accident was caused by negligence (失职渎职). */
  negligencePoints: z.number().int().min(1).max(80).optional(),
  description: z.string().trim().min(4).max(2000),
})

export function assessmentApi() {
  const app = new Hono<AppEnv>()
  app.use('*', requireApiToken)
  app.get('/', async (c) => {
    const query = AssessmentQuery.safeParse(c.req.query())
    if (!query.success) throw new AppError('invalid_request', 400, query.error.issues[0]?.message ?? 'Invalid query')
    const { ctx, db, clock, config } = c.var.services
    const month = query.data.month ?? localDate(clock.now(), config.timeZone).slice(0, 7)
    const period = periodOfDate(query.data.span, `${month}-01`, config.timeZone)
    const scope = unitScope(c)
    const assessed = (
      await db
        .select()
        .from(units)
        .where(inArray(units.kind, ['patrol', 'supervising']))
        .orderBy(asc(units.id))
    ).filter((u) => u.active && (scope === undefined || u.id === scope))
    const data = []
    for (const unit of assessed)
      data.push({ unitId: unit.id, unit: unit.name, ...(await unitScore(ctx, unit.id, period)) })
    return c.json({ month, span: query.data.span, period: { start: period.start, end: period.end }, data })
  })

  app.post('/findings', async (c) => {
    const input = await jsonBody(c, NewFindingBody)
    const actor = actorOf(c)
    if (actor.role !== 'supervisor' && actor.role !== 'admin')
      throw new AppError('forbidden', 403, 'Only the supervising office or an administrator records findings')
    const label = `${c.var.apiClient?.name ?? 'API'}（接口）`
    const row = await ruled(() => recordFinding(c.var.services.ctx, { personId: null, label }, input))
    return c.json({ data: row }, 201)
  })
  app.post('/accidents', async (c) => {
    const input = await jsonBody(c, NewAccidentBody)
    const actor = actorOf(c)
    if (actor.role !== 'supervisor' && actor.role !== 'admin')
      throw new AppError('forbidden', 403, 'Only the supervising office or an administrator records accidents')
    const label = `${c.var.apiClient?.name ?? 'API'}（接口）`
    const row = await ruled(() => recordAccident(c.var.services.ctx, { personId: null, label }, input))
    return c.json({ data: row }, 201)
  })
  return app
}
