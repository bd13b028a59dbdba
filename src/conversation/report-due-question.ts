import { and, eq, inArray } from 'drizzle-orm'
import { periodicReports } from '../db/schema'
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
  // (「发个周报」「来个月报」: 个 after a verb of asking counts the report; so does 「发一下周报」's 一下.)
  [/(?:(?<=[发来出做写要给]个|[发给]一下)|(?<![上这本下每个]))周报(?![了过])/, 'weekly'],
  [/(?:(?<=[发来出做写要给]个|[发给]一下)|(?<![上这本下每个]))月报(?![了过])/, 'monthly'],
  [/(?:(?<=[发来出做写要给]个|[发给]一下)|(?<![上这本下每个]))季报(?![了过])/, 'quarterly'],
  [/通报/, 'bulletin'],
  [/统计表/, 'campaign'],
]
// (「周报谁来交」: who files it is said with when.)
const ASKS_WHEN =
  /什么时候|啥时候|几号|哪天|截止|期限|到期|要交|交吗|要报|报吗|要上报|上报吗|得交|谁(?:来|去|负责)?(?:交|报|填|上报|提交|写|做)/
/** 「本月统计表怎么填」「周报怎么报」: how it is filed, answered with when and the command that files it. */
const ASKS_HOW = /(?:怎么|如何|咋)(?:样)?(?:填|写|报|交|上报|提交|弄)/
/** 「月报出了吗」「周报交了没」「本月统计表填了没有」「哪个单位没交月报」: whether it has been filed. */
const ASKS_FILED =
  /出了|出来|生成|做好|弄好|写好|好了[吗没]|交了|报了|上报了|提交了|报上去|发了|交上去|填了|填好|填报了|(?:没|未|没有|还没)(?:交|报|上报|提交|填)/

/** Whether the words name one of the statutory reports (not 「上周报的」, which is 上周 and 报). */
/** The statutory report a message names (「周报」「统计表」), if any. */
export function reportKindNamed(input: string): AskedKind | undefined {
  return KINDS.find(([pattern]) => pattern.test(input))?.[1]
}

export function namesReport(input: string): boolean {
  return KINDS.some(([pattern]) => pattern.test(input)) || /报表/.test(input)
}

/** 「11月的月报」「上周周报」: a report named with its period, and nothing else — where it stands. */
const NAMED_ALONE =
  /^(?:[0-9一二三四五六七八九十]{1,2}月|本月|这个?月|上个?月|本周|这周|上周|本季度?|这个?季度|上个?季度)?(?:的|份)?(?:月报|周报|季报|统计表|通报)(?:呢|吧)?[？?。]*$/

export function reportDueAskedFor(input: string): AskedKind | undefined {
  if ([...input].length > 30) return undefined
  // 「哪些单位还没交附件4」: 附件4 is the monthly (and quarterly) report of the hazard ledger.
  const kind =
    KINDS.find(([pattern]) => pattern.test(input))?.[1] ?? (/附件\s*[4四]/.test(input) ? 'monthly' : undefined)
  // 「月报在哪里看」 asks where the forms are, which the reports page answers.
  // Only when it is due: 「月报里的工作建议怎么写」 asks something else.
  if (!kind || /哪里|在哪|哪儿|下载|查看|怎么看/.test(input)) return undefined
  // 「收到督查通报了」 acknowledges a notice received (通报了 had read as whether it was filed).
  if (/^(?:已经?|我们)?(?:收到|接到|看到)/.test(input)) return undefined
  // 「月报里的工作建议怎么写」 asks about a box of the form, which has its own answer.
  const howFiled = ASKS_HOW.test(input) && !/工作建议|落实整改|整改情况|签字/.test(input)
  return ASKS_WHEN.test(input) || ASKS_FILED.test(input) || howFiled || NAMED_ALONE.test(input) ? kind : undefined
}

/**
 * When the report is due and whether it was filed: the person's unit's, or — for someone whose unit does not
 * owe it and who oversees (`overview`: leaders, supervisors, the duty officer) — every owing unit's last one.
 */
