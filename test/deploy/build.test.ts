import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, describe, expect, it } from 'vitest'
import { freePort, ServerProcess } from '../reliability/server-process'

/**
 * `npm run build` makes a bundle that plain `node` runs — no TypeScript loader in production: it starts on a
 * fresh embedded database (migrations found beside the bundle), becomes ready and stops gracefully.
 */
const root = fileURLToPath(new URL('../..', import.meta.url))
const dataDir = mkdtempSync(join(tmpdir(), 'xunan-built-'))
let server: ServerProcess | undefined

afterAll(async () => {
  await server?.stop()
  rmSync(dataDir, { recursive: true, force: true })
})

describe('the production build', () => {
  it('bundles the server, which plain node runs to readiness', async () => {
    execFileSync(process.platform === 'win32' ? 'npm.cmd' : 'npm', ['run', 'build'], { cwd: root, stdio: 'pipe' })
    server = new ServerProcess(await freePort(), { DATA_DIR: dataDir, DEMO: '0', JOBS: '0', LOG_LEVEL: 'error' }, [
      'dist/server/node.mjs',
    ])
    await server.start()
    const ready = (await (await fetch(`${server.url}/readyz`)).json()) as { status: string; migrations: number }
    expect(ready).toMatchObject({ status: 'ready', migrations: expect.any(Number) })
    expect(ready.migrations).toBeGreaterThan(0)
    expect(await server.stop()).toBe(0)
  }, 180_000)
})
