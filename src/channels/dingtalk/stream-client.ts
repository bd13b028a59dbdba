import { DWClient, type DWClientDownStream } from 'dingtalk-stream'

/**
 * The real `dingtalk-stream` client with two changes: the gateway URL is configurable (the package
 * hard-codes it; tests and proxies point elsewhere), and a watchdog that ends a connection when no frame
 * at all — message, keep-alive or pong — arrived within the heartbeat window, so a silently dead socket
 * is replaced by the client's own reconnect.
 */
export const OFFICIAL_GATEWAY_URL = 'https://api.dingtalk.com/v1.0/gateway/connections/open'

interface Internals {
  dw_url?: string
  socket?: { terminate(): void; on(event: string, listener: (...args: unknown[]) => void): void }
  reconnectInterval: number
}

export interface StreamClientOptions {
  clientId: string
  clientSecret: string
  gatewayUrl?: string
  /** No frame for this long ends the connection (default 60 s; the gateway sends keep-alives more often). */
  heartbeatWindowMs?: number
  reconnectIntervalMs?: number
}

export class XunanStreamClient extends DWClient {
  private readonly gatewayUrl: string
  private readonly heartbeatWindowMs: number
  private lastFrameAt = Date.now()
  private watchdog: ReturnType<typeof setInterval> | undefined

  constructor(options: StreamClientOptions) {
    super({ clientId: options.clientId, clientSecret: options.clientSecret, keepAlive: false })
    this.gatewayUrl = options.gatewayUrl ?? OFFICIAL_GATEWAY_URL
    this.heartbeatWindowMs = options.heartbeatWindowMs ?? 60_000
    ;(this as unknown as Internals).reconnectInterval = options.reconnectIntervalMs ?? 1_000
  }

  override async getEndpoint(): Promise<this> {
    const config = this.getConfig()
    const response = await fetch(this.gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({
        clientId: config.clientId,
        clientSecret: config.clientSecret,
        ua: 'xunan',
        subscriptions: config.subscriptions,
      }),
      signal: AbortSignal.timeout(10_000),
    })
    if (!response.ok) throw new Error(`DingTalk gateway answered HTTP ${response.status}`)
    const { endpoint, ticket } = (await response.json()) as { endpoint?: string; ticket?: string }
    if (!endpoint || !ticket) throw new Error('DingTalk gateway gave no endpoint or ticket')
    ;(this as unknown as Internals).dw_url = `${endpoint}?ticket=${encodeURIComponent(ticket)}`
    return this
  }

  override async _connect(): Promise<void> {
    await super._connect()
    this.lastFrameAt = Date.now()
    ;(this as unknown as Internals).socket?.on('pong', () => {
      this.lastFrameAt = Date.now()
    })
    clearInterval(this.watchdog)
    this.watchdog = setInterval(
      () => {
        if (Date.now() - this.lastFrameAt > this.heartbeatWindowMs) {
          this.lastFrameAt = Date.now()
          // The close handler of the package reconnects.
          ;(this as unknown as Internals).socket?.terminate()
        }
      },
      Math.max(50, Math.floor(this.heartbeatWindowMs / 4)),
    )
  }

  override onDownStream(data: string): void {
    this.lastFrameAt = Date.now()
    super.onDownStream(data)
  }

  override disconnect(): void {
    clearInterval(this.watchdog)
    super.disconnect()
  }

  /** Acknowledges a pushed frame at once, before any slow work, so the gateway does not re-push it. */
  acknowledge(frame: DWClientDownStream): void {
    this.socketCallBackResponse(frame.headers.messageId, { status: 'SUCCESS' })
  }
}
