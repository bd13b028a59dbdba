import { sql } from 'drizzle-orm'
import type { Database } from '../db/client'
import { rowsOf } from '../db/client'
import { localDate } from '../domain/local-time'

/** Prefixes of the human-readable numbers people quote in chat: 隐患 YH, 投诉 TS, 巡查 XC, 督查 DC, 问题 WT. */
export const CODE_PREFIXES = { hazard: 'YH', complaint: 'TS', patrol: 'XC', supervision: 'DC', problem: 'WT' } as const

/**
 * The next number of the day, e.g. TS20261123-0007. One upsert per number keeps it unique across
 * replicas without a table lock.
 */
export async function nextCode(
  db: Database,
  kind: keyof typeof CODE_PREFIXES,
  at: Date,
  timeZone: string,
): Promise<string> {
  const prefix = CODE_PREFIXES[kind]
  const day = localDate(at, timeZone).replaceAll('-', '')
  const result = await db.execute<{ last: number }>(sql`
    insert into code_counters (prefix, day, last) values (${prefix}, ${day}, 1)
    on conflict (prefix, day) do update set last = code_counters.last + 1
    returning last`)
  const last = Number(rowsOf<{ last: number }>(result)[0]?.last)
  return `${prefix}${day}-${String(last).padStart(4, '0')}`
}
