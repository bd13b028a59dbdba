import type { Context, Hono } from 'hono'
import type { z } from 'zod'
import type { AppEnv } from '../../app-env'
import { formatLocal } from '../../conversation/format'
import { units } from '../../db/schema'
import { localDate } from '../../domain/local-time'
import { type Table, toCsv, toXlsx } from '../../reports/ledger-export'
import { XLSX_CONTENT_TYPE } from '../../reports/xlsx'
import type { Page } from '../../services/ledger'
import { parseFilter } from '../ledger-query'
import { scopedToViewer, viewerUnitScope } from './session'

/** The parts every console ledger shares: unit names, the filter form, paging and export. */
const EXPORT_LIMIT = 10_000

export async function unitNames(c: Context<AppEnv>) {
  const rows = await c.get('services').db.select({ id: units.id, name: units.name }).from(units)
  const names = new Map(rows.map((u) => [u.id, u.name]))
  const scope = viewerUnitScope(c)
  return {
    list: rows,
    /** The units the viewer may filter by: their own only, when they see only their unit's items. */
    filterable: scope === undefined ? rows : rows.filter((u) => u.id === scope),
    name: (id: number | null) => (id === null ? '待分派' : (names.get(id) ?? '—')),
  }
}

export const localTime = (c: Context<AppEnv>) => (d: Date | null) =>
  d ? formatLocal(d, c.get('services').config.timeZone, c.get('services').clock.now()) : ''

export interface FilterSelect {
  name: string
  label: string
  options: readonly (readonly [value: string, label: string])[]
}

export function Filters(props: {
  action: string
  selects: FilterSelect[]
  query: Record<string, string>
  overdueLabel?: string
  /** The 自…至 date range (ledgers); the map filters without it. */
  dates?: boolean
}) {
  const q = props.query
  return (
    <form class="card" method="get" action={props.action}>
      {props.selects.map((select) => (
        <>
          {select.label}{' '}
          <select name={select.name}>
            <option value="">全部</option>
            {select.options.map(([value, label]) => (
              <option value={value} selected={q[select.name] === value}>
                {label}
              </option>
            ))}
          </select>{' '}
        </>
      ))}
      {props.dates === false ? null : (
        <>
          自 <input type="date" name="from" value={q.from ?? ''} /> 至{' '}
          <input type="date" name="to" value={q.to ?? ''} />{' '}
        </>
      )}
      {props.overdueLabel ? (
        <label>
          <input type="checkbox" name="overdue" value="1" checked={q.overdue === '1'} /> {props.overdueLabel}
        </label>
      ) : null}{' '}
      <button type="submit">筛选</button>
    </form>
  )
}

export const unitSelect = (name: string, label: string, list: { id: number; name: string }[]): FilterSelect => ({
  name,
  label,
  options: list.map((u) => [String(u.id), u.name] as const),
})

export function ExportLinks(props: { path: string; query: Record<string, string> }) {
  const params = new URLSearchParams(Object.entries(props.query).filter(([k, v]) => v && k !== 'cursor'))
  return (
    <p>
      导出当前筛选：<a href={`${props.path}/export.csv?${params}`}>CSV</a> ·{' '}
      <a href={`${props.path}/export.xlsx?${params}`}>XLSX</a>
    </p>
  )
}

export function NextLink(props: { path: string; query: Record<string, string>; cursor: string | null }) {
  if (!props.cursor) return null
  const params = new URLSearchParams({ ...props.query, cursor: props.cursor })
  return <a href={`${props.path}?${params}`}>下一页 →</a>
}

/** Every row the filter selects (up to the export limit), page by page so memory stays bounded per query. */
async function collectForExport<T>(listPage: (cursor: string | undefined) => Promise<Page<T>>): Promise<T[]> {
  const rows: T[] = []
  for (let cursor: string | undefined; rows.length < EXPORT_LIMIT; ) {
    const page = await listPage(cursor)
    rows.push(...page.rows)
    if (!page.nextCursor) break
    cursor = page.nextCursor
  }
  return rows.slice(0, EXPORT_LIMIT)
}

async function exportResponse(c: Context<AppEnv>, title: string, format: 'csv' | 'xlsx', table: Table) {
  const stamp = localDate(c.get('services').clock.now(), c.get('services').config.timeZone)
  const name = `${title}-${stamp}.${format}`
  const disposition = `attachment; filename="ledger.${format}"; filename*=UTF-8''${encodeURIComponent(name)}`
  if (format === 'csv')
    return c.body(toCsv(table), 200, { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': disposition })
  return c.body(new Uint8Array(await toXlsx(title, table)), 200, {
    'content-type': XLSX_CONTENT_TYPE,
    'content-disposition': disposition,
  })
}

/**
 * `<path>/export.csv` and `<path>/export.xlsx`: the list the page's filter selects (in the viewer's scope),
 * as a file named after the ledger.
 */
export function registerExports<F extends { cursor?: string; limit: number; unit?: number }, R>(
  app: Hono<AppEnv>,
  ledger: {
    path: string
    title: string
    filter: z.ZodType<F>
    list: (c: Context<AppEnv>, filter: F) => Promise<Page<R>>
    table: (rows: R[], unitName: (id: number | null) => string, format: (d: Date | null) => string) => Table
  },
): void {
  for (const format of ['csv', 'xlsx'] as const)
    app.get(`${ledger.path}/export.${format}`, async (c) => {
      const filter = { ...scopedToViewer(c, parseFilter(c, ledger.filter, 'person')), limit: 200 }
      const rows = await collectForExport((cursor) => ledger.list(c, { ...filter, cursor }))
      return exportResponse(c, ledger.title, format, ledger.table(rows, (await unitNames(c)).name, localTime(c)))
    })
}
