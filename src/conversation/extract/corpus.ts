import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import type { LabelledExample } from './evaluate'

/**
 * The independent labelled corpus (test/fixtures/extraction/corpus, how it was written: docs/EXTRACTION.md).
 * Lines are compact as they were typed by hand: `t` the message; for a patrol `day` (the day against 2026-11-23:
 * 0 that day, -1 the day before),
 * `start`/`end` (HH:MM), `area`, `staff`, `veh`, and `hz` — every hazard statement as
 * [category, "g"|"m", places]; for a complaint `cat`, `loc`, `phone`. A field left out is not scored.
 */
interface CorpusLine {
  t: string
  day?: number
  start?: string | null
  end?: string | null
  area?: string
  staff?: number
  veh?: number
  hz?: [string, 'g' | 'm', number][]
  cat?: string
  loc?: string
  phone?: string
}

export type Split = 'train' | 'dev' | 'test'

/**
 * Which split a message is in: a hash of the message under a fixed seed, so the split never changes as the
 * corpus grows and a message lands in the same split on every machine. About 60 / 20 / 20.
 */
export const SPLIT_SEED = 'xunan-extraction-2026-12'

export function splitOf(text: string, seed = SPLIT_SEED): Split {
  const bucket = createHash('sha256').update(`${seed}\n${text}`).digest().readUInt16BE(0) % 10
  return bucket < 6 ? 'train' : bucket < 8 ? 'dev' : 'test'
}

/** The labels the evaluation scores, from a corpus line. */
export function expectedOf(form: 'patrol' | 'complaint', line: CorpusLine): LabelledExample['expected'] {
  const expected: LabelledExample['expected'] = {}
  const put = (key: string, value: string | number | null | undefined) => {
    if (value !== undefined && value !== null) expected[key] = value
  }
  if (form === 'complaint') {
    put('category', line.cat)
    put('locationText', line.loc)
    put('phone', line.phone)
    return expected
  }
  put('day', line.day)
  put('start', line.start)
  put('end', line.end)
  put('area', line.area)
  put('staffCount', line.staff)
  put('vehicleCount', line.veh)
  if (line.hz) {
    // 发现隐患（处）as the report forms count it: a statement of two places is two.
    put(
      'hazardCount',
      line.hz.reduce((sum, [, , places]) => sum + places, 0),
    )
    if (line.hz.length > 0) {
      put('categories', distinctSorted(line.hz.map(([category]) => category)))
      put('level', line.hz.some(([, level]) => level === 'm') ? 'major' : 'general')
    }
  }
  return expected
}

export function distinctSorted(values: readonly string[]): string {
  return [...new Set(values)].sort().join(',')
}

export interface CorpusExample extends LabelledExample {
  split: Split
}

export function loadCorpus(form: 'patrol' | 'complaint', directory: URL): CorpusExample[] {
  return readFileSync(new URL(`${form}.jsonl`, directory), 'utf8')
    .split('\n')
    .filter((line) => line.trim())
    .map((raw) => {
      const line = JSON.parse(raw) as CorpusLine
      return { text: line.t, expected: expectedOf(form, line), split: splitOf(line.t) }
    })
}
