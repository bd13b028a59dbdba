import type { Context } from 'hono'
import { HTTPException } from 'hono/http-exception'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import { RuleViolation } from './domain/errors'
import type { Logger } from './logger'

/** An error we raise on purpose: a stable code for API callers and a message safe to show. */
export class AppError extends HTTPException {
  /** Sent as Retry-After with a 429 or 503. */
  retryAfterSeconds: number | undefined
  constructor(
    readonly code: string,
    status: ContentfulStatusCode,
    message: string,
  ) {
    super(status, { message })
    this.name = 'AppError'
  }
}

export interface ErrorBody {
  error: { code: string; message: string }
}

/**
 * Three branches: ours (code + message), Hono's (its status, a generic code) and unknown (logged with
 * its stack, 500, no details to the caller).
 */
export function handleError(error: Error, c: Context, logger: Logger): Response {
  const unavailable = unavailableErrorOf(error)
  if (unavailable) {
    logger.warn('database unavailable', { path: c.req.path, error })
    return handleError(unavailable, c, logger)
  }
  const input = inputErrorOf(error)
  if (input) {
    logger.warn('database refused the input', { path: c.req.path, error })
    return handleError(input, c, logger)
  }
  if (error instanceof AppError) {
    if (error.retryAfterSeconds) c.header('retry-after', String(error.retryAfterSeconds))
    return c.json<ErrorBody>({ error: { code: error.code, message: error.message } }, error.status)
  }
  if (error instanceof RuleViolation) {
    return c.json<ErrorBody>({ error: { code: error.code, message: error.message } }, 422)
  }
  if (error instanceof HTTPException) {
    return c.json<ErrorBody>(
      { error: { code: httpCode(error.status), message: error.message || 'Request failed' } },
      error.status,
    )
  }
  logger.error('unhandled error', { path: c.req.path, error })
  return c.json<ErrorBody>({ error: { code: 'internal_error', message: 'Internal server error' } }, 500)
}

function httpCode(status: number): string {
  switch (status) {
    case 400:
      return 'bad_request'
    case 401:
      return 'unauthorized'
    case 403:
      return 'forbidden'
    case 404:
      return 'not_found'
    case 413:
      return 'payload_too_large'
    default:
      return `http_${status}`
  }
}

/**
 * The last line of defence for input the checks above missed: PostgreSQL refusing a value (class 22,
 * "data exception": out of range, invalid text, bad time) or a reference (23503: no such unit) means the
 * request was bad, not the server. Those answer 400 / 422 with a plain message instead of a 500. Every
 * other database error stays unexpected.
 */
function sqlState(error: unknown): string | undefined {
  for (let e: unknown = error, depth = 0; e && depth < 4; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return code
  }
  return undefined
}

export function inputErrorOf(error: unknown): AppError | undefined {
  const state = sqlState(error)
  if (!state) return undefined
  if (state.startsWith('22')) return new AppError('bad_request', 400, '提交的数据超出允许的范围或格式不正确。')
  if (state === '23503') return new AppError('invalid_reference', 422, '所引用的记录不存在。')
  if (state === '23505') return new AppError('conflict', 409, '该记录已存在。')
  return undefined
}

/** Network failures reaching the database, as postgres.js and Node report them. */
const UNREACHABLE = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EPIPE',
  'CONNECT_TIMEOUT',
  'CONNECTION_CLOSED',
  'CONNECTION_ENDED',
  'CONNECTION_DESTROYED',
])
/** SQLSTATEs of a server that cannot take work now: 08 connection exceptions, shutting down, too many clients. */
const UNAVAILABLE_STATES = /^08|^57P0[123]$|^53300$/

/**
 * A database that cannot be reached is not the caller's fault and not a bug: 503 with Retry-After, at once, so a
 * platform retries later (WeCom, the Official Account and DingTalk all do) instead of waiting on a hung request.
 */
export function unavailableErrorOf(error: unknown): AppError | undefined {
  for (let e: unknown = error, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code
    if (typeof code === 'string' && (UNREACHABLE.has(code) || UNAVAILABLE_STATES.test(code))) {
      const unavailable = new AppError('unavailable', 503, '服务暂时不可用，请稍后重试。')
      unavailable.retryAfterSeconds = 5
      return unavailable
    }
  }
  return undefined
}
