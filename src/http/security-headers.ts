import type { MiddlewareHandler } from 'hono'
import { NONCE, secureHeaders } from 'hono/secure-headers'
import type { AppEnv } from '../app-env'

/**
 * Security headers from hono/secure-headers on every response: nosniff, no framing, a strict referrer
 * policy, and a Content-Security-Policy. Console pages may run only scripts carrying this response's
 * nonce (their one inline script) and talk only to this origin; everything else (API, Open311, webhooks)
 * may load nothing at all. A handler that sets its own policy — media files are sandboxed — keeps it.
 */
const common = {
  xFrameOptions: 'DENY',
  xContentTypeOptions: true,
  referrerPolicy: 'same-origin',
  crossOriginResourcePolicy: 'same-origin',
  crossOriginOpenerPolicy: 'same-origin',
  removePoweredBy: true,
  overwrite: false,
  // Only sent once TLS is known to be in front (see strictTransportSecurity below).
  strictTransportSecurity: false,
} as const

const consoleHeaders = secureHeaders({
  ...common,
  contentSecurityPolicy: {
    defaultSrc: ["'self'"],
    scriptSrc: [NONCE],
    // Style attributes are used for small layout touches; styles cannot run code.
    styleSrc: ["'self'", "'unsafe-inline'"],
    imgSrc: ["'self'", 'data:'],
    connectSrc: ["'self'"],
    formAction: ["'self'"],
    frameAncestors: ["'none'"],
    baseUri: ["'none'"],
    objectSrc: ["'none'"],
  },
})

const otherHeaders = secureHeaders({
  ...common,
  contentSecurityPolicy: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] },
})

export const securityHeaders: MiddlewareHandler<AppEnv> = async (c, next) => {
  const forConsole = c.req.path === '/console' || c.req.path.startsWith('/console/')
  await (forConsole ? consoleHeaders : otherHeaders)(c, next)
  const { publicBaseUrl } = c.get('services').config
  if (publicBaseUrl?.startsWith('https:') && !c.res.headers.has('strict-transport-security'))
    c.res.headers.set('strict-transport-security', 'max-age=15552000')
}
