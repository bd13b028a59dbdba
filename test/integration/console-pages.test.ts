import { eq } from 'drizzle-orm'
import { HtmlValidate } from 'html-validate'
import { describe, expect, it } from 'vitest'
import { people } from '../../src/db/schema'
import { ManualClock } from '../../src/domain/clock'
import { zonedInstant } from '../../src/domain/local-time'
import { runTick } from '../../src/jobs/scheduler'
import { seedDemoHistory } from '../../src/seed/demo-history'
import { TEST_TIME_ZONE } from '../helpers/db'
import { postForm } from '../helpers/requests'
import { type Seeded, useSeededApp } from '../helpers/seeded'
import { internalCodePattern } from '../helpers/vocabulary'

/**
 * Every console page a person can reach, as every demo role: the pages are found by following the links from
 * the navigation (so a new page is checked without being listed here), each must be valid HTML5 by the
 * html-validate package's standard rules, and none may show an internal code where the office reads Chinese.
 */
const clock = new ManualClock(zonedInstant('2026-11-23', TEST_TIME_ZONE, 10))
let seeded: Seeded

useSeededApp(
  clock,
  async (s) => {
    seeded = s
    await seedDemoHistory(s.database.db, { now: clock.now(), timeZone: TEST_TIME_ZONE })
    // The jobs' pass drafts the reports, so report pages exist to be reached.
    await runTick(s.harness.services)
  },
  { DEMO: '1' },
)

/** Links that are downloads, streams or actions rather than pages. */
const NOT_A_PAGE = /\.(csv|xlsx)(\?|$)|\/file$|\/media\/|\/events$|\/logout$/

/** Follows console links breadth-first from the navigation; at most `limit` pages, one per path shape and query. */
async function crawl(cookie: string | undefined, limit = 80): Promise<Map<string, string>> {
  const pages = new Map<string, string>()
  const queue = ['/console', '/console/dashboard']
  const seenShapes = new Set<string>()
  while (queue.length > 0 && pages.size < limit) {
    const path = queue.shift() as string
    if (pages.has(path)) continue
    const response = await seeded.harness.app.request(path, cookie ? { headers: { cookie } } : {})
    if (response.status !== 200 || !(response.headers.get('content-type') ?? '').includes('text/html')) continue
    const html = await response.text()
    pages.set(path, html)
    for (const [, href] of html.matchAll(/href="(\/console[^"#]*)"/g)) {
      const link = (href as string).replaceAll('&amp;', '&')
      if (NOT_A_PAGE.test(link) || pages.has(link)) continue
      // One page per shape: /console/hazards/YH… once, not every hazard of the city.
      const shape = link
        .replace(/\/[A-Z]{2}\d[\w-]*/g, '/:code')
        .replace(/\/\d+(?=\/|$|\?)/g, '/:id')
        .replace(/=[^&]*/g, '=')
      if (seenShapes.has(shape)) continue
      seenShapes.add(shape)
      queue.push(link)
    }
  }
  return pages
}

async function signInAs(name: string): Promise<string> {
  const [person] = await seeded.database.db.select({ id: people.id }).from(people).where(eq(people.name, name))
  const response = await postForm(seeded.harness.app, '/console/login/demo', { personId: String(person?.id) })
  expect(response.status).toBe(303)
  return (response.headers.get('set-cookie') ?? '').split(';')[0] ?? ''
}

/** What a person reads: the text between the tags, outside scripts and styles. */
function visibleText(html: string): string {
  return html
    .replace(/<(script|style)[\s\S]*?<\/\1>/g, ' ')
    .replace(/<[^>]*>/g, ' ')
    .replaceAll('&nbsp;', ' ')
}

const codePattern = internalCodePattern()

const validator = new HtmlValidate({ extends: ['html-validate:standard'] })

const ROLES_TO_BROWSE = [undefined, '李娜', '张伟', '刘明']

describe('every console page', () => {
  it('is checked by a pattern that does catch a code on a page', () => {
    expect(visibleText('<td>field_staff</td><td>处理中</td>').match(codePattern)).toEqual(['field_staff'])
    expect(visibleText('<a href="/console/chat/field_staff">聊天</a>').match(codePattern)).toBeNull()
  })

  it('exports every ledger without an internal code in it', async () => {
    const problems: string[] = []
    for (const ledger of ['hazards', 'complaints', 'patrols', 'supervisions']) {
      const response = await seeded.harness.app.request(`/console/${ledger}/export.csv`)
      expect(response.status, ledger).toBe(200)
      const csv = await response.text()
      expect(csv.split('\n').length, ledger).toBeGreaterThan(2)
      for (const [code] of csv.matchAll(codePattern)) problems.push(`${ledger}.csv: "${code}"`)
    }
    expect(problems).toEqual([])
  })

  it('answers an unknown address with a valid Chinese page', async () => {
    const response = await seeded.harness.app.request('/console/no-such-page')
    expect(response.status).toBe(404)
    const html = await response.text()
    expect(visibleText(html)).toContain('找不到该页面')
    expect((await validator.validateString(html)).valid).toBe(true)
  })

  it.each(ROLES_TO_BROWSE)('is valid HTML5 and free of internal codes, browsing as %s', async (name) => {
    const cookie = name ? await signInAs(name) : undefined
    const pages = await crawl(cookie)
    expect(pages.size).toBeGreaterThan(name ? 4 : 15)
    const problems: string[] = []
    for (const [path, html] of pages) {
      expect(html.startsWith('<!DOCTYPE html>'), path).toBe(true)
      const report = await validator.validateString(html)
      for (const message of report.results.flatMap((r) => r.messages))
        problems.push(`${path}: ${message.ruleId} ${message.message}`)
      for (const [code] of visibleText(html).matchAll(codePattern)) problems.push(`${path}: shows the code "${code}"`)
    }
    expect(problems).toEqual([])
  })
})
