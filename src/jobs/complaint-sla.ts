import { and, eq, inArray, lte } from 'drizzle-orm'
import { formatLocal } from '../conversation/format'
import { complaints, escalations } from '../db/schema'
import { CATEGORY_LABELS } from '../domain/categories'
import { OPEN_COMPLAINT_STATUSES } from '../domain/complaint-lifecycle'
import { ESCALATION_LEVEL_LABELS, type EscalationLevel, type SlaSettings, slaActions } from '../domain/complaint-sla'
import { describeDuration } from '../domain/durations'
import { maskPersonalInfo } from '../domain/privacy'
import { type QuietHours, releaseAt } from '../domain/quiet-hours'
import { notifyOnce, sendToPeople } from '../messaging/notify'
import type { ServiceContext } from '../services/context'
import { bureauLeader, dutyOfficerAt, unitHandlers, unitLeader } from '../services/recipients'

/**
 * The 1-day complaint limit, enforced: reminders to the unit, then the escalation chain. Open complaints
 * are claimed FOR UPDATE SKIP LOCKED, so a second replica running the same tick skips them; every message
 * also has a unique key. Escalations of overdue complaints ignore quiet hours.
 */
export async function runComplaintSla(ctx: ServiceContext, settings: SlaSettings, quiet: QuietHours): Promise<number> {
  const now = ctx.clock.now()
  return ctx.db.transaction(async (tx) => {
    const open = await tx
      .select()
      .from(complaints)
      .where(
        and(
          inArray(complaints.status, [...OPEN_COMPLAINT_STATUSES]),
          lte(complaints.receivedAt, new Date(now.getTime() - Math.min(settings.unacceptedAfterMs, 60_000))),
        ),
      )
      .for('update', { skipLocked: true })
    let sent = 0
    const escalated: Escalated[] = []
    for (const complaint of open) {
      const chain = await tx
        .select()
        .from(escalations)
        .where(and(eq(escalations.subjectType, 'complaint'), eq(escalations.subjectId, complaint.id)))
      for (const action of slaActions(complaint, chain, now, settings)) {
        const due = formatLocal(complaint.dueAt, ctx.timeZone, ctx.clock.now())
        const what = `投诉 ${complaint.code}（${CATEGORY_LABELS[complaint.category]}）`
        if (action.kind === 'escalate') {
          const item = await escalate(tx, complaint, action.level, now)
          if (item) escalated.push(item)
          continue
        }
        const recipients =
          complaint.unitId === null
            ? [await dutyOfficerAt(tx, now)].filter((x): x is number => x !== undefined)
            : await unitHandlers(tx, complaint.unitId)
        const text =
          action.kind === 'remind_unaccepted'
            ? `【待签收提醒】${what}尚未签收，请尽快签收办理，办理时限 ${due}。发送「签收 ${complaint.code}」签收。`
            : `【即将超时】${what}将于 ${due} 到期（已过时限的75%），请尽快办理并回复结果。`
        const ok = await notifyOnce(tx, now, {
          subjectType: 'complaint',
          subjectId: complaint.id,
          kind: action.kind,
          slot: action.slot,
          personIds: recipients,
          message: { type: 'text', text },
          notBefore: releaseAt(now, quiet, ctx.timeZone),
        })
        if (ok) sent++
      }
    }
    return sent + (await sendEscalationCards(tx, escalated, now))
  })
}

interface Escalated {
  escalationId: number
  target: number
  level: EscalationLevel
  complaint: typeof complaints.$inferSelect
}

const CARD_ITEMS = 10

/**
 * One card per person per run, however many complaints reached them: the most overdue first, how long
 * each is late in words, and one 确认收到 for all of them (the typed 「确认收到 TS…」 still takes one).
 */
async function sendEscalationCards(tx: ServiceContext['db'], escalated: Escalated[], now: Date): Promise<number> {
  const byPerson = new Map<number, Escalated[]>()
  for (const item of escalated) byPerson.set(item.target, [...(byPerson.get(item.target) ?? []), item])
  for (const [target, items] of byPerson) {
    items.sort((a, b) => a.complaint.dueAt.getTime() - b.complaint.dueAt.getTime())
    const levels = [...new Set(items.map((i) => ESCALATION_LEVEL_LABELS[i.level]))].join('、')
    const lines = items.slice(0, CARD_ITEMS).map((i) => {
      const late = describeDuration(now.getTime() - i.complaint.dueAt.getTime())
      const about = maskPersonalInfo(i.complaint.description).slice(0, 30)
      return `· ${i.complaint.code} ${CATEGORY_LABELS[i.complaint.category]}：${about}（超时 ${late}）`
    })
    if (items.length > CARD_ITEMS) lines.push(`…另有 ${items.length - CARD_ITEMS} 件，发送「我的待办」查看全部。`)
    const first = items[0] as Escalated
    await sendToPeople(
      tx,
      now,
      [target],
      {
        type: 'card',
        title:
          items.length === 1
            ? `【超时升级·${levels}】投诉 ${first.complaint.code}`
            : `【超时升级·${levels}】${items.length} 件投诉超过1天办理时限`,
        description: `${lines.join('\n')}\n请督促责任单位尽快办理。`,
        taskId: `escalation-${first.escalationId}`,
        buttons: [{ key: 'escalation.ack:all', text: '确认收到', style: 1 }],
        commandHint: '确认收到',
      },
      `escalation:${first.escalationId}`,
    )
  }
  return escalated.length
}

async function escalate(
  tx: ServiceContext['db'],
  complaint: typeof complaints.$inferSelect,
  level: EscalationLevel,
  now: Date,
): Promise<Escalated | undefined> {
  const target =
    level === 1
      ? await dutyOfficerAt(tx, now)
      : level === 2
        ? await unitLeader(tx, complaint.unitId)
        : await bureauLeader(tx)
  const [row] = await tx
    .insert(escalations)
    .values({
      subjectType: 'complaint',
      subjectId: complaint.id,
      level,
      notifiedPersonId: target ?? null,
      notifiedAt: now,
    })
    .onConflictDoNothing()
    .returning()
  if (!row) return undefined
  // A level with nobody to tell is recorded and passed over at the next tick (its 30 minutes run at once).
  if (target === undefined) {
    await tx
      .update(escalations)
      .set({ notifiedAt: new Date(now.getTime() - 24 * 3_600_000) })
      .where(eq(escalations.id, row.id))
    return undefined
  }
  return { escalationId: row.id, target, level, complaint }
}
