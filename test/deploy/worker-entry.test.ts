import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { and, eq, sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type DatabaseHandle, openDatabase } from '../../src/db/client'
import { escalations, inboundMessages, media, outbox } from '../../src/db/schema'
import { HOUR_MS, ManualClock, MINUTE_MS, systemClock } from '../../src/domain/clock'
import { silentLogger } from '../../src/logger'
import { createWorkerHandlers, type WorkerContext } from '../../src/server/worker'
import { receiveComplaint } from '../../src/services/complaints'
import { readStoredFile } from '../../src/storage/stored-files'
import { FAKE_IMAGE, FakeWechatApi } from '../fakes/wechat-api'
import { seedDefaults, serviceContext } from '../helpers/db'
import { liveWecomText, sealedRequest, wecomEnv, wecomMessageXml } from '../helpers/wechat'
import { scratchPostgres } from '../reliability/server-process'

/**
 * The Cloudflare Workers entry point, called the way the Workers runtime calls it: `fetch(request, env, ctx)`
 * and `scheduled(event, env, ctx)` with string bindings, an R2-like bucket and a `ctx.waitUntil` that the test
 * awaits as the runtime would before ending the invocation. A Worker needs Postgres (DATABASE_URL or
 * Hyperdrive), so this runs with TEST_DATABASE_URL, as in CI's Postgres run.
 */
const url = process.env.TEST_DATABASE_URL

/** A Workers-like execution context: the promises handed to waitUntil, to be awaited like the runtime does. */
function invocation(): WorkerContext & { finished(): Promise<unknown> } {
  const pending: Promise<unknown>[] = []
  return {
    waitUntil: (promise) => void pending.push(promise),
    finished: () => Promise.all(pending),
  }
}

/** An in-memory stand-in for an R2 bucket binding (put and get of whole objects). */
class MemoryBucket {
  readonly objects = new Map<string, Uint8Array>()
  async put(key: string, value: Uint8Array) {
    this.objects.set(key, new Uint8Array(value))
  }
  async get(key: string) {
    const value = this.objects.get(key)
    return value ? { arrayBuffer: async () => value.slice().buffer } : null
  }
}

