import { and, asc, desc, eq, isNull } from 'drizzle-orm'
import { formatLocal } from '../conversation/format'
import { periodicReports, units } from '../db/schema'
import { RuleViolation } from '../domain/errors'
import { localDate } from '../domain/local-time'
import {
  dueAfterDrafting,
  type Obligation,
  obligationFor,
  owesReport,
  REPORT_KIND_LABELS,
  type ReportKind,
} from '../domain/obligations'
import { type Period, type PeriodKind, periodOfDate } from '../domain/periods'
import type { Actor } from '../domain/roles'
import { draftNarrative, NARRATIVE_FIELDS, NARRATIVE_LABELS } from '../domain/signoff-lines'
import { renderReportMarkdown } from '../reports/markdown'
import type { NarrativeWriter } from '../reports/narrative-writer'
import type { ReportContent } from '../reports/report-content'
import { buildReportWorkbook, XLSX_CONTENT_TYPE } from '../reports/xlsx'
import { storeFile } from '../storage/stored-files'
import { campaignForm } from './campaigns'
import type { ServiceContext } from './context'
import { openHazardFacts, periodFigures } from './figures'
import {
  dailyRecordForm,
  type Narrative,
  patrolDays,
  periodicForm,
  supervisionForm,
  supervisionIdsIn,
  weeklyForm,
} from './paperwork'
import { quarterSupervisionSummary } from './report-receipts'
import { reportingUnits, supervisedScope } from './supervision-assignments'
import { scoreEach } from './unit-scores'

export type PeriodicReportRow = typeof periodicReports.$inferSelect

/** The report row's own words and id, when the content is for a drafted report (signatures, narrative). */
export interface ReportSubject {
  id: number
  narrative: Narrative | null
  entries?: Record<string, unknown> | null
  confirmedById?: number | null
}

/**
 * What a report says: the flat figures (for chat and the bulletin) and the paper forms it files — a patrol
 * unit's week is 附件3 with a 附件2 sheet for each day it patrolled; a supervising unit's month or quarter is
 * 附件4 with a 附件5 sheet for each of its supervisions and the score sheet; a day is one 附件2 sheet.
 */
export async function reportContent(
  ctx: ServiceContext,
  kind: ReportContent['kind'],
  unitId: number,
  period: Period,
  subject?: ReportSubject,
): Promise<ReportContent> {
  const allUnits = await ctx.db.select().from(units).where(eq(units.active, true)).orderBy(units.id)
  const owner = allUnits.find((u) => u.id === unitId)
  const generatedAt = formatLocal(ctx.clock.now(), ctx.timeZone, ctx.clock.now())
  const title = `安全生产巡查${REPORT_KIND_LABELS[kind]}`
  const generatedOn = localDate(ctx.clock.now(), ctx.timeZone)
  const base = { kind, title, unitName: owner?.name ?? '', periodLabel: period.label, generatedAt, generatedOn }
  const reportId = subject?.id ?? null
  const narrative = subject?.narrative ?? {}
  if (kind === 'weekly' || kind === 'daily') {
    const figures = await periodFigures(ctx.db, period, unitId)
    const days = kind === 'daily' ? [period.start] : await patrolDays(ctx, unitId, period)
    const daily = []
    // A week's 附件2 sheets carry each day's own signature, signed on that day's record.
    for (const day of days)
      daily.push(
        await dailyRecordForm(
          ctx,
          unitId,
          periodOfDate('day', day, ctx.timeZone),
          kind === 'daily' ? reportId : await dailyRecordId(ctx, unitId, day),
        ),
      )
    return {
      ...base,
      rows: [{ unit: owner?.name ?? '', figures }],
      totals: figures,
      annex: {
        ...(kind === 'weekly' ? { weekly: await weeklyForm(ctx, unitId, period, reportId, narrative) } : {}),
        daily,
      },
    }
  }
  if (kind === 'campaign') {
    const figures = await periodFigures(ctx.db, period, unitId)
    return {
      ...base,
      title: '安全生产专项整治三年行动统计表',
      rows: [{ unit: owner?.name ?? '', figures }],
      totals: figures,
      annex: { campaign: await campaignForm(ctx, unitId, period, subject) },
    }
  }
  // The bulletin and the lead office's 附件4 cover the city; another supervising unit's, the units it supervises.
  const scope = kind === 'bulletin' ? undefined : await supervisedScope(ctx.db, unitId)
  const patrolUnits = allUnits.filter((u) => u.kind === 'patrol' && (scope === undefined || scope.includes(u.id)))
  const rows = []
  const scores = []
  for (const unit of patrolUnits) rows.push({ unit: unit.name, figures: await periodFigures(ctx.db, period, unit.id) })
  // Every assessed unit is on the 考核 sheet (the lead office's forms and the bulletin): the supervising offices
  // as well as the patrol units.
  if (scope === undefined) {
    const assessed = allUnits.filter((u) => u.kind === 'patrol' || u.kind === 'supervising')
    for (const { unit, score } of await scoreEach(ctx, assessed, period)) scores.push({ unit: unit.name, score })
  }
  const supervisionForms = []
  for (const id of await supervisionIdsIn(ctx, unitId, period)) {
    const form = await supervisionForm(ctx, id)
    if (form) supervisionForms.push(form)
  }
  return {
    ...base,
    rows,
    totals: await periodFigures(ctx.db, period, scope),
    ...(scope === undefined ? { scores } : {}),
    ...(kind === 'bulletin' ? { supervision: await quarterSupervisionSummary(ctx, period) } : {}),
    annex:
      kind === 'bulletin'
        ? {}
        : { periodic: await periodicForm(ctx, unitId, period, reportId, narrative), supervisions: supervisionForms },
  }
}

