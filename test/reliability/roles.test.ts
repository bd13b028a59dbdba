import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { systemClock } from '../../src/domain/clock'
import { FakeWechatApi } from '../fakes/wechat-api'
import { liveWecomText, wecomEnv } from '../helpers/wechat'
import { freePort, ServerProcess, scratchPostgres } from './server-process'

/**
 * One image, every role: two ROLE=web processes acknowledge and store, one ROLE=worker processes and replies,
 * coordinated only through Postgres. And a graceful stop: SIGTERM in the middle of a burst finishes what was
 * taken, exits 0, and the restart leaves nothing undone.
 */
const url = process.env.TEST_DATABASE_URL
let fake: FakeWechatApi

beforeAll(async () => {
  fake = await new FakeWechatApi(systemClock).start()
})
afterAll(async () => {
  await fake?.stop()
})

async function deliver(server: ServerProcess, sender: string, id: number): Promise<boolean> {
  const { path, body } = liveWecomText(sender, id)
  try {
    return (await fetch(`${server.url}${path}`, { method: 'POST', body, signal: AbortSignal.timeout(5_000) })).ok
  } catch {
    return false
  }
}

const repliesTo = (sender: string) =>
  fake.calls.filter((c) => c.path === '/cgi-bin/message/send' && (c.body as { touser?: string }).touser === sender)
    .length

const baseEnv = () => ({
  ...wecomEnv(fake.baseUrl),
  MEDIA_DIR: join(tmpdir(), `xunan-roles-media-${process.pid}`),
  DEMO: '0',
  JOBS: '0',
  LOG_LEVEL: 'error',
  SENDER_MAX_PER_MINUTE: '100000',
})

describe.skipIf(!url)('web and worker processes on one Postgres (runs with TEST_DATABASE_URL)', () => {
  let scratch: Awaited<ReturnType<typeof scratchPostgres>>
  const servers: ServerProcess[] = []

  beforeAll(async () => {
    scratch = await scratchPostgres(url as string, `xunan_roles_${process.pid}`)
    for (const role of ['web', 'web', 'worker']) {
      const server = new ServerProcess(await freePort(), { ...baseEnv(), DATABASE_URL: scratch.url, ROLE: role })
      await server.start()
      servers.push(server)
    }
  }, 180_000)
  afterAll(async () => {
    for (const server of servers) await server.stop()
    await scratch?.drop()
  })

  it('acknowledges on either web process and replies once from the worker', async () => {
    const [webA, webB, worker] = servers as [ServerProcess, ServerProcess, ServerProcess]
    const senders = Array.from({ length: 40 }, (_, i) => `split${i}`)
    const acknowledged = await Promise.all(
      senders.map((sender, i) => deliver(i % 2 ? webB : webA, sender, 5_000_000_000 + i)),
    )
    expect(acknowledged.every(Boolean)).toBe(true)
    // The worker serves its health only; the webhooks are the web processes'.
    expect((await fetch(`${worker.url}/readyz`)).status).toBe(200)
    expect((await fetch(`${worker.url}/webhooks/wecom/default`, { method: 'POST', body: '' })).status).toBe(404)
    await fake.waitFor(() => senders.every((s) => repliesTo(s) >= 1))
    for (const sender of senders) expect(repliesTo(sender), sender).toBe(1)
  }, 180_000)
})

describe('a graceful stop', () => {
  let server: ServerProcess
  let cleanup: () => Promise<void>

  beforeAll(async () => {
    const env: Record<string, string> = { ...baseEnv(), SHUTDOWN_GRACE_SECONDS: '30' }
    if (url) {
      const scratch = await scratchPostgres(url, `xunan_stop_${process.pid}`)
      env.DATABASE_URL = scratch.url
      cleanup = () => scratch.drop()
    } else {
      const dataDir = mkdtempSync(join(tmpdir(), 'xunan-stop-'))
      env.DATA_DIR = dataDir
      cleanup = async () => rmSync(dataDir, { recursive: true, force: true })
    }
    server = new ServerProcess(await freePort(), env)
    await server.start()
  }, 120_000)
  afterAll(async () => {
    await server?.stop()
    await cleanup?.()
  })

  it('finishes what it took on SIGTERM, exits cleanly, and the restart leaves nothing undone', async () => {
    const senders = Array.from({ length: 200 }, (_, i) => `stop${i}`)
    const acknowledged = new Set<string>()
    const pending = [...senders]
    let stopping: Promise<number | null> | undefined
    await Promise.all(
      Array.from({ length: 10 }, async () => {
        for (let sender = pending.shift(); sender; sender = pending.shift()) {
          const n = Number(sender.slice(4))
          if (await deliver(server, sender, 4_000_000_000 + n)) acknowledged.add(sender)
          if (acknowledged.size === 80 && !stopping) stopping = server.stop()
        }
      }),
    )
    expect(await stopping).toBe(0)
    // Everything acknowledged before the stop was processed and answered before the process exited.
    for (const sender of acknowledged) expect(repliesTo(sender), sender).toBe(1)

    await server.start()
    for (const sender of senders)
      if (!acknowledged.has(sender) && (await deliver(server, sender, 4_000_000_000 + Number(sender.slice(4)))))
        acknowledged.add(sender)
    expect(acknowledged.size).toBe(senders.length)
    await fake.waitFor(() => senders.every((s) => repliesTo(s) >= 1))
    for (const sender of senders) expect(repliesTo(sender), sender).toBe(1)
  }, 300_000)
})
