import type { Clock } from '../domain/clock'
import { AccessTokenCache, type FetchedToken, type SharedTokenStore } from './access-token'
import { fetchWithTimeout, IP_NOT_ALLOWED_CODES, outgoingIpFrom, PlatformError } from './platform-error'

/**
 * The API style WeCom and the Official Account share: an access token in the query, JSON replies with
 * errcode/errmsg, a token error answered by one refresh and retry, media as multipart upload and raw
 * download. Subclasses say how to fetch a token and which codes mean what.
 */
export interface ApiReply {
  errcode?: number
  errmsg?: string
  [key: string]: unknown
}

export interface WechatApiProfile {
  name: string
  apiBase: string
  tokenErrors: ReadonlySet<number>
  transientErrors: ReadonlySet<number>
  allowlistHint: string
}

export abstract class WechatApi {
  private readonly tokens: AccessTokenCache

  constructor(
    protected readonly profile: WechatApiProfile,
    clock: Clock,
    sharedTokens?: { store: SharedTokenStore; key: string },
  ) {
    this.tokens = new AccessTokenCache(() => this.fetchToken(), clock, sharedTokens)
  }

  protected abstract fetchToken(): Promise<FetchedToken>

  protected url(path: string, query: Record<string, string> = {}): string {
    const url = new URL(path, this.profile.apiBase)
    for (const [key, value] of Object.entries(query)) url.searchParams.set(key, value)
    return url.toString()
  }

  /** Runs one authenticated call; a token error invalidates the token and runs it once more. */
  private async withToken<T>(
    call: (token: string) => Promise<{ reply: ApiReply } | { value: T }>,
  ): Promise<T | ApiReply> {
    for (let attempt = 0; ; attempt++) {
      const token = await this.tokens.get()
      const outcome = await call(token)
      if ('value' in outcome) return outcome.value
      if (attempt === 0 && this.profile.tokenErrors.has(Number(outcome.reply.errcode))) {
        this.tokens.invalidate(token)
        continue
      }
      this.check(outcome.reply)
      return outcome.reply
    }
  }

  async post(path: string, body: unknown): Promise<ApiReply> {
    return (await this.withToken(async (token) => {
      const response = await fetchWithTimeout(this.url(path, { access_token: token }), {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      })
      return { reply: await this.readJson(response) }
    })) as ApiReply
  }

  /** Downloads media by id: bytes and MIME type. */
  async getMedia(path: string, mediaId: string): Promise<{ bytes: Buffer; mimeType: string }> {
    const result = await this.withToken<{ bytes: Buffer; mimeType: string }>(async (token) => {
      const response = await fetchWithTimeout(
        this.url(path, { access_token: token, media_id: mediaId }),
        { method: 'GET' },
        30_000,
      )
      const type = response.headers.get('content-type') ?? 'application/octet-stream'
      if (type.includes('json') || type.startsWith('text/plain')) return { reply: await this.readJson(response) }
      if (!response.ok)
        throw new PlatformError(
          `http_${response.status}`,
          `${this.profile.name} media HTTP ${response.status}`,
          'transient',
        )
      return {
        value: { bytes: Buffer.from(await response.arrayBuffer()), mimeType: type.split(';')[0]?.trim() || type },
      }
    })
    if ('bytes' in result) return result as { bytes: Buffer; mimeType: string }
    throw new PlatformError('no_media', `${this.profile.name} answered JSON without a file`, 'never')
  }

  async uploadMedia(
    path: string,
    type: string,
    file: { bytes: Buffer; filename: string; mimeType: string },
  ): Promise<string> {
    const reply = (await this.withToken(async (token) => {
      const form = new FormData()
      form.set('media', new Blob([new Uint8Array(file.bytes)], { type: file.mimeType }), file.filename)
      const response = await fetchWithTimeout(
        this.url(path, { access_token: token, type }),
        { method: 'POST', body: form },
        30_000,
      )
      return { reply: await this.readJson(response) }
    })) as ApiReply
    return String(reply.media_id)
  }

  protected async readJson(response: Response): Promise<ApiReply> {
    if (response.status >= 500)
      throw new PlatformError(`http_${response.status}`, `${this.profile.name} HTTP ${response.status}`, 'transient')
    try {
      return (await response.json()) as ApiReply
    } catch {
      throw new PlatformError(
        `http_${response.status}`,
        `${this.profile.name} answered non-JSON (HTTP ${response.status})`,
        'transient',
      )
    }
  }

  protected check(reply: ApiReply): void {
    const code = Number(reply.errcode ?? 0)
    if (code === 0) return
    const message = `${this.profile.name} ${code}: ${reply.errmsg ?? ''}`.trim()
    if (IP_NOT_ALLOWED_CODES.has(String(code))) {
      const ip = outgoingIpFrom(String(reply.errmsg ?? ''))
      throw new PlatformError(
        String(code),
        `服务器出口IP${ip ? ` ${ip} ` : ''}不在${this.profile.allowlistHint}，请管理员添加。(${message})`,
        'never',
      )
    }
    throw new PlatformError(String(code), message, this.profile.transientErrors.has(code) ? 'transient' : 'never')
  }
}
