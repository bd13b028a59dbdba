import { createHash } from 'node:crypto'
import { existsSync, readFileSync } from 'node:fs'
import { and, eq, sql } from 'drizzle-orm'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import {
  complaints,
  identities,
  inboundMessages,
  media,
  outbox,
  people,
  periodicReports,
  signoffs,
} from '../../src/db/schema'
import { ManualClock } from '../../src/domain/clock'
import { zonedInstant } from '../../src/domain/local-time'
import { runPeriodicReports } from '../../src/jobs/periodic-reports'
import { notifyComplaintAssignment } from '../../src/services/complaint-notices'
import { receiveComplaint } from '../../src/services/complaints'
import { recordPatrol } from '../../src/services/patrols'
import { FAKE_IMAGE, FakeWechatApi } from '../fakes/wechat-api'
import { testApp } from '../helpers/app'
import { createTestDatabase, seedDefaults, TEST_TIME_ZONE, type TestDatabase } from '../helpers/db'
import { failInsertsInto } from '../helpers/faults'
import { independentCrypto, sealedRequest, seconds, WECOM, wecomEnv, wecomMessageXml } from '../helpers/wechat'

const clock = new ManualClock('2026-11-23T02:00:00Z')
let database: TestDatabase
let fake: FakeWechatApi
let harness: ReturnType<typeof testApp>

beforeAll(async () => {
  database = await createTestDatabase()
  await seedDefaults(database, clock.now())
  fake = await new FakeWechatApi(clock).start()
  harness = testApp(database, clock, wecomEnv(fake.baseUrl, { MEDIA_DIR: `/tmp/xunan-media-${process.pid}` }))
  // Bind WeCom accounts to the demo field worker and handler.
  for (const [name, userId] of [
    ['张伟', 'zhangwei'],
    ['李娜', 'lina'],
  ] as const) {
    const [person] = await database.db.select().from(people).where(eq(people.name, name))
    await database.db
      .insert(identities)
      .values({ personId: person?.id, channel: 'wecom', botId: 'default', externalId: userId })
  }
})
afterAll(async () => {
  await fake?.stop()
  await database?.drop()
})
afterEach(() => fake.reset())

let msgSeq = 1000
function nextMsgId(): string {
  return `45612553542513${String(msgSeq++).padStart(5, '0')}`
}

async function post(plaintext: string, options: { timestamp?: number; receiveId?: string; botId?: string } = {}) {
  const sealed = sealedRequest(plaintext, {
    timestamp: options.timestamp ?? seconds(clock.now()),
    receiveId: options.receiveId,
  })
  return harness.app.request(`/webhooks/wecom/${options.botId ?? 'default'}?${sealed.query}`, {
    method: 'POST',
    body: sealed.body,
  })
}

/** Lets the conversation run and the outbox deliver, as the server's background loops would. */
async function settle(): Promise<void> {
  await harness.services.inbound.idle()
  await harness.services.outbox.drain()
}

async function countRows(table: typeof inboundMessages | typeof outbox): Promise<number> {
  const [row] = await database.db.select({ n: sql<number>`count(*)::int` }).from(table)
  return Number(row?.n)
}

function sentTexts(): string[] {
  return fake.callsTo('/cgi-bin/message/send').map((c) => {
    const body = c.body as { text?: { content: string }; markdown?: { content: string } }
    return body.text?.content ?? body.markdown?.content ?? ''
  })
}

