import { date, index, integer, jsonb, pgTable, text, unique } from 'drizzle-orm/pg-core'
import { createdAt, id, instant } from './columns'
import { people, units } from './org'

export const REPORT_KINDS = ['weekly', 'monthly', 'quarterly', 'bulletin', 'digest', 'score'] as const

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
