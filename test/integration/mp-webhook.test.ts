import { createHash } from 'node:crypto'
import { eq, sql } from 'drizzle-orm'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { buildWechatXml, parseWechatXml, type XmlValue } from '../../src/channels/xml'
import { complaints, inboundMessages, media, people } from '../../src/db/schema'
import { HOUR_MS, ManualClock } from '../../src/domain/clock'
import type { Actor } from '../../src/domain/roles'
import { notifyComplaintOutcome } from '../../src/services/complaint-notices'
import { applyComplaintCommand } from '../../src/services/complaints'
import { FakeWechatApi } from '../fakes/wechat-api'
import { testApp } from '../helpers/app'
import { createTestDatabase, seedDefaults, type TestDatabase } from '../helpers/db'
import { independentCrypto, MP, seconds, wecomEnv } from '../helpers/wechat'

const clock = new ManualClock('2026-11-23T02:00:00Z')
let database: TestDatabase
let fake: FakeWechatApi

beforeAll(async () => {
  database = await createTestDatabase()
  await seedDefaults(database, clock.now())
  fake = await new FakeWechatApi(clock).start()
})
afterAll(async () => {
  await fake?.stop()
  await database?.drop()
})
afterEach(() => fake.reset())

let seq = 1
const msgId = () => `6054768590064${String(seq++).padStart(6, '0')}`

function citizenXml(openId: string, fields: Record<string, XmlValue>): string {
  return buildWechatXml({ ToUserName: 'gh_bureau', FromUserName: openId, CreateTime: seconds(clock.now()), ...fields })
}

let nonceSeq = 0
/** As the platform does, each push has its own nonce (a signature is bound to the message it carried). */
function plainQuery(): string {
  const timestamp = String(seconds(clock.now()))
  const nonce = `n${nonceSeq++}`
  const signature = createHash('sha1').update([MP.token, timestamp, nonce].sort().join('')).digest('hex')
  return new URLSearchParams({ signature, timestamp, nonce, openid: 'x' }).toString()
}

function plainHarness(extra: Record<string, string> = {}) {
  return testApp(database, clock, wecomEnv(fake.baseUrl, { MP_MODE: 'plain', ...extra }))
}

async function postPlain(harness: ReturnType<typeof testApp>, xml: string) {
  return harness.app.request(`/webhooks/mp/default?${plainQuery()}`, { method: 'POST', body: xml })
}

function replyContent(xml: string): string {
  return String(parseWechatXml(xml).Content ?? '')
}

async function complaintCount(): Promise<number> {
  const [row] = await database.db.select({ n: sql<number>`count(*)::int` }).from(complaints)
  return Number(row?.n)
}

