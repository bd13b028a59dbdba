import { addDays, localDate } from '../domain/local-time'
import {
  obligationFor,
  owesReport,
  REPORT_COMMAND_WORDS,
  REPORT_KIND_LABELS,
  type ReportKind,
} from '../domain/obligations'
import { reportingUnits } from '../services/supervision-assignments'
import { formatLocal } from './format'
import type { Turn } from './types'

/**
 * 「月报什么时候交」「下周一要交周报吗」「统计表几号截止」: when a statutory report is due — the one for the period
 * just ended while it is still owed, and the one for this period — and whether the person's unit owes it at all.
 */
type AskedKind = Exclude<ReportKind, 'daily'>
// 「上周报的隐患」「这个月报了几个」 are 上周 and 这个月 followed by 报 (filed): no report named there.
const KINDS: readonly [RegExp, AskedKind][] = [
  [/(?<![上这本下每个])周报(?![了过])/, 'weekly'],
  [/(?<![上这本下每个])月报(?![了过])/, 'monthly'],
  [/(?<![上这本下每个])季报(?![了过])/, 'quarterly'],
  [/通报/, 'bulletin'],
  [/统计表/, 'campaign'],
]
const ASKS_WHEN = /什么时候|啥时候|几号|哪天|截止|期限|到期|要交|交吗|要报|报吗|要上报|上报吗|得交/

/** Whether the words name one of the statutory reports (not 「上周报的」, which is 上周 and 报). */
export function namesReport(input: string): boolean {
  return KINDS.some(([pattern]) => pattern.test(input)) || /报表/.test(input)
}

export function reportDueAskedFor(input: string): AskedKind | undefined {
  if ([...input].length > 30) return undefined
  const kind = KINDS.find(([pattern]) => pattern.test(input))?.[1]
  // 「月报在哪里看」 asks where the forms are, which the reports page answers.
  // Only when it is due: 「月报里的工作建议怎么写」 asks something else.
  if (!kind || /哪里|在哪|哪儿|下载|查看|怎么看/.test(input) || !ASKS_WHEN.test(input)) return undefined
  return kind
}

export async function describeReportDue(turn: Turn, kind: AskedKind, unitId: number | null): Promise<string> {
  const { db, clock, timeZone } = turn.ctx
  const now = clock.now()
  const today = localDate(now, timeZone)
  const [calendar, units] = await Promise.all([turn.ctx.calendar.get(), reportingUnits(db)])
  const label = REPORT_KIND_LABELS[kind]
  const unit = units.find((u) => u.id === unitId)
  if (unit && !owesReport(kind, unit)) return `${unit.name}不需要上报${label}。${WHO_OWES[kind]}`
  const current = obligationFor(kind, unitId ?? 0, today, calendar, timeZone)
  const previous = obligationFor(kind, unitId ?? 0, addDays(current.period.start, -1), calendar, timeZone)
  const lines = [previous, current]
    .filter((o, i) => i === 1 || o.dueAt.getTime() >= now.getTime())
    .map(
      (o) =>
        `${o.period.label}的${label}：${formatLocal(o.dueAt, timeZone, now)} 前上报${o.provisional ? '（节假日安排未录入，以实际工作日为准）' : ''}`,
    )
  return [
    ...lines,
    `${WHO_OWES[kind]}上报请发送「上报${REPORT_COMMAND_WORDS[kind]}」，或在管理后台「报表」页查看和填报；到期前会在这里提醒。`,
  ].join('\n')
}

const WHO_OWES: Record<AskedKind, string> = {
  weekly: '周报由各巡查单位在每周结束后1个工作日内上报。',
  monthly: '月报由有督查任务的单位在每月结束后5个工作日内上报。',
  quarterly: '季报由有督查任务的单位在每季度结束后5个工作日内上报。',
  bulletin: '季度通报由牵头科室上报。',
  campaign: '专项整治统计表由参加专项整治的单位每月18日前上报上月情况。',
}
