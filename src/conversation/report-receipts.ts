import { RuleViolation } from '../domain/errors'
import { REPORT_KIND_LABELS, type ReportKind } from '../domain/obligations'
import type { PersonRow } from '../services/identities'
import { receivePending, receiveReport } from '../services/report-receipts'
import { cardUpdate, text } from './reply'
import type { Reply, Turn } from './types'

/**
 * 安监科 confirms receipt of the supervising units' monthly and quarterly reports: the card's 确认收到 button
 * (one report) or 「收到报表」 (every report waiting).
 */
export async function receiveTyped(turn: Turn, person: PersonRow): Promise<Reply[]> {
  try {
    const received = await receivePending(turn.ctx, person)
    if (received.length === 0) return [text('暂无待确认收到的月、季报表。')]
    return [
      text(
        `已确认收到 ${received.length} 份报表：\n${received
          .map((r) => `· ${REPORT_KIND_LABELS[r.kind as ReportKind]}（${r.periodStart} 至 ${r.periodEnd}）`)
          .join('\n')}`,
      ),
    ]
  } catch (error) {
    if (error instanceof RuleViolation) return [text(error.message)]
    throw error
  }
}

export async function receiveByCard(turn: Turn, person: PersonRow, reportId: number): Promise<Reply[]> {
  try {
    const { report, already } = await receiveReport(turn.ctx, reportId, person)
    const what = `${REPORT_KIND_LABELS[report.kind as ReportKind]}（${report.periodStart} 至 ${report.periodEnd}）`
    return [text(already ? `${what}已确认收到，无需重复确认。` : `已确认收到${what}。`), ...cardUpdate(turn, '已收到')]
  } catch (error) {
    if (error instanceof RuleViolation) return [text(error.message)]
    throw error
  }
}
