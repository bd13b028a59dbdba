import { inArray } from 'drizzle-orm'
import { formatLocal } from '../conversation/format'
import { hazards } from '../db/schema'
import { CATEGORY_LABELS } from '../domain/categories'
import { HAZARD_LEVEL_LABELS, UNDER_RECTIFICATION_STATUSES } from '../domain/hazard-lifecycle'
import { hazardReminders } from '../domain/hazard-reminders'
import { type QuietHours, releaseAt } from '../domain/quiet-hours'
import { notifyOnce } from '../messaging/notify'
import type { ServiceContext } from '../services/context'
import { dutyOfficerAt, leaders, unitHandlers, unitLeader } from '../services/recipients'

/** Rectification deadlines: reminders to the unit, overdue major hazards to the duty officer and leaders. */
export async function runHazardReminders(ctx: ServiceContext, quiet: QuietHours): Promise<number> {
  const now = ctx.clock.now()
  const release = releaseAt(now, quiet, ctx.timeZone)
  return ctx.db.transaction(async (tx) => {
    const open = await tx
      .select()
      .from(hazards)
      .where(inArray(hazards.status, [...UNDER_RECTIFICATION_STATUSES]))
      .for('update', { skipLocked: true })
    let sent = 0
    for (const hazard of open) {
      const due = hazard.rectifyDueAt ? formatLocal(hazard.rectifyDueAt, ctx.timeZone, ctx.clock.now()) : '未定'
      const what = `隐患 ${hazard.code}（${CATEGORY_LABELS[hazard.category]}，${HAZARD_LEVEL_LABELS[hazard.level]}）${hazard.description.slice(0, 40)}`
      for (const reminder of hazardReminders(hazard, now, ctx.timeZone)) {
        let text: string
        let people: number[]
        switch (reminder.kind) {
          case 'before_due':
            text = `【整改提醒】${what}，整改期限 ${due}，还剩 ${reminder.daysLeft} 天。完成后请发送「整改 ${hazard.code}」反馈。`
            people = await unitHandlers(tx, hazard.unitId)
            break
          case 'due_today':
            text = `【今日到期】${what}，整改期限为今天 ${due}，请按时完成并反馈。`
            people = await unitHandlers(tx, hazard.unitId)
            break
          case 'overdue':
            text = `【已超期】${what}，整改期限 ${due}，已超期 ${reminder.daysOverdue} 天，请立即整改。`
            people = await unitHandlers(tx, hazard.unitId)
            break
          case 'overdue_major':
            text = `【重大隐患超期】${what}，整改期限 ${due}，已超期未整改，请督办。`
            people = [await dutyOfficerAt(tx, now), await unitLeader(tx, hazard.unitId), ...(await leaders(tx))].filter(
              (x): x is number => x !== undefined,
            )
            break
          case 'listed_weekly':
            text = `【挂牌督办周提醒】${what}，整改期限 ${due}，请报告本周整改进展。`
            people = await unitHandlers(tx, hazard.unitId)
            break
        }
        const ok = await notifyOnce(tx, now, {
          subjectType: 'hazard',
          subjectId: hazard.id,
          kind: reminder.kind,
          slot: reminder.slot,
          personIds: people,
          message: { type: 'text', text },
          // Overdue major hazards are escalations: they do not wait for the morning.
          notBefore: reminder.kind === 'overdue_major' ? now : release,
        })
        if (ok) sent++
      }
    }
    return sent
  })
}
