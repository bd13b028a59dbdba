import { and, between, count, eq, gte, inArray, isNull, lt, lte, ne, notInArray, or, type SQL, sql } from 'drizzle-orm'
import type { PgColumn } from 'drizzle-orm/pg-core'
import type { Database } from '../db/client'
import { complaints, hazards, patrols } from '../db/schema'
import { computePeriodFigures, type PeriodFigures } from '../domain/period-figures'
import type { Period } from '../domain/periods'
import type { ServiceContext } from './context'

/** What a hazard is, as every form and ledger lists it. */
export const HAZARD_SUMMARY = {
  code: hazards.code,
  description: hazards.description,
  locationText: hazards.locationText,
  category: hazards.category,
  level: hazards.level,
  status: hazards.status,
}

/**
 * Which units a figure covers: one unit, a set (a supervising unit's supervised units), or — undefined — the
 * whole city.
 */
export type UnitScope = number | readonly number[] | undefined

/** The filter a scope puts on a unit column; undefined for the whole city. */
export function inScope(column: PgColumn, scope: UnitScope): SQL | undefined {
  if (scope === undefined) return undefined
  if (typeof scope === 'number') return eq(column, scope)
  return scope.length === 0 ? sql`false` : inArray(column, [...scope])
}

/** Figures for the statutory forms: one unit's patrols and the hazards it found, a set of units', or the city's. */
export async function periodFigures(db: Database, period: Period, scope?: UnitScope): Promise<PeriodFigures> {
  const patrolFilter: SQL[] = [between(patrols.startedAt, period.startAt, period.endAt), isNull(patrols.voidedAt)]
  const patrolScope = inScope(patrols.unitId, scope)
  if (patrolScope) patrolFilter.push(patrolScope)
  // Hazards found by the end of the period and not closed before it started: enough for every figure.
  const hazardFilter: SQL[] = [
    lte(hazards.foundAt, period.endAt),
    ne(hazards.status, 'voided'),
    or(isNull(hazards.closedAt), gte(hazards.closedAt, period.startAt)) as SQL,
  ]
  const hazardScope = inScope(hazards.foundByUnitId, scope)
  if (hazardScope) hazardFilter.push(hazardScope)
  const [patrolRows, hazardRows] = await Promise.all([
    db
      .select({ startedAt: patrols.startedAt, staffCount: patrols.staffCount, vehicleCount: patrols.vehicleCount })
      .from(patrols)
      .where(and(...patrolFilter)),
    db
      .select({
        ...HAZARD_SUMMARY,
        foundAt: hazards.foundAt,
        closedAt: hazards.closedAt,
        listedSupervision: hazards.listedSupervision,
      })
      .from(hazards)
      .where(and(...hazardFilter)),
  ])
  return computePeriodFigures(period, patrolRows, hazardRows)
}

/** Hazards still open at the end of a period (for the narrative drafts): how many, how many major, how many overdue. */
export async function openHazardFacts(
  ctx: ServiceContext,
  period: Period,
  scope?: UnitScope,
): Promise<{ open: number; major: number; overdue: number }> {
  const filter: SQL[] = [
    lte(hazards.foundAt, period.endAt),
    ne(hazards.status, 'voided'),
    or(isNull(hazards.closedAt), gte(hazards.closedAt, period.endAt)) as SQL,
  ]
  const scoped = inScope(hazards.foundByUnitId, scope)
  if (scoped) filter.push(scoped)
  const rows = await ctx.db
    .select({ level: hazards.level, rectifyDueAt: hazards.rectifyDueAt })
    .from(hazards)
    .where(and(...filter))
  return {
    open: rows.length,
    major: rows.filter((r) => r.level === 'major').length,
    overdue: rows.filter((r) => r.rectifyDueAt !== null && r.rectifyDueAt.getTime() < period.endAt.getTime()).length,
  }
}

/**
 * The 1-day limit over the complaints whose limit fell in the window and has passed by `now`: how many, and how
 * many were answered by it. Rejected and duplicate ones are not counted. The dashboard and the figures asked in
 * chat read the same rate.
 */
export async function complaintTimeliness(
  db: Database,
  window: { startAt: Date; endAt: Date },
  now: Date,
  scope?: UnitScope,
): Promise<{ due: number; onTime: number }> {
  const [row] = await db
    .select({
      due: count(),
      onTime: count(sql`case when ${lte(complaints.repliedAt, complaints.dueAt)} then 1 end`),
    })
    .from(complaints)
    .where(
      and(
        between(complaints.dueAt, window.startAt, window.endAt),
        lt(complaints.dueAt, now),
        notInArray(complaints.status, ['rejected', 'duplicate']),
        inScope(complaints.unitId, scope),
      ),
    )
  return { due: Number(row?.due ?? 0), onTime: Number(row?.onTime ?? 0) }
}