describe('Official Account, plain mode', () => {
  it('verifies the callback URL by echoing echostr', async () => {
    const res = await plainHarness().app.request(`/webhooks/mp/default?${plainQuery()}&echostr=hello123`)
    expect(res.status).toBe(200)
    expect(await res.text()).toBe('hello123')
  })

  it('answers a complaint with its ticket number inside the response, once, even when the platform retries', async () => {
    const harness = plainHarness()
    const before = await complaintCount()
    const xml = citizenXml('openid-citizen-1', {
      MsgType: 'text',
      Content: '柳叶湖大道有个井盖缺失，很危险',
      MsgId: msgId(),
    })
    const first = await postPlain(harness, xml)
    expect(first.status).toBe(200)
    const content = replyContent(await first.text())
    expect(content).toMatch(/编号 TS20261123-\d{4}（道路及市政设施）/)
    const retry = await postPlain(harness, xml)
    expect(replyContent(await retry.text())).toBe(content)
    await harness.services.outbox.drain()
    clock.advance(20_000)
    await harness.services.outbox.drain()
    expect(await complaintCount()).toBe(before + 1)
    // The passive reply was the reply: nothing went out again through the customer-service API.
    expect(fake.callsTo('/cgi-bin/message/custom/send')).toHaveLength(0)
    const [row] = await database.db
      .select()
      .from(complaints)
      .where(eq(complaints.citizenExternalId, 'openid-citizen-1'))
    expect(row).toMatchObject({ status: 'assigned', category: 'road_municipal', channel: 'mp' })
  })

  it('welcomes a new follower and attaches a photo and a location to the latest complaint', async () => {
    const harness = plainHarness()
    const openId = 'openid-citizen-2'
    const welcome = await postPlain(harness, citizenXml(openId, { MsgType: 'event', Event: 'subscribe', EventKey: '' }))
    expect(replyContent(await welcome.text())).toContain('欢迎关注')
    const photoFirst = await postPlain(
      harness,
      citizenXml(openId, { MsgType: 'image', PicUrl: 'http://x', MediaId: 'MP_MEDIA_0', MsgId: msgId() }),
    )
    expect(replyContent(await photoFirst.text())).toContain('用文字描述')
    const complaint = await postPlain(
      harness,
      citizenXml(openId, { MsgType: 'text', Content: '滨湖小区3栋闻到很重的燃气味', MsgId: msgId() }),
    )
    const code = /TS\d{8}-\d{4}/.exec(replyContent(await complaint.text()))?.[0]
    expect(code).toBeDefined()
    const photo = await postPlain(
      harness,
      citizenXml(openId, { MsgType: 'image', PicUrl: 'http://x', MediaId: 'MP_MEDIA_1', MsgId: msgId() }),
    )
    expect(replyContent(await photo.text())).toBe(`已将照片补充到投诉 ${code}。`)
    const place = await postPlain(
      harness,
      citizenXml(openId, {
        MsgType: 'location',
        Location_X: 29.04,
        Location_Y: 111.7,
        Scale: 16,
        Label: '武陵区某小区',
        MsgId: msgId(),
      }),
    )
    expect(replyContent(await place.text())).toContain('位置')
    const [row] = await database.db
      .select()
      .from(complaints)
      .where(eq(complaints.code, code ?? ''))
    expect(row).toMatchObject({ category: 'gas', latitude: 29.04, longitude: 111.7, locationText: '滨湖小区3栋' })
    const [stored] = await database.db.select().from(media).where(eq(media.externalMediaId, 'MP_MEDIA_1'))
    expect(stored).toMatchObject({ subjectType: 'complaint', subjectId: row?.id })
    // The photo sent before any words was kept for the complaint they made, not dropped.
    const [first] = await database.db.select().from(media).where(eq(media.externalMediaId, 'MP_MEDIA_0'))
    expect(first).toMatchObject({ subjectType: 'complaint', subjectId: row?.id })
    // A menu button is a person asking (both were silence): a progress button lists their complaints, any
    // other says how to report.
    const progress = await postPlain(
      harness,
      citizenXml(openId, { MsgType: 'event', Event: 'CLICK', EventKey: 'QUERY_PROGRESS' }),
    )
    expect(replyContent(await progress.text())).toContain(`投诉 ${code}`)
    const howTo = await postPlain(harness, citizenXml(openId, { MsgType: 'event', Event: 'CLICK', EventKey: 'REPORT' }))
    expect(replyContent(await howTo.text())).toMatch(/^反映问题请直接发一句话说明问题和地点/)
    // Events nobody sent by hand (a template message's delivery report) get no message.
    const report = await postPlain(
      harness,
      citizenXml(openId, { MsgType: 'event', Event: 'TEMPLATESENDJOBFINISH', Status: 'success', MsgID: msgId() }),
    )
    expect(await report.text()).toBe('success')
  })

  it('takes a voice message with recognised text as a complaint, and asks for text without it', async () => {
    const harness = plainHarness()
    const spoken = await postPlain(
      harness,
      citizenXml('openid-voice', {
        MsgType: 'voice',
        MediaId: 'MP_VOICE_1',
        Format: 'amr',
        Recognition: '沅水大桥上的护栏断了一截',
        MsgId: msgId(),
      }),
    )
    expect(replyContent(await spoken.text())).toMatch(/编号 TS\d{8}-\d{4}（桥梁）/)
    const silent = await postPlain(
      harness,
      citizenXml('openid-voice', { MsgType: 'voice', MediaId: 'MP_VOICE_2', Format: 'amr', MsgId: msgId() }),
    )
    expect(replyContent(await silent.text())).toContain('文字描述')
  })

  it('names a kind of message it does not take in words, never by the platform’s type code, and files nothing', async () => {
    const harness = plainHarness()
    const shared = await postPlain(
      harness,
      citizenXml('openid-link', { MsgType: 'link', Title: '通知', Url: 'http://example.invalid/a', MsgId: msgId() }),
    )
    const sharedReply = replyContent(await shared.text())
    expect(sharedReply).toContain('暂不支持链接消息')
    expect(sharedReply).not.toMatch(/[a-z]/i)
    const video = await postPlain(
      harness,
      citizenXml('openid-link', { MsgType: 'shortvideo', MediaId: 'MP_VIDEO_1', ThumbMediaId: 'T', MsgId: msgId() }),
    )
    expect(replyContent(await video.text())).toContain('请截图或拍照后发送图片')
    const filed = await database.db
      .select({ code: complaints.code })
      .from(complaints)
      .where(eq(complaints.citizenExternalId, 'openid-link'))
    expect(filed).toEqual([])
  })

  it('shows progress on 查询 and refuses other citizens’ tickets', async () => {
    const harness = plainHarness()
    const filed = await postPlain(
      harness,
      citizenXml('openid-3', { MsgType: 'text', Content: '朗州路人行道被挖开没有围挡', MsgId: msgId() }),
    )
    const code = /TS\d{8}-\d{4}/.exec(replyContent(await filed.text()))?.[0] ?? ''
    const mine = await postPlain(
      harness,
      citizenXml('openid-3', { MsgType: 'text', Content: `查询 ${code}`, MsgId: msgId() }),
    )
    expect(replyContent(await mine.text())).toContain(`投诉 ${code}：已派单`)
    const theirs = await postPlain(
      harness,
      citizenXml('openid-4', { MsgType: 'text', Content: `查询 ${code}`, MsgId: msgId() }),
    )
    expect(replyContent(await theirs.text())).toContain('未找到')
  })

  it.each([
    [
      'a wrong signature',
      401,
      (q: string) => q.replace(/signature=[0-9a-f]{4}/, 'signature=ffff'),
      '<xml><MsgType>text</MsgType></xml>',
    ],
    ['malformed XML', 400, (q: string) => q, '<xml><MsgType>text'],
  ])('rejects %s with %i and stores nothing', async (_label, status, mangle, body) => {
    const [before] = await database.db.select({ n: sql<number>`count(*)::int` }).from(inboundMessages)
    const res = await plainHarness().app.request(`/webhooks/mp/default?${mangle(plainQuery())}`, {
      method: 'POST',
      body,
    })
    expect(res.status).toBe(status)
    const [after] = await database.db.select({ n: sql<number>`count(*)::int` }).from(inboundMessages)
    expect(after?.n).toBe(before?.n)
  })
})

