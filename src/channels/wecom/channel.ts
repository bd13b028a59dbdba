import { basename } from 'node:path'
import type { Clock } from '../../domain/clock'
import { readStoredFile } from '../../storage/stored-files'
import type { SharedTokenStore } from '../access-token'
import type { WecomBot } from '../bots'
import { isPlatformUrl } from '../outbound-hosts'
import { PlatformError, toSendResult } from '../platform-error'
import { postToGroupRobot } from '../robot/group-robot'
import type { Channel, OutboundMessage, Recipient, SendResult } from '../types'
import { WecomApi } from './api'

/** The WeCom self-built app: messages to users through the server API; group posts through robots. */
export class WecomChannel implements Channel {
  readonly id = 'wecom' as const
  private readonly apis = new Map<string, WecomApi>()

  constructor(
    private readonly bots: Map<string, WecomBot>,
    private readonly clock: Clock,
    private readonly platformHosts: ReadonlySet<string> = new Set(),
    private readonly tokenStore?: SharedTokenStore,
  ) {}

  api(botId: string): WecomApi {
    let api = this.apis.get(botId)
    if (!api) {
      const bot = this.bots.get(botId)
      if (!bot) throw new PlatformError('unknown_bot', `WeCom bot "${botId}" is not configured`, 'never')
      api = new WecomApi(bot, this.clock, this.tokenStore)
      this.apis.set(botId, api)
    }
    return api
  }

  async send(botId: string, to: Recipient, message: OutboundMessage): Promise<SendResult> {
    try {
      if (to.kind === 'webhook') {
        if (!isPlatformUrl(to.url, this.platformHosts))
          throw new PlatformError(
            'url_not_allowed',
            'the robot address is not on the platform hosts allowlist',
            'never',
          )
        await postToGroupRobot(to.url, robotBody(message))
        return { ok: true }
      }
      if (to.kind !== 'user') throw new PlatformError('bad_recipient', `WeCom app cannot send to ${to.kind}`, 'never')
      const api = this.api(botId)
      const reply = await this.sendToUser(api, to.externalId, message)
      return { ok: true, platformMessageId: typeof reply.msgid === 'string' ? reply.msgid : undefined }
    } catch (error) {
      return toSendResult(error)
    }
  }

  private async sendToUser(api: WecomApi, userId: string, message: OutboundMessage) {
    switch (message.type) {
      case 'text':
        return api.sendMessage({ touser: userId, msgtype: 'text', text: { content: message.text } })
      case 'markdown':
        return api.sendMessage({ touser: userId, msgtype: 'markdown', markdown: { content: message.markdown } })
      case 'image': {
        let mediaId = message.mediaId
        if (!mediaId && message.path) {
          const bytes = await readStoredFile(message.path)
          if (!bytes) throw new PlatformError('no_media', 'the image file is missing', 'never')
          mediaId = await api.upload('image', { bytes, filename: basename(message.path), mimeType: 'image/png' })
        }
        if (!mediaId) throw new PlatformError('no_media', 'image message without media', 'never')
        return api.sendMessage({ touser: userId, msgtype: 'image', image: { media_id: mediaId } })
      }
      case 'card':
        return api.sendMessage({
          touser: userId,
          msgtype: 'template_card',
          template_card: {
            card_type: 'button_interaction',
            main_title: { title: message.title, desc: message.description.slice(0, 44) },
            sub_title_text: message.description,
            task_id: message.taskId,
            button_list: message.buttons.map((b) => ({ text: b.text, style: b.style ?? 1, key: b.key })),
          },
        })
      case 'card_update':
        return api.updateTemplateCard({
          userids: message.userIds,
          response_code: message.responseCode,
          button: { replace_name: message.replaceText },
        })
    }
  }
}

/** Group robots take text and markdown; anything else is posted as its text. */
export function robotBody(message: OutboundMessage): Record<string, unknown> {
  switch (message.type) {
    case 'markdown':
      return { msgtype: 'markdown', markdown: { content: message.markdown } }
    case 'text':
      return { msgtype: 'text', text: { content: message.text } }
    case 'card':
      return { msgtype: 'markdown', markdown: { content: `**${message.title}**\n${message.description}` } }
    default:
      throw new PlatformError('unsupported', `group robots cannot post ${message.type}`, 'never')
  }
}
