import type { MiddlewareHandler } from 'hono'
import type { AppEnv } from '../../app-env'
import { constantTimeEqual } from '../../channels/wechat-crypto'
import { AppError } from '../../errors'

/** Bearer token for /api/v1 (API_TOKEN); without one configured the API stays closed. */
export const requireApiToken: MiddlewareHandler<AppEnv> = async (c, next) => {
  const token = c.var.services.config.apiToken
  if (!token) throw new AppError('unauthorized', 401, 'API access is not configured (set API_TOKEN)')
  const presented = /^Bearer\s+(.+)$/i.exec(c.req.header('authorization') ?? '')?.[1]
  if (!presented) throw new AppError('unauthorized', 401, 'Bearer token required')
  if (!constantTimeEqual(presented, token)) throw new AppError('unauthorized', 401, 'Invalid token')
  await next()
}
