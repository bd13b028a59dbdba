import type { Context } from 'hono'
import type { AppEnv } from '../../app-env'
import { sanitiseInbound } from '../../channels/inbound-sanity'
import type { InboundMessage } from '../../channels/types'
import { AppError } from '../../errors'
import { limitBody } from '../../http/body'
import { recordFailedCredentials } from '../../http/credentials'
import { recordInbound } from '../../messaging/inbox'

/**
 * Shared checks for every webhook, in the order that keeps an unauthenticated caller cheap: body size,
 * a blocked address, the signature (over the raw ciphertext, before any parsing), the replay window —
 * and only then parsing and storage.
 */
export const MAX_WEBHOOK_BODY_BYTES = 64 * 1024

export const webhookBodyLimit = limitBody(MAX_WEBHOOK_BODY_BYTES)

export function requireQuery(c: Context<AppEnv>, ...names: string[]): Record<string, string> {
  const values: Record<string, string> = {}
  for (const name of names) {
    const value = c.req.query(name)
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
  const { platforms, clock } = c.var.services
  const windowSeconds = platforms.maxSkewSeconds
  if (!/^\d{1,15}$/.test(timestamp)) throw new AppError('unauthorized', 'Timestamp is not a number')
  if (windowSeconds === 0) return
  const sent = Number(timestamp) * (unit === 'seconds' ? 1000 : 1)
  if (!Number.isFinite(sent) || Math.abs(clock.now().getTime() - sent) > windowSeconds * 1000) {
    throw new AppError('unauthorized', 'Timestamp outside the allowed window')
  }
}

/**
 * Stores a verified delivery: corrected where it would break storage (oddities recorded), refused with 429
 * when its sender is flooding (the platform retries later, others are not starved), otherwise kept once
 * under its platform id.
 */
export async function acceptDelivery(
  c: Context<AppEnv>,
  message: InboundMessage,
): Promise<{ id: number; isNew: boolean; message: InboundMessage }> {
  const { db, clock, platforms, throttles, logger } = c.var.services
  const clean = sanitiseInbound(message, { receivedAt: clock.now(), platformHosts: platforms.platformHosts })
  if (clean.oddities?.length)
    logger.warn('odd delivery stored with corrections', {
      channel: clean.channel,
      messageId: clean.messageId,
      oddities: clean.oddities,
    })
  const sender = `${clean.channel}:${clean.botId}:${clean.sender.externalId}`
  if (!(await throttles.allowSender(sender))) {
    logger.warn('sender over its message rate; refused for the platform to retry', { channel: clean.channel })
    const error = new AppError('too_many_requests', 'Too many messages from this sender')
    error.retryAfterSeconds = 60
    throw error
  }
  const stored = await recordInbound(db, clean)
  return { ...stored, message: clean }
}

/**
 * Query decoding turns '+' into a space; base64 never contains spaces, so put the pluses back
 * (echostr arrives URL-encoded or not depending on the sender).
 */
export function base64Query(value: string): string {
  return value.replace(/ /g, '+')
}
