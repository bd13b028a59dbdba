import type ExcelJS from 'exceljs'
import { CAMPAIGN_ASPECTS, type CampaignForm } from './content'
import { box, fitRowHeight, paperSheet, plainLine, titleRow } from './paper'

/**
 * Source 004 附件 安全生产专项整治三年行动统计表: 填报单位 and 填报时间; 序号 · 情况分类 · 主要内容 with the five sections
 * as the table draws them (the 一般/重大隐患 and 问责曝光 headers spanning their sub-columns); 联系人, 联系方式 and the
 * three 填表说明 lines in the table's words.
 */
const COLUMNS = 9 // 序号, 情况分类, and seven content columns (C–I)

export const CAMPAIGN_TITLE = '安全生产专项整治三年行动统计表'
export const CAMPAIGN_NOTES = [
  '填表说明：1.表内“1”“2”“3”中需填写专项整治三年行动开展以来的累计数据。',
  '2.存在的主要问题及整改情况部分，对照每一个方面的主要问题，分项列出具体问题的表现，再逐项对应填写整改措施及整改完成情况。',
  '3.该表格于每月18日前报送。',
] as const

export function addCampaignSheet(book: ExcelJS.Workbook, form: CampaignForm): ExcelJS.Worksheet {
  const sheet = paperSheet(book, '专项整治统计表', {
    orientation: 'landscape',
    widths: [6, 16, 13, 13, 13, 13, 13, 13, 13],
    repeatRows: '1:3',
    header: `${form.campaign}（统计截至${form.coversUntil}）`,
  })
  titleRow(sheet, 1, COLUMNS, CAMPAIGN_TITLE)
  plainLine(sheet, 2, 1, 5, `填报单位：${form.unitName}`)
  plainLine(sheet, 2, 6, COLUMNS, `填报时间：${form.filledOn}`)
  box(sheet, { row: 3, col: 1 }, '序号', 'label')
  box(sheet, { row: 3, col: 2 }, '情况分类', 'label')
  box(sheet, { row: 3, col: 3, cols: 7 }, '主要内容', 'label')

  // 1 学习宣贯: two statements, each with its figure.
  box(sheet, { row: 4, col: 1, rows: 2 }, 1, 'figure')
  box(sheet, { row: 4, col: 2, rows: 2 }, '学习宣贯习近平总书记关于安全生产重要论述情况', 'label')
  box(
    sheet,
    { row: 4, col: 3, cols: 5 },
    '县市（园区）、各部门党委（党组）组织学习习近平总书记关于安全生产重要论述专题学习次数。',
  )
  box(sheet, { row: 4, col: 8, cols: 2 }, form.study.sessions, 'figure')
  box(
    sheet,
    { row: 5, col: 3, cols: 5 },
    '县市（园区）在主流媒体在专题专栏刊登重点报道数量；各部门在门户网站专题专栏推出重点报道数量。',
  )
  box(sheet, { row: 5, col: 8, cols: 2 }, form.study.mediaReports, 'figure')
  fitRowHeight(sheet, 4, 3)
  fitRowHeight(sheet, 5, 3)

  // 2 排查治理隐患: 一般隐患 over three columns, 重大隐患 over four.
  box(sheet, { row: 6, col: 1, rows: 3 }, 2, 'figure')
  box(sheet, { row: 6, col: 2, rows: 3 }, '安全生产排查治理隐患情况', 'label')
  box(sheet, { row: 6, col: 3, cols: 3 }, '一般隐患', 'label')
  box(sheet, { row: 6, col: 6, cols: 4 }, '重大隐患', 'label')
  const hazardHeads = [
    '排查（项）',
    '已治理（项）',
    '整改率（%）',
    '排查（项）',
    '已治理（项）',
    '整改率（%）',
    '挂牌督办（项）',
  ]
  hazardHeads.forEach((label, i) => {
    box(sheet, { row: 7, col: 3 + i }, label, 'label')
  })
  const { general, major } = form.hazards
  ;[general.found, general.rectified, general.rate, major.found, major.rectified, major.rate, major.listed].forEach(
    (value, i) => {
      box(sheet, { row: 8, col: 3 + i }, value, 'figure')
    },
  )

  // 3 执法处罚: five single columns, then 问责曝光 over 单位 and 人员.
  box(sheet, { row: 9, col: 1, rows: 3 }, 3, 'figure')
  box(sheet, { row: 9, col: 2, rows: 3 }, '执法处罚情况', 'label')
  const singles = [
    '打击严重违法违规行为（起）',
    '关闭取缔（家）',
    '停产整顿（家）',
    '处罚罚款（万元）',
    '联合惩戒失信企业（家）',
  ]
  singles.forEach((label, i) => {
    box(sheet, { row: 9, col: 3 + i, rows: 2 }, label, 'label')
  })
  box(sheet, { row: 9, col: 8, cols: 2 }, '问责曝光工作不力的单位和个人', 'label')
  box(sheet, { row: 10, col: 8 }, '单位（家）', 'label')
  box(sheet, { row: 10, col: 9 }, '人员（人）', 'label')
  const e = form.enforcement
  ;[
    e.crackdowns,
    e.closures,
    e.suspensions,
    e.finesWan,
    e.jointPunishments,
    e.accountableUnits,
    e.accountablePeople,
  ].forEach((value, i) => {
    box(sheet, { row: 11, col: 3 + i }, value, 'figure')
  })
  fitRowHeight(sheet, 9, 2)
  fitRowHeight(sheet, 10, 2)

  // 4 安全风险辨识及管控.
  box(sheet, { row: 12, col: 1, rows: 2 }, 4, 'figure')
  box(sheet, { row: 12, col: 2, rows: 2 }, '安全风险辨识及管控情况', 'label')
  box(sheet, { row: 12, col: 3, cols: 4 }, '重大安全风险辨识评估数量', 'label')
  box(sheet, { row: 12, col: 7, cols: 3 }, '有效管控数量', 'label')
  box(sheet, { row: 13, col: 3, cols: 4 }, form.risks.identified, 'figure')
  box(sheet, { row: 13, col: 7, cols: 3 }, form.risks.controlled, 'figure')

  // 5 存在的主要问题及整改情况: the five aspects, each with its problem, how it shows, and the measures.
  const first = 14
  box(sheet, { row: first, col: 1, rows: 6 }, 5, 'figure')
  box(sheet, { row: first, col: 2, rows: 6 }, '存在的主要问题及整改情况', 'label')
  box(sheet, { row: first, col: 3, cols: 2 }, '主要问题', 'label')
  box(sheet, { row: first, col: 5, cols: 2 }, '具体表现', 'label')
  box(sheet, { row: first, col: 7, cols: 3 }, '对应整改措施及整改完成情况', 'label')
  CAMPAIGN_ASPECTS.forEach((aspect, i) => {
    const entry = form.problems.find((p) => p.aspect === aspect)
    const row = first + 1 + i
    box(sheet, { row, col: 3, cols: 2 }, entry?.problem ? `${aspect}：${entry.problem}` : aspect)
    box(sheet, { row, col: 5, cols: 2 }, entry?.detail ?? '')
    box(sheet, { row, col: 7, cols: 3 }, entry?.measures ?? '')
    const longest = Math.max(entry?.problem.length ?? 0, entry?.detail.length ?? 0, entry?.measures.length ?? 0)
    fitRowHeight(sheet, row, Math.max(2, Math.ceil(longest / 16) + 1))
  })
  const contactRow = first + 7
  plainLine(sheet, contactRow, 1, 5, `联系人：${form.contact}`)
  plainLine(sheet, contactRow, 6, COLUMNS, `联系方式：${form.phone}`)
  CAMPAIGN_NOTES.forEach((note, i) => {
    plainLine(sheet, contactRow + 1 + i, 1, COLUMNS, note)
  })
  return sheet
}
