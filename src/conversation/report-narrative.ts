import { and, desc, eq, inArray, isNull } from 'drizzle-orm'
import { periodicReports } from '../db/schema'
import { REPORT_COMMAND_WORDS, REPORT_KIND_LABELS, type ReportKind } from '../domain/obligations'
import type { Actor } from '../domain/roles'
import { NARRATIVE_FIELDS, NARRATIVE_LABELS, type NarrativeField } from '../domain/signoff-lines'
import { renderReport } from '../services/reports'
import type { Turn } from './types'

/**
 * 「工作建议：……」, 「落实整改情况：……」, 「落实整改主要工作：……」: the unit edits a box of its open report before
 * confirming it. The newest unsubmitted report of the unit that has that box takes the text.
 */
export const NARRATIVE_COMMAND = /^(落实整改情况|落实整改主要工作|工作建议)\s*[:：]\s*([\s\S]+)$/

const FIELD_BY_LABEL = Object.fromEntries(
  Object.entries(NARRATIVE_LABELS).map(([field, label]) => [label, field as NarrativeField]),
) as Record<string, NarrativeField>

export async function editNarrative(turn: Turn, actor: Actor, match: RegExpExecArray): Promise<string> {
  const field = FIELD_BY_LABEL[match[1] ?? '']
  const value = (match[2] ?? '').trim().slice(0, 2000)
  if (!field || actor.unitId === null) return '只有填报单位的人员可以修改报表内容。'
  const kinds = (Object.keys(NARRATIVE_FIELDS) as (keyof typeof NARRATIVE_FIELDS)[]).filter((k) =>
    (NARRATIVE_FIELDS[k] as readonly string[]).includes(field),
  )
  const [report] = await turn.ctx.db
    .select()
    .from(periodicReports)
    .where(
      and(
        eq(periodicReports.unitId, actor.unitId),
        inArray(periodicReports.kind, kinds),
        isNull(periodicReports.submittedAt),
      ),
    )
    .orderBy(desc(periodicReports.periodStart))
    .limit(1)
  if (!report) return `您单位当前没有待上报、需要填写「${NARRATIVE_LABELS[field]}」的报表。`
  const [updated] = await turn.ctx.db
    .update(periodicReports)
    .set({ narrative: { ...(report.narrative ?? {}), [field]: value } })
    .where(and(eq(periodicReports.id, report.id), isNull(periodicReports.submittedAt)))
    .returning()
  if (updated) await renderReport(turn.ctx, turn.reportsDir, updated)
  const kind = report.kind as ReportKind
  return `已更新${REPORT_KIND_LABELS[kind]}（${report.periodStart} 起）的「${NARRATIVE_LABELS[field]}」：\n${value}\n核对无误后请发送「确认上报${REPORT_COMMAND_WORDS[kind]}」。`
}
