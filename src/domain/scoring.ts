import type { IsoDate } from './local-time'

/**
 * The unit assessment (考核) of source 000 附件1 「安全巡查（督查）工作考核实施细则（单位部分：100分）」: three
 * parts with their own points — 组织 10, 实施 80, 问责追责 10 — each losing points line by line and never
 * going below 0; the score is the sum of the parts. Every deduction keeps the 附件1 line and its words, its
 * reason and the record it comes from, so a unit can see exactly why it lost points.
 */
export const FULL_SCORE = 100

export const ASSESSMENT_PARTS = {
  organisation: { label: '巡查（督查）工作组织', cap: 10 },
  implementation: { label: '巡查（督查）工作实施', cap: 80 },
  accountability: { label: '巡查（督查）工作问责、追责', cap: 10 },
} as const
export type AssessmentPart = keyof typeof ASSESSMENT_PARTS

/**
 * How a score is computed, as the console and the 考核 sheet print it (source 000 五 and 附件1): the parts are
 * capped separately, and a longer span is assessed over all its facts at once.
 */
export const ASSESSMENT_FORMULA = [
  '计分方法：得分 = 组织（10分）+ 实施（80分）+ 问责追责（10分），各部分按附件1逐项扣分，扣完为止。',
  '季度、半年和年度考核把期内每一项扣分逐次累计（日台账、报表、隐患、投诉、督查次数按发生计，组织和问责按检查发现计），再按各部分分值封顶合计，即综合日常、月、季结果形成年度结果。',
  '有方案五所列情形之一的，年度绩效评优评先一票否决，不论得分。',
] as const

interface RuleDefinition {
  part: AssessmentPart
  /** 附件1's numbering: part-line, e.g. 2-6. */
  line: string
  /** Points per occurrence; null for the lines scored 视情况 (the points are recorded with the finding). */
  points: number | null
  /** The line's words in 附件1. */
  wording: string
}

export const DEDUCTION_RULES = {
  plan_untimely: { part: 'organisation', line: '1-1', points: 2, wording: '巡查、督查方案制定修改不及时扣2分' },
  plan_structure: { part: 'organisation', line: '1-2', points: 2, wording: '方案组织机构不明确、不具体扣2分' },
  plan_assignment: {
    part: 'organisation',
    line: '1-3',
    points: 2,
    wording: '方案中巡查、督查定责、定区、定人不具体扣2分',
  },
  plan_unpublished: { part: 'organisation', line: '1-4', points: 2, wording: '方案未及时向社会公布扣2分' },
  no_closed_loop: { part: 'organisation', line: '1-5', points: 2, wording: '巡查、督查工作未形成闭路管理扣2分' },
  missing_ledger_day: {
    part: 'implementation',
    line: '2-1',
    points: 2,
    wording: '巡查、督查工作未建立日、月、季台账，每少一次扣2分',
  },
  missing_report: {
    part: 'implementation',
    line: '2-2',
    points: 5,
    wording: '巡查、督查工作情况月、季度报表每少一次扣5分',
  },
  hazard_overdue: { part: 'implementation', line: '2-3', points: 10, wording: '安全隐患整改不及时不处理扣10分' },
  complaint_late: {
    part: 'implementation',
    line: '2-4',
    points: 10,
    wording: '社会监督举报、投诉处理不及时（超过1天）扣10分',
  },
  negligence_accident: {
    part: 'implementation',
    line: '2-5',
    points: null,
    wording: '因工作失职渎职造成安全事故视情况扣分',
  },
  patrol_short: {
    part: 'implementation',
    line: '2-6',
    points: 5,
    wording: '巡查、督查工作不按规定次数落实，每少一次扣5分',
  },
  inspection_short: {
    part: 'implementation',
    line: '2-6',
    points: 5,
    wording: '巡查、督查工作不按规定次数落实，每少一次扣5分',
  },
  falsified_ledger: { part: 'implementation', line: '2-7', points: 10, wording: '巡查、督查台账弄虚作假每次扣10分' },
  no_accountability_mechanism: {
    part: 'accountability',
    line: '3-1',
    points: 10,
    wording: '未建立巡查（督查）考评、问责机制扣10分',
  },
  not_in_performance_review: {
    part: 'accountability',
    line: '3-2',
    points: 10,
    wording: '对巡查（督查）工作未纳入年度绩效考核的扣10分',
  },
  negative_impact: {
    part: 'accountability',
    line: '3-3',
    points: null,
    wording: '因工作失职渎职导致行业巡查（督查）工作社会负面影响较大的视情况扣分',
  },
} as const satisfies Record<string, RuleDefinition>
export type DeductionRule = keyof typeof DEDUCTION_RULES

