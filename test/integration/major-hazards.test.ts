import { and, eq, like } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { escalations, hazardEvents, hazards, outbox, people } from '../../src/db/schema'
import { ManualClock, MINUTE_MS } from '../../src/domain/clock'
import { zonedInstant } from '../../src/domain/local-time'
import { jobSettings } from '../../src/jobs/scheduler'
import { escalateUnacknowledgedMajorHazards } from '../../src/services/major-hazards'
import type { testApp } from '../helpers/app'
import { chat, lastCode } from '../helpers/chat'
import { TEST_TIME_ZONE, type TestDatabase } from '../helpers/db'
import { callApi, postForm } from '../helpers/requests'
import { useSeededApp } from '../helpers/seeded'

/**
 * Major hazards (source 000 四 2, source 002 五落实 and 24-hour duty): pushed at once, quiet hours or not,
 * escalated until acknowledged (接报); emergency disposal starting the 3-working-day written report; 挂牌督办
 * for major hazards only; a six-week 五落实 plan accepted.
 */
const TZ = TEST_TIME_ZONE
// Late on a Friday evening, inside the default quiet hours.
const clock = new ManualClock(zonedInstant('2026-10-09', TZ, 22, 40))
const ADMIN = 'major-hazards-admin-token-012345'
let database: TestDatabase
let harness: ReturnType<typeof testApp>

useSeededApp(
  clock,
  (seeded) => {
    ;({ database, harness } = seeded)
  },
  { DEMO: '1', API_TOKEN: ADMIN },
)

const say = (who: string, text: Parameters<typeof chat>[2]) => chat(harness.services, who, text)

async function personId(name: string): Promise<number> {
  const [row] = await database.db.select({ id: people.id }).from(people).where(eq(people.name, name))
  if (!row) throw new Error(`no ${name}`)
  return row.id
}

async function hazardOf(code: string) {
  const [row] = await database.db.select().from(hazards).where(eq(hazards.code, code))
  if (!row) throw new Error(`no hazard ${code}`)
  return row
}

let code = ''

