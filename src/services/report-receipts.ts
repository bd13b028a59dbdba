import { and, asc, between, eq, inArray, isNotNull, isNull } from 'drizzle-orm'
import type { Database } from '../db/client'
import { people, periodicReports, supervisions, units } from '../db/schema'
import { RuleViolation } from '../domain/errors'
import { addDays, localDate } from '../domain/local-time'
import { owesReport, REPORT_KIND_LABELS } from '../domain/obligations'
import { type Period, periodOfDate } from '../domain/periods'
import { sendToPeople } from '../messaging/notify'
import type { SupervisionSummary } from '../reports/report-content'
import type { ServiceContext } from './context'
import { inspectionDuties, leadOffice, reportingUnits } from './supervision-assignments'

/**
 * Source 000 (四) 1: every unit with supervision duties reports monthly and quarterly (附件4) to 安监科, the
 * lead office. A submitted report reaches the lead office as a card; 确认收到 (card, 「收到报表」 or the
 * console) records who received it and when, and the console lists who has and has not reported.
 */
export const RECEIVED_KINDS = ['monthly', 'quarterly'] as const
type ReceivedKind = (typeof RECEIVED_KINDS)[number]
type ReportRow = typeof periodicReports.$inferSelect

const RECEIVER_ROLES = ['supervisor', 'unit_handler', 'leader'] as const

function isReceivedKind(kind: string): kind is ReceivedKind {
  return (RECEIVED_KINDS as readonly string[]).includes(kind)
}

/** The lead office's people who receive reports. */
async function receivers(db: Database, leadId: number): Promise<number[]> {
  const rows = await db
    .select({ id: people.id })
    .from(people)
    .where(and(eq(people.unitId, leadId), inArray(people.role, [...RECEIVER_ROLES]), eq(people.active, true)))
  return rows.map((r) => r.id)
}

/** Tells the lead office a supervising unit's 附件4 has arrived, with a 确认收到 button. */
export async function announceToLeadOffice(ctx: ServiceContext, report: ReportRow): Promise<void> {
  if (!isReceivedKind(report.kind) || report.unitId === null || !report.submittedAt) return
  const lead = await leadOffice(ctx.db)
  // The lead office's own report goes to the bureau's leaders by signature, not to itself.
  if (!lead || lead.id === report.unitId) return
  const [unit] = await ctx.db.select({ name: units.name }).from(units).where(eq(units.id, report.unitId))
  const label = REPORT_KIND_LABELS[report.kind]
  await sendToPeople(
    ctx.db,
    ctx.clock.now(),
    await receivers(ctx.db, lead.id),
    {
      type: 'card',
      title: `【报表送达】${unit?.name ?? ''}${label}`,
      description: `${unit?.name ?? ''}已上报 ${report.periodStart} 至 ${report.periodEnd} 的${label}（附件4，签字齐全）。请查阅后确认收到，可在管理台「报表」中下载。`,
      taskId: `report-receive-${report.id}`,
      buttons: [{ key: `report.receive:${report.id}`, text: '确认收到', style: 1 }],
      commandHint: '收到报表',
    },
    `report-receive:${report.id}`,
  )
}

export interface Receiver {
  /** Null for an administrator account not linked to a person. */
  id: number | null
  role: string
  unitId: number | null
}

/** Only the lead office's people (or an administrator) confirm receipt. */
async function assertReceiver(db: Database, receiver: Receiver): Promise<void> {
  if (receiver.role === 'admin') return
  const lead = await leadOffice(db)
  if (!lead || receiver.unitId !== lead.id || !(RECEIVER_ROLES as readonly string[]).includes(receiver.role))
    throw new RuleViolation('forbidden', `只有${lead?.name ?? '牵头科室'}的人员可以确认收到报表。`)
}

/** Records receipt of one report; receiving it again changes nothing. */
export async function receiveReport(
  ctx: ServiceContext,
  reportId: number,
  receiver: Receiver,
): Promise<{ report: ReportRow; already: boolean }> {
  await assertReceiver(ctx.db, receiver)
  return recordReceipt(ctx, reportId, receiver)
}

async function recordReceipt(
  ctx: ServiceContext,
  reportId: number,
  receiver: Receiver,
): Promise<{ report: ReportRow; already: boolean }> {
  const [row] = await ctx.db.select().from(periodicReports).where(eq(periodicReports.id, reportId))
  if (!row || !isReceivedKind(row.kind)) throw new RuleViolation('not_found', '未找到该月（季）报表。')
  if (!row.submittedAt) throw new RuleViolation('not_submitted', '该报表尚未上报，不能确认收到。')
  if (row.receivedAt) return { report: row, already: true }
  const [updated] = await ctx.db
    .update(periodicReports)
    .set({ receivedAt: ctx.clock.now(), receivedById: receiver.id })
    .where(and(eq(periodicReports.id, reportId), isNull(periodicReports.receivedAt)))
    .returning()
  return updated ? { report: updated, already: false } : { report: row, already: true }
}

