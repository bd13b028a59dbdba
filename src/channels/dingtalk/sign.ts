import { createHmac } from 'node:crypto'
import { constantTimeEqual } from '../wechat-crypto'

/** DingTalk's HMAC-SHA256 signature of "timestamp\nsecret", base64 (custom robots and robot HTTP callbacks). */
export function dingtalkSign(timestamp: string, secret: string): string {
  return createHmac('sha256', secret).update(`${timestamp}\n${secret}`).digest('base64')
}

export const MAX_CALLBACK_SKEW_MS = 60 * 60_000

/** A robot callback's timestamp (ms) and sign headers: valid, and no more than an hour away from now. */
export function verifyCallbackSignature(
  timestamp: string | undefined,
  sign: string | undefined,
  secret: string,
  now: Date,
): boolean {
  if (!timestamp || !sign || !/^\d{10,16}$/.test(timestamp)) return false
  if (Math.abs(now.getTime() - Number(timestamp)) > MAX_CALLBACK_SKEW_MS) return false
  return constantTimeEqual(dingtalkSign(timestamp, secret), sign)
}

/** A custom group robot's webhook with the signed timestamp in the query. */
export function signedWebhookUrl(webhookUrl: string, secret: string | undefined, now: Date): string {
  if (!secret) return webhookUrl
  const timestamp = String(now.getTime())
  const url = new URL(webhookUrl)
  url.searchParams.set('timestamp', timestamp)
  url.searchParams.set('sign', dingtalkSign(timestamp, secret))
  return url.toString()
}
