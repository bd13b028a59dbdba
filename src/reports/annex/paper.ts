import type ExcelJS from 'exceljs'

/**
 * The paper look every annex form shares: an A4 page fitted to its width, the header rows repeated on each
 * printed page, boxed cells where the paper has boxes and no screen gridlines, so what prints is the form
 * as the scheme draws it. Each annex template (daily-record.ts, weekly.ts, …) lays its own cells out with
 * these helpers.
 */
export interface PaperSetup {
  orientation: 'portrait' | 'landscape'
  /** Column widths in characters, one per column of the form. */
  widths: readonly number[]
  /** Rows repeated at the top of every printed page, e.g. '1:3'. */
  repeatRows?: string
  /** Printed in the page header: which unit and day a sheet is, when the form itself has no field for it. */
  header?: string
}

const A4 = 9
const THIN: Partial<ExcelJS.Border> = { style: 'thin' }
export const BOX: Partial<ExcelJS.Borders> = { top: THIN, left: THIN, bottom: THIN, right: THIN }

export function paperSheet(book: ExcelJS.Workbook, name: string, setup: PaperSetup): ExcelJS.Worksheet {
  const sheet = book.addWorksheet(sheetName(book, name), {
    views: [{ showGridLines: false }],
    pageSetup: {
      paperSize: A4,
      orientation: setup.orientation,
      fitToPage: true,
      fitToWidth: 1,
      // 0: as many pages tall as the rows need, so a long ledger continues rather than shrinking.
      fitToHeight: 0,
      horizontalCentered: true,
      margins: { left: 0.6, right: 0.6, top: 0.8, bottom: 0.8, header: 0.3, footer: 0.3 },
      printTitlesRow: setup.repeatRows,
    },
  })
  setup.widths.forEach((width, i) => {
    sheet.getColumn(i + 1).width = width
  })
  if (setup.header) sheet.headerFooter.oddHeader = `&L${escapeHeader(setup.header)}`
  sheet.headerFooter.oddFooter = '&C第 &P 页，共 &N 页'
  return sheet
}

/** Excel sheet names: at most 31 characters, none of []:*?/\, unique in the book. */
function sheetName(book: ExcelJS.Workbook, wanted: string): string {
  const base = wanted.replace(/[[\]:*?/\\]/g, '-').slice(0, 28)
  let name = base
  for (let n = 2; book.getWorksheet(name); n++) name = `${base}(${n})`
  return name
}

function escapeHeader(text: string): string {
  return text.replace(/&/g, '&&')
}

/** The form's title across the page, as printed at the top of the paper form. */
export function titleRow(sheet: ExcelJS.Worksheet, row: number, columns: number, text: string): void {
  sheet.mergeCells(row, 1, row, columns)
  const cell = sheet.getCell(row, 1)
  cell.value = text
  cell.font = { bold: true, size: 16, name: '宋体' }
  cell.alignment = { horizontal: 'center', vertical: 'middle' }
  sheet.getRow(row).height = 30
}

/** A line of free text outside the boxes (呈报单位, the date, a signature line), left, centre or right. */
export function plainLine(
  sheet: ExcelJS.Worksheet,
  row: number,
  from: number,
  to: number,
  text: string,
  align: 'left' | 'center' | 'right' = 'left',
): void {
  if (to > from) sheet.mergeCells(row, from, row, to)
  const cell = sheet.getCell(row, from)
  cell.value = text
  cell.alignment = { horizontal: align, vertical: 'middle', wrapText: true }
  sheet.getRow(row).height = Math.max(sheet.getRow(row).height ?? 0, 24)
}

/**
 * One boxed cell of the form, merged over rows and columns when the paper's box is larger than one cell.
 * Labels are bold and centred; values wrap and sit top-left like handwriting.
 */
export function box(
  sheet: ExcelJS.Worksheet,
  range: { row: number; col: number; rows?: number; cols?: number },
  value: string | number,
  kind: 'label' | 'value' | 'figure' = 'value',
): void {
  const lastRow = range.row + (range.rows ?? 1) - 1
  const lastCol = range.col + (range.cols ?? 1) - 1
  if (lastRow > range.row || lastCol > range.col) sheet.mergeCells(range.row, range.col, lastRow, lastCol)
  const cell = sheet.getCell(range.row, range.col)
  cell.value = value
  cell.alignment =
    kind === 'value'
      ? { horizontal: 'left', vertical: 'top', wrapText: true }
      : { horizontal: 'center', vertical: 'middle', wrapText: true }
  if (kind === 'label') cell.font = { bold: true }
  for (let r = range.row; r <= lastRow; r++) for (let c = range.col; c <= lastCol; c++) sheet.getCell(r, c).border = BOX
}

/** A row tall enough for `lines` lines of wrapped text at the default font. */
export function fitRowHeight(sheet: ExcelJS.Worksheet, row: number, lines: number): void {
  sheet.getRow(row).height = Math.max(24, Math.min(409, 16 * Math.max(1, lines)))
}

/** The 年 月 日 heading of a paper form for an ISO date. */
export function dateHeading(isoDate: string): string {
  const [year, month, day] = isoDate.split('-').map(Number)
  return `${year} 年 ${month} 月 ${day} 日`
}

/** A row of label/value box pairs across the page (the figure grid of 附件3 and 附件4). */
export function labelValueRow(sheet: ExcelJS.Worksheet, row: number, pairs: [string, string | number][]): void {
  pairs.forEach(([label, value], i) => {
    box(sheet, { row, col: i * 2 + 1 }, label, 'label')
    box(sheet, { row, col: i * 2 + 2 }, value, typeof value === 'number' ? 'figure' : 'value')
  })
}
