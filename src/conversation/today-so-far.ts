import { and, asc, gte, lte } from 'drizzle-orm'
import { complaints } from '../db/schema'
import { CATEGORY_LABELS } from '../domain/categories'
import { dangerIn } from '../domain/danger'
import { localDate } from '../domain/local-time'
import { periodOfDate } from '../domain/periods'
import { maskPersonalInfo } from '../domain/privacy'
import type { ServiceContext } from '../services/context'
import { periodFigures } from '../services/figures'
import { formatLocal } from './format'

/** The danger reports listed at most; the rest are counted. */
const DANGER_LISTED = 5

/**
 * 「今天有什么情况」「有紧急情况吗」 asked during the day: what has come in since midnight, put before yesterday's
 * digest (which the morning job sends and which says nothing of today). Citizens' reports of danger (a gas
 * smell, a collapse, someone trapped) are listed by number, masked; everything else is counted.
 */
export async function describeTodaySoFar(ctx: ServiceContext): Promise<string> {
  const now = ctx.clock.now()
  const today = periodOfDate('day', localDate(now, ctx.timeZone), ctx.timeZone)
  const [figures, received] = await Promise.all([
    periodFigures(ctx.db, today),
    ctx.db
      .select({
        code: complaints.code,
        category: complaints.category,
        description: complaints.description,
        locationText: complaints.locationText,
        citizenName: complaints.citizenName,
        status: complaints.status,
      })
      .from(complaints)
      .where(and(gte(complaints.receivedAt, today.startAt), lte(complaints.receivedAt, now)))
      .orderBy(asc(complaints.id)),
  ])
  const waiting = received.filter((c) => c.status === 'received' || c.status === 'assigned').length
  const dangers = received.filter((c) => dangerIn(c.description) !== undefined)
  const lines = [
    `**今日截至 ${formatLocal(now, ctx.timeZone, now)}**：受理投诉 ${received.length} 件（待签收 ${waiting} 件），新发现隐患 ${figures.hazardsFound} 项（重大 ${figures.major.found} 项），巡查 ${figures.patrolCount} 次`,
  ]
  if (dangers.length > 0) {
    lines.push(
      `**今日市民报告险情 ${dangers.length} 件**：`,
      ...dangers.slice(0, DANGER_LISTED).map((c) => {
        const where = c.locationText ? `（${maskPersonalInfo(c.locationText, c.citizenName)}）` : ''
        const what = maskPersonalInfo(c.description, c.citizenName).slice(0, 30)
        return `- ${c.code} ${CATEGORY_LABELS[c.category]}${where}${what}`
      }),
    )
    if (dangers.length > DANGER_LISTED) lines.push(`- 另有 ${dangers.length - DANGER_LISTED} 件，见投诉台账`)
  }
  return lines.join('\n')
}
