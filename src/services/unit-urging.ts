import { and, count, eq, inArray, lt, sql } from 'drizzle-orm'
import type { Database } from '../db/client'
import { complaintEvents, complaints, hazardEvents, hazards, units } from '../db/schema'
import { OPEN_COMPLAINT_STATUSES } from '../domain/complaint-lifecycle'
import { UNDER_RECTIFICATION_STATUSES } from '../domain/hazard-lifecycle'
import { maskPersonalInfo } from '../domain/privacy'
import type { Actor } from '../domain/roles'
import { sendToPeople } from '../messaging/notify'
import { progressEvent } from './complaint-followups'
import type { ServiceContext } from './context'
import { unitHandlers } from './recipients'

/** What a unit has open when someone overseeing it urges it on (催办), and how many of its handlers were told. */
export interface UnitUrged {
  hazards: number
  overdueHazards: number
  complaints: number
  lateComplaints: number
  /** Chat accounts the reminder went to (0 when the unit has nothing open or nobody bound). */
  notified: number
}

/**
 * 催办: the unit's handlers are reminded of what it has open — hazards under rectification and complaints in
 * hand, with how many are past their deadline — in the same transaction as the answer to whoever urged it.
 * Nothing open, nothing sent. `key` makes a platform's retry of the same message send nothing twice.
 */
export async function urgeUnit(
  ctx: ServiceContext,
  unit: { id: number; name: string },
  urgedBy: string,
  key: string,
): Promise<UnitUrged> {
  const now = ctx.clock.now()
  // One query a table: the open ones, and of them those past their deadline.
  const [[hazardRow], [complaintRow]] = await Promise.all([
    ctx.db
      .select({ open: count(), late: count(sql`case when ${lt(hazards.rectifyDueAt, now)} then 1 end`) })
      .from(hazards)
      .where(and(eq(hazards.unitId, unit.id), inArray(hazards.status, [...UNDER_RECTIFICATION_STATUSES]))),
    ctx.db
      .select({ open: count(), late: count(sql`case when ${lt(complaints.dueAt, now)} then 1 end`) })
      .from(complaints)
      .where(and(eq(complaints.unitId, unit.id), inArray(complaints.status, [...OPEN_COMPLAINT_STATUSES]))),
  ])
  const figures = {
    hazards: Number(hazardRow?.open ?? 0),
    overdueHazards: Number(hazardRow?.late ?? 0),
    complaints: Number(complaintRow?.open ?? 0),
    lateComplaints: Number(complaintRow?.late ?? 0),
  }
  if (figures.hazards === 0 && figures.complaints === 0) return { ...figures, notified: 0 }
  const text = `【催办】${urgedBy}提醒：贵单位待整改隐患 ${figures.hazards} 项（已超期 ${figures.overdueHazards} 项），待办投诉 ${figures.complaints} 件（已超时 ${figures.lateComplaints} 件），请抓紧办理。发送「我的待办」查看明细。`
  const notified = await sendToPeople(
    ctx.db,
    now,
    await unitHandlers(ctx.db, unit.id),
    { type: 'text', text },
    `urge:${unit.id}:${key}`,
  )
  return { ...figures, notified }
}

/**
 * 督办 one complaint (「督办一下TS…」「TS… 催一下」): kept on its history as who urged it, and the unit's handlers are
 * reminded of it (and told when it is past its deadline), in the same transaction.
 */
export async function urgeComplaint(
  ctx: ServiceContext,
  complaint: typeof complaints.$inferSelect,
  actor: Actor,
  urgedBy: string,
  key: string,
): Promise<number> {
  const late = complaint.dueAt < ctx.clock.now() ? '，已超过办理时限' : ''
  const what = firstChars(maskPersonalInfo(complaint.description, complaint.citizenName))
  return urgeRecord(
    ctx,
    complaint.unitId,
    (tx) => tx.insert(complaintEvents).values(progressEvent(ctx, complaint, actor, `督办：${urgedBy}要求抓紧办理`)),
    `【督办】${urgedBy}提醒：投诉 ${complaint.code}（${what}）请抓紧办理${late}，办理完成后发送「回复 ${complaint.code} 办理结果」。`,
    `urge-complaint:${complaint.id}:${key}`,
  )
}

/**
 * 督办 one hazard (「YH… 督办一下」「人民路路灯那个催一下」): kept on its history as who urged it (the status stays),
 * and the handlers of the unit rectifying it reminded (told when it is past its deadline), in the same transaction.
 */
