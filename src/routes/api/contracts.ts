import { z } from '@hono/zod-openapi'
import { ACCIDENT_LEVELS, ACCIDENT_REPORTING, CHANNELS, MEDIA_EXPOSURE, REPORT_KINDS } from '../../db/schema'
import { CATEGORIES } from '../../domain/categories'
import { COMPLAINT_EVENT_KINDS, COMPLAINT_STATUSES, SATISFACTION_LEVELS } from '../../domain/complaint-lifecycle'
import {
  FIVE_FIXES,
  HAZARD_EVENT_KINDS,
  HAZARD_LEVELS,
  HAZARD_STATUSES,
  LISTING_LEVELS,
} from '../../domain/hazard-lifecycle'
import { PATROL_FOCUSES } from '../../domain/patrol-rules'
import { ROLES } from '../../domain/roles'
import { ERROR_CODES } from '../../errors'

/**
 * What /api/v1 answers, one schema per resource. Every operation that returns a hazard returns this Hazard,
 * whether it listed, fetched, filed or moved it; the OpenAPI document is generated from these, and the
 * presenters (present.ts) are typed against them, so a field cannot reach a client undeclared.
 */
const time = z.iso.datetime({ offset: true })
const id = z.number().int().positive()

export const ErrorBody = z
  .object({
    error: z.object({
      code: z.enum(ERROR_CODES),
      message: z.string(),
      /** The domain rule behind a 422 (and behind a 403/404 a rule decided), e.g. `invalid_transition`. */
      rule: z.string().optional(),
      requestId: z.string().optional(),
    }),
  })
  .openapi('Error')

const FiveFixesSchema = z
  .object(Object.fromEntries(FIVE_FIXES.map((key) => [key, z.string().optional()])))
  .openapi('FiveFixes', { description: '五落实: 责任、措施、资金、时限、预案' })

const eventFields = {
  id,
  fromStatus: z.string().nullable(),
  toStatus: z.string(),
  actorId: id.nullable(),
  actorRole: z.enum([...ROLES, 'system']),
  note: z.string().nullable(),
  mediaIds: z.array(id),
  data: z.record(z.string(), z.unknown()).nullable(),
  at: time,
}

export const HazardEvent = z
  .object({ ...eventFields, kind: z.enum(HAZARD_EVENT_KINDS), fromStatus: z.enum(HAZARD_STATUSES).nullable() })
  .openapi('HazardEvent')

export const Hazard = z
  .object({
    id,
    code: z.string().openapi({ example: 'YH20261123-0001' }),
    patrolId: id.nullable(),
    reporterId: id.nullable(),
    foundByUnitId: id.nullable(),
    unitId: id.nullable(),
    category: z.enum(CATEGORIES),
    level: z.enum(HAZARD_LEVELS),
    status: z.enum(HAZARD_STATUSES),
    description: z.string(),
    locationText: z.string().nullable(),
    latitude: z.number().nullable(),
    longitude: z.number().nullable(),
    listedSupervision: z.boolean(),
    listingLevel: z.enum(LISTING_LEVELS).nullable(),
    majorAckAt: time.nullable(),
    majorAckById: id.nullable(),
    complaintId: id.nullable(),
    fiveFixes: FiveFixesSchema.nullable(),
    foundAt: time,
    assignedAt: time.nullable(),
    rectifyDueAt: time.nullable(),
    rectifiedAt: time.nullable(),
    closedAt: time.nullable(),
    emergencyDisposedAt: time.nullable(),
    emergencyReportDueAt: time.nullable(),
    emergencyReportDueProvisional: z.boolean(),
    emergencyReportSubmittedAt: time.nullable(),
    voidReason: z.string().nullable(),
    createdAt: time,
    updatedAt: time,
  })
  .openapi('Hazard')

export const HazardWithEvents = Hazard.extend({ events: z.array(HazardEvent) }).openapi('HazardWithEvents')

export const ComplaintEvent = z
  .object({
    ...eventFields,
    kind: z.enum(COMPLAINT_EVENT_KINDS),
    fromStatus: z.enum(COMPLAINT_STATUSES).nullable(),
  })
  .openapi('ComplaintEvent')

export const Complaint = z
  .object({
    id,
    code: z.string().openapi({ example: 'TS20261123-0001' }),
    channel: z.enum(CHANNELS),
    citizenName: z
      .string()
      .nullable()
      .openapi({ description: 'Masked (张*); null for a 举报, whose reporter is kept' }),
    citizenPhone: z.string().nullable().openapi({ description: 'Masked (138****5678); null for a 举报' }),
    contactConsent: z.boolean(),
    category: z.enum(CATEGORIES),
    description: z.string().openapi({ description: 'Phone numbers and the citizen’s name inside are masked' }),
    locationText: z.string().nullable(),
    latitude: z.number().nullable(),
    longitude: z.number().nullable(),
    unitId: id.nullable(),
    status: z.enum(COMPLAINT_STATUSES),
    receivedAt: time,
    signDueAt: time,
    dueAt: time,
    acceptedAt: time.nullable(),
    firstResponseAt: time.nullable(),
    repliedAt: time.nullable(),
    closedAt: time.nullable(),
    outcome: z.string().nullable(),
    duplicateOfId: id.nullable(),
    hazardId: id.nullable(),
    /** The code of the hazard this complaint became (转为隐患), when it did. */
    hazardCode: z.string().nullable(),
    whistleblowing: z.boolean(),
    satisfaction: z.enum(SATISFACTION_LEVELS).nullable(),
    outcomeDelivery: z.enum(['pending', 'delivered', 'on_next_message', 'undeliverable']).nullable(),
    createdAt: time,
    updatedAt: time,
  })
  .openapi('Complaint')

