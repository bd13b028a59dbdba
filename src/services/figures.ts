import { and, between, eq, gte, inArray, isNotNull, isNull, lte, ne, or, type SQL, sql } from 'drizzle-orm'
import type { PgColumn } from 'drizzle-orm/pg-core'
import type { Database } from '../db/client'
import { complaints, hazards, patrols, periodicReports, supervisions, units } from '../db/schema'
import { handledAt } from '../domain/complaint-lifecycle'
import { complaintClocks } from '../domain/deadlines'
import { addDays, localDate, startOfLocalDay } from '../domain/local-time'
import { computePeriodFigures, type PeriodFigures } from '../domain/period-figures'
import { type Period, periodOfDate } from '../domain/periods'
import { computeUnitScore, type ScoredReportKind, type UnitScore } from '../domain/scoring'
import { accidentFacts } from './accidents'
import { findingsFor } from './assessment-findings'
import type { ServiceContext } from './context'
import { loadScoringOptions } from './settings'
import { inspectionDuties } from './supervision-assignments'

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

/**
 * The unit's score for a period, from the ledger: which working days lack a patrol record, which
 * reports were late, which hazards and complaints overran, which inspections are short.
 */
const NOTHING_TO_SCORE = {
  requiredLedgerDays: [],
  ledgerDays: new Set<string>(),
  reports: [],
  hazards: [],
  complaints: [],
  inspections: [],
  falsified: [],
  findings: [],
} as const

