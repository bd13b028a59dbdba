import { Hono } from 'hono'
import { z } from 'zod'
import type { AppEnv } from '../../app-env'
import type { WecomRobotBot } from '../../channels/bots'
import type { InboundMessage } from '../../channels/types'
import { parseJson } from '../../domain/json'
import { AppError } from '../../errors'
import { readJson } from '../../http/body'
import { refuseBlockedCaller } from '../../http/credentials'
import { acceptDelivery, base64Query, checkTimestamp, requireQuery, verified, webhookBodyLimit } from './guards'
import { openVerified } from './wecom'

/**
 * WeCom intelligent robot (智能机器人) callbacks: JSON bodies with the same encryption as the app and an
 * empty receive id. Field teams @-mention it in group chats (a self-built app cannot join groups). The
 * answer goes through the message's response_url from the outbox.
 */
const RobotMessage = z.object({
  msgid: z.string().min(1),
  aibotid: z.string().optional(),
  chatid: z.string().optional(),
  chattype: z.enum(['single', 'group']).default('single'),
  from: z.object({ userid: z.string().min(1) }),
  response_url: z.string().url().optional(),
  msgtype: z.string(),
  text: z.object({ content: z.string() }).optional(),
  image: z.object({ url: z.string() }).optional(),
  voice: z.object({ content: z.string() }).optional(),
  file: z.object({ url: z.string() }).optional(),
  mixed: z
    .object({
      msg_item: z.array(
        z.object({
          msgtype: z.string(),
          text: z.object({ content: z.string() }).optional(),
          image: z.object({ url: z.string() }).optional(),
        }),
      ),
    })
    .optional(),
  event: z.object({ eventtype: z.string() }).passthrough().optional(),
})

const Envelope = z.object({
  encrypt: z
    .string()
    .min(1)
    .max(64 * 1024),
})

export function wecomRobotWebhook() {
  const app = new Hono<AppEnv>()

  app.get('/:botId', async (c) => {
    const bot = findBot(c.get('services').platforms.wecomRobot, c.req.param('botId'))
    await refuseBlockedCaller(c)
    const q = requireQuery(c, 'msg_signature', 'timestamp', 'nonce', 'echostr')
    const plaintext = await verified(c, () =>
      openVerified(cryptoOf(bot), {
        signature: q.msg_signature,
        timestamp: q.timestamp as string,
        nonce: q.nonce as string,
        encrypted: base64Query(q.echostr as string),
      }),
    )
    return c.text(plaintext)
  })

  app.post('/:botId', webhookBodyLimit, async (c) => {
    const { platforms, clock } = c.get('services')
    const bot = findBot(platforms.wecomRobot, c.req.param('botId'))
    await refuseBlockedCaller(c)
    const q = requireQuery(c, 'msg_signature', 'timestamp', 'nonce')
    // The envelope is {"encrypt": "<base64>"}: a JSON parse of at most the body cap, nothing else.
    const envelope = Envelope.safeParse(await readJson(c))
    if (!envelope.success) throw new AppError('invalid_request', 'Malformed JSON')
    const plaintext = await verified(c, () =>
      openVerified(cryptoOf(bot), {
        signature: q.msg_signature,
        timestamp: q.timestamp as string,
        nonce: q.nonce as string,
        encrypted: envelope.data.encrypt,
      }),
    )
    checkTimestamp(c, q.timestamp as string)
    const body = parseJson(plaintext)
    if (!body.ok) throw new AppError('invalid_request', 'Malformed JSON')
    const parsed = RobotMessage.safeParse(body.value)
    if (!parsed.success) throw new AppError('invalid_request', 'Unexpected message shape')
    await acceptDelivery(c, toInbound(parsed.data, bot.id, clock.now()))
    return c.text('')
  })

  return app
}

function toInbound(m: z.infer<typeof RobotMessage>, botId: string, at: Date): InboundMessage {
  const base = {
    channel: 'wecom-robot' as const,
    botId,
    messageId: m.msgid,
    sender: { externalId: m.from.userid },
    chat: { type: m.chattype === 'group' ? ('group' as const) : ('private' as const), id: m.chatid ?? m.from.userid },
    replyUrl: m.response_url,
    at,
  }
  switch (m.msgtype) {
    case 'text':
      return { ...base, kind: 'text', text: m.text?.content ?? '' }
    case 'mixed': {
      const items = m.mixed?.msg_item ?? []
      const text = items.flatMap((i) => (i.text ? [i.text.content] : [])).join('\n')
      const image = items.find((i) => i.image)?.image?.url
      return { ...base, kind: 'text', text, media: image ? { url: image } : undefined }
    }
    case 'image':
      return { ...base, kind: 'image', media: { url: m.image?.url } }
    case 'voice':
      return { ...base, kind: 'voice', text: m.voice?.content }
    case 'file':
      return { ...base, kind: 'file', media: { url: m.file?.url } }
    case 'event':
      return { ...base, kind: 'event', event: { name: m.event?.eventtype ?? 'unknown' } }
    default:
      return { ...base, kind: 'unknown', rawType: m.msgtype }
  }
}

function findBot(bots: Map<string, WecomRobotBot>, botId: string): WecomRobotBot {
  const bot = bots.get(botId)
  if (!bot) throw new AppError('not_found', 'Unknown bot')
  return bot
}

function cryptoOf(bot: WecomRobotBot) {
  return { token: bot.token, encodingAesKey: bot.encodingAesKey, receiveId: '' }
}
