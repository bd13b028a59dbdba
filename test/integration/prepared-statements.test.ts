import { eq, inArray, sql } from 'drizzle-orm'
import postgres from 'postgres'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Database, type DatabaseHandle, openDatabase } from '../../src/db/client'
import { people } from '../../src/db/schema'

const url = process.env.TEST_DATABASE_URL

/** The statements this connection keeps prepared, read from inside the transaction that ran the query. */
async function preparedStatements(db: Database, query: (tx: Database) => Promise<unknown>): Promise<string[]> {
  return db.transaction(async (tx) => {
    await query(tx as unknown as Database)
    const rows = await tx.execute<{ statement: string }>(sql`select statement from pg_prepared_statements`)
    return (rows as unknown as { statement: string }[]).map((r) => r.statement)
  })
}

describe.skipIf(!url)('prepared statements on Postgres (runs with TEST_DATABASE_URL)', () => {
  const name = `xunan_prepared_${process.pid}_${Date.now().toString(36)}`
  const admin = postgres(url ?? '', { max: 1, onnotice: () => {} })
  const target = new URL(url ?? 'postgres://localhost/x')
  target.pathname = `/${name}`
  let prepared: DatabaseHandle
  let unprepared: DatabaseHandle

  beforeAll(async () => {
    await admin.unsafe(`create database "${name}"`)
    prepared = await openDatabase({ kind: 'postgres', url: target.toString(), maxConnections: 2 })
    await prepared.migrate()
    unprepared = await openDatabase({
      kind: 'postgres',
      url: target.toString(),
      maxConnections: 1,
      preparedStatements: false,
    })
  })
  afterAll(async () => {
    await prepared?.close()
    await unprepared?.close()
    await admin.unsafe(`drop database if exists "${name}" with (force)`)
    await admin.end({ timeout: 5 })
  })

  it('keeps a parameterised query prepared on its connection, inside transactions too', async () => {
    const statements = await preparedStatements(prepared.db, (tx) =>
      tx.select({ id: people.id }).from(people).where(eq(people.name, '张三')),
    )
    expect(statements.some((s) => s.includes('from "people"') && s.includes('$1'))).toBe(true)
  })

  it('gives the same rows as an unprepared query, also on the second use of the statement', async () => {
    await prepared.db.insert(people).values([
      { name: '李四', role: 'field_staff' as const },
      { name: '王五', role: 'field_staff' as const },
    ])
    for (const client of [prepared.db, unprepared.db, prepared.db]) {
      const rows = await client.select({ name: people.name }).from(people).where(eq(people.name, '王五'))
      expect(rows).toEqual([{ name: '王五' }])
    }
  })

  it('leaves statements with long parameter lists unprepared: their text varies with the list', async () => {
    const names = Array.from({ length: 100 }, (_, i) => `某${i}`)
    const statements = await preparedStatements(prepared.db, (tx) =>
      tx.select({ id: people.id }).from(people).where(inArray(people.name, names)),
    )
    expect(statements.some((s) => s.includes('$100'))).toBe(false)
  })

  it('prepares nothing when turned off (DATABASE_PREPARE=0, for a pooler in transaction mode)', async () => {
    const statements = await preparedStatements(unprepared.db, (tx) =>
      tx.select({ id: people.id }).from(people).where(eq(people.name, '张三')),
    )
    expect(statements.filter((s) => s.includes('"people"'))).toEqual([])
  })
})
