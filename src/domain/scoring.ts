import type { IsoDate } from './local-time'

/**
 * The unit score (考核): 100 points per unit and period, less a deduction for each rule broken. Every
 * deduction carries its reason and the record it comes from, so a unit can see why it lost points.
 */
export const FULL_SCORE = 100

export const DEDUCTION_RULES = {
  missing_ledger_day: { points: 2, label: '巡查台账缺失' },
  missing_report: { points: 5, label: '报表未按时上报' },
  hazard_overdue: { points: 10, label: '隐患未按期整改' },
  complaint_late: { points: 10, label: '投诉举报超过1天办理' },
  inspection_short: { points: 5, label: '督查次数不足' },
  falsified_ledger: { points: 10, label: '台账弄虚作假' },
  organisation: { points: 0, label: '组织管理' },
} as const
export type DeductionRule = keyof typeof DEDUCTION_RULES

export interface Deduction {
  rule: DeductionRule
  points: number
  reason: string
  ref: string | null
}

export interface UnitScoreFacts {
  /** Working days on which a patrol ledger entry was required (patrol units; up to today). */
  requiredLedgerDays: readonly IsoDate[]
  /** Local dates on which the unit recorded at least one patrol. */
  ledgerDays: ReadonlySet<IsoDate>
  /** Statutory reports that fell due in the period. */
  reports: readonly {
    kind: ScoredReportKind
    periodLabel: string
    dueAt: Date
    submittedAt: Date | null
  }[]
  /** Hazards of the unit whose rectification deadline fell in the period. */
  hazards: readonly { code: string; rectifyDueAt: Date; rectifiedAt: Date | null }[]
  /** Complaints assigned to the unit whose handling limit fell in the period. */
  complaints: readonly { code: string; dueAt: Date; handledAt: Date | null }[]
  /** Inspection obligations (each supervised unit at least twice a month), with what was done. */
  inspections: readonly { inspectedUnitName: string; month: string; required: number; done: number }[]
  /** Ledger records voided as falsified. */
  falsified: readonly { code: string; reason: string }[]
  /** Organisation items entered by hand, with their points. */
  organisation: readonly { points: number; reason: string }[]
}

export interface UnitScore {
  score: number
  deductions: Deduction[]
}

const REPORT_LABELS = {
  weekly: '周报表',
  monthly: '月报表',
  quarterly: '季报表',
  bulletin: '季度通报',
  emergency: '应急处置书面报告',
  team: '巡查组报告',
} as const
export type ScoredReportKind = keyof typeof REPORT_LABELS

export function computeUnitScore(facts: UnitScoreFacts, now: Date): UnitScore {
  const deductions: Deduction[] = []
  const add = (
    rule: DeductionRule,
    reason: string,
    ref: string | null,
    points: number = DEDUCTION_RULES[rule].points,
  ) => deductions.push({ rule, points, reason, ref })

  for (const day of facts.requiredLedgerDays) {
    if (!facts.ledgerDays.has(day)) add('missing_ledger_day', `${day} 无巡查记录`, day)
  }
  for (const report of facts.reports) {
    const late = (report.submittedAt ?? now).getTime() > report.dueAt.getTime()
    if (late) {
      const what = `${report.periodLabel}${REPORT_LABELS[report.kind]}`
      add('missing_report', report.submittedAt ? `${what}逾期上报` : `${what}未上报`, report.periodLabel)
    }
  }
  for (const hazard of facts.hazards) {
    if ((hazard.rectifiedAt ?? now).getTime() > hazard.rectifyDueAt.getTime()) {
      add('hazard_overdue', `隐患 ${hazard.code} 未在期限内整改`, hazard.code)
    }
  }
  for (const complaint of facts.complaints) {
    if ((complaint.handledAt ?? now).getTime() > complaint.dueAt.getTime()) {
      add('complaint_late', `投诉 ${complaint.code} 超过1天办理`, complaint.code)
    }
  }
  for (const duty of facts.inspections) {
    for (let i = duty.done; i < duty.required; i++) {
      add(
        'inspection_short',
        `${duty.month} 对${duty.inspectedUnitName}督查 ${duty.done}/${duty.required} 次`,
        duty.month,
      )
    }
  }
  for (const record of facts.falsified)
    add('falsified_ledger', `台账 ${record.code} 弄虚作假：${record.reason}`, record.code)
  for (const item of facts.organisation) add('organisation', item.reason, null, item.points)

  const lost = deductions.reduce((sum, d) => sum + d.points, 0)
  return { score: Math.max(0, FULL_SCORE - lost), deductions }
}
