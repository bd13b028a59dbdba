import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { inboundMessages, periodicReports } from '../../src/db/schema'
import { HOUR_MS, ManualClock } from '../../src/domain/clock'
import { zonedInstant } from '../../src/domain/local-time'
import { runPeriodicReports } from '../../src/jobs/periodic-reports'
import { jobSettings, runTick } from '../../src/jobs/scheduler'
import { receiveComplaint } from '../../src/services/complaints'
import { testApp } from '../helpers/app'
import { createTestDatabase, seedDefaults, TEST_TIME_ZONE, type TestDatabase } from '../helpers/db'

const clock = new ManualClock(zonedInstant('2026-11-23', TEST_TIME_ZONE, 10))
let database: TestDatabase
let harness: ReturnType<typeof testApp>

beforeAll(async () => {
  database = await createTestDatabase()
  await seedDefaults(database, clock.now())
  harness = testApp(database, clock, { API_TOKEN: 'secret-api-token' })
})
afterAll(async () => database?.drop())

function say(key: string, text: string, origin = 'http://localhost') {
  return harness.app.request(`/console/chat/${key}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin },
    body: new URLSearchParams({ text }).toString(),
  })
}

async function page(path: string): Promise<string> {
  const res = await harness.app.request(path)
  expect(res.status).toBe(200)
  return res.text()
}

describe('console chat simulator (demo mode)', () => {
  it('renders pages in standards mode, and answers an unknown console address with a Chinese page', async () => {
    const home = await harness.app.request('/console')
    expect((await home.text()).startsWith('<!DOCTYPE html><html lang="zh-CN">')).toBe(true)
    const missing = await harness.app.request('/console/no-such-page')
    expect(missing.status).toBe(404)
    expect(missing.headers.get('content-type')).toContain('text/html')
    const text = await missing.text()
    expect(text.startsWith('<!DOCTYPE html>')).toBe(true)
    expect(text).toContain('找不到该页面，请从导航栏进入。')
  })

  it('lists the demo people, loudly marked as demo mode', async () => {
    const html = await page('/console')
    expect(html).toContain('演示模式')
    for (const name of ['张伟', '李娜', '赵敏', '陈刚', '刘明', '市民小周']) expect(html).toContain(name)
  })

  it('chats with the same engine as WeCom: message in, reply shown', async () => {
    const res = await say('field_staff', '帮助')
    expect(res.status).toBe(303)
    expect(res.headers.get('location')).toBe('/console/chat/field_staff#feed')
    const html = await page('/console/chat/field_staff')
    expect(html).toContain('帮助')
    expect(html).toContain('上报隐患 —— 上报发现的隐患')
  })

  it('shows pushes: an escalation reaches the duty officer’s chat', async () => {
    const complaint = await receiveComplaint({
      ctx: harness.services.ctx,
      input: { channel: 'mp', category: 'gas', description: '燃气味' },
    })
    clock.set(new Date(complaint.receivedAt.getTime() + 24 * HOUR_MS + 60_000))
    await runTick(harness.services)
    const html = await page('/console/chat/duty_officer')
    expect(html).toContain(`【超时升级·值班员】投诉 ${complaint.code}`)
  })

  it('refuses a cross-site form post and empty text, storing nothing', async () => {
    const count = async () =>
      Number((await database.db.select({ n: sql<number>`count(*)::int` }).from(inboundMessages))[0]?.n)
    const before = await count()
    expect((await say('field_staff', '帮助', 'https://evil.example')).status).toBe(403)
    expect((await say('field_staff', '   ')).status).toBe(400)
    expect((await say('nobody', '帮助')).status).toBe(404)
    expect(await count()).toBe(before)
  })

  it('is closed outside demo mode while no password is configured', async () => {
    const closed = testApp(database, clock, { DEMO: '0' })
    const res = await closed.app.request('/console')
    expect(res.status).toBe(403)
    expect(await res.text()).toContain('请设置 CONSOLE_PASSWORD')
  })
})

describe('console sign-in outside demo mode', () => {
  const production = () => testApp(database, clock, { DEMO: '0', CONSOLE_PASSWORD: 'correct horse battery staple' })
  const login = (app: ReturnType<typeof testApp>['app'], password: string) =>
    app.request('/console/login', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'http://localhost' },
      body: new URLSearchParams({ password }).toString(),
    })

  it('sends visitors to the login page and refuses a wrong password', async () => {
    const { app } = production()
    const res = await app.request('/console/dashboard')
    expect(res.status).toBe(302)
    expect(res.headers.get('location')).toBe('/console/login')
    const wrong = await login(app, 'guess')
    expect(wrong.status).toBe(401)
    expect(wrong.headers.get('set-cookie')).toBeNull()
  })

  it('opens an HttpOnly, SameSite=Strict session on the right password, without the demo banner or chat impersonation', async () => {
    const { app } = production()
    const ok = await login(app, 'correct horse battery staple')
    expect(ok.status).toBe(303)
    const cookie = ok.headers.get('set-cookie') ?? ''
    expect(cookie).toContain('HttpOnly')
    expect(cookie).toContain('SameSite=Strict')
    const session = cookie.split(';')[0] ?? ''
    const dashboard = await app.request('/console/dashboard', { headers: { cookie: session } })
    expect(dashboard.status).toBe(200)
    expect(await dashboard.text()).not.toContain('演示模式')
    const chatPage = await app.request('/console/chat/field_staff', { headers: { cookie: session } })
    expect(chatPage.status).toBe(302)
    expect(chatPage.headers.get('location')).toBe('/console/dashboard')
    const forged = await app.request('/console/dashboard', { headers: { cookie: `${session.split('.')[0]}.forged` } })
    expect(forged.status).toBe(302)
    clock.advance(9 * 3_600_000)
    expect((await app.request('/console/dashboard', { headers: { cookie: session } })).status).toBe(302)
  })
})

describe('reports: console download and API', () => {
  it('lists generated reports and downloads the XLSX, in the console and through the token-protected API', async () => {
    clock.set(zonedInstant('2026-11-30', TEST_TIME_ZONE, 9))
    await runPeriodicReports(
      harness.services.ctx,
      harness.services.config.reportsDir,
      (await jobSettings(harness.services)).quiet,
    )
    const [report] = await database.db.select().from(periodicReports).limit(1)
    expect(await page('/console/reports')).toContain(`/console/reports/${report?.id}/file`)
    const file = await harness.app.request(`/console/reports/${report?.id}/file`)
    expect(file.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
    expect(
      Buffer.from(await file.arrayBuffer())
        .subarray(0, 2)
        .toString(),
    ).toBe('PK')

    expect((await harness.app.request('/api/v1/reports')).status).toBe(401)
    expect((await harness.app.request('/api/v1/reports', { headers: { authorization: 'Bearer wrong' } })).status).toBe(
      401,
    )
    const auth = { headers: { authorization: 'Bearer secret-api-token' } }
    const list = (await (await harness.app.request('/api/v1/reports', auth)).json()) as {
      data: { id: number; file: string }[]
    }
    expect(list.data.length).toBeGreaterThan(0)
    const download = await harness.app.request(list.data[0]?.file ?? '', auth)
    expect(download.status).toBe(200)
    expect((await harness.app.request('/api/v1/reports/999999/file', auth)).status).toBe(404)
    expect((await harness.app.request('/api/v1/reports/abc/file', auth)).status).toBe(400)
  })
})
