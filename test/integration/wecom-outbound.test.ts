import { writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { and, eq, ne, sql } from 'drizzle-orm'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { utf8Length } from '../../src/channels/text-split'
import { auditLog, outbox } from '../../src/db/schema'
import { ManualClock, MINUTE_MS } from '../../src/domain/clock'
import { enqueue } from '../../src/messaging/outbox'
import { FAKE_IMAGE, FakeWechatApi } from '../fakes/wechat-api'
import { testApp } from '../helpers/app'
import { createTestDatabase, type TestDatabase } from '../helpers/db'
import { wecomEnv } from '../helpers/wechat'

const clock = new ManualClock('2026-11-23T02:00:00Z')
let database: TestDatabase
let fake: FakeWechatApi
let harness: ReturnType<typeof testApp>

beforeAll(async () => {
  database = await createTestDatabase()
  fake = await new FakeWechatApi(clock).start()
  harness = testApp(database, clock, wecomEnv(fake.baseUrl))
})
afterAll(async () => {
  await fake?.stop()
  await database?.drop()
})
afterEach(() => fake.reset())

const toUser = (externalId: string) => ({ kind: 'user' as const, externalId })

async function send(text: string, user = 'zhangwei'): Promise<number> {
  const [id] = await enqueue(database.db, clock.now(), {
    channel: 'wecom',
    botId: 'default',
    recipient: toUser(user),
    message: { type: 'text', text },
  })
  if (id === undefined) throw new Error('nothing enqueued')
  return id
}

async function row(id: number) {
  const [found] = await database.db.select().from(outbox).where(eq(outbox.id, id))
  return found
}

describe('WeCom delivery through the outbox', () => {
  it('fetches one token for a burst of sends (single flight), and refreshes once when it expires mid-stream', async () => {
    const worker = harness.services.outbox
    const ids = await Promise.all(Array.from({ length: 10 }, (_, i) => send(`第${i}条`)))
    await worker.drain()
    expect(fake.callsTo('/cgi-bin/gettoken')).toHaveLength(1)
    fake.expireTokens()
    await send('令牌过期后')
    await worker.drain()
    expect(fake.callsTo('/cgi-bin/gettoken')).toHaveLength(2)
    const sends = fake.callsTo('/cgi-bin/message/send')
    // The rejected call, then the same message again with the new token.
    expect(sends.at(-2)?.query.access_token).toBe('token-1')
    expect(sends.at(-1)?.query.access_token).toBe('token-2')
    for (const id of ids) expect((await row(id))?.status).toBe('sent')
  })

  it('coalesces a burst of wake-ups into one queued run instead of one run per wake-up', async () => {
    const ids = await Promise.all(Array.from({ length: 30 }, (_, i) => send(`唤醒${i}`)))
    // Fifty wake-ups at once (one per arriving message in a burst): they share the one run not yet started,
    // which goes on batch after batch (20, then 10) while batches come back full — not fifty chained runs,
    // and not one batch per tick.
    const handled = await Promise.all(Array.from({ length: 50 }, () => harness.services.outbox.runOnce()))
    expect(new Set(handled)).toEqual(new Set([30]))
    for (const id of ids) expect((await row(id))?.status).toBe('sent')
  })

  it('retries a transient error with backoff, then delivers', async () => {
    fake.failNext('/cgi-bin/message/send', { reply: { errcode: -1, errmsg: 'system busy' } }, { status: 502 })
    const id = await send('稍后重试')
    await harness.services.outbox.drain()
    expect(await row(id)).toMatchObject({ status: 'pending', errorCode: '-1', attempts: 1 })
    clock.advance(6_000)
    await harness.services.outbox.drain()
    expect(await row(id)).toMatchObject({ status: 'pending', errorCode: 'http_502', attempts: 2 })
    clock.advance(31_000)
    await harness.services.outbox.drain()
    expect(await row(id)).toMatchObject({ status: 'sent', attempts: 3 })
  })

  it('records a permanent error with the platform code and message, without retrying', async () => {
    fake.failNext('/cgi-bin/message/send', { reply: { errcode: 81013, errmsg: 'user & party & tag all invalid' } })
    const id = await send('无效用户', 'nobody')
    await harness.services.outbox.drain()
    clock.advance(60 * MINUTE_MS)
    await harness.services.outbox.drain()
    expect(await row(id)).toMatchObject({ status: 'failed', errorCode: '81013', attempts: 1 })
    expect((await row(id))?.lastError).toContain('user & party & tag all invalid')
  })

  it('surfaces an IP allowlist refusal to admins with the outgoing IP, and stops', async () => {
    fake.failNext('/cgi-bin/message/send', {
      reply: { errcode: 60020, errmsg: 'not allow to access from your ip, from ip: 203.0.113.7' },
    })
    const id = await send('IP 受限')
    await harness.services.outbox.drain()
    const failed = await row(id)
    expect(failed).toMatchObject({ status: 'failed', errorCode: '60020' })
    expect(failed?.lastError).toContain('203.0.113.7')
    const alerts = await database.db.select().from(auditLog).where(eq(auditLog.action, 'ip_allowlist_blocked'))
    expect(alerts).toHaveLength(1)
    expect(JSON.stringify(alerts[0]?.after)).toContain('203.0.113.7')
  })

  it('splits long text on UTF-8 byte limits, in order, never inside a character', async () => {
    const long = Array.from({ length: 400 }, (_, i) => `第${i}行：井盖缺失😀`).join('\n')
    await send(long)
    await harness.services.outbox.drain()
    const parts = fake
      .callsTo('/cgi-bin/message/send')
      .map((c) => (c.body as { text: { content: string } }).text.content)
    expect(parts.length).toBeGreaterThan(2)
    for (const part of parts) expect(utf8Length(part)).toBeLessThanOrEqual(2048)
    expect(parts.join('')).toBe(long)
    expect(parts.join('')).not.toContain('\uFFFD')
  })

  it('uploads an image before sending it', async () => {
    const path = join(tmpdir(), `xunan-report-${process.pid}.png`)
    writeFileSync(path, FAKE_IMAGE)
    await enqueue(database.db, clock.now(), {
      channel: 'wecom',
      botId: 'default',
      recipient: toUser('leader'),
      message: { type: 'image', path },
    })
    await harness.services.outbox.drain()
    const upload = fake.callsTo('/cgi-bin/media/upload')
    expect(upload).toHaveLength(1)
    expect(upload[0]?.query.type).toBe('image')
    const mediaId = fake.callsTo('/cgi-bin/message/send').at(-1)?.body as {
      msgtype: string
      image: { media_id: string }
    }
    expect(mediaId).toMatchObject({ msgtype: 'image', image: { media_id: expect.stringMatching(/^media-/) } })
  })

  it('never counts an HTTP error or a reply that is not JSON as sent', async () => {
    const url = `${fake.baseUrl}/cgi-bin/webhook/send?key=wrong-address`
    const post = async () => {
      const [id] = await enqueue(database.db, clock.now(), {
        channel: 'wecom-robot',
        botId: 'default',
        recipient: { kind: 'webhook', url },
        message: { type: 'markdown', markdown: '**巡查汇总**' },
      })
      return id ?? 0
    }
    fake.failNext('/cgi-bin/webhook/send', { status: 404, html: '<html>404 Not Found</html>' })
    const refused = await post()
    await harness.services.outbox.drain()
    expect(await row(refused)).toMatchObject({ status: 'failed', errorCode: 'http_404' })
    fake.failNext('/cgi-bin/webhook/send', { status: 200, html: '<html>login page of a proxy</html>' })
    const garbled = await post()
    await harness.services.outbox.drain()
    expect(await row(garbled)).toMatchObject({ status: 'pending', errorCode: 'bad_reply', attempts: 1 })
    clock.advance(10 * MINUTE_MS)
    await harness.services.outbox.drain()
    expect(await row(garbled)).toMatchObject({ status: 'sent' })
  })

  it('spaces a burst of 50 group-robot posts to 20 a minute and loses none', async () => {
    const url = `${fake.baseUrl}/cgi-bin/webhook/send?key=unit-group`
    for (let i = 0; i < 50; i++) {
      await enqueue(database.db, clock.now(), {
        channel: 'wecom-robot',
        botId: 'default',
        recipient: { kind: 'webhook', url },
        message: { type: 'markdown', markdown: `**巡查汇总** 第${i}条` },
      })
    }
    // Let simulated time pass in small steps, as the server's one-second tick would.
    for (let step = 0; step < 200; step++) {
      await harness.services.outbox.runOnce()
      clock.advance(1_000)
    }
    const posts = fake.callsTo('/cgi-bin/webhook/send')
    expect(posts).toHaveLength(50)
    const contents = posts.map((p) => (p.body as { markdown: { content: string } }).markdown.content)
    expect(contents).toEqual(Array.from({ length: 50 }, (_, i) => `**巡查汇总** 第${i}条`))
    for (const post of posts) {
      const inWindow = posts.filter((p) => p.at <= post.at && post.at - p.at < MINUTE_MS)
      expect(inWindow.length).toBeLessThanOrEqual(20)
    }
    const [left] = await database.db
      .select({ n: sql<number>`count(*)::int` })
      .from(outbox)
      .where(and(sql`${outbox.recipient}->>'url' = ${url}`, ne(outbox.status, 'sent')))
    expect(Number(left?.n)).toBe(0)
  })
})
