import { and, eq } from 'drizzle-orm'
import { formatLocal } from '../conversation/format'
import { identities, people, units } from '../db/schema'
import { CATEGORY_LABELS } from '../domain/categories'
import { HAZARD_LEVEL_LABELS } from '../domain/hazard-lifecycle'
import { enqueue } from '../messaging/outbox'
import type { ServiceContext } from './context'
import type { HazardRow } from './hazards'

/** Tells the responsible unit's handlers about a hazard assigned to them, on every chat they are bound on. */
export async function notifyHazardAssignment(ctx: ServiceContext, hazard: HazardRow): Promise<number> {
  if (hazard.unitId === null) return 0
  const handlers = await ctx.db
    .select({ identity: identities })
    .from(people)
    .innerJoin(identities, eq(identities.personId, people.id))
    .where(and(eq(people.unitId, hazard.unitId), eq(people.role, 'unit_handler'), eq(people.active, true)))
  const due = hazard.rectifyDueAt ? `\n整改期限：${formatLocal(hazard.rectifyDueAt, ctx.timeZone)}` : ''
  const text = `【隐患交办】${hazard.code}（${CATEGORY_LABELS[hazard.category]}，${HAZARD_LEVEL_LABELS[hazard.level]}）\n${hazard.description}${hazard.locationText ? `\n地点：${hazard.locationText}` : ''}${due}\n整改完成后请发送「整改 ${hazard.code}」反馈。`
  let sent = 0
  for (const { identity } of handlers) {
    if (identity.channel === 'mp' || identity.channel === 'wecom-robot') continue
    await enqueue(ctx.db, ctx.clock.now(), {
      channel: identity.channel,
      botId: identity.botId,
      recipient: { kind: 'user', externalId: identity.externalId },
      message: { type: 'text', text },
      dedupeKey: `hazard-assigned:${hazard.id}:${hazard.unitId}:${identity.id}`,
    })
    sent++
  }
  return sent
}

export async function unitName(ctx: ServiceContext, unitId: number | null): Promise<string> {
  if (unitId === null) return '待分派'
  const [unit] = await ctx.db.select({ name: units.name }).from(units).where(eq(units.id, unitId))
  return unit?.name ?? '待分派'
}
