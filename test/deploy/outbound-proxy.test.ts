import { mkdtempSync, rmSync } from 'node:fs'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createProxy } from 'proxy'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadConfig } from '../../src/config'
import { systemClock } from '../../src/domain/clock'
import { FakeWechatApi } from '../fakes/wechat-api'
import { liveWecomText, wecomEnv } from '../helpers/wechat'
import { freePort, ServerProcess } from '../reliability/server-process'

/**
 * A 政务云 network reaches the platforms only through a forward proxy. The server started as `npm start` starts
 * it, with HTTPS_PROXY/HTTP_PROXY set, sends its platform calls through that proxy (a real one: the `proxy`
 * package) — and straight to the hosts NO_PROXY names.
 */
let platform: FakeWechatApi
let proxyServer: ReturnType<typeof createProxy>
const proxied: string[] = []
const servers: ServerProcess[] = []
const dataDirs: string[] = []

beforeAll(async () => {
  platform = await new FakeWechatApi(systemClock).start()
  proxyServer = createProxy(createServer())
  // undici reaches every target through a CONNECT tunnel: the proxy sees host and port, never the path or body.
  proxyServer.on('connect', (request) => proxied.push(String(request.url)))
  await new Promise<void>((resolve) => proxyServer.listen(0, '127.0.0.1', resolve))
})
afterAll(async () => {
  for (const server of servers) await server.stop()
  await platform?.stop()
  await new Promise((resolve) => proxyServer?.close(resolve))
  for (const dir of dataDirs) rmSync(dir, { recursive: true, force: true })
})

async function serverWith(env: Record<string, string>): Promise<ServerProcess> {
  const dataDir = mkdtempSync(join(tmpdir(), 'xunan-proxy-'))
  dataDirs.push(dataDir)
  const server = new ServerProcess(await freePort(), {
    ...wecomEnv(platform.baseUrl),
    DATA_DIR: dataDir,
    DEMO: '0',
    SENDER_MAX_PER_MINUTE: '100000',
    ...env,
  })
  await server.start()
  servers.push(server)
  return server
}

async function messageAndReply(server: ServerProcess, sender: string, id: number): Promise<void> {
  const { path, body } = liveWecomText(sender, id)
  const response = await fetch(`${server.url}${path}`, { method: 'POST', body })
  expect(response.status).toBe(200)
  await platform.waitFor(() =>
    platform.callsTo('/cgi-bin/message/send').some((c) => (c.body as { touser?: string }).touser === sender),
  )
}

describe('outbound calls through a forward proxy', () => {
  it('sends the token request and the reply through the proxy, as a tunnel', async () => {
    const proxyUrl = `http://127.0.0.1:${(proxyServer.address() as AddressInfo).port}`
    // NO_PROXY names another host only: the platform (on loopback here) is reached through the proxy.
    const server = await serverWith({ HTTPS_PROXY: proxyUrl, HTTP_PROXY: proxyUrl, NO_PROXY: 'direct.invalid' })
    expect(server.log.join('')).toContain('outbound calls go through the proxy')

    await messageAndReply(server, 'proxied-user', 8_100_000_001)
    // The token request and the send went through the proxy, to the platform's address.
    expect(proxied.length).toBeGreaterThan(0)
    expect(new Set(proxied)).toEqual(new Set([new URL(platform.baseUrl).host]))
    expect(platform.callsTo('/cgi-bin/gettoken')).toHaveLength(1)
  }, 60_000)

  it('goes straight to a host NO_PROXY names', async () => {
    const proxyUrl = `http://127.0.0.1:${(proxyServer.address() as AddressInfo).port}`
    proxied.length = 0
    const server = await serverWith({ HTTPS_PROXY: proxyUrl, NO_PROXY: '127.0.0.1' })
    await messageAndReply(server, 'direct-user', 8_100_000_002)
    expect(proxied).toEqual([])
  }, 60_000)

  it('refuses a proxy setting that is not a URL, naming the variable', () => {
    expect(() => loadConfig({ HTTPS_PROXY: 'proxy.gov.cn:3128' })).toThrow(/HTTPS_PROXY: expected a proxy URL/)
    expect(loadConfig({ https_proxy: 'http://10.0.0.8:3128' }).outboundProxy).toEqual({
      https: 'http://10.0.0.8:3128',
      http: 'http://10.0.0.8:3128',
      noProxy: undefined,
    })
  })
})
