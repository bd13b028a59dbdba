/**
 * Webhook throughput, side by side in one run with one load generator (autocannon): a bare Hono route, the
 * `wechat` (node-webot) middleware decrypting the same messages and storing nothing, and Xun'an on Postgres and
 * on the embedded database — which verifies, decrypts, stores every message (group commit) and answers, then
 * processes the backlog in its bounded pool and sends each reply to a local stand-in for the WeCom API.
 *
 * Reported: acknowledgements per second and their latency, the drain time of the burst (until every reply has
 * reached the platform stand-in), the server's RSS; and the Official Account complaint path (ticket in the
 * passive reply) at a fixed 50 requests/s. `BENCH_MESSAGES` sets the burst (default 3000), `BENCH_DATABASE_URL`
 * the Postgres server (default the local one; a fresh database is created).
 *
 * Xun'an runs as production runs it: the `npm run build` bundle under plain node (no TypeScript loader).
 */
import { type ChildProcess, execFileSync, fork, spawn } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import autocannon from 'autocannon'
import postgres from 'postgres'
import { systemClock } from '../src/domain/clock'
import { FakeWechatApi } from '../test/fakes/wechat-api'
import { independentCrypto, MP, WECOM, wecomEnv } from '../test/helpers/wechat'

const MESSAGES = Number(process.env.BENCH_MESSAGES ?? 3000)
const CONNECTIONS = 20
const ADMIN_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres'
const root = new URL('..', import.meta.url).pathname
/**
 * `BENCH_TARGETS=peer,web` runs only some rows (bare, peer, web, postgres, pglite, split); all by default. The
 * `wechat` peer always runs: every ratio is to it.
 */
const targets = (process.env.BENCH_TARGETS ?? 'bare,peer,web,postgres,pglite,split').split(',')
const wanted = (name: string) => targets.includes(name)
/**
 * Node options for Xun'an's processes: the memory budget production runs with (taken from `npm run start:built`,
 * which the Dockerfile matches), then `BENCH_SERVER_ARGS`, e.g. `--cpu-prof` to profile them, or another budget
 * (a later flag wins).
 */
const productionArgs = (
  JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')).scripts['start:built'] as string
)
  .split(' ')
  .filter((arg) => arg.startsWith('--max-'))
const serverArgs = [...productionArgs, ...(process.env.BENCH_SERVER_ARGS ?? '').split(' ').filter(Boolean)]

interface Prepared {
  path: string
  body: string
}

let sequence = 0
/** Signed, encrypted WeCom text messages, each from its own (unbound) account: one reply each. */
function wecomMessages(n: number): Prepared[] {
  const crypto = independentCrypto(WECOM.token, WECOM.encodingAesKey, WECOM.corpId)
  const timestamp = String(Math.floor(Date.now() / 1000))
  return Array.from({ length: n }, () => {
    const id = sequence++
    const xml = `<xml><ToUserName><![CDATA[${WECOM.corpId}]]></ToUserName><FromUserName><![CDATA[bench${id}]]></FromUserName><CreateTime>${timestamp}</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[帮助]]></Content><MsgId>${9_000_000_000 + id}</MsgId><AgentID>${WECOM.agentId}</AgentID></xml>`
    const encrypted = crypto.encrypt(xml)
    const nonce = `n${id}`
    const signature = crypto.getSignature(timestamp, nonce, encrypted)
    const query = new URLSearchParams({ msg_signature: signature, timestamp, nonce, encrypt_type: 'aes' })
    return {
      path: `/webhooks/wecom/default?${query}`,
      body: `<xml><ToUserName><![CDATA[${WECOM.corpId}]]></ToUserName><Encrypt><![CDATA[${encrypted}]]></Encrypt><AgentID>${WECOM.agentId}</AgentID></xml>`,
    }
  })
}

