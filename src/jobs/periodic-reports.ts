import { and, eq, gte, inArray, isNull, lte } from 'drizzle-orm'
import { formatLocal } from '../conversation/format'
import { patrols, people, periodicReports } from '../db/schema'
import { addDays, endOfLocalDay, localDate, localParts, startOfLocalDay } from '../domain/local-time'
import {
  CAMPAIGN_REMINDER_DAY,
  currentObligations,
  REPORT_COMMAND_WORDS,
  REPORT_KIND_LABELS,
} from '../domain/obligations'
import { periodOfDate } from '../domain/periods'
import { type QuietHours, releaseAt } from '../domain/quiet-hours'
import { narrativeLines } from '../domain/signoff-lines'
import { notifyOnce, sendToPeople } from '../messaging/notify'
import type { NarrativeWriter } from '../reports/narrative-writer'
import type { ReportContent } from '../reports/report-content'
import { campaignMemberships } from '../services/campaigns'
import type { ServiceContext } from '../services/context'
import { draftReport, renderReport, reportMarkdown } from '../services/reports'
import { askLeaderToSign, leaderSignersOf } from '../services/signoffs'
import { reportingUnits } from '../services/supervision-assignments'

/**
 * Statutory reports: when a period ends, each unit that owes a report gets it drafted from the ledger
 * (figures + XLSX) and a card to confirm submission (确认上报); on the due day an unsubmitted report is
 * reminded. A report still unsubmitted after its due time costs the unit 5 points in the score.
 */
export async function runPeriodicReports(
  ctx: ServiceContext,
  reportsDir: string,
  quiet: QuietHours,
  writer?: NarrativeWriter,
): Promise<number> {
  const now = ctx.clock.now()
  const calendar = await ctx.calendar.get()
  const allUnits = await reportingUnits(ctx.db)
  const members = await campaignMemberships(ctx)
  let drafted = 0
  for (const obligation of currentObligations(now, ctx.timeZone, calendar, allUnits, members)) {
    const created = await draftReport(ctx, reportsDir, obligation, writer)
    if (!created) continue
    const content = created.data as unknown as ReportContent
    const recipients = await reportPeople(ctx, obligation.unitId)
    const kind = obligation.kind
    const fill =
      kind === 'campaign'
        ? '请先发送「填报统计表」填写第1、3、4、5部分（第2部分由系统根据台账计算），再确认上报。'
        : narrativeLines(kind, created.narrative)
            .concat('如需修改，请发送「工作建议：……」等，改后再确认上报。')
            .join('\n')
    await sendToPeople(
      ctx.db,
      now,
      recipients,
      {
        type: 'card',
        title: `【${REPORT_KIND_LABELS[kind]}】${obligation.period.label}`,
        description: `${reportMarkdown(content).replace(/[#*]/g, '').slice(0, 300)}\n${fill}\n上报期限：${formatLocal(obligation.dueAt, ctx.timeZone, ctx.clock.now())}。核对无误后请确认上报，分管领导签字后即上报。`,
        taskId: `report-${created.id}`,
        buttons: [{ key: `report.submit:${created.id}`, text: '确认上报', style: 1 }],
        commandHint: `上报${REPORT_COMMAND_WORDS[kind]}`,
      },
      `report:${created.id}`,
      releaseAt(now, quiet, ctx.timeZone),
    )
    drafted++
  }
  drafted += await draftDailyRecords(ctx, reportsDir, quiet)
  await refreshBulletins(ctx, reportsDir)
  await remindDueToday(ctx, quiet)
  return drafted
}

/** When the day's record is offered for signing: after the working day, not while patrols may still come in. */
const DAILY_RECORD_AFTER_MINUTE = 17 * 60 + 30
/** How far back an unsigned day is still drafted (a job that was down for a few days catches up). */
const DAILY_RECORD_LOOKBACK_DAYS = 7

/**
 * 附件2 per unit and day: once the working day is over (or on a later run), each unit that patrolled gets
 * its day's record drafted and its leader a card to sign it (单位分管或主管领导签字), quiet hours respected.
 */
