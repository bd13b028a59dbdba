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
    expect(await second.tryExclusive(KEY)).toBeUndefined()
    await held?.release()
    const taken = await second.tryExclusive(KEY)
    expect(taken).toBeDefined()
    // The holder's process ends (its connections close): the lock goes with it.
    await second.close()
    handles.splice(1, 1)
    expect(await first.tryExclusive(KEY)).toBeDefined()
  })
})

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
