import { eq } from 'drizzle-orm'
import type { Context, Hono } from 'hono'
import type { AppEnv } from '../../app-env'
import { formatLocal } from '../../conversation/format'
import { complaints, hazards, media, units } from '../../db/schema'
import { CATEGORIES, CATEGORY_LABELS } from '../../domain/categories'
import { COMPLAINT_EVENT_LABELS, COMPLAINT_STATUS_LABELS, COMPLAINT_STATUSES } from '../../domain/complaint-lifecycle'
import {
  HAZARD_EVENT_LABELS,
  HAZARD_LEVEL_LABELS,
  HAZARD_STATUS_LABELS,
  HAZARD_STATUSES,
} from '../../domain/hazard-lifecycle'
import { maskPersonalInfo } from '../../domain/privacy'
import { AppError } from '../../errors'
import { complaintTable, hazardTable, toCsv, toXlsx } from '../../reports/ledger-export'
import { complaintTimeline } from '../../services/complaints'
import { hazardTimeline } from '../../services/hazards'
import { ComplaintFilter, HazardFilter, listComplaints, listHazards } from '../../services/ledger'
import { parseFilter } from '../ledger-query'
import { XLSX_TYPE } from '../report-file'
import { Layout } from './layout'

/** 隐患台账 and 投诉台账: filters, keyset paging, a detail page with the full timeline, and export. */
const EXPORT_LIMIT = 10_000

async function unitNames(c: { var: AppEnv['Variables'] }) {
  const rows = await c.var.services.db.select({ id: units.id, name: units.name }).from(units)
  const names = new Map(rows.map((u) => [u.id, u.name]))
  return { list: rows, name: (id: number | null) => (id === null ? '待分派' : (names.get(id) ?? '—')) }
}

function Filters(props: {
  action: string
  statuses: readonly string[]
  statusLabel: (s: string) => string
  units: { id: number; name: string }[]
  query: Record<string, string>
}) {
  const q = props.query
  return (
    <form class="card" method="get" action={props.action}>
      单位{' '}
      <select name="unit">
        <option value="">全部</option>
        {props.units.map((u) => (
          <option value={String(u.id)} selected={q.unit === String(u.id)}>
            {u.name}
          </option>
        ))}
      </select>{' '}
      状态{' '}
      <select name="status">
        <option value="">全部</option>
        {props.statuses.map((s) => (
          <option value={s} selected={q.status === s}>
            {props.statusLabel(s)}
          </option>
        ))}
      </select>{' '}
      类别{' '}
      <select name="category">
        <option value="">全部</option>
        {CATEGORIES.map((s) => (
          <option value={s} selected={q.category === s}>
            {CATEGORY_LABELS[s]}
          </option>
        ))}
      </select>{' '}
      自 <input type="date" name="from" value={q.from ?? ''} /> 至 <input type="date" name="to" value={q.to ?? ''} />{' '}
      <label>
        <input type="checkbox" name="overdue" value="1" checked={q.overdue === '1'} /> 仅超期
      </label>{' '}
      <button type="submit">筛选</button>
    </form>
  )
}

function exportLinks(path: string, query: Record<string, string>) {
  const params = new URLSearchParams(Object.entries(query).filter(([k, v]) => v && k !== 'cursor'))
  return (
    <p>
      导出当前筛选：<a href={`${path}/export.csv?${params}`}>CSV</a> ·{' '}
      <a href={`${path}/export.xlsx?${params}`}>XLSX</a>
    </p>
  )
}

function nextLink(path: string, query: Record<string, string>, cursor: string | null) {
  if (!cursor) return null
  const params = new URLSearchParams({ ...query, cursor })
  return <a href={`${path}?${params}`}>下一页 →</a>
}

