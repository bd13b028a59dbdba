import { REPORT_KIND_LABELS, type ReportKind } from './obligations'

/**
 * The name a downloaded report carries, in the words of the office that files it:
 * 「市政建设总公司_周报表_2026年第47周.xlsx」, 「安监科_季度通报_2026年第4季度.xlsx」; a city-wide report is 「全市」.
 * Weeks are numbered as ISO 8601 numbers them (the week with the year's first Thursday is week 1).
 */
const OTHER_LABELS: Record<string, string> = { digest: '每日简报', score: '考核得分' }

export function reportFileName(report: {
  kind: string
  unitName: string | null
  periodStart: string
  periodEnd: string
}): string {
  const label = REPORT_KIND_LABELS[report.kind as ReportKind] ?? OTHER_LABELS[report.kind] ?? '报表'
  const period = reportPeriodLabel(report)
  // Nothing a file system or a header would trip on: path separators, quotes and control characters become _.
  const safe = (text: string) =>
    [...text].map((ch) => (ch.charCodeAt(0) < 0x20 || '\\/:*?"<>|'.includes(ch) ? '_' : ch)).join('')
  return `${safe(report.unitName ?? '全市')}_${label}_${safe(period)}.xlsx`
}

/** A report's period as the office names it: 2026年第47周, 2026年11月, 2026年第4季度, 2026年11月23日. */
export function reportPeriodLabel(report: { kind: string; periodStart: string; periodEnd: string }): string {
  const [year, month] = report.periodStart.split('-').map(Number) as [number, number]
  switch (report.kind) {
    case 'weekly': {
      const { weekYear, week } = isoWeek(report.periodStart)
      return `${weekYear}年第${week}周`
    }
    case 'monthly':
    case 'campaign':
      return `${year}年${month}月`
    case 'quarterly':
    case 'bulletin':
      return `${year}年第${Math.floor((month - 1) / 3) + 1}季度`
    default:
      return report.periodStart === report.periodEnd
        ? chineseDate(report.periodStart)
        : `${chineseDate(report.periodStart)}至${chineseDate(report.periodEnd)}`
  }
}

/** 2026-11-23 → 2026年11月23日. */
function chineseDate(isoDate: string): string {
  const [year, month, day] = isoDate.split('-').map(Number) as [number, number, number]
  return `${year}年${month}月${day}日`
}

export function isoWeek(isoDate: string): { weekYear: number; week: number } {
  const date = new Date(`${isoDate}T00:00:00Z`)
  // The Thursday of this date's week decides the year the week belongs to.
  const weekday = (date.getUTCDay() + 6) % 7
  const thursday = new Date(date.getTime() + (3 - weekday) * 86_400_000)
  const weekYear = thursday.getUTCFullYear()
  const firstThursday = new Date(Date.UTC(weekYear, 0, 4))
  const firstWeekday = (firstThursday.getUTCDay() + 6) % 7
  const weekOneMonday = firstThursday.getTime() - firstWeekday * 86_400_000
  return { weekYear, week: Math.floor((thursday.getTime() - weekOneMonday) / (7 * 86_400_000)) + 1 }
}