export async function urgeHazard(
  ctx: ServiceContext,
  hazard: typeof hazards.$inferSelect,
  actor: Actor,
  urgedBy: string,
  key: string,
): Promise<number> {
  const now = ctx.clock.now()
  const late = hazard.rectifyDueAt && hazard.rectifyDueAt < now ? '，已超过整改期限' : ''
  const what = firstChars(maskPersonalInfo(hazard.description))
  return urgeRecord(
    ctx,
    hazard.unitId,
    (tx) =>
      tx.insert(hazardEvents).values({
        hazardId: hazard.id,
        kind: 'urged',
        fromStatus: hazard.status,
        toStatus: hazard.status,
        actorId: actor.personId,
        actorRole: actor.role,
        note: `督办：${urgedBy}要求抓紧整改`,
        at: now,
      }),
    `【督办】${urgedBy}提醒：隐患 ${hazard.code}（${what}）请抓紧整改${late}，整改完成后发送「整改 ${hazard.code} 整改情况」。`,
    `urge-hazard:${hazard.id}:${key}`,
  )
}

/** 督办 of one record: its history entry, then its unit's handlers reminded — in one transaction. */
async function urgeRecord(
  ctx: ServiceContext,
  unitId: number | null,
  writeEvent: (tx: Database) => Promise<unknown>,
  text: string,
  key: string,
): Promise<number> {
  const now = ctx.clock.now()
  return ctx.db.transaction(async (tx) => {
    await writeEvent(tx as Database)
    return sendToPeople(tx, now, await unitHandlers(tx, unitId), { type: 'text', text }, key)
  })
}

/** The start of a description for a reminder, cut by characters, not UTF-16 units: an emoji is never split. */
function firstChars(text: string, count = 40): string {
  return [...text].slice(0, count).join('')
}

/**
 * 「把超期的单位通报一下」: every unit with a hazard past its rectification deadline or a complaint past its time
 * limit is urged on, each as 催办 does; the units and what each had late are returned, the most late first.
 */
export async function urgeLateUnits(
  ctx: ServiceContext,
  urgedBy: string,
  key: string,
): Promise<{ unit: string; urged: UnitUrged }[]> {
  // The units with something late now (the same reading as 「哪个单位超期最多」).
  const late = (await lateCountsByUnit(ctx)).map((u) => ({ id: u.unitId, name: u.unit }))
  if (late.length === 0) return []
  const urged = []
  // One after another: each unit's reminder is its own send, keyed so a retried message sends none twice.
  for (const unit of late) urged.push({ unit: unit.name, urged: await urgeUnit(ctx, unit, urgedBy, key) })
  const lateness = (u: UnitUrged) => u.overdueHazards + u.lateComplaints
  return urged.sort((a, b) => lateness(b.urged) - lateness(a.urged))
}

/**
 * What is late now, unit by unit (hazards past their rectification deadline, complaints past their limit), the
 * unit with the most first — read only: nobody is reminded.
 */
export async function lateCountsByUnit(
  ctx: ServiceContext,
): Promise<{ unitId: number; unit: string; overdueHazards: number; lateComplaints: number }[]> {
  const now = ctx.clock.now()
  const [lateHazards, lateComplaints] = await Promise.all([
    ctx.db
      .select({ unitId: hazards.unitId, n: count() })
      .from(hazards)
      .where(and(inArray(hazards.status, [...UNDER_RECTIFICATION_STATUSES]), lt(hazards.rectifyDueAt, now)))
      .groupBy(hazards.unitId),
    ctx.db
      .select({ unitId: complaints.unitId, n: count() })
      .from(complaints)
      .where(and(inArray(complaints.status, [...OPEN_COMPLAINT_STATUSES]), lt(complaints.dueAt, now)))
      .groupBy(complaints.unitId),
  ])
  const byUnit = new Map<number, { overdueHazards: number; lateComplaints: number }>()
  const entry = (unitId: number) => {
    const found = byUnit.get(unitId) ?? { overdueHazards: 0, lateComplaints: 0 }
    byUnit.set(unitId, found)
    return found
  }
  for (const row of lateHazards) if (row.unitId !== null) entry(row.unitId).overdueHazards = row.n
  for (const row of lateComplaints) if (row.unitId !== null) entry(row.unitId).lateComplaints = row.n
  if (byUnit.size === 0) return []
  const names = await ctx.db
    .select({ id: units.id, name: units.name })
    .from(units)
    .where(inArray(units.id, [...byUnit.keys()]))
  return names
    .map((u) => ({
      unitId: u.id,
      unit: u.name,
      ...(byUnit.get(u.id) as { overdueHazards: number; lateComplaints: number }),
    }))
    .sort((a, b) => b.overdueHazards + b.lateComplaints - (a.overdueHazards + a.lateComplaints))
}
