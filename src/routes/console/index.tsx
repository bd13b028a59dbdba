import { type Context, Hono } from 'hono'
import { csrf } from 'hono/csrf'
import { streamSSE } from 'hono/streaming'
import { z } from 'zod'
import type { AppEnv } from '../../app-env'
import type { InboundMessage } from '../../channels/types'
import { convertDatum } from '../../domain/map-coordinates'
import { sniffImageType } from '../../domain/media-type'
import { ROLE_LABELS } from '../../domain/roles'
import { AppError } from '../../errors'
import { BODY_LIMITS, limitBody, readForm } from '../../http/body'
import { recordInbound } from '../../messaging/inbox'
import { chatFeed, demoPeople } from '../../services/console-feed'
import { storeMedia } from '../../services/media'
import { registerAdmin } from './admin'
import { registerCampaignAdmin } from './admin-campaigns'
import { registerFailedMessages } from './admin-failures'
import { registerOrgAdmin } from './admin-org'
import { registerAssessment } from './assessment'
import { ChatFeed, feedSignature, LIVE_SCRIPT } from './chat-feed'
import { registerDashboard } from './dashboard'
import { consoleError } from './error-page'
import { registerHazardActions } from './hazard-actions'
import { Layout } from './layout'
import { registerLedgerPages } from './ledger'
import { unitNames } from './ledger-parts'
import { registerMap } from './map'
import { registerRecordPages } from './records'
import { registerReceiptRoutes } from './report-receipts'
import { registerReportPages } from './reports'
import { registerRewardPages } from './rewards'
import { allow, demoOnly, registerSession, requireConsoleSession } from './session'
import { registerStylesheet } from './stylesheet'
import { registerTeamPatrolRoutes } from './team-patrol'
import { registerVendorAssets } from './vendor-assets'

/**
 * The web console in demo mode: pick a demo person and chat with the bot through the same engine as on
 * WeCom (the `console` channel), seeing every push — reminders, escalations, digests, report cards — as
 * it arrives; list and download the generated reports. Outside demo mode the console stays closed until
 * sign-in is configured.
 */
const MessageForm = z.object({ text: z.string().trim().min(1, '请输入内容').max(2000, '内容过长') })
const CardForm = z.object({ key: z.string().min(1).max(100) })
const LocationForm = z.object({
  latitude: z.coerce.number().min(-90).max(90),
  longitude: z.coerce.number().min(-180).max(180),
  label: z.string().trim().max(100).optional(),
})
const MAX_PHOTO_BYTES = 10 * 1024 * 1024
const LIVE_POLL_MS = 1000
const LIVE_WINDOW_MS = 10 * 60_000

/** The demo person a chat page is for, from its :key, or a 404. */
async function demoPersonOf(c: Context<AppEnv>) {
  const person = (await demoPeople(c.get('services').db)).find((p) => p.externalId === `demo:${c.req.param('key')}`)
  if (!person) throw new AppError('not_found', '没有这位演示人员。')
  return person
}