/** Citizens' complaints to the Official Account (safe mode): each gets its ticket in the passive reply. */
function complaintMessages(n: number): Prepared[] {
  const crypto = independentCrypto(MP.token, MP.encodingAesKey, MP.appId)
  const timestamp = String(Math.floor(Date.now() / 1000))
  return Array.from({ length: n }, () => {
    const id = sequence++
    const xml = `<xml><ToUserName><![CDATA[gh_bench]]></ToUserName><FromUserName><![CDATA[openid${id}]]></FromUserName><CreateTime>${timestamp}</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[人民路${id}号门口井盖破损，很危险]]></Content><MsgId>${8_000_000_000 + id}</MsgId></xml>`
    const encrypted = crypto.encrypt(xml)
    const nonce = `m${id}`
    const signature = crypto.getSignature(timestamp, nonce, encrypted)
    const query = new URLSearchParams({ msg_signature: signature, timestamp, nonce, encrypt_type: 'aes' })
    return {
      path: `/webhooks/mp/default?${query}`,
      body: `<xml><ToUserName><![CDATA[gh_bench]]></ToUserName><Encrypt><![CDATA[${encrypted}]]></Encrypt></xml>`,
    }
  })
}

async function waitUntil(check: () => Promise<boolean> | boolean, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    if (await check()) return true
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
  return false
}

async function answers(url: string): Promise<boolean> {
  try {
    return (await fetch(url)).status < 500
  } catch {
    return false
  }
}

/** Resident memory now, and the most it has been since the process started (the kernel's high-water mark). */
function memoryMiB(child: ChildProcess): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${child.pid}/status`, 'utf8')
  const read = (name: string) => Math.round(Number(new RegExp(`${name}:\\s+(\\d+)`).exec(status)?.[1] ?? 0) / 1024)
  return { rss: read('VmRSS'), peak: read('VmHWM') }
}

/** CPU seconds (user and system) a process has used, from /proc (clock ticks of 1/100 s on Linux). */
function cpuSeconds(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? []
    return (Number(fields[11]) + Number(fields[12])) / 100
  } catch {
    return 0 // a Postgres backend that ended between listing and reading
  }
}

/** CPU seconds used so far by every Postgres process on the machine (the bench's database shares its cores). */
function postgresCpuSeconds(): number {
  let total = 0
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue
    try {
      if (readFileSync(`/proc/${entry}/comm`, 'utf8').trim() === 'postgres') total += cpuSeconds(Number(entry))
    } catch {}
  }
  return total
}

/** Starts counting the CPU a burst costs: the server's own, and the database's. */
function cpuMeter(...children: (ChildProcess | undefined)[]): () => Pick<Row, 'serverCpuMs' | 'databaseCpuMs'> {
  const pids = children.flatMap((c) => (c?.pid ? [c.pid] : []))
  const server = () => pids.reduce((sum, pid) => sum + cpuSeconds(pid), 0)
  const [serverBefore, databaseBefore] = [server(), postgresCpuSeconds()]
  return () => ({
    serverCpuMs: (server() - serverBefore) * 1000,
    databaseCpuMs: (postgresCpuSeconds() - databaseBefore) * 1000,
  })
}

function memoryOf(...children: (ChildProcess | undefined)[]): Pick<Row, 'rssMiB' | 'peakRssMiB'> {
  const figures = children.filter((c) => c !== undefined).map(memoryMiB)
  return {
    rssMiB: figures.reduce((sum, f) => sum + f.rss, 0),
    peakRssMiB: figures.reduce((sum, f) => sum + f.peak, 0),
  }
}

async function stop(child: ChildProcess): Promise<void> {
  const exited = new Promise((resolve) => child.once('exit', resolve))
  child.kill('SIGTERM')
  await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 10_000))])
  if (child.exitCode === null) child.kill('SIGKILL')
}

/**
 * A burst, with its true duration: autocannon settles its result on a one-second tick, so for a burst of a few
 * seconds its own duration (and any rate from it) is rounded up by up to a second. The burst's duration here
 * runs from the start to the last answer.
 */
async function load(
  port: number,
  prepared: Prepared[],
  options: { rate?: number } = {},
): Promise<autocannon.Result & { seconds: number }> {
  let next = 0
  const started = performance.now()
  let lastAnswer = started
  const burst: autocannon.Options = {
    url: `http://127.0.0.1:${port}`,
    connections: options.rate ? 10 : CONNECTIONS,
    amount: prepared.length,
    overallRate: options.rate,
    timeout: 10,
    requests: [
      {
        method: 'POST',
        setupRequest: (request) => {
          const message = prepared[next++ % prepared.length] as Prepared
          return { ...request, path: message.path, body: message.body }
        },
      },
    ],
  }
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(burst, (error, done) => (error ? reject(error) : resolve(done)))
    instance.on('response', () => {
      lastAnswer = performance.now()
    })
  })
  return { ...result, seconds: (lastAnswer - started) / 1000 }
}

