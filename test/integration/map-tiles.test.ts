import { describe, expect, it } from 'vitest'
import { ManualClock } from '../../src/domain/clock'
import { zonedInstant } from '../../src/domain/local-time'
import { convertDatum } from '../../src/domain/map-coordinates'
import { tileOrigin } from '../../src/routes/console/map'
import { reportHazard } from '../../src/services/hazards'
import { testApp } from '../helpers/app'
import { TEST_TIME_ZONE } from '../helpers/db'
import { type Seeded, useSeededApp } from '../helpers/seeded'

/**
 * With tiles configured the hazard map is a Leaflet map: the library from its npm package under a versioned
 * address, the tile server allowed by the page's policy and no other, each point moved from the GCJ-02 the
 * platforms send into the tiles' datum, filters by level and unit, and nothing a description says can escape
 * the page's data.
 */
const clock = new ManualClock(zonedInstant('2026-11-23', TEST_TIME_ZONE, 10))
const TIANDITU = 'https://t{s}.tianditu.gov.cn/vec_w/wmts?tk=key&TILEMATRIX={z}&TILEROW={y}&TILECOL={x}'
let seeded: Seeded
useSeededApp(clock, (s) => {
  seeded = s
})

interface MapData {
  tiles: { url: string; subdomains: string }
  points: { code: string; lat: number; lng: number; major: boolean; summary: string }[]
}

function mapData(html: string): MapData {
  const json = /<script type="application\/json" id="map-data">([^<]*)<\/script>/.exec(html)?.[1]
  if (!json) throw new Error('no map data on the page')
  return JSON.parse(json) as MapData
}

describe('the hazard map on tiles', () => {
  it('places each point in the tiles’ datum, with the library and the tile host allowed and nothing else', async () => {
    const { services } = seeded.harness
    const stored = { latitude: 29.0316, longitude: 111.6985 }
    const road = await reportHazard({
      ctx: services.ctx,
      input: { description: '井盖缺失</script><script>alert(1)</script>', category: 'road_municipal', ...stored },
      actor: seeded.city.actor('张伟'),
    })
    const major = await reportHazard({
      ctx: services.ctx,
      input: { description: '燃气泄漏', category: 'gas', level: 'major', latitude: 29.04, longitude: 111.71 },
      actor: seeded.city.actor('张伟'),
    })
    const onTianditu = testApp(seeded.database, clock, {
      DEMO: '1',
      MAP_TILE_URL: TIANDITU,
      MAP_TILE_SUBDOMAINS: '01234567',
    })
    const response = await onTianditu.app.request('/console/map')
    const html = await response.text()

    const policy = response.headers.get('content-security-policy') ?? ''
    expect(policy).toMatch(/img-src 'self' data: https:\/\/\*\.tianditu\.gov\.cn(;|$)/)
    expect(policy).toMatch(/script-src 'nonce-[^']+'(;|$)/)
    const scripts = [...html.matchAll(/<script nonce="[^"]+" src="([^"]+)"/g)].map((m) => m[1])
    expect(scripts).toEqual([
      expect.stringMatching(/^\/console\/assets\/vendor\/leaflet-1\.\d+\.\d+\.js$/),
      expect.stringMatching(/^\/console\/assets\/vendor\/markercluster-1\.\d+\.\d+\.js$/),
    ])
    for (const src of scripts) {
      const asset = await onTianditu.app.request(src as string)
      expect(asset.status).toBe(200)
      expect(asset.headers.get('cache-control')).toContain('immutable')
    }

    const data = mapData(html)
    expect(data.tiles).toMatchObject({ url: TIANDITU, subdomains: '01234567' })
    const placed = data.points.find((p) => p.code === road.code)
    const expected = convertDatum(stored, 'gcj02', 'wgs84')
    expect(placed?.lat).toBeCloseTo(expected.latitude, 5)
    expect(placed?.lng).toBeCloseTo(expected.longitude, 5)
    expect(Math.abs((placed?.lng ?? 0) - stored.longitude)).toBeGreaterThan(0.001)
    // The description is data: it cannot close the element it sits in.
    expect(html).not.toContain('</script><script>alert(1)')
    expect(placed?.summary).toContain('</script><script>alert(1)</script>')

    // 高德-style tiles are GCJ-02 already: nothing moves.
    const onGaode = testApp(seeded.database, clock, {
      DEMO: '1',
      MAP_TILE_URL: 'https://webrd0{s}.is.autonavi.com/appmaptile?x={x}&y={y}&z={z}&style=8',
      MAP_TILE_DATUM: 'gcj02',
      MAP_TILE_SUBDOMAINS: '1234',
    })
    const gaode = mapData(await (await onGaode.app.request('/console/map')).text())
    expect(gaode.points.find((p) => p.code === road.code)).toMatchObject({
      lat: stored.latitude,
      lng: stored.longitude,
    })

    // A hazard's own page shows it on the same tiles, alone.
    const detail = await onTianditu.app.request(`/console/hazards/${road.code}`)
    const own = mapData(await detail.text())
    expect(own.points.map((p) => p.code)).toEqual([road.code])
    expect(detail.headers.get('content-security-policy')).toContain('https://*.tianditu.gov.cn')

    // Filtered by level.
    const majors = mapData(await (await onTianditu.app.request('/console/map?level=major')).text())
    expect(majors.points.map((p) => p.code)).toEqual([major.code])
  })

  it('stays a grid without tiles, and refuses a tile setting that is not a template', async () => {
    const html = await (await seeded.harness.app.request('/console/map')).text()
    expect(html).toContain('<svg')
    expect(html).not.toContain('map-data')
    // A hazard's page still says where it is, in numbers.
    const [first] = /data-code="(YH[^"]+)"/.exec(html) ?? []
    const code = first?.slice('data-code="'.length, -1)
    const detail = await (await seeded.harness.app.request(`/console/hazards/${code}`)).text()
    expect(detail).toMatch(/纬度 \d+\.\d{5}，经度 \d+\.\d{5}（GCJ-02）/)
    expect(detail).not.toContain('map-data')
    expect(() => testApp(seeded.database, clock, { MAP_TILE_URL: 'https://tiles.example.com/map.png' })).toThrow(
      /MAP_TILE_URL: expected \{z\}, \{x\} and \{y\}/,
    )
  })

  it('allows exactly the tile host in the policy', () => {
    expect(tileOrigin(TIANDITU)).toBe('https://*.tianditu.gov.cn')
    expect(tileOrigin('https://tiles.city.gov.cn:8443/{z}/{x}/{y}.png')).toBe('https://tiles.city.gov.cn:8443')
    expect(tileOrigin('http://{s}.tile.example.org/{z}/{x}/{y}.png')).toBe('http://*.tile.example.org')
  })
})
