import { Hono } from 'hono'
import type { AppEnv } from '../../app-env'
import { parseRobotMessage, RobotMessage } from '../../channels/dingtalk/message'
import { verifyCallbackSignature } from '../../channels/dingtalk/sign'
import { AppError } from '../../errors'
import { readJson } from '../../http/body'
import { refuseBlockedCaller } from '../../http/credentials'
import { acceptDelivery, verified, webhookBodyLimit } from './guards'
import { claimSignature } from './signature-replay'

/**
 * DingTalk robot HTTP callbacks (for deployments that cannot hold a Stream socket, e.g. Workers): the
 * `timestamp` (ms) and `sign` headers are HMAC-SHA256 of "timestamp\nappSecret"; a timestamp more than an
 * hour away is refused, and a (timestamp, sign) pair seen with another message is refused as a replay.
 * Replies go through the message's sessionWebhook from the outbox — only when it is on DingTalk's own
 * hosts (see outbound-hosts.ts).
 */
export function dingtalkWebhook() {
  const app = new Hono<AppEnv>()
  app.post('/:botId', webhookBodyLimit, async (c) => {
    const { platforms, clock } = c.get('services')
    const bot = platforms.dingtalk.get(c.req.param('botId'))
    if (!bot) throw new AppError('not_found', 'Unknown bot')
    await refuseBlockedCaller(c)
    const timestamp = c.req.header('timestamp')
    const sign = c.req.header('sign')
    await verified(c, () => {
      if (!verifyCallbackSignature(timestamp, sign, bot.clientSecret, clock.now()))
        throw new AppError('unauthorized', 'Invalid or stale signature')
    })
    const body = RobotMessage.safeParse(await readJson(c))
    if (!body.success) throw new AppError('invalid_request', 'Malformed robot message')
    // The signature covers the timestamp only: it is bound to the first message it carried.
    await claimSignature(c, `dingtalk:${bot.id}:${timestamp}:${sign}`, body.data.msgId)
    const parsed = parseRobotMessage(body.data, bot.id, clock.now())
    if (parsed.ok) {
      await acceptDelivery(c, parsed.message)
    }
    return c.json({})
  })
  return app
}
