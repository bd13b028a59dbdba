import type { PeriodFigures } from '../domain/period-figures'
import type { UnitScore } from '../domain/scoring'
import type { CampaignForm, DailyRecordForm, PeriodicForm, SupervisionForm, WeeklyForm } from './annex/content'

/** What a statutory report says, independent of how it is rendered (XLSX for filing, markdown for chat). */
export interface UnitFigures {
  unit: string
  figures: PeriodFigures
}

export interface SupervisionSummary {
  unit: string
  /** Each report owed so far, e.g. 「2026年10月月报表：已签收」. */
  reports: string[]
  inspectionsDone: number
  inspectionsRequired: number
}

/** The paper forms a report files (source 000 附件2–5, source 004 附件), each rendered as its own sheet. */
export interface AnnexForms {
  weekly?: WeeklyForm
  periodic?: PeriodicForm
  daily?: DailyRecordForm[]
  supervisions?: SupervisionForm[]
  campaign?: CampaignForm
}

export interface ReportContent {
  kind: 'weekly' | 'monthly' | 'quarterly' | 'bulletin' | 'daily' | 'campaign'
  title: string
  unitName: string
  periodLabel: string
  rows: UnitFigures[]
  totals: PeriodFigures
  scores?: { unit: string; score: UnitScore }[]
  annex?: AnnexForms
  /**
   * The bulletin's 督查情况 (source 000 (四) 3: 汇总各巡查单位上报情况和督查情况): each supervising unit's
   * reports to the lead office this quarter and its inspections against the supervision table.
   */
  supervision?: SupervisionSummary[]
  generatedAt: string
  /** The local date it was rendered (drafts such as the bulletin are refreshed once a day). */
  generatedOn?: string
}