describe('the same problem reported twice', () => {
  it('asks a second citizen at the same address, links them to the ticket, and tells both the outcome', async () => {
    const harness = plainHarness()
    const first = await postPlain(
      harness,
      citizenXml('openid-dup-1', { MsgType: 'text', Content: '沅安路桥护栏断了一截', MsgId: msgId() }),
    )
    const code = /TS\d{8}-\d{4}/.exec(replyContent(await first.text()))?.[0] ?? ''
    const before = await complaintCount()
    const second = await postPlain(
      harness,
      citizenXml('openid-dup-2', { MsgType: 'text', Content: '沅安路桥的护栏坏了很危险', MsgId: msgId() }),
    )
    expect(replyContent(await second.text())).toContain(`已受理的投诉 ${code}`)
    const linked = await postPlain(
      harness,
      citizenXml('openid-dup-2', { MsgType: 'text', Content: '是', MsgId: msgId() }),
    )
    expect(replyContent(await linked.text())).toContain(`已关联到投诉 ${code}`)
    expect(await complaintCount()).toBe(before)
    // Answering 否 files a separate ticket.
    await postPlain(
      harness,
      citizenXml('openid-dup-3', { MsgType: 'text', Content: '沅安路桥护栏松了', MsgId: msgId() }),
    )
    const separate = await postPlain(
      harness,
      citizenXml('openid-dup-3', { MsgType: 'text', Content: '否', MsgId: msgId() }),
    )
    expect(replyContent(await separate.text())).toMatch(/编号 TS\d{8}-\d{4}/)
    expect(await complaintCount()).toBe(before + 1)

    const [complaint] = await database.db.select().from(complaints).where(eq(complaints.code, code))
    const [handler] = await database.db.select().from(people).where(eq(people.role, 'unit_handler'))
    const { units } = await import('../../src/db/schema')
    const [bridgeUnit] = await database.db
      .select()
      .from(units)
      .where(eq(units.id, complaint?.unitId ?? 0))
    const actor: Actor = { personId: handler?.id ?? null, role: 'admin', unitId: bridgeUnit?.id ?? null }
    const ctx = harness.services.ctx
    await applyComplaintCommand({ ctx, complaintId: complaint?.id ?? 0, command: { action: 'accept' }, actor })
    const replied = await applyComplaintCommand({
      ctx,
      complaintId: complaint?.id ?? 0,
      command: { action: 'reply', outcome: '护栏已修复' },
      actor,
    })
    await notifyComplaintOutcome(ctx, replied)
    await harness.services.outbox.drain()
    const told = fake.callsTo('/cgi-bin/message/custom/send').map((c) => (c.body as { touser: string }).touser)
    expect(told.sort()).toEqual(['openid-dup-1', 'openid-dup-2'])
  })
})

