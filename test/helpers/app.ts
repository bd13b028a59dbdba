import { createApp } from '../../src/app'
import type { Services } from '../../src/app-env'
import { loadConfig } from '../../src/config'
import type { DatabaseHandle } from '../../src/db/client'
import type { Clock } from '../../src/domain/clock'
import { silentLogger } from '../../src/logger'
import { serviceContext } from './db'

/** The real app over a test database, with an injected clock and no logging. */
export function testApp(handle: DatabaseHandle, clock: Clock, env: Record<string, string> = {}) {
  const config = loadConfig({ DEMO: '1', ...env })
  const services: Services = {
    config,
    db: handle.db,
    databaseKind: handle.kind,
    clock,
    logger: silentLogger,
    ctx: serviceContext(handle, clock),
  }
  return { app: createApp(services), services }
}
