import { date, index, integer, jsonb, pgTable, primaryKey, text, unique } from 'drizzle-orm/pg-core'
import { createdAt, id, instant } from './columns'
import { people, units } from './org'

export const REPORT_KINDS = [
  'weekly',
  'monthly',
  'quarterly',
  'bulletin',
  'digest',
  'score',
  'daily',
  'campaign',
] as const

/** A statutory report for a unit and period: when it was due, when it was submitted, what it said. */
export const periodicReports = pgTable(
  'periodic_reports',
  {
    id: id(),
    kind: text({ enum: REPORT_KINDS }).notNull(),
    unitId: integer().references(() => units.id),
    periodStart: date({ mode: 'string' }).notNull(),
    periodEnd: date({ mode: 'string' }).notNull(),
    dueAt: instant().notNull(),
    submittedAt: instant(),
    data: jsonb().$type<Record<string, unknown>>(),
    /** What the unit writes itself (落实整改情况, 工作建议, 落实整改主要工作): drafted from the data, accepted or edited. */
    narrative: jsonb().$type<Record<string, string>>(),
    /** The special-campaign table's figures and problems the unit enters (sections 1, 3, 4, 5). */
    entries: jsonb().$type<Record<string, unknown>>(),
    /** Who confirmed it for submission (填表人 / 联系人). */
    confirmedById: integer().references(() => people.id),
    /** A supervising unit's 附件4 as received by 安监科 (the lead office confirms it on a card or the console). */
    receivedAt: instant(),
    receivedById: integer().references(() => people.id),
    filePath: text(),
    createdAt: createdAt(),
  },
  (t) => [
    unique('periodic_reports_uq').on(t.kind, t.unitId, t.periodStart).nullsNotDistinct(),
    index('periodic_reports_due_idx').on(t.dueAt),
  ],
)

/** Who changed what in the console or API, with before/after. */
export const auditLog = pgTable(
  'audit_log',
  {
    id: id(),
    actorId: integer().references(() => people.id),
    actorLabel: text().notNull(),
    action: text().notNull(),
    entity: text().notNull(),
    entityId: text(),
    before: jsonb(),
    after: jsonb(),
    at: instant().notNull(),
  },
  (t) => [index('audit_log_entity_idx').on(t.entity, t.entityId), index('audit_log_at_idx').on(t.at)],
)

/**
 * An electronic signature on a paper form's signature line (签字): who confirmed, when and where. One per
 * line of a record; the form prints 「姓名（时间 确认）」 in place of the wet signature.
 */
export const SIGNOFF_SUBJECTS = ['report', 'supervision'] as const
export const signoffs = pgTable(
  'signoffs',
  {
    id: id(),
    subjectType: text({ enum: SIGNOFF_SUBJECTS }).notNull(),
    subjectId: integer().notNull(),
    line: text().notNull(),
    personId: integer().references(() => people.id),
    signerName: text().notNull(),
    channel: text().notNull(),
    signedAt: instant().notNull(),
  },
  (t) => [unique('signoffs_line_uq').on(t.subjectType, t.subjectId, t.line)],
)

/** A special campaign (专项整治行动, source 004): the units taking part file its statistics table monthly. */
export const campaigns = pgTable('campaigns', {
  id: id(),
  name: text().notNull(),
  startsOn: date({ mode: 'string' }).notNull(),
  endsOn: date({ mode: 'string' }),
  createdAt: createdAt(),
})

export const campaignUnits = pgTable(
  'campaign_units',
  {
    campaignId: integer()
      .notNull()
      .references(() => campaigns.id, { onDelete: 'cascade' }),
    unitId: integer()
      .notNull()
      .references(() => units.id),
  },
  (t) => [primaryKey({ columns: [t.campaignId, t.unitId] })],
)

/**
 * A finding 安监科 records against a unit for the assessment (source 000 附件1): the lines no ledger can
 * show (the scheme's organisation, accountability, an accident from negligence), with the evidence, the
 * points of a 视情况 line, and who recorded it. It counts in every period that contains its date.
 */
export const assessmentFindings = pgTable(
  'assessment_findings',
  {
    id: id(),
    unitId: integer()
      .notNull()
      .references(() => units.id),
    rule: text().notNull(),
    appliesOn: date({ mode: 'string' }).notNull(),
    points: integer(),
    reason: text().notNull(),
    mediaIds: jsonb().$type<number[]>().notNull().default([]),
    recordedById: integer().references(() => people.id),
    recordedByLabel: text().notNull(),
    recordedAt: instant().notNull(),
  },
  (t) => [index('assessment_findings_unit_idx').on(t.unitId, t.appliesOn)],
)

export const ACCIDENT_LEVELS = ['general', 'larger', 'major'] as const
export const ACCIDENT_REPORTING = ['on_time', 'late', 'omitted', 'false', 'concealed'] as const
export const MEDIA_EXPOSURE = ['none', 'local', 'provincial', 'national'] as const

/**
 * A safety accident (事故) in a unit's sector, recorded by 安监科: it feeds 附件1 line 2-5 (失职渎职, with the
 * points chosen) and the four 一票否决 conditions of source 000 五.
 */
export const accidents = pgTable(
  'accidents',
  {
    id: id(),
    unitId: integer()
      .notNull()
      .references(() => units.id),
    occurredOn: date({ mode: 'string' }).notNull(),
    place: text().notNull(),
    level: text({ enum: ACCIDENT_LEVELS }).notNull(),
    deaths: integer().notNull().default(0),
    reporting: text({ enum: ACCIDENT_REPORTING }).notNull().default('on_time'),
    mediaExposure: text({ enum: MEDIA_EXPOSURE }).notNull().default('none'),
    /** Points under 附件1 2-5 when the accident was caused by negligence (失职渎职); null when it was not. */
    negligencePoints: integer(),
    description: text().notNull(),
    recordedById: integer().references(() => people.id),
    recordedByLabel: text().notNull(),
    recordedAt: instant().notNull(),
  },
  (t) => [index('accidents_unit_idx').on(t.unitId, t.occurredOn)],
)
