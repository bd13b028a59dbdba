import type { WorkingCalendar } from './calendar'
import { endOfLocalDay, type IsoDate, isoDate, localDate, parseIsoDate } from './local-time'
import { type Period, type PeriodKind, periodOfDate, previousPeriod, quarterlyBulletinDueDate } from './periods'

/**
 * Statutory reports and when they are due: patrol units report weekly (by the end of the first working
 * day after the week); supervising units monthly and quarterly (by the 5th working day after the period);
 * the quarterly bulletin by the 28th of the quarter's last month.
 */
export type ReportKind = 'weekly' | 'monthly' | 'quarterly' | 'bulletin'

export const REPORT_KIND_LABELS: Record<ReportKind, string> = {
  weekly: '周报表',
  monthly: '月报表',
  quarterly: '季报表',
  bulletin: '季度通报',
}
/** The word in the chat command that submits a report: 上报周报, 上报月报, 上报季报, 上报通报. */
export const REPORT_COMMAND_WORDS: Record<ReportKind, string> = {
  weekly: '周报',
  monthly: '月报',
  quarterly: '季报',
  bulletin: '通报',
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

export function reportDue(
  kind: 'weekly' | 'monthly' | 'quarterly',
  period: Period,
  calendar: WorkingCalendar,
  timeZone: string,
) {
  const due = calendar.addWorkingDays(period.end, WORKING_DAYS_AFTER[kind])
  return { dueAt: endOfLocalDay(due.date, timeZone), provisional: due.provisional }
}

/** Which units owe which report: patrol units the weekly one, the supervising office the others. */
export function owesReport(kind: ReportKind, unitKind: 'patrol' | 'supervising' | 'bureau'): boolean {
  return kind === 'weekly' ? unitKind === 'patrol' : unitKind === 'supervising'
}

/** The report of a kind for the period containing `date`, and when it is (or was) due. */
export function obligationFor(
  kind: ReportKind,
  unitId: number,
  date: IsoDate,
  calendar: WorkingCalendar,
  timeZone: string,
): Obligation {
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
  units: readonly { id: number; kind: 'patrol' | 'supervising' | 'bureau' }[],
): Obligation[] {
  const out: Obligation[] = []
  for (const kind of ['weekly', 'monthly', 'quarterly'] as const) {
    const period = previousPeriod(periodOfDate(PERIOD_OF[kind], localDate(now, timeZone), timeZone), timeZone)
    const owners = units.filter((u) => owesReport(kind, u.kind))
    const { dueAt, provisional } = reportDue(kind, period, calendar, timeZone)
    for (const unit of owners) out.push({ kind, unitId: unit.id, period, dueAt, provisional })
  }
  const quarter = periodOfDate('quarter', localDate(now, timeZone), timeZone)
  const { year, month } = parseIsoDate(quarter.end)
  // The bulletin is owed from the first day of the quarter's last month.
  if (localDate(now, timeZone) >= isoDate(year, month, 1)) {
    const dueAt = endOfLocalDay(quarterlyBulletinDueDate(quarter), timeZone)
    for (const unit of units.filter((u) => u.kind === 'supervising'))
      out.push({ kind: 'bulletin', unitId: unit.id, period: quarter, dueAt, provisional: false })
  }
  return out
}

/** Each patrol unit is inspected by the supervising office at least this often a month (scheme 000 (二)). */
export const INSPECTIONS_PER_MONTH = 2
