import { sql } from 'drizzle-orm'
import { boolean, doublePrecision, index, integer, jsonb, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core'
import { CATEGORIES } from '../../domain/categories'
import { COMPLAINT_EVENT_KINDS, COMPLAINT_STATUSES, SATISFACTION_LEVELS } from '../../domain/complaint-lifecycle'
import { type FiveFixes, HAZARD_EVENT_KINDS, HAZARD_LEVELS, HAZARD_STATUSES } from '../../domain/hazard-lifecycle'
import { PATROL_FOCUSES } from '../../domain/patrol-rules'
import { DISPOSITIONS, PROBLEM_STATUSES } from '../../domain/problem-list'
import { ROLES } from '../../domain/roles'
import { createdAt, id, instant } from './columns'
import { CHANNELS, people, units } from './org'

/** A daily patrol record (日巡查工作记录) or a patrol team's inspection. */
export const patrols = pgTable(
  'patrols',
  {
    id: id(),
    code: text().notNull().unique(),
    kind: text({ enum: ['daily', 'team'] })
      .notNull()
      .default('daily'),
    /** A patrol team's name (巡查组, source 001). */
    teamName: text(),
    /** 日常巡查 / 重点巡查 / 特护期巡查 (source 000 二). */
    focus: text({ enum: PATROL_FOCUSES }).notNull().default('routine'),
    unitId: integer()
      .notNull()
      .references(() => units.id),
    reporterId: integer().references(() => people.id),
    startedAt: instant().notNull(),
    endedAt: instant().notNull(),
    area: text().notNull(),
    patrollers: text().notNull(),
    teamLeader: text(),
    staffCount: integer().notNull(),
    vehicleCount: integer().notNull().default(0),
    handlingResult: text(),
    /** Team patrols: the report is due 5 working days after the patrol ends. */
    reportDueAt: instant(),
    reportDueProvisional: boolean().notNull().default(false),
    reportSubmittedAt: instant(),
    voidedAt: instant(),
    voidReason: text(),
    falsified: boolean().notNull().default(false),
    createdAt: createdAt(),
  },
  (t) => [
    index('patrols_unit_started_idx').on(t.unitId, t.startedAt),
    index('patrols_started_idx').on(t.startedAt, t.id),
    // Team patrols' report deadlines, which the assessment reads by month.
    index('patrols_report_due_idx').on(t.reportDueAt).where(sql`${t.reportDueAt} is not null`),
  ],
)

export const hazards = pgTable(
  'hazards',
  {
    id: id(),
    code: text().notNull().unique(),
    patrolId: integer().references(() => patrols.id),
    reporterId: integer().references(() => people.id),
    /** The unit that found it; `unitId` is the unit responsible for rectifying it. */
    foundByUnitId: integer().references(() => units.id),
    unitId: integer().references(() => units.id),
    category: text({ enum: CATEGORIES }).notNull(),
    level: text({ enum: HAZARD_LEVELS }).notNull().default('general'),
    status: text({ enum: HAZARD_STATUSES }).notNull().default('reported'),
    description: text().notNull(),
    locationText: text(),
    latitude: doublePrecision(),
    longitude: doublePrecision(),
    listedSupervision: boolean().notNull().default(false),
    /** 挂牌督办 at this level (本级 / 上级) while listed. */
    listingLevel: text({ enum: ['local', 'higher'] }),
    /** 接报: who of the supervising office, duty officers or leaders acknowledged a major hazard's push, when. */
    majorAckAt: instant(),
    majorAckById: integer().references(() => people.id),
    /** The citizen's complaint this hazard was made from (转为隐患); the complaint links back. */
    complaintId: integer(),
    fiveFixes: jsonb().$type<FiveFixes>(),
    foundAt: instant().notNull(),
    assignedAt: instant(),
    rectifyDueAt: instant(),
    rectifiedAt: instant(),
    closedAt: instant(),
    emergencyDisposedAt: instant(),
    emergencyReportDueAt: instant(),
    emergencyReportDueProvisional: boolean().notNull().default(false),
    emergencyReportSubmittedAt: instant(),
    voidReason: text(),
    createdAt: createdAt(),
    updatedAt: createdAt(),
  },
  (t) => [
    // Deadline sweeps: open hazards by due date.
    index('hazards_open_due_idx').on(t.rectifyDueAt).where(sql`${t.status} in ('assigned', 'rectifying')`),
    // The assessment reads every deadline that fell in a month, met or not; the dashboard counts the open ones
    // by level and deadline from the index alone.
    index('hazards_rectify_due_idx').on(t.rectifyDueAt),
    index('hazards_emergency_due_idx').on(t.emergencyReportDueAt).where(sql`${t.emergencyReportDueAt} is not null`),
    index('hazards_status_level_due_idx').on(t.status, t.level, t.rectifyDueAt),
    index('hazards_unit_status_idx').on(t.unitId, t.status),
    index('hazards_found_idx').on(t.foundAt, t.id),
    index('hazards_status_found_idx').on(t.status, t.foundAt),
    index('hazards_patrol_idx').on(t.patrolId),
  ],
)

/** Append-only: every step of a hazard's loop, with who/when/photos. */
export const hazardEvents = pgTable(
  'hazard_events',
  {
    id: id(),
    hazardId: integer()
      .notNull()
      .references(() => hazards.id),
    kind: text({ enum: HAZARD_EVENT_KINDS }).notNull(),
    fromStatus: text({ enum: HAZARD_STATUSES }),
    toStatus: text({ enum: HAZARD_STATUSES }).notNull(),
    actorId: integer().references(() => people.id),
    actorRole: text({ enum: [...ROLES, 'system'] }).notNull(),
    note: text(),
    mediaIds: jsonb().$type<number[]>().notNull().default([]),
    data: jsonb().$type<Record<string, unknown>>(),
    at: instant().notNull(),
  },
  (t) => [index('hazard_events_hazard_idx').on(t.hazardId, t.at)],
)

export const complaints = pgTable(
  'complaints',
  {
    id: id(),
    code: text().notNull().unique(),
    channel: text({ enum: CHANNELS }).notNull(),
    botId: text().notNull().default('default'),
    citizenExternalId: text(),
    citizenName: text(),
    citizenPhone: text(),
    contactConsent: boolean().notNull().default(false),
    category: text({ enum: CATEGORIES }).notNull(),
    description: text().notNull(),
    locationText: text(),
    latitude: doublePrecision(),
    longitude: doublePrecision(),
    unitId: integer().references(() => units.id),
    status: text({ enum: COMPLAINT_STATUSES }).notNull().default('received'),
    receivedAt: instant().notNull(),
    signDueAt: instant().notNull(),
    dueAt: instant().notNull(),
    acceptedAt: instant(),
    firstResponseAt: instant(),
    repliedAt: instant(),
    closedAt: instant(),
    outcome: text(),
    duplicateOfId: integer(),
    /** The hazard record this complaint became (转为隐患). */
    hazardId: integer(),
    /** 举报 (rewarded reporting, source 002): the reporter's identity is kept from everyone but the reward handlers. */
    whistleblowing: boolean().notNull().default(false),
    /** An Open311 client's `media_url`: a link to its photo, kept and shown as given (never fetched from here). */
    mediaUrl: text(),
    satisfaction: text({ enum: SATISFACTION_LEVELS }),
    /** How the outcome reached the citizen, or why it could not. */
    outcomeDelivery: text({ enum: ['pending', 'delivered', 'on_next_message', 'undeliverable'] }),
    outcomeDeliveryNote: text(),
    createdAt: createdAt(),
    updatedAt: createdAt(),
  },
  (t) => [
    index('complaints_open_due_idx').on(t.dueAt).where(sql`${t.status} in ('received', 'assigned', 'accepted')`),
    // The 1-day rate and the assessment read every complaint whose limit fell in a span, handled or not.
    index('complaints_due_idx').on(t.dueAt),
    index('complaints_unit_status_idx').on(t.unitId, t.status),
    index('complaints_received_idx').on(t.receivedAt, t.id),
    index('complaints_citizen_idx').on(t.channel, t.botId, t.citizenExternalId),
  ],
)

export const complaintEvents = pgTable(
  'complaint_events',
  {
    id: id(),
    complaintId: integer()
      .notNull()
      .references(() => complaints.id),
    kind: text({ enum: COMPLAINT_EVENT_KINDS }).notNull(),
    fromStatus: text({ enum: COMPLAINT_STATUSES }),
    toStatus: text({ enum: COMPLAINT_STATUSES }).notNull(),
    actorId: integer().references(() => people.id),
    actorRole: text({ enum: [...ROLES, 'system'] }).notNull(),
    note: text(),
    mediaIds: jsonb().$type<number[]>().notNull().default([]),
    data: jsonb().$type<Record<string, unknown>>(),
    at: instant().notNull(),
  },
  (t) => [index('complaint_events_complaint_idx').on(t.complaintId, t.at)],
)

/** A supervision record (督查记录表): a supervisor's inspection of a unit. */
export const supervisions = pgTable(
  'supervisions',
  {
    id: id(),
    code: text().notNull().unique(),
    supervisorUnitId: integer()
      .notNull()
      .references(() => units.id),
    inspectedUnitId: integer()
      .notNull()
      .references(() => units.id),
    reporterId: integer().references(() => people.id),
    lead: text().notNull(),
    members: text(),
    inspectedAt: instant().notNull(),
    matters: text().notNull(),
    problems: text(),
    requirements: text(),
    createdAt: createdAt(),
  },
  (t) => [
    index('supervisions_inspected_idx').on(t.inspectedUnitId, t.inspectedAt),
    // Ledger paging: newest first on (inspected_at, id).
    index('supervisions_at_idx').on(t.inspectedAt, t.id),
  ],
)

/** Photos, voice and files, kept as received with their SHA-256 so evidence can be shown unaltered. */
export const media = pgTable(
  'media',
  {
    id: id(),
    sha256: text().notNull(),
    mimeType: text().notNull(),
    bytes: integer().notNull(),
    storagePath: text().notNull(),
    channel: text({ enum: CHANNELS }),
    externalMediaId: text(),
    uploaderIdentityId: integer(),
    receivedAt: instant().notNull(),
    subjectType: text({ enum: ['hazard', 'complaint', 'patrol', 'supervision'] }),
    subjectId: integer(),
  },
  (t) => [index('media_subject_idx').on(t.subjectType, t.subjectId), index('media_sha_idx').on(t.sha256)],
)

/** Per-prefix, per-day counters for human-readable numbers (YH20261123-0001). */
export const codeCounters = pgTable(
  'code_counters',
  {
    prefix: text().notNull(),
    day: text().notNull(),
    last: integer().notNull(),
  },
  (t) => [uniqueIndex('code_counters_uq').on(t.prefix, t.day)],
)

/** The reward for a 举报 (source 002 (五)): checked (属实 or not, why, by whom), the amount, and its payment. */
export const reportRewards = pgTable('report_rewards', {
  complaintId: integer()
    .primaryKey()
    .references(() => complaints.id),
  verified: boolean(),
  verifyReason: text(),
  verifiedAt: instant(),
  verifiedById: integer().references(() => people.id),
  amountYuan: integer(),
  paidAt: instant(),
  paidHow: text(),
  paidById: integer().references(() => people.id),
})

/** A patrol team's answer to each item of the source 003 checklist. */
export const teamChecklistResults = pgTable(
  'team_checklist_results',
  {
    patrolId: integer()
      .notNull()
      .references(() => patrols.id),
    itemId: text().notNull(),
    verdict: text({ enum: ['pass', 'fail', 'na'] }).notNull(),
    note: text(),
    /** Photos taken for this item (kept with the patrol). */
    mediaIds: jsonb().$type<number[]>().notNull().default([]),
  },
  (t) => [uniqueIndex('team_checklist_item_idx').on(t.patrolId, t.itemId)],
)

/** A patrol team's problem list (问题清单, source 001), each item through to 整改销号. */
export const problemItems = pgTable(
  'problem_items',
  {
    id: id(),
    code: text().notNull().unique(),
    patrolId: integer()
      .notNull()
      .references(() => patrols.id),
    checklistItemId: text(),
    description: text().notNull(),
    status: text({ enum: PROBLEM_STATUSES }).notNull().default('listed'),
    cause: text(),
    problemCategory: text(),
    disposition: text({ enum: DISPOSITIONS }),
    dueAt: instant(),
    transferTo: text(),
    handedOverTo: text(),
    /** The inspected unit reports back within a month of the handover at the latest (source 001). */
    reportBackDueAt: instant(),
    closedAt: instant(),
    result: text(),
    createdAt: createdAt(),
  },
  (t) => [index('problem_items_patrol_idx').on(t.patrolId)],
)

/** Append-only: every step of a problem, who and when. */
export const problemEvents = pgTable(
  'problem_events',
  {
    id: id(),
    problemId: integer()
      .notNull()
      .references(() => problemItems.id),
    kind: text().notNull(),
    toStatus: text({ enum: PROBLEM_STATUSES }).notNull(),
    actorId: integer().references(() => people.id),
    note: text(),
    at: instant().notNull(),
  },
  (t) => [index('problem_events_problem_idx').on(t.problemId)],
)
