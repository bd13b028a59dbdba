import type { Context } from 'hono'
import { HTTPException } from 'hono/http-exception'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import { RuleViolation } from './domain/errors'
import type { Logger } from './logger'

/**
 * Every error code a caller can see, with the one status it answers. A broken domain rule is `rule_violation`
 * (422) naming the rule in `rule`, except the two rules that are really about access: 「not yours」 is 403 and
 * 「no such record」 is 404.
 */
export const ERROR_STATUS = {
  invalid_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  rule_violation: 422,
  idempotency_key_reused: 422,
  too_many_requests: 429,
  internal_error: 500,
  unavailable: 503,
} as const satisfies Record<string, ContentfulStatusCode>
export type ErrorCode = keyof typeof ERROR_STATUS
export const ERROR_CODES = Object.keys(ERROR_STATUS) as [ErrorCode, ...ErrorCode[]]

/** An error we raise on purpose: a stable code for API callers and a message safe to show. */
export class AppError extends HTTPException {
  /** Sent as Retry-After with a 429 or 503. */
  retryAfterSeconds: number | undefined
  constructor(
    readonly code: ErrorCode,
    message: string,
    /** The domain rule that was broken, for `rule_violation` (and a 403/404 that a rule decided). */
    readonly rule?: string,
  ) {
    super(ERROR_STATUS[code], { message })
    this.name = 'AppError'
  }
}

/** A broken domain rule as the error a caller sees. */
export function ruleError(violation: RuleViolation): AppError {
  const code: ErrorCode =
    violation.code === 'forbidden' ? 'forbidden' : violation.code === 'not_found' ? 'not_found' : 'rule_violation'
  return new AppError(code, violation.message, violation.code)
}

export interface ErrorBody {
  error: { code: ErrorCode; message: string; rule?: string; requestId?: string }
}

function requestIdOf(c: Context): string | undefined {
  const id: unknown = c.get('requestId')
  return typeof id === 'string' ? id : undefined
}

/** The JSON error every route answers with, carrying the request id the response header also names. */
export function errorResponse(c: Context, error: AppError): Response {
  if (error.retryAfterSeconds) c.header('retry-after', String(error.retryAfterSeconds))
  const requestId = requestIdOf(c)
  const body: ErrorBody = {
    error: {
      code: error.code,
      message: error.message,
      ...(error.rule ? { rule: error.rule } : {}),
      ...(requestId ? { requestId } : {}),
    },
  }
  return c.json(body, error.status)
}

/**
 * Three branches: ours (code + message), Hono's (its status, the code of that status) and unknown (logged
 * with its stack, 500, no details to the caller).
 */
export function handleError(error: Error, c: Context, logger: Logger): Response {
  return errorResponse(c, appErrorOf(error, c, logger))
}

/** Any error as the one a caller is shown (logged as it deserves), for routes that answer in a shape of their own. */
export function appErrorOf(error: Error, c: Context, logger: Logger): AppError {
  const unavailable = unavailableErrorOf(error)
  if (unavailable) {
    logger.warn('database unavailable', { path: c.req.path, requestId: requestIdOf(c), error })
    return appErrorOf(unavailable, c, logger)
  }
  const input = inputErrorOf(error)
  if (input) {
    logger.warn('database refused the input', { path: c.req.path, requestId: requestIdOf(c), error })
    return appErrorOf(input, c, logger)
  }
  if (error instanceof AppError) return error
  if (error instanceof RuleViolation) return ruleError(error)
  if (error instanceof HTTPException) return new AppError(codeOfStatus(error.status), error.message || 'Request failed')
  logger.error('unhandled error', { path: c.req.path, requestId: requestIdOf(c), error })
  return new AppError('internal_error', 'Internal server error')
}

/** Hono's own exceptions (a malformed JSON body, a refused content type) in our vocabulary. */
function codeOfStatus(status: number): ErrorCode {
  const known = ERROR_CODES.find((code) => ERROR_STATUS[code] === status)
  if (known) return known
  return status >= 500 ? 'internal_error' : 'invalid_request'
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
  if (state.startsWith('22')) return new AppError('invalid_request', '提交的数据超出允许的范围或格式不正确。')
  if (state === '23503') return new AppError('rule_violation', '所引用的记录不存在。', 'invalid_reference')
  if (state === '23505') return new AppError('conflict', '该记录已存在。')
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
      const unavailable = new AppError('unavailable', '服务暂时不可用，请稍后重试。')
      unavailable.retryAfterSeconds = 5
      return unavailable
    }
  }
  return undefined
}
