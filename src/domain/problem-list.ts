import { RuleViolation } from './errors'
import type { Actor, Role } from './roles'

/**
 * A patrol team's problem list (问题清单, source 001): each problem found goes 建立清单 → 诊断分析 (cause and
 * category) → 分类处置 (rectify at once, by a deadline, or transfer to another department) → 移交督办 (handed to
 * the unit or department that must act, which reports back within a month at the latest) → 整改销号. A problem
 * rectified at once on the spot is closed straight after it is classified.
 */
export const PROBLEM_STATUSES = ['listed', 'diagnosed', 'classified', 'handed_over', 'closed'] as const
export type ProblemStatus = (typeof PROBLEM_STATUSES)[number]
export const PROBLEM_STATUS_LABELS: Record<ProblemStatus, string> = {
  listed: '已建立清单',
  diagnosed: '已诊断分析',
  classified: '已分类处置',
  handed_over: '已移交督办',
  closed: '已整改销号',
}

export const DISPOSITIONS = ['immediate', 'deadline', 'transfer'] as const
export type Disposition = (typeof DISPOSITIONS)[number]
export const DISPOSITION_LABELS: Record<Disposition, string> = {
  immediate: '立即整改',
  deadline: '限期整改',
  transfer: '移交相关部门',
}

export type ProblemCommand =
  | { action: 'diagnose'; cause: string; category: string }
  | { action: 'classify'; disposition: Disposition; dueAt?: Date; transferTo?: string }
  | { action: 'hand_over'; to: string }
  | { action: 'close'; result: string }
export type ProblemAction = ProblemCommand['action']
export const PROBLEM_ACTION_LABELS: Record<ProblemAction | 'listed', string> = {
  listed: '建立清单',
  diagnose: '诊断分析',
  classify: '分类处置',
  hand_over: '移交督办',
  close: '整改销号',
}

/** The team's own unit, the supervising office and administrators work the list. */
const ROLES: readonly Role[] = ['field_staff', 'unit_handler', 'supervisor', 'admin']

export interface ProblemState {
  status: ProblemStatus
  disposition: Disposition | null
}

export function nextProblemStatus(
  state: ProblemState,
  command: ProblemCommand,
  actor: Actor,
  now: Date,
): ProblemStatus {
  if (!ROLES.includes(actor.role as Role)) throw new RuleViolation('forbidden', '您没有权限处理问题清单。')
  const text = (value: string | undefined, message: string) => {
    if (!value?.trim()) throw new RuleViolation('reason_required', message)
  }
  const expect = (from: ProblemStatus[]) => {
    if (!from.includes(state.status))
      throw new RuleViolation(
        'invalid_transition',
        `该问题当前为「${PROBLEM_STATUS_LABELS[state.status]}」，不能${PROBLEM_ACTION_LABELS[command.action]}。`,
      )
  }
  switch (command.action) {
    case 'diagnose':
      expect(['listed'])
      text(command.cause, '请写明问题原因。')
      text(command.category, '请写明问题类别。')
      return 'diagnosed'
    case 'classify':
      expect(['diagnosed'])
      if (command.disposition === 'deadline' && !(command.dueAt && command.dueAt.getTime() > now.getTime()))
        throw new RuleViolation('invalid_deadline', '限期整改须写明晚于现在的期限。')
      if (command.disposition === 'transfer') text(command.transferTo, '请写明移交的部门。')
      return 'classified'
    case 'hand_over':
      expect(['classified'])
      if (state.disposition === 'immediate')
        throw new RuleViolation('invalid_transition', '立即整改的问题无需移交，整改后直接销号。')
      text(command.to, '请写明移交督办的单位或部门。')
      return 'handed_over'
    case 'close':
      // Rectified on the spot: closed after classification; otherwise after handover.
      expect(state.disposition === 'immediate' ? ['classified'] : ['handed_over'])
      text(command.result, '请写明整改结果。')
      return 'closed'
  }
}
