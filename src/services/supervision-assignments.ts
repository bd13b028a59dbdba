import { and, asc, eq } from 'drizzle-orm'
import { alias } from 'drizzle-orm/pg-core'
import { z } from 'zod'
import type { Database } from '../db/client'
import { supervisionAssignments, units } from '../db/schema'
import { RuleViolation } from '../domain/errors'
import { INSPECTIONS_PER_MONTH, type ReportingUnit } from '../domain/obligations'
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
  /** Inspections owed each month (source 000 (二) 5: at least 2 where monthly). */
  perMonth: number
  /** Inspections owed each quarter (000 (二) 2: 建管科's quarterly checks). */
  perQuarter: number
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
      perQuarter: supervisionAssignments.perQuarter,
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
  return rows.filter((r) => r.perMonth > 0 || r.perQuarter > 0)
}

export const AssignmentInput = z.object({
  supervisorUnitId: z.coerce.number().int().positive('请选择督查单位'),
  supervisedUnitId: z.coerce.number().int().positive('请选择被督查单位'),
  perMonth: z.coerce.number().int('请填写整数').min(0, '次数不能为负').max(31, '每月最多31次'),
  /** Both 0 removes the row. */
  perQuarter: z.coerce.number().int('请填写整数').min(0, '次数不能为负').max(92, '每季度最多92次').default(0),
})

/** The table's rows: each supervised unit inspected this often. */
export function describeDuty(duty: Pick<InspectionDuty, 'perMonth' | 'perQuarter'>): string {
  const parts = []
  if (duty.perMonth > 0) parts.push(`每月${duty.perMonth}次`)
  if (duty.perQuarter > 0) parts.push(`每季度${duty.perQuarter}次`)
  return parts.join('，')
}

/** Sets (or, with 0, removes) how often a supervising unit inspects a unit. */
export async function setAssignment(ctx: ServiceContext, actor: AdminActor, input: z.input<typeof AssignmentInput>) {
  const data = AssignmentInput.parse(input)
  if (data.supervisorUnitId === data.supervisedUnitId) throw new RuleViolation('same_unit', '单位不能督查自己。')
  const [supervisor] = await ctx.db.select().from(units).where(eq(units.id, data.supervisorUnitId))
  // A patrol unit may supervise too (房管局, 园林局 over their subordinate units); the bureau itself does not.
  if (!supervisor?.active || supervisor.kind === 'bureau')
    throw new RuleViolation('not_supervising', '督查单位须是在用的督查或巡查单位。')
  return audited(ctx, actor, { action: 'set_supervision_assignment', entity: 'supervision_assignment' }, async (tx) => {
    const where = and(
      eq(supervisionAssignments.supervisorUnitId, data.supervisorUnitId),
      eq(supervisionAssignments.supervisedUnitId, data.supervisedUnitId),
    )
    const [before] = await tx.select().from(supervisionAssignments).where(where)
    if (data.perMonth === 0 && data.perQuarter === 0) await tx.delete(supervisionAssignments).where(where)
    else
      await tx
        .insert(supervisionAssignments)
        .values(data)
        .onConflictDoUpdate({
          target: [supervisionAssignments.supervisorUnitId, supervisionAssignments.supervisedUnitId],
          set: { perMonth: data.perMonth, perQuarter: data.perQuarter },
        })
    return { entityId: `${data.supervisorUnitId}:${data.supervisedUnitId}`, before: before ?? null, after: data }
  })
}

/** Active units with what they owe as reporters: whether they supervise and whether they lead supervision. */
export async function reportingUnits(db: Database): Promise<(ReportingUnit & { code: string; name: string })[]> {
  const [rows, duties] = await Promise.all([
    db
      .select({
        id: units.id,
        code: units.code,
        name: units.name,
        kind: units.kind,
        leadsSupervision: units.leadsSupervision,
      })
      .from(units)
      .where(eq(units.active, true))
      .orderBy(asc(units.id)),
    inspectionDuties(db),
  ])
  const supervisors = new Set(duties.map((d) => d.supervisorUnitId))
  return rows.map((u) => ({ ...u, supervises: supervisors.has(u.id) }))
}

/** The lead office (牵头科室, 安监科), if one is set. */
export async function leadOffice(db: Database): Promise<{ id: number; name: string } | undefined> {
  const [row] = await db
    .select({ id: units.id, name: units.name })
    .from(units)
    .where(and(eq(units.leadsSupervision, true), eq(units.active, true)))
    .orderBy(asc(units.id))
    .limit(1)
  return row
}

/** The lead office inspects every patrol unit (000 (二) 1): a new patrol unit joins its duties at the usual rate. */
export async function addToLeadOfficeDuties(tx: Database, unitId: number): Promise<void> {
  const lead = await leadOffice(tx)
  if (!lead || lead.id === unitId) return
  await tx
    .insert(supervisionAssignments)
    .values({ supervisorUnitId: lead.id, supervisedUnitId: unitId, perMonth: INSPECTIONS_PER_MONTH })
    .onConflictDoNothing()
}

/**
 * What a supervising unit's 附件4 covers: the whole city for the lead office (undefined), otherwise the
 * units it supervises.
 */
export async function supervisedScope(db: Database, unitId: number): Promise<number[] | undefined> {
  const lead = await leadOffice(db)
  if (lead?.id === unitId) return undefined
  return (await inspectionDuties(db, unitId)).map((d) => d.unitId)
}
