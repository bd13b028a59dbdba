import { z } from 'zod'

/**
 * Configuration, parsed once from the environment. Nothing is required: with no variables at all the
 * server runs in demo mode on an embedded PGlite database under ./data.
 */
const optionalText = z
  .string()
  .trim()
  .transform((v) => (v === '' ? undefined : v))
  .optional()

const flag = z
  .enum(['0', '1', 'true', 'false'], { message: 'expected 1/0 or true/false' })
  .transform((v) => v === '1' || v === 'true')
  .optional()

/** Secrets people or systems present: short ones fall to guessing, so they are refused at start-up. */
export const MIN_SECRET_LENGTH = 16
const secret = z
  .string()
  .trim()
  .transform((v) => (v === '' ? undefined : v))
  .optional()
  .refine((v) => v === undefined || v.length >= MIN_SECRET_LENGTH, `expected at least ${MIN_SECRET_LENGTH} characters`)

const proxyUrl = z
  .string()
  .trim()
  .regex(/^https?:\/\/[^\s/]+/i, 'expected a proxy URL such as http://10.0.0.8:3128')
  .optional()
  .or(z.literal('').transform(() => undefined))

const tileUrl = z
  .string()
  .trim()
  .regex(/^https?:\/\/[^\s]+$/i, 'expected an http(s) URL')
  .refine((v) => v.includes('{z}') && v.includes('{x}') && v.includes('{y}'), 'expected {z}, {x} and {y} in the URL')
  .optional()
  .or(z.literal('').transform(() => undefined))

const positiveNumber = (fallback: number) =>
  z.coerce.number({ message: 'expected a number' }).positive('expected a positive number').default(fallback)

const timeOfDay = (fallback: string) =>
  z
    .string()
    .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'expected HH:MM (24-hour)')
    .default(fallback)

/**
 * What one client may hold of the HTTP server. Node's own defaults let a connection take 60 s to send its headers
 * and 300 s to send its body, with no bound on connections: a few hundred sockets trickling a byte every few
 * seconds (slowloris) would keep the server's file descriptors and memory for minutes while sending nothing
 * worth reading. The platforms send a whole webhook at once and give up after five seconds, so tighter bounds
 * cost them nothing; the longest honest request is a photo upload from a phone on a slow network.
 */
export interface HttpLimits {
  /** Time to receive the request line and headers; then 408 and the connection is closed. */
  headersTimeoutMs: number
  /** Time to receive the whole request, body included; then 408. */
  requestTimeoutMs: number
  /** Open connections at once; beyond it new connections are closed as they arrive. */
  maxConnections: number
}