describe('WeCom app webhook: the published sample', () => {
  const sample = {
    token: 'QDG6eK',
    key: 'jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C',
    corpId: 'wx5823bf96d3bd56c7',
  }
  const sampleEnv = (base: string) =>
    wecomEnv(base, {
      WECOM_CORP_ID: sample.corpId,
      WECOM_TOKEN: sample.token,
      WECOM_ENCODING_AES_KEY: sample.key,
      WEBHOOK_MAX_SKEW_S: '0',
      WEBHOOK_REPLAY_SAMPLES: '1',
    })

  it('verifies the callback URL and returns the plaintext echostr', async () => {
    const { app } = testApp(database, clock, sampleEnv(fake.baseUrl))
    const res = await app.request(
      '/webhooks/wecom/default?msg_signature=5c45ff5e21c57e6ad56bac8758b79b1d9ac89fd3&timestamp=1409659589&nonce=263014780&echostr=P9nAzCzyDtyTWESHep1vC5X9xho%2FqYX3Zpb4yKa9SKld1DsH3Iyt3tP3zNdtp%2B4RPcs8TgAE7OaBO%2BFZXvnaqQ%3D%3D',
    )
    expect(res.status).toBe(200)
    expect(await res.text()).toBe('1616140317555161061')
  })

  it('accepts the sample message, stores it once, and answers the unknown sender politely once', async () => {
    const services = testApp(database, clock, sampleEnv(fake.baseUrl))
    const encrypted =
      'RypEvHKD8QQKFhvQ6QleEB4J58tiPdvo+rtK1I9qca6aM/wvqnLSV5zEPeusUiX5L5X/0lWfrf0QADHHhGd3QczcdCUpj911L3vg3W/sYYvuJTs3TUUkSUXxaccAS0qhxchrRYt66wiSpGLYL42aM6A8dTT+6k4aSknmPj48kzJs8qLjvd4Xgpue06DOdnLxAUHzM6+kDZ+HMZfJYuR+LtwGc2hgf5gsijff0ekUNXZiqATP7PF5mZxZ3Izoun1s4zG4LUMnvw2r+KqCKIw+3IQH03v+BCA9nMELNqbSf6tiWSrXJB3LAVGUcallcrw8V2t9EL4EhzJWrQUax5wLVMNS0+rUPA3k22Ncx4XXZS9o0MBH27Bo6BpNelZpS+/uh9KsNlY6bHCmJU9p8g7m3fVKn28H3KDYA5Pl/T8Z1ptDAVe0lXdQ2YoyyH2uyPIGHBZZIs2pDBS8R07+qN+E7Q=='
    const body = `<xml><ToUserName><![CDATA[wx5823bf96d3bd56c7]]></ToUserName><Encrypt><![CDATA[${encrypted}]]></Encrypt><AgentID><![CDATA[218]]></AgentID></xml>`
    const url =
      '/webhooks/wecom/default?msg_signature=477715d11cdb4164915debcba66cb864d751f3e6&timestamp=1409659813&nonce=1372623149'
    for (let delivery = 0; delivery < 2; delivery++) {
      const res = await services.app.request(url, { method: 'POST', body })
      expect(res.status).toBe(200)
    }
    await services.services.inbound.idle()
    await services.services.outbox.drain()
    const rows = await database.db
      .select()
      .from(inboundMessages)
      .where(eq(inboundMessages.messageId, '4561255354251345929'))
    expect(rows).toHaveLength(1)
    expect(rows[0]).toMatchObject({ channel: 'wecom', senderExternalId: 'mycreate', kind: 'text' })
    const sends = fake.callsTo('/cgi-bin/message/send')
    expect(sends).toHaveLength(1)
    expect(sends[0]?.body).toMatchObject({
      touser: 'mycreate',
      msgtype: 'text',
      text: { content: expect.stringContaining('联系管理员') },
    })
    // The unknown account is kept for an admin to bind.
    const [identity] = await database.db.select().from(identities).where(eq(identities.externalId, 'mycreate'))
    expect(identity?.personId).toBeNull()
  })
})