export function registerLedgerPages(app: Hono<AppEnv>): void {
  app.get('/hazards', async (c) => {
    const { db, clock, config } = c.var.services
    const filter = parseFilter(c, HazardFilter)
    const [page, names] = await Promise.all([listHazards(db, filter, clock.now()), unitNames(c)])
    const query = c.req.query()
    return c.html(
      <Layout demo={c.var.services.config.demo} title="隐患台账">
        <Filters
          action="/console/hazards"
          statuses={HAZARD_STATUSES}
          statusLabel={(s) => HAZARD_STATUS_LABELS[s as keyof typeof HAZARD_STATUS_LABELS]}
          units={names.list}
          query={query}
        />
        <div class="card">
          <h2>隐患台账</h2>
          {exportLinks('/console/hazards', query)}
          <table>
            <tr>
              <th>编号</th>
              <th>发现时间</th>
              <th>类别</th>
              <th>等级</th>
              <th>状态</th>
              <th>描述</th>
              <th>责任单位</th>
              <th>整改期限</th>
            </tr>
            {page.rows.map((h) => (
              <tr>
                <td>
                  <a href={`/console/hazards/${h.code}`}>{h.code}</a>
                </td>
                <td>{formatLocal(h.foundAt, config.timeZone)}</td>
                <td>{CATEGORY_LABELS[h.category]}</td>
                <td>{HAZARD_LEVEL_LABELS[h.level]}</td>
                <td>
                  {HAZARD_STATUS_LABELS[h.status]}
                  {h.listedSupervision ? '（挂牌）' : ''}
                </td>
                <td>{h.description}</td>
                <td>{names.name(h.unitId)}</td>
                <td>{h.rectifyDueAt ? formatLocal(h.rectifyDueAt, config.timeZone) : '—'}</td>
              </tr>
            ))}
          </table>
          {nextLink('/console/hazards', query, page.nextCursor)}
        </div>
      </Layout>,
    )
  })

  const exportHazards = async (c: Context<AppEnv>, format: 'csv' | 'xlsx') => {
    const { db, clock, config } = c.var.services
    const filter = { ...parseFilter(c, HazardFilter), limit: 200, cursor: undefined }
    const rows: (typeof hazards.$inferSelect)[] = []
    for (let cursor: string | undefined; rows.length < EXPORT_LIMIT; ) {
      const page = await listHazards(db, { ...filter, cursor }, clock.now())
      rows.push(...page.rows)
      if (!page.nextCursor) break
      cursor = page.nextCursor
    }
    const table = hazardTable(rows, (await unitNames(c)).name, (d) => (d ? formatLocal(d, config.timeZone) : ''))
    return exportResponse(c, '隐患台账', format, table)
  }
  app.get('/hazards/export.csv', (c) => exportHazards(c, 'csv'))
  app.get('/hazards/export.xlsx', (c) => exportHazards(c, 'xlsx'))

  app.get('/hazards/:code', async (c) => {
    const { db, config } = c.var.services
    const [hazard] = await db
      .select()
      .from(hazards)
      .where(eq(hazards.code, c.req.param('code')))
    if (!hazard) throw new AppError('not_found', 404, 'Hazard not found')
    const [events, names, photos] = await Promise.all([
      hazardTimeline(db, hazard.id),
      unitNames(c),
      db.select().from(media).where(eq(media.subjectId, hazard.id)),
    ])
    return c.html(
      <Layout demo={c.var.services.config.demo} title={hazard.code}>
        <div class="card">
          <h2>
            隐患 {hazard.code}（{HAZARD_STATUS_LABELS[hazard.status]}）
          </h2>
          <p>{hazard.description}</p>
          <p class="meta">
            {CATEGORY_LABELS[hazard.category]} · {HAZARD_LEVEL_LABELS[hazard.level]} · {hazard.locationText ?? '—'} ·
            责任单位 {names.name(hazard.unitId)}
            {hazard.rectifyDueAt ? ` · 整改期限 ${formatLocal(hazard.rectifyDueAt, config.timeZone)}` : ''}
          </p>
        </div>
        <div class="card">
          <h3>处置过程</h3>
          <table>
            {events.map((e) => (
              <tr>
                <td>{formatLocal(e.at, config.timeZone)}</td>
                <td data-kind={e.kind}>{HAZARD_EVENT_LABELS[e.kind]}</td>
                <td>{HAZARD_STATUS_LABELS[e.toStatus]}</td>
                <td>{e.actorRole}</td>
                <td>{e.note ?? ''}</td>
                <td>{e.mediaIds.length ? `照片 ${e.mediaIds.length} 张` : ''}</td>
              </tr>
            ))}
          </table>
          {photos.filter((p) => p.subjectType === 'hazard').length > 0 ? (
            <p class="meta">
              原始照片（SHA-256）：
              {photos
                .filter((p) => p.subjectType === 'hazard')
                .map((p) => `${p.sha256.slice(0, 12)}…`)
                .join('、')}
            </p>
          ) : null}
        </div>
      </Layout>,
    )
  })

  app.get('/complaints', async (c) => {
    const { db, clock, config } = c.var.services
    const filter = parseFilter(c, ComplaintFilter)
    const [page, names] = await Promise.all([listComplaints(db, filter, clock.now()), unitNames(c)])
    const query = c.req.query()
    return c.html(
      <Layout demo={c.var.services.config.demo} title="投诉台账">
        <Filters
          action="/console/complaints"
          statuses={COMPLAINT_STATUSES}
          statusLabel={(s) => COMPLAINT_STATUS_LABELS[s as keyof typeof COMPLAINT_STATUS_LABELS]}
          units={names.list}
          query={query}
        />
        <div class="card">
          <h2>投诉台账</h2>
          {exportLinks('/console/complaints', query)}
          <table>
            <tr>
              <th>编号</th>
              <th>受理时间</th>
              <th>类别</th>
              <th>状态</th>
              <th>描述</th>
              <th>责任单位</th>
              <th>办理时限</th>
            </tr>
            {page.rows.map((r) => (
              <tr>
                <td>
                  <a href={`/console/complaints/${r.code}`}>{r.code}</a>
                </td>
                <td>{formatLocal(r.receivedAt, config.timeZone)}</td>
                <td>{CATEGORY_LABELS[r.category]}</td>
                <td>{COMPLAINT_STATUS_LABELS[r.status]}</td>
                <td>{maskPersonalInfo(r.description, r.citizenName)}</td>
                <td>{names.name(r.unitId)}</td>
                <td>{formatLocal(r.dueAt, config.timeZone)}</td>
              </tr>
            ))}
          </table>
          {nextLink('/console/complaints', query, page.nextCursor)}
        </div>
      </Layout>,
    )
  })

  const exportComplaints = async (c: Context<AppEnv>, format: 'csv' | 'xlsx') => {
    const { db, clock, config } = c.var.services
    const filter = { ...parseFilter(c, ComplaintFilter), limit: 200, cursor: undefined }
    const rows: (typeof complaints.$inferSelect)[] = []
    for (let cursor: string | undefined; rows.length < EXPORT_LIMIT; ) {
      const page = await listComplaints(db, { ...filter, cursor }, clock.now())
      rows.push(...page.rows)
      if (!page.nextCursor) break
      cursor = page.nextCursor
    }
    const table = complaintTable(rows, (await unitNames(c)).name, (d) => (d ? formatLocal(d, config.timeZone) : ''))
    return exportResponse(c, '投诉台账', format, table)
  }
  app.get('/complaints/export.csv', (c) => exportComplaints(c, 'csv'))
  app.get('/complaints/export.xlsx', (c) => exportComplaints(c, 'xlsx'))

  app.get('/complaints/:code', async (c) => {
    const { db, config } = c.var.services
    const [complaint] = await db
      .select()
      .from(complaints)
      .where(eq(complaints.code, c.req.param('code')))
    if (!complaint) throw new AppError('not_found', 404, 'Complaint not found')
    const [events, names] = await Promise.all([complaintTimeline(db, complaint.id), unitNames(c)])
    return c.html(
      <Layout demo={c.var.services.config.demo} title={complaint.code}>
        <div class="card">
          <h2>
            投诉 {complaint.code}（{COMPLAINT_STATUS_LABELS[complaint.status]}）
          </h2>
          <p>{maskPersonalInfo(complaint.description, complaint.citizenName)}</p>
          <p class="meta">
            {CATEGORY_LABELS[complaint.category]} · {complaint.locationText ?? '—'} · 责任单位{' '}
            {names.name(complaint.unitId)} · 办理时限 {formatLocal(complaint.dueAt, config.timeZone)}
          </p>
          {complaint.outcome ? <p>办理结果：{complaint.outcome}</p> : null}
        </div>
        <div class="card">
          <h3>办理过程</h3>
          <table>
            {events.map((e) => (
              <tr>
                <td>{formatLocal(e.at, config.timeZone)}</td>
                <td data-kind={e.kind}>{COMPLAINT_EVENT_LABELS[e.kind]}</td>
                <td>{COMPLAINT_STATUS_LABELS[e.toStatus]}</td>
                <td>{e.actorRole}</td>
                <td>{e.note ?? ''}</td>
              </tr>
            ))}
          </table>
        </div>
      </Layout>,
    )
  })
}

async function exportResponse(
  c: { body: (data: Uint8Array | string, status: 200, headers: Record<string, string>) => Response },
  title: string,
  format: string,
  table: Parameters<typeof toCsv>[0],
) {
  const stamp = new Date().toISOString().slice(0, 10)
  const name = `${title}-${stamp}.${format}`
  const disposition = `attachment; filename="ledger.${format}"; filename*=UTF-8''${encodeURIComponent(name)}`
  if (format === 'csv')
    return c.body(toCsv(table), 200, { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': disposition })
  return c.body(new Uint8Array(await toXlsx(title, table)), 200, {
    'content-type': XLSX_TYPE,
    'content-disposition': disposition,
  })
}
