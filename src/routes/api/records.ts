import { createRoute } from '@hono/zod-openapi'
import { asc, eq } from 'drizzle-orm'
import { z } from 'zod'
import type { Database } from '../../db/client'
import { hazards, patrols, supervisions, units } from '../../db/schema'
import { CATEGORIES } from '../../domain/categories'
import { HAZARD_LEVELS } from '../../domain/hazard-lifecycle'
import { assertMayRecord, recordingUnit } from '../../domain/record-permissions'
import { isStorableDate, MAX_ROW_ID } from '../../domain/storable'
import { AppError } from '../../errors'
import { notifyHazardAssignment } from '../../services/hazard-notices'
import { reportHazard } from '../../services/hazards'
import { listPatrols, listSupervisions, PatrolFilter, SupervisionFilter } from '../../services/ledger'
import { announcePatrol } from '../../services/patrol-notices'
import { applyPatrolCommand, recordPatrol, recordSupervision } from '../../services/patrols'
import { parseFilter } from '../ledger-query'
import { Hazard, one, Patrol, PatrolWithHazards, page, Supervision } from './contracts'
import { presentHazard, presentPatrol, presentSupervision } from './present'
import { actorOf, scoped, unitScope, visibleTo, withNotices } from './request'
import {
  actionErrors,
  apiApp,
  codeParam,
  createErrors,
  json,
  jsonRequest,
  listErrors,
  queryParameters,
  readErrors,
} from './route-kit'

/**
 * /api/v1 hazards (create), patrols and supervisions (list, get, create). New records are filed in the
 * token's role and unit under the same rules as the chat forms; what follows a save (assignment notices,
 * the unit group's post) follows here too.
 */
const instant = z.iso
  .datetime({ offset: true, message: 'expected an ISO 8601 time with offset' })
  .pipe(z.coerce.date())
  .refine(isStorableDate, 'expected a date between 1900 and 9999')
const text = (max: number) => z.string().trim().min(1).max(max)

export const NewHazard = z.object({
  description: text(2000),
  category: z.enum(CATEGORIES),
  level: z.enum(HAZARD_LEVELS).default('general'),
  locationText: text(200).optional(),
  latitude: z.number().min(-90).max(90).optional(),
  longitude: z.number().min(-180).max(180).optional(),
  foundAt: instant.optional(),
  foundByUnitId: z.number().int().positive().max(MAX_ROW_ID).optional(),
})

export const NewPatrol = z
  .object({
    kind: z.enum(['daily', 'team']).default('daily'),
    unitId: z.number().int().positive().max(MAX_ROW_ID).optional(),
    startedAt: instant,
    endedAt: instant,
    area: text(200),
    patrollers: text(200),
    teamLeader: text(50).optional(),
    staffCount: z.number().int().min(1).max(1000),
    vehicleCount: z.number().int().min(0).max(1000).default(0),
    handlingResult: text(2000).optional(),
    hazards: z
      .array(NewHazard.omit({ foundByUnitId: true }))
      .max(50)
      .default([]),
  })
  // Zod runs object refinements even when a field failed: check only two real times.
  .refine((p) => !(p.startedAt instanceof Date && p.endedAt instanceof Date) || p.endedAt >= p.startedAt, {
    message: 'must not be before startedAt',
    path: ['endedAt'],
  })

export const PatrolTransition = z.discriminatedUnion('action', [
  z.object({ action: z.literal('submit_report') }),
  z.object({ action: z.literal('void'), reason: text(500) }),
])

export const NewSupervision = z.object({
  supervisorUnitId: z.number().int().positive().max(MAX_ROW_ID).optional(),
  inspectedUnitId: z.number().int().positive().max(MAX_ROW_ID),
  inspectedAt: instant,
  lead: text(50),
  members: text(200),
  matters: text(2000),
  problems: text(2000).optional(),
  requirements: text(2000).optional(),
})

/** A unit id in a body must name a unit, or the request is bad input (not a database error). */
async function assertUnits(db: Database, fields: Record<string, number | undefined>): Promise<void> {
  for (const [field, id] of Object.entries(fields)) {
    if (id === undefined) continue
    const [unit] = await db.select({ id: units.id }).from(units).where(eq(units.id, id))
    if (!unit) throw new AppError('invalid_request', `${field}: no such unit`)
  }
}

/** A patrol with the hazards found on it: the one shape every patrol operation answers with. */
async function patrolWithHazards(db: Database, patrol: typeof patrols.$inferSelect) {
  const found = await db
    .select({ code: hazards.code, status: hazards.status, category: hazards.category, level: hazards.level })
    .from(hazards)
    .where(eq(hazards.patrolId, patrol.id))
    .orderBy(asc(hazards.id))
  return { ...presentPatrol(patrol), hazards: found }
}

