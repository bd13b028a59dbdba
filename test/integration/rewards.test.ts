import { eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { WORDING } from '../../bots/wording'
import { chatGroups, complaints, outbox, reportRewards } from '../../src/db/schema'
import { ManualClock } from '../../src/domain/clock'
import { zonedInstant } from '../../src/domain/local-time'
import { runDailyDigest } from '../../src/jobs/daily-digest'
import { runWeeklyGroupSummaries } from '../../src/jobs/group-summaries'
import type { testApp } from '../helpers/app'
import { chat, lastCode } from '../helpers/chat'
import type { CityLookup } from '../helpers/city'
import { TEST_TIME_ZONE, type TestDatabase } from '../helpers/db'
import { callApi, demoSignIn, postForm } from '../helpers/requests'
import { useSeededApp } from '../helpers/seeded'

/**
 * Rewarded reporting (有奖举报, source 002 (五)): a citizen's 举报 is verified by the unit, rewarded by the
 * standard and recorded as paid, and the reporter's identity reaches nobody but the reward handlers.
 */
const TZ = TEST_TIME_ZONE
const clock = new ManualClock(zonedInstant('2026-11-23', TZ, 10))
const ADMIN = 'rewards-admin-token-0123456789ab'
const PHONE = '13912345678'
let database: TestDatabase
let harness: ReturnType<typeof testApp>
let city: CityLookup

useSeededApp(
  clock,
  async (seeded) => {
    ;({ database, harness, city } = seeded)
    await database.db.insert(chatGroups).values({
      channel: 'wecom',
      name: '质安处巡查群',
      purpose: 'unit',
      unitId: city.unit('zhianchu'),
      webhookUrl: 'http://127.0.0.1:9/zhianchu',
    })
    await database.db.insert(chatGroups).values({
      channel: 'wecom',
      name: '领导群',
      purpose: 'leaders',
      webhookUrl: 'http://127.0.0.1:9/leaders',
    })
  },
  { DEMO: '1', API_TOKEN: ADMIN },
)

const say = (who: string, text: string) => chat(harness.services, who, text)

const signIn = (name: string) => demoSignIn(harness.app, database.db, name)

let code = ''

describe('a citizen’s 举报', () => {
  it('is taken as rewarded reporting, with the promise of confidentiality', async () => {
    const ticket = await say('demo:citizen', '我要举报：滨湖路88号工地夜间违规施工，基坑边没有围挡')
    code = lastCode(ticket, 'TS')
    expect(ticket[0]).toContain('您的举报人信息将严格保密；经核实属实的，按有奖举报规定给予奖励。')
    await say('demo:citizen', PHONE)
    const [row] = await database.db.select().from(complaints).where(eq(complaints.code, code))
    expect(row).toMatchObject({ whistleblowing: true, citizenPhone: PHONE, unitId: city.unit('zhianchu') })
  })

  it('is verified by the unit it was assigned to, rewarded by the standard, and recorded as paid', async () => {
    // The reporter asking after their reward is told where it stands at each step (they had been told only how
    // reporting is rewarded).
    const asked = async () => (await say('demo:citizen', '我的奖励什么时候发'))[0]
    expect(await asked()).toBe(WORDING.rewardBeingChecked(code))
    expect((await say('demo:handler', `核实 ${code} 属实 现场确有违规施工`))[0]).toBe(
      '只有承办单位或督查人员可以核实举报。',
    )
    expect((await say('demo:handler_zhianchu', `核实 ${code} 属实`))[0]).toContain('请写明核实结果和情况')
    expect((await say('demo:handler_zhianchu', `发放奖励 ${code} 微信转账`))[0]).toBe(
      '只有督查人员或管理员可以登记奖励发放。',
    )
    expect((await say('demo:handler_zhianchu', `核实 ${code} 属实 现场确有夜间施工且无围挡`))[0]).toBe(
      `举报 ${code} 核实属实，按标准奖励 200 元，待督查登记发放。`,
    )
    expect(await asked()).toBe(WORDING.rewardToBePaid(code, 200, true))
    expect((await say('demo:supervisor', `核实 ${code} 不属实 再核`))[0]).toBe('该举报已核实，不能重复核实。')
    expect((await say('demo:supervisor', `发放奖励 ${code} 微信转账`))[0]).toBe(
      `已登记举报 ${code} 的奖励发放（200 元，微信转账）。`,
    )
    expect(await say('demo:citizen', '举报奖励到账了吗')).toEqual([
      WORDING.rewardPaid(code, 200, '11月23日', '微信转账'),
    ])
    // Someone who never made a 举报 is told so, with how one is made.
    expect(await chat(harness.services, 'mp-never-reported', '奖金什么时候能发', 'mp')).toEqual([
      WORDING.citizenNoWhistleblowing,
    ])
    const [complaint] = await database.db.select().from(complaints).where(eq(complaints.code, code))
    const [reward] = await database.db
      .select()
      .from(reportRewards)
      .where(eq(reportRewards.complaintId, complaint?.id ?? 0))
    expect(reward).toMatchObject({ verified: true, amountYuan: 200, paidHow: '微信转账' })
    expect(reward?.paidAt?.getTime()).toBe(clock.now().getTime())
    expect((await say('demo:supervisor', `发放奖励 ${code} 现金`))[0]).toBe('该举报奖励已发放。')
  })

  it('keeps the reporter out of every group post, digest, export, API and Open311 answer', async () => {
    // The week's group summaries and the leaders' digest go out the next days.
    clock.set(zonedInstant('2026-11-24', TZ, 9))
    await runDailyDigest(harness.services.ctx)
    clock.set(zonedInstant('2026-11-30', TZ, 9))
    await runWeeklyGroupSummaries(harness.services.ctx)
    const messages = await database.db.select().from(outbox)
    const toGroups = messages.filter((m) =>
      ['group', 'webhook'].includes(String((m.recipient as { kind?: string }).kind)),
    )
    expect(toGroups.length).toBeGreaterThan(1)
    for (const m of messages) {
      const text = JSON.stringify(m.message)
      expect(text).not.toContain(PHONE)
      expect(text).not.toContain('5678')
    }
    const chen = await signIn('陈刚')
    for (const format of ['csv', 'xlsx']) {
      const res = await harness.app.request(`/console/complaints/export.${format}`, { headers: { cookie: chen } })
      expect(res.status).toBe(200)
      const body = Buffer.from(await res.arrayBuffer()).toString('latin1')
      expect(body).not.toContain('5678')
    }
    const api = await callApi(harness.app, ADMIN, 'GET', `/complaints/${code}`)
    const listed = JSON.stringify(await api.json())
    expect(listed).not.toContain('5678')
    expect(listed).toContain('"citizenPhone":null')
    const open311 = await (await harness.app.request('/open311/v2/requests.json')).text()
    expect(open311).toContain(code)
    expect(open311).not.toContain('5678')
  })

  it('shows the reporter on the rewards page to the reward handlers only', async () => {
    const chen = await signIn('陈刚')
    const page = await (await harness.app.request('/console/rewards', { headers: { cookie: chen } })).text()
    expect(page).toContain(PHONE)
    expect(page).toContain('属实：现场确有夜间施工且无围挡')
    const handler = await signIn('王强')
    expect((await harness.app.request('/console/rewards', { headers: { cookie: handler } })).status).toBe(403)
    const leader = await signIn('刘明')
    expect((await harness.app.request('/console/rewards', { headers: { cookie: leader } })).status).toBe(403)
    // The administrator sets the standard; a supervisor may not.
    expect(
      (await postForm(harness.app, '/console/rewards/standard', { general: '300', major: '3000' }, { cookie: chen }))
        .status,
    ).toBe(403)
    const admin = await signIn('系统管理员')
    expect(
      (await postForm(harness.app, '/console/rewards/standard', { general: '-1', major: '3000' }, { cookie: admin }))
        .status,
    ).toBe(400)
    expect(
      (await postForm(harness.app, '/console/rewards/standard', { general: '300', major: '3000' }, { cookie: admin }))
        .status,
    ).toBe(303)
    const after = await (await harness.app.request('/console/rewards', { headers: { cookie: admin } })).text()
    expect(after).toContain('一般隐患 300 元，重大隐患 3000 元')
  })
})
