import { and, asc, between, eq, inArray } from 'drizzle-orm'
import { z } from 'zod'
import type { Database } from '../db/client'
import { assessmentFindings, units } from '../db/schema'
import { RuleViolation } from '../domain/errors'
import type { Period } from '../domain/periods'
import { DEDUCTION_RULES, discretionaryRange, FINDING_RULES, type FindingRule } from '../domain/scoring'
import { type AdminActor, audited } from './audit'
import type { ServiceContext } from './context'

/**
 * Findings 安监科 records for the assessment (source 000 附件1 lines 1-1…1-5, 2-5, 3-1…3-3): what no ledger
 * shows. Each has the unit, the date it applies to, the reason and evidence, the points of a 视情况 line
 * within its range, and who recorded it (audited).
 */
export const NewFinding = z.object({
  unitId: z.coerce.number().int().positive('请选择单位'),
  rule: z.enum(FINDING_RULES, '请选择考核细则条目'),
  appliesOn: z.iso.date('请按 YYYY-MM-DD 填写日期'),
  points: z.coerce.number().int('扣分须为整数').optional(),
  reason: z.string().trim().min(4, '请写明扣分事实和依据（至少4个字）').max(2000),
  mediaIds: z.array(z.number().int().positive()).max(20).default([]),
})
export type NewFinding = z.input<typeof NewFinding>

export async function recordFinding(ctx: ServiceContext, actor: AdminActor, input: NewFinding) {
  const data = NewFinding.parse(input)
  const range = discretionaryRange(data.rule)
  if (range && (data.points === undefined || data.points < range.min || data.points > range.max))
    throw new RuleViolation('points_out_of_range', `该条为“视情况扣分”，请填写 ${range.min}–${range.max} 分。`)
  const [unit] = await ctx.db.select({ id: units.id }).from(units).where(eq(units.id, data.unitId))
  if (!unit) throw new RuleViolation('no_unit', '未找到该单位。')
  return audited(ctx, actor, { action: 'record_finding', entity: 'assessment_finding' }, async (tx) => {
    const [row] = await tx
      .insert(assessmentFindings)
      .values({
        unitId: data.unitId,
        rule: data.rule,
        appliesOn: data.appliesOn,
        points: range ? (data.points ?? null) : null,
        reason: data.reason,
        mediaIds: data.mediaIds,
        recordedById: actor.personId,
        recordedByLabel: actor.label,
        recordedAt: ctx.clock.now(),
      })
      .returning()
    if (!row) throw new Error('finding insert returned nothing')
    return { entityId: String(row.id), after: row }
  })
}

/** The unit's findings whose date falls in the period, as the score reads them. */
export async function findingsFor(db: Database, unitId: number, period: Period) {
  return (await findingsOfUnits(db, [unitId], period.start, period.end)).get(unitId) ?? []
}

export type ScoredFinding = { rule: FindingRule; points: number | undefined; reason: string; ref: string }

/** Several units' findings dated between two days, by unit, with the date each applies on. */
export async function findingsOfUnits(
  db: Database,
  unitIds: readonly number[],
  from: string,
  to: string,
): Promise<Map<number, (ScoredFinding & { appliesOn: string })[]>> {
  const byUnit = new Map<number, (ScoredFinding & { appliesOn: string })[]>()
  if (unitIds.length === 0) return byUnit
  const rows = await db
    .select()
    .from(assessmentFindings)
    .where(and(inArray(assessmentFindings.unitId, [...unitIds]), between(assessmentFindings.appliesOn, from, to)))
    .orderBy(asc(assessmentFindings.appliesOn), asc(assessmentFindings.id))
  for (const r of rows) {
    if (!(FINDING_RULES as readonly string[]).includes(r.rule)) continue
    const list = byUnit.get(r.unitId) ?? []
    list.push({
      rule: r.rule as FindingRule,
      points: r.points ?? undefined,
      reason: `${r.reason}；记录人：${r.recordedByLabel}`,
      ref: `F${r.id}`,
      appliesOn: r.appliesOn,
    })
    byUnit.set(r.unitId, list)
  }
  return byUnit
}

/** Every finding of a period, newest first, for the assessment page. */
export async function listFindings(db: Database, period: Period) {
  return db
    .select({ finding: assessmentFindings, unitName: units.name })
    .from(assessmentFindings)
    .innerJoin(units, eq(units.id, assessmentFindings.unitId))
    .where(between(assessmentFindings.appliesOn, period.start, period.end))
    .orderBy(asc(assessmentFindings.appliesOn), asc(assessmentFindings.id))
}

export function findingWording(rule: string): string {
  return (DEDUCTION_RULES as Record<string, { wording: string; line: string }>)[rule]?.wording ?? rule
}
