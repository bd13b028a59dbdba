import { createHash } from 'node:crypto'
import { eq, sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { dingtalkSign } from '../../src/channels/dingtalk/sign'
import { buildWechatXml } from '../../src/channels/xml'
import { apiIdempotency, complaints, inboundMessages, media, outbox } from '../../src/db/schema'
import { ManualClock } from '../../src/domain/clock'
import { createLogger } from '../../src/logger'
import { FAKE_IMAGE } from '../fakes/wechat-api'
import { testApp } from '../helpers/app'
import { createTestDatabase, seedDefaults, type TestDatabase } from '../helpers/db'
import { callApi, postForm } from '../helpers/requests'
import { protocolCrypto, sealedRequest, seconds, WECOM, wecomEnv, wecomMessageXml } from '../helpers/wechat'

/**
 * The attacks found by trying the server as an attacker would, each as a regression test: caps before
 * work, signatures before parsing, replayed signatures, reply addresses, media types, personal data,
 * throttling, sessions and headers, and bad input that used to answer 500.
 */
const clock = new ManualClock('2026-11-23T02:00:00Z')
let database: TestDatabase

const ADMIN = 'admin-token-0123456789'
const FIELD = 'field-token-0123456789'
const HANDLER = 'handler-token-0123456789'
const PASSWORD = 'correct horse battery staple'
const API_TOKENS = JSON.stringify([
  { token: FIELD, role: 'field_staff', unit: 'shizheng', name: '市政巡查App' },
  { token: HANDLER, role: 'unit_handler', unit: 'shizheng', name: '市政系统' },
])
const OPEN311_KEY = 'open311-key-0123456789'
/** Where a forged message would like our replies to go: never one of the platforms' hosts. */
const STEAL_URL = 'http://localhost:9/steal'

beforeAll(async () => {
  database = await createTestDatabase()
  await seedDefaults(database, clock.now())
})
afterAll(async () => database?.drop())

const production = (extra: Record<string, string> = {}, logger = createLogger('error', () => {})) =>
  testApp(
    database,
    clock,
    {
      ...wecomEnv('http://127.0.0.1:9'),
      DEMO: '0',
      CONSOLE_PASSWORD: PASSWORD,
      API_TOKEN: ADMIN,
      API_TOKENS,
      OPEN311_API_KEY: OPEN311_KEY,
      DINGTALK_CLIENT_ID: 'ding-client',
      DINGTALK_CLIENT_SECRET: 'ding-secret',
      DINGTALK_MODE: 'http',
      DINGTALK_API_BASE: 'http://127.0.0.1:9',
      ...extra,
    },
    { logger },
  )

/** A body that counts how much of it the server pulls: 1 MB offered in 16 KB chunks. */
function countingBody(total = 1024 * 1024, chunk = 16 * 1024) {
  let pulled = 0
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (pulled >= total) return controller.close()
      pulled += chunk
      controller.enqueue(new Uint8Array(chunk).fill(0x61))
    },
  })
  return { stream, pulled: () => pulled }
}

async function inboundRow(messageId: string) {
  const [row] = await database.db.select().from(inboundMessages).where(eq(inboundMessages.messageId, messageId))
  return row
}

