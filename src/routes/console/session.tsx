import { createHash } from 'node:crypto'
import type { Context, Hono, MiddlewareHandler } from 'hono'
import { deleteCookie, getSignedCookie, setSignedCookie } from 'hono/cookie'
import { z } from 'zod'
import type { AppEnv, ConsoleViewer } from '../../app-env'
import { constantTimeEqual } from '../../channels/wechat-crypto'
import type { Config } from '../../config'
import { type ConsoleArea, homeArea, mayOpen } from '../../domain/console-access'
import { ledgerUnitScope, ROLES, type Role } from '../../domain/roles'
import { AppError } from '../../errors'
import { demoPeople } from '../../services/console-feed'
import { clientForToken } from '../api/auth'
import { Layout } from './layout'

/**
 * Console sign-in and who may see what.
 *
 * Demo mode: anyone signs in as a chosen demo person without a password (every page says so); without a
 * choice they browse as the demo administrator. Otherwise sign-in is required: CONSOLE_PASSWORD or
 * API_TOKEN opens an administrator's session, an API_TOKENS entry a session in that token's role and unit.
 * The session is a signed, HttpOnly, SameSite=Strict cookie valid for 8 hours; form posts are CSRF-checked
 * by origin. Each page then admits only the roles that may open it and shows a unit's people only their
 * unit's items.
 */
const COOKIE = 'xunan_session'
const SESSION_MS = 8 * 3_600_000

const SessionPayload = z.object({
  exp: z.number(),
  name: z.string(),
  role: z.enum(ROLES),
  unitId: z.number().nullable(),
  personId: z.number().nullable(),
})

/** The key that signs sessions: changing any console credential ends every session. */
function sessionSecret(config: Config): string {
  const material = config.demo
    ? `demo:${config.database.kind === 'postgres' ? config.database.url : config.database.dataDir}`
    : [config.consolePassword ?? '', config.apiToken ?? '', ...config.apiTokens.map((t) => t.token)].join('\n')
  return createHash('sha256').update(`xunan-console:${material}`).digest('hex')
}

function signInConfigured(config: Config): boolean {
  return Boolean(config.consolePassword || config.apiToken || config.apiTokens.length)
}

async function readSession(c: Context<AppEnv>): Promise<ConsoleViewer | undefined> {
  const { config, clock } = c.var.services
  const raw = await getSignedCookie(c, sessionSecret(config), COOKIE)
  if (!raw) return undefined
  let payload: unknown
  try {
    payload = JSON.parse(Buffer.from(raw, 'base64url').toString())
  } catch {
    return undefined
  }
  const session = SessionPayload.safeParse(payload)
  if (!session.success || session.data.exp < clock.now().getTime()) return undefined
  const { exp: _exp, ...viewer } = session.data
  return viewer
}

async function startSession(c: Context<AppEnv>, viewer: ConsoleViewer): Promise<void> {
  const { config, clock } = c.var.services
  const payload = { ...viewer, exp: clock.now().getTime() + SESSION_MS }
  await setSignedCookie(c, COOKIE, Buffer.from(JSON.stringify(payload)).toString('base64url'), sessionSecret(config), {
    httpOnly: true,
    sameSite: 'Strict',
    secure: new URL(c.req.url).protocol === 'https:',
    path: '/console',
    maxAge: SESSION_MS / 1000,
  })
}

/** Without a chosen person, demo mode browses as the demo administrator. */
async function demoAdministrator(c: Context<AppEnv>): Promise<ConsoleViewer> {
  const admin = (await demoPeople(c.var.services.db)).find((p) => p.role === 'admin')
  return {
    name: admin?.name ?? '管理员',
    role: 'admin',
    unitId: admin?.unitId ?? null,
    personId: admin?.personId ?? null,
  }
}

const OPEN_PATHS = ['/console/login', '/console/login/demo', '/console/logout']

export const requireConsoleSession: MiddlewareHandler<AppEnv> = async (c, next) => {
  const { config } = c.var.services
  const session = await readSession(c)
  if (session) c.set('viewer', session)
  else if (config.demo) c.set('viewer', await demoAdministrator(c))
  if (OPEN_PATHS.includes(c.req.path) || c.var.viewer) return next()
  if (!signInConfigured(config))
    throw new AppError(
      'forbidden',
      403,
      '控制台需要登录，但本服务器尚未配置登录方式（请设置 CONSOLE_PASSWORD 或 API_TOKEN）。',
    )
  return c.redirect('/console/login', 302)
}

