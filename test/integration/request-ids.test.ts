import { eq, like } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { inboundMessages, outbox } from '../../src/db/schema'
import { HOUR_MS, ManualClock, MINUTE_MS } from '../../src/domain/clock'
import { jobDefinitions, runJob } from '../../src/jobs/scheduler'
import { createLogger } from '../../src/logger'
import { receiveComplaint } from '../../src/services/complaints'
import { FakeWechatApi } from '../fakes/wechat-api'
import { testApp } from '../helpers/app'
import { createTestDatabase, seedDefaults, type TestDatabase } from '../helpers/db'
import { sealedRequest, seconds, wecomEnv, wecomMessageXml } from '../helpers/wechat'

/**
 * One id follows a message from the webhook to the reply: the response's X-Request-Id, the inbox row, the
 * log lines of its processing, the outbox rows it queued and the platform call that sends them. A job run
 * has an id of its own, carried the same way.
 */
const clock = new ManualClock('2026-12-03T02:00:00Z')
let database: TestDatabase
let fake: FakeWechatApi
let harness: ReturnType<typeof testApp>
const lines: Record<string, unknown>[] = []

beforeAll(async () => {
  database = await createTestDatabase()
  await seedDefaults(database, clock.now())
  fake = await new FakeWechatApi(clock).start()
  const logger = createLogger('debug', (line) => lines.push(JSON.parse(line) as Record<string, unknown>))
  harness = testApp(database, clock, wecomEnv(fake.baseUrl), { logger })
})
afterAll(async () => {
  await fake?.stop()
  await database?.drop()
})

async function deliver(from: string, msgId: number, headers: Record<string, string> = {}) {
  const xml = wecomMessageXml({
    FromUserName: from,
    CreateTime: seconds(clock.now()),
    MsgType: 'text',
    Content: '帮助',
    MsgId: msgId,
  })
  const sealed = sealedRequest(xml, { timestamp: seconds(clock.now()), nonce: `n${msgId}` })
  const response = await harness.app.request(`/webhooks/wecom/default?${sealed.query}`, {
    method: 'POST',
    body: sealed.body,
    headers,
  })
  await harness.services.inbound.idle()
  await harness.services.outbox.drain()
  return response
}

describe('request ids', () => {
  it("keeps the caller's id from the webhook through the inbox, the log, the outbox and the platform call", async () => {
    const response = await deliver('trace-user', 9_100_000_001, { 'x-request-id': 'lb-7f3a9c' })
    expect(response.headers.get('x-request-id')).toBe('lb-7f3a9c')

    const [inbox] = await database.db
      .select()
      .from(inboundMessages)
      .where(eq(inboundMessages.senderExternalId, 'trace-user'))
    expect(inbox?.requestId).toBe('lb-7f3a9c')
    const replies = (await database.db.select().from(outbox)).filter(
      (row) => (row.recipient as { externalId?: string }).externalId === 'trace-user',
    )
    expect(replies.length).toBeGreaterThan(0)
    expect(replies.every((row) => row.requestId === 'lb-7f3a9c' && row.status === 'sent')).toBe(true)
    const sends = fake
      .callsTo('/cgi-bin/message/send')
      .filter((c) => (c.body as { touser?: string }).touser === 'trace-user')
    expect(sends.length).toBe(replies.length)
    expect(sends.every((c) => c.headers['x-request-id'] === 'lb-7f3a9c')).toBe(true)
  })

  it('gives a request without one a fresh id, used the same way', async () => {
    const response = await deliver('fresh-user', 9_100_000_002)
    const id = response.headers.get('x-request-id')
    expect(id).toMatch(/^[0-9a-f-]{36}$/)
    const [inbox] = await database.db
      .select()
      .from(inboundMessages)
      .where(eq(inboundMessages.senderExternalId, 'fresh-user'))
    expect(inbox?.requestId).toBe(id)
    const sends = fake
      .callsTo('/cgi-bin/message/send')
      .filter((c) => (c.body as { touser?: string }).touser === 'fresh-user')
    expect(sends.map((c) => c.headers['x-request-id'])).toEqual(sends.map(() => id))
  })

  it('writes the id into the log lines of work that ran after the response', async () => {
    lines.length = 0
    // A platform message id that breaks nothing but is logged: an unknown account's first message.
    await deliver('logged-user', 9_100_000_003, { 'x-request-id': 'lb-logged-1' })
    const mine = lines.filter((line) => line.requestId === 'lb-logged-1')
    expect(mine.length).toBeGreaterThan(0)
    expect(lines.filter((line) => line.requestId && line.requestId !== 'lb-logged-1')).toHaveLength(0)
  })

  it('gives each job run an id of its own, on the messages it queues', async () => {
    const complaint = await receiveComplaint({
      ctx: harness.services.ctx,
      input: { channel: 'mp', citizenExternalId: 'o-trace', category: 'road_municipal', description: '路灯不亮' },
    })
    clock.advance(24 * HOUR_MS + MINUTE_MS)
    const sla = jobDefinitions().find((job) => job.name === 'complaint-sla')
    if (!sla) throw new Error('no complaint-sla job')
    await runJob(harness.services, sla)
    const queued = await database.db.select().from(outbox).where(like(outbox.requestId, 'job-complaint-sla-%'))
    expect(queued.some((row) => JSON.stringify(row.message).includes(complaint.code))).toBe(true)
    expect(new Set(queued.map((row) => row.requestId)).size).toBe(1)
  })
})
