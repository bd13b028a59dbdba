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

describe('a complaint in hand beside a hazard waiting, a form that reads no sentence, and nothing to check', () => {
  const STAFF = 'demo:field_staff'
  const SUPERVISOR = 'demo:supervisor'
  const LEADER = 'demo:leader'

  it('keeps 「现场看了 井盖确实没了 明天上午换」 on the manhole cover’s complaint, not the lamp post’s hazard', async () => {
    await say(HANDLER, '取消')
    await say(STAFF, '上报隐患 建设路和朗州路口路灯杆歪了 一般')
    const hazard = lastCode(await say(STAFF, '确认'), 'YH')
    // (The hazard waiting to be taken on had been listed, and the words lost.)
    expect(await say(HANDLER, '现场看了 井盖确实没了 明天上午换')).toEqual([WORDING.complaintNoteKept(ticket, true)])
    expect(await complaintNotes(database, ticket)).toContain('现场看了 井盖确实没了 明天上午换')
    // The lamp post still waits to be taken on; its words take it on.
    expect((await say(HANDLER, '路灯杆那个收到'))[0]).toContain(`已接收隐患 ${hazard}`)
  })

  it('offers 「换好了」 to the complaint whose progress planned the change, not listing the lamp post too', async () => {
    // (Both had been listed and which one asked, though only the complaint's plan was to change something.)
    expect(await say(HANDLER, '换好了')).toEqual([WORDING.replyWithTheseWords(ticket, '换好了')])
    expect(await say(HANDLER, '取消')).toEqual([WORDING.complaintReplyHeld])
  })

  it('says words at the rectification’s summary are not put in it (they had been dropped without a word)', async () => {
    expect((await say(HANDLER, '路灯杆已经扶正加固了'))[0]).toContain('【整改反馈】请核对')
    const [told, summary] = await say(HANDLER, '这个路灯杆不归我们管 是路灯所的')
    expect(told).toBe(WORDING.wordsNotInForm('整改反馈'))
    expect(summary).toContain('整改情况：路灯杆已经扶正加固了\n')
    await say(HANDLER, '取消')
  })

  it('tells a supervisor that nothing waits to be checked on a bare 「验收」', async () => {
    expect(await say(SUPERVISOR, '验收')).toEqual([WORDING.noVerificationWaiting('验收')])
  })

  it('says how the citizen took the result when a leader asks 「井盖那个投诉市民满意吗」 (it was not understood)', async () => {
    await say(HANDLER, `回复 ${ticket} 已更换新井盖`)
    await say(CITIZEN, '满意')
    const [answer] = await say(LEADER, '井盖那个投诉市民满意吗')
    expect(answer).toMatch(/^与「井盖」相关的投诉：/)
    expect(answer).toContain(`${ticket} `)
    expect(answer).toContain('市民评价：满意')
  })
})

describe('a handler’s words about one of two complaints in hand', () => {
  it('offers 「护栏那个已经焊好了」 without the pointer, and takes 「申请延期 井盖那个 材料没到」 as asking more time', async () => {
    const cover = lastCode(await say('demo:citizen', '朗州北路12号井盖没了'), 'TS')
    await say('demo:citizen', '不用')
    const rail = lastCode(await say('demo:citizen', '朗州北路66号门口护栏断了'), 'TS')
    await say('demo:citizen', '不用')
    await say(HANDLER, '签收全部')
    // (The citizen would have read 「护栏那个已经焊好了」.)
    expect(await say(HANDLER, '护栏那个已经焊好了')).toEqual([WORDING.replyWithTheseWords(rail, '护栏已经焊好了')])
    await say(HANDLER, '取消')
    // (It had been kept as progress, with no word of who gives more time.)
    expect(await say(HANDLER, '申请延期 井盖那个 材料没到')).toEqual([WORDING.complaintExtensionAsked(cover)])
    expect((await complaintNotes(database, cover)).some((n) => n?.startsWith('申请延期'))).toBe(true)
  })
})