export function consoleRoutes() {
  const app = new Hono<AppEnv>()
  app.onError((error, c) => consoleError(error, c))
  // Before the session check: the sign-in page is styled too.
  registerStylesheet(app)
  registerVendorAssets(app)
  // Bodies are capped before anything reads them: small forms everywhere, photos on the upload route.
  const formLimit = limitBody(BODY_LIMITS.consoleForm, '提交的内容过长')
  const photoLimit = limitBody(BODY_LIMITS.photoUpload, '照片不能超过10MB')
  app.use('*', (c, next) => (/^\/console\/chat\/[^/]+\/photo$/.test(c.req.path) ? photoLimit : formLimit)(c, next))
  app.use('*', requireConsoleSession)
  app.use('*', csrf())
  registerSession(app)
  app.use('/', demoOnly)
  app.use('/chat/*', demoOnly)
  for (const path of ['/hazards', '/complaints', '/patrols', '/supervisions', '/media', '/map'])
    app.use(path, allow('ledgers')).use(`${path}/*`, allow('ledgers'))
  app.use('/dashboard', allow('dashboard'))
  app.use('/reports', allow('reports')).use('/reports/*', allow('reports'))
  app.use('/assessment', allow('reports')).use('/assessment/*', allow('reports'))
  app.use('/rewards', allow('rewards')).use('/rewards/*', allow('rewards'))
  app.use('/problems/*', allow('ledgers'))
  app.use('/admin', allow('admin')).use('/admin/*', allow('admin'))

  app.get('/', async (c) => {
    const people = await demoPeople(c.get('services').db)
    const names = await unitNames(c)
    const current = c.get('viewer')
    return c.html(
      <Layout c={c} title="选择演示人员">
        <div class="card">
          <h2>选择演示人员</h2>
          <p class="meta">
            「进入对话」以此人身份与机器人聊天（与企业微信中相同）；「以此身份登录」则以此人的角色和单位浏览台账、驾驶舱等页面。
          </p>
          <table class="ledger">
            <tr>
              <th>姓名</th>
              <th>角色</th>
              <th>单位</th>
              <th>对话</th>
              <th>浏览</th>
            </tr>
            {people.map((p) => (
              <tr>
                <td data-label="姓名">{p.name}</td>
                <td data-label="角色">{ROLE_LABELS[p.role]}</td>
                <td data-label="单位">{p.unitId === null ? '—' : names.name(p.unitId)}</td>
                <td data-label="对话">
                  <a href={`/console/chat/${encodeURIComponent(p.externalId.slice('demo:'.length))}`}>进入对话</a>
                </td>
                <td data-label="浏览">
                  {current?.personId === p.personId ? (
                    '当前身份'
                  ) : (
                    <form method="post" action="/console/login/demo" style="display:inline">
                      <input type="hidden" name="personId" value={String(p.personId)} />
                      <button type="submit">以此身份登录</button>
                    </form>
                  )}
                </td>
              </tr>
            ))}
          </table>
        </div>
      </Layout>,
    )
  })

  app.get('/chat/:key', async (c) => {
    const { db, config } = c.get('services')
    const person = await demoPersonOf(c)
    const feed = await chatFeed(db, person.externalId)
    const key = encodeURIComponent(c.req.param('key'))
    const names = await unitNames(c)
    const viewer = c.get('viewer')
    return c.html(
      <Layout c={c} title={person.name}>
        <div class="card">
          <h2>
            以「{person.name}」的身份对话（{person.unitId === null ? '' : `${names.name(person.unitId)} · `}
            {ROLE_LABELS[person.role]}）
          </h2>
          <p class="meta">
            与企业微信中的机器人相同的对话引擎；提醒、升级、日报等推送也会出现在这里。
            {viewer && viewer.personId !== person.personId
              ? `页面顶部的「${viewer.name}」是浏览台账所用的身份，与此对话无关。`
              : ''}
          </p>
        </div>
        <div class="card" id="feed">
          <ChatFeed items={feed} personKey={key} timeZone={config.timeZone} />
        </div>
        <p class="meta" id="send-status" aria-live="polite" />
        <form class="card" method="post" action={`/console/chat/${key}`} data-live>
          <textarea
            name="text"
            placeholder="例如：今天上午9点到11点在柳叶湖大道巡查，出动2人1车，发现一处井盖缺失"
            required
          />
          <button type="submit">发送</button>
        </form>
        <form class="card" method="post" enctype="multipart/form-data" action={`/console/chat/${key}/photo`} data-live>
          照片 <input type="file" name="photo" accept="image/*" required /> <button type="submit">发送照片</button>
        </form>
        <form class="card" method="post" action={`/console/chat/${key}/location`} data-live>
          位置 纬度 <input name="latitude" size={10} value="29.0316" /> 经度{' '}
          <input name="longitude" size={10} value="111.6985" /> 地点{' '}
          <input name="label" value="武陵大道与洞庭大道交叉口" />{' '}
          <button type="button" id="use-my-location">
            使用当前位置
          </button>{' '}
          <button type="submit">发送位置</button>
        </form>
        <script nonce={c.get('secureHeadersNonce')} dangerouslySetInnerHTML={{ __html: LIVE_SCRIPT }} />
      </Layout>,
    )
  })

  // Live updates: the feed, re-rendered whenever it changes, for as long as the page is open (the browser
  // reconnects after each window). One cheap query a second per open page; demo mode only.
  app.get('/chat/:key/events', async (c) => {
    const { db, config } = c.get('services')
    const person = await demoPersonOf(c)
    const key = encodeURIComponent(c.req.param('key'))
    return streamSSE(c, async (stream) => {
      let aborted = false
      stream.onAbort(() => {
        aborted = true
      })
      let shown = ''
      for (
        const until = Date.now() + LIVE_WINDOW_MS;
        !aborted && Date.now() < until;
        await stream.sleep(LIVE_POLL_MS)
      ) {
        const items = await chatFeed(db, person.externalId)
        const signature = feedSignature(items)
        if (signature === shown) continue
        shown = signature
        const html = await Promise.resolve(
          (<ChatFeed items={items} personKey={key} timeZone={config.timeZone} />).toString(),
        )
        await stream.writeSSE({ event: 'feed', data: html })
      }
    })
  })

  const deliver = async (
    c: Context<AppEnv>,
    build: (base: Omit<InboundMessage, 'kind'>) => InboundMessage | Promise<InboundMessage>,
  ) => {
    const { db, inbound, clock } = c.get('services')
    const { externalId } = await demoPersonOf(c)
    const base = {
      channel: 'console' as const,
      botId: 'default',
      messageId: `console-${crypto.randomUUID()}`,
      sender: { externalId },
      chat: { type: 'private' as const, id: externalId },
      at: clock.now(),
    }
    const { id } = await recordInbound(db, await build(base))
    // The feed shows the replies from the outbox rows themselves; sending to other platforms (a push to a
    // handler's WeCom) is the outbox worker's job, woken by the processor, never awaited by this request.
    await inbound.process(id)
    return c.redirect(`/console/chat/${encodeURIComponent(c.req.param('key') ?? '')}#feed`, 303)
  }

  app.post('/chat/:key', async (c) => {
    const form = MessageForm.safeParse(await readForm(c))
    if (!form.success) throw new AppError('invalid_request', form.error.issues[0]?.message ?? '内容无效')
    return deliver(c, (base) => ({ ...base, kind: 'text', text: form.data.text }))
  })

  app.post('/chat/:key/card', async (c) => {
    const key = CardForm.safeParse(await readForm(c))
    if (!key.success) throw new AppError('invalid_request', '无效的按钮')
    return deliver(c, (base) => ({ ...base, kind: 'card_action', event: { name: 'card_click', key: key.data.key } }))
  })

  app.post('/chat/:key/photo', async (c) => {
    const body = await readForm(c, '照片上传失败，请重新选择照片')
    const file = body.photo
    if (!(file instanceof File) || file.size === 0) throw new AppError('invalid_request', '请选择照片')
    if (file.size > MAX_PHOTO_BYTES) throw new AppError('payload_too_large', '照片不能超过10MB')
    const bytes = Buffer.from(await file.arrayBuffer())
    // The file's own bytes decide, not the type the browser claims: SVG and HTML are refused.
    const mimeType = sniffImageType(bytes)
    if (!mimeType) throw new AppError('invalid_request', '只能上传 JPEG、PNG、GIF 或 WebP 格式的照片')
    return deliver(c, async (base) => {
      const { db, config } = c.get('services')
      const externalMediaId = `upload-${crypto.randomUUID()}`
      await storeMedia(db, config.mediaDir, {
        bytes,
        mimeType,
        channel: 'console',
        externalMediaId,
        uploaderIdentityId: null,
        receivedAt: base.at,
      })
      return { ...base, kind: 'image', media: { mediaId: externalMediaId } }
    })
  })

  app.post('/chat/:key/location', async (c) => {
    const form = LocationForm.safeParse(await readForm(c))
    if (!form.success) throw new AppError('invalid_request', '请填写正确的经纬度')
    // A browser reports WGS-84; the chat apps this page stands in for send GCJ-02, and that is what is stored.
    const { latitude, longitude } = convertDatum(form.data, 'wgs84', 'gcj02')
    return deliver(c, (base) => ({ ...base, kind: 'location', location: { ...form.data, latitude, longitude } }))
  })

  registerLedgerPages(app)
  registerRecordPages(app)
  registerMap(app)
  registerDashboard(app)
  registerAdmin(app)
  registerOrgAdmin(app)
  registerFailedMessages(app)
  registerCampaignAdmin(app)

  registerReportPages(app)
  registerHazardActions(app)
  registerRewardPages(app)
  registerTeamPatrolRoutes(app)
  registerReceiptRoutes(app)
  registerAssessment(app)
  return app
}
