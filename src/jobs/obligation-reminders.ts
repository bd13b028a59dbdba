import { and, between, eq, inArray, isNotNull, isNull } from 'drizzle-orm'
import { formatLocal } from '../conversation/format'
import { hazards, patrols, people, supervisions, units } from '../db/schema'
import { addDays, localDate, localParts } from '../domain/local-time'
import { type Period, periodOfDate } from '../domain/periods'
import { type QuietHours, releaseAt } from '../domain/quiet-hours'
import { notifyOnce } from '../messaging/notify'
import type { ServiceContext } from '../services/context'
import { unitHandlers } from '../services/recipients'
import { inspectionDuties } from '../services/supervision-assignments'

/**
 * The other obligations from the rules, each reminded before it is due: the written report within 3
 * working days after an emergency disposal, a patrol team's report within 5 working days after the patrol,
 * and each supervising unit's inspections against its supervision table (reminded on the 20th and the 25th).
 */
const INSPECTION_REMINDER_DAYS = [20, 25]

export async function runObligationReminders(ctx: ServiceContext, quiet: QuietHours): Promise<number> {
  const now = ctx.clock.now()
  const today = localDate(now, ctx.timeZone)
  const tomorrow = addDays(today, 1)
  const release = releaseAt(now, quiet, ctx.timeZone)
  let sent = 0
  const dueSoon = (due: Date) =>
    [today, tomorrow].includes(localDate(due, ctx.timeZone)) && due.getTime() > now.getTime()

  const emergencies = await ctx.db
    .select()
    .from(hazards)
    .where(and(isNotNull(hazards.emergencyReportDueAt), isNull(hazards.emergencyReportSubmittedAt)))
  for (const h of emergencies) {
    if (!h.emergencyReportDueAt || !dueSoon(h.emergencyReportDueAt)) continue
    const ok = await notifyOnce(ctx.db, now, {
      subjectType: 'hazard',
      subjectId: h.id,
      kind: 'emergency_report_due',
      slot: localDate(h.emergencyReportDueAt, ctx.timeZone) === today ? 'today' : 'tomorrow',
      personIds: await unitHandlers(ctx.db, h.foundByUnitId ?? h.unitId),
      message: {
        type: 'text',
        text: `【应急处置报告提醒】隐患 ${h.code} 应急处置后须在3个工作日内书面报告，期限 ${formatLocal(h.emergencyReportDueAt, ctx.timeZone, ctx.clock.now())}${h.emergencyReportDueProvisional ? '（日历未覆盖，期限暂定）' : ''}。提交后请发送「提交处置报告 ${h.code}」。`,
      },
      notBefore: release,
    })
    if (ok) sent++
  }

  const teams = await ctx.db
    .select()
    .from(patrols)
    .where(and(eq(patrols.kind, 'team'), isNotNull(patrols.reportDueAt), isNull(patrols.reportSubmittedAt)))
  for (const p of teams) {
    if (!p.reportDueAt || !dueSoon(p.reportDueAt)) continue
    const ok = await notifyOnce(ctx.db, now, {
      subjectType: 'patrol',
      subjectId: p.id,
      kind: 'team_report_due',
      slot: localDate(p.reportDueAt, ctx.timeZone) === today ? 'today' : 'tomorrow',
      personIds: await unitHandlers(ctx.db, p.unitId),
      message: {
        type: 'text',
        text: `【巡查报告提醒】巡查组 ${p.code}（${p.area}）须在巡查结束后5个工作日内报告，期限 ${formatLocal(p.reportDueAt, ctx.timeZone, ctx.clock.now())}。提交后请发送「提交巡查报告 ${p.code}」。`,
      },
      notBefore: release,
    })
    if (ok) sent++
  }

  const dayOfMonth = localParts(now, ctx.timeZone).day
  if (INSPECTION_REMINDER_DAYS.includes(dayOfMonth)) sent += await remindInspections(ctx, now, release)
  return sent
}

async function remindInspections(ctx: ServiceContext, now: Date, release: Date): Promise<number> {
  const today = localDate(now, ctx.timeZone)
  const month = periodOfDate('month', today, ctx.timeZone)
  const quarter = periodOfDate('quarter', today, ctx.timeZone)
  // Quarterly duties are reminded in the quarter's last month, on the same days.
  const quarterEnding = quarter.end === month.end
  const done = await ctx.db
    .select({
      supervisor: supervisions.supervisorUnitId,
      inspected: supervisions.inspectedUnitId,
      at: supervisions.inspectedAt,
    })
    .from(supervisions)
    .where(between(supervisions.inspectedAt, quarter.startAt, month.endAt))
  const countIn = (office: number, unit: number, span: Period) =>
    done.filter((x) => x.supervisor === office && x.inspected === unit && x.at.getTime() >= span.startAt.getTime())
      .length
  let sent = 0
  const duties = await inspectionDuties(ctx.db)
  for (const officeId of new Set(duties.map((d) => d.supervisorUnitId))) {
    const short: string[] = []
    for (const d of duties.filter((x) => x.supervisorUnitId === officeId)) {
      const monthly = countIn(officeId, d.unitId, month)
      if (d.perMonth > monthly) short.push(`${d.name}（本月已${monthly}次，应${d.perMonth}次）`)
      const quarterly = countIn(officeId, d.unitId, quarter)
      if (quarterEnding && d.perQuarter > quarterly)
        short.push(`${d.name}（本季度已${quarterly}次，应${d.perQuarter}次）`)
    }
    if (short.length === 0) continue
    // The office's supervisors and handlers (a patrol unit that supervises has handlers), and its leader.
    const [staff, [office]] = await Promise.all([
      ctx.db
        .select({ id: people.id })
        .from(people)
        .where(
          and(
            eq(people.unitId, officeId),
            inArray(people.role, ['supervisor', 'unit_handler', 'leader']),
            eq(people.active, true),
          ),
        ),
      ctx.db.select({ leaderId: units.leaderId }).from(units).where(eq(units.id, officeId)),
    ])
    const personIds = [...new Set([...staff.map((p) => p.id), ...(office?.leaderId ? [office.leaderId] : [])])]
    const ok = await notifyOnce(ctx.db, now, {
      subjectType: 'unit',
      subjectId: officeId,
      kind: 'inspections_short',
      slot: today,
      personIds,
      message: {
        type: 'text',
        text: `【督查次数提醒】${month.label}督查次数尚未达到督查分工的要求：${short.join('、')}。不足部分每次扣5分。`,
      },
      notBefore: release,
    })
    if (ok) sent++
  }
  return sent
}
