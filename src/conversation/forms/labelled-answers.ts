import type { FieldDefinition } from '../../../bots/forms'
import { type AnswerContext, parseAnswer } from './answers'

/**
 * 「组长陈刚 组员王强、李娜」「被巡查单位：丹阳街道 开始时间：12月1日」: several answers given at once, each after its
 * box's label — each kept in its box, as a paper form is filled in. Only for forms read box by box (no extraction
 * reads their free text), and only when every labelled part is a valid answer to its box: anything else is left to
 * the question's own reading.
 */

/** Other words for a box's label that people write on forms. */
const ALIASES: Readonly<Record<string, readonly string[]>> = {
  teamLeader: ['带队人', '带队'],
  members: ['成员', '组成人员'],
  teamName: ['组名'],
  target: ['被检查单位', '巡查对象'],
}

/** Labels too long or too loose to be written before an answer (a checklist item's whole text). */
const MAX_LABEL = 8

function labelsOf(field: FieldDefinition): string[] {
  // (A part of a label with a slash — 「乡镇」 of 「被巡查单位/乡镇」 — is too common a word to begin an answer's label.)
  const parts = field.label.split('/')
  const own = parts.filter((label) => label.length >= (parts.length > 1 ? 3 : 2) && label.length <= MAX_LABEL)
  return [...own, ...(ALIASES[field.key] ?? [])]
}

function escaped(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}

export function labelledAnswers(
  fields: readonly FieldDefinition[],
  input: string,
  answers: AnswerContext,
): Record<string, unknown> | undefined {
  const labelled = fields
    .filter((field) => field.type !== 'check')
    .flatMap((field) => labelsOf(field).map((label) => ({ label, field })))
    .sort((a, b) => b.label.length - a.label.length)
  if (labelled.length === 0) return undefined
  // A label begins the message or follows a break, and may be followed by a colon or 是 / 为.
  const pattern = new RegExp(
    `(?:^|(?<=[\\s，,；;。]))(${labelled.map((l) => escaped(l.label)).join('|')})\\s*(?:[:：]|是|为)?\\s*`,
    'g',
  )
  const found = [...input.matchAll(pattern)]
  if (found.length === 0 || found[0]?.index !== 0) return undefined
  const values: Record<string, unknown> = {}
  for (const [i, match] of found.entries()) {
    const field = labelled.find((l) => l.label === match[1])?.field
    const start = (match.index ?? 0) + match[0].length
    const end = found[i + 1]?.index ?? input.length
    const said = input.slice(start, end).replace(/[\s，,；;。]+$/, '')
    if (!field || !said || field.key in values) return undefined
    const parsed = parseAnswer(field, said, answers)
    if (!parsed.ok) return undefined
    Object.assign(values, parsed.values)
  }
  return values
}
