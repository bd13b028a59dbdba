import { RuleViolation } from './errors'
import type { Actor, Role } from './roles'

/**
 * Who may put which record on the ledger, and for which unit. The chat forms and the API apply the same
 * lists: a patrol belongs to the reporter's unit; a supervision is made by the reporter's (supervising)
 * unit; only an administrator, who has no unit, records on behalf of a unit they name.
 */
export const RECORD_KINDS = ['patrol', 'hazard', 'supervision', 'complaint'] as const
export type RecordKind = (typeof RECORD_KINDS)[number]

export const RECORDING_ROLES: Record<RecordKind, readonly Role[]> = {
  patrol: ['field_staff', 'unit_handler', 'supervisor', 'admin'],
  hazard: ['field_staff', 'unit_handler', 'duty_officer', 'supervisor', 'leader', 'admin'],
  supervision: ['supervisor', 'admin'],
  // Citizens complain through the Official Account or Open311; through the API complaints come from the
  // hotline's systems, which act as the duty office, the supervising office or an administrator.
  complaint: ['duty_officer', 'supervisor', 'admin'],
}

const NOUNS: Record<RecordKind, string> = {
  patrol: '巡查记录',
  hazard: '隐患',
  supervision: '督查记录',
  complaint: '投诉',
}

export function assertMayRecord(actor: Actor, kind: RecordKind): void {
  if (actor.role === 'system' || !RECORDING_ROLES[kind].includes(actor.role))
    throw new RuleViolation('forbidden', `您的角色不能填报${NOUNS[kind]}。`)
}

/** The unit a new record is filed under, or a RuleViolation saying why the actor may not file it. */
export function recordingUnit(actor: Actor, kind: RecordKind, requestedUnitId?: number): number {
  assertMayRecord(actor, kind)
  if (actor.unitId !== null) {
    if (requestedUnitId !== undefined && requestedUnitId !== actor.unitId && actor.role !== 'admin')
      throw new RuleViolation('forbidden', `只能为本单位填报${NOUNS[kind]}。`)
    return requestedUnitId ?? actor.unitId
  }
  if (requestedUnitId === undefined) throw new RuleViolation('unit_required', `请指定填报${NOUNS[kind]}的单位。`)
  return requestedUnitId
}