describe.skipIf(!url)('the Workers entry point (runs with TEST_DATABASE_URL)', () => {
  let fake: FakeWechatApi
  let scratch: Awaited<ReturnType<typeof scratchPostgres>>
  let admin: DatabaseHandle
  const bucket = new MemoryBucket()
  let env: Record<string, unknown>

  beforeAll(async () => {
    fake = await new FakeWechatApi(systemClock).start()
    scratch = await scratchPostgres(url as string, `xunan_worker_${process.pid}`)
    admin = await openDatabase({ kind: 'postgres', url: scratch.url, maxConnections: 2 })
    env = {
      ...wecomEnv(fake.baseUrl),
      DATABASE_URL: scratch.url,
      DEMO: '0',
      LOG_LEVEL: 'error',
      REPORTS_DIR: join(tmpdir(), `xunan-worker-reports-${process.pid}`),
      MEDIA: bucket,
    }
  }, 60_000)
  afterAll(async () => {
    await admin?.close()
    await scratch?.drop()
    await fake?.stop()
  })

  it('answers 503 while the database is not migrated, and serves once it is: a failed start is retried', async () => {
    const worker = createWorkerHandlers({ logger: silentLogger })
    const before = invocation()
    const refused = await worker.fetch(new Request('https://xunan.example/readyz'), env, before)
    expect(refused.status).toBe(503)
    expect(((await refused.json()) as { message: string }).message).toContain('请稍后重试')

    // What an operator runs before deploying: migrations, the calendar and the city.
    await admin.migrate()
    await seedDefaults(admin, new Date())

    const after = invocation()
    const ready = await worker.fetch(new Request('https://xunan.example/readyz'), env, after)
    await after.finished()
    expect(ready.status).toBe(200)
  })

  it('acknowledges a WeCom message, then processes it and sends the reply before the invocation ends', async () => {
    const worker = createWorkerHandlers({ logger: silentLogger })
    const { path, body } = liveWecomText('worker-user', 7_100_000_001)
    const ctx = invocation()
    const response = await worker.fetch(new Request(`https://xunan.example${path}`, { method: 'POST', body }), env, ctx)
    expect(response.status).toBe(200)
    await ctx.finished()

    const [stored] = await admin.db
      .select()
      .from(inboundMessages)
      .where(eq(inboundMessages.senderExternalId, 'worker-user'))
    expect(stored?.processedAt).not.toBeNull()
    const replies = fake
      .callsTo('/cgi-bin/message/send')
      .filter((c) => (c.body as { touser?: string }).touser === 'worker-user')
    expect(replies).toHaveLength(1)

    // The platform retries: the same message id gives no second reply.
    const retry = invocation()
    await worker.fetch(new Request(`https://xunan.example${path}`, { method: 'POST', body }), env, retry)
    await retry.finished()
    expect(
      fake.callsTo('/cgi-bin/message/send').filter((c) => (c.body as { touser?: string }).touser === 'worker-user'),
    ).toHaveLength(1)
  })

  it('counts failed credentials across invocations, per caller address as Cloudflare gives it', async () => {
    const worker = createWorkerHandlers({ logger: silentLogger })
    const limited = { ...env, AUTH_MAX_FAILURES: '3', API_TOKEN: 'worker-admin-token-0123456789' }
    const call = async (token: string, address: string) => {
      const ctx = invocation()
      const response = await worker.fetch(
        new Request('https://xunan.example/api/v1/hazards', {
          headers: { authorization: `Bearer ${token}`, 'cf-connecting-ip': address },
        }),
        limited,
        ctx,
      )
      await ctx.finished()
      return response.status
    }
    for (let i = 0; i < 3; i++) expect(await call(`wrong-token-${i}-0123456789`, '203.0.113.7')).toBe(401)
    // Each call was its own invocation, yet the guesser is still refused — even with the right token.
    expect(await call('worker-admin-token-0123456789', '203.0.113.7')).toBe(429)
    // Someone else is not locked out by the guesser.
    expect(await call('worker-admin-token-0123456789', '198.51.100.2')).toBe(200)
  })

  it('keeps a received photo in the bound R2 bucket, readable again from its stored location', async () => {
    const worker = createWorkerHandlers({ logger: silentLogger })
    const now = Math.floor(Date.now() / 1000)
    const xml = wecomMessageXml({
      FromUserName: 'worker-photo',
      CreateTime: now,
      MsgType: 'image',
      PicUrl: 'https://example.invalid/p.jpg',
      MediaId: 'worker-media-1',
      MsgId: 7_100_000_002,
    })
    const sealed = sealedRequest(xml, { timestamp: now, nonce: 'worker-photo' })
    const ctx = invocation()
    const request = new Request(`https://xunan.example/webhooks/wecom/default?${sealed.query}`, {
      method: 'POST',
      body: sealed.body,
    })
    expect((await worker.fetch(request, env, ctx)).status).toBe(200)
    await ctx.finished()

    const [row] = await admin.db.select().from(media).where(eq(media.externalMediaId, 'worker-media-1'))
    expect(row?.storagePath).toMatch(/^r2:\/\/MEDIA\/media\/[0-9a-f]{64}\.[a-z0-9]+$/)
    expect([...bucket.objects.keys()]).toContain(row?.storagePath.slice('r2://MEDIA/'.length))
    expect((await readStoredFile(row?.storagePath ?? ''))?.equals(FAKE_IMAGE)).toBe(true)
  })

  it('runs the jobs due at a cron tick: an overdue complaint is escalated and its notice sent', async () => {
    const filedAt = new ManualClock(new Date())
    const complaint = await receiveComplaint({
      ctx: serviceContext(admin, filedAt),
      input: { channel: 'mp', citizenExternalId: 'o-worker', category: 'road_municipal', description: '路灯不亮' },
    })
    // The Worker's cron fires every minute; this one is a day and a minute after the complaint came in.
    const tick = new Date(complaint.receivedAt.getTime() + 24 * HOUR_MS + MINUTE_MS)
    tick.setUTCSeconds(0, 0)
    const worker = createWorkerHandlers({ logger: silentLogger, clock: new ManualClock(tick) })
    const ctx = invocation()
    await worker.scheduled({ scheduledTime: tick.getTime(), cron: '* * * * *' }, env, ctx)
    await ctx.finished()

    const chain = await admin.db
      .select()
      .from(escalations)
      .where(and(eq(escalations.subjectId, complaint.id), eq(escalations.level, 1)))
    expect(chain).toHaveLength(1)
    const notices = await admin.db
      .select()
      .from(outbox)
      .where(sql`${outbox.recipient}->>'externalId' = 'demo:duty_officer'`)
    const aboutIt = notices.filter((n) => JSON.stringify(n.message).includes(complaint.code))
    expect(aboutIt).toHaveLength(1)
    expect(aboutIt[0]?.status).toBe('sent')
  })
})
