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
  generatedAt: string
}
