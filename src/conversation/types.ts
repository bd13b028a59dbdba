import type { Channel, InboundMessage, OutboundMessage, Recipient } from '../channels/types'
import type { ChannelId } from '../db/schema'
import type { ServiceContext } from '../services/context'
import type { IdentityRow, PersonRow } from '../services/identities'
import type { FormDeps } from './forms/engine'

/** A reply the engine wants sent; by default to the sender on the channel the message came from. */
export interface Reply {
  message: OutboundMessage
  to?: Recipient
  channel?: ChannelId
  botId?: string
}

export interface Turn {
  message: InboundMessage
  identity: IdentityRow
  person: PersonRow | null
  /** Media already downloaded and stored for this message. */
  mediaIds: number[]
  /** Services bound to the current transaction. */
  ctx: ServiceContext
  /** The extractor and session settings of the form engine. */
  forms: FormDeps
  /** Where report files are written when a confirmation or signature re-renders one. */
  reportsDir: string
}

export type ChannelRegistry = Record<ChannelId, Channel>