async function draftDailyRecords(ctx: ServiceContext, reportsDir: string, quiet: QuietHours): Promise<number> {
  const now = ctx.clock.now()
  const today = localDate(now, ctx.timeZone)
  const { hour, minute } = localParts(now, ctx.timeZone)
  const lastDay = hour * 60 + minute >= DAILY_RECORD_AFTER_MINUTE ? today : addDays(today, -1)
  const from = startOfLocalDay(addDays(today, -DAILY_RECORD_LOOKBACK_DAYS), ctx.timeZone)
  const rows = await ctx.db
    .select({ unitId: patrols.unitId, startedAt: patrols.startedAt })
    .from(patrols)
    .where(
      and(
        gte(patrols.startedAt, from),
        lte(patrols.startedAt, endOfLocalDay(lastDay, ctx.timeZone)),
        isNull(patrols.voidedAt),
      ),
    )
  const days = new Map<string, { unitId: number; day: string }>()
  for (const row of rows) {
    const day = localDate(row.startedAt, ctx.timeZone)
    days.set(`${row.unitId}:${day}`, { unitId: row.unitId, day })
  }
  const calendar = await ctx.calendar.get()
  let drafted = 0
  for (const { unitId, day } of days.values()) {
    const period = periodOfDate('day', day, ctx.timeZone)
    const due = calendar.addWorkingDays(day, 1)
    const created = await draftReport(ctx, reportsDir, {
      kind: 'daily',
      unitId,
      period,
      dueAt: endOfLocalDay(due.date, ctx.timeZone),
      provisional: due.provisional,
    })
    if (!created) continue
    await askLeaderToSign(ctx, created, undefined, releaseAt(now, quiet, ctx.timeZone))
    drafted++
  }
  return drafted
}

/** The quarterly bulletin stays a draft refreshed from the ledger (once a day) until 安监科 submits it. */
async function refreshBulletins(ctx: ServiceContext, reportsDir: string): Promise<void> {
  const today = localDate(ctx.clock.now(), ctx.timeZone)
  const open = await ctx.db
    .select()
    .from(periodicReports)
    .where(and(eq(periodicReports.kind, 'bulletin'), isNull(periodicReports.submittedAt)))
  for (const row of open) {
    const generatedOn = (row.data as { generatedOn?: string } | null)?.generatedOn
    if (generatedOn !== today) await renderReport(ctx, reportsDir, row)
  }
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
        inArray(periodicReports.kind, ['weekly', 'monthly', 'quarterly', 'bulletin', 'campaign']),
      ),
    )
  for (const report of open) {
    if (report.unitId === null || report.dueAt.getTime() < now.getTime()) continue
    const dueDay = localDate(report.dueAt, ctx.timeZone)
    // The campaign table is also reminded on the 15th, three days ahead of its deadline.
    const early = report.kind === 'campaign' && today < dueDay && Number(today.slice(8)) === CAMPAIGN_REMINDER_DAY
    if (dueDay !== today && !early) continue
    const kind = report.kind as keyof typeof REPORT_KIND_LABELS
    const when = `${early ? '将于' : '今天'} ${formatLocal(report.dueAt, ctx.timeZone, now)} 到期`
    const scored = kind === 'weekly' || kind === 'monthly' || kind === 'quarterly'
    // Confirmed and waiting only for the leader's signature: the reminder goes to the leader.
    const waitingForLeader = report.confirmedById !== null
    const personIds = waitingForLeader
      ? (await leaderSignersOf(ctx.db, report.unitId)).map((p) => p.id)
      : await reportPeople(ctx, report.unitId)
    const action = waitingForLeader
      ? '已确认待签字，请发送「签字」或点击卡片签字后上报'
      : `尚未上报。请发送「上报${REPORT_COMMAND_WORDS[kind]}」或点击卡片确认上报`
    await notifyOnce(ctx.db, now, {
      subjectType: 'report',
      subjectId: report.id,
      kind: 'report_due',
      slot: today,
      personIds,
      message: {
        type: 'text',
        text: `【报表到期提醒】${REPORT_KIND_LABELS[kind]}（${report.periodStart} 起）${when}，${action}${scored ? '，逾期未报扣5分' : ''}。`,
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
