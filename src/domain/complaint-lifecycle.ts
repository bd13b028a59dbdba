import { RuleViolation } from './errors'
import type { Actor, Role } from './roles'

/**
 * A citizen complaint: received → assigned → accepted (签收) → replied → closed, then an optional
 * satisfaction call-back (回访). It may instead be transferred to another unit, rejected as not the
 * bureau's business, or marked a duplicate of another ticket — each with a reason. Two clocks run:
 * sign-for (signDueAt) and the 1-day handling limit (dueAt); only a supervisor may extend the latter.
 */
export const COMPLAINT_STATUSES = [
  'received',
  'assigned',
  'accepted',
  'replied',
  'closed',
  'rejected',
  'duplicate',
] as const
export type ComplaintStatus = (typeof COMPLAINT_STATUSES)[number]

/** Not handled yet: the 1-day limit runs, and past it the complaint is overdue. */
export const OPEN_COMPLAINT_STATUSES = [
  'received',
  'assigned',
  'accepted',
] as const satisfies readonly ComplaintStatus[]

export function isComplaintOpen(status: ComplaintStatus): boolean {
  return (OPEN_COMPLAINT_STATUSES as readonly ComplaintStatus[]).includes(status)
}

export const COMPLAINT_STATUS_LABELS: Record<ComplaintStatus, string> = {
  received: '已受理',
  assigned: '已派单',
  accepted: '已签收',
  replied: '已答复',
  closed: '已办结',
  rejected: '不予受理',
  duplicate: '重复件',
}

export const COMPLAINT_ACTIONS = [
  'assign',
  'accept',
  'transfer',
  'reply',
  'close',
  'reject',
  'mark_duplicate',
  'extend',
  'callback',
  'to_hazard',
] as const
export type ComplaintAction = (typeof COMPLAINT_ACTIONS)[number]
/** Event kinds: every action, the receipt, and a handler's word on how the handling goes (办理进展). */
export const COMPLAINT_EVENT_KINDS = ['received', ...COMPLAINT_ACTIONS, 'progress'] as const
export type ComplaintEventKind = (typeof COMPLAINT_EVENT_KINDS)[number]
export const COMPLAINT_EVENT_LABELS: Record<ComplaintEventKind, string> = {
  received: '受理',
  assign: '派单',
  accept: '签收',
  transfer: '转办',
  reply: '答复',
  close: '办结',
  reject: '不予受理',
  mark_duplicate: '标记重复',
  extend: '延期',
  callback: '回访',
  to_hazard: '转为隐患',
  progress: '办理进展',
}

export const SATISFACTION_LEVELS = ['satisfied', 'basically_satisfied', 'dissatisfied'] as const
export type Satisfaction = (typeof SATISFACTION_LEVELS)[number]
export const SATISFACTION_LABELS: Record<Satisfaction, string> = {
  satisfied: '满意',
  basically_satisfied: '基本满意',
  dissatisfied: '不满意',
}

export interface ComplaintState {
  status: ComplaintStatus
  unitId: number | null
  receivedAt: Date
  signDueAt: Date
  dueAt: Date
  acceptedAt: Date | null
  repliedAt: Date | null
  closedAt: Date | null
  firstResponseAt: Date | null
  duplicateOfId: number | null
  satisfaction: Satisfaction | null
  /** The hazard record the complaint became, if it did. */
  hazardId?: number | null
}

export type ComplaintCommand =
  | { action: 'assign'; unitId: number }
  | { action: 'accept' }
  | { action: 'transfer'; unitId: number; reason: string }
  | { action: 'reply'; outcome: string }
  | { action: 'close' }
  | { action: 'reject'; reason: string }
  | { action: 'mark_duplicate'; duplicateOfId: number; reason: string }
  | { action: 'extend'; newDueAt: Date; reason: string }
  | { action: 'callback'; satisfaction: Satisfaction; note?: string }
  | { action: 'to_hazard'; hazardId: number; hazardCode: string }

interface Rule {
  from: readonly ComplaintStatus[]
  to: ComplaintStatus | 'same'
  roles: readonly (Role | 'system')[]
  ownUnitOnly?: readonly Role[]
}

const IN_HAND: readonly ComplaintStatus[] = ['received', 'assigned', 'accepted']
const DISPATCHERS = ['duty_officer', 'supervisor', 'admin', 'system'] as const