describe('nothing unauthenticated reads past its cap', () => {
  it.each([
    ['/console/login', 32 * 1024],
    ['/open311/v2/requests.json', 16 * 1024],
    ['/api/v1/patrols', 256 * 1024],
    ['/webhooks/wecom/default?msg_signature=x&timestamp=1&nonce=n', 64 * 1024],
    ['/webhooks/dingtalk/default', 64 * 1024],
  ])('POST %s stops reading a streamed megabyte at its cap', async (path, cap) => {
    const { app } = production()
    const body = countingBody()
    const res = await app.request(
      new Request(`http://localhost${path}`, {
        method: 'POST',
        body: body.stream,
        headers: { origin: 'http://localhost', 'idempotency-key': 'k1', 'content-type': 'application/json' },
        duplex: 'half',
      } as RequestInit),
    )
    expect([401, 403, 413]).toContain(res.status)
    expect(body.pulled()).toBeLessThanOrEqual(cap + 32 * 1024)
  })

  it('refuses a declared oversize body at once, and an Idempotency-Key without a token keeps nothing', async () => {
    const { app } = production()
    const big = await app.request('/webhooks/mp/default?timestamp=1&nonce=n&signature=s', {
      method: 'POST',
      headers: { 'content-length': String(250 * 1024 * 1024) },
      body: 'x',
    })
    expect(big.status).toBe(413)
    const anonymous = await app.request('/api/v1/patrols', {
      method: 'POST',
      headers: { 'idempotency-key': 'unauth-1', 'content-type': 'application/json' },
      body: '{}',
    })
    expect(anonymous.status).toBe(401)
    const keys = await database.db.select().from(apiIdempotency).where(eq(apiIdempotency.key, 'unauth-1'))
    expect(keys).toHaveLength(0)
  })
})

describe('webhooks check the signature before parsing anything', () => {
  const bomb =
    '<!DOCTYPE xml [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>'

  it('answers 401 to an unsigned entity bomb without expanding it', async () => {
    const { app } = production()
    const res = await app.request('/webhooks/wecom/default?msg_signature=bad&timestamp=1&nonce=n', {
      method: 'POST',
      body: `${bomb}<xml><Encrypt><![CDATA[QUJD]]></Encrypt><Content>&c;&c;&c;</Content></xml>`,
    })
    expect(res.status).toBe(401)
  })

  it.each([
    ['a DOCTYPE', `${bomb}<xml><ToUserName>x</ToUserName></xml>`],
    ['nesting 5,000 deep', `<xml>${'<a>'.repeat(5000)}${'</a>'.repeat(5000)}</xml>`],
    ['no root', 'plain text'],
  ])('answers 400, not 500, to a signed document with %s', async (_, plaintext) => {
    const { app } = production()
    const sealed = sealedRequest(plaintext, { timestamp: seconds(clock.now()) })
    const res = await app.request(`/webhooks/wecom/default?${sealed.query}`, { method: 'POST', body: sealed.body })
    expect(res.status).toBe(400)
  })

  it('stores a signed message with NUL characters and a CreateTime that is not a number, noting both', async () => {
    const { app, services } = production()
    const xml = wecomMessageXml({
      FromUserName: 'zhangwei',
      CreateTime: 'yesterday',
      MsgType: 'text',
      Content: '井盖\u0000缺失',
      MsgId: 'odd-1',
    })
    const sealed = sealedRequest(xml, { timestamp: seconds(clock.now()) })
    const res = await app.request(`/webhooks/wecom/default?${sealed.query}`, { method: 'POST', body: sealed.body })
    expect(res.status).toBe(200)
    await services.inbound.idle()
    const row = await inboundRow('odd-1')
    expect(row?.receivedAt.toISOString()).toBe(clock.now().toISOString())
    expect(row?.payload).toMatchObject({ text: '井盖缺失', oddities: ['nul_removed', 'time_replaced'] })
  })

  it('refuses a NUL in the query string with 400', async () => {
    const { app } = production()
    expect((await app.request('/open311/v2/requests.json?status=open%00')).status).toBe(400)
    expect((await callApi(app, ADMIN, 'GET', '/hazards?category=road%00')).status).toBe(400)
  })
})

