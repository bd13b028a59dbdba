import { createServer, type Server, Socket } from 'node:net'
import { eq, sql } from 'drizzle-orm'
import postgres from 'postgres'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type DatabaseHandle, openDatabase } from '../../src/db/client'
import { inboundMessages, outbox } from '../../src/db/schema'
import { ManualClock } from '../../src/domain/clock'
import { FakeWechatApi } from '../fakes/wechat-api'
import { testApp } from '../helpers/app'
import { seedDefaults } from '../helpers/db'
import { sealedRequest, seconds, wecomEnv, wecomMessageXml } from '../helpers/wechat'

/**
 * Postgres going away under a running server: a TCP proxy between the server and the database cuts every open
 * connection and refuses new ones. While it is away, webhooks answer 503 with Retry-After (the platform sends
 * again later) and nothing acknowledged is lost; when it is back the server carries on by itself — no restart —
 * and everything acknowledged before, during or after is processed and answered once.
 */
const url = process.env.TEST_DATABASE_URL
const clock = new ManualClock('2026-11-23T02:00:00Z')

/** Pipes connections to Postgres until cut; while cut, open connections are destroyed and new ones dropped. */
class CuttableProxy {
  private server: Server | undefined
  private readonly open = new Set<Socket>()
  private away = false
  port = 0

  constructor(private readonly target: { host: string; port: number }) {}

  async start(): Promise<void> {
    this.server = createServer((client) => {
      if (this.away) return client.destroy()
      const upstream = new Socket()
      upstream.connect(this.target.port, this.target.host)
      for (const socket of [client, upstream]) {
        this.open.add(socket)
        socket.on('close', () => this.open.delete(socket))
        socket.on('error', () => socket.destroy())
      }
      client.pipe(upstream).pipe(client)
    })
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve))
    const address = this.server.address()
    this.port = typeof address === 'object' && address ? address.port : 0
  }

  cut(): void {
    this.away = true
    for (const socket of this.open) socket.destroy()
  }

  restore(): void {
    this.away = false
  }

  async stop(): Promise<void> {
    this.cut()
    await new Promise<void>((resolve) => this.server?.close(() => resolve()))
  }
}

describe.skipIf(!url)('the database going away (runs with TEST_DATABASE_URL)', () => {
  const name = `xunan_outage_${process.pid}`
  let admin: ReturnType<typeof postgres>
  let direct: DatabaseHandle
  let throughProxy: DatabaseHandle
  let proxy: CuttableProxy
  let fake: FakeWechatApi
  let harness: ReturnType<typeof testApp>

  beforeAll(async () => {
    admin = postgres(url as string, { max: 1, onnotice: () => {} })
    await admin.unsafe(`drop database if exists "${name}" with (force)`)
    await admin.unsafe(`create database "${name}"`)
    const target = new URL(url as string)
    target.pathname = `/${name}`
    direct = await openDatabase({ kind: 'postgres', url: target.toString(), maxConnections: 2 })
    await direct.migrate()
    await seedDefaults(direct, clock.now())
    proxy = new CuttableProxy({ host: target.hostname, port: Number(target.port || 5432) })
    await proxy.start()
    const proxied = new URL(target)
    proxied.hostname = '127.0.0.1'
    proxied.port = String(proxy.port)
    throughProxy = await openDatabase({ kind: 'postgres', url: proxied.toString(), maxConnections: 4 })
    fake = await new FakeWechatApi(clock).start()
    // The deadline is real time (the driver's retries are): short here, so the test does not wait four seconds.
    harness = testApp(throughProxy, clock, wecomEnv(fake.baseUrl, { WEBHOOK_DEADLINE_MS: '300' }))
  })

  afterAll(async () => {
    await fake?.stop()
    await throughProxy?.close().catch(() => undefined)
    await proxy?.stop()
    await direct?.close()
    await admin?.unsafe(`drop database if exists "${name}" with (force)`)
    await admin?.end({ timeout: 5 })
  })

  let seq = 0
  function post(from: string) {
    const xml = wecomMessageXml({
      FromUserName: from,
      CreateTime: seconds(clock.now()),
      MsgType: 'text',
      Content: '帮助',
      MsgId: `6612553542513${from.length}${seq++}`,
    })
    const sealed = sealedRequest(xml, { timestamp: seconds(clock.now()) })
    return {
      send: () => harness.app.request(`/webhooks/wecom/default?${sealed.query}`, { method: 'POST', body: sealed.body }),
    }
  }
  const repliesTo = (user: string) =>
    fake.calls.filter((c) => c.path === '/cgi-bin/message/send' && (c.body as { touser?: string }).touser === user)
      .length

  it('answers 503 while it is away, loses nothing acknowledged, and recovers without a restart', async () => {
    const { services } = harness
    // Before: acknowledged and answered.
    expect((await post('before').send()).status).toBe(200)
    await services.inbound.idle()
    await services.outbox.drain()
    expect(repliesTo('before')).toBe(1)

    // Acknowledged, then the database goes away before (or while) the conversation runs.
    expect((await post('inflight').send()).status).toBe(200)
    proxy.cut()
    await services.inbound.idle()

    // While away: refused with 503 and Retry-After, so the platform sends it again; the health check says so.
    const during = post('during')
    const refused = await during.send()
    expect(refused.status).toBe(503)
    expect(refused.headers.get('retry-after')).toBeTruthy()
    expect((await harness.app.request('/readyz')).status).toBe(503)
    const api = await harness.app.request('/healthz')
    expect(api.status).toBe(200)

    // Back: the same pool serves again; the platform's retry is taken; what was in flight is swept up.
    proxy.restore()
    expect((await during.send()).status).toBe(200)
    clock.advance(60_000)
    await services.inbound.sweepAll(clock.now())
    await services.inbound.idle()
    await services.outbox.drain()
    expect((await harness.app.request('/readyz')).status).toBe(200)

    for (const user of ['before', 'inflight', 'during']) expect(repliesTo(user), user).toBe(1)
    const stored = await direct.db
      .select({ sender: inboundMessages.senderExternalId, processedAt: inboundMessages.processedAt })
      .from(inboundMessages)
    expect(stored.map((r) => r.sender).sort()).toEqual(['before', 'during', 'inflight'])
    expect(stored.every((r) => r.processedAt !== null)).toBe(true)
    const [pending] = await direct.db
      .select({ n: sql<number>`count(*)::int` })
      .from(outbox)
      .where(eq(outbox.status, 'pending'))
    expect(Number(pending?.n)).toBe(0)
  }, 120_000)
})
