import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { WORDING } from '../../bots/wording'
import { ManualClock } from '../../src/domain/clock'
import { zonedInstant } from '../../src/domain/local-time'
import { testApp } from '../helpers/app'
import { chat, lastCode } from '../helpers/chat'
import { createTestDatabase, seedDefaults, TEST_TIME_ZONE, type TestDatabase } from '../helpers/db'
import { complaintNotes } from '../helpers/notes'

/**
 * A unit's handler with one complaint signed for, saying in passing how it goes: an acknowledgement is no progress,
 * a plan or a hold-up is (they were not understood), and a fix of something else at the same road is not its answer.
 */
const CITIZEN = 'demo:citizen'
const HANDLER = 'demo:handler'
const clock = new ManualClock(zonedInstant('2026-11-23', TEST_TIME_ZONE, 17))
let database: TestDatabase
let harness: ReturnType<typeof testApp>
let ticket = ''
const say = (who: string, input: string) => chat(harness.services, who, input)

beforeAll(async () => {
  database = await createTestDatabase()
  await seedDefaults(database, clock.now())
  harness = testApp(database, clock)
  ticket = lastCode(await say(CITIZEN, '人民路88号井盖坏了'), 'TS')
  await say(CITIZEN, '不用')
  await say(HANDLER, '签收')
})
afterAll(async () => database?.drop())

describe('a handler’s words about the one complaint in hand', () => {
  it('acknowledges 「好的 收到」 after the 签收 without putting it on the history', async () => {
    const before = await complaintNotes(database, ticket)
    expect(await say(HANDLER, '好的 收到')).toEqual([WORDING.staffAcknowledged])
    expect(await complaintNotes(database, ticket)).toEqual(before)
  })

  it('keeps a plan or what holds it up as the complaint’s progress', async () => {
    for (const said of ['这个需要三天才能修好', '今天下雨 明天再去修', '打了电话 市民没接', '材料还没到'])
      expect(await say(HANDLER, said)).toEqual([WORDING.complaintNoteKept(ticket, true)])
    const notes = await complaintNotes(database, ticket)
    for (const said of ['这个需要三天才能修好', '今天下雨 明天再去修', '打了电话 市民没接', '材料还没到'])
      expect(notes.some((n) => n?.includes(said))).toBe(true)
  })

  it('does not offer 「人民路那个塌陷已经补好了」 as the answer to the 人民路 manhole cover’s citizen', async () => {
    const [reply] = await say(HANDLER, '人民路那个塌陷已经补好了')
    expect(reply).not.toMatch(/^要把/)
    expect(reply).toContain(ticket)
    // The manhole cover's own result is still offered.
    expect(await say(HANDLER, '人民路井盖已经换好了')).toEqual([
      WORDING.replyWithTheseWords(ticket, '人民路井盖已经换好了'),
    ])
  })
})