const EnvSchema = z.object({
  PORT: z.coerce
    .number({ message: 'expected a port number' })
    .int('expected a whole number')
    .min(1, 'expected 1-65535')
    .max(65535, 'expected 1-65535')
    .default(8787),
  DATABASE_URL: z
    .string()
    .trim()
    .regex(/^postgres(ql)?:\/\//, 'expected a postgres:// or postgresql:// URL')
    .optional()
    .or(z.literal('').transform(() => undefined)),
  /** 0 behind a pooler in transaction mode (PgBouncer), which does not keep prepared statements. */
  DATABASE_PREPARE: flag,
  DATA_DIR: z.string().trim().min(1).default('./data'),
  /** 0 keeps the embedded database on the main thread (its statements then stop the event loop while they run). */
  PGLITE_THREAD: flag,
  MEDIA_DIR: optionalText,
  REPORTS_DIR: optionalText,
  TIME_ZONE: z.string().default('Asia/Shanghai').refine(isTimeZone, 'expected an IANA time zone such as Asia/Shanghai'),
  DEMO: flag,
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error']).default('info'),
  PUBLIC_BASE_URL: z
    .string()
    .trim()
    .url('expected a URL such as https://xunan.example.gov.cn')
    .optional()
    .or(z.literal('').transform(() => undefined)),
  // Map tiles for 隐患地图 (天地图, the city's own server, 高德…): an https URL template with {z}, {x}, {y}.
  MAP_TILE_URL: tileUrl,
  MAP_LABEL_URL: tileUrl,
  MAP_TILE_SUBDOMAINS: optionalText,
  MAP_TILE_DATUM: z
    .enum(['wgs84', 'gcj02'], { message: 'expected wgs84 (天地图, most servers) or gcj02 (高德, 腾讯)' })
    .default('wgs84'),
  MAP_TILE_ATTRIBUTION: optionalText,
  // The standard proxy variables (also lower case): outbound calls go through them, except to NO_PROXY hosts.
  HTTPS_PROXY: proxyUrl,
  HTTP_PROXY: proxyUrl,
  NO_PROXY: optionalText,
  TRUSTED_PROXY: flag,
  API_TOKEN: secret,
  API_TOKENS: optionalText,
  OPEN311_API_KEY: secret,
  CONSOLE_PASSWORD: secret,
  AUTH_MAX_FAILURES: z.coerce
    .number({ message: 'expected a whole number' })
    .int('expected a whole number')
    .min(1, 'expected at least 1')
    .default(10),
  SENDER_MAX_PER_MINUTE: z.coerce
    .number({ message: 'expected a whole number' })
    .int('expected a whole number')
    .min(1, 'expected at least 1')
    .default(120),
  INBOUND_CONCURRENCY: z.coerce
    .number({ message: 'expected a whole number' })
    .int('expected a whole number')
    .min(1, 'expected at least 1')
    .max(64, 'expected at most 64')
    .optional(),
  DATABASE_STARTUP_WAIT_SECONDS: z.coerce
    .number({ message: 'expected a whole number' })
    .int('expected a whole number')
    .min(0, 'expected 0 or more')
    .default(60),
  METRICS_TOKEN: secret,
  ROLE: z.enum(['all', 'web', 'worker'], { message: 'expected all, web or worker' }).default('all'),
  SHUTDOWN_GRACE_SECONDS: z.coerce
    .number({ message: 'expected a whole number' })
    .int('expected a whole number')
    .min(1, 'expected at least 1')
    .max(300, 'expected at most 300')
    .default(20),
  HTTP_HEADERS_TIMEOUT_SECONDS: z.coerce
    .number({ message: 'expected a whole number' })
    .int('expected a whole number')
    .min(1, 'expected at least 1')
    .max(300, 'expected at most 300')
    .default(10),
  HTTP_REQUEST_TIMEOUT_SECONDS: z.coerce
    .number({ message: 'expected a whole number' })
    .int('expected a whole number')
    .min(5, 'expected at least 5')
    .max(3_600, 'expected at most 3600')
    .default(60),
  HTTP_MAX_CONNECTIONS: z.coerce
    .number({ message: 'expected a whole number' })
    .int('expected a whole number')
    .min(16, 'expected at least 16')
    .max(1_000_000, 'expected at most 1000000')
    .default(4_096),
  WEBHOOK_DEADLINE_MS: z.coerce
    .number({ message: 'expected a whole number' })
    .int('expected a whole number')
    .min(100, 'expected at least 100')
    .max(4_500, 'expected at most 4500 (the platforms wait 5 seconds)')
    .default(4_000),
  OUTBOX_PARALLEL_RECIPIENTS: z.coerce
    .number({ message: 'expected a whole number' })
    .int('expected a whole number')
    .min(1, 'expected at least 1')
    .max(64, 'expected at most 64')
    .default(8),
  OUTBOX_LEASE_SECONDS: z.coerce
    .number({ message: 'expected a whole number' })
    .int('expected a whole number')
    .min(1, 'expected at least 1')
    .max(3600, 'expected at most 3600')
    .default(60),
  INBOUND_QUEUE_LIMIT: z.coerce
    .number({ message: 'expected a whole number' })
    .int('expected a whole number')
    .min(1, 'expected at least 1')
    .default(1000),
  SESSION_SECRET: z
    .string()
    .trim()
    .min(32, 'expected at least 32 random characters')
    .optional()
    .or(z.literal('').transform(() => undefined)),
  COMPLAINT_SIGN_HOURS: positiveNumber(2),
  COMPLAINT_LIMIT_HOURS: positiveNumber(24),
  CONVERSATION_IDLE_MINUTES: positiveNumber(30),
  COMPLAINT_REMIND_AFTER_MINUTES: positiveNumber(120),
  ESCALATION_ACK_MINUTES: positiveNumber(30),
  DIGEST_TIME: timeOfDay('08:30'),
  JOBS: flag,
  QUIET_HOURS_START: timeOfDay('22:00'),
  QUIET_HOURS_END: timeOfDay('07:00'),
  GAS_EMERGENCY_PHONE: optionalText,
  COMPLAINT_PHONE: optionalText,
  OPENAI_API_KEY: optionalText,
  OPENAI_BASE_URL: z
    .string()
    .url('expected a URL')
    .optional()
    .or(z.literal('').transform(() => undefined)),
  OPENAI_MODEL: z.string().default('gpt-4o-mini'),
  OPENAI_TIMEOUT_MS: positiveNumber(8000),
  WECOM_CORP_ID: optionalText,
  WECOM_SECRET: optionalText,
  WECOM_TOKEN: optionalText,
  WECOM_ENCODING_AES_KEY: optionalText,
  WECOM_AGENT_ID: optionalText,
  MP_APP_ID: optionalText,
  MP_APP_SECRET: optionalText,
  MP_TOKEN: optionalText,
  DINGTALK_CLIENT_ID: optionalText,
  DINGTALK_CLIENT_SECRET: optionalText,
})

export type Env = z.input<typeof EnvSchema>

export interface Config {
  port: number
  database:
    | { kind: 'postgres'; url: string; preparedStatements: boolean }
    | { kind: 'pglite'; dataDir: string; thread: boolean }
  timeZone: string
  /** Where received photos and files are kept; defaults to <DATA_DIR>/media. */
  mediaDir: string
  /** Where generated report files (XLSX) are kept; defaults to <DATA_DIR>/reports. */
  reportsDir: string
  demo: boolean
  logLevel: 'debug' | 'info' | 'warn' | 'error'
  /** The address people and platforms use (https://…); decides the Secure cookie flag. */
  publicBaseUrl: string | undefined
  /** Behind a TLS-terminating proxy: believe its X-Forwarded-Proto and X-Forwarded-For. */
  trustedProxy: boolean
  /** Signs console sessions; derived from the database's location when unset. */
  sessionSecret: string | undefined
  /** Failed sign-ins, tokens or signatures per address (15 minutes) before it is refused for 15 minutes. */
  authMaxFailures: number
  /** Messages one chat account may send a minute before the rest are refused for the platform to retry. */
  senderMaxPerMinute: number
  /**
   * Messages processed at once; unset: 1 on the embedded database (one connection), on Postgres twice the
   * cores up to 8 (the pool has 10 connections).
   */
  inboundConcurrency: number | undefined
  /** Messages waiting to be processed beyond which webhooks answer 503 so the platform retries. */
  inboundQueueLimit: number
  /**
   * How long a claimed outbox row stays with the worker that claimed it (renewed before each send); a send a
   * crash interrupted is taken up again after this.
   */
  outboxLeaseSeconds: number
  /** Recipients the outbox sends to at once (each recipient's messages stay in order). */
  outboxParallelRecipients: number
  /**
   * What this process does. `all`: everything (npm start). `web`: webhooks, console and API — it acknowledges
   * and stores messages and leaves their processing to workers (except the Official Account's, whose passive
   * reply cannot wait). `worker`: processes stored messages, sends the outbox, runs the jobs and the DingTalk
   * stream; it serves only /healthz and /readyz. web and worker coordinate through Postgres.
   */
  role: 'all' | 'web' | 'worker'
  /** Bearer token for GET /metrics (Prometheus); /metrics answers 401 while it is unset. */
  metricsToken: string | undefined
  /** On SIGTERM, how long to finish what is in flight before exiting. */
  shutdownGraceSeconds: number
  /** Webhooks and /readyz answer 503 past this many milliseconds (the platforms wait five seconds). */
  webhookDeadlineMs: number
  /** Bounds on what one client may hold of the HTTP server (slow senders, open connections). */
  http: HttpLimits
  /** At start-up, how long to keep retrying a database that cannot be reached yet. */
  databaseStartupWaitSeconds: number
  /** Bearer token for /api/v1 with full (admin) rights; the API answers 401 while no token is set. */
  apiToken: string | undefined
  /** Further tokens, each limited to a role (and a unit): JSON [{token, role, unit?, name}]. */
  apiTokens: { token: string; role: string; unit?: string; name: string }[]
  /** api_key that Open311 clients present to file requests; POST answers 403 while unset. */
  open311ApiKey: string | undefined
  /** Outside demo mode the console needs this password; while unset it stays closed. */
  consolePassword: string | undefined
  complaintClocks: { signForHours: number; handlingHours: number }
  quietHours: { start: string; end: string }
  jobs: { enabled: boolean; remindUnacceptedMinutes: number; escalationAckMinutes: number; digestTime: string }
  /** The city gas company's emergency number, in the safety advice to citizens who smell gas. */
  gasEmergencyPhone: string | undefined
  /** The bureau's own line for hazard complaints (source 000 三.3: each unit sets one up), told to citizens who ask. */
  complaintPhone: string | undefined
  /** A half-filled form is dropped after this long without a message. */
  conversationIdleMinutes: number
  llm: { apiKey: string; baseUrl: string | undefined; model: string; timeoutMs: number } | undefined
  /** Map tiles for the hazard map; without them the map is a plain latitude/longitude grid. */
  mapTiles:
    | { url: string; labelUrl: string | undefined; subdomains: string; datum: 'wgs84' | 'gcj02'; attribution: string }
    | undefined
  /** The forward proxy outbound calls go through (政务云 networks), and the hosts reached directly. */
  outboundProxy: { http: string; https: string; noProxy: string | undefined } | undefined
  platforms: { wecom: boolean; mp: boolean; dingtalk: boolean }
}

export class ConfigError extends Error {
  override name = 'ConfigError'
}

/** Variables whose value is a secret or may hold one (a URL with its password): named, never echoed. */
const SENSITIVE_VARIABLE = /SECRET|TOKEN|KEY|PASSWORD|PASSWD|AES|URL|PROXY|DSN|CREDENTIAL/

export function loadConfig(env: Record<string, string | undefined>): Config {
  const parsed = EnvSchema.safeParse({
    ...env,
    // Tools agree on the upper-case names; many also set the lower-case ones only.
    HTTPS_PROXY: env.HTTPS_PROXY ?? env.https_proxy,
    HTTP_PROXY: env.HTTP_PROXY ?? env.http_proxy,
    NO_PROXY: env.NO_PROXY ?? env.no_proxy,
  })
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    const variable = String(issue?.path[0] ?? 'environment')
    // A secret's value (or a URL's, which may carry a password) is never repeated: this message reaches logs.
    const got = SENSITIVE_VARIABLE.test(variable) ? undefined : env[variable]
    throw new ConfigError(
      `Invalid configuration: ${variable}: ${issue?.message ?? 'is malformed'}${got === undefined ? '' : ` (got "${got}")`}`,
    )
  }
  const e = parsed.data
  const platforms = {
    wecom: Boolean(e.WECOM_CORP_ID && e.WECOM_TOKEN),
    mp: Boolean(e.MP_APP_ID && e.MP_TOKEN),
    dingtalk: Boolean(e.DINGTALK_CLIENT_ID && e.DINGTALK_CLIENT_SECRET),
  }
  const anyPlatform = platforms.wecom || platforms.mp || platforms.dingtalk
  // Demo data belongs only in an embedded database: an operator who set a real database or a console
  // password is setting up production, platform or not.
  const productionSigns = anyPlatform || Boolean(e.DATABASE_URL) || Boolean(e.CONSOLE_PASSWORD)
  if (e.ROLE !== 'all' && !e.DATABASE_URL)
    throw new ConfigError(
      `Invalid configuration: ROLE: ${e.ROLE} works with other processes through Postgres (set DATABASE_URL); the embedded database serves one process, ROLE=all`,
    )
  if (e.DEMO && e.DATABASE_URL)
    throw new ConfigError(
      'Invalid configuration: DEMO: the demo city is loaded only into the embedded database (unset DATABASE_URL)',
    )
  return {
    port: e.PORT,
    database: e.DATABASE_URL
      ? { kind: 'postgres', url: e.DATABASE_URL, preparedStatements: e.DATABASE_PREPARE ?? true }
      : { kind: 'pglite', dataDir: e.DATA_DIR, thread: e.PGLITE_THREAD ?? true },
    timeZone: e.TIME_ZONE,
    mediaDir: e.MEDIA_DIR ?? `${e.DATA_DIR.replace(/\/+$/, '')}/media`,
    reportsDir: e.REPORTS_DIR ?? `${e.DATA_DIR.replace(/\/+$/, '')}/reports`,
    // Demo mode is the default only on a bare start: a newcomer sees a working product.
    demo: e.DEMO ?? !productionSigns,
    logLevel: e.LOG_LEVEL,
    publicBaseUrl: e.PUBLIC_BASE_URL,
    trustedProxy: e.TRUSTED_PROXY ?? false,
    sessionSecret: e.SESSION_SECRET,
    authMaxFailures: e.AUTH_MAX_FAILURES,
    senderMaxPerMinute: e.SENDER_MAX_PER_MINUTE,
    inboundConcurrency: e.INBOUND_CONCURRENCY,
    inboundQueueLimit: e.INBOUND_QUEUE_LIMIT,
    databaseStartupWaitSeconds: e.DATABASE_STARTUP_WAIT_SECONDS,
    outboxLeaseSeconds: e.OUTBOX_LEASE_SECONDS,
    outboxParallelRecipients: e.OUTBOX_PARALLEL_RECIPIENTS,
    webhookDeadlineMs: e.WEBHOOK_DEADLINE_MS,
    http: {
      headersTimeoutMs: e.HTTP_HEADERS_TIMEOUT_SECONDS * 1000,
      requestTimeoutMs: e.HTTP_REQUEST_TIMEOUT_SECONDS * 1000,
      maxConnections: e.HTTP_MAX_CONNECTIONS,
    },
    role: e.ROLE,
    metricsToken: e.METRICS_TOKEN,
    shutdownGraceSeconds: e.SHUTDOWN_GRACE_SECONDS,
    apiToken: e.API_TOKEN,
    apiTokens: parseApiTokens(e.API_TOKENS),
    open311ApiKey: e.OPEN311_API_KEY,
    consolePassword: e.CONSOLE_PASSWORD,
    complaintClocks: { signForHours: e.COMPLAINT_SIGN_HOURS, handlingHours: e.COMPLAINT_LIMIT_HOURS },
    quietHours: { start: e.QUIET_HOURS_START, end: e.QUIET_HOURS_END },
    conversationIdleMinutes: e.CONVERSATION_IDLE_MINUTES,
    gasEmergencyPhone: e.GAS_EMERGENCY_PHONE,
    complaintPhone: e.COMPLAINT_PHONE,
    jobs: {
      enabled: e.JOBS ?? true,
      remindUnacceptedMinutes: e.COMPLAINT_REMIND_AFTER_MINUTES,
      escalationAckMinutes: e.ESCALATION_ACK_MINUTES,
      digestTime: e.DIGEST_TIME,
    },
    llm: e.OPENAI_API_KEY
      ? { apiKey: e.OPENAI_API_KEY, baseUrl: e.OPENAI_BASE_URL, model: e.OPENAI_MODEL, timeoutMs: e.OPENAI_TIMEOUT_MS }
      : undefined,
    mapTiles: e.MAP_TILE_URL
      ? {
          url: e.MAP_TILE_URL,
          labelUrl: e.MAP_LABEL_URL,
          subdomains: e.MAP_TILE_SUBDOMAINS ?? 'abc',
          datum: e.MAP_TILE_DATUM,
          attribution: e.MAP_TILE_ATTRIBUTION ?? '',
        }
      : undefined,
    outboundProxy:
      e.HTTPS_PROXY || e.HTTP_PROXY
        ? {
            https: (e.HTTPS_PROXY ?? e.HTTP_PROXY) as string,
            http: (e.HTTP_PROXY ?? e.HTTPS_PROXY) as string,
            noProxy: e.NO_PROXY,
          }
        : undefined,
    platforms,
  }
}

const ApiTokens = z.array(
  z.object({ token: z.string().min(16), role: z.string(), unit: z.string().optional(), name: z.string() }),
)

function parseApiTokens(raw: string | undefined) {
  if (!raw) return []
  let json: unknown
  try {
    json = JSON.parse(raw)
  } catch {
    throw new ConfigError('Invalid configuration: API_TOKENS: expected JSON [{"token","role","unit","name"}]')
  }
  const parsed = ApiTokens.safeParse(json)
  if (!parsed.success)
    throw new ConfigError(
      `Invalid configuration: API_TOKENS: ${parsed.error.issues[0]?.message ?? 'malformed'} (tokens need 16+ characters)`,
    )
  return parsed.data
}

function isTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: value })
    return true
  } catch {
    return false
  }
}
