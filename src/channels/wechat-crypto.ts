import { createHash, randomBytes, timingSafeEqual } from 'node:crypto'
import { decrypt, encrypt, getSignature } from '@wecom/crypto'

/**
 * The message encryption shared by the WeCom app, the WeCom intelligent robot and the Official Account
 * in safe mode: SHA-1 signature over the sorted token/timestamp/nonce/ciphertext, AES-256-CBC with the
 * key from the 43-character EncodingAESKey, PKCS#7 to 32 bytes, and a receive id after the message that
 * must match the configured one (corp id, app id, or empty for the intelligent robot).
 */
export interface CryptoConfig {
  token: string
  encodingAesKey: string
  receiveId: string
}

export class SignatureError extends Error {
  override name = 'SignatureError'
}
export class EnvelopeError extends Error {
  override name = 'EnvelopeError'
}

export function constantTimeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a)
  const right = Buffer.from(b)
  return left.length === right.length && timingSafeEqual(left, right)
}

export function verifyMessageSignature(
  config: CryptoConfig,
  params: { signature: string | undefined; timestamp: string; nonce: string; encrypted: string },
): void {
  if (!params.signature) throw new SignatureError('missing signature')
  const expected = getSignature(config.token, params.timestamp, params.nonce, params.encrypted)
  if (!constantTimeEqual(expected, params.signature.toLowerCase())) throw new SignatureError('signature mismatch')
}

/** Plain-mode Official Account signature: SHA-1 of sorted token, timestamp, nonce. */
export function verifyPlainSignature(
  token: string,
  params: { signature: string | undefined; timestamp: string; nonce: string },
): void {
  if (!params.signature) throw new SignatureError('missing signature')
  const expected = createHash('sha1').update([token, params.timestamp, params.nonce].sort().join('')).digest('hex')
  if (!constantTimeEqual(expected, params.signature.toLowerCase())) throw new SignatureError('signature mismatch')
}

/** Decrypts and checks the receive id; anything malformed is an EnvelopeError (→ 400). */
export function openEnvelope(config: CryptoConfig, encrypted: string): string {
  let opened: { message: string; id: string }
  try {
    opened = decrypt(config.encodingAesKey, encrypted)
  } catch (error) {
    throw new EnvelopeError(`cannot decrypt: ${(error as Error).message}`)
  }
  if (opened.id !== config.receiveId) throw new EnvelopeError('receive id does not match')
  return opened.message
}

export function sealEnvelope(
  config: CryptoConfig,
  message: string,
  timestamp: string,
  nonce: string = randomBytes(8).toString('hex'),
): { encrypted: string; signature: string; timestamp: string; nonce: string } {
  const encrypted = encrypt(config.encodingAesKey, message, config.receiveId)
  return { encrypted, signature: getSignature(config.token, timestamp, nonce, encrypted), timestamp, nonce }
}