describe('DingTalk HTTP callbacks', () => {
  const robotMessage = (msgId: string, extra: Record<string, unknown> = {}) => ({
    msgId,
    msgtype: 'text',
    conversationType: '1',
    senderStaffId: 'zhangwei-dt',
    text: { content: '帮助' },
    ...extra,
  })
  const post = (app: ReturnType<typeof production>['app'], body: unknown, timestamp: string) =>
    app.request('/webhooks/dingtalk/default', {
      method: 'POST',
      headers: { timestamp, sign: dingtalkSign(timestamp, 'ding-secret'), 'content-type': 'application/json' },
      body: JSON.stringify(body),
    })

  it('binds a (timestamp, sign) pair to its message: a retry passes, another body is refused', async () => {
    const { app, services } = production()
    const timestamp = String(clock.now().getTime() + 17)
    expect((await post(app, robotMessage('dt-first'), timestamp)).status).toBe(200)
    expect((await post(app, robotMessage('dt-first'), timestamp)).status).toBe(200)
    const forged = await post(app, robotMessage('dt-forged', { text: { content: '我的待办' } }), timestamp)
    expect(forged.status).toBe(401)
    await services.inbound.idle()
    expect(await inboundRow('dt-forged')).toBeUndefined()
    const stored = await database.db.select().from(inboundMessages).where(eq(inboundMessages.messageId, 'dt-first'))
    expect(stored).toHaveLength(1)
  })

  it('never keeps a sessionWebhook outside DingTalk’s hosts, so no reply can go there', async () => {
    const { app, services } = production()
    const message = robotMessage('dt-steal', {
      sessionWebhook: STEAL_URL,
      sessionWebhookExpiredTime: clock.now().getTime() + 3_600_000,
    })
    expect((await post(app, message, String(clock.now().getTime() + 23))).status).toBe(200)
    await services.inbound.idle()
    const row = await inboundRow('dt-steal')
    expect(row?.payload).toMatchObject({ oddities: ['reply_url_refused'] })
    expect(JSON.stringify(row?.payload)).not.toContain(STEAL_URL)
    const queued = await database.db.select().from(outbox).where(sql`${outbox.recipient}->>'url' = ${STEAL_URL}`)
    expect(queued).toHaveLength(0)
  })

  it('never keeps a WeCom intelligent robot response_url outside the platform hosts', async () => {
    const { app, services } = production()
    const robot = protocolCrypto('aibot-token', WECOM.encodingAesKey, '')
    const encrypted = robot.encrypt(
      JSON.stringify({
        msgid: 'robot-steal',
        chattype: 'single',
        from: { userid: 'zhangwei' },
        response_url: 'https://attacker.example/collect',
        msgtype: 'text',
        text: { content: '我的待办' },
      }),
    )
    const timestamp = String(seconds(clock.now()))
    const query = new URLSearchParams({
      msg_signature: robot.getSignature(timestamp, 'n', encrypted),
      timestamp,
      nonce: 'n',
    })
    const res = await app.request(`/webhooks/wecom-robot/default?${query}`, {
      method: 'POST',
      body: JSON.stringify({ encrypt: encrypted }),
    })
    expect(res.status).toBe(200)
    await services.inbound.idle()
    expect(JSON.stringify((await inboundRow('robot-steal'))?.payload)).not.toContain('attacker.example')
  })
})

describe('Official Account signatures', () => {
  const plainQuery = (timestamp: string, nonce: string) => {
    const signature = createHash('sha1').update([WECOM.token, timestamp, nonce].sort().join('')).digest('hex')
    return new URLSearchParams({ signature, timestamp, nonce }).toString()
  }
  const citizenXml = (msgId: string, content: string) =>
    buildWechatXml({
      ToUserName: 'gh_bureau',
      FromUserName: 'citizen-open-id',
      CreateTime: seconds(clock.now()),
      MsgType: 'text',
      Content: content,
      MsgId: msgId,
    })

  it('refuses a plain body in compat mode: only the encrypted copy is signed over its content', async () => {
    const { app } = production({ MP_TOKEN: WECOM.token, MP_MODE: 'compat' })
    const res = await app.request(`/webhooks/mp/default?${plainQuery(String(seconds(clock.now())), 'c1')}`, {
      method: 'POST',
      body: citizenXml('mp-compat-1', '查询 TS20261123-0001'),
    })
    expect(res.status).toBe(400)
  })

  it('in plain mode binds a captured signature to its message', async () => {
    const { app, services } = production({ MP_TOKEN: WECOM.token, MP_MODE: 'plain' })
    const query = plainQuery(String(seconds(clock.now())), 'p1')
    const first = await app.request(`/webhooks/mp/default?${query}`, {
      method: 'POST',
      body: citizenXml('mp-plain-1', '路灯坏了'),
    })
    expect(first.status).toBe(200)
    const replayed = await app.request(`/webhooks/mp/default?${query}`, {
      method: 'POST',
      body: citizenXml('mp-plain-2', '类别 燃气'),
    })
    expect(replayed.status).toBe(401)
    await services.inbound.idle()
    expect(await inboundRow('mp-plain-2')).toBeUndefined()
  })
})

