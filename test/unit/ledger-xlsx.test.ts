import ExcelJS from 'exceljs'
import { describe, expect, it } from 'vitest'
import { toXlsx } from '../../src/reports/ledger-export'

describe('toXlsx (a ledger written row by row)', () => {
  it('writes every row under a bold header, numbers as numbers and formula-like text as text', async () => {
    const rows = Array.from({ length: 2500 }, (_, i) => [`H${i + 1}`, i, i === 7 ? '=HYPERLINK("x")' : `建设路${i}号`])
    const file = await toXlsx('隐患台账', { headers: ['编号', '序号', '地点'], rows })

    const book = new ExcelJS.Workbook()
    await book.xlsx.load(file as unknown as ArrayBuffer)
    const sheet = book.getWorksheet('隐患台账')
    expect(sheet?.rowCount).toBe(2501)
    expect(sheet?.getRow(1).values).toEqual([undefined, '编号', '序号', '地点'])
    expect(sheet?.getRow(1).font?.bold).toBe(true)
    expect(sheet?.getColumn(3).width).toBe(16)
    expect(sheet?.getRow(2501).values).toEqual([undefined, 'H2500', 2499, '建设路2499号'])
    expect(sheet?.getRow(9).getCell(3).value).toBe('=HYPERLINK("x")')
  })

  it('writes a ledger with no rows as its header alone', async () => {
    const book = new ExcelJS.Workbook()
    await book.xlsx.load((await toXlsx('投诉台账', { headers: ['编号'], rows: [] })) as unknown as ArrayBuffer)
    expect(book.getWorksheet('投诉台账')?.rowCount).toBe(1)
  })
})
