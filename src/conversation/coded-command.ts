import { halfWidthDigitsAndLetters } from '../domain/text-width'
import { normaliseCode } from './format'

/**
 * A one-message command about a record: a verb, the record's number and what follows
 * (「挂牌 YH20261123-0001 本级 多次反复」). Shared by the complaint, hazard and problem-list commands.
 */
export interface CodedCommand {
  verb: string
  code: string
  /** The words after the number, separators trimmed. */
  after: string
}

export function codedCommand(pattern: RegExp, prefix: 'TS' | 'YH' | 'WT', input: string): CodedCommand | undefined {
  const match = pattern.exec(input)
  if (!match) return undefined
  const rest = match[2] ?? ''
  const code = normaliseCode(rest)
  if (!code?.startsWith(prefix)) return undefined
  return { verb: match[1] ?? '', code, after: withoutCode(rest, prefix) }
}

/** The words around a record's number, the number (as normaliseCode reads it, full width too) taken out. */
export function withoutCode(text: string, prefix: 'TS' | 'YH' | 'WT'): string {
  return halfWidthDigitsAndLetters(text)
    .replace(new RegExp(`${prefix}\\s*\\d{8}\\s*[-－—]?\\s*\\d+`, 'i'), '')
    .replace(/^[\s，,：:]+/, '')
    .trim()
}
