import { asc, eq } from 'drizzle-orm'
import { PATROL_CHECKLIST } from '../../bots/patrol-checklist'
import type { Database } from '../db/client'
import { patrols, problemEvents, problemItems, teamChecklistResults } from '../db/schema'
import { reportBackDeadline } from '../domain/deadlines'
import { RuleViolation } from '../domain/errors'
import { teamMembers, teamSizeProblem } from '../domain/patrol-rules'
import { DISPOSITION_LABELS, nextProblemStatus, type ProblemCommand } from '../domain/problem-list'
import type { Actor } from '../domain/roles'
import { nextCode } from './codes'
import type { ServiceContext } from './context'
import { linkMedia } from './media'
import { recordPatrol } from './patrols'
import { assertActiveUnit } from './units'

/**
 * A patrol team's patrol (巡查组, source 001) with the source 003 checklist: the team of 3–5, the unit or town
 * inspected, the dates, each checklist item's answer; every 不符合 opens an item on the team's problem list.
 * The team's written report is due 5 working days after the patrol (as any team patrol).
 */
export interface TeamPatrolInput {
  teamName: string
  teamLeader: string
  members: string
  target: string
  startedAt: Date
  endedAt: Date
  results: { itemId: string; verdict: 'pass' | 'fail' | 'na'; note?: string; mediaIds?: number[] }[]
}

export async function recordTeamPatrol(ctx: ServiceContext, input: TeamPatrolInput, actor: Actor) {
  if (actor.unitId === null) throw new RuleViolation('no_unit', '您的账号未关联单位，无法登记巡查组巡查。')
  await assertActiveUnit(ctx.db, actor.unitId)
  const team = teamMembers(input.teamLeader, input.members)
  const sizeProblem = teamSizeProblem(team.length)
  if (sizeProblem) throw new RuleViolation('team_size', sizeProblem)
  const known = new Set(PATROL_CHECKLIST.map((i) => i.id))
  const unknown = input.results.find((r) => !known.has(r.itemId))
  if (unknown) throw new RuleViolation('unknown_item', `检查表中没有第 ${unknown.itemId} 项。`)
  // The 5-working-day report reads the calendar: loaded before the transaction.
  await ctx.calendar.get()
  return ctx.db.transaction(async (tx) => {
    const txCtx = { ...ctx, db: tx as Database }
    const { patrol } = await recordPatrol({
      ctx: txCtx,
      input: {
        kind: 'team',
        unitId: actor.unitId as number,
        startedAt: input.startedAt,
        endedAt: input.endedAt,
        area: input.target,
        patrollers: team.join('、'),
        teamLeader: team[0],
        staffCount: team.length,
        vehicleCount: 0,
      },
      actor,
    })
    const [named] = await tx
      .update(patrols)
      .set({ teamName: input.teamName })
      .where(eq(patrols.id, patrol.id))
      .returning()
    const now = ctx.clock.now()
    const problems = []
    for (const result of input.results) {
      await tx.insert(teamChecklistResults).values({
        patrolId: patrol.id,
        itemId: result.itemId,
        verdict: result.verdict,
        note: result.note?.trim() || null,
        mediaIds: result.mediaIds ?? [],
      })
      // The item's photos are the patrol's evidence.
      await linkMedia(tx, result.mediaIds ?? [], { type: 'patrol', id: patrol.id })
      if (result.verdict !== 'fail') continue
      const item = PATROL_CHECKLIST.find((i) => i.id === result.itemId)
      const [problem] = await tx
        .insert(problemItems)
        .values({
          code: await nextCode(tx, 'problem', now, ctx.timeZone),
          patrolId: patrol.id,
          checklistItemId: result.itemId,
          description: `【${item?.topic ?? ''}】${result.note?.trim() || item?.text || ''}`,
          createdAt: now,
        })
        .returning()
      if (!problem) throw new Error('problem insert returned no row')
      await tx
        .insert(problemEvents)
        .values({ problemId: problem.id, kind: 'listed', toStatus: 'listed', actorId: actor.personId, at: now })
      problems.push(problem)
    }
    return { patrol: named ?? patrol, problems }
  })
}

/** One step of a problem on the list, under the rules of the closed loop, with its event. */
export async function applyProblemStep(ctx: ServiceContext, problemId: number, command: ProblemCommand, actor: Actor) {
  return ctx.db.transaction(async (tx) => {
    const [current] = await tx.select().from(problemItems).where(eq(problemItems.id, problemId)).for('update')
    if (!current) throw new RuleViolation('not_found', '未找到该问题。')
    const now = ctx.clock.now()
    const status = nextProblemStatus(current, command, actor, now)
    const changes: Partial<typeof problemItems.$inferInsert> = { status }
    let note: string
    switch (command.action) {
      case 'diagnose':
        changes.cause = command.cause.trim()
        changes.problemCategory = command.category.trim()
        note = `原因：${changes.cause}；类别：${changes.problemCategory}`
        break
      case 'classify':
        changes.disposition = command.disposition
        changes.dueAt = command.dueAt ?? null
        changes.transferTo = command.transferTo?.trim() || null
        note = `${DISPOSITION_LABELS[command.disposition]}${changes.transferTo ? `：${changes.transferTo}` : ''}`
        break
      case 'hand_over':
        changes.handedOverTo = command.to.trim()
        changes.reportBackDueAt = reportBackDeadline(now, ctx.timeZone)
        note = `移交：${changes.handedOverTo}`
        break
      case 'close':
        changes.closedAt = now
        changes.result = command.result.trim()
        note = changes.result
        break
    }
    const [updated] = await tx.update(problemItems).set(changes).where(eq(problemItems.id, problemId)).returning()
    await tx
      .insert(problemEvents)
      .values({ problemId, kind: command.action, toStatus: status, actorId: actor.personId, note, at: now })
    if (!updated) throw new Error('problem update returned no row')
    return updated
  })
}

/** A team patrol's checklist answers and problem list, for its page and report. */
export async function teamPatrolDetail(db: Database, patrolId: number) {
  const [results, problems] = await Promise.all([
    db.select().from(teamChecklistResults).where(eq(teamChecklistResults.patrolId, patrolId)),
    db.select().from(problemItems).where(eq(problemItems.patrolId, patrolId)).orderBy(asc(problemItems.id)),
  ])
  return { results, problems }
}
