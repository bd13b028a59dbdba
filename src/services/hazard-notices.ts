import { formatLocal } from '../conversation/format'
import { CATEGORY_LABELS } from '../domain/categories'
import { HAZARD_LEVEL_LABELS } from '../domain/hazard-lifecycle'
import { sendToPeople } from '../messaging/notify'
import type { ServiceContext } from './context'
import type { HazardRow } from './hazards'
import { unitHandlers } from './recipients'
import { findUnitName } from './units'

/** Tells the responsible unit's handlers about a hazard assigned to them, on every chat they are bound on. */
export async function notifyHazardAssignment(ctx: ServiceContext, hazard: HazardRow): Promise<number> {
  if (hazard.unitId === null) return 0
  const due = hazard.rectifyDueAt
    ? `\n整改期限：${formatLocal(hazard.rectifyDueAt, ctx.timeZone, ctx.clock.now())}`
    : ''
  const where = hazard.locationText ? `\n地点：${hazard.locationText}` : ''
  const text = `【隐患交办】${hazard.code}（${CATEGORY_LABELS[hazard.category]}，${HAZARD_LEVEL_LABELS[hazard.level]}）\n${hazard.description}${where}${due}\n整改完成后请发送「整改 ${hazard.code}」反馈。`
  return sendToPeople(
    ctx.db,
    ctx.clock.now(),
    await unitHandlers(ctx.db, hazard.unitId),
    { type: 'text', text },
    `hazard-assigned:${hazard.id}:${hazard.unitId}`,
  )
}

/** 延期: the unit that rectifies is told its new deadline and why. */
export async function notifyDeadlineExtended(ctx: ServiceContext, hazard: HazardRow, reason: string): Promise<number> {
  if (hazard.unitId === null || !hazard.rectifyDueAt) return 0
  const due = formatLocal(hazard.rectifyDueAt, ctx.timeZone, ctx.clock.now())
  return sendToPeople(
    ctx.db,
    ctx.clock.now(),
    await unitHandlers(ctx.db, hazard.unitId),
    { type: 'text', text: `【整改延期】隐患 ${hazard.code} 的整改期限延至 ${due}。原因：${reason}` },
    `hazard-extended:${hazard.id}:${hazard.rectifyDueAt.toISOString()}`,
  )
}

export async function unitName(ctx: ServiceContext, unitId: number | null): Promise<string> {
  return (await findUnitName(ctx.db, unitId)) ?? '待分派'
}
