import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type DatabaseHandle, openDatabase, rowsOf } from '../../src/db/client'
import { systemClock } from '../../src/domain/clock'
import { FakeWechatApi } from '../fakes/wechat-api'
import { liveWecomText, wecomEnv } from '../helpers/wechat'
import { freePort, ServerProcess, scratchPostgres } from './server-process'

/**
 * SIGKILL in the middle of a burst. The real server (a separate process, started as `npm start` starts it) takes
 * signed WeCom messages from 20 concurrent senders; part-way it is killed with SIGKILL — no shutdown handler
 * runs. The platform retries what was not acknowledged, the server is restarted on the same database, and then:
 * every message is stored and processed exactly once (one conversation, one set of replies enqueued), and every
 * sender's reply reaches the platform (counted at the stand-in). A reply can reach it twice only if the kill fell
 * between the platform accepting a send and the server recording it — the one case no sender can close without
 * the platform's own idempotency; the test bounds those by the rows that were being sent at the kill.
 */
const MESSAGES = 500
const KILL_AFTER = 150
const CONCURRENCY = 20

let fake: FakeWechatApi
let server: ServerProcess
let database: { env: Record<string, string>; open(): Promise<DatabaseHandle>; drop(): Promise<void> }

beforeAll(async () => {
  fake = await new FakeWechatApi(systemClock).start()
  const url = process.env.TEST_DATABASE_URL
  if (url) {
    const scratch = await scratchPostgres(url, `xunan_sigkill_${process.pid}`)
    database = {
      env: { DATABASE_URL: scratch.url },
      open: () => openDatabase({ kind: 'postgres', url: scratch.url, maxConnections: 2 }),
      drop: () => scratch.drop(),
    }
  } else {
    const dataDir = mkdtempSync(join(tmpdir(), 'xunan-sigkill-'))
    database = {
      env: { DATA_DIR: dataDir },
      open: () => openDatabase({ kind: 'pglite', dataDir }),
      async drop() {
        rmSync(dataDir, { recursive: true, force: true })
      },
    }
  }
  server = new ServerProcess(await freePort(), {
    ...wecomEnv(fake.baseUrl),
    ...database.env,
    MEDIA_DIR: join(tmpdir(), `xunan-sigkill-media-${process.pid}`),
    DEMO: '0',
    JOBS: '0',
    LOG_LEVEL: 'error',
    SENDER_MAX_PER_MINUTE: '100000',
    // A send the kill interrupted is taken up again after this lease, not after the default minute.
    OUTBOX_LEASE_SECONDS: '3',
  })
  await server.start()
}, 120_000)

afterAll(async () => {
  await server?.stop()
  await fake?.stop()
  await database?.drop()
})

/** One signed message from sender `n` (an account nobody has bound: it gets one reply, the sign-up hint). */
const request = (n: number) => liveWecomText(`killed${n}`, 7_000_000_000 + n)

/** Sends as a platform does: answered 200 means acknowledged; anything else is retried later. */
async function deliver(n: number): Promise<boolean> {
  const { path, body } = request(n)
  try {
    const response = await fetch(`${server.url}${path}`, { method: 'POST', body, signal: AbortSignal.timeout(5_000) })
    return response.status === 200
  } catch {
    return false
  }
}

const repliesTo = (n: number) =>
  fake.calls.filter(
    (c) => c.path === '/cgi-bin/message/send' && (c.body as { touser?: string }).touser === `killed${n}`,
  ).length

describe('SIGKILL in the middle of a burst', () => {
  it('loses no acknowledged message, processes each once and replies to every sender', async () => {
    const acknowledged = new Set<number>()
    let killed: Promise<void> | undefined
    const pending = Array.from({ length: MESSAGES }, (_, n) => n)
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        for (let n = pending.shift(); n !== undefined; n = pending.shift()) {
          if (await deliver(n)) acknowledged.add(n)
          if (acknowledged.size >= KILL_AFTER && !killed) killed = server.kill()
        }
      }),
    )
    await killed
    expect(acknowledged.size).toBeGreaterThanOrEqual(KILL_AFTER)
    expect(acknowledged.size).toBeLessThan(MESSAGES)
    // The sends the kill interrupted: each goes out again once its lease runs out, and is recorded only then. One
    // the platform had already taken is counted at the stand-in now, so its sender's reply count must grow by one
    // more before every row can be recorded (waiting only for one reply each stopped the server too early, and 2
    // of 500 rows stayed unrecorded on a loaded machine).
    const interrupted = new Map<string, number>()
    const killedHandle = await database.open()
    try {
      // Counted as the wait below counts (sends only: a token request has no body).
      for (const row of rowsOf<{ sender: string }>(
        await killedHandle.db.execute(
          sql`select recipient->>'externalId' as sender from outbox where status = 'sending'`,
        ),
      ))
        interrupted.set(row.sender, repliesTo(Number(row.sender.slice('killed'.length))))
    } finally {
      await killedHandle.close()
    }

    // Restarted on the same database; the platform retries every message that got no 200.
    await server.start()
    for (let n = 0; n < MESSAGES; n++) if (!acknowledged.has(n) && (await deliver(n))) acknowledged.add(n)
    expect(acknowledged.size).toBe(MESSAGES)

    await fake.waitFor(
      () =>
        Array.from({ length: MESSAGES }, (_, n) => repliesTo(n)).every((r) => r >= 1) &&
        [...interrupted].every(([sender, before]) => repliesTo(Number(sender.slice('killed'.length))) > before),
    )
    await server.stop()

    const handle = await database.open()
    try {
      const [inbox] = rowsOf<{ total: number; processed: number; distinct: number }>(
        await handle.db.execute(sql`select count(*)::int as total,
          count(*) filter (where processed_at is not null and failed_at is null)::int as processed,
          count(distinct message_id)::int as distinct from inbound_messages`),
      )
      expect(inbox).toEqual({ total: MESSAGES, processed: MESSAGES, distinct: MESSAGES })
      // One reply row per message (keys in:<id>:<n> make a reprocessed message unable to reply twice).
      const [replies] = rowsOf<{ rows: number; senders: number; resent: number }>(
        await handle.db.execute(sql`select count(*)::int as rows,
          count(distinct recipient->>'externalId')::int as senders,
          count(*) filter (where attempts > 1)::int as resent
          from outbox where status = 'sent'`),
      )
      expect(replies?.rows).toBe(MESSAGES)
      expect(replies?.senders).toBe(MESSAGES)
      const duplicates = Array.from({ length: MESSAGES }, (_, n) => repliesTo(n)).filter((r) => r > 1).length
      expect(duplicates).toBeLessThanOrEqual(replies?.resent ?? 0)
    } finally {
      await handle.close()
    }
  }, 300_000)
})
