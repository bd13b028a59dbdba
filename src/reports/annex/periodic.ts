import type ExcelJS from 'exceljs'
import { type LedgerEntry, type PeriodicForm, signatureText } from './content'
import { box, dateHeading, fitRowHeight, labelValueRow, paperSheet, plainLine, titleRow } from './paper'

/**
 * 附件4 安全巡查隐患台账及整改情况月（季）报表 (source 000): 呈报单位（盖章） and the date; the grid 周/月 ·
 * 出动巡查人数 · 出动车辆（台次） · 发现隐患（处） · 落实整改（处） · 分管负责人签字; the rows 行业隐患分类台账,
 * 落实整改主要工作, 工作建议. The ledger row holds the complete ledger grouped by industry; when it is longer than
 * the box can hold, the box counts it by industry and the ledger continues on 续表 sheets.
 */
const COLUMNS = 12
/** Entries the ledger box lists itself; more continue on the 续表. */
export const LEDGER_BOX_LIMIT = 15

export function addPeriodicSheets(book: ExcelJS.Workbook, form: PeriodicForm): ExcelJS.Worksheet[] {
  const which = form.period === 'month' ? '月报表' : '季报表'
  const sheet = paperSheet(book, `附件4 ${which}`, {
    orientation: 'landscape',
    widths: [9, 14, 9, 7, 9, 7, 9, 7, 9, 7, 10, 22],
    repeatRows: '1:2',
  })
  titleRow(sheet, 1, COLUMNS, `${form.bureau}安全巡查隐患台账及整改情况月（季）报表`)
  plainLine(sheet, 2, 1, 7, `呈报单位（盖章）：${form.unitName}`)
  plainLine(sheet, 2, 8, COLUMNS, dateHeading(form.filedOn), 'right')
  const grid: [string, string | number][] = [
    ['周/月', form.periodLabel],
    ['出动巡查\n人数', form.distinctPatrollers],
    ['出动车辆\n（台次）', form.vehicleTurnouts],
    ['发现隐\n患（处）', form.hazardsFound],
    ['落实整改\n（处）', form.hazardsRectified],
    ['分管负责人\n签字', form.chargeLeader.signer ? (signatureText(form.chargeLeader).split('：')[1] ?? '') : '待确认'],
  ]
  labelValueRow(sheet, 3, grid)
  fitRowHeight(sheet, 3, 3)
  const entries = form.ledgerByCategory.flatMap((g) => g.entries)
  const ledgerText = ledgerBoxText(form)
  const rows: [string, string, number][] = [
    ['行业隐患分类台账', ledgerText, ledgerText.split('\n').length],
    ['落实整改主要工作', form.mainWork, Math.ceil(form.mainWork.length / 60) + 1],
    ['工作\n建议', form.suggestions, Math.ceil(form.suggestions.length / 60) + 1],
  ]
  rows.forEach(([label, value, lines], i) => {
    box(sheet, { row: 4 + i, col: 1 }, label, 'label')
    box(sheet, { row: 4 + i, col: 2, cols: COLUMNS - 1 }, value)
    fitRowHeight(sheet, 4 + i, Math.max(4, lines))
  })
  const sheets = [sheet]
  if (entries.length > LEDGER_BOX_LIMIT) sheets.push(addLedgerContinuation(book, form))
  return sheets
}

function ledgerBoxText(form: PeriodicForm): string {
  const entries = form.ledgerByCategory.flatMap((g) => g.entries)
  if (entries.length === 0) return '本期未发现隐患。'
  if (entries.length > LEDGER_BOX_LIMIT) {
    const counts = form.ledgerByCategory.map((g) => `${g.category} ${g.entries.length} 处`).join('；')
    return `共 ${entries.length} 处：${counts}。逐项台账见续表。`
  }
  return form.ledgerByCategory
    .map((g) => [`【${g.category}】${g.entries.length} 处`, ...g.entries.map(entryLine)].join('\n'))
    .join('\n')
}

function entryLine(e: LedgerEntry): string {
  return `${e.code} ${e.description}（${e.place || '地点未填'}，${e.level}，${e.foundBy}，${e.status}）`
}

/** 行业隐患分类台账（续表）: every hazard of the period, by industry, the header repeated on each printed page. */
function addLedgerContinuation(book: ExcelJS.Workbook, form: PeriodicForm): ExcelJS.Worksheet {
  const sheet = paperSheet(book, '附件4 行业隐患分类台账（续表）', {
    orientation: 'landscape',
    widths: [6, 14, 18, 40, 22, 8, 16, 12],
    repeatRows: '1:3',
  })
  const headers = ['序号', '行业类别', '隐患编号', '隐患描述', '地点', '等级', '发现单位', '整改情况']
  titleRow(sheet, 1, headers.length, '行业隐患分类台账（续表）')
  plainLine(sheet, 2, 1, headers.length, `呈报单位：${form.unitName}    ${form.periodLabel}`)
  headers.forEach((label, i) => {
    box(sheet, { row: 3, col: i + 1 }, label, 'label')
  })
  let row = 4
  let n = 0
  for (const group of form.ledgerByCategory) {
    const first = row
    for (const e of group.entries) {
      n++
      box(sheet, { row, col: 1 }, n, 'figure')
      box(sheet, { row, col: 3 }, e.code)
      box(sheet, { row, col: 4 }, e.description)
      box(sheet, { row, col: 5 }, e.place)
      box(sheet, { row, col: 6 }, e.level, 'figure')
      box(sheet, { row, col: 7 }, e.foundBy)
      box(sheet, { row, col: 8 }, e.status)
      fitRowHeight(sheet, row, Math.ceil(e.description.length / 20))
      row++
    }
    box(
      sheet,
      { row: first, col: 2, rows: group.entries.length },
      `${group.category}\n（${group.entries.length} 处）`,
      'label',
    )
  }
  return sheet
}