describe('a major hazard reported at night', () => {
  it('is pushed at once to the supervising office, the duty officer and the leaders, with 接报 and 交办', async () => {
    await say('demo:field_staff', '上报隐患 人民路与武陵大道交叉口路面塌陷形成深坑，重大隐患')
    const saved = await say('demo:field_staff', '确认')
    code = lastCode(saved, 'YH')
    const hazard = await hazardOf(code)
    expect(hazard.level).toBe('major')
    const pushed = await database.db
      .select()
      .from(outbox)
      .where(like(outbox.dedupeKey, `major-push:${hazard.id}:%`))
    const recipients = new Set(pushed.map((r) => (r.recipient as { externalId: string }).externalId))
    // 陈刚 (安监科), 赵敏 (duty officer on the roster), 刘明 (bureau leader), 孙建国 (the finding unit's leader).
    expect(recipients).toEqual(new Set(['demo:supervisor', 'demo:duty_officer', 'demo:leader', 'demo:unit_leader']))
    for (const row of pushed) {
      // Quiet hours never hold it.
      expect(row.nextAttemptAt.getTime()).toBeLessThanOrEqual(clock.now().getTime())
      expect(row.message).toMatchObject({
        type: 'card',
        title: `【重大隐患】${code}`,
        buttons: [{ key: `hazard.ack:${hazard.id}`, text: '接报' }, { key: `hazard.assign:${hazard.id}` }],
      })
    }
  })

  it('escalates while nobody acknowledges, and stops at 接报 from the card', async () => {
    const hazard = await hazardOf(code)
    const { sla } = await jobSettings(harness.services)
    const escalate = () => escalateUnacknowledgedMajorHazards(harness.services.ctx, sla)
    const reportedAt = hazard.createdAt.getTime()
    clock.set(new Date(reportedAt + sla.ackTimeoutMs - MINUTE_MS))
    expect(await escalate()).toBe(0)
    clock.set(new Date(reportedAt + sla.ackTimeoutMs + MINUTE_MS))
    expect(await escalate()).toBe(1)
    expect(await escalate()).toBe(0)
    clock.set(new Date(reportedAt + 2 * sla.ackTimeoutMs + 2 * MINUTE_MS))
    expect(await escalate()).toBe(1)
    const chain = await database.db
      .select()
      .from(escalations)
      .where(and(eq(escalations.subjectType, 'hazard'), eq(escalations.subjectId, hazard.id)))
    expect(chain.map((e) => [e.level, e.notifiedPersonId])).toEqual([
      [1, await personId('赵敏')],
      [2, await personId('孙建国')],
    ])
    const card = await database.db
      .select()
      .from(outbox)
      .where(like(outbox.dedupeKey, `major-escalation:${chain[1]?.id}:%`))
    expect(JSON.stringify(card[0]?.message)).toContain('【重大隐患未接报·责任单位领导】')

    const acked = await say('demo:supervisor', { kind: 'card', key: `hazard.ack:${hazard.id}` })
    expect(acked[0]).toContain(`已接报重大隐患 ${code}，升级提醒已停止`)
    const after = await hazardOf(code)
    expect(after.majorAckById).toBe(await personId('陈刚'))
    expect(after.majorAckAt?.getTime()).toBe(clock.now().getTime())
    clock.set(new Date(reportedAt + 10 * sla.ackTimeoutMs))
    expect(await escalate()).toBe(0)
    expect((await say('demo:duty_officer', `接报 ${code}`))[0]).toContain('无需重复接报')
  })

  it('records an emergency disposal from chat, its 3-working-day report counted over the 调休 weekend', async () => {
    // Friday Oct 9, 2026, 23:50; Saturday Oct 10 is a make-up working day: Oct 10, 12, 13 → due end of Tuesday.
    clock.set(zonedInstant('2026-10-09', TZ, 23, 50))
    expect((await say('demo:handler', `处置 ${code}`))[0]).toContain('请写明采取的应急处置措施')
    const reply = await say('demo:supervisor', `处置 ${code} 已疏散行人并设置围挡，封闭两条车道`)
    expect(reply[0]).toContain('3个工作日内（10月13日 23:59前）')
    const hazard = await hazardOf(code)
    expect(hazard.emergencyDisposedAt?.getTime()).toBe(clock.now().getTime())
    expect(hazard.emergencyReportDueAt?.getTime()).toBe(zonedInstant('2026-10-14', TZ).getTime() - 1)
    const [event] = await database.db
      .select()
      .from(hazardEvents)
      .where(and(eq(hazardEvents.hazardId, hazard.id), eq(hazardEvents.kind, 'emergency_disposal')))
    expect(event).toMatchObject({ note: '已疏散行人并设置围挡，封闭两条车道', actorId: await personId('陈刚') })
    expect((await say('demo:supervisor', `处置 ${code} 再次处置`))[0]).toContain('已记录应急处置')
  })

  it('is assigned with a six-week 五落实 plan, listed at 本级, and 摘牌 needs a reason', async () => {
    clock.set(zonedInstant('2026-10-12', TZ, 9))
    const hazard = await hazardOf(code)
    // The push card's 交办 starts the assignment form.
    const asked = await say('demo:supervisor', { kind: 'card', key: `hazard.assign:${hazard.id}` })
    expect(asked.join('')).toContain('五落实')
    for (const answer of [
      '市政建设总公司养护科',
      '注浆加固后重铺路面',
      '年度养护资金',
      '11月23日18点',
      '沉降加剧时封闭道路',
    ])
      await say('demo:supervisor', answer)
    expect((await say('demo:supervisor', '确认'))[0]).toContain('已交办市政建设总公司')
    expect((await hazardOf(code)).rectifyDueAt).toEqual(zonedInstant('2026-11-23', TZ, 18))

    expect((await say('demo:supervisor', `挂牌 ${code}`))[0]).toContain('请写明挂牌原因')
    expect((await say('demo:supervisor', `挂牌 ${code} 本级 塌陷范围大、车流量大`))[0]).toContain('已本级挂牌督办')
    expect(await hazardOf(code)).toMatchObject({ listedSupervision: true, listingLevel: 'local' })
    expect((await say('demo:supervisor', `摘牌 ${code}`))[0]).toContain('请写明摘牌原因')
  })

  it('refuses 挂牌督办 on a general hazard in chat, the API and the console', async () => {
    await say('demo:field_staff', '上报隐患 朗州路井盖松动')
    await say('demo:field_staff', '确认')
    await say('demo:field_staff', '一般')
    const general = lastCode(await say('demo:field_staff', '确认'), 'YH')
    expect((await say('demo:supervisor', `挂牌 ${general} 本级 反复松动`))[0]).toBe('挂牌督办仅适用于重大隐患。')
    const api = await callApi(harness.app, ADMIN, 'POST', `/hazards/${general}/transitions`, {
      action: 'list_supervision',
      level: 'local',
      reason: '反复松动',
    })
    expect(api.status).toBe(422)
    const hazard = await hazardOf(general)
    const page = await postForm(harness.app, `/console/hazards/${hazard.code}/actions`, {
      action: 'list_supervision',
      level: 'local',
      reason: '反复松动',
    })
    expect(page.status).toBe(400)
    expect(await page.text()).toContain('挂牌督办仅适用于重大隐患')
    expect((await hazardOf(general)).listedSupervision).toBe(false)
  })
})
