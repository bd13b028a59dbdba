import { and, eq, like, sql } from 'drizzle-orm'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { chatGroups, complaints, escalations, notifications, outbox } from '../../src/db/schema'
import { HOUR_MS, ManualClock, MINUTE_MS } from '../../src/domain/clock'
import { zonedInstant } from '../../src/domain/local-time'
import { runComplaintSla } from '../../src/jobs/complaint-sla'
import { runDailyDigest } from '../../src/jobs/daily-digest'
import { runHazardReminders } from '../../src/jobs/hazard-reminders'
import { jobSettings, runJob, runTick } from '../../src/jobs/scheduler'
import { receiveComplaint } from '../../src/services/complaints'
import { reportHazard } from '../../src/services/hazards'
import { testApp } from '../helpers/app'
import { chat } from '../helpers/chat'
import { loadCity } from '../helpers/city'
import { createTestDatabase, seedDefaults, TEST_TIME_ZONE, type TestDatabase } from '../helpers/db'

const TZ = TEST_TIME_ZONE
const clock = new ManualClock(zonedInstant('2026-11-23', TZ, 10))
let database: TestDatabase
let harness: ReturnType<typeof testApp>

beforeAll(async () => {
  database = await createTestDatabase()
  await seedDefaults(database, clock.now())
  harness = testApp(database, clock)
})
afterAll(async () => database?.drop())
beforeEach(() => clock.set(zonedInstant('2026-11-23', TZ, 10)))

/** Messages the outbox holds for one console identity about one complaint code. */
async function messagesTo(externalId: string, needle: string) {
  const rows = await database.db.select().from(outbox).where(sql`${outbox.recipient}->>'externalId' = ${externalId}`)
  return rows.filter((r) => JSON.stringify(r.message).includes(needle))
}

async function fileComplaint(description: string) {
  return receiveComplaint({
    ctx: harness.services.ctx,
    input: { channel: 'mp', citizenExternalId: `o-${description}`, category: 'road_municipal', description },
  })
}

async function tickAt(instant: Date) {
  clock.set(instant)
  await runTick(harness.services)
}

describe('complaint SLA and escalation', () => {
  it('reminds the unit, then escalates duty officer → unit leader → bureau leader, once each', async () => {
    const complaint = await fileComplaint('光荣路路灯不亮')
    const t0 = complaint.receivedAt.getTime()
    await tickAt(new Date(t0 + HOUR_MS))
    expect(await messagesTo('demo:handler', complaint.code)).toHaveLength(0)
    await tickAt(new Date(t0 + 2 * HOUR_MS + MINUTE_MS))
    await tickAt(new Date(t0 + 2 * HOUR_MS + 2 * MINUTE_MS)) // a second tick: nothing new
    const unaccepted = (await messagesTo('demo:handler', complaint.code)).filter((m) =>
      JSON.stringify(m.message).includes('待签收提醒'),
    )
    expect(unaccepted).toHaveLength(1)
    await tickAt(new Date(t0 + 18 * HOUR_MS + MINUTE_MS))
    expect(
      (await messagesTo('demo:handler', complaint.code)).some((m) => JSON.stringify(m.message).includes('即将超时')),
    ).toBe(true)

    await tickAt(new Date(t0 + 24 * HOUR_MS + MINUTE_MS))
    const toDuty = await messagesTo('demo:duty_officer', complaint.code)
    expect(toDuty).toHaveLength(1)
    expect(toDuty[0]?.message).toMatchObject({ type: 'card', buttons: [{ text: '确认收到' }] })
    await tickAt(new Date(t0 + 24 * HOUR_MS + 32 * MINUTE_MS))
    expect(await messagesTo('demo:unit_leader', complaint.code)).toHaveLength(1)
    await tickAt(new Date(t0 + 25 * HOUR_MS + 5 * MINUTE_MS))
    expect(await messagesTo('demo:leader', complaint.code)).toHaveLength(1)
    await tickAt(new Date(t0 + 30 * HOUR_MS))
    const chain = await database.db.select().from(escalations).where(eq(escalations.subjectId, complaint.id))
    expect(chain.map((e) => e.level).sort()).toEqual([1, 2, 3])
  })

  it.each([
    [1, 'demo:duty_officer', 'card'],
    [2, 'demo:unit_leader', 'text'],
    [3, 'demo:leader', 'card'],
  ] as const)('stops the chain when level %i acknowledges (by %s, %s)', async (level, who, how) => {
    const complaint = await fileComplaint(`井盖缺失 ${level}`)
    const t0 = complaint.receivedAt.getTime()
    for (let step = 0; step < level; step++)
      await tickAt(new Date(t0 + 24 * HOUR_MS + MINUTE_MS + step * 31 * MINUTE_MS))
    const [escalation] = await database.db
      .select()
      .from(escalations)
      .where(and(eq(escalations.subjectId, complaint.id), eq(escalations.level, level)))
    expect(escalation).toBeDefined()
    const reply = await chat(
      harness.services,
      who,
      how === 'card' ? { kind: 'card', key: `escalation.ack:${escalation?.id}` } : `确认收到 ${complaint.code}`,
    )
    expect(reply[0]).toContain(`已确认收到投诉 ${complaint.code} 的升级提醒`)
    for (let extra = 1; extra <= 4; extra++)
      await tickAt(new Date(t0 + 24 * HOUR_MS + (level + extra) * 31 * MINUTE_MS))
    const chain = await database.db.select().from(escalations).where(eq(escalations.subjectId, complaint.id))
    expect(chain).toHaveLength(level)
    const acked = chain.find((e) => e.level === level)
    expect(acked?.ackAt).not.toBeNull()
    expect(acked?.ackById).toBe(escalation?.notifiedPersonId)
  })

  it('holds routine reminders in quiet hours but never an escalation', async () => {
    clock.set(zonedInstant('2026-11-23', TZ, 20, 30))
    const complaint = await fileComplaint('夜间路面塌陷')
    await tickAt(zonedInstant('2026-11-23', TZ, 22, 45)) // 2h15m later, inside quiet hours
    const [reminder] = (await messagesTo('demo:handler', complaint.code)).filter((m) =>
      JSON.stringify(m.message).includes('待签收提醒'),
    )
    expect(reminder?.status).toBe('pending')
    expect(reminder?.nextAttemptAt).toEqual(zonedInstant('2026-11-24', TZ, 7))
    // The limit runs out at 22:50; the first tick after it falls at 23:00, in quiet hours: it goes at once.
    await database.db
      .update(complaints)
      .set({ dueAt: zonedInstant('2026-11-24', TZ, 22, 50) })
      .where(eq(complaints.id, complaint.id))
    await tickAt(zonedInstant('2026-11-24', TZ, 23))
    const [escalation] = await messagesTo('demo:duty_officer', complaint.code)
    expect(escalation?.status).toBe('sent')
    expect(escalation?.sentAt).toEqual(zonedInstant('2026-11-24', TZ, 23))
  })
})

