import { eq } from 'drizzle-orm'
import type { Context, MiddlewareHandler } from 'hono'
import type { ApiClient, AppEnv } from '../../app-env'
import { constantTimeEqual } from '../../channels/wechat-crypto'
import { units } from '../../db/schema'
import { ROLES, type Role } from '../../domain/roles'
import { AppError } from '../../errors'
import { recordFailedCredentials, refuseBlockedCaller } from '../../http/credentials'

/**
 * Bearer tokens for /api/v1: API_TOKEN acts as an administrator; each API_TOKENS entry acts in one role
 * (and unit), so the domain's rules decide what it may do — a unit handler's token can act only on its
 * unit's items and sees only them.
 */
export async function clientForToken(c: Context<AppEnv>, presented: string): Promise<ApiClient | undefined> {
  const { config, db } = c.get('services')
  if (config.apiToken && constantTimeEqual(presented, config.apiToken))
    return { name: 'admin', role: 'admin', unitId: null }
  const entry = config.apiTokens.find((t) => constantTimeEqual(presented, t.token))
  if (!entry || !(ROLES as readonly string[]).includes(entry.role)) return undefined
  const [unit] = entry.unit ? await db.select({ id: units.id }).from(units).where(eq(units.code, entry.unit)) : []
  return { name: entry.name, role: entry.role as Role, unitId: unit?.id ?? null }
}

export const requireApiToken: MiddlewareHandler<AppEnv> = async (c, next) => {
  // The API's sub-apps share one prefix, so this runs once per sub-app: authenticate once.
  if (c.get('apiClient')) return next()
  const { config } = c.get('services')
  if (!config.apiToken && config.apiTokens.length === 0)
    throw new AppError('unauthorized', 'API access is not configured (set API_TOKEN)')
  await refuseBlockedCaller(c)
  const presented = /^Bearer\s+(.+)$/i.exec(c.req.header('authorization') ?? '')?.[1]
  if (!presented) throw new AppError('unauthorized', 'Bearer token required')
  const client = presented.length <= 512 ? await clientForToken(c, presented) : undefined
  if (!client) {
    await recordFailedCredentials(c, 'API token')
    throw new AppError('unauthorized', 'Invalid token')
  }
  c.set('apiClient', client)
  return next()
}
