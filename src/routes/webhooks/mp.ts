import { Hono } from 'hono'
import type { AppEnv } from '../../app-env'
import type { MpBot } from '../../channels/bots'
import type { OutboundMessage } from '../../channels/types'
import { SignatureError, sealEnvelope, verifyPlainSignature } from '../../channels/wechat-crypto'
import { buildWechatXml, extractEncryptField, field } from '../../channels/xml'
import { AppError } from '../../errors'
import { refuseBlockedCaller } from '../../http/credentials'
import { claimPassiveReply } from '../../messaging/passive-reply'
import { acceptDelivery, checkTimestamp, requireQuery, verified, webhookBodyLimit } from './guards'
import { claimSignature } from './signature-replay'
import { openVerified, parseSignedMessage } from './wecom'

/** How long the webhook waits for the conversation before answering empty (the platform waits ~5 s). */
export const PASSIVE_REPLY_BUDGET_MS = 3000

/**
 * Official Account callbacks. Plain mode signs token/timestamp/nonce; safe mode (and compat mode when the
 * request says encrypt_type=aes) also encrypts, with the app id as receive id. The first reply — the
 * ticket number for a new complaint — goes back passively inside this response; later replies use the
 * customer-service API through the outbox.
 */
export function mpWebhook() {
  const app = new Hono<AppEnv>()

  app.get('/:botId', async (c) => {
    const bot = findBot(c.get('services').platforms.mp, c.req.param('botId'))
    await refuseBlockedCaller(c)
    const q = requireQuery(c, 'signature', 'timestamp', 'nonce', 'echostr')
    await verified(c, () => verifyPlain(bot, q))
    return c.text(q.echostr as string)
  })

  app.post('/:botId', webhookBodyLimit, async (c) => {
    const { platforms, clock } = c.get('services')
    const bot = findBot(platforms.mp, c.req.param('botId'))
    await refuseBlockedCaller(c)
    const q = requireQuery(c, 'timestamp', 'nonce')
    const encrypted = c.req.query('encrypt_type') === 'aes'
    // Compat mode sends every message both ways; only the encrypted copy is signed over its content, so
    // a plain body is accepted in plain mode alone (where the signature covers only the query).
    if (bot.mode !== 'plain' && !encrypted)
      throw new AppError(
        'invalid_request',
        `${bot.mode === 'safe' ? 'Safe' : 'Compat'} mode requires encrypted messages`,
      )
    let plaintext: string
    let plainSignature: string | undefined
    if (encrypted) {
      const cipher = extractEncryptField(await c.req.text())
      if (!cipher || !bot.encodingAesKey) throw new AppError('invalid_request', 'Missing Encrypt')
      plaintext = await verified(c, () =>
        openVerified(cryptoOf(bot), {
          signature: c.req.query('msg_signature'),
          timestamp: q.timestamp as string,
          nonce: q.nonce as string,
          encrypted: cipher,
        }),
      )
    } else {
      plainSignature = c.req.query('signature')
      await verified(c, () =>
        verifyPlain(bot, { signature: plainSignature, timestamp: q.timestamp as string, nonce: q.nonce as string }),
      )
      plaintext = await c.req.text()
    }
    checkTimestamp(c, q.timestamp as string)
    const { xml, message: parsed } = parseSignedMessage(plaintext, 'mp', bot.id)
    // The plain signature covers only the query: bound to the first message it carried, it cannot be
    // replayed with another body inside the time window.
    if (plainSignature)
      await claimSignature(c, `mp:${bot.id}:${plainSignature}:${q.timestamp}:${q.nonce}`, parsed.messageId)
    // New or retried, wait (within budget) for the conversation so the answer can ride on this response; it
    // goes ahead of the backlog.
    const { id, message, processing } = await acceptDelivery(c, parsed, { urgent: true })
    await Promise.race([processing, new Promise((resolve) => setTimeout(resolve, PASSIVE_REPLY_BUDGET_MS))])
    const reply = await claimPassiveReply(c.get('services').db, id, clock.now())
    if (!reply) return c.text('success')
    const replyXml = passiveXml(reply, {
      toUser: message.sender.externalId,
      fromUser: field(xml, 'ToUserName') ?? '',
      at: clock.now(),
    })
    if (!encrypted) return c.body(replyXml, 200, { 'content-type': 'application/xml; charset=utf-8' })
    const timestamp = String(Math.floor(clock.now().getTime() / 1000))
    const sealed = sealEnvelope(cryptoOf(bot), replyXml, timestamp)
    return c.body(
      buildWechatXml({
        Encrypt: sealed.encrypted,
        MsgSignature: sealed.signature,
        TimeStamp: Number(sealed.timestamp),
        Nonce: sealed.nonce,
      }),
      200,
      { 'content-type': 'application/xml; charset=utf-8' },
    )
  })

  return app
}

function findBot(bots: Map<string, MpBot>, botId: string): MpBot {
  const bot = bots.get(botId)
  if (!bot) throw new AppError('not_found', 'Unknown bot')
  return bot
}

function cryptoOf(bot: MpBot) {
  return { token: bot.token, encodingAesKey: bot.encodingAesKey ?? '', receiveId: bot.appId }
}

function verifyPlain(bot: MpBot, q: { signature?: string; timestamp?: string; nonce?: string }): void {
  try {
    verifyPlainSignature(bot.token, { signature: q.signature, timestamp: q.timestamp ?? '', nonce: q.nonce ?? '' })
  } catch (error) {
    if (error instanceof SignatureError) throw new AppError('unauthorized', 'Invalid signature')
    throw error
  }
}

function passiveXml(reply: OutboundMessage, to: { toUser: string; fromUser: string; at: Date }): string {
  const content = reply.type === 'text' ? reply.text : reply.type === 'markdown' ? reply.markdown : ''
  return buildWechatXml({
    ToUserName: to.toUser,
    FromUserName: to.fromUser,
    CreateTime: Math.floor(to.at.getTime() / 1000),
    MsgType: 'text',
    Content: content,
  })
}
