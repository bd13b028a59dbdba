import type { Clock } from '../../domain/clock'
import { AccessTokenCache, type SharedTokenStore } from '../access-token'
import { fetchWithTimeout, PlatformError } from '../platform-error'

/**
 * DingTalk OpenAPI (api.dingtalk.com): an app access token in the x-acs-dingtalk-access-token header,
 * errors as HTTP status + {code, message}. A rejected token is refreshed once; throttling and 5xx are
 * transient; everything else is recorded as permanent.
 */
export interface DingtalkApiSettings {
  apiBase: string
  clientId: string
  clientSecret: string
  robotCode: string
}

export class DingtalkApi {
  private readonly tokens: AccessTokenCache

  constructor(
    readonly settings: DingtalkApiSettings,
    clock: Clock,
    tokenStore?: SharedTokenStore,
  ) {
    this.tokens = new AccessTokenCache(
      () => this.fetchToken(),
      clock,
      tokenStore && { store: tokenStore, key: `dingtalk:${settings.clientId}` },
    )
  }

  private async fetchToken() {
    const response = await fetchWithTimeout(new URL('/v1.0/oauth2/accessToken', this.settings.apiBase).toString(), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ appKey: this.settings.clientId, appSecret: this.settings.clientSecret }),
    })
    const body = (await response.json().catch(() => ({}))) as {
      accessToken?: string
      expireIn?: number
      code?: string
      message?: string
    }
    if (!response.ok || !body.accessToken) throw classify(response.status, body)
    return { token: body.accessToken, expiresInSeconds: body.expireIn ?? 7200 }
  }

  async call(method: 'POST' | 'PUT', path: string, payload: unknown): Promise<Record<string, unknown>> {
    for (let attempt = 0; ; attempt++) {
      const token = await this.tokens.get()
      const response = await fetchWithTimeout(new URL(path, this.settings.apiBase).toString(), {
        method,
        headers: { 'content-type': 'application/json', 'x-acs-dingtalk-access-token': token },
        body: JSON.stringify(payload),
      })
      const body = (await response.json().catch(() => ({}))) as Record<string, unknown>
      if (response.ok) return body
      if (attempt === 0 && (response.status === 401 || String(body.code ?? '').includes('InvalidAuthentication'))) {
        this.tokens.invalidate(token)
        continue
      }
      throw classify(response.status, body)
    }
  }

  sendToUsers(userIds: string[], msgKey: string, msgParam: Record<string, unknown>) {
    return this.call('POST', '/v1.0/robot/oToMessages/batchSend', {
      robotCode: this.settings.robotCode,
      userIds,
      msgKey,
      msgParam: JSON.stringify(msgParam),
    })
  }

  sendToGroup(openConversationId: string, msgKey: string, msgParam: Record<string, unknown>) {
    return this.call('POST', '/v1.0/robot/groupMessages/send', {
      robotCode: this.settings.robotCode,
      openConversationId,
      msgKey,
      msgParam: JSON.stringify(msgParam),
    })
  }

  /** A message file's bytes: the API gives a short-lived download URL first. */
  async downloadFile(downloadCode: string): Promise<{ bytes: Buffer; mimeType: string }> {
    const { downloadUrl } = (await this.call('POST', '/v1.0/robot/messageFiles/download', {
      downloadCode,
      robotCode: this.settings.robotCode,
    })) as {
      downloadUrl?: string
    }
    if (!downloadUrl) throw new PlatformError('no_download_url', 'DingTalk gave no download URL', 'never')
    const file = await fetchWithTimeout(downloadUrl, { method: 'GET' }, 30_000)
    if (!file.ok)
      throw new PlatformError(
        `http_${file.status}`,
        `DingTalk file download HTTP ${file.status}`,
        file.status >= 500 ? 'transient' : 'never',
      )
    return {
      bytes: Buffer.from(await file.arrayBuffer()),
      mimeType: file.headers.get('content-type')?.split(';')[0] ?? 'application/octet-stream',
    }
  }
}

function classify(status: number, body: { code?: unknown; message?: unknown }): PlatformError {
  const code = String(body.code ?? `http_${status}`)
  const message = `DingTalk ${status} ${code}: ${String(body.message ?? '')}`.trim()
  const transient = status === 429 || status >= 500 || /Throttling|QpsLimit|ServiceUnavailable/i.test(code)
  return new PlatformError(code, message, transient ? 'transient' : 'never')
}
