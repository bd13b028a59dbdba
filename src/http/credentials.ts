import type { Context } from 'hono'
import type { AppEnv } from '../app-env'
import { clientAddress } from './client-address'

/**
 * Every place that checks a presented secret (console password, bearer token, Open311 key, webhook
 * signature) goes through these two calls: refused at once while the address is blocked, and each
 * failure counted and logged — with the route and address, never the secret.
 */
export async function refuseBlockedCaller(c: Context<AppEnv>): Promise<void> {
  await c.get('services').throttles.refuseIfBlocked(clientAddress(c))
}

export async function recordFailedCredentials(c: Context<AppEnv>, what: string): Promise<void> {
  const address = clientAddress(c)
  c.get('services').logger.warn('credentials refused', { what, path: c.req.path, address })
  await c.get('services').throttles.recordFailure(address)
}