/** The lines 安监科 records as findings (the rest are computed from the ledger). */
export const FINDING_RULES = [
  'plan_untimely',
  'plan_structure',
  'plan_assignment',
  'plan_unpublished',
  'no_closed_loop',
  'negligence_accident',
  'no_accountability_mechanism',
  'not_in_performance_review',
  'negative_impact',
] as const satisfies readonly DeductionRule[]
export type FindingRule = (typeof FINDING_RULES)[number]

/** How many points a 视情况 line may take: at most its part's points. */
export function discretionaryRange(rule: DeductionRule): { min: number; max: number } | null {
  const definition: RuleDefinition = DEDUCTION_RULES[rule]
  return definition.points === null ? { min: 1, max: ASSESSMENT_PARTS[definition.part].cap } : null
}

export interface Deduction {
  rule: DeductionRule
  part: AssessmentPart
  line: string
  wording: string
  points: number
  reason: string
  ref: string | null
}

/** Rules an administrator chooses where the scheme leaves room. */
export interface ScoringOptions {
  /** 附件1 speaks of reports 每少一次 (each one missing): a late one is listed, and costs points only when on. */
  latePenalty: boolean
  /** A supervisor's approved extension is shown beside a late complaint; it removes the deduction only when on. */
  extensionsExcuse: boolean
}
export const DEFAULT_SCORING: ScoringOptions = { latePenalty: false, extensionsExcuse: false }

export interface UnitScoreFacts {
  /** Working days on which a patrol ledger entry was required (patrol units; from go-live, up to yesterday). */
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
  /**
   * Complaints assigned to the unit whose 1-day limit (from receipt) fell in the period; `extendedTo` is the
   * limit a supervisor approved instead, when there was one.
   */
  complaints: readonly { code: string; dueAt: Date; handledAt: Date | null; extendedTo?: Date | null }[]
  /**
   * Inspection obligations from the supervision table (a month's or a quarter's, `period` naming which), with
   * what was done.
   */
  inspections: readonly { inspectedUnitName: string; period: string; required: number; done: number }[]
  /** Ledger records voided as falsified. */
  falsified: readonly { code: string; reason: string }[]
  /** Findings 安监科 recorded for the unit and period, with the points of a 视情况 line. */
  findings: readonly { rule: FindingRule; points?: number; reason: string; ref: string | null }[]
  /** Accidents in the unit's sector in the period (失职渎职 ones cost points, 2-5). */
  accidents?: readonly AccidentFact[]
  /** Accidents in the unit's sector this year up to the period's end: the 一票否决 conditions read these. */
  yearAccidents?: readonly AccidentFact[]
}

export interface AccidentFact {
  ref: string
  occurredOn: IsoDate
  place: string
  level: 'general' | 'larger' | 'major'
  deaths: number
  reporting: 'on_time' | 'late' | 'omitted' | 'false' | 'concealed'
  mediaExposure: 'none' | 'local' | 'provincial' | 'national'
  negligencePoints: number | null
}

const REPORTING_WORDS = { late: '迟报', omitted: '漏报', false: '谎报', concealed: '瞒报' } as const

/**
 * 一票否决 (source 000 五): any of the four conditions in the year vetoes the unit's annual 评优评先, whatever
 * its points. Returns the reasons, empty when there is none.
 */
export function vetoReasons(accidents: readonly AccidentFact[]): string[] {
  const reasons: string[] = []
  for (const a of accidents) {
    if (a.level === 'general' && a.deaths === 0 && (a.mediaExposure === 'provincial' || a.mediaExposure === 'national'))
      reasons.push(`${a.occurredOn} ${a.place}一般安全生产责任事故被省级以上新闻媒体曝光，造成重大社会负面影响`)
    if (a.deaths > 0) reasons.push(`${a.occurredOn} ${a.place}发生安全生产责任亡人事故（死亡 ${a.deaths} 人）`)
    if (a.reporting !== 'on_time') reasons.push(`${a.occurredOn} ${a.place}事故${REPORTING_WORDS[a.reporting]}`)
  }
  const general = accidents.filter((a) => a.level === 'general' && a.deaths === 0)
  if (general.length >= 3) reasons.push(`年内同行业发生一般安全生产责任事故 ${general.length} 起（3起以上）`)
  return reasons
}

