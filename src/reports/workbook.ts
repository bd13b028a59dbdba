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

type Cell = string | number

/**
 * One sheet of a header and rows, as an xlsx file. Written row by row as it is built (exceljs's streaming
 * writer): a committed row is compressed into the file at once instead of kept as cell objects, so a ledger
 * export of ten thousand rows needs a few MB of heap rather than close to 200 (measured), and the server keeps
 * to its memory budget. The file is collected into one buffer: compressed, ten thousand rows are about 1 MB.
 * The Worker bundles exceljs's browser build, which has no streaming writer: there the workbook is built in
 * memory as before (an invocation's exports are small, and it has no server's budget to keep).
 */
export async function sheetFile(
  title: string,
  headers: string[],
  rows: Cell[][],
  columnWidth: number,
): Promise<Buffer> {
  const { default: excel } = await import('exceljs')
  if (!excel.stream?.xlsx) {
    const book = await newWorkbook()
    fillSheet(book.addWorksheet(title), headers, rows, columnWidth)
    return Buffer.from(await book.xlsx.writeBuffer())
  }
  const { PassThrough } = await import('node:stream')
  const output = new PassThrough()
  const chunks: Buffer[] = []
  output.on('data', (chunk: Buffer) => chunks.push(chunk))
  const finished = new Promise<void>((resolve, reject) => {
    output.on('end', resolve)
    output.on('error', reject)
  })
  const book = new excel.stream.xlsx.WorkbookWriter({ stream: output, useStyles: true, useSharedStrings: false })
  book.creator = '巡安'
  const sheet = book.addWorksheet(title)
  fillSheet(sheet, headers, rows, columnWidth)
  sheet.commit()
  await book.commit()
  await finished
  return Buffer.concat(chunks)
}

/** The header in bold, then the rows, each committed: written out at once by a streaming sheet, a no-op otherwise. */
function fillSheet(sheet: ExcelJS.Worksheet, headers: string[], rows: Cell[][], columnWidth: number): void {
  sheet.columns = headers.map(() => ({ width: columnWidth }))
  const header = sheet.addRow(headers)
  header.font = { bold: true }
  header.commit()
  for (const row of rows) sheet.addRow(row).commit()
}
