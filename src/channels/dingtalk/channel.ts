import type { Clock } from '../../domain/clock'
import type { SharedTokenStore } from '../access-token'
import type { DingtalkBot } from '../bots'
import { isPlatformUrl } from '../outbound-hosts'
import { fetchWithTimeout, PlatformError, toSendResult, webhookReply } from '../platform-error'
import { robotSecret } from '../robot-secrets'
import type { Channel, OutboundMessage, Recipient, SendResult } from '../types'
import { DingtalkApi } from './api'
import { signedWebhookUrl } from './sign'

/**
 * DingTalk: replies through the message's sessionWebhook while it is valid, otherwise through the
 * OpenAPI (one-to-one robot messages, group messages, interactive cards whose button clicks come back as
 * card callbacks); custom group robots through their signed webhook.
 */
export class DingtalkChannel implements Channel {
  readonly id = 'dingtalk' as const
  private readonly apis = new Map<string, DingtalkApi>()

  constructor(
    private readonly bots: Map<string, DingtalkBot>,
    private readonly clock: Clock,
    private readonly env: Record<string, string | undefined>,
    private readonly platformHosts: ReadonlySet<string> = new Set(),
    private readonly tokenStore?: SharedTokenStore,
  ) {}

  api(botId: string): DingtalkApi {
    let api = this.apis.get(botId)
    if (!api) {
      const bot = this.bots.get(botId)
      if (!bot) throw new PlatformError('unknown_bot', `DingTalk bot "${botId}" is not configured`, 'never')
      api = new DingtalkApi(bot, this.clock, this.tokenStore)
      this.apis.set(botId, api)
    }
    return api
  }

  async send(botId: string, to: Recipient, message: OutboundMessage): Promise<SendResult> {
    try {
      if (to.kind === 'webhook' && !isPlatformUrl(to.url, this.platformHosts))
        throw new PlatformError('url_not_allowed', 'the robot address is not on the platform hosts allowlist', 'never')
      switch (to.kind) {
        case 'webhook':
          await this.postWebhook(
            signedWebhookUrl(to.url, robotSecret(this.env, to.secretEnv), this.clock.now()),
            message,
          )
          return { ok: true }
        case 'reply_url': {
          // A sessionWebhook outside DingTalk's hosts is never posted to: the user gets the reply by the API.
          const valid =
            (!to.expiresAt || Date.parse(to.expiresAt) > this.clock.now().getTime()) &&
            isPlatformUrl(to.url, this.platformHosts)
          if (valid && message.type !== 'card' && message.type !== 'card_update') {
            await this.postWebhook(to.url, message)
            return { ok: true }
          }
          if (!to.userId)
            throw new PlatformError('expired', 'sessionWebhook expired and no user to fall back to', 'never')
          return this.send(botId, { kind: 'user', externalId: to.userId }, message)
        }
        case 'user':
          await this.toUser(botId, to.externalId, message)
          return { ok: true }
        case 'group': {
          const { msgKey, msgParam } = templateOf(message)
          await this.api(botId).sendToGroup(to.chatId, msgKey, msgParam)
          return { ok: true }
        }
      }
    } catch (error) {
      return toSendResult(error)
    }
  }

  private async toUser(botId: string, userId: string, message: OutboundMessage): Promise<void> {
    const api = this.api(botId)
    const bot = this.bots.get(botId)
    // Card clicks come back over the Stream socket; without it, the card is text that says what to type.
    if (message.type === 'card' && bot?.mode === 'http') {
      const hint = message.commandHint ? `\n\n请回复「${message.commandHint}」` : ''
      await api.sendToUsers([userId], 'sampleMarkdown', {
        title: message.title,
        text: `**${message.title}**\n\n${message.description}${hint}`,
      })
      return
    }
    if (message.type === 'card') {
      await api.call('POST', '/v1.0/card/instances/createAndDeliver', {
        cardTemplateId: bot?.cardTemplateId,
        // One card instance per recipient: the card platform treats one outTrackId as one card, so two
        // handlers of a unit sharing it would see each other's clicks.
        outTrackId: cardTrackId(message.taskId, userId),
        callbackType: 'STREAM',
        cardData: {
          cardParamMap: {
            title: message.title,
            description: message.description,
            buttons: JSON.stringify(message.buttons.map((b) => ({ text: b.text, key: b.key }))),
          },
        },
        openSpaceId: `dtv1.card//IM_ROBOT.${userId}`,
        imRobotOpenSpaceModel: { supportForward: false },
        imRobotOpenDeliverModel: { spaceType: 'IM_ROBOT', robotCode: api.settings.robotCode },
      })
      return
    }
    if (message.type === 'card_update') {
      // Only the status key changes: the title, description and buttons stay as delivered.
      await api.call('PUT', '/v1.0/card/instances', {
        outTrackId: message.taskId,
        cardData: { cardParamMap: { status: message.replaceText } },
        cardUpdateOptions: { updateCardDataByKey: true, updatePrivateDataByKey: true },
      })
      return
    }
    const { msgKey, msgParam } = templateOf(message)
    await api.sendToUsers([userId], msgKey, msgParam)
  }

  private async postWebhook(url: string, message: OutboundMessage): Promise<void> {
    const response = await fetchWithTimeout(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(webhookBody(message)),
    })
    const reply = await webhookReply(response, 'DingTalk webhook')
    const code = reply.errcode
    if (code === 0) return
    // 130101: sending too fast; -1: busy. Both pass.
    throw new PlatformError(
      String(code),
      `DingTalk webhook ${code}: ${reply.errmsg}`,
      code === 130101 || code === -1 ? 'transient' : 'never',
    )
  }
}

function titleOf(text: string): string {
  return (
    text
      .replace(/[#*>`]/g, '')
      .trim()
      .split('\n')[0]
      ?.slice(0, 20) || '巡安'
  )
}

function webhookBody(message: OutboundMessage): Record<string, unknown> {
  switch (message.type) {
    case 'text':
      return { msgtype: 'text', text: { content: message.text } }
    case 'markdown':
      return { msgtype: 'markdown', markdown: { title: titleOf(message.markdown), text: message.markdown } }
    case 'card':
      return {
        msgtype: 'markdown',
        markdown: { title: message.title, text: `**${message.title}**\n\n${message.description}` },
      }
    default:
      throw new PlatformError('unsupported', `DingTalk webhooks cannot carry ${message.type}`, 'never')
  }
}

function templateOf(message: OutboundMessage): { msgKey: string; msgParam: Record<string, unknown> } {
  switch (message.type) {
    case 'text':
      return { msgKey: 'sampleText', msgParam: { content: message.text } }
    case 'markdown':
      return { msgKey: 'sampleMarkdown', msgParam: { title: titleOf(message.markdown), text: message.markdown } }
    case 'card':
      return {
        msgKey: 'sampleMarkdown',
        msgParam: { title: message.title, text: `**${message.title}**\n\n${message.description}` },
      }
    default:
      throw new PlatformError('unsupported', `DingTalk robot messages cannot carry ${message.type}`, 'never')
  }
}

/** A card instance's id for one recipient (outTrackId allows letters, digits and . _ -). */
export function cardTrackId(taskId: string, userId: string): string {
  return `${taskId}.${userId}`.replace(/[^A-Za-z0-9._-]/g, '_').slice(0, 128)
}