export function recordsApi() {
  const app = apiApp()

  app.openapi(
    createRoute({
      method: 'post',
      path: '/hazards',
      summary: 'Report a hazard, found by the token’s unit (routed at once when general)',
      tags: ['hazards'],
      request: { body: jsonRequest(NewHazard) },
      responses: { 201: json(one(Hazard), 'Reported'), ...createErrors },
    }),
    async (c) => {
      const input = c.req.valid('json')
      const { ctx } = c.get('services')
      await assertUnits(ctx.db, { foundByUnitId: input.foundByUnitId })
      const actor = actorOf(c)
      assertMayRecord(actor, 'hazard')
      const foundByUnitId = actor.unitId ?? input.foundByUnitId
      const hazard = await withNotices(ctx, async (tx) => {
        const saved = await reportHazard({ ctx: tx, input: { ...input, foundByUnitId }, actor })
        await notifyHazardAssignment(tx, saved)
        return saved
      })
      return c.json({ data: presentHazard(hazard) }, 201)
    },
  )

  app.openapi(
    createRoute({
      method: 'get',
      path: '/patrols',
      summary: 'List patrols (newest first, keyset paging)',
      tags: ['patrols'],
      parameters: queryParameters(PatrolFilter),
      responses: { 200: json(page(Patrol), 'A page of patrols'), ...listErrors },
    }),
    async (c) => {
      const { db, clock } = c.get('services')
      const result = await listPatrols(db, scoped(c, parseFilter(c, PatrolFilter)), clock.now())
      return c.json({ data: result.rows.map(presentPatrol), nextCursor: result.nextCursor }, 200)
    },
  )

  app.openapi(
    createRoute({
      method: 'get',
      path: '/patrols/{code}',
      summary: 'A patrol with the hazards found on it',
      tags: ['patrols'],
      request: { params: codeParam('XC20261123-0001') },
      responses: { 200: json(one(PatrolWithHazards), 'The patrol'), ...readErrors },
    }),
    async (c) => {
      const { db } = c.get('services')
      const [patrol] = await db
        .select()
        .from(patrols)
        .where(eq(patrols.code, c.req.valid('param').code))
      if (!patrol || !visibleTo(c, patrol.unitId)) throw new AppError('not_found', 'Patrol not found')
      return c.json({ data: await patrolWithHazards(db, patrol) }, 200)
    },
  )

  app.openapi(
    createRoute({
      method: 'post',
      path: '/patrols',
      summary: 'File a patrol record (日巡查 or 巡查组) with the hazards found, in the token’s role and unit',
      tags: ['patrols'],
      request: { body: jsonRequest(NewPatrol) },
      responses: { 201: json(one(PatrolWithHazards), 'Filed'), ...createErrors },
    }),
    async (c) => {
      const input = c.req.valid('json')
      const { ctx } = c.get('services')
      await assertUnits(ctx.db, { unitId: input.unitId })
      const actor = actorOf(c)
      const saved = await withNotices(ctx, async (tx) => {
        const result = await recordPatrol({
          ctx: tx,
          input: { ...input, unitId: recordingUnit(actor, 'patrol', input.unitId) },
          actor,
        })
        await announcePatrol(tx, result.patrol, result.hazards)
        return result
      })
      return c.json({ data: await patrolWithHazards(ctx.db, saved.patrol) }, 201)
    },
  )

  app.openapi(
    createRoute({
      method: 'post',
      path: '/patrols/{code}/transitions',
      summary: 'Register a team patrol’s written report, or void a wrong record (supervisor, admin)',
      tags: ['patrols'],
      request: { params: codeParam('XC20261123-0001'), body: jsonRequest(PatrolTransition) },
      responses: { 200: json(one(PatrolWithHazards), 'The patrol after the step'), ...actionErrors },
    }),
    async (c) => {
      const command = c.req.valid('json')
      const { ctx } = c.get('services')
      const [patrol] = await ctx.db
        .select()
        .from(patrols)
        .where(eq(patrols.code, c.req.valid('param').code))
      if (!patrol || !visibleTo(c, patrol.unitId)) throw new AppError('not_found', 'Patrol not found')
      const updated = await applyPatrolCommand({ ctx, patrolId: patrol.id, command, actor: actorOf(c) })
      return c.json({ data: await patrolWithHazards(ctx.db, updated) }, 200)
    },
  )

  app.openapi(
    createRoute({
      method: 'get',
      path: '/supervisions',
      summary: 'List supervision records (督查记录, newest first, keyset paging)',
      description: 'A unit’s token sees the supervisions of its own unit.',
      tags: ['supervisions'],
      parameters: queryParameters(SupervisionFilter),
      responses: { 200: json(page(Supervision), 'A page of supervisions'), ...listErrors },
    }),
    async (c) => {
      const filter = parseFilter(c, SupervisionFilter)
      const unit = unitScope(c)
      const result = await listSupervisions(c.get('services').db, unit === undefined ? filter : { ...filter, unit })
      return c.json({ data: result.rows.map(presentSupervision), nextCursor: result.nextCursor }, 200)
    },
  )

  app.openapi(
    createRoute({
      method: 'get',
      path: '/supervisions/{code}',
      summary: 'A supervision record',
      tags: ['supervisions'],
      request: { params: codeParam('DC20261123-0001') },
      responses: { 200: json(one(Supervision), 'The supervision'), ...readErrors },
    }),
    async (c) => {
      const [row] = await c
        .get('services')
        .db.select()
        .from(supervisions)
        .where(eq(supervisions.code, c.req.valid('param').code))
      if (!row || !(visibleTo(c, row.inspectedUnitId) || visibleTo(c, row.supervisorUnitId)))
        throw new AppError('not_found', 'Supervision not found')
      return c.json({ data: presentSupervision(row) }, 200)
    },
  )

  app.openapi(
    createRoute({
      method: 'post',
      path: '/supervisions',
      summary:
        'File a supervision record (督查记录表), by the token’s unit or, for an administrator, `supervisorUnitId`',
      tags: ['supervisions'],
      request: { body: jsonRequest(NewSupervision) },
      responses: { 201: json(one(Supervision), 'Filed'), ...createErrors },
    }),
    async (c) => {
      const input = c.req.valid('json')
      const { ctx } = c.get('services')
      await assertUnits(ctx.db, { supervisorUnitId: input.supervisorUnitId, inspectedUnitId: input.inspectedUnitId })
      const actor = actorOf(c)
      const row = await recordSupervision({
        ctx,
        input: { ...input, supervisorUnitId: recordingUnit(actor, 'supervision', input.supervisorUnitId) },
        actor,
      })
      return c.json({ data: presentSupervision(row) }, 201)
    },
  )
  return app
}
