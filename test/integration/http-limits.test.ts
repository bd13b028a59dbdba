import type { Server } from 'node:http'
import { connect, type Socket } from 'node:net'
import { Hono } from 'hono'
import { afterEach, describe, expect, it } from 'vitest'
import { loadConfig } from '../../src/config'
import { listen } from '../../src/server/http-server'

/** Resolves with everything the server sent once it closes the connection, or with what came before `until`. */
function readUntil(socket: Socket, until?: RegExp): Promise<string> {
  return new Promise((resolve) => {
    let text = ''
    socket.on('data', (chunk) => {
      text += chunk.toString('latin1')
      if (until?.test(text)) resolve(text)
    })
    socket.on('close', () => resolve(text))
  })
}

function started(server: Server): Promise<number> {
  return new Promise((resolve) => {
    if (server.listening) resolve((server.address() as { port: number }).port)
    else server.once('listening', () => resolve((server.address() as { port: number }).port))
  })
}

describe('HTTP server limits', () => {
  const sockets: Socket[] = []
  let server: Server | undefined
  afterEach(async () => {
    for (const socket of sockets) socket.destroy()
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()))
  })

  it('defaults to bounds tighter than Node’s, and refuses nonsense at start-up', () => {
    expect(loadConfig({}).http).toEqual({ headersTimeoutMs: 10_000, requestTimeoutMs: 60_000, maxConnections: 4096 })
    expect(
      loadConfig({
        HTTP_HEADERS_TIMEOUT_SECONDS: '5',
        HTTP_REQUEST_TIMEOUT_SECONDS: '120',
        HTTP_MAX_CONNECTIONS: '500',
      }).http,
    ).toEqual({ headersTimeoutMs: 5_000, requestTimeoutMs: 120_000, maxConnections: 500 })
    expect(() => loadConfig({ HTTP_MAX_CONNECTIONS: 'many' })).toThrow(/HTTP_MAX_CONNECTIONS: expected a whole number/)
    expect(() => loadConfig({ HTTP_HEADERS_TIMEOUT_SECONDS: '0' })).toThrow(/HTTP_HEADERS_TIMEOUT_SECONDS/)
  })

  it('gives the Node server the configured timeouts, never a headers timeout past the request’s', async () => {
    const app = new Hono().get('/', (c) => c.text('ok'))
    server = listen(app.fetch, 0, { headersTimeoutMs: 30_000, requestTimeoutMs: 20_000, maxConnections: 100 })
    await started(server)
    expect(server.requestTimeout).toBe(20_000)
    expect(server.headersTimeout).toBe(20_000)
    expect(server.maxConnections).toBe(100)
  })

  it('closes connections past the bound at once and keeps serving the ones it holds', async () => {
    const app = new Hono().get('/', (c) => c.text('ok'))
    server = listen(app.fetch, 0, { headersTimeoutMs: 10_000, requestTimeoutMs: 60_000, maxConnections: 2 })
    const port = await started(server)
    let accepted = 0
    const bothAccepted = new Promise<void>((resolve) =>
      server?.on('connection', () => {
        if (++accepted === 2) resolve()
      }),
    )
    // Two idle connections that never send a byte (a slow client's opening move) fill the bound.
    const idle = [connect(port, '127.0.0.1'), connect(port, '127.0.0.1')]
    sockets.push(...idle)
    await bothAccepted

    const third = connect(port, '127.0.0.1')
    sockets.push(third)
    expect(await readUntil(third)).toBe('')
    expect(third.destroyed).toBe(true)

    // A held connection still gets its answer.
    const answered = readUntil(idle[0] as Socket, /\r\n\r\nok$/)
    idle[0]?.write('GET / HTTP/1.1\r\nHost: x\r\n\r\n')
    expect(await answered).toMatch(/^HTTP\/1\.1 200/)
  })
})
