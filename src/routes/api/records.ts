import { eq } from 'drizzle-orm'
import { Hono } from 'hono'
import { z } from 'zod'
import type { AppEnv } from '../../app-env'
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
import { requireApiToken } from './auth'
import { actorOf, jsonBody, ruled, scoped, unitScope, visibleTo, withNotices } from './request'

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
    if (!unit) throw new AppError('invalid_request', 400, `${field}: no such unit`)
  }
}

export function recordsApi() {
  const app = new Hono<AppEnv>()
  app.use('*', requireApiToken)

  app.post('/hazards', async (c) => {
    const input = await jsonBody(c, NewHazard)
    const { ctx } = c.var.services
    await assertUnits(ctx.db, { foundByUnitId: input.foundByUnitId })
    const actor = actorOf(c)
    const hazard = await ruled(() => {
      assertMayRecord(actor, 'hazard')
      const foundByUnitId = actor.unitId ?? input.foundByUnitId
      return withNotices(ctx, async (tx) => {
        const saved = await reportHazard({ ctx: tx, input: { ...input, foundByUnitId }, actor })
        await notifyHazardAssignment(tx, saved)
        return saved
      })
    })
    return c.json({ data: hazard }, 201)
  })

  app.get('/patrols', async (c) => {
    const { db, clock } = c.var.services
    const page = await listPatrols(db, scoped(c, parseFilter(c, PatrolFilter)), clock.now())
    return c.json({ data: page.rows, nextCursor: page.nextCursor })
  })
  app.get('/patrols/:code', async (c) => {
    const { db } = c.var.services
    const [patrol] = await db
      .select()
      .from(patrols)
      .where(eq(patrols.code, c.req.param('code')))
    if (!patrol || !visibleTo(c, patrol.unitId)) throw new AppError('not_found', 404, 'Patrol not found')
    const found = await db
      .select({ code: hazards.code, status: hazards.status, category: hazards.category, level: hazards.level })
      .from(hazards)
      .where(eq(hazards.patrolId, patrol.id))
    return c.json({ data: { ...patrol, hazards: found } })
  })
  app.post('/patrols', async (c) => {
    const input = await jsonBody(c, NewPatrol)
    const { ctx } = c.var.services
    await assertUnits(ctx.db, { unitId: input.unitId })
    const actor = actorOf(c)
    const saved = await ruled(() =>
      withNotices(ctx, async (tx) => {
        const result = await recordPatrol({
          ctx: tx,
          input: { ...input, unitId: recordingUnit(actor, 'patrol', input.unitId) },
          actor,
        })
        await announcePatrol(tx, result.patrol, result.hazards)
        return result
      }),
    )
    return c.json(
      { data: { ...saved.patrol, hazards: saved.hazards.map((h) => ({ code: h.code, status: h.status })) } },
      201,
    )
  })

  app.post('/patrols/:code/transitions', async (c) => {
    const command = await jsonBody(c, PatrolTransition)
    const { ctx } = c.var.services
    const [patrol] = await ctx.db
      .select()
      .from(patrols)
      .where(eq(patrols.code, c.req.param('code')))
    if (!patrol || !visibleTo(c, patrol.unitId)) throw new AppError('not_found', 404, 'Patrol not found')
    const updated = await ruled(() => applyPatrolCommand({ ctx, patrolId: patrol.id, command, actor: actorOf(c) }))
    return c.json({ data: updated })
  })

  app.get('/supervisions', async (c) => {
    const filter = parseFilter(c, SupervisionFilter)
    // A unit's token sees the supervisions of its own unit.
    const unit = unitScope(c)
    const page = await listSupervisions(c.var.services.db, unit === undefined ? filter : { ...filter, unit })
    return c.json({ data: page.rows, nextCursor: page.nextCursor })
  })
  app.get('/supervisions/:code', async (c) => {
    const [row] = await c.var.services.db
      .select()
      .from(supervisions)
      .where(eq(supervisions.code, c.req.param('code')))
    if (!row || !(visibleTo(c, row.inspectedUnitId) || visibleTo(c, row.supervisorUnitId)))
      throw new AppError('not_found', 404, 'Supervision not found')
    return c.json({ data: row })
  })
  app.post('/supervisions', async (c) => {
    const input = await jsonBody(c, NewSupervision)
    const { ctx } = c.var.services
    await assertUnits(ctx.db, { supervisorUnitId: input.supervisorUnitId, inspectedUnitId: input.inspectedUnitId })
    const actor = actorOf(c)
    const row = await ruled(() =>
      recordSupervision({
        ctx,
        input: { ...input, supervisorUnitId: recordingUnit(actor, 'supervision', input.supervisorUnitId) },
        actor,
      }),
    )
    return c.json({ data: row }, 201)
  })
  return app
}
