import { and, desc, eq, inArray, isNotNull, isNull, or, sql } from 'drizzle-orm'
import type { Hono } from 'hono'
import type { AppEnv } from '../../app-env'
import { hazards } from '../../db/schema'
import { CATEGORY_LABELS } from '../../domain/categories'
import { HAZARD_LEVEL_LABELS, HAZARD_STATUS_LABELS, OPEN_HAZARD_STATUSES } from '../../domain/hazard-lifecycle'
import { Layout } from './layout'
import { viewerUnitScope } from './session'

/**
 * 隐患地图: the open hazards that have a location, drawn where they are. The server has no internet, so
 * there are no map tiles: the points are projected onto a plain grid with latitude and longitude marked,
 * which is enough to see clusters and to click through to each record.
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

export function registerMap(app: Hono<AppEnv>): void {
  app.get('/map', async (c) => {
    const { db } = c.var.services
    const unit = viewerUnitScope(c)
    const open = and(
      inArray(hazards.status, [...OPEN_HAZARD_STATUSES]),
      unit === undefined ? undefined : eq(hazards.unitId, unit),
    )
    const [rows, [unplaced]] = await Promise.all([
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
    ])
    const points = rows.map((h) => ({ ...h, latitude: h.latitude as number, longitude: h.longitude as number }))
    const projection = points.length ? projectPoints(points) : undefined
    return c.html(
      <Layout c={c} title="隐患地图">
        <div class="card">
          <h2>隐患地图（未销号）</h2>
          <p class="meta">
            共 {points.length} 处有位置{unplaced?.n ? `，另有 ${unplaced.n} 处未记录位置` : ''}
            。红色为重大隐患，橙色为一般隐患，黑框为挂牌督办。点击可查看详情。
          </p>
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