interface Row {
  target: string
  rps: number
  p50: number
  p99: number
  max: number
  non2xx: number
  errors: number
  drainSeconds?: number
  rssMiB?: number
  peakRssMiB?: number
  /** CPU milliseconds of the whole burst; per acknowledgement in the table. */
  serverCpuMs?: number
  databaseCpuMs?: number
  requests?: number
}
const rows: Row[] = []

function record(target: string, result: autocannon.Result & { seconds: number }, extra: Partial<Row> = {}): Row {
  const row = {
    target,
    // The whole burst over its whole duration: autocannon's per-second average means nothing for a burst of a
    // few seconds.
    rps: Math.round(result.requests.total / result.seconds),
    p50: result.latency.p50,
    p99: result.latency.p99,
    max: result.latency.max,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
    requests: result.requests.total,
    ...extra,
  }
  rows.push(row)
  console.log(JSON.stringify(row))
  return row
}

async function peer(target: string, command: () => ChildProcess, port: number): Promise<void> {
  const child = command()
  await waitUntil(() => answers(`http://127.0.0.1:${port}/`), 20_000)
  const cpu = cpuMeter(child)
  const result = await load(port, wecomMessages(MESSAGES))
  record(target, result, { ...memoryOf(child), ...cpu() })
  await stop(child)
}

async function xunan(
  target: string,
  database: Record<string, string>,
  port: number,
  options: { workerPort?: number; webOnly?: boolean } = {},
): Promise<void> {
  const fake = await new FakeWechatApi(systemClock).start()
  const sends = () => fake.calls.filter((c) => c.path === '/cgi-bin/message/send').length
  const launch = (listen: number, role: string) =>
    spawn(process.execPath, [...serverArgs, 'dist/server/node.mjs'], {
      cwd: root,
      stdio: ['ignore', 'ignore', 'inherit'],
      env: {
        ...process.env,
        ...wecomEnv(fake.baseUrl),
        ...database,
        PORT: String(listen),
        ROLE: role,
        DEMO: '0',
        JOBS: '0',
        LOG_LEVEL: 'error',
        SENDER_MAX_PER_MINUTE: '100000',
        INBOUND_QUEUE_LIMIT: String(MESSAGES * 2),
      },
    })
  // With a worker port: one ROLE=web process takes the load, one ROLE=worker processes and replies. Web only:
  // the acknowledgement path alone (what faces the platform when the processing runs on other machines).
  const child = launch(port, options.workerPort || options.webOnly ? 'web' : 'all')
  const worker = options.workerPort ? launch(options.workerPort, 'worker') : undefined
  const started = Date.now()
  await waitUntil(() => answers(`http://127.0.0.1:${port}/readyz`), 60_000)
  if (options.workerPort) await waitUntil(() => answers(`http://127.0.0.1:${options.workerPort}/readyz`), 60_000)
  const startSeconds = (Date.now() - started) / 1000
  const burstStart = Date.now()
  const cpu = cpuMeter(child, worker)
  const result = await load(port, wecomMessages(MESSAGES))
  const burstCpu = cpu()
  const drained = options.webOnly ? false : await waitUntil(() => sends() >= MESSAGES, 600_000)
  const drainSeconds = (Date.now() - burstStart) / 1000
  record(target, result, {
    drainSeconds: options.webOnly ? undefined : drained ? drainSeconds : Number.NaN,
    ...memoryOf(child, worker),
    ...burstCpu,
  })
  console.log(JSON.stringify({ target, startSeconds, replies: sends() }))

  // The Official Account complaint path at a fixed 50 requests/s (MP env is part of wecomEnv).
  if (options.webOnly) {
    await stop(child)
    await fake.stop()
    return
  }
  const complaints = await load(port, complaintMessages(Math.min(MESSAGES, 1000)), { rate: 50 })
  record(`${target}, complaint path at 50/s`, complaints)
  await stop(child)
  if (worker) await stop(worker)
  await fake.stop()
}

