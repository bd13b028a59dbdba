import type { DWClientDownStream } from 'dingtalk-stream'

/**
 * The real `dingtalk-stream` client with these changes: the gateway URL is configurable (the package
 * hard-codes it; tests and proxies point elsewhere); the client pings the gateway a few times per heartbeat
 * window (keepalive) and a watchdog ends a connection when no frame at all — message, keep-alive or pong —
 * arrived within the window, so a silently dead socket is replaced by the client's own reconnect; and the
 * gateway's SYSTEM `disconnect` frame closes the socket at once so the client reconnects (the package only
 * notes it).
 */
export const OFFICIAL_GATEWAY_URL = 'https://api.dingtalk.com/v1.0/gateway/connections/open'

interface Internals {
  dw_url?: string
  socket?: {
    terminate(): void
    ping(data?: unknown, mask?: boolean): void
    readyState: number
    on(event: string, listener: (...args: unknown[]) => void): void
  }
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

/**
 * The client class, built on the library loaded at first use: the library and its dependencies are about a
 * tenth of a server's memory, and most installations configure no Stream bot (webhooks, or no DingTalk).
 */
export async function streamClientClass() {
  const { DWClient } = await import('dingtalk-stream')
  return class XunanStreamClient extends DWClient {
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
      let ticks = 0
      this.watchdog = setInterval(
        () => {
          const socket = (this as unknown as Internals).socket
          if (Date.now() - this.lastFrameAt > this.heartbeatWindowMs) {
            this.lastFrameAt = Date.now()
            // The close handler of the package reconnects.
            socket?.terminate()
            return
          }
          // Keepalive: a ping every other tick; the pong counts as a frame.
          if (++ticks % 2 === 0 && socket?.readyState === 1) socket.ping('', true)
        },
        Math.max(50, Math.floor(this.heartbeatWindowMs / 4)),
      )
    }

    override onSystem(downstream: DWClientDownStream): void {
      super.onSystem(downstream)
      // The gateway is about to close this connection (a deploy on its side): reconnect now, not after it.
      if (downstream.headers.topic === 'disconnect') (this as unknown as Internals).socket?.terminate()
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
}

export type XunanStreamClient = InstanceType<Awaited<ReturnType<typeof streamClientClass>>>
