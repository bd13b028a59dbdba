import { localParts } from '../domain/local-time'
import { maskPersonalInfo } from '../domain/privacy'
import { halfWidthDigitsAndLetters } from '../domain/text-width'

/**
 * Absolute local times as people read them in chat: 「11月23日 09:00」, with the year when it is not the
 * reference's year (「2027年1月3日 23:59」 for a deadline set in December): a date never leaves its year to be
 * guessed. Without a reference, no year.
 */
export function formatLocal(instant: Date, timeZone: string, reference?: Date): string {
  const p = localParts(instant, timeZone)
  const year = reference && localParts(reference, timeZone).year !== p.year ? `${p.year}年` : ''
  return `${year}${p.month}月${p.day}日 ${String(p.hour).padStart(2, '0')}:${String(p.minute).padStart(2, '0')}`
}

/** Ticket and record numbers as people type them: 'ts20261123-0001' or with spaces. */
export function normaliseCode(text: string): string | undefined {
  // A code typed in full width (「ＹＨ２０２６１１２３－０００１」) is the same code.
  const match = /\b(TS|YH|XC|DC|WT)\s*(\d{8})\s*[-－—]?\s*(\d{1,6})\b/i.exec(halfWidthDigitsAndLetters(text))
  if (!match) return undefined
  return `${match[1]?.toUpperCase()}${match[2]}-${match[3]?.padStart(4, '0')}`
}

/**
 * The first `max` characters of a text (whole characters, not UTF-16 halves), with 「…」 when cut. Phone and ID
 * numbers a citizen typed into a description are masked first: these lines are shown to staff.
 */
export function clip(text: string, max: number): string {
  const chars = [...maskPersonalInfo(text)]
  return chars.length > max ? `${chars.slice(0, max).join('')}…` : chars.join('')
}

/**
 * A complaint as staff read it in a list: its place before what was said when the words do not already name it,
 * the citizen's name, phone and ID numbers masked.
 */
export function complaintInWords(c: { locationText: string | null; description: string; citizenName: string | null }) {
  return maskPersonalInfo(
    c.locationText && !c.description.includes(c.locationText) ? `${c.locationText}，${c.description}` : c.description,
    c.citizenName,
  )
}