describe('Official Account, safe mode', () => {
  const crypto = independentCrypto(MP.token, MP.encodingAesKey, MP.appId)

  function sealed(xml: string) {
    const encrypted = crypto.encrypt(xml)
    const timestamp = String(seconds(clock.now()))
    const nonce = 'n1'
    const signature = createHash('sha1').update([MP.token, timestamp, nonce].sort().join('')).digest('hex')
    const query = new URLSearchParams({
      signature,
      timestamp,
      nonce,
      encrypt_type: 'aes',
      msg_signature: crypto.getSignature(timestamp, nonce, encrypted),
    })
    return { query: query.toString(), body: buildWechatXml({ ToUserName: 'gh_bureau', Encrypt: encrypted }) }
  }

  it('decrypts the complaint and encrypts the passive reply for the platform', async () => {
    const harness = testApp(database, clock, wecomEnv(fake.baseUrl, { MP_MODE: 'safe' }))
    const request = sealed(
      citizenXml('openid-safe', { MsgType: 'text', Content: '白马湖公园里有棵大树快倒了', MsgId: msgId() }),
    )
    const res = await harness.app.request(`/webhooks/mp/default?${request.query}`, {
      method: 'POST',
      body: request.body,
    })
    expect(res.status).toBe(200)
    const envelope = parseWechatXml(await res.text())
    const encrypted = String(envelope.Encrypt)
    expect(crypto.getSignature(String(envelope.TimeStamp), String(envelope.Nonce), encrypted)).toBe(
      envelope.MsgSignature,
    )
    const opened = crypto.decrypt(encrypted)
    expect(opened.id).toBe(MP.appId)
    expect(replyContent(opened.message)).toContain('园林绿化')
  })

  it('refuses plain messages in safe mode and a foreign app id', async () => {
    const harness = testApp(database, clock, wecomEnv(fake.baseUrl, { MP_MODE: 'safe' }))
    const plain = await harness.app.request(`/webhooks/mp/default?${plainQuery()}`, {
      method: 'POST',
      body: citizenXml('o', { MsgType: 'text', Content: 'x', MsgId: msgId() }),
    })
    expect(plain.status).toBe(400)
    const foreign = independentCrypto(MP.token, MP.encodingAesKey, 'wx-other-app')
    const encrypted = foreign.encrypt(citizenXml('o', { MsgType: 'text', Content: '建设路井盖缺失了', MsgId: msgId() }))
    const timestamp = String(seconds(clock.now()))
    const query = new URLSearchParams({
      timestamp,
      nonce: 'n',
      encrypt_type: 'aes',
      msg_signature: foreign.getSignature(timestamp, 'n', encrypted),
    })
    const res = await harness.app.request(`/webhooks/mp/default?${query}`, {
      method: 'POST',
      body: buildWechatXml({ Encrypt: encrypted }),
    })
    expect(res.status).toBe(400)
  })
})

