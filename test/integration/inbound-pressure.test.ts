import { eq, sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createExtractor } from '../../src/conversation/extract/extractor'
import { rowsOf } from '../../src/db/client'
import { identities, inboundMessages, outbox, people } from '../../src/db/schema'
import { ManualClock } from '../../src/domain/clock'
import { silentLogger } from '../../src/logger'
import { InboundProcessor } from '../../src/messaging/inbound-processor'
import { InboxWriter } from '../../src/messaging/inbox-writer'
import { FakeWechatApi } from '../fakes/wechat-api'
import { testApp } from '../helpers/app'
import { createTestDatabase, seedDefaults, type TestDatabase } from '../helpers/db'
import { sealedRequest, seconds, wecomEnv, wecomMessageXml } from '../helpers/wechat'

/**
 * The acknowledgement path under a burst: concurrent deliveries are stored in shared INSERTs (group commit), a
 * duplicate inside one batch is still one record and one reply, and when the processing backlog is at its bound
 * a webhook answers 503 without storing, so the platform's retry is the one that counts.
 */
const clock = new ManualClock('2026-11-23T02:00:00Z')
let database: TestDatabase
let fake: FakeWechatApi
let harness: ReturnType<typeof testApp>

beforeAll(async () => {
  database = await createTestDatabase()
  await seedDefaults(database, clock.now())
  fake = await new FakeWechatApi(clock).start()
  harness = testApp(database, clock, wecomEnv(fake.baseUrl, { MEDIA_DIR: `/tmp/xunan-media-${process.pid}` }))
  const [person] = await database.db.select().from(people).where(eq(people.name, '张伟'))
  await database.db
    .insert(identities)
    .values({ personId: person?.id, channel: 'wecom', botId: 'default', externalId: 'zhangwei' })
  // Counts INSERT statements (not rows) into the inbox: the measure of group commit.
  for (const statement of [
    'create table inbox_insert_statements (n int not null)',
    'insert into inbox_insert_statements values (0)',
    `create function count_inbox_insert() returns trigger language plpgsql as $$
      begin update inbox_insert_statements set n = n + 1; return null; end $$`,
    `create trigger count_inbox_insert after insert on inbound_messages
      for each statement execute function count_inbox_insert()`,
  ])
    await database.db.execute(sql.raw(statement))
})
afterAll(async () => {
  await fake?.stop()
  await database?.drop()
})

let seq = 7000
const text = (content: string, msgId = `8812553542513${seq++}`, from = 'zhangwei') =>
  wecomMessageXml({
    FromUserName: from,
    CreateTime: seconds(clock.now()),
    MsgType: 'text',
    Content: content,
    MsgId: msgId,
  })

function post(plaintext: string) {
  const sealed = sealedRequest(plaintext, { timestamp: seconds(clock.now()) })
  return harness.app.request(`/webhooks/wecom/default?${sealed.query}`, { method: 'POST', body: sealed.body })
}

/** A processor on the harness's database with the pool settings a test needs. */
function processor(options: Partial<ConstructorParameters<typeof InboundProcessor>[0]>): InboundProcessor {
  return new InboundProcessor({
    ctx: harness.services.ctx,
    forms: { extractor: createExtractor(undefined, silentLogger), idleMs: 30 * 60_000 },
    logger: silentLogger,
    mediaDir: `/tmp/xunan-media-${process.pid}`,
    reportsDir: `/tmp/xunan-reports-${process.pid}`,
    ...options,
  })
}

async function insertStatements(): Promise<number> {
  const [row] = rowsOf<{ n: number }>(await database.db.execute(sql.raw('select n from inbox_insert_statements')))
  return Number(row?.n)
}

async function count(table: typeof inboundMessages | typeof outbox): Promise<number> {
  const [row] = await database.db.select({ n: sql<number>`count(*)::int` }).from(table)
  return Number(row?.n)
}

describe('acknowledging a burst', () => {
  it('stores concurrent deliveries in shared INSERTs, every one before its answer', async () => {
    const before = { rows: await count(inboundMessages), statements: await insertStatements() }
    const burst = Array.from({ length: 30 }, (_, i) => text(`帮助 ${i}`))
    const answers = await Promise.all(burst.map(post))
    expect(answers.map((r) => r.status)).toEqual(burst.map(() => 200))
    // Every acknowledged message is stored by the time its answer went out.
    expect(await count(inboundMessages)).toBe(before.rows + 30)
    const statements = (await insertStatements()) - before.statements
    expect(statements).toBeGreaterThanOrEqual(1)
    expect(statements).toBeLessThan(30)
    await harness.services.inbound.idle()
    await harness.services.outbox.drain()
  })

  it('keeps one record and one reply for a message delivered twice in the same moment', async () => {
    const before = { rows: await count(inboundMessages), replies: await count(outbox) }
    const twice = text('帮助', '88125535425139999')
    const answers = await Promise.all([post(twice), post(twice), post(twice)])
    expect(answers.map((r) => r.status)).toEqual([200, 200, 200])
    await harness.services.inbound.idle()
    expect(await count(inboundMessages)).toBe(before.rows + 1)
    const replies = (await count(outbox)) - before.replies
    expect(replies).toBeGreaterThan(0)
    // The same again, one at a time: nothing more.
    expect((await post(twice)).status).toBe(200)
    await harness.services.inbound.idle()
    expect((await count(outbox)) - before.replies).toBe(replies)
  })
})

