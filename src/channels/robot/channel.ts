import { isPlatformUrl } from '../outbound-hosts'
import { fetchWithTimeout, PlatformError, toSendResult, webhookReply } from '../platform-error'
import type { Channel, OutboundMessage, Recipient, SendResult } from '../types'
import { robotBody } from '../wecom/channel'
import { postToGroupRobot } from './group-robot'

/**
 * WeCom robots: the intelligent robot (智能机器人) that field teams @-mention in group chats replies
 * through the response_url of the message it answers; group robots (群机器人) post to a webhook.
 */
export class WecomRobotChannel implements Channel {
  readonly id = 'wecom-robot' as const

  constructor(private readonly platformHosts: ReadonlySet<string>) {}

  async send(_botId: string, to: Recipient, message: OutboundMessage): Promise<SendResult> {
    try {
      if ((to.kind === 'webhook' || to.kind === 'reply_url') && !isPlatformUrl(to.url, this.platformHosts))
        throw new PlatformError('url_not_allowed', 'the address is not on the platform hosts allowlist', 'never')
      if (to.kind === 'webhook') {
        await postToGroupRobot(to.url, robotBody(message))
        return { ok: true }
      }
      if (to.kind === 'reply_url') {
        const content = message.type === 'markdown' ? message.markdown : message.type === 'text' ? message.text : null
        if (content === null)
          throw new PlatformError('unsupported', `response_url cannot carry ${message.type}`, 'never')
        const response = await fetchWithTimeout(to.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ msgtype: 'markdown', markdown: { content } }),
        })
        const reply = await webhookReply(response, 'response_url')
        if (reply.errcode !== 0) {
          throw new PlatformError(String(reply.errcode), `response_url ${reply.errcode}: ${reply.errmsg}`, 'never')
        }
        return { ok: true }
      }
      throw new PlatformError('bad_recipient', `WeCom robots cannot send to ${to.kind}`, 'never')
    } catch (error) {
      return toSendResult(error)
    }
  }
}
