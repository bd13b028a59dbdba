import { asc, desc, eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { WORDING } from '../../bots/wording'
import { complaintEvents, complaints, outbox } from '../../src/db/schema'
import { ManualClock } from '../../src/domain/clock'
import { isComplaintOpen } from '../../src/domain/complaint-lifecycle'
import { zonedInstant } from '../../src/domain/local-time'
import { testApp } from '../helpers/app'
import { type ChatInput, chat, lastCode } from '../helpers/chat'
import { createTestDatabase, seedDefaults, TEST_TIME_ZONE, type TestDatabase } from '../helpers/db'

/**
 * Citizens who ask rather than report, chase a ticket by its number, change their phone number or ask who
 * answers: each gets the answer that fits, and nothing is filed that was not reported.
 */
const CITIZEN = 'demo:citizen'
const clock = new ManualClock(zonedInstant('2026-11-23', TEST_TIME_ZONE, 17))
let database: TestDatabase
let harness: ReturnType<typeof testApp>
const say = (input: ChatInput) => chat(harness.services, CITIZEN, input)

beforeAll(async () => {
  database = await createTestDatabase()
  await seedDefaults(database, clock.now())
  harness = testApp(database, clock)
})
afterAll(async () => database?.drop())

const mine = () =>
  database.db.select().from(complaints).where(eq(complaints.citizenExternalId, CITIZEN)).orderBy(asc(complaints.id))
/** A citizen of their own on the Official Account, and what they have filed, oldest first. */
const citizenOnMp = (id: string) => (input: ChatInput) => chat(harness.services, id, input, 'mp')
const complaintsOfCitizen = (id: string) =>
  database.db.select().from(complaints).where(eq(complaints.citizenExternalId, id)).orderBy(asc(complaints.id))
/** The notes on a complaint's history, oldest first. */
const notesOn = async (complaintId: number | undefined) =>
  (
    await database.db
      .select()
      .from(complaintEvents)
      .where(eq(complaintEvents.complaintId, complaintId as number))
      .orderBy(complaintEvents.id)
  ).map((e) => e.note)

describe('citizens who ask, chase or change their number', () => {
  it('keeps a changed number for the problem to come while nothing is open', async () => {
    expect(await mine()).toHaveLength(0)
    // Anger with nothing reported is heard, and what happened asked.
    // (「我要见你们局长…给个说法」 had been asked where, as a problem.)
    // (「你们这些人就是不作为」「你们一点用都没有」 had been asked where.)
    for (const said of [
      '垃圾政府',
      '我要找你们领导',
      '我要见你们局长 这事必须给个说法',
      '你们这些人就是不作为',
      '你们一点用都没有',
    ])
      expect(await say(said)).toEqual([WORDING.citizenVenting])
    // How to give a verdict on the handling is told (it had been the general how-to).
    for (const asked of ['怎么评价', '满意度怎么填', '请问怎么对处理结果进行评价？'])
      expect(await say(asked)).toEqual([WORDING.citizenHowToRate])
    expect(await say('换号了 13600003333')).toEqual([WORDING.citizenPhoneHeld])
    await say('取消')
    // A number alone, typed in full-width digits, is kept the same way (it was refused as saying nothing).
    expect(await say('１３８１２３４５６７８')).toEqual([WORDING.citizenPhoneHeld])
    // A place among emoji is the place, without them.
    expect(await say('🚧🚧 人民路 🕳️')).toEqual([WORDING.citizenPlaceAskWhat('人民路')])
    await say('取消')
    expect(await mine()).toHaveLength(0)
  })

  it('answers a consultation (「想问下…在哪里可以查」) and files nothing', async () => {
    // (「怎么鉴定」 had been taken for a report and asked where.)
    for (const asked of [
      '你好，想问下工地施工许可证在哪里可以查',
      '请问危房鉴定收费吗',
      '我想咨询一下 我家房子是不是危房 怎么鉴定',
      // (Filed as a complaint.)
      '你好 我想问一下 我们小区的电梯维保归谁管 阳光花园',
      '请问小区路灯由谁负责',
    ])
      expect(await say(asked)).toEqual([WORDING.citizenConsult])
    expect(await mine()).toHaveLength(0)
    // A place and a defect make it a report, however it is asked.
    expect((await say('请问人民路88号井盖坏了找谁修'))[0]).toMatch(/^您的投诉已受理/)
    await say('不用')
  })

  it('chases the complaint named by its number when the citizen is impatient, and only looks it up otherwise', async () => {
    const code = lastCode(await say('路灯不亮，在建设路和人民路口'), 'TS')
    await say('不用')
    expect(await say(`投诉${code}怎么还没人处理`)).toEqual([WORDING.citizenUrged(code, 'assigned')])
    const [complaint] = (await mine()).filter((c) => c.code === code)
    const events = await notesOn(complaint?.id)
    expect(events).toContain(`市民催办：投诉${code}怎么还没人处理`)
    expect((await say(`查询 ${code}`))[0]).toMatch(new RegExp(`^投诉 ${code}：已派单`))
  })

  it('puts a changed phone number on every open complaint of the citizen', async () => {
    const latest = lastCode(await say('朝阳路井盖碎了，朝阳路12号门口'), 'TS')
    await say('不用')
    const [changed] = await say('我的手机号换了，新号码是13700002222')
    const open = (await mine()).filter((c) => isComplaintOpen(c.status))
    expect(open.length).toBeGreaterThanOrEqual(3)
    expect(changed).toMatch(new RegExp(`^已将投诉 ${latest}、`))
    for (const c of open) expect(changed).toContain(c.code)
    expect(open.every((c) => c.citizenPhone === '13700002222')).toBe(true)
  })

  it('puts right a number just given when the citizen says it was wrong (「不对 是139…」)', async () => {
    const code = lastCode(await say('桃花路井盖缺了一块，桃花路8号门口'), 'TS')
    expect(await say('13812340000')).toEqual([WORDING.contactSaved])
    for (const [said, phone] of [
      ['不对 是13912340000', '13912340000'],
      ['电话打错了 应该是13912341111', '13912341111'],
      ['号码写错了，13912342222', '13912342222'],
    ] as const) {
      expect((await say(said))[0]).toMatch(new RegExp(`^已将投诉 .*${code}.* 的联系电话更新为新号码`))
      const [complaint] = (await mine()).filter((c) => c.code === code)
      expect(complaint?.citizenPhone).toBe(phone)
    }
  })

  it('takes a landline for the call, and keeps when to call with a yes (both had been asked where)', async () => {
    const code = lastCode(await say('桃花路3号有个坑'), 'TS')
    expect(await say('电话0736-7212345')).toEqual([WORDING.contactSaved])
    expect((await mine()).find((c) => c.code === code)?.citizenPhone).toBe('0736-7212345')
    const later = lastCode(await say('紫菱路2号工地噪音大'), 'TS')
    expect(await say('可以打电话 但是只能下午打')).toEqual([WORDING.askPhoneNumberWhen])
    expect(await say('13812340099')).toEqual([WORDING.contactSaved])
    const filed = (await mine()).find((c) => c.code === later)
    expect(filed?.citizenPhone).toBe('13812340099')
    expect(await notesOn(filed?.id)).toContain('市民方便接听的时间：可以打电话 但是只能下午打')
  })

  it('says who answers to 「你们是机器人吗」 and 「转人工」', async () => {
    for (const asked of [
      '你们是机器人吗',
      '转人工',
      '有人在看吗',
      '这个公众号是干嘛的',
      '你们是住建局吗',
      '这是哪个单位的公众号',
      // (It had been taken for a report at a place called 「哪个部门」.)
      '你们是哪个部门',
    ])
      expect(await say(asked)).toEqual([WORDING.citizenWhoAnswers])
  })
})

describe('where it is, said the way people say it', () => {
  it('asks once for the rough area after 「不知道在哪，就在我家附近」, and takes 「我家在人民路」 as the place', async () => {
    const [offered] = await say('这里有个井盖丢了')
    // 「这里」 is where the citizen stands, not the last ticket's place.
    expect(offered).toMatch(/^请问具体在什么位置？/)
    expect(await say('不知道在哪，就在我家附近')).toEqual([WORDING.placeApproximate])
    const code = lastCode(await say('我家在人民路'), 'TS')
    const [row] = (await mine()).filter((c) => c.code === code)
    expect(row).toMatchObject({ category: 'road_municipal', description: '这里有个井盖丢了', locationText: '人民路' })
    await say('不用')
  })

  it('chases the latest complaint when told 「你们上次说处理，结果根本没人来」', async () => {
    const [latest] = (await mine()).filter((c) => isComplaintOpen(c.status)).sort((a, b) => b.id - a.id)
    expect(await say('你们上次说处理，结果根本没人来')).toEqual([
      WORDING.citizenUrged(latest?.code as string, latest?.status ?? 'assigned'),
    ])
  })
})

describe('after the answer', () => {
  const HANDLER = 'demo:handler'
  const handler = (input: string) => chat(harness.services, HANDLER, input)

  it('tells a handler with complaints in hand how to reply with the words they used', async () => {
    const [which] = await handler('已派人现场查看，井盖已补上')
    expect(which).toMatch(/^请问是哪一件投诉的办理结果？请发送「回复 编号 办理结果」。/)
    // With the place and thing of one of them, that one is meant (it listed them all).
    const code = lastCode(await say('沅安路518号井盖没了'), 'TS')
    await say('不用')
    expect(await handler('沅安路518号的井盖已经补上了')).toEqual([
      WORDING.replyWithTheseWords(code, '沅安路518号的井盖已经补上了'),
    ])
  })

  it('notes a citizen’s 「谢谢，已经修好了」 and 「满意」 on the latest complaint once all are answered', async () => {
    const open = (await mine()).filter((c) => isComplaintOpen(c.status))
    for (const complaint of open) {
      const [answer] = await chat(harness.services, 'demo:admin', `回复 ${complaint.code} 已派人处理完毕`)
      expect(answer).toBe(`已回复投诉 ${complaint.code}，办理结果将告知市民。`)
    }
    expect((await mine()).filter((c) => isComplaintOpen(c.status))).toHaveLength(0)
    const [latest] = (await mine()).sort((a, b) => b.id - a.id)
    expect(await say('谢谢，已经修好了')).toEqual([WORDING.citizenConfirmsResolved])
    // The thanks said after (it was taken for a new problem and its place asked).
    expect(await say('修好了 谢谢')).toEqual([WORDING.citizenConfirmsResolved])
    expect(await say('满意')).toEqual([WORDING.citizenSatisfied])
    expect(await say('不太满意')).toEqual([WORDING.citizenDissatisfied(latest?.code as string)])
    const events = await notesOn(latest?.id)
    expect(events).toEqual(
      expect.arrayContaining([
        '市民反馈：谢谢，已经修好了',
        '市民反馈：修好了 谢谢',
        '市民评价：满意',
        '市民评价：不太满意',
      ]),
    )
    // Nothing new was filed from any of it.
    expect((await mine()).filter((c) => isComplaintOpen(c.status))).toHaveLength(0)
    // 「TS… 办结」 on an answered complaint says it is done.
    expect(await chat(harness.services, 'demo:admin', `${latest?.code} 办结`)).toEqual([
      `投诉 ${latest?.code} 已答复市民并办结，无需再次回复。`,
    ])
  })
})

describe('questions that report nothing', () => {
  it('answers a service applied for, a complaint about staff, and a question about what to do if, filing nothing', async () => {
    const before = (await mine()).length
    expect(await say('我想申请危房鉴定')).toEqual([WORDING.citizenConsult])
    expect(await say('我要投诉你们的工作人员态度不好')).toEqual([WORDING.citizenConductComplaint])
    const [advice, ...more] = await say('如果发现燃气泄漏应该打什么电话')
    expect(advice).toMatch(/^⚠️ 安全提示：闻到燃气味请立即离开现场/)
    // Nobody was told, so the advice does not say so, and no place is asked.
    expect(advice).not.toContain('已通知值班人员')
    expect(more).toEqual([])
    expect((await say('请问你们办公地址在哪'))[0]).toBe(WORDING.citizenQuestion)
    expect(await mine()).toHaveLength(before)
    const alerts = await database.db.select().from(outbox)
    expect(alerts.filter((r) => JSON.stringify(r.message).includes('如果发现燃气泄漏'))).toHaveLength(0)
    // Danger reported, not supposed: the same advice, and the duty officer told.
    const [reported] = await say('人民路88号燃气泄漏了')
    expect(reported).toMatch(new RegExp(`^⚠️ 安全提示：闻到燃气味请立即离开现场[^\\n]*${WORDING.dutyAlerted}`))
    await say('不用')
  })
})

describe('a citizen following up in words', () => {
  it('files problems numbered with their own places as a ticket each, with one call-back answer for all', async () => {
    const before = (await mine()).length
    const [reply] = await say('我要投诉两个问题：1.沅水路口井盖松动 2.沅水路小学门口人行道砖翘起来了')
    expect(reply).toMatch(/^您反映的 2 个问题已分别受理：\n1\. 您的投诉已受理，编号 TS/)
    const codes: string[] = reply?.match(/TS\d{8}-\d{4}/g) ?? []
    expect(new Set(codes).size).toBe(2)
    expect(await say('13700001111')).toEqual([WORDING.contactSaved])
    const filed = (await mine()).filter((c) => codes.includes(c.code))
    expect(filed.map((c) => [c.locationText, c.citizenPhone])).toEqual(
      expect.arrayContaining([
        ['沅水路口', '13700001111'],
        ['沅水路小学门口', '13700001111'],
      ]),
    )
    // Numbered, but one place for all: one ticket.
    const [one] = await say('1.井盖松动 2.路灯不亮，都在沅水路88号')
    expect(one).toMatch(/^您的投诉已受理/)
    await say('不用')
    expect(await mine()).toHaveLength(before + 3)
  })

  it('asks whether a report of the same spot written otherwise is the same problem, and takes 「是同一个」', async () => {
    const first = lastCode(await say('常德市武陵区沅安路66号井盖没了'), 'TS')
    await say('不用')
    expect(await say('沅安路66号附近井盖没了')).toEqual([WORDING.complaintMaybeDuplicate(first, '沅安路66号')])
    expect((await say('是同一个'))[0]).toContain(`已关联到投诉 ${first}`)
    expect((await mine()).filter((c) => c.locationText?.includes('沅安路66号'))).toHaveLength(1)
    // Said to be still not put right, their own complaint of that spot is chased, not asked about.
    expect(await say('沅安路66号那个井盖还是没修')).toEqual([WORDING.citizenUrged(first, 'assigned')])
    // 「不是，是另一个…」 answers the question with no.
    const lamp = lastCode(await say('沅安路70号路灯不亮'), 'TS')
    await say('不用')
    expect(await say('沅安路70号附近路灯不亮了')).toEqual([WORDING.complaintMaybeDuplicate(lamp, '沅安路70号')])
    expect((await say('不是，是另一盏'))[0]).toMatch(/^您的投诉已受理/)
    await say('不用')
    expect((await mine()).filter((c) => c.locationText?.includes('沅安路70号'))).toHaveLength(2)
    // The same problem said again in answer is a yes; 「应该是吧」 too; 「我说的是另外一个…」 a no, its words kept.
    expect(await say('沅安路66号井盖没了')).toEqual([WORDING.complaintMaybeDuplicate(first, '沅安路66号')])
    expect(await say('沅安路66号门口井盖不见了')).toEqual([
      `已关联到投诉 ${first}，办理结果将同时告知您。发送「查询 ${first}」可查看进度。`,
    ])
    expect(await say('沅安路66号井盖没了')).toEqual([WORDING.complaintMaybeDuplicate(first, '沅安路66号')])
    expect((await say('应该是吧'))[0]).toContain(`已关联到投诉 ${first}`)
    expect((await mine()).filter((c) => c.locationText?.includes('沅安路66号'))).toHaveLength(1)
    expect(await say('沅安路66号井盖没了')).toEqual([WORDING.complaintMaybeDuplicate(first, '沅安路66号')])
    const other = lastCode(await say('我说的是另外一个井盖，在对面'), 'TS')
    await say('不用')
    expect((await mine()).find((c) => c.code === other)?.description).toBe(
      '沅安路66号井盖没了；我说的是另外一个井盖，在对面',
    )
    // A bare 「帮我查一下」 after who they are: their complaints.
    expect((await say('我是430702199001011234 帮我查一下'))[0]).toContain(lamp)
    // 「建设路口」 then the crossing in full: the same ticket's place, more exactly; the call-back question stays.
    const corner = lastCode(await say('芷江路口的路灯不亮了'), 'TS')
    expect(await say('芷江路与人民路交叉口')).toEqual([WORDING.citizenPlaceAdded(corner, '芷江路与人民路交叉口')])
    expect(await say('不需要')).toEqual([WORDING.contactDeclined])
  })

  it('files a report on its own, with what was added, when the same-problem question is answered twice with more', async () => {
    const first = lastCode(await say('沅江路工地晚上施工噪音'), 'TS')
    await say('不用')
    expect(await say('沅江路工地噪音太大')).toEqual([WORDING.complaintMaybeDuplicate(first, '沅江路工地')])
    // More said instead of yes or no: kept with the report, and the question asked once more.
    expect(await say('每天晚上都吵到12点')).toEqual([WORDING.pendingDuplicate(first)])
    // Said more again: nobody waits behind the question a third time — filed on its own, nothing lost.
    const second = lastCode(await say('还有他们工地门口没有围挡'), 'TS')
    expect(second).not.toBe(first)
    await say('不用')
    expect((await mine()).find((c) => c.code === second)?.description).toBe(
      '沅江路工地噪音太大；每天晚上都吵到12点；还有他们工地门口没有围挡',
    )
    // A time said alone just after a ticket tells when: more for that ticket (it had been told it said too little).
    const [when] = await say('晚上')
    expect(when).toBe(WORDING.citizenAdded(second))
    expect(await notesOn((await mine()).find((c) => c.code === second)?.id)).toContain('市民补充：晚上')
    // What they want done about it goes on it too (the first was told how to report, the second filed at 「让工地」).
    for (const wants of ['能不能让他们停下来', '麻烦让工地晚上别施工了'])
      expect(await say(wants)).toEqual([WORDING.citizenAdded(second)])
    expect(await notesOn((await mine()).find((c) => c.code === second)?.id)).toContain(
      '市民补充：麻烦让工地晚上别施工了',
    )
  })

  it('drops what waits, or flags the complaint just filed, on 「不好意思发错了」', async () => {
    await say('井盖坏了')
    expect(await say('不好意思发错了')).toEqual([WORDING.pendingDropped])
    const code = lastCode(await say('芷兰路12号路灯不亮'), 'TS')
    await say('不用')
    expect(await say('发错了，抱歉')).toEqual([WORDING.citizenMissent(code)])
    const [complaint] = (await mine()).filter((c) => c.code === code)
    const notes = await notesOn(complaint?.id)
    expect(notes).toContain('市民称误发：发错了，抱歉')
    // Nothing is closed on the citizen's word alone.
    expect(isComplaintOpen(complaint?.status ?? 'closed')).toBe(true)
  })

  it('files a report that has 12345 inside a licence plate (not the hotline)', async () => {
    expect(await say('我要打12345投诉你们')).toEqual([WORDING.citizenHotline])
    const plated = lastCode(await say('有人在河边偷偷倒建筑垃圾，车牌湘J12345，在沅江大堤那边'), 'TS')
    expect((await mine()).find((c) => c.code === plated)?.locationText).toBe('沅江大堤')
    await say('不用')
  })

  it('adds to, chases, rates and asks about the latest complaint, and takes back a number', async () => {
    const code = lastCode(await say('解放路12号门口井盖缺失'), 'TS')
    await say('不用')
    expect(await say('我要追加投诉内容：晚上还有噪音')).toEqual([WORDING.citizenAdded(code)])
    // 「还有…也…」 naming no place and no other thing: more about the same problem.
    expect(await say('还有噪音也很大')).toEqual([WORDING.citizenAdded(code)])
    // How bad it is, said without 也, is more of the same too.
    expect(await say('还有灰尘很大')).toEqual([WORDING.citizenAdded(code)])
    expect(await say('工作人员来过了但是没修好')).toEqual([WORDING.followUpForwarded(code)])
    expect(await say('能不能加快处理')).toEqual([WORDING.citizenUrged(code, 'assigned')])
    // Impatience as people type it chases the same complaint; nothing new is filed or asked for a place.
    const filed = (await mine()).length
    for (const impatient of ['能不能快点处理啊', '快点来修吧', '麻烦快一点'])
      expect(await say(impatient)).toEqual([WORDING.citizenUrged(code, 'assigned')])
    // Pointing back at it (「就是刚才那个」) is answered with where it stands.
    expect((await say('就是刚才那个'))[0]).toContain(code)
    expect((await say('上周投诉的那个井盖修好了吗'))[0]).toContain(code)
    expect((await say('修好了没有'))[0]).toContain(code)
    expect(await say('为什么还没修')).toEqual([WORDING.citizenUrged(code, 'assigned')])
    expect(await say('有没有人管管')).toEqual([WORDING.citizenUrged(code, 'assigned')])
    expect((await say('今天有没有人来修'))[0]).toContain(code)
    expect(await say('我要投诉处理人员态度不好')).toEqual([WORDING.citizenConductComplaint])
    expect(await say('你们管路灯吗')).toEqual([WORDING.citizenScope])
    expect(await mine()).toHaveLength(filed)
    expect(await say('你们处理结果我不满意')).toEqual([WORDING.citizenDissatisfied(code)])
    expect(await say('怎么上传照片')).toEqual([WORDING.citizenPhotoHowTo])
    expect((await say('我想查一下我的投诉'))[0]).toContain(code)
    expect(await say('我要投诉到市长热线')).toEqual([WORDING.citizenHotline])
    expect(await say('能给我打个电话吗')).toEqual([WORDING.askPhoneNumber])
    expect(await say('13812345678')).toEqual([WORDING.contactSaved])
    const [complaint] = (await mine()).filter((c) => c.code === code)
    expect(complaint?.citizenPhone).toBe('13812345678')
    expect(await say('我不想留电话')).toEqual([WORDING.contactDeclined])
    const [after] = (await mine()).filter((c) => c.code === code)
    expect(after?.citizenPhone).toBeNull()
    const events = await notesOn(complaint?.id)
    expect(events).toEqual(
      expect.arrayContaining([
        '市民补充：晚上还有噪音',
        '市民补充：还有噪音也很大',
        '市民补充：还有灰尘很大',
        '市民反馈：工作人员来过了但是没修好',
        '市民催办：能不能加快处理',
        '市民评价：你们处理结果我不满意',
      ]),
    )
  })

  it('asks what and where when a citizen only says they want to report, however they put it, and files it with what follows', async () => {
    const before = (await mine()).length
    for (const said of [
      '有个事想跟你们说一下',
      '我这边有个情况要反映一下',
      '在吗？我要报修',
      '想投诉个事儿',
      '我要反映小区的问题',
    ]) {
      expect(await say(said)).toEqual([WORDING.citizenAskWhatAndWhere])
      await say('取消')
    }
    expect(await say('请问一下你们这个是住建局的吗？我想反映个情况')).toEqual([WORDING.citizenAskWhatAndWhere])
    const code = lastCode(await say('人民路88号井盖没了'), 'TS')
    await say('不用')
    const [filed] = (await mine()).filter((c) => c.code === code)
    // Neither the intent (only 举报 or 匿名 tell the handler something) nor who the citizen thought they were
    // talking to is part of the problem.
    expect(filed?.description).toBe('人民路88号井盖没了')
    expect(filed?.locationText).toBe('人民路88号')
    expect(await mine()).toHaveLength(before + 1)
    // The heading goes with all the marks after it, or a space: 「投诉！！！…」「投诉 …」.
    for (const [said, told] of [
      ['投诉！！！建设路上那个工地天天晚上拉渣土车，灰尘漫天', '建设路上那个工地天天晚上拉渣土车，灰尘漫天'],
      ['投诉 建设路路灯不亮', '建设路路灯不亮'],
    ]) {
      const ticket = lastCode(await say(said), 'TS')
      await say('不用')
      expect((await mine()).find((c) => c.code === ticket)?.description).toBe(told)
    }
    // 「你们是住建局吗」 alone asks who answers here: the bureau's service, and how it works.
    expect(await say('你们是住建局吗')).toEqual([WORDING.citizenWhoAnswers])
    // 「举报」 alone waits for what and where, and stays in front of them: the report is a whistleblower's. 「有人在
    // 小区」 is nobody's address: the place is asked.
    expect(await say('举报')).toEqual([WORDING.citizenAskWhatAndWhere])
    expect(await say('有人在小区里私自改燃气管道')).toEqual([WORDING.askPlace])
    const tip = lastCode(await say('锦绣华庭5栋'), 'TS')
    await say('不用')
    const [tipped] = (await mine()).filter((c) => c.code === tip)
    expect(tipped).toMatchObject({ description: '举报；有人在小区里私自改燃气管道', whistleblowing: true })
  })

  it('corrects the last ticket’s place, keeps asking where the next problem is, and takes 「不用处理了」 as a withdrawal', async () => {
    const code = lastCode(await say('沅安路12号井盖没了'), 'TS')
    await say('13912345678')
    // A lead-in before 「旁边」 still means next to the last ticket.
    const [near] = await say('对了还有个事，旁边那个路灯也坏了')
    expect(near).toContain('「沅安路12号附近」')
    // 「不用」, as if to the call-back question: the place is what is still needed.
    expect(await say('不用')).toEqual([WORDING.placeStillNeededForPending])
    expect(await say('我想改一下刚才的地址，应该是沅安路16号')).toEqual([
      WORDING.citizenPlaceCorrected(code, '沅安路16号'),
      WORDING.placeStillNeededForPending,
    ])
    const [ticket] = (await mine()).filter((c) => c.code === code)
    expect(ticket?.locationText).toBe('沅安路16号')
    expect(await say('撤销投诉')).toEqual([WORDING.pendingDropped])
    expect(await say('我刚才那个投诉不用处理了')).toEqual([WORDING.citizenWithdrawalAsked(code)])
    const notes = await notesOn(ticket?.id)
    expect(notes).toEqual(
      expect.arrayContaining([
        '市民更正地点：沅安路16号（原为「沅安路12号」）',
        '市民申请撤回：我刚才那个投诉不用处理了',
      ]),
    )
    // The street light was never filed.
    expect((await mine()).filter((c) => c.description.includes('路灯也坏了'))).toHaveLength(0)
    // 「撤销」 alone to the duplicate question, or to where it is: the report waiting is dropped, not asked again.
    const before = (await mine()).length
    expect((await say('沅安路16号井盖没了'))[0]).toMatch(/^您反映的问题可能与已受理的投诉/)
    expect(await say('撤销')).toEqual([WORDING.pendingDropped])
    expect(await say('井盖坏了')).toEqual([WORDING.askPlace])
    expect(await say('撤回')).toEqual([WORDING.pendingDropped])
    expect(await mine()).toHaveLength(before)
  })

  it('files a school named alone as the place, and answers 「这个问题大概多久能解决」 about the latest ticket only', async () => {
    const code = lastCode(await say('学校门口的施工围挡占了半条路，孩子上下学很危险，实验小学'), 'TS')
    await say('不用')
    const [filed] = (await mine()).filter((c) => c.code === code)
    expect(filed?.locationText).toBe('实验小学')
    const [answer] = await say('这个问题大概多久能解决')
    expect(answer).toMatch(new RegExp(`^投诉 ${code}：`))
    expect(answer?.match(/TS\d{8}-\d{4}/g)).toHaveLength(1)
    // Asked without pointing at one: the latest few.
    expect((await say('我的投诉处理得怎么样了'))[0]?.match(/TS\d{8}-\d{4}/g)?.length).toBeGreaterThan(1)
  })

  it('never keeps a new problem waiting behind the duplicate question, and lets 「取消」 drop it', async () => {
    const code = lastCode(await say('洞庭大道118号井盖没了'), 'TS')
    await say('不用')
    expect((await say('洞庭大道118号井盖没了'))[0]).toContain(`可能与已受理的投诉 ${code}`)
    expect(await say('取消')).toEqual([WORDING.pendingDropped])
    expect((await say('洞庭大道118号井盖没了'))[0]).toContain(`可能与已受理的投诉 ${code}`)
    // Danger instead of yes or no: the waiting report joins the earlier ticket, and the danger is handled now.
    const replies = await say('小孩掉进下水道了！！！洞庭大道120号')
    expect(replies[0]).toBe(WORDING.complaintLinked(code))
    expect(replies[1]?.startsWith(`${WORDING.danger.fall}${WORDING.dutyAlerted}\n您的投诉已受理，编号 TS`)).toBe(true)
    const fallen = (await mine()).find((c) => c.description.includes('小孩掉进下水道'))
    expect(fallen?.locationText).toBe('洞庭大道120号')
    await say('不用')
  })

  it('hears anger as about the complaint still open, filing nothing, while a problem said with it is filed', async () => {
    const before = (await mine()).length
    // (With nothing open, the same words are heard and asked what happened: the first test of this file.)
    for (const said of ['垃圾政府', '我要去省里告你们', '你们这些官老爷什么都不管！！！', '我要找你们领导'])
      expect((await say(said))[0]).toMatch(/^已为您催办投诉 TS\d{8}-\d{4}/)
    expect(await mine()).toHaveLength(before)
    expect((await say('建设路88号井盖坏了好几天了，你们政府不作为'))[0]).toMatch(/^您的投诉已受理/)
    await say('不用')
  })

  it('asks where 「我家小区」 is, takes 「在滨江花园2栋」 without its 在, and reads a progress question said with an ID number', async () => {
    expect(await say('我家小区电梯又坏了')).toEqual([WORDING.askPlace])
    await say('取消')
    // 「这个老小区」 points at an estate without naming it: where is asked, not confirmed.
    expect(await say('我们这个老小区外墙瓷砖老往下掉，砸到人怎么办')).toEqual([WORDING.askPlace])
    await say('取消')
    expect(await say('就是我们小区门口那个井盖一直响，晚上车一过就咣当咣当的')).toEqual([WORDING.askPlace])
    await say('取消')
    expect(await say('我家小区电梯又坏了')).toEqual([WORDING.askPlace])
    const code = lastCode(await say('在滨江花园2栋'), 'TS')
    await say('不用')
    const [filed] = (await mine()).filter((c) => c.code === code)
    expect(filed?.locationText).toBe('滨江花园2栋')
    expect(await say('人行道上的树倒了，挡住了路')).toEqual([WORDING.askPlace])
    await say('取消')
    const before = (await mine()).length
    const [progress] = await say('我的身份证号是430702199001011234，帮我查一下投诉')
    expect(progress).toContain(`投诉 ${code}：`)
    expect(await mine()).toHaveLength(before)
  })

  it('keeps 「我叫张三」 after a ticket as how to address the citizen, never as a problem', async () => {
    const code = lastCode(await say('紫菱路20号路灯杆歪了'), 'TS')
    await say('13912345678')
    const before = (await mine()).length
    expect(await say('我叫张三')).toEqual([WORDING.citizenNameSaved(code)])
    expect(await say('我姓李')).toEqual([WORDING.citizenNameSaved(code)])
    const [filed] = (await mine()).filter((c) => c.code === code)
    expect(filed?.citizenName).toBe('李（姓）')
    expect(await mine()).toHaveLength(before)
  })

  it('keeps a name signed with the report out of its description, and 「不留」 declines the call back', async () => {
    const code = lastCode(await say('武陵大道那个下水道井盖，车子开过去一直响，电话18673612345 张先生'), 'TS')
    const [signed] = (await mine()).filter((c) => c.code === code)
    expect(signed).toMatchObject({
      description: '武陵大道那个下水道井盖，车子开过去一直响',
      citizenName: '张先生',
      citizenPhone: '18673612345',
    })
    const second = lastCode(await say('洞庭大道路灯杆歪了，我姓王，在洞庭大道88号'), 'TS')
    expect(await say('不留')).toEqual([WORDING.contactDeclined])
    const [surname] = (await mine()).filter((c) => c.code === second)
    expect(surname).toMatchObject({ description: '洞庭大道路灯杆歪了，在洞庭大道88号', citizenName: '王（姓）' })
    // Someone else in the story is not the citizen.
    const third = lastCode(await say('皂果路66号路灯不亮，找了物业的李师傅，他说不归他管'), 'TS')
    await say('不用')
    expect((await mine()).find((c) => c.code === third)?.citizenName).toBeNull()
  })

  it('keeps a tag that only says this is a complaint (「#投诉#」「【投诉】」) out of its description', async () => {
    for (const [said, description] of [
      ['#投诉# 沅安路101号施工占道 没有围挡', '沅安路101号施工占道 没有围挡'],
      ['【投诉】沅安路103号路灯不亮', '沅安路103号路灯不亮'],
    ]) {
      const tagged = lastCode(await say(said), 'TS')
      await say('不用')
      expect((await mine()).find((c) => c.code === tagged)?.description).toBe(description)
    }
  })

  it('hears 「打我电话吧」 as a yes to the call, and 「微信联系我就行」「不要打电话 发短信就行」 as a no (each had been filed as a new problem)', async () => {
    const called = lastCode(await say('沅安路201号井盖响'), 'TS')
    expect(await say('打我电话吧')).toEqual([WORDING.askPhoneNumber])
    expect(await say('13812345678')).toEqual([WORDING.contactSaved])
    expect((await mine()).find((c) => c.code === called)?.citizenPhone).toBe('13812345678')
    for (const [problem, answer] of [
      ['沅安路203号围挡倒了', '不要打电话 发短信就行'],
      ['沅安路205号路灯不亮', '微信联系我就行'],
      ['沅安路207号路面塌了个坑', '在这里回复我就行'],
    ]) {
      const before = (await mine()).length
      const code = lastCode(await say(problem), 'TS')
      expect(await say(answer)).toEqual([WORDING.contactDeclined])
      expect(await mine()).toHaveLength(before + 1)
      expect((await mine()).find((c) => c.code === code)?.citizenPhone).toBeNull()
    }
  })

  it('files a report written in English under its kind, and gives a gas leak said so the safety advice', async () => {
    const cover = lastCode(await say('manhole cover missing at 人民路'), 'TS')
    await say('不用')
    const [leak] = await say('There is a gas leak smell near 建设路 please help')
    expect(leak).toMatch(/^⚠️ 安全提示：闻到燃气味请立即离开现场/)
    const gas = lastCode([leak ?? ''], 'TS')
    await say('不用')
    const filed = await mine()
    expect(filed.find((c) => c.code === cover)).toMatchObject({
      category: 'road_municipal',
      description: 'manhole cover missing at 人民路',
    })
    expect(filed.find((c) => c.code === gas)?.category).toBe('gas')
  })

  it('keeps a bare name written beside the number, and one a whistleblower introduces, out of what the unit reads', async () => {
    const bare = lastCode(await say('我要实名举报 工地晚上施工扰民 在迎宾路和朝阳路交叉口 电话13800138000 张三'), 'TS')
    const introduced = lastCode(await say('举报人王小明 联系方式13700001111 解放路工地塔吊很危险'), 'TS')
    const filed = await mine()
    expect(filed.find((c) => c.code === bare)).toMatchObject({ citizenName: '张三', citizenPhone: '13800138000' })
    expect(filed.find((c) => c.code === bare)?.description).not.toContain('张三')
    expect(filed.find((c) => c.code === introduced)).toMatchObject({
      description: '解放路工地塔吊很危险',
      citizenName: '王小明',
      citizenPhone: '13700001111',
    })
  })

  it('takes where a photo was taken as the place, and an answer to where without the question said back', async () => {
    const before = (await mine()).length
    expect(await say('这个是在芙蓉路上拍的')).toEqual([WORDING.citizenPlaceAskWhat('芙蓉路')])
    await say('取消')
    // Said with 是 (「这个是人民路的」「是人民路的」): where, and what is still asked — never filed as the problem.
    for (const said of ['这个是人民路的', '是人民路的'])
      expect(await say(said)).toEqual([WORDING.citizenPlaceAskWhat('人民路')])
    await say('取消')
    // 「人民路的路灯」: where and what, asked what is wrong; the answer files it with both.
    expect(await say('人民路的路灯')).toEqual([WORDING.citizenThingAskWhat('路灯', '人民路')])
    expect(await mine()).toHaveLength(before)
    const lamp = lastCode(await say('不亮'), 'TS')
    await say('不用')
    expect((await mine()).find((c) => c.code === lamp)).toMatchObject({
      locationText: '人民路',
      category: 'road_municipal',
    })
    expect(await say('桥东路面塌了一个坑')).toContain(WORDING.askPlace)
    const code = lastCode(await say('在哪里？不就是那个柳叶大道和龙港路口嘛'), 'TS')
    await say('不用')
    const [filed] = (await mine()).filter((c) => c.code === code)
    expect(filed).toMatchObject({ description: '桥东路面塌了一个坑', locationText: '柳叶大道和龙港路口' })
  })

  it('lets 「我想问一下」 and 「我有个问题」 go on without filing them, and never offers 「老旧小区」 as the place', async () => {
    const before = (await mine()).length
    for (const leadIn of ['我想问一下', '我有个问题', '咨询一下'])
      expect(await say(leadIn)).toEqual([WORDING.citizenAskGoOn])
    expect(await say('老旧小区改造施工把水管挖断了，停水两天了')).toEqual([WORDING.askPlace])
    expect(await say('施工工地')).toEqual([WORDING.placeTooVague('施工工地')])
    const code = lastCode(await say('德山街道莲池社区'), 'TS')
    await say('不用')
    const [filed] = (await mine()).filter((c) => c.code === code)
    expect(filed).toMatchObject({
      description: '老旧小区改造施工把水管挖断了，停水两天了',
      locationText: '德山街道莲池社区',
    })
    expect(await mine()).toHaveLength(before + 1)
  })

  it('puts a report sent in pieces together: the thing, the place, and what is wrong', async () => {
    expect(await say('路灯')).toEqual([WORDING.citizenThingAskWhat('路灯')])
    expect(await say('皂果路')).toEqual([WORDING.citizenThingAskWhat('路灯', '皂果路')])
    const code = lastCode(await say('不亮'), 'TS')
    await say('不用')
    expect((await mine()).find((c) => c.code === code)).toMatchObject({
      description: '路灯不亮',
      locationText: '皂果路',
      category: 'road_municipal',
    })
  })

  it('takes 「本人系洞庭大道88号住户」 as living at 洞庭大道88号, and the contact named in it', async () => {
    const code = lastCode(
      await say('您好，本人系洞庭大道88号住户，我楼下商铺私自拆除承重墙进行装修。联系人：李建国，电话：13973612345'),
      'TS',
    )
    expect((await mine()).find((c) => c.code === code)).toMatchObject({
      locationText: '洞庭大道88号',
      citizenName: '李建国',
      citizenPhone: '13973612345',
    })
  })

  it('files nothing for code, markup or the same words pasted over and over', async () => {
    const before = (await mine()).length
    for (const noise of ["'; DROP TABLE complaints; --", '$' + '{jndi:ldap://x}', '人民路'.repeat(500), '%s%s%n'])
      expect(await say(noise)).toEqual([WORDING.citizenTooShort])
    expect(await mine()).toHaveLength(before)
  })

  it('files a report pasted over and over once, with the report as its description', async () => {
    const code = lastCode(await say('朗州路井盖坏了'.repeat(10)), 'TS')
    await say('不用')
    expect((await mine()).find((c) => c.code === code)).toMatchObject({
      description: '朗州路井盖坏了',
      locationText: '朗州路',
    })
  })

  it('files a blocked fire lane said with 「要是着火了」 at its estate without alarm, and a 风光带 as a place', async () => {
    const replies = await say('小区的消防通道被车堵死了，要是着火了消防车根本进不来，阳光花园')
    // A fire supposed is no fire: no safety advice, no alert — a complaint like any other.
    expect(replies[0]).toMatch(/^您的投诉已受理/)
    expect(replies.join('\n')).not.toContain('安全提示')
    const lane = lastCode(replies, 'TS')
    expect((await mine()).find((c) => c.code === lane)?.locationText).toBe('阳光花园')
    await say('不用')
    const rail = lastCode(await say('河堤上的护栏锈断了好几根，晚上散步很危险。穿紫河风光带'), 'TS')
    expect((await mine()).find((c) => c.code === rail)?.locationText).toBe('穿紫河风光带')
    await say('不用')
    // A fire in the past is no fire now; an estate named with its phase (碧桂园三期) is a place.
    const hydrant = await say('我想反映一下我们小区消防栓没有水的问题，上次着火差点出大事，碧桂园三期')
    expect(hydrant[0]).toMatch(/^您的投诉已受理/)
    expect((await mine()).find((c) => c.code === lastCode(hydrant, 'TS'))?.locationText).toBe('碧桂园三期')
    await say('不用')
  })

  it('leaves 「我要投诉」 said first out of the description, and asks an anonymous tipster for no number', async () => {
    expect(await say('我要投诉')).toEqual([WORDING.citizenAskWhatAndWhere])
    await say('小区门口的下水道井盖没了')
    const code = lastCode(await say('红旗路锦绣花园'), 'TS')
    await say('不用')
    expect((await mine()).find((c) => c.code === code)).toMatchObject({
      description: '小区门口的下水道井盖没了',
      locationText: '红旗路锦绣花园',
    })
    const tip = await say('我想匿名举报一个工地没有安全网，在栗雨工业园')
    expect(tip[0]).toMatch(/^您的投诉已受理/)
    expect(tip[0]).toContain(WORDING.askContactAnonymous)
    expect(tip[0]).not.toContain(WORDING.askContact)
    expect((await mine()).find((c) => c.code === lastCode(tip, 'TS'))).toMatchObject({ whistleblowing: true })
    await say('不用')
  })

  it('keeps a number or a name said with the place for the call back, and a doubt before the place out of it', async () => {
    for (const [problem, answer, place, phone, name] of [
      ['小区路灯不亮', '芙蓉路166号 13812345678', '芙蓉路166号', '13812345678', null],
      ['雨水篦子没了', '在朝阳路口，我姓王，手机18612345678', '朝阳路口', '18612345678', '王（姓）'],
      ['下水道堵了', '不知道叫什么路，就在菜市场旁边', '菜市场旁边', null, null],
      ['路边的树要倒了', '在哪？我也说不清，就在市一中后门那条路', '市一中后门那条路', null, null],
    ] as const) {
      await say(problem)
      const replies = await say(answer)
      const code = lastCode(replies, 'TS')
      // A number given is not asked for again.
      if (phone) expect(replies.join('\n')).not.toContain(WORDING.askContact)
      else await say('不用')
      expect((await mine()).find((c) => c.code === code)).toMatchObject({
        locationText: place,
        citizenPhone: phone,
        citizenName: name,
      })
    }
  })

  it('says where to turn for a bill, a power cut or a neighbour’s noise, and files nothing', async () => {
    const before = (await mine()).length
    expect(await say('请问燃气费在哪里交')).toEqual([WORDING.citizenOtherAgency.bill])
    expect(await say('小区停电了')).toEqual([WORDING.citizenOtherAgency.power_cut])
    expect(await say('隔壁邻居装修太吵了')).toEqual([WORDING.citizenOtherAgency.neighbour_noise])
    expect(await say('紫菱路和洞庭大道交叉口红绿灯坏了')).toEqual([WORDING.citizenOtherAgency.traffic_signal])
    expect(await say('投诉物业乱收费')).toEqual([WORDING.citizenOtherAgency.property_fee])
    // (These two had been asked where, to be filed.)
    expect(await say('物业费太贵了')).toEqual([WORDING.citizenOtherAgency.property_fee])
    expect(await say('我要投诉隔壁小区的狗叫')).toEqual([WORDING.citizenOtherAgency.neighbour_noise])
    // A site's night hours asked about: the rule, and where to report it (it had been answered with our own hours).
    expect(await say('你好，请问工地晚上几点以后不能施工')).toEqual([WORDING.citizenSiteNightWork])
    // Buying a home is the housing market's business; a crack in the new home is a hazard.
    expect(await say('在吗，有个事想咨询一下，我家买的房子开发商一直不给办房产证')).toEqual([
      WORDING.citizenOtherAgency.real_estate,
    ])
    expect(await say('说好的六月交房，延期半年了')).toEqual([WORDING.citizenOtherAgency.real_estate])
    // Asked after a supply, with complaints of their own on file: not where those stand — power is referred, the
    // water supply (the bureau's water company) is a complaint, asked where.
    expect(await say('停电了什么时候来电')).toEqual([WORDING.citizenOtherAgency.power_cut])
    expect(await say('停水了 什么时候来水')).toEqual([WORDING.askPlace])
    await say('取消')
    // The gas company's number asked (none configured here: where to find it).
    expect(await say('请问燃气公司电话多少')).toEqual([WORDING.gasPhone(undefined)])
    // Another body's number: not ours to give, where to find it (it had asked where 「物业」 was).
    for (const asked of ['物业电话是多少', '自来水公司的电话有吗'])
      expect(await say(asked)).toEqual([WORDING.citizenOtherAgency.contact_asked])
    expect(await mine()).toHaveLength(before)
    // A burst main cutting the supply is a report.
    expect(await say('老旧小区改造施工把水管挖断了，停水两天了')).toEqual([WORDING.askPlace])
    await say('取消')
    // A leak said with the question is danger, never only the number.
    expect((await say('燃气管道漏气了 燃气公司电话多少'))[0]).toContain('⚠️ 安全提示')
    await say('取消')
    // Someone trapped in a lift during a power cut is danger, never a referral.
    const trapped = await say('停电了，电梯里困了人，阳光花园3栋')
    expect(trapped[0]).toContain('⚠️ 安全提示')
    expect(trapped.join('\n')).toMatch(/您的投诉已受理/)
    await say('不用')
    // A structure taken out in a renovation, or a site's noise, is the bureau's.
    expect((await say('楼上邻居装修把承重墙拆了，芙蓉花园5栋'))[0]).toMatch(/^您的投诉已受理/)
    await say('不用')
    expect((await say('隔壁工地晚上施工太吵了，朗州路口'))[0]).toMatch(/^您的投诉已受理/)
    await say('不用')
    expect((await say('刚交房的新房子墙体开裂，开发商不管，在锦绣华庭3栋'))[0]).toMatch(/^您的投诉已受理/)
    await say('不用')
    // The bureau's own things by a traffic light are reported as such.
    expect((await say('人民路口红绿灯旁边的井盖坏了'))[0]).toMatch(/^您的投诉已受理/)
    await say('不用')
  })

  it('takes the place said again more exactly after the ticket, and no 「把」 into a place', async () => {
    const code = lastCode(await say('投诉一下，洞庭大道那边的井盖'), 'TS')
    expect(await say('哦对了是洞庭大道和解放路路口那个')).toEqual([
      WORDING.citizenPlaceAdded(code, '洞庭大道和解放路路口'),
    ])
    expect((await mine()).find((c) => c.code === code)?.locationText).toBe('洞庭大道和解放路路口')
    await say('不用')
    const dug = lastCode(
      await say('我家附近的工地把路挖了一个大坑，也没有围挡，在长江北路和黄河路交界的地方，希望尽快处理'),
      'TS',
    )
    expect((await mine()).find((c) => c.code === dug)?.locationText).toBe('长江北路和黄河路交界')
    await say('不用')
  })

  it('tells the unit and the duty officer when a citizen says an answered complaint is still not fixed', async () => {
    const code = lastCode(await say('我还要投诉一个：沅安路99号的井盖没了'), 'TS')
    await say('不用')
    expect((await mine()).find((c) => c.code === code)?.description).toBe('沅安路99号的井盖没了')
    // Before the answer, 「还没修好啊，我刚路过看了」 chases it (it was asked to confirm the place 「刚路」).
    const [chased] = await say('还没修好啊，我刚路过看了')
    expect(chased).toMatch(new RegExp(`^已为您催办投诉 ${code}`))
    expect(await notesOn((await mine()).find((c) => c.code === code)?.id)).toContain(
      '市民催办：还没修好啊，我刚路过看了',
    )
    await chat(harness.services, 'demo:admin', `回复 ${code} 已更换井盖`)
    expect(await say('根本没修好，还是那样')).toEqual([WORDING.citizenStillUnresolved(code)])
    const [complaint] = (await mine()).filter((c) => c.code === code)
    const notes = await notesOn(complaint?.id)
    expect(notes).toContain('市民反映问题仍未解决：根本没修好，还是那样')
    const told = (await database.db.select().from(outbox)).filter((row) => row.dedupeKey?.startsWith('unresolved:'))
    // The unit's handler and the duty officer on the console channel (the demo people's only accounts).
    expect(told.length).toBeGreaterThanOrEqual(2)
    expect(JSON.stringify(told[0]?.message)).toContain(`投诉 ${code}`)
    // 「井盖又松了」 is the same thing gone wrong again; 「我家小区电梯又坏了」 another thing, a report of its own.
    expect(await say('还是不满意 井盖又松了')).toEqual([WORDING.citizenStillUnresolved(code)])
    expect(await say('我家小区电梯又坏了')).toEqual([WORDING.askPlace])
    await say('取消')
    // A rating, thanks with 「修好了」, and a withdrawal in other words are each taken as what they are.
    expect(await say('一般般吧')).toEqual([WORDING.citizenSatisfied])
    // (With other complaints of this citizen still open, 「修好了」 goes to the latest of them.)
    const open = (await mine()).filter((c) => isComplaintOpen(c.status)).sort((a, b) => b.id - a.id)
    expect(await say('好的谢谢，修好了')).toEqual([
      open[0] ? WORDING.followUpForwarded(open[0].code) : WORDING.citizenConfirmsResolved,
    ])
    const other = lastCode(await say('朗州路口的路灯坏了三盏'), 'TS')
    await say('不用')
    expect(await say('刚才那个投诉取消吧')).toEqual([WORDING.citizenWithdrawalAsked(other)])
    const signedToo = lastCode(await say('我还要投诉一个：柳叶路12号路灯不亮，张先生'), 'TS')
    await say('不用')
    expect((await mine()).find((c) => c.code === signedToo)).toMatchObject({
      description: '柳叶路12号路灯不亮',
      citizenName: '张先生',
    })
    const second = lastCode(await say('这是我的第二个问题：洞庭大道口的树倒了'), 'TS')
    await say('不用')
    expect((await mine()).find((c) => c.code === second)?.description).toBe('洞庭大道口的树倒了')
    // A greeting and a heading (「您好！我想反映一下，」) are no part of what the unit reads; the estate in brackets
    // keeps its building.
    const greeted = lastCode(await say('您好！我想反映一下，我们小区（阳光花园）2号楼的外墙瓷砖经常往下掉'), 'TS')
    await say('不用')
    expect((await mine()).find((c) => c.code === greeted)).toMatchObject({
      description: '我们小区（阳光花园）2号楼的外墙瓷砖经常往下掉',
      locationText: '阳光花园2号楼',
    })
    // 「小区叫丽都花园」 in answer to where is the estate (it was filed at 「小区叫丽都花园」).
    expect(await say('小区里的消防通道被车堵死了，物业不管')).toEqual([WORDING.askPlace])
    const estate = lastCode(await say('小区叫丽都花园'), 'TS')
    await say('不用')
    expect((await mine()).find((c) => c.code === estate)?.locationText).toBe('丽都花园')
    // A sewer's cover that is gone is the roads' (it was 其他, left for the duty officer to dispatch).
    const sewer = lastCode(await say('丹阳路口 污水井 盖子 没了 晚上 看不见 很危险'), 'TS')
    await say('不用')
    expect((await mine()).find((c) => c.code === sewer)).toMatchObject({
      category: 'road_municipal',
      status: 'assigned',
    })
  })

  it('answers a pin without an address without reading coordinates back, and files the words that follow there', async () => {
    // Long after the last ticket: the pin starts a report rather than joining that one.
    clock.advance(3 * 3_600_000)
    expect(await chat(harness.services, CITIZEN, { kind: 'location', latitude: 29.03, longitude: 111.69 })).toEqual([
      WORDING.citizenPinAskWhat,
    ])
    const code = lastCode(await say('这里的井盖没了'), 'TS')
    await say('不用')
    expect((await mine()).find((c) => c.code === code)).toMatchObject({ latitude: 29.03, longitude: 111.69 })
  })

  it('lists a citizen’s complaints for 「我投诉了几次」 and says when reports are taken for 「周末有人处理吗」', async () => {
    const before = (await mine()).length
    const [listed] = await say('我投诉了几次')
    expect(listed).toMatch(/^投诉 TS\d{8}-\d{4}：/)
    for (const asked of ['你们几点下班', '周末有人处理吗']) expect(await say(asked)).toEqual([WORDING.citizenHours])
    expect(await mine()).toHaveLength(before)
  })

  it('files a problem said as long neglected, keeps when it happens with the ticket, and reads the kind of place', async () => {
    const tell = say
    const theirs = mine
    const before = (await mine()).length
    // Other complaints of this citizen are open (about manholes, lamps, trees): the words below are about none of them.
    // 「一直没人管」 with nothing on record reports the problem (it answered 「您暂无投诉记录」 and lost it).
    expect(await tell('您好 我想反映个情况 我们小区门口的马路被挖开一个多月了 一直没人管 晚上黑乎乎的')).toEqual([
      WORDING.askPlace,
    ])
    const road = lastCode(await tell('桃花源小区'), 'TS')
    await tell('不用')
    // The same words about another thing than the ticket open are another report; about the same thing, a chase.
    expect(await tell('路灯坏了一直没人管')).toEqual([WORDING.askPlace])
    await tell('取消')
    expect(await tell('马路挖开了一直没人管')).toEqual([WORDING.citizenUrged(road, 'assigned')])
    // When it happens, said to where, is more of what; said just after the ticket, more for that ticket.
    expect(await tell('噪音扰民')).toEqual([WORDING.askPlace])
    expect(await tell('晚上11点以后还在干')).toEqual([WORDING.placeStillNeeded])
    const noise = lastCode(await tell('人民路新世纪工地'), 'TS')
    expect(await tell('每天都这样')).toEqual([WORDING.citizenAdded(noise)])
    expect(await tell('一直都是这样的')).toEqual([WORDING.citizenAdded(noise)])
    const filed = (await theirs()).find((c) => c.code === noise)
    // Filed as 其他 by its words alone, the building site it is at makes it the site's.
    expect(filed).toMatchObject({ category: 'construction_site', description: '噪音扰民；晚上11点以后还在干' })
    const notes = await notesOn(filed?.id)
    expect(notes).toContain('市民补充：每天都这样')
    expect(await theirs()).toHaveLength(before + 2)
  })

  it('files a lift that keeps trapping people as a fault, with no alarm', async () => {
    const replies = await say('小区电梯老是困人，物业不管，丹阳小区5栋')
    expect(replies[0]).toMatch(/^您的投诉已受理/)
    expect(replies.join('\n')).not.toContain('安全提示')
    const alerts = (await database.db.select().from(outbox)).filter((row) => row.dedupeKey?.startsWith('danger:'))
    expect(alerts.map((a) => JSON.stringify(a.message)).join()).not.toContain('电梯老是困人')
    await say('不用')
  })

  it('asks where 「俺们村口」 is, lets a tipster decline the place, and takes 「就是这个」 and 「投诉建议」 for what they are', async () => {
    expect(await say('俺们村口的桥裂了老大一条缝')).toEqual([WORDING.askPlace])
    const bridge = lastCode(await say('常德市鼎城区石板滩镇'), 'TS')
    expect((await mine()).find((c) => c.code === bridge)?.locationText).toBe('常德市鼎城区石板滩镇')
    await say('不用')
    // Pointing at what was sent is where the ticket just filed stands, not a new report.
    expect((await say('就是这个'))[0]).toMatch(new RegExp(`^投诉 ${bridge}：`))
    expect(await say('如图')).toHaveLength(1)
    expect((await say('如图'))[0]).not.toContain('\n\n投诉')
    // 「不方便说」 where is declined like 「不知道」: the rough area is asked once.
    expect(await say('我想匿名举报一个工地违规施工')).toEqual([WORDING.askPlace])
    expect(await say('不方便说具体位置')).toEqual([WORDING.placeApproximate])
    await say('取消')
    expect(await say('投诉建议')).toEqual([WORDING.citizenAskWhatAndWhere])
    await say('取消')
    expect((await say('编号多少来着'))[0]).toMatch(/^投诉 TS\d{8}-\d{4}：/)
    // Sent here by the hotline: not told to call it.
    expect(await say('我之前打过12345了，他们让我在这里反映')).toEqual([WORDING.citizenAskWhatAndWhere])
    await say('取消')
  })

  it('says which unit has the complaint, gives no staff number, and passes on 「说不归你们管」 and 「把投诉撤了」', async () => {
    clock.advance(3 * 3_600_000)
    const code = lastCode(await say('人民路99号井盖没了'), 'TS')
    await say('不用')
    expect(await say('我的投诉被转到哪个单位了')).toEqual([WORDING.citizenHandledBy(code, '市政建设总公司')])
    expect(await say('处理人员的电话是多少')).toEqual([WORDING.citizenStaffPhone])
    await say('13800001111')
    expect((await mine()).find((c) => c.code === code)?.citizenPhone).toBe('13800001111')
    expect(await say('你们工作人员来看过了，说不归你们管，那归谁管？')).toEqual([WORDING.followUpForwarded(code)])
    expect(await say('能不能帮我把投诉撤了')).toEqual([WORDING.citizenWithdrawalAsked(code)])
    // The same thing 「又坏了」 while its ticket is open, the call back chased, and when the answer comes.
    expect(await say('你们上次处理的那个井盖又坏了')).toEqual([WORDING.followUpForwarded(code)])
    expect(await say('怎么还没有人联系我')).toEqual([WORDING.citizenUrged(code, 'assigned')])
    expect((await say('我什么时候能收到回复'))[0]).toMatch(/^投诉 TS\d{8}-\d{4}：/)
    // A thing held for the rest of the report is dropped on 「算了」.
    await say('路灯')
    expect(await say('算了')).toEqual([WORDING.pendingDropped])
    const [row] = (await mine()).filter((c) => c.code === code)
    const notes = await notesOn(row?.id)
    expect(notes).toEqual(
      expect.arrayContaining([
        '市民反馈：你们工作人员来看过了，说不归你们管，那归谁管？',
        '市民申请撤回：能不能帮我把投诉撤了',
      ]),
    )
  })
})

describe('how a report may be made, asked first', () => {
  it('answers anonymity and rewards, and asks what and where of someone sent here by a call', async () => {
    const before = (await mine()).length
    expect(await say('可以匿名吗')).toEqual([WORDING.citizenAnonymousAsked])
    expect(await say('举报有奖励吗')).toEqual([WORDING.citizenRewardAsked])
    expect(await say('我之前打电话反映过，电话里说让我在这里再报一次')).toEqual([WORDING.citizenAskWhatAndWhere])
    await say('取消')
    expect(await mine()).toHaveLength(before)
    // Why it went to another unit: which unit has it now.
    expect((await say('我投诉的事情为什么给我转到别的单位了'))[0]).toMatch(
      /^投诉 TS\d{8}-\d{4} 登记为「.+」类问题，按类别交由.+办理。如类别不对/,
    )
  })
})

describe('a report told a few words at a time', () => {
  it('asks what and where of 「就是我们小区」, keeps the estate and the thing, and files once what is wrong is said', async () => {
    const before = (await mine()).length
    expect(await say('我要反映个问题')).toEqual([WORDING.citizenAskWhatAndWhere])
    // A rough where is no problem: it had been filed as one, with the estate named next as its place.
    expect(await say('就是我们小区')).toEqual([WORDING.citizenVagueWhereAskWhat])
    expect(await say('阳光花园')).toEqual([WORDING.citizenPlaceAskWhat('阳光花园')])
    // The thing at the place, where on it said: kept while what is wrong is asked (it filed 「门口那个井盖」).
    expect(await say('门口那个井盖')).toEqual([WORDING.citizenThingAskWhat('井盖', '阳光花园门口')])
    expect(await mine()).toHaveLength(before)
    const code = lastCode(await say('坏了好久了'), 'TS')
    const filed = (await mine()).find((c) => c.code === code)
    expect(filed).toMatchObject({ locationText: '阳光花园门口', category: 'road_municipal' })
    expect(filed?.description).toContain('井盖坏了好久了')
    await say('不用')
  })
})

describe('hurry, a remark before the place, a new number and 加急', () => {
  it('answers 「快来人」 to where with where again, files the place said after a remark, and chases on 「加急」', async () => {
    const before = (await mine()).length
    await say('我家楼下燃气管子漏气了')
    // Urgency is no place (it was told 「快来人」 was not specific enough); the duty officer already knows.
    expect(await say('快来人')).toEqual([WORDING.placeUrgentDanger])
    const code = lastCode(await say('在哪里都不知道吗 就是幸福小区3栋'), 'TS')
    expect((await mine()).find((c) => c.code === code)?.locationText).toBe('幸福小区3栋')
    expect(await mine()).toHaveLength(before + 1)
    await say('不用')
    // A new number said with the verb first; 「加急」 and 「等了一天了」 chase the latest (they were answered as questions).
    expect((await say('我想改一下电话 13700001111'))[0]).toMatch(/^已将投诉 .*TS\d{8}-\d{4}.* 的联系电话更新为新号码/)
    for (const hurry of ['能不能帮我加急处理', '你们能不能快点 我都等了一天了'])
      expect((await say(hurry))[0]).toMatch(new RegExp(`^已为您催办投诉 ${code}`))
  })
})

describe('words of chat while a report waits', () => {
  it('asks where again for 「好的」, waits for 「我想想」, thanks only thanks, and keeps a place said before 「好的」', async () => {
    const before = (await mine()).length
    await say('井盖坏了')
    // 「好的」 is no thanks: no 「不客气」; 「我想想」 is no place (it was told it was not specific enough).
    expect(await say('好的')).toEqual([WORDING.askPlace])
    expect(await say('我想想')).toEqual([WORDING.citizenPlaceWait])
    expect(await say('谢谢')).toEqual([`不客气。${WORDING.askPlace}`])
    await say('取消')
    expect(await say('人民路')).toEqual([WORDING.citizenPlaceAskWhat('人民路')])
    // The place kept is still waiting for what is wrong there (it was dropped with a 「有新的问题…」).
    expect(await say('好的')).toEqual([WORDING.citizenPlaceAskWhat('人民路')])
    await say('取消')
    expect(await say('嗯')).toEqual([WORDING.citizenAcknowledged])
    expect(await mine()).toHaveLength(before)
  })
})

describe('a report typed in traditional characters', () => {
  it('files 「人民路八十八號井蓋壞了」 and takes 「人民路88号井盖坏了」 after it for the same problem', async () => {
    const code = lastCode(await say('人民路八十八號井蓋壞了，晚上很危險'), 'TS')
    await say('不用')
    // The number in words and in digits is one address: the citizen's second report of it goes to the first.
    expect((await say('人民路88号 井盖 坏了'))[0]).toMatch(new RegExp(`^已关联到投诉 ${code}`))
    await say('取消')
  })
})

describe('more said just after the ticket', () => {
  it('adds how big and how risky to the ticket, takes a house number as its place, and chases on 「快来修」', async () => {
    const code = lastCode(await say('桃源路有个坑'), 'TS')
    const count = (await mine()).length
    // Each had been a new complaint asked where, and the place said next filed one made of the detail.
    for (const detail of ['大概有脸盆那么大', '晚上很危险', '有小孩掉下去过'])
      expect(await say(detail)).toEqual([WORDING.citizenAdded(code)])
    expect(await say('在12号门口')).toEqual([WORDING.citizenPlaceAdded(code, '桃源路12号门口')])
    expect((await say('快来修'))[0]).toMatch(new RegExp(`^已为您催办投诉 ${code}`))
    expect(await mine()).toHaveLength(count)
    const notes = await notesOn((await mine()).find((c) => c.code === code)?.id)
    expect(notes).toEqual(expect.arrayContaining(['市民补充：大概有脸盆那么大', '市民补充：有小孩掉下去过']))
    expect((await mine()).find((c) => c.code === code)?.locationText).toBe('桃源路12号门口')
  })
})

describe('withdrawing one of several, or all', () => {
  it('withdraws the one named by its thing, then every open one, and drops what waits on 「我不要了」', async () => {
    const cover = lastCode(await say('白马湖路66号井盖坏了'), 'TS')
    await say('不用')
    const lamp = lastCode(await say('白马湖路70号路灯不亮'), 'TS')
    await say('不用')
    // 「第一个怎么样了」 asks where they stand (it had been answered as a general question).
    const [standing] = await say('第一个怎么样了')
    expect(standing).toContain(`投诉 ${cover}：`)
    expect(standing).toContain(`投诉 ${lamp}：`)
    // It had been taken as a new report about a manhole cover, asked where.
    expect(await say('井盖那个撤销吧')).toEqual([WORDING.citizenWithdrawalAsked(cover)])
    const [both] = await say('两个都不用管了')
    expect(both).toMatch(/^已收到您撤回投诉 .+ 的申请/)
    expect(both).toContain(cover)
    expect(both).toContain(lamp)
    const notesOfLamp = await notesOn((await mine()).find((c) => c.code === lamp)?.id)
    expect(notesOfLamp).toContain('市民申请撤回：两个都不用管了')
    // 「我不要了」 names nothing to withdraw: what waits is dropped (it had been filed as a complaint at the place).
    const before = (await mine()).length
    await say('人民公园')
    expect(await say('我不要了')).toEqual([WORDING.pendingDropped])
    await say('井盖坏了')
    expect(await say('我不要了')).toEqual([WORDING.pendingDropped])
    expect(await mine()).toHaveLength(before)
  })
})

describe('impatience and anger, with a report open or waiting for its place', () => {
  it('chases the open ticket on 「管不管」「投诉了也没用」「找你们领导」, and asks where again while a report waits', async () => {
    const code = lastCode(await say('洞庭大道18号井盖坏了'), 'TS')
    await say('不用')
    const count = (await mine()).length
    // 「投诉了也没用」 had become a new complaint asked where, and 「我要找你们领导」 its place.
    for (const said of [
      '你们管不管啊 都报了三次了',
      '投诉了也没用',
      '我要找你们领导',
      '再不处理我就打12345了',
      '人呢？',
    ])
      expect((await say(said))[0]).toMatch(new RegExp(`^已为您催办投诉 ${code}`))
    expect(await mine()).toHaveLength(count)
    const notes = await notesOn((await mine()).find((c) => c.code === code)?.id)
    expect(notes).toEqual(expect.arrayContaining(['市民催办：投诉了也没用', '市民催办：我要找你们领导']))

    // A report waiting for its place: the same words ask where again (they were answered 「您暂无投诉记录」, or taken
    // for a place not specific enough).
    await say('路灯坏了好几天了')
    for (const said of ['我要找你们领导', '人呢？', '再不处理我就打12345了'])
      expect(await say(said)).toEqual([WORDING.placeUrgent])
    const filed = lastCode(await say('洞庭大道与紫菱路口'), 'TS')
    const ticket = (await mine()).find((c) => c.code === filed)
    expect(ticket?.locationText).toBe('洞庭大道与紫菱路口')
    expect(ticket?.description).toBe('路灯坏了好几天了')
    await say('不用')
  })
})

describe('a report in pieces, a detail, a building put right and a number to call', () => {
  it('keeps 「…上有个井盖」 and 「投诉…88号」 for what is wrong, adds 「很深」, puts right 「应该是6栋」, and takes a number with 「请联系我」', async () => {
    const before = (await mine()).length
    // It had filed 「建设路上有个井盖」, a complaint saying nothing was wrong.
    expect(await say('沅江路上有个井盖')).toEqual([WORDING.citizenThingAskWhat('井盖', '沅江路')])
    const cover = lastCode(await say('不见了'), 'TS')
    expect((await mine()).find((c) => c.code === cover)).toMatchObject({
      locationText: '沅江路',
      description: '井盖不见了',
    })
    await say('不用')
    // 「投诉」 and a place start a report there (it had been filed as the complaint, or put on the last ticket).
    expect(await say('投诉沅江路88号')).toEqual([WORDING.citizenPlaceAskWhat('沅江路88号')])
    const pit = lastCode(await say('有个大坑'), 'TS')
    expect((await mine()).find((c) => c.code === pit)?.locationText).toBe('沅江路88号')
    // Too short for a complaint, but not for more about the last one.
    expect(await say('很深')).toEqual([WORDING.citizenAdded(pit)])
    await say('不用')
    const gas = lastCode(await say('楼道里燃气管锈穿了 在桃林小区5栋1单元'), 'TS')
    expect(await say('我刚才报的那个地址写错了，应该是6栋')).toEqual([
      WORDING.citizenPlaceCorrected(gas, '桃林小区6栋1单元'),
    ])
    expect(await say('我的电话是13812345678，请联系我')).toEqual([WORDING.contactSaved])
    const filed = (await mine()).find((c) => c.code === gas)
    expect(filed).toMatchObject({ locationText: '桃林小区6栋1单元', citizenPhone: '13812345678' })
    expect(await mine()).toHaveLength(before + 3)
  })
})

describe('a place guessed from a name said with 那边', () => {
  it('offers 「二里岗」 for 「二里岗那边…」, and takes 「不是，在朝阳路」 and 「不是」 without the no', async () => {
    expect(await say('二里岗那边有个废弃的工地，基坑没填，周边没有围挡')).toEqual([WORDING.askPlaceGuess('二里岗')])
    const site = lastCode(await say('是'), 'TS')
    expect((await mine()).find((c) => c.code === site)?.locationText).toBe('二里岗')
    await say('不用')
    expect(await say('老西门附近的护栏断了')).toEqual([WORDING.askPlaceGuess('老西门')])
    // The place had been 「不是，在朝阳路」.
    const rail = lastCode(await say('不是，在朝阳路'), 'TS')
    expect((await mine()).find((c) => c.code === rail)?.locationText).toBe('朝阳路')
    await say('不用')
    expect(await say('桃花坪附近的路灯杆锈穿了')).toEqual([WORDING.askPlaceGuess('桃花坪')])
    // 「不是」 alone asks where again (it was told 「不是」 was not specific enough).
    expect(await say('不是')).toEqual([WORDING.askPlace])
    const lamp = lastCode(await say('白鹤铺村委会门口'), 'TS')
    expect((await mine()).find((c) => c.code === lamp)?.locationText).toBe('白鹤铺村委会门口')
    await say('不用')
  })
})

describe('asking after a ticket by its thing, and dropping nothing', () => {
  it('answers 「我投诉的电梯那个 现在怎么样了」 with where it stands, and 「算了 不投诉了」 with nothing waiting', async () => {
    const lift = lastCode(await say('小区电梯坏了三天了 物业不修 锦江花园3栋'), 'TS')
    await say('不用')
    const count = (await mine()).length
    // It had been taken for a new report and asked where.
    expect((await say('我投诉的电梯那个 现在怎么样了'))[0]).toMatch(new RegExp(`^投诉 ${lift}：`))
    expect(await say('算了 不投诉了')).toEqual([WORDING.citizenNothingPending])
    expect(await mine()).toHaveLength(count)
    expect((await mine()).find((c) => c.code === lift)?.status).toBe('assigned')
    // The stairwell light at the same building is another thing: filed, not offered as the lift's problem.
    expect((await say('我还要投诉一个 楼道灯不亮 也是锦江花园3栋'))[0]).toMatch(/^您的投诉已受理/)
    await say('不用')
  })
})

describe('where on the place just filed, said next', () => {
  it('puts 「靠近…门口那边」「在…中段 公交站旁边」「就在…那」 on the ticket just filed, and files nothing more', async () => {
    await say('井盖丢了')
    const cover = lastCode(await say('桃花源路'), 'TS')
    const count = (await mine()).length
    // It had been held as a new place and asked what was wrong there.
    expect(await say('靠近第一中学门口那边')).toEqual([WORDING.citizenPlaceAdded(cover, '桃花源路 靠近第一中学门口')])
    await say('不用')
    const pole = lastCode(await say('龙港路有个路灯杆歪了'), 'TS')
    // It had been filed as a complaint of its own, of no category, saying only where.
    expect(await say('在龙港路中段 公交站旁边')).toEqual([WORDING.citizenPlaceAdded(pole, '龙港路中段 公交站旁边')])
    await say('不用')
    await say('工地围挡倒了')
    const hoarding = lastCode(await say('滨湖路'), 'TS')
    expect(await say('就在恒大工地那')).toEqual([WORDING.citizenPlaceAdded(hoarding, '滨湖路 恒大工地')])
    // The call-back question is still the one open.
    expect(await say('不用')).toEqual([WORDING.contactDeclined])
    const places = new Map((await mine()).map((c) => [c.code, c.locationText]))
    expect([places.get(cover), places.get(pole), places.get(hoarding)]).toEqual([
      '桃花源路 靠近第一中学门口',
      '龙港路中段 公交站旁边',
      '滨湖路 恒大工地',
    ])
    expect(await mine()).toHaveLength(count + 2)
    // A street of its own is another place: kept for what is wrong there, the ticket left as it was.
    await say('工地围挡倒了')
    const other = lastCode(await say('滨湖路'), 'TS')
    expect(await say('人民路88号那边')).toEqual([WORDING.citizenPlaceAskWhat('人民路88号')])
    expect((await mine()).find((c) => c.code === other)?.locationText).toBe('滨湖路')
    await say('取消')
  })
})

describe('a rough where, then what is wrong there', () => {
  it('files 「就是我们小区门口那条路」 then 「全是坑」 as one problem of the road, with the place asked', async () => {
    await say('我想反映个问题')
    expect(await say('就是我们小区门口那条路')).toEqual([WORDING.citizenVagueWhereAskWhat])
    // Short, and it says what and what is wrong (it had been refused as too short, then lost).
    expect(await say('全是坑')).toEqual([WORDING.askPlace])
    const code = lastCode(await say('在德山开发区金霞路'), 'TS')
    const filed = (await mine()).find((c) => c.code === code)
    expect(filed).toMatchObject({
      description: '我们小区门口那条路，全是坑',
      locationText: '德山开发区金霞路',
      category: 'road_municipal',
    })
    await say('不用')
    // Said in one message, the road is the road's, not the estate's.
    const road = lastCode(await say('我们小区门口那条路全是坑 在金霞北路'), 'TS')
    expect((await mine()).find((c) => c.code === road)?.category).toBe('road_municipal')
    await say('不用')
  })
})

describe('problems at two places in one message, a target named, and cars parked', () => {
  it('files 「…88号井盖没了 …99号路灯不亮」 as a ticket each, and keeps one problem said around one place one', async () => {
    const before = (await mine()).length
    const [both] = await say('沅水路88号井盖没了，差点有人掉下去，沅水路99号路灯也不亮')
    expect(both).toMatch(/^您反映的 2 个问题已分别受理：/)
    await say('不用')
    const filed = (await mine()).sort((a, b) => a.id - b.id).slice(-2)
    expect(filed.map((c) => [c.locationText, c.description])).toEqual([
      ['沅水路88号', '沅水路88号井盖没了，差点有人掉下去'],
      ['沅水路99号', '沅水路99号路灯也不亮'],
    ])
    // One place, or a stretch between two: one ticket.
    for (const said of ['从桃林路到沅水路，路面全是坑', '桃林路和沅水路交叉口井盖没了']) {
      expect((await say(said))[0]).toMatch(/^您的投诉已受理/)
      await say('不用')
    }
    expect(await mine()).toHaveLength(before + 4)
  })

  it('asks what and where after 「我要投诉物业」, keeps whom it is against, and files what follows as a new problem', async () => {
    expect(await say('我要投诉物业')).toEqual([WORDING.citizenAskWhatAndWhere])
    expect(await say('电梯坏了三天了没人修')).toEqual([WORDING.askPlace])
    const lift = lastCode(await say('翠湖花园5栋'), 'TS')
    expect((await mine()).find((c) => c.code === lift)?.description).toBe('我要投诉物业；电梯坏了三天了没人修')
    await say('不用')
    // When it happens, said after 「我要举报工地」, is the new problem — not more on the ticket before.
    await say('我要举报工地')
    expect(await say('晚上施工到两点')).toEqual([WORDING.askPlace])
    const site = lastCode(await say('沅水路120号'), 'TS')
    expect((await mine()).find((c) => c.code === site)?.description).toBe('我要举报工地；晚上施工到两点')
    await say('不用')
  })

  it('points cars parked where they should not be to the traffic police, filing nothing', async () => {
    const before = (await mine()).length
    expect(await say('人民路上好多车乱停')).toEqual([WORDING.citizenOtherAgency.parking])
    expect(await mine()).toHaveLength(before)
  })
})

describe('a photo pointed at', () => {
  it('answers 「你看这个」 after a photo with where the ticket it joined stands, filing nothing', async () => {
    const code = lastCode(await say('沅江路77号路灯杆锈穿了'), 'TS')
    await say('不用')
    expect(await say({ kind: 'image' })).toEqual([WORDING.citizenMediaAdded(code, '照片')])
    const before = (await mine()).length
    // It was taken for a new problem and its place asked.
    for (const said of ['你看这个', '看看这张图']) expect((await say(said))[0]).toMatch(new RegExp(`^投诉 ${code}：`))
    expect(await mine()).toHaveLength(before)
    // 「就是这个」 before where is no part of the place (it was kept as 「这个 芙蓉路12号门口」).
    expect(await say('就是这个 芙蓉路12号门口')).toEqual([WORDING.citizenPlaceAskWhat('芙蓉路12号门口')])
    await say('取消')
  })
})

describe('asked about the ticket in other words', () => {
  it('takes 「我刚才发的投诉能撤回吗」「你们处理完了告诉我一声」「电话打不通啊」 about the latest, filing nothing', async () => {
    const code = lastCode(await say('沅江路99号人行道塌了个坑'), 'TS')
    await say('不用')
    const before = (await mine()).length
    // Each had been asked where, or answered with how to report.
    expect((await say('能不能帮我查一下我上个月投诉的那个'))[0]).toMatch(/^投诉 TS\d{8}-\d{4}：/)
    expect(await say('你们处理完了告诉我一声')).toEqual([WORDING.citizenWillBeTold(code)])
    expect(await say('电话打不通啊')).toEqual([WORDING.followUpForwarded(code)])
    expect(await say('我不会打字 能发语音吗')).toEqual([WORDING.citizenVoiceWelcome])
    expect(await say('我刚才发的投诉能撤回吗')).toEqual([WORDING.citizenWithdrawalAsked(code)])
    expect(await mine()).toHaveLength(before)
    expect(await notesOn((await mine()).find((c) => c.code === code)?.id)).toEqual(
      expect.arrayContaining(['市民反馈：电话打不通啊', '市民申请撤回：我刚才发的投诉能撤回吗']),
    )
  })
})

describe('household waste, and a media placeholder in the words', () => {
  it('points a bin knocked over to sanitation, keeps muck dumped by a site, and reads words after 「（图片）」', async () => {
    const before = (await mine()).length
    expect(await say('#投诉# 人民路垃圾桶倒了')).toEqual([WORDING.citizenOtherAgency.sanitation])
    // (「垃圾太多没人清理」 had been filed as 其他, for no unit.)
    expect(await say('垃圾太多没人清理 在三闾港路')).toEqual([WORDING.citizenOtherAgency.sanitation])
    expect(await say('有人在河里电鱼')).toEqual([WORDING.citizenOtherAgency.illegal_fishing])
    expect(await mine()).toHaveLength(before)
    // Rubbish among the estate's other problems: the lamp out is the bureau's (all had been referred away).
    const estate = lastCode(await say('幸福小区的物业太差了 垃圾没人清 绿化也不管 楼道灯也坏了好久'), 'TS')
    expect((await mine()).find((c) => c.code === estate)?.locationText).toBe('幸福小区')
    await say('不用')
    // A site's waste is the bureau's.
    expect((await say('工地的建筑垃圾倒在沅江路边上'))[0]).toMatch(/^您的投诉已受理/)
    await say('不用')
    // 「（图片）」 stood for a photo that did not come: the rest is a thing and a place, what is wrong asked (it had
    // been filed saying nothing was wrong).
    expect(await say('（图片）桃林路井盖')).toEqual([WORDING.citizenThingAskWhat('井盖', '桃林路')])
    await say('取消')
  })
})

describe('a report typed in pieces, with what people say while they think', () => {
  it('files one ticket from 「那个 我想反映个事情」, the thing, what is wrong and where, sent one by one', async () => {
    const before = (await mine()).length
    // 「那个」 is no part of it, and 「反映个事情」 wants to report (「个事」 had been read, leaving 「情」 over).
    expect(await say('那个 我想反映个事情')).toEqual([WORDING.citizenAskWhatAndWhere])
    expect(await mine()).toHaveLength(before)
    await say('就是我们这边的路灯')
    expect(await mine()).toHaveLength(before)
    await say('好久都不亮了')
    expect((await say('在光明路'))[0]).toMatch(/^您的投诉已受理/)
    await say('不用')
    const filed = (await mine()).slice(before)
    expect(filed).toHaveLength(1)
    expect(filed[0]?.locationText).toBe('光明路')
    expect(filed[0]?.description).toMatch(/路灯.*好久都不亮了/)
  })

  it('keeps a rough where and 「有个井盖」 while what is wrong and where are asked, and files them together', async () => {
    const before = (await mine()).length
    expect(await say('嗯 有个事')).toEqual([WORDING.citizenAskGoOn])
    expect(await say('我们小区门口')).toEqual([WORDING.citizenVagueWhereAskWhat])
    // 「有个井盖」 points at the thing (it was refused as a place not exact enough).
    expect(await say('有个井盖')).toEqual([WORDING.citizenThingAskWhat('井盖')])
    expect(await say('盖子没了')).toEqual([WORDING.askPlace])
    expect((await say('翠湖花园'))[0]).toMatch(/^您的投诉已受理/)
    await say('不用')
    const filed = (await mine()).slice(before)
    expect(filed).toHaveLength(1)
    expect(filed[0]?.locationText).toBe('翠湖花园')
    expect(filed[0]?.description).toBe('我们小区门口，井盖盖子没了')
  })
})

describe('a link forwarded', () => {
  it('says a link is not opened and asks what and where, and files the words around a link without it', async () => {
    const before = (await mine()).length
    for (const sent of ['https://mp.weixin.qq.com/s/abc123 你们看看这个新闻', '这个新闻说的情况 http://t.cn/A6xyz'])
      expect(await say(sent)).toEqual([WORDING.citizenLinkNotOpened])
    expect(await mine()).toHaveLength(before)
    expect((await say('柳叶路18号井盖没了 https://img.example.com/1.jpg'))[0]).toMatch(/^您的投诉已受理/)
    await say('不用')
    const [filed] = (await mine()).slice(before)
    expect(filed?.description).toBe('柳叶路18号井盖没了')
  })
})

describe('a question about a problem named by its place and thing', () => {
  it('answers where the one it names stands, or that none is theirs, filing nothing', async () => {
    const ticket = lastCode(await say('桥上的路灯全灭了 阳明大桥'), 'TS')
    await say('不用')
    const before = (await mine()).length
    // (「人民路那个井盖修好了吗」 was filed as a complaint.)
    expect(await say('德山路那个井盖修好了吗')).toEqual([WORDING.citizenNoComplaintAbout('德山路的井盖', false)])
    expect((await say('阳明大桥那个路灯修好了没'))[0]).toMatch(new RegExp(`^投诉 ${ticket}：`))
    // By its thing or place alone, or as 「我投诉的那个…」: that one, or a word that none of theirs is about it (the
    // latest had been shown, and 「井盖那个怎么样了」 filed as a new complaint asked where).
    for (const asked of ['路灯那个怎么样了', '阳明大桥的事有进展吗', '能不能帮我查一下我投诉的那个路灯'])
      expect((await say(asked))[0]).toMatch(new RegExp(`^投诉 ${ticket}：`))
    expect((await mine()).filter((c) => c.description.includes('阀门'))).toEqual([])
    for (const asked of ['阀门那个怎么样了', '能不能帮我查一下我投诉的那个阀门'])
      expect(await say(asked)).toEqual([WORDING.citizenNoComplaintAbout('阀门', false)])
    expect((await say('上次那个投诉 编号我忘了'))[0]).toMatch(/^投诉 TS\d{8}-\d{4}：/)
    // (「我的投诉呢」 was told how to complain; 「不用处理了 已经好了」 was asked where.)
    expect((await say('我的投诉呢'))[0]).toMatch(new RegExp(`^投诉 ${ticket}：`))
    expect(await mine()).toHaveLength(before)
    for (const said of ['不用处理了 已经好了', '不用再来了，已经修好了'])
      expect(await say(said)).toEqual([WORDING.followUpForwarded(ticket)])
    expect(await mine()).toHaveLength(before)
  })
})

describe('which of their complaints they mean, narrowed after a list', () => {
  it('answers 「就是那个下水道的」「我说的是枫林二路那个」 with that one; a thing none of theirs is about begins a report', async () => {
    const asker = (input: ChatInput) => chat(harness.services, 'o-narrowing', input, 'mp')
    const drain = lastCode(await asker('小区门口那条路上的下水道堵了 一下雨就淹 在金盆路和槐荫路交叉口往东50米'), 'TS')
    await asker('不用')
    const lamp = lastCode(await asker('枫林二路的路灯不亮'), 'TS')
    await asker('不用')
    const theirs = () =>
      database.db
        .select()
        .from(complaints)
        .where(eq(complaints.citizenExternalId, 'o-narrowing'))
        .orderBy(asc(complaints.id))
    const before = (await theirs()).length
    expect((await asker('我的投诉处理结果怎么还没出来'))[0]).toMatch(new RegExp(`${lamp}[^]*${drain}`))
    // (「就是那个下水道的」 had been taken for a new report and asked where; the place said next filed it.)
    expect(await asker('就是那个下水道的')).toEqual([expect.stringMatching(new RegExp(`^投诉 ${drain}：`))])
    for (const said of ['我说的是枫林二路那个', '路灯那个'])
      expect(await asker(said)).toEqual([expect.stringMatching(new RegExp(`^投诉 ${lamp}：`))])
    expect(await theirs()).toHaveLength(before)
    // Naming none of theirs, the words begin a report: the thing or the place kept, what is wrong asked.
    expect(await asker('电梯那个')).toEqual([WORDING.citizenThingAskWhat('电梯')])
    await asker('算了')
    expect(await asker('芙蓉路那个')).toEqual([WORDING.citizenPlaceAskWhat('芙蓉路')])
    expect((await asker('井盖没了'))[0]).toMatch(/^您的投诉已受理/)
    expect((await theirs()).slice(before).map((c) => c.locationText)).toEqual(['芙蓉路'])
  })
})

describe('details after a ticket, a site named before what is wrong there, and a chase naming its thing', () => {
  it('asks what is wrong with 「朝阳路有个工地」 and files it with what comes next (it was filed saying only that)', async () => {
    const before = (await mine()).length
    expect(await say('我要举报')).toEqual([WORDING.citizenAskWhatAndWhere])
    expect(await say('柏子园路有个工地')).toEqual([WORDING.citizenThingAskWhat('工地', '柏子园路')])
    expect(await mine()).toHaveLength(before)
    const ticket = lastCode(await say('天天晚上施工'), 'TS')
    // How much of a nuisance, and when, are more for that ticket (「吵死了」 was refused as too short).
    expect(await say('吵死了')).toEqual([WORDING.citizenAdded(ticket)])
    await say('不用')
    const [filed] = (await mine()).slice(before)
    expect(filed).toMatchObject({ locationText: '柏子园路', category: 'construction_site' })
    expect(filed?.description).toContain('工地天天晚上施工')
    expect(await notesOn(filed?.id)).toContain('市民补充：吵死了')
  })

  it('keeps 「好大一个」 and 「骑电动车的摔了好几个」 with the ticket just filed (the first was asked where, the second taken for it)', async () => {
    const before = (await mine()).length
    const ticket = lastCode(await say('德山路上那个坑'), 'TS')
    for (const said of ['好大一个', '骑电动车的摔了好几个'])
      expect(await say(said)).toEqual([WORDING.citizenAdded(ticket)])
    await say('不用')
    expect((await mine()).slice(before)).toHaveLength(1)
  })

  it('leaves emoji out of the words filed', async () => {
    const before = (await mine()).length
    lastCode(await say('😡😡😡 金霞路的井盖又坏了 上个月才修的'), 'TS')
    await say('不用')
    expect((await mine()).slice(before)[0]?.description).toBe('金霞路的井盖又坏了 上个月才修的')
  })

  it('says no open complaint is about the thing named in 「我上次投诉的路灯还没修」 rather than chasing another', async () => {
    // Only a manhole cover's complaint recent enough to be chased (the earlier ones a month old; last in this file).
    clock.advance(31 * 24 * 3600_000)
    lastCode(await say('洞庭大道66号井盖没了'), 'TS')
    await say('不用')
    expect(await say('我上次投诉的路灯还没修')).toEqual([WORDING.citizenNoComplaintAbout('路灯')])
  })
})

describe('the bureau’s phone asked for, or calls that went unanswered', () => {
  it('gives COMPLAINT_PHONE where set (12345 otherwise) and apologises for calls not answered, filing nothing', async () => {
    // A citizen with nothing open (with a complaint open, the words go to its handler).
    const newcomer = (input: string) => chat(harness.services, 'o-citizen-without-complaints', input, 'mp')
    const before = (await database.db.select().from(complaints)).length
    for (const asked of ['你们的电话是多少', '有没有投诉电话'])
      expect(await newcomer(asked)).toEqual([WORDING.citizenOurPhone(undefined)])
    // (Asked where, as if it were a problem to file.)
    for (const said of ['我上午打了好几次电话都没人接', '电话打不通'])
      expect(await newcomer(said)).toEqual([WORDING.citizenCallsUnanswered(undefined)])
    expect(await database.db.select().from(complaints)).toHaveLength(before)
    const withLine = testApp(database, clock, { COMPLAINT_PHONE: '0736-12319' })
    const [told] = await chat(withLine.services, CITIZEN, '你们的电话是多少')
    expect(told).toBe(WORDING.citizenOurPhone('0736-12319'))
    expect(told).toContain('0736-12319')
  })
})

describe('more of what is wrong said beside the place asked for', () => {
  it('keeps the place as the place and the rest in the description (all of it had become the place)', async () => {
    const filedBy = async (sender: string) =>
      (await database.db.select().from(complaints).where(eq(complaints.citizenExternalId, sender)))[0]
    const lamp = (input: string) => chat(harness.services, 'o-lamp-three-days', input, 'mp')
    expect(await lamp('路灯坏了')).toEqual([WORDING.askPlace])
    expect((await lamp('人民路口 已经坏了三天了'))[0]).toMatch(/^您的投诉已受理/)
    expect(await filedBy('o-lamp-three-days')).toMatchObject({
      locationText: '人民路口',
      description: '路灯坏了；人民路口 已经坏了三天了',
    })
    const shed = (input: string) => chat(harness.services, 'o-rooftop-shed', input, 'mp')
    expect(await shed('我想举报一个违章建筑')).toEqual([WORDING.askPlace])
    await shed('在金海岸小区12栋楼顶 有人在搭彩钢棚')
    const reported = await filedBy('o-rooftop-shed')
    expect(reported).toMatchObject({ locationText: '金海岸小区12栋', whistleblowing: true })
    expect(reported?.description).toContain('有人在搭彩钢棚')
    // How big, said beside the place, likewise.
    const pit = (input: string) => chat(harness.services, 'o-pit-size', input, 'mp')
    await pit('有个坑')
    await pit('在人民路和解放路交叉口 大概脸盆那么大')
    expect(await filedBy('o-pit-size')).toMatchObject({
      locationText: '人民路和解放路交叉口',
      description: '有个坑；在人民路和解放路交叉口 大概脸盆那么大',
    })
    // A place said alone is still only the place.
    const only = (input: string) => chat(harness.services, 'o-place-alone', input, 'mp')
    await only('井盖松了 踩上去会响')
    await only('芙蓉路 步行街北口')
    expect(await filedBy('o-place-alone')).toMatchObject({ description: '井盖松了 踩上去会响' })
  })
})

describe('the service itself found hard to use', () => {
  it('thanks them and says plainly how to report, filing nothing; while a place is awaited, asks for it again', async () => {
    const frustrated = (input: string) => chat(harness.services, 'o-frustrated', input, 'mp')
    const before = (await database.db.select().from(complaints)).length
    // (「你们这个系统太难用了」 had been asked where, as a problem to file.)
    for (const said of ['你们这个系统太难用了', '公众号不好用', '看不懂你说什么'])
      expect(await frustrated(said)).toEqual([WORDING.citizenServiceFeedback])
    // A thing that works badly is a report, asked where.
    expect(await frustrated('电梯不好用了')).toEqual([WORDING.askPlace])
    expect(await frustrated('算了')).toEqual([WORDING.pendingDropped])
    expect(await frustrated('路灯坏了')).toEqual([WORDING.askPlace])
    // (It had been told 「你是不是听不懂人话」 was not specific enough as a place.)
    expect(await frustrated('你是不是听不懂人话')).toEqual([WORDING.placeStillNeededSorry])
    expect((await frustrated('朝阳路18号门口'))[0]).toMatch(/^您的投诉已受理/)
    // Ordered by id: Postgres returns an updated row's new version wherever it lies.
    const filed = (await database.db.select().from(complaints).orderBy(complaints.id)).slice(before)
    expect(filed.map((c) => [c.description, c.locationText])).toEqual([['路灯坏了', '朝阳路18号门口']])
  })
})

describe('when it will be put right, asked in the words of the repair', () => {
  it('answers 「什么时候能填好」「啥时候能恢复」 with where the complaint stands (the general how-to had been given)', async () => {
    const dug = (input: string) => chat(harness.services, 'o-road-dug-up', input, 'mp')
    const ticket = lastCode(await dug('我家门口的路被挖开好几天了 也没人填 出门很不方便 在育才路68号'), 'TS')
    await dug('不用')
    const before = (await database.db.select().from(complaints)).length
    for (const asked of ['什么时候能填好', '啥时候能恢复'])
      expect((await dug(asked))[0]).toMatch(new RegExp(`^投诉 ${ticket}：已派单，将于 `))
    expect(await database.db.select().from(complaints)).toHaveLength(before)
  })
})

describe('a place withheld, a complaint given up and a word put right, in the citizen’s words', () => {
  const citizen = citizenOnMp
  const theirs = complaintsOfCitizen

  it('asks for a rough place when the place is withheld or its name not known (it had been filed as the place)', async () => {
    const whistle = citizen('o-withholds')
    for (const [problem, withheld] of [
      ['我要举报工地偷工减料 用的钢筋不合格', '具体是哪个工地我不方便说'],
      ['路灯不亮了', '不知道叫什么路'],
    ]) {
      expect(await whistle(problem)).toEqual([WORDING.askPlace])
      expect(await whistle(withheld)).toEqual([WORDING.placeApproximate])
      await whistle('算了')
    }
    expect(await theirs('o-withholds')).toEqual([])
  })

  it('takes 「算了不投诉了 把我刚才的投诉撤了吧」 as a withdrawal of the latest, and 「我不想投诉了」 as 「算了」 (both were asked where)', async () => {
    const givesUp = citizen('o-gives-up')
    const first = lastCode(await givesUp('槐花巷18号有个井盖没了'), 'TS')
    await givesUp('不用')
    expect(await givesUp('算了不投诉了 把我刚才的投诉撤了吧')).toEqual([WORDING.citizenWithdrawalAsked(first)])
    expect(await notesOn((await theirs('o-gives-up'))[0]?.id)).toContain(
      '市民申请撤回：算了不投诉了 把我刚才的投诉撤了吧',
    )
    // Giving up with nothing waiting withdraws nothing by itself: how to withdraw is said.
    expect(await givesUp('我不想投诉了')).toEqual([WORDING.citizenNothingPending])
    // What was kept while the rest is asked for, or waits for its place, is dropped.
    expect(await givesUp('槐花巷')).toEqual([WORDING.citizenPlaceAskWhat('槐花巷')])
    expect(await givesUp('我不想投诉了')).toEqual([WORDING.pendingDropped])
    expect(await givesUp('路灯不亮了')).toEqual([WORDING.askPlace])
    expect(await givesUp('算了 不想反映了')).toEqual([WORDING.pendingDropped])
    expect((await theirs('o-gives-up')).map((c) => c.code)).toEqual([first])
  })

  it('answers 「为什么我的投诉被关闭了」「我之前投诉的那个 怎么查不到了」 with theirs, and keeps a village group as a place', async () => {
    const asks = citizen('o-lost-sight')
    const code = lastCode(await asks('柏枝路18号井盖没了'), 'TS')
    await asks('不用')
    // (Both had been told how to report.)
    for (const asked of ['为什么我的投诉被关闭了', '我之前投诉的那个 怎么查不到了'])
      expect(await asks(asked)).toEqual([expect.stringMatching(new RegExp(`^投诉 ${code}：`))])
    // 「…社区3组」 alone is where, kept while what is wrong is asked (it had been filed as a complaint of its own).
    expect(await asks('武陵区丹阳街道紫缘社区3组')).toEqual([WORDING.citizenPlaceAskWhat('武陵区丹阳街道紫缘社区3组')])
    expect((await asks('房子墙裂了'))[0]).toMatch(/^您的投诉已受理/)
    expect((await theirs('o-lost-sight')).map((c) => [c.description, c.locationText])).toEqual([
      ['柏枝路18号井盖没了', '柏枝路18号'],
      ['房子墙裂了', '武陵区丹阳街道紫缘社区3组'],
    ])
  })

  it('refers a dead animal on the road to sanitation, and keeps 「刚才那个 补充一下 …」 on the latest ticket', async () => {
    const adds = citizen('o-adds-more')
    // (Both had been asked where, as reports.)
    expect(await adds('马路上有一只死狗 很臭')).toEqual([WORDING.citizenOtherAgency.sanitation])
    const code = lastCode(await adds('柏枝路上的下水道井盖被偷了 晚上好危险'), 'TS')
    await adds('不用')
    expect(await adds('刚才那个 补充一下 旁边还有一个也没了')).toEqual([WORDING.citizenAdded(code)])
    const [row] = await theirs('o-adds-more')
    expect(await notesOn(row?.id)).toContain('市民补充：旁边还有一个也没了')
    expect(await theirs('o-adds-more')).toHaveLength(1)
  })

  it('puts right the place of 「不是柏枝路 是柏枝西路」 and notes 「不是树 是路灯杆倒了」 on the ticket, filing nothing new', async () => {
    const corrects = citizen('o-corrects')
    const code = lastCode(await corrects('柏枝路的树倒了'), 'TS')
    await corrects('不用')
    expect(await corrects('刚才发错了 不是柏枝路 是柏枝西路')).toEqual([
      WORDING.citizenPlaceCorrected(code, '柏枝西路'),
    ])
    expect(await corrects('不是树 是路灯杆倒了')).toEqual([WORDING.citizenAdded(code)])
    const rows = await theirs('o-corrects')
    expect(rows.map((c) => [c.code, c.locationText])).toEqual([[code, '柏枝西路']])
    expect(await notesOn(rows[0]?.id)).toContain('市民更正：不是树 是路灯杆倒了')
    // A building put right the same way.
    const hall = lastCode(await corrects('柏枝花园6栋楼道灯坏了'), 'TS')
    await corrects('不用')
    expect(await corrects('地址写错了 不是6栋 是8栋')).toEqual([WORDING.citizenPlaceCorrected(hall, '柏枝花园8栋')])
  })
})

describe('a citizen whose answer to where is another problem, or who says it goes on', () => {
  const saysAs = citizenOnMp
  const theirs = complaintsOfCitizen

  it('files another problem said with its own place on its own, and still asks where the first one is', async () => {
    const say = saysAs('o-two-problems')
    expect(await say('工地太吵了')).toEqual([WORDING.askPlace])
    // (「人民路的井盖没了」 had been taken whole as the place of the noisy site, and the manhole cover lost.)
    const [second] = await say('人民路的井盖没了')
    expect(second).toContain('（道路及市政设施）')
    expect(second).toContain(WORDING.placeStillNeededForFirst('工地太吵了'))
    const [cover] = await theirs('o-two-problems')
    expect(cover).toMatchObject({ description: '人民路的井盖没了', locationText: '人民路', category: 'road_municipal' })
    // The first one's place files it; one number given after is for both.
    const [first] = await say('朝阳小区东门对面的工地')
    expect(first).toContain('（建筑工地）')
    expect(first).toContain(WORDING.askContact)
    await say('13912345678')
    const both = await theirs('o-two-problems')
    expect(both.map((c) => [c.description, c.locationText, c.citizenPhone])).toEqual([
      ['人民路的井盖没了', '人民路', '13912345678'],
      ['工地太吵了', '朝阳小区东门对面的工地', '13912345678'],
    ])
  })

  it('keeps more of the same problem with its place as one ticket', async () => {
    const say = saysAs('o-same-problem')
    await say('工地噪音很大')
    lastCode(await say('人民路那个工地 天天晚上施工'), 'TS')
    expect((await theirs('o-same-problem')).map((c) => c.description)).toEqual([
      '工地噪音很大；人民路那个工地 天天晚上施工',
    ])
  })

  it('chases the open ticket when the citizen says it goes on, and files another thing going on as new', async () => {
    const say = saysAs('o-still-going')
    lastCode(await say('隔壁工地晚上十一点还在浇混凝土 芙蓉路金色家园对面'), 'TS')
    await say('不用')
    const [ticket] = await theirs('o-still-going')
    // (Each had been taken for a new problem and asked where.)
    for (const said of ['还是在施工啊 根本没停', '现在还在干', '都12点了还在响'])
      expect(await say(said)).toEqual([WORDING.citizenUrged(ticket?.code ?? '', 'assigned')])
    expect((await notesOn(ticket?.id)).filter((n) => n?.startsWith('市民催办：'))).toHaveLength(3)
    // Something else going on is another problem: asked where, not put on the site's ticket.
    expect(await say('楼下还在烧垃圾')).toEqual([WORDING.askPlace])
    expect(await theirs('o-still-going')).toHaveLength(1)
  })

  it('files work going on at night as its own problem when the ticket open is of a crane leaning, not of work', async () => {
    const say = saysAs('o-crane-then-piling')
    lastCode(await say('工地的塔吊好像歪了 柳叶大道那个在建的楼盘'), 'TS')
    await say('不用')
    clock.advance(3 * 3_600_000)
    // (It had chased the crane's ticket, and the night's piling was lost.)
    expect(await say('晚上十一点了还在打桩')).toEqual([WORDING.askPlace])
    lastCode(await say('洞庭大道东边那个工地'), 'TS')
    expect((await theirs('o-crane-then-piling')).map((c) => c.description)).toEqual([
      '工地的塔吊好像歪了 柳叶大道那个在建的楼盘',
      '晚上十一点了还在打桩',
    ])
  })
})

describe('another problem told while the first waits for its place', () => {
  const saysAs = citizenOnMp
  const theirs = complaintsOfCitizen

  it('keeps it apart, asks where each is in turn, and takes one number for both', async () => {
    const say = saysAs('o-two-waiting')
    expect(await say('晚上十一点了还在打桩')).toEqual([WORDING.askPlace])
    // (The two had been filed as one ticket, routed by the first.)
    expect(await say('下水道冒污水 臭死了')).toEqual([
      WORDING.anotherProblemNoted('下水道冒污水 臭死了', '晚上十一点了还在打桩'),
    ])
    const first = await say('龙港路北边那个工地')
    expect(first.join('\n')).toContain(WORDING.placeForNextProblem('下水道冒污水 臭死了'))
    const second = await say('皂果路12号')
    expect(second.join('\n')).toContain(WORDING.askContact)
    expect(await say('13812345678')).toEqual([WORDING.contactSaved])
    expect(
      (await theirs('o-two-waiting')).map((c) => [c.description, c.category, c.locationText, c.citizenPhone]),
    ).toEqual([
      ['晚上十一点了还在打桩', 'construction_site', '龙港路北边那个工地', '13812345678'],
      ['下水道冒污水 臭死了', 'road_municipal', '皂果路12号', '13812345678'],
    ])
  })

  it('drops only the one the citizen cancels, and tells the duty officer of danger in the one told second at once', async () => {
    const say = saysAs('o-cancel-first')
    await say('工地太吵了')
    const told = await say('燃气管道漏气了 好大的味道')
    expect(told.at(-1)).toBe(WORDING.anotherProblemNoted('燃气管道漏气了 好大的味道', '工地太吵了'))
    expect(told.join('\n')).toContain(WORDING.dutyAlerted)
    expect(await say('取消')).toEqual([
      `${WORDING.pendingDroppedOne('工地太吵了')}\n${WORDING.placeForNextProblem('燃气管道漏气了 好大的味道')}`,
    ])
    lastCode(await say('金丹小区3栋'), 'TS')
    expect((await theirs('o-cancel-first')).map((c) => [c.description, c.category])).toEqual([
      ['燃气管道漏气了 好大的味道', 'gas'],
    ])
  })
})

describe('a citizen’s number said twice, the hours asked, and a ticket asked why it was refused', () => {
  const say = (input: ChatInput) => chat(harness.services, 'o-said-twice', input, 'mp')

  it('keeps the same number said again on the ticket it is on (it was held for a problem to come)', async () => {
    const code = lastCode(await say('投诉 沅安路126号门口井盖缺失 电话13800138000'), 'TS')
    expect(await say('13800138000')).toEqual([WORDING.contactSaved])
    const [ticket] = await database.db.select().from(complaints).where(eq(complaints.code, code))
    expect(ticket?.citizenPhone).toBe('13800138000')
    // Nothing is held for the next message: a problem said next is filed as it is.
    expect(lastCode(await say('皂果路99号路灯不亮'), 'TS')).not.toBe(code)
    const [next] = await database.db
      .select()
      .from(complaints)
      .where(eq(complaints.citizenExternalId, 'o-said-twice'))
      .orderBy(desc(complaints.id))
    expect(next?.citizenPhone).toBeNull()
  })

  it('answers 「请问你们周六上班吗」 with the hours, and 「为什么我的投诉被驳回了」 with where the tickets stand', async () => {
    expect(await say('请问你们周六上班吗')).toEqual([WORDING.citizenHours])
    // 「在的话回一下」: is anyone there (it had been asked where, as a problem).
    expect(await say('在的话回一下')).toEqual([WORDING.citizenGreeting])
    // How it was handled, asked (it had been told how to report).
    expect((await say('我想知道这个问题最后是怎么处理的'))[0]).toMatch(/^投诉 TS\d{8}-\d{4}：/)
    const [stand] = await say('为什么我的投诉被驳回了')
    expect(stand).toMatch(/^投诉 TS\d{8}-\d{4}：/)
  })
})

describe('a thing said first, and a remark before the place', () => {
  const saysAs = citizenOnMp
  const only = async (citizen: string) => (await complaintsOfCitizen(citizen))[0]

  it('keeps the thing said first with what it does (「工地」 had been lost and the ticket left as 其他)', async () => {
    const say = saysAs('o-thing-first')
    await say('沅水大道上那个工地')
    lastCode(await say('每天早上5点就开始干活 吵死了'), 'TS')
    expect(await only('o-thing-first')).toMatchObject({
      category: 'construction_site',
      description: '工地每天早上5点就开始干活 吵死了',
      locationText: '沅水大道',
      status: 'assigned',
    })
  })

  it('takes the place after 「在」 from an answer with a remark before it, keeping the remark with what is wrong', async () => {
    const say = saysAs('o-remark-first')
    await say('小区门口有个坑')
    lastCode(await say('反正挺大的 在金色家园北门'), 'TS')
    expect(await only('o-remark-first')).toMatchObject({
      description: '小区门口有个坑；反正挺大的',
      locationText: '金色家园北门',
    })
    // Whose home it is says nothing of what is wrong.
    const other = saysAs('o-home-first')
    await other('路灯不亮')
    lastCode(await other('我家 在朗州路88号'), 'TS')
    expect(await only('o-home-first')).toMatchObject({ description: '路灯不亮', locationText: '朗州路88号' })
  })
})
