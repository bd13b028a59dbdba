import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { DingtalkApi } from '../../src/channels/dingtalk/api'
import { WecomApi } from '../../src/channels/wecom/api'
import { platformTokens } from '../../src/db/schema'
import { ManualClock } from '../../src/domain/clock'
import { DatabaseTokenStore } from '../../src/services/platform-tokens'
import { FakeDingtalk } from '../fakes/dingtalk'
import { FakeWechatApi } from '../fakes/wechat-api'
import { createTestDatabase, type TestDatabase } from '../helpers/db'
import { WECOM } from '../helpers/wechat'

/**
 * Replicas share WeCom and DingTalk access tokens through the database: each replica below is its own API
 * client with its own in-memory cache, as two processes would be, and they meet only in the token table.
 */
const clock = new ManualClock('2026-12-03T02:00:00Z')
let database: TestDatabase
let wechat: FakeWechatApi
let dingtalk: FakeDingtalk

beforeAll(async () => {
  database = await createTestDatabase()
  wechat = await new FakeWechatApi(clock).start()
  dingtalk = await new FakeDingtalk(clock).start()
})
afterAll(async () => {
  await wechat?.stop()
  await dingtalk?.stop()
  await database?.drop()
})
beforeEach(async () => {
  wechat.reset()
  dingtalk.calls.length = 0
  await database.db.delete(platformTokens)
})

function wecomReplica() {
  const settings = { apiBase: wechat.baseUrl, corpId: WECOM.corpId, secret: WECOM.secret, agentId: WECOM.agentId }
  return new WecomApi(settings, clock, new DatabaseTokenStore(database.db, clock))
}

function send(replica: WecomApi, n: number) {
  return replica.sendMessage({ touser: `user-${n}`, msgtype: 'text', text: { content: '您好' } })
}

describe('WeCom tokens across replicas', () => {
  it('one token request for a burst from two replicas, and every send uses that token', async () => {
    const replicas = [wecomReplica(), wecomReplica()]
    const replies = await Promise.all(Array.from({ length: 20 }, (_, n) => send(replicas[n % 2] as WecomApi, n)))
    expect(replies.every((r) => (r.errcode ?? 0) === 0)).toBe(true)

    expect(wechat.callsTo('/cgi-bin/gettoken')).toHaveLength(1)
    const sends = wechat.callsTo('/cgi-bin/message/send')
    expect(sends).toHaveLength(20)
    expect(new Set(sends.map((c) => c.query.access_token)).size).toBe(1)
    const [stored] = await database.db.select().from(platformTokens)
    expect(stored?.key).toBe(`wecom:${WECOM.corpId}:${WECOM.agentId}`)
    expect(stored?.token).toBe(sends[0]?.query.access_token)
  })

  it('a token the platform rejects is refreshed once, and the other replica takes the new one', async () => {
    const [a, b] = [wecomReplica(), wecomReplica()]
    await send(a, 1)
    await send(b, 2)
    expect(wechat.callsTo('/cgi-bin/gettoken')).toHaveLength(1)

    wechat.expireTokens()
    expect((await send(a, 3)).errcode ?? 0).toBe(0)
    // B still holds the retired token in memory: the platform rejects it once, then B reads A's new one.
    expect((await send(b, 4)).errcode ?? 0).toBe(0)

    expect(wechat.callsTo('/cgi-bin/gettoken')).toHaveLength(2)
    const delivered = wechat.callsTo('/cgi-bin/message/send').filter((c) => c.ok !== false)
    expect(delivered).toHaveLength(4)
    expect(new Set(delivered.slice(2).map((c) => c.query.access_token)).size).toBe(1)
  })

  it('a replica started later uses the stored token until shortly before it expires, then refreshes it', async () => {
    await send(wecomReplica(), 1)
    clock.advance(60 * 60_000)
    await send(wecomReplica(), 2)
    expect(wechat.callsTo('/cgi-bin/gettoken')).toHaveLength(1)

    // Two hours' lifetime, refreshed five minutes early: at 1 h 56 min the next replica fetches anew.
    clock.advance(56 * 60_000)
    await send(wecomReplica(), 3)
    expect(wechat.callsTo('/cgi-bin/gettoken')).toHaveLength(2)
  })
})

describe('DingTalk tokens across replicas', () => {
  it('one token request for two replicas', async () => {
    const settings = { apiBase: dingtalk.baseUrl, clientId: 'ding-app', clientSecret: 'ding-secret', robotCode: 'r1' }
    const store = new DatabaseTokenStore(database.db, clock)
    const replicas = [new DingtalkApi(settings, clock, store), new DingtalkApi(settings, clock, store)]
    await Promise.all(replicas.map((api, n) => api.sendToUsers([`u${n}`], 'sampleText', { content: '您好' })))

    expect(dingtalk.callsTo('/v1.0/oauth2/accessToken')).toHaveLength(1)
    const sends = dingtalk.callsTo('/v1.0/robot/oToMessages/batchSend')
    expect(new Set(sends.map((c) => c.headers['x-acs-dingtalk-access-token'])).size).toBe(1)
    const [stored] = await database.db.select().from(platformTokens)
    expect(stored?.key).toBe('dingtalk:ding-app')
  })
})
