import { halfWidthDigitsAndLetters } from '../domain/text-width'

/**
 * What a message says, without what does not show: zero-width and direction marks (copied text and some
 * keyboards carry them inside words, so 「巡\u200b查」 looked like no command), the ideographic space, digits
 * and letters typed in full-width mode, and the simple formatting tags some clients pass along (<b>巡查</b>).
 */
const INVISIBLE = /[\p{Cf}]/gu
const FORMATTING_TAG = /<\/?(?:b|i|u|em|strong|br|p|div|span|font|a)\b[^<>]{0,200}>/gi

export function plainText(text: string): string {
  return halfWidthDigitsAndLetters(
    text
      .replace(INVISIBLE, '')
      .replace(FORMATTING_TAG, ' ')
      .replace(/\u3000/g, ' '),
  )
}
