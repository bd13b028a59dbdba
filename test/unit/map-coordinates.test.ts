import { describe, expect, it } from 'vitest'
import { convertDatum } from '../../src/domain/map-coordinates'

/** Metres between two nearby points (equirectangular: exact enough at these distances). */
function metres(a: { latitude: number; longitude: number }, b: { latitude: number; longitude: number }): number {
  const rad = Math.PI / 180
  const x = (b.longitude - a.longitude) * rad * Math.cos(((a.latitude + b.latitude) / 2) * rad)
  const y = (b.latitude - a.latitude) * rad
  return Math.hypot(x, y) * 6_371_000
}

describe('datum conversion between GCJ-02 and WGS-84', () => {
  // Tiananmen: the published WGS-84 position and the GCJ-02 one Chinese maps show for it.
  const wgs84 = { latitude: 39.90793, longitude: 116.39125 }

  it('moves a point in China by the few hundred metres GCJ-02 offsets it', () => {
    const gcj02 = convertDatum(wgs84, 'wgs84', 'gcj02')
    const offset = metres(wgs84, gcj02)
    expect(offset).toBeGreaterThan(100)
    expect(offset).toBeLessThan(700)
  })

  it('brings a GCJ-02 point back to where it was within a metre', () => {
    for (const point of [
      wgs84,
      { latitude: 29.0405, longitude: 111.6951 },
      { latitude: 22.5431, longitude: 114.0579 },
    ]) {
      const back = convertDatum(convertDatum(point, 'wgs84', 'gcj02'), 'gcj02', 'wgs84')
      expect(metres(point, back)).toBeLessThan(1)
    }
  })

  it('leaves points outside China and same-datum requests alone', () => {
    const paris = { latitude: 48.8584, longitude: 2.2945 }
    expect(metres(paris, convertDatum(paris, 'gcj02', 'wgs84'))).toBeLessThan(0.01)
    expect(convertDatum(wgs84, 'wgs84', 'wgs84')).toBe(wgs84)
  })
})
