import { eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { WORDING } from '../../bots/wording'
import { hazardEvents, hazards, units } from '../../src/db/schema'
import { ManualClock } from '../../src/domain/clock'
import { zonedInstant } from '../../src/domain/local-time'
import { testApp } from '../helpers/app'
import { chat, lastCode } from '../helpers/chat'
import { createTestDatabase, seedDefaults, TEST_TIME_ZONE, type TestDatabase } from '../helpers/db'

/**
 * In the hour a danger is handled, the duty officer and the supervising office speak of "the" major hazard without
 * its number: 「收到」 is its 接报, 「已通知燃气公司到场抢修」 its 应急处置, 「这个重大隐患交给燃气办处理」 its 交办. A leader's
 * 「…的情况怎么样了」 asks how it goes and reports nothing new. With several, which one is asked.
 */
const clock = new ManualClock(zonedInstant('2026-11-23', TEST_TIME_ZONE, 17))
let database: TestDatabase
let harness: ReturnType<typeof testApp>
const say = (who: string, input: string) => chat(harness.services, `demo:${who}`, input)

beforeAll(async () => {
  database = await createTestDatabase()
  await seedDefaults(database, clock.now())
  harness = testApp(database, clock)
})
afterAll(async () => database?.drop())

const hazard = async (code: string) => (await database.db.select().from(hazards).where(eq(hazards.code, code)))[0]
const eventsOf = async (id: number | undefined) =>
  (
    await database.db
      .select()
      .from(hazardEvents)
      .where(eq(hazardEvents.hazardId, id as number))
      .orderBy(hazardEvents.id)
  ).map((e) => e.kind)

describe('a handler with nothing in hand', () => {
  it('hears about complaints when they speak of complaints done', async () => {
    // (They were told no hazard waits for rectification.)
    expect(await say('handler', '今天的投诉都处理完了')).toEqual([WORDING.noComplaintInHand])
    expect(await say('handler', '井盖已经修好了')).toEqual([WORDING.noRectificationWaiting])
  })
})

describe('the one major hazard, spoken of without its number', () => {
  it('takes 收到, the disposal and the hand-over in words, and a leader’s question as a question', async () => {
    expect((await say('field_staff', '上报隐患 人民路88号燃气管道被挖断正在漏气')).join('\n')).toContain('等级：重大')
    const code = lastCode(await say('field_staff', '确认'), 'YH')
    const before = await database.db.select().from(hazards)

    // (This was 「好的，已知悉」 with a handler's hint, and the escalation went on.)
    expect((await say('duty_officer', '收到，马上处理'))[0]).toMatch(new RegExp(`^已接报重大隐患 ${code}`))
    expect((await hazard(code))?.majorAckAt).not.toBeNull()

    // (This was 「暂未理解」.)
    expect((await say('duty_officer', '已通知燃气公司到场抢修，人员已疏散'))[0]).toMatch(
      new RegExp(`^已记录隐患 ${code} 的应急处置`),
    )
    expect(await eventsOf((await hazard(code))?.id)).toContain('emergency_disposal')

    // A leader asking how it goes gets the hazard, not a new report (it opened a hazard form with the question).
    const [asked] = await say('leader', '人民路燃气泄漏的情况怎么样了')
    expect(asked).toContain(`${code} 人民路88号燃气管道被挖断正在漏气`)
    expect(await database.db.select().from(hazards)).toHaveLength(before.length)

    // (This was 「暂未理解」.) The 交办 form starts for it, with the unit taken: the 五落实 are asked next.
    expect(await say('supervisor', '这个重大隐患交给燃气办处理')).toEqual([
      '重大隐患须落实“五落实”。整改责任人或责任单位是谁？',
    ])
    await say('supervisor', '取消')
    // 「交办」 alone lists what waits for it; a unit said next is for the one waiting (it was 「暂未理解」).
    const [listed] = await say('supervisor', '交办')
    expect(listed).toContain(`· ${code} 人民路88号燃气管道被挖断正在漏气`)
    expect(await say('supervisor', '燃气办')).toEqual(['重大隐患须落实“五落实”。整改责任人或责任单位是谁？'])
    await say('supervisor', '取消')
    // Anything else after it is a message of its own, another command with a number too (it was read as 「验收 交办 YH…」).
    await say('supervisor', '交办')
    expect((await say('supervisor', '今天谁值班'))[0]).toMatch(/^今天（11月23日）值班：/)
    await say('supervisor', '验收')
    expect(await say('supervisor', `交办 ${code}`)).toEqual(['重大隐患须落实“五落实”。整改责任人或责任单位是谁？'])
    await say('supervisor', '取消')
  })

  it('asks which when several could be meant, and does nothing', async () => {
    await say('field_staff', '上报隐患 建设路燃气管道破裂漏气')
    const second = lastCode(await say('field_staff', '确认'), 'YH')
    const [asked] = await say('duty_officer', '已经设置了围挡，疏散了群众')
    expect(asked).toMatch(/^有多项未销号的重大隐患，请回复「处置 编号 …」指明是哪一项：/)
    expect(asked).toContain(second)
    expect(await eventsOf((await hazard(second))?.id)).not.toContain('emergency_disposal')
    // Nothing was handed to a unit either.
    const [gas] = await database.db.select().from(units).where(eq(units.name, '燃气办'))
    expect((await hazard(second))?.unitId).not.toBe(gas?.id)
  })

  it('leaves words inside an open form to the form', async () => {
    for (const answer of ['督查', '质安处', '今天下午2点', '王科长', '李明', '检查工地'])
      await say('supervisor', answer)
    // The 督查's problems, not a disposal of one of the open majors.
    expect(await say('supervisor', '已设置围挡但不到位')).toEqual(['提出的整改要求？没有请回复「无」。'])
    await say('supervisor', '取消')
    const disposed = await database.db.select().from(hazardEvents).where(eq(hazardEvents.kind, 'emergency_disposal'))
    expect(disposed).toHaveLength(1)
  })
})

describe('a hazard or a citizen’s report of danger, named by its place or thing', () => {
  it('hands over the one its thing names, says who has one already handed, and keeps a call on the complaint it names', async () => {
    await say('field_staff', '朝阳路88号工地塔吊无证操作')
    await say('field_staff', '重大')
    const crane = lastCode(await say('field_staff', '确认'), 'YH')
    // It was not understood.
    expect(await say('supervisor', '塔吊那个交办给质安处')).toEqual([
      '重大隐患须落实“五落实”。整改责任人或责任单位是谁？',
    ])
    await say('supervisor', '取消')
    await say('field_staff', '上报隐患 雁池路12号井盖松动')
    await say('field_staff', '一般')
    const cover = lastCode(await say('field_staff', '确认'), 'YH')
    expect(await say('supervisor', '把雁池路井盖那个交给市政')).toEqual([
      WORDING.hazardAlreadyHanded(cover, '市政建设总公司'),
    ])
    // A citizen's report of danger named by its place: the call is kept on it — not taken for the disposal of
    // another major hazard that happens to be open.
    const gas = lastCode(await chat(harness.services, 'demo:citizen', '光明路燃气味很大'), 'TS')
    await chat(harness.services, 'demo:citizen', '不用')
    const [kept] = await say('duty_officer', '光明路燃气那个我已经联系燃气公司了')
    expect(kept).toMatch(new RegExp(`^已将您说的情况记入投诉 ${gas} 的办理进展。`))
    expect(await eventsOf((await hazard(crane))?.id)).not.toContain('emergency_disposal')
    // A leader asks after it by what it was about.
    const [asked] = await say('leader', '燃气那个投诉处理了没')
    expect(asked).toMatch(/^与「燃气」相关的投诉：\n· /)
    expect(asked).toContain(`· ${gas} 光明路燃气味很大（已派单，燃气办，期限 `)
  })
})

describe('a re-check told in words', () => {
  it('says a hazard not yet reported rectified cannot be checked, and checks it once it is', async () => {
    await say('field_staff', '发现一处脚手架没有连墙件 在滨湖路恒大工地 需要整改')
    await say('field_staff', '一般')
    const code = lastCode(await say('field_staff', '确认'), 'YH')
    // 「…收到了 今天下午就去」 takes it on (it was not understood).
    expect((await say('handler_zhianchu', '恒大那个脚手架收到了 今天下午就去'))[0]).toMatch(
      new RegExp(`^已接收隐患 ${code}（`),
    )
    // A check before the rectification is reported: said so (it had opened a hazard form).
    expect(await say('supervisor', '恒大脚手架验收不合格 连墙件还是不够')).toEqual([
      WORDING.notRectifiedYet(code, '整改中'),
    ])
    await say('handler_zhianchu', '恒大工地脚手架已经加固好了')
    await say('handler_zhianchu', '确认')
    // Told without 验收, after a visit: the check, passed.
    const summary = (await say('supervisor', '恒大那个脚手架去看了 整改到位了')).join('\n')
    expect(summary).toContain(`隐患编号：${code}`)
    expect(summary).toContain('验收结果：通过')
    await say('supervisor', '取消')
  })
})

describe('a hazard command with the hazard named by its place or thing', () => {
  it('extends, lists and acknowledges the one the words name, asking for what the command still needs', async () => {
    await say('field_staff', '上报隐患 芙蓉路66号井盖缺失')
    await say('field_staff', '一般')
    const cover = lastCode(await say('field_staff', '确认'), 'YH')
    const dueBefore = (await hazard(cover))?.rectifyDueAt
    // (Each was 「暂未理解」 or only how to write the command.)
    expect(await say('supervisor', '芙蓉路井盖那个延期到下个月25号 材料没到')).toEqual([
      `隐患 ${cover} 的整改期限已延至 12月25日 23:59，已告知责任单位。`,
    ])
    expect((await hazard(cover))?.rectifyDueAt).not.toEqual(dueBefore)
    // A deadline moved in other words is the same 延期 (「暂未理解」 before), by name or after the number.
    expect(await say('supervisor', '把芙蓉路井盖那个隐患的期限改到下个月28号')).toEqual([
      `请写明延期原因，例如：延期 ${cover} 12月31日 需协调管线单位迁改`,
    ])
    expect(await say('supervisor', `${cover} 整改期限推迟到下个月28号 管线迁改未完成`)).toEqual([
      `隐患 ${cover} 的整改期限已延至 12月28日 23:59，已告知责任单位。`,
    ])
    expect(await say('supervisor', '把芙蓉路井盖那个挂牌督办')).toEqual([
      `请写明挂牌原因，例如：挂牌 ${cover} 本级 多次反复沉降`,
    ])
    await say('field_staff', '芙蓉路128号工地塔吊无证操作')
    await say('field_staff', '重大')
    const crane = lastCode(await say('field_staff', '确认'), 'YH')
    expect((await say('duty_officer', '芙蓉路塔吊那个收到'))[0]).toMatch(new RegExp(`^已接报重大隐患 ${crane}`))
    expect((await hazard(crane))?.majorAckAt).not.toBeNull()
    // A patroller's words are no command.
    expect((await say('field_staff', '芙蓉路井盖那个延期吧'))[0]).not.toMatch(/整改期限已延至/)
    // Account changes are made in the console.
    expect(await say('admin', '张伟的账号绑定一下')).toEqual([WORDING.staffSupport.admin_change])
  })
})

describe('the patroller who reported a danger, telling what is being done', () => {
  it('records it as the disposal of the hazard they reported (it had opened a new report), and not of another unit’s', async () => {
    clock.advance(2 * 24 * 3_600_000)
    await say('field_staff', '发现隐患 芙蓉路和朗州路交叉口 燃气管道被挖破 正在漏气 已通知燃气公司')
    const code = lastCode(await say('field_staff', '确认'), 'YH')
    const before = (await database.db.select().from(hazards)).length
    expect((await say('field_staff', '刚才那个燃气的隐患 燃气公司已经到了 正在抢修'))[0]).toMatch(
      new RegExp(`^已记录隐患 ${code} 的应急处置`),
    )
    const found = await hazard(code)
    expect(found?.emergencyDisposedAt).not.toBeNull()
    expect(await eventsOf(found?.id)).toEqual(['reported', 'emergency_disposal'])
    expect(await database.db.select().from(hazards)).toHaveLength(before)
    // A handler of another unit who reported nothing has no such hazard: nothing is recorded on it.
    await say('handler_zhianchu', '燃气公司已经到了 正在抢修')
    expect(await eventsOf(found?.id)).toEqual(['reported', 'emergency_disposal'])
  })
})