describe('media cannot carry script', () => {
  it('refuses an SVG upload in the simulator, whatever type the browser claims', async () => {
    const { app } = testApp(database, clock)
    const form = new FormData()
    form.set(
      'photo',
      new File(['<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'], 'x.png', {
        type: 'image/png',
      }),
    )
    const res = await app.request('/console/chat/field_staff/photo', {
      method: 'POST',
      headers: { origin: 'http://localhost' },
      body: form,
    })
    expect(res.status).toBe(400)
    expect(await res.text()).toContain('只能上传 JPEG、PNG、GIF 或 WebP 格式的照片')
  })

  it('serves a picture inline only when its bytes are one, anything else as a sandboxed download', async () => {
    const { app, services } = testApp(database, clock)
    const { storeMedia } = await import('../../src/services/media')
    const svg = await storeMedia(database.db, services.config.mediaDir, {
      bytes: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'),
      mimeType: 'image/svg+xml',
      channel: 'wecom',
      externalMediaId: 'svg-claimed-image',
      uploaderIdentityId: null,
      receivedAt: clock.now(),
    })
    const png = await storeMedia(database.db, services.config.mediaDir, {
      bytes: FAKE_IMAGE,
      mimeType: 'text/html',
      channel: 'wecom',
      externalMediaId: 'png-claimed-html',
      uploaderIdentityId: null,
      receivedAt: clock.now(),
    })
    const asFile = await app.request(`/console/media/${svg.id}`)
    expect(asFile.headers.get('content-type')).toBe('application/octet-stream')
    expect(asFile.headers.get('content-disposition')).toMatch(/^attachment/)
    expect(asFile.headers.get('content-security-policy')).toBe("default-src 'none'; sandbox")
    const asImage = await app.request(`/console/media/${png.id}`)
    expect(asImage.headers.get('content-type')).toBe('image/png')
    expect(asImage.headers.get('content-security-policy')).toBe("default-src 'none'; sandbox")
    await database.db.delete(media).where(eq(media.id, svg.id))
  })
})

describe('citizens’ personal data stays masked where others see it', () => {
  it('masks what the unit typed in its reply in Open311 and in the export', async () => {
    const { app, services } = production()
    const filed = await app.request('/open311/v2/requests.json', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        api_key: OPEN311_KEY,
        service_code: 'road_municipal',
        address_string: '武陵大道18号 王小明家门口',
        description: '路灯不亮',
        first_name: '小明',
        last_name: '王',
      }).toString(),
    })
    expect(filed.status).toBe(200)
    const [ticket] = (await filed.json()) as { service_request_id: string }[]
    await database.db
      .update(complaints)
      .set({ outcome: '已联系王小明（13912345678，身份证430702199001011234）并修复', status: 'replied' })
      .where(eq(complaints.code, ticket?.service_request_id ?? ''))
    const [shown] = (await (await app.request(`/open311/v2/requests/${ticket?.service_request_id}.json`)).json()) as {
      status_notes: string
      address: string
    }[]
    expect(shown?.status_notes).toBe('已联系王**（139****5678，身份证430702********1234）并修复')
    expect(shown?.address).not.toContain('王小明')
    const csv = await (await testApp(database, clock).app.request('/console/complaints/export.csv?limit=200')).text()
    expect(csv).toContain('139****5678')
    expect(csv).not.toContain('13912345678')
    expect(csv).not.toContain('430702199001011234')
    await services.inbound.idle()
  })
})

