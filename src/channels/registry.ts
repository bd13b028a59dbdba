import type { ChannelRegistry } from '../conversation/types'
import type { Clock } from '../domain/clock'
import type { SharedTokenStore } from './access-token'
import type { PlatformBots } from './bots'
import { ConsoleChannel } from './console'
import { DingtalkChannel } from './dingtalk/channel'
import { MpChannel } from './mp/channel'
import { WecomRobotChannel } from './robot/channel'
import type { Channel, SendResult } from './types'
import { WecomChannel } from './wecom/channel'

/** Open311 clients poll for status; nothing is ever pushed to them. */
class PullOnlyChannel implements Channel {
  readonly id = 'open311' as const
  async send(): Promise<SendResult> {
    return { ok: false, retry: 'never', code: 'pull_only', error: 'Open311 clients read status by polling' }
  }
}

/** Every channel id has an adapter: a missing one is a compile error, not a runtime surprise. */
export function createChannels(
  platforms: PlatformBots,
  clock: Clock,
  env: Record<string, string | undefined> = {},
  /** Shares WeCom and DingTalk tokens between replicas; the Official Account's stable token needs no sharing. */
  tokenStore?: SharedTokenStore,
) {
  const wecom = new WecomChannel(platforms.wecom, clock, platforms.platformHosts, tokenStore)
  const mp = new MpChannel(platforms.mp, clock)
  const dingtalk = new DingtalkChannel(platforms.dingtalk, clock, env, platforms.platformHosts, tokenStore)
  const channels: ChannelRegistry = {
    wecom,
    'wecom-robot': new WecomRobotChannel(platforms.platformHosts),
    mp,
    dingtalk,
    console: new ConsoleChannel(),
    open311: new PullOnlyChannel(),
  }
  return { channels, wecom, mp, dingtalk }
}
