import { execFileSync } from 'node:child_process'
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, describe, expect, it } from 'vitest'
import { freePort, ServerProcess } from '../reliability/server-process'

/**
 * `npm run build` makes a bundle that plain `node` runs — no TypeScript loader in production. It is installed
 * the way the Dockerfile's last stage installs it — the bundle, the migrations, and the runtime dependencies only
 * (`npm ci --omit=dev`) in a directory of their own — then starts on a fresh embedded database, becomes ready and
 * stops gracefully. A runtime import of a development-only package fails here, as it would in the image.
 */
const root = fileURLToPath(new URL('../..', import.meta.url))
const work = mkdtempSync(join(tmpdir(), 'xunan-built-'))
const app = join(work, 'app')
const dataDir = join(work, 'data')
let server: ServerProcess | undefined
const metricsToken = 'build-test-metrics-token-0123456789'

afterAll(async () => {
  await server?.stop()
  rmSync(work, { recursive: true, force: true })
})

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm'

/** The memory budget production runs with: the V8 flags of `npm run start:built`. */
const startBuilt = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).scripts['start:built'] as string
const budget = startBuilt.split(' ').filter((arg) => arg.startsWith('--max-'))

describe('the production build', () => {
  it('bundles the server, which plain node runs to readiness with runtime dependencies only', async () => {
    execFileSync(npm, ['run', 'build'], { cwd: root, stdio: 'pipe' })
    for (const entry of ['package.json', 'package-lock.json', 'dist', 'drizzle'])
      cpSync(join(root, entry), join(app, entry), { recursive: true })
    // From npm's cache where it can (CI has just installed the same lock file), as the image build would.
    execFileSync(npm, ['ci', '--omit=dev', '--prefer-offline', '--no-audit', '--no-fund', '--ignore-scripts'], {
      cwd: app,
      stdio: 'pipe',
    })

    server = new ServerProcess(
      await freePort(),
      { DATA_DIR: dataDir, DEMO: '0', JOBS: '0', LOG_LEVEL: 'error', METRICS_TOKEN: metricsToken },
      [...budget, 'dist/server/node.mjs'],
      app,
    )
    await server.start()
    const ready = (await (await fetch(`${server.url}/readyz`)).json()) as { status: string; migrations: number }
    expect(ready).toMatchObject({ status: 'ready', migrations: expect.any(Number) })
    expect(ready.migrations).toBeGreaterThan(0)
    // The Node entry adds the process's own figures to the metrics: memory, heap, event-loop delay.
    const scrape = await fetch(`${server.url}/metrics`, { headers: { authorization: `Bearer ${metricsToken}` } })
    const metrics = await scrape.text()
    expect(scrape.status).toBe(200)
    expect(metrics).toMatch(/^process_resident_memory_bytes \d+/m)
    expect(metrics).toMatch(/^nodejs_eventloop_lag_p99_seconds [\d.e-]+/m)
    // Started with production's memory budget, which the process reports as its heap limit.
    // (V8 adds the young generation to the limit: 256 MiB old, three 16 MiB semi-spaces.)
    expect(Number(/^xunan_heap_limit_bytes (\d+)/m.exec(metrics)?.[1])).toBe((256 + 3 * 16) * 2 ** 20)
    expect(await server.stop()).toBe(0)
  }, 300_000)

  it('has the image run the server with the same memory budget as npm run start:built', () => {
    expect(budget).toEqual(['--max-old-space-size=256', '--max-semi-space-size=16'])
    const dockerfile = readFileSync(join(root, 'Dockerfile'), 'utf8')
    expect(/^ENV NODE_OPTIONS="([^"]*)"/m.exec(dockerfile)?.[1]?.split(' ')).toEqual(budget)
  })
})
