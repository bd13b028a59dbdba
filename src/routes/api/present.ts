import { inArray } from 'drizzle-orm'
import type { z } from 'zod'
import type { Database } from '../../db/client'
import {
  type accidents,
  type assessmentFindings,
  type complaintEvents,
  type complaints,
  type hazardEvents,
  hazards,
  type patrols,
  type periodicReports,
  type supervisions,
} from '../../db/schema'
import { maskOptional, maskPersonalInfo, maskPhone } from '../../domain/privacy'
import type * as contract from './contracts'

/**
 * Rows as the contracts describe them: times as ISO strings, only declared fields, citizens masked. Each
 * presenter's return type is its contract's, so the compiler refuses a field the document does not name.
 */
type Out<T extends z.ZodType> = z.infer<T>

const iso = (d: Date) => d.toISOString()
const isoOrNull = (d: Date | null) => (d ? d.toISOString() : null)

export function presentHazard(h: typeof hazards.$inferSelect): Out<typeof contract.Hazard> {
  return {
    id: h.id,
    code: h.code,
    patrolId: h.patrolId,
    reporterId: h.reporterId,
    foundByUnitId: h.foundByUnitId,
    unitId: h.unitId,
    category: h.category,
    level: h.level,
    status: h.status,
    description: h.description,
    locationText: h.locationText,
    latitude: h.latitude,
    longitude: h.longitude,
    listedSupervision: h.listedSupervision,
    listingLevel: h.listingLevel,
    majorAckAt: isoOrNull(h.majorAckAt),
    majorAckById: h.majorAckById,
    complaintId: h.complaintId,
    fiveFixes: h.fiveFixes,
    foundAt: iso(h.foundAt),
    assignedAt: isoOrNull(h.assignedAt),
    rectifyDueAt: isoOrNull(h.rectifyDueAt),
    rectifiedAt: isoOrNull(h.rectifiedAt),
    closedAt: isoOrNull(h.closedAt),
    emergencyDisposedAt: isoOrNull(h.emergencyDisposedAt),
    emergencyReportDueAt: isoOrNull(h.emergencyReportDueAt),
    emergencyReportDueProvisional: h.emergencyReportDueProvisional,
    emergencyReportSubmittedAt: isoOrNull(h.emergencyReportSubmittedAt),
    voidReason: h.voidReason,
    createdAt: iso(h.createdAt),
    updatedAt: iso(h.updatedAt),
  }
}

export function presentHazardEvent(e: typeof hazardEvents.$inferSelect): Out<typeof contract.HazardEvent> {
  return {
    id: e.id,
    kind: e.kind,
    fromStatus: e.fromStatus,
    toStatus: e.toStatus,
    actorId: e.actorId,
    actorRole: e.actorRole,
    note: e.note,
    mediaIds: e.mediaIds,
    data: e.data,
    at: iso(e.at),
  }
}

type ComplaintRow = typeof complaints.$inferSelect

/** Citizens' names and phone numbers stay masked outside the handling chain; a 举报's reporter is not shown at all. */
export function presentComplaint(c: ComplaintRow, hazardCode: string | null): Out<typeof contract.Complaint> {
  const hidden = c.whistleblowing
  return {
    id: c.id,
    code: c.code,
    channel: c.channel,
    // The surname only, without the name's length.
    citizenName: c.citizenName && !hidden ? `${[...c.citizenName.trim()][0] ?? ''}*` : null,
    citizenPhone: c.citizenPhone && !hidden ? maskPhone(c.citizenPhone) : null,
    contactConsent: c.contactConsent,
    category: c.category,
    description: maskPersonalInfo(c.description, c.citizenName),
    locationText: maskOptional(c.locationText, c.citizenName),
    latitude: c.latitude,
    longitude: c.longitude,
    unitId: c.unitId,
    status: c.status,
    receivedAt: iso(c.receivedAt),
    signDueAt: iso(c.signDueAt),
    dueAt: iso(c.dueAt),
    acceptedAt: isoOrNull(c.acceptedAt),
    firstResponseAt: isoOrNull(c.firstResponseAt),
    repliedAt: isoOrNull(c.repliedAt),
    closedAt: isoOrNull(c.closedAt),
    outcome: maskOptional(c.outcome, c.citizenName),
    duplicateOfId: c.duplicateOfId,
    hazardId: c.hazardId,
    hazardCode,
    whistleblowing: c.whistleblowing,
    satisfaction: c.satisfaction,
    outcomeDelivery: c.outcomeDelivery,
    createdAt: iso(c.createdAt),
    updatedAt: iso(c.updatedAt),
  }
}

