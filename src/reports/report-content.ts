import type { PeriodFigures } from '../domain/period-figures'
import type { UnitScore } from '../domain/scoring'
import type { CampaignForm, DailyRecordForm, PeriodicForm, SupervisionForm, WeeklyForm } from './annex/content'

/** What a statutory report says, independent of how it is rendered (XLSX for filing, markdown for chat). */
export interface UnitFigures {
  unit: string
  figures: PeriodFigures
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
  generatedAt: string
  /** The local date it was rendered (drafts such as the bulletin are refreshed once a day). */
  generatedOn?: string
}
