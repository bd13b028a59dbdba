import type { Context } from 'hono'
import type { AppEnv } from '../app-env'

/**
 * The caller's address, for throttling and logs. Behind a TLS-terminating proxy (TRUSTED_PROXY=1) the
 * last X-Forwarded-For entry is the one the proxy itself appended; anywhere else the header is the
 * caller's to forge, so only the socket counts.
 */
export function clientAddress(c: Context<AppEnv>): string {
  if (c.var.services.config.trustedProxy) {
    const forwarded = c.req.header('x-forwarded-for')?.split(',').at(-1)?.trim()
    if (forwarded) return forwarded
  }
  const incoming = (c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)?.incoming
  return incoming?.socket?.remoteAddress ?? 'local'
}

/** Whether the browser reached us over TLS: the configured public URL, or a trusted proxy's word. */
export function servedOverTls(c: Context<AppEnv>): boolean {
  const { publicBaseUrl, trustedProxy } = c.var.services.config
  if (publicBaseUrl) return publicBaseUrl.startsWith('https:')
  if (trustedProxy) return c.req.header('x-forwarded-proto')?.split(',')[0]?.trim() === 'https'
  return new URL(c.req.url).protocol === 'https:'
}
