import { execFileSync, spawn, spawnSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { afterAll, describe, expect, it } from 'vitest'
import { freePort } from '../reliability/server-process'

/**
 * The image builds and answers /readyz — where a Docker daemon is available. Elsewhere (this project's CI
 * machines have the client but no daemon) the test is skipped, and says so.
 */
const root = fileURLToPath(new URL('../..', import.meta.url))
const daemon = spawnSync('docker', ['info'], { stdio: 'ignore' }).status === 0
if (!daemon) console.log('container test skipped: no Docker daemon on this machine')

describe.skipIf(!daemon)('the container image', () => {
  const name = `xunan-test-${process.pid}`
  afterAll(() => {
    spawnSync('docker', ['rm', '-f', name], { stdio: 'ignore' })
  })

  it('builds, runs as a non-root user and becomes ready', async () => {
    execFileSync('docker', ['build', '-t', 'xunan:test', root], { stdio: 'inherit' })
    const port = await freePort()
    // Attached, so its log is the event: the server says it listens once the database is open and migrated.
    const run = spawn('docker', ['run', '--name', name, '-p', `127.0.0.1:${port}:3000`, 'xunan:test'])
    await new Promise<void>((resolve, reject) => {
      for (const stream of [run.stdout, run.stderr])
        stream.on('data', (chunk) => String(chunk).includes("Xun'an listening") && resolve())
      run.once('exit', (code) => reject(new Error(`the container exited (${code})`)))
    })
    expect((await fetch(`http://127.0.0.1:${port}/readyz`)).status).toBe(200)
    const user = execFileSync('docker', ['exec', name, 'id', '-u']).toString().trim()
    expect(user).not.toBe('0')
  }, 900_000)
})
