import { and, eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { auditLog, chatGroups, notifications, people, units } from '../../src/db/schema'
import { ManualClock, MINUTE_MS } from '../../src/domain/clock'
import { zonedInstant } from '../../src/domain/local-time'
import { runTick } from '../../src/jobs/scheduler'
import { receiveComplaint } from '../../src/services/complaints'
import type { testApp } from '../helpers/app'
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

describe('administration of units, people and group chats', () => {
  it('adds and renames a unit, audited; refuses a code in use and deactivating a unit routing points to', async () => {
    const created = await form('/console/admin/units', {
      code: 'chengguan',
      name: '城管执法局',
      kind: 'patrol',
      active: 'on',
    })
    expect(created.status).toBe(303)
    const [unit] = await database.db.select().from(units).where(eq(units.code, 'chengguan'))
    expect(unit).toMatchObject({ name: '城管执法局', active: true })
    await form('/console/admin/units', {
      id: String(unit?.id),
      code: 'chengguan',
      name: '市城管执法局',
      kind: 'patrol',
      active: 'on',
    })
    const [renamed] = await database.db.select().from(units).where(eq(units.code, 'chengguan'))
    expect(renamed?.name).toBe('市城管执法局')
    const [update] = await audits('update_unit')
    expect(update?.before).toMatchObject({ name: '城管执法局' })
    expect(update?.after).toMatchObject({ name: '市城管执法局' })
    expect(update?.actorLabel).toBe('系统管理员（演示）')
    // The audit log reads in words, with its column headings.
    const log = await (await harness.app.request('/console/admin')).text()
    expect(log).toContain('<th>操作</th>')
    expect(log).toContain('<td>修改单位</td>')
    expect(log).not.toMatch(/<td>(update_unit|create_unit|set_routing)<\/td>/)

    const clash = await form('/console/admin/units', {
      code: 'shizheng',
      name: '重复单位',
      kind: 'patrol',
      active: 'on',
    })
    expect(clash.status).toBe(400)
    expect(await clash.text()).toContain('单位代码 shizheng 已被使用。')
    // Roads are routed to shizheng: it cannot be switched off until they are re-routed.
    const off = await form('/console/admin/units', {
      id: String(city.unit('shizheng')),
      code: 'shizheng',
      name: '市政建设总公司',
      kind: 'patrol',
    })
    expect(off.status).toBe(400)
    const [still] = await database.db
      .select()
      .from(units)
      .where(eq(units.id, city.unit('shizheng')))
    expect(still?.active).toBe(true)
    expect(await audits('create_unit')).toHaveLength(1)
  })

  it('adds a person with a role and unit, and refuses staff without a unit or with a bad phone', async () => {
    const ok = await form('/console/admin/people', {
      name: '周杰',
      role: 'unit_handler',
      unitId: String(city.unit('zhianchu')),
      phone: '13900000009',
      active: 'on',
    })
    expect(ok.status).toBe(303)
    const [person] = await database.db.select().from(people).where(eq(people.name, '周杰'))
    expect(person).toMatchObject({ role: 'unit_handler', unitId: city.unit('zhianchu'), active: true })
    const page = await (await harness.app.request('/console/admin/people')).text()
    expect(page).toContain('value="周杰"')

    const noUnit = await form('/console/admin/people', { name: '无单位', role: 'field_staff', active: 'on' })
    expect(noUnit.status).toBe(400)
    expect(await noUnit.text()).toContain('工作人员须选择所属单位。')
    const badPhone = await form('/console/admin/people', {
      name: '错号',
      role: 'field_staff',
      unitId: String(city.unit('zhianchu')),
      phone: 'call me',
    })
    expect(await badPhone.text()).toContain('电话号码格式不正确')
    expect(await database.db.select().from(people).where(eq(people.name, '无单位'))).toHaveLength(0)
    expect(await audits('create_person')).toHaveLength(1)
  })

  it('registers a unit group robot by the name of its secret’s variable, and removes it', async () => {
    const added = await form('/console/admin/groups', {
      name: '质安处工作群',
      channel: 'wecom-robot',
      purpose: 'unit',
      unitId: String(city.unit('zhianchu')),
      webhookUrl: 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=abc',
      secretEnv: 'ROBOT_SECRET_ZHIANCHU',
    })
    expect(added.status).toBe(303)
    const [group] = await database.db.select().from(chatGroups).where(eq(chatGroups.name, '质安处工作群'))
    expect(group).toMatchObject({ purpose: 'unit', unitId: city.unit('zhianchu'), secretEnv: 'ROBOT_SECRET_ZHIANCHU' })
    const secretValue = await form('/console/admin/groups', {
      name: '泄密群',
      channel: 'wecom-robot',
      purpose: 'leaders',
      webhookUrl: 'https://example.com/hook',
      secretEnv: 'SEC1234abcd',
    })
    expect(await secretValue.text()).toContain('密钥只填以 ROBOT_SECRET_ 开头的环境变量名')
    const nowhere = await form('/console/admin/groups', { name: '空群', channel: 'wecom', purpose: 'leaders' })
    expect(await nowhere.text()).toContain('至少一项')

    await form('/console/admin/groups/remove', { id: String(group?.id) })
    expect(await database.db.select().from(chatGroups).where(eq(chatGroups.name, '质安处工作群'))).toHaveLength(0)
    const [removed] = await audits('remove_group')
    expect(removed?.before).toMatchObject({ name: '质安处工作群' })
  })
})

describe('reminder settings', () => {
  it('shows the defaults, validates, and the complaint reminder follows the saved timing', async () => {
    const page = await (await harness.app.request('/console/admin/settings')).text()
    expect(page).toContain('默认 120')
    const bad = await form('/console/admin/settings', {
      quietHoursStart: '25:00',
      quietHoursEnd: '07:00',
      remindUnacceptedMinutes: '30',
      escalationAckMinutes: '30',
      digestTime: '08:30',
    })
    expect(bad.status).toBe(400)
    expect(await bad.text()).toContain('请按 HH:MM 填写时间')
    expect(await audits('set_reminders')).toHaveLength(0)

    const saved = await form('/console/admin/settings', {
      quietHoursStart: '22:00',
      quietHoursEnd: '07:00',
      remindUnacceptedMinutes: '30',
      escalationAckMinutes: '30',
      digestTime: '08:30',
    })
    expect(saved.status).toBe(303)
    expect(await audits('set_reminders')).toHaveLength(1)
    expect(await (await harness.app.request('/console/admin/settings')).text()).toContain('value="30"')

    // With the default (120 minutes) nothing would be due 40 minutes after filing; with 30 it is.
    const complaint = await receiveComplaint({
      ctx: harness.services.ctx,
      input: { channel: 'mp', category: 'road_municipal', description: '路面坑洼' },
    })
    clock.advance(40 * MINUTE_MS)
    await runTick(harness.services)
    const reminders = await database.db
      .select()
      .from(notifications)
      .where(and(eq(notifications.subjectType, 'complaint'), eq(notifications.subjectId, String(complaint.id))))
    expect(reminders.map((r) => r.kind)).toContain('remind_unaccepted')
  })
})