describe('exactly once across replicas', () => {
  it('sends each reminder once when two schedulers run the same tick on one database', async () => {
    const filed = await Promise.all([1, 2, 3, 4, 5].map((i) => fileComplaint(`并发测试 ${i}`)))
    const second = testApp(database, clock)
    const { sla, quiet } = await jobSettings(harness.services)
    const bothAt = async (instant: Date) => {
      clock.set(instant)
      await Promise.all([
        runComplaintSla(harness.services.ctx, sla, quiet),
        runComplaintSla(second.services.ctx, sla, quiet),
        runComplaintSla(harness.services.ctx, sla, quiet),
      ])
    }
    const t0 = filed[0]?.receivedAt.getTime() ?? 0
    await bothAt(new Date(t0 + 18 * HOUR_MS + MINUTE_MS))
    await bothAt(new Date(t0 + 24 * HOUR_MS + MINUTE_MS))
    for (const complaint of filed) {
      const [row] = await database.db
        .select({ n: sql<number>`count(*)::int` })
        .from(notifications)
        .where(and(eq(notifications.subjectType, 'complaint'), eq(notifications.subjectId, String(complaint.id))))
      expect(Number(row?.n)).toBe(2) // the unaccepted and the 75 % reminder, once each
      expect((await messagesTo('demo:handler', complaint.code)).length).toBe(2)
      expect(await messagesTo('demo:duty_officer', complaint.code)).toHaveLength(1)
      const chain = await database.db.select().from(escalations).where(eq(escalations.subjectId, complaint.id))
      expect(chain).toHaveLength(1)
    }
  })
})

describe('hazard reminders', () => {
  it('reminds the unit before the deadline and tells the duty officer and leaders when a major one is overdue', async () => {
    const city = await loadCity(database.db)
    const hazard = await reportHazard({
      ctx: harness.services.ctx,
      input: { description: '人行道塌陷', category: 'road_municipal' },
      actor: city.actor('张伟'),
    })
    const due = hazard.rectifyDueAt as Date
    await database.db.execute(sql`update hazards set level = 'major' where id = ${hazard.id}`)
    await runHazardReminders(harness.services.ctx, (await jobSettings(harness.services)).quiet).then(() => undefined)
    clock.set(new Date(due.getTime() - 3 * 24 * HOUR_MS - 14 * HOUR_MS)) // 09:59, three days before
    await runTick(harness.services)
    expect(
      (await messagesTo('demo:handler', hazard.code)).some((m) => JSON.stringify(m.message).includes('还剩 3 天')),
    ).toBe(true)
    clock.set(new Date(due.getTime() + 10 * HOUR_MS))
    await runTick(harness.services)
    expect(
      (await messagesTo('demo:handler', hazard.code)).some((m) => JSON.stringify(m.message).includes('已超期')),
    ).toBe(true)
    expect(
      (await messagesTo('demo:duty_officer', hazard.code)).some((m) =>
        JSON.stringify(m.message).includes('重大隐患超期'),
      ),
    ).toBe(true)
    expect((await messagesTo('demo:leader', hazard.code)).length).toBeGreaterThan(0)
  })
})

