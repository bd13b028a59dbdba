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

const positiveNumber = (fallback: number) =>
  z.coerce.number({ message: 'expected a number' }).positive('expected a positive number').default(fallback)

const timeOfDay = (fallback: string) =>
  z
    .string()
    .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'expected HH:MM (24-hour)')
    .default(fallback)

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
  DATA_DIR: z.string().trim().min(1).default('./data'),
  MEDIA_DIR: optionalText,
  REPORTS_DIR: optionalText,
  TIME_ZONE: z.string().default('Asia/Shanghai').refine(isTimeZone, 'expected an IANA time zone such as Asia/Shanghai'),
  DEMO: flag,
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error']).default('info'),
  PUBLIC_BASE_URL: optionalText,
  API_TOKEN: optionalText,
  API_TOKENS: optionalText,
  OPEN311_API_KEY: optionalText,
  CONSOLE_PASSWORD: optionalText,
  COMPLAINT_SIGN_HOURS: positiveNumber(2),
  COMPLAINT_LIMIT_HOURS: positiveNumber(24),
  CONVERSATION_IDLE_MINUTES: positiveNumber(30),
  COMPLAINT_REMIND_AFTER_MINUTES: positiveNumber(120),
  ESCALATION_ACK_MINUTES: positiveNumber(30),
  DIGEST_TIME: timeOfDay('08:30'),
  JOBS: flag,
  QUIET_HOURS_START: timeOfDay('22:00'),
  QUIET_HOURS_END: timeOfDay('07:00'),
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
  database: { kind: 'postgres'; url: string } | { kind: 'pglite'; dataDir: string }
  timeZone: string
  /** Where received photos and files are kept; defaults to <DATA_DIR>/media. */
  mediaDir: string
  /** Where generated report files (XLSX) are kept; defaults to <DATA_DIR>/reports. */
  reportsDir: string
  demo: boolean
  logLevel: 'debug' | 'info' | 'warn' | 'error'
  publicBaseUrl: string | undefined
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
  /** A half-filled form is dropped after this long without a message. */
  conversationIdleMinutes: number
  llm: { apiKey: string; baseUrl: string | undefined; model: string; timeoutMs: number } | undefined
  platforms: { wecom: boolean; mp: boolean; dingtalk: boolean }
}

export class ConfigError extends Error {
  override name = 'ConfigError'
}

export function loadConfig(env: Record<string, string | undefined>): Config {
  const parsed = EnvSchema.safeParse(env)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    const variable = String(issue?.path[0] ?? 'environment')
    const got = env[variable]
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
  return {
    port: e.PORT,
    database: e.DATABASE_URL ? { kind: 'postgres', url: e.DATABASE_URL } : { kind: 'pglite', dataDir: e.DATA_DIR },
    timeZone: e.TIME_ZONE,
    mediaDir: e.MEDIA_DIR ?? `${e.DATA_DIR.replace(/\/+$/, '')}/media`,
    reportsDir: e.REPORTS_DIR ?? `${e.DATA_DIR.replace(/\/+$/, '')}/reports`,
    // Demo mode is the default exactly when no chat platform is configured: a newcomer sees a working product.
    demo: e.DEMO ?? !anyPlatform,
    logLevel: e.LOG_LEVEL,
    publicBaseUrl: e.PUBLIC_BASE_URL,
    apiToken: e.API_TOKEN,
    apiTokens: parseApiTokens(e.API_TOKENS),
    open311ApiKey: e.OPEN311_API_KEY,
    consolePassword: e.CONSOLE_PASSWORD,
    complaintClocks: { signForHours: e.COMPLAINT_SIGN_HOURS, handlingHours: e.COMPLAINT_LIMIT_HOURS },
    quietHours: { start: e.QUIET_HOURS_START, end: e.QUIET_HOURS_END },
    conversationIdleMinutes: e.CONVERSATION_IDLE_MINUTES,
    jobs: {
      enabled: e.JOBS ?? true,
      remindUnacceptedMinutes: e.COMPLAINT_REMIND_AFTER_MINUTES,
      escalationAckMinutes: e.ESCALATION_ACK_MINUTES,
      digestTime: e.DIGEST_TIME,
    },
    llm: e.OPENAI_API_KEY
      ? { apiKey: e.OPENAI_API_KEY, baseUrl: e.OPENAI_BASE_URL, model: e.OPENAI_MODEL, timeoutMs: e.OPENAI_TIMEOUT_MS }
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
