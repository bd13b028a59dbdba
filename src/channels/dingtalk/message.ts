import { z } from 'zod'
import { parseJson } from '../../domain/json'
import type { InboundMessage } from '../types'

/**
 * DingTalk robot messages (Stream push or HTTP callback, same JSON) and card callbacks, normalised.
 * Deduplication uses the message's own msgId: a re-push carries a new frame id but the same msgId.
 */
export const RobotMessage = z.object({
  msgId: z.string().min(1),
  msgtype: z.string(),
  conversationType: z.string().default('1'),
  conversationId: z.string().optional(),
  senderStaffId: z.string().optional(),
  senderId: z.string().optional(),
  senderNick: z.string().optional(),
  isInAtList: z.boolean().optional(),
  sessionWebhook: z.string().optional(),
  sessionWebhookExpiredTime: z.number().optional(),
  createAt: z.number().optional(),

  robotCode: z.string().optional(),
  text: z.object({ content: z.string() }).optional(),
  content: z
    .object({
      downloadCode: z.string().optional(),
      recognition: z.string().optional(),
      fileName: z.string().optional(),
      richText: z
        .array(
          z.object({ text: z.string().optional(), downloadCode: z.string().optional(), type: z.string().optional() }),
        )
        .optional(),
    })
    .passthrough()
    .optional(),
})
export type RobotMessage = z.infer<typeof RobotMessage>

export type ParsedRobotMessage =
  | { ok: true; message: InboundMessage }
  | { ok: false; reason: 'not_mentioned' | 'no_sender' }

function asDate(ms: number | undefined): Date | undefined {
  if (ms === undefined || !Number.isFinite(ms)) return undefined
  const date = new Date(ms)
  return Number.isNaN(date.getTime()) ? undefined : date
}

export function parseRobotMessage(m: RobotMessage, botId: string, receivedAt: Date): ParsedRobotMessage {
  const group = m.conversationType === '2'
  // In a group, the robot answers only when @-mentioned.
  if (group && m.isInAtList === false) return { ok: false, reason: 'not_mentioned' }
  const sender = m.senderStaffId || m.senderId
  if (!sender) return { ok: false, reason: 'no_sender' }
  // Times are whatever the body says: one that is not a date is treated as absent.
  const expires = asDate(m.sessionWebhookExpiredTime)
  const replyUrlValid = m.sessionWebhook && (expires?.getTime() ?? Number.MAX_SAFE_INTEGER) > receivedAt.getTime()
  const base = {
    channel: 'dingtalk' as const,
    botId,
    messageId: m.msgId,
    sender: { externalId: sender, name: m.senderNick },
    chat: { type: group ? ('group' as const) : ('private' as const), id: m.conversationId ?? sender },
    replyUrl: replyUrlValid ? m.sessionWebhook : undefined,
    replyUrlExpiresAt: expires?.toISOString(),
    at: asDate(m.createAt) ?? receivedAt,
  }
  const c = m.content
  switch (m.msgtype) {
    case 'text':
      return { ok: true, message: { ...base, kind: 'text', text: m.text?.content.trim() ?? '' } }
    case 'picture':
      return { ok: true, message: { ...base, kind: 'image', media: { mediaId: c?.downloadCode } } }
    case 'richText': {
      const parts = c?.richText ?? []
      const text = parts
        .flatMap((p) => (p.text ? [p.text] : []))
        .join('')
        .trim()
      // Every picture is kept (phones send a typed caption and several pictures as one rich text), and the
      // caption stays the message's text.
      const pictures = parts.flatMap((p) => (p.downloadCode ? [p.downloadCode] : []))
      const [first, ...more] = pictures
      return {
        ok: true,
        message: {
          ...base,
          kind: text ? 'text' : 'image',
          text: text || undefined,
          media: first ? { mediaId: first } : undefined,
          extraMedia: more.length ? more.map((mediaId) => ({ mediaId })) : undefined,
        },
      }
    }
    case 'audio':
      return {
        ok: true,
        message: { ...base, kind: 'voice', text: c?.recognition || undefined, media: { mediaId: c?.downloadCode } },
      }
    case 'file':
      return { ok: true, message: { ...base, kind: 'file', text: c?.fileName, media: { mediaId: c?.downloadCode } } }
    default:
      return { ok: true, message: { ...base, kind: 'unknown', rawType: m.msgtype } }
  }
}

/**
 * A card button click (TOPIC_CARD): our buttons carry their action key in the private params. The
 * parameters come under `value` or, as the official SDK's CardCallbackMessage has them, under `content` —
 * each a JSON string or already an object.
 */
export const CardCallback = z.object({
  outTrackId: z.string(),
  userId: z.string(),
  value: z.union([z.string(), z.record(z.string(), z.unknown())]).optional(),
  content: z.union([z.string(), z.record(z.string(), z.unknown())]).optional(),
})

type CardParams = { cardPrivateData?: { params?: { key?: unknown }; actionIds?: unknown[] } }

function cardParams(raw: unknown): CardParams {
  if (raw === undefined) return {}
  if (typeof raw !== 'string') return raw as CardParams
  const parsed = parseJson(raw)
  return parsed.ok && parsed.value && typeof parsed.value === 'object' ? (parsed.value as CardParams) : {}
}

export function parseCardCallback(raw: unknown, botId: string, at: Date): InboundMessage | undefined {
  const parsed = CardCallback.safeParse(raw)
  if (!parsed.success) return undefined
  const keyOf = (params: CardParams) => {
    const key = params.cardPrivateData?.params?.key ?? params.cardPrivateData?.actionIds?.[0]
    return typeof key === 'string' && key ? key : undefined
  }
  const key = keyOf(cardParams(parsed.data.value)) ?? keyOf(cardParams(parsed.data.content))
  if (!key) return undefined
  return {
    channel: 'dingtalk',
    botId,
    messageId: `card:${parsed.data.outTrackId}:${parsed.data.userId}:${key}`,
    sender: { externalId: parsed.data.userId },
    chat: { type: 'private', id: parsed.data.userId },
    kind: 'card_action',
    event: { name: 'card_callback', key, taskId: parsed.data.outTrackId, responseCode: parsed.data.outTrackId },
    at,
  }
}
