import type { Clock } from '../../domain/clock'
import type { FetchedToken } from '../access-token'
import { fetchWithTimeout, PlatformError } from '../platform-error'
import { type ApiReply, WechatApi } from '../wechat-api'

/** Official Account API: customer-service messages, template notices, media. */
export const MP_OUTSIDE_WINDOW = '45015' // customer-service reply outside the 48-hour window
export const MP_NO_CUSTOMER_SERVICE = '48001' // the account lacks the API (e.g. unverified subscription accounts)

export class MpApi extends WechatApi {
  constructor(
    private readonly settings: { apiBase: string; appId: string; appSecret: string | undefined },
    clock: Clock,
  ) {
    super(
      {
        name: 'Official Account',
        apiBase: settings.apiBase,
        tokenErrors: new Set([40001, 42001, 40014]),
        transientErrors: new Set([-1, 45009]),
        allowlistHint: '公众号“IP白名单”中',
      },
      clock,
    )
  }

  /**
   * The stable access token (/cgi-bin/stable_token, never force-refreshed): every process asking gets the same
   * token until it expires. /cgi-bin/token issued a new one per call and retired the previous, so two replicas
   * kept invalidating each other's tokens.
   */
  protected async fetchToken(): Promise<FetchedToken> {
    if (!this.settings.appSecret) throw new PlatformError('no_secret', 'MP_APP_SECRET is not configured', 'never')
    const response = await fetchWithTimeout(this.url('/cgi-bin/stable_token', {}), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        grant_type: 'client_credential',
        appid: this.settings.appId,
        secret: this.settings.appSecret,
        force_refresh: false,
      }),
    })
    const reply = await this.readJson(response)
    this.check(reply)
    return { token: String(reply.access_token), expiresInSeconds: Number(reply.expires_in ?? 7200) }
  }

  sendCustomText(openId: string, content: string): Promise<ApiReply> {
    return this.post('/cgi-bin/message/custom/send', { touser: openId, msgtype: 'text', text: { content } })
  }

  sendTemplate(openId: string, templateId: string, data: Record<string, { value: string }>): Promise<ApiReply> {
    return this.post('/cgi-bin/message/template/send', { touser: openId, template_id: templateId, data })
  }

  downloadMedia(mediaId: string) {
    return this.getMedia('/cgi-bin/media/get', mediaId)
  }
}
