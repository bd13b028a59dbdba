import { eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { people, periodicReports } from '../../src/db/schema'
import { DAY_MS, ManualClock } from '../../src/domain/clock'
import { zonedInstant } from '../../src/domain/local-time'
import { TEST_TIME_ZONE } from '../helpers/db'
import { postForm } from '../helpers/requests'
import { type Seeded, useSeededApp } from '../helpers/seeded'

/**
 * The console's 报表 page: what it says before any report exists, 「立即生成」 for an ended period (refused in
 * the office's words for one that has not ended or a unit that does not file that form), and each report's
 * unit, period in Chinese, state — 逾期 once past due — and who signed.
 */
const clock = new ManualClock(zonedInstant('2026-11-25', TEST_TIME_ZONE, 10))
let seeded: Seeded
useSeededApp(
  clock,
  (s) => {
    seeded = s
  },
  { DEMO: '1' },
)

async function signInAs(name: string): Promise<string> {
  const [person] = await seeded.database.db.select({ id: people.id }).from(people).where(eq(people.name, name))
  const response = await postForm(seeded.harness.app, '/console/login/demo', { personId: String(person?.id) })
  return (response.headers.get('set-cookie') ?? '').split(';')[0] ?? ''
}

const page = async (path: string, cookie: string) =>
  (await seeded.harness.app.request(path, { headers: { cookie } })).text()

describe('the reports page', () => {
  it('explains itself before the first report, drafts one on request, and lists it in the office’s words', async () => {
    const lina = await signInAs('李娜')
    expect(await page('/console/reports', lina)).toContain('暂无报表')

    // A week that has not ended yet: refused, in Chinese.
    const early = await postForm(
      seeded.harness.app,
      '/console/reports/draft',
      { kind: 'weekly', periodDate: '2026-11-24' },
      { cookie: lina },
    )
    expect(early.status).toBe(400)
    expect(await early.text()).toContain('周期还没有结束')

    const drafted = await postForm(
      seeded.harness.app,
      '/console/reports/draft',
      { kind: 'weekly', periodDate: '2026-11-18' },
      { cookie: lina },
    )
    expect(drafted.status).toBe(303)
    const [row] = await seeded.database.db.select().from(periodicReports).where(eq(periodicReports.kind, 'weekly'))
    expect(drafted.headers.get('location')).toBe(`/console/reports/${row?.id}`)
    expect(row?.unitId).toBe(seeded.city.unit('shizheng'))

    // Asking again opens the same report rather than drafting a second one.
    const again = await postForm(
      seeded.harness.app,
      '/console/reports/draft',
      { kind: 'weekly', periodDate: '2026-11-20' },
      { cookie: lina },
    )
    expect(again.headers.get('location')).toBe(`/console/reports/${row?.id}`)
    expect(await seeded.database.db.select().from(periodicReports)).toHaveLength(1)

    const list = await page('/console/reports', lina)
    expect(list).toContain('2026年第47周')
    expect(list).toContain('市政建设总公司')
    expect(list).toContain('草稿，待确认上报')
    expect(list).not.toContain('逾期')

    // Past its due time and still not filed.
    clock.advance(7 * DAY_MS)
    expect(await page('/console/reports', lina)).toContain('逾期 · 草稿，待确认上报')
  })

  it('refuses a form the unit does not file, naming why', async () => {
    const lina = await signInAs('李娜')
    const response = await postForm(
      seeded.harness.app,
      '/console/reports/draft',
      { kind: 'bulletin', periodDate: '2026-09-15' },
      { cookie: lina },
    )
    expect(response.status).toBe(400)
    expect(await response.text()).toContain('该单位不报送这类报表')
  })
})
