import { type AnyColumn, and, desc, eq, gte, inArray, isNull, lt, lte, type SQL, sql } from 'drizzle-orm'
import { z } from 'zod'
import type { Database } from '../db/client'
import { complaints, hazards, patrols, supervisions } from '../db/schema'
import { CATEGORIES } from '../domain/categories'
import { COMPLAINT_STATUSES, OPEN_COMPLAINT_STATUSES } from '../domain/complaint-lifecycle'
import { HAZARD_LEVELS, HAZARD_STATUSES, UNDER_RECTIFICATION_STATUSES } from '../domain/hazard-lifecycle'
import { isStorableDate, MAX_ROW_ID, rowId, storableDate } from '../domain/storable'
import type { PatrolRow } from './patrols'

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
  unit: rowId().optional(),
  status: csv(HAZARD_STATUSES),
  level: csv(HAZARD_LEVELS),
  category: csv(CATEGORIES),
  from: storableDate().optional(),
  to: storableDate().optional(),
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

export const PatrolFilter = HazardFilter.pick({
  unit: true,
  from: true,
  to: true,
  overdue: true,
  cursor: true,
  limit: true,
}).extend({
  kind: csv(['daily', 'team']),
})
export type PatrolFilter = z.infer<typeof PatrolFilter>

export const SupervisionFilter = HazardFilter.pick({
  unit: true,
  from: true,
  to: true,
  cursor: true,
  limit: true,
}).extend({
  supervisor: rowId().optional(),
})
export type SupervisionFilter = z.infer<typeof SupervisionFilter>
export type SupervisionRow = typeof supervisions.$inferSelect

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
  const rowNumber = Number(id)
  if (!isStorableDate(date) || !Number.isInteger(rowNumber) || rowNumber < 0 || rowNumber > MAX_ROW_ID)
    throw new RangeError('invalid cursor')
  return { at: date, id: Number(id) }
}

/** Cuts the extra row fetched to learn whether another page follows, and encodes where the next starts. */
function toPage<T extends { id: number }>(rows: T[], limit: number, timeOf: (row: T) => Date): Page<T> {
  const page = rows.slice(0, limit)
  const last = page.at(-1)
  return { rows: page, nextCursor: rows.length > limit && last ? encodeCursor(timeOf(last), last.id) : null }
}

/** Rows after the cursor in (time, id) descending order, as one index range scan. */
function afterCursor(time: AnyColumn, id: AnyColumn, cursor: string | undefined): SQL | undefined {
  const at = decodeCursor(cursor)
  // A row comparison is one index range on (time, id); the equivalent OR is not.
  return at ? sql`(${time}, ${id}) < (${at.at.toISOString()}::timestamptz, ${at.id})` : undefined
}

function dateRange(time: AnyColumn, filter: { from?: Date; to?: Date }): SQL[] {
  return [filter.from ? gte(time, filter.from) : undefined, filter.to ? lte(time, filter.to) : undefined].filter(
    (c): c is SQL => c !== undefined,
  )
}

const whereAll = (conditions: (SQL | undefined)[]) => {
  const present = conditions.filter((c): c is SQL => c !== undefined)
  return present.length ? and(...present) : undefined
}

export async function listHazards(
  db: Database,
  filter: HazardFilter,
  now: Date,
): Promise<Page<typeof hazards.$inferSelect>> {
  const rows = await db
    .select()
    .from(hazards)
    .where(
      whereAll([
        filter.unit ? eq(hazards.unitId, filter.unit) : undefined,
        filter.status?.length ? inArray(hazards.status, filter.status) : undefined,
        filter.level?.length ? inArray(hazards.level, filter.level) : undefined,
        filter.category?.length ? inArray(hazards.category, filter.category) : undefined,
        ...dateRange(hazards.foundAt, filter),
        ...(filter.overdue
          ? [inArray(hazards.status, [...UNDER_RECTIFICATION_STATUSES]), lt(hazards.rectifyDueAt, now)]
          : []),
        afterCursor(hazards.foundAt, hazards.id, filter.cursor),
      ]),
    )
    .orderBy(desc(hazards.foundAt), desc(hazards.id))
    .limit(filter.limit + 1)
  return toPage(rows, filter.limit, (h) => h.foundAt)
}

export async function listComplaints(
  db: Database,
  filter: ComplaintFilter,
  now: Date,
): Promise<Page<typeof complaints.$inferSelect>> {
  const rows = await db
    .select()
    .from(complaints)
    .where(
      whereAll([
        filter.unit ? eq(complaints.unitId, filter.unit) : undefined,
        filter.status?.length ? inArray(complaints.status, filter.status) : undefined,
        filter.category?.length ? inArray(complaints.category, filter.category) : undefined,
        ...dateRange(complaints.receivedAt, filter),
        ...(filter.overdue
          ? [inArray(complaints.status, [...OPEN_COMPLAINT_STATUSES]), lt(complaints.dueAt, now)]
          : []),
        afterCursor(complaints.receivedAt, complaints.id, filter.cursor),
      ]),
    )
    .orderBy(desc(complaints.receivedAt), desc(complaints.id))
    .limit(filter.limit + 1)
  return toPage(rows, filter.limit, (r) => r.receivedAt)
}

/** Patrols: `overdue` means a team patrol whose written report is past due and not yet submitted. */
export async function listPatrols(db: Database, filter: PatrolFilter, now: Date): Promise<Page<PatrolRow>> {
  const rows = await db
    .select()
    .from(patrols)
    .where(
      whereAll([
        filter.unit ? eq(patrols.unitId, filter.unit) : undefined,
        filter.kind?.length ? inArray(patrols.kind, filter.kind) : undefined,
        ...dateRange(patrols.startedAt, filter),
        ...(filter.overdue
          ? [isNull(patrols.reportSubmittedAt), isNull(patrols.voidedAt), lt(patrols.reportDueAt, now)]
          : []),
        afterCursor(patrols.startedAt, patrols.id, filter.cursor),
      ]),
    )
    .orderBy(desc(patrols.startedAt), desc(patrols.id))
    .limit(filter.limit + 1)
  return toPage(rows, filter.limit, (p) => p.startedAt)
}

/** Supervisions, filtered by the inspected unit (`unit`) or the supervising one (`supervisor`). */
export async function listSupervisions(db: Database, filter: SupervisionFilter): Promise<Page<SupervisionRow>> {
  const rows = await db
    .select()
    .from(supervisions)
    .where(
      whereAll([
        filter.unit ? eq(supervisions.inspectedUnitId, filter.unit) : undefined,
        filter.supervisor ? eq(supervisions.supervisorUnitId, filter.supervisor) : undefined,
        ...dateRange(supervisions.inspectedAt, filter),
        afterCursor(supervisions.inspectedAt, supervisions.id, filter.cursor),
      ]),
    )
    .orderBy(desc(supervisions.inspectedAt), desc(supervisions.id))
    .limit(filter.limit + 1)
  return toPage(rows, filter.limit, (s) => s.inspectedAt)
}
