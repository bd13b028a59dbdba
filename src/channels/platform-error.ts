import { currentRequestId } from '../observability/request-context'
import type { SendResult } from './types'

/**
 * How a platform answered, in the terms the outbox needs: sent, try again later, or never (with the
 * platform's errcode and errmsg kept on the row). Token errors are retried once inline by the client.
 */
export class PlatformError extends Error {
  override name = 'PlatformError'
  constructor(
    readonly code: string,
    message: string,
    readonly retry: 'transient' | 'never',
  ) {
    super(message)
  }
}

export function toSendResult(error: unknown): SendResult {
  if (error instanceof PlatformError) {
    return error.retry === 'transient'
      ? { ok: false, retry: 'transient', error: error.message, code: error.code }
      : { ok: false, retry: 'never', error: error.message, code: error.code }
  }
  // Network failures and timeouts: the remote end may be fine a moment later.
  return { ok: false, retry: 'transient', error: error instanceof Error ? error.message : String(error) }
}

/** IP allowlist refusals (WeCom 60020, Official Account 40164): retrying cannot help. */
export const IP_NOT_ALLOWED_CODES = new Set(['60020', '40164'])

export function outgoingIpFrom(errmsg: string): string | undefined {
  return /(?:from ip|invalid ip)[:\s]+([0-9a-fA-F.:]+)/i.exec(errmsg)?.[1]
}

/** How a platform call's time limit is kept: a timer, or in the fault suites a deadline the test ends itself. */
export type DeadlineSignal = (timeoutMs: number) => AbortSignal
let deadlineSignal: DeadlineSignal = (timeoutMs) => AbortSignal.timeout(timeoutMs)

/**
 * Replaces the time limit of platform calls in this process (tests: a platform that never answers is given up on
 * when the test says, with no real time waited); returns the function that puts the timer back.
 */
export function usePlatformDeadlines(make: DeadlineSignal): () => void {
  const previous = deadlineSignal
  deadlineSignal = make
  return () => {
    deadlineSignal = previous
  }
}

export async function fetchWithTimeout(url: string, init: RequestInit, timeoutMs = 10_000): Promise<Response> {
  return fetch(url, { ...init, headers: withRequestIdHeader(init.headers), signal: deadlineSignal(timeoutMs) })
}

/**
 * The platform call carries the id of the request whose work makes it (X-Request-Id): the platforms ignore
 * it, but a relay or egress proxy in between logs it, so one id follows a message from webhook to reply.
 */
function withRequestIdHeader(headers: RequestInit['headers']): Headers {
  const merged = new Headers(headers)
  const requestId = currentRequestId()
  if (requestId && !merged.has('x-request-id')) merged.set('x-request-id', requestId)
  return merged
}

/**
 * The errcode/errmsg reply of a webhook-style endpoint (group robots, response_url, sessionWebhook). An
 * HTTP error is never taken for success: 5xx and 429 are tried again, other 4xx are refused for good, and
 * a 2xx whose body is not the JSON reply is tried again rather than counted as sent.
 */
export async function webhookReply(response: Response, what: string): Promise<{ errcode: number; errmsg: string }> {
  if (response.status >= 500 || response.status === 429)
    throw new PlatformError(`http_${response.status}`, `${what} HTTP ${response.status}`, 'transient')
  if (response.status >= 400)
    throw new PlatformError(`http_${response.status}`, `${what} HTTP ${response.status}`, 'never')
  const reply = (await response.json().catch(() => undefined)) as { errcode?: unknown; errmsg?: unknown } | undefined
  if (!reply || typeof reply !== 'object')
    throw new PlatformError('bad_reply', `${what} answered without its JSON reply`, 'transient')
  return { errcode: Number(reply.errcode ?? 0), errmsg: String(reply.errmsg ?? '') }
}
