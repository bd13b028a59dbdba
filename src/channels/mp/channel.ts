import type { Clock } from '../../domain/clock'
import type { MpBot } from '../bots'
import { PlatformError, toSendResult } from '../platform-error'
import type { Channel, OutboundMessage, Recipient, SendResult } from '../types'
import { MP_OUTSIDE_WINDOW, MpApi } from './api'

/**
 * The Official Account: customer-service messages while the 48-hour window is open; outside it, a
 * template notice when a template is configured. Without either, the send fails with the platform's
 * code and the caller keeps the answer for the citizen's next message.
 */
export class MpChannel implements Channel {
  readonly id = 'mp' as const
  private readonly apis = new Map<string, MpApi>()

  constructor(
    private readonly bots: Map<string, MpBot>,
    private readonly clock: Clock,
  ) {}

  api(botId: string): MpApi {
    let api = this.apis.get(botId)
    if (!api) {
      const bot = this.bots.get(botId)
      if (!bot) throw new PlatformError('unknown_bot', `Official Account "${botId}" is not configured`, 'never')
      api = new MpApi(bot, this.clock)
      this.apis.set(botId, api)
    }
    return api
  }

  async send(botId: string, to: Recipient, message: OutboundMessage): Promise<SendResult> {
    try {
      if (to.kind !== 'user')
        throw new PlatformError('bad_recipient', `Official Account cannot send to ${to.kind}`, 'never')
      const bot = this.bots.get(botId)
      const text = plainText(message)
      if (bot && !bot.customerService) return this.sendTemplateOr(botId, bot, to.externalId, text, MP_OUTSIDE_WINDOW)
      try {
        await this.api(botId).sendCustomText(to.externalId, text)
        return { ok: true }
      } catch (error) {
        if (error instanceof PlatformError && error.code === MP_OUTSIDE_WINDOW && bot) {
          return this.sendTemplateOr(botId, bot, to.externalId, text, error.code)
        }
        throw error
      }
    } catch (error) {
      return toSendResult(error)
    }
  }

  private async sendTemplateOr(
    botId: string,
    bot: MpBot,
    openId: string,
    text: string,
    code: string,
  ): Promise<SendResult> {
    if (!bot.templateId) {
      return {
        ok: false,
        retry: 'never',
        code,
        error: '客服消息窗口已关闭且未配置模板消息：待市民下次留言或查询时告知',
      }
    }
    await this.api(botId).sendTemplate(openId, bot.templateId, {
      first: { value: '您的投诉有新进展' },
      keyword1: { value: text.slice(0, 200) },
      remark: { value: '回复“查询 编号”可查看详情' },
    })
    return { ok: true }
  }
}

function plainText(message: OutboundMessage): string {
  switch (message.type) {
    case 'text':
      return message.text
    case 'markdown':
      return message.markdown.replace(/[*#>`]/g, '')
    case 'card':
      return `${message.title}\n${message.description}`
    default:
      throw new PlatformError('unsupported', `Official Account cannot carry ${message.type}`, 'never')
  }
}
