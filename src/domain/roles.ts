/** Who is who. A person has one role and (except citizens) belongs to one unit. */
export const ROLES = [
  'field_staff',
  'unit_handler',
  'duty_officer',
  'supervisor',
  'leader',
  'admin',
  'citizen',
] as const
export type Role = (typeof ROLES)[number]

export const ROLE_LABELS: Record<Role, string> = {
  field_staff: '巡查员',
  unit_handler: '责任单位经办人',
  duty_officer: '值班员',
  supervisor: '督查员',
  leader: '领导',
  admin: '管理员',
  citizen: '市民',
}

/** The acting person as the rules see them; `system` acts for jobs and automatic routing. */
export interface Actor {
  personId: number | null
  role: Role | 'system'
  unitId: number | null
}

export const SYSTEM_ACTOR: Actor = { personId: null, role: 'system', unitId: null }

/**
 * Whose items a person may see on the ledgers: a unit handler or field worker sees their own unit's only
 * (an account without a unit sees none); the bureau's roles see every unit. `undefined` means all units.
 */
export function ledgerUnitScope(role: Role, unitId: number | null): number | undefined {
  if (role === 'unit_handler' || role === 'field_staff') return unitId ?? -1
  return undefined
}
