import type { Category } from './categories'
import type { HazardLevel, HazardStatus } from './hazard-lifecycle'

/** The figures every statutory form is built from, for one unit (or all) and one period. */
export interface PatrolFact {
  startedAt: Date
  staffCount: number
  vehicleCount: number
}

export interface HazardFact {
  code: string
  description: string
  locationText: string | null
  category: Category
  level: HazardLevel
  status: HazardStatus
  foundAt: Date
  closedAt: Date | null
  listedSupervision: boolean
}

export interface LevelFigures {
  found: number
  rectified: number
  /** rectified / found, or null when nothing was found (a rate of nothing is not 100%). */
  rectificationRate: number | null
}

export interface PeriodFigures {
  patrolCount: number
  staffTurnouts: number
  vehicleTurnouts: number
  hazardsFound: number
  /** Of the hazards found in the period, how many were closed (销号) by its end. */
  hazardsRectified: number
  rectificationRate: number | null
  /** Hazards closed inside the period, whenever they were found. */
  closedInPeriod: number
  general: LevelFigures
  major: LevelFigures
  listedSupervision: number
  /** 挂牌督办 on the campaign table: major hazards only (source 004 附件, 重大隐患 · 挂牌督办). */
  majorListed: number
  mainHazards: HazardFact[]
}

const MAIN_HAZARD_LIMIT = 10

export function computePeriodFigures(
  period: { startAt: Date; endAt: Date },
  patrols: readonly PatrolFact[],
  hazards: readonly HazardFact[],
): PeriodFigures {
  const inPeriod = (d: Date) => d.getTime() >= period.startAt.getTime() && d.getTime() <= period.endAt.getTime()
  const periodPatrols = patrols.filter((p) => inPeriod(p.startedAt))
  const found = hazards.filter((h) => h.status !== 'voided' && inPeriod(h.foundAt))
  const isRectified = (h: HazardFact) => h.closedAt !== null && h.closedAt.getTime() <= period.endAt.getTime()
  const levelFigures = (level: HazardLevel): LevelFigures => {
    const ofLevel = found.filter((h) => h.level === level)
    const rectified = ofLevel.filter(isRectified).length
    return { found: ofLevel.length, rectified, rectificationRate: rate(rectified, ofLevel.length) }
  }
  const rectified = found.filter(isRectified).length
  const openAtSomePointInPeriod = hazards.filter(
    (h) =>
      h.status !== 'voided' &&
      h.foundAt.getTime() <= period.endAt.getTime() &&
      (h.closedAt === null || h.closedAt.getTime() >= period.startAt.getTime()),
  )
  return {
    patrolCount: periodPatrols.length,
    staffTurnouts: periodPatrols.reduce((sum, p) => sum + p.staffCount, 0),
    vehicleTurnouts: periodPatrols.reduce((sum, p) => sum + p.vehicleCount, 0),
    hazardsFound: found.length,
    hazardsRectified: rectified,
    rectificationRate: rate(rectified, found.length),
    closedInPeriod: hazards.filter((h) => h.closedAt !== null && inPeriod(h.closedAt)).length,
    general: levelFigures('general'),
    major: levelFigures('major'),
    listedSupervision: openAtSomePointInPeriod.filter((h) => h.listedSupervision).length,
    majorListed: openAtSomePointInPeriod.filter((h) => h.listedSupervision && h.level === 'major').length,
    mainHazards: [...found]
      .sort((a, b) => (a.level === b.level ? a.foundAt.getTime() - b.foundAt.getTime() : a.level === 'major' ? -1 : 1))
      .slice(0, MAIN_HAZARD_LIMIT),
  }
}

function rate(part: number, whole: number): number | null {
  return whole === 0 ? null : Math.round((part / whole) * 10_000) / 10_000
}
