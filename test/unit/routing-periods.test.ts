import { describe, expect, it } from 'vitest'
import { zonedInstant } from '../../src/domain/local-time'
import { computePeriodFigures, type HazardFact } from '../../src/domain/period-figures'
import { periodOfDate, previousPeriod, quarterlyBulletinDueDate } from '../../src/domain/periods'
import { routeCategory } from '../../src/domain/routing'

const TZ = 'Asia/Shanghai'

describe('routing', () => {
  const table = [
    { category: 'gas' as const, unitId: 3 },
    { category: 'bridge' as const, unitId: 4 },
  ]
  it('routes a category to its unit from the table', () => {
    expect(routeCategory('gas', table)).toEqual({ routed: true, unitId: 3, category: 'gas' })
    expect(routeCategory('bridge', table)).toEqual({ routed: true, unitId: 4, category: 'bridge' })
  })
  it('leaves an unrouted category for manual dispatch', () => {
    expect(routeCategory('other', table)).toEqual({ routed: false, category: 'other', reason: 'no_rule' })
  })
})

describe('reporting periods', () => {
  it('runs weeks Monday to Sunday in local time', () => {
    const week = periodOfDate('week', '2026-11-25', TZ)
    expect([week.start, week.end]).toEqual(['2026-11-23', '2026-11-29'])
    expect(week.startAt.toISOString()).toBe('2026-11-22T16:00:00.000Z')
    expect(week.endAt.toISOString()).toBe('2026-11-29T15:59:59.999Z')
    expect(previousPeriod(week, TZ).start).toBe('2026-11-16')
  })
  it('has months and quarters with the bulletin due on the 28th of the last month', () => {
    expect(periodOfDate('month', '2026-02-10', TZ)).toMatchObject({
      start: '2026-02-01',
      end: '2026-02-28',
      label: '2026年2月',
    })
    const q = periodOfDate('quarter', '2026-11-23', TZ)
    expect(q).toMatchObject({ start: '2026-10-01', end: '2026-12-31', label: '2026年第4季度' })
    expect(quarterlyBulletinDueDate(q)).toBe('2026-12-28')
  })
})

describe('period figures for the statutory forms', () => {
  const period = periodOfDate('week', '2026-11-25', TZ)
  const inWeek = (day: string, hour = 10) => zonedInstant(day, TZ, hour)
  const hazard = (over: Partial<HazardFact>): HazardFact => ({
    code: 'YH',
    description: '井盖缺失',
    locationText: null,
    category: 'road_municipal',
    level: 'general',
    status: 'assigned',
    foundAt: inWeek('2026-11-24'),
    closedAt: null,
    listedSupervision: false,
    ...over,
  })

  it('sums turn-outs and counts hazards, rectification and listed supervision', () => {
    const figures = computePeriodFigures(
      period,
      [
        { startedAt: inWeek('2026-11-23'), staffCount: 2, vehicleCount: 1 },
        { startedAt: inWeek('2026-11-24'), staffCount: 3, vehicleCount: 0 },
        { startedAt: inWeek('2026-11-30'), staffCount: 9, vehicleCount: 9 }, // next week
      ],
      [
        hazard({ code: 'A', status: 'closed', closedAt: inWeek('2026-11-26') }),
        hazard({ code: 'B' }),
        hazard({ code: 'C', level: 'major', listedSupervision: true, foundAt: inWeek('2026-11-25') }),
        hazard({ code: 'D', level: 'major', status: 'closed', closedAt: inWeek('2026-11-27') }),
        hazard({ code: 'E', status: 'voided' }),
        hazard({ code: 'F', foundAt: inWeek('2026-11-10'), status: 'closed', closedAt: inWeek('2026-11-24') }),
      ],
    )
    expect(figures).toMatchObject({
      patrolCount: 2,
      staffTurnouts: 5,
      vehicleTurnouts: 1,
      hazardsFound: 4,
      hazardsRectified: 2,
      rectificationRate: 0.5,
      closedInPeriod: 3,
      general: { found: 2, rectified: 1, rectificationRate: 0.5 },
      major: { found: 2, rectified: 1, rectificationRate: 0.5 },
      listedSupervision: 1,
    })
    expect(figures.mainHazards.map((h) => h.code)).toEqual(['D', 'C', 'A', 'B'])
  })

  it('reports no rate rather than 100% when nothing was found', () => {
    const figures = computePeriodFigures(period, [], [])
    expect(figures.rectificationRate).toBeNull()
    expect(figures.general.rectificationRate).toBeNull()
  })
})
