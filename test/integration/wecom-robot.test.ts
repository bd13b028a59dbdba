import { eq, sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { identities, inboundMessages, people } from '../../src/db/schema'
import { ManualClock } from '../../src/domain/clock'
import { FakeWechatApi } from '../fakes/wechat-api'
import { testApp } from '../helpers/app'
import { createTestDatabase, seedDefaults, type TestDatabase } from '../helpers/db'
import { protocolCrypto, seconds, WECOM, wecomEnv } from '../helpers/wechat'

const clock = new ManualClock('2026-11-23T02:00:00Z')
let database: TestDatabase
let fake: FakeWechatApi
let harness: ReturnType<typeof testApp>
// The intelligent robot encrypts with an empty receive id.
const robotCrypto = protocolCrypto('aibot-token', WECOM.encodingAesKey, '')

beforeAll(async () => {
  database = await createTestDatabase()
  await seedDefaults(database, clock.now())
  fake = await new FakeWechatApi(clock).start()
  harness = testApp(database, clock, wecomEnv(fake.baseUrl))
  const [person] = await database.db.select().from(people).where(eq(people.name, '张伟'))
  await database.db
    .insert(identities)
    .values({ personId: person?.id, channel: 'wecom-robot', botId: 'default', externalId: 'zhangwei' })
})
afterAll(async () => {
  await fake?.stop()
  await database?.drop()
})

function robotRequest(message: Record<string, unknown>) {
  const encrypted = robotCrypto.encrypt(JSON.stringify(message))
  const timestamp = String(seconds(clock.now()))
  const query = new URLSearchParams({
    msg_signature: robotCrypto.getSignature(timestamp, 'n', encrypted),
    timestamp,
    nonce: 'n',
  })
  return { query: query.toString(), body: JSON.stringify({ encrypt: encrypted }) }
}

describe('WeCom intelligent robot in a group chat', () => {
  it('takes an @-mention, stores it once and answers through the response_url', async () => {
    const message = {
      msgid: 'CAIQ16HMjQYY/NGagIOAgAMgq4KM0AI=',
      aibotid: 'AIBOTID',
      chatid: 'wrkSFfCgAAtMQKg',
      chattype: 'group',
      from: { userid: 'zhangwei' },
      response_url: `${fake.baseUrl}/response/abc`,
      msgtype: 'text',
      text: { content: '@巡安 帮助' },
    }
    for (let i = 0; i < 2; i++) {
      const { query, body } = robotRequest(message)
      const res = await harness.app.request(`/webhooks/wecom-robot/default?${query}`, { method: 'POST', body })
      expect(res.status).toBe(200)
    }
    await harness.services.inbound.idle()
    await harness.services.outbox.drain()
    const rows = await database.db.select().from(inboundMessages).where(eq(inboundMessages.channel, 'wecom-robot'))
    expect(rows).toHaveLength(1)
    expect(rows[0]?.payload).toMatchObject({ chat: { type: 'group', id: 'wrkSFfCgAAtMQKg' } })
    const answers = fake.callsTo('/response/abc')
    expect(answers).toHaveLength(1)
    expect(answers[0]?.body).toMatchObject({
      msgtype: 'markdown',
      markdown: { content: expect.stringContaining('上报隐患') },
    })
  })

  it('verifies its callback URL with an empty receive id', async () => {
    const echostr = robotCrypto.encrypt('robot-echo')
    const signature = robotCrypto.getSignature('1', '2', echostr)
    const res = await harness.app.request(
      `/webhooks/wecom-robot/default?msg_signature=${signature}&timestamp=1&nonce=2&echostr=${encodeURIComponent(echostr)}`,
    )
    expect(await res.text()).toBe('robot-echo')
  })

  it.each([
    ['malformed JSON', 400, () => ({ query: robotRequest({}).query, body: '{not json' })],
    ['a JSON body of the wrong shape', 400, () => robotRequest({ hello: 'world' })],
    [
      'a bad signature',
      401,
      () => {
        const r = robotRequest({ msgid: 'm1', from: { userid: 'u' }, msgtype: 'text', text: { content: 'x' } })
        return { query: r.query.replace(/msg_signature=[0-9a-f]{3}/, 'msg_signature=000'), body: r.body }
      },
    ],
  ])('rejects %s with %i and stores nothing', async (_label, status, build) => {
    const [before] = await database.db.select({ n: sql<number>`count(*)::int` }).from(inboundMessages)
    const { query, body } = build()
    const res = await harness.app.request(`/webhooks/wecom-robot/default?${query}`, { method: 'POST', body })
    expect(res.status).toBe(status)
    const [after] = await database.db.select({ n: sql<number>`count(*)::int` }).from(inboundMessages)
    expect(after?.n).toBe(before?.n)
  })
})