describe('daily digest', () => {
  it('goes to leaders and the leaders’ group once a day, with citizens’ details masked', async () => {
    await database.db
      .insert(chatGroups)
      .values({ channel: 'wecom', name: '局领导群', purpose: 'leaders', webhookUrl: 'http://127.0.0.1:9/hook' })
    clock.set(zonedInstant('2026-11-25', TZ, 9))
    await receiveComplaint({
      ctx: harness.services.ctx,
      input: {
        channel: 'mp',
        category: 'gas',
        description: '王小明家楼下燃气味很重，电话13912345678',
        citizenName: '王小明',
      },
    })
    // Two days on: the complaint was due yesterday and is late.
    clock.set(zonedInstant('2026-11-27', TZ, 8, 30))
    expect(await runDailyDigest(harness.services.ctx)).toBe(true)
    expect(await runDailyDigest(harness.services.ctx)).toBe(false)
    const digests = await database.db.select().from(outbox).where(like(outbox.dedupeKey, 'notice:%'))
    const toLeader = digests.filter((d) => JSON.stringify(d.message).includes('巡安日报 2026-11-26'))
    expect(toLeader.length).toBeGreaterThanOrEqual(2) // bureau leader and unit leader
    const text = JSON.stringify(toLeader[0]?.message)
    expect(text).toContain('需关注')
    expect(text).toContain('139****5678')
    expect(text).toContain('王**')
    expect(text).not.toContain('13912345678')
    expect(text).not.toContain('王小明')
    const group = await database.db.select().from(outbox).where(like(outbox.dedupeKey, 'digest:2026-11-27:group:%'))
    expect(group).toHaveLength(1)
    expect(group[0]?.recipient).toMatchObject({ kind: 'webhook' })
  })
})

describe('daily digest with an LLM headline', () => {
  it('adds the model’s line, marked as AI-written, and leaves it out when the model fails', async () => {
    const { FakeOpenAi } = await import('../fakes/openai')
    const llm = await new FakeOpenAi().start()
    try {
      const withLlm = testApp(database, clock, {
        OPENAI_API_KEY: 'k',
        OPENAI_BASE_URL: llm.baseUrl,
        OPENAI_TIMEOUT_MS: '500',
      })
      llm.behaviour = { kind: 'text', content: '昨日有1件投诉超时，请督促燃气办。' }
      clock.set(zonedInstant('2026-12-02', TZ, 8, 30))
      expect(await runDailyDigest(withLlm.services.ctx, withLlm.services.digestSummariser)).toBe(true)
      const today = await database.db.select().from(outbox).where(like(outbox.dedupeKey, 'notice:%'))
      const digest = today.map((r) => JSON.stringify(r.message)).find((t) => t.includes('巡安日报 2026-12-01'))
      expect(digest).toContain('摘要（AI生成，数据以下表为准）：昨日有1件投诉超时，请督促燃气办。')
      expect(JSON.parse(llm.requests[0]?.messages[1]?.content ?? '{}')).toMatchObject({ dateLabel: '2026-12-01' })
      llm.behaviour = { kind: 'status', status: 500 }
      clock.set(zonedInstant('2026-12-03', TZ, 8, 30))
      expect(await runDailyDigest(withLlm.services.ctx, withLlm.services.digestSummariser)).toBe(true)
      const next = (await database.db.select().from(outbox).where(like(outbox.dedupeKey, 'notice:%')))
        .map((r) => JSON.stringify(r.message))
        .find((t) => t.includes('巡安日报 2026-12-02'))
      expect(next).toBeDefined()
      expect(next).not.toContain('AI生成')
    } finally {
      await llm.stop()
    }
  })
})

describe('a job and the outbox', () => {
  it('finishes without waiting for the platforms, so a slow one cannot make the next minute’s run skip', async () => {
    let sendsStarted = 0
    // The outbox is stuck: its run never ends (a platform that never answers).
    const stuck = {
      ...harness.services,
      outbox: {
        ...harness.services.outbox,
        runOnce: () => {
          sendsStarted++
          return new Promise<number>(() => {})
        },
      } as typeof harness.services.outbox,
    }
    let ran = 0
    await runJob(stuck, {
      name: 'probe',
      cron: '* * * * *',
      description: '',
      run: async () => {
        ran++
        return 1
      },
    })
    // The job returned; its messages are left to the outbox, which was woken.
    expect(ran).toBe(1)
    expect(sendsStarted).toBe(1)
  })
})
