import type { Context } from 'hono'
import type { AppEnv } from '../app-env'

/**
 * The caller's address, for throttling and logs. Behind a TLS-terminating proxy (TRUSTED_PROXY=1) the
 * last X-Forwarded-For entry is the one the proxy itself appended; anywhere else the header is the
 * caller's to forge, so only the socket counts — or, on Workers, the address the runtime entry read from
 * Cloudflare's own CF-Connecting-IP (which Cloudflare sets, overwriting any the caller sent).
 */
export function clientAddress(c: Context<AppEnv>): string {
  if (c.get('services').config.trustedProxy) {
    const forwarded = c.req.header('x-forwarded-for')?.split(',').at(-1)?.trim()
    if (forwarded) return forwarded
  }
  const runtime = c.env as { incoming?: { socket?: { remoteAddress?: string } }; clientAddress?: string } | undefined
  return runtime?.incoming?.socket?.remoteAddress ?? runtime?.clientAddress ?? 'local'
}

/** Whether the browser reached us over TLS: the configured public URL, or a trusted proxy's word. */
export function servedOverTls(c: Context<AppEnv>): boolean {
  const { publicBaseUrl, trustedProxy } = c.get('services').config
  if (publicBaseUrl) return publicBaseUrl.startsWith('https:')
  if (trustedProxy) return c.req.header('x-forwarded-proto')?.split(',')[0]?.trim() === 'https'
  return new URL(c.req.url).protocol === 'https:'
}
