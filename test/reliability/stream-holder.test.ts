import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type DatabaseHandle, openDatabase } from '../../src/db/client'
import { scratchPostgres } from './server-process'

/**
 * One DingTalk Stream connection per city: of all worker processes only the holder of a session advisory lock
 * opens it, and another takes over once the holder's lock is gone (released, or its session ended with it).
 */
const url = process.env.TEST_DATABASE_URL
const KEY = 7_240_302

describe.skipIf(!url)('the exclusive lock the stream holder takes (runs with TEST_DATABASE_URL)', () => {
  let scratch: Awaited<ReturnType<typeof scratchPostgres>>
  const handles: DatabaseHandle[] = []

  beforeAll(async () => {
    scratch = await scratchPostgres(url as string, `xunan_lock_${process.pid}`)
    for (let i = 0; i < 2; i++)
      handles.push(await openDatabase({ kind: 'postgres', url: scratch.url, maxConnections: 2 }))
  })
  afterAll(async () => {
    for (const handle of handles) await handle.close()
    await scratch?.drop()
  })

  it('is held by one process at a time and passes on when the holder lets go or goes away', async () => {
    const [first, second] = handles as [DatabaseHandle, DatabaseHandle]
    const held = await first.tryExclusive(KEY)
    expect(held).toBeDefined()
    // (What the wait below looks at shows the lock while it is held.)
    expect(await advisoryLockHeld(second)).toBe(true)
    expect(await second.tryExclusive(KEY)).toBeUndefined()
    await held?.release()
    const taken = await second.tryExclusive(KEY)
    expect(taken).toBeDefined()
    // The holder's process ends (its connections close): the lock goes with it — once the server has ended that
    // session's backend, which it does on its own time after the client hangs up (the lock had been tried before).
    await second.close()
    handles.splice(1, 1)
    for (let looks = 0; looks < 1000 && (await advisoryLockHeld(first)); looks++) {}
    expect(await first.tryExclusive(KEY)).toBeDefined()
  })
})

/** Whether any session holds the advisory lock on KEY (a bigint key: its low 32 bits are the objid). */
async function advisoryLockHeld(handle: DatabaseHandle): Promise<boolean> {
  const rows = (await handle.db.execute(
    sql`select count(*)::int as n from pg_locks where locktype = 'advisory' and objid::bigint = ${KEY}::bigint and objsubid = 1`,
  )) as unknown as { n: number }[]
  return (rows[0]?.n ?? 0) > 0
}

describe('on the embedded database', () => {
  it('is always this process’s (one process per data directory)', async () => {
    const handle = await openDatabase({ kind: 'pglite' })
    try {
      const lock = await handle.tryExclusive(KEY)
      expect(lock).toBeDefined()
      await lock?.release()
    } finally {
      await handle.close()
    }
  })
})