// BENCH_NO_BUILD=1 measures the bundle already in dist/ (one instrumented by hand, say).
if (!process.env.BENCH_NO_BUILD) execFileSync('npm', ['run', 'build'], { cwd: root, stdio: 'ignore' })
const pgAdmin = postgres(ADMIN_URL, { max: 1, onnotice: () => {} })
await pgAdmin.unsafe('drop database if exists xunan_bench')
await pgAdmin.unsafe('create database xunan_bench')
await pgAdmin.end()
/** A fresh bench database again, for the next Postgres run. */
async function freshBenchDatabase(): Promise<void> {
  const again = postgres(ADMIN_URL, { max: 1, onnotice: () => {} })
  await again.unsafe('drop database if exists xunan_bench with (force)')
  await again.unsafe('create database xunan_bench')
  await again.end()
}
const benchUrl = new URL(ADMIN_URL)
benchUrl.pathname = '/xunan_bench'
const dataDir = mkdtempSync(join(tmpdir(), 'xunan-bench-'))

const peerEnv = { TOKEN: WECOM.token, AES_KEY: WECOM.encodingAesKey, RECEIVE_ID: WECOM.corpId }
if (wanted('bare'))
  await peer(
    'bare Hono route (reads the body, stores nothing)',
    () =>
      fork(join(root, 'bench/peers/bare-hono.ts'), [], {
        execArgv: ['--import', 'tsx'],
        env: { ...process.env, PORT: '4101' },
      }),
    4101,
  )
await peer(
  '`wechat` middleware (decrypts, stores nothing)',
  () => fork(join(root, 'bench/peers/wechat-peer.cjs'), [], { env: { ...process.env, ...peerEnv, PORT: '4102' } }),
  4102,
)
if (wanted('web'))
  await xunan(
    "Xun'an on Postgres, ROLE=web alone (acknowledges and stores)",
    { DATABASE_URL: benchUrl.toString() },
    4107,
    {
      webOnly: true,
    },
  )
if (wanted('postgres')) {
  await freshBenchDatabase()
  await xunan("Xun'an on Postgres", { DATABASE_URL: benchUrl.toString() }, 4103)
}
if (wanted('pglite')) await xunan("Xun'an on PGlite", { DATA_DIR: dataDir }, 4104)
if (wanted('split')) {
  await freshBenchDatabase()
  await xunan("Xun'an on Postgres, ROLE=web + ROLE=worker", { DATABASE_URL: benchUrl.toString() }, 4105, {
    workerPort: 4106,
  })
}
rmSync(dataDir, { recursive: true, force: true })

function perAck(r: Row): string {
  const requests = r.requests ?? 0
  if (r.serverCpuMs === undefined || requests === 0) return ''
  const each = (ms: number | undefined) => ((ms ?? 0) / requests).toFixed(3)
  return `${each(r.serverCpuMs)} + ${each(r.databaseCpuMs)}`
}

const peerRate = rows.find((r) => r.target.startsWith('`wechat`'))?.rps ?? Number.NaN
console.log(
  '\n| target | acks/s | × peer | p50 ms | p99 ms | max ms | non-2xx | errors | burst drained in | RSS (peak) | CPU ms per ack: server + database |',
)
console.log('|---|---|---|---|---|---|---|---|---|---|---|')
for (const r of rows)
  console.log(
    `| ${r.target} | ${r.rps} | ${(r.rps / peerRate).toFixed(2)} | ${r.p50} | ${r.p99} | ${r.max} | ${r.non2xx} | ${r.errors} | ${r.drainSeconds === undefined ? '' : `${r.drainSeconds.toFixed(1)} s (${Math.round(MESSAGES / r.drainSeconds)} msg/s)`} | ${r.rssMiB === undefined ? '' : `${r.rssMiB} (${r.peakRssMiB}) MiB`} | ${perAck(r)} |`,
  )
