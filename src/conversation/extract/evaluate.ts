import { localDate, localParts } from '../../domain/local-time'
import { distinctSorted } from './corpus'
import type { ExtractedFields } from './fields'

/**
 * Field-level accuracy of an extractor against a labelled set. Each expected field counts once: right,
 * or wrong (missing counts as wrong). Place names match when one contains the other, since "柳叶湖大道"
 * and "柳叶湖大道沿线" name the same place for a ledger.
 */
export interface LabelledExample {
  text: string
  expected: Record<string, string | number>
}

export interface FieldScore {
  correct: number
  total: number
}

export interface EvaluationReport {
  accuracy: number
  fields: Record<string, FieldScore>
  misses: { text: string; field: string; expected: unknown; got: unknown }[]
}

type Flat = Record<string, string | number | undefined>

function hhmm(iso: string | undefined, timeZone: string): string | undefined {
  if (!iso) return undefined
  const p = localParts(new Date(iso), timeZone)
  return `${String(p.hour).padStart(2, '0')}:${String(p.minute).padStart(2, '0')}`
}

export function flattenPatrol(fields: ExtractedFields<'patrol'>, now: Date, timeZone: string): Flat {
  const first = fields.hazards?.[0]
  const day = fields.startedAt
    ? Math.round(
        (Date.parse(`${localDate(new Date(fields.startedAt), timeZone)}T00:00:00Z`) -
          Date.parse(`${localDate(now, timeZone)}T00:00:00Z`)) /
          86_400_000,
      )
    : undefined
  return {
    day,
    start: hhmm(fields.startedAt, timeZone),
    end: hhmm(fields.endedAt, timeZone),
    area: fields.area,
    staffCount: fields.staffCount,
    vehicleCount: fields.vehicleCount,
    hazards: fields.hazards?.length,
    category: first?.category,
    // As the corpus labels it: major when any statement is, general otherwise.
    level: fields.hazards?.length
      ? fields.hazards.some((h) => h.level === 'major')
        ? 'major'
        : (first?.level ?? 'general')
      : undefined,
    // The corpus scores the whole message: places found (发现隐患（处）), the domains named, any major one.
    hazardCount: fields.hazards?.reduce((sum, h) => sum + (h.count ?? 1), 0),
    categories: fields.hazards?.length ? distinctSorted(fields.hazards.map((h) => h.category ?? 'other')) : undefined,
  }
}

export function flattenComplaint(fields: ExtractedFields<'complaint'>): Flat {
  return {
    category: fields.category,
    locationText: fields.locationText,
    phone: fields.phone,
    description: fields.description,
  }
}

const PLACE_FIELDS = new Set(['area', 'locationText'])

/** A place read right: one contains the other, a list of places written with 、 or spaces alike. */
function samePlace(have: string, want: string): boolean {
  const listed = (place: string) => place.replace(/[、，,\s]+/g, '、')
  return listed(have).includes(listed(want)) || listed(want).includes(listed(have))
}

export function scoreExamples(examples: { example: LabelledExample; got: Flat }[]): EvaluationReport {
  const fields: Record<string, FieldScore> = {}
  const misses: EvaluationReport['misses'] = []
  let correct = 0
  let total = 0
  for (const { example, got } of examples) {
    const expected = { ...example.expected }
    // A message about today need not say so; "day" defaults to 0 whenever a start time is expected.
    if (expected.start !== undefined && expected.day === undefined) expected.day = 0
    for (const [field, want] of Object.entries(expected)) {
      const have = got[field]
      const ok =
        PLACE_FIELDS.has(field) && typeof have === 'string' && typeof want === 'string'
          ? samePlace(have, want)
          : have === want
      const score = fields[field] ?? { correct: 0, total: 0 }
      fields[field] = score
      score.total++
      total++
      if (ok) {
        score.correct++
        correct++
      } else {
        misses.push({ text: example.text, field, expected: want, got: have })
      }
    }
  }
  return { accuracy: total === 0 ? 0 : correct / total, fields, misses }
}

/** Which scored fields a guessed extraction field stands for: a guessed hazard list is all three of its fields. */
function scoredFieldsOf(unsureKey: string): string[] {
  if (unsureKey === 'hazards') return ['hazardCount', 'categories', 'level']
  if (unsureKey.startsWith('hazards.')) return ['categories']
  return [unsureKey]
}

export interface SummaryReport {
  messages: number
  /** Messages whose confirmed summary is right: every field right, or asked (a guess shown, or missing). */
  confirmedRight: number
  /** Messages with a field filled in without asking, and wrong. */
  silentlyWrong: number
  /** Fields asked for per message: guesses shown to confirm, and what the message did not say. */
  questionsPerMessage: number
  /** Of the fields filled without asking, the share that was right; of the guesses, the share that was right. */
  sureRight: FieldScore
  guessRight: FieldScore
}

/**
 * How often the summary a person confirms is right when guesses are asked about, not filled: the measure
 * that matters for the ledger, beside plain field accuracy.
 */
export function scoreSummaries(
  examples: { example: LabelledExample; got: Flat; unsure: readonly string[] }[],
): SummaryReport {
  let confirmedRight = 0
  let silentlyWrong = 0
  let questions = 0
  const sureRight = { correct: 0, total: 0 }
  const guessRight = { correct: 0, total: 0 }
  for (const { example, got, unsure } of examples) {
    const guessed = new Set(unsure.flatMap(scoredFieldsOf))
    const single = scoreExamples([{ example, got }])
    const wrong = new Set(single.misses.map((m) => m.field))
    let right = true
    for (const field of Object.keys(single.fields)) {
      const missing = got[field] === undefined
      if (missing || guessed.has(field)) {
        questions++
        if (guessed.has(field) && !missing) {
          guessRight.total++
          if (!wrong.has(field)) guessRight.correct++
        }
        continue
      }
      sureRight.total++
      if (wrong.has(field)) right = false
      else sureRight.correct++
    }
    if (right) confirmedRight++
    else silentlyWrong++
  }
  return {
    messages: examples.length,
    confirmedRight,
    silentlyWrong,
    questionsPerMessage: examples.length === 0 ? 0 : questions / examples.length,
    sureRight,
    guessRight,
  }
}
