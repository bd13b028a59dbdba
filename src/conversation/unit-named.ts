import { and, eq } from 'drizzle-orm'
import { people, units } from '../db/schema'
import type { Turn } from './types'

export interface NamedUnit {
  id: number
  name: string
  /** The words that named it (the full name, or the start of it that was said), to be taken out of a reason. */
  said: string
}

/**
 * The active unit the words name: a unit's full name inside them (the longest, 「市政建设总公司」 before any
 * shorter name within it), or the start of a name said alone (「市政」 for 市政建设总公司). Where the words are a
 * command's object (`leading`: 「转办 TS… 市政 属路面问题」), the start of a name at their start names it, with
 * a reason after it. A start that two units share names neither.
 */
export async function unitNamedIn(
  turn: Turn,
  words: string,
  options: { leading?: boolean; shortInSentence?: boolean } = {},
): Promise<NamedUnit | undefined> {
  const rows = await turn.ctx.db.select({ id: units.id, name: units.name, active: units.active }).from(units)
  const active = rows.filter((u) => u.active && u.name.length >= 2)
  const whole = active.filter((u) => words.includes(u.name)).sort((a, b) => b.name.length - a.name.length)[0]
  if (whole) return { id: whole.id, name: whole.name, said: whole.name }
  const spoken = words.replace(/^[\s，,：:给至到]+/, '')
  if (!options.leading) {
    const alone = active.filter((u) => spoken.length >= 2 && u.name.startsWith(spoken))
    if (alone.length === 1 && alone[0]) return { id: alone[0].id, name: alone[0].name, said: spoken }
    return options.shortInSentence ? shortNameIn(active, words) : undefined
  }
  let best: { id: number; name: string; said: string } | undefined
  let tied = false
  for (const unit of active) {
    const said = sharedStart(unit.name, spoken)
    if (said.length < 2) continue
    if (!best || said.length > best.said.length) {
      best = { id: unit.id, name: unit.name, said }
      tied = false
    } else if (said.length === best.said.length) tied = true
  }
  return tied ? undefined : best
}

/**
 * 「看一下市政的整改情况」「燃气办那边有几个超期」「市政公司最近表现怎么样」「去市政公司督查了」「去市政督查了」: the start of one unit’s
 * name inside words, where a possessive, what is asked after it, or a word for a unit of its kind follows (「市政的」
 * 「市政公司」, not the 市政 of 「市政设施」; 「燃气公司」 is a company, not 燃气办). Shared starts name neither.
 */
const AFTER_SHORT_NAME =
  /^(?:的|那边|这边|单位|最近|近期|本月|这个月|上个?月|今天|本周|这周|上周|还有|有几|有多少|整改|考核|得分|哪几|几天|几次|没(?:有)?巡|巡查了|巡了|督查|排(?:在)?第|排名|排(?:在)?哪|扣了|扣分|分数|多少分|几分)/
const UNIT_KIND = /^(?:总公司|公司|集团|局|处|办|科)/
/** 「督查了市政 带队陈科长」: a visit's verb before the short name, and the name ending there. */
const VISITED_BEFORE = /(?:督查|检查|抽查|暗访|查看)了?$/
const NAME_ENDS = /^(?:$|[\s，,。；;！!、]|的)/

export function unitByStartOfName<U extends { name: string }>(
  units: readonly U[],
  words: string,
): { unit: U; said: string } | undefined {
  const found: { unit: U; said: string }[] = []
  for (const unit of units)
    for (let length = unit.name.length - 1; length >= 2; length--) {
      const start = unit.name.slice(0, length)
      const at = words.indexOf(start)
      if (at < 0) continue
      const rest = words.slice(at + length)
      const kind = UNIT_KIND.exec(rest)?.[0]
      const visited = VISITED_BEFORE.test(words.slice(0, at)) && NAME_ENDS.test(rest)
      if (AFTER_SHORT_NAME.test(rest) || (kind && unit.name.includes(kind)) || visited) {
        found.push({ unit, said: start })
        break
      }
    }
  const [only, other] = found
  return only && !other ? only : undefined
}

function shortNameIn(active: readonly { id: number; name: string }[], words: string): NamedUnit | undefined {
  const found = unitByStartOfName(active, words)
  return found ? { id: found.unit.id, name: found.unit.name, said: found.said } : undefined
}

function sharedStart(a: string, b: string): string {
  let i = 0
  while (i < a.length && i < b.length && a[i] === b[i]) i++
  return a.slice(0, i)
}

/**
 * The reason said with a unit (「燃气办 属燃气管线问题」「给市政，路面归他们」): the words without the unit and the
 * filler around it; empty when only the unit was said (「交给市政建设总公司处理」).
 */
export function reasonBeside(words: string, said: string): string {
  return words
    .replace(said, '')
    .replace(/^[\s，,：:。；;给至到]*(?:处理|办理|整改|负责|去办|来办)?[\s，,：:。；;]*/, '')
    .replace(/^(?:原因|理由)[：:\s]*/, '')
    .trim()
}

/** The unit of the one active person whose name the words are (「李娜」), or nothing when none or several are. */
export async function unitOfPersonNamed(turn: Turn, words: string): Promise<{ id: number; name: string } | undefined> {
  const named = await turn.ctx.db
    .select({ id: units.id, name: units.name })
    .from(people)
    .innerJoin(units, eq(units.id, people.unitId))
    .where(and(eq(people.name, words.trim()), eq(people.active, true), eq(units.active, true)))
  return named.length === 1 ? named[0] : undefined
}
