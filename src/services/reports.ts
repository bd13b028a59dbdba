import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { and, between, desc, eq, inArray, isNull } from 'drizzle-orm'
import { formatLocal } from '../conversation/format'
import { hazards, patrols, periodicReports, supervisions, units } from '../db/schema'
import { type Obligation, REPORT_KIND_LABELS, type ReportKind } from '../domain/obligations'
import type { Period } from '../domain/periods'
import { renderReportMarkdown } from '../reports/markdown'
import type { ReportContent } from '../reports/report-content'
import { buildReportWorkbook } from '../reports/xlsx'
import type { ServiceContext } from './context'
import { periodFigures, unitScore } from './figures'

export type PeriodicReportRow = typeof periodicReports.$inferSelect

/** Figures for a unit's report: its own for a weekly report; every patrol unit's for the city-wide forms. */
export async function reportContent(
  ctx: ServiceContext,
  kind: ReportKind,
  unitId: number,
  period: Period,
): Promise<ReportContent> {
  const allUnits = await ctx.db.select().from(units).where(eq(units.active, true)).orderBy(units.id)
  const owner = allUnits.find((u) => u.id === unitId)
  const generatedAt = formatLocal(ctx.clock.now(), ctx.timeZone, ctx.clock.now())
  const title = `安全生产巡查${REPORT_KIND_LABELS[kind]}`
  if (kind === 'weekly') {
    const figures = await periodFigures(ctx.db, period, unitId)
    return {
      kind,
      title,
      unitName: owner?.name ?? '',
      periodLabel: period.label,
      rows: [{ unit: owner?.name ?? '', figures }],
      totals: figures,
      patrols: await patrolSheet(ctx, unitId, period),
      generatedAt,
    }
  }
  const patrolUnits = allUnits.filter((u) => u.kind === 'patrol')
  const rows = []
  const scores = []
  for (const unit of patrolUnits) {
    rows.push({ unit: unit.name, figures: await periodFigures(ctx.db, period, unit.id) })
    scores.push({ unit: unit.name, score: await unitScore(ctx, unit.id, period) })
  }
  return {
    kind,
    title,
    unitName: owner?.name ?? '',
    periodLabel: period.label,
    rows,
    totals: await periodFigures(ctx.db, period),
    scores,
    supervisions: await supervisionSheet(ctx, unitId, period, allUnits),
    generatedAt,
  }
}

async function patrolSheet(
  ctx: ServiceContext,
  unitId: number,
  period: Period,
): Promise<NonNullable<ReportContent['patrols']>> {
  const rows = await ctx.db
    .select()
    .from(patrols)
    .where(
      and(
        eq(patrols.unitId, unitId),
        between(patrols.startedAt, period.startAt, period.endAt),
        isNull(patrols.voidedAt),
      ),
    )
    .orderBy(patrols.startedAt)
  const found = rows.length
    ? await ctx.db
        .select({ patrolId: hazards.patrolId, code: hazards.code, description: hazards.description })
        .from(hazards)
        .where(
          inArray(
            hazards.patrolId,
            rows.map((r) => r.id),
          ),
        )
    : []
  return rows.map((p) => {
    const start = formatLocal(p.startedAt, ctx.timeZone, ctx.clock.now())
    const list = found.filter((h) => h.patrolId === p.id)
    return {
      date: start.split(' ')[0] ?? start,
      time: `${start.split(' ')[1] ?? ''}–${formatLocal(p.endedAt, ctx.timeZone, ctx.clock.now()).split(' ')[1] ?? ''}`,
      area: p.area,
      patrollers: p.patrollers,
      staff: p.staffCount,
      vehicles: p.vehicleCount,
      hazards: list.length ? list.map((h) => `${h.code} ${h.description}`).join('；') : '无',
      handling: p.handlingResult ?? '',
      leader: p.teamLeader ?? '',
    }
  })
}

