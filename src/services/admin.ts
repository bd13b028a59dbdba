import { and, desc, eq, gte, isNull, notInArray } from 'drizzle-orm'
import { z } from 'zod'
import { auditLog, dutyRoster, identities, people, routingRules, units } from '../db/schema'
import { CATEGORIES } from '../domain/categories'
import { RuleViolation } from '../domain/errors'
import { rowId, storableDate } from '../domain/storable'
import { type AdminActor, audited } from './audit'
import type { ServiceContext } from './context'

/**
 * Administration of who is who on the chats, routing and the duty roster: each change and its audit
 * entry in one transaction. Units, people and groups are in org-admin.ts; reminder timing in settings.ts.
 */
export type { AdminActor } from './audit'

export const BindIdentityInput = z.object({
  identityId: rowId(),
  personId: rowId(),
})
export const RoutingInput = z.object({
  category: z.enum(CATEGORIES),
  unitId: rowId(),
  /** A general hazard's default rectification period for the category (days). */
  rectifyDays: z.coerce
    .number()
    .int('整改期限请填整数天')
    .min(1, '整改期限至少1天')
    .max(365, '整改期限最长365天')
    .default(30),
})
export const DutyShiftInput = z.object({
  personId: rowId(),
  startsAt: storableDate(),
  hours: z.coerce.number().int().min(1).max(72).default(24),
})

export async function unboundIdentities(ctx: ServiceContext) {
  return ctx.db
    .select()
    .from(identities)
    .where(and(isNull(identities.personId), notInArray(identities.channel, ['mp', 'console', 'open311'])))
    .orderBy(desc(identities.lastSeenAt))
}

export async function bindIdentity(ctx: ServiceContext, actor: AdminActor, input: z.input<typeof BindIdentityInput>) {
  const { identityId, personId } = BindIdentityInput.parse(input)
  return audited(ctx, actor, { action: 'bind_identity', entity: 'identity' }, async (tx) => {
    const [person] = await tx.select().from(people).where(eq(people.id, personId))
    if (!person || person.role === 'citizen') throw new RuleViolation('invalid_person', '请选择一名工作人员。')
    const [before] = await tx.select().from(identities).where(eq(identities.id, identityId)).for('update')
    if (!before) throw new RuleViolation('not_found', '未找到该账号。')
    const [after] = await tx.update(identities).set({ personId }).where(eq(identities.id, identityId)).returning()
    return { entityId: String(identityId), before, after }
  })
}

export async function setRouting(ctx: ServiceContext, actor: AdminActor, input: z.input<typeof RoutingInput>) {
  const { category, unitId, rectifyDays } = RoutingInput.parse(input)
  return audited(ctx, actor, { action: 'set_routing', entity: 'routing' }, async (tx) => {
    const [unit] = await tx.select().from(units).where(eq(units.id, unitId))
    if (!unit?.active) throw new RuleViolation('invalid_unit', '请选择一个启用中的单位。')
    const [before] = await tx.select().from(routingRules).where(eq(routingRules.category, category))
    const [after] = await tx
      .insert(routingRules)
      .values({ category, unitId, rectifyDays, keywords: before?.keywords ?? [] })
      .onConflictDoUpdate({ target: routingRules.category, set: { unitId, rectifyDays, updatedAt: ctx.clock.now() } })
      .returning()
    return { entityId: category, before, after }
  })
}

export async function addDutyShift(ctx: ServiceContext, actor: AdminActor, input: z.input<typeof DutyShiftInput>) {
  const { personId, startsAt, hours } = DutyShiftInput.parse(input)
  return audited(ctx, actor, { action: 'add_duty_shift', entity: 'duty_roster' }, async (tx) => {
    const [person] = await tx.select().from(people).where(eq(people.id, personId))
    if (person?.role !== 'duty_officer') throw new RuleViolation('invalid_person', '请选择一名值班员。')
    const [after] = await tx
      .insert(dutyRoster)
      .values({ personId, startsAt, endsAt: new Date(startsAt.getTime() + hours * 3_600_000) })
      .returning()
    return { entityId: String(after?.id), after }
  })
}

export async function upcomingRoster(ctx: ServiceContext) {
  return ctx.db
    .select({ id: dutyRoster.id, startsAt: dutyRoster.startsAt, endsAt: dutyRoster.endsAt, name: people.name })
    .from(dutyRoster)
    .innerJoin(people, eq(people.id, dutyRoster.personId))
    .where(gte(dutyRoster.endsAt, ctx.clock.now()))
    .orderBy(dutyRoster.startsAt)
    .limit(14)
}

export async function recentAudit(ctx: ServiceContext, limit = 50) {
  return ctx.db.select().from(auditLog).orderBy(desc(auditLog.at), desc(auditLog.id)).limit(limit)
}
