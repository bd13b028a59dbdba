import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ManualClock } from '../../src/domain/clock'
import { jobDefinitions, runJob } from '../../src/jobs/scheduler'
import { FakeWechatApi } from '../fakes/wechat-api'
import { testApp } from '../helpers/app'
import { createTestDatabase, seedDefaults, type TestDatabase } from '../helpers/db'
import { sealedRequest, seconds, wecomEnv, wecomMessageXml } from '../helpers/wechat'

/**
 * /metrics after real traffic, scraped and parsed as Prometheus would: the webhook counted under its channel and
 * status, the reply counted as sent, the inbox drained, a job's run timed and its success stamped — and closed to
 * anyone without the token.
 */
const clock = new ManualClock('2026-11-23T02:00:00Z')
const TOKEN = 'metrics-token-0123456789abcdef'
let database: TestDatabase
let fake: FakeWechatApi
let harness: ReturnType<typeof testApp>

beforeAll(async () => {
  database = await createTestDatabase()
  await seedDefaults(database, clock.now())
  fake = await new FakeWechatApi(clock).start()
  harness = testApp(database, clock, wecomEnv(fake.baseUrl, { METRICS_TOKEN: TOKEN }))
})
afterAll(async () => {
  await fake?.stop()
  await database?.drop()
})

/** The text exposition format: `name{label="value",…} number` per sample, `#` lines are help and type. */
function parse(text: string): { name: string; labels: Record<string, string>; value: number }[] {
  return text
    .split('\n')
    .filter((line) => line && !line.startsWith('#'))
    .map((line) => {
      const match = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})?\s+(\S+)$/.exec(line)
      if (!match) throw new Error(`not a Prometheus sample: ${line}`)
      const labels = Object.fromEntries(
        [...(match[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((m) => [m[1], m[2]]),
      )
      return { name: match[1] as string, labels, value: Number(match[3]) }
    })
}

describe('/metrics', () => {
  it('is closed without the token', async () => {
    expect((await harness.app.request('/metrics')).status).toBe(401)
    const wrong = await harness.app.request('/metrics', { headers: { authorization: 'Bearer nope' } })
    expect(wrong.status).toBe(401)
  })

  it('counts the traffic, the replies, the backlog and the jobs', async () => {
    const xml = wecomMessageXml({
      FromUserName: 'metrics-user',
      CreateTime: seconds(clock.now()),
      MsgType: 'text',
      Content: '帮助',
      MsgId: '55512553542513001',
    })
    const sealed = sealedRequest(xml, { timestamp: seconds(clock.now()) })
    const webhook = await harness.app.request(`/webhooks/wecom/default?${sealed.query}`, {
      method: 'POST',
      body: sealed.body,
    })
    expect(webhook.status).toBe(200)
    await harness.services.inbound.idle()
    await harness.services.outbox.drain()
    const job = jobDefinitions().find((j) => j.name === 'complaint-sla') ?? jobDefinitions()[0]
    if (!job) throw new Error('no jobs defined')
    await runJob(harness.services, job)

    const response = await harness.app.request('/metrics', { headers: { authorization: `Bearer ${TOKEN}` } })
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toContain('text/plain')
    const samples = parse(await response.text())
    const value = (name: string, labels: Record<string, string> = {}) =>
      samples
        .filter((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v))
        .reduce((sum, s) => sum + s.value, 0)

    expect(value('xunan_http_requests_total', { area: 'webhook:wecom', status: '200' })).toBe(1)
    expect(value('xunan_http_requests_total', { area: 'health', status: '401' })).toBe(2)
    expect(value('xunan_http_request_duration_seconds_count', { area: 'webhook:wecom' })).toBe(1)
    expect(value('xunan_outbox_sends_total', { channel: 'wecom', result: 'sent' })).toBeGreaterThanOrEqual(1)
    expect(value('xunan_inbox_backlog')).toBe(0)
    expect(value('xunan_inbox_oldest_unprocessed_age_seconds')).toBe(0)
    expect(value('xunan_outbox_rows', { status: 'pending' })).toBe(0)
    expect(value('xunan_job_duration_seconds_count', { job: job.name, result: 'ok' })).toBe(1)
    expect(value('xunan_job_last_success_timestamp_seconds', { job: job.name })).toBe(clock.now().getTime() / 1000)
    expect(samples.some((s) => s.name === 'xunan_overdue_items' && s.labels.kind === 'complaint')).toBe(true)
    expect(samples.some((s) => s.name === 'xunan_inbound_in_process' && s.labels.state === 'waiting')).toBe(true)
  })
})
