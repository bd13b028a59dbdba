import { RuleViolation } from './errors'
import type { Actor } from './roles'

/**
 * What may happen to a saved patrol record: a team patrol's written report is registered as submitted
 * (by its own unit, or the supervising office); a record found to be wrong is voided — kept on the ledger
 * with the reason, left out of the figures — by a supervisor or an administrator; a reason naming 弄虚作假
 * marks it falsified.
 */
export type PatrolAction = { action: 'submit_report' } | { action: 'void'; reason: string }

export interface PatrolState {
  unitId: number
  reportDueAt: Date | null
  reportSubmittedAt: Date | null
  voidedAt: Date | null
}

export type PatrolChange = { reportSubmittedAt: Date } | { voidedAt: Date; voidReason: string; falsified: boolean }

/** Who voids a wrong patrol record: the supervising office and the administrators. */
export const PATROL_VOIDERS: ReadonlySet<Actor['role']> = new Set(['supervisor', 'admin'])

/** A record voided for 弄虚作假 (falsification) costs its unit 10 points (source 000 附件1 line 2-7). */
export const FALSIFIED = /弄虚作假/

export function patrolStep(patrol: PatrolState, command: PatrolAction, actor: Actor, now: Date): PatrolChange | null {
  if (patrol.voidedAt) throw new RuleViolation('invalid_transition', '该巡查记录已作废。')
  if (command.action === 'void') {
    if (!PATROL_VOIDERS.has(actor.role)) throw new RuleViolation('forbidden', '只有督查员或管理员可以作废巡查记录。')
    const reason = command.reason.trim()
    if (reason.length < 2) throw new RuleViolation('reason_required', '作废须说明原因。')
    return { voidedAt: now, voidReason: reason, falsified: FALSIFIED.test(reason) }
  }
  const mayAct = actor.role === 'admin' || actor.role === 'supervisor' || actor.unitId === patrol.unitId
  if (!mayAct) throw new RuleViolation('forbidden', '只能为本单位的巡查提交报告。')
  if (!patrol.reportDueAt) throw new RuleViolation('invalid_transition', '该巡查没有待提交的巡查组报告。')
  // Submitting twice is harmless: the first submission's time stands.
  return patrol.reportSubmittedAt ? null : { reportSubmittedAt: now }
}

/**
 * Source 000 二: patrols are routine (常态化, 日常巡查), and may also be focused (重点巡查) or held in a special
 * period (特护期巡查: holidays, floods, major events).
 */
export const PATROL_FOCUSES = ['routine', 'focused', 'special_period'] as const
export type PatrolFocus = (typeof PATROL_FOCUSES)[number]
export const PATROL_FOCUS_LABELS: Record<PatrolFocus, string> = {
  routine: '日常巡查',
  focused: '重点巡查',
  special_period: '特护期巡查',
}

/** What a report's words say the patrol was: 特护期 or 重点 when said, routine otherwise. */
export function patrolFocusOf(text: string): PatrolFocus {
  if (/特护期|特护/.test(text)) return 'special_period'
  if (/重点巡查|重点巡|重点检查|专项巡查/.test(text)) return 'focused'
  return 'routine'
}

/** Source 001: a patrol team (巡查组) has 3 to 5 people, its leader (组长) included. */
export const TEAM_SIZE = { min: 3, max: 5 } as const

/** Everyone on a team, the leader first, each once. */
export function teamMembers(leader: string, members: string): string[] {
  const seen = new Set<string>()
  for (const name of [leader, ...members.split(/[、,，;；/\s]+/)]) {
    const trimmed = name.trim()
    if (trimmed && trimmed !== '无') seen.add(trimmed)
  }
  return [...seen]
}

/** Why a team's size breaks the rule, or undefined when it keeps it. */
export function teamSizeProblem(size: number): string | undefined {
  if (size >= TEAM_SIZE.min && size <= TEAM_SIZE.max) return undefined
  return `巡查组由${TEAM_SIZE.min}至${TEAM_SIZE.max}人组成（含组长），现为${size}人。`
}
