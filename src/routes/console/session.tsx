import { createHash } from 'node:crypto'
import type { Context, Hono, MiddlewareHandler } from 'hono'
import { getSignedCookie, setSignedCookie } from 'hono/cookie'
import type { AppEnv } from '../../app-env'
import { constantTimeEqual } from '../../channels/wechat-crypto'
import { AppError } from '../../errors'
import { Layout } from './layout'

/**
 * Console sign-in. Demo mode signs in as a chosen demo person without a password (loudly marked). Otherwise
 * the administrator's password from CONSOLE_PASSWORD opens a session: a signed, HttpOnly, SameSite=Strict
 * cookie valid for 8 hours; form posts are CSRF-checked by origin. Without a password configured the
 * console stays closed.
 */
const COOKIE = 'xunan_session'
const SESSION_MS = 8 * 3_600_000

function secret(password: string): string {
  // Changing the password ends every session.
  return createHash('sha256').update(`xunan-console:${password}`).digest('hex')
}

export const requireConsoleSession: MiddlewareHandler<AppEnv> = async (c, next) => {
  const { config, clock } = c.var.services
  if (config.demo) return next()
  if (!config.consolePassword)
    throw new AppError(
      'forbidden',
      403,
      'The console requires sign-in, which is not configured on this server (set CONSOLE_PASSWORD)',
    )
  if (c.req.path.endsWith('/console/login')) return next()
  const value = await getSignedCookie(c, secret(config.consolePassword), COOKIE)
  if (!value || Number(value) < clock.now().getTime()) return c.redirect('/console/login', 302)
  return next()
}

/** Pages that act as a demo person exist only in demo mode. */
export const demoOnly: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (!c.var.services.config.demo) return c.redirect('/console/dashboard', 302)
  return next()
}

function LoginPage(props: { error?: string }) {
  return (
    <Layout title="登录" demo={false}>
      <form class="card" method="post" action="/console/login">
        <h2>管理员登录</h2>
        {props.error ? <p style="color:#b42318">{props.error}</p> : null}
        <input type="password" name="password" placeholder="管理员密码" required autocomplete="current-password" />{' '}
        <button type="submit">登录</button>
      </form>
    </Layout>
  )
}

export function registerSession(app: Hono<AppEnv>): void {
  app.get('/login', (c) => c.html(<LoginPage />))
  app.post('/login', async (c: Context<AppEnv>) => {
    const { config, clock } = c.var.services
    const password = config.consolePassword
    const form = await c.req.parseBody()
    if (!password || typeof form.password !== 'string' || !constantTimeEqual(form.password, password)) {
      return c.html(<LoginPage error="密码错误" />, 401)
    }
    await setSignedCookie(c, COOKIE, String(clock.now().getTime() + SESSION_MS), secret(password), {
      httpOnly: true,
      sameSite: 'Strict',
      secure: new URL(c.req.url).protocol === 'https:',
      path: '/console',
      maxAge: SESSION_MS / 1000,
    })
    return c.redirect('/console/dashboard', 303)
  })
}
