import { and, between, desc, eq, inArray, isNull, lt, ne, or } from 'drizzle-orm'
import type { Database } from '../db/client'
import { complaints, escalations, hazards, periodicReports, supervisions } from '../db/schema'
import { OPEN_COMPLAINT_STATUSES } from '../domain/complaint-lifecycle'
import { describeDuration } from '../domain/durations'
import { UNDER_RECTIFICATION_STATUSES } from '../domain/hazard-lifecycle'
import { localDate } from '../domain/local-time'
import { REPORT_COMMAND_WORDS, REPORT_KIND_LABELS, type ReportKind } from '../domain/obligations'
import { type Period, periodOfDate } from '../domain/periods'
import { maskPersonalInfo } from '../domain/privacy'
import type { Actor } from '../domain/roles'
import { reportsAwaitingSignature, supervisionsAwaitingSignature } from './signoffs'
import { inspectionDuties } from './supervision-assignments'

/**
 * 「我的待办」 for every role: what this person is expected to do next, newest first, each item a code, what it
 * is about in a few words, and its deadline. Unit staff see their unit's complaints and hazards; the
 * supervising office what waits for 交办 and 验收; the duty officer overdue complaints and major hazards and
 * the escalations sent to them; leaders what was escalated to them.
 */
export interface TodoItem {
  code: string
  what: string
  summary: string
  due: Date | null
  at: Date
  overdue: boolean
}

const OPEN_COMPLAINT = OPEN_COMPLAINT_STATUSES
const SHORT = 24

function short(text: string): string {
  const masked = maskPersonalInfo(text.replace(/\s+/g, ' ').trim())
  return masked.length > SHORT ? `${masked.slice(0, SHORT)}…` : masked
}

export async function todosFor(db: Database, actor: Actor, now: Date, timeZone: string): Promise<TodoItem[]> {
  const items: TodoItem[] = []
  const addHazards = (rows: (typeof hazards.$inferSelect)[], what: (h: typeof hazards.$inferSelect) => string) => {
    for (const h of rows)
      items.push({
        code: h.code,
        what: what(h),
        summary: short(h.description),
        due: h.rectifyDueAt,
        at: h.assignedAt ?? h.foundAt,
        overdue: Boolean(h.rectifyDueAt && h.rectifyDueAt < now),
      })
  }
  const addComplaints = (
    rows: (typeof complaints.$inferSelect)[],
    what: (c: typeof complaints.$inferSelect) => string,
  ) => {
    for (const c of rows)
      items.push({
        code: c.code,
        what: what(c),
        summary: short(c.description),
        due: c.dueAt,
        at: c.receivedAt,
        overdue: c.dueAt < now,
      })
  }

  if ((actor.role === 'unit_handler' || actor.role === 'field_staff') && actor.unitId !== null) {
    const [unitComplaints, unitHazards] = await Promise.all([
      db
        .select()
        .from(complaints)
        .where(and(eq(complaints.unitId, actor.unitId), inArray(complaints.status, ['assigned', 'accepted']))),
      db
        .select()
        .from(hazards)
        .where(and(eq(hazards.unitId, actor.unitId), inArray(hazards.status, [...UNDER_RECTIFICATION_STATUSES]))),
    ])
    addComplaints(unitComplaints, (c) => (c.status === 'assigned' ? '投诉待签收' : '投诉待回复'))
    addHazards(unitHazards, (h) => (h.status === 'assigned' ? '隐患待整改' : '隐患整改中'))
  }

  if (actor.role === 'supervisor' || actor.role === 'admin') {
    const rows = await db
      .select()
      .from(hazards)
      .where(inArray(hazards.status, ['reported', 'awaiting_verification']))
    addHazards(rows, (h) =>
      h.status === 'awaiting_verification' ? '隐患待验收' : h.level === 'major' ? '重大隐患待交办' : '隐患待交办',
    )
  }
  // Whoever inspects for a unit with supervision duties: 安监科's supervisors, a supervising patrol unit's handlers.
  if ((actor.role === 'supervisor' || actor.role === 'unit_handler') && actor.unitId !== null)
    items.push(...(await inspectionsDue(db, actor.unitId, now, timeZone)))

  if (actor.role === 'duty_officer' || actor.role === 'leader' || actor.role === 'admin') {
    const mine = actor.personId === null ? [] : await escalatedTo(db, actor.personId)
    for (const e of mine) items.push(e)
    if (actor.role === 'duty_officer' || actor.role === 'admin') {
      const [late, majors, undispatched] = await Promise.all([
        db
          .select()
          .from(complaints)
          .where(and(inArray(complaints.status, [...OPEN_COMPLAINT]), lt(complaints.dueAt, now))),
        db
          .select()
          .from(hazards)
          .where(
            and(
              eq(hazards.level, 'major'),
              inArray(hazards.status, ['reported', 'assigned', 'rectifying']),
              or(isNull(hazards.rectifyDueAt), lt(hazards.rectifyDueAt, now)),
            ),
          ),
        db.select().from(complaints).where(eq(complaints.status, 'received')),
      ])
      addComplaints(late, (c) => `投诉已超时 ${describeDuration(now.getTime() - c.dueAt.getTime())}`)
      // No routing rule dispatched these: the duty officer does (派单).
      addComplaints(undispatched, () => '投诉待派单')
      addHazards(majors, (h) => (h.status === 'reported' ? '重大隐患待交办' : '重大隐患逾期未整改'))
    }
  }

  if (actor.personId !== null) items.push(...(await reportTodos(db, actor, now)))

  // One line per item even when it is due for several reasons; newest first.
  const seen = new Set<string>()
  return items
    .sort((a, b) => b.at.getTime() - a.at.getTime())
    .filter((item) => {
      const key = `${item.code}:${item.what}`
      return seen.has(key) ? false : Boolean(seen.add(key))
    })
}

