import { ESCALATION_LEVEL_LABELS, type EscalationLevel } from '../domain/complaint-sla'
import { formatRate } from './format'

/** The leaders' morning digest as markdown; all figures come from SQL, never from an LLM. */
export interface DigestData {
  dateLabel: string
  patrols: { count: number; staff: number; vehicles: number }
  hazards: {
    found: number
    closed: number
    overdueByUnit: { unit: string; count: number }[]
    openMajor: { code: string; unit: string; description: string }[]
  }
  complaints: {
    received: number
    dueYesterday: number
    handledInTime: number
    late: { code: string; unit: string; description: string }[]
  }
  escalations: { code: string; level: number; notifiedAt: string; ackAt: string | null; age?: string }[]
  summaryLine?: string
}

export function renderDigest(d: DigestData): string {
  const attention: string[] = []
  if (d.complaints.late.length > 0) attention.push(`${d.complaints.late.length} 件投诉超时`)
  const overdue = d.hazards.overdueByUnit.reduce((n, u) => n + u.count, 0)
  if (overdue > 0) attention.push(`${overdue} 项隐患超期未整改`)
  if (d.hazards.openMajor.length > 0) attention.push(`${d.hazards.openMajor.length} 项重大隐患未销号`)
  const unacked = d.escalations.filter((e) => !e.ackAt).length
  if (unacked > 0) attention.push(`${unacked} 条升级提醒未确认`)
  const lines = [
    `## 巡安日报 ${d.dateLabel}`,
    `> 需关注：${attention.length > 0 ? attention.join('，') : '无'}`,
    ...(d.summaryLine ? [`> ${d.summaryLine}`] : []),
    '',
    `**巡查**：${d.patrols.count} 次，出动 ${d.patrols.staff} 人次、${d.patrols.vehicles} 台次`,
    `**隐患**：新发现 ${d.hazards.found} 项，销号 ${d.hazards.closed} 项，超期 ${overdue} 项`,
    ...d.hazards.overdueByUnit.map((u) => `- ${u.unit}：超期 ${u.count} 项`),
    `**投诉**：受理 ${d.complaints.received} 件；昨日到期 ${d.complaints.dueYesterday} 件，1日内办结 ${d.complaints.handledInTime} 件（${formatRate(d.complaints.dueYesterday === 0 ? null : d.complaints.handledInTime / d.complaints.dueYesterday)}）`,
    ...d.complaints.late.map((c) => `- 超时 ${c.code}（${c.unit}）${c.description}`),
  ]
  if (d.hazards.openMajor.length > 0) {
    lines.push('**未销号重大隐患**：', ...d.hazards.openMajor.map((h) => `- ${h.code}（${h.unit}）${h.description}`))
  }
  if (d.escalations.length > 0) {
    lines.push(
      '**超时升级**：',
      ...d.escalations.map(
        (e) =>
          `- ${e.code} → ${ESCALATION_LEVEL_LABELS[e.level as EscalationLevel] ?? e.level} ${e.notifiedAt}，${e.ackAt ? `${e.ackAt} 确认，待办结` : '未确认'}${e.age ? `（已升级 ${e.age}）` : ''}`,
      ),
    )
  }
  return lines.join('\n')
}
