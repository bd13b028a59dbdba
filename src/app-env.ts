import type { PlatformBots } from './channels/bots'
import type { DingtalkStreamState } from './channels/dingtalk/stream-state'
import type { Config } from './config'
import type { ChannelRegistry } from './conversation/types'
import type { Database } from './db/client'
import type { Clock } from './domain/clock'
import type { Role } from './domain/roles'
import type { Throttles } from './http/throttle'
import type { Logger } from './logger'
import type { InboundProcessor } from './messaging/inbound-processor'
import type { InboxWriter } from './messaging/inbox-writer'
import type { OutboxWorker } from './messaging/outbox'
import type { Metrics } from './observability/metrics'
import type { DigestSummariser } from './reports/digest-summary'
import type { NarrativeWriter } from './reports/narrative-writer'
import type { ServiceContext } from './services/context'

/** Everything a request handler may use, wired once at start-up and injected by createApp. */
export interface Services {
  config: Config
  db: Database
  databaseKind: 'pglite' | 'postgres'
  clock: Clock
  logger: Logger
  ctx: ServiceContext
  platforms: PlatformBots
  channels: ChannelRegistry
  inbound: InboundProcessor
  /** Stores acknowledged deliveries, batching concurrent ones into one INSERT. */
  inbox: InboxWriter
  /** Prometheus metrics of this process (GET /metrics with METRICS_TOKEN). */
  metrics: Metrics
  outbox: OutboxWorker
  /** Failed-credential and per-sender limits, shared by every route of this process. */
  throttles: Throttles
  /** Whether this process holds the DingTalk Stream connections, and whether they are up. */
  dingtalkStream: DingtalkStreamState
  /** Optional LLM headline for the daily digest. */
  digestSummariser?: DigestSummariser
  /** Rewrites the reports' narrative drafts when an LLM is configured. */
  narrativeWriter?: NarrativeWriter
}

/** Who is calling the API: the role and unit its token grants. */
export interface ApiClient {
  name: string
  role: Role
  unitId: number | null
}

/** Who is using the web console: a demo person, the administrator, or a role-scoped token's holder. */
export interface ConsoleViewer {
  name: string
  role: Role
  unitId: number | null
  personId: number | null
}

export interface AppEnv {
  /** `requestId`: the X-Request-Id of this request (the caller's, when it sent a sane one), in logs and error bodies. */
  Variables: { services: Services; apiClient?: ApiClient; viewer?: ConsoleViewer; requestId: string }
}
