import { eq } from 'drizzle-orm'
import ExcelJS from 'exceljs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { hazards as hazardsTable } from '../../src/db/schema'
import { ManualClock, MINUTE_MS } from '../../src/domain/clock'
import { zonedInstant } from '../../src/domain/local-time'
import { receiveComplaint } from '../../src/services/complaints'
import { applyHazardCommand, reportHazard } from '../../src/services/hazards'
import { linkMedia, storeMedia } from '../../src/services/media'
import { recordPatrol, recordSupervision } from '../../src/services/patrols'
import { testApp } from '../helpers/app'
import { type CityLookup, loadCity } from '../helpers/city'
import { createTestDatabase, seedDefaults, TEST_TIME_ZONE, type TestDatabase } from '../helpers/db'

const clock = new ManualClock(zonedInstant('2026-11-01', TEST_TIME_ZONE, 9))
let database: TestDatabase
let harness: ReturnType<typeof testApp>
let city: CityLookup
const auth = { headers: { authorization: 'Bearer ledger-views-t0ken' } }
const codes: string[] = []

beforeAll(async () => {
  database = await createTestDatabase()
  await seedDefaults(database, clock.now())
  harness = testApp(database, clock, { API_TOKEN: 'ledger-views-t0ken' })
  city = await loadCity(database.db)
  // 23 hazards a few minutes apart; every third is a bridge hazard, two share one timestamp.
  for (let i = 0; i < 23; i++) {
    if (i !== 11) clock.advance(7 * MINUTE_MS)
    const h = await reportHazard({
      ctx: harness.services.ctx,
      input: { description: `隐患${i}`, category: i % 3 === 0 ? 'bridge' : 'road_municipal', locationText: `第${i}号` },
      actor: city.actor('张伟'),
    })
    codes.push(h.code)
  }
  await applyHazardCommand({
    ctx: harness.services.ctx,
    hazardId: 1,
    command: { action: 'report_rectification', note: '已修复' },
    actor: city.actor('王强'),
  }).catch(() => undefined)
  await receiveComplaint({
    ctx: harness.services.ctx,
    input: {
      channel: 'mp',
      category: 'gas',
      description: '王小明反映燃气味，电话13912345678',
      citizenName: '王小明',
      citizenPhone: '13912345678',
    },
  })
})
afterAll(async () => database?.drop())

async function api<T>(path: string): Promise<T> {
  const res = await harness.app.request(path, auth)
  expect(res.status).toBe(200)
  return (await res.json()) as T
}

describe('ledger API', () => {
  it('pages through every hazard exactly once, newest first, with a cursor', async () => {
    const seen: string[] = []
    let cursor: string | null = null
    do {
      const page: { data: { code: string }[]; nextCursor: string | null } = await api(
        `/api/v1/hazards?limit=5${cursor ? `&cursor=${cursor}` : ''}`,
      )
      seen.push(...page.data.map((h) => h.code))
      cursor = page.nextCursor
    } while (cursor)
    expect(seen).toHaveLength(23)
    expect(new Set(seen).size).toBe(23)
    expect(seen.slice(0, 2)).toEqual([codes[22], codes[21]])
  })

  it('filters by category and unit, and names the field of a bad filter', async () => {
    const bridges = await api<{ data: { category: string; unitId: number }[] }>(
      `/api/v1/hazards?category=bridge&limit=100`,
    )
    expect(bridges.data).toHaveLength(8)
    expect(bridges.data.every((h) => h.category === 'bridge' && h.unitId === city.unit('qiaoguanchu'))).toBe(true)
    const res = await harness.app.request('/api/v1/hazards?status=lost', auth)
    expect(res.status).toBe(400)
    expect(((await res.json()) as { error: { code: string; message: string } }).error).toMatchObject({
      code: 'invalid_request',
      message: expect.stringMatching(/^status/),
    })
    expect((await harness.app.request('/api/v1/hazards?cursor=bm9wZQ', auth)).status).toBe(400)
  })

  it('gives a hazard with its timeline, and masks citizens in complaints', async () => {
    const detail = await api<{ data: { code: string; events: { kind: string }[] } }>(`/api/v1/hazards/${codes[0]}`)
    expect(detail.data.events.map((e) => e.kind)).toEqual(['reported', 'assign'])
    const list = await api<{
      data: { code: string; citizenPhone: string; citizenName: string; description: string }[]
    }>('/api/v1/complaints')
    expect(list.data[0]).toMatchObject({ citizenPhone: '139****5678', citizenName: '王*' })
    expect(list.data[0]?.description).not.toContain('13912345678')
    expect(list.data[0]?.description).not.toContain('王小明')
    expect((await harness.app.request('/api/v1/hazards')).status).toBe(401)
    expect((await harness.app.request('/api/v1/hazards/YH00000000-0000', auth)).status).toBe(404)
  })
})

