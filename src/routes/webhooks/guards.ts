import type { Context } from 'hono'
import type { AppEnv } from '../../app-env'
import { sanitiseInbound } from '../../channels/inbound-sanity'
import type { InboundMessage } from '../../channels/types'
import { AppError } from '../../errors'
import { limitBody } from '../../http/body'
import { recordFailedCredentials } from '../../http/credentials'
import { senderKey } from '../../messaging/inbound-processor'
import { currentRequestId } from '../../observability/request-context'

/**
 * Shared checks for every webhook, in the order that keeps an unauthenticated caller cheap: body size,
 * a blocked address, the signature (over the raw ciphertext, before any parsing), the replay window —
 * and only then parsing and storage.
 */
export const MAX_WEBHOOK_BODY_BYTES = 64 * 1024

export const webhookBodyLimit = limitBody(MAX_WEBHOOK_BODY_BYTES)

export function requireQuery(c: Context<AppEnv>, ...names: string[]): Record<string, string> {
  const values: Record<string, string> = {}
  // The query string is parsed once for all the names.
  const query = c.req.query()
  for (const name of names) {
    const value = query[name]
    if (!value) throw new AppError('unauthorized', `Missing ${name}`)
    if (value.length > 512 || value.includes('\u0000')) throw new AppError('invalid_request', `Malformed ${name}`)
    values[name] = value
  }
  return values
}

/** Runs a signature check; a failure is counted against the caller's address and answers 401. */
export async function verified<T>(c: Context<AppEnv>, check: () => T): Promise<T> {
  try {
    return check()
  } catch (error) {
    if (error instanceof AppError && error.status === 401) await recordFailedCredentials(c, 'webhook signature')
    throw error
  }
}

/** Rejects timestamps outside the replay window (seconds; milliseconds when `unit` says so). */
export function checkTimestamp(
  c: Context<AppEnv>,
  timestamp: string,
  unit: 'seconds' | 'milliseconds' = 'seconds',
): void {
  const { platforms, clock } = c.get('services')
  const windowSeconds = platforms.maxSkewSeconds
  if (!/^\d{1,15}$/.test(timestamp)) throw new AppError('unauthorized', 'Timestamp is not a number')
  if (windowSeconds === 0) return
  const sent = Number(timestamp) * (unit === 'seconds' ? 1000 : 1)
  if (!Number.isFinite(sent) || Math.abs(clock.now().getTime() - sent) > windowSeconds * 1000) {
    throw new AppError('unauthorized', 'Timestamp outside the allowed window')
  }
}

/**
 * Stores a verified delivery and queues it for processing: corrected where it would break storage (oddities
 * recorded), refused with 429 when its sender is flooding (the platform retries later, others are not
 * starved), refused with 503 while the processing backlog is at its bound (before storing: the platform
 * retries, and the acknowledgements stay fast), otherwise kept once under its platform id — in the same INSERT
 * as the deliveries that arrived with it. `processing` settles when the conversation has run; `urgent` puts it
 * ahead of the backlog (a passive reply waits on it) and waits on a retry's first processing too.
 */
export async function acceptDelivery(
  c: Context<AppEnv>,
  message: InboundMessage,
  options: { urgent?: boolean } = {},
): Promise<{ id: number; isNew: boolean; message: InboundMessage; processing: Promise<void> }> {
  const { clock, platforms, throttles, logger, inbox, inbound } = c.get('services')
  const clean = sanitiseInbound(message, { receivedAt: clock.now(), platformHosts: platforms.platformHosts })
  if (clean.oddities?.length)
    logger.warn('odd delivery stored with corrections', {
      channel: clean.channel,
      messageId: clean.messageId,
      oddities: clean.oddities,
    })
  const sender = senderKey(clean)
  if (!(await throttles.allowSender(sender))) {
    logger.warn('sender over its message rate; refused for the platform to retry', { channel: clean.channel })
    const error = new AppError('too_many_requests', 'Too many messages from this sender')
    error.retryAfterSeconds = 60
    throw error
  }
  if (inbound.overloaded()) {
    logger.warn('processing backlog full; refused for the platform to retry', {
      channel: clean.channel,
      ...inbound.load(),
    })
    const error = new AppError('unavailable', 'Busy: retry shortly')
    error.retryAfterSeconds = 5
    throw error
  }
  const stored = await inbox.record(clean)
  const processing =
    stored.isNew || options.urgent
      ? inbound.schedule(
          stored.id,
          sender,
          options.urgent,
          stored.isNew ? { message: clean, requestId: currentRequestId() } : undefined,
        )
      : Promise.resolve()
  return { ...stored, message: clean, processing }
}

/**
 * Query decoding turns '+' into a space; base64 never contains spaces, so put the pluses back
 * (echostr arrives URL-encoded or not depending on the sender).
 */
export function base64Query(value: string): string {
  return value.replace(/ /g, '+')
}
