import { createHash, randomBytes } from 'node:crypto'
import { and, eq, gt, isNull } from 'drizzle-orm'
import type { Context, Hono, MiddlewareHandler } from 'hono'
import { deleteCookie, getSignedCookie, setSignedCookie } from 'hono/cookie'
import { z } from 'zod'
import type { AppEnv, ConsoleViewer } from '../../app-env'
import { constantTimeEqual } from '../../channels/wechat-crypto'
import type { Config } from '../../config'
import { consoleSessions } from '../../db/schema'
import { type ConsoleArea, homeArea, mayOpen } from '../../domain/console-access'
import { ledgerUnitScope, ROLES, type Role } from '../../domain/roles'
import { AppError } from '../../errors'
import { readForm } from '../../http/body'
import { servedOverTls } from '../../http/client-address'
import { recordFailedCredentials, refuseBlockedCaller } from '../../http/credentials'
import { demoPeople } from '../../services/console-feed'
import { clientForToken } from '../api/auth'
import { Layout } from './layout'

/**
 * Console sign-in and who may see what.
 *
 * Demo mode: anyone signs in as a chosen demo person without a password (every page says so); without a
 * choice they browse as the demo administrator. Otherwise sign-in is required: CONSOLE_PASSWORD or
 * API_TOKEN opens an administrator's session, an API_TOKENS entry a session in that token's role and unit.
 * The session lives on the server (console_sessions) for 8 hours; the browser holds only its signed id in
 * an HttpOnly, SameSite=Strict cookie (Secure behind TLS). Signing out revokes it there; a changed password
 * or token ends every session it opened. Sign-in attempts are throttled per address. Form posts are
 * CSRF-checked by origin. Each page then admits only the roles that may open it and shows a unit's people only their
 * unit's items.
 */
const COOKIE = 'xunan_session'
const SESSION_MS = 8 * 3_600_000
const DEMO_CREDENTIAL = 'demo'

const Viewer = z.object({
  name: z.string(),
  role: z.enum(ROLES),
  unitId: z.number().nullable(),
  personId: z.number().nullable(),
})

/** Signs the session id in the cookie: SESSION_SECRET, or a key derived from where the data lives. */
function cookieKey(config: Config): string {
  if (config.sessionSecret) return config.sessionSecret
  const location = config.database.kind === 'postgres' ? config.database.url : config.database.dataDir
  return createHash('sha256').update(`xunan-console:${location}`).digest('hex')
}

/** A session remembers which secret opened it by this fingerprint, never the secret itself. */
function fingerprint(secret: string): string {
  return createHash('sha256').update(`xunan-console-credential\n${secret}`).digest('hex')
}

/** The fingerprints that still open sessions: a changed password or token ends the sessions it opened. */
function currentCredentials(config: Config): Set<string> {
  const secrets = [config.consolePassword, config.apiToken, ...config.apiTokens.map((t) => t.token)]
  const valid = new Set(secrets.filter((s): s is string => Boolean(s)).map(fingerprint))
  if (config.demo) valid.add(DEMO_CREDENTIAL)
  return valid
}

function signInConfigured(config: Config): boolean {
  return Boolean(config.consolePassword || config.apiToken || config.apiTokens.length)
}

async function sessionIdOf(c: Context<AppEnv>): Promise<string | undefined> {
  const id = await getSignedCookie(c, cookieKey(c.get('services').config), COOKIE)
  return typeof id === 'string' && /^[A-Za-z0-9_-]{43}$/.test(id) ? id : undefined
}

async function readSession(c: Context<AppEnv>): Promise<ConsoleViewer | undefined> {
  const { config, clock, db } = c.get('services')
  const id = await sessionIdOf(c)
  if (!id) return undefined
  const [row] = await db
    .select()
    .from(consoleSessions)
    .where(
      and(eq(consoleSessions.id, id), isNull(consoleSessions.revokedAt), gt(consoleSessions.expiresAt, clock.now())),
    )
  if (!row || !currentCredentials(config).has(row.credential)) return undefined
  const viewer = Viewer.safeParse(row.viewer)
  return viewer.success ? viewer.data : undefined
}

async function startSession(c: Context<AppEnv>, viewer: ConsoleViewer, credential: string): Promise<void> {
  const { config, clock, db } = c.get('services')
  // Whatever session this browser had ends here: a new sign-in never continues an old one.
  await revokeSession(c)
  const id = randomBytes(32).toString('base64url')
  const now = clock.now()
  await db.insert(consoleSessions).values({
    id,
    viewer: { ...viewer },
    credential,
    createdAt: now,
    expiresAt: new Date(now.getTime() + SESSION_MS),
  })
  await setSignedCookie(c, COOKIE, id, cookieKey(config), {
    httpOnly: true,
    sameSite: 'Strict',
    secure: servedOverTls(c),
    path: '/console',
    maxAge: SESSION_MS / 1000,
  })
}