/** 「收到报表」: receives every submitted 附件4 not yet received, returning which. */
export async function receivePending(ctx: ServiceContext, receiver: Receiver): Promise<ReportRow[]> {
  await assertReceiver(ctx.db, receiver)
  const lead = await leadOffice(ctx.db)
  const pending = await ctx.db
    .select()
    .from(periodicReports)
    .where(
      and(
        inArray(periodicReports.kind, [...RECEIVED_KINDS]),
        isNotNull(periodicReports.submittedAt),
        isNull(periodicReports.receivedAt),
      ),
    )
    .orderBy(asc(periodicReports.id))
  const received: ReportRow[] = []
  for (const row of pending) {
    if (row.unitId === lead?.id) continue
    const outcome = await recordReceipt(ctx, row.id, receiver)
    if (!outcome.already) received.push(outcome.report)
  }
  return received
}

export type ReportingState = 'not_drafted' | 'pending' | 'overdue' | 'submitted' | 'received'
export const REPORTING_STATE_LABELS: Record<ReportingState, string> = {
  not_drafted: '未生成',
  pending: '待上报',
  overdue: '逾期未报',
  submitted: '已上报，待签收',
  received: '已签收',
}

/** Where a unit's 附件4 stands with the lead office: the one reading the console list and the bulletin share. */
export function reportingStateOf(report: ReportRow | null | undefined, now: Date): ReportingState {
  if (!report) return 'not_drafted'
  if (report.receivedAt) return 'received'
  if (report.submittedAt) return 'submitted'
  return report.dueAt.getTime() < now.getTime() ? 'overdue' : 'pending'
}

export interface ReportingStatus {
  unitId: number
  unitName: string
  state: ReportingState
  report: ReportRow | null
}

/**
 * Who has and has not reported a period's 附件4 to the lead office: every unit that owes it except the lead
 * office itself, with its report's state.
 */
export async function reportingStatus(
  db: Database,
  kind: ReceivedKind,
  periodStart: string,
  now: Date,
): Promise<ReportingStatus[]> {
  const [owers, lead, rows] = await Promise.all([
    reportingUnits(db),
    leadOffice(db),
    db
      .select()
      .from(periodicReports)
      .where(and(eq(periodicReports.kind, kind), eq(periodicReports.periodStart, periodStart))),
  ])
  return owers
    .filter((u) => owesReport(kind, u) && u.id !== lead?.id)
    .map((u) => {
      const report = rows.find((r) => r.unitId === u.id) ?? null
      return { unitId: u.id, unitName: u.name, state: reportingStateOf(report, now), report }
    })
}

/**
 * The bulletin's 督查情况 for a quarter as of today: each unit with supervision duties, the 附件4 reports it
 * owed so far (months ended, and the quarter once ended) with their state, and its inspections against its
 * duties in the months (and quarter) ended so far.
 */
export async function quarterSupervisionSummary(ctx: ServiceContext, quarter: Period): Promise<SupervisionSummary[]> {
  const today = localDate(ctx.clock.now(), ctx.timeZone)
  const months: Period[] = []
  for (let day = quarter.start; day <= quarter.end; ) {
    const month = periodOfDate('month', day, ctx.timeZone)
    if (month.end < today) months.push(month)
    day = addDays(month.end, 1)
  }
  const quarterEnded = quarter.end < today
  const [owers, duties, reports, done] = await Promise.all([
    reportingUnits(ctx.db),
    inspectionDuties(ctx.db),
    ctx.db
      .select()
      .from(periodicReports)
      .where(
        and(
          inArray(periodicReports.kind, [...RECEIVED_KINDS]),
          between(periodicReports.periodStart, quarter.start, quarter.end),
        ),
      ),
    ctx.db
      .select({
        supervisor: supervisions.supervisorUnitId,
        inspected: supervisions.inspectedUnitId,
        at: supervisions.inspectedAt,
      })
      .from(supervisions)
      .where(between(supervisions.inspectedAt, quarter.startAt, quarter.endAt)),
  ])
  const stateOf = (row: ReportRow | undefined) => REPORTING_STATE_LABELS[reportingStateOf(row, ctx.clock.now())]
  return owers
    .filter((u) => owesReport('monthly', u))
    .map((u) => {
      const find = (kind: ReceivedKind, start: string) =>
        reports.find((r) => r.unitId === u.id && r.kind === kind && r.periodStart === start)
      const lines = months.map((m) => `${m.label}月报表：${stateOf(find('monthly', m.start))}`)
      if (quarterEnded) lines.push(`${quarter.label}季报表：${stateOf(find('quarterly', quarter.start))}`)
      let required = 0
      let doneCount = 0
      for (const duty of duties.filter((d) => d.supervisorUnitId === u.id)) {
        const mine = done.filter((x) => x.supervisor === u.id && x.inspected === duty.unitId)
        for (const m of months) {
          required += duty.perMonth
          doneCount += Math.min(
            duty.perMonth,
            mine.filter((x) => x.at.getTime() >= m.startAt.getTime() && x.at.getTime() <= m.endAt.getTime()).length,
          )
        }
        if (quarterEnded && duty.perQuarter > 0) {
          required += duty.perQuarter
          doneCount += Math.min(duty.perQuarter, mine.length)
        }
      }
      return { unit: u.name, reports: lines, inspectionsDone: doneCount, inspectionsRequired: required }
    })
}
