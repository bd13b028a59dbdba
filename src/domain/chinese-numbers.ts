/** Chinese numerals as people write them in chat: 两, 十二, 二十五, 一百零三, or digits. */
const DIGITS: Record<string, number> = {
  零: 0,
  〇: 0,
  一: 1,
  二: 2,
  两: 2,
  俩: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
}
const UNITS: Record<string, number> = { 十: 10, 百: 100 }

export const NUMBER_PATTERN = '[0-9]+|[零〇一二两俩三四五六七八九十百]+'

export function parseChineseNumber(text: string): number | undefined {
  if (/^[0-9]+$/.test(text)) return Number(text)
  let total = 0
  let current = 0
  let seen = false
  for (const char of text) {
    if (char in DIGITS) {
      current = DIGITS[char] ?? 0
      seen = true
    } else if (char in UNITS) {
      total += (current === 0 ? 1 : current) * (UNITS[char] ?? 1)
      current = 0
      seen = true
    } else {
      return undefined
    }
  }
  return seen ? total + current : undefined
}
