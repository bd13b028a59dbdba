import { eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { hazards } from '../../src/db/schema'
import { HOUR_MS, ManualClock } from '../../src/domain/clock'
import { localDate, zonedInstant } from '../../src/domain/local-time'
import { recordFinding } from '../../src/services/assessment-findings'
import { applyComplaintCommand, receiveComplaint } from '../../src/services/complaints'
import { reportHazard } from '../../src/services/hazards'
import type { testApp } from '../helpers/app'
import type { CityLookup } from '../helpers/city'
import { TEST_TIME_ZONE, type TestDatabase } from '../helpers/db'
import { useSeededApp } from '../helpers/seeded'

const clock = new ManualClock(zonedInstant('2026-11-20', TEST_TIME_ZONE, 9))
let database: TestDatabase
let harness: ReturnType<typeof testApp>
let city: CityLookup

useSeededApp(clock, (seeded) => {
  ;({ database, harness, city } = seeded)
})

describe('leaders’ dashboard', () => {
  it('shows overdue items and the complaint 1-day rate computed from the ledger', async () => {
    const ctx = harness.services.ctx
    const handler = city.actor('李娜')
    // Three complaints due before "now": one handled in 5 h, one in 30 h, one never.
    const made = []
    for (const description of ['路灯不亮', '井盖松动', '路面坑洼']) {
      made.push(await receiveComplaint({ ctx, input: { channel: 'mp', category: 'road_municipal', description } }))
    }
    for (const [index, hours] of [
      [0, 5],
      [1, 30],
    ] as const) {
      const complaint = made[index]
      if (!complaint) continue
      clock.set(new Date(complaint.receivedAt.getTime() + HOUR_MS))
      await applyComplaintCommand({ ctx, complaintId: complaint.id, command: { action: 'accept' }, actor: handler })
      clock.set(new Date(complaint.receivedAt.getTime() + hours * HOUR_MS))
      await applyComplaintCommand({
        ctx,
        complaintId: complaint.id,
        command: { action: 'reply', outcome: '已处理' },
        actor: handler,
      })
    }
    const hazard = await reportHazard({
      ctx,
      input: { description: '护栏缺失', category: 'road_municipal' },
      actor: city.actor('张伟'),
    })
    await database.db
      .update(hazards)
      .set({ rectifyDueAt: zonedInstant('2026-11-21', TEST_TIME_ZONE, 18) })
      .where(eq(hazards.id, hazard.id))
    clock.set(zonedInstant('2026-11-23', TEST_TIME_ZONE, 10))
    const html = await (await harness.app.request('/console/dashboard')).text()
    expect(html).toMatch(/id="on-time-rate">33\.3%</)
    expect(html).toMatch(/id="overdue-hazards">1</)
    expect(html).toMatch(/id="overdue-complaints">1</)
    expect(html).toContain('市政建设总公司')
  })

  it('links every number to the ledger that lists exactly those records', async () => {
    const html = await (await harness.app.request('/console/dashboard')).text()
    const figures = [
      ...html.matchAll(/<a href="(\/console\/(?:hazards|complaints|patrols)\?[^"]+)">(?:<strong[^>]*>)?(\d+)</g),
    ]
    // Today's three, the open and overdue counts, and three per day of the trend.
    expect(figures.length).toBeGreaterThanOrEqual(8 + 21)
    for (const [, href, shown] of figures) {
      const path = (href as string).replaceAll('&amp;', '&')
      const ledger = await (await harness.app.request(path)).text()
      const kind = /\/console\/(\w+)\?/.exec(path)?.[1]
      const rows = new Set(
        [...ledger.matchAll(new RegExp(`href="/console/${kind}/([A-Z]{2}\\d[^"]*)"`, 'g'))].map((m) => m[1]),
      )
      expect(rows.size, path).toBe(Number(shown))
    }
  })

  it('shows a finding in the month’s scores at once', async () => {
    const ctx = harness.services.ctx
    const scoreOf = async () => {
      const html = await (await harness.app.request('/console/dashboard')).text()
      const row = /市政建设总公司<\/a><\/td><td[^>]*>[^<]*<\/td><td[^>]*>(\d+|一票否决)<\/td>/.exec(html)
      return row?.[1]
    }
    const before = await scoreOf()
    expect(before).toMatch(/^\d+$/)
    await recordFinding(
      ctx,
      { personId: null, label: '安监科' },
      {
        unitId: city.unit('shizheng'),
        rule: 'no_accountability_mechanism',
        appliesOn: localDate(clock.now(), TEST_TIME_ZONE),
        reason: '未建立巡查考评问责机制',
      },
    )
    expect(Number(await scoreOf())).toBe(Number(before) - 10)
  })
})
