import { RuleViolation } from './errors'
import type { Actor, Role } from './roles'

/**
 * The closed loop of a hazard (发现 → 建立清单 → 诊断分析 → 分类处置 → 移交督办 → 整改销号):
 * reported → assigned → rectifying → awaiting_verification → closed (销号), voided with a reason from
 * any open state, and back to rectifying when verification fails. Listed supervision (挂牌督办) is a
 * flag on an open hazard, not a state.
 */
export const HAZARD_STATUSES = [
  'reported',
  'assigned',
  'rectifying',
  'awaiting_verification',
  'closed',
  'voided',
] as const
export type HazardStatus = (typeof HAZARD_STATUSES)[number]

export const HAZARD_LEVELS = ['general', 'major'] as const
export type HazardLevel = (typeof HAZARD_LEVELS)[number]

export const HAZARD_STATUS_LABELS: Record<HazardStatus, string> = {
  reported: '已上报',
  assigned: '已交办',
  rectifying: '整改中',
  awaiting_verification: '待验收',
  closed: '已销号',
  voided: '已作废',
}

export const HAZARD_LEVEL_LABELS: Record<HazardLevel, string> = { general: '一般隐患', major: '重大隐患' }

export const HAZARD_ACTIONS = [
  'assign',
  'accept',
  'report_rectification',
  'verify_pass',
  'verify_fail',
  'void',
  'list_supervision',
  'delist_supervision',
  'acknowledge',
  'emergency_disposal',
  'regrade',
  'extend',
  'reassign',
] as const
export type HazardAction = (typeof HAZARD_ACTIONS)[number]

/** Event kinds in hazard_events: every action, plus the report that opened the record. */
/** Besides the lifecycle's actions: its report, and 督办 (someone overseeing urging it on; the status stays). */
export const HAZARD_EVENT_KINDS = ['reported', 'urged', ...HAZARD_ACTIONS] as const
export type HazardEventKind = (typeof HAZARD_EVENT_KINDS)[number]
export const HAZARD_EVENT_LABELS: Record<HazardEventKind, string> = {
  reported: '上报',
  urged: '督办',
  assign: '交办',
  accept: '接收整改',
  report_rectification: '整改反馈',
  verify_pass: '验收通过（销号）',
  verify_fail: '验收不通过',
  void: '作废',
  list_supervision: '挂牌督办',
  delist_supervision: '摘牌',
  acknowledge: '接报',
  emergency_disposal: '应急处置',
  regrade: '重新定级',
  extend: '整改延期',
  reassign: '改派',
}

/** 挂牌督办 levels: listed by this bureau or by the level above it. */
export const LISTING_LEVELS = ['local', 'higher'] as const
export type ListingLevel = (typeof LISTING_LEVELS)[number]
export const LISTING_LEVEL_LABELS: Record<ListingLevel, string> = { local: '本级', higher: '上级' }

/** The five fixes (五落实) a major hazard needs before it can be assigned. */
export const FIVE_FIXES = ['responsibility', 'measures', 'funding', 'timeLimit', 'contingencyPlan'] as const
export type FiveFixKey = (typeof FIVE_FIXES)[number]
export type FiveFixes = Partial<Record<FiveFixKey, string>>

export const FIVE_FIX_LABELS: Record<FiveFixKey, string> = {
  responsibility: '责任',
  measures: '措施',
  funding: '资金',
  timeLimit: '时限',
  contingencyPlan: '预案',
}

export function missingFiveFixes(fixes: FiveFixes | null | undefined): FiveFixKey[] {
  return FIVE_FIXES.filter((key) => !fixes?.[key]?.trim())
}

export interface HazardState {
  status: HazardStatus
  level: HazardLevel
  unitId: number | null
  /** The unit whose patrol found it: the one on the spot until it is handed to a unit. */
  foundByUnitId?: number | null
  listedSupervision: boolean
  fiveFixes: FiveFixes | null
  /** When a major hazard's push was acknowledged (接报); null until then. */
  majorAckAt?: Date | null
  /** When an emergency disposal was recorded; null until then. */
  emergencyDisposedAt?: Date | null
}

