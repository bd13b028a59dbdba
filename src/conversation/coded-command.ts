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

/**
 * A message that begins with a record's number, its letters typed in half or full width — or with 「把」 before it
 * (「把YH… 验收一下」「请把TS… 转给燃气办」), which only puts the record first.
 */
const LEADING: Record<'TS' | 'YH', RegExp> = {
  TS: /^(?:(?:请|麻烦|帮我|帮忙)?(?:把|将)\s*)?()(\s*[TtＴｔ][SsＳｓ][\s\S]*)$/,
  YH: /^(?:(?:请|麻烦|帮我|帮忙)?(?:把|将)\s*)?()(\s*[YyＹｙ][HhＨｈ][\s\S]*)$/,
}

/**
 * A message that begins with a record's number and says something after it (「YH… 已经整改好了」「TS… 收到」):
 * the number and the words after it, for the caller to read as the command they mean.
 */
export function leadingCode(prefix: 'TS' | 'YH', input: string): CodedCommand | undefined {
  return codedCommand(LEADING[prefix], prefix, input)
}

/** The words around a record's number, the number (as normaliseCode reads it, full width too) taken out. */
export function withoutCode(text: string, prefix: 'TS' | 'YH' | 'WT'): string {
  return halfWidthDigitsAndLetters(text)
    .replace(new RegExp(`${prefix}\\s*\\d{8}\\s*[-－—]?\\s*\\d+`, 'i'), '')
    .replace(/^[\s，,：:]+/, '')
    .trim()
}

/**
 * 「让市政去处理」「叫燃气办来处理一下」「由道管处负责整改」 after a record's number: the unit named to handle it (a
 * complaint's 转办, a hazard's 改派), or nothing.
 */
const UNIT_TOLD =
  /^(?:让|叫|请|由|安排)([\u4e00-\u9fa5]{2,12}?)(?:去|来)?(?:处理|办理|负责|整改|管|修|跟进)(?:整改)?(?:一下|吧)?[。！!]*$/

export function unitToldToHandle(after: string): string | undefined {
  return UNIT_TOLD.exec(after)?.[1]
}

/** A record's number anywhere in a message, full width too (the pattern normaliseCode reads). */
const CODE_ANYWHERE: Record<'TS' | 'YH', RegExp> = {
  TS: /\bTS\s*\d{8}\s*[-－—]?\s*\d{1,6}\b/gi,
  YH: /\bYH\s*\d{8}\s*[-－—]?\s*\d{1,6}\b/gi,
}
/** What only points at the record before its number (「关于」「请把这个投诉」「投诉编号是」), not part of what is said. */
const POINTING_BEFORE =
  /(?:(?:关于|对于|针对|请把|麻烦把|帮我把|把|将)(?:这个|这件|这条|这项|该|那个)?(?:投诉|工单|单子|隐患)?|(?:这个|这件|这条|这项|该|那个)?(?:投诉|工单|单子|隐患)(?:的)?(?:编号|单号)?|编号|单号)(?:是|为)?[:：，,。\s]*$/
const POINTING_AHEAD = /^(?:关于|对于|针对)(?:这个|这件|这条|这项|该)?(?:投诉|工单|隐患)?[:：，,。\s]*/

/** Every number of that kind a message names, as normaliseCode writes it, each once. */
export function codesIn(prefix: 'TS' | 'YH', input: string): string[] {
  const text = halfWidthDigitsAndLetters(input)
  return [...new Set([...text.matchAll(CODE_ANYWHERE[prefix])].map((m) => normaliseCode(m[0]) ?? m[0]))]
}

/** 「YH…1和YH…2都整改好了」: the words besides the numbers and what joins them (「整改好了」). */
export function wordsBesideCodes(prefix: 'TS' | 'YH', input: string): string {
  return halfWidthDigitsAndLetters(input)
    .replace(CODE_ANYWHERE[prefix], ' ')
    .replace(/^[\s、，,和及与跟]+|(?<=^|\s)(?:和|及|以及|与|跟|、)(?=\s)/g, ' ')
    .replace(/^[\s、，,]*(?:都|均|全部|全都)?/, '')
    .replace(/\s+/g, ' ')
    .trim()
}

/**
 * 「收到 TS…」「申请延期 TS… 材料没到」「这个投诉不是我们的 是燃气公司的 TS…」: the same words with the record's number
 * put first, as leadingCode reads them — for a message with one number of that kind, not at its start (those are
 * leadingCode's own). The words that only point at the record are dropped.
 */
export function codeMovedFirst(prefix: 'TS' | 'YH', input: string): string | undefined {
  const text = halfWidthDigitsAndLetters(input).trim()
  const found = [...text.matchAll(CODE_ANYWHERE[prefix])]
  const [only] = found
  if (found.length !== 1 || !only || only.index === 0 || leadingCode(prefix, text)) return undefined
  const before = text
    .slice(0, only.index)
    .replace(POINTING_BEFORE, '')
    .replace(POINTING_AHEAD, '')
    .replace(/^[\s，,。：:]+|[\s，,。：:]+$/g, '')
  const after = text
    .slice(only.index + only[0].length)
    .replace(/^(?:的)?(?:投诉|工单|隐患)?[\s，,。：:]*/, '')
    .trim()
  const said = [before, after].filter(Boolean).join('，')
  return said ? `${normaliseCode(only[0])} ${said}` : undefined
}
