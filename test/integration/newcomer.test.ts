import { describe, expect, it } from 'vitest'
import { ManualClock } from '../../src/domain/clock'
import { zonedInstant } from '../../src/domain/local-time'
import { chatFeed } from '../../src/services/console-feed'
import { TEST_TIME_ZONE } from '../helpers/db'
import { postForm } from '../helpers/requests'
import { type Seeded, useSeededApp } from '../helpers/seeded'

/**
 * The issue's "done when", through the console only: a patrol report and a complaint filed in the chat
 * simulator show up on the ledgers and the leaders' dashboard.
 */
const clock = new ManualClock(zonedInstant('2026-11-23', TEST_TIME_ZONE, 14))
let seeded: Seeded
useSeededApp(clock, (s) => {
  seeded = s
})

async function say(who: string, text: string): Promise<string> {
  const res = await postForm(seeded.harness.app, `/console/chat/${who}`, { text })
  expect(res.status).toBe(303)
  const feed = await chatFeed(seeded.harness.services.db, `demo:${who}`)
  return feed.filter((item) => item.from === 'bot').at(-1)?.text ?? ''
}

const page = async (path: string) => (await seeded.harness.app.request(path)).text()
const todaysPatrols = (html: string) => Number(/巡查 <a [^>]*><strong>(\d+)<\/strong><\/a> 次/.exec(html)?.[1])

describe('a newcomer’s first minute', () => {
  it('files a patrol report and a complaint in the simulator and sees them on the ledgers and the dashboard', async () => {
    const before = todaysPatrols(await page('/console/dashboard'))
    expect(Number.isInteger(before)).toBe(true)

    let reply = await say('field_staff', '今天上午9点到11点在柳叶湖大道巡查，张伟、王刚出动2人1车，发现一处井盖缺失')
    for (let turns = 0; !reply.includes('确认') && turns < 6; turns++) reply = await say('field_staff', '无')
    expect(reply).toContain('确认')
    reply = await say('field_staff', '确认')
    const patrolCode = /XC20261123-\d{4}/.exec(reply)?.[0]
    const hazardCode = /YH20261123-\d{4}/.exec(reply)?.[0]
    expect(patrolCode).toBeDefined()
    expect(hazardCode).toBeDefined()

    const complaintReply = await say('citizen', '朗州路人行道上的井盖松动了，走上去会翻')
    const complaintCode = /TS20261123-\d{4}/.exec(complaintReply)?.[0]
    expect(complaintCode).toBeDefined()

    expect(await page('/console/patrols')).toContain(patrolCode)
    const patrolPage = await page(`/console/patrols/${patrolCode}`)
    expect(patrolPage).toContain(hazardCode)
    expect(await page('/console/hazards')).toContain(hazardCode)
    expect(await page('/console/complaints')).toContain(complaintCode)
    const dashboard = await page('/console/dashboard')
    expect(todaysPatrols(dashboard)).toBe(before + 1)
  })
})
