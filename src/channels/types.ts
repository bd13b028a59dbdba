import type { ChannelId } from '../db/schema'

/** A message from any platform, normalised: the conversation engine sees only this. */
export const INBOUND_KINDS = [
  'text',
  'image',
  'voice',
  'location',
  'file',
  'link',
  'event',
  'card_action',
  'unknown',
] as const
export type InboundKind = (typeof INBOUND_KINDS)[number]

export interface InboundMessage {
  channel: ChannelId
  botId: string
  /** The platform's own id, or a key derived from the event: retries carry the same one. */
  messageId: string
  sender: { externalId: string; name?: string }
  chat: { type: 'private' | 'group'; id: string }
  kind: InboundKind
  text?: string
  media?: { mediaId?: string; url?: string; format?: string }
  /** Further pictures of the same message (DingTalk rich text: a caption with several pictures). */
  extraMedia?: { mediaId: string }[]
  location?: { latitude: number; longitude: number; label?: string; scale?: number }
  /** Events: subscribe, enter_agent, click …; card actions: the button key and the card's task id. */
  event?: { name: string; key?: string; taskId?: string; responseCode?: string }
  link?: { title?: string; url?: string; description?: string }
  /** Where a reply may go besides the normal API: the intelligent robot's response_url, DingTalk's sessionWebhook. */
  replyUrl?: string
  /** When replyUrl stops working (DingTalk sessionWebhook); after it, the API is used. */
  replyUrlExpiresAt?: string
  /** The platform's type name, kept for unknown kinds so nothing is silently dropped. */
  rawType?: string
  /** What was odd about a signed delivery and was corrected before storing it (see inbound-sanity.ts). */
  oddities?: string[]
  at: Date
}

export interface CardButton {
  key: string
  text: string
  /** 1 = primary, 2 = secondary (WeCom button styles). */
  style?: 1 | 2
}

export type OutboundMessage =
  | { type: 'text'; text: string }
  | { type: 'markdown'; markdown: string }
  | { type: 'image'; mediaId?: string; path?: string }
  | {
      type: 'card'
      title: string
      description: string
      taskId: string
      buttons: CardButton[]
      /** What to type instead where buttons cannot call back (e.g. DingTalk in HTTP mode). */
      commandHint?: string
    }
  | { type: 'card_update'; taskId: string; responseCode?: string; replaceText: string; userIds: string[] }

export type Recipient =
  | { kind: 'user'; externalId: string }
  | { kind: 'group'; chatId: string }
  | { kind: 'webhook'; url: string; secretEnv?: string }
  | { kind: 'reply_url'; url: string; expiresAt?: string; userId?: string }

export type SendResult =
  | { ok: true; platformMessageId?: string }
  | { ok: false; retry: 'transient'; error: string; code?: string; retryAfterMs?: number }
  | { ok: false; retry: 'never'; error: string; code?: string }

/** One adapter per platform: it turns OutboundMessage into platform calls. */
export interface Channel {
  readonly id: ChannelId
  send(botId: string, to: Recipient, message: OutboundMessage): Promise<SendResult>
}
