import { and, count, desc, eq, gte, lte, ne, type SQL } from 'drizzle-orm'
import { complaints, hazards, units } from '../db/schema'
import { CATEGORY_LABELS } from '../domain/categories'
import { COMPLAINT_STATUS_LABELS } from '../domain/complaint-lifecycle'
import { HAZARD_STATUS_LABELS } from '../domain/hazard-lifecycle'
import { clip, complaintInWords, formatLocal } from './format'
import { type PeriodSaid, periodMeant } from './period-said'
import type { Turn } from './types'

/** As many as a chat message shows; the rest are on the console's ledger. */
const LISTED = 8

/**
 * 「让我看一下今天的投诉」「有没有新的投诉」「发我看看本月隐患」: the complaints received or the hazards found in
 * the period, newest first — the whole city's for those briefed, a unit's own for its people. Citizens' names,
 * phones and ID numbers are masked, as everywhere staff read them.
 */
export async function describeRecordsListed(
  turn: Turn,
  of: 'complaints' | 'hazards',
  asked: PeriodSaid,
  unit?: { id: number; name: string },
  /** 「最新的三条」: only so many, the latest, and said so. */
  latest?: number,
): Promise<string> {
  const shown = latest ?? LISTED
  const { db, clock, timeZone } = turn.ctx
  const now = clock.now()
  const period = periodMeant(asked, now, timeZone)
  const unitNames = new Map(
    (await db.select({ id: units.id, name: units.name }).from(units)).map((u) => [u.id, u.name]),
  )
  const unitOf = (id: number | null) => (id === null ? '待分派' : (unitNames.get(id) ?? '—'))
  if (of === 'complaints') {
    const conditions: SQL[] = [gte(complaints.receivedAt, period.startAt), lte(complaints.receivedAt, period.endAt)]
    if (unit) conditions.push(eq(complaints.unitId, unit.id))
    const where = and(...conditions)
    const [rows, [total]] = await Promise.all([
      db.select().from(complaints).where(where).orderBy(desc(complaints.receivedAt), desc(complaints.id)).limit(shown),
      db.select({ n: count() }).from(complaints).where(where),
    ])
    const heading = headingOf('投诉', '受理', asked, unit, latest)
    if (rows.length === 0) return `${heading}：暂无。`
    const lines = rows.map(
      (c) =>
        `· ${c.code} ${formatLocal(c.receivedAt, timeZone, now)} ${CATEGORY_LABELS[c.category]}｜${clip(
          complaintInWords(c),
          24,
        )}（${COMPLAINT_STATUS_LABELS[c.status]}${unit ? '' : `，${unitOf(c.unitId)}`}）`,
    )
    if (latest) return `${heading} ${rows.length} 件：\n${lines.join('\n')}`
    return withMore(`${heading} ${total?.n ?? rows.length} 件：`, lines, total?.n, '投诉台账')
  }
  const conditions: SQL[] = [
    gte(hazards.foundAt, period.startAt),
    lte(hazards.foundAt, period.endAt),
    ne(hazards.status, 'voided'),
  ]
  if (unit) conditions.push(eq(hazards.unitId, unit.id))
  const where = and(...conditions)
  const [rows, [total]] = await Promise.all([
    db.select().from(hazards).where(where).orderBy(desc(hazards.foundAt), desc(hazards.id)).limit(shown),
    db.select({ n: count() }).from(hazards).where(where),
  ])
  const heading = headingOf('隐患', '发现', asked, unit, latest)
  if (rows.length === 0) return `${heading}：暂无。`
  const lines = rows.map(
    (h) =>
      `· ${h.code}${h.level === 'major' ? '【重大】' : ''} ${clip(h.description, 24)}（${HAZARD_STATUS_LABELS[h.status]}${
        unit ? '' : `，${unitOf(h.unitId)}`
      }）`,
  )
  if (latest) return `${heading} ${rows.length} 项：\n${lines.join('\n')}`
  return withMore(`${heading} ${total?.n ?? rows.length} 项：`, lines, total?.n, '隐患台账')
}

/** 「今天全市受理的投诉」「本月交办市政建设总公司的隐患」「最新的投诉」: what a list is of. */
function headingOf(
  kind: '投诉' | '隐患',
  how: '受理' | '发现',
  asked: PeriodSaid,
  unit: { name: string } | undefined,
  latest: number | undefined,
): string {
  if (latest) return unit ? `交办${unit.name}的最新${kind}` : `最新的${kind}`
  return unit ? `${asked.said}交办${unit.name}的${kind}` : `${asked.said}全市${how}的${kind}`
}

function withMore(heading: string, lines: string[], total: number | undefined, ledger: string): string {
  const more =
    total !== undefined && total > lines.length
      ? `\n……另有 ${total - lines.length} 条，请在管理后台「${ledger}」查看。`
      : ''
  return `${heading}\n${lines.join('\n')}${more}`
}
