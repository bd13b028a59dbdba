import { sql } from 'drizzle-orm'
import type { Database } from '../../src/db/client'

/**
 * A real failure inside the database for the code under test: every insert into `table` raises, until the
 * returned function removes the trigger. Used to prove that a failure after the response still reaches
 * the person.
 */
export async function failInsertsInto(
  db: Database,
  table: 'patrols' | 'supervisions' | 'outbox' | 'inbound_messages',
): Promise<() => Promise<void>> {
  const name = `xunan_test_fail_${table}`
  await db.execute(
    sql.raw(`create or replace function ${name}() returns trigger language plpgsql as $$
      begin raise exception 'injected failure'; end $$`),
  )
  await db.execute(sql.raw(`create trigger ${name} before insert on ${table} for each row execute function ${name}()`))
  return async () => {
    await db.execute(sql.raw(`drop trigger ${name} on ${table}`))
  }
}