describe('complaint outcome reaches the citizen', () => {
  async function fileAndReply(harness: ReturnType<typeof testApp>, openId: string) {
    const filed = await postPlain(
      harness,
      citizenXml(openId, { MsgType: 'text', Content: '人民路路灯坏了一整排', MsgId: msgId() }),
    )
    const code = /TS\d{8}-\d{4}/.exec(replyContent(await filed.text()))?.[0] ?? ''
    const [complaint] = await database.db.select().from(complaints).where(eq(complaints.code, code))
    const [handler] = await database.db.select().from(people).where(eq(people.name, '李娜'))
    const actor: Actor = { personId: handler?.id ?? null, role: 'unit_handler', unitId: handler?.unitId ?? null }
    const ctx = harness.services.ctx
    await applyComplaintCommand({ ctx, complaintId: complaint?.id ?? 0, command: { action: 'accept' }, actor })
    const replied = await applyComplaintCommand({
      ctx,
      complaintId: complaint?.id ?? 0,
      command: { action: 'reply', outcome: '已更换路灯' },
      actor,
    })
    await notifyComplaintOutcome(ctx, replied)
    await harness.services.outbox.drain()
    return replied
  }

  it('sends it as a customer-service message inside the 48-hour window', async () => {
    const harness = plainHarness()
    await fileAndReply(harness, 'openid-outcome-1')
    const sent = fake.callsTo('/cgi-bin/message/custom/send')
    expect(sent).toHaveLength(1)
    expect(sent[0]?.body).toMatchObject({
      touser: 'openid-outcome-1',
      text: { content: expect.stringContaining('已更换路灯') },
    })
  })

  it('falls back to the template notice outside the window', async () => {
    const harness = plainHarness({ MP_TEMPLATE_ID: 'tmpl-1' })
    fake.failNext('/cgi-bin/message/custom/send', { reply: { errcode: 45015, errmsg: 'response out of time limit' } })
    await fileAndReply(harness, 'openid-outcome-2')
    const template = fake.callsTo('/cgi-bin/message/template/send')
    expect(template).toHaveLength(1)
    expect(template[0]?.body).toMatchObject({ touser: 'openid-outcome-2', template_id: 'tmpl-1' })
  })

  it('without a template, keeps the outcome for the next message and says why', async () => {
    const harness = plainHarness({ MP_CUSTOMER_SERVICE: '0' })
    const replied = await fileAndReply(harness, 'openid-outcome-3')
    const [waiting] = await database.db.select().from(complaints).where(eq(complaints.id, replied.id))
    expect(waiting).toMatchObject({ outcomeDelivery: 'on_next_message' })
    expect(waiting?.outcomeDeliveryNote).toContain('45015')
    clock.advance(72 * HOUR_MS)
    const next = await postPlain(
      harness,
      citizenXml('openid-outcome-3', { MsgType: 'text', Content: '查询', MsgId: msgId() }),
    )
    expect(replyContent(await next.text())).toContain('已更换路灯')
    const [delivered] = await database.db.select().from(complaints).where(eq(complaints.id, replied.id))
    expect(delivered?.outcomeDelivery).toBe('delivered')
  })
})
