import type { WorkingCalendar } from './calendar'
import { addDays, addMonths, endOfLocalDay, type IsoDate, isoDate, localDate, parseIsoDate } from './local-time'
import { type Period, type PeriodKind, periodOfDate, previousPeriod, quarterlyBulletinDueDate } from './periods'

/**
 * Statutory reports and when they are due: patrol units report weekly (by the end of the first working
 * day after the week); supervising units monthly and quarterly (by the 5th working day after the period);
 * the quarterly bulletin by the 28th of the quarter's last month.
 */
export type ReportKind = 'weekly' | 'monthly' | 'quarterly' | 'bulletin' | 'campaign' | 'daily'

export const REPORT_KIND_LABELS: Record<ReportKind, string> = {
  weekly: '周报表',
  monthly: '月报表',
  quarterly: '季报表',
  bulletin: '季度通报',
  campaign: '专项整治统计表',
  daily: '日巡查工作记录表',
}
/** The word in the chat command that submits a report: 上报周报, 上报月报, 上报季报, 上报通报, 上报统计表. */
export const REPORT_COMMAND_WORDS: Record<ReportKind, string> = {
  weekly: '周报',
  monthly: '月报',
  quarterly: '季报',
  bulletin: '通报',
  campaign: '统计表',
  daily: '日巡查记录',
}

export interface Obligation {
  kind: ReportKind
  unitId: number
  period: Period
  dueAt: Date
  provisional: boolean
}

const WORKING_DAYS_AFTER: Record<'weekly' | 'monthly' | 'quarterly', number> = { weekly: 1, monthly: 5, quarterly: 5 }
const PERIOD_OF: Record<'weekly' | 'monthly' | 'quarterly', PeriodKind> = {
  weekly: 'week',
  monthly: 'month',
  quarterly: 'quarter',
}

/**
 * A report the system drafts late (the server was down when its period ended) is never due before the
 * working days it allows after the draft reaches the unit: lateness the unit did not cause costs nothing.
 */
export function dueAfterDrafting(
  obligation: Obligation,
  draftedOn: IsoDate,
  calendar: WorkingCalendar,
  timeZone: string,
): Obligation {
  if (obligation.kind !== 'weekly' && obligation.kind !== 'monthly' && obligation.kind !== 'quarterly')
    return obligation
  // Counted as if the period had ended the day before the draft: the unit gets the time the schedule gives.
  const earliest = calendar.addWorkingDays(addDays(draftedOn, -1), WORKING_DAYS_AFTER[obligation.kind])
  const earliestAt = endOfLocalDay(earliest.date, timeZone)
  if (earliestAt.getTime() <= obligation.dueAt.getTime()) return obligation
  return { ...obligation, dueAt: earliestAt, provisional: obligation.provisional || earliest.provisional }
}

export function reportDue(
  kind: 'weekly' | 'monthly' | 'quarterly',
  period: Period,
  calendar: WorkingCalendar,
  timeZone: string,
) {
  const due = calendar.addWorkingDays(period.end, WORKING_DAYS_AFTER[kind])
  return { dueAt: endOfLocalDay(due.date, timeZone), provisional: due.provisional }
}

/** A unit as far as the reports it owes are concerned. */
export interface ReportingUnit {
  id: number
  kind: 'patrol' | 'supervising' | 'bureau'
  /** Has rows in the supervision table as the supervising unit (a patrol unit may supervise too). */
  supervises: boolean
  /** The lead office (牵头科室, 安监科). */
  leadsSupervision: boolean
}

/**
 * Which units owe which report (source 000 (四)): patrol units the weekly one; every unit with supervision
 * duties the monthly and quarterly one (附件4, to 安监科); the lead office alone the quarterly bulletin (四 3).
 * The campaign table is owed by the units taking part in a campaign and the daily record by a unit that
 * patrolled that day, whatever their kind.
 */
export function owesReport(kind: ReportKind, unit: Omit<ReportingUnit, 'id'>): boolean {
  if (kind === 'campaign' || kind === 'daily') return true
  if (kind === 'weekly') return unit.kind === 'patrol'
  if (kind === 'bulletin') return unit.leadsSupervision
  return unit.kind === 'supervising' || unit.supervises
}

/** Source 004 (六) and its table's note 3: the campaign statistics table is filed by the 18th of each month. */
export const CAMPAIGN_DUE_DAY = 18
/** Reminders before the due day (the 15th), besides the one on the due day itself. */
export const CAMPAIGN_REMINDER_DAY = 15

