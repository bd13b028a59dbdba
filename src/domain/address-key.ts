import { parseChineseNumber } from './chinese-numbers'
import { halfWidthDigitsAndLetters } from './text-width'

/**
 * An address as two reports of the same spot would both give it: 「常德市武陵区人民路88号」 and 「人民路 88号附近」
 * are one place. Spaces and punctuation, the province and city in front, and a trailing 附近/门口/旁边 are
 * dropped, a number in words is a number, and a road's 路口 said any way is one (「朗州路路口」 is 「朗州路口」); 「人民路」 and 「人民路88号」 stay apart:
 * one is more exact.
 */
export function addressKey(address: string): string {
  return (
    halfWidthDigitsAndLetters(address)
      .replace(/[\s，,。.、；;：:“”"'‘’（）()【】]/g, '')
      // 「人民路八十八号」「三栋二单元」 are 人民路88号, 3栋2单元.
      .replace(/[零〇一二两三四五六七八九十百]+(?=号|栋|幢|单元|室)/g, (said) =>
        String(parseChineseNumber(said) ?? said),
      )
      .replace(/^(?:[\u4e00-\u9fa5]{2,6}?(?:省|自治区))?(?:[\u4e00-\u9fa5]{2,6}?市)?(?=.{2})/, '')
      .replace(/(?:的)?(?:附近|旁边|门口|一带|那边|这边|这里|那里|处)$/, '')
      // 「朗州路路口」「朗州路的路口」「朗州路十字路口」 are 朗州路口.
      .replace(/([路街道])(?:的)?(?:十字|交叉)?(?:路口|街口)$/, '$1口')
  )
}

/**
 * The same spot: the same address once normalised, or the same numbered address with a district, town or street
 * office in front of one of them (「武陵区人民路88号」 and 「人民路88号」) — never two places that only end alike
 * (「新区大道5号」 and 「东区大道5号」 differ before the district word).
 */
export function sameAddress(a: string | null | undefined, b: string | null | undefined): boolean {
  if (!a || !b) return false
  const left = addressKey(a)
  const right = addressKey(b)
  if (left.length < 2 || right.length < 2) return false
  if (left === right) return true
  const [longer, shorter] = left.length > right.length ? [left, right] : [right, left]
  if (shorter.length < 4 || !/[0-9]/.test(shorter) || !longer.endsWith(shorter)) return false
  const before = longer.slice(0, longer.length - shorter.length)
  return /^[\u4e00-\u9fa5]{2,12}(?:区|县|镇|乡|街道)$/.test(before)
}
