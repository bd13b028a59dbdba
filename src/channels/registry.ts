import type { ChannelRegistry } from '../conversation/types'
import type { Clock } from '../domain/clock'
import type { PlatformBots } from './bots'
import { ConsoleChannel } from './console'
import { MpChannel } from './mp/channel'
import { WecomRobotChannel } from './robot/channel'
import type { Channel, SendResult } from './types'
import { WecomChannel } from './wecom/channel'

/** A platform this deployment has not configured (or not built yet): sends fail once, clearly. */
class UnavailableChannel implements Channel {
  constructor(readonly id: 'dingtalk') {}
  async send(): Promise<SendResult> {
    return { ok: false, retry: 'never', code: 'not_configured', error: `${this.id} is not configured` }
  }
}

/** Every channel id has an adapter: a missing one is a compile error, not a runtime surprise. */
export function createChannels(platforms: PlatformBots, clock: Clock) {
  const wecom = new WecomChannel(platforms.wecom, clock)
  const mp = new MpChannel(platforms.mp, clock)
  const channels: ChannelRegistry = {
    wecom,
    'wecom-robot': new WecomRobotChannel(),
    mp,
    dingtalk: new UnavailableChannel('dingtalk'),
    console: new ConsoleChannel(),
  }
  return { channels, wecom, mp }
}
