import ExcelJS from 'exceljs'

/**
 * A sheet as the paper form it prints: every non-empty cell by address (merged cells once, at their
 * top-left), the merged ranges, and the print setup. Golden layouts in test/fixtures/paperwork compare
 * against this.
 */
export interface SheetLayout {
  name: string
  cells: Record<string, string>
  merges: string[]
  page: {
    paperSize: number | undefined
    orientation: string | undefined
    fitToPage: boolean | undefined
    fitToWidth: number | undefined
    fitToHeight: number | undefined
    printTitlesRow: string | undefined
    showGridLines: boolean | undefined
  }
}

export async function readBook(path: string): Promise<ExcelJS.Workbook> {
  const book = new ExcelJS.Workbook()
  await book.xlsx.readFile(path)
  return book
}

export function describeSheet(sheet: ExcelJS.Worksheet): SheetLayout {
  const cells: Record<string, string> = {}
  sheet.eachRow({ includeEmpty: false }, (row) => {
    row.eachCell({ includeEmpty: false }, (cell) => {
      if (cell.isMerged && cell.master.address !== cell.address) return
      const text = cell.value === null || cell.value === undefined ? '' : String(cell.value)
      if (text !== '') cells[cell.address] = text
    })
  })
  // The model's merge list is ExcelJS's public view of the <mergeCells> the file holds.
  const merges = [...((sheet.model as { merges?: string[] }).merges ?? [])].sort()
  return {
    name: sheet.name,
    cells,
    merges,
    page: {
      paperSize: sheet.pageSetup.paperSize,
      orientation: sheet.pageSetup.orientation,
      fitToPage: sheet.pageSetup.fitToPage,
      fitToWidth: sheet.pageSetup.fitToWidth,
      fitToHeight: sheet.pageSetup.fitToHeight,
      printTitlesRow: sheet.pageSetup.printTitlesRow,
      showGridLines: sheet.views[0]?.showGridLines,
    },
  }
}

/** One cell's text by address ('' when empty), merged cells read at their top-left. */
export function cellText(sheet: ExcelJS.Worksheet, address: string): string {
  const cell = sheet.getCell(address)
  const value = cell.isMerged ? cell.master.value : cell.value
  return value === null || value === undefined ? '' : String(value)
}
