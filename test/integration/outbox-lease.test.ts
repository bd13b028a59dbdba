import { like } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Channel, OutboundMessage } from '../../src/channels/types'
import { CHANNELS, type ChannelId, outbox } from '../../src/db/schema'
import { ManualClock } from '../../src/domain/clock'
import { silentLogger } from '../../src/logger'
import { enqueue, OutboxWorker } from '../../src/messaging/outbox'
import { createTestDatabase, type TestDatabase } from '../helpers/db'

/**
 * Two replicas and a slow platform: a worker that claimed a batch sends it one row at a time, and the rows at
 * its end may outlive the claim's lease. Each row must still reach the platform once — counted at the platform.
 */
const clock = new ManualClock('2026-11-23T02:00:00Z')
let database: TestDatabase

beforeAll(async () => {
  database = await createTestDatabase()
})
afterAll(async () => {
  await database?.drop()
})

/** A platform that takes 30 s (of the injected clock) per message, and lets the test act in the middle of one. */
function slowPlatform() {
  const received: string[] = []
  let during: ((text: string) => Promise<void>) | undefined
  const channel = (id: ChannelId): Channel => ({
    id,
    async send(_botId, _to, message: OutboundMessage) {
      clock.advance(30_000)
      const text = message.type === 'text' ? message.text : message.type
      await during?.(text)
      received.push(text)
      return { ok: true }
    },
  })
  const channels = Object.fromEntries(CHANNELS.map((id) => [id, channel(id)])) as Record<ChannelId, Channel>
  return {
    channels,
    received,
    onSend(hook: (text: string) => Promise<void>) {
      during = hook
    },
  }
}

describe('outbox leases with two replicas', () => {
  it('sends each row once when a batch outlives its lease and the other replica claims the rest', async () => {
    const platform = slowPlatform()
    // One lane: the batch is sent row after row, as for one recipient with many rows.
    const options = { batchSize: 3, leaseMs: 60_000, parallelRecipients: 1 }
    const first = new OutboxWorker(database.db, platform.channels, clock, silentLogger, options)
    const second = new OutboxWorker(database.db, platform.channels, clock, silentLogger, options)
    for (const n of [1, 2, 3])
      await enqueue(database.db, clock.now(), {
        channel: 'wecom',
        botId: 'default',
        recipient: { kind: 'user', externalId: `person-${n}` },
        message: { type: 'text', text: `lease ${n}` },
        dedupeKey: `lease-test:${n}`,
      })

    // While the first replica is sending its second row (61 s after it claimed all three), the second replica
    // runs: the third row's original lease has run out, so it claims and sends that one.
    let secondRan = 0
    let hooked = false
    platform.onSend(async (text) => {
      if (text === 'lease 2' && !hooked) {
        hooked = true
        clock.advance(1_000)
        secondRan = await second.runOnce()
      }
    })
    await first.runOnce()
    expect(secondRan).toBe(1)
    await first.drain()
    await second.drain()

    expect([...platform.received].sort()).toEqual(['lease 1', 'lease 2', 'lease 3'])
    const rows = await database.db.select().from(outbox).where(like(outbox.dedupeKey, 'lease-test:%'))
    expect(rows.map((r) => r.status)).toEqual(['sent', 'sent', 'sent'])
  })
})
