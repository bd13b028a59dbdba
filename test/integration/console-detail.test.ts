import { eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { hazards, media } from '../../src/db/schema'
import { HOUR_MS, ManualClock } from '../../src/domain/clock'
import { zonedInstant } from '../../src/domain/local-time'
import { receiveComplaint } from '../../src/services/complaints'
import { applyHazardCommand, reportHazard } from '../../src/services/hazards'
import { TEST_TIME_ZONE } from '../helpers/db'
import { demoSignIn } from '../helpers/requests'
import { type Seeded, useSeededApp } from '../helpers/seeded'

/**
 * A hazard's page tells its whole story: who reported it, the 五落实 of a major one, and its photos grouped by
 * the step they document — 上报, 整改后 — each with the time and the person, not a checksum.
 */
const clock = new ManualClock(zonedInstant('2026-11-23', TEST_TIME_ZONE, 10))
let seeded: Seeded
useSeededApp(
  clock,
  (s) => {
    seeded = s
  },
  { DEMO: '1' },
)

async function photo(sha: string): Promise<number> {
  const [row] = await seeded.database.db
    .insert(media)
    .values({
      sha256: sha.repeat(64),
      mimeType: 'image/jpeg',
      bytes: 10,
      storagePath: `/tmp/xunan-detail-${sha}.jpg`,
      channel: 'console',
      receivedAt: clock.now(),
    })
    .returning()
  if (!row) throw new Error('no photo')
  return row.id
}

describe('the hazard page', () => {
  it('shows what a major hazard still lacks of its 五落实 before it is assigned', async () => {
    const hazard = await reportHazard({
      ctx: seeded.harness.services.ctx,
      input: { description: '燃气管道泄漏', category: 'gas', level: 'major' },
      actor: seeded.city.actor('张伟'),
    })
    const html = await (await seeded.harness.app.request(`/console/hazards/${hazard.code}`)).text()
    expect(html).toContain('五落实（尚缺5项）')
    expect(html).toMatch(/<th>预案<\/th><td>未落实<\/td>/)
  })

  it('names the reporter, shows a major hazard’s 五落实 and groups the photos by step', async () => {
    const ctx = seeded.harness.services.ctx
    const { city } = seeded
    const scene = await photo('a')
    const hazard = await reportHazard({
      ctx,
      input: {
        description: '深基坑支护变形',
        category: 'road_municipal',
        level: 'major',
        mediaIds: [scene],
      },
      actor: city.actor('张伟'),
    })
    await applyHazardCommand({
      ctx,
      hazardId: hazard.id,
      command: {
        action: 'assign',
        unitId: city.unit('shizheng'),
        fiveFixes: {
          responsibility: '李娜',
          measures: '加设支撑，每日监测',
          funding: '专项资金5万元',
          timeLimit: '12月5日前',
          contingencyPlan: '基坑坍塌应急预案',
        },
      },
      actor: city.actor('系统管理员'),
    })
    const [assigned] = await seeded.database.db.select().from(hazards).where(eq(hazards.id, hazard.id))
    if (assigned?.status === 'assigned')
      await applyHazardCommand({ ctx, hazardId: hazard.id, command: { action: 'accept' }, actor: city.actor('李娜') })
    clock.advance(2 * HOUR_MS)
    const after = await photo('b')
    await applyHazardCommand({
      ctx,
      hazardId: hazard.id,
      command: { action: 'report_rectification', note: '支撑已加固' },
      actor: city.actor('李娜'),
      options: { mediaIds: [after] },
    })

    const html = await (await seeded.harness.app.request(`/console/hazards/${hazard.code}`)).text()
    expect(html).toContain('上报人 张伟')
    expect(html).toContain('五落实（已全部落实）')
    expect(html).toMatch(/<th>措施<\/th><td>加设支撑，每日监测<\/td>/)
    expect(html).toMatch(/<th>资金<\/th><td>专项资金5万元<\/td>/)
    const reported = html.indexOf('<h4>上报照片</h4>')
    const rectified = html.indexOf('<h4>整改后照片</h4>')
    expect(reported).toBeGreaterThan(0)
    expect(rectified).toBeGreaterThan(reported)
    expect(html.slice(reported, rectified)).toContain(`/console/media/${scene}`)
    expect(html.slice(rectified)).toContain(`/console/media/${after}`)
    expect(html.slice(rectified)).toMatch(/11月23日 12:00 · 李娜/)
    expect(html).not.toContain('SHA-256')
    // Awaiting 验收: what the unit reported stands beside the buttons that judge it.
    const verify = html.slice(html.indexOf('责任单位整改反馈'), html.indexOf('验收通过（销号）'))
    expect(verify).toContain('支撑已加固')
    expect(verify).toMatch(/李娜，11月23日 12:00，附整改后照片 1 张/)
  })
})

describe('the complaint page', () => {
  it('gives those handling it the number the citizen left for a call back, masked for everyone else', async () => {
    const { harness, database } = seeded
    const ctx = harness.services.ctx
    const called = await receiveComplaint({
      ctx,
      input: {
        channel: 'mp',
        category: 'road_municipal',
        description: '人民路88号井盖没了',
        citizenPhone: '13912345678',
        citizenName: '张先生',
        contactConsent: true,
      },
    })
    const page = async (who: string, code: string) =>
      harness.app.request(`/console/complaints/${code}`, {
        headers: { cookie: await demoSignIn(harness.app, database.db, who) },
      })
    // The unit's handler (the road complaint is routed to 市政) and the duty officer: the number in full.
    for (const who of ['李娜', '赵敏']) {
      const html = await (await page(who, called.code)).text()
      expect(html).toContain('市民希望电话联系：13912345678（张先生）')
    }
    // A leader may read the page, not call: masked.
    const leader = await (await page('刘明', called.code)).text()
    expect(leader).toContain('市民希望电话联系：139****5678（张**）')
    expect(leader).not.toContain('13912345678')
    // Another unit's handler does not see the complaint at all.
    expect((await page('王强', called.code)).status).toBe(404)
    // A 举报 gives no number to anyone; no consent, no number.
    const secret = await receiveComplaint({
      ctx,
      input: {
        channel: 'mp',
        category: 'road_municipal',
        description: '朗州路工地夜间施工',
        citizenPhone: '13800001111',
        contactConsent: true,
        whistleblowing: true,
      },
    })
    const secretPage = await (await page('李娜', secret.code)).text()
    expect(secretPage).toContain('举报人信息保密')
    expect(secretPage).not.toContain('13800001111')
    const quiet = await receiveComplaint({
      ctx,
      input: { channel: 'mp', category: 'road_municipal', description: '柳叶路路灯坏了' },
    })
    expect(await (await page('李娜', quiet.code)).text()).toContain('市民未留电话')
    // An Open311 client's photo link is there to follow, as given.
    const linked = await receiveComplaint({
      ctx,
      input: {
        channel: 'open311',
        category: 'road_municipal',
        description: '井盖缺失',
        mediaUrl: 'https://hotline.example/photos/1.jpg',
      },
    })
    expect(await (await page('李娜', linked.code)).text()).toContain(
      '<a href="https://hotline.example/photos/1.jpg" rel="noopener noreferrer nofollow" target="_blank">',
    )
  })
})
