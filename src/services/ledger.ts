import { and, desc, eq, gte, inArray, lt, lte, type SQL, sql } from 'drizzle-orm'
import { z } from 'zod'
import type { Database } from '../db/client'
import { complaints, hazards } from '../db/schema'
import { CATEGORIES } from '../domain/categories'
import { COMPLAINT_STATUSES } from '../domain/complaint-lifecycle'
import { HAZARD_LEVELS, HAZARD_STATUSES } from '../domain/hazard-lifecycle'

/**
 * The hazard and complaint ledgers: filters, and keyset paging on (time, id) — each page is an index range
 * scan that costs the same on page 1 and page 10 000, where OFFSET would read every skipped row.
 */
const csv = <T extends string>(values: readonly [T, ...T[]]) =>
  z
    .string()
    .transform((s) => s.split(',').filter(Boolean))
    .pipe(z.array(z.enum(values)))
    .optional()

export const HazardFilter = z.object({
  unit: z.coerce.number().int().positive().optional(),
  status: csv(HAZARD_STATUSES),
  level: csv(HAZARD_LEVELS),
  category: csv(CATEGORIES),
  from: z.coerce.date().optional(),
  to: z.coerce.date().optional(),
  overdue: z.enum(['1', 'true']).optional(),
  cursor: z
    .string()
    .max(100)
    .refine((value) => isValidCursor(value), 'not a cursor from a previous page')
    .optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
})
export type HazardFilter = z.infer<typeof HazardFilter>

export const ComplaintFilter = HazardFilter.omit({ status: true, level: true }).extend({
  status: csv(COMPLAINT_STATUSES),
})
export type ComplaintFilter = z.infer<typeof ComplaintFilter>

export interface Page<T> {
  rows: T[]
  nextCursor: string | null
}

function encodeCursor(at: Date, id: number): string {
  return Buffer.from(`${at.toISOString()}|${id}`).toString('base64url')
}

function isValidCursor(cursor: string): boolean {
  try {
    decodeCursor(cursor)
    return true
  } catch {
    return false
  }
}

export function decodeCursor(cursor: string | undefined): { at: Date; id: number } | undefined {
  if (!cursor) return undefined
  const [at, id] = Buffer.from(cursor, 'base64url').toString().split('|')
  const date = new Date(at ?? '')
  if (Number.isNaN(date.getTime()) || !Number.isInteger(Number(id))) throw new RangeError('invalid cursor')
  return { at: date, id: Number(id) }
}

export async function listHazards(
  db: Database,
  filter: HazardFilter,
  now: Date,
): Promise<Page<typeof hazards.$inferSelect>> {
  const where: SQL[] = []
  if (filter.unit) where.push(eq(hazards.unitId, filter.unit))
  if (filter.status?.length) where.push(inArray(hazards.status, filter.status))
  if (filter.level?.length) where.push(inArray(hazards.level, filter.level))
  if (filter.category?.length) where.push(inArray(hazards.category, filter.category))
  if (filter.from) where.push(gte(hazards.foundAt, filter.from))
  if (filter.to) where.push(lte(hazards.foundAt, filter.to))
  if (filter.overdue) where.push(inArray(hazards.status, ['assigned', 'rectifying']), lt(hazards.rectifyDueAt, now))
  const cursor = decodeCursor(filter.cursor)
  // A row comparison is one index range on (found_at, id); the equivalent OR is not.
  if (cursor)
    where.push(sql`(${hazards.foundAt}, ${hazards.id}) < (${cursor.at.toISOString()}::timestamptz, ${cursor.id})`)
  const rows = await db
    .select()
    .from(hazards)
    .where(where.length ? and(...where) : undefined)
    .orderBy(desc(hazards.foundAt), desc(hazards.id))
    .limit(filter.limit + 1)
  const more = rows.length > filter.limit
  const page = rows.slice(0, filter.limit)
  const last = page.at(-1)
  return { rows: page, nextCursor: more && last ? encodeCursor(last.foundAt, last.id) : null }
}

export async function listComplaints(
  db: Database,
  filter: ComplaintFilter,
  now: Date,
): Promise<Page<typeof complaints.$inferSelect>> {
  const where: SQL[] = []
  if (filter.unit) where.push(eq(complaints.unitId, filter.unit))
  if (filter.status?.length) where.push(inArray(complaints.status, filter.status))
  if (filter.category?.length) where.push(inArray(complaints.category, filter.category))
  if (filter.from) where.push(gte(complaints.receivedAt, filter.from))
  if (filter.to) where.push(lte(complaints.receivedAt, filter.to))
  if (filter.overdue)
    where.push(inArray(complaints.status, ['received', 'assigned', 'accepted']), lt(complaints.dueAt, now))
  const cursor = decodeCursor(filter.cursor)
  if (cursor)
    where.push(
      sql`(${complaints.receivedAt}, ${complaints.id}) < (${cursor.at.toISOString()}::timestamptz, ${cursor.id})`,
    )
  const rows = await db
    .select()
    .from(complaints)
    .where(where.length ? and(...where) : undefined)
    .orderBy(desc(complaints.receivedAt), desc(complaints.id))
    .limit(filter.limit + 1)
  const more = rows.length > filter.limit
  const page = rows.slice(0, filter.limit)
  const last = page.at(-1)
  return { rows: page, nextCursor: more && last ? encodeCursor(last.receivedAt, last.id) : null }
}
