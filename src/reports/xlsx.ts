import ExcelJS from 'exceljs'
import { CATEGORY_LABELS } from '../domain/categories'
import { HAZARD_LEVEL_LABELS, HAZARD_STATUS_LABELS } from '../domain/hazard-lifecycle'
import type { PeriodFigures } from '../domain/period-figures'
import { formatRate } from './format'
import type { ReportContent } from './report-content'

/**
 * The statutory forms as XLSX, laid out like the paper forms: a merged title, the period, the figure
 * table, the main hazard list; city-wide forms add a row per unit, the special-campaign statistics table
 * (一般/重大隐患: 排查, 已治理, 整改率, 挂牌督办) and the score sheet with each deduction and its reason.
 */
export const FIGURE_HEADERS = [
  '单位',
  '巡查次数',
  '出动人次',
  '出动台次',
  '发现隐患',
  '一般隐患',
  '重大隐患',
  '已整改',
  '整改率',
  '挂牌督办',
] as const

function figureRow(unit: string, f: PeriodFigures): (string | number)[] {
  return [
    unit,
    f.patrolCount,
    f.staffTurnouts,
    f.vehicleTurnouts,
    f.hazardsFound,
    f.general.found,
    f.major.found,
    f.hazardsRectified,
    formatRate(f.rectificationRate),
    f.listedSupervision,
  ]
}

function titled(sheet: ExcelJS.Worksheet, title: string, subtitle: string, width: number): void {
  sheet.addRow([title])
  sheet.mergeCells(1, 1, 1, width)
  const head = sheet.getCell(1, 1)
  head.font = { bold: true, size: 16 }
  head.alignment = { horizontal: 'center' }
  sheet.addRow([subtitle])
  sheet.mergeCells(2, 1, 2, width)
}

function table(sheet: ExcelJS.Worksheet, headers: readonly string[], rows: (string | number)[][]): void {
  const header = sheet.addRow([...headers])
  header.font = { bold: true }
  for (const row of rows) sheet.addRow(row)
  const first = header.number
  for (let r = first; r < first + rows.length + 1; r++) {
    for (let c = 1; c <= headers.length; c++) {
      sheet.getCell(r, c).border = {
        top: { style: 'thin' },
        left: { style: 'thin' },
        bottom: { style: 'thin' },
        right: { style: 'thin' },
      }
    }
  }
}

export async function buildReportWorkbook(content: ReportContent): Promise<Buffer> {
  const book = new ExcelJS.Workbook()
  book.creator = '巡安'
  const figures = book.addWorksheet('报表')
  titled(
    figures,
    content.title,
    `填报单位：${content.unitName}    统计周期：${content.periodLabel}    生成时间：${content.generatedAt}`,
    FIGURE_HEADERS.length,
  )
  const rows = content.rows.map((r) => figureRow(r.unit, r.figures))
  if (content.rows.length > 1) rows.push(figureRow('合计', content.totals))
  table(figures, FIGURE_HEADERS, rows)
  figures.columns.forEach((column, i) => {
    column.width = i === 0 ? 18 : 11
  })

  const list = book.addWorksheet('主要隐患清单')
  titled(list, `${content.title}·主要隐患清单`, `统计周期：${content.periodLabel}`, 7)
  table(
    list,
    ['序号', '编号', '隐患描述', '地点', '类别', '等级', '状态'],
    content.totals.mainHazards.map((h, i) => [
      i + 1,
      h.code,
      h.description,
      h.locationText ?? '',
      CATEGORY_LABELS[h.category],
      HAZARD_LEVEL_LABELS[h.level],
      HAZARD_STATUS_LABELS[h.status],
    ]),
  )
  list.getColumn(3).width = 40

  if (content.kind !== 'weekly') {
    const campaign = book.addWorksheet('专项整治统计表')
    titled(campaign, '安全隐患专项整治统计表', `统计周期：${content.periodLabel}`, 5)
    const t = content.totals
    table(
      campaign,
      ['隐患等级', '排查（项）', '已治理（项）', '整改率', '挂牌督办（项）'],
      [
        ['一般隐患', t.general.found, t.general.rectified, formatRate(t.general.rectificationRate), '—'],
        ['重大隐患', t.major.found, t.major.rectified, formatRate(t.major.rectificationRate), t.listedSupervision],
      ],
    )
  }
  if (content.patrols) {
    const sheet = book.addWorksheet('日巡查工作记录')
    titled(sheet, '日巡查工作记录', `巡查单位：${content.unitName}    统计周期：${content.periodLabel}`, 9)
    table(
      sheet,
      ['日期', '巡查时间', '巡查路段/项目', '巡查人员', '出动人次', '出动台次', '发现隐患', '处理情况', '带队人'],
      content.patrols.map((p) => [
        p.date,
        p.time,
        p.area,
        p.patrollers,
        p.staff,
        p.vehicles,
        p.hazards,
        p.handling,
        p.leader,
      ]),
    )
    sheet.getColumn(7).width = 40
  }
  if (content.supervisions) {
    const sheet = book.addWorksheet('督查记录表')
    titled(sheet, '督查记录表', `督查单位：${content.unitName}    统计周期：${content.periodLabel}`, 7)
    table(
      sheet,
      ['督查时间', '被督查单位', '带队领导', '督查人员', '督查事项', '存在的主要问题', '整改要求'],
      content.supervisions.map((v) => [v.date, v.inspected, v.lead, v.members, v.matters, v.problems, v.requirements]),
    )
  }
  if (content.scores) {
    const scores = book.addWorksheet('考核')
    titled(scores, '安全生产巡查工作考核表', `考核周期：${content.periodLabel}（满分100分）`, 4)
    table(
      scores,
      ['单位', '得分', '扣分', '扣分原因'],
      content.scores.map((s) => [
        s.unit,
        s.score.score,
        100 - s.score.score,
        s.score.deductions.map((d) => `${d.reason}（-${d.points}）`).join('；') || '无',
      ]),
    )
    scores.getColumn(4).width = 60
  }
  return Buffer.from(await book.xlsx.writeBuffer())
}
