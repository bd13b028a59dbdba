import { and, asc, desc, gte, inArray, like, lte, ne, or } from 'drizzle-orm'
import { containing } from '../db/like-pattern'
import { complaintEvents, complaints, hazards, units } from '../db/schema'
import {
  COMPLAINT_STATUS_LABELS,
  isComplaintOpen,
  OPEN_COMPLAINT_STATUSES,
  SATISFACTION_LABELS,
} from '../domain/complaint-lifecycle'
import { HAZARD_STATUS_LABELS, UNDER_RECTIFICATION_STATUSES } from '../domain/hazard-lifecycle'
import { DEFAULT_DAYS_BEFORE } from '../domain/hazard-reminders'
import { CITIZEN_VERDICT_NOTE } from '../services/complaint-followups'
import { clip, complaintInWords, formatLocal } from './format'
import { wordsForTheSame } from './named-records'
import type { Turn } from './types'

const LISTED = 5
/** Soon means within the first reminder before the deadline (3 days by default). */
const SOON_MS = Math.max(...DEFAULT_DAYS_BEFORE) * 24 * 3_600_000
/** A complaint's whole limit is a day: soon is within it. */
const COMPLAINT_SOON_MS = 24 * 3_600_000

/**
 * 「人民路那个井盖的隐患处理得怎么样了」: the hazards whose place or description has the place and the thing named,
 * newest first, each with where it stands — so nobody needs the number to ask.
 */
export async function describeHazardsNamed(turn: Turn, named: { place?: string; thing?: string }): Promise<string> {
  const { db, clock, timeZone } = turn.ctx
  const now = clock.now()
  const words = [named.place, named.thing].filter((w): w is string => Boolean(w))
  const rows = await db
    .select({
      code: hazards.code,
      description: hazards.description,
      status: hazards.status,
      rectifyDueAt: hazards.rectifyDueAt,
      unitId: hazards.unitId,
    })
    .from(hazards)
    .where(
      and(
        ne(hazards.status, 'voided'),
        ...words.map((w) =>
          or(
            ...wordsForTheSame(w).flatMap((same) => [
              like(hazards.description, containing(same)),
              like(hazards.locationText, containing(same)),
            ]),
          ),
        ),
      ),
    )
    .orderBy(desc(hazards.foundAt), desc(hazards.id))
    .limit(LISTED + 1)
  const what = words.join('')
  // 「燃气泄漏那个处理了没有」 about what a citizen complained of: its complaints, when no hazard has the words.
  if (rows.length === 0) {
    const asComplaints = await describeComplaintsNamed(turn, named)
    if (!asComplaints.startsWith('没有找到')) return asComplaints
    return `没有找到与「${what}」相关的隐患或投诉记录。知道编号的，可发送「查询 编号」。`
  }
  const unitNames = new Map(
    (await db.select({ id: units.id, name: units.name }).from(units)).map((u) => [u.id, u.name]),
  )
  const lines = rows.slice(0, LISTED).map((h) => {
    const unit = h.unitId === null ? '待分派' : (unitNames.get(h.unitId) ?? '—')
    const due = h.rectifyDueAt && h.status !== 'closed' ? `，期限 ${formatLocal(h.rectifyDueAt, timeZone, now)}` : ''
    return `· ${h.code} ${clip(h.description, 20)}（${HAZARD_STATUS_LABELS[h.status]}，${unit}${due}）`
  })
  const more = rows.length > LISTED ? '\n……还有更多，请说得更具体些，或发送「查询 编号」。' : ''
  return `与「${what}」相关的隐患：\n${lines.join('\n')}${more}`
}

/** What each citizen said of the result in the chat (「满意」), by complaint — the latest, when several. */
async function citizenVerdicts(turn: Turn, complaintIds: number[]): Promise<Map<number, string>> {
  const verdicts = new Map<number, string>()
  if (complaintIds.length === 0) return verdicts
  const notes = await turn.ctx.db
    .select({ complaintId: complaintEvents.complaintId, note: complaintEvents.note })
    .from(complaintEvents)
    .where(
      and(inArray(complaintEvents.complaintId, complaintIds), like(complaintEvents.note, `${CITIZEN_VERDICT_NOTE}%`)),
    )
    .orderBy(asc(complaintEvents.id))
  for (const { complaintId, note } of notes)
    if (note) verdicts.set(complaintId, note.slice(CITIZEN_VERDICT_NOTE.length))
  return verdicts
}

/**
 * 「燃气那个投诉处理了没」「人民路路灯的投诉怎么样了」: the complaints whose place or description has the words,
 * newest first, each with where it stands and who has it — citizens' names and numbers masked.
 */
