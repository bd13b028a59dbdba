import { eq } from 'drizzle-orm'
import { z } from 'zod'
import type { Database } from '../db/client'
import { patrols, supervisions } from '../db/schema'
import { patrolTeamReportDeadline } from '../domain/deadlines'
import { RuleViolation } from '../domain/errors'
import { PATROL_FOCUSES, type PatrolAction, patrolStep } from '../domain/patrol-rules'
import type { Actor } from '../domain/roles'
import { nextCode } from './codes'
import type { ServiceContext } from './context'
import { type HazardRow, ReportHazardInput, reportHazard } from './hazards'
import { askInspectedLeaderToSign } from './signoffs'

export type PatrolRow = typeof patrols.$inferSelect

export const RecordPatrolInput = z
  .object({
    kind: z.enum(['daily', 'team']).default('daily'),
    focus: z.enum(PATROL_FOCUSES).default('routine'),
    unitId: z.number().int(),
    startedAt: z.date(),
    endedAt: z.date(),
    area: z.string().trim().min(1, '请填写巡查路段或项目'),
    patrollers: z.string().trim().min(1, '请填写巡查人员'),
    teamLeader: z.string().trim().optional(),
    staffCount: z.number().int().min(1, '出动人次至少为1').max(1000),
    vehicleCount: z.number().int().min(0).max(1000).default(0),
    handlingResult: z.string().trim().optional(),
    hazards: z.array(ReportHazardInput.omit({ patrolId: true })).default([]),
  })
  .refine((p) => p.endedAt.getTime() >= p.startedAt.getTime(), {
    message: '结束时间不能早于开始时间',
    path: ['endedAt'],
  })
export type RecordPatrolInput = z.input<typeof RecordPatrolInput>

/** Saves a patrol record and the hazards found on it together: all or nothing. */
export async function recordPatrol(args: {
  ctx: ServiceContext
  input: RecordPatrolInput
  actor: Actor
}): Promise<{ patrol: PatrolRow; hazards: HazardRow[] }> {
  const { ctx, actor } = args
  const input = RecordPatrolInput.parse(args.input)
  const now = ctx.clock.now()
  if (input.startedAt.getTime() > now.getTime()) throw new RuleViolation('future_patrol', '巡查开始时间不能晚于现在。')
  const reportDeadline =
    input.kind === 'team' ? patrolTeamReportDeadline(await ctx.calendar.get(), input.endedAt, ctx.timeZone) : undefined
  return ctx.db.transaction(async (tx) => {
    const db: Database = tx
    const code = await nextCode(db, 'patrol', now, ctx.timeZone)
    const [patrol] = await db
      .insert(patrols)
      .values({
        code,
        kind: input.kind,
        focus: input.focus,
        unitId: input.unitId,
        reporterId: actor.personId,
        startedAt: input.startedAt,
        endedAt: input.endedAt,
        area: input.area,
        patrollers: input.patrollers,
        teamLeader: input.teamLeader,
        staffCount: input.staffCount,
        vehicleCount: input.vehicleCount,
        handlingResult: input.handlingResult,
        reportDueAt: reportDeadline?.dueAt,
        reportDueProvisional: reportDeadline?.provisional ?? false,
        createdAt: now,
      })
      .returning()
    if (!patrol) throw new Error('patrol insert returned no row')
    const txCtx: ServiceContext = { ...ctx, db }
    const found: HazardRow[] = []
    for (const hazard of input.hazards) {
      found.push(
        await reportHazard({
          ctx: txCtx,
          input: {
            ...hazard,
            patrolId: patrol.id,
            foundByUnitId: input.unitId,
            foundAt: hazard.foundAt ?? input.startedAt,
          },
          actor,
        }),
      )
    }
    return { patrol, hazards: found }
  })
}

export const RecordSupervisionInput = z.object({
  supervisorUnitId: z.number().int(),
  inspectedUnitId: z.number().int(),
  lead: z.string().trim().min(1, '请填写带队领导'),
  /** 附件5 has a box for 督查组成员: a supervision is a group's work, so it is required. */
  members: z.string().trim().min(1, '请填写督查组成员'),
  inspectedAt: z.date(),
  matters: z.string().trim().min(1, '请填写督查事项'),
  problems: z.string().trim().optional(),
  requirements: z.string().trim().optional(),
})
export type RecordSupervisionInput = z.input<typeof RecordSupervisionInput>

export async function recordSupervision(args: { ctx: ServiceContext; input: RecordSupervisionInput; actor: Actor }) {
  const { ctx, actor } = args
  const input = RecordSupervisionInput.parse(args.input)
  const now = ctx.clock.now()
  return ctx.db.transaction(async (tx) => {
    const db: Database = tx
    const code = await nextCode(db, 'supervision', now, ctx.timeZone)
    const [row] = await db
      .insert(supervisions)
      .values({ ...input, code, reporterId: actor.personId, createdAt: now })
      .returning()
    if (!row) throw new Error('supervision insert returned no row')
    // 被督单位领导签字: the inspected unit's leader gets the record to acknowledge, in the same transaction.
    await askInspectedLeaderToSign({ ...ctx, db }, row.id)
    return row
  })
}

/** A step on a saved patrol (submit its team report, void it) under the domain's rules; the row after it. */
export async function applyPatrolCommand(args: {
  ctx: ServiceContext
  patrolId: number
  command: PatrolAction
  actor: Actor
}): Promise<PatrolRow> {
  const { ctx, patrolId, command, actor } = args
  return ctx.db.transaction(async (tx) => {
    const [patrol] = await tx.select().from(patrols).where(eq(patrols.id, patrolId)).for('update')
    if (!patrol) throw new RuleViolation('not_found', '未找到该巡查记录。')
    const change = patrolStep(patrol, command, actor, ctx.clock.now())
    if (!change) return patrol
    const [updated] = await tx.update(patrols).set(change).where(eq(patrols.id, patrolId)).returning()
    return updated ?? patrol
  })
}
