import { findPlace } from './extract/place'
import { WATCHED_THING } from './extract/watched-things'

/**
 * The records (complaints or hazards) whose place and watched thing the words name — 「人民路那个路灯」,
 * 「朗州路护栏」 — so a person can speak of one in hand without its number. Every one of place and thing that
 * the words name must match; words that name neither name no record.
 */
export function recordsNamed<R extends { description: string; locationText: string | null }>(
  rows: readonly R[],
  input: string,
): R[] {
  const place = findPlace(input)?.replace(/的$/, '')
  const thing = WATCHED_THING.exec(input)?.[0]
  if (!place && !thing) return []
  return rows.filter((r) => {
    const said = `${r.locationText ?? ''}${r.description}`
    return (!place || said.includes(place)) && (!thing || said.includes(thing))
  })
}

/** Whether words name a place or a watched thing at all (「塔吊那个」), not only 「这个」. */
export function namesARecord(words: string): boolean {
  return Boolean(findPlace(words) || WATCHED_THING.test(words))
}
