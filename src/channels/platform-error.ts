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

export async function fetchWithTimeout(url: string, init: RequestInit, timeoutMs = 10_000): Promise<Response> {
  return fetch(url, { ...init, signal: AbortSignal.timeout(timeoutMs) })
}
