import type { PeriodFigures } from '../domain/period-figures'
import type { UnitScore } from '../domain/scoring'

/** What a statutory report says, independent of how it is rendered (XLSX for filing, markdown for chat). */
export interface UnitFigures {
  unit: string
  figures: PeriodFigures
}

export interface ReportContent {
  kind: 'weekly' | 'monthly' | 'quarterly' | 'bulletin'
  title: string
  unitName: string
  periodLabel: string
  rows: UnitFigures[]
  totals: PeriodFigures
  scores?: { unit: string; score: UnitScore }[]
  /** 日巡查工作记录: each patrol of the period (unit reports). */
  patrols?: {
    date: string
    time: string
    area: string
    patrollers: string
    staff: number
    vehicles: number
    hazards: string
    handling: string
    leader: string
  }[]
  /** 督查记录表: each inspection of the period (supervising units' reports). */
  supervisions?: {
    date: string
    inspected: string
    lead: string
    members: string
    matters: string
    problems: string
    requirements: string
  }[]
  generatedAt: string
}
