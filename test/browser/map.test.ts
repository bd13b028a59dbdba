import { mkdirSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import type { serve } from '@hono/node-server'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ManualClock } from '../../src/domain/clock'
import { zonedInstant } from '../../src/domain/local-time'
import { seedDemoHistory } from '../../src/seed/demo-history'
import { FAKE_IMAGE } from '../fakes/wechat-api'
import { testApp } from '../helpers/app'
import { chromiumAvailable, launchChromium, serveOnLoopback } from '../helpers/browser'
import { createTestDatabase, seedDefaults, TEST_TIME_ZONE, type TestDatabase } from '../helpers/db'

/**
 * The hazard map as Leaflet in a real browser, on tiles from a local tile server (as a city's own would serve
 * them): the tiles are fetched, the demo city's open hazards are drawn as markers or clusters, and a marker
 * opens its record.
 */
const artifacts = join(process.cwd(), 'test-artifacts', 'browser')

describe.skipIf(!chromiumAvailable)('the Leaflet hazard map in a real browser', () => {
  const clock = new ManualClock(zonedInstant('2026-11-23', TEST_TIME_ZONE, 10))
  let database: TestDatabase
  let server: ReturnType<typeof serve>
  let tiles: Server
  const tileRequests: string[] = []
  let base = ''
  let browser: Browser

  beforeAll(async () => {
    tiles = createServer((req, res) => {
      tileRequests.push(String(req.url))
      res.writeHead(200, { 'content-type': 'image/png' })
      res.end(FAKE_IMAGE)
    })
    await new Promise<void>((resolve) => tiles.listen(0, '127.0.0.1', resolve))
    const tileUrl = `http://127.0.0.1:${(tiles.address() as AddressInfo).port}/{z}/{x}/{y}.png`
    database = await createTestDatabase()
    await seedDefaults(database, clock.now())
    await seedDemoHistory(database.db, { now: clock.now(), timeZone: TEST_TIME_ZONE })
    const { app } = testApp(database, clock, { MAP_TILE_URL: tileUrl, MAP_TILE_ATTRIBUTION: '本市地图' })
    ;({ base, server } = await serveOnLoopback(app.fetch))
    browser = await launchChromium()
  }, 120_000)

  afterAll(async () => {
    await browser?.close()
    server?.close()
    tiles?.close()
    await database?.drop()
  })

  it('draws the open hazards on the tiles, and a marker leads to its record', async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 900 } })
    const errors: string[] = []
    page.on('pageerror', (error) => errors.push(error.message))
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text())
    })
    try {
      await page.goto(`${base}/console/map`)
      await page.waitForSelector('#map[data-points]')
      const points = Number(await page.getAttribute('#map', 'data-points'))
      expect(points).toBeGreaterThan(0)
      // Each point is a marker or part of a cluster.
      await page.waitForSelector('.leaflet-overlay-pane path.leaflet-interactive, .marker-cluster')
      expect(tileRequests.length).toBeGreaterThan(0)
      expect(await page.textContent('.leaflet-control-attribution')).toContain('本市地图')
      expect(errors).toEqual([])

      // A cluster opens when clicked (the map zooms to it) until single markers show; one opens a popup.
      const markers = page.locator('.leaflet-overlay-pane path.leaflet-interactive')
      for (let opened = 0; opened < 8 && (await markers.count()) === 0; opened++) {
        const zoom = await page.getAttribute('#map', 'data-zoom')
        await page.locator('.marker-cluster').first().click()
        await page.waitForFunction(
          `document.querySelectorAll('.leaflet-overlay-pane path.leaflet-interactive').length > 0 ||
           document.getElementById('map').dataset.zoom !== '${zoom}'`,
        )
      }
      await markers.first().click({ force: true })
      const link = page.locator('.leaflet-popup-content a')
      await link.waitFor()
      expect(await link.getAttribute('href')).toMatch(/^\/console\/hazards\/YH\d{8}-\d{4}$/)
      mkdirSync(artifacts, { recursive: true })
      await page.screenshot({ path: join(artifacts, 'map-leaflet.png') })
    } finally {
      await page.close()
    }
  }, 60_000)
})
