import type ExcelJS from 'exceljs'
import { type DailyRecordForm, signatureText } from './content'
import { box, dateHeading, fitRowHeight, paperSheet, plainLine, titleRow } from './paper'

/**
 * 附件2 安全日巡查工作记录表 (source 000): the title, the 年 月 日 line, five boxed columns — 巡查时间（起止时间）,
 * 巡查地段（项目）, 安全隐患, 处理结果, 巡查人 — one row per hazard with its own 处理结果 (a patrol's time, place and
 * people merged over its rows), at least the paper's four rows, and the two signature lines.
 */
const COLUMNS = 5
const PAPER_ROWS = 4

export function addDailyRecordSheet(book: ExcelJS.Workbook, form: DailyRecordForm): ExcelJS.Worksheet {
  const sheet = paperSheet(book, `附件2 ${form.unitName} ${form.date.slice(5)}`, {
    orientation: 'portrait',
    widths: [16, 20, 30, 24, 14],
    repeatRows: '1:3',
    header: `${form.unitName}`,
  })
  titleRow(sheet, 1, COLUMNS, `${form.bureau}安全日巡查工作记录表`)
  plainLine(sheet, 2, 1, COLUMNS, dateHeading(form.date), 'right')
  const headers = ['巡查时间\n（起止时间）', '巡查地段\n（项目）', '安全隐患', '处理结果', '巡查人']
  headers.forEach((label, i) => {
    box(sheet, { row: 3, col: i + 1 }, label, 'label')
  })
  sheet.getRow(3).height = 36
  let row = 4
  for (const patrol of form.patrols) {
    const rows = Math.max(1, patrol.findings.length)
    box(sheet, { row, col: 1, rows }, patrol.time)
    box(sheet, { row, col: 2, rows }, patrol.place)
    box(sheet, { row, col: 5, rows }, patrol.patrollers)
    const findings = patrol.findings.length ? patrol.findings : [{ hazard: '无', result: '' }]
    findings.forEach((finding, i) => {
      box(sheet, { row: row + i, col: 3 }, finding.hazard)
      box(sheet, { row: row + i, col: 4 }, finding.result)
      fitRowHeight(sheet, row + i, Math.ceil(Math.max(finding.hazard.length / 14, finding.result.length / 11)))
    })
    row += rows
  }
  // The paper form has four ruled rows; an empty day still prints them.
  while (row < 4 + PAPER_ROWS) {
    for (let col = 1; col <= COLUMNS; col++) box(sheet, { row, col }, '')
    fitRowHeight(sheet, row, 2)
    row++
  }
  row++
  plainLine(sheet, row, 1, 2, signatureText(form.patrolLead))
  plainLine(sheet, row, 3, COLUMNS, signatureText(form.unitLeader))
  return sheet
}
