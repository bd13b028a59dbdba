import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { type WebSocket, WebSocketServer } from 'ws'
import { dingtalkSign } from '../../src/channels/dingtalk/sign'
import type { Clock } from '../../src/domain/clock'

/**
 * A local DingTalk: the Stream gateway the real `dingtalk-stream` client connects to (connections/open +
 * a WebSocket that pushes frames in the platform's format and expects acknowledgements), the OpenAPI,
 * session webhooks and a custom group robot that checks the signature.
 */
export const FAKE_FILE = Buffer.from('ffd8ffe000104a464946', 'hex')
export const ROBOT_SECRET = 'SEC-test-robot-secret'

export interface Recorded {
  method: string
  path: string
  query: Record<string, string>
  headers: Record<string, string | string[] | undefined>
  body: unknown
  at: number
}

export class FakeDingtalk {
  readonly calls: Recorded[] = []
  readonly acks: { messageId: string; data: string }[] = []
  private server: Server | undefined
  private wss: WebSocketServer | undefined
  private sockets = new Set<WebSocket>()
  private frozen = new Set<WebSocket>()
  private keepAlive: ReturnType<typeof setInterval> | undefined
  private tokens = new Set<string>()
  private tokenCount = 0
  private frameCount = 0
  connections = 0
  /** WebSocket pings received from clients (their keepalive). */
  pings = 0
  baseUrl = ''

  constructor(private readonly clock: Clock) {}

  async start(): Promise<this> {
    this.server = createServer((req, res) => void this.handle(req, res))
    this.wss = new WebSocketServer({ server: this.server, path: '/connect' })
    this.wss.on('connection', (socket) => {
      this.connections++
      this.sockets.add(socket)
      socket.on('message', (raw) => {
        const frame = JSON.parse(String(raw)) as { headers?: { messageId?: string }; data?: string }
        if (frame.headers?.messageId) this.acks.push({ messageId: frame.headers.messageId, data: frame.data ?? '' })
      })
      socket.on('ping', () => {
        this.pings++
      })
      socket.on('close', () => this.sockets.delete(socket))
    })
    // The gateway's keep-alive frames; a frozen socket gets none (a silently dead connection).
    this.keepAlive = setInterval(() => {
      for (const socket of this.sockets)
        if (!this.frozen.has(socket)) socket.send(JSON.stringify(this.frame('SYSTEM', 'KEEPALIVE', '{}')))
    }, 50)
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve))
    this.baseUrl = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`
    return this
  }

  async stop(): Promise<void> {
    clearInterval(this.keepAlive)
    for (const socket of this.sockets) socket.terminate()
    this.wss?.close()
    this.server?.closeAllConnections()
    await new Promise<void>((resolve) => this.server?.close(() => resolve()))
  }

  get gatewayUrl(): string {
    return `${this.baseUrl}/v1.0/gateway/connections/open`
  }

  openSockets(): number {
    return [...this.sockets].filter((s) => s.readyState === s.OPEN).length
  }

  /** Pushes a robot message (or a card callback); returns the frame id. */
  push(topic: string, data: unknown, frameId?: string): string {
    const frame = this.frame('CALLBACK', topic, JSON.stringify(data), frameId)
    for (const socket of this.sockets) if (!this.frozen.has(socket)) socket.send(JSON.stringify(frame))
    return frame.headers.messageId
  }

  /** A SYSTEM frame (e.g. `disconnect`, which the gateway sends before closing a connection). */
  system(topic: string): void {
    for (const socket of this.sockets) socket.send(JSON.stringify(this.frame('SYSTEM', topic, '{}')))
  }

  dropAll(): void {
    for (const socket of this.sockets) socket.terminate()
  }

  /** A silently dead connection: no frames, and no pong to the client's pings (nothing is read any more). */
  freezeAll(): void {
    for (const socket of this.sockets) {
      this.frozen.add(socket)
      socket.pause()
    }
  }

  expireTokens(): void {
    this.tokens.clear()
  }

  callsTo(path: string): Recorded[] {
    return this.calls.filter((c) => c.path === path)
  }

  private frame(type: string, topic: string, data: string, frameId?: string) {
    return {
      specVersion: '1.0',
      type,
      headers: {
        appId: 'app',
        connectionId: 'conn',
        contentType: 'application/json',
        messageId: frameId ?? `frame-${++this.frameCount}`,
        time: String(Date.now()),
        topic,
      },
      data,
    }
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', this.baseUrl)
    const chunks: Buffer[] = []
    for await (const chunk of req) chunks.push(chunk as Buffer)
    const raw = Buffer.concat(chunks).toString('utf8')
    const body = raw ? (JSON.parse(raw) as unknown) : null
    this.calls.push({
      method: req.method ?? 'GET',
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      headers: req.headers,
      body,
      at: this.clock.now().getTime(),
    })
    const json = (status: number, value: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' })
      res.end(JSON.stringify(value))
    }
    if (url.pathname === '/v1.0/gateway/connections/open') {
      return json(200, {
        endpoint: `${this.baseUrl.replace('http://', 'ws://')}/connect`,
        ticket: `ticket-${this.connections + 1}`,
      })
    }
    if (url.pathname === '/v1.0/oauth2/accessToken') {
      const token = `dt-token-${++this.tokenCount}`
      this.tokens.add(token)
      return json(200, { accessToken: token, expireIn: 7200 })
    }
    if (url.pathname.startsWith('/session/')) return json(200, { errcode: 0, errmsg: 'ok' })
    if (url.pathname.startsWith('/files/')) {
      res.writeHead(200, { 'content-type': 'image/jpeg' })
      res.end(FAKE_FILE)
      return
    }
    if (url.pathname === '/robot/send') {
      const { timestamp = '', sign = '' } = Object.fromEntries(url.searchParams)
      if (sign !== dingtalkSign(timestamp, ROBOT_SECRET))
        return json(200, { errcode: 310000, errmsg: 'sign not match' })
      const now = this.clock.now().getTime()
      const recent = this.calls.filter((c) => c.path === '/robot/send' && now - c.at < 60_000)
      return json(200, recent.length > 20 ? { errcode: 130101, errmsg: 'send too fast' } : { errcode: 0, errmsg: 'ok' })
    }
    if (!this.tokens.has(String(req.headers['x-acs-dingtalk-access-token'] ?? ''))) {
      return json(401, { code: 'InvalidAuthentication', message: 'token expired' })
    }
    if (url.pathname === '/v1.0/robot/messageFiles/download') {
      return json(200, { downloadUrl: `${this.baseUrl}/files/${(body as { downloadCode: string }).downloadCode}` })
    }
    return json(200, { processQueryKey: `q-${this.calls.length}`, success: true })
  }
}
