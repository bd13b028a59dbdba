import { Hono } from 'hono'
import type { AppEnv } from '../../app-env'
import { parseRobotMessage, RobotMessage } from '../../channels/dingtalk/message'
import { verifyCallbackSignature } from '../../channels/dingtalk/sign'
import { AppError } from '../../errors'
import { recordInbound } from '../../messaging/inbox'
import { webhookBodyLimit } from './guards'

/**
 * DingTalk robot HTTP callbacks (for deployments that cannot hold a Stream socket, e.g. Workers): the
 * `timestamp` (ms) and `sign` headers are HMAC-SHA256 of "timestamp\nappSecret"; a timestamp more than an
 * hour away is refused. Replies go through the message's sessionWebhook from the outbox.
 */
export function dingtalkWebhook() {
  const app = new Hono<AppEnv>()
  app.post('/:botId', webhookBodyLimit, async (c) => {
    const { platforms, db, inbound, clock } = c.var.services
    const bot = platforms.dingtalk.get(c.req.param('botId'))
    if (!bot) throw new AppError('not_found', 404, 'Unknown bot')
    if (!verifyCallbackSignature(c.req.header('timestamp'), c.req.header('sign'), bot.clientSecret, clock.now())) {
      throw new AppError('unauthorized', 401, 'Invalid or stale signature')
    }
    const body = RobotMessage.safeParse(await c.req.json().catch(() => null))
    if (!body.success) throw new AppError('bad_request', 400, 'Malformed robot message')
    const parsed = parseRobotMessage(body.data, bot.id, clock.now())
    if (parsed.ok) {
      const { id, isNew } = await recordInbound(db, parsed.message)
      if (isNew) void inbound.schedule(id)
    }
    return c.json({})
  })
  return app
}
