/**
 * Who signs which line of which paper form (source 000 附件2–5), and what a report needs before it can be
 * submitted: the person who fills it in confirms it (确认上报, which also signs 填表人 where the form has that
 * line), then each leader line is signed by the unit's leader. Pure rules; the services keep the records.
 */
export type SignedReportKind = 'daily' | 'weekly' | 'monthly' | 'quarterly' | 'bulletin' | 'campaign'

export type SignoffLine = 'unit_leader' | 'charge_leader' | 'filler' | 'inspected_leader'

export const SIGNOFF_LINE_LABELS: Record<SignoffLine, string> = {
  unit_leader: '单位分管或主管领导签字',
  charge_leader: '分管领导签字',
  filler: '填表人',
  inspected_leader: '被督单位领导签字',
}

/** The leader lines of each report, signed by the unit's leader after the report is confirmed. */
export const LEADER_LINES: Record<SignedReportKind, SignoffLine[]> = {
  daily: ['unit_leader'],
  weekly: ['charge_leader'],
  monthly: ['charge_leader'],
  quarterly: ['charge_leader'],
  bulletin: [],
  campaign: [],
}

/** Whether the filler confirms the report first (the daily record is the leader's alone to confirm). */
export function needsConfirmation(kind: SignedReportKind): boolean {
  return kind !== 'daily'
}

/** Whether the form prints a 填表人 line that the confirming person signs. */
export function hasFillerLine(kind: SignedReportKind): boolean {
  return kind === 'weekly'
}

/** The lines still unsigned, in the order they are signed. */
export function missingLines(
  kind: SignedReportKind,
  confirmed: boolean,
  signed: ReadonlySet<string>,
): ('confirmation' | SignoffLine)[] {
  const missing: ('confirmation' | SignoffLine)[] = []
  if (needsConfirmation(kind) && !confirmed) missing.push('confirmation')
  for (const line of LEADER_LINES[kind]) if (!signed.has(line)) missing.push(line)
  return missing
}

/** The narrative boxes a unit writes itself, per form: 附件3 落实整改情况 + 工作建议, 附件4 落实整改主要工作 + 工作建议. */
export const NARRATIVE_FIELDS = {
  weekly: ['rectification', 'suggestions'],
  monthly: ['mainWork', 'suggestions'],
  quarterly: ['mainWork', 'suggestions'],
} as const

export const NARRATIVE_LABELS = {
  rectification: '落实整改情况',
  mainWork: '落实整改主要工作',
  suggestions: '工作建议',
} as const
export type NarrativeField = keyof typeof NARRATIVE_LABELS

/** Names written on patrol records ("张伟、王刚", "张伟,李娜") split and counted once each, in first-seen order. */
export function distinctNames(lists: readonly string[]): string[] {
  const seen = new Set<string>()
  // Split on punctuation and spaces only: 和 and 及 also occur in names.
  for (const list of lists)
    for (const name of list.split(/[、,，;；/\s]+/)) {
      const trimmed = name.trim()
      if (trimmed && trimmed !== '无') seen.add(trimmed)
    }
  return [...seen]
}

/** The figures a narrative draft is written from. */
export interface NarrativeFacts {
  hazardsFound: number
  hazardsRectified: number
  stillOpen: number
  majorOpen: number
  overdue: number
}

/**
 * The draft a unit accepts or edits: plain sentences from the period's figures, no promises the data does
 * not support. The LLM may rewrite it when configured; this is what is offered otherwise.
 */
export function draftNarrative(field: NarrativeField, facts: NarrativeFacts): string {
  switch (field) {
    case 'rectification':
    case 'mainWork': {
      if (facts.hazardsFound === 0 && facts.hazardsRectified === 0) return '本期未发现安全隐患，巡查工作按计划开展。'
      const open = facts.stillOpen
        ? `尚有 ${facts.stillOpen} 处正在整改${facts.majorOpen ? `（其中重大隐患 ${facts.majorOpen} 处，已落实五落实措施）` : ''}，将督促责任单位按期完成。`
        : '发现的隐患均已整改销号。'
      return `本期发现隐患 ${facts.hazardsFound} 处，整改销号 ${facts.hazardsRectified} 处；${open}`
    }
    case 'suggestions':
      if (facts.overdue > 0) return `有 ${facts.overdue} 处隐患超过整改期限，建议对责任单位督办，必要时挂牌督办。`
      return facts.stillOpen > 0
        ? '建议继续加强日常巡查，跟踪未销号隐患的整改进度。'
        : '建议保持现有巡查频次，重点关注易发隐患路段和项目。'
  }
}

/** The drafts as the confirmation card shows them, with how to change each. */
export function narrativeLines(kind: SignedReportKind, narrative: Record<string, string> | null): string[] {
  if (kind !== 'weekly' && kind !== 'monthly' && kind !== 'quarterly') return []
  return NARRATIVE_FIELDS[kind].map((field) => `${NARRATIVE_LABELS[field]}（草稿）：${narrative?.[field] ?? ''}`)
}
