import { afterAll, describe, expect, it } from 'vitest'
import { openDatabase } from '../../src/db/client'
import { ManualClock } from '../../src/domain/clock'
import { testApp } from '../helpers/app'
import { sealedRequest, seconds, wecomEnv, wecomMessageXml } from '../helpers/wechat'

/**
 * A database that cannot be reached (issue: webhooks hung during a Postgres outage): the webhook answers 503
 * with Retry-After at once, so the platform retries, and the API the same — never a 500 or a hang.
 */
const clock = new ManualClock('2026-11-23T02:00:00Z')
// Nothing listens on port 1: every connection is refused, as during an outage.
const handle = await openDatabase({ kind: 'postgres', url: 'postgres://postgres@127.0.0.1:1/xunan', maxConnections: 1 })
const API_TOKEN = 'outage-api-token-0123456789abcdef'
const { app } = testApp(handle, clock, { ...wecomEnv('http://127.0.0.1:9'), API_TOKEN })
afterAll(async () => handle.close())

describe('the database away', () => {
  it('answers a platform’s webhook 503 with Retry-After, so the platform sends it again', async () => {
    const xml = wecomMessageXml({
      FromUserName: 'zhangwei',
      CreateTime: seconds(clock.now()),
      MsgType: 'text',
      Content: '帮助',
      MsgId: '990000000000000001',
    })
    const sealed = sealedRequest(xml, { timestamp: seconds(clock.now()) })
    const res = await app.request(`/webhooks/wecom/default?${sealed.query}`, { method: 'POST', body: sealed.body })
    expect(res.status).toBe(503)
    expect(res.headers.get('retry-after')).toBe('5')
  })

  it('answers the API 503 with a code and a message, not a 500', async () => {
    const res = await app.request('/api/v1/hazards', { headers: { authorization: `Bearer ${API_TOKEN}` } })
    expect(res.status).toBe(503)
    expect(await res.json()).toMatchObject({ error: { code: 'unavailable', message: '服务暂时不可用，请稍后重试。' } })
  })
})
