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

describe('outbox lanes', () => {
  it('sends to several recipients at once, each recipient’s messages in order and once', async () => {
    const sent: { to: string; text: string }[] = []
    // The first three sends wait for one another: were recipients served one after another, they never would.
    let waiting = 0
    let openBarrier: () => void = () => undefined
    const barrier = new Promise<void>((resolve) => {
      openBarrier = resolve
    })
    const channel = (id: ChannelId): Channel => ({
      id,
      async send(_botId, to, message) {
        if (sent.length === 0 && waiting < 3) {
          waiting++
          if (waiting === 3) openBarrier()
          await barrier
        }
        sent.push({ to: to.kind === 'user' ? to.externalId : '', text: message.type === 'text' ? message.text : '' })
        return { ok: true }
      },
    })
    const channels = Object.fromEntries(CHANNELS.map((id) => [id, channel(id)])) as Record<ChannelId, Channel>
    const worker = new OutboxWorker(database.db, channels, clock, silentLogger, { parallelRecipients: 3 })
    for (const person of ['a', 'b', 'c'])
      for (const n of [1, 2, 3])
        await enqueue(database.db, clock.now(), {
          channel: 'wecom',
          botId: 'default',
          recipient: { kind: 'user', externalId: `lane-${person}` },
          message: { type: 'text', text: `${person}${n}` },
          dedupeKey: `lane-test:${person}:${n}`,
        })
    await worker.drain()
    for (const person of ['a', 'b', 'c'])
      expect(sent.filter((s) => s.to === `lane-${person}`).map((s) => s.text)).toEqual([
        `${person}1`,
        `${person}2`,
        `${person}3`,
      ])
    expect(sent).toHaveLength(9)
  })
})
