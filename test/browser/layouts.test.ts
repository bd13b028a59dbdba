import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import type { serve } from '@hono/node-server'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ManualClock } from '../../src/domain/clock'
import { zonedInstant } from '../../src/domain/local-time'
import { runTick } from '../../src/jobs/scheduler'
import { seedDemoHistory } from '../../src/seed/demo-history'
import { testApp } from '../helpers/app'
import { chromiumAvailable, launchChromium, serveOnLoopback } from '../helpers/browser'
import { createTestDatabase, seedDefaults, TEST_TIME_ZONE, type TestDatabase } from '../helpers/db'
import { internalCodePattern } from '../helpers/vocabulary'

/**
 * The console's pages in a real browser at a desktop (1366×900) and a phone (390×844): standards mode, the
 * CJK font list applied, and on the phone nothing wider than the screen. Screenshots of every page at both
 * sizes go to test-artifacts/browser/layouts/, and of every page each role sees to .../layouts/roles/ (CI keeps
 * them).
 */
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

/** Demo people, one of each role the console shows pages to (the role names the screenshot files). */
const ROLES = [
  { person: '系统管理员', role: 'admin' },
  { person: '李娜', role: 'unit_handler' },
  { person: '张伟', role: 'field_staff' },
  { person: '刘明', role: 'leader' },
  { person: '陈刚', role: 'supervisor' },
] as const

/** Goes to a page (unless already there) and lists what is wrong with it. */
async function inspect(page: Page, base: string, path: string, who: string): Promise<string[]> {
  const here = page.url().startsWith(base) ? page.url().slice(base.length) : ''
  if (here !== path) {
    const response = await page.goto(`${base}${path}`)
    if (response?.status() !== 200) return [`${who} ${path}: HTTP ${response?.status()}`]
  }
  const facts = (await page.evaluate(`({
    mode: document.compatMode,
    font: getComputedStyle(document.body).fontFamily,
    scrollWidth: document.documentElement.scrollWidth,
    innerWidth: window.innerWidth,
    text: document.body.innerText,
  })`)) as PageFacts & { text: string }
  const problems: string[] = []
  if (facts.mode !== 'CSS1Compat') problems.push(`${who} ${path}: ${facts.mode}`)
  if (!facts.font.includes('PingFang SC')) problems.push(`${who} ${path}: font ${facts.font}`)
  if (facts.innerWidth < 640 && facts.scrollWidth > facts.innerWidth)
    problems.push(`${who} ${path}: ${facts.scrollWidth}px wide on a ${facts.innerWidth}px screen`)
  const code = internalCodePattern().exec(facts.text)?.[1]
  if (code) problems.push(`${who} ${path}: shows "${code}"`)
  return problems
}

describe.skipIf(!chromiumAvailable)('console layouts in a real browser', () => {
  const clock = new ManualClock(zonedInstant('2026-11-23', TEST_TIME_ZONE, 10))
  let database: TestDatabase
  let server: ReturnType<typeof serve>
  let base = ''
  let browser: Browser
  const details: string[] = []

  beforeAll(async () => {
    mkdirSync(join(artifacts, 'roles'), { recursive: true })
    database = await createTestDatabase()
    await seedDefaults(database, clock.now())
    await seedDemoHistory(database.db, { now: clock.now(), timeZone: TEST_TIME_ZONE })
    const { app, services } = testApp(database, clock)
    await runTick(services)
    ;({ base, server } = await serveOnLoopback(app.fetch))
    // A detail page of each kind, found through the ledgers as a person would.
    for (const ledger of ['hazards', 'complaints', 'patrols', 'supervisions']) {
      const html = await (await fetch(`${base}/console/${ledger}`)).text()
      const link = new RegExp(`href="(/console/${ledger}/[A-Z]{2}\\d[^"]*)"`).exec(html)?.[1]
      if (link) details.push(link)
    }
    browser = await launchChromium()
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
          problems.push(...(await inspect(page, base, path, size.name)))
          await page.screenshot({
            path: join(artifacts, `${size.name}${path.replaceAll('/', '_')}.png`),
            fullPage: true,
          })
        }
        expect(problems).toEqual([])
      } finally {
        await page.close()
      }
    },
    120_000,
  )

  it('shows each role its own pages, at both sizes, with no internal code in the text', async () => {
    const problems: string[] = []
    for (const { person, role } of ROLES) {
      const context = await browser.newContext({ viewport: { width: 1366, height: 900 } })
      try {
        const page = await context.newPage()
        // Signing in as the demo person, as the 以此身份登录 button does.
        await page.goto(`${base}/console`)
        const signIn = page.locator('tr', { hasText: person }).locator('button', { hasText: '以此身份登录' })
        // Demo mode browses as the administrator until someone else is chosen: that row says 当前身份.
        if ((await signIn.count()) > 0) {
          await signIn.click()
          await page.waitForURL((url) => url.pathname !== '/console')
        }
        const nav = await page.$$eval('header nav a', (links) => links.map((a) => a.getAttribute('href') ?? ''))
        expect(nav.length, person).toBeGreaterThan(0)
        const paths = [...new Set([...nav.filter((href) => href !== '/console'), ...details])]
        for (const size of SIZES) {
          await page.setViewportSize({ width: size.width, height: size.height })
          for (const path of paths) {
            const response = await page.goto(`${base}${path}`)
            // A detail page of another unit is not this person's to open: 404 is the right answer.
            if (response?.status() === 404 || response?.status() === 403) continue
            problems.push(...(await inspect(page, base, path, `${person} ${size.name}`)))
            await page.screenshot({
              path: join(artifacts, 'roles', `${role}-${size.name}${path.replaceAll('/', '_')}.png`),
              fullPage: true,
            })
          }
        }
      } finally {
        await context.close()
      }
    }
    expect(problems).toEqual([])
  }, 300_000)

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
