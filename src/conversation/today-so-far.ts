import { and, asc, eq, gte, lte } from 'drizzle-orm'
import { complaints, hazards, units } from '../db/schema'
import { CATEGORY_LABELS } from '../domain/categories'
import { COMPLAINT_STATUS_LABELS } from '../domain/complaint-lifecycle'
import { dangerIn } from '../domain/danger'
import { HAZARD_STATUS_LABELS } from '../domain/hazard-lifecycle'
import { localDate } from '../domain/local-time'
import { periodOfDate } from '../domain/periods'
import { maskPersonalInfo } from '../domain/privacy'
import type { ServiceContext } from '../services/context'
import { periodFigures } from '../services/figures'
import { clip, formatLocal } from './format'
import { type PeriodSaid, periodMeant } from './period-said'

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

/** The danger reports and major hazards listed at most when asked how they went. */
const DANGERS_ASKED_LISTED = 10

/**
 * 「今天的险情处理得怎么样了」「这周的险情都处理了吗」: the citizens' danger reports received in the period and the
 * major hazards found in it, each with where it stands and who has it — the unit's own when a unit is given. (It had
 * been answered with the period's counts, which say nothing of the dangers.)
 */
export async function describeDangersOfPeriod(
  ctx: ServiceContext,
  asked: PeriodSaid,
  unit?: { id: number; name: string },
): Promise<string> {
  const now = ctx.clock.now()
  const period = periodMeant(asked, now, ctx.timeZone)
  const end = now < period.endAt ? now : period.endAt
  const [received, majors, unitNames] = await Promise.all([
    ctx.db
      .select()
      .from(complaints)
      .where(
        and(
          gte(complaints.receivedAt, period.startAt),
          lte(complaints.receivedAt, end),
          unit ? eq(complaints.unitId, unit.id) : undefined,
        ),
      )
      .orderBy(asc(complaints.receivedAt), asc(complaints.id)),
    ctx.db
      .select()
      .from(hazards)
      .where(
        and(
          eq(hazards.level, 'major'),
          gte(hazards.foundAt, period.startAt),
          lte(hazards.foundAt, end),
          unit ? eq(hazards.unitId, unit.id) : undefined,
        ),
      )
      .orderBy(asc(hazards.foundAt), asc(hazards.id)),
    ctx.db.select({ id: units.id, name: units.name }).from(units),
  ])
  const nameOf = (id: number | null) => unitNames.find((u) => u.id === id)?.name
  const whose = unit ? `（${unit.name}）` : ''
  const dangers = received.filter((c) => dangerIn(c.description) !== undefined && c.status !== 'duplicate')
  if (dangers.length === 0 && majors.length === 0)
    return `${asked.said}${whose}没有市民报告的险情，也没有新发现的重大隐患。`
  const lines: string[] = []
  if (dangers.length > 0) {
    lines.push(`${asked.said}${whose}市民报告险情 ${dangers.length} 件：`)
    for (const c of dangers.slice(0, DANGERS_ASKED_LISTED)) {
      const where = c.locationText ? `（${maskPersonalInfo(c.locationText, c.citizenName)}）` : ''
      const holder = nameOf(c.unitId)
      lines.push(
        `· ${c.code} ${clip(maskPersonalInfo(c.description, c.citizenName), 20)}${where}：${COMPLAINT_STATUS_LABELS[c.status]}${holder ? `，${holder}` : ''}`,
      )
    }
    if (dangers.length > DANGERS_ASKED_LISTED)
      lines.push(`另有 ${dangers.length - DANGERS_ASKED_LISTED} 件，见投诉台账。`)
  }
  if (majors.length > 0) {
    lines.push(`${asked.said}${whose}新发现重大隐患 ${majors.length} 项：`)
    for (const h of majors.slice(0, DANGERS_ASKED_LISTED)) {
      const where = h.locationText ? `（${h.locationText}）` : ''
      const holder = nameOf(h.unitId)
      lines.push(
        `· ${h.code} ${clip(h.description, 20)}${where}：${HAZARD_STATUS_LABELS[h.status]}${holder ? `，${holder}` : ''}${h.majorAckAt ? '' : '，尚未接报'}`,
      )
    }
    if (majors.length > DANGERS_ASKED_LISTED)
      lines.push(`另有 ${majors.length - DANGERS_ASKED_LISTED} 项，见隐患台账。`)
  }
  return lines.join('\n')
}
