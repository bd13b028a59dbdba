import { existsSync, mkdirSync } from 'node:fs'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import { serve } from '@hono/node-server'
import { type Browser, chromium } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ManualClock } from '../../src/domain/clock'
import { zonedInstant } from '../../src/domain/local-time'
import { runTick } from '../../src/jobs/scheduler'
import { seedDemoHistory } from '../../src/seed/demo-history'
import { testApp } from '../helpers/app'
import { createTestDatabase, seedDefaults, TEST_TIME_ZONE, type TestDatabase } from '../helpers/db'

/**
 * The console's pages in a real browser at a desktop (1366×900) and a phone (390×844): standards mode, the
 * CJK font list applied, and on the phone nothing wider than the screen. Screenshots of every page at both
 * sizes go to test-artifacts/browser/layouts/ (CI keeps them).
 */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
const available = existsSync(CHROMIUM)
if (!available) console.warn(`browser tests skipped: no chromium at ${CHROMIUM} (install Debian's chromium package)`)
const artifacts = join(process.cwd(), 'test-artifacts', 'browser', 'layouts')

const SIZES = [
  { name: 'desktop', width: 1366, height: 900 },
  { name: 'phone', width: 390, height: 844 },
] as const

const PAGES = [
  '/console/dashboard',
  '/console/hazards',
  '/console/complaints',
  '/console/patrols',
  '/console/supervisions',
  '/console/map',
  '/console/reports',
  '/console/assessment',
  '/console/admin',
  '/console/admin/people',
]

/** What the page reports about itself, read inside the browser. */
interface PageFacts {
  mode: string
  font: string
  scrollWidth: number
  innerWidth: number
}

describe.skipIf(!available)('console layouts in a real browser', () => {
  const clock = new ManualClock(zonedInstant('2026-11-23', TEST_TIME_ZONE, 10))
  let database: TestDatabase
  let server: ReturnType<typeof serve>
  let base = ''
  let browser: Browser
  const details: string[] = []

  beforeAll(async () => {
    mkdirSync(artifacts, { recursive: true })
    database = await createTestDatabase()
    await seedDefaults(database, clock.now())
    await seedDemoHistory(database.db, { now: clock.now(), timeZone: TEST_TIME_ZONE })
    const { app, services } = testApp(database, clock)
    await runTick(services)
    server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' })
    await new Promise<void>((resolve) => server.once('listening', () => resolve()))
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
    // A detail page of each kind, found through the ledgers as a person would.
    for (const ledger of ['hazards', 'complaints', 'patrols', 'supervisions']) {
      const html = await (await fetch(`${base}/console/${ledger}`)).text()
      const link = new RegExp(`href="(/console/${ledger}/[A-Z]{2}\\d[^"]*)"`).exec(html)?.[1]
      if (link) details.push(link)
    }
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-sync'],
    })
  }, 120_000)

  afterAll(async () => {
    await browser?.close()
    server?.close()
    await database?.drop()
  })

  it.each(SIZES)(
    'shows every page in standards mode and the CJK fonts, at $name size',
    async (size) => {
      expect(details).toHaveLength(4)
      const page = await browser.newPage({ viewport: { width: size.width, height: size.height } })
      try {
        const problems: string[] = []
        for (const path of [...PAGES, ...details]) {
          const response = await page.goto(`${base}${path}`)
          expect(response?.status(), path).toBe(200)
          const facts = (await page.evaluate(`({
          mode: document.compatMode,
          font: getComputedStyle(document.body).fontFamily,
          scrollWidth: document.documentElement.scrollWidth,
          innerWidth: window.innerWidth,
        })`)) as PageFacts
          if (facts.mode !== 'CSS1Compat') problems.push(`${path}: ${facts.mode}`)
          if (!facts.font.includes('PingFang SC')) problems.push(`${path}: font ${facts.font}`)
          if (size.name === 'phone' && facts.scrollWidth > facts.innerWidth)
            problems.push(`${path}: ${facts.scrollWidth}px wide on a ${facts.innerWidth}px screen`)
          const file = `${size.name}${path.replaceAll('/', '_')}.png`
          await page.screenshot({ path: join(artifacts, file), fullPage: true })
        }
        expect(problems).toEqual([])
      } finally {
        await page.close()
      }
    },
    120_000,
  )

  it('shows a ledger as one card per record on the phone, with its labels', async () => {
    const page = await browser.newPage({ viewport: { width: 390, height: 844 } })
    try {
      await page.goto(`${base}/console/hazards`)
      const facts = (await page.evaluate(`(() => {
        const rows = [...document.querySelectorAll('table.ledger tr')]
        const header = rows[0]
        const first = rows[1]
        const code = first.querySelector('td')
        return {
          headerShown: getComputedStyle(header).display !== 'none',
          rowDisplay: getComputedStyle(first).display,
          label: getComputedStyle(code, '::before').content,
          rowHeight: first.getBoundingClientRect().height,
        }
      })()`)) as { headerShown: boolean; rowDisplay: string; label: string; rowHeight: number }
      expect(facts.headerShown).toBe(false)
      expect(facts.rowDisplay).toBe('block')
      expect(facts.label).toContain('编号')
      // A card of a few lines, not one character per line.
      expect(facts.rowHeight).toBeLessThan(400)
    } finally {
      await page.close()
    }
  })
})
