import type { Channel, SendResult } from './types'

/**
 * The web console's chat simulator: what the bot "sends" is the outbox row itself, which the console
 * reads back. Sending succeeds at once.
 */
export class ConsoleChannel implements Channel {
  readonly id = 'console' as const
  async send(): Promise<SendResult> {
    return { ok: true }
  }
}