export type HazardCommand =
  | { action: 'assign'; unitId: number; fiveFixes?: FiveFixes }
  | { action: 'accept' }
  | { action: 'report_rectification'; note: string }
  | { action: 'verify_pass' }
  | { action: 'verify_fail'; reason: string }
  | { action: 'void'; reason: string }
  | { action: 'list_supervision'; level: ListingLevel; reason: string }
  | { action: 'delist_supervision'; reason: string }
  | { action: 'acknowledge' }
  | { action: 'emergency_disposal'; note: string }
  | { action: 'regrade'; level: HazardLevel; reason: string }
  /** The supervising office gives more time; the new deadline is checked against the old by the service (it knows now). */
  | { action: 'extend'; newDueAt: Date; reason: string }
  /** The supervising office hands it to another unit (「不归我们管」 put right). */
  | { action: 'reassign'; unitId: number; reason: string }

interface Rule {
  from: readonly HazardStatus[]
  to: HazardStatus | 'same'
  roles: readonly (Role | 'system')[]
  /** Only people of the hazard's responsible unit may act (admins and supervisors are exempt by role list). */
  ownUnitOnly?: readonly Role[]
  /** Before the hazard is handed to a unit, those of the unit that found it may act (ownUnitOnly roles). */
  finderBeforeAssignment?: boolean
}

export const OPEN_HAZARD_STATUSES: readonly HazardStatus[] = [
  'reported',
  'assigned',
  'rectifying',
  'awaiting_verification',
]
const OPEN = OPEN_HAZARD_STATUSES

/** With a unit that must rectify it: past its rectification deadline, such a hazard is overdue. */
export const UNDER_RECTIFICATION_STATUSES = ['assigned', 'rectifying'] as const satisfies readonly HazardStatus[]

const RULES: Record<HazardAction, Rule> = {
  assign: { from: ['reported'], to: 'assigned', roles: ['supervisor', 'duty_officer', 'admin', 'system'] },
  accept: {
    from: ['assigned'],
    to: 'rectifying',
    roles: ['unit_handler', 'field_staff', 'admin'],
    ownUnitOnly: ['unit_handler', 'field_staff'],
  },
  report_rectification: {
    from: ['assigned', 'rectifying'],
    to: 'awaiting_verification',
    roles: ['unit_handler', 'field_staff', 'admin'],
    ownUnitOnly: ['unit_handler', 'field_staff'],
  },
  verify_pass: { from: ['awaiting_verification'], to: 'closed', roles: ['supervisor', 'admin'] },
  verify_fail: { from: ['awaiting_verification'], to: 'rectifying', roles: ['supervisor', 'admin'] },
  void: { from: OPEN, to: 'voided', roles: ['supervisor', 'admin'] },
  list_supervision: { from: OPEN, to: 'same', roles: ['supervisor', 'leader', 'admin'] },
  delist_supervision: { from: OPEN, to: 'same', roles: ['supervisor', 'leader', 'admin'] },
  acknowledge: { from: OPEN, to: 'same', roles: ['supervisor', 'duty_officer', 'leader', 'admin'] },
  // The responsible unit disposes on the spot; the supervising office and the duty officer may record it too.
  // The supervising office corrects a reporter's judgement of the level, with its reason.
  regrade: { from: OPEN, to: 'same', roles: ['supervisor', 'admin'] },
  extend: { from: UNDER_RECTIFICATION_STATUSES, to: 'same', roles: ['supervisor', 'admin'] },
  reassign: { from: UNDER_RECTIFICATION_STATUSES, to: 'assigned', roles: ['supervisor', 'admin'] },
  emergency_disposal: {
    from: OPEN,
    to: 'same',
    roles: ['unit_handler', 'field_staff', 'supervisor', 'duty_officer', 'admin'],
    ownUnitOnly: ['unit_handler', 'field_staff'],
    // Each patrol unit keeps an emergency team (scheme 三.3): the unit that found a danger records what was done on
    // the spot while nobody has been handed it yet.
    finderBeforeAssignment: true,
  },
}

