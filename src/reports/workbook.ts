import type ExcelJS from 'exceljs'

/**
 * A new workbook, with the spreadsheet library loaded at the first export rather than at start-up: it is the
 * largest library the server carries (about 30 MB resident), and most processes never write a spreadsheet.
 */
export async function newWorkbook(): Promise<ExcelJS.Workbook> {
  const { default: excel } = await import('exceljs')
  const book = new excel.Workbook()
  book.creator = '巡安'
  return book
}