export interface PartScore {
  label: string
  cap: number
  score: number
  lost: number
}

export interface UnitScore {
  score: number
  /** 一票否决 reasons; when any, the assessment reads 「一票否决」 whatever the points. */
  veto: string[]
  parts: Record<AssessmentPart, PartScore>
  /** Everything found, including items listed without points (a late report when lateness is free). */
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

export function computeUnitScore(
  facts: UnitScoreFacts,
  now: Date,
  options: ScoringOptions = DEFAULT_SCORING,
): UnitScore {
  const deductions: Deduction[] = []
  const add = (rule: DeductionRule, reason: string, ref: string | null, points?: number) => {
    const definition: RuleDefinition = DEDUCTION_RULES[rule]
    deductions.push({
      rule,
      part: definition.part,
      line: definition.line,
      wording: definition.wording,
      points: points ?? definition.points ?? 0,
      reason,
      ref,
    })
  }

  for (const day of facts.requiredLedgerDays) {
    if (facts.ledgerDays.has(day)) continue
    // A working day without a patrol record is both a missing daily ledger (2-1) and a patrol not carried
    // out as often as required (2-6): 附件1 counts the two separately.
    add('missing_ledger_day', `${day} 无日巡查台账`, day)
    add('patrol_short', `${day} 未按规定开展日巡查`, day)
  }
  for (const report of facts.reports) {
    const what = `${report.periodLabel}${REPORT_LABELS[report.kind]}`
    if (!report.submittedAt) {
      if (now.getTime() > report.dueAt.getTime()) add('missing_report', `${what}未上报`, report.periodLabel)
    } else if (report.submittedAt.getTime() > report.dueAt.getTime()) {
      add(
        'missing_report',
        `${what}逾期上报${options.latePenalty ? '' : '（已记录，不扣分）'}`,
        report.periodLabel,
        options.latePenalty ? undefined : 0,
      )
    }
  }
  for (const hazard of facts.hazards) {
    if ((hazard.rectifiedAt ?? now).getTime() > hazard.rectifyDueAt.getTime()) {
      add('hazard_overdue', `隐患 ${hazard.code} 未在期限内整改`, hazard.code)
    }
  }
  for (const complaint of facts.complaints) {
    const handled = complaint.handledAt ?? now
    if (handled.getTime() <= complaint.dueAt.getTime()) continue
    const extended = complaint.extendedTo ?? null
    const withinExtension = extended !== null && handled.getTime() <= extended.getTime()
    if (withinExtension && options.extensionsExcuse) continue
    const note = extended ? `（已批准延期，${withinExtension ? '在延期内办结' : '延期后仍超时'}）` : ''
    add('complaint_late', `投诉 ${complaint.code} 超过1天办理${note}`, complaint.code)
  }
  for (const duty of facts.inspections) {
    for (let i = duty.done; i < duty.required; i++) {
      add(
        'inspection_short',
        `${duty.period} 对${duty.inspectedUnitName}督查 ${duty.done}/${duty.required} 次`,
        duty.period,
      )
    }
  }
  for (const record of facts.falsified)
    add('falsified_ledger', `台账 ${record.code} 作废：${record.reason}`, record.code)
  for (const finding of facts.findings) {
    const range = discretionaryRange(finding.rule)
    // A 视情况 line takes the points recorded with it, kept inside its range.
    const points = range ? Math.min(range.max, Math.max(range.min, finding.points ?? range.min)) : undefined
    add(finding.rule, finding.reason, finding.ref, points)
  }
  for (const accident of facts.accidents ?? []) {
    if (accident.negligencePoints === null) continue
    add(
      'negligence_accident',
      `${accident.occurredOn} ${accident.place}事故，认定工作失职渎职`,
      accident.ref,
      Math.min(ASSESSMENT_PARTS.implementation.cap, Math.max(1, accident.negligencePoints)),
    )
  }

  const parts = Object.fromEntries(
    (Object.keys(ASSESSMENT_PARTS) as AssessmentPart[]).map((part) => {
      const { label, cap } = ASSESSMENT_PARTS[part]
      const lost = deductions.filter((d) => d.part === part).reduce((sum, d) => sum + d.points, 0)
      return [part, { label, cap, lost, score: Math.max(0, cap - lost) }]
    }),
  ) as Record<AssessmentPart, PartScore>
  const score = Object.values(parts).reduce((sum, p) => sum + p.score, 0)
  return { score, veto: vetoReasons(facts.yearAccidents ?? []), parts, deductions }
}
