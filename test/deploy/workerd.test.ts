import { execFile } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { and, eq, sql } from 'drizzle-orm'
import ExcelJS from 'exceljs'
import { Miniflare } from 'miniflare'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type DatabaseHandle, openDatabase } from '../../src/db/client'
import { escalations, media, outbox } from '../../src/db/schema'
import { HOUR_MS, ManualClock, systemClock } from '../../src/domain/clock'
import { receiveComplaint } from '../../src/services/complaints'
import type { ObjectBucket } from '../../src/storage/stored-files'
import { FAKE_IMAGE, FakeWechatApi } from '../fakes/wechat-api'
import { seedDefaults, serviceContext } from '../helpers/db'
import { liveWecomText, sealedRequest, wecomEnv, wecomMessageXml } from '../helpers/wechat'
import { scratchPostgres } from '../reliability/server-process'

/**
 * The Worker as Cloudflare runs it: `wrangler deploy --dry-run` bundles wrangler.toml's entry (what CI's
 * `npm run check:worker` does), and Miniflare runs that bundle in workerd, the Workers runtime, with R2
 * simulated and Postgres reached over the runtime's own TCP sockets. A WeCom message gets its reply before
 * the invocation ends, a photo lands in R2, and a cron tick escalates an overdue complaint.
 */
const url = process.env.TEST_DATABASE_URL
const FIELD_TOKEN = 'workerd-field-token-0123456789'
const CONSOLE_PASSWORD = 'workerd-console-password-0123'
const root = join(import.meta.dirname, '..', '..')
const run = promisify(execFile)

