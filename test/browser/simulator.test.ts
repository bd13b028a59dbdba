import { existsSync, mkdirSync } from 'node:fs'
import { join } from 'node:path'
import type { serve } from '@hono/node-server'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ManualClock } from '../../src/domain/clock'
import { zonedInstant } from '../../src/domain/local-time'
import { FAKE_IMAGE } from '../fakes/wechat-api'
import { testApp } from '../helpers/app'
import { chromiumAvailable, launchChromium, serveOnLoopback } from '../helpers/browser'
import { createTestDatabase, seedDefaults, TEST_TIME_ZONE, type TestDatabase } from '../helpers/db'

/**
 * The console in a real browser (Debian's chromium, driven by playwright-core): a citizen files a complaint
 * with a photo, the handler accepts it with the card button and replies, the citizen sees the outcome, the
 * ledger shows the whole timeline, the export downloads. Screenshots go to test-artifacts/browser/.
 * .ci/run installs chromium when it is missing; only when it cannot be installed is this file skipped.
 */
const artifacts = join(process.cwd(), 'test-artifacts', 'browser')

// Skipped only when no browser can be had on this machine (see the warning above).
describe.skipIf(!chromiumAvailable)('console in a real browser', () => {
  const clock = new ManualClock(zonedInstant('2026-11-23', TEST_TIME_ZONE, 10))
  let database: TestDatabase
  let server: ReturnType<typeof serve>
  let base = ''
  let browser: Browser
  let page: Page

  beforeAll(async () => {
    mkdirSync(artifacts, { recursive: true })
    database = await createTestDatabase()
    await seedDefaults(database, clock.now())
    const { app } = testApp(database, clock)
    ;({ base, server } = await serveOnLoopback(app.fetch))
    browser = await launchChromium()
    page = await browser.newPage({
      acceptDownloads: true,
      viewport: { width: 1100, height: 900 },
      // The phone-like location picker reads the browser's position.
      geolocation: { latitude: 29.0405, longitude: 111.6951 },
      permissions: ['geolocation'],
    })
  }, 120_000)

  afterAll(async () => {
    await browser?.close()
    server?.close()
    await database?.drop()
  })

  /** Waits until the live feed (updated over the event stream, no reload) shows the expected text. */
  async function feedShows(expected: string | RegExp) {
    await page.waitForFunction(
      ([source, flags]) => {
        // Runs inside the page, where there is a DOM; this file is compiled without one.
        const page = globalThis as unknown as {
          document: { querySelector(s: string): { textContent: string | null } | null }
        }
        return new RegExp(source, flags).test(page.document.querySelector('#feed')?.textContent ?? '')
      },
      typeof expected === 'string'
        ? [expected.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), '']
        : [expected.source, expected.flags],
    )
  }

  async function send(who: string, text: string, expected: string | RegExp) {
    await page.goto(`${base}/console/chat/${who}`)
    await page.waitForSelector('#feed[data-live="on"]')
    await page.fill('textarea[name=text]', text)
    await page.click(`form[action$="/chat/${who}"] button[type=submit]`)
    await feedShows(expected)
    // Sent in the background: the page did not reload and the box is ready for the next message.
    expect(page.url()).toBe(`${base}/console/chat/${who}`)
    expect(await page.inputValue('textarea[name=text]')).toBe('')
  }

  it('takes a complaint from citizen to ledger', async () => {
    await send('citizen', '武陵大道与洞庭大道交叉口的井盖不见了，晚上很危险', /TS20261123-\d{4}/)
    const code = (await page.textContent('#feed'))?.match(/TS20261123-\d{4}/)?.[0] ?? ''
    expect(code).not.toBe('')
    await page.setInputFiles('input[name=photo]', { name: 'manhole.png', mimeType: 'image/png', buffer: FAKE_IMAGE })
    await page.click('form[action$="/photo"] button')
    await feedShows(`已将照片补充到投诉 ${code}`)
    await page.screenshot({ path: join(artifacts, '1-citizen.png'), fullPage: true })

    await page.goto(`${base}/console/chat/handler`)
    await page.waitForSelector('#feed[data-live="on"]')
    await page.click('button:has-text("接收")')
    await feedShows(`已签收投诉 ${code}`)
    await send('handler', `回复 ${code} 已补装井盖并恢复路面`, `已回复投诉 ${code}`)
    await page.screenshot({ path: join(artifacts, '2-handler.png'), fullPage: true })

    // The citizen's page, left open, receives the outcome live.
    await page.goto(`${base}/console/chat/citizen`)
    await feedShows(`您反映的问题（编号 ${code}）已办理：已补装井盖并恢复路面`)

    await page.goto(`${base}/console/complaints/${code}`)
    const timeline = await page.textContent('body')
    for (const step of ['受理', '派单', '签收', '答复', '办结']) expect(timeline).toContain(step)
    await page.screenshot({ path: join(artifacts, '3-ledger.png'), fullPage: true })

    await page.goto(`${base}/console/complaints`)
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('a:has-text("XLSX")')])
    const saved = join(artifacts, 'complaints.xlsx')
    await download.saveAs(saved)
    expect(existsSync(saved)).toBe(true)
  }, 120_000)

  it('picks the current location and sends it, as on a phone', async () => {
    await page.goto(`${base}/console/chat/field_staff`)
    await page.waitForSelector('#feed[data-live="on"]')
    await page.click('#use-my-location')
    await page.waitForFunction(() => {
      const doc = (globalThis as unknown as { document: { querySelector(s: string): { value: string } | null } })
        .document
      return doc.querySelector('input[name=latitude]')?.value === '29.040500'
    })
    expect(await page.inputValue('input[name=longitude]')).toBe('111.695100')
    await page.click('form[action$="/location"] button[type=submit]')
    await feedShows('[位置] 当前位置')
  }, 60_000)
})
