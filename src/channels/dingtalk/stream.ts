import type { DWClientDownStream } from 'dingtalk-stream'
import type { Services } from '../../app-env'
import { parseJson } from '../../domain/json'
import { senderKey } from '../../messaging/inbound-processor'
import { sanitiseInbound } from '../inbound-sanity'
import { parseCardCallback, parseRobotMessage, RobotMessage } from './message'
import { streamClientClass, type XunanStreamClient } from './stream-client'
import type { StreamConnection } from './stream-state'

export const TOPIC_ROBOT = '/v1.0/im/bot/messages/get'
export const TOPIC_CARD = '/v1.0/card/instances/callback'

/**
 * Stream mode (the default on Node): one socket per DingTalk bot. Each pushed frame is stored under its own
 * msgId (a re-push has a new frame id but the same msgId) and acknowledged only then — so a crash or a
 * database failure before the row exists leaves the frame unacknowledged and the platform re-sends it —
 * and processed like any webhook message, after the acknowledgement.
 */
export interface StreamHandle {
  clients: XunanStreamClient[]
  stop(): void
}

export async function startDingtalkStreams(
  services: Services,
  options: { heartbeatWindowMs?: number; reconnectIntervalMs?: number } = {},
): Promise<StreamHandle> {
  const XunanStreamClient = await streamClientClass()
  const clients: XunanStreamClient[] = []
  const connections: StreamConnection[] = []
  for (const bot of services.platforms.dingtalk.values()) {
    if (bot.mode !== 'stream') continue
    const client = new XunanStreamClient({
      clientId: bot.clientId,
      clientSecret: bot.clientSecret,
      gatewayUrl: bot.gatewayUrl,
      heartbeatWindowMs: options.heartbeatWindowMs,
      reconnectIntervalMs: options.reconnectIntervalMs,
    })
    const take = (frame: DWClientDownStream, kind: 'robot' | 'card') => {
      void store(services, bot.id, frame, kind)
        .then(async (stored) => {
          client.acknowledge(frame)
          if (stored) await services.inbound.schedule(stored.id, stored.sender)
        })
        .catch((error: unknown) =>
          services.logger.error('DingTalk frame not stored (left unacknowledged for a re-send)', {
            bot: bot.id,
            kind,
            error,
          }),
        )
    }
    client.registerCallbackListener(TOPIC_ROBOT, (frame) => take(frame, 'robot'))
    client.registerCallbackListener(TOPIC_CARD, (frame) => take(frame, 'card'))
    void client.connect()
    clients.push(client)
    connections.push({ bot: bot.id, connected: () => client.connected })
  }
  services.dingtalkStream.hold(connections)
  return {
    clients,
    stop() {
      services.dingtalkStream.release()
      for (const client of clients) client.disconnect()
    },
  }
}

/** Stores a frame's message; the new row's id to process, or undefined (a re-push, or nothing to store). */
async function store(
  services: Services,
  botId: string,
  frame: DWClientDownStream,
  kind: 'robot' | 'card',
): Promise<{ id: number; sender: string } | undefined> {
  const now = services.clock.now()
  const parsed = parseJson(frame.data)
  const data = parsed.ok ? parsed.value : undefined
  const message =
    kind === 'card'
      ? parseCardCallback(data, botId, now)
      : (() => {
          const parsed = RobotMessage.safeParse(data)
          if (!parsed.success) return undefined
          const result = parseRobotMessage(parsed.data, botId, now)
          return result.ok ? result.message : undefined
        })()
  if (!message) {
    services.logger.warn('DingTalk frame ignored', { botId, kind, frameId: frame.headers.messageId })
    return undefined
  }
  const clean = sanitiseInbound(message, { receivedAt: now, platformHosts: services.platforms.platformHosts })
  const { id, isNew } = await services.inbox.record(clean)
  return isNew ? { id, sender: senderKey(clean) } : undefined
}
