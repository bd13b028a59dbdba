import { and, eq, inArray, isNull } from 'drizzle-orm'
import { formatLocal } from '../conversation/format'
import { people, periodicReports, units } from '../db/schema'
import { localDate } from '../domain/local-time'
import { currentObligations, REPORT_COMMAND_WORDS, REPORT_KIND_LABELS } from '../domain/obligations'
import { type QuietHours, releaseAt } from '../domain/quiet-hours'
import { notifyOnce, sendToPeople } from '../messaging/notify'
import type { ReportContent } from '../reports/report-content'
import type { ServiceContext } from '../services/context'
import { draftReport, reportMarkdown } from '../services/reports'

/**
 * Statutory reports: when a period ends, each unit that owes a report gets it drafted from the ledger
 * (figures + XLSX) and a card to confirm submission (确认上报); on the due day an unsubmitted report is
 * reminded. A report still unsubmitted after its due time costs the unit 5 points in the score.
 */
export async function runPeriodicReports(ctx: ServiceContext, reportsDir: string, quiet: QuietHours): Promise<number> {
  const now = ctx.clock.now()
  const calendar = await ctx.calendar.get()
  const allUnits = await ctx.db
    .select({ id: units.id, code: units.code, kind: units.kind })
    .from(units)
    .where(eq(units.active, true))
  let drafted = 0
  for (const obligation of currentObligations(now, ctx.timeZone, calendar, allUnits)) {
    const created = await draftReport(ctx, reportsDir, obligation)
    if (!created) continue
    const content = created.data as unknown as ReportContent
    const recipients = await reportPeople(ctx, obligation.unitId)
    await sendToPeople(
      ctx.db,
      now,
      recipients,
      {
        type: 'card',
        title: `【${REPORT_KIND_LABELS[obligation.kind]}】${obligation.period.label}`,
        description: `${reportMarkdown(content).replace(/[#*]/g, '').slice(0, 300)}\n上报期限：${formatLocal(obligation.dueAt, ctx.timeZone, ctx.clock.now())}。核对无误后请确认上报。`,
        taskId: `report-${created.id}`,
        buttons: [{ key: `report.submit:${created.id}`, text: '确认上报', style: 1 }],
        commandHint: `上报${REPORT_COMMAND_WORDS[obligation.kind]}`,
      },
      `report:${created.id}`,
      releaseAt(now, quiet, ctx.timeZone),
    )
    drafted++
  }
  await remindDueToday(ctx, quiet)
  return drafted
}

async function remindDueToday(ctx: ServiceContext, quiet: QuietHours): Promise<void> {
  const now = ctx.clock.now()
  const today = localDate(now, ctx.timeZone)
  const open = await ctx.db
    .select()
    .from(periodicReports)
    .where(
      and(
        isNull(periodicReports.submittedAt),
        inArray(periodicReports.kind, ['weekly', 'monthly', 'quarterly', 'bulletin']),
      ),
    )
  for (const report of open) {
    if (
      report.unitId === null ||
      localDate(report.dueAt, ctx.timeZone) !== today ||
      report.dueAt.getTime() < now.getTime()
    )
      continue
    const kind = report.kind as keyof typeof REPORT_KIND_LABELS
    await notifyOnce(ctx.db, now, {
      subjectType: 'report',
      subjectId: report.id,
      kind: 'report_due',
      slot: today,
      personIds: await reportPeople(ctx, report.unitId),
      message: {
        type: 'text',
        text: `【报表到期提醒】${REPORT_KIND_LABELS[kind]}（${report.periodStart} 起）今天 ${formatLocal(report.dueAt, ctx.timeZone, ctx.clock.now())} 到期，尚未上报。请发送「上报${REPORT_COMMAND_WORDS[kind]}」或点击卡片确认上报，逾期扣5分。`,
      },
      notBefore: releaseAt(now, quiet, ctx.timeZone),
    })
  }
}

/** Who answers for a unit's reports: its handlers and supervisors, and its leader. */
async function reportPeople(ctx: ServiceContext, unitId: number): Promise<number[]> {
  const staff = await ctx.db
    .select({ id: people.id })
    .from(people)
    .where(
      and(
        eq(people.unitId, unitId),
        inArray(people.role, ['unit_handler', 'supervisor', 'leader']),
        eq(people.active, true),
      ),
    )
  return staff.map((p) => p.id)
}
