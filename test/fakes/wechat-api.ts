import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Clock } from '../../src/domain/clock'

/**
 * A local stand-in for the WeCom and Official Account APIs (and group-robot webhooks, response URLs).
 * It issues tokens, checks them, records every call, enforces the group-robot limit on the test's clock,
 * and can be told to fail.
 */
export interface RecordedCall {
  method: string
  path: string
  query: Record<string, string>
  headers: Record<string, string | string[] | undefined>
  body: unknown
  at: number
  /** How the stand-in answered: false for an injected failure or a refused token. */
  ok?: boolean
}

/** A canned failure: a JSON reply, or `html` for what a proxy or a wrong address answers instead. */
type Failure = { status?: number; reply?: Record<string, unknown>; html?: string }

export const FAKE_IMAGE = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489', 'hex')

export class FakeWechatApi {
  readonly calls: RecordedCall[] = []
  private server: Server | undefined
  private tokenCounter = 0
  private validTokens = new Set<string>()
  private failures = new Map<string, Failure[]>()
  /** Calls held without an answer, per path, and the answers held open (ended when the caller gives up). */
  private hangs = new Map<string, number>()
  private readonly held = new Set<ServerResponse>()
  private stableToken: string | undefined
  private plainToken: string | undefined
  baseUrl = ''

  constructor(private readonly clock: Clock) {}

  async start(): Promise<this> {
    this.server = createServer((req, res) => void this.handle(req, res))
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve))
    this.baseUrl = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`
    return this
  }

  async stop(): Promise<void> {
    for (const res of this.held) res.destroy()
    await new Promise<void>((resolve) => this.server?.close(() => resolve()))
  }

  private waiters: { check: () => boolean; resolve: () => void }[] = []

  /** Resolves once `check` holds, looking again at every call the stand-in receives: no polling. */
  waitFor(check: () => boolean): Promise<void> {
    if (check()) return Promise.resolve()
    return new Promise((resolve) => this.waiters.push({ check, resolve }))
  }

  private notify(): void {
    this.waiters = this.waiters.filter((waiter) => {
      if (!waiter.check()) return true
      waiter.resolve()
      return false
    })
  }

  /** Every token issued so far stops working (as after the 2-hour expiry). */
  expireTokens(): void {
    this.validTokens.clear()
  }

  /**
   * The next `count` calls to `path` get no answer at all, and are not acted on (a platform that is down behind
   * a load balancer that holds connections): the caller's time limit has to end them.
   */
  hangNext(path: string, count: number): void {
    this.hangs.set(path, (this.hangs.get(path) ?? 0) + count)
  }

  /** The next calls to `path` fail as given, in order. */
  failNext(path: string, ...failures: Failure[]): void {
    this.failures.set(path, [...(this.failures.get(path) ?? []), ...failures])
  }

  callsTo(path: string): RecordedCall[] {
    return this.calls.filter((c) => c.path === path)
  }

  reset(): void {
    this.calls.length = 0
    this.failures.clear()
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', this.baseUrl)
    const chunks: Buffer[] = []
    for await (const chunk of req) chunks.push(chunk as Buffer)
    const raw = Buffer.concat(chunks)
    const type = req.headers['content-type'] ?? ''
    const body =
      type.includes('json') && raw.length > 0
        ? JSON.parse(raw.toString('utf8'))
        : raw.length > 0
          ? `<${raw.length} bytes>`
          : null
    const query = Object.fromEntries(url.searchParams)
    const call: RecordedCall = {
      method: req.method ?? 'GET',
      path: url.pathname,
      query,
      headers: req.headers,
      body,
      at: this.clock.now().getTime(),
    }
    this.calls.push(call)
    // Waiters look again once the call is answered (its `ok` is set below, synchronously).
    setImmediate(() => this.notify())

    const json = (status: number, value: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' })
      res.end(JSON.stringify(value))
    }
    const hangs = this.hangs.get(url.pathname) ?? 0
    if (hangs > 0) {
      this.hangs.set(url.pathname, hangs - 1)
      call.ok = false
      this.held.add(res)
      res.once('close', () => this.held.delete(res))
      return
    }
    const failure = this.failures.get(url.pathname)?.shift()
    call.ok = !failure
    if (failure?.html !== undefined) {
      res.writeHead(failure.status ?? 200, { 'content-type': 'text/html' })
      res.end(failure.html)
      return
    }
    if (failure) return json(failure.status ?? 200, failure.reply ?? { errcode: -1, errmsg: 'system busy' })

    // The Official Account's stable token: one token for every caller until it expires (or is forced).
    if (url.pathname === '/cgi-bin/stable_token') {
      const request = (body ?? {}) as { appid?: string; secret?: string; force_refresh?: boolean }
      if (!(request.appid && request.secret)) return json(200, { errcode: 41004, errmsg: 'appsecret missing' })
      if (request.force_refresh || !this.stableToken || !this.validTokens.has(this.stableToken)) {
        this.stableToken = `stable-${++this.tokenCounter}`
        this.validTokens.add(this.stableToken)
      }
      return json(200, { access_token: this.stableToken, expires_in: 7200 })
    }
    // The Official Account's plain token: each call issues a new one and retires the caller's previous one.
    if (url.pathname === '/cgi-bin/token') {
      if (!query.secret) return json(200, { errcode: 41004, errmsg: 'secret missing' })
      if (this.plainToken) this.validTokens.delete(this.plainToken)
      this.plainToken = `token-${++this.tokenCounter}`
      this.validTokens.add(this.plainToken)
      return json(200, { access_token: this.plainToken, expires_in: 7200 })
    }
    if (url.pathname === '/cgi-bin/gettoken') {
      if (!(query.corpsecret || query.secret)) return json(200, { errcode: 41004, errmsg: 'secret missing' })
      const token = `token-${++this.tokenCounter}`
      this.validTokens.add(token)
      return json(200, { errcode: 0, access_token: token, expires_in: 7200 })
    }
    if (url.pathname.startsWith('/webhook/') || url.pathname === '/cgi-bin/webhook/send')
      return this.groupRobot(url, json)
    if (url.pathname.startsWith('/response/')) return json(200, { errcode: 0, errmsg: 'ok' })
    if (!this.validTokens.has(query.access_token ?? '')) {
      call.ok = false
      return json(200, { errcode: 42001, errmsg: 'access_token expired' })
    }
    switch (url.pathname) {
      case '/cgi-bin/media/get':
        res.writeHead(200, { 'content-type': 'image/png' })
        res.end(FAKE_IMAGE)
        return
      case '/cgi-bin/media/upload':
        return json(200, { errcode: 0, errmsg: 'ok', type: 'image', media_id: `media-${this.calls.length}` })
      default:
        return json(200, { errcode: 0, errmsg: 'ok', msgid: `msg-${this.calls.length}` })
    }
  }

  /** About 20 posts a minute per robot key, measured on the test's clock. */
  private groupRobot(url: URL, json: (status: number, value: unknown) => void): void {
    const key = url.searchParams.get('key') ?? url.pathname
    const now = this.clock.now().getTime()
    const recent = this.calls.filter(
      (c) => (c.query.key ?? c.path) === key && c.path === url.pathname && now - c.at < 60_000,
    )
    // The current call is already recorded; more than 20 in the window is refused.
    if (recent.length > 20) json(200, { errcode: 45009, errmsg: 'api freq out of limit' })
    else json(200, { errcode: 0, errmsg: 'ok' })
  }
}