async function dailyRecordId(ctx: ServiceContext, unitId: number, day: string): Promise<number | null> {
  const [row] = await ctx.db
    .select({ id: periodicReports.id })
    .from(periodicReports)
    .where(
      and(eq(periodicReports.kind, 'daily'), eq(periodicReports.unitId, unitId), eq(periodicReports.periodStart, day)),
    )
  return row?.id ?? null
}

/** Writes the XLSX next to the others and returns its path. */
export async function writeReportFile(directory: string, name: string, content: ReportContent): Promise<string> {
  return storeFile(directory, `${name}.xlsx`, await buildReportWorkbook(content), XLSX_CONTENT_TYPE)
}

export function reportMarkdown(content: ReportContent): string {
  return renderReportMarkdown(content)
}

/**
 * Drafts an owed report once: the row (unique per kind, unit and period), the narrative drafts its unit
 * accepts or edits, its figures and its XLSX. Returns undefined when the report already exists, so a
 * retried or concurrent run drafts nothing twice.
 */
export async function draftReport(
  ctx: ServiceContext,
  reportsDir: string,
  obligation: Obligation,
  writer?: NarrativeWriter,
): Promise<PeriodicReportRow | undefined> {
  // A report already drafted is skipped before any drafting work (no LLM call per run); the insert's
  // conflict check below still keeps two concurrent runs from drafting it twice.
  const [existing] = await ctx.db
    .select({ id: periodicReports.id })
    .from(periodicReports)
    .where(
      and(
        eq(periodicReports.kind, obligation.kind),
        eq(periodicReports.unitId, obligation.unitId),
        eq(periodicReports.periodStart, obligation.period.start),
      ),
    )
  if (existing) return undefined
  obligation = dueAfterDrafting(
    obligation,
    localDate(ctx.clock.now(), ctx.timeZone),
    await ctx.calendar.get(),
    ctx.timeZone,
  )
  const narrative = await narrativeDraft(ctx, obligation.kind, obligation.unitId, obligation.period, writer)
  const [created] = await ctx.db
    .insert(periodicReports)
    .values({
      kind: obligation.kind,
      unitId: obligation.unitId,
      periodStart: obligation.period.start,
      periodEnd: obligation.period.end,
      dueAt: obligation.dueAt,
      narrative,
      createdAt: ctx.clock.now(),
    })
    .onConflictDoNothing()
    .returning()
  if (!created) return undefined
  return renderReport(ctx, reportsDir, created)
}

