import { and, eq, isNull } from 'drizzle-orm'
import { z } from 'zod'
import type { Database } from '../db/client'
import { escalations, hazardEvents, hazards, routingRules } from '../db/schema'
import type { WorkingCalendar } from '../domain/calendar'
import { CATEGORIES } from '../domain/categories'
import { DEFAULT_RECTIFY_DAYS, emergencyReportDeadline, rectificationDeadline } from '../domain/deadlines'
import { RuleViolation } from '../domain/errors'
import { HAZARD_LEVELS, type HazardCommand, type HazardState, transitionHazard } from '../domain/hazard-lifecycle'
import { localDate } from '../domain/local-time'
import { type Actor, SYSTEM_ACTOR } from '../domain/roles'
import { routeCategory } from '../domain/routing'
import { nextCode } from './codes'
import { tellCitizenHazardClosed } from './complaint-hazards'
import type { ServiceContext } from './context'
import { notifyDeadlineExtended, notifyHazardAssignment } from './hazard-notices'
import { pushMajorHazard } from './major-hazards'
import { linkMedia } from './media'
import { assertActiveUnit } from './units'

export type HazardRow = typeof hazards.$inferSelect

export const ReportHazardInput = z.object({
  description: z.string().trim().min(1, '请描述隐患情况'),
  category: z.enum(CATEGORIES),
  level: z.enum(HAZARD_LEVELS).default('general'),
  locationText: z.string().trim().min(1).optional(),
  latitude: z.number().min(-90).max(90).optional(),
  longitude: z.number().min(-180).max(180).optional(),
  foundAt: z.date().optional(),
  patrolId: z.number().int().optional(),
  foundByUnitId: z.number().int().optional(),
  emergencyDisposedAt: z.date().optional(),
  mediaIds: z.array(z.number().int()).default([]),
})
export type ReportHazardInput = z.input<typeof ReportHazardInput>

/**
 * Records a newly found hazard. A general hazard whose category has a routing rule is assigned to the
 * responsible unit at once; a major hazard waits in 'reported' until a supervisor supplies the five fixes.
 */
export async function reportHazard(args: {
  ctx: ServiceContext
  input: ReportHazardInput
  actor: Actor
}): Promise<HazardRow> {
  const { ctx, actor } = args
  const input = ReportHazardInput.parse(args.input)
  const now = ctx.clock.now()
  // A hazard is recorded once found: a time still to come is a mistake (a wrong year, a wrong clock), not a plan.
  if (input.foundAt && input.foundAt.getTime() > now.getTime())
    throw new RuleViolation('future_time', '发现时间不能晚于现在。')
  if (input.emergencyDisposedAt && input.emergencyDisposedAt.getTime() > now.getTime())
    throw new RuleViolation('future_time', '应急处置时间不能晚于现在。')
  const calendar = input.emergencyDisposedAt ? await ctx.calendar.get() : undefined
  return ctx.db.transaction(async (tx) => {
    const db: Database = tx
    const code = await nextCode(db, 'hazard', now, ctx.timeZone)
    const emergency =
      input.emergencyDisposedAt && calendar
        ? emergencyReportDeadline(calendar, input.emergencyDisposedAt, ctx.timeZone)
        : undefined
    const [row] = await db
      .insert(hazards)
      .values({
        code,
        patrolId: input.patrolId,
        reporterId: actor.personId,
        foundByUnitId: input.foundByUnitId ?? actor.unitId,
        category: input.category,
        level: input.level,
        description: input.description,
        locationText: input.locationText,
        latitude: input.latitude,
        longitude: input.longitude,
        foundAt: input.foundAt ?? now,
        emergencyDisposedAt: input.emergencyDisposedAt,
        emergencyReportDueAt: emergency?.dueAt,
        emergencyReportDueProvisional: emergency?.provisional ?? false,
        createdAt: now,
        updatedAt: now,
      })
      .returning()
    if (!row) throw new Error('hazard insert returned no row')
    await db.insert(hazardEvents).values({
      hazardId: row.id,
      kind: 'reported',
      toStatus: 'reported',
      actorId: actor.personId,
      actorRole: actor.role,
      mediaIds: input.mediaIds,
      at: now,
    })
    // The photos the step names belong to the hazard from now on (the console shows them by step).
    await linkMedia(db, input.mediaIds, { type: 'hazard', id: row.id })
    // A major hazard is pushed at once to the supervising office, the duty officer and the leaders.
    if (input.level === 'major') await pushMajorHazard({ ...ctx, db }, row)
    if (input.level === 'general') {
      const decision = routeCategory(input.category, await db.select().from(routingRules))
      if (decision.routed) {
        return applyInTransaction(db, ctx, row, { action: 'assign', unitId: decision.unitId }, SYSTEM_ACTOR, {})
      }
    }
    return row
  })
}

