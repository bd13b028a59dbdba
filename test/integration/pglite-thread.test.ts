import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { eq, sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type DatabaseHandle, openDatabase, rowsOf } from '../../src/db/client'
import { DataDirectoryInUse } from '../../src/db/dir-lock'
import { openThreadedPglite } from '../../src/db/pglite-thread-client'
import { units } from '../../src/db/schema'
import { inputErrorOf } from '../../src/errors'

/**
 * The embedded database in a thread of its own (src/db/pglite-thread.ts), as the server runs it: the same
 * answers as in-process, transactions that commit and roll back, the database's errors with their SQLSTATE,
 * and an event loop that keeps turning while a statement runs.
 */
let threaded: DatabaseHandle
let inProcess: DatabaseHandle
const dirs: string[] = []

beforeAll(async () => {
  ;[threaded, inProcess] = await Promise.all([
    openDatabase({ kind: 'pglite', thread: true }),
    openDatabase({ kind: 'pglite', thread: false }),
  ])
  await Promise.all([threaded.migrate(), inProcess.migrate()])
})
afterAll(async () => {
  await threaded?.close()
  await inProcess?.close()
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true })
})

const unit = (code: string) => ({ code, name: `${code}单位`, kind: 'patrol' as const })

describe('the embedded database in its own thread', () => {
  it('answers drizzle as the in-process database does: rows, times, JSON, counts', async () => {
    const now = new Date('2026-12-03T08:30:00.123Z')
    for (const handle of [threaded, inProcess]) {
      await handle.db.insert(units).values({ ...unit('T1'), createdAt: now })
    }
    const [fromThread] = await threaded.db.select().from(units).where(eq(units.code, 'T1'))
    const [fromProcess] = await inProcess.db.select().from(units).where(eq(units.code, 'T1'))
    expect(fromThread).toEqual({ ...fromProcess, id: fromThread?.id })
    expect(fromThread?.createdAt).toEqual(now)

    const query = sql`select ${now}::timestamptz as at, '{"a":[1,2]}'::jsonb as doc, 3::int8 as big,
      interval '1 day' as span, date '2026-12-03' as day, null::text as nothing`
    expect(rowsOf(await threaded.db.execute(query))).toEqual(rowsOf(await inProcess.db.execute(query)))
  })

  it('commits a transaction, rolls one back on an error, and rolls back to a savepoint inside one', async () => {
    await threaded.db.transaction(async (tx) => {
      await tx.insert(units).values(unit('T2'))
      await tx
        .transaction(async (inner) => {
          await inner.insert(units).values(unit('T3'))
          inner.rollback()
        })
        .catch(() => {})
    })
    await expect(
      threaded.db.transaction(async (tx) => {
        await tx.insert(units).values(unit('T4'))
        throw new Error('abandoned')
      }),
    ).rejects.toThrow('abandoned')
    const codes = (await threaded.db.select({ code: units.code }).from(units)).map((row) => row.code)
    expect(codes).toContain('T2')
    expect(codes).not.toContain('T3')
    expect(codes).not.toContain('T4')
  })

  it('makes other statements wait for an open transaction, as one connection does', async () => {
    const order: string[] = []
    let release: () => void = () => {}
    const held = new Promise<void>((resolve) => {
      release = resolve
    })
    const transaction = threaded.db.transaction(async (tx) => {
      await tx.insert(units).values(unit('T5'))
      order.push('inserted')
      await held
      order.push('committing')
    })
    // Wait until the transaction has inserted (it holds the database from then on).
    while (!order.includes('inserted')) await new Promise((resolve) => setImmediate(resolve))
    const reader = threaded.db
      .select({ code: units.code })
      .from(units)
      .where(eq(units.code, 'T5'))
      .then((rows) => {
        order.push(`read ${rows.length}`)
      })
    for (let i = 0; i < 20; i++) await new Promise((resolve) => setImmediate(resolve))
    expect(order).toEqual(['inserted'])
    release()
    await Promise.all([transaction, reader])
    expect(order).toEqual(['inserted', 'committing', 'read 1'])
  })

  it('passes the database’s errors through with their SQLSTATE, so a duplicate answers 409 and bad input 400', async () => {
    const duplicate = await threaded.db
      .insert(units)
      .values(unit('T2'))
      .catch((error: unknown) => error)
    expect(inputErrorOf(duplicate)?.code).toBe('conflict')
    const outOfRange = await threaded.db.execute(sql`select 2147483648::int4`).catch((error: unknown) => error)
    expect(inputErrorOf(outOfRange)?.code).toBe('invalid_request')
    // The thread is still serving after the errors.
    expect(rowsOf(await threaded.db.execute(sql`select 1 as one`))).toEqual([{ one: 1 }])
  })

  it('keeps the event loop turning while a long statement runs', async () => {
    const turnsDuring = async (handle: DatabaseHandle) => {
      let done = false
      const statement = handle.db.execute(sql`select count(*) from generate_series(1, 1500000)`).finally(() => {
        done = true
      })
      let turns = 0
      while (!done) {
        await new Promise((resolve) => setImmediate(resolve))
        turns++
      }
      await statement
      return turns
    }
    const inThread = await turnsDuring(threaded)
    const onMainThread = await turnsDuring(inProcess)
    // In-process the statement runs synchronously: the loop turns only around it. In the thread it turns throughout.
    expect(inThread).toBeGreaterThan(onMainThread * 10)
    expect(inThread).toBeGreaterThan(100)
  })

  it('keeps a data directory across a restart and locks it against a second server', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'xunan-thread-'))
    dirs.push(dir)
    const first = await openDatabase({ kind: 'pglite', dataDir: dir, thread: true })
    await first.migrate()
    await first.db.insert(units).values(unit('D1'))
    await expect(openDatabase({ kind: 'pglite', dataDir: dir, thread: true })).rejects.toBeInstanceOf(
      DataDirectoryInUse,
    )
    await first.close()
    await expect(first.db.execute(sql`select 1`)).rejects.toThrow()

    const again = await openDatabase({ kind: 'pglite', dataDir: dir, thread: true })
    const rows = await again.db.select({ code: units.code }).from(units).where(eq(units.code, 'D1'))
    expect(rows).toEqual([{ code: 'D1' }])
    await again.close()
  })

  it('fails every statement and says so once when the thread stops on its own, but not when it is closed', async () => {
    // A stand-in thread that opens and then dies at the first statement, as PGlite aborting would.
    const dying = new URL(
      `data:text/javascript,${encodeURIComponent(
        "import { parentPort } from 'node:worker_threads'\n" +
          'parentPort.postMessage({ ready: true })\n' +
          'parentPort.on("message", () => process.exit(3))',
      )}`,
    )
    const stops: Error[] = []
    const client = await openThreadedPglite(undefined, { script: dying, onStopped: (error) => stops.push(error) })
    await expect(client.query('select 1')).rejects.toThrow('embedded database thread stopped (exit code 3)')
    await expect(client.query('select 1')).rejects.toThrow('exit code 3')
    expect(stops.map((error) => error.message)).toEqual(['embedded database thread stopped (exit code 3)'])

    const closed: Error[] = []
    const healthy = await openThreadedPglite(undefined, { onStopped: (error) => closed.push(error) })
    await healthy.close()
    await expect(healthy.query('select 1')).rejects.toThrow('embedded database closed')
    expect(closed).toEqual([])
  })
})
