import { formatLocal } from '../conversation/format'
import { postToGroups } from '../messaging/notify'
import type { ServiceContext } from './context'
import { notifyHazardAssignment } from './hazard-notices'
import type { HazardRow } from './hazards'
import type { PatrolRow } from './patrols'
import { groupsOf } from './recipients'

/**
 * After a patrol is saved (from chat or the API): each hazard found goes to its responsible unit, and a
 * short post goes to the patrol unit's group chat — hazards by number only, no personal details.
 */
export async function announcePatrol(ctx: ServiceContext, patrol: PatrolRow, hazards: HazardRow[]): Promise<void> {
  for (const hazard of hazards) await notifyHazardAssignment(ctx, hazard)
  const post = [
    `**【巡查】${patrol.code}** ${patrol.area}`,
    `${formatLocal(patrol.startedAt, ctx.timeZone, ctx.clock.now())}–${formatLocal(patrol.endedAt, ctx.timeZone, ctx.clock.now()).slice(-5)}，${patrol.patrollers}，出动 ${patrol.staffCount} 人 ${patrol.vehicleCount} 车`,
    hazards.length > 0 ? `发现隐患 ${hazards.length} 处：${hazards.map((h) => h.code).join('、')}` : '未发现隐患',
  ].join('\n')
  await postToGroups(
    ctx.db,
    ctx.clock.now(),
    await groupsOf(ctx.db, 'unit', [patrol.unitId]),
    { type: 'markdown', markdown: post },
    `patrol:${patrol.id}`,
  )
}
