import { and, eq } from 'drizzle-orm'
import { afterAll, describe, expect, it } from 'vitest'
import { periodicReports } from '../../src/db/schema'
import { ManualClock } from '../../src/domain/clock'
import { zonedInstant } from '../../src/domain/local-time'
import { runPeriodicReports } from '../../src/jobs/periodic-reports'
import { acceptable } from '../../src/reports/narrative-writer'
import { recordPatrol } from '../../src/services/patrols'
import { FakeOpenAi } from '../fakes/openai'
import type { testApp } from '../helpers/app'
import type { CityLookup } from '../helpers/city'
import { TEST_TIME_ZONE, type TestDatabase } from '../helpers/db'
import { useSeededApp } from '../helpers/seeded'

/** The reports' narrative drafts rewritten by the configured LLM, and kept from the rules when it misbehaves. */
const TZ = TEST_TIME_ZONE
const clock = new ManualClock(zonedInstant('2026-11-16', TZ, 8))
const llm = await new FakeOpenAi().start()
let database: TestDatabase
let harness: ReturnType<typeof testApp>
let city: CityLookup

afterAll(async () => llm.stop())

useSeededApp(
  clock,
  (seeded) => {
    ;({ database, harness, city } = seeded)
  },
  { OPENAI_API_KEY: 'test-key', OPENAI_BASE_URL: llm.baseUrl, OPENAI_MODEL: 'qwen-test', OPENAI_TIMEOUT_MS: '2000' },
)

async function weeklyNarrative(unit: string): Promise<Record<string, string> | null | undefined> {
  const [row] = await database.db
    .select()
    .from(periodicReports)
    .where(and(eq(periodicReports.kind, 'weekly'), eq(periodicReports.unitId, city.unit(unit))))
  return row?.narrative
}

describe('narrative drafts by the LLM', () => {
  it('uses the model’s text when it only repeats the facts’ numbers, and the rules when it invents one', async () => {
    clock.set(zonedInstant('2026-11-17', TZ, 11))
    await recordPatrol({
      ctx: harness.services.ctx,
      input: {
        unitId: city.unit('shizheng'),
        startedAt: zonedInstant('2026-11-17', TZ, 9),
        endedAt: zonedInstant('2026-11-17', TZ, 10),
        area: '人民路',
        patrollers: '张伟',
        staffCount: 1,
        hazards: [{ description: '人民路井盖破损', category: 'road_municipal', level: 'general' }],
      },
      actor: city.actor('张伟'),
    })
    llm.behaviour = { kind: 'text', content: '本周共发现隐患1处，已督促责任单位限期整改，目前正在整改中。' }
    clock.set(zonedInstant('2026-11-23', TZ, 9))
    await runPeriodicReports(
      harness.services.ctx,
      harness.services.config.reportsDir,
      { start: '22:00', end: '07:00' },
      harness.services.narrativeWriter,
    )
    expect((await weeklyNarrative('shizheng'))?.rectification).toBe(
      '本周共发现隐患1处，已督促责任单位限期整改，目前正在整改中。',
    )
    // The model is given the box, the facts and the rule draft (the unit's week: one hazard found, still open).
    const asked = llm.requests.map((r) => r.messages[1]?.content ?? '')
    expect(
      asked.some(
        (m) => m.includes('"box":"落实整改情况"') && m.includes('"hazardsFound":1,"hazardsRectified":0,"stillOpen":1'),
      ),
    ).toBe(true)
    // Another unit's quiet week, where the same answer's 1 is a made-up figure: the rule draft stands.
    expect((await weeklyNarrative('zhianchu'))?.rectification).toBe('本期未发现安全隐患，巡查工作按计划开展。')
  })

  it('accepts only short text whose numbers are all among the facts', () => {
    const facts = { hazardsFound: 3, hazardsRectified: 1, stillOpen: 2, majorOpen: 0, overdue: 0 }
    expect(acceptable('本期发现隐患3处，整改1处，尚有2处在整改。', facts)).toBe(true)
    expect(acceptable('本期发现隐患5处。', facts)).toBe(false)
    expect(acceptable('', facts)).toBe(false)
    expect(acceptable('很'.repeat(201), facts)).toBe(false)
  })
})