async function supervisionSheet(
  ctx: ServiceContext,
  unitId: number,
  period: Period,
  allUnits: { id: number; name: string }[],
): Promise<NonNullable<ReportContent['supervisions']>> {
  const rows = await ctx.db
    .select()
    .from(supervisions)
    .where(
      and(eq(supervisions.supervisorUnitId, unitId), between(supervisions.inspectedAt, period.startAt, period.endAt)),
    )
    .orderBy(supervisions.inspectedAt)
  return rows.map((v) => ({
    date: formatLocal(v.inspectedAt, ctx.timeZone, ctx.clock.now()),
    inspected: allUnits.find((u) => u.id === v.inspectedUnitId)?.name ?? '',
    lead: v.lead,
    members: v.members ?? '',
    matters: v.matters,
    problems: v.problems ?? '无',
    requirements: v.requirements ?? '无',
  }))
}

/** Writes the XLSX next to the others and returns its path. */
export async function writeReportFile(directory: string, name: string, content: ReportContent): Promise<string> {
  await mkdir(directory, { recursive: true })
  const path = join(directory, `${name}.xlsx`)
  await writeFile(path, await buildReportWorkbook(content))
  return path
}

export function reportMarkdown(content: ReportContent): string {
  return renderReportMarkdown(content)
}

/** The unit confirms its report: submitted now, unless it already was. */
/**
 * Drafts an owed report once: the row (unique per kind, unit and period), its figures and its XLSX. Returns
 * undefined when the report already exists, so a retried or concurrent run drafts nothing twice.
 */
export async function draftReport(
  ctx: ServiceContext,
  reportsDir: string,
  obligation: Obligation,
): Promise<PeriodicReportRow | undefined> {
  const [created] = await ctx.db
    .insert(periodicReports)
    .values({
      kind: obligation.kind,
      unitId: obligation.unitId,
      periodStart: obligation.period.start,
      periodEnd: obligation.period.end,
      dueAt: obligation.dueAt,
      createdAt: ctx.clock.now(),
    })
    .onConflictDoNothing()
    .returning()
  if (!created) return undefined
  const content = await reportContent(ctx, obligation.kind, obligation.unitId, obligation.period)
  const [unit] = await ctx.db.select({ code: units.code }).from(units).where(eq(units.id, obligation.unitId))
  const filePath = await writeReportFile(
    reportsDir,
    `${obligation.kind}-${unit?.code ?? obligation.unitId}-${obligation.period.start}`,
    content,
  )
  const [updated] = await ctx.db
    .update(periodicReports)
    .set({ data: content as unknown as Record<string, unknown>, filePath })
    .where(eq(periodicReports.id, created.id))
    .returning()
  return updated ?? created
}

export async function submitReport(
  ctx: ServiceContext,
  reportId: number,
  unitId: number | null,
): Promise<PeriodicReportRow | undefined> {
  const [row] = await ctx.db.select().from(periodicReports).where(eq(periodicReports.id, reportId))
  if (!row || (unitId !== null && row.unitId !== unitId)) return undefined
  if (row.submittedAt) return row
  const [updated] = await ctx.db
    .update(periodicReports)
    .set({ submittedAt: ctx.clock.now() })
    .where(and(eq(periodicReports.id, reportId), isNull(periodicReports.submittedAt)))
    .returning()
  return updated ?? row
}

/** The newest unsubmitted report of a kind for a unit (for the typed command 上报周报). */
export async function latestOpenReport(
  ctx: ServiceContext,
  unitId: number,
  kind: ReportKind,
): Promise<PeriodicReportRow | undefined> {
  const [row] = await ctx.db
    .select()
    .from(periodicReports)
    .where(and(eq(periodicReports.unitId, unitId), eq(periodicReports.kind, kind), isNull(periodicReports.submittedAt)))
    .orderBy(desc(periodicReports.periodStart))
    .limit(1)
  return row
}