/**
 * The campaign table filed in the month of `date` covers the month before it and is due on the 18th. When
 * the 18th is a rest day the deadline moves to the next working day (民法典 第二百零三条: a period whose last
 * day is a statutory holiday ends on the day after the holiday), the rule offices apply to filing dates.
 */
export function campaignObligation(
  unitId: number,
  date: IsoDate,
  calendar: WorkingCalendar,
  timeZone: string,
): Obligation {
  const { year, month } = parseIsoDate(date)
  const period = previousPeriod(periodOfDate('month', date, timeZone), timeZone)
  let due = isoDate(year, month, CAMPAIGN_DUE_DAY)
  let provisional = !calendar.isCovered(due)
  while (!calendar.isWorkingDay(due)) {
    due = addDays(due, 1)
    provisional ||= !calendar.isCovered(due)
  }
  return { kind: 'campaign', unitId, period, dueAt: endOfLocalDay(due, timeZone), provisional }
}

/** Whether a campaign ran during any part of a period (its start on or before the period's end, not ended before it). */
export function campaignCovers(campaign: { startsOn: IsoDate; endsOn: IsoDate | null }, period: Period): boolean {
  return campaign.startsOn <= period.end && (campaign.endsOn === null || campaign.endsOn >= period.start)
}

/** The report of a kind for the period containing `date`, and when it is (or was) due. */
export function obligationFor(
  kind: Exclude<ReportKind, 'daily'>,
  unitId: number,
  date: IsoDate,
  calendar: WorkingCalendar,
  timeZone: string,
): Obligation {
  if (kind === 'campaign') {
    // The table for the month of `date` is the one filed in the month after it.
    const { year, month } = parseIsoDate(date)
    return campaignObligation(unitId, addMonths(isoDate(year, month, 1), 1), calendar, timeZone)
  }
  if (kind === 'bulletin') {
    const quarter = periodOfDate('quarter', date, timeZone)
    return {
      kind,
      unitId,
      period: quarter,
      dueAt: endOfLocalDay(quarterlyBulletinDueDate(quarter), timeZone),
      provisional: false,
    }
  }
  const period = periodOfDate(PERIOD_OF[kind], date, timeZone)
  return { kind, unitId, period, ...reportDue(kind, period, calendar, timeZone) }
}

/** The reports owed as of `now`: for the last completed period of each kind, and this quarter's bulletin. */
export function currentObligations(
  now: Date,
  timeZone: string,
  calendar: WorkingCalendar,
  units: readonly ReportingUnit[],
  campaignMembers: readonly { unitId: number; startsOn: IsoDate; endsOn: IsoDate | null }[] = [],
): Obligation[] {
  const out: Obligation[] = []
  // The campaign table for last month, owed by each unit taking part in a campaign that ran in it.
  const seen = new Set<number>()
  for (const member of campaignMembers) {
    const obligation = campaignObligation(member.unitId, localDate(now, timeZone), calendar, timeZone)
    if (seen.has(member.unitId) || !campaignCovers(member, obligation.period)) continue
    if (!units.some((u) => u.id === member.unitId)) continue
    seen.add(member.unitId)
    out.push(obligation)
  }
  for (const kind of ['weekly', 'monthly', 'quarterly'] as const) {
    const period = previousPeriod(periodOfDate(PERIOD_OF[kind], localDate(now, timeZone), timeZone), timeZone)
    const owners = units.filter((u) => owesReport(kind, u))
    const { dueAt, provisional } = reportDue(kind, period, calendar, timeZone)
    for (const unit of owners) out.push({ kind, unitId: unit.id, period, dueAt, provisional })
  }
  const quarter = periodOfDate('quarter', localDate(now, timeZone), timeZone)
  const { year, month } = parseIsoDate(quarter.end)
  // The bulletin is owed from the first day of the quarter's last month.
  if (localDate(now, timeZone) >= isoDate(year, month, 1)) {
    const dueAt = endOfLocalDay(quarterlyBulletinDueDate(quarter), timeZone)
    for (const unit of units.filter((u) => owesReport('bulletin', u)))
      out.push({ kind: 'bulletin', unitId: unit.id, period: quarter, dueAt, provisional: false })
  }
  return out
}

/** Each patrol unit is inspected by the supervising office at least this often a month (scheme 000 (二)). */
export const INSPECTIONS_PER_MONTH = 2
