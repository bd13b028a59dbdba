/**
 * 「９点到１１点 ２人１车」: a Chinese input method in full-width mode types digits and Latin letters as their
 * full-width forms (U+FF10–U+FF5A), which every pattern would miss. Only those are mapped; full-width
 * punctuation (，：－) stays as the person typed it, and the patterns accept both.
 */
export function halfWidthDigitsAndLetters(text: string): string {
  return text.replace(/[\uFF10-\uFF19\uFF21-\uFF3A\uFF41-\uFF5A]/g, (c) =>
    String.fromCharCode(c.charCodeAt(0) - 0xfee0),
  )
}
