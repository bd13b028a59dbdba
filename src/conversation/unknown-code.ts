import { eq } from 'drizzle-orm'
import type { Database } from '../db/client'
import { complaints, hazards, patrols, problemItems, supervisions } from '../db/schema'
import { normaliseCode } from './format'

/** Each kind of number people quote, and the table and column that hold it. */
const HOLDERS = {
  TS: [complaints, complaints.code],
  YH: [hazards, hazards.code],
  XC: [patrols, patrols.code],
  DC: [supervisions, supervisions.code],
  WT: [problemItems, problemItems.code],
} as const

/**
 * 「TS20261123-0009 已经电话通知施工单位停工了」 with a number no record has (a digit mistyped): the number, so the
 * person is told it is not found rather than that they were not understood. Undefined when no number is named or
 * the record exists.
 */
export async function codeNamedButMissing(db: Database, input: string): Promise<string | undefined> {
  const code = normaliseCode(input)
  if (!code) return undefined
  const [table, column] = HOLDERS[code.slice(0, 2) as keyof typeof HOLDERS]
  const found = await db.select({ code: column }).from(table).where(eq(column, code)).limit(1)
  return found.length === 0 ? code : undefined
}