export async function unitScore(ctx: ServiceContext, unitId: number, whole: Period): Promise<UnitScore> {
  let period = whole
  const { db } = ctx
  const now = ctx.clock.now()
  const [unit] = await db.select().from(units).where(eq(units.id, unitId))
  if (!unit) throw new Error(`unit ${unitId} not found`)
  // Nothing before the unit's go-live date (启用日期) counts: the period is cut to start there.
  if (unit.goLiveOn && unit.goLiveOn > period.start) {
    if (unit.goLiveOn > period.end) return computeUnitScore(NOTHING_TO_SCORE, ctx.clock.now())
    period = { ...period, start: unit.goLiveOn, startAt: startOfLocalDay(unit.goLiveOn, ctx.timeZone) }
  }
  const calendar = await ctx.calendar.get()
  const today = localDate(now, ctx.timeZone)
  // Only days that have passed can be missing; today still has time.
  const lastDay = period.end < today ? period.end : addDays(today, -1)
  const requiredLedgerDays =
    unit.kind === 'patrol' && lastDay >= period.start ? calendar.workingDaysBetween(period.start, lastDay) : []

  const [patrolRows, reportRows, hazardRows, complaintRows, inspectionRows, falsifiedRows, supervisedUnits] =
    await Promise.all([
      db
        .select({ startedAt: patrols.startedAt })
        .from(patrols)
        .where(
          and(
            eq(patrols.unitId, unitId),
            between(patrols.startedAt, period.startAt, period.endAt),
            isNull(patrols.voidedAt),
          ),
        ),
      db
        .select()
        .from(periodicReports)
        .where(
          and(
            eq(periodicReports.unitId, unitId),
            inArray(periodicReports.kind, ['weekly', 'monthly', 'quarterly', 'bulletin']),
            between(periodicReports.dueAt, period.startAt, minDate(period.endAt, now)),
          ),
        ),
      db
        .select({ code: hazards.code, rectifyDueAt: hazards.rectifyDueAt, rectifiedAt: hazards.rectifiedAt })
        .from(hazards)
        .where(
          and(
            eq(hazards.unitId, unitId),
            isNotNull(hazards.rectifyDueAt),
            between(hazards.rectifyDueAt, period.startAt, minDate(period.endAt, now)),
            ne(hazards.status, 'voided'),
          ),
        ),
      db
        .select()
        .from(complaints)
        .where(
          and(eq(complaints.unitId, unitId), between(complaints.dueAt, period.startAt, minDate(period.endAt, now))),
        ),
      db
        .select({ inspectedUnitId: supervisions.inspectedUnitId, inspectedAt: supervisions.inspectedAt })
        .from(supervisions)
        .where(
          and(
            eq(supervisions.supervisorUnitId, unitId),
            // From the start of the quarter the period starts in: a quarterly duty counts the whole quarter.
            between(
              supervisions.inspectedAt,
              periodOfDate('quarter', period.start, ctx.timeZone).startAt,
              period.endAt,
            ),
          ),
        ),
      db
        .select({ code: patrols.code, reason: patrols.voidReason })
        .from(patrols)
        .where(
          and(
            eq(patrols.unitId, unitId),
            eq(patrols.falsified, true),
            between(patrols.startedAt, period.startAt, period.endAt),
          ),
        ),
      // Any unit with rows in the supervision table is measured on them, a patrol unit that supervises too.
      inspectionDuties(db, unitId),
    ])

  const dueWindow = between(hazards.emergencyReportDueAt, period.startAt, minDate(period.endAt, now))
  const [emergencyRows, teamRows] = await Promise.all([
    db
      .select({
        code: hazards.code,
        dueAt: hazards.emergencyReportDueAt,
        submittedAt: hazards.emergencyReportSubmittedAt,
      })
      .from(hazards)
      .where(and(eq(hazards.foundByUnitId, unitId), isNotNull(hazards.emergencyReportDueAt), dueWindow)),
    db
      .select({ code: patrols.code, dueAt: patrols.reportDueAt, submittedAt: patrols.reportSubmittedAt })
      .from(patrols)
      .where(
        and(
          eq(patrols.unitId, unitId),
          eq(patrols.kind, 'team'),
          between(patrols.reportDueAt, period.startAt, minDate(period.endAt, now)),
        ),
      ),
  ])

  // Inspection duties count whole months (and quarters) that have ended inside the period.
  const inspections: { inspectedUnitName: string; period: string; required: number; done: number }[] = []
  const doneWithin = (unitIdInspected: number, span: Period) =>
    inspectionRows.filter(
      (r) =>
        r.inspectedUnitId === unitIdInspected &&
        r.inspectedAt.getTime() >= span.startAt.getTime() &&
        r.inspectedAt.getTime() <= span.endAt.getTime(),
    ).length
  for (const span of spansEndedWithin(period, today, ctx.timeZone)) {
    for (const duty of supervisedUnits) {
      const required = span.kind === 'month' ? duty.perMonth : duty.perQuarter
      if (required === 0) continue
      const label = span.kind === 'month' ? span.start.slice(0, 7) : span.label
      inspections.push({ inspectedUnitName: duty.name, period: label, required, done: doneWithin(duty.unitId, span) })
    }
  }

  return computeUnitScore(
    {
      requiredLedgerDays,
      ledgerDays: new Set(patrolRows.map((p) => localDate(p.startedAt, ctx.timeZone))),
      reports: [
        ...reportRows.map((r) => ({
          kind: r.kind as ScoredReportKind,
          periodLabel: `${r.periodStart}起`,
          dueAt: r.dueAt,
          submittedAt: r.submittedAt,
        })),
        ...emergencyRows.flatMap((h) =>
          h.dueAt
            ? [
                {
                  kind: 'emergency' as const,
                  periodLabel: `隐患 ${h.code} `,
                  dueAt: h.dueAt,
                  submittedAt: h.submittedAt,
                },
              ]
            : [],
        ),
        ...teamRows.flatMap((p) =>
          p.dueAt
            ? [{ kind: 'team' as const, periodLabel: `${p.code} `, dueAt: p.dueAt, submittedAt: p.submittedAt }]
            : [],
        ),
      ],
      hazards: hazardRows.flatMap((h) =>
        h.rectifyDueAt ? [{ code: h.code, rectifyDueAt: h.rectifyDueAt, rectifiedAt: h.rectifiedAt }] : [],
      ),
      complaints: complaintRows
        .filter((c) => c.status !== 'rejected' && c.status !== 'duplicate')
        .map((c) => {
          // 附件1 measures 1 day from receipt; an approved extension is kept beside it, not in its place.
          const limit = complaintClocks(c.receivedAt).dueAt
          return {
            code: c.code,
            dueAt: limit,
            handledAt: handledAt(c),
            extendedTo: c.dueAt.getTime() > limit.getTime() ? c.dueAt : null,
          }
        }),
      inspections,
      falsified: falsifiedRows.map((f) => ({ code: f.code, reason: f.reason ?? '未注明' })),
      findings: await findingsFor(db, unitId, period),
      accidents: await accidentFacts(db, unitId, period.start, period.end),
      yearAccidents: await accidentFacts(db, unitId, `${whole.end.slice(0, 4)}-01-01`, whole.end),
    },
    now,
    await loadScoringOptions(db),
  )
}

function minDate(a: Date, b: Date): Date {
  return a.getTime() <= b.getTime() ? a : b
}

/** The months and quarters whose last day falls inside the period and has passed. */
function spansEndedWithin(period: Period, today: string, timeZone: string): Period[] {
  const spans: Period[] = []
  for (let d = period.start; d <= period.end && d < today; d = addDays(d, 1)) {
    for (const kind of ['month', 'quarter'] as const) {
      const span = periodOfDate(kind, d, timeZone)
      if (span.end === d) spans.push(span)
    }
  }
  return spans
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