export function canActOnHazard(
  actor: Actor,
  action: HazardAction,
  hazard: Pick<HazardState, 'unitId' | 'foundByUnitId'>,
): boolean {
  const rule = RULES[action]
  if (!rule.roles.includes(actor.role)) return false
  if (actor.role !== 'system' && rule.ownUnitOnly?.includes(actor.role)) {
    if (actor.unitId === null) return false
    if (hazard.unitId === null) return rule.finderBeforeAssignment === true && hazard.foundByUnitId === actor.unitId
    return actor.unitId === hazard.unitId
  }
  return true
}

export interface HazardTransition {
  next: HazardState
  event: { kind: HazardEventKind; fromStatus: HazardStatus; toStatus: HazardStatus; note: string | null }
}

/**
 * Applies one command to a hazard, or throws a RuleViolation naming what is wrong. Pure: the service
 * layer persists `next` and writes `event` in the same transaction.
 */
export function transitionHazard(state: HazardState, command: HazardCommand, actor: Actor): HazardTransition {
  const rule = RULES[command.action]
  if (!rule.from.includes(state.status)) {
    throw new RuleViolation(
      'invalid_transition',
      `该隐患当前状态为「${HAZARD_STATUS_LABELS[state.status]}」，不能执行此操作。`,
    )
  }
  if (!canActOnHazard(actor, command.action, state)) {
    throw new RuleViolation('forbidden', '您没有权限对该隐患执行此操作。')
  }
  const next: HazardState = { ...state }
  let note: string | null = null
  switch (command.action) {
    case 'assign': {
      const fixes = { ...state.fiveFixes, ...command.fiveFixes }
      if (state.level === 'major') {
        const missing = missingFiveFixes(fixes)
        if (missing.length > 0) {
          throw new RuleViolation(
            'five_fixes_missing',
            `重大隐患交办前须落实“五落实”，尚缺：${missing.map((k) => FIVE_FIX_LABELS[k]).join('、')}。`,
          )
        }
      }
      next.unitId = command.unitId
      next.fiveFixes = Object.keys(fixes).length > 0 ? fixes : state.fiveFixes
      break
    }
    case 'report_rectification':
      note = requireText(command.note, '请填写整改情况。')
      break
    case 'verify_fail':
      note = requireText(command.reason, '验收不通过须说明原因。')
      break
    case 'void':
      note = requireText(command.reason, '作废须说明原因。')
      break
    case 'list_supervision':
      // 挂牌督办 is for major hazards (source 002 五落实, 000 四 2).
      if (state.level !== 'major') throw new RuleViolation('not_major', '挂牌督办仅适用于重大隐患。')
      if (state.listedSupervision) throw new RuleViolation('already_listed', '该隐患已挂牌督办。')
      next.listedSupervision = true
      note = `${LISTING_LEVEL_LABELS[command.level]}挂牌：${requireText(command.reason, '挂牌督办须说明原因。')}`
      break
    case 'delist_supervision':
      if (!state.listedSupervision) throw new RuleViolation('not_listed', '该隐患未挂牌督办。')
      next.listedSupervision = false
      note = requireText(command.reason, '摘牌须说明原因。')
      break
    case 'acknowledge':
      if (state.level !== 'major') throw new RuleViolation('not_major', '只有重大隐患需要接报。')
      if (state.majorAckAt) throw new RuleViolation('already_acknowledged', '该重大隐患已接报。')
      break
    case 'regrade':
      if (command.level === state.level)
        throw new RuleViolation('same_level', `该隐患已是${HAZARD_LEVEL_LABELS[state.level]}。`)
      next.level = command.level
      note = `定为${HAZARD_LEVEL_LABELS[command.level]}：${requireText(command.reason, '重新定级须说明理由。')}`
      break
    case 'extend':
      note = requireText(command.reason, '延期须说明原因。')
      break
    case 'reassign':
      if (command.unitId === state.unitId) throw new RuleViolation('same_unit', '该隐患已由这个单位负责整改。')
      next.unitId = command.unitId
      note = requireText(command.reason, '改派须说明原因。')
      break
    case 'emergency_disposal':
      if (state.emergencyDisposedAt) throw new RuleViolation('already_disposed', '该隐患已记录应急处置。')
      note = requireText(command.note, '请说明采取了哪些应急处置措施。')
      break
    case 'accept':
    case 'verify_pass':
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
