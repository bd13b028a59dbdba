import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

/**
 * A local OpenAI-compatible endpoint: answers /v1/chat/completions with whatever the test decides —
 * canned JSON, malformed text, an error status, or no answer in time.
 */
export type Behaviour =
  | { kind: 'json'; content: unknown }
  | { kind: 'text'; content: string }
  | { kind: 'status'; status: number }
  | { kind: 'hang'; ms: number }
  /** Answers `content` only once `until` settles: the model is thinking for as long as the test wants. */
  | { kind: 'held'; until: Promise<void>; content: unknown }

export class FakeOpenAi {
  readonly requests: { model: string; messages: { role: string; content: string }[] }[] = []
  behaviour: Behaviour = { kind: 'json', content: {} }
  /** Called as each request arrives (before it is answered). */
  onRequest: (() => void) | undefined
  private server: Server | undefined
  baseUrl = ''

  async start(): Promise<this> {
    this.server = createServer((req, res) => void this.handle(req, res))
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve))
    this.baseUrl = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/v1`
    return this
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections()
    await new Promise<void>((resolve) => this.server?.close(() => resolve()))
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = []
    for await (const chunk of req) chunks.push(chunk as Buffer)
    this.requests.push(JSON.parse(Buffer.concat(chunks).toString('utf8')))
    this.onRequest?.()
    const b = this.behaviour
    if (b.kind === 'held') await b.until
    if (b.kind === 'hang') {
      await new Promise((resolve) => setTimeout(resolve, b.ms))
      if (res.destroyed) return
    }
    if (b.kind === 'status') {
      res.writeHead(b.status, { 'content-type': 'application/json' })
      res.end(JSON.stringify({ error: { message: 'boom', type: 'server_error' } }))
      return
    }
    const content =
      b.kind === 'json' || b.kind === 'held' ? JSON.stringify(b.content) : b.kind === 'text' ? b.content : '{}'
    res.writeHead(200, { 'content-type': 'application/json' })
    res.end(
      JSON.stringify({
        id: 'chatcmpl-test',
        object: 'chat.completion',
        created: 0,
        model: 'fake',
        choices: [{ index: 0, finish_reason: 'stop', message: { role: 'assistant', content } }],
      }),
    )
  }
}
