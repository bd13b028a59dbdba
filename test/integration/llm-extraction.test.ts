import { eq } from 'drizzle-orm'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { patrols } from '../../src/db/schema'
import { ManualClock } from '../../src/domain/clock'
import { zonedInstant } from '../../src/domain/local-time'
import { FakeOpenAi } from '../fakes/openai'
import { testApp } from '../helpers/app'
import { chat, lastCode } from '../helpers/chat'
import { createTestDatabase, seedDefaults, TEST_TIME_ZONE, type TestDatabase } from '../helpers/db'

const STAFF = 'demo:field_staff'
const clock = new ManualClock(zonedInstant('2026-11-23', TEST_TIME_ZONE, 16))
let database: TestDatabase
let llm: FakeOpenAi
let harness: ReturnType<typeof testApp>

beforeAll(async () => {
  database = await createTestDatabase()
  await seedDefaults(database, clock.now())
  llm = await new FakeOpenAi().start()
  harness = testApp(database, clock, {
    OPENAI_API_KEY: 'test-key',
    OPENAI_BASE_URL: llm.baseUrl,
    OPENAI_MODEL: 'qwen-test',
    OPENAI_TIMEOUT_MS: '500',
  })
})
afterAll(async () => {
  await llm?.stop()
  await database?.drop()
})
beforeEach(async () => {
  await chat(harness.services, STAFF, '取消')
  llm.requests.length = 0
})

// Wording the rules cannot read: no clock times, an area without a road suffix, counts in words.
const MESSAGE = '早班跟老王把高新区东片转了一圈，去了俩人开了一台车，东片一切正常'

describe('LLM extraction (OpenAI-compatible endpoint)', () => {
  it('uses the fields the model returns, asks only for the rest, and sends the prompt and model', async () => {
    llm.behaviour = {
      kind: 'json',
      content: {
        startedAt: '2026-11-23T07:00:00+08:00',
        endedAt: '2026-11-23T09:00:00+08:00',
        area: '高新区东片',
        patrollers: '张伟、老王',
        staffCount: 2,
        vehicleCount: 1,
        hazards: [],
      },
    }
    const summary = await chat(harness.services, STAFF, `巡查 ${MESSAGE}`)
    expect(summary[0]).toContain('开始时间：11月23日 07:00')
    expect(summary[0]).toContain('巡查路段/项目：高新区东片')
    expect(llm.requests).toHaveLength(1)
    expect(llm.requests[0]?.model).toBe('qwen-test')
    expect(llm.requests[0]?.messages[0]?.content).toContain('日巡查工作记录')
    expect(llm.requests[0]?.messages[1]?.content).toBe(MESSAGE)
    const saved = await chat(harness.services, STAFF, '确认')
    const [row] = await database.db
      .select()
      .from(patrols)
      .where(eq(patrols.code, lastCode(saved, 'XC')))
    expect(row).toMatchObject({ area: '高新区东片', staffCount: 2, vehicleCount: 1 })
  })

  it('drops invalid fields one by one and asks for them', async () => {
    llm.behaviour = {
      kind: 'json',
      content: {
        startedAt: 'yesterday-ish',
        endedAt: '2026-11-23T09:00:00+08:00',
        area: '高新区东片',
        staffCount: -3,
        vehicleCount: 'one',
        hazards: [],
      },
    }
    // Rules still read "9点" where the model failed; staff count is asked because both failed.
    const reply = await chat(harness.services, STAFF, '巡查 早上7点起跟老王把高新区东片转了一圈，东片一切正常')
    expect(reply).toEqual(['出动了多少人次？'])
  })

  it.each([
    ['malformed output', { kind: 'text' as const, content: 'Sure! Here is the JSON: {area: 高新区' }],
    ['a server error', { kind: 'status' as const, status: 500 }],
    ['no answer within the timeout', { kind: 'hang' as const, ms: 3_000 }],
  ])('falls back to the rules on %s', async (_label, behaviour) => {
    llm.behaviour = behaviour
    const started = Date.now()
    const reply = await chat(harness.services, STAFF, '今天上午9点到11点在朗州路巡查，出动2人1车，未发现隐患')
    expect(Date.now() - started).toBeLessThan(2_500)
    expect(reply[0]).toContain('巡查路段/项目：朗州路')
    expect(reply[0]).toContain('出动人次：2')
  })
})
