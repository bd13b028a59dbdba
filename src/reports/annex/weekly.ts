import type ExcelJS from 'exceljs'
import { signatureText, type WeeklyForm } from './content'
import { box, dateHeading, fitRowHeight, labelValueRow, paperSheet, plainLine, titleRow } from './paper'

/**
 * 附件3 安全巡查隐患台账及整改情况周报表 (source 000): 呈报单位（盖章） and the date; the grid of label/value pairs
 * 周/月 · 出动人员（人次） · 出动车辆（台次） · 发现隐患（处） · 整改隐患（处） · 巡查人员; the rows 主要隐患台账, 落实整改情况,
 * 工作建议 spanning the page; 分管领导签字 and 填表人 below.
 */
const COLUMNS = 12

export function addWeeklySheet(book: ExcelJS.Workbook, form: WeeklyForm): ExcelJS.Worksheet {
  const sheet = paperSheet(book, '附件3 周报表', {
    orientation: 'landscape',
    widths: [8, 14, 9, 7, 9, 7, 9, 7, 9, 7, 8, 20],
    repeatRows: '1:2',
  })
  titleRow(sheet, 1, COLUMNS, `${form.bureau}安全巡查隐患台账及整改情况周报表`)
  plainLine(sheet, 2, 1, 7, `呈报单位（盖章）：${form.unitName}`)
  plainLine(sheet, 2, 8, COLUMNS, dateHeading(form.filedOn), 'right')
  const grid: [string, string | number][] = [
    ['周/月', form.periodLabel],
    ['出动人员\n（人次）', form.staffTurnouts],
    ['出动车辆\n（台次）', form.vehicleTurnouts],
    ['发现隐患\n（处）', form.hazardsFound],
    ['整改隐患\n（处）', form.hazardsRectified],
    ['巡查\n人员', form.patrollers],
  ]
  labelValueRow(sheet, 3, grid)
  fitRowHeight(sheet, 3, Math.max(3, Math.ceil(form.patrollers.length / 10)))
  const ledger = form.hazardLedger.length ? form.hazardLedger.join('\n') : '本周未发现隐患。'
  const rows: [string, string, number][] = [
    ['主要隐患台账', ledger, form.hazardLedger.length + 1],
    ['落实整改情况', form.rectification, Math.ceil(form.rectification.length / 60) + 1],
    ['工作\n建议', form.suggestions, Math.ceil(form.suggestions.length / 60) + 1],
  ]
  rows.forEach(([label, value, lines], i) => {
    box(sheet, { row: 4 + i, col: 1 }, label, 'label')
    box(sheet, { row: 4 + i, col: 2, cols: COLUMNS - 1 }, value)
    fitRowHeight(sheet, 4 + i, Math.max(4, lines))
  })
  plainLine(sheet, 8, 1, 6, signatureText(form.chargeLeader))
  plainLine(sheet, 8, 7, COLUMNS, signatureText(form.filler))
  return sheet
}
