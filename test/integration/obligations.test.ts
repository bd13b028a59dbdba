import { eq, like, sql } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { chatGroups, hazards, outbox } from '../../src/db/schema'
import { ManualClock } from '../../src/domain/clock'
import { zonedInstant } from '../../src/domain/local-time'
import { periodOfDate } from '../../src/domain/periods'
import { runWeeklyGroupSummaries } from '../../src/jobs/group-summaries'
import { runObligationReminders } from '../../src/jobs/obligation-reminders'
import { jobSettings } from '../../src/jobs/scheduler'
import { reportHazard } from '../../src/services/hazards'
import { recordPatrol } from '../../src/services/patrols'
import { unitScore } from '../../src/services/unit-scores'
import type { testApp } from '../helpers/app'
import { chat, lastCode } from '../helpers/chat'
import type { CityLookup } from '../helpers/city'
import { TEST_TIME_ZONE, type TestDatabase } from '../helpers/db'
import { useSeededApp } from '../helpers/seeded'

const TZ = TEST_TIME_ZONE
const clock = new ManualClock(zonedInstant('2026-11-02', TZ, 10))
let database: TestDatabase
let harness: ReturnType<typeof testApp>
let city: CityLookup

useSeededApp(clock, async (seeded) => {
  ;({ database, harness, city } = seeded)
  await database.db.insert(chatGroups).values({
    channel: 'wecom',
    name: '市政巡查群',
    purpose: 'unit',
    unitId: city.unit('shizheng'),
    webhookUrl: 'http://127.0.0.1:9/shizheng',
  })
})

const remind = async () => runObligationReminders(harness.services.ctx, (await jobSettings(harness.services)).quiet)
async function textsTo(externalId: string): Promise<string[]> {
  const rows = await database.db.select().from(outbox).where(sql`${outbox.recipient}->>'externalId' = ${externalId}`)
  return rows.map((r) => JSON.stringify(r.message))
}

describe('emergency-disposal report (3 working days)', () => {
  it('is reminded the day before, submitted by command, and costs 5 points when late', async () => {
    // Disposed Friday Nov 6: due end of Wednesday Nov 11.
    clock.set(zonedInstant('2026-11-06', TZ, 20))
    const hazard = await reportHazard({
      ctx: harness.services.ctx,
      input: {
        description: '燃气泄漏已关阀',
        category: 'gas',
        emergencyDisposedAt: zonedInstant('2026-11-06', TZ, 19),
      },
      actor: city.actor('张伟'),
    })
    clock.set(zonedInstant('2026-11-09', TZ, 10))
    await remind()
    expect((await textsTo('demo:handler')).some((t) => t.includes('应急处置报告提醒'))).toBe(false)
    clock.set(zonedInstant('2026-11-10', TZ, 10))
    await remind()
    await remind()
    expect(
      (await textsTo('demo:handler')).filter((t) => t.includes('应急处置报告提醒') && t.includes(hazard.code)),
    ).toHaveLength(1)
    // Not submitted in time: the November score shows it.
    clock.set(zonedInstant('2026-11-12', TZ, 10))
    const late = await unitScore(harness.services.ctx, city.unit('shizheng'), periodOfDate('month', '2026-11-01', TZ))
    expect(
      late.deductions.some(
        (d) => d.rule === 'missing_report' && d.reason.includes('应急处置书面报告') && d.reason.includes(hazard.code),
      ),
    ).toBe(true)
    expect((await chat(harness.services, 'demo:handler', `提交处置报告 ${hazard.code}`))[0]).toContain('已登记')
    const [row] = await database.db.select().from(hazards).where(eq(hazards.id, hazard.id))
    expect(row?.emergencyReportSubmittedAt).toEqual(clock.now())
  })
})

describe('patrol team report (5 working days)', () => {
  it('is reminded on its due day and can be submitted by the unit', async () => {
    clock.set(zonedInstant('2026-11-13', TZ, 18))
    const { patrol } = await recordPatrol({
      ctx: harness.services.ctx,
      input: {
        kind: 'team',
        unitId: city.unit('shizheng'),
        startedAt: zonedInstant('2026-11-13', TZ, 9),
        endedAt: zonedInstant('2026-11-13', TZ, 17),
        area: '城区专项巡查',
        patrollers: '巡查组',
        staffCount: 6,
      },
      actor: city.actor('张伟'),
    })
    // Friday Nov 13 + 5 working days = Friday Nov 20.
    clock.set(zonedInstant('2026-11-20', TZ, 9))
    await remind()
    expect((await textsTo('demo:handler')).some((t) => t.includes('巡查报告提醒') && t.includes(patrol.code))).toBe(
      true,
    )
    expect((await chat(harness.services, 'demo:field_staff', `提交巡查报告 ${patrol.code}`))[0]).toContain('已登记')
  })
})

describe('inspections at least twice a month', () => {
  it('reminds the supervisors on the 20th which units are short', async () => {
    clock.set(zonedInstant('2026-11-20', TZ, 9, 30))
    await remind()
    const texts = (await textsTo('demo:supervisor')).filter((t) => t.includes('督查次数提醒'))
    expect(texts).toHaveLength(1)
    expect(texts[0]).toContain('市政建设总公司（本月已0次，应2次）')
  })
})

describe('group chats', () => {
  it('gets a short post after each saved patrol and a summary every Monday, without citizens’ details', async () => {
    clock.set(zonedInstant('2026-11-23', TZ, 16))
    await chat(harness.services, 'demo:field_staff', '今天上午9点到11点在朗州路巡查，出动2人1车，发现一处井盖缺失')
    expect((await chat(harness.services, 'demo:field_staff', '确认'))[0]).toBe('还差一项才能保存。现场是如何处理的？')
    await chat(harness.services, 'demo:field_staff', '已设围挡')
    const saved = await chat(harness.services, 'demo:field_staff', '确认')
    const code = lastCode(saved, 'XC')
    const post = await database.db.select().from(outbox).where(like(outbox.dedupeKey, 'patrol:%'))
    expect(post).toHaveLength(1)
    expect(post[0]?.channel).toBe('wecom-robot')
    expect(post[0]?.recipient).toMatchObject({ kind: 'webhook', url: 'http://127.0.0.1:9/shizheng' })
    expect(JSON.stringify(post[0]?.message)).toContain(code)
    clock.set(zonedInstant('2026-11-30', TZ, 9))
    expect(await runWeeklyGroupSummaries(harness.services.ctx)).toBe(1)
    expect(await runWeeklyGroupSummaries(harness.services.ctx)).toBe(0)
    const summary = await database.db.select().from(outbox).where(like(outbox.dedupeKey, 'week-summary:2026-11-23%'))
    expect(JSON.stringify(summary[0]?.message)).toContain('上周巡查汇总')
    expect(JSON.stringify(summary[0]?.message)).toContain('巡查 1 次')
  })
})
