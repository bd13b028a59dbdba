import { createRoute } from '@hono/zod-openapi'
import type { Context } from 'hono'
import { z } from 'zod'
import type { AppEnv } from '../../app-env'
import { ACCIDENT_LEVELS, ACCIDENT_REPORTING, MEDIA_EXPOSURE } from '../../db/schema'
import { localDate } from '../../domain/local-time'
import { periodOfDate } from '../../domain/periods'
import { FINDING_RULES } from '../../domain/scoring'
import { MAX_ROW_ID } from '../../domain/storable'
import { AppError } from '../../errors'
import { recordAccident } from '../../services/accidents'
import { recordFinding } from '../../services/assessment-findings'
import { assessedUnits, scoreEach } from '../../services/unit-scores'
import { Accident, Assessment, Finding, one } from './contracts'
import { presentAccident, presentFinding } from './present'
import { actorOf, unitScope } from './request'
import { apiApp, createErrors, json, jsonRequest, listErrors } from './route-kit'

/**
 * /api/v1/assessment: the 附件1 assessment of every assessed unit for a month (a unit's token sees its own),
 * and findings 安监科 records for the lines no ledger shows (supervisor and admin tokens).
 */
export const AssessmentQuery = z.object({
  month: z
    .string()
    .regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'expected YYYY-MM')
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

const supervisingOffice = (c: Context<AppEnv>, what: string) => {
  const actor = actorOf(c)
  if (actor.role !== 'supervisor' && actor.role !== 'admin')
    throw new AppError('forbidden', `Only the supervising office or an administrator records ${what}`)
  return { personId: null, label: `${c.get('apiClient')?.name ?? 'API'}（接口）` }
}

export function assessmentApi() {
  const app = apiApp()

  app.openapi(
    createRoute({
      method: 'get',
      path: '/',
      summary: 'The 附件1 assessment of every assessed unit for a month, or the span it falls in',
      description: 'Parts, deductions with their 附件1 line, and 一票否决 reasons. A unit’s token sees its own unit.',
      tags: ['assessment'],
      request: { query: AssessmentQuery },
      responses: { 200: json(Assessment, 'Scores by unit'), ...listErrors },
    }),
    async (c) => {
      const query = c.req.valid('query')
      const { ctx, db, clock, config } = c.get('services')
      const month = query.month ?? localDate(clock.now(), config.timeZone).slice(0, 7)
      const period = periodOfDate(query.span, `${month}-01`, config.timeZone)
      const scope = unitScope(c)
      const assessed = (await assessedUnits(db)).filter((u) => scope === undefined || u.id === scope)
      const data = (await scoreEach(ctx, assessed, period)).map(({ unit, score }) => ({
        unitId: unit.id,
        unit: unit.name,
        ...score,
      }))
      return c.json({ month, span: query.span, period: { start: period.start, end: period.end }, data }, 200)
    },
  )

  app.openapi(
    createRoute({
      method: 'post',
      path: '/findings',
      summary: 'Record a finding for the lines no ledger shows (supervisor, admin)',
      tags: ['assessment'],
      request: { body: jsonRequest(NewFindingBody) },
      responses: { 201: json(one(Finding), 'Recorded'), ...createErrors },
    }),
    async (c) => {
      const input = c.req.valid('json')
      const row = await recordFinding(c.get('services').ctx, supervisingOffice(c, 'findings'), input)
      return c.json({ data: presentFinding(row) }, 201)
    },
  )

  app.openapi(
    createRoute({
      method: 'post',
      path: '/accidents',
      summary: 'Record an accident (事故): 附件1 2-5 and the 一票否决 conditions (supervisor, admin)',
      tags: ['assessment'],
      request: { body: jsonRequest(NewAccidentBody) },
      responses: { 201: json(one(Accident), 'Recorded'), ...createErrors },
    }),
    async (c) => {
      const input = c.req.valid('json')
      const row = await recordAccident(c.get('services').ctx, supervisingOffice(c, 'accidents'), input)
      return c.json({ data: presentAccident(row) }, 201)
    },
  )
  return app
}
