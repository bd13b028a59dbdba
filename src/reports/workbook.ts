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

/**
 * A workbook written row by row as it is built (exceljs's streaming writer): a committed row is compressed into
 * the file at once instead of kept as cell objects, so a ledger export of ten thousand rows needs a few MB of
 * heap rather than close to 200 (measured), and the server keeps to its memory budget. The file is collected
 * into one buffer: compressed, a ledger of ten thousand rows is about 1 MB.
 */
export async function streamedWorkbook(
  write: (book: ExcelJS.stream.xlsx.WorkbookWriter) => Promise<void>,
): Promise<Buffer> {
  const { default: excel } = await import('exceljs')
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
  await write(book)
  await book.commit()
  await finished
  return Buffer.concat(chunks)
}
