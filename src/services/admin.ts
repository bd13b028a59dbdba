import { and, desc, eq, gte, isNull, notInArray } from 'drizzle-orm'
import { z } from 'zod'
import { auditLog, dutyRoster, identities, people, routingRules } from '../db/schema'
import { CATEGORIES } from '../domain/categories'
import { RuleViolation } from '../domain/errors'
import type { ServiceContext } from './context'

/**
 * Administration: each change and its audit entry (who, what, before, after) in one transaction.
 */
export interface AdminActor {
  personId: number | null
  label: string
}

export const BindIdentityInput = z.object({
  identityId: z.coerce.number().int().positive(),
  personId: z.coerce.number().int().positive(),
})
export const RoutingInput = z.object({ category: z.enum(CATEGORIES), unitId: z.coerce.number().int().positive() })
export const DutyShiftInput = z.object({
  personId: z.coerce.number().int().positive(),
  startsAt: z.coerce.date(),
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
  return ctx.db.transaction(async (tx) => {
    const [person] = await tx.select().from(people).where(eq(people.id, personId))
    if (!person || person.role === 'citizen') throw new RuleViolation('invalid_person', '请选择一名工作人员。')
    const [before] = await tx.select().from(identities).where(eq(identities.id, identityId)).for('update')
    if (!before) throw new RuleViolation('not_found', '未找到该账号。')
    const [after] = await tx.update(identities).set({ personId }).where(eq(identities.id, identityId)).returning()
    await tx.insert(auditLog).values({
      actorId: actor.personId,
      actorLabel: actor.label,
      action: 'bind_identity',
      entity: 'identity',
      entityId: String(identityId),
      before,
      after,
      at: ctx.clock.now(),
    })
    return after
  })
}

export async function setRouting(ctx: ServiceContext, actor: AdminActor, input: z.input<typeof RoutingInput>) {
  const { category, unitId } = RoutingInput.parse(input)
  return ctx.db.transaction(async (tx) => {
    const [before] = await tx.select().from(routingRules).where(eq(routingRules.category, category))
    const [after] = await tx
      .insert(routingRules)
      .values({ category, unitId, keywords: before?.keywords ?? [] })
      .onConflictDoUpdate({ target: routingRules.category, set: { unitId, updatedAt: ctx.clock.now() } })
      .returning()
    await tx.insert(auditLog).values({
      actorId: actor.personId,
      actorLabel: actor.label,
      action: 'set_routing',
      entity: 'routing',
      entityId: category,
      before: before ?? null,
      after,
      at: ctx.clock.now(),
    })
    return after
  })
}

export async function addDutyShift(ctx: ServiceContext, actor: AdminActor, input: z.input<typeof DutyShiftInput>) {
  const { personId, startsAt, hours } = DutyShiftInput.parse(input)
  return ctx.db.transaction(async (tx) => {
    const [person] = await tx.select().from(people).where(eq(people.id, personId))
    if (person?.role !== 'duty_officer') throw new RuleViolation('invalid_person', '请选择一名值班员。')
    const [after] = await tx
      .insert(dutyRoster)
      .values({ personId, startsAt, endsAt: new Date(startsAt.getTime() + hours * 3_600_000) })
      .returning()
    await tx.insert(auditLog).values({
      actorId: actor.personId,
      actorLabel: actor.label,
      action: 'add_duty_shift',
      entity: 'duty_roster',
      entityId: String(after?.id),
      after,
      at: ctx.clock.now(),
    })
    return after
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