/** The narrative boxes of a weekly, monthly or quarterly form, drafted from the period's figures. */
async function narrativeDraft(
  ctx: ServiceContext,
  kind: ReportKind,
  unitId: number,
  period: Period,
  writer?: NarrativeWriter,
): Promise<Record<string, string> | null> {
  if (kind !== 'weekly' && kind !== 'monthly' && kind !== 'quarterly') return null
  const scope = kind === 'weekly' ? unitId : await supervisedScope(ctx.db, unitId)
  const figures = await periodFigures(ctx.db, period, scope)
  const open = await openHazardFacts(ctx, period, scope)
  const facts = {
    hazardsFound: figures.hazardsFound,
    hazardsRectified: figures.closedInPeriod,
    stillOpen: open.open,
    majorOpen: open.major,
    overdue: open.overdue,
  }
  const drafts: Record<string, string> = {}
  for (const field of NARRATIVE_FIELDS[kind]) {
    const draft = draftNarrative(field, facts)
    const written = writer
      ? await writer({ form: REPORT_KIND_LABELS[kind], box: NARRATIVE_LABELS[field], facts, draft })
      : undefined
    drafts[field] = written ?? draft
  }
  return drafts
}

/**
 * Renders a report's content and file from the ledger as it stands. A submitted report is frozen: its
 * figures and file were fixed when the last signature came in and are never rendered again.
 */
export async function renderReport(
  ctx: ServiceContext,
  reportsDir: string,
  row: PeriodicReportRow,
): Promise<PeriodicReportRow> {
  if (row.submittedAt || row.unitId === null) return row
  const kind = row.kind as ReportKind
  const period = periodOfDate(PERIOD_KIND_OF[kind], row.periodStart, ctx.timeZone)
  const content = await reportContent(ctx, kind, row.unitId, period, row)
  const [unit] = await ctx.db.select({ code: units.code }).from(units).where(eq(units.id, row.unitId))
  const filePath = await writeReportFile(reportsDir, `${kind}-${unit?.code ?? row.unitId}-${row.periodStart}`, content)
  const [updated] = await ctx.db
    .update(periodicReports)
    .set({ data: content as unknown as Record<string, unknown>, filePath })
    .where(and(eq(periodicReports.id, row.id), isNull(periodicReports.submittedAt)))
    .returning()
  return updated ?? row
}

const PERIOD_KIND_OF: Record<ReportKind, PeriodKind> = {
  daily: 'day',
  weekly: 'week',
  monthly: 'month',
  quarterly: 'quarter',
  bulletin: 'quarter',
  campaign: 'month',
}

/**
 * The unsubmitted report of a kind a typed command (上报周报) means: the newest one, except the campaign
 * table, filled and filed oldest first because each month's cumulative figures build on the last.
 */
export async function latestOpenReport(
  ctx: ServiceContext,
  unitId: number,
  kind: ReportKind,
): Promise<PeriodicReportRow | undefined> {
  const [row] = await ctx.db
    .select()
    .from(periodicReports)
    .where(and(eq(periodicReports.unitId, unitId), eq(periodicReports.kind, kind), isNull(periodicReports.submittedAt)))
    .orderBy(kind === 'campaign' ? asc(periodicReports.periodStart) : desc(periodicReports.periodStart))
    .limit(1)
  return row
}

/**
 * Drafts a report now, for a period that has ended, at a person's request (the API's POST /reports, the
 * console's 立即生成) — the scheduled job drafts each on time without asking. The unit must owe that kind of
 * report, and only the unit itself or an administrator may ask. Undefined when it was drafted already.
 */
export async function draftReportOnRequest(
  ctx: ServiceContext,
  reportsDir: string,
  request: { kind: Exclude<ReportKind, 'daily'>; unitId: number; periodDate: string; actor: Actor },
): Promise<PeriodicReportRow | undefined> {
  const { kind, unitId, periodDate, actor } = request
  const [unit] = await ctx.db.select().from(units).where(eq(units.id, unitId))
  if (!unit) throw new RuleViolation('not_found', 'No such unit')
  if (actor.role !== 'admin' && actor.unitId !== unitId)
    throw new RuleViolation('forbidden', 'Only the unit itself or an administrator may draft its reports')
  const reporter = (await reportingUnits(ctx.db)).find((u) => u.id === unitId)
  if (!reporter || !owesReport(kind, reporter))
    throw new RuleViolation('not_owed', `A ${unit.kind} unit does not file ${kind} reports`)
  const obligation = obligationFor(kind, unitId, periodDate, await ctx.calendar.get(), ctx.timeZone)
  if (obligation.period.end >= localDate(ctx.clock.now(), ctx.timeZone) && kind !== 'bulletin')
    throw new RuleViolation('period_not_over', 'The period has not ended yet')
  return draftReport(ctx, reportsDir, obligation)
}