export const ComplaintWithEvents = Complaint.extend({ events: z.array(ComplaintEvent) }).openapi('ComplaintWithEvents')

export const HazardSummary = z
  .object({
    code: z.string(),
    status: z.enum(HAZARD_STATUSES),
    category: z.enum(CATEGORIES),
    level: z.enum(HAZARD_LEVELS),
  })
  .openapi('HazardSummary')

export const Patrol = z
  .object({
    id,
    code: z.string().openapi({ example: 'XC20261123-0001' }),
    kind: z.enum(['daily', 'team']),
    teamName: z.string().nullable(),
    focus: z.enum(PATROL_FOCUSES),
    unitId: id,
    reporterId: id.nullable(),
    startedAt: time,
    endedAt: time,
    area: z.string(),
    patrollers: z.string(),
    teamLeader: z.string().nullable(),
    staffCount: z.number().int(),
    vehicleCount: z.number().int(),
    handlingResult: z.string().nullable(),
    reportDueAt: time.nullable(),
    reportDueProvisional: z.boolean(),
    reportSubmittedAt: time.nullable(),
    voidedAt: time.nullable(),
    voidReason: z.string().nullable(),
    falsified: z.boolean(),
    createdAt: time,
  })
  .openapi('Patrol')

export const PatrolWithHazards = Patrol.extend({ hazards: z.array(HazardSummary) }).openapi('PatrolWithHazards')

export const Supervision = z
  .object({
    id,
    code: z.string().openapi({ example: 'DC20261123-0001' }),
    supervisorUnitId: id,
    inspectedUnitId: id,
    reporterId: id.nullable(),
    lead: z.string(),
    members: z.string().nullable(),
    inspectedAt: time,
    matters: z.string(),
    problems: z.string().nullable(),
    requirements: z.string().nullable(),
    createdAt: time,
  })
  .openapi('Supervision')

export const Report = z
  .object({
    id,
    kind: z.enum(REPORT_KINDS),
    unitId: id.nullable(),
    periodStart: z.iso.date(),
    periodEnd: z.iso.date(),
    dueAt: time,
    submittedAt: time.nullable(),
    /** Where to download the XLSX, once generated. */
    file: z.string().nullable(),
  })
  .openapi('Report')

export const ReportWithFigures = Report.extend({
  figures: z.record(z.string(), z.unknown()).nullable().openapi({ description: 'The figures the form is filled from' }),
}).openapi('ReportWithFigures')

const PartScore = z.object({ label: z.string(), cap: z.number(), score: z.number(), lost: z.number() })

export const UnitAssessment = z
  .object({
    unitId: id,
    unit: z.string(),
    score: z.number(),
    veto: z.array(z.string()).openapi({ description: '一票否决 reasons; any one makes the result 一票否决' }),
    parts: z.record(z.string(), PartScore),
    deductions: z.array(
      z.object({
        rule: z.string(),
        part: z.string(),
        line: z.string().openapi({ description: 'The 附件1 line, e.g. 1-2' }),
        wording: z.string(),
        points: z.number(),
        reason: z.string(),
        ref: z.string().nullable(),
      }),
    ),
  })
  .openapi('UnitAssessment')

export const Assessment = z
  .object({
    month: z.string().openapi({ example: '2026-10' }),
    span: z.enum(['month', 'quarter', 'half', 'year']),
    period: z.object({ start: z.iso.date(), end: z.iso.date() }),
    data: z.array(UnitAssessment),
  })
  .openapi('Assessment')

export const Finding = z
  .object({
    id,
    unitId: id,
    rule: z.string(),
    appliesOn: z.iso.date(),
    points: z.number().int().nullable(),
    reason: z.string(),
    recordedByLabel: z.string(),
    recordedAt: time,
  })
  .openapi('Finding')

export const Accident = z
  .object({
    id,
    unitId: id,
    occurredOn: z.iso.date(),
    place: z.string(),
    level: z.enum(ACCIDENT_LEVELS),
    deaths: z.number().int(),
    reporting: z.enum(ACCIDENT_REPORTING),
    mediaExposure: z.enum(MEDIA_EXPOSURE),
    negligencePoints: z.number().int().nullable(),
    description: z.string(),
    recordedByLabel: z.string(),
    recordedAt: time,
  })
  .openapi('Accident')

/** `{ data }`: one record. */
export const one = <T extends z.ZodType>(schema: T) => z.object({ data: schema })
/** `{ data, nextCursor }`: a page of a ledger, newest first; pass nextCursor back as `cursor` for the next one. */
export const page = <T extends z.ZodType>(schema: T) =>
  z.object({ data: z.array(schema), nextCursor: z.string().nullable() })
