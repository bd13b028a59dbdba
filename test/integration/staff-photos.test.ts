import { and, eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { WORDING } from '../../bots/wording'
import { complaintEvents, complaints, hazardEvents, hazards, identities, media, people } from '../../src/db/schema'
import { ManualClock } from '../../src/domain/clock'
import { zonedInstant } from '../../src/domain/local-time'
import { receiveComplaint } from '../../src/services/complaints'
import { FakeWechatApi } from '../fakes/wechat-api'
import { testApp } from '../helpers/app'
import { lastCode } from '../helpers/chat'
import { createTestDatabase, seedDefaults, TEST_TIME_ZONE, type TestDatabase } from '../helpers/db'
import { wecomEnv } from '../helpers/wechat'
import { wecomChat } from '../helpers/wecom-chat'

/**
 * A photo announced in words (「我再补一张照片」「刚才那个隐患照片补一张」) on WeCom: in a form it answers nothing and
 * is not written into the description; just after a hazard is saved, the photos that follow join that hazard.
 */
const clock = new ManualClock(zonedInstant('2026-11-23', TEST_TIME_ZONE, 10))
let database: TestDatabase
let fake: FakeWechatApi
let harness: ReturnType<typeof testApp>

beforeAll(async () => {
  database = await createTestDatabase()
  await seedDefaults(database, clock.now())
  fake = await new FakeWechatApi(clock).start()
  harness = testApp(database, clock, wecomEnv(fake.baseUrl))
  zhangwei = wecomChat(harness, fake, clock, 'zhangwei', '7800000000000')
  lina = wecomChat(harness, fake, clock, 'lina', '7900000000000')
  for (const [name, externalId] of [
    ['张伟', 'zhangwei'],
    ['李娜', 'lina'],
  ] as const) {
    const [person] = await database.db.select().from(people).where(eq(people.name, name))
    await database.db
      .insert(identities)
      .values({ personId: person?.id, channel: 'wecom', botId: 'default', externalId })
  }
})
afterAll(async () => {
  await fake?.stop()
  await database?.drop()
})

/** 张伟 (a patroller) and 李娜 (市政's handler) on WeCom, through the signed, encrypted callback. */
let zhangwei: ReturnType<typeof wecomChat>
let lina: ReturnType<typeof wecomChat>
const say = (content: string) => zhangwei.say(content)
const sendPhoto = (mediaId: string) => zhangwei.sendPhoto(mediaId)
const photosOf = (hazardId: number) =>
  database.db
    .select()
    .from(media)
    .where(and(eq(media.subjectType, 'hazard'), eq(media.subjectId, hazardId)))

describe('photos announced in words', () => {
  let hazardId = 0
  let code = ''

  it('keeps 「我再补一张照片」 out of the description while the summary waits, and takes the photo that follows', async () => {
    expect(await say('人民路88号井盖缺失，一般')).toContain('【隐患上报】请核对')
    const waiting = await say('我再补一张照片')
    expect(waiting).toContain(WORDING.formWaiting)
    expect(waiting).toContain('隐患描述：人民路88号井盖缺失\n')
    expect(await sendPhoto('photo-in-form')).toContain('已添加照片')
    const saved = await say('确认')
    code = saved.match(/YH\d{8}-\d{4}/)?.[0] ?? ''
    const [row] = await database.db.select().from(hazards).where(eq(hazards.code, code))
    expect(row?.description).toBe('人民路88号井盖缺失')
    hazardId = row?.id ?? 0
    expect(await photosOf(hazardId)).toHaveLength(1)
  })

  it('adds the photos announced right after saving to that hazard, each one, with an event on its history', async () => {
    clock.advance(5 * 60_000)
    expect(await say('刚才那个隐患照片补一张')).toBe(WORDING.photoForHazard(code))
    expect(await sendPhoto('photo-after-1')).toBe(WORDING.photoAddedToHazard(code))
    expect(await sendPhoto('photo-after-2')).toBe(WORDING.photoAddedToHazard(code))
    expect(await photosOf(hazardId)).toHaveLength(3)
    const events = await database.db.select().from(hazardEvents).where(eq(hazardEvents.hazardId, hazardId))
    const added = events.filter((e) => e.note === '上报人补充照片')
    expect(added).toHaveLength(2)
    expect(added.every((e) => e.mediaIds.length === 1 && e.toStatus === e.fromStatus)).toBe(true)
    // Words end it: the next photo is held for what comes next, not added to the hazard.
    await say('好了')
    expect(await sendPhoto('photo-later')).toBe(WORDING.heldEvidence('照片'))
    expect(await photosOf(hazardId)).toHaveLength(3)
  })

  it('says how to send a photo for a new report when nothing was saved in the last half hour', async () => {
    clock.advance(31 * 60_000)
    expect(await say('补一张照片')).toBe(WORDING.photoComing)
    // Taken, and to be sent (they were not understood).
    for (const said of [
      '拍了照片 发给你',
      '照了几张图，等下发过来',
      '拍了张照片',
      '现场拍了几张照片',
      // The photo forgotten, sent now (it was not understood).
      '刚才那个隐患忘了拍照 现在补一张',
    ])
      expect(await say(said)).toBe(WORDING.photoComing)
    // How to add one, asked: how a photo is sent (「拍了照片怎么补」 was told how to back-fill a patrol).
    for (const asked of ['拍了照片怎么补', '照片怎么发给你们'])
      expect(await say(asked)).toBe(WORDING.staffSupport.photo_howto)
    expect(await photosOf(hazardId)).toHaveLength(3)
  })

  it('takes photos for a hazard named by its number from the one who reported it, at any time', async () => {
    clock.advance(3 * 3_600_000)
    expect(await say(`${code} 照片`)).toBe(WORDING.photoForNamedHazard(code))
    expect(await sendPhoto('photo-by-number')).toBe(WORDING.photoAddedToHazard(code))
    expect(await photosOf(hazardId)).toHaveLength(4)
    await say('好了')
    expect(await say(`给${code}补一张照片`)).toBe(WORDING.photoForNamedHazard(code))
    await say('好了')
    expect(await say('YH20261123-0999 照片')).toBe('未找到隐患 YH20261123-0999。')
    // Named by its place and thing (「人民路井盖那个补一张照片」 had opened a report of its own); naming none of theirs,
    // how to name one is said.
    expect(await say('人民路井盖那个补一张照片')).toBe(WORDING.photoForNamedHazard(code))
    expect(await sendPhoto('photo-by-name')).toBe(WORDING.photoAddedToHazard(code))
    expect(await photosOf(hazardId)).toHaveLength(5)
    await say('好了')
    expect(await say('芷兰路护栏那个补一张照片')).toBe(WORDING.photoNoHazardNamed('芷兰路护栏'))
  })

  it('refuses photos for a hazard someone else reported, saying how rectification photos are sent', async () => {
    const [other] = await database.db.select().from(people).where(eq(people.name, '李娜'))
    const [theirs] = await database.db
      .insert(hazards)
      .values({
        code: 'YH20261123-0900',
        reporterId: other?.id,
        category: 'road_municipal',
        description: '朗州路路灯不亮',
        foundAt: clock.now(),
      })
      .returning()
    expect(await say(`${theirs?.code} 照片`)).toBe(WORDING.photoNotYourHazard(theirs?.code as string))
    expect(await sendPhoto('photo-not-theirs')).toBe(WORDING.heldEvidence('照片'))
    expect(await photosOf(theirs?.id as number)).toHaveLength(0)
  })
})

describe('a photo with words that say what it is of, or nothing', () => {
  it('asks what is wrong with the thing a caption names, and what a photo pointed at shows, and keeps the photo', async () => {
    clock.advance(31 * 60_000)
    expect(await sendPhoto('caption-1')).toBe(WORDING.heldEvidence('照片'))
    // (Each was not understood.)
    expect(await say('这是人民路的井盖')).toBe(WORDING.staffPlaceThingAlone('人民路的井盖'))
    expect(await say('看看这个')).toBe(WORDING.photoNeedsWords)
    // What is wrong said next: the report goes with the photo sent before.
    expect(await say('人民路的井盖缺失')).toContain(WORDING.heldEvidenceAttached)
    expect(await say('一般')).toContain('请核对')
    const code = lastCode([await say('确认')], 'YH')
    const [saved] = await database.db.select().from(hazards).where(eq(hazards.code, code))
    expect(await photosOf(saved?.id as number)).toHaveLength(1)
  })
})

describe('photos of a complaint’s result from its handler', () => {
  /** A citizen's complaint handed to 市政, signed for by 李娜. */
  async function complaintSignedFor(description: string): Promise<{ id: number; code: string }> {
    const complaint = await receiveComplaint({
      ctx: harness.services.ctx,
      input: { channel: 'mp', category: 'road_municipal', description, locationText: description.slice(0, 6) },
    })
    await lina.say(`签收 ${complaint.code}`)
    return complaint
  }
  const resultPhotos = async (complaintId: number) => {
    const linked = await database.db
      .select()
      .from(media)
      .where(and(eq(media.subjectType, 'complaint'), eq(media.subjectId, complaintId)))
    const [reply] = await database.db
      .select()
      .from(complaintEvents)
      .where(and(eq(complaintEvents.complaintId, complaintId), eq(complaintEvents.kind, 'reply')))
    return { linked: linked.length, onReply: reply?.mediaIds.length ?? 0 }
  }

  it('sends a photo taken while the answer waits with that answer (it had been held for a hazard report)', async () => {
    const complaint = await complaintSignedFor('芷兰路88号护栏松动')
    expect(await lina.say('护栏已经加固好了')).toBe(WORDING.replyWithTheseWords(complaint.code, '护栏已经加固好了'))
    expect(await lina.sendPhoto('result-1')).toBe(WORDING.photoWithComplaintAnswer(complaint.code, '护栏已经加固好了'))
    expect(await lina.say('是')).toBe(`已回复投诉 ${complaint.code}，办理结果将告知市民。照片 1 张已随办理结果记录。`)
    const [row] = await database.db.select().from(complaints).where(eq(complaints.id, complaint.id))
    expect(row?.outcome).toBe('护栏已经加固好了')
    expect(await resultPhotos(complaint.id)).toEqual({ linked: 1, onReply: 1 })
  })

  it('takes a photo sent just before the words of the result with them', async () => {
    const complaint = await complaintSignedFor('芷兰路66号路灯不亮')
    expect(await lina.sendPhoto('result-2')).toBe(WORDING.heldEvidence('照片'))
    expect(await lina.say('路灯已经修好了')).toBe(WORDING.replyWithTheseWords(complaint.code, '路灯已经修好了'))
    expect(await lina.say('是')).toBe(`已回复投诉 ${complaint.code}，办理结果将告知市民。照片 1 张已随办理结果记录。`)
    expect(await resultPhotos(complaint.id)).toEqual({ linked: 1, onReply: 1 })
  })
})
