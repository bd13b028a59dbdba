import { formatRate } from './format'
import type { ReportContent } from './report-content'

/** The same report, short enough for a chat message. */
export function renderReportMarkdown(content: ReportContent): string {
  const t = content.totals
  const lines = [
    `## ${content.title}`,
    `${content.unitName} · ${content.periodLabel}`,
    `巡查 ${t.patrolCount} 次，出动 ${t.staffTurnouts} 人次、${t.vehicleTurnouts} 台次`,
    `发现隐患 ${t.hazardsFound} 项（一般 ${t.general.found}，重大 ${t.major.found}），已整改 ${t.hazardsRectified} 项，整改率 ${formatRate(t.rectificationRate)}，挂牌督办 ${t.listedSupervision} 项`,
  ]
  if (content.rows.length > 1) {
    lines.push(
      '',
      ...content.rows.map(
        (r) =>
          `- ${r.unit}：巡查 ${r.figures.patrolCount} 次，隐患 ${r.figures.hazardsFound} 项，整改率 ${formatRate(r.figures.rectificationRate)}`,
      ),
    )
  }
  if (content.supervision)
    lines.push(
      '',
      '**督查情况**',
      ...content.supervision.map(
        (s) =>
          `- ${s.unit}：督查 ${s.inspectionsDone}/${s.inspectionsRequired} 次；${s.reports.join('；') || '本季度尚无应报报表'}`,
      ),
    )
  if (content.scores) lines.push('', '**考核得分**', ...content.scores.map((s) => `- ${s.unit}：${s.score.score} 分`))
  return lines.join('\n')
}
