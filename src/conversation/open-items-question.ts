import { and, count, inArray, lt } from 'drizzle-orm'
import { complaints, hazards, units } from '../db/schema'
import { OPEN_COMPLAINT_STATUSES } from '../domain/complaint-lifecycle'
import { UNDER_RECTIFICATION_STATUSES } from '../domain/hazard-lifecycle'
import { formatLocal } from './format'
import type { Turn } from './types'

/**
 * 「今天有几个隐患没整改」「帮我看看哪些单位超期了」「还有多少投诉没办结」 (intent's asksOpenItems): what is open now and
 * what is past its deadline, by unit — the ledger's state at this moment, where the daily digest tells yesterday's.
 */
export async function describeOpenItems(turn: Turn): Promise<string> {
  const { db, clock, timeZone } = turn.ctx
  const now = clock.now()
  const [open, overdue, openComplaints, lateComplaints, unitRows] = await Promise.all([
    db
      .select({ n: count() })
      .from(hazards)
      .where(inArray(hazards.status, [...UNDER_RECTIFICATION_STATUSES])),
    db
      .select({ unitId: hazards.unitId, n: count() })
      .from(hazards)
      .where(and(inArray(hazards.status, [...UNDER_RECTIFICATION_STATUSES]), lt(hazards.rectifyDueAt, now)))
      .groupBy(hazards.unitId),
    db
      .select({ n: count() })
      .from(complaints)
      .where(inArray(complaints.status, [...OPEN_COMPLAINT_STATUSES])),
    db
      .select({ n: count() })
      .from(complaints)
      .where(and(inArray(complaints.status, [...OPEN_COMPLAINT_STATUSES]), lt(complaints.dueAt, now))),
    db.select({ id: units.id, name: units.name }).from(units),
  ])
  const name = new Map(unitRows.map((u) => [u.id, u.name]))
  const overdueTotal = overdue.reduce((sum, r) => sum + r.n, 0)
  const byUnit = [...overdue]
    .sort((a, b) => b.n - a.n)
    .map((r) => `· ${r.unitId === null ? '待分派' : (name.get(r.unitId) ?? '—')} 超期 ${r.n} 项`)
  return [
    `截至 ${formatLocal(now, timeZone, now)}：`,
    `整改中的隐患 ${open[0]?.n ?? 0} 项，其中超期未整改 ${overdueTotal} 项${byUnit.length ? '：' : '。'}`,
    ...byUnit,
    `办理中的投诉 ${openComplaints[0]?.n ?? 0} 件，其中超过办理时限 ${lateComplaints[0]?.n ?? 0} 件。`,
  ].join('\n')
}
