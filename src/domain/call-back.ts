import type { Role } from './roles'

/**
 * A citizen who left a number asked to be called back: the number is for those handling the complaint — its own
 * unit and the bureau's offices that follow every complaint — and shown to nobody else. A 举报's reporter stays
 * unknown to everyone but the reward handlers (source 002), so no number is given for it.
 */
export type CallBack = { kind: 'whistleblower' } | { kind: 'no_call' } | { kind: 'call'; phone: string; name?: string }

interface ComplaintContact {
  whistleblowing: boolean
  contactConsent: boolean
  citizenPhone: string | null
  citizenName: string | null
}

export function callBackOf(complaint: ComplaintContact): CallBack {
  if (complaint.whistleblowing) return { kind: 'whistleblower' }
  if (!complaint.contactConsent || !complaint.citizenPhone) return { kind: 'no_call' }
  const name = complaint.citizenName?.trim()
  return { kind: 'call', phone: complaint.citizenPhone, ...(name ? { name } : {}) }
}

/** The bureau's offices that follow every complaint (the duty officer calls back on escalations). */
const FOLLOWING_EVERY_COMPLAINT: ReadonlySet<Role | 'system'> = new Set(['duty_officer', 'supervisor', 'admin'])

export function mayCallBack(
  viewer: { role: Role | 'system'; unitId: number | null },
  complaintUnitId: number | null,
): boolean {
  if (FOLLOWING_EVERY_COMPLAINT.has(viewer.role)) return true
  return (
    (viewer.role === 'unit_handler' || viewer.role === 'field_staff') &&
    viewer.unitId !== null &&
    viewer.unitId === complaintUnitId
  )
}
