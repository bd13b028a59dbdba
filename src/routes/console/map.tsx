import { and, desc, eq, inArray, isNotNull, isNull, or, sql } from 'drizzle-orm'
import type { Context, Hono } from 'hono'
import { z } from 'zod'
import type { AppEnv } from '../../app-env'
import { hazards } from '../../db/schema'
import { CATEGORY_LABELS } from '../../domain/categories'
import {
  HAZARD_LEVEL_LABELS,
  HAZARD_LEVELS,
  HAZARD_STATUS_LABELS,
  OPEN_HAZARD_STATUSES,
} from '../../domain/hazard-lifecycle'
import { convertDatum } from '../../domain/map-coordinates'
import { rowId } from '../../domain/storable'
import { Layout } from './layout'
import { Filters, unitNames, unitSelect } from './ledger-parts'
import { viewerUnitScope } from './session'
import { vendorAssetPath } from './vendor-assets'

/**
 * 隐患地图: the open hazards that have a location, drawn where they are, filtered by level and unit. With map
 * tiles configured (MAP_TILE_URL: 天地图, the city's own tile server, 高德…) it is a Leaflet map — the library
 * served from its npm package, no CDN — with nearby points clustered and each point converted from the GCJ-02
 * the platforms send to the tiles' datum. Without tiles (a closed network, or where the library cannot be
 * served) the points are projected onto a plain grid with latitude and longitude marked, which is still enough
 * to see clusters and to click through to each record.
 */
const WIDTH = 860
const HEIGHT = 560
const MARGIN = 30
const MAX_POINTS = 2000

export interface MapPoint {
  code: string
  latitude: number
  longitude: number
}

/** Equirectangular projection of the points' bounding box into the drawing, east–west scaled by latitude. */
export function projectPoints<T extends MapPoint>(points: T[], width = WIDTH, height = HEIGHT) {
  const lats = points.map((p) => p.latitude)
  const lngs = points.map((p) => p.longitude)
  const pad = 0.005
  let [south, north] = [Math.min(...lats) - pad, Math.max(...lats) + pad]
  let [west, east] = [Math.min(...lngs) - pad, Math.max(...lngs) + pad]
  const squash = Math.cos((((south + north) / 2) * Math.PI) / 180)
  // Keep the aspect ratio: widen whichever span is short for the drawing.
  const spanX = (east - west) * squash
  const spanY = north - south
  const inner = { w: width - 2 * MARGIN, h: height - 2 * MARGIN }
  if (spanX / spanY < inner.w / inner.h) {
    const grow = ((spanY * inner.w) / inner.h / squash - (east - west)) / 2
    west -= grow
    east += grow
  } else {
    const grow = ((spanX * inner.h) / inner.w - spanY) / 2
    south -= grow
    north += grow
  }
  const x = (lng: number) => MARGIN + ((lng - west) / (east - west)) * inner.w
  const y = (lat: number) => MARGIN + ((north - lat) / (north - south)) * inner.h
  return {
    bounds: { south, north, west, east },
    x,
    y,
    placed: points.map((p) => ({ ...p, cx: x(p.longitude), cy: y(p.latitude) })),
  }
}

const MapQuery = z.object({
  level: z.enum(HAZARD_LEVELS).optional().catch(undefined),
  unit: rowId().optional().catch(undefined),
})

/** The page's own policy: the console's, plus the tile servers' images. */
function mapPolicy(nonce: string, tileOrigins: string[]): string {
  return [
    "default-src 'self'",
    `script-src 'nonce-${nonce}'`,
    "style-src 'self' 'unsafe-inline'",
    `img-src 'self' data: ${tileOrigins.join(' ')}`.trim(),
    "connect-src 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    "base-uri 'none'",
    "object-src 'none'",
  ].join('; ')
}