export interface HazardCommandOptions {
  /**
   * For 'assign': the rectification deadline (a major hazard's 五落实 时限); when absent, the category's period
   * from the routing table (30 days by default).
   */
  rectifyDueAt?: Date
  /** For 'emergency_disposal': when it was carried out (now when absent; never in the future). */
  disposedAt?: Date
  mediaIds?: number[]
}

export async function applyHazardCommand(args: {
  ctx: ServiceContext
  hazardId: number
  command: HazardCommand
  actor: Actor
  options?: HazardCommandOptions
}): Promise<HazardRow> {
  const { ctx } = args
  // The working calendar is read before the transaction (an emergency disposal's 3-working-day clock): on
  // the embedded database a read outside the transaction would wait for it.
  const calendar = args.command.action === 'emergency_disposal' ? await ctx.calendar.get() : undefined
  return ctx.db.transaction(async (tx) => {
    const db: Database = tx
    const [current] = await db.select().from(hazards).where(eq(hazards.id, args.hazardId)).for('update')
    if (!current) throw new RuleViolation('not_found', '未找到该隐患。')
    return applyInTransaction(db, ctx, current, args.command, args.actor, { ...args.options, calendar })
  })
}

async function applyInTransaction(
  db: Database,
  ctx: ServiceContext,
  current: HazardRow,
  command: HazardCommand,
  actor: Actor,
  options: HazardCommandOptions & { calendar?: WorkingCalendar },
): Promise<HazardRow> {
  const now = ctx.clock.now()
  const state: HazardState = {
    status: current.status,
    level: current.level,
    unitId: current.unitId,
    foundByUnitId: current.foundByUnitId,
    listedSupervision: current.listedSupervision,
    fiveFixes: current.fiveFixes,
    majorAckAt: current.majorAckAt,
    emergencyDisposedAt: current.emergencyDisposedAt,
  }
  const { next, event } = transitionHazard(state, command, actor)
  const changes: Partial<typeof hazards.$inferInsert> = {
    status: next.status,
    level: next.level,
    unitId: next.unitId,
    listedSupervision: next.listedSupervision,
    fiveFixes: next.fiveFixes,
    updatedAt: now,
  }
  const data: Record<string, unknown> = {}
  let closedFromComplaint = false
  switch (command.action) {
    case 'assign': {
      const [rule] = await db
        .select({ rectifyDays: routingRules.rectifyDays })
        .from(routingRules)
        .where(eq(routingRules.category, current.category))
      const deadline = rectificationDeadline(
        now,
        options.rectifyDueAt,
        rule?.rectifyDays ?? DEFAULT_RECTIFY_DAYS,
        ctx.timeZone,
      )
      if (!deadline.ok) throw new RuleViolation('invalid_deadline', '整改期限须晚于当前时间。')
      await assertActiveUnit(db, command.unitId)
      changes.assignedAt = now
      changes.rectifyDueAt = deadline.dueAt
      data.unitId = command.unitId
      data.rectifyDueAt = deadline.dueAt.toISOString()
      break
    }
    case 'report_rectification':
      changes.rectifiedAt = now
      break
    case 'verify_fail':
      changes.rectifiedAt = null
      break
    case 'verify_pass':
      changes.closedAt = now
      closedFromComplaint = current.complaintId !== null
      break
    case 'void':
      changes.voidReason = event.note
      break
    case 'list_supervision':
      changes.listingLevel = command.level
      data.listingLevel = command.level
      break
    case 'delist_supervision':
      changes.listingLevel = null
      break
    case 'acknowledge':
      changes.majorAckAt = now
      changes.majorAckById = actor.personId
      // 接报 stops the escalation chain of the push, whoever in it acknowledges.
      await db
        .update(escalations)
        .set({ ackAt: now, ackById: actor.personId })
        .where(
          and(eq(escalations.subjectType, 'hazard'), eq(escalations.subjectId, current.id), isNull(escalations.ackAt)),
        )
      break
    case 'emergency_disposal': {
      const disposedAt = options.disposedAt ?? now
      if (disposedAt.getTime() > now.getTime()) throw new RuleViolation('invalid_time', '处置时间不能晚于现在。')
      if (!options.calendar) throw new Error('emergency disposal needs the working calendar')
      // Source 000 四 2: the written report to 安监科 within 3 working days after the disposal.
      const due = emergencyReportDeadline(options.calendar, disposedAt, ctx.timeZone)
      changes.emergencyDisposedAt = disposedAt
      changes.emergencyReportDueAt = due.dueAt
      changes.emergencyReportDueProvisional = due.provisional
      data.disposedAt = disposedAt.toISOString()
      data.reportDueAt = due.dueAt.toISOString()
      break
    }
    case 'extend': {
      // More time, never less: a new deadline later than the one it replaces, and still to come.
      const before = current.rectifyDueAt
      if (command.newDueAt.getTime() <= now.getTime() || (before && command.newDueAt.getTime() <= before.getTime()))
        throw new RuleViolation('invalid_deadline', '新的整改期限须晚于原期限和当前时间。')
      changes.rectifyDueAt = command.newDueAt
      // A major hazard's 五落实 时限 is its deadline: it moves with it, so the record never shows two.
      if (current.fiveFixes?.timeLimit)
        changes.fiveFixes = {
          ...current.fiveFixes,
          timeLimit: `${localDate(command.newDueAt, ctx.timeZone)}前完成（延期）`,
        }
      data.previousDueAt = before?.toISOString() ?? null
      data.rectifyDueAt = command.newDueAt.toISOString()
      break
    }
    case 'reassign':
      await assertActiveUnit(db, command.unitId)
      changes.assignedAt = now
      data.previousUnitId = current.unitId
      data.unitId = command.unitId
      break
    default:
      break
  }
  const [updated] = await db.update(hazards).set(changes).where(eq(hazards.id, current.id)).returning()
  if (!updated) throw new Error('hazard update returned no row')
  // The unit it now belongs to, or the new deadline, is told in the same transaction as the change.
  if (command.action === 'reassign') await notifyHazardAssignment({ ...ctx, db }, updated)
  if (command.action === 'extend') await notifyDeadlineExtended({ ...ctx, db }, updated, event.note ?? '')
  // Regraded to major: pushed as a newly reported major hazard is.
  if (command.action === 'regrade' && updated.level === 'major') await pushMajorHazard({ ...ctx, db }, updated)
  // 销号 of a hazard made from a complaint: the citizen hears it in the same transaction.
  if (closedFromComplaint) await tellCitizenHazardClosed({ ...ctx, db }, updated)
  await db.insert(hazardEvents).values({
    hazardId: current.id,
    kind: event.kind,
    fromStatus: event.fromStatus,
    toStatus: event.toStatus,
    actorId: actor.personId,
    actorRole: actor.role,
    note: event.note,
    mediaIds: options.mediaIds ?? [],
    data: Object.keys(data).length > 0 ? data : null,
    at: now,
  })
  await linkMedia(db, options.mediaIds ?? [], { type: 'hazard', id: current.id })
  return updated
}

export async function hazardTimeline(db: Database, hazardId: number) {
  return db
    .select()
    .from(hazardEvents)
    .where(eq(hazardEvents.hazardId, hazardId))
    .orderBy(hazardEvents.at, hazardEvents.id)
}
