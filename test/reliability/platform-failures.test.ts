import { eq, like } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { usePlatformDeadlines } from '../../src/channels/platform-error'
import { identities, outbox, people } from '../../src/db/schema'
import { ManualClock } from '../../src/domain/clock'
import { FakeWechatApi } from '../fakes/wechat-api'
import { testApp } from '../helpers/app'
import { createTestDatabase, seedDefaults, type TestDatabase } from '../helpers/db'
import { postForm } from '../helpers/requests'
import { sealedRequest, seconds, wecomEnv, wecomMessageXml } from '../helpers/wechat'

/**
 * The platform misbehaving while people write in: server errors for half a minute, a proxy's HTML page, rate
 * limits, an access token that expires mid-stream, calls that get no answer until the time limit ends them. Every reply reaches each person once after the platform
 * recovers; a reply the platform keeps refusing becomes a dead letter the console lists and an administrator
 * resends. Counted at the platform stand-in; time passes on the injected clock.
 */
const clock = new ManualClock('2026-11-23T02:00:00Z')
let database: TestDatabase
let fake: FakeWechatApi
let harness: ReturnType<typeof testApp>
const SEND = '/cgi-bin/message/send'

beforeAll(async () => {
  database = await createTestDatabase()
  await seedDefaults(database, clock.now())
  fake = await new FakeWechatApi(clock).start()
  harness = testApp(database, clock, wecomEnv(fake.baseUrl))
  const [admin] = await database.db.select().from(people).where(eq(people.name, '张伟'))
  await database.db
    .insert(identities)
    .values({ personId: admin?.id, channel: 'wecom', botId: 'default', externalId: 'zhangwei' })
})
afterAll(async () => {
  await fake?.stop()
  await database?.drop()
})

let seq = 0
async function say(from: string, content = '帮助') {
  const xml = wecomMessageXml({
    FromUserName: from,
    CreateTime: seconds(clock.now()),
    MsgType: 'text',
    Content: content,
    MsgId: `3312553542513${String(seq++).padStart(4, '0')}`,
  })
  const sealed = sealedRequest(xml, { timestamp: seconds(clock.now()) })
  const response = await harness.app.request(`/webhooks/wecom/default?${sealed.query}`, {
    method: 'POST',
    body: sealed.body,
  })
  expect(response.status).toBe(200)
}

/** Sends the platform accepted for this person (failed calls are recorded too, marked not ok). */
const delivered = (user: string) =>
  fake.callsTo(SEND).filter((c) => (c.body as { touser?: string }).touser === user && c.ok).length

/** Runs the outbox as its tick would, letting `ms` of the clock pass first. */
async function tick(ms: number) {
  clock.advance(ms)
  await harness.services.outbox.drain()
}

describe('platform failures', () => {
  it('delivers every reply once after 5xx, a proxy page, rate limits and an expired token', async () => {
    const users = ['p1', 'p2', 'p3', 'p4', 'p5']
    // Half a minute of trouble, in the order a bad day brings it.
    fake.failNext(
      SEND,
      { status: 502 },
      { status: 503 },
      { html: '<html><body>502 Bad Gateway</body></html>', status: 502 },
      { reply: { errcode: 45009, errmsg: 'api freq out of limit' } },
      { reply: { errcode: -1, errmsg: 'system busy' } },
    )
    for (const user of users) await say(user)
    await harness.services.inbound.idle()
    await harness.services.outbox.drain()
    fake.expireTokens()
    // Retries come back with backoff; half a minute at a time until everything is out.
    for (let i = 0; i < 20 && users.some((u) => delivered(u) === 0); i++) await tick(30_000)

    // Each person's reply accepted by the platform exactly once, after the failures (which were real calls).
    for (const user of users) expect(delivered(user), user).toBe(1)
    expect(fake.callsTo(SEND).filter((c) => !c.ok).length).toBeGreaterThanOrEqual(5)
    const rows = await database.db.select().from(outbox).where(like(outbox.dedupeKey, 'in:%'))
    expect(rows.filter((r) => r.status !== 'sent')).toEqual([])
    // The expired token was fetched again, once for the burst (single flight).
    expect(fake.callsTo('/cgi-bin/gettoken').length).toBe(2)
  })

  it('gives up on a platform that does not answer at the time limit, and delivers once when it answers again', async () => {
    // The time limit of every platform call is a deadline this test ends: no real time passes.
    const deadlines: AbortController[] = []
    const restore = usePlatformDeadlines(() => {
      const deadline = new AbortController()
      deadlines.push(deadline)
      return deadline.signal
    })
    try {
      const users = ['t1', 't2']
      // Counted before anyone writes: the outbox wakes as soon as a reply is queued.
      const before = fake.callsTo(SEND).filter((c) => !c.ok).length
      fake.hangNext(SEND, 2)
      for (const user of users) await say(user)
      await harness.services.inbound.idle()
      const run = harness.services.outbox.drain(1)
      // Each send that gets no answer is given up on when its deadline ends (sends to different people may be
      // under way at once, or one after the other).
      for (let given = 1; given <= users.length; given++) {
        await fake.waitFor(() => fake.callsTo(SEND).filter((c) => !c.ok).length >= before + given)
        for (const deadline of deadlines.splice(0))
          deadline.abort(new DOMException('no answer in time', 'TimeoutError'))
      }
      await run
      console.log('run done')
      // Given up on, not lost: both rows wait for their retry with the reason kept.
      const waiting = await database.db.select().from(outbox).where(eq(outbox.status, 'pending'))
      expect(waiting.filter((r) => users.includes((r.recipient as { externalId?: string }).externalId ?? ''))).toEqual(
        expect.arrayContaining([expect.objectContaining({ lastError: expect.stringMatching(/time|abort/i) })]),
      )
      for (const user of users) expect(delivered(user), user).toBe(0)
      // The platform answers again: each reply goes out once.
      for (let i = 0; i < 5 && users.some((u) => delivered(u) === 0); i++) await tick(30_000)
      for (const user of users) expect(delivered(user), user).toBe(1)
      expect(
        fake.callsTo(SEND).filter((c) => users.includes((c.body as { touser?: string }).touser ?? '')).length,
      ).toBe(4)
    } finally {
      restore()
    }
  })

  it('turns a reply the platform keeps refusing into a dead letter an administrator resends', async () => {
    const before = fake.callsTo(SEND).length
    fake.failNext(SEND, { reply: { errcode: 81013, errmsg: 'user & party & tag all invalid' } })
    await say('zhangwei', '帮助')
    await harness.services.inbound.idle()
    await tick(0)
    const [dead] = await database.db.select().from(outbox).where(eq(outbox.status, 'failed')).orderBy(outbox.id)
    expect(dead).toMatchObject({ errorCode: '81013' })
    const page = await (await harness.app.request('/console/admin/dead-letters')).text()
    expect(page).toContain('发送失败的消息')
    expect(page).toContain('81013')

    const resent = await postForm(harness.app, '/console/admin/dead-letters/resend', { id: String(dead?.id) })
    expect(resent.status).toBeLessThan(400)
    await tick(0)
    const [after] = await database.db
      .select()
      .from(outbox)
      .where(eq(outbox.id, dead?.id ?? 0))
    expect(after?.status).toBe('sent')
    expect(fake.callsTo(SEND).length).toBe(before + 2)
    expect(delivered('zhangwei')).toBe(1)
  })
})
