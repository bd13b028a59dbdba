/**
 * What each annex form of the scheme (source 000 附件2–5) and the campaign table (source 004 附件) says,
 * independent of the workbook: built by services/paperwork.ts from the ledger, stored with the report so
 * a submitted form never changes, and laid out by the templates in this folder.
 */

/** A signature line: the person who confirmed electronically and when, or nobody yet (待确认). */
export interface Signature {
  label: string
  signer?: { name: string; at: string }
}

export function signatureText(signature: Signature): string {
  const who = signature.signer ? `${signature.signer.name}（${signature.signer.at} 确认）` : '待确认'
  return `${signature.label}：${who}`
}

/** 附件2 安全日巡查工作记录表: one unit, one day. */
export interface DailyRecordForm {
  bureau: string
  unitName: string
  date: string
  /** One row per hazard found (a patrol without one is a single row reading 无), grouped by patrol. */
  patrols: {
    time: string
    place: string
    patrollers: string
    findings: { hazard: string; result: string }[]
  }[]
  patrolLead: Signature
  unitLeader: Signature
}

/** 附件3 安全巡查隐患台账及整改情况周报表: a patrol unit's week. */
export interface WeeklyForm {
  bureau: string
  unitName: string
  /** The date the form is filled in (年 月 日). */
  filedOn: string
  periodLabel: string
  staffTurnouts: number
  vehicleTurnouts: number
  hazardsFound: number
  hazardsRectified: number
  patrollers: string
  hazardLedger: string[]
  rectification: string
  suggestions: string
  chargeLeader: Signature
  filler: Signature
}

/** One hazard on 附件4's 行业隐患分类台账. */
export interface LedgerEntry {
  code: string
  description: string
  place: string
  level: string
  foundBy: string
  status: string
}

/** 附件4 安全巡查隐患台账及整改情况月（季）报表: a supervising unit's month or quarter. */
export interface PeriodicForm {
  bureau: string
  unitName: string
  filedOn: string
  /** 月 or 季: which of the two the form is. */
  period: 'month' | 'quarter'
  periodLabel: string
  distinctPatrollers: number
  vehicleTurnouts: number
  hazardsFound: number
  hazardsRectified: number
  /** The complete ledger of the period, by industry (category label → its hazards). */
  ledgerByCategory: { category: string; entries: LedgerEntry[] }[]
  mainWork: string
  suggestions: string
  chargeLeader: Signature
}

/** 附件5 安全督查工作记录表: one supervision. */
export interface SupervisionForm {
  bureau: string
  code: string
  date: string
  lead: string
  members: string
  inspectedUnit: string
  matters: string
  problems: string
  requirements: string
  inspectedLeader: Signature
  leadSignature: Signature
}

/** Source 004 附件 安全生产专项整治三年行动统计表. */
export interface CampaignForm {
  campaign: string
  unitName: string
  filledOn: string
  /** The last day the cumulative figures count (the end of the month the table is for). */
  coversUntil: string
  /** Sections 1 and 3 and section 2 are cumulative since the campaign started. */
  study: { sessions: number; mediaReports: number }
  hazards: {
    general: { found: number; rectified: number; rate: string }
    major: { found: number; rectified: number; rate: string; listed: number }
  }
  enforcement: CampaignEnforcement
  risks: { identified: number; controlled: number }
  problems: { aspect: string; problem: string; detail: string; measures: string }[]
  contact: string
  phone: string
}

export interface CampaignEnforcement {
  crackdowns: number
  closures: number
  suspensions: number
  finesWan: number
  jointPunishments: number
  accountableUnits: number
  accountablePeople: number
}

/** The five aspects of section 5, in the table's order and words. */
export const CAMPAIGN_ASPECTS = [
  '安全发展理念方面',
  '完善和落实安全生产责任方面',
  '建立公共安全隐患排查和安全预防控制体系方面',
  '加强安全生产基础建设方面',
  '其他方面',
] as const
