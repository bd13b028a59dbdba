import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { MpApi } from '../../src/channels/mp/api'
import { ManualClock } from '../../src/domain/clock'
import { FakeWechatApi } from '../fakes/wechat-api'
import { MP } from '../helpers/wechat'

/**
 * Two replicas of the server share one Official Account. With the plain token endpoint each replica's fetch
 * retired the other's token, so they took turns failing with 40001; the stable token is the same for both.
 */
const clock = new ManualClock('2026-11-23T02:00:00Z')
let fake: FakeWechatApi

beforeAll(async () => {
  fake = await new FakeWechatApi(clock).start()
})
afterAll(async () => {
  await fake?.stop()
})

describe('Official Account access tokens across replicas', () => {
  it('share one stable token, so neither invalidates the other', async () => {
    const settings = { apiBase: fake.baseUrl, appId: MP.appId, appSecret: MP.appSecret }
    const replicaA = new MpApi(settings, clock)
    const replicaB = new MpApi(settings, clock)
    for (const replica of [replicaA, replicaB, replicaA, replicaB])
      expect((await replica.sendCustomText('openid-1', '您好')).errcode ?? 0).toBe(0)

    const tokenCalls = fake.calls.filter((c) => c.path.startsWith('/cgi-bin/') && c.path.endsWith('token'))
    expect(tokenCalls.map((c) => c.path)).toEqual(['/cgi-bin/stable_token', '/cgi-bin/stable_token'])
    expect(tokenCalls.every((c) => (c.body as { force_refresh?: boolean }).force_refresh === false)).toBe(true)
    const sends = fake.calls.filter((c) => c.path === '/cgi-bin/message/custom/send')
    expect(sends).toHaveLength(4)
    expect(new Set(sends.map((c) => c.query.access_token)).size).toBe(1)
  })

  it('fetches the token again after it expires, and still one for both', async () => {
    fake.reset()
    fake.expireTokens()
    const settings = { apiBase: fake.baseUrl, appId: MP.appId, appSecret: MP.appSecret }
    const replicaA = new MpApi(settings, clock)
    expect((await replicaA.sendCustomText('openid-1', '您好')).errcode ?? 0).toBe(0)
    const replicaB = new MpApi(settings, clock)
    expect((await replicaB.sendCustomText('openid-2', '您好')).errcode ?? 0).toBe(0)
    const sends = fake.calls.filter((c) => c.path === '/cgi-bin/message/custom/send')
    expect(new Set(sends.map((c) => c.query.access_token)).size).toBe(1)
  })
})
