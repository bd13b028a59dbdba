import { describe, expect, it } from 'vitest'
import { ManualClock } from '../../src/domain/clock'
import { zonedInstant } from '../../src/domain/local-time'
import { projectPoints } from '../../src/routes/console/map'
import { applyHazardCommand, reportHazard } from '../../src/services/hazards'
import { TEST_TIME_ZONE } from '../helpers/db'
import { type Seeded, useSeededApp } from '../helpers/seeded'

const clock = new ManualClock(zonedInstant('2026-11-23', TEST_TIME_ZONE, 10))
let seeded: Seeded

useSeededApp(clock, (s) => {
  seeded = s
})

describe('hazard map', () => {
  it('draws open hazards with a location, linked to their records; closed ones and ones without a place are not drawn', async () => {
    const { services } = seeded.harness
    const report = (description: string, category: 'road_municipal' | 'gas', where?: [number, number]) =>
      reportHazard({
        ctx: services.ctx,
        input: { description, category, latitude: where?.[0], longitude: where?.[1] },
        actor: seeded.city.actor('张伟'),
      })
    const road = await report('井盖缺失', 'road_municipal', [29.0316, 111.6985])
    const gas = await report('燃气管道外露', 'gas', [29.04, 111.71])
    const voided = await report('误报', 'road_municipal', [29.02, 111.69])
    await applyHazardCommand({
      ctx: services.ctx,
      hazardId: voided.id,
      command: { action: 'void', reason: '重复' },
      actor: seeded.city.actor('陈刚'),
    })
    await report('无位置的隐患', 'road_municipal')

    const page = await (await seeded.harness.app.request('/console/map')).text()
    expect(page).toContain(`data-code="${road.code}"`)
    expect(page).toContain(`href="/console/hazards/${gas.code}"`)
    expect(page).not.toContain(`data-code="${voided.code}"`)
    expect(page).toContain('共 2 处有位置，另有 1 处未记录位置')
  })
})

describe('map projection', () => {
  it('puts north up and east right, inside the drawing, keeping distances in proportion', () => {
    const { placed } = projectPoints(
      [
        { code: 'sw', latitude: 29.0, longitude: 111.6 },
        { code: 'ne', latitude: 29.1, longitude: 111.8 },
      ],
      800,
      600,
    )
    const [sw, ne] = placed
    expect(ne?.cx).toBeGreaterThan(sw?.cx ?? 0)
    expect(ne?.cy).toBeLessThan(sw?.cy ?? 0)
    for (const p of placed) {
      expect(p.cx).toBeGreaterThan(0)
      expect(p.cx).toBeLessThan(800)
      expect(p.cy).toBeGreaterThan(0)
      expect(p.cy).toBeLessThan(600)
    }
    // 0.2° of longitude at 29°N is about 1.75× the 0.1° of latitude on the ground, and on the drawing.
    const ratio = ((ne?.cx ?? 0) - (sw?.cx ?? 0)) / ((sw?.cy ?? 0) - (ne?.cy ?? 0))
    expect(ratio).toBeCloseTo(2 * Math.cos((29.05 * Math.PI) / 180), 1)
  })

  it('draws a single point in the middle', () => {
    const { placed } = projectPoints([{ code: 'one', latitude: 29, longitude: 111 }], 800, 600)
    expect(placed[0]?.cx).toBeCloseTo(400, 0)
    expect(placed[0]?.cy).toBeCloseTo(300, 0)
  })
})