/** A tile template's origin for the policy: a host label with a placeholder ({s}) widens to *. */
export function tileOrigin(template: string): string {
  const [, scheme, host] = /^(https?):\/\/([^/?#]+)/i.exec(template) ?? []
  if (!scheme || !host) throw new Error('not an http(s) tile URL')
  const labels = host.split('.')
  const templated = labels.findLastIndex((label) => label.includes('{'))
  return templated === -1 ? `${scheme}://${host}` : `${scheme}://*.${labels.slice(templated + 1).join('.')}`
}

/** Runs in the browser: builds the Leaflet map from the JSON the page carries. Text is set, never parsed as HTML. */
const MAP_SCRIPT = `
const data = JSON.parse(document.getElementById('map-data').textContent)
const map = L.map('map', { zoomControl: true })
map.attributionControl.setPrefix('Leaflet')
const options = { subdomains: data.tiles.subdomains, maxZoom: 18, attribution: data.tiles.attribution }
L.tileLayer(data.tiles.url, options).addTo(map)
if (data.tiles.labelUrl) L.tileLayer(data.tiles.labelUrl, { subdomains: data.tiles.subdomains, maxZoom: 18 }).addTo(map)
const cluster = L.markerClusterGroup({ showCoverageOnHover: false, maxClusterRadius: 40 })
const bounds = []
for (const p of data.points) {
  const marker = L.circleMarker([p.lat, p.lng], {
    radius: p.major ? 9 : 7,
    color: p.listed ? '#111827' : '#ffffff',
    weight: p.listed ? 3 : 1,
    fillColor: p.major ? '#d92d20' : '#f79009',
    fillOpacity: 0.85,
  })
  const box = document.createElement('div')
  const link = document.createElement('a')
  link.href = '/console/hazards/' + encodeURIComponent(p.code)
  link.textContent = p.code
  const text = document.createElement('div')
  text.textContent = p.summary
  box.append(link, text)
  marker.bindPopup(box)
  marker.options.code = p.code
  cluster.addLayer(marker)
  bounds.push([p.lat, p.lng])
}
map.addLayer(cluster)
if (bounds.length) map.fitBounds(bounds, { padding: [24, 24], maxZoom: 16 })
else map.setView([data.center.lat, data.center.lng], 12)
const element = document.getElementById('map')
element.dataset.points = String(data.points.length)
// For whoever reads the page's state (the browser test): the zoom level once each zoom has finished.
element.dataset.zoom = String(map.getZoom())
map.on('zoomend', () => { element.dataset.zoom = String(map.getZoom()) })
`

/** What a marker needs to know about its hazard. */
type MappedHazard = Pick<
  typeof hazards.$inferSelect,
  'code' | 'level' | 'listedSupervision' | 'category' | 'status' | 'description'
> & { latitude: number; longitude: number }

/**
 * The Leaflet map on configured tiles, for a page that shows hazards on one (the map, a hazard's page): the
 * page's policy widened to the tile host, the stylesheets for its head, and the map itself. Undefined when no
 * tiles are configured or the library cannot be served here; the page then shows what it can without it.
 */
export function tiledMap(c: Context<AppEnv>) {
  const tiles = c.get('services').config.mapTiles
  const leafletJs = vendorAssetPath('leaflet.js')
  const clusterJs = vendorAssetPath('markercluster.js')
  if (!tiles || !leafletJs || !clusterJs) return undefined
  const nonce = c.get('secureHeadersNonce') ?? ''
  const origins = [tiles.url, tiles.labelUrl].filter((u): u is string => Boolean(u)).map(tileOrigin)
  c.header('content-security-policy', mapPolicy(nonce, [...new Set(origins)]))
  return {
    head: (
      <>
        <link rel="stylesheet" href={vendorAssetPath('leaflet.css')} />
        <link rel="stylesheet" href={vendorAssetPath('markercluster.css')} />
        <link rel="stylesheet" href={vendorAssetPath('markercluster-default.css')} />
      </>
    ),
    render(points: MappedHazard[], height: number) {
      const data = {
        tiles: {
          url: tiles.url,
          labelUrl: tiles.labelUrl ?? null,
          subdomains: tiles.subdomains,
          attribution: tiles.attribution,
        },
        // Stored as the platforms send them (GCJ-02); placed in the tiles' datum.
        points: points.map((h) => {
          const at = convertDatum(h, 'gcj02', tiles.datum)
          return {
            code: h.code,
            lat: Number(at.latitude.toFixed(6)),
            lng: Number(at.longitude.toFixed(6)),
            major: h.level === 'major',
            listed: h.listedSupervision,
            summary: `${CATEGORY_LABELS[h.category]} ${HAZARD_LEVEL_LABELS[h.level]} ${HAZARD_STATUS_LABELS[h.status]} · ${h.description}`,
          }
        }),
        center: { lat: 29.0405, lng: 111.6951 },
      }
      return (
        <>
          <div id="map" style={`height:${height}px;border-radius:6px`} />
          {/* JSON in a non-script type: data, never run; < is escaped so no text can close the element. */}
          <script
            type="application/json"
            id="map-data"
            dangerouslySetInnerHTML={{ __html: JSON.stringify(data).replaceAll('<', '\\u003c') }}
          />
          <script nonce={nonce} src={leafletJs} />
          <script nonce={nonce} src={clusterJs} />
          <script nonce={nonce} dangerouslySetInnerHTML={{ __html: MAP_SCRIPT }} />
        </>
      )
    },
  }
}

export function registerMap(app: Hono<AppEnv>): void {
  app.get('/map', async (c) => {
    const { db } = c.get('services')
    const query = MapQuery.parse(c.req.query())
    const scope = viewerUnitScope(c)
    const unit = scope ?? query.unit
    const open = and(
      inArray(hazards.status, [...OPEN_HAZARD_STATUSES]),
      unit === undefined ? undefined : eq(hazards.unitId, unit),
      query.level ? eq(hazards.level, query.level) : undefined,
    )
    const [rows, [unplaced], names] = await Promise.all([
      db
        .select()
        .from(hazards)
        .where(and(open, isNotNull(hazards.latitude), isNotNull(hazards.longitude)))
        .orderBy(desc(hazards.foundAt))
        .limit(MAX_POINTS),
      db
        .select({ n: sql<number>`count(*)::int` })
        .from(hazards)
        .where(and(open, or(isNull(hazards.latitude), isNull(hazards.longitude)))),
      unitNames(c),
    ])
    const points = rows.map((h) => ({ ...h, latitude: h.latitude as number, longitude: h.longitude as number }))
    const tiled = tiledMap(c)
    const filters = (
      <Filters
        action="/console/map"
        dates={false}
        query={Object.fromEntries(Object.entries(query).map(([k, v]) => [k, String(v ?? '')]))}
        selects={[
          { name: 'level', label: '等级', options: HAZARD_LEVELS.map((v) => [v, HAZARD_LEVEL_LABELS[v]] as const) },
          unitSelect('unit', '单位', names.filterable),
        ]}
      />
    )
    const summary = (
      <p class="meta">
        共 {points.length} 处有位置{unplaced?.n ? `，另有 ${unplaced.n} 处未记录位置` : ''}
        。红色为重大隐患，橙色为一般隐患，黑框为挂牌督办。点击可查看详情。
      </p>
    )
    if (tiled)
      return c.html(
        <Layout c={c} title="隐患地图" head={tiled.head}>
          {filters}
          <div class="card">
            <h2>隐患地图（未销号）</h2>
            {summary}
            {tiled.render(points, 560)}
          </div>
        </Layout>,
      )
    const projection = points.length ? projectPoints(points) : undefined
    return c.html(
      <Layout c={c} title="隐患地图">
        {filters}
        <div class="card">
          <h2>隐患地图（未销号）</h2>
          {summary}
          {projection ? (
            <svg
              viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
              width="100%"
              role="img"
              aria-label="隐患分布图"
              style="background:#f8fafc;border:1px solid #e5e7eb"
            >
              {[0, 0.25, 0.5, 0.75, 1].map((t) => {
                const { south, north, west, east } = projection.bounds
                const lat = south + (north - south) * t
                const lng = west + (east - west) * t
                return (
                  <g class="grid" stroke="#e5e7eb" font-size="10" fill="#6b7280">
                    <line x1={MARGIN} x2={WIDTH - MARGIN} y1={projection.y(lat)} y2={projection.y(lat)} />
                    <line y1={MARGIN} y2={HEIGHT - MARGIN} x1={projection.x(lng)} x2={projection.x(lng)} />
                    <text x={2} y={projection.y(lat) + 3} stroke="none">
                      {lat.toFixed(3)}
                    </text>
                    <text x={projection.x(lng) - 18} y={HEIGHT - 8} stroke="none">
                      {lng.toFixed(3)}
                    </text>
                  </g>
                )
              })}
              {projection.placed.map((h) => (
                <a href={`/console/hazards/${h.code}`}>
                  <circle
                    cx={h.cx.toFixed(1)}
                    cy={h.cy.toFixed(1)}
                    r={h.level === 'major' ? 8 : 6}
                    fill={h.level === 'major' ? '#d92d20' : '#f79009'}
                    fill-opacity="0.8"
                    stroke={h.listedSupervision ? '#111827' : '#ffffff'}
                    stroke-width={h.listedSupervision ? 2.5 : 1}
                    data-code={h.code}
                  >
                    <title>{`${h.code} ${CATEGORY_LABELS[h.category]} ${HAZARD_LEVEL_LABELS[h.level]} ${HAZARD_STATUS_LABELS[h.status]}\n${h.description}\n${h.locationText ?? ''}`}</title>
                  </circle>
                </a>
              ))}
            </svg>
          ) : (
            <p>暂无带位置的未销号隐患。上报隐患时发送位置即可显示在地图上。</p>
          )}
        </div>
      </Layout>,
    )
  })
}
