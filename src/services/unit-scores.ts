import { and, asc, between, eq, inArray, isNotNull, ne } from 'drizzle-orm'
import type { Database } from '../db/client'
import { complaints, hazards, patrols, periodicReports, supervisions, units } from '../db/schema'
import { handledAt } from '../domain/complaint-lifecycle'
import { complaintClocks } from '../domain/deadlines'
import { addDays, localDate, startOfLocalDay } from '../domain/local-time'
import { type Period, periodOfDate } from '../domain/periods'
import { computeUnitScore, type ScoredReportKind, type UnitScore } from '../domain/scoring'
import { accidentFactsOfUnits } from './accidents'
import { findingsOfUnits } from './assessment-findings'
import type { ServiceContext } from './context'
import { loadScoringOptions } from './settings'
import { inspectionDuties } from './supervision-assignments'

/**
 * The assessment (考核) scores of several units for one period, read from the ledger in one pass: each table
 * is queried once for all the units and the rows are then shared out, so scoring fourteen units costs about
 * as many queries as scoring one. A unit's own period starts at its go-live date (启用日期) when that is later.
 */
export async function unitScores(
  ctx: ServiceContext,
  unitIds: readonly number[],
  whole: Period,
): Promise<Map<number, UnitScore>> {
  const { db } = ctx
  const now = ctx.clock.now()
  const scores = new Map<number, UnitScore>()
  if (unitIds.length === 0) return scores
  const ids = [...new Set(unitIds)]
  const unitRows = await db.select().from(units).where(inArray(units.id, ids))
  const missing = ids.find((id) => !unitRows.some((u) => u.id === id))
  if (missing !== undefined) throw new Error(`unit ${missing} not found`)

  // A go-live date only ever shortens a unit's period, so the whole period's window holds every row any unit needs.
  const until = minDate(whole.endAt, now)
  const yearStart = `${whole.end.slice(0, 4)}-01-01`
  const [
    calendar,
    options,
    duties,
    patrolRows,
    reportRows,
    hazardRows,
    complaintRows,
    inspectionRows,
    emergencyRows,
    teamRows,
    findings,
    accidents,
  ] = await Promise.all([
    ctx.calendar.get(),
    loadScoringOptions(db),
    // Any unit with rows in the supervision table is measured on them, a patrol unit that supervises too.
    inspectionDuties(db),
    db
      .select({
        unitId: patrols.unitId,
        code: patrols.code,
        startedAt: patrols.startedAt,
        voidedAt: patrols.voidedAt,
        falsified: patrols.falsified,
        voidReason: patrols.voidReason,
      })
      .from(patrols)
      .where(and(inArray(patrols.unitId, ids), between(patrols.startedAt, whole.startAt, whole.endAt))),
    db
      .select()
      .from(periodicReports)
      .where(
        and(
          inArray(periodicReports.unitId, ids),
          inArray(periodicReports.kind, ['weekly', 'monthly', 'quarterly', 'bulletin']),
          between(periodicReports.dueAt, whole.startAt, until),
        ),
      ),
    db
      .select({
        unitId: hazards.unitId,
        code: hazards.code,
        rectifyDueAt: hazards.rectifyDueAt,
        rectifiedAt: hazards.rectifiedAt,
      })
      .from(hazards)
      .where(
        and(
          inArray(hazards.unitId, ids),
          isNotNull(hazards.rectifyDueAt),
          between(hazards.rectifyDueAt, whole.startAt, until),
          ne(hazards.status, 'voided'),
        ),
      ),
    db
      .select()
      .from(complaints)
      .where(and(inArray(complaints.unitId, ids), between(complaints.dueAt, whole.startAt, until))),
    db
      .select({
        supervisorUnitId: supervisions.supervisorUnitId,
        inspectedUnitId: supervisions.inspectedUnitId,
        inspectedAt: supervisions.inspectedAt,
      })
      .from(supervisions)
      .where(
        and(
          inArray(supervisions.supervisorUnitId, ids),
          // From the start of the quarter the period starts in: a quarterly duty counts the whole quarter.
          between(supervisions.inspectedAt, periodOfDate('quarter', whole.start, ctx.timeZone).startAt, whole.endAt),
        ),
      ),
    db
      .select({
        foundByUnitId: hazards.foundByUnitId,
        code: hazards.code,
        dueAt: hazards.emergencyReportDueAt,
        submittedAt: hazards.emergencyReportSubmittedAt,
      })
      .from(hazards)
      .where(
        and(
          inArray(hazards.foundByUnitId, ids),
          isNotNull(hazards.emergencyReportDueAt),
          between(hazards.emergencyReportDueAt, whole.startAt, until),
        ),
      ),
    // A team patrol's report counts in the period it falls due, whenever the patrol itself started.
    db
      .select({
        unitId: patrols.unitId,
        code: patrols.code,
        dueAt: patrols.reportDueAt,
        submittedAt: patrols.reportSubmittedAt,
      })
      .from(patrols)
      .where(
        and(inArray(patrols.unitId, ids), eq(patrols.kind, 'team'), between(patrols.reportDueAt, whole.startAt, until)),
      ),
    findingsOfUnits(db, ids, whole.start, whole.end),
    accidentFactsOfUnits(db, ids, yearStart < whole.start ? yearStart : whole.start, whole.end),
  ])

  const today = localDate(now, ctx.timeZone)
  for (const unit of unitRows) {
    // Nothing before the unit's go-live date counts: the period is cut to start there.
    let period = whole
    if (unit.goLiveOn && unit.goLiveOn > whole.start) {
      if (unit.goLiveOn > whole.end) {
        scores.set(unit.id, computeUnitScore(NOTHING_TO_SCORE, now))
        continue
      }
      period = { ...whole, start: unit.goLiveOn, startAt: startOfLocalDay(unit.goLiveOn, ctx.timeZone) }
    }
    const inPeriod = (d: Date | null) =>
      d !== null && d.getTime() >= period.startAt.getTime() && d.getTime() <= period.endAt.getTime()
    // Deadlines count once they have passed: up to now, not the period's end.
    const dueInPeriod = (d: Date | null) =>
      d !== null && d.getTime() >= period.startAt.getTime() && d.getTime() <= minDate(period.endAt, now).getTime()
    const onDays = (d: string, from: string, to: string) => d >= from && d <= to

    // Only days that have passed can be missing; today still has time.
    const lastDay = period.end < today ? period.end : addDays(today, -1)
    const requiredLedgerDays =
      unit.kind === 'patrol' && lastDay >= period.start ? calendar.workingDaysBetween(period.start, lastDay) : []
    const ownPatrols = patrolRows.filter((p) => p.unitId === unit.id && inPeriod(p.startedAt))

    const quarterStart = periodOfDate('quarter', period.start, ctx.timeZone).startAt.getTime()
    const inspected = inspectionRows.filter(
      (r) =>
        r.supervisorUnitId === unit.id &&
        r.inspectedAt.getTime() >= quarterStart &&
        r.inspectedAt.getTime() <= period.endAt.getTime(),
    )
    const doneWithin = (inspectedUnitId: number, span: Period) =>
      inspected.filter(
        (r) =>
          r.inspectedUnitId === inspectedUnitId &&
          r.inspectedAt.getTime() >= span.startAt.getTime() &&
          r.inspectedAt.getTime() <= span.endAt.getTime(),
      ).length
    // Inspection duties count whole months (and quarters) that have ended inside the period.
    const inspections: { inspectedUnitName: string; period: string; required: number; done: number }[] = []
    const ownDuties = duties.filter((d) => d.supervisorUnitId === unit.id)
    for (const span of spansEndedWithin(period, today, ctx.timeZone)) {
      for (const duty of ownDuties) {
        const required = span.kind === 'month' ? duty.perMonth : duty.perQuarter
        if (required === 0) continue
        const label = span.kind === 'month' ? span.start.slice(0, 7) : span.label
        inspections.push({ inspectedUnitName: duty.name, period: label, required, done: doneWithin(duty.unitId, span) })
      }
    }

    const unitAccidents = accidents.get(unit.id) ?? []
    scores.set(
      unit.id,
      computeUnitScore(
        {
          requiredLedgerDays,
          ledgerDays: new Set(
            ownPatrols.filter((p) => p.voidedAt === null).map((p) => localDate(p.startedAt, ctx.timeZone)),
          ),
          reports: [
            ...reportRows
              .filter((r) => r.unitId === unit.id && dueInPeriod(r.dueAt))
              .map((r) => ({
                kind: r.kind as ScoredReportKind,
                periodLabel: `${r.periodStart}起`,
                dueAt: r.dueAt,
                submittedAt: r.submittedAt,
              })),
            ...emergencyRows.flatMap((h) =>
              h.foundByUnitId === unit.id && h.dueAt && dueInPeriod(h.dueAt)
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
              p.unitId === unit.id && p.dueAt && dueInPeriod(p.dueAt)
                ? [{ kind: 'team' as const, periodLabel: `${p.code} `, dueAt: p.dueAt, submittedAt: p.submittedAt }]
                : [],
            ),
          ],
          hazards: hazardRows.flatMap((h) =>
            h.unitId === unit.id && h.rectifyDueAt && dueInPeriod(h.rectifyDueAt)
              ? [{ code: h.code, rectifyDueAt: h.rectifyDueAt, rectifiedAt: h.rectifiedAt }]
              : [],
          ),
          complaints: complaintRows
            .filter((c) => c.unitId === unit.id && dueInPeriod(c.dueAt))
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
          falsified: ownPatrols
            .filter((p) => p.falsified)
            .map((p) => ({ code: p.code, reason: p.voidReason ?? '未注明' })),
          findings: (findings.get(unit.id) ?? [])
            .filter((f) => onDays(f.appliesOn, period.start, period.end))
            .map(({ appliesOn: _, ...finding }) => finding),
          accidents: unitAccidents.filter((a) => onDays(a.occurredOn, period.start, period.end)),
          yearAccidents: unitAccidents.filter((a) => onDays(a.occurredOn, yearStart, whole.end)),
        },
        now,
        options,
      ),
    )
  }
  return scores
}

/** The units the assessment scores: the active patrol units and supervising offices, in their order. */
export async function assessedUnits(db: Database) {
  return db
    .select()
    .from(units)
    .where(and(inArray(units.kind, ['patrol', 'supervising']), eq(units.active, true)))
    .orderBy(asc(units.id))
}

/** Each unit of a list with its score for the period, all scored in one pass. */
export async function scoreEach<U extends { id: number }>(
  ctx: ServiceContext,
  list: readonly U[],
  period: Period,
): Promise<{ unit: U; score: UnitScore }[]> {
  const byUnit = await unitScores(
    ctx,
    list.map((u) => u.id),
    period,
  )
  return list.flatMap((unit) => {
    const score = byUnit.get(unit.id)
    return score ? [{ unit, score }] : []
  })
}

/** One unit's score for a period (see unitScores). */
export async function unitScore(ctx: ServiceContext, unitId: number, whole: Period): Promise<UnitScore> {
  const score = (await unitScores(ctx, [unitId], whole)).get(unitId)
  if (!score) throw new Error(`unit ${unitId} not found`)
  return score
}

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