describe('throttling guessers', () => {
  const limited = (logger?: ReturnType<typeof createLogger>) => production({ AUTH_MAX_FAILURES: '3' }, logger)

  it('refuses console sign-in after repeated failures, even with the right password, and logs no secret', async () => {
    const lines: string[] = []
    const { app } = limited(createLogger('warn', (line) => lines.push(line)))
    for (let i = 0; i < 3; i++)
      expect((await postForm(app, '/console/login', { password: `guess-${i}-secret` })).status).toBe(401)
    const blocked = await postForm(app, '/console/login', { password: PASSWORD })
    expect(blocked.status).toBe(429)
    expect(blocked.headers.get('retry-after')).toBeTruthy()
    expect(lines.filter((l) => l.includes('credentials refused'))).toHaveLength(3)
    expect(lines.join('\n')).not.toContain('guess-')
  })

  it('refuses bearer tokens and Open311 keys after repeated failures', async () => {
    const api = limited().app
    for (let i = 0; i < 3; i++) expect((await callApi(api, `wrong-token-${i}`, 'GET', '/hazards')).status).toBe(401)
    expect((await callApi(api, ADMIN, 'GET', '/hazards')).status).toBe(429)
    const open311 = limited().app
    const file = (key: string) =>
      open311.request('/open311/v2/requests.json', {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({
          api_key: key,
          service_code: 'gas',
          description: 'x',
          address_string: 'y',
        }).toString(),
      })
    for (let i = 0; i < 3; i++) expect((await file(`wrong-${i}`)).status).toBe(403)
    const blocked = await file(OPEN311_KEY)
    expect(blocked.status).toBe(429)
    // In the spec's error list, as a GeoReport client reads every failure, and with when to try again.
    expect(blocked.headers.get('retry-after')).toBeTruthy()
    expect(await blocked.json()).toEqual([{ code: 429, description: expect.any(String) }])
  })

  it('lets one flooding chat account be refused without touching others', async () => {
    const { app, services } = production({ SENDER_MAX_PER_MINUTE: '3' })
    const send = (from: string, id: string) => {
      const sealed = sealedRequest(
        wecomMessageXml({
          FromUserName: from,
          CreateTime: seconds(clock.now()),
          MsgType: 'text',
          Content: '帮助',
          MsgId: id,
        }),
        { timestamp: seconds(clock.now()), nonce: id },
      )
      return app.request(`/webhooks/wecom/default?${sealed.query}`, { method: 'POST', body: sealed.body })
    }
    const statuses: number[] = []
    for (let i = 0; i < 5; i++) statuses.push((await send('flooder', `flood-${i}`)).status)
    expect(statuses).toEqual([200, 200, 200, 429, 429])
    expect((await send('lina', 'calm-1')).status).toBe(200)
    await services.inbound.idle()
  })
})

describe('administrators cannot aim robots elsewhere', () => {
  it('refuses a group robot address outside the platforms’ hosts', async () => {
    const { app } = testApp(database, clock)
    const res = await postForm(app, '/console/admin/groups', {
      name: '外发群',
      channel: 'wecom-robot',
      purpose: 'leaders',
      webhookUrl: 'https://attacker.example/hook',
    })
    expect(await res.text()).toContain('群机器人地址须为平台的机器人地址')
  })
})

