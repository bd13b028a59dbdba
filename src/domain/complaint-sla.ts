import type { ComplaintStatus } from './complaint-lifecycle'

/**
 * The 1-day complaint limit as a schedule: remind the unit when a complaint is still unaccepted after a
 * while (default 2 h) and again at 75 % of the limit; at the limit escalate to the duty officer, then —
 * each level unacknowledged for 30 min — to the unit's leader, then to the bureau leader. An
 * acknowledgement at any level stops the chain.
 */
export interface SlaSettings {
  unacceptedAfterMs: number
  secondReminderFraction: number
  ackTimeoutMs: number
}

export const DEFAULT_SLA: SlaSettings = {
  unacceptedAfterMs: 2 * 3_600_000,
  secondReminderFraction: 0.75,
  ackTimeoutMs: 30 * 60_000,
}
export const ESCALATION_LEVELS = [1, 2, 3] as const
export type EscalationLevel = (typeof ESCALATION_LEVELS)[number]
export const ESCALATION_LEVEL_LABELS: Record<EscalationLevel, string> = { 1: '值班员', 2: '责任单位领导', 3: '局领导' }

export interface SlaComplaint {
  status: ComplaintStatus
  receivedAt: Date
  dueAt: Date
}

export interface SlaEscalation {
  level: number
  notifiedAt: Date
  ackAt: Date | null
}

export type SlaAction =
  | { kind: 'remind_unaccepted'; slot: 'unaccepted' }
  | { kind: 'remind_75'; slot: 'p75' }
  | { kind: 'escalate'; level: EscalationLevel; slot: string }

const OPEN: readonly ComplaintStatus[] = ['received', 'assigned', 'accepted']

export function slaActions(
  complaint: SlaComplaint,
  escalations: readonly SlaEscalation[],
  now: Date,
  settings: SlaSettings = DEFAULT_SLA,
): SlaAction[] {
  if (!OPEN.includes(complaint.status)) return []
  const actions: SlaAction[] = []
  const t = now.getTime()
  const received = complaint.receivedAt.getTime()
  const limit = complaint.dueAt.getTime() - received
  const unaccepted = complaint.status !== 'accepted'
  if (unaccepted && t >= received + settings.unacceptedAfterMs && t < complaint.dueAt.getTime()) {
    actions.push({ kind: 'remind_unaccepted', slot: 'unaccepted' })
  }
  if (t >= received + limit * settings.secondReminderFraction && t < complaint.dueAt.getTime())
    actions.push({ kind: 'remind_75', slot: 'p75' })
  if (t < complaint.dueAt.getTime()) return actions
  if (escalations.some((e) => e.ackAt !== null)) return actions
  const highest = escalations.reduce<SlaEscalation | undefined>(
    (top, e) => (!top || e.level > top.level ? e : top),
    undefined,
  )
  if (!highest) return [...actions, { kind: 'escalate', level: 1, slot: 'L1' }]
  if (highest.level < 3 && t >= highest.notifiedAt.getTime() + settings.ackTimeoutMs) {
    const level = (highest.level + 1) as EscalationLevel
    actions.push({ kind: 'escalate', level, slot: `L${level}` })
  }
  return actions
}