/** Revokes the browser's session on the server, so a copied cookie stops working too. */
async function revokeSession(c: Context<AppEnv>): Promise<void> {
  const id = await sessionIdOf(c)
  if (id)
    await c
      .get('services')
      .db.update(consoleSessions)
      .set({ revokedAt: c.get('services').clock.now() })
      .where(eq(consoleSessions.id, id))
}

async function endSession(c: Context<AppEnv>): Promise<void> {
  await revokeSession(c)
  deleteCookie(c, COOKIE, { path: '/console', secure: servedOverTls(c) })
}

/** Without a chosen person, demo mode browses as the demo administrator. */
async function demoAdministrator(c: Context<AppEnv>): Promise<ConsoleViewer> {
  const admin = (await demoPeople(c.get('services').db)).find((p) => p.role === 'admin')
  return {
    name: admin?.name ?? '管理员',
    role: 'admin',
    unitId: admin?.unitId ?? null,
    personId: admin?.personId ?? null,
  }
}

const OPEN_PATHS = ['/console/login', '/console/login/demo', '/console/logout']

export const requireConsoleSession: MiddlewareHandler<AppEnv> = async (c, next) => {
  const { config } = c.get('services')
  const session = await readSession(c)
  if (session) c.set('viewer', session)
  else if (config.demo) c.set('viewer', await demoAdministrator(c))
  if (OPEN_PATHS.includes(c.req.path) || c.get('viewer')) return next()
  if (!signInConfigured(config))
    throw new AppError(
      'forbidden',
      '控制台需要登录，但本服务器尚未配置登录方式（请设置 CONSOLE_PASSWORD 或 API_TOKEN）。',
    )
  return c.redirect('/console/login', 302)
}

/** The viewer a page acts for; the session middleware guarantees one on every page it lets through. */
export function viewerOf(c: Context<AppEnv>): ConsoleViewer {
  const viewer = c.get('viewer')
  if (!viewer) throw new AppError('unauthorized', '请先登录')
  return viewer
}

/** Admits only the roles that may open this part of the console. */
export function allow(area: ConsoleArea): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (!mayOpen(viewerOf(c).role, area)) throw new AppError('forbidden', '您的角色无权查看此页面。')
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
  if (!c.get('services').config.demo) return c.redirect(homePath(viewerOf(c).role, false), 302)
  return next()
}

const HOME: Record<ConsoleArea, string> = {
  chat: '/console',
  ledgers: '/console/hazards',
  dashboard: '/console/dashboard',
  reports: '/console/reports',
  rewards: '/console/rewards',
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
  if (presented.length > 512) return undefined
  const password = c.get('services').config.consolePassword
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
  app.get('/login', (c) => (c.get('services').config.demo ? c.redirect('/console', 302) : c.html(<LoginPage c={c} />)))

  app.post('/login', async (c) => {
    await refuseBlockedCaller(c)
    const form = await readForm(c)
    const presented = typeof form.password === 'string' ? form.password : ''
    const viewer = presented ? await viewerForSecret(c, presented) : undefined
    if (!viewer) {
      await recordFailedCredentials(c, 'console sign-in')
      return c.html(<LoginPage c={c} error="密码或令牌错误" />, 401)
    }
    await startSession(c, viewer, fingerprint(presented))
    return c.redirect(homePath(viewer.role, c.get('services').config.demo), 303)
  })

  // Demo mode: sign in as a demo person, no password.
  app.post('/login/demo', async (c) => {
    if (!c.get('services').config.demo) throw new AppError('forbidden', '仅演示模式可免密登录。')
    const form = await readForm(c)
    const person = (await demoPeople(c.get('services').db)).find((p) => String(p.personId) === String(form.personId))
    if (!person) throw new AppError('invalid_request', '请选择一名演示人员。')
    await startSession(
      c,
      { name: person.name, role: person.role, unitId: person.unitId, personId: person.personId },
      DEMO_CREDENTIAL,
    )
    return c.redirect(homePath(person.role), 303)
  })

  app.post('/logout', async (c) => {
    await endSession(c)
    return c.redirect(c.get('services').config.demo ? '/console' : '/console/login', 303)
  })
}
