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
  // (A danger with a place — 「人民路那个塌陷」 — must match too: the 人民路 manhole cover's complaint is not it.)
  const thing = WATCHED_THING.exec(input)?.[0] ?? DANGER_NAMED.exec(input)?.[0]
  if (!place && !thing) return []
  // 「滨湖路工地」 for a record at 「滨湖路在建工地门口」: a road with a word for any site on it names the road. (A number
  // or a name after the road — 「朗州路20号」 — still has to match.)
  const road = place ? GENERIC_TAIL.exec(place)?.[1] : undefined
  // 「燃气泄漏那个」 for a record of 「燃气管道漏气」: a danger is named by any of its words.
  const sameDanger = thing ? DANGER_WORDS.find((words) => words.test(thing)) : undefined
  return rows.filter((r) => {
    const said = `${r.locationText ?? ''}${r.description}`
    return (
      (!place || said.includes(place) || (road !== undefined && said.includes(road))) &&
      (!thing || said.includes(thing) || (sameDanger?.test(said) ?? false))
    )
  })
}
/** A word and the others that name the same danger (「泄漏」: 漏气, 燃气味…), for a search; the word alone otherwise. */
export function wordsForTheSame(word: string): string[] {
  const group = DANGER_WORDS.find((words) => words.test(word))
  return group ? [word, ...group.source.split('|').filter((w) => w !== word)] : [word]
}
/** The words for one danger, any of which names it. */
const DANGER_WORDS: readonly RegExp[] = [
  /漏气|泄漏|泄露|燃气味|煤气味|天然气味/,
  /塌陷|坍塌|倒塌|塌了|垮塌/,
  /裂缝|开裂|裂了|裂开/,
  /起火|着火|火灾|冒烟/,
  /触电|漏电/,
  /爆管|冒水|水管爆/,
]
/** A road (or street) followed only by a word that could be any site on it. */
const GENERIC_TAIL =
  /^([\u4e00-\u9fa5]{1,8}?(?:路|街|大道|巷|道))(?:上|边|旁|那边|这边|一带|附近|路段|段)?(?:的)?(?:工地|在建工地|小区|路口|门口|那个|这个)?$/

/**
 * 「塌陷那个」「那个漏气的」: a record named by the danger it is, with no place or thing — few are open at once, so the
 * word picks one out as a thing would.
 */
export const DANGER_NAMED = /塌陷|坍塌|倒塌|漏气|泄漏|爆管|冒水|裂缝|开裂|倾斜|沉降|起火|着火|火灾|触电|漏电/

/** Whether words name a place, a watched thing or a danger at all (「塔吊那个」「塌陷那个」), not only 「这个」. */
export function namesARecord(words: string): boolean {
  return Boolean(findPlace(words) || WATCHED_THING.test(words) || DANGER_NAMED.test(words))
}