describe('WeCom app webhook: end to end', () => {
  it('stores one message and sends one reply through the API for a signed encrypted text', async () => {
    const msgId = nextMsgId()
    const xml = wecomMessageXml({
      FromUserName: 'zhangwei',
      CreateTime: seconds(clock.now()),
      MsgType: 'text',
      Content: '帮助',
      MsgId: msgId,
    })
    const before = await countRows(outbox)
    const res = await post(xml)
    expect(res.status).toBe(200)
    await settle()
    // A retry of the same delivery: acknowledged, ignored.
    expect((await post(xml)).status).toBe(200)
    await settle()
    expect(await database.db.select().from(inboundMessages).where(eq(inboundMessages.messageId, msgId))).toHaveLength(1)
    expect((await countRows(outbox)) - before).toBe(1)
    expect(sentTexts()).toHaveLength(1)
    expect(sentTexts()[0]).toContain('上报隐患')
    expect(fake.callsTo('/cgi-bin/message/send')[0]?.body).toMatchObject({ touser: 'zhangwei', agentid: 1000002 })
  })

  it('downloads a photo, keeps it with its SHA-256, and asks what it is for', async () => {
    const xml = wecomMessageXml({
      FromUserName: 'zhangwei',
      CreateTime: seconds(clock.now()),
      MsgType: 'image',
      PicUrl: 'http://example.invalid/p.jpg',
      MediaId: 'MEDIA_PHOTO_1',
      MsgId: nextMsgId(),
    })
    expect((await post(xml)).status).toBe(200)
    await settle()
    const [stored] = await database.db.select().from(media).where(eq(media.externalMediaId, 'MEDIA_PHOTO_1'))
    expect(stored?.sha256).toBe(createHash('sha256').update(FAKE_IMAGE).digest('hex'))
    expect(stored && existsSync(stored.storagePath) && readFileSync(stored.storagePath).equals(FAKE_IMAGE)).toBe(true)
    expect(fake.callsTo('/cgi-bin/media/get')[0]?.query.media_id).toBe('MEDIA_PHOTO_1')
    expect(sentTexts()[0]).toContain('已收到照片。接着发一句话说明情况')
  })

  it.each([
    [
      'voice with recognised text',
      { MsgType: 'voice', MediaId: 'MEDIA_VOICE', Format: 'amr', Recognition: '帮助' },
      '上报隐患',
    ],
    [
      'location',
      { MsgType: 'location', Location_X: 29.05, Location_Y: 111.69, Scale: 15, Label: '柳叶湖大道' },
      '柳叶湖大道',
    ],
    [
      'link',
      { MsgType: 'link', Title: '通知', Description: 'd', Url: 'http://example.invalid', PicUrl: '' },
      '哪条记录',
    ],
    ['file', { MsgType: 'file', MediaId: 'MEDIA_FILE', Title: 'a.pdf' }, '已收到文件。接着发一句话说明情况'],
    ['a video', { MsgType: 'video', MediaId: 'MEDIA_VIDEO' }, '暂不支持视频消息，请截图或拍照后发送图片'],
    ['an unknown type', { MsgType: 'hologram' }, '暂不支持这类消息'],
  ])('answers %s', async (_label, fields, expected) => {
    const xml = wecomMessageXml({
      FromUserName: 'zhangwei',
      CreateTime: seconds(clock.now()),
      MsgId: nextMsgId(),
      ...fields,
    })
    expect((await post(xml)).status).toBe(200)
    await settle()
    expect(sentTexts()).toHaveLength(1)
    expect(sentTexts()[0]).toContain(expected)
  })

  it.each([
    ['enter_agent', { Event: 'enter_agent' }, '张伟您好'],
    ['menu click', { Event: 'click', EventKey: '帮助' }, '上报隐患'],
  ])('answers the %s event', async (_label, fields, expected) => {
    const xml = wecomMessageXml({
      FromUserName: 'zhangwei',
      CreateTime: seconds(clock.now()),
      MsgType: 'event',
      ...fields,
    })
    expect((await post(xml)).status).toBe(200)
    await settle()
    expect(sentTexts()[0]).toContain(expected)
  })

  it('sends an assignment card whose 接收 click signs for the complaint and updates the card', async () => {
    const complaint = await receiveComplaint({
      ctx: harness.services.ctx,
      input: { channel: 'mp', category: 'road_municipal', description: '井盖缺失', citizenExternalId: 'openid-x' },
    })
    await notifyComplaintAssignment(harness.services.ctx, complaint)
    await harness.services.outbox.drain()
    const card = fake
      .callsTo('/cgi-bin/message/send')
      .find((c) => (c.body as { msgtype: string }).msgtype === 'template_card')
    expect(card?.body).toMatchObject({
      touser: 'lina',
      template_card: {
        card_type: 'button_interaction',
        button_list: [{ key: `complaint.accept:${complaint.id}`, text: '接收' }],
      },
    })
    const click = wecomMessageXml({
      FromUserName: 'lina',
      CreateTime: seconds(clock.now()),
      MsgType: 'event',
      Event: 'template_card_event',
      EventKey: `complaint.accept:${complaint.id}`,
      TaskId: `complaint-${complaint.id}-${complaint.unitId}`,
      CardType: 'button_interaction',
      ResponseCode: 'RESPONSE_CODE_1',
    })
    expect((await post(click)).status).toBe(200)
    await settle()
    const [row] = await database.db.select().from(complaints).where(eq(complaints.id, complaint.id))
    expect(row?.status).toBe('accepted')
    expect(fake.callsTo('/cgi-bin/message/update_template_card')[0]?.body).toMatchObject({
      response_code: 'RESPONSE_CODE_1',
      button: { replace_name: '已接收' },
    })
    expect(sentTexts().some((t) => t.includes(`已签收投诉 ${complaint.code}`))).toBe(true)
  })
})

