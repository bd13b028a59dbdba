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

export class ServerProcess {
  private child: ChildProcess | undefined
  readonly log: string[] = []

  constructor(
    readonly port: number,
    private readonly env: Record<string, string>,
    /** Node's arguments: the TypeScript entry through tsx (as `npm start`), or the built bundle. */
    private readonly nodeArgs: string[] = ['--import', 'tsx', 'src/server/node.ts'],
    /** Where it runs: the repository, or an installed copy such as the container's /app. */
    private readonly cwd: string = root,
  ) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}`
  }

  /**
   * Starts the process and resolves when it says it listens — which it does only after the database is open
   * and migrated — or rejects with its output if it exits first. No polling: the process's own line is the event.
   */
  async start(): Promise<void> {
    const child = spawn(process.execPath, this.nodeArgs, {
      cwd: this.cwd,
      stdio: ['ignore', 'pipe', 'pipe'],
      // The start-up line is logged at info.
      env: { PATH: process.env.PATH ?? '', ...this.env, LOG_LEVEL: 'info', PORT: String(this.port) },
    })
    this.child = child
    await new Promise<void>((resolve, reject) => {
      const onOutput = (chunk: unknown) => {
        this.log.push(String(chunk))
        if (String(chunk).includes("Xun'an listening")) resolve()
      }
      // The log goes to one stream or the other by level: listen on both.
      child.stdout?.on('data', onOutput)
      child.stderr?.on('data', onOutput)
      child.once('exit', () => reject(new Error(`server exited: ${this.log.join('')}`)))
    })
  }

  /** kill -9: no shutdown handler runs. */
  async kill(): Promise<void> {
    const child = this.child
    if (!child || hasExited(child)) return
    const exited = new Promise((resolve) => child.once('exit', resolve))
    child.kill('SIGKILL')
    await exited
  }

  /** SIGTERM: the graceful stop; resolves with the exit code. */
  async stop(): Promise<number | null> {
    const child = this.child
    // (A process killed by a signal has no exit code: waiting for its exit again would never end.)
    if (!child || hasExited(child)) return child?.exitCode ?? null
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

/** Whether the process has ended, by its own exit or by a signal. */
function hasExited(child: { exitCode: number | null; signalCode: NodeJS.Signals | null }): boolean {
  return child.exitCode !== null || child.signalCode !== null
}