export async function describeReportDue(
  turn: Turn,
  kind: AskedKind,
  unitId: number | null,
  overview = false,
): Promise<string> {
  const { db, clock, timeZone } = turn.ctx
  const now = clock.now()
  const today = localDate(now, timeZone)
  const [calendar, units] = await Promise.all([turn.ctx.calendar.get(), reportingUnits(db)])
  const label = REPORT_KIND_LABELS[kind]
  const unit = units.find((u) => u.id === unitId)
  const owes = unit !== undefined && owesReport(kind, unit)
  if (unit && !owes && !overview) return `${unit.name}不需要上报${label}。${WHO_OWES[kind]}`
  const current = obligationFor(kind, unitId ?? 0, today, calendar, timeZone)
  const previous = obligationFor(kind, unitId ?? 0, addDays(current.period.start, -1), calendar, timeZone)
  // The campaign's table has figures the unit enters itself: filled in first (填报), then filed.
  const fill = kind === 'campaign' ? '填写请发送「填报统计表」逐项填写，' : ''
  const how = `${WHO_OWES[kind]}${fill}上报请发送「上报${REPORT_COMMAND_WORDS[kind]}」，或在管理后台「报表」页查看和填报；到期前会在这里提醒。`
  // No unit of one's own that owes it (a leader, the duty officer): who has filed the last period's, who not.
  if (!unit || !owes) {
    const next = `${current.period.label}的${label}：${formatLocal(current.dueAt, timeZone, now)} 前上报。`
    return [await filedByUnits(turn, kind, previous, units), next, how].join('\n')
  }
  const states = await reportStates(turn, kind, [unit.id], [previous.period.start, current.period.start])
  const lines = [previous, current]
    // The period before is shown while it is still due, or when it is late and not filed.
    .filter(
      (o, i) => i === 1 || o.dueAt.getTime() >= now.getTime() || !states.get(`${unit.id}:${o.period.start}`)?.filedAt,
    )
    .map((o) => {
      const report = states.get(`${unit.id}:${o.period.start}`)
      const state = report?.filedAt
        ? `已于 ${formatLocal(report.filedAt, timeZone, now)} 上报`
        : report
          ? `已确认，待签字后自动上报（应于 ${formatLocal(o.dueAt, timeZone, now)} 前）`
          : o.dueAt.getTime() < now.getTime()
            ? `应于 ${formatLocal(o.dueAt, timeZone, now)} 前上报，已逾期未上报`
            : `${formatLocal(o.dueAt, timeZone, now)} 前上报${o.provisional ? '（节假日安排未录入，以实际工作日为准）' : ''}`
      return `${o.period.label}的${label}：${state}`
    })
  return [...lines, how].join('\n')
}

/**
 * Where each unit's report for each period stands (key 「unitId:periodStart」): filed (when), or confirmed
 * (确认上报) and waiting for a signature. Periods with no report, or one not yet confirmed, are absent.
 */
async function reportStates(
  turn: Turn,
  kind: AskedKind,
  unitIds: number[],
  periodStarts: string[],
): Promise<Map<string, { filedAt: Date | null }>> {
  if (unitIds.length === 0) return new Map()
  const rows = await turn.ctx.db
    .select({
      unitId: periodicReports.unitId,
      periodStart: periodicReports.periodStart,
      filedAt: periodicReports.submittedAt,
      confirmedById: periodicReports.confirmedById,
    })
    .from(periodicReports)
    .where(
      and(
        eq(periodicReports.kind, kind),
        inArray(periodicReports.unitId, unitIds),
        inArray(periodicReports.periodStart, periodStarts),
      ),
    )
  return new Map(
    rows
      .filter((r) => r.filedAt !== null || r.confirmedById !== null)
      .map((r) => [`${r.unitId}:${r.periodStart}`, { filedAt: r.filedAt }]),
  )
}

/** When each unit's report for each period was filed (key 「unitId:periodStart」). */
async function filedOf(
  turn: Turn,
  kind: AskedKind,
  unitIds: number[],
  periodStarts: string[],
): Promise<Map<string, Date>> {
  const states = await reportStates(turn, kind, unitIds, periodStarts)
  return new Map([...states].flatMap(([key, state]) => (state.filedAt ? [[key, state.filedAt] as const] : [])))
}

/** The last period's report across the units that owe it: how many have filed, and which have not. */
async function filedByUnits(
  turn: Turn,
  kind: AskedKind,
  last: ReturnType<typeof obligationFor>,
  units: Awaited<ReturnType<typeof reportingUnits>>,
): Promise<string> {
  const { timeZone, clock } = turn.ctx
  const now = clock.now()
  const owing = units.filter((u) => owesReport(kind, u))
  const label = REPORT_KIND_LABELS[kind]
  if (owing.length === 0) return `目前没有需要上报${label}的单位。`
  const filed = await filedOf(
    turn,
    kind,
    owing.map((u) => u.id),
    [last.period.start],
  )
  const missing = owing.filter((u) => !filed.has(`${u.id}:${last.period.start}`))
  const due = `${formatLocal(last.dueAt, timeZone, now)} ${last.dueAt.getTime() < now.getTime() ? '到期' : '前上报'}`
  const head = `${last.period.label}的${label}（${due}）：应报 ${owing.length} 个单位，已上报 ${owing.length - missing.length} 个`
  return missing.length === 0 ? `${head}，已全部上报。` : `${head}；未上报：${missing.map((u) => u.name).join('、')}。`
}

const WHO_OWES: Record<AskedKind, string> = {
  weekly: '周报由各巡查单位在每周结束后1个工作日内上报。',
  monthly: '月报由有督查任务的单位在每月结束后5个工作日内上报。',
  quarterly: '季报由有督查任务的单位在每季度结束后5个工作日内上报。',
  bulletin: '季度通报由牵头科室上报。',
  campaign: '专项整治统计表由参加专项整治的单位每月18日前上报上月情况。',
}

/** Who owes each statutory report and when, for someone with no unit of their own (「报表什么时候交」). */
export function whoOwesEachReport(): string {
  return `各报表的上报时间：\n${Object.values(WHO_OWES)
    .map((line) => `· ${line}`)
    .join('\n')}\n各单位的上报情况可问「上周哪些单位没交周报」，或在管理后台「报表」页查看。`
}
