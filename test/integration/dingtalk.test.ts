import { createHash } from 'node:crypto'
import { and, eq, sql } from 'drizzle-orm'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { dingtalkSign } from '../../src/channels/dingtalk/sign'
import { type StreamHandle, startDingtalkStreams, TOPIC_CARD, TOPIC_ROBOT } from '../../src/channels/dingtalk/stream'
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
import { HOUR_MS, ManualClock } from '../../src/domain/clock'
import { zonedInstant } from '../../src/domain/local-time'
import { runPeriodicReports } from '../../src/jobs/periodic-reports'
import { enqueue } from '../../src/messaging/outbox'
import { notifyComplaintAssignment } from '../../src/services/complaint-notices'
import { receiveComplaint } from '../../src/services/complaints'
import { recordPatrol } from '../../src/services/patrols'
import { FAKE_FILE, FakeDingtalk, ROBOT_SECRET } from '../fakes/dingtalk'
import { testApp } from '../helpers/app'
import { createTestDatabase, seedDefaults, TEST_TIME_ZONE, type TestDatabase } from '../helpers/db'
import { failInsertsInto } from '../helpers/faults'

const clock = new ManualClock(zonedInstant('2026-11-23', TEST_TIME_ZONE, 16))
let database: TestDatabase
let fake: FakeDingtalk
let harness: ReturnType<typeof testApp>
let streams: StreamHandle
/** Errors the server logged, to see a frame that failed to store. */
const loggedErrors: { message: string; fields?: Record<string, unknown> }[] = []
const recordingLogger = {
  debug() {},
  info() {},
  warn() {},
  error(message: string, fields?: Record<string, unknown>) {
    loggedErrors.push({ message, fields })
  },
}

beforeAll(async () => {
  database = await createTestDatabase()
  await seedDefaults(database, clock.now())
  fake = await new FakeDingtalk(clock).start()
  harness = testApp(
    database,
    clock,
    {
      DINGTALK_CLIENT_ID: 'ding-app',
      DINGTALK_CLIENT_SECRET: 'ding-secret',
      DINGTALK_ROBOT_CODE: 'robot-1',
      DINGTALK_API_BASE: fake.baseUrl,
      DINGTALK_GATEWAY_URL: fake.gatewayUrl,
      DINGTALK_CARD_TEMPLATE_ID: 'tmpl.schema',
      ROBOT_SECRET_SHIZHENG: ROBOT_SECRET,
    },
    { logger: recordingLogger },
  )
  for (const [name, userId] of [
    ['张伟', 'zhangwei-dt'],
    ['李娜', 'lina-dt'],
  ] as const) {
    const [person] = await database.db.select().from(people).where(eq(people.name, name))
    await database.db
      .insert(identities)
      .values({ personId: person?.id, channel: 'dingtalk', botId: 'default', externalId: userId })
  }
  streams = await startDingtalkStreams(harness.services, { heartbeatWindowMs: 400, reconnectIntervalMs: 100 })
  await waitFor(() => fake.openSockets() === 1)
})
afterAll(async () => {
  streams?.stop()
  await fake?.stop()
  await database?.drop()
})
beforeEach(() => {
  fake.calls.length = 0
})

