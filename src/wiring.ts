import { availableParallelism } from 'node:os'
import type { Services } from './app-env'
import type { PlatformBots } from './channels/bots'
import { DingtalkStreamState } from './channels/dingtalk/stream-state'
import { IP_NOT_ALLOWED_CODES } from './channels/platform-error'
import { createChannels } from './channels/registry'
import type { Config } from './config'
import { createExtractor } from './conversation/extract/extractor'
import { LlmExtractor } from './conversation/extract/llm'
import type { DatabaseHandle } from './db/client'
import { auditLog } from './db/schema'
import type { Clock } from './domain/clock'
import { DEFAULT_THROTTLE_LIMITS, Throttles } from './http/throttle'
import type { Logger } from './logger'
import { InboundProcessor, type MediaFetcher } from './messaging/inbound-processor'
import { InboxWriter } from './messaging/inbox-writer'
import { type OutboxRow, OutboxWorker } from './messaging/outbox'
import { Metrics } from './observability/metrics'
import { llmDigestSummariser } from './reports/digest-summary'
import { llmNarrativeWriter } from './reports/narrative-writer'
import { markOutcomeForNextMessage, OUTCOME_KEY_PREFIX } from './services/complaint-notices'
import { cachedCalendar, type ServiceContext } from './services/context'
import { DatabaseTokenStore } from './services/platform-tokens'

/** The Official Account's first reply waits this long for the passive answer before the outbox may send it. */
const MP_PASSIVE_HOLD_MS = 10_000

/**
 * Builds the services container once: channels, the inbound processor, the outbox worker. The server
 * and the tests use this same function, so tests run the real composition with fake remote ends.
 */
export function createServices(args: {
  config: Config
  handle: DatabaseHandle
  clock: Clock
  logger: Logger
  platforms: PlatformBots
  /** For secrets named by configuration (e.g. a custom group robot's signing secret). */
  env?: Record<string, string | undefined>
  /** Request throttles kept by the caller: a Worker keeps one set per isolate across its invocations. */
  throttles?: Throttles
}): Services {
  const { config, handle, clock, logger, platforms } = args
  const ctx: ServiceContext = {
    db: handle.db,
    clock,
    timeZone: config.timeZone,
    complaintClocks: config.complaintClocks,
    calendar: cachedCalendar(handle.db),
  }
  // Replicas share platform tokens through Postgres; the embedded database serves a single process.
  const tokenStore = handle.kind === 'postgres' ? new DatabaseTokenStore(handle.db, clock) : undefined
  const { channels, wecom, mp, dingtalk } = createChannels(platforms, clock, args.env ?? {}, tokenStore)
  const fetchMedia: MediaFetcher = async (channel, botId, mediaId) => {
    if (channel === 'wecom') return wecom.api(botId).downloadMedia(mediaId)
    if (channel === 'mp') return mp.api(botId).downloadMedia(mediaId)
    if (channel === 'dingtalk') return dingtalk.api(botId).downloadFile(mediaId)
    return undefined
  }
  const dingtalkStream = new DingtalkStreamState()
  // The metrics read the pool's load through a late reference: the processor is built below.
  const metrics = new Metrics(handle.db, clock, () => inbound.load(), dingtalkStream)
  const outbox = new OutboxWorker(handle.db, channels, clock, logger, {
    leaseMs: config.outboxLeaseSeconds * 1000,
    parallelRecipients: config.outboxParallelRecipients,
    onPermanentFailure: (row, error, code) => onPermanentFailure(ctx, row, error, code),
    onSendResult: (row, result, code) => metrics.sends.inc({ channel: row.channel, result, code: code ?? '' }),
  })
  const inbox = new InboxWriter(handle.db)
  const extractor = createExtractor(config.llm ? new LlmExtractor(config.llm) : undefined, logger)
  const inbound = new InboundProcessor({
    ctx,
    forms: {
      extractor,
      idleMs: config.conversationIdleMinutes * 60_000,
      gasEmergencyPhone: config.gasEmergencyPhone,
      complaintPhone: config.complaintPhone,
    },
    logger,
    mediaDir: config.mediaDir,
    reportsDir: config.reportsDir,
    fetchMedia,
    passiveReplyHoldMs: { mp: MP_PASSIVE_HOLD_MS },
    concurrency: config.inboundConcurrency ?? (handle.kind === 'pglite' ? 1 : Math.min(8, 2 * availableParallelism())),
    queueLimit: config.inboundQueueLimit,
    // A burst's acknowledgements come first: its ordinary conversations wait until 25 ms after it.
    yieldTo: inbox,
    processHere: config.role === 'web' ? 'urgent' : 'all',
    // Wake the outbox at once rather than at its next tick.
    onEnqueued: () => {
      outbox.runOnce().catch((error: unknown) => logger.error('outbox run failed', { error }))
    },
  })
  const digestSummariser = config.llm ? llmDigestSummariser(config.llm) : undefined
  const narrativeWriter = config.llm ? llmNarrativeWriter(config.llm) : undefined
  return {
    config,
    db: handle.db,
    databaseKind: handle.kind,
    clock,
    logger,
    ctx,
    platforms,
    channels,
    inbound,
    inbox,
    metrics,
    outbox,
    throttles: args.throttles ?? createThrottles(config),
    dingtalkStream,
    digestSummariser,
    narrativeWriter,
  }
}

async function onPermanentFailure(
  ctx: ServiceContext,
  row: OutboxRow,
  error: string,
  code: string | undefined,
): Promise<void> {
  if (row.dedupeKey?.startsWith(OUTCOME_KEY_PREFIX)) {
    await markOutcomeForNextMessage(
      ctx,
      Number(row.dedupeKey.slice(OUTCOME_KEY_PREFIX.length)),
      `推送失败（${code ?? '未知'}）：${error}`,
    )
  }
  if (code && IP_NOT_ALLOWED_CODES.has(code)) {
    // An administrator must act: record it where the console shows alerts.
    await ctx.db.insert(auditLog).values({
      actorLabel: 'system',
      action: 'ip_allowlist_blocked',
      entity: 'channel',
      entityId: `${row.channel}:${row.botId}`,
      after: { code, error },
      at: ctx.clock.now(),
    })
  }
}

/** The request throttles the configuration asks for (failed sign-ins, messages per sender per minute). */
export function createThrottles(config: Config): Throttles {
  return new Throttles({
    failedAuth: { ...DEFAULT_THROTTLE_LIMITS.failedAuth, points: config.authMaxFailures },
    senderPerMinute: config.senderMaxPerMinute,
  })
}
