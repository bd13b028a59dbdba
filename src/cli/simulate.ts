import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { eq } from 'drizzle-orm'
import { DEFAULT_CITY } from '../../bots/default-city'
import { loadPlatformBots } from '../channels/bots'
import type { InboundMessage } from '../channels/types'
import { loadConfig } from '../config'
import { openDatabase } from '../db/client'
import { escalations, outbox, periodicReports } from '../db/schema'
import { ManualClock, MINUTE_MS } from '../domain/clock'
import { localDate, zonedInstant } from '../domain/local-time'
import { runTick } from '../jobs/scheduler'
import { silentLogger } from '../logger'
import { recordInbound } from '../messaging/inbox'
import { seedCity } from '../seed/seed-city'
import { seedOfficialCalendar } from '../services/calendar'
import { createServices } from '../wiring'

/**
 * `npm run simulate -- --days 7`: the demo city on a simulated clock. Citizens complain, staff patrol and
 * report hazards, some handlers answer and some do not; every 15 simulated minutes the scheduled jobs run.
 * At the end it prints what the rules produced: reminders, escalations, digests, report files. Runs on a
 * throw-away embedded database; nothing real is sent (every message goes to the console channel).
 */
const { values } = parseArgs({ options: { days: { type: 'string', default: '7' }, start: { type: 'string' } } })
const days = Math.max(1, Math.min(62, Number(values.days) || 7))
const scratch = mkdtempSync(join(tmpdir(), 'xunan-sim-'))
const config = loadConfig({ ...process.env, DEMO: '1', DATABASE_URL: '', DATA_DIR: scratch })
const clock = new ManualClock(
  values.start
    ? zonedInstant(values.start, config.timeZone, 8)
    : zonedInstant(localDate(new Date(), config.timeZone), config.timeZone, 8),
)
const handle = await openDatabase({ kind: 'pglite' })
await handle.migrate()
await seedOfficialCalendar(handle.db)
await seedCity(handle.db, DEFAULT_CITY, { now: clock.now(), timeZone: config.timeZone })
const services = createServices({ config, handle, clock, logger: silentLogger, platforms: loadPlatformBots({}) })

let sequence = 0
/** One message from a demo person through the public pipeline, as the console's chat sends it. */
async function send(sender: string, content: Pick<InboundMessage, 'kind' | 'text' | 'event'>): Promise<void> {
  const { id } = await recordInbound(services.db, {
    channel: 'console',
    botId: 'default',
    messageId: `sim-${++sequence}`,
    sender: { externalId: sender },
    chat: { type: 'private', id: sender },
    at: clock.now(),
    ...content,
  })
  await services.inbound.process(id)
}
const say = (sender: string, text: string) => send(sender, { kind: 'text', text })

const { receiveComplaint } = await import('../services/complaints')
const { notifyComplaintAssignment } = await import('../services/complaint-notices')
const script: Record<number, () => Promise<void>> = {
  0: async () => {
    await say('demo:field_staff', '今天上午8点到10点在柳叶湖大道巡查，出动2人1车，发现一处井盖缺失已设围挡')
    await say('demo:field_staff', '确认')
    for (const description of ['武陵大道路灯不亮', '朗州路人行道被挖开没有围挡', '小区楼下燃气味很重']) {
      const c = await receiveComplaint({
        ctx: services.ctx,
        input: { channel: 'console', category: description.includes('燃气') ? 'gas' : 'road_municipal', description },
      })
      await notifyComplaintAssignment(services.ctx, c)
    }
  },
  1: async () => {
    await say('demo:handler', '我的待办')
    await say('demo:field_staff', '上报隐患 长港路工地脚手架严重倾斜')
    await say('demo:field_staff', '确认')
  },
}

/** A press on a card button, as the console's chat does it. */
const press = (sender: string, key: string) => send(sender, { kind: 'card_action', event: { name: 'card_click', key } })

