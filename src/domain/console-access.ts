import type { Role } from './roles'

/**
 * Which parts of the web console each role may open. Unit handlers and field staff also see only their
 * own unit's items on the ledgers (see ledgerUnitScope); citizens use the chat only.
 */
export const CONSOLE_AREAS = ['chat', 'ledgers', 'dashboard', 'reports', 'rewards', 'admin'] as const
export type ConsoleArea = (typeof CONSOLE_AREAS)[number]

const STAFF: readonly Role[] = ['field_staff', 'unit_handler', 'duty_officer', 'supervisor', 'leader', 'admin']

export const AREA_ROLES: Record<ConsoleArea, readonly Role[]> = {
  chat: [...STAFF, 'citizen'],
  ledgers: STAFF,
  dashboard: ['duty_officer', 'supervisor', 'leader', 'admin'],
  reports: ['unit_handler', 'duty_officer', 'supervisor', 'leader', 'admin'],
  // 有奖举报: the reporters' identities are for the reward handlers alone (source 002 严格保密).
  rewards: ['supervisor', 'admin'],
  admin: ['admin'],
}

export function mayOpen(role: Role, area: ConsoleArea): boolean {
  return AREA_ROLES[area].includes(role)
}

/** Where a person lands after signing in: the first part of the console that is theirs. */
export function homeArea(role: Role): ConsoleArea {
  if (mayOpen(role, 'dashboard')) return 'dashboard'
  if (mayOpen(role, 'ledgers')) return 'ledgers'
  return 'chat'
}
