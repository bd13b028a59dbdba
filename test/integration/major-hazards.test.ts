import { and, eq, like } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import {
  complaints,
  escalations,
  hazardEvents,
  hazards,
  identities,
  media,
  outbox,
  people,
  units,
} from '../../src/db/schema'
import { ManualClock, MINUTE_MS } from '../../src/domain/clock'
import { localParts, zonedInstant } from '../../src/domain/local-time'
import { jobSettings } from '../../src/jobs/scheduler'
import { applyHazardCommand } from '../../src/services/hazards'
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
        buttons: [
          { key: `hazard.ack:${hazard.id}`, text: '接报' },
          { key: `hazard.dispose:${hazard.id}`, text: '应急处置' },
          { key: `hazard.assign:${hazard.id}`, text: '交办' },
        ],
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
    const hazardRow = await hazardOf(code)
    expect((await say('demo:supervisor', { kind: 'card', key: `hazard.dispose:${hazardRow.id}` }))[0]).toContain(
      `请先发送现场照片（如有），再发送「处置 ${code} 已采取的措施」`,
    )
    // The scene photo 陈刚 sent from his phone just before (stored as an upload of his chat account).
    const [chenAccount] = await database.db
      .select()
      .from(identities)
      .where(eq(identities.externalId, 'demo:supervisor'))
    const [photo] = await database.db
      .insert(media)
      .values({
        sha256: 'b'.repeat(64),
        mimeType: 'image/jpeg',
        bytes: 10,
        storagePath: '/tmp/xunan-scene.jpg',
        channel: 'console',
        uploaderIdentityId: chenAccount?.id,
        receivedAt: new Date(clock.now().getTime() - 5 * MINUTE_MS),
      })
      .returning()
    const reply = await say('demo:supervisor', `处置 ${code} 已疏散行人并设置围挡，封闭两条车道`)
    expect(reply[0]).toContain('（附现场照片 1 张）')
    expect(reply[0]).toContain('3个工作日内（10月13日 23:59前）')
    const [linkedPhoto] = await database.db
      .select()
      .from(media)
      .where(eq(media.id, photo?.id ?? 0))
    expect(linkedPhoto).toMatchObject({ subjectType: 'hazard', subjectId: hazardRow.id })
    const hazard = await hazardOf(code)
    expect(hazard.emergencyDisposedAt?.getTime()).toBe(clock.now().getTime())
    expect(hazard.emergencyReportDueAt?.getTime()).toBe(zonedInstant('2026-10-14', TZ).getTime() - 1)
    const [event] = await database.db
      .select()
      .from(hazardEvents)
      .where(and(eq(hazardEvents.hazardId, hazard.id), eq(hazardEvents.kind, 'emergency_disposal')))
    expect(event).toMatchObject({
      note: '已疏散行人并设置围挡，封闭两条车道',
      actorId: await personId('陈刚'),
      mediaIds: [photo?.id],
    })
    expect((await say('demo:supervisor', `处置 ${code} 再次处置`))[0]).toContain('已记录应急处置')
  })

  it('is assigned with a six-week 五落实 plan, listed at 本级, and 摘牌 needs a reason', async () => {
    clock.set(zonedInstant('2026-10-12', TZ, 9))
    const hazard = await hazardOf(code)
    // 「YH… 五落实」 starts the assignment form, where the 五落实 is filled in (it was not understood) — for those
    // who hand hazards over only.
    expect((await say('demo:supervisor', `${code} 五落实`)).join('')).toContain('五落实')
    expect(await say('demo:supervisor', '取消')).toEqual(['已取消「隐患交办」填报。'])
    expect((await say('demo:field_staff', `${code} 五落实`))[0]).toMatch(/^您无权使用「隐患交办」/)
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
    // Asked in words by a leader: the listed ones, and the majors with where their 五落实 stands.
    const [listed] = await say('demo:leader', '挂牌督办的有哪些')
    expect(listed).toMatch(new RegExp(`^挂牌督办的隐患 1 项：\n· ${code} 市政建设总公司：.+（本级挂牌，`))
    expect((await say('demo:leader', '五落实情况'))[0]).toMatch(
      new RegExp(`^未销号的重大隐患 \\d+ 项：[\\s\\S]*${code}`),
    )
    // 「…有几个重大隐患还没销号」: the majors open, listed — a unit's own when it asks after them (the counts of
    // everything open had answered, naming no major).
    expect((await say('demo:unit_leader', '我们单位有几个重大隐患还没销号'))[0]).toMatch(
      new RegExp(`^市政建设总公司未销号的重大隐患 \\d+ 项：[\\s\\S]*${code}`),
    )
    expect(await say('demo:handler_zhianchu', '我们单位有几个重大隐患还没销号')).toEqual([
      '质安处目前没有未销号的重大隐患。',
    ])
    expect((await say('demo:leader', '现在有几个重大隐患没销号'))[0]).toMatch(
      new RegExp(`^未销号的重大隐患 \\d+ 项：[\\s\\S]*${code}`),
    )
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

describe('延期 and 改派 on the console', () => {
  it('gives a later deadline and another unit from the hazard’s page, and refuses an earlier deadline', async () => {
    await say('demo:field_staff', '上报隐患 洞庭大道88号井盖松动')
    await say('demo:field_staff', '确认')
    await say('demo:field_staff', '一般')
    const code = lastCode(await say('demo:field_staff', '确认'), 'YH')
    const before = await hazardOf(code)
    const pageBefore = await (await harness.app.request(`/console/hazards/${code}`)).text()
    expect(pageBefore).toContain('<button type="submit">延期</button>')
    expect(pageBefore).toContain('<button type="submit">改派</button>')
    const earlier = await postForm(harness.app, `/console/hazards/${code}/actions`, {
      action: 'extend',
      newDueAt: '2020-01-01T10:00',
      reason: '需协调',
    })
    expect(earlier.status).toBe(400)
    expect(await earlier.text()).toContain('新的整改期限须晚于原期限和当前时间')
    const later = new Date((before.rectifyDueAt as Date).getTime() + 10 * 24 * 3_600_000)
    const local = formatLocalInput(later)
    const extended = await postForm(harness.app, `/console/hazards/${code}/actions`, {
      action: 'extend',
      newDueAt: local,
      reason: '需协调管线单位',
    })
    expect(extended.status).toBe(303)
    expect((await hazardOf(code)).rectifyDueAt?.getTime()).toBe(Math.floor(later.getTime() / 60_000) * 60_000)
    const [zhianchu] = await database.db.select().from(units).where(eq(units.code, 'zhianchu'))
    const moved = await postForm(harness.app, `/console/hazards/${code}/actions`, {
      action: 'reassign',
      unitId: String(zhianchu?.id),
      reason: '属在建工地',
    })
    expect(moved.status).toBe(303)
    expect(await hazardOf(code)).toMatchObject({ unitId: zhianchu?.id, status: 'assigned' })
  })
})

/** An instant as <input type="datetime-local"> gives it: the city's wall-clock time, to the minute. */
function formatLocalInput(instant: Date): string {
  const p = localParts(instant, TZ)
  const two = (n: number) => String(n).padStart(2, '0')
  return `${p.year}-${two(p.month)}-${two(p.day)}T${two(p.hour)}:${two(p.minute)}`
}

describe('a complaint about a real hazard (转为隐患)', () => {
  it('becomes a hazard linked both ways, photos carried over, and the citizen is told at 销号', async () => {
    clock.set(zonedInstant('2026-10-12', TZ, 10))
    const ticket = await say('demo:citizen', '武陵大道128号门口人行道井盖塌陷，我的电话13912345678')
    const complaintCode = lastCode(ticket, 'TS')
    await say('demo:citizen', '不用')
    const [complaint] = await database.db.select().from(complaints).where(eq(complaints.code, complaintCode))
    if (!complaint) throw new Error('no complaint')
    // The citizen's photo of it, as the Official Account stores one.
    await database.db.insert(media).values({
      sha256: 'a'.repeat(64),
      mimeType: 'image/jpeg',
      bytes: 10,
      storagePath: '/tmp/xunan-photo.jpg',
      channel: 'console',
      receivedAt: clock.now(),
      subjectType: 'complaint',
      subjectId: complaint.id,
    })
    const hazardsBefore = (await database.db.select().from(hazards)).length
    expect((await say('demo:field_staff', `转为隐患 ${complaintCode}`))[0]).toBe('您没有权限对该投诉执行此操作。')
    // Refused, nothing is left behind: the hazard it began is rolled back with it.
    expect((await database.db.select().from(hazards)).length).toBe(hazardsBefore)
    const turned = await say('demo:handler', `转为隐患 ${complaintCode}`)
    expect(turned[0]).toMatch(/已将投诉 TS\d{8}-\d{4} 登记为一般隐患 YH\d{8}-\d{4}，已按派单规则交办责任单位/)
    const hazardCode = lastCode(turned, 'YH')
    const hazard = await hazardOf(hazardCode)
    const [linked] = await database.db.select().from(complaints).where(eq(complaints.id, complaint.id))
    expect(linked?.hazardId).toBe(hazard.id)
    expect(hazard).toMatchObject({ complaintId: complaint.id, category: complaint.category, status: 'assigned' })
    // The ledger's staff do not read the citizen's phone number.
    expect(hazard.description).not.toContain('13912345678')
    const photos = await database.db
      .select()
      .from(media)
      .where(and(eq(media.subjectType, 'hazard'), eq(media.subjectId, hazard.id)))
    expect(photos.map((p) => p.storagePath)).toEqual(['/tmp/xunan-photo.jpg'])
    // The complaint's own clock still runs: it is still open for the unit to answer.
    expect(linked?.status).toBe(complaint.status)
    expect((await say('demo:handler', `转为隐患 ${complaintCode}`))[0]).toBe(
      `投诉 ${complaintCode} 已转为隐患 ${hazardCode}。`,
    )

    await applyHazardCommand({
      ctx: harness.services.ctx,
      hazardId: hazard.id,
      command: { action: 'report_rectification', note: '已更换井盖' },
      actor: { personId: await personId('李娜'), role: 'unit_handler', unitId: hazard.unitId },
    })
    const toCitizen = () =>
      database.db
        .select()
        .from(outbox)
        .where(like(outbox.dedupeKey, `complaint-hazard-closed:${complaint.id}`))
    expect(await toCitizen()).toHaveLength(0)
    await applyHazardCommand({
      ctx: harness.services.ctx,
      hazardId: hazard.id,
      command: { action: 'verify_pass' },
      actor: { personId: await personId('陈刚'), role: 'supervisor', unitId: null },
    })
    const told = await toCitizen()
    expect(told).toHaveLength(1)
    expect(told[0]?.recipient).toMatchObject({ externalId: 'demo:citizen' })
    expect(JSON.stringify(told[0]?.message)).toContain(`您反映的问题（编号 ${complaintCode}）已作为安全隐患登记整改`)
  })

  it('is made from a complaint named by its place or thing (「把…那个转成隐患」 had opened a hazard form)', async () => {
    await say('demo:citizen', '人行道上的地砖翘起来了 老人容易绊倒 湘江路和育才路交叉口往南50米')
    await say('demo:citizen', '不用')
    const [named] = await database.db.select().from(complaints).where(like(complaints.description, '%湘江路和育才路%'))
    if (!named) throw new Error('no complaint')
    const before = (await database.db.select().from(hazards)).length
    // None of the open complaints is about the place named: said so, nothing made.
    expect(await say('demo:supervisor', '把滨湖西路护栏的投诉转成隐患')).toEqual([
      '没有找到与「滨湖西路护栏」相符的办理中投诉。请发送「转为隐患 投诉编号」。',
    ])
    expect((await database.db.select().from(hazards)).length).toBe(before)
    const [turned] = await say('demo:supervisor', '把湘江路地砖那个转成重大隐患')
    expect(turned).toMatch(new RegExp(`^已将投诉 ${named.code} 登记为重大隐患 YH\\d{8}-\\d{4}`))
    const hazardCode = lastCode([turned as string], 'YH')
    expect(await hazardOf(hazardCode)).toMatchObject({ complaintId: named.id, level: 'major' })
    expect(await say('demo:supervisor', '把湘江路那个投诉转为隐患')).toEqual([
      `投诉 ${named.code} 已转为隐患 ${hazardCode}。`,
    ])
    expect((await database.db.select().from(hazards)).length).toBe(before + 1)
  })

  it('is offered through the API and the console, once', async () => {
    await say('demo:citizen', '朗州路88号旁边的路灯杆歪了快倒了')
    const first = lastCode(await say('demo:citizen', '朗州路88号'), 'TS')
    await say('demo:citizen', '不用')
    const api = await callApi(harness.app, ADMIN, 'POST', `/complaints/${first}/transitions`, {
      action: 'to_hazard',
      level: 'major',
    })
    expect(api.status).toBe(200)
    const body = (await api.json()) as { data: { hazardCode: string } }
    expect((await hazardOf(body.data.hazardCode)).level).toBe('major')
    const again = await callApi(harness.app, ADMIN, 'POST', `/complaints/${first}/transitions`, { action: 'to_hazard' })
    expect(again.status).toBe(422)
    const page = await (await harness.app.request(`/console/complaints/${first}`)).text()
    expect(page).toContain(`已转为隐患：<a href="/console/hazards/${body.data.hazardCode}">`)
    const hazardPage = await (await harness.app.request(`/console/hazards/${body.data.hazardCode}`)).text()
    expect(hazardPage).toContain(`来自投诉：<a href="/console/complaints/${first}">`)
  })
})

describe('regrading (定级)', () => {
  it('lets the supervising office regrade a reported hazard with a reason, pushing it when it becomes major', async () => {
    clock.set(zonedInstant('2026-10-13', TZ, 9))
    await say('demo:field_staff', '上报隐患 滨湖路人行道树木倾斜')
    await say('demo:field_staff', '确认')
    await say('demo:field_staff', '一般')
    const general = lastCode(await say('demo:field_staff', '确认'), 'YH')
    expect((await say('demo:handler', `定级 ${general} 重大 树干开裂`))[0]).toBe('您没有权限对该隐患执行此操作。')
    expect((await say('demo:supervisor', `定级 ${general} 重大`))[0]).toContain('请写明等级和理由')
    const regraded = await say('demo:supervisor', `定级 ${general} 重大 树干开裂，随时可能倒向人行道`)
    expect(regraded[0]).toContain('已定为重大隐患')
    const hazard = await hazardOf(general)
    expect(hazard.level).toBe('major')
    const [event] = await database.db
      .select()
      .from(hazardEvents)
      .where(and(eq(hazardEvents.hazardId, hazard.id), eq(hazardEvents.kind, 'regrade')))
    expect(event?.note).toBe('定为重大隐患：树干开裂，随时可能倒向人行道')
    const pushed = await database.db
      .select()
      .from(outbox)
      .where(like(outbox.dedupeKey, `major-push:${hazard.id}:%`))
    expect(pushed.length).toBeGreaterThan(0)
    expect((await say('demo:supervisor', `定级 ${general} 重大 再定`))[0]).toBe('该隐患已是重大隐患。')
  })
})