async function waitFor(condition: () => boolean | Promise<boolean>, ms = 5_000): Promise<void> {
  const until = Date.now() + ms
  while (!(await condition())) {
    if (Date.now() > until) throw new Error('condition not met in time')
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
}

let sequence = 0
function robotMessage(sender: string, fields: Record<string, unknown>) {
  const id = ++sequence
  return {
    msgId: `msg-dt-${id}`,
    msgtype: 'text',
    conversationType: '1',
    conversationId: `cid-${sender}`,
    senderStaffId: sender,
    senderNick: sender,
    sessionWebhook: `${fake.baseUrl}/session/${id}`,
    sessionWebhookExpiredTime: clock.now().getTime() + HOUR_MS,
    createAt: clock.now().getTime(),
    robotCode: 'robot-1',
    ...fields,
  }
}

/** Waits until the message is processed and its replies delivered; returns the texts sent back. */
async function repliesTo(msgId: string): Promise<string[]> {
  await waitFor(async () => {
    const [row] = await database.db.select().from(inboundMessages).where(eq(inboundMessages.messageId, msgId))
    return Boolean(row?.processedAt)
  })
  await harness.services.inbound.idle()
  await harness.services.outbox.drain()
  const [row] = await database.db.select().from(inboundMessages).where(eq(inboundMessages.messageId, msgId))
  const sent = await database.db
    .select()
    .from(outbox)
    .where(sql`${outbox.dedupeKey} like ${`in:${row?.id}:%`}`)
  return sent.map((s) => {
    const m = s.message as { text?: string; markdown?: string }
    return m.text ?? m.markdown ?? ''
  })
}

describe('DingTalk Stream mode with the real client', () => {
  it('acknowledges the frame, stores the message once per msgId, and replies through the sessionWebhook', async () => {
    const message = robotMessage('zhangwei-dt', { text: { content: '帮助' } })
    const firstFrame = fake.push(TOPIC_ROBOT, message)
    expect((await repliesTo(message.msgId))[0]).toContain('上报隐患')
    // A re-push after a missing ack: new frame id, same msgId.
    const secondFrame = fake.push(TOPIC_ROBOT, message)
    await waitFor(() => fake.acks.some((a) => a.messageId === secondFrame))
    await harness.services.inbound.idle()
    await harness.services.outbox.drain()
    expect(fake.acks.map((a) => a.messageId)).toEqual(expect.arrayContaining([firstFrame, secondFrame]))
    expect(
      await database.db.select().from(inboundMessages).where(eq(inboundMessages.messageId, message.msgId)),
    ).toHaveLength(1)
    const sessionPosts = fake.calls.filter((c) => c.path === `/session/${message.msgId.replace('msg-dt-', '')}`)
    expect(sessionPosts).toHaveLength(1)
    expect(sessionPosts[0]?.body).toMatchObject({
      msgtype: 'text',
      text: { content: expect.stringContaining('上报隐患') },
    })
  })

  it('leaves a frame it could not store unacknowledged, so the platform re-sends it, and stores the re-send once', async () => {
    const message = robotMessage('zhangwei-dt', { text: { content: '帮助' } })
    const restore = await failInsertsInto(database.db, 'inbound_messages')
    const lost = fake.push(TOPIC_ROBOT, message)
    // The failure is logged only after the store failed; had the frame been acknowledged, it would be by then.
    await waitFor(() => loggedErrors.some((e) => e.message.startsWith('DingTalk frame not stored')))
    expect(fake.acks.some((a) => a.messageId === lost)).toBe(false)
    expect(
      await database.db.select().from(inboundMessages).where(eq(inboundMessages.messageId, message.msgId)),
    ).toHaveLength(0)
    await restore()
    const resent = fake.push(TOPIC_ROBOT, message)
    expect((await repliesTo(message.msgId))[0]).toContain('上报隐患')
    expect(fake.acks.some((a) => a.messageId === resent)).toBe(true)
    expect(
      await database.db.select().from(inboundMessages).where(eq(inboundMessages.messageId, message.msgId)),
    ).toHaveLength(1)
  })

  it('takes a patrol report in free text and saves it on 确认', async () => {
    const report = robotMessage('zhangwei-dt', {
      text: { content: '今天上午9点到11点在朗州路巡查，出动2人1车，未发现隐患' },
    })
    fake.push(TOPIC_ROBOT, report)
    expect((await repliesTo(report.msgId))[0]).toContain('【日巡查工作记录】请核对')
    const confirm = robotMessage('zhangwei-dt', { text: { content: '确认' } })
    fake.push(TOPIC_ROBOT, confirm)
    expect((await repliesTo(confirm.msgId))[0]).toMatch(/巡查记录已保存，编号 XC20261123-\d{4}/)
  })

  it('sends an assignment card and signs the complaint for on the card callback, updating the card', async () => {
    const complaint = await receiveComplaint({
      ctx: harness.services.ctx,
      input: { channel: 'mp', category: 'road_municipal', description: '井盖缺失' },
    })
    await notifyComplaintAssignment(harness.services.ctx, complaint)
    await harness.services.outbox.drain()
    const delivered = fake.callsTo('/v1.0/card/instances/createAndDeliver')
    expect(delivered).toHaveLength(1)
    expect(delivered[0]?.body).toMatchObject({
      cardTemplateId: 'tmpl.schema',
      callbackType: 'STREAM',
      openSpaceId: 'dtv1.card//IM_ROBOT.lina-dt',
    })
    const outTrackId = String((delivered[0]?.body as { outTrackId?: string } | undefined)?.outTrackId)
    const frame = fake.push(TOPIC_CARD, {
      outTrackId,
      userId: 'lina-dt',
      value: JSON.stringify({
        cardPrivateData: { actionIds: ['accept'], params: { key: `complaint.accept:${complaint.id}` } },
      }),
    })
    await waitFor(
      async () =>
        (await database.db.select().from(complaints).where(eq(complaints.id, complaint.id)))[0]?.status === 'accepted',
    )
    await harness.services.inbound.idle()
    await harness.services.outbox.drain()
    expect(fake.acks.some((a) => a.messageId === frame)).toBe(true)
    expect(fake.callsTo('/v1.0/card/instances').at(-1)?.body).toMatchObject({
      outTrackId,
      cardData: { cardParamMap: { status: '已接收' } },
      cardUpdateOptions: { updateCardDataByKey: true, updatePrivateDataByKey: true },
    })
  })

  it('creates one card instance per recipient and reads a callback’s parameters from content, as the SDK sends them', async () => {
    for (const userId of ['lina-dt', 'zhangwei-dt'])
      await enqueue(database.db, clock.now(), {
        channel: 'dingtalk',
        botId: 'default',
        recipient: { kind: 'user', externalId: userId },
        message: {
          type: 'card',
          title: '测试卡片',
          description: '两人各一张',
          taskId: 'task-shared',
          buttons: [{ key: '帮助', text: '帮助' }],
        },
      })
    await harness.services.outbox.drain()
    const tracks = fake
      .callsTo('/v1.0/card/instances/createAndDeliver')
      .map((c) => (c.body as { outTrackId: string }).outTrackId)
    // Recipients are served at once, so the two cards may arrive in either order.
    expect([...tracks].sort()).toEqual(['task-shared.lina-dt', 'task-shared.zhangwei-dt'])
    // The official SDK's CardCallbackMessage carries the parameters under `content`.
    fake.push(TOPIC_CARD, {
      outTrackId: 'task-shared.zhangwei-dt',
      userId: 'zhangwei-dt',
      content: JSON.stringify({ cardPrivateData: { actionIds: ['help'], params: { key: '帮助' } } }),
    })
    await waitFor(
      async () =>
        (
          await database.db
            .select()
            .from(inboundMessages)
            .where(eq(inboundMessages.messageId, 'card:task-shared.zhangwei-dt:zhangwei-dt:帮助'))
        ).length === 1,
    )
  })

  it('keeps the socket alive with pings and reconnects at once on the gateway’s disconnect frame', async () => {
    await waitFor(() => fake.pings > 0)
    const before = fake.connections
    fake.system('disconnect')
    await waitFor(() => fake.connections > before && fake.openSockets() === 1)
  })

  it('keeps a rich text’s caption as text and attaches every picture', async () => {
    const rich = robotMessage('zhangwei-dt', {
      msgtype: 'richText',
      content: {
        richText: [
          { text: '上报隐患 迎宾路井盖缺失' },
          { type: 'picture', downloadCode: 'RT-1' },
          { type: 'picture', downloadCode: 'RT-2' },
        ],
      },
    })
    fake.push(TOPIC_ROBOT, rich)
    const replies = await repliesTo(rich.msgId)
    const stored = await database.db.select().from(media)
    expect(stored.map((m) => m.externalMediaId)).toEqual(expect.arrayContaining(['RT-1', 'RT-2']))
    const level = robotMessage('zhangwei-dt', { text: { content: '一般' } })
    fake.push(TOPIC_ROBOT, level)
    const summary = (await repliesTo(level.msgId)).join('\n')
    expect(`${replies.join('\n')}\n${summary}`).toContain('迎宾路井盖缺失')
    expect(summary).toContain('照片：2张')
    const cancel = robotMessage('zhangwei-dt', { text: { content: '取消' } })
    fake.push(TOPIC_ROBOT, cancel)
    await repliesTo(cancel.msgId)
  })

  it('downloads a picture by its downloadCode and keeps it', async () => {
    const picture = robotMessage('zhangwei-dt', { msgtype: 'picture', content: { downloadCode: 'DL-1' } })
    fake.push(TOPIC_ROBOT, picture)
    await repliesTo(picture.msgId)
    const [stored] = await database.db.select().from(media).where(eq(media.externalMediaId, 'DL-1'))
    expect(stored?.sha256).toBe(createHash('sha256').update(FAKE_FILE).digest('hex'))
    expect(fake.callsTo('/v1.0/robot/messageFiles/download')[0]?.body).toMatchObject({
      downloadCode: 'DL-1',
      robotCode: 'robot-1',
    })
  })

  it('reads rich text and recognised audio, and ignores group messages that do not @ the robot', async () => {
    const rich = robotMessage('zhangwei-dt', {
      msgtype: 'richText',
      content: { richText: [{ text: '帮' }, { text: '助' }] },
    })
    fake.push(TOPIC_ROBOT, rich)
    expect((await repliesTo(rich.msgId))[0]).toContain('上报隐患')
    const audio = robotMessage('zhangwei-dt', {
      msgtype: 'audio',
      content: { recognition: '帮助', downloadCode: 'DL-A' },
    })
    fake.push(TOPIC_ROBOT, audio)
    expect((await repliesTo(audio.msgId))[0]).toContain('上报隐患')
    const chatter = robotMessage('zhangwei-dt', {
      conversationType: '2',
      isInAtList: false,
      text: { content: '大家好' },
    })
    const frame = fake.push(TOPIC_ROBOT, chatter)
    await waitFor(() => fake.acks.some((a) => a.messageId === frame))
    expect(
      await database.db.select().from(inboundMessages).where(eq(inboundMessages.messageId, chatter.msgId)),
    ).toHaveLength(0)
  })

  it('reports the held, connected stream in /readyz and the metrics', async () => {
    const ready = (await (await harness.app.request('/readyz')).json()) as Record<string, unknown>
    expect(ready.dingtalkStream).toEqual({ held: true, connected: { default: true } })
    expect(ready.backlog).toMatchObject({ unprocessed: expect.any(Number), oldestAgeSeconds: expect.any(Number) })
    const metrics = await harness.services.metrics.render()
    expect(metrics).toMatch(/^xunan_dingtalk_stream_held 1$/m)
    expect(metrics).toMatch(/^xunan_dingtalk_stream_connected\{bot="default"\} 1$/m)
  })

  it('reconnects after the connection drops, and after it goes silent', async () => {
    const before = fake.connections
    fake.dropAll()
    await waitFor(() => fake.connections > before && fake.openSockets() === 1)
    fake.freezeAll()
    await waitFor(() => fake.connections > before + 1 && fake.openSockets() >= 1)
    const after = robotMessage('zhangwei-dt', { text: { content: '帮助' } })
    fake.push(TOPIC_ROBOT, after)
    expect((await repliesTo(after.msgId))[0]).toContain('上报隐患')
  })
})

/** DingTalk signs each push at its own millisecond; on the manual clock, tick one per push. */
let pushes = 0
const pushTime = () => String(clock.now().getTime() + ++pushes)

describe('DingTalk HTTP mode', () => {
  function signed(body: unknown, timestamp = pushTime(), secret = 'ding-secret') {
    return harness.app.request('/webhooks/dingtalk/default', {
      method: 'POST',
      headers: { timestamp, sign: dingtalkSign(timestamp, secret), 'content-type': 'application/json' },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    })
  }
  async function rows(): Promise<number> {
    const [row] = await database.db.select({ n: sql<number>`count(*)::int` }).from(inboundMessages)
    return Number(row?.n)
  }

  it('accepts a signed callback and answers through the sessionWebhook', async () => {
    const message = robotMessage('zhangwei-dt', { text: { content: '帮助' } })
    const res = await signed(message)
    expect(res.status).toBe(200)
    expect((await repliesTo(message.msgId))[0]).toContain('上报隐患')
  })

  it.each([
    [
      'a wrong signature',
      401,
      () => signed(robotMessage('zhangwei-dt', { text: { content: 'x' } }), undefined, 'other-secret'),
    ],
    [
      'a timestamp two hours old',
      401,
      () =>
        signed(robotMessage('zhangwei-dt', { text: { content: 'x' } }), String(clock.now().getTime() - 2 * HOUR_MS)),
    ],
    ['malformed JSON', 400, () => signed('{oops')],
  ])('rejects %s with %i and stores nothing', async (_label, status, send) => {
    const before = await rows()
    expect((await send()).status).toBe(status)
    expect(await rows()).toBe(before)
  })

  it('tells an unknown account about its DingTalk account, through the sessionWebhook', async () => {
    const stranger = robotMessage('stranger-dt', { text: { content: '你好' } })
    expect((await signed(stranger)).status).toBe(200)
    expect(await repliesTo(stranger.msgId)).toEqual([
      '您好！系统中暂未找到您的账号信息，请联系管理员开通权限。您的钉钉账号已记录，管理员绑定后即可使用。',
    ])
  })

  it('uses the OpenAPI when the sessionWebhook has expired, at receipt or by the time of sending', async () => {
    const stale = robotMessage('zhangwei-dt', {
      text: { content: '帮助' },
      sessionWebhookExpiredTime: clock.now().getTime() - 1,
    })
    await signed(stale)
    await repliesTo(stale.msgId)
    expect(fake.callsTo('/v1.0/robot/oToMessages/batchSend').at(-1)?.body).toMatchObject({
      robotCode: 'robot-1',
      userIds: ['zhangwei-dt'],
      msgKey: 'sampleText',
    })
    const expiresAt = new Date(clock.now().getTime() - 1).toISOString()
    await enqueue(database.db, clock.now(), {
      channel: 'dingtalk',
      botId: 'default',
      recipient: { kind: 'reply_url', url: `${fake.baseUrl}/session/late`, expiresAt, userId: 'zhangwei-dt' },
      message: { type: 'text', text: '迟到的回复' },
    })
    await harness.services.outbox.drain()
    expect(fake.callsTo('/session/late')).toHaveLength(0)
    const last = fake.callsTo('/v1.0/robot/oToMessages/batchSend').at(-1)?.body as { msgParam: string }
    expect(JSON.parse(last.msgParam)).toEqual({ content: '迟到的回复' })
  })
})

describe('DingTalk outbound', () => {
  it('refreshes an expired token once and delivers', async () => {
    await enqueue(database.db, clock.now(), {
      channel: 'dingtalk',
      botId: 'default',
      recipient: { kind: 'user', externalId: 'lina-dt' },
      message: { type: 'text', text: '测试一' },
    })
    await harness.services.outbox.drain()
    const tokensBefore = fake.callsTo('/v1.0/oauth2/accessToken').length
    fake.expireTokens()
    await enqueue(database.db, clock.now(), {
      channel: 'dingtalk',
      botId: 'default',
      recipient: { kind: 'user', externalId: 'lina-dt' },
      message: { type: 'text', text: '测试二' },
    })
    await harness.services.outbox.drain()
    const sends = fake.callsTo('/v1.0/robot/oToMessages/batchSend')
    expect(
      sends.map((s) => (JSON.parse((s.body as { msgParam: string }).msgParam) as { content: string }).content),
    ).toEqual(['测试一', '测试二', '测试二'])
    expect(fake.callsTo('/v1.0/oauth2/accessToken').length).toBe(tokensBefore + 1)
  })

  it('signs custom group robot posts and spaces a burst to 20 a minute', async () => {
    const url = `${fake.baseUrl}/robot/send?access_token=group-token`
    for (let i = 0; i < 25; i++) {
      await enqueue(database.db, clock.now(), {
        channel: 'dingtalk',
        botId: 'default',
        recipient: { kind: 'webhook', url, secretEnv: 'ROBOT_SECRET_SHIZHENG' },
        message: { type: 'markdown', markdown: `### 巡查汇总 ${i}` },
      })
    }
    for (let step = 0; step < 100; step++) {
      await harness.services.outbox.runOnce()
      clock.advance(1_000)
    }
    const posts = fake.callsTo('/robot/send')
    expect(posts).toHaveLength(25)
    expect(posts.every((p) => p.query.sign === dingtalkSign(p.query.timestamp ?? '', ROBOT_SECRET))).toBe(true)
    for (const post of posts)
      expect(posts.filter((p) => p.at <= post.at && post.at - p.at < 60_000).length).toBeLessThanOrEqual(20)
    expect(posts.map((p) => (p.body as { markdown: { text: string } }).markdown.text)).toEqual(
      Array.from({ length: 25 }, (_, i) => `### 巡查汇总 ${i}`),
    )
  })
})

describe('DingTalk HTTP mode: the same flows', () => {
  it('files a patrol record and lets the handler sign for an assigned complaint by command', async () => {
    const http = testApp(database, clock, {
      DINGTALK_CLIENT_ID: 'ding-app',
      DINGTALK_CLIENT_SECRET: 'ding-secret',
      DINGTALK_ROBOT_CODE: 'robot-1',
      DINGTALK_API_BASE: fake.baseUrl,
      DINGTALK_MODE: 'http',
    })
    const post = (body: unknown) => {
      const timestamp = pushTime()
      return http.app.request('/webhooks/dingtalk/default', {
        method: 'POST',
        headers: { timestamp, sign: dingtalkSign(timestamp, 'ding-secret'), 'content-type': 'application/json' },
        body: JSON.stringify(body),
      })
    }
    const settle = async (msgId: string) => {
      await waitFor(async () =>
        Boolean(
          (await database.db.select().from(inboundMessages).where(eq(inboundMessages.messageId, msgId)))[0]
            ?.processedAt,
        ),
      )
      await http.services.inbound.idle()
      await http.services.outbox.drain()
    }
    const report = robotMessage('zhangwei-dt', {
      text: { content: '今天下午2点到4点在临澧路巡查，出动2人1车，未发现隐患' },
    })
    await post(report)
    await settle(report.msgId)
    const confirm = robotMessage('zhangwei-dt', { text: { content: '确认' } })
    await post(confirm)
    await settle(confirm.msgId)
    const answer = fake.callsTo(`/session/${confirm.msgId.replace('msg-dt-', '')}`)[0]?.body as {
      text: { content: string }
    }
    expect(answer.text.content).toMatch(/巡查记录已保存，编号 XC/)

    const complaint = await receiveComplaint({
      ctx: http.services.ctx,
      input: { channel: 'mp', category: 'road_municipal', description: '窨井盖破损' },
    })
    await notifyComplaintAssignment(http.services.ctx, complaint)
    await http.services.outbox.drain()
    const notice = fake.callsTo('/v1.0/robot/oToMessages/batchSend').at(-1)?.body as {
      userIds: string[]
      msgKey: string
      msgParam: string
    }
    expect(notice).toMatchObject({ userIds: ['lina-dt'], msgKey: 'sampleMarkdown' })
    expect(JSON.parse(notice.msgParam).text).toContain(`请回复「签收 ${complaint.code}」`)
    const sign = robotMessage('lina-dt', { text: { content: `签收 ${complaint.code}` } })
    await post(sign)
    await settle(sign.msgId)
    const [row] = await database.db.select().from(complaints).where(eq(complaints.id, complaint.id))
    expect(row?.status).toBe('accepted')
  })
})

describe('DingTalk: a weekly report confirmed by typing and signed on the leader’s card', () => {
  it('files the report when the leader presses 确认签字 on the Stream card', async () => {
    const [leader] = await database.db.select().from(people).where(eq(people.name, '孙建国'))
    await database.db
      .insert(identities)
      .values({ personId: leader?.id, channel: 'dingtalk', botId: 'default', externalId: 'sun-dt' })
      .onConflictDoNothing()
    const [fieldWorker] = await database.db.select().from(people).where(eq(people.name, '张伟'))
    const unitId = fieldWorker?.unitId as number
    await recordPatrol({
      ctx: harness.services.ctx,
      input: {
        unitId,
        startedAt: zonedInstant('2026-11-17', TEST_TIME_ZONE, 9),
        endedAt: zonedInstant('2026-11-17', TEST_TIME_ZONE, 10),
        area: '紫菱路',
        patrollers: '张伟',
        staffCount: 1,
      },
      actor: { personId: fieldWorker?.id ?? null, role: 'field_staff', unitId },
    })
    await runPeriodicReports(harness.services.ctx, harness.services.config.reportsDir, { start: '22:00', end: '07:00' })
    await harness.services.outbox.drain()
    const [weekly] = await database.db
      .select()
      .from(periodicReports)
      .where(and(eq(periodicReports.kind, 'weekly'), eq(periodicReports.unitId, unitId)))

    const typed = robotMessage('lina-dt', { text: { content: '确认上报周报' } })
    fake.push(TOPIC_ROBOT, typed)
    expect(await repliesTo(typed.msgId)).toEqual([
      '已确认周报表（2026-11-16 至 2026-11-22）。还需要：分管领导签字（孙建国），签字后自动上报。',
    ])
    const delivered = fake
      .callsTo('/v1.0/card/instances/createAndDeliver')
      .find((c) => JSON.stringify(c.body).includes(`report.sign:${weekly?.id}`))
    expect(delivered?.body).toMatchObject({ openSpaceId: 'dtv1.card//IM_ROBOT.sun-dt' })
    const outTrackId = String((delivered?.body as { outTrackId?: string } | undefined)?.outTrackId)
    fake.push(TOPIC_CARD, {
      outTrackId,
      userId: 'sun-dt',
      value: JSON.stringify({
        cardPrivateData: { actionIds: ['sign'], params: { key: `report.sign:${weekly?.id}` } },
      }),
    })
    await waitFor(
      async () =>
        (
          await database.db
            .select()
            .from(periodicReports)
            .where(eq(periodicReports.id, weekly?.id ?? 0))
        )[0]?.submittedAt != null,
    )
    await harness.services.inbound.idle()
    await harness.services.outbox.drain()
    expect(fake.callsTo('/v1.0/card/instances').at(-1)?.body).toMatchObject({
      outTrackId,
      cardData: { cardParamMap: { status: '已上报' } },
    })
    const lines = await database.db
      .select()
      .from(signoffs)
      .where(and(eq(signoffs.subjectType, 'report'), eq(signoffs.subjectId, weekly?.id ?? 0)))
    expect(lines.map((l) => [l.line, l.signerName, l.channel]).sort()).toEqual([
      ['charge_leader', '孙建国', 'dingtalk'],
      ['filler', '李娜', 'dingtalk'],
    ])
  })
})