describe('ledger pages in the console', () => {
  it('lists with filters and paging, shows a detail timeline, and exports the filtered list', async () => {
    const list = await (await harness.app.request('/console/hazards?category=bridge&limit=5')).text()
    expect(list).toContain(codes[21])
    expect(list).toContain('下一页')
    expect(list).not.toContain(`>${codes[22]}<`)
    const detail = await (await harness.app.request(`/console/hazards/${codes[0]}`)).text()
    expect(detail).toContain('处置过程')
    // Who acted, in words: a name with its role, or 系统 — never an internal role code.
    expect(detail).not.toMatch(
      /<td>(field_staff|unit_handler|supervisor|duty_officer|leader|admin|system|citizen)<\/td>/,
    )
    expect(detail).toMatch(/<td>(系统|[^<]+（[^<]+）|巡查员|责任单位经办人|值班员|督查员|领导|管理员|市民)<\/td>/)
    // Every hazard here is general: filtering for major ones lists none, and the form keeps the choice.
    const major = await (await harness.app.request('/console/hazards?level=major')).text()
    expect(major).not.toContain(codes[0])
    expect(major).toContain('<option value="major" selected="">')
    const csv = await (await harness.app.request('/console/hazards/export.csv?category=bridge')).text()
    const lines = csv
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n')
    expect(lines[0]).toBe('编号,发现时间,类别,等级,状态,隐患描述,地点,责任单位,整改期限,销号时间,挂牌督办')
    expect(lines).toHaveLength(1 + 8)
    const xlsx = await harness.app.request('/console/complaints/export.xlsx')
    const book = new ExcelJS.Workbook()
    await book.xlsx.load(await xlsx.arrayBuffer())
    const sheet = book.getWorksheet('投诉台账')
    expect(sheet?.getRow(2).getCell(11).value).toBe('139****5678')
  })
})