/** The viewer a page acts for; the session middleware guarantees one on every page it lets through. */
export function viewerOf(c: Context<AppEnv>): ConsoleViewer {
  const viewer = c.var.viewer
  if (!viewer) throw new AppError('unauthorized', 401, '请先登录')
  return viewer
}

/** Admits only the roles that may open this part of the console. */
export function allow(area: ConsoleArea): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (!mayOpen(viewerOf(c).role, area)) throw new AppError('forbidden', 403, '您的角色无权查看此页面。')
    return next()
  }
}

/** The unit whose items alone the viewer may see on the ledgers, or undefined for all. */
export function viewerUnitScope(c: Context<AppEnv>): number | undefined {
  const viewer = viewerOf(c)
  return ledgerUnitScope(viewer.role, viewer.unitId)
}

export function scopedToViewer<T extends { unit?: number }>(c: Context<AppEnv>, filter: T): T {
  const unit = viewerUnitScope(c)
  return unit === undefined ? filter : { ...filter, unit }
}

export function visibleToViewer(c: Context<AppEnv>, ...unitIds: (number | null)[]): boolean {
  const unit = viewerUnitScope(c)
  return unit === undefined || unitIds.includes(unit)
}

/** Pages that act as a demo person exist only in demo mode. */
export const demoOnly: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (!c.var.services.config.demo) return c.redirect(homePath(viewerOf(c).role, false), 302)
  return next()
}

const HOME: Record<ConsoleArea, string> = {
  chat: '/console',
  ledgers: '/console/hazards',
  dashboard: '/console/dashboard',
  reports: '/console/reports',
  admin: '/console/admin',
}

/** Where a viewer lands: outside demo mode there is no chat simulator, so a unit's people start at the ledgers. */
export function homePath(role: Role, demo = true): string {
  const area = homeArea(role)
  return HOME[area === 'chat' && !demo ? 'ledgers' : area]
}

function LoginPage(props: { c: Context<AppEnv>; error?: string }) {
  return (
    <Layout c={props.c} title="登录">
      <form class="card" method="post" action="/console/login">
        <h2>登录</h2>
        <p class="meta">管理员使用管理员密码；各单位使用分配给本单位的访问令牌，只能看到本单位的事项。</p>
        {props.error ? <p style="color:#b42318">{props.error}</p> : null}
        <input type="password" name="password" placeholder="密码或访问令牌" required autocomplete="current-password" />{' '}
        <button type="submit">登录</button>
      </form>
    </Layout>
  )
}

/** The console account a password or token opens, if any. */
async function viewerForSecret(c: Context<AppEnv>, presented: string): Promise<ConsoleViewer | undefined> {
  const password = c.var.services.config.consolePassword
  if (password && constantTimeEqual(presented, password))
    return { name: '管理员', role: 'admin', unitId: null, personId: null }
  const client = await clientForToken(c, presented)
  return (
    client && {
      name: client.name === 'admin' ? '管理员' : client.name,
      role: client.role,
      unitId: client.unitId,
      personId: null,
    }
  )
}

export function registerSession(app: Hono<AppEnv>): void {
  app.get('/login', (c) => (c.var.services.config.demo ? c.redirect('/console', 302) : c.html(<LoginPage c={c} />)))

  app.post('/login', async (c) => {
    const form = await c.req.parseBody()
    const viewer = typeof form.password === 'string' ? await viewerForSecret(c, form.password) : undefined
    if (!viewer) return c.html(<LoginPage c={c} error="密码或令牌错误" />, 401)
    await startSession(c, viewer)
    return c.redirect(homePath(viewer.role, c.var.services.config.demo), 303)
  })

  // Demo mode: sign in as a demo person, no password.
  app.post('/login/demo', async (c) => {
    if (!c.var.services.config.demo) throw new AppError('forbidden', 403, '仅演示模式可免密登录。')
    const form = await c.req.parseBody()
    const person = (await demoPeople(c.var.services.db)).find((p) => String(p.personId) === String(form.personId))
    if (!person) throw new AppError('bad_request', 400, '请选择一名演示人员。')
    await startSession(c, { name: person.name, role: person.role, unitId: person.unitId, personId: person.personId })
    return c.redirect(homePath(person.role), 303)
  })

  app.post('/logout', (c) => {
    deleteCookie(c, COOKIE, { path: '/console' })
    return c.redirect(c.var.services.config.demo ? '/console' : '/console/login', 303)
  })
}