/** Complaints with the codes of the hazards they became, in one query for the whole page. */
export async function presentComplaints(db: Database, rows: ComplaintRow[]): Promise<Out<typeof contract.Complaint>[]> {
  const hazardIds = rows.map((r) => r.hazardId).filter((id): id is number => id !== null)
  const codes = new Map(
    hazardIds.length
      ? (
          await db.select({ id: hazards.id, code: hazards.code }).from(hazards).where(inArray(hazards.id, hazardIds))
        ).map((h) => [h.id, h.code] as const)
      : [],
  )
  return rows.map((r) => presentComplaint(r, r.hazardId === null ? null : (codes.get(r.hazardId) ?? null)))
}

export async function presentOneComplaint(db: Database, row: ComplaintRow): Promise<Out<typeof contract.Complaint>> {
  const [presented] = await presentComplaints(db, [row])
  if (!presented) throw new Error('presenting a complaint returned nothing')
  return presented
}

export function presentComplaintEvent(
  e: typeof complaintEvents.$inferSelect,
  citizenName: string | null,
): Out<typeof contract.ComplaintEvent> {
  return {
    id: e.id,
    kind: e.kind,
    fromStatus: e.fromStatus,
    toStatus: e.toStatus,
    actorId: e.actorId,
    actorRole: e.actorRole,
    note: maskOptional(e.note, citizenName),
    mediaIds: e.mediaIds,
    data: e.data,
    at: iso(e.at),
  }
}

export function presentPatrol(p: typeof patrols.$inferSelect): Out<typeof contract.Patrol> {
  return {
    id: p.id,
    code: p.code,
    kind: p.kind,
    teamName: p.teamName,
    focus: p.focus,
    unitId: p.unitId,
    reporterId: p.reporterId,
    startedAt: iso(p.startedAt),
    endedAt: iso(p.endedAt),
    area: p.area,
    patrollers: p.patrollers,
    teamLeader: p.teamLeader,
    staffCount: p.staffCount,
    vehicleCount: p.vehicleCount,
    handlingResult: p.handlingResult,
    reportDueAt: isoOrNull(p.reportDueAt),
    reportDueProvisional: p.reportDueProvisional,
    reportSubmittedAt: isoOrNull(p.reportSubmittedAt),
    voidedAt: isoOrNull(p.voidedAt),
    voidReason: p.voidReason,
    falsified: p.falsified,
    createdAt: iso(p.createdAt),
  }
}

export function presentSupervision(s: typeof supervisions.$inferSelect): Out<typeof contract.Supervision> {
  return {
    id: s.id,
    code: s.code,
    supervisorUnitId: s.supervisorUnitId,
    inspectedUnitId: s.inspectedUnitId,
    reporterId: s.reporterId,
    lead: s.lead,
    members: s.members,
    inspectedAt: iso(s.inspectedAt),
    matters: s.matters,
    problems: s.problems,
    requirements: s.requirements,
    createdAt: iso(s.createdAt),
  }
}

export function presentReport(r: typeof periodicReports.$inferSelect): Out<typeof contract.Report> {
  return {
    id: r.id,
    kind: r.kind,
    unitId: r.unitId,
    periodStart: r.periodStart,
    periodEnd: r.periodEnd,
    dueAt: iso(r.dueAt),
    submittedAt: isoOrNull(r.submittedAt),
    file: r.filePath ? `/api/v1/reports/${r.id}/file` : null,
  }
}

export function presentReportWithFigures(
  r: typeof periodicReports.$inferSelect,
): Out<typeof contract.ReportWithFigures> {
  // JSON round trip: the figures may hold Dates, which the contract (and every client) reads as strings.
  return {
    ...presentReport(r),
    figures: r.data ? (JSON.parse(JSON.stringify(r.data)) as Record<string, unknown>) : null,
  }
}

export function presentFinding(f: typeof assessmentFindings.$inferSelect): Out<typeof contract.Finding> {
  return {
    id: f.id,
    unitId: f.unitId,
    rule: f.rule,
    appliesOn: f.appliesOn,
    points: f.points,
    reason: f.reason,
    recordedByLabel: f.recordedByLabel,
    recordedAt: iso(f.recordedAt),
  }
}

export function presentAccident(a: typeof accidents.$inferSelect): Out<typeof contract.Accident> {
  return {
    id: a.id,
    unitId: a.unitId,
    occurredOn: a.occurredOn,
    place: a.place,
    level: a.level,
    deaths: a.deaths,
    reporting: a.reporting,
    mediaExposure: a.mediaExposure,
    negligencePoints: a.negligencePoints,
    description: a.description,
    recordedByLabel: a.recordedByLabel,
    recordedAt: iso(a.recordedAt),
  }
}
