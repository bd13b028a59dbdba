import { eq } from 'drizzle-orm'
import { complaintEvents, complaints } from '../../src/db/schema'
import type { TestDatabase } from './db'

/** The notes on a complaint's history, in the order they were made (Postgres returns rows in no order of its own). */
export async function complaintNotes(database: TestDatabase, code: string): Promise<string[]> {
  const [row] = await database.db.select().from(complaints).where(eq(complaints.code, code))
  const events = await database.db
    .select()
    .from(complaintEvents)
    .where(eq(complaintEvents.complaintId, row?.id ?? 0))
    .orderBy(complaintEvents.id)
  return events.map((event) => event.note ?? '')
}