export async function describeComplaintsNamed(turn: Turn, named: { place?: string; thing?: string }): Promise<string> {
  const { db, clock, timeZone } = turn.ctx
  const now = clock.now()
  const words = [named.place, named.thing].filter((w): w is string => Boolean(w))
  const rows = await db
    .select()
    .from(complaints)
    .where(
      and(
        ...words.map((w) =>
          or(
            ...wordsForTheSame(w).flatMap((same) => [
              like(complaints.description, containing(same)),
              like(complaints.locationText, containing(same)),
            ]),
          ),
        ),
      ),
    )
    .orderBy(desc(complaints.receivedAt), desc(complaints.id))
    .limit(LISTED + 1)
  const what = words.join('')
  if (rows.length === 0) return `没有找到与「${what}」相关的投诉。知道编号的，可发送「查询 编号」。`
  const unitNames = new Map(
    (await db.select({ id: units.id, name: units.name }).from(units)).map((u) => [u.id, u.name]),
  )
  const shown = rows.slice(0, LISTED)
  const verdicts = await citizenVerdicts(
    turn,
    shown.map((c) => c.id),
  )
  const lines = shown.map((c) => {
    const unit = c.unitId === null ? '待派单' : (unitNames.get(c.unitId) ?? '—')
    const due = isComplaintOpen(c.status)
      ? `，${c.dueAt < now ? '已超时' : '期限'} ${formatLocal(c.dueAt, timeZone, now)}`
      : ''
    const said = complaintInWords(c)
    const verdict = c.satisfaction ? SATISFACTION_LABELS[c.satisfaction] : verdicts.get(c.id)
    const rated = verdict ? `，市民评价：${clip(verdict, 12)}` : ''
    return `· ${c.code} ${clip(said, 20)}（${COMPLAINT_STATUS_LABELS[c.status]}，${unit}${due}${rated}）`
  })
  const more = rows.length > LISTED ? '\n……还有更多，请说得更具体些，或发送「查询 编号」。' : ''
  return `与「${what}」相关的投诉：\n${lines.join('\n')}${more}`
}

/**
 * 「哪些快到期了」「有哪些快超时了」: what falls due soon — hazards, complaints, or both when neither is named (a duty
 * officer asking what is about to run out means the complaints' 1-day limit as much as the hazards' deadlines).
 */
export async function describeDueSoon(turn: Turn, about?: 'hazards' | 'complaints'): Promise<string> {
  if (about === 'hazards') return describeHazardsDueSoon(turn)
  if (about === 'complaints') return describeComplaintsDueSoon(turn)
  return `${await describeHazardsDueSoon(turn)}\n\n${await describeComplaintsDueSoon(turn)}`
}

/** Open complaints still inside their 1-day limit, the one that runs out first first. */
async function describeComplaintsDueSoon(turn: Turn): Promise<string> {
  const { db, clock, timeZone } = turn.ctx
  const now = clock.now()
  const rows = await db
    .select()
    .from(complaints)
    .where(
      and(
        inArray(complaints.status, [...OPEN_COMPLAINT_STATUSES]),
        gte(complaints.dueAt, now),
        lte(complaints.dueAt, new Date(now.getTime() + COMPLAINT_SOON_MS)),
      ),
    )
    .orderBy(asc(complaints.dueAt), asc(complaints.id))
    .limit(LISTED + 1)
  if (rows.length === 0) return '24小时内没有到期的投诉。已超时的可以问「哪些投诉超时了」。'
  const unitNames = new Map(
    (await db.select({ id: units.id, name: units.name }).from(units)).map((u) => [u.id, u.name]),
  )
  const lines = rows.slice(0, LISTED).map((c) => {
    const unit = c.unitId === null ? '待派单' : (unitNames.get(c.unitId) ?? '—')
    return `· ${c.code} ${clip(complaintInWords(c), 20)}（${COMPLAINT_STATUS_LABELS[c.status]}，${unit}），期限 ${formatLocal(c.dueAt, timeZone, now)}`
  })
  const more = rows.length > LISTED ? '\n……还有更多，请在管理后台「投诉台账」按期限查看。' : ''
  return `24小时内到期的投诉：\n${lines.join('\n')}${more}`
}

/** 「哪些隐患快到期了」: hazards under rectification whose deadline is within the reminder window, soonest first. */
async function describeHazardsDueSoon(turn: Turn): Promise<string> {
  const { db, clock, timeZone } = turn.ctx
  const now = clock.now()
  const rows = await db
    .select({ code: hazards.code, description: hazards.description, rectifyDueAt: hazards.rectifyDueAt })
    .from(hazards)
    .where(
      and(
        inArray(hazards.status, [...UNDER_RECTIFICATION_STATUSES]),
        gte(hazards.rectifyDueAt, now),
        lte(hazards.rectifyDueAt, new Date(now.getTime() + SOON_MS)),
      ),
    )
    .orderBy(asc(hazards.rectifyDueAt), asc(hazards.id))
    .limit(LISTED + 1)
  if (rows.length === 0) return '未来3天内没有到期的整改隐患。超期的可以问「哪些单位超期了」。'
  const lines = rows
    .slice(0, LISTED)
    .map((h) => `· ${h.code} ${clip(h.description, 20)}，期限 ${formatLocal(h.rectifyDueAt as Date, timeZone, now)}`)
  const more = rows.length > LISTED ? '\n……还有更多，请在管理后台「隐患台账」按期限查看。' : ''
  return `未来3天内到期的整改隐患：\n${lines.join('\n')}${more}`
}