describe.skipIf(!url)('the Worker bundle in workerd (runs with TEST_DATABASE_URL)', () => {
  let fake: FakeWechatApi
  let scratch: Awaited<ReturnType<typeof scratchPostgres>>
  let admin: DatabaseHandle
  let outdir: string
  let worker: Miniflare

  beforeAll(async () => {
    outdir = mkdtempSync(join(tmpdir(), 'xunan-worker-bundle-'))
    await run(join(root, 'node_modules', '.bin', 'wrangler'), ['deploy', '--dry-run', '--outdir', outdir], {
      cwd: root,
      env: { ...process.env, WRANGLER_SEND_METRICS: 'false', CI: '1' },
    })
    fake = await new FakeWechatApi(systemClock).start()
    scratch = await scratchPostgres(url as string, `xunan_workerd_${process.pid}`)
    admin = await openDatabase({ kind: 'postgres', url: scratch.url, maxConnections: 2 })
    await admin.migrate()
    await seedDefaults(admin, new Date())

    const compatibilityDate = /compatibility_date\s*=\s*"([^"]+)"/.exec(
      readFileSync(join(root, 'wrangler.toml'), 'utf8'),
    )?.[1]
    worker = new Miniflare({
      modulesRoot: outdir,
      modules: [{ type: 'ESModule', path: join(outdir, 'worker.js') }],
      compatibilityDate,
      compatibilityFlags: ['nodejs_compat'],
      bindings: {
        ...wecomEnv(fake.baseUrl),
        DATABASE_URL: scratch.url,
        DEMO: '0',
        LOG_LEVEL: 'error',
        CONSOLE_PASSWORD,
        SESSION_SECRET: 'workerd-session-secret-0123456789abcdef',
        API_TOKENS: JSON.stringify([
          { token: FIELD_TOKEN, role: 'field_staff', unit: 'shizheng', name: '市政巡查App' },
        ]),
      },
      r2Buckets: ['MEDIA'],
      unsafeTriggerHandlers: true,
    })
    await worker.ready
  }, 120_000)
  afterAll(async () => {
    await worker?.dispose()
    await admin?.close()
    await scratch?.drop()
    await fake?.stop()
    if (outdir) rmSync(outdir, { recursive: true, force: true })
  })

  it('answers /readyz from the bundle, with the database checked', async () => {
    const response = await worker.dispatchFetch('https://xunan.example/readyz')
    expect(response.status).toBe(200)
    expect(await response.json()).toMatchObject({ status: 'ready', database: 'postgres' })
  })

  it('acknowledges a WeCom message and sends the reply within the same invocation', async () => {
    const { path, body } = liveWecomText('workerd-user', 7_200_000_001)
    const response = await worker.dispatchFetch(`https://xunan.example${path}`, { method: 'POST', body })
    expect(response.status).toBe(200)
    await response.text()
    // Nothing else drives the work: only waitUntil keeps the invocation alive until the reply is sent.
    await fake.waitFor(() => fake.callsTo('/cgi-bin/message/send').some(isTo('workerd-user')))
    expect(fake.callsTo('/cgi-bin/message/send').filter(isTo('workerd-user'))).toHaveLength(1)
  })

  it('keeps a received photo in the R2 bucket', async () => {
    const now = Math.floor(Date.now() / 1000)
    const xml = wecomMessageXml({
      FromUserName: 'workerd-photo',
      CreateTime: now,
      MsgType: 'image',
      PicUrl: 'https://example.invalid/p.png',
      MediaId: 'workerd-media-1',
      MsgId: 7_200_000_002,
    })
    const sealed = sealedRequest(xml, { timestamp: now, nonce: 'workerd-photo' })
    const response = await worker.dispatchFetch(`https://xunan.example/webhooks/wecom/default?${sealed.query}`, {
      method: 'POST',
      body: sealed.body,
    })
    expect(response.status).toBe(200)
    await response.text()
    await fake.waitFor(() => fake.callsTo('/cgi-bin/message/send').some(isTo('workerd-photo')))

    const [row] = await admin.db.select().from(media).where(eq(media.externalMediaId, 'workerd-media-1'))
    expect(row?.storagePath).toMatch(/^r2:\/\/MEDIA\/media\//)
    // Miniflare's R2 types come from workers-types, which this project does not load: the part used is declared.
    const bucket = (await worker.getR2Bucket('MEDIA')) as unknown as ObjectBucket
    const object = await bucket.get((row?.storagePath ?? '').slice('r2://MEDIA/'.length))
    expect(object && Buffer.from(await object.arrayBuffer())).toEqual(FAKE_IMAGE)
  })

  it('renders a weekly report as XLSX (exceljs in workerd), keeps it in R2 and serves the download', async () => {
    const auth = { authorization: `Bearer ${FIELD_TOKEN}`, 'content-type': 'application/json' }
    const lastWeek = new Date(Date.now() - 7 * 24 * HOUR_MS).toISOString().slice(0, 10)
    const drafted = await worker.dispatchFetch('https://xunan.example/api/v1/reports', {
      method: 'POST',
      headers: auth,
      body: JSON.stringify({ kind: 'weekly', periodDate: lastWeek }),
    })
    expect(drafted.status).toBe(201)
    const { data } = (await drafted.json()) as { data: { id: number; file: string } }
    expect(data.file).toBe(`/api/v1/reports/${data.id}/file`)

    const file = await worker.dispatchFetch(`https://xunan.example${data.file}`, { headers: auth })
    expect(file.status).toBe(200)
    const bytes = Buffer.from(await file.arrayBuffer())
    // An XLSX is a zip: it starts with the local file header PK\x03\x04.
    expect(bytes.subarray(0, 4).toString('hex')).toBe('504b0304')
    const bucket = (await worker.getR2Bucket('MEDIA')) as unknown as ObjectBucket
    const listed = await (bucket as unknown as { list(): Promise<{ objects: { key: string }[] }> }).list()
    expect(listed.objects.some((o) => o.key.startsWith('reports/') && o.key.endsWith('.xlsx'))).toBe(true)
  })

  it('exports a ledger as XLSX written row by row (the streaming writer of exceljs, in workerd)', async () => {
    await receiveComplaint({
      ctx: serviceContext(admin, systemClock),
      input: { channel: 'mp', citizenExternalId: 'o-export', category: 'road_municipal', description: '路灯不亮' },
    })
    const signIn = await worker.dispatchFetch('https://xunan.example/console/login', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'https://xunan.example' },
      body: new URLSearchParams({ password: CONSOLE_PASSWORD }).toString(),
      redirect: 'manual',
    })
    expect(signIn.status).toBe(303)
    const cookie = (signIn.headers.get('set-cookie') ?? '').split(';')[0] ?? ''
    const file = await worker.dispatchFetch('https://xunan.example/console/complaints/export.xlsx', {
      headers: { cookie },
    })
    expect(file.status).toBe(200)
    const book = new ExcelJS.Workbook()
    await book.xlsx.load(await file.arrayBuffer())
    const rows = book.getWorksheet('投诉台账')?.getSheetValues() ?? []
    expect(JSON.stringify(rows)).toContain('路灯不亮')
  })

  it('escalates an overdue complaint on a cron tick and sends the notice', async () => {
    const complaint = await receiveComplaint({
      ctx: serviceContext(admin, new ManualClock(new Date(Date.now() - 25 * HOUR_MS))),
      input: { channel: 'mp', citizenExternalId: 'o-workerd', category: 'road_municipal', description: '井盖缺失' },
    })
    const minute = Math.floor(Date.now() / 60_000) * 60_000
    const response = await worker.dispatchFetch(
      `https://xunan.example/cdn-cgi/handler/scheduled?cron=${encodeURIComponent('* * * * *')}&time=${minute}`,
    )
    expect(response.status).toBe(200)
    await response.text()

    const chain = await admin.db
      .select()
      .from(escalations)
      .where(and(eq(escalations.subjectId, complaint.id), eq(escalations.level, 1)))
    expect(chain).toHaveLength(1)
    const notices = await admin.db
      .select()
      .from(outbox)
      .where(sql`${outbox.recipient}->>'externalId' = 'demo:duty_officer'`)
    const aboutIt = notices.filter((n) => JSON.stringify(n.message).includes(complaint.code))
    expect(aboutIt.map((n) => n.status)).toEqual(['sent'])
  })
})

const isTo = (user: string) => (call: { body: unknown }) => (call.body as { touser?: string }).touser === user
