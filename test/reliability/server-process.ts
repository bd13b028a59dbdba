import { type ChildProcess, spawn } from 'node:child_process'
import { createServer } from 'node:net'
import { fileURLToPath } from 'node:url'
import postgres from 'postgres'

/**
 * The real server as a separate process, for the fault suites: started exactly as `npm start` starts it, killed
 * with SIGKILL or stopped with SIGTERM, restarted on the same database.
 */
const root = fileURLToPath(new URL('../..', import.meta.url))

export async function freePort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const address = server.address()
  await new Promise<void>((resolve) => server.close(() => resolve()))
  if (!address || typeof address === 'string') throw new Error('no port')
  return address.port
}

/** Polls until `check` holds; the suites wait on real processes, so only the overall deadline is wall time. */
export async function eventually(check: () => Promise<boolean> | boolean, what: string, timeoutMs = 90_000) {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    if (await check()) return
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  throw new Error(`timed out waiting for ${what}`)
}

export class ServerProcess {
  private child: ChildProcess | undefined
  readonly log: string[] = []

  constructor(
    readonly port: number,
    private readonly env: Record<string, string>,
    /** Node's arguments: the TypeScript entry through tsx (as `npm start`), or the built bundle. */
    private readonly nodeArgs: string[] = ['--import', 'tsx', 'src/server/node.ts'],
  ) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}`
  }

  async start(): Promise<void> {
    const child = spawn(process.execPath, this.nodeArgs, {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { PATH: process.env.PATH ?? '', ...this.env, PORT: String(this.port) },
    })
    this.child = child
    for (const stream of [child.stdout, child.stderr]) stream?.on('data', (chunk) => this.log.push(String(chunk)))
    await eventually(async () => {
      if (child.exitCode !== null) throw new Error(`server exited: ${this.log.join('')}`)
      try {
        return (await fetch(`${this.url}/readyz`)).status === 200
      } catch {
        return false
      }
    }, 'the server to be ready')
  }

  /** kill -9: no shutdown handler runs. */
  async kill(): Promise<void> {
    const child = this.child
    if (!child || child.exitCode !== null) return
    const exited = new Promise((resolve) => child.once('exit', resolve))
    child.kill('SIGKILL')
    await exited
  }

  /** SIGTERM: the graceful stop; resolves with the exit code. */
  async stop(): Promise<number | null> {
    const child = this.child
    if (!child || child.exitCode !== null) return child?.exitCode ?? null
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)))
    child.kill('SIGTERM')
    return exited
  }
}

/** A new, empty Postgres database beside the one `adminUrl` names, for a suite's processes; dropped by `drop`. */
export async function scratchPostgres(adminUrl: string, name: string): Promise<{ url: string; drop(): Promise<void> }> {
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} })
  await admin.unsafe(`drop database if exists "${name}" with (force)`)
  await admin.unsafe(`create database "${name}"`)
  const target = new URL(adminUrl)
  target.pathname = `/${name}`
  return {
    url: target.toString(),
    async drop() {
      await admin.unsafe(`drop database if exists "${name}" with (force)`)
      await admin.end({ timeout: 5 })
    },
  }
}
