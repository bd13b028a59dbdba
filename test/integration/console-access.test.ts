import { eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { people } from '../../src/db/schema'
import { ManualClock } from '../../src/domain/clock'
import { zonedInstant } from '../../src/domain/local-time'
import { reportHazard } from '../../src/services/hazards'
import { testApp } from '../helpers/app'
import type { CityLookup } from '../helpers/city'
import { TEST_TIME_ZONE, type TestDatabase } from '../helpers/db'
import { postForm } from '../helpers/requests'
import { type Seeded, useSeededApp } from '../helpers/seeded'

const clock = new ManualClock(zonedInstant('2026-11-23', TEST_TIME_ZONE, 10))
let app: Seeded['harness']['app']
let services: Seeded['harness']['services']
let database: TestDatabase
let city: CityLookup
let ours: string
let theirs: string

useSeededApp(
  clock,
  async (seeded) => {
    ;({ database, city } = seeded)
    app = seeded.harness.app
    services = seeded.harness.services
    ours = (
      await reportHazard({
        ctx: services.ctx,
        input: { description: '人行道塌陷', category: 'road_municipal' },
        actor: city.actor('张伟'),
      })
    ).code
    theirs = (
      await reportHazard({
        ctx: services.ctx,
        input: { description: '燃气泄漏', category: 'gas' },
        actor: city.actor('张伟'),
      })
    ).code
  },
  { DEMO: '1' },
)

async function personId(name: string): Promise<number> {
  const [row] = await services.db.select({ id: people.id }).from(people).where(eq(people.name, name))
  if (!row) throw new Error(`no ${name}`)
  return row.id
}

async function signInAs(name: string): Promise<{ cookie: string; location: string | null }> {
  const res = await postForm(app, '/console/login/demo', { personId: String(await personId(name)) })
  expect(res.status).toBe(303)
  const setCookie = res.headers.get('set-cookie') ?? ''
  expect(setCookie).toContain('HttpOnly')
  expect(setCookie).toContain('SameSite=Strict')
  return { cookie: setCookie.split(';')[0] ?? '', location: res.headers.get('location') }
}

const get = (path: string, cookie?: string) => app.request(path, cookie ? { headers: { cookie } } : {})

describe('console access in demo mode', () => {
  it('browses as the demo administrator until a person is chosen, marked on every page', async () => {
    const page = await (await get('/console/admin')).text()
    expect(page).toContain('演示模式')
    expect(page).toContain('系统管理员（管理员）')
    const picker = await (await get('/console')).text()
    expect(picker).toContain('以此身份登录')
  })

  it('signs in as a unit handler who sees only the unit’s items, and not the dashboard or admin', async () => {
    const { cookie, location } = await signInAs('李娜')
    expect(location).toBe('/console/hazards')
    const list = await (await get(`/console/hazards?unit=${city.unit('ranqiban')}`, cookie)).text()
    expect(list).toContain(ours)
    expect(list).not.toContain(theirs)
    expect(list).toContain('李娜（责任单位经办人）')
    // The unit filter offers their own unit only.
    expect(list).toContain(`<option value="${city.unit('shizheng')}"`)
    expect(list).not.toContain(`<option value="${city.unit('ranqiban')}"`)
    expect(list).not.toContain('href="/console/admin"')
    expect((await get(`/console/hazards/${ours}`, cookie)).status).toBe(200)
    const hidden = await get(`/console/hazards/${theirs}`, cookie)
    expect(hidden.status).toBe(404)
    expect(await hidden.text()).toContain('未找到该隐患。')
    const csv = await (await get('/console/hazards/export.csv', cookie)).text()
    expect(csv).toContain(ours)
    expect(csv).not.toContain(theirs)

    const admin = await get('/console/admin', cookie)
    expect(admin.status).toBe(403)
    expect(await admin.text()).toContain('您的角色无权查看此页面。')
    expect((await get('/console/dashboard', cookie)).status).toBe(403)
    // Admin changes are refused too, not just the page.
    const post = await postForm(
      app,
      '/console/admin/routing',
      { category: 'gas', unitId: String(city.unit('shizheng')) },
      { cookie },
    )
    expect(post.status).toBe(403)
  })

  it('lands a leader on the dashboard and keeps a citizen to the chat', async () => {
    const leader = await signInAs('刘明')
    expect(leader.location).toBe('/console/dashboard')
    expect((await get('/console/dashboard', leader.cookie)).status).toBe(200)
    expect((await get(`/console/hazards/${theirs}`, leader.cookie)).status).toBe(200)
    const citizen = await signInAs('市民小周')
    expect(citizen.location).toBe('/console')
    expect((await get('/console/hazards', citizen.cookie)).status).toBe(403)
    expect((await get('/console/reports', citizen.cookie)).status).toBe(403)
  })

  it('ignores a forged session and signs out', async () => {
    const { cookie } = await signInAs('李娜')
    const forged = `${cookie.split('.')[0]}.AAAA`
    const page = await (await get('/console/hazards', forged)).text()
    expect(page).toContain(theirs) // back to the demo administrator, who sees everything
    const out = await postForm(app, '/console/logout', {}, { cookie })
    expect(out.status).toBe(303)
    expect(out.headers.get('set-cookie')).toMatch(/xunan_session=;/)
  })
})

describe('console access outside demo mode', () => {
  const production = () =>
    testApp(database, clock, {
      DEMO: '0',
      CONSOLE_PASSWORD: 'correct horse battery staple',
      API_TOKENS: JSON.stringify([
        { token: 'shizheng-console-token-1', role: 'unit_handler', unit: 'shizheng', name: '市政建设总公司' },
      ]),
    }).app
  const login = (target: ReturnType<typeof production>, password: string) =>
    postForm(target, '/console/login', { password })

  it('signs a unit in with its token, in that unit’s scope, and refuses password-less demo sign-in', async () => {
    const target = production()
    expect((await target.request('/console/hazards')).headers.get('location')).toBe('/console/login')
    const res = await login(target, 'shizheng-console-token-1')
    expect(res.status).toBe(303)
    expect(res.headers.get('location')).toBe('/console/hazards')
    const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0] ?? ''
    // No simulator outside demo mode: the console's front page sends a unit to its ledger.
    expect((await target.request('/console', { headers: { cookie } })).headers.get('location')).toBe('/console/hazards')
    const list = await (await target.request('/console/hazards', { headers: { cookie } })).text()
    expect(list).toContain(ours)
    expect(list).not.toContain(theirs)
    expect((await target.request('/console/admin', { headers: { cookie } })).status).toBe(403)

    const admin = await login(target, 'correct horse battery staple')
    const adminCookie = (admin.headers.get('set-cookie') ?? '').split(';')[0] ?? ''
    expect((await target.request('/console/admin', { headers: { cookie: adminCookie } })).status).toBe(200)

    const demo = await postForm(target, '/console/login/demo', { personId: String(await personId('系统管理员')) })
    expect(demo.status).toBe(403)
    expect(demo.headers.get('set-cookie')).toBeNull()
  })
})
