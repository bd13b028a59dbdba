import type ExcelJS from 'exceljs'
import type { PeriodFigures } from '../domain/period-figures'
import { ASSESSMENT_FORMULA } from '../domain/scoring'
import { addCampaignSheet } from './annex/campaign'
import { addDailyRecordSheet } from './annex/daily-record'
import { addPeriodicSheets } from './annex/periodic'
import { addSupervisionSheet } from './annex/supervision'
import { addWeeklySheet } from './annex/weekly'
import { formatRate } from './format'
import type { ReportContent } from './report-content'
import { newWorkbook } from './workbook'

export const XLSX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'

/**
 * A statutory report as XLSX: the paper forms it files (annex templates in ./annex, one sheet each, laid
 * out and printed as the scheme draws them), then the supporting tables: every patrol unit's figures and
 * the score sheet with each deduction and its reason.
 */
export const FIGURE_HEADERS = [
  '单位',
  '巡查次数',
  '出动人次',
  '出动台次',
  '发现隐患',
  '一般隐患',
  '重大隐患',
  '已整改',
  '整改率',
  '挂牌督办',
] as const

function figureRow(unit: string, f: PeriodFigures): (string | number)[] {
  return [
    unit,
    f.patrolCount,
    f.staffTurnouts,
    f.vehicleTurnouts,
    f.hazardsFound,
    f.general.found,
    f.major.found,
    f.hazardsRectified,
    formatRate(f.rectificationRate),
    f.listedSupervision,
  ]
}

function titled(sheet: ExcelJS.Worksheet, title: string, subtitle: string, width: number): void {
  sheet.addRow([title])
  sheet.mergeCells(1, 1, 1, width)
  const head = sheet.getCell(1, 1)
  head.font = { bold: true, size: 16 }
  head.alignment = { horizontal: 'center' }
  sheet.addRow([subtitle])
  sheet.mergeCells(2, 1, 2, width)
}

function table(sheet: ExcelJS.Worksheet, headers: readonly string[], rows: (string | number)[][]): void {
  const header = sheet.addRow([...headers])
  header.font = { bold: true }
  for (const row of rows) sheet.addRow(row)
  const first = header.number
  for (let r = first; r < first + rows.length + 1; r++) {
    for (let c = 1; c <= headers.length; c++) {
      sheet.getCell(r, c).border = {
        top: { style: 'thin' },
        left: { style: 'thin' },
        bottom: { style: 'thin' },
        right: { style: 'thin' },
      }
    }
  }
}

export async function buildReportWorkbook(content: ReportContent): Promise<Buffer> {
  const book = await newWorkbook()
  const annex = content.annex ?? {}
  // The paper forms first, in the order they are filed; the supporting tables after them.
  if (annex.weekly) addWeeklySheet(book, annex.weekly)
  if (annex.periodic) addPeriodicSheets(book, annex.periodic)
  for (const day of annex.daily ?? []) addDailyRecordSheet(book, day)
  for (const supervision of annex.supervisions ?? []) addSupervisionSheet(book, supervision)
  if (annex.campaign) addCampaignSheet(book, annex.campaign)
  if (content.kind === 'bulletin' || content.rows.length > 1) addUnitSummary(book, content)
  if (content.scores) addScoreSheet(book, content)
  if (content.supervision) addSupervisionSummarySheet(book, content)
  if (book.worksheets.length === 0) addUnitSummary(book, content)
  return Buffer.from(await book.xlsx.writeBuffer())
}

/** The bulletin's 督查情况: each supervising unit's reports to the lead office and its inspections. */
function addSupervisionSummarySheet(book: ExcelJS.Workbook, content: ReportContent): void {
  const sheet = book.addWorksheet('督查情况')
  titled(
    sheet,
    '各督查单位报表报送和督查落实情况',
    `统计周期：${content.periodLabel}    生成时间：${content.generatedAt}`,
    3,
  )
  table(
    sheet,
    ['督查单位', '月（季）报表报送', '督查次数（已落实/应落实）'],
    (content.supervision ?? []).map((s) => [
      s.unit,
      s.reports.join('\n') || '—',
      `${s.inspectionsDone}/${s.inspectionsRequired}`,
    ]),
  )
  sheet.getColumn(1).width = 16
  sheet.getColumn(2).width = 40
  sheet.getColumn(3).width = 24
  sheet.pageSetup = { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 }
}

/** Every patrol unit's figures side by side (the bulletin, and an appendix to the monthly forms). */
function addUnitSummary(book: ExcelJS.Workbook, content: ReportContent): void {
  const figures = book.addWorksheet('各单位汇总')
  titled(
    figures,
    content.title,
    `填报单位：${content.unitName}    统计周期：${content.periodLabel}    生成时间：${content.generatedAt}`,
    FIGURE_HEADERS.length,
  )
  const rows = content.rows.map((r) => figureRow(r.unit, r.figures))
  if (content.rows.length > 1) rows.push(figureRow('合计', content.totals))
  table(figures, FIGURE_HEADERS, rows)
  figures.columns.forEach((column, i) => {
    column.width = i === 0 ? 18 : 11
  })
  figures.pageSetup = { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 }
}

function addScoreSheet(book: ExcelJS.Workbook, content: ReportContent): void {
  const scores = book.addWorksheet('考核')
  titled(scores, '安全巡查（督查）工作考核表', `考核周期：${content.periodLabel}（单位部分：100分）`, 7)
  const header = ['单位', '组织（10分）', '实施（80分）', '问责追责（10分）', '得分', '扣分细则（附件1）', '扣分事实']
  table(
    scores,
    header,
    (content.scores ?? []).flatMap((s) => {
      const parts = s.score.parts
      const total = s.score.veto?.length ? `一票否决（${s.score.score}分）` : s.score.score
      const head = [s.unit, parts.organisation.score, parts.implementation.score, parts.accountability.score, total]
      const lines = [
        ...(s.score.veto ?? []).map((reason) => ['一票否决（方案五）', reason]),
        ...s.score.deductions.map((d) => [
          `${d.line} ${d.wording}`,
          `${d.reason}（${d.points > 0 ? `-${d.points}` : '不扣分'}）`,
        ]),
      ]
      if (lines.length === 0) return [[...head, '无', '']]
      // One row per deduction, the unit's figures on its first row, so every reason is read next to its line.
      return lines.map((line, i) => [...(i === 0 ? head : ['', '', '', '', '']), ...line])
    }),
  )
  // The formula under the table, so the printed sheet explains its own numbers.
  scores.addRow([])
  for (const line of ASSESSMENT_FORMULA) {
    const row = scores.addRow([line])
    scores.mergeCells(row.number, 1, row.number, header.length)
    row.getCell(1).alignment = { wrapText: true, vertical: 'top' }
    row.height = 30
  }
  scores.getColumn(1).width = 16
  scores.getColumn(6).width = 40
  scores.getColumn(7).width = 48
  scores.pageSetup = { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 }
}
