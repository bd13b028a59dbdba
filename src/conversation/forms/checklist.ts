import type { FieldDefinition, FormDefinition } from '../../../bots/forms'
import { type ChecklistItem, PATROL_CHECKLIST } from '../../../bots/patrol-checklist'

/**
 * The patrol team's checklist in chat: one question per item, and answers that settle many at once —
 * 「其余符合」 (every item not yet answered) or 「本节不适用」 (the rest of the current section) — so a team does
 * not type 72 replies for a town where most items do not apply.
 */
const REST = /^(?:其余|剩余|余下|以下|其他)(?:各项|项目|的)?(?:均|全部|都)?(符合|不适用)$/
const SECTION = /^本(?:节|部分)(?:各项|剩余|其余)?(?:均|全部|都)?(符合|不适用)$/

export function checklistItemOf(field: FieldDefinition): ChecklistItem | undefined {
  if (field.type !== 'check') return undefined
  const id = field.key.replace(/^check_/, '').replaceAll('_', '.')
  return PATROL_CHECKLIST.find((item) => item.id === id)
}

/** The answers a bulk reply gives, or undefined when the reply is about the one item. */
export function bulkChecklistAnswer(
  form: FormDefinition,
  draft: Record<string, unknown>,
  field: FieldDefinition,
  input: string,
): Record<string, unknown> | undefined {
  const text = input.trim()
  const rest = REST.exec(text)
  const section = SECTION.exec(text)
  const word = rest?.[1] ?? section?.[1]
  if (!word) return undefined
  const current = checklistItemOf(field)
  const verdict = word === '符合' ? 'pass' : 'na'
  const values: Record<string, unknown> = {}
  for (const f of form.fields) {
    if (f.type !== 'check' || draft[f.key] !== undefined) continue
    if (section && checklistItemOf(f)?.section !== current?.section) continue
    values[f.key] = { verdict }
  }
  return values
}

export interface CheckAnswer {
  verdict: 'pass' | 'fail' | 'na'
  note?: string
  /** Photos sent right after answering 不符合. */
  mediaIds?: number[]
}

/** The checklist as the summary shows it: counts, and each 不符合 with its problem. */
export function checklistSummary(form: FormDefinition, draft: Record<string, unknown>): string | undefined {
  const checks = form.fields.filter((f) => f.type === 'check')
  if (checks.length === 0) return undefined
  const answers = checks.map((f) => ({ item: checklistItemOf(f), answer: draft[f.key] as CheckAnswer | undefined }))
  const count = (v: CheckAnswer['verdict']) => answers.filter((a) => a.answer?.verdict === v).length
  const failed = answers.filter((a) => a.answer?.verdict === 'fail')
  return [
    `检查表（${checks.length}项）：符合 ${count('pass')} 项，不符合 ${count('fail')} 项，不适用 ${count('na')} 项`,
    ...failed.map(
      (a) =>
        `  · ${a.item?.id} ${a.item?.topic}：${a.answer?.note || a.item?.text}${a.answer?.mediaIds?.length ? `（照片${a.answer.mediaIds.length}张）` : ''}`,
    ),
  ].join('\n')
}
