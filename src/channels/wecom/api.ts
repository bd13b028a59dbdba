import type { Clock } from '../../domain/clock'
import type { FetchedToken, SharedTokenStore } from '../access-token'
import { fetchWithTimeout, PlatformError } from '../platform-error'
import { type ApiReply, WechatApi } from '../wechat-api'

/** WeCom server API for one self-built app: messages, template cards, media, group-robot webhooks. */
export class WecomApi extends WechatApi {
  constructor(
    private readonly settings: { apiBase: string; corpId: string; secret: string | undefined; agentId: string },
    clock: Clock,
    tokenStore?: SharedTokenStore,
  ) {
    super(
      {
        name: 'WeCom',
        apiBase: settings.apiBase,
        tokenErrors: new Set([40014, 42001, 40001]),
        transientErrors: new Set([-1, 45009, 45033]),
        allowlistHint: '企业微信应用的“企业可信IP”名单中',
      },
      clock,
      // A WeCom token belongs to one app of one corp: replicas share it by that pair.
      tokenStore && { store: tokenStore, key: `wecom:${settings.corpId}:${settings.agentId}` },
    )
  }

  protected async fetchToken(): Promise<FetchedToken> {
    if (!this.settings.secret) throw new PlatformError('no_secret', 'WECOM_SECRET is not configured', 'never')
    const response = await fetchWithTimeout(
      this.url('/cgi-bin/gettoken', { corpid: this.settings.corpId, corpsecret: this.settings.secret }),
      {
        method: 'GET',
      },
    )
    const reply = await this.readJson(response)
    this.check(reply)
    return { token: String(reply.access_token), expiresInSeconds: Number(reply.expires_in ?? 7200) }
  }

  private get agentid(): number | string {
    return Number(this.settings.agentId) || this.settings.agentId
  }

  sendMessage(body: Record<string, unknown>): Promise<ApiReply> {
    return this.post('/cgi-bin/message/send', { agentid: this.agentid, ...body })
  }

  updateTemplateCard(body: Record<string, unknown>): Promise<ApiReply> {
    return this.post('/cgi-bin/message/update_template_card', { agentid: this.agentid, ...body })
  }

  downloadMedia(mediaId: string) {
    return this.getMedia('/cgi-bin/media/get', mediaId)
  }

  upload(type: 'image' | 'voice' | 'file', file: { bytes: Buffer; filename: string; mimeType: string }) {
    return this.uploadMedia('/cgi-bin/media/upload', type, file)
  }
}
