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

/** The whole patrol as a model reads that message. */
const MODEL_ANSWER = {
  startedAt: '2026-11-23T07:00:00+08:00',
  endedAt: '2026-11-23T09:00:00+08:00',
  area: '高新区东片',
  patrollers: '张伟、老王',
  staffCount: 2,
  vehicleCount: 1,
  hazards: [],
}

describe('LLM extraction (OpenAI-compatible endpoint)', () => {
  it('uses the fields the model returns, asks only for the rest, and sends the prompt and model', async () => {
    llm.behaviour = {
      kind: 'json',
      content: MODEL_ANSWER,
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

  it('asks the model with no transaction open: the database serves everyone else while the model thinks', async () => {
    let release: () => void = () => undefined
    const until = new Promise<void>((resolve) => {
      release = resolve
    })
    const asked = new Promise<void>((resolve) => {
      llm.onRequest = resolve
    })
    llm.behaviour = {
      kind: 'held',
      until,
      content: MODEL_ANSWER,
    }
    const turn = chat(harness.services, STAFF, `巡查 ${MESSAGE}`)
    await asked
    // On the embedded database a transaction holds the one connection: were the model asked inside the
    // message's transaction, this query would wait for the model (and the test would time out).
    const others = await harness.services.db.select({ id: patrols.id }).from(patrols).limit(1)
    expect(Array.isArray(others)).toBe(true)
    release()
    llm.onRequest = undefined
    const summary = await turn
    expect(summary[0]).toContain('巡查路段/项目：高新区东片')
    // Asked once, in the rehearsal: the real turn used the answer.
    expect(llm.requests).toHaveLength(1)
  }, 15_000)

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

describe('LLM classification of citizen complaints', () => {
  it('classifies what the keywords miss, shows it with the ticket, and lets the citizen correct it', async () => {
    llm.behaviour = {
      kind: 'json',
      content: { category: 'gas', description: '楼道里铁皮箱子嘶嘶响并有怪味', locationText: '和平小区3栋' },
    }
    const reply = await chat(harness.services, 'demo:citizen', '楼道里那个铁皮箱子一直嘶嘶响，还有股怪味，和平小区3栋')
    expect(reply[0]).toMatch(/编号 TS\d{8}-\d{4}（燃气）/)
    expect(llm.requests.at(-1)?.messages[0]?.content).toContain('市民投诉举报')
    const corrected = await chat(harness.services, 'demo:citizen', '类别 供水')
    expect(corrected[0]).toContain('更正为「供水管网及消防栓」')
    const { complaints, units } = await import('../../src/db/schema')
    const code = /TS\d{8}-\d{4}/.exec(reply[0] ?? '')?.[0] ?? ''
    const [row] = await database.db.select().from(complaints).where(eq(complaints.code, code))
    const [water] = await database.db.select().from(units).where(eq(units.code, 'zilaishui'))
    expect(row).toMatchObject({ category: 'water_hydrant', unitId: water?.id })
  })

  it('answers with the rules’ category when the model is slower than the passive-reply budget', async () => {
    llm.behaviour = { kind: 'hang', ms: 3_000 }
    const started = Date.now()
    const reply = await chat(harness.services, 'demo:citizen', '人民路桥的护栏断了一截')
    expect(reply[0]).toContain('（桥梁）')
    expect(Date.now() - started).toBeLessThan(2_900)
  })
})
