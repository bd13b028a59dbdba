import type { ChannelId } from '../db/schema'
import type { InboundMessage } from './types'
import { field } from './xml'

/**
 * Normalises a decrypted WeCom-app or Official Account XML message. Messages are keyed by MsgId; events
 * have none, so their key is built from sender, time, event and key — a retry repeats all of them.
 */
export function parseWechatMessage(xml: Record<string, unknown>, channel: ChannelId, botId: string): InboundMessage {
  const type = field(xml, 'MsgType') ?? 'unknown'
  const from = field(xml, 'FromUserName') ?? ''
  // A CreateTime that is not a number becomes an invalid date, which the inbound sanity check replaces
  // with the time of receipt (and records) rather than letting it fail the insert.
  const rawTime = field(xml, 'CreateTime') ?? ''
  const createTime = /^\d{1,12}$/.test(rawTime) ? Number(rawTime) : Number.NaN
  const at = new Date(createTime * 1000)
  const base = {
    channel,
    botId,
    sender: { externalId: from },
    chat: { type: 'private' as const, id: from },
    at,
  }
  const messageId = field(xml, 'MsgId')
  switch (type) {
    case 'text':
      return {
        ...base,
        messageId: messageId ?? fallbackId(from, createTime, type),
        kind: 'text',
        text: field(xml, 'Content') ?? '',
      }
    case 'image':
      return {
        ...base,
        messageId: messageId ?? fallbackId(from, createTime, type),
        kind: 'image',
        media: { mediaId: field(xml, 'MediaId'), url: field(xml, 'PicUrl') },
      }
    case 'voice':
      return {
        ...base,
        messageId: messageId ?? fallbackId(from, createTime, type),
        kind: 'voice',
        media: { mediaId: field(xml, 'MediaId'), format: field(xml, 'Format') },
        text: field(xml, 'Recognition') || undefined,
      }
    case 'location':
      return {
        ...base,
        messageId: messageId ?? fallbackId(from, createTime, type),
        kind: 'location',
        location: {
          latitude: Number(field(xml, 'Location_X')),
          longitude: Number(field(xml, 'Location_Y')),
          scale: Number(field(xml, 'Scale') ?? 0) || undefined,
          label: field(xml, 'Label'),
        },
      }
    case 'link':
      return {
        ...base,
        messageId: messageId ?? fallbackId(from, createTime, type),
        kind: 'link',
        link: { title: field(xml, 'Title'), url: field(xml, 'Url'), description: field(xml, 'Description') },
      }
    case 'file':
      return {
        ...base,
        messageId: messageId ?? fallbackId(from, createTime, type),
        kind: 'file',
        media: { mediaId: field(xml, 'MediaId') },
        text: field(xml, 'Title'),
      }
    case 'event':
      return parseEvent(xml, base, from, createTime)
    default:
      return { ...base, messageId: messageId ?? fallbackId(from, createTime, type), kind: 'unknown', rawType: type }
  }
}

function parseEvent(
  xml: Record<string, unknown>,
  base: Omit<InboundMessage, 'messageId' | 'kind'>,
  from: string,
  createTime: number,
): InboundMessage {
  const name = (field(xml, 'Event') ?? 'unknown').toLowerCase()
  const key = field(xml, 'EventKey')
  const taskId = field(xml, 'TaskId')
  const messageId = `evt:${from}:${createTime}:${name}:${key ?? ''}:${taskId ?? ''}`
  if (name === 'template_card_event') {
    return {
      ...base,
      messageId,
      kind: 'card_action',
      event: { name, key, taskId, responseCode: field(xml, 'ResponseCode') },
    }
  }
  if (name === 'location') {
    return {
      ...base,
      messageId,
      kind: 'event',
      event: { name },
      location: { latitude: Number(field(xml, 'Latitude')), longitude: Number(field(xml, 'Longitude')) },
    }
  }
  return { ...base, messageId, kind: 'event', event: { name, key } }
}

function fallbackId(from: string, createTime: number, type: string): string {
  return `msg:${from}:${Number.isFinite(createTime) ? createTime : 'notime'}:${type}`
}
