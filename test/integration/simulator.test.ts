import { eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { complaints, media } from '../../src/db/schema'
import { ManualClock } from '../../src/domain/clock'
import { zonedInstant } from '../../src/domain/local-time'
import { chatFeed } from '../../src/services/console-feed'
import { FAKE_IMAGE } from '../fakes/wechat-api'
import { testApp } from '../helpers/app'
import { createTestDatabase, seedDefaults, TEST_TIME_ZONE, type TestDatabase } from '../helpers/db'

const clock = new ManualClock(zonedInstant('2026-11-23', TEST_TIME_ZONE, 10))
let database: TestDatabase
let harness: ReturnType<typeof testApp>
const origin = { origin: 'http://localhost' }

beforeAll(async () => {
  database = await createTestDatabase()
  await seedDefaults(database, clock.now())
  harness = testApp(database, clock)
})
afterAll(async () => database?.drop())

const form = (path: string, fields: Record<string, string>) =>
  harness.app.request(path, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...origin },
    body: new URLSearchParams(fields).toString(),
  })
const page = async (path: string) => (await harness.app.request(path)).text()

describe('the chat simulator, end to end', () => {
  it('citizen files with a photo, handler accepts by card button and replies, citizen sees the outcome, the ledger shows it all', async () => {
    await form('/console/chat/citizen', { text: '武陵大道与洞庭大道交叉口的井盖不见了，晚上很危险' })
    const citizenPage = await page('/console/chat/citizen')
    const code = /TS20261123-\d{4}/.exec(citizenPage)?.[0] ?? ''
    expect(code).not.toBe('')
    expect(citizenPage).toContain('如需工作人员电话联系您')

    const upload = new FormData()
    upload.set('photo', new Blob([FAKE_IMAGE], { type: 'image/png' }), 'manhole.png')
    const uploaded = await harness.app.request('/console/chat/citizen/photo', {
      method: 'POST',
      headers: origin,
      body: upload,
    })
    expect(uploaded.status).toBe(303)
    expect(await page('/console/chat/citizen')).toContain(`已将照片补充到投诉 ${code}`)
    const [complaint] = await database.db.select().from(complaints).where(eq(complaints.code, code))
    const photos = await database.db
      .select()
      .from(media)
      .where(eq(media.subjectId, complaint?.id ?? 0))
    expect(photos.some((p) => p.subjectType === 'complaint' && p.bytes === FAKE_IMAGE.length)).toBe(true)

    // The handler's chat shows the assignment card with its 接收 button; clicking it signs for the complaint.
    const handlerPage = await page('/console/chat/handler')
    expect(handlerPage).toContain(`新投诉待签收 ${code}`)
    expect(handlerPage).toContain(`value="complaint.accept:${complaint?.id}"`)
    expect((await form('/console/chat/handler/card', { key: `complaint.accept:${complaint?.id}` })).status).toBe(303)
    expect(await page('/console/chat/handler')).toContain(`已签收投诉 ${code}`)
    await form('/console/chat/handler', { text: `回复 ${code} 已补装井盖并恢复路面` })
    expect(await page('/console/chat/citizen')).toContain(`您反映的问题（编号 ${code}）已办理：已补装井盖并恢复路面`)

    const ledger = await page(`/console/complaints/${code}`)
    for (const step of ['受理', '派单', '签收', '答复', '办结']) expect(ledger).toContain(`>${step}</td>`)
    const exported = await harness.app.request('/console/complaints/export.csv')
    expect(await exported.text()).toContain(code)
  })

  it('takes a shared location, and refuses a non-image upload', async () => {
    await form('/console/chat/field_staff', { text: '上报隐患 皂果路井盖缺失' })
    expect(
      (
        await form('/console/chat/field_staff/location', {
          latitude: '29.03',
          longitude: '111.69',
          label: '皂果路12号',
        })
      ).status,
    ).toBe(303)
    expect(await page('/console/chat/field_staff')).toContain('已添加位置（皂果路12号）')
    const bad = new FormData()
    bad.set('photo', new Blob(['not an image'], { type: 'text/plain' }), 'notes.txt')
    expect(
      (await harness.app.request('/console/chat/field_staff/photo', { method: 'POST', headers: origin, body: bad }))
        .status,
    ).toBe(400)
    expect((await form('/console/chat/field_staff/location', { latitude: '999', longitude: '0' })).status).toBe(400)
  })
})

describe('chat order', () => {
  it('shows each reply after its message even when both carry the same time', async () => {
    await form('/console/chat/supervisor', { text: '帮助' })
    await form('/console/chat/supervisor', { text: '你好' })
    const feed = await chatFeed(harness.services.db, 'demo:supervisor')
    expect(new Set(feed.map((item) => item.at.getTime())).size).toBe(1)
    expect(feed.map((item) => item.from)).toEqual(['me', 'bot', 'me', 'bot'])
    expect(feed[0]?.text).toBe('帮助')
    expect(feed[2]?.text).toBe('你好')
  })
})

describe('live updates', () => {
  it('streams the feed as it changes: a push sent while the page is open arrives without a reload', async () => {
    const controller = new AbortController()
    const res = await harness.app.request('/console/chat/duty_officer/events', { signal: controller.signal })
    expect(res.headers.get('content-type')).toContain('text/event-stream')
    const reader = (res.body as ReadableStream<Uint8Array>).getReader()
    const decoder = new TextDecoder()
    let received = ''
    const nextEvent = async () => {
      for (;;) {
        const end = received.indexOf('\n\n')
        if (end >= 0) {
          const event = received.slice(0, end)
          received = received.slice(end + 2)
          return event
        }
        const { value, done } = await reader.read()
        if (done) throw new Error('stream ended')
        received += decoder.decode(value, { stream: true })
      }
    }
    const first = await nextEvent()
    expect(first).toContain('event: feed')
    expect(first).not.toContain('直播测试')

    // Something reaches the duty officer from elsewhere (here: their own message and the bot's reply).
    await form('/console/chat/duty_officer', { text: '帮助 直播测试' })
    const second = await nextEvent()
    expect(second).toContain('event: feed')
    expect(second).toContain('直播测试')
    controller.abort()
    await reader.cancel().catch(() => undefined)
  })

  it('refuses a stream for someone who is not a demo person', async () => {
    expect((await harness.app.request('/console/chat/nobody/events')).status).toBe(404)
  })
})

describe('a long reply, split in parts', () => {
  it('shows every part after its message, before the next message', async () => {
    // (A draft an earlier test left open is dropped first.)
    await form('/console/chat/field_staff', { text: '取消' })
    await form('/console/chat/field_staff', { text: `上报隐患 ${'人民路井盖缺失，'.repeat(120)}` })
    await form('/console/chat/field_staff', { text: '一般' })
    await form('/console/chat/field_staff', { text: '取消' })
    const feed = await chatFeed(harness.services.db, 'demo:field_staff')
    const said = feed.map((item) => (item.from === 'me' ? item.text : ''))
    const asked = said.lastIndexOf('一般')
    const cancelled = said.lastIndexOf('取消')
    // The summary that repeats the long description goes out in more than one part, all between the two messages.
    const between = feed.slice(asked + 1, cancelled)
    expect(between.length).toBeGreaterThan(1)
    expect(between.every((item) => item.from === 'bot')).toBe(true)
  })
})
