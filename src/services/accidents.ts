import { and, asc, between, eq, inArray } from 'drizzle-orm'
import { z } from 'zod'
import type { Database } from '../db/client'
import { ACCIDENT_LEVELS, ACCIDENT_REPORTING, accidents, MEDIA_EXPOSURE, units } from '../db/schema'
import { RuleViolation } from '../domain/errors'
import type { AccidentFact } from '../domain/scoring'
import { type AdminActor, audited } from './audit'
import type { ServiceContext } from './context'

/** Accidents (事故) recorded by 安监科 for the assessment: 附件1 2-5 and the 一票否决 conditions of source 000 五. */
export const ACCIDENT_LEVEL_LABELS = { general: '一般', larger: '较大', major: '重大' } as const
export const ACCIDENT_REPORTING_LABELS = {
  on_time: '按时报告',
  late: '迟报',
  omitted: '漏报',
  false: '谎报',
  concealed: '瞒报',
} as const
export const MEDIA_EXPOSURE_LABELS = {
  none: '未曝光',
  local: '市县级媒体曝光',
  provincial: '省级媒体曝光',
  national: '中央级媒体曝光',
} as const

const blankToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v)

export const NewAccident = z.object({
  unitId: z.coerce.number().int().positive('请选择单位'),
  occurredOn: z.iso.date('请按 YYYY-MM-DD 填写事故日期'),
  place: z.string().trim().min(2, '请填写事故地点').max(200),
  level: z.enum(ACCIDENT_LEVELS, '请选择事故等级'),
  deaths: z.coerce.number().int('死亡人数须为整数').min(0, '死亡人数不能为负').max(1000),
  reporting: z.enum(ACCIDENT_REPORTING, '请选择报告情况'),
  mediaExposure: z.enum(MEDIA_EXPOSURE, '请选择媒体曝光情况'),
  negligencePoints: z.preprocess(
    blankToUndefined,
    z.coerce.number().int('扣分须为整数').min(1, '失职渎职扣分为 1–80 分').max(80, '失职渎职扣分为 1–80 分').optional(),
  ),
  description: z.string().trim().min(4, '请简述事故经过和认定').max(2000),
})

export async function recordAccident(ctx: ServiceContext, actor: AdminActor, input: z.input<typeof NewAccident>) {
  const data = NewAccident.parse(input)
  const [unit] = await ctx.db.select({ id: units.id }).from(units).where(eq(units.id, data.unitId))
  if (!unit) throw new RuleViolation('no_unit', '未找到该单位。')
  return audited(ctx, actor, { action: 'record_accident', entity: 'accident' }, async (tx) => {
    const [row] = await tx
      .insert(accidents)
      .values({
        ...data,
        negligencePoints: data.negligencePoints ?? null,
        recordedById: actor.personId,
        recordedByLabel: actor.label,
        recordedAt: ctx.clock.now(),
      })
      .returning()
    if (!row) throw new Error('accident insert returned nothing')
    return { entityId: String(row.id), after: row }
  })
}

/** A unit's accidents between two dates, as the score reads them. */
export async function accidentFacts(db: Database, unitId: number, from: string, to: string): Promise<AccidentFact[]> {
  return (await accidentFactsOfUnits(db, [unitId], from, to)).get(unitId) ?? []
}

/** Several units' accidents between two dates, by unit: the assessment scores every unit from one query. */
export async function accidentFactsOfUnits(
  db: Database,
  unitIds: readonly number[],
  from: string,
  to: string,
): Promise<Map<number, (AccidentFact & { unitId: number })[]>> {
  const byUnit = new Map<number, (AccidentFact & { unitId: number })[]>()
  if (unitIds.length === 0) return byUnit
  const rows = await db
    .select()
    .from(accidents)
    .where(and(inArray(accidents.unitId, [...unitIds]), between(accidents.occurredOn, from, to)))
    .orderBy(asc(accidents.occurredOn), asc(accidents.id))
  for (const r of rows) {
    const list = byUnit.get(r.unitId) ?? []
    list.push({
      unitId: r.unitId,
      ref: `A${r.id}`,
      occurredOn: r.occurredOn,
      place: r.place,
      level: r.level,
      deaths: r.deaths,
      reporting: r.reporting,
      mediaExposure: r.mediaExposure,
      negligencePoints: r.negligencePoints,
    })
    byUnit.set(r.unitId, list)
  }
  return byUnit
}