const RULES: Record<ComplaintAction, Rule> = {
  assign: { from: ['received'], to: 'assigned', roles: DISPATCHERS },
  accept: { from: ['assigned'], to: 'accepted', roles: ['unit_handler', 'admin'], ownUnitOnly: ['unit_handler'] },
  transfer: {
    from: ['assigned', 'accepted'],
    to: 'assigned',
    roles: ['unit_handler', ...DISPATCHERS],
    ownUnitOnly: ['unit_handler'],
  },
  reply: { from: ['accepted'], to: 'replied', roles: ['unit_handler', 'admin'], ownUnitOnly: ['unit_handler'] },
  close: { from: ['replied'], to: 'closed', roles: DISPATCHERS },
  reject: { from: IN_HAND, to: 'rejected', roles: DISPATCHERS },
  mark_duplicate: {
    from: IN_HAND,
    to: 'duplicate',
    roles: ['unit_handler', ...DISPATCHERS],
    ownUnitOnly: ['unit_handler'],
  },
  extend: { from: IN_HAND, to: 'same', roles: ['supervisor', 'admin'] },
  callback: { from: ['closed'], to: 'same', roles: ['duty_officer', 'supervisor', 'admin'] },
  // A complaint about a real hazard becomes a hazard record too; its own 1-day clock keeps running.
  to_hazard: {
    from: ['received', 'assigned', 'accepted', 'replied', 'closed'],
    to: 'same',
    roles: ['unit_handler', 'duty_officer', 'supervisor', 'admin'],
    ownUnitOnly: ['unit_handler'],
  },
}

export function canActOnComplaint(
  actor: Actor,
  action: ComplaintAction,
  complaint: Pick<ComplaintState, 'unitId'>,
): boolean {
  const rule = RULES[action]
  if (!rule.roles.includes(actor.role)) return false
  if (actor.role !== 'system' && rule.ownUnitOnly?.includes(actor.role)) {
    return complaint.unitId !== null && actor.unitId === complaint.unitId
  }
  return true
}

export interface ComplaintTransition {
  next: ComplaintState
  event: { kind: ComplaintEventKind; fromStatus: ComplaintStatus; toStatus: ComplaintStatus; note: string | null }
}

export function transitionComplaint(
  state: ComplaintState,
  command: ComplaintCommand,
  actor: Actor,
  now: Date,
): ComplaintTransition {
  const rule = RULES[command.action]
  if (!rule.from.includes(state.status)) {
    throw new RuleViolation(
      'invalid_transition',
      `该投诉当前状态为「${COMPLAINT_STATUS_LABELS[state.status]}」，不能执行此操作。`,
    )
  }
  if (!canActOnComplaint(actor, command.action, state)) {
    throw new RuleViolation('forbidden', '您没有权限对该投诉执行此操作。')
  }
  const next: ComplaintState = { ...state }
  let note: string | null = null
  switch (command.action) {
    case 'assign':
      next.unitId = command.unitId
      break
    case 'accept':
      next.acceptedAt = now
      next.firstResponseAt ??= now
      break
    case 'transfer':
      note = requireText(command.reason, '转办须说明原因。')
      if (command.unitId === state.unitId) throw new RuleViolation('same_unit', '不能转办给本单位。')
      next.unitId = command.unitId
      next.acceptedAt = null
      // The new unit gets a fresh sign-for window, but the citizen's 1-day limit keeps running.
      next.signDueAt = new Date(now.getTime() + (state.signDueAt.getTime() - state.receivedAt.getTime()))
      break
    case 'reply':
      note = requireText(command.outcome, '请填写办理结果。')
      next.repliedAt = now
      next.firstResponseAt ??= now
      break
    case 'close':
      next.closedAt = now
      break
    case 'reject':
      note = requireText(command.reason, '不予受理须说明原因。')
      next.closedAt = now
      next.firstResponseAt ??= now
      break
    case 'mark_duplicate':
      note = requireText(command.reason, '标记重复须说明原因。')
      next.duplicateOfId = command.duplicateOfId
      next.closedAt = now
      next.firstResponseAt ??= now
      break
    case 'extend':
      note = requireText(command.reason, '延期须说明原因。')
      if (command.newDueAt.getTime() <= state.dueAt.getTime()) {
        throw new RuleViolation('extension_not_later', '延期后的办理时限须晚于原时限。')
      }
      next.dueAt = command.newDueAt
      break
    case 'callback':
      next.satisfaction = command.satisfaction
      note = command.note?.trim() || null
      break
    case 'to_hazard':
      if (state.hazardId) throw new RuleViolation('already_hazard', '该投诉已转为隐患。')
      next.hazardId = command.hazardId
      note = `已转为隐患 ${command.hazardCode}`
      break
  }
  if (rule.to !== 'same') next.status = rule.to
  return { next, event: { kind: command.action, fromStatus: state.status, toStatus: next.status, note } }
}

function requireText(value: string | undefined, message: string): string {
  const text = value?.trim()
  if (!text) throw new RuleViolation('reason_required', message)
  return text
}

/** When the complaint counted as handled: replied, rejected or marked duplicate. */
export function handledAt(state: Pick<ComplaintState, 'repliedAt' | 'closedAt' | 'status'>): Date | null {
  if (state.repliedAt) return state.repliedAt
  if (state.status === 'rejected' || state.status === 'duplicate') return state.closedAt
  return null
}

/** Late means handled after the limit, or still unhandled past it at `now`. */
export function isComplaintLate(
  state: Pick<ComplaintState, 'repliedAt' | 'closedAt' | 'status' | 'dueAt'>,
  now: Date,
): boolean {
  const handled = handledAt(state)
  return (handled ?? now).getTime() > state.dueAt.getTime()
}
