import { and, asc, eq } from 'drizzle-orm'
import { alias } from 'drizzle-orm/pg-core'
import { z } from 'zod'
import type { Database } from '../db/client'
import { supervisionAssignments, units } from '../db/schema'
import { RuleViolation } from '../domain/errors'
import { type AdminActor, audited } from './audit'
import type { ServiceContext } from './context'

/**
 * The supervision table (source 000 (二)): which supervising unit inspects which unit, how often a month.
 * Reminders (20th, 25th), 我的待办 and the assessment (附件1 2-6) measure each supervising unit against its
 * own rows. Edited in the admin pages (单位 → 督查分工), audited.
 */
export interface InspectionDuty {
  supervisorUnitId: number
  unitId: number
  name: string
  perMonth: number
}

/** The duties of one supervising unit (or all), active units only. */
export async function inspectionDuties(db: Database, supervisorUnitId?: number): Promise<InspectionDuty[]> {
  const supervisor = alias(units, 'supervisor')
  const rows = await db
    .select({
      supervisorUnitId: supervisionAssignments.supervisorUnitId,
      unitId: units.id,
      name: units.name,
      perMonth: supervisionAssignments.perMonth,
    })
    .from(supervisionAssignments)
    .innerJoin(units, eq(units.id, supervisionAssignments.supervisedUnitId))
    .innerJoin(supervisor, eq(supervisor.id, supervisionAssignments.supervisorUnitId))
    .where(
      and(
        eq(units.active, true),
        eq(supervisor.active, true),
        supervisorUnitId === undefined ? undefined : eq(supervisionAssignments.supervisorUnitId, supervisorUnitId),
      ),
    )
    .orderBy(asc(supervisionAssignments.supervisorUnitId), asc(units.id))
  return rows.filter((r) => r.perMonth > 0)
}

export const AssignmentInput = z.object({
  supervisorUnitId: z.coerce.number().int().positive('请选择督查单位'),
  supervisedUnitId: z.coerce.number().int().positive('请选择被督查单位'),
  /** 0 removes the row. */
  perMonth: z.coerce.number().int('请填写整数').min(0, '次数不能为负').max(31, '每月最多31次'),
})

/** Sets (or, with 0, removes) how often a supervising unit inspects a unit. */
export async function setAssignment(ctx: ServiceContext, actor: AdminActor, input: z.input<typeof AssignmentInput>) {
  const data = AssignmentInput.parse(input)
  if (data.supervisorUnitId === data.supervisedUnitId) throw new RuleViolation('same_unit', '单位不能督查自己。')
  const [supervisor] = await ctx.db.select().from(units).where(eq(units.id, data.supervisorUnitId))
  if (supervisor?.kind !== 'supervising') throw new RuleViolation('not_supervising', '督查单位须是督查类单位。')
  return audited(ctx, actor, { action: 'set_supervision_assignment', entity: 'supervision_assignment' }, async (tx) => {
    const where = and(
      eq(supervisionAssignments.supervisorUnitId, data.supervisorUnitId),
      eq(supervisionAssignments.supervisedUnitId, data.supervisedUnitId),
    )
    const [before] = await tx.select().from(supervisionAssignments).where(where)
    if (data.perMonth === 0) await tx.delete(supervisionAssignments).where(where)
    else
      await tx
        .insert(supervisionAssignments)
        .values(data)
        .onConflictDoUpdate({
          target: [supervisionAssignments.supervisorUnitId, supervisionAssignments.supervisedUnitId],
          set: { perMonth: data.perMonth },
        })
    return { entityId: `${data.supervisorUnitId}:${data.supervisedUnitId}`, before: before ?? null, after: data }
  })
}
