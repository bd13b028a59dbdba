import { boolean, date, index, integer, jsonb, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core'
import { CATEGORIES } from '../../domain/categories'
import { ROLES } from '../../domain/roles'
import { createdAt, id, instant } from './columns'

export const UNIT_KINDS = ['patrol', 'supervising', 'bureau'] as const
export const CHANNELS = ['wecom', 'wecom-robot', 'dingtalk', 'mp', 'console', 'open311'] as const
export type ChannelId = (typeof CHANNELS)[number]

/** Patrol units (巡查单位), the supervising office (安监科) and the bureau itself. */
export const units = pgTable('units', {
  id: id(),
  code: text().notNull().unique(),
  name: text().notNull(),
  kind: text({ enum: UNIT_KINDS }).notNull(),
  /** Leader to escalate to after the duty officer. */
  leaderId: integer(),
  /** 启用日期: the assessment counts nothing (days, reports, inspections) before it; null counts from the start. */
  goLiveOn: date({ mode: 'string' }),
  /**
   * 牵头科室 (source 000 (二) 1, 安监科): receives the supervising units' monthly and quarterly reports (附件4),
   * compiles and owes the quarterly bulletin, and inspects every patrol unit (a new one is added to its duties).
   */
  leadsSupervision: boolean().notNull().default(false),
  active: boolean().notNull().default(true),
  createdAt: createdAt(),
})

export const people = pgTable(
  'people',
  {
    id: id(),
    name: text().notNull(),
    role: text({ enum: ROLES }).notNull(),
    unitId: integer().references(() => units.id),
    phone: text(),
    active: boolean().notNull().default(true),
    createdAt: createdAt(),
  },
  (t) => [index('people_unit_role_idx').on(t.unitId, t.role)],
)

/**
 * A chat account. `personId` is null for someone who wrote to the bot but is not bound to a person yet:
 * the admin binds them in the console.
 */
export const identities = pgTable(
  'identities',
  {
    id: id(),
    personId: integer().references(() => people.id),
    channel: text({ enum: CHANNELS }).notNull(),
    botId: text().notNull().default('default'),
    externalId: text().notNull(),
    displayName: text(),
    firstSeenAt: createdAt(),
    lastSeenAt: instant(),
  },
  (t) => [
    uniqueIndex('identities_channel_bot_external_uq').on(t.channel, t.botId, t.externalId),
    index('identities_person_idx').on(t.personId),
  ],
)

/** Group chats that receive posts: a unit's group, the leaders' group. */
export const chatGroups = pgTable('chat_groups', {
  id: id(),
  channel: text({ enum: CHANNELS }).notNull(),
  botId: text().notNull().default('default'),
  name: text().notNull(),
  purpose: text({ enum: ['unit', 'leaders'] }).notNull(),
  unitId: integer().references(() => units.id),
  /** Chat id for app/robot group messages, or null for webhook-only group robots. */
  externalId: text(),
  /** Group-robot webhook; its secret is named by env var, never stored here. */
  webhookUrl: text(),
  secretEnv: text(),
  createdAt: createdAt(),
})

/** Who is on duty when: escalations of overdue items go to the officer on the roster. */
export const dutyRoster = pgTable(
  'duty_roster',
  {
    id: id(),
    personId: integer()
      .notNull()
      .references(() => people.id),
    startsAt: instant().notNull(),
    endsAt: instant().notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('duty_roster_window_idx').on(t.startsAt, t.endsAt)],
)

/** Category → responsible unit, editable per city. */
export const routingRules = pgTable('routing_rules', {
  category: text({ enum: CATEGORIES }).primaryKey(),
  unitId: integer()
    .notNull()
    .references(() => units.id),
  keywords: jsonb().$type<string[]>().notNull().default([]),
  /** A general hazard's default rectification period in days (editable; a major one's comes from its 五落实 时限). */
  rectifyDays: integer().notNull().default(30),
  updatedAt: createdAt(),
})

/** Exceptions to the Monday–Friday rule: rest weekdays and make-up working weekends (调休). */
export const calendarDays = pgTable('calendar_days', {
  date: date({ mode: 'string' }).primaryKey(),
  kind: text({ enum: ['rest', 'work'] }).notNull(),
  name: text(),
  source: text().notNull(),
  updatedAt: createdAt(),
})

/** Years whose exceptions are known; deadlines through other years are provisional. */
export const calendarYears = pgTable('calendar_years', {
  year: integer().primaryKey(),
  source: text().notNull(),
  updatedAt: createdAt(),
})

/**
 * Settings the administrator changes in the console (reminder timing, quiet hours). A missing key means
 * the value from the environment applies; each change goes to the audit log.
 */
export const settings = pgTable('settings', {
  key: text().primaryKey(),
  value: jsonb().notNull(),
  updatedAt: createdAt(),
})

/**
 * Who inspects whom (source 000 (二)): a supervising unit, a unit it supervises, and how many inspections a
 * month that takes. The 20th/25th reminders, 我的待办 and the assessment's 2-6 line all read this table.
 */
export const supervisionAssignments = pgTable(
  'supervision_assignments',
  {
    supervisorUnitId: integer()
      .notNull()
      .references(() => units.id),
    supervisedUnitId: integer()
      .notNull()
      .references(() => units.id),
    perMonth: integer().notNull().default(2),
    /** Inspections a quarter instead of (or besides) monthly ones: 建管科's quarterly building-safety checks. */
    perQuarter: integer().notNull().default(0),
  },
  (t) => [uniqueIndex('supervision_assignments_pair_idx').on(t.supervisorUnitId, t.supervisedUnitId)],
)