describe('WeCom app webhook: bad input changes nothing', () => {
  const text = () =>
    wecomMessageXml({
      FromUserName: 'zhangwei',
      CreateTime: seconds(clock.now()),
      MsgType: 'text',
      Content: '帮助',
      MsgId: nextMsgId(),
    })

  it.each([
    [
      'a wrong signature',
      401,
      () => {
        const sealed = sealedRequest(text(), { timestamp: seconds(clock.now()) })
        return { query: sealed.query.replace(/msg_signature=[0-9a-f]{4}/, 'msg_signature=0000'), body: sealed.body }
      },
    ],
    [
      'no signature',
      401,
      () => {
        const sealed = sealedRequest(text(), { timestamp: seconds(clock.now()) })
        return { query: sealed.query.replace(/msg_signature=[0-9a-f]+&?/, ''), body: sealed.body }
      },
    ],
    ['a replayed old timestamp', 401, () => sealedRequest(text(), { timestamp: seconds(clock.now()) - 3600 })],
    [
      'a foreign receive id',
      400,
      () => sealedRequest(text(), { timestamp: seconds(clock.now()), receiveId: 'ww-someone-else' }),
    ],
    [
      'malformed XML',
      400,
      () => ({ query: sealedRequest(text(), { timestamp: seconds(clock.now()) }).query, body: '<xml><Encrypt>' }),
    ],
    [
      'an envelope without Encrypt',
      400,
      () => ({
        query: sealedRequest(text(), { timestamp: seconds(clock.now()) }).query,
        body: '<xml><ToUserName>x</ToUserName></xml>',
      }),
    ],
    [
      'an oversized body',
      413,
      () => ({
        query: sealedRequest(text(), { timestamp: seconds(clock.now()) }).query,
        body: `<xml>${'x'.repeat(1024 * 1024 + 10)}</xml>`,
      }),
    ],
  ])('rejects %s with %i and stores nothing', async (_label, status, build) => {
    const before = await countRows(inboundMessages)
    const { query, body } = build()
    const res = await harness.app.request(`/webhooks/wecom/default?${query}`, { method: 'POST', body })
    expect(res.status).toBe(status)
    const json = (await res.json()) as { error: { code: string } }
    expect(json.error.code).toBeTruthy()
    await settle()
    expect(await countRows(inboundMessages)).toBe(before)
    expect(sentTexts()).toHaveLength(0)
  })

  it('answers an unknown bot id with 404', async () => {
    const sealed = sealedRequest(text(), { timestamp: seconds(clock.now()) })
    const res = await harness.app.request(`/webhooks/wecom/nope?${sealed.query}`, { method: 'POST', body: sealed.body })
    expect(res.status).toBe(404)
  })

  it('rejects URL verification with a bad signature', async () => {
    const crypto = independentCrypto(WECOM.token, WECOM.encodingAesKey, WECOM.corpId)
    const echostr = crypto.encrypt('12345')
    const res = await harness.app.request(
      `/webhooks/wecom/default?msg_signature=deadbeef&timestamp=1&nonce=2&echostr=${encodeURIComponent(echostr)}`,
    )
    expect(res.status).toBe(401)
    const signature = crypto.getSignature('1', '2', echostr)
    // echostr with a raw '+' (not URL-encoded) must still verify.
    const ok = await harness.app.request(
      `/webhooks/wecom/default?msg_signature=${signature}&timestamp=1&nonce=2&echostr=${echostr}`,
    )
    expect(ok.status).toBe(200)
    expect(await ok.text()).toBe('12345')
  })
})

