import type ExcelJS from 'exceljs'
import { type SupervisionForm, signatureText } from './content'
import { box, dateHeading, fitRowHeight, paperSheet, plainLine, titleRow } from './paper'

/**
 * 附件5 安全督查工作记录表 (source 000): the title, 年 月 日, then the boxes 带队领导 · 督查组成员, 被督查单位 ·
 * 督查事项, 督查主要问题, 整改要求, and 被督单位领导签字 · 带队领导签字 side by side at the foot.
 */
const COLUMNS = 4

export function addSupervisionSheet(book: ExcelJS.Workbook, form: SupervisionForm): ExcelJS.Worksheet {
  const sheet = paperSheet(book, `附件5 ${form.code}`, {
    orientation: 'portrait',
    widths: [14, 30, 14, 30],
    header: form.code,
  })
  titleRow(sheet, 1, COLUMNS, `${form.bureau}安全督查工作记录表`)
  plainLine(sheet, 2, 1, COLUMNS, dateHeading(form.date), 'right')
  box(sheet, { row: 3, col: 1 }, '带队领导', 'label')
  box(sheet, { row: 3, col: 2 }, form.lead)
  box(sheet, { row: 3, col: 3 }, '督查组成员', 'label')
  box(sheet, { row: 3, col: 4 }, form.members)
  fitRowHeight(sheet, 3, Math.ceil(form.members.length / 14) + 1)
  box(sheet, { row: 4, col: 1 }, '被督查单位', 'label')
  box(sheet, { row: 4, col: 2 }, form.inspectedUnit)
  box(sheet, { row: 4, col: 3 }, '督查事项', 'label')
  box(sheet, { row: 4, col: 4 }, form.matters)
  fitRowHeight(sheet, 4, Math.ceil(form.matters.length / 14) + 1)
  box(sheet, { row: 5, col: 1 }, '督查主要\n问题', 'label')
  box(sheet, { row: 5, col: 2, cols: 3 }, form.problems)
  fitRowHeight(sheet, 5, Math.max(8, Math.ceil(form.problems.length / 36) + 1))
  box(sheet, { row: 6, col: 1 }, '整改要求', 'label')
  box(sheet, { row: 6, col: 2, cols: 3 }, form.requirements)
  fitRowHeight(sheet, 6, Math.max(6, Math.ceil(form.requirements.length / 36) + 1))
  box(sheet, { row: 7, col: 1 }, '被督单位\n领导签字', 'label')
  box(sheet, { row: 7, col: 2 }, signerOnly(form.inspectedLeader))
  box(sheet, { row: 7, col: 3 }, '带队领导签字', 'label')
  box(sheet, { row: 7, col: 4 }, signerOnly(form.leadSignature))
  fitRowHeight(sheet, 7, 3)
  return sheet
}

/** Inside a boxed signature cell the label is already printed: only 「姓名（时间 确认）」 or 待确认. */
function signerOnly(signature: SupervisionForm['leadSignature']): string {
  return signatureText({ ...signature, label: '' }).replace(/^：/, '')
}
