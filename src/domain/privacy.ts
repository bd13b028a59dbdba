import { MOBILE_NUMBER } from './mobile-number'
import { halfWidthDigitsAndLetters } from './text-width'

/**
 * Citizens' personal data — names, mobile and landline numbers, ID card numbers — never appear where others
 * can see them: public Open311 answers, exports, digests, group posts, logs. This module is the one place
 * that masks them; everything that shows free text others may read goes through maskPersonalInfo.
 */
const MOBILE = new RegExp(MOBILE_NUMBER.source, 'g')
/** 18-digit resident ID (last may be X) and the old 15-digit form. */
const ID_CARD = /(?<![\dA-Za-z])(\d{6})(?:\d{8}|\d{5})(\d{3}[\dXx])(?![\dA-Za-z])/g
/** Landlines with an area code: 0736-7654321, (0736)7654321, 0736 7654321. */
const LANDLINE = /(?<!\d)(\(?0\d{2,3}\)?[\s-]?)\d{3,4}(\d{4})(?!\d)/g
/** A name introduced in the text itself: 我叫张三, 姓名：李四, 联系人王五, 举报人赵六. */
const INTRODUCED_NAME = /(我叫|本人|姓名[:：]?\s*|(?:联系|举报|投诉|反映|来电)人[:：]?\s*)([\u4e00-\u9fa5]{2,3})/g

export function maskPhone(text: string): string {
  return text.replace(MOBILE, '$1****$3').replace(LANDLINE, '$1****$2')
}

export function maskName(name: string): string {
  const chars = [...name.trim()]
  if (chars.length === 0) return ''
  return chars.length === 1 ? '*' : `${chars[0]}${'*'.repeat(chars.length - 1)}`
}

/**
 * Masks ID numbers, phone numbers, names the text introduces and, when known, the citizen's own name
 * wherever it appears.
 */
export function maskPersonalInfo(text: string, citizenName?: string | null): string {
  // A number typed in full width (「１３９１２３４５６７８」) is masked like any other.
  let out = halfWidthDigitsAndLetters(text)
    .replace(ID_CARD, (_m, head: string, tail: string) => `${head}********${tail}`)
    .replace(MOBILE, '$1****$3')
    .replace(LANDLINE, '$1****$2')
    .replace(INTRODUCED_NAME, (_m, lead: string, name: string) => `${lead}${maskName(name)}`)
  if (citizenName?.trim()) out = out.split(citizenName.trim()).join(maskName(citizenName))
  return out
}

/** The same, for an optional column. */
export function maskOptional(text: string | null | undefined, citizenName?: string | null): string | null {
  return text ? maskPersonalInfo(text, citizenName) : (text ?? null)
}