describe('bad input answers 400 or 422, never 500', () => {
  it.each([
    ['a report id past 2^31', '/reports/2147483648'],
    ['a date past year 9999', '/hazards?from=99999-01-01'],
    // JavaScript's Date reads these as the 2nd of March and the 1st of May: a day that is not is refused, not moved.
    ['a day February does not have', '/hazards?from=2026-02-30'],
    ['a time on a day April does not have', '/patrols?to=2026-04-31T08:00:00Z'],
    [
      'a cursor with an impossible time',
      `/hazards?cursor=${Buffer.from('+275760-09-13T00:00:00.000Z|1').toString('base64url')}`,
    ],
    [
      'a cursor with a huge id',
      `/hazards?cursor=${Buffer.from('2026-01-01T00:00:00.000Z|99999999999').toString('base64url')}`,
    ],
  ])('API: %s is 400', async (_, path) => {
    const { app } = production()
    expect((await callApi(app, ADMIN, 'GET', path)).status).toBe(400)
  })

  it('console: a filter that is no day or no status is 400 with the field named in Chinese', async () => {
    const { app } = testApp(database, clock)
    for (const [path, field] of [
      ['/console/hazards?from=2026-02-30', '开始日期'],
      ['/console/complaints?to=2026-13-45', '结束日期'],
      ['/console/patrols?unit=abc', '单位'],
      ['/console/hazards?status=lost', '状态'],
    ]) {
      const res = await app.request(path as string)
      expect(res.status).toBe(400)
      const page = await res.text()
      expect(page).toContain(`筛选条件「${field}」无效，请重新选择。`)
      expect(page).not.toMatch(/expected|Invalid/)
    }
  })

  it('console: a media id past 2^31 and a broken multipart upload are 400', async () => {
    const { app } = testApp(database, clock)
    expect((await app.request('/console/media/99999999999')).status).toBe(400)
    const broken = await app.request('/console/chat/field_staff/photo', {
      method: 'POST',
      headers: { origin: 'http://localhost', 'content-type': 'multipart/form-data; boundary=zzz' },
      body: '--zzz\r\nContent-Disposition: form-data; name="photo"; filename="a.png"\r\n\r\nnot terminated',
    })
    expect(broken.status).toBe(400)
  })

  it('API: NUL characters in JSON are 400 and file nothing', async () => {
    const { app } = production()
    const res = await callApi(app, ADMIN, 'POST', '/complaints', { category: 'gas', description: '燃气\u0000味' })
    expect(res.status).toBe(400)
  })

  it('JSON nested past any message’s depth is 400 everywhere, signed or not, and stores nothing', async () => {
    const { app, services } = production()
    const deepArray = `${'['.repeat(30_000)}"\\u0000"${']'.repeat(30_000)}`
    const deepObject = `${'{"a":'.repeat(12_000)}"\\u0000"${'}'.repeat(12_000)}`
    const timestamp = String(clock.now().getTime() + 31)
    const before = await database.db.select().from(inboundMessages)
    const answers = await Promise.all([
      // Unauthenticated: the robot's envelope is read before its signature can be checked.
      app.request('/webhooks/wecom-robot/default?msg_signature=a&timestamp=1&nonce=n', {
        method: 'POST',
        body: deepArray,
      }),
      app.request('/webhooks/dingtalk/default', {
        method: 'POST',
        headers: { timestamp, sign: dingtalkSign(timestamp, 'ding-secret'), 'content-type': 'application/json' },
        body: deepArray,
      }),
      app.request('/api/v1/complaints', {
        method: 'POST',
        headers: { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json' },
        body: deepObject,
      }),
    ])
    for (const res of answers) {
      expect(res.status).toBe(400)
      expect(((await res.json()) as { error: { message: string } }).error.message).toBe('JSON nested too deeply')
    }
    await services.inbound.idle()
    expect(await database.db.select().from(inboundMessages)).toHaveLength(before.length)
  })

  it('API: a transfer to a unit that does not exist is 422', async () => {
    const { app } = production()
    const response = await callApi(app, ADMIN, 'POST', '/complaints', {
      category: 'road_municipal',
      description: '路灯不亮',
    })
    expect(response.status).toBe(201)
    const filed = (await response.json()) as {
      data: { code: string }
    }
    const res = await callApi(app, ADMIN, 'POST', `/complaints/${filed.data.code}/transitions`, {
      action: 'transfer',
      unitId: 999999,
      reason: '不属本单位',
    })
    expect(res.status).toBe(422)
    expect(((await res.json()) as { error: { code: string; rule: string } }).error).toMatchObject({
      code: 'rule_violation',
      rule: 'invalid_unit',
    })
  })
})

describe('API roles and idempotency', () => {
  it('lets only the roles that may file complaints file them', async () => {
    const { app } = production()
    const res = await callApi(app, FIELD, 'POST', '/complaints', { category: 'gas', description: '燃气味' })
    expect(res.status).toBe(403)
  })

  it('keys idempotency on the authenticated client, not on how the header is written', async () => {
    const { app } = production()
    const patrol = {
      startedAt: '2026-11-23T09:00:00+08:00',
      endedAt: '2026-11-23T10:00:00+08:00',
      area: '幂等路',
      patrollers: '张伟',
      staffCount: 1,
      vehicleCount: 0,
    }
    const post = (authorization: string) =>
      app.request('/api/v1/patrols', {
        method: 'POST',
        headers: { authorization, 'content-type': 'application/json', 'idempotency-key': 'same-key' },
        body: JSON.stringify(patrol),
      })
    const first = await post(`Bearer ${FIELD}`)
    expect(first.status).toBe(201)
    const again = await post(`bearer   ${FIELD}`)
    expect(again.headers.get('idempotent-replayed')).toBe('true')
  })
})

describe('sessions and headers', () => {
  const signIn = async (app: ReturnType<typeof production>['app'], headers: Record<string, string> = {}) => {
    const res = await postForm(app, '/console/login', { password: PASSWORD }, headers)
    return { res, cookie: (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '' }
  }

  it('ends a session on the server at sign-out: the copied cookie no longer opens anything', async () => {
    const { app } = production()
    const { cookie } = await signIn(app)
    expect((await app.request('/console/dashboard', { headers: { cookie } })).status).toBe(200)
    await postForm(app, '/console/logout', {}, { cookie })
    expect((await app.request('/console/dashboard', { headers: { cookie } })).status).toBe(302)
  })

  it('ends every session a password opened once the password changes', async () => {
    const { cookie } = await signIn(production().app)
    const changed = production({ CONSOLE_PASSWORD: 'a new password for the office' }).app
    expect((await changed.request('/console/dashboard', { headers: { cookie } })).status).toBe(302)
  })

  it('marks the cookie Secure from PUBLIC_BASE_URL, or from a trusted proxy’s X-Forwarded-Proto only', async () => {
    const behindUrl = await signIn(production({ PUBLIC_BASE_URL: 'https://xunan.example.gov.cn' }).app)
    expect(behindUrl.res.headers.get('set-cookie')).toContain('Secure')
    const proxied = await signIn(production({ TRUSTED_PROXY: '1' }).app, { 'x-forwarded-proto': 'https' })
    expect(proxied.res.headers.get('set-cookie')).toContain('Secure')
    const untrusted = await signIn(production().app, { 'x-forwarded-proto': 'https' })
    expect(untrusted.res.headers.get('set-cookie')).not.toContain('Secure')
  })

  it('sends security headers, and the console’s one script carries the CSP nonce', async () => {
    const { app } = testApp(database, clock)
    const page = await app.request('/console/chat/field_staff')
    const csp = page.headers.get('content-security-policy') ?? ''
    const nonce = /'nonce-([^']+)'/.exec(csp)?.[1]
    expect(nonce).toBeTruthy()
    expect(csp).toContain("frame-ancestors 'none'")
    expect(await page.text()).toContain(`<script nonce="${nonce}">`)
    expect(page.headers.get('x-content-type-options')).toBe('nosniff')
    expect(page.headers.get('x-frame-options')).toBe('DENY')
    expect(page.headers.get('referrer-policy')).toBe('same-origin')
    const api = await app.request('/api/v1/openapi.json')
    expect(api.headers.get('content-security-policy')).toBe("default-src 'none'; frame-ancestors 'none'")
  })
})
