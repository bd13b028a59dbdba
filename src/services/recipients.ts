import { and, eq, gt, inArray, lte } from 'drizzle-orm'
import type { Database } from '../db/client'
import { chatGroups, dutyRoster, people, units } from '../db/schema'

/** Who is responsible right now: the unit's handlers, the duty officer on the roster, the leaders. */
export async function unitHandlers(db: Database, unitId: number | null): Promise<number[]> {
  if (unitId === null) return []
  const rows = await db
    .select({ id: people.id })
    .from(people)
    .where(and(eq(people.unitId, unitId), eq(people.role, 'unit_handler'), eq(people.active, true)))
  return rows.map((r) => r.id)
}

export async function dutyOfficerAt(db: Database, at: Date): Promise<number | undefined> {
  const [onDuty] = await db
    .select({ personId: dutyRoster.personId })
    .from(dutyRoster)
    .where(and(lte(dutyRoster.startsAt, at), gt(dutyRoster.endsAt, at)))
    .limit(1)
  if (onDuty) return onDuty.personId
  // No roster entry: any active duty officer rather than nobody.
  const [anyone] = await db
    .select({ id: people.id })
    .from(people)
    .where(and(eq(people.role, 'duty_officer'), eq(people.active, true)))
    .limit(1)
  return anyone?.id
}

export async function unitLeader(db: Database, unitId: number | null): Promise<number | undefined> {
  if (unitId === null) return undefined
  const [unit] = await db.select({ leaderId: units.leaderId }).from(units).where(eq(units.id, unitId))
  return unit?.leaderId ?? undefined
}

export async function bureauLeader(db: Database): Promise<number | undefined> {
  const [bureau] = await db.select({ leaderId: units.leaderId }).from(units).where(eq(units.kind, 'bureau')).limit(1)
  return bureau?.leaderId ?? undefined
}

export async function leaders(db: Database): Promise<number[]> {
  const rows = await db
    .select({ id: people.id })
    .from(people)
    .where(and(eq(people.role, 'leader'), eq(people.active, true)))
  return rows.map((r) => r.id)
}

export async function groupsOf(db: Database, purpose: 'unit' | 'leaders', unitIds?: number[]) {
  const where = unitIds
    ? and(eq(chatGroups.purpose, purpose), inArray(chatGroups.unitId, unitIds))
    : eq(chatGroups.purpose, purpose)
  return db.select().from(chatGroups).where(where)
}
