import { and, eq } from 'drizzle-orm'
import type { Database } from '../db/client'
import { units } from '../db/schema'
import { RuleViolation } from '../domain/errors'

/** A unit an item is handed to must exist and be active: named as a rule, never a foreign-key failure. */
export async function assertActiveUnit(db: Database, unitId: number): Promise<void> {
  const [unit] = await db
    .select({ id: units.id })
    .from(units)
    .where(and(eq(units.id, unitId), eq(units.active, true)))
  if (!unit) throw new RuleViolation('invalid_unit', '所选单位不存在或已停用。')
}

/** A unit's name, or undefined when there is no unit (not yet dispatched) or no such unit. */
export async function findUnitName(db: Database, unitId: number | null): Promise<string | undefined> {
  if (unitId === null) return undefined
  const [unit] = await db.select({ name: units.name }).from(units).where(eq(units.id, unitId))
  return unit?.name
}