describe('patrol and supervision ledgers in the console', () => {
  it('lists patrols with their unit filter, shows a patrol with the hazards found on it, and exports', async () => {
    const { patrol, hazards } = await recordPatrol({
      ctx: harness.services.ctx,
      input: {
        unitId: city.unit('shizheng'),
        startedAt: clock.now(),
        endedAt: clock.now(),
        area: '=HYPERLINK("x")柳叶湖大道',
        patrollers: '张伟',
        staffCount: 2,
        hazards: [{ description: '路灯杆倾斜', category: 'road_municipal' }],
      },
      actor: city.actor('张伟'),
    })
    const list = await (await harness.app.request(`/console/patrols?unit=${city.unit('shizheng')}`)).text()
    expect(list).toContain(patrol.code)
    const elsewhere = await (await harness.app.request(`/console/patrols?unit=${city.unit('zhianchu')}`)).text()
    expect(elsewhere).not.toContain(patrol.code)
    const detail = await (await harness.app.request(`/console/patrols/${patrol.code}`)).text()
    expect(detail).toContain(hazards[0]?.code)
    expect(detail).toContain('本次巡查发现的隐患（1）')
    const csv = await (await harness.app.request('/console/patrols/export.csv')).text()
    // A cell that starts like a formula is exported as text.
    expect(csv).toContain(`'=HYPERLINK(""x"")柳叶湖大道`)
    expect((await harness.app.request('/console/patrols/XC20990101-0001')).status).toBe(404)
    expect((await harness.app.request('/console/patrols?kind=weekly')).status).toBe(400)
  })

  it('lists supervisions by inspected unit, shows one, and reads a date filter as the whole local day', async () => {
    const row = await recordSupervision({
      ctx: harness.services.ctx,
      input: {
        supervisorUnitId: city.unit('anjianke'),
        inspectedUnitId: city.unit('zhianchu'),
        lead: '刘明',
        members: '陈刚、赵敏',
        inspectedAt: zonedInstant('2026-11-01', TEST_TIME_ZONE, 22),
        matters: '工地夜间施工检查',
      },
      actor: city.actor('陈刚'),
    })
    const sameDay = await (await harness.app.request('/console/supervisions?from=2026-11-01&to=2026-11-01')).text()
    expect(sameDay).toContain(row.code)
    const dayBefore = await (await harness.app.request('/console/supervisions?to=2026-10-31')).text()
    expect(dayBefore).not.toContain(row.code)
    const byUnit = await (await harness.app.request(`/console/supervisions?unit=${city.unit('shizheng')}`)).text()
    expect(byUnit).not.toContain(row.code)
    const detail = await (await harness.app.request(`/console/supervisions/${row.code}`)).text()
    expect(detail).toContain('工地夜间施工检查')
    const xlsx = await harness.app.request('/console/supervisions/export.xlsx')
    const book = new ExcelJS.Workbook()
    await book.xlsx.load(await xlsx.arrayBuffer())
    expect(book.getWorksheet('督查台账')?.getRow(2).getCell(1).value).toBe(row.code)
  })

  it('shows a hazard’s photos from the stored original', async () => {
    const bytes = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex')
    const stored = await storeMedia(harness.services.db, harness.services.config.mediaDir, {
      bytes,
      mimeType: 'image/png',
      channel: 'console',
      externalMediaId: 'ledger-photo-1',
      uploaderIdentityId: null,
      receivedAt: clock.now(),
    })
    const [hazard] = await harness.services.db
      .select()
      .from(hazardsTable)
      .where(eq(hazardsTable.code, codes[2] ?? ''))
    await linkMedia(harness.services.db, [stored.id], { type: 'hazard', id: hazard?.id ?? -1 })
    const detail = await (await harness.app.request(`/console/hazards/${codes[2]}`)).text()
    expect(detail).toContain(`/console/media/${stored.id}`)
    const photo = await harness.app.request(`/console/media/${stored.id}`)
    expect(photo.headers.get('content-type')).toBe('image/png')
    expect(Buffer.from(await photo.arrayBuffer()).equals(bytes)).toBe(true)
    expect((await harness.app.request('/console/media/999999')).status).toBe(404)
  })
})

describe('OpenAPI description', () => {
  it('is public, lists every /api/v1 path, and documents the ledger filters from their schemas', async () => {
    const res = await harness.app.request('/api/v1/openapi.json')
    expect(res.status).toBe(200)
    const doc = (await res.json()) as {
      openapi: string
      paths: Record<string, { get: { parameters?: { name: string; schema: unknown }[] } }>
    }
    expect(doc.openapi).toBe('3.1.0')
    expect(Object.keys(doc.paths).sort()).toEqual([
      '/assessment',
      '/assessment/accidents',
      '/assessment/findings',
      '/complaints',
      '/complaints/{code}',
      '/complaints/{code}/transitions',
      '/hazards',
      '/hazards/{code}',
      '/hazards/{code}/transitions',
      '/patrols',
      '/patrols/{code}',
      '/patrols/{code}/transitions',
      '/reports',
      '/reports/{id}',
      '/reports/{id}/file',
      '/reports/{id}/transitions',
      '/supervisions',
      '/supervisions/{code}',
    ])
    const names = doc.paths['/hazards']?.get.parameters?.map((p) => p.name)
    expect(names).toEqual(
      expect.arrayContaining(['unit', 'status', 'level', 'category', 'from', 'to', 'overdue', 'cursor', 'limit']),
    )
    const limit = doc.paths['/hazards']?.get.parameters?.find((p) => p.name === 'limit')
    expect(JSON.stringify(limit?.schema)).toContain('200')
  })
})