/** The units this office has not yet inspected as often as its supervision table requires, this month or quarter. */
async function inspectionsDue(db: Database, officeId: number, now: Date, timeZone: string): Promise<TodoItem[]> {
  const month = periodOfDate('month', localDate(now, timeZone), timeZone)
  const quarter = periodOfDate('quarter', localDate(now, timeZone), timeZone)
  const [duties, done] = await Promise.all([
    inspectionDuties(db, officeId),
    db
      .select({ inspected: supervisions.inspectedUnitId, at: supervisions.inspectedAt })
      .from(supervisions)
      .where(
        and(
          eq(supervisions.supervisorUnitId, officeId),
          between(supervisions.inspectedAt, quarter.startAt, quarter.endAt),
        ),
      ),
  ])
  const count = (unitId: number, span: Period) =>
    done.filter((d) => d.inspected === unitId && d.at.getTime() >= span.startAt.getTime() && d.at <= span.endAt).length
  const items: TodoItem[] = []
  for (const duty of duties) {
    for (const [span, required, word] of [
      [month, duty.perMonth, '本月'],
      [quarter, duty.perQuarter, '本季度'],
    ] as const) {
      const n = count(duty.unitId, span)
      if (n >= required) continue
      items.push({
        code: '督查',
        what: `${word}督查${duty.name}`,
        summary: `已 ${n} 次，应 ${required} 次`,
        due: span.endAt,
        at: span.startAt,
        overdue: false,
      })
    }
  }
  return items
}

/** Escalations sent to this person that are not resolved yet, acknowledged or not. */
async function escalatedTo(db: Database, personId: number): Promise<TodoItem[]> {
  const rows = await db
    .select({ escalation: escalations, complaint: complaints })
    .from(escalations)
    .innerJoin(complaints, and(eq(escalations.subjectType, 'complaint'), eq(complaints.id, escalations.subjectId)))
    .where(and(eq(escalations.notifiedPersonId, personId), inArray(complaints.status, [...OPEN_COMPLAINT])))
    .orderBy(desc(escalations.notifiedAt))
  return rows.map(({ escalation, complaint }) => ({
    code: complaint.code,
    what: escalation.ackAt ? '升级投诉（已确认收到，待办结）' : '升级投诉待确认收到',
    summary: short(complaint.description),
    due: complaint.dueAt,
    at: escalation.notifiedAt,
    overdue: complaint.dueAt.getTime() < escalation.notifiedAt.getTime(),
  }))
}

const REPORT_ROLES = ['unit_handler', 'supervisor', 'leader', 'admin'] as const

/**
 * Reports: the unit's own reports not yet confirmed (确认上报), and every report or supervision record waiting
 * for this person's signature (签字).
 */
async function reportTodos(db: Database, actor: Actor, now: Date): Promise<TodoItem[]> {
  if (!(REPORT_ROLES as readonly string[]).includes(actor.role) || actor.personId === null) return []
  const items: TodoItem[] = []
  const period = (r: { periodStart: string; periodEnd: string }) =>
    r.periodStart === r.periodEnd ? r.periodStart : `${r.periodStart} 至 ${r.periodEnd}`
  if (actor.unitId !== null && actor.role !== 'leader') {
    const open = await db
      .select()
      .from(periodicReports)
      .where(
        and(
          eq(periodicReports.unitId, actor.unitId),
          isNull(periodicReports.submittedAt),
          isNull(periodicReports.confirmedById),
          ne(periodicReports.kind, 'daily'),
        ),
      )
    for (const r of open)
      items.push({
        code: REPORT_KIND_LABELS[r.kind as ReportKind] ?? '报表',
        what: `待确认上报（发送「上报${REPORT_COMMAND_WORDS[r.kind as ReportKind] ?? '周报'}」）`,
        summary: period(r),
        due: r.dueAt,
        at: r.createdAt,
        overdue: r.dueAt < now,
      })
  }
  const signer = { id: actor.personId }
  for (const r of await reportsAwaitingSignature(db, signer))
    items.push({
      code: REPORT_KIND_LABELS[r.kind as ReportKind] ?? '报表',
      what: '待签字（发送「签字」）',
      summary: period(r),
      due: r.dueAt,
      at: r.createdAt,
      overdue: r.dueAt < now,
    })
  for (const v of await supervisionsAwaitingSignature(db, signer))
    items.push({
      code: v.code,
      what: '督查记录待签字',
      summary: '被督单位领导签字',
      due: null,
      at: now,
      overdue: false,
    })
  return items
}
