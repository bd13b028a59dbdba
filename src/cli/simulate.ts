import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { DEFAULT_CITY } from '../../bots/default-city'
import { loadPlatformBots } from '../channels/bots'
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
async function say(sender: string, text: string): Promise<void> {
  const { id } = await recordInbound(services.db, {
    channel: 'console',
    botId: 'default',
    messageId: `sim-${++sequence}`,
    sender: { externalId: sender },
    chat: { type: 'private', id: sender },
    kind: 'text',
    text,
    at: clock.now(),
  })
  await services.inbound.process(id)
}

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

const started = clock.now()
const steps = (days * 24 * 60) / 15
for (let step = 0; step < steps; step++) {
  const day = Math.floor((step * 15) / (24 * 60))
  if (step % ((24 * 60) / 15) === 0) await script[day]?.()
  await runTick(services)
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
for (const r of reports) console.log(`  ${r.kind} ${r.periodStart}..${r.periodEnd} → ${r.filePath}`)
await handle.close()
