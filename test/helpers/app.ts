import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createApp } from '../../src/app'
import type { Services } from '../../src/app-env'
import { loadPlatformBots } from '../../src/channels/bots'
import { loadConfig } from '../../src/config'
import type { DatabaseHandle } from '../../src/db/client'
import type { Clock } from '../../src/domain/clock'
import { type Logger, silentLogger } from '../../src/logger'
import { createServices } from '../../src/wiring'
import { TEST_TIME_ZONE } from './db'

/** The real app and services over a test database, with an injected clock and environment. */
export function testApp(
  handle: DatabaseHandle,
  clock: Clock,
  env: Record<string, string> = {},
  options: { logger?: Logger } = {},
) {
  const scratch = join(tmpdir(), `xunan-test-${process.pid}`)
  const fullEnv = {
    DEMO: '1',
    TIME_ZONE: TEST_TIME_ZONE,
    MEDIA_DIR: join(scratch, 'media'),
    REPORTS_DIR: join(scratch, 'reports'),
    // Tests that make many wrong attempts on purpose are not about throttling (test/integration/hardening is).
    AUTH_MAX_FAILURES: '10000',
    SENDER_MAX_PER_MINUTE: '10000',
    // One recipient at a time, so tests that read the platform's calls in order see a fixed order; the
    // recipients-at-once path is exercised by test/integration/outbox-lease.test.ts and the fault suites.
    OUTBOX_PARALLEL_RECIPIENTS: '1',
    ...env,
  }
  const config = loadConfig(fullEnv)
  const services: Services = createServices({
    config,
    handle,
    clock,
    logger: options.logger ?? silentLogger,
    platforms: loadPlatformBots(fullEnv),
    env: fullEnv,
  })
  return { app: createApp(services), services }
}
