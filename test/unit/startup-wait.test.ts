import { describe, expect, it } from 'vitest'
import { whenDatabaseReachable } from '../../src/db/startup-wait'
import { silentLogger } from '../../src/logger'

/** A fake clock that sleeping advances: no real time passes in these tests. */
function fakeTime() {
  let now = 0
  const slept: number[] = []
  return {
    now: () => now,
    sleep: async (ms: number) => {
      slept.push(ms)
      now += ms
    },
    slept,
  }
}
const refused = () => Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' })

describe('waiting for the database at start-up', () => {
  it('retries an unreachable database with growing pauses until it answers', async () => {
    const time = fakeTime()
    let calls = 0
    const result = await whenDatabaseReachable(
      async () => {
        calls++
        if (calls < 4) throw refused()
        return 'migrated'
      },
      { deadlineMs: 60_000, logger: silentLogger, ...time },
    )
    expect(result).toBe('migrated')
    expect(time.slept).toEqual([250, 500, 1000])
  })

  it('gives up past its deadline with the driver’s own error', async () => {
    const time = fakeTime()
    await expect(
      whenDatabaseReachable(
        async () => {
          throw refused()
        },
        { deadlineMs: 10_000, logger: silentLogger, ...time },
      ),
    ).rejects.toThrow('ECONNREFUSED')
    expect(time.now()).toBeLessThanOrEqual(10_000)
    expect(time.slept.at(-1)).toBeLessThanOrEqual(5_000)
  })

  it('fails at once on any other error (a broken migration is not a late database)', async () => {
    const time = fakeTime()
    await expect(
      whenDatabaseReachable(
        async () => {
          throw Object.assign(new Error('syntax error'), { code: '42601' })
        },
        { deadlineMs: 60_000, logger: silentLogger, ...time },
      ),
    ).rejects.toThrow('syntax error')
    expect(time.slept).toEqual([])
  })
})
