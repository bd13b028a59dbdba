import { Hono } from 'hono'
import type { AppEnv } from '../../app-env'
import type { WecomBot } from '../../channels/bots'
import type { InboundMessage } from '../../channels/types'
import {
  type CryptoConfig,
  EnvelopeError,
  openEnvelope,
  SignatureError,
  verifyMessageSignature,
} from '../../channels/wechat-crypto'
import { parseWechatMessage } from '../../channels/wechat-message'
import { extractEncryptField, MalformedXmlError, parseWechatXml } from '../../channels/xml'
import { AppError } from '../../errors'
import { refuseBlockedCaller } from '../../http/credentials'
import { acceptDelivery, base64Query, checkTimestamp, requireQuery, verified, webhookBodyLimit } from './guards'

/**
 * WeCom self-built app callbacks: GET verifies the URL, POST delivers encrypted XML messages and events.
 * Replies go out through the server API from the outbox; the response is an immediate empty 200.
 */
export function wecomWebhook() {
  const app = new Hono<AppEnv>()

  app.get('/:botId', async (c) => {
    const bot = findBot(c.get('services').platforms.wecom, c.req.param('botId'))
    await refuseBlockedCaller(c)
    const q = requireQuery(c, 'msg_signature', 'timestamp', 'nonce', 'echostr')
    const echostr = base64Query(q.echostr as string)
    const plaintext = await verified(c, () =>
      openVerified(crypto(bot), {
        signature: q.msg_signature,
        timestamp: q.timestamp as string,
        nonce: q.nonce as string,
        encrypted: echostr,
      }),
    )
    return c.text(plaintext)
  })

  app.post('/:botId', webhookBodyLimit, async (c) => {
    const { platforms } = c.get('services')
    const bot = findBot(platforms.wecom, c.req.param('botId'))
    await refuseBlockedCaller(c)
    const q = requireQuery(c, 'msg_signature', 'timestamp', 'nonce')
    const encrypted = extractEncryptField(await c.req.text())
    if (!encrypted) throw new AppError('invalid_request', 'Missing Encrypt')
    const plaintext = await verified(c, () =>
      openVerified(crypto(bot), {
        signature: q.msg_signature,
        timestamp: q.timestamp as string,
        nonce: q.nonce as string,
        encrypted,
      }),
    )
    checkTimestamp(c, q.timestamp as string)
    const { message } = parseSignedMessage(plaintext, 'wecom', bot.id)
    await acceptDelivery(c, message)
    return c.text('')
  })

  return app
}

export function crypto(bot: { token: string; encodingAesKey: string; corpId: string }): CryptoConfig {
  return { token: bot.token, encodingAesKey: bot.encodingAesKey, receiveId: bot.corpId }
}

function findBot(bots: Map<string, WecomBot>, botId: string): WecomBot {
  const bot = bots.get(botId)
  if (!bot) throw new AppError('not_found', 'Unknown bot')
  return bot
}

/** Signature first (401), then decryption and the receive id (400). */
export function openVerified(
  config: CryptoConfig,
  params: { signature: string | undefined; timestamp: string; nonce: string; encrypted: string },
): string {
  try {
    verifyMessageSignature(config, params)
    return openEnvelope(config, params.encrypted)
  } catch (error) {
    if (error instanceof SignatureError) throw new AppError('unauthorized', 'Invalid signature')
    if (error instanceof EnvelopeError) throw new AppError('invalid_request', 'Cannot open the message')
    throw error
  }
}

/**
 * The decrypted, signed document as a message. NUL characters, which the XML parser refuses and
 * PostgreSQL cannot store, are removed first and the removal recorded on the message: a signed message
 * is kept, corrected, rather than lost to a 400.
 */
export function parseSignedMessage(
  plaintext: string,
  channel: 'wecom' | 'mp',
  botId: string,
): { xml: Record<string, unknown>; message: InboundMessage } {
  const clean = plaintext.replaceAll('\u0000', '')
  const xml = parseXml(clean)
  const message = parseWechatMessage(xml, channel, botId)
  return { xml, message: clean === plaintext ? message : { ...message, oddities: ['nul_removed'] } }
}

export function parseXml(body: string): Record<string, unknown> {
  try {
    return parseWechatXml(body)
  } catch (error) {
    if (error instanceof MalformedXmlError) throw new AppError('invalid_request', 'Malformed XML')
    throw error
  }
}
