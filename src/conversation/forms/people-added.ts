import { peopleIn } from './answers'

/**
 * 「加一个巡查人员李四」「还有李四」「漏了王五」「李四也去了」 at a patrol's summary: people added to those who went — not
 * who went instead (extraction had read the name as the whole patrol, one person).
 */
const ADDED_BEFORE =
  /^(?:再|还要|另外)?(?:加|添加|增加|加上|补上|补充|还有|漏了|少了|忘了(?:写|加|填)?)(?:一下)?(?:一个|一名|一位|两个|两名|个|名|位)?(?:巡查)?(?:人员|人|同事|队员|组员)?[:：\s]*(.+?)[。！!]*$/
const ADDED_AFTER = /^(.+?)(?:也去了|也参加了|也一起去了|也在)[。！!]*$/

/** The names added, when that is all the words say; undefined otherwise. */
export function peopleAdded(input: string): string[] | undefined {
  const said = ADDED_BEFORE.exec(input.trim())?.[1] ?? ADDED_AFTER.exec(input.trim())?.[1]
  return said ? peopleIn(said) : undefined
}

/** Those who went, with the people added after them (each once, in the order said). */
export function withPeopleAdded(current: string | undefined, added: readonly string[]): string[] {
  const already = (current ?? '').split(/[、，,\s]+/).filter(Boolean)
  return [...new Set([...already, ...added])]
}