describe('forms over WeCom', () => {
  it('keeps both photos when two arrive at once, and links them to the saved hazard', async () => {
    const send = (fields: Record<string, string | number>) =>
      post(
        wecomMessageXml({ FromUserName: 'zhangwei', CreateTime: seconds(clock.now()), MsgId: nextMsgId(), ...fields }),
      )
    // The photo, file and pin sent outside a form above are held for the next report: let them go stale.
    clock.advance(11 * 60_000)
    await send({ MsgType: 'text', Content: '上报隐患 朗州路井盖缺失' })
    await settle()
    // Two photos delivered together: processed concurrently, each in its own transaction.
    await Promise.all([
      send({ MsgType: 'image', MediaId: 'FORM_PHOTO_A', PicUrl: 'x' }),
      send({ MsgType: 'image', MediaId: 'FORM_PHOTO_B', PicUrl: 'x' }),
    ])
    await settle()
    await send({ MsgType: 'text', Content: '一般' })
    await settle()
    expect(sentTexts().at(-1)).toContain('照片：2张')
    await send({ MsgType: 'text', Content: '确认' })
    await settle()
    const code = sentTexts()
      .join('\n')
      .match(/YH\d{8}-\d{4}/)?.[0]
    expect(code).toBeDefined()
    const photos = await database.db.select().from(media).where(eq(media.subjectType, 'hazard'))
    const linked = photos.filter((p) => p.externalMediaId === 'FORM_PHOTO_A' || p.externalMediaId === 'FORM_PHOTO_B')
    expect(linked).toHaveLength(2)
    expect(new Set(linked.map((p) => p.subjectId)).size).toBe(1)
  })
})

describe('the conversation on WeCom, through the platform fake', () => {
  const say = async (text: string) => {
    fake.reset()
    const res = await post(
      wecomMessageXml({
        FromUserName: 'zhangwei',
        CreateTime: seconds(clock.now()),
        MsgType: 'text',
        Content: text,
        MsgId: nextMsgId(),
      }),
    )
    expect(res.status).toBe(200)
    await settle()
    return sentTexts()
  }

  it('asks about an end before the start instead of failing at save, in exact words', async () => {
    const morning = clock.now()
    clock.set(new Date('2026-11-23T09:00:00Z')) // 17:00 in the city
    try {
      expect(await say('巡查 今天下午两点开始在柳叶湖大道巡查')).toEqual(['巡查几点结束？'])
      // 上午 said: an end before the start, asked about (「四点」 alone would be that afternoon's).
      expect(await say('上午四点')).toEqual([
        '结束时间 04:00 早于开始时间 14:00，是下午4点（16:00）吗？回复「是」确认，或发送正确的结束时间。',
      ])
      expect(await say('是')).toEqual(['出动了多少人次？'])
      expect(await say('取消')).toEqual(['已取消「日巡查工作记录」填报。'])
    } finally {
      clock.set(morning)
    }
  })

  it('delivers an apology to the person when saving fails every time', async () => {
    const restore = await failInsertsInto(database.db, 'patrols')
    try {
      const summary = await say('今天上午8点到9点在朗州路巡查，出动1人0车，未发现隐患')
      expect(summary.join('\n')).toContain('请核对')
      expect(await say('确认')).toEqual(['抱歉，系统处理您的消息时出错，请稍后再试。如多次出现，请联系管理员。'])
    } finally {
      await restore()
    }
  })
})

