import pino from 'pino'
import { maskPersonalInfo } from './domain/privacy'
import { currentRequestId } from './observability/request-context'

/**
 * Structured logs, one JSON line per event (pino): `time`, `level`, `message`, the request id of the work
 * that logged it, then the fields. Secrets never reach it — and should one be passed by mistake, the fields
 * that name credentials are redacted; citizens' phone and ID numbers in any string are masked; a failed SQL
 * statement is logged with its cause (code, message) and never with its parameters.
 */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error'
export interface Logger {
  debug(message: string, fields?: Record<string, unknown>): void
  info(message: string, fields?: Record<string, unknown>): void
  warn(message: string, fields?: Record<string, unknown>): void
  error(message: string, fields?: Record<string, unknown>): void
}

/** Field names that hold credentials, at the top level or one level down (headers, config objects). */
const CREDENTIAL_FIELDS = [
  'password',
  'secret',
  'token',
  'accessToken',
  'access_token',
  'authorization',
  'apiKey',
  'api_key',
  'cookie',
]
const REDACTED_PATHS = CREDENTIAL_FIELDS.flatMap((name) => [name, `*.${name}`])

/**
 * A logger writing to `write` (one line per call, without its newline) or, by default, synchronously to
 * stderr — synchronous so that the last lines before a crash or an exit are never lost.
 */
export function createLogger(level: LogLevel, write?: (line: string) => void): Logger {
  const destination = write
    ? { write: (chunk: string) => write(chunk.endsWith('\n') ? chunk.slice(0, -1) : chunk) }
    : pino.destination({ dest: 2, sync: true })
  const base = pino(
    {
      level,
      base: undefined,
      messageKey: 'message',
      timestamp: () => `,"time":"${new Date().toISOString()}"`,
      formatters: { level: (label) => ({ level: label }) },
      mixin: () => {
        const requestId = currentRequestId()
        return requestId ? { requestId } : {}
      },
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    },
    destination,
  )
  const log = (at: LogLevel) => (message: string, fields?: Record<string, unknown>) => {
    if (base.isLevelEnabled(at)) base[at](serialise(fields), maskPersonalInfo(message))
  }
  return { debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error') }
}

export const silentLogger: Logger = { debug() {}, info() {}, warn() {}, error() {} }

function serialise(fields: Record<string, unknown> | undefined): Record<string, unknown> {
  if (!fields) return {}
  const out: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(fields)) out[key] = scrub(value, 0)
  return out
}

function scrub(value: unknown, depth: number): unknown {
  if (typeof value === 'string') return maskPersonalInfo(value)
  if (value instanceof Error) return describeError(value, depth)
  if (depth > 4 || value === null || typeof value !== 'object') return value
  if (Array.isArray(value)) return value.map((v) => scrub(v, depth + 1))
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, scrub(v, depth + 1)]))
}

/** Drizzle puts the parameters into the message ("Failed query: … params: …"): keep the statement only. */
function withoutParameters(message: string): string {
  const at = message.indexOf('\nparams:')
  return at === -1 ? message : message.slice(0, at)
}

/** One line for an error kept in a table an administrator reads: no parameters, no personal data. */
export function errorSummary(error: unknown): string {
  if (!(error instanceof Error)) return maskPersonalInfo(String(error)).slice(0, 500)
  const cause = error.cause instanceof Error ? ` (${withoutParameters(error.cause.message)})` : ''
  return maskPersonalInfo(`${withoutParameters(error.message)}${cause}`).slice(0, 500)
}

function describeError(error: Error, depth: number): Record<string, unknown> {
  const code = (error as { code?: unknown }).code
  const described: Record<string, unknown> = {
    name: error.name,
    message: maskPersonalInfo(withoutParameters(error.message)),
    ...(typeof code === 'string' || typeof code === 'number' ? { code } : {}),
    stack: error.stack
      ? maskPersonalInfo(error.stack.replace(error.message, withoutParameters(error.message)))
      : undefined,
  }
  if (error.cause instanceof Error && depth < 3) described.cause = describeError(error.cause, depth + 1)
  // A cause that is not an Error (a driver's plain object, a code) is kept as it is, masked, never as {}.
  else if (error.cause !== undefined && depth < 3) described.cause = scrub(error.cause, depth + 1)
  // fetch's connection failures come as an AggregateError: its inner errors say which address refused.
  if (error instanceof AggregateError && depth < 3)
    described.errors = error.errors
      .slice(0, 5)
      .map((e) => (e instanceof Error ? describeError(e, depth + 1) : scrub(e, depth + 1)))
  return described
}