describe('odd message ids', () => {
  it('stores a message whose id starts with U+FEFF once, though the driver returns that text without it', async () => {
    const before = await count(inboundMessages)
    const odd = text('帮助', '\uFEFF8812553542')
    const answers = await Promise.all([post(odd), post(odd)])
    expect(answers.map((r) => r.status)).toEqual([200, 200])
    expect((await post(odd)).status).toBe(200)
    await harness.services.inbound.idle()
    expect(await count(inboundMessages)).toBe(before + 1)
  })
})

describe('a full processing backlog', () => {
  it('answers 503 with Retry-After without storing, and takes the retry once there is room', async () => {
    // The platform's media download hangs until released: the only worker is busy with the photo.
    let release: () => void = () => undefined
    const gate = new Promise<void>((resolve) => {
      release = resolve
    })
    const original = harness.services.inbound
    harness.services.inbound = processor({
      fetchMedia: async () => {
        await gate
        return { bytes: Buffer.from([0xff, 0xd8, 0xff, 0xd9]), mimeType: 'image/jpeg' }
      },
      concurrency: 1,
      queueLimit: 1,
    })
    try {
      const photo = wecomMessageXml({
        FromUserName: 'zhangwei',
        CreateTime: seconds(clock.now()),
        MsgType: 'image',
        PicUrl: 'http://example.invalid/p.jpg',
        MediaId: 'MEDIA_SLOW',
        MsgId: '88125535425130001',
      })
      expect((await post(photo)).status).toBe(200)
      // The worker now waits on the download; the next message waits in the backlog, which is then full.
      expect((await post(text('帮助', '88125535425130002', 'lisi'))).status).toBe(200)
      expect(harness.services.inbound.load()).toEqual({ waiting: 1, active: 1 })

      const rowsBefore = await count(inboundMessages)
      const refused = await post(text('帮助', '88125535425130003', 'wangwu'))
      expect(refused.status).toBe(503)
      expect(refused.headers.get('retry-after')).toBe('5')
      expect(await count(inboundMessages)).toBe(rowsBefore)

      release()
      await harness.services.inbound.idle()
      const retried = await post(text('帮助', '88125535425130003', 'wangwu'))
      expect(retried.status).toBe(200)
      await harness.services.inbound.idle()
      const stored = await database.db
        .select({ messageId: inboundMessages.messageId, processedAt: inboundMessages.processedAt })
        .from(inboundMessages)
        .where(sql`${inboundMessages.messageId} like '8812553542513000%'`)
      expect(stored.map((r) => r.messageId).sort()).toEqual([
        '88125535425130001',
        '88125535425130002',
        '88125535425130003',
      ])
      expect(stored.every((r) => r.processedAt !== null)).toBe(true)
    } finally {
      harness.services.inbound = original
    }
  })
})

describe('a burst and its conversations', () => {
  it('acknowledges the whole burst first, then processes it once the deliveries stop overlapping', async () => {
    // The writer's clock and its one timer are the test's: time stands still until the test moves it.
    let now = 0
    const timers: { at: number; run: () => void }[] = []
    const inbox = new InboxWriter(database.db, {
      busyHoldMs: 25,
      now: () => now,
      setTimer: (run, ms) => timers.push({ at: now + ms, run }),
    })
    const original = { inbox: harness.services.inbox, inbound: harness.services.inbound }
    harness.services.inbox = inbox
    harness.services.inbound = processor({
      concurrency: 4,
      yieldTo: inbox,
    })
    try {
      // One delivery at a time is no burst: it is processed at once.
      const single = await post(text('帮助', '88125535425140001', 'loner'))
      expect(single.status).toBe(200)
      await harness.services.inbound.idle()
      expect(await processed(['88125535425140001'])).toEqual([true])
      expect(timers).toHaveLength(0)

      const ids = Array.from({ length: 8 }, (_, i) => `8812553542514010${i}`)
      const answers = await Promise.all(ids.map((id, i) => post(text('帮助', id, `burst${i}`))))
      expect(answers.map((r) => r.status)).toEqual(ids.map(() => 200))
      // Every one stored and answered; none of their conversations has started (the first may have: it came
      // before any other overlapped it).
      const during = await processed(ids)
      expect(during).toHaveLength(8)
      expect(during.slice(1).every((done) => !done)).toBe(true)
      expect(harness.services.inbound.load().waiting).toBeGreaterThanOrEqual(7)

      // The hold runs out with no new delivery: the pool takes up its width and works through the backlog.
      now += 25
      for (const timer of timers.splice(0)) timer.run()
      await harness.services.inbound.idle()
      expect(await processed(ids)).toEqual(ids.map(() => true))
    } finally {
      harness.services.inbox = original.inbox
      harness.services.inbound = original.inbound
    }
  })
})

async function processed(messageIds: string[]): Promise<boolean[]> {
  const rows = await database.db
    .select({ messageId: inboundMessages.messageId, processedAt: inboundMessages.processedAt })
    .from(inboundMessages)
    .where(sql`${inboundMessages.messageId} in ${messageIds}`)
  const byId = new Map(rows.map((r) => [r.messageId, r.processedAt !== null]))
  return messageIds.flatMap((id) => (byId.has(id) ? [byId.get(id) === true] : []))
}
