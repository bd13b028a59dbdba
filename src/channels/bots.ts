import { z } from 'zod'
import { DECLARED_BOTS, type DeclaredBot } from '../../bots/platform-bots'
import { ConfigError } from '../config'
import { platformHostSet } from './outbound-hosts'

/** Per-bot platform settings, read from the environment by each declared bot's prefix. */
export interface WecomBot {
  id: string
  corpId: string
  agentId: string
  secret: string | undefined
  token: string
  encodingAesKey: string
  apiBase: string
}

export interface WecomRobotBot {
  id: string
  token: string
  encodingAesKey: string
}

export interface MpBot {
  id: string
  appId: string
  appSecret: string | undefined
  token: string
  encodingAesKey: string | undefined
  mode: 'plain' | 'compat' | 'safe'
  apiBase: string
  /** Template for notices outside the 48-hour customer-service window. */
  templateId: string | undefined
  /** False for subscription accounts without the customer-service API. */
  customerService: boolean
}

export interface DingtalkBot {
  id: string
  clientId: string
  clientSecret: string
  robotCode: string
  mode: 'stream' | 'http'
  apiBase: string
  gatewayUrl: string
  /** Interactive card template (created in the DingTalk card platform) for cards with buttons. */
  cardTemplateId: string | undefined
}

export interface PlatformBots {
  wecom: Map<string, WecomBot>
  wecomRobot: Map<string, WecomRobotBot>
  mp: Map<string, MpBot>
  dingtalk: Map<string, DingtalkBot>
  /** Replay window for webhook timestamps, in seconds; 0 turns the check off. */
  maxSkewSeconds: number
  /** Hosts that replies (sessionWebhook, response_url) and group-robot posts may go to. */
  platformHosts: ReadonlySet<string>
}

const aesKey = z.string().regex(/^[A-Za-z0-9]{43}$/, 'expected the 43-character EncodingAESKey')
const url = z.string().url('expected a URL')

export function loadPlatformBots(
  env: Record<string, string | undefined>,
  declared: DeclaredBot[] = DECLARED_BOTS,
): PlatformBots {
  const read = (prefix: string, name: string) => {
    const value = env[`${prefix}${name}`]?.trim()
    return value ? value : undefined
  }
  const check = <T>(schema: z.ZodType<T>, variable: string, value: unknown): T => {
    const parsed = schema.safeParse(value)
    if (!parsed.success) {
      throw new ConfigError(
        `Invalid configuration: ${variable}: ${parsed.error.issues[0]?.message ?? 'malformed'} (got "${String(value)}")`,
      )
    }
    return parsed.data
  }
  const bots: PlatformBots = {
    wecom: new Map(),
    wecomRobot: new Map(),
    mp: new Map(),
    dingtalk: new Map(),
    maxSkewSeconds: 300,
    platformHosts: new Set(),
  }
  const skew = env.WEBHOOK_MAX_SKEW_S
  if (skew !== undefined && skew !== '')
    bots.maxSkewSeconds = check(z.coerce.number().int().min(0).max(86_400), 'WEBHOOK_MAX_SKEW_S', skew)
  // Without a window a captured request can be replayed forever: only for replaying recorded samples.
  if (bots.maxSkewSeconds === 0 && env.WEBHOOK_REPLAY_SAMPLES !== '1')
    throw new ConfigError(
      'Invalid configuration: WEBHOOK_MAX_SKEW_S: 0 turns replay protection off; allowed only with WEBHOOK_REPLAY_SAMPLES=1 (testing with recorded samples)',
    )

  for (const bot of declared) {
    const p = bot.envPrefix
    if (bot.platform === 'wecom') {
      const corpId = read(p, 'CORP_ID')
      const token = read(p, 'TOKEN')
      if (!corpId || !token) continue
      bots.wecom.set(bot.id, {
        id: bot.id,
        corpId,
        token,
        agentId: read(p, 'AGENT_ID') ?? '',
        secret: read(p, 'SECRET'),
        encodingAesKey: check(aesKey, `${p}ENCODING_AES_KEY`, read(p, 'ENCODING_AES_KEY')),
        apiBase: check(url, `${p}API_BASE`, read(p, 'API_BASE') ?? env.WECOM_API_BASE ?? 'https://qyapi.weixin.qq.com'),
      })
    } else if (bot.platform === 'dingtalk') {
      const clientId = read(p, 'CLIENT_ID')
      const clientSecret = read(p, 'CLIENT_SECRET')
      if (!clientId || !clientSecret) continue
      bots.dingtalk.set(bot.id, {
        id: bot.id,
        clientId,
        clientSecret,
        robotCode: read(p, 'ROBOT_CODE') ?? clientId,
        mode: check(z.enum(['stream', 'http']), `${p}MODE`, read(p, 'MODE') ?? 'stream'),
        apiBase: check(url, `${p}API_BASE`, read(p, 'API_BASE') ?? 'https://api.dingtalk.com'),
        gatewayUrl: check(
          url,
          `${p}GATEWAY_URL`,
          read(p, 'GATEWAY_URL') ?? 'https://api.dingtalk.com/v1.0/gateway/connections/open',
        ),
        cardTemplateId: read(p, 'CARD_TEMPLATE_ID'),
      })
    } else if (bot.platform === 'wecom-robot') {
      const token = read(p, 'TOKEN')
      if (!token) continue
      bots.wecomRobot.set(bot.id, {
        id: bot.id,
        token,
        encodingAesKey: check(aesKey, `${p}ENCODING_AES_KEY`, read(p, 'ENCODING_AES_KEY')),
      })
    } else {
      const appId = read(p, 'APP_ID')
      const token = read(p, 'TOKEN')
      if (!appId || !token) continue
      const mode = check(z.enum(['plain', 'compat', 'safe']), `${p}MODE`, read(p, 'MODE') ?? 'plain')
      bots.mp.set(bot.id, {
        id: bot.id,
        appId,
        token,
        mode,
        appSecret: read(p, 'APP_SECRET'),
        encodingAesKey:
          mode === 'plain'
            ? read(p, 'ENCODING_AES_KEY')
            : check(aesKey, `${p}ENCODING_AES_KEY`, read(p, 'ENCODING_AES_KEY')),
        apiBase: check(url, `${p}API_BASE`, read(p, 'API_BASE') ?? env.MP_API_BASE ?? 'https://api.weixin.qq.com'),
        templateId: read(p, 'TEMPLATE_ID'),
        customerService: read(p, 'CUSTOMER_SERVICE') !== '0',
      })
    }
  }
  bots.platformHosts = platformHostSet(env.PLATFORM_REPLY_HOSTS, [
    env.WECOM_API_BASE,
    ...[...bots.wecom.values()].map((b) => b.apiBase),
    ...[...bots.dingtalk.values()].map((b) => b.apiBase),
  ])
  return bots
}
