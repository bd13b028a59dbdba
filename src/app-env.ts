import type { Config } from './config'
import type { Database } from './db/client'
import type { Clock } from './domain/clock'
import type { Logger } from './logger'
import type { ServiceContext } from './services/context'

/** Everything a request handler may use, wired once at start-up and injected by createApp. */
export interface Services {
  config: Config
  db: Database
  databaseKind: 'pglite' | 'postgres'
  clock: Clock
  logger: Logger
  ctx: ServiceContext
}

export interface AppEnv {
  Variables: { services: Services }
}
