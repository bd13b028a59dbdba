import { inArray } from 'drizzle-orm'
import type { Database } from '../../db/client'
import { people } from '../../db/schema'
import { ROLE_LABELS, type Role } from '../../domain/roles'

/**
 * Who did a step, as people read it: 「李娜（单位经办人）」, or 「系统」 for the scheduler — never the internal
 * role code. One query for a whole timeline.
 */
export async function actorLabeller(
  db: Database,
  events: readonly { actorId: number | null; actorRole: string }[],
): Promise<(event: { actorId: number | null; actorRole: string }) => string> {
  const ids = [...new Set(events.map((e) => e.actorId).filter((id): id is number => id !== null))]
  const names = new Map(
    ids.length
      ? (await db.select({ id: people.id, name: people.name }).from(people).where(inArray(people.id, ids))).map(
          (p) => [p.id, p.name] as const,
        )
      : [],
  )
  return (event) => {
    if (event.actorRole === 'system') return '系统'
    const role = ROLE_LABELS[event.actorRole as Role] ?? '其他'
    const name = event.actorId === null ? undefined : names.get(event.actorId)
    return name ? `${name}（${role}）` : role
  }
}
