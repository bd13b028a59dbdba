import type { complaints, hazards, patrols, supervisions } from '../db/schema'
import { CATEGORY_LABELS } from '../domain/categories'
import { COMPLAINT_STATUS_LABELS } from '../domain/complaint-lifecycle'
import { HAZARD_LEVEL_LABELS, HAZARD_STATUS_LABELS } from '../domain/hazard-lifecycle'
import { PATROL_FOCUS_LABELS } from '../domain/patrol-rules'
import { maskOptional, maskPhone } from '../domain/privacy'
import { sheetFile } from './workbook'

/**
 * Ledger exports (the filtered list) as CSV or XLSX. Exports leave the system, so every free-text column
 * goes through the one masking function: phones, ID numbers and the citizen's name never leave in clear.
 */
const free = (text: string | null | undefined, citizenName?: string | null) => maskOptional(text, citizenName) ?? ''

export type Table = { headers: string[]; rows: (string | number)[][] }

export function hazardTable(
  rows: (typeof hazards.$inferSelect)[],
  unitName: (id: number | null) => string,
  format: (d: Date | null) => string,
): Table {
  return {
    headers: [
      '编号',
      '发现时间',
      '类别',
      '等级',
      '状态',
      '隐患描述',
      '地点',
      '责任单位',
      '整改期限',
      '销号时间',
      '挂牌督办',
    ],
    rows: rows.map((h) => [
      h.code,
      format(h.foundAt),
      CATEGORY_LABELS[h.category],
      HAZARD_LEVEL_LABELS[h.level],
      HAZARD_STATUS_LABELS[h.status],
      free(h.description),
      free(h.locationText),
      unitName(h.unitId),
      format(h.rectifyDueAt),
      format(h.closedAt),
      h.listedSupervision ? '是' : '否',
    ]),
  }
}

export function complaintTable(
  rows: (typeof complaints.$inferSelect)[],
  unitName: (id: number | null) => string,
  format: (d: Date | null) => string,
): Table {
  return {
    headers: [
      '编号',
      '受理时间',
      '类别',
      '状态',
      '问题描述',
      '地点',
      '责任单位',
      '办理时限',
      '答复时间',
      '办理结果',
      '联系电话',
    ],
    rows: rows.map((c) => [
      c.code,
      format(c.receivedAt),
      CATEGORY_LABELS[c.category],
      COMPLAINT_STATUS_LABELS[c.status],
      free(c.description, c.citizenName),
      free(c.locationText, c.citizenName),
      unitName(c.unitId),
      format(c.dueAt),
      format(c.repliedAt),
      free(c.outcome, c.citizenName),
      // A 举报's reporter is confidential: not even a masked number leaves the reward handlers' page.
      c.whistleblowing ? '（举报人信息保密）' : c.citizenPhone ? maskPhone(c.citizenPhone) : '',
    ]),
  }
}

export function patrolTable(
  rows: (typeof patrols.$inferSelect)[],
  unitName: (id: number | null) => string,
  format: (d: Date | null) => string,
): Table {
  return {
    headers: [
      '编号',
      '类型',
      '巡查单位',
      '开始时间',
      '结束时间',
      '巡查路段/项目',
      '巡查人员',
      '出动人次',
      '出动车辆',
      '处置情况',
      '报告期限',
      '报告提交',
      '备注',
    ],
    rows: rows.map((p) => [
      p.code,
      p.kind === 'team' ? '巡查组' : PATROL_FOCUS_LABELS[p.focus],
      unitName(p.unitId),
      format(p.startedAt),
      format(p.endedAt),
      free(p.area),
      free(p.patrollers),
      p.staffCount,
      p.vehicleCount,
      free(p.handlingResult),
      format(p.reportDueAt),
      format(p.reportSubmittedAt),
      p.voidedAt ? `已作废：${free(p.voidReason)}` : '',
    ]),
  }
}

export function supervisionTable(
  rows: (typeof supervisions.$inferSelect)[],
  unitName: (id: number | null) => string,
  format: (d: Date | null) => string,
): Table {
  return {
    headers: ['编号', '督查时间', '督查单位', '被督查单位', '带队领导', '成员', '督查事项', '发现问题', '整改要求'],
    rows: rows.map((s) => [
      s.code,
      format(s.inspectedAt),
      unitName(s.supervisorUnitId),
      unitName(s.inspectedUnitId),
      free(s.lead),
      free(s.members),
      free(s.matters),
      free(s.problems),
      free(s.requirements),
    ]),
  }
}

export function toCsv(table: Table): string {
  const cell = (value: string | number) => {
    // A leading = + - @ would make a spreadsheet run the cell as a formula: reporters' text is not trusted.
    const text = typeof value === 'string' && /^[=+\-@\t\r]/.test(value) ? `'${value}` : String(value)
    return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text
  }
  // A BOM so that Excel opens the UTF-8 file with Chinese intact.
  return `\uFEFF${[table.headers, ...table.rows].map((row) => row.map(cell).join(',')).join('\r\n')}\r\n`
}

export function toXlsx(title: string, table: Table): Promise<Buffer> {
  return sheetFile(title, table.headers, table.rows, 16)
}
