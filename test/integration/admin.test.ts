import { eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { auditLog, identities, outbox, people } from '../../src/db/schema'
import { ManualClock } from '../../src/domain/clock'
import { addDays, localDate, zonedInstant } from '../../src/domain/local-time'
import { receiveComplaint } from '../../src/services/complaints'
import { reportHazard } from '../../src/services/hazards'
import type { testApp } from '../helpers/app'
import { chat } from '../helpers/chat'
import type { CityLookup } from '../helpers/city'
import { TEST_TIME_ZONE, type TestDatabase } from '../helpers/db'
import { postForm } from '../helpers/requests'
import { useSeededApp } from '../helpers/seeded'

const clock = new ManualClock(zonedInstant('2026-11-23', TEST_TIME_ZONE, 10))
let database: TestDatabase
let harness: ReturnType<typeof testApp>
let city: CityLookup

useSeededApp(clock, (seeded) => {
  ;({ database, harness, city } = seeded)
})

const form = (path: string, fields: Record<string, string>) => postForm(harness.app, path, fields)

async function audits(action: string) {
  return database.db.select().from(auditLog).where(eq(auditLog.action, action))
}

describe('messages the outbox gave up on', () => {
  it('are listed with the platform’s error, masked, and sent again on request, the stale code cleared', async () => {
    const [row] = await database.db
      .insert(outbox)
      .values({
        channel: 'console',
        botId: 'default',
        recipient: { kind: 'user', externalId: 'demo:handler' },
        message: { type: 'text', text: '投诉人电话13912345678，请回访' },
        dedupeKey: 'dead-letter-1',
        status: 'failed',
        attempts: 5,
        errorCode: '81013',
        lastError: 'WeCom 81013: user & party & tag all invalid',
        nextAttemptAt: clock.now(),
      })
      .returning()
    const page = await (await harness.app.request('/console/admin/dead-letters')).text()
    expect(page).toContain('81013 WeCom 81013: user &amp; party &amp; tag all invalid')
    expect(page).not.toContain('13912345678')
    expect((await form('/console/admin/dead-letters/resend', { id: 'abc' })).status).toBe(400)
    expect((await form('/console/admin/dead-letters/resend', { id: String(row?.id) })).status).toBe(303)
    await harness.services.outbox.drain()
    const [after] = await database.db
      .select()
      .from(outbox)
      .where(eq(outbox.id, row?.id ?? 0))
    expect(after).toMatchObject({ status: 'sent', errorCode: null, lastError: null })
    expect(await audits('resend_message')).toHaveLength(1)
    // Resent already: a second press says so.
    expect((await form('/console/admin/dead-letters/resend', { id: String(row?.id) })).status).toBe(404)
  })
})

describe('console administration', () => {
  it('binds an unknown chat account to a person, recorded in the audit log; the bot then knows them', async () => {
    // Someone wrote from a console account nobody knows yet (the same happens on WeCom and DingTalk).
    expect((await chat(harness.services, 'newcomer', '帮助'))[0]).toContain('联系管理员')
    await database.db.update(identities).set({ channel: 'dingtalk' }).where(eq(identities.externalId, 'newcomer'))
    const page = await (await harness.app.request('/console/admin')).text()
    expect(page).toContain('newcomer')
    const [identity] = await database.db.select().from(identities).where(eq(identities.externalId, 'newcomer'))
    const [zhang] = await database.db.select().from(people).where(eq(people.name, '张伟'))
    const binding = await form('/console/admin/bind', { identityId: String(identity?.id), personId: String(zhang?.id) })
    expect(binding.status).toBe(303)
    // Back on the page, the change is confirmed.
    const location = binding.headers.get('location') ?? ''
    expect(location).toBe('/console/admin?saved=1')
    expect(await (await harness.app.request(location)).text()).toContain('已保存。')
    const [bound] = await database.db
      .select()
      .from(identities)
      .where(eq(identities.id, identity?.id ?? 0))
    expect(bound?.personId).toBe(zhang?.id)
    const [entry] = await audits('bind_identity')
    expect(entry).toMatchObject({
      entity: 'identity',
      entityId: String(identity?.id),
      actorLabel: '系统管理员（演示）',
    })
    expect(entry?.before).toMatchObject({ personId: null })
    await database.db.update(identities).set({ channel: 'console' }).where(eq(identities.externalId, 'newcomer'))
    expect((await chat(harness.services, 'newcomer', '帮助'))[0]).toContain('上报隐患')
  })

  it('changes the routing table, and the next complaint goes to the new unit', async () => {
    expect(
      (await form('/console/admin/routing', { category: 'gas', unitId: String(city.unit('shizheng')) })).status,
    ).toBe(303)
    const complaint = await receiveComplaint({
      ctx: harness.services.ctx,
      input: { channel: 'mp', category: 'gas', description: '燃气味' },
    })
    expect(complaint.unitId).toBe(city.unit('shizheng'))
    expect(await audits('set_routing')).toHaveLength(1)
  })

  it('sets a category’s default rectification period, used when a general hazard is assigned without one', async () => {
    expect(
      (
        await form('/console/admin/routing', {
          category: 'bridge',
          unitId: String(city.unit('qiaoguanchu')),
          rectifyDays: '0',
        })
      ).status,
    ).toBe(400)
    expect(
      (
        await form('/console/admin/routing', {
          category: 'bridge',
          unitId: String(city.unit('qiaoguanchu')),
          rectifyDays: '7',
        })
      ).status,
    ).toBe(303)
    const hazard = await reportHazard({
      ctx: harness.services.ctx,
      input: { description: '沅江大桥护栏松动', category: 'bridge' },
      actor: city.actor('张伟'),
    })
    const assignedDay = localDate(harness.services.clock.now(), TEST_TIME_ZONE)
    expect(hazard.rectifyDueAt).toEqual(new Date(zonedInstant(addDays(assignedDay, 8), TEST_TIME_ZONE).getTime() - 1))
  })

  it('adds a duty shift, and refuses a person who is not a duty officer without writing anything', async () => {
    const [duty] = await database.db.select().from(people).where(eq(people.role, 'duty_officer'))
    expect(
      (await form('/console/admin/duty', { personId: String(duty?.id), startsAt: '2026-12-31T20:00', hours: '12' }))
        .status,
    ).toBe(303)
    const { dutyRoster } = await import('../../src/db/schema')
    const shifts = await database.db
      .select()
      .from(dutyRoster)
      .where(eq(dutyRoster.startsAt, zonedInstant('2026-12-31', TEST_TIME_ZONE, 20)))
    expect(shifts).toHaveLength(1)
    const refused = await form('/console/admin/duty', {
      personId: String(city.actor('张伟').personId),
      startsAt: '2026-12-31T08:30',
    })
    expect(refused.status).toBe(400)
    // The console answers with a readable page naming the problem.
    expect(await refused.text()).toContain('<p>请选择一名值班员。</p>')
    expect(await audits('add_duty_shift')).toHaveLength(1)
  })
})
