import { units } from '../db/schema'
import type { Turn } from './types'

/**
 * The active unit the words name: a unit's full name inside them (the longest, 「市政建设总公司」 before any
 * shorter name within it), or the start of a name said alone (「市政」 for 市政建设总公司).
 */
export async function unitNamedIn(turn: Turn, words: string): Promise<{ id: number; name: string } | undefined> {
  const rows = await turn.ctx.db.select({ id: units.id, name: units.name, active: units.active }).from(units)
  return rows
    .filter(
      (u) =>
        u.active && u.name.length >= 2 && (words.includes(u.name) || (words.length >= 2 && u.name.startsWith(words))),
    )
    .sort((a, b) => b.name.length - a.name.length)
    .map(({ id, name }) => ({ id, name }))[0]
}