/**
 * The office at work: each working morning the field worker patrols (finding something every other day),
 * and everyone answers the cards they were sent: a unit fills its campaign table before confirming it,
 * confirms its reports (确认上报), leaders sign (签字) the reports and supervisions waiting for them.
 */
const answered = new Set<string>()
async function officeWork(day: number): Promise<void> {
  const date = localDate(clock.now(), config.timeZone)
  const calendar = await services.ctx.calendar.get()
  if (!calendar.isWorkingDay(date)) return
  const area = ['柳叶湖大道', '武陵大道', '朗州路', '人民路'][day % 4]
  const found = day % 2 === 0 ? `，发现${area}井盖松动已设警示` : '，未发现隐患'
  await say('demo:field_staff', `今天上午8点到10点在${area}巡查，出动2人1车，张伟带队${found}`)
  await say('demo:field_staff', '确认')
  if (day === 2) {
    for (const text of [
      '督查',
      '市政建设总公司',
      '今天上午9点',
      '刘明',
      '陈刚、赵敏',
      '日巡查台账、隐患整改',
      '部分台账未签字',
      '三日内补签',
    ])
      await say('demo:supervisor', text)
    await say('demo:supervisor', '确认')
  }
  // In the order they were sent: a card that reached several people is answered by the first it reached.
  const cards = await services.db.select().from(outbox).where(eq(outbox.channel, 'console')).orderBy(outbox.id)
  for (const row of cards) {
    const message = row.message as { type: string; buttons?: { key: string }[] }
    const key = message.buttons?.[0]?.key
    const to = (row.recipient as { externalId?: string }).externalId
    if (message.type !== 'card' || !key || !to || !/^(report\.(submit|sign)|supervision\.sign):/.test(key)) continue
    if (answered.has(key)) continue
    answered.add(key)
    const [report] = key.startsWith('report.submit:')
      ? await services.db
          .select()
          .from(periodicReports)
          .where(eq(periodicReports.id, Number(key.split(':')[1])))
      : []
    if (report?.kind === 'campaign')
      for (const text of ['填报统计表', '1、1', '无', '3、3', '基础建设：专职监管人员不足；仅2人；已申请增编', '确认'])
        await say(to, text)
    await press(to, key)
  }
}

const started = clock.now()
const steps = (days * 24 * 60) / 15
for (let step = 0; step < steps; step++) {
  const day = Math.floor((step * 15) / (24 * 60))
  if (step % ((24 * 60) / 15) === 0) await script[day]?.()
  await runTick(services)
  // 10:00 local each day (the simulation starts at 08:00): the morning's office work.
  if (step % ((24 * 60) / 15) === 8) await officeWork(day)
  clock.advance(15 * MINUTE_MS)
}

const sent = await services.db.select().from(outbox)
const texts = sent.map((r) => JSON.stringify(r.message))
const count = (needle: string) => texts.filter((t) => t.includes(needle)).length
const chain = await services.db.select().from(escalations)
const reports = await services.db.select().from(periodicReports)
console.log(
  `Simulated ${days} day(s), ${localDate(started, config.timeZone)} to ${localDate(clock.now(), config.timeZone)}, in 15-minute ticks.`,
)
console.log(`messages queued: ${sent.length}`)
console.log(
  `  complaint reminders: ${count('待签收提醒') + count('即将超时')}, escalation cards: ${count('超时升级')} (levels: ${chain.map((e) => e.level).join(',') || '—'})`,
)
console.log(
  `  hazard reminders: ${count('整改提醒') + count('今日到期') + count('已超期')}, major overdue: ${count('重大隐患超期')}`,
)
console.log(
  `  daily digests: ${count('巡安日报')}, report cards: ${count('确认上报')}, report reminders: ${count('报表到期提醒')}`,
)
console.log(`report files (${reports.length}):`)
for (const r of reports)
  console.log(`  ${r.kind} ${r.periodStart}..${r.periodEnd} ${r.submittedAt ? '已上报' : '未上报'} → ${r.filePath}`)
await handle.close()