describe('WeCom: a weekly report confirmed on its card and signed by typing 签字', () => {
  it('confirms as 填表人 from the card, sends the leader a card, and files the report on the leader’s 签字', async () => {
    const [leader] = await database.db.select().from(people).where(eq(people.name, '孙建国'))
    await database.db
      .insert(identities)
      .values({ personId: leader?.id, channel: 'wecom', botId: 'default', externalId: 'sunjianguo' })
      .onConflictDoNothing()
    const [fieldWorker] = await database.db.select().from(people).where(eq(people.name, '张伟'))
    await recordPatrol({
      ctx: harness.services.ctx,
      input: {
        unitId: fieldWorker?.unitId as number,
        startedAt: zonedInstant('2026-11-18', TEST_TIME_ZONE, 9),
        endedAt: zonedInstant('2026-11-18', TEST_TIME_ZONE, 11),
        area: '洞庭大道',
        patrollers: '张伟、王刚',
        staffCount: 2,
      },
      actor: { personId: fieldWorker?.id ?? null, role: 'field_staff', unitId: fieldWorker?.unitId ?? null },
    })
    await runPeriodicReports(harness.services.ctx, harness.services.config.reportsDir, {
      start: '22:00',
      end: '07:00',
    })
    await settle()
    const [weekly] = await database.db
      .select()
      .from(periodicReports)
      .where(and(eq(periodicReports.kind, 'weekly'), eq(periodicReports.unitId, fieldWorker?.unitId as number)))
    const cardTo = (user: string, key: string) =>
      fake
        .callsTo('/cgi-bin/message/send')
        .find(
          (c) =>
            (c.body as { touser?: string }).touser === user &&
            JSON.stringify((c.body as { template_card?: unknown }).template_card ?? {}).includes(key),
        )
    expect(cardTo('lina', `report.submit:${weekly?.id}`)?.body).toMatchObject({
      msgtype: 'template_card',
      template_card: { button_list: [{ key: `report.submit:${weekly?.id}`, text: '确认上报' }] },
    })
    const click = wecomMessageXml({
      FromUserName: 'lina',
      CreateTime: seconds(clock.now()),
      MsgType: 'event',
      Event: 'template_card_event',
      EventKey: `report.submit:${weekly?.id}`,
      TaskId: `report-${weekly?.id}`,
      CardType: 'button_interaction',
      ResponseCode: 'RESPONSE_CODE_REPORT',
    })
    expect((await post(click)).status).toBe(200)
    await settle()
    expect(sentTexts()).toContain(
      '已确认周报表（2026-11-16 至 2026-11-22）。还需要：分管领导签字（孙建国），签字后自动上报。',
    )
    expect(fake.callsTo('/cgi-bin/message/update_template_card').at(-1)?.body).toMatchObject({
      response_code: 'RESPONSE_CODE_REPORT',
      button: { replace_name: '已确认' },
    })
    expect(cardTo('sunjianguo', `report.sign:${weekly?.id}`)).toBeDefined()

    const typed = wecomMessageXml({
      FromUserName: 'sunjianguo',
      CreateTime: seconds(clock.now()),
      MsgType: 'text',
      Content: '签字',
      MsgId: nextMsgId(),
    })
    expect((await post(typed)).status).toBe(200)
    await settle()
    expect(sentTexts().some((t) => t.includes('已上报周报表（2026-11-16 至 2026-11-22）'))).toBe(true)
    const [filed] = await database.db
      .select()
      .from(periodicReports)
      .where(eq(periodicReports.id, weekly?.id ?? 0))
    expect(filed?.submittedAt).toEqual(clock.now())
    const lines = await database.db
      .select()
      .from(signoffs)
      .where(and(eq(signoffs.subjectType, 'report'), eq(signoffs.subjectId, weekly?.id ?? 0)))
    expect(lines.map((l) => [l.line, l.signerName, l.channel]).sort()).toEqual([
      ['charge_leader', '孙建国', 'wecom'],
      ['filler', '李娜', 'wecom'],
    ])
  })
})
