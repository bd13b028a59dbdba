import type { ChannelRegistry } from '../conversation/types'
import type { Clock } from '../domain/clock'
import type { PlatformBots } from './bots'
import { ConsoleChannel } from './console'
import { DingtalkChannel } from './dingtalk/channel'
import { MpChannel } from './mp/channel'
import { WecomRobotChannel } from './robot/channel'
import { WecomChannel } from './wecom/channel'

/** Every channel id has an adapter: a missing one is a compile error, not a runtime surprise. */
export function createChannels(platforms: PlatformBots, clock: Clock, env: Record<string, string | undefined> = {}) {
  const wecom = new WecomChannel(platforms.wecom, clock)
  const mp = new MpChannel(platforms.mp, clock)
  const dingtalk = new DingtalkChannel(platforms.dingtalk, clock, env)
  const channels: ChannelRegistry = {
    wecom,
    'wecom-robot': new WecomRobotChannel(),
    mp,
    dingtalk,
    console: new ConsoleChannel(),
  }
  return { channels, wecom, mp, dingtalk }
}
