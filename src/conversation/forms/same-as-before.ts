import { and, desc, eq, isNull } from 'drizzle-orm'
import type { Database } from '../../db/client'
import { patrols } from '../../db/schema'
import { localDate, localParts, zonedInstant } from '../../domain/local-time'

/**
 * 「和昨天一样」「同上」「跟上次一样」 said of a patrol: the route, the people and the turn-out of the person's last
 * daily patrol are this one's too. Its hours are offered for today (「开始时间是「…」吗？」), never filled in
 * silently; what was found and done is asked as always.
 */
export const SAME_AS_BEFORE =
  /同上|(?:和|跟|与|同)(?:昨天|上次|上回|前天|之前|以前|平时|往常|上一次)(?:的)?(?:一样|相同|一致|差不多)|同(?:昨天|上次|上回)|照旧|老样子|还是老路线/

/** 「井盖和昨天一样还是坏的」: a thing compared with before, not the patrol repeated. */
const COMPARED = /(?:一样|相同|差不多)(?:的)?(?:还是|仍然|依然|依旧|也是?|都)/

/** Whether a patrol's words say it repeats the last one. */
export function repeatsLastPatrol(said: string): boolean {
  return SAME_AS_BEFORE.test(said) && !COMPARED.test(said)
}

/** The same said alone (「同上」「今天的和昨天一样」): a patrol from those who patrol, the form started with it. */
export const SAME_PATROL_ALONE = new RegExp(
  `^(?:今天|今日)?(?:的)?(?:巡查)?(?:记录|情况)?(?:也|还是|都)?(?:${SAME_AS_BEFORE.source})(?:的)?(?:巡查)?(?:吧)?[。！!～~]*$`,
)

/** The fields a repeated patrol takes as they were. */
const REPEATED = ['area', 'patrollers', 'staffCount', 'vehicleCount', 'teamLeader', 'focus'] as const

export type LastPatrol = Pick<typeof patrols.$inferSelect, (typeof REPEATED)[number] | 'startedAt' | 'endedAt' | 'code'>

/** The person's latest daily patrol that still stands (a voided one is no model). */
export async function lastPatrolOf(db: Database, personId: number): Promise<LastPatrol | undefined> {
  const [last] = await db
    .select({
      code: patrols.code,
      area: patrols.area,
      patrollers: patrols.patrollers,
      staffCount: patrols.staffCount,
      vehicleCount: patrols.vehicleCount,
      teamLeader: patrols.teamLeader,
      focus: patrols.focus,
      startedAt: patrols.startedAt,
      endedAt: patrols.endedAt,
    })
    .from(patrols)
    .where(and(eq(patrols.reporterId, personId), eq(patrols.kind, 'daily'), isNull(patrols.voidedAt)))
    .orderBy(desc(patrols.startedAt))
    .limit(1)
  return last
}

/**
 * The draft values of a repeat of `last` (only those not said in this message), and its hours on `day` (today,
 * unless another was said) as guesses — none that would lie ahead of now.
 */
export function repeatOf(
  last: LastPatrol,
  draft: Record<string, unknown>,
  day: Date,
  now: Date,
  timeZone: string,
): { values: Record<string, unknown>; guesses: Record<string, string> } {
  const values: Record<string, unknown> = {}
  for (const key of REPEATED) {
    const value = last[key]
    if (draft[key] === undefined && value !== null && value !== '') values[key] = value
  }
  const guesses: Record<string, string> = {}
  if (draft.startedAt === undefined && draft.startedAtDay === undefined) {
    const date = localDate(day, timeZone)
    const sameHourToday = (at: Date) => {
      const { hour, minute } = localParts(at, timeZone)
      return zonedInstant(date, timeZone, hour, minute)
    }
    const start = sameHourToday(last.startedAt)
    const end = sameHourToday(last.endedAt)
    if (start.getTime() <= now.getTime()) guesses.startedAt = start.toISOString()
    if (start.getTime() <= now.getTime() && end.getTime() <= now.getTime() && end.getTime() > start.getTime())
      guesses.endedAt = end.toISOString()
  }
  return { values, guesses }
}
