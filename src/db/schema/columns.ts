import { integer, timestamp } from 'drizzle-orm/pg-core'

/** Shared column shapes: identity keys and time-zone-aware timestamps as Date objects. */
export const id = () => integer().primaryKey().generatedAlwaysAsIdentity()
export const instant = () => timestamp({ withTimezone: true, mode: 'date' })
export const createdAt = () => instant().notNull().defaultNow()
