import { MAJOR_HAZARD_CRITERIA } from '../../bots/major-hazard-criteria'
import { WORDING } from '../../bots/wording'
import { routingRules } from '../db/schema'
import { CATEGORY_LABELS, type Category } from '../domain/categories'
import { dangerIn } from '../domain/danger'
import { DEFAULT_RECTIFY_DAYS } from '../domain/deadlines'
import { findPlace } from './extract/place'
import { isQuestion, supposes } from './intent'
import type { Turn } from './types'

/**
 * The questions staff ask about the work itself rather than about a record: what to do on finding danger,
 * what makes a hazard major, how long a rectification may take, who handles a report. Answered from the
 * rules the system runs on (the criteria, the routing table), never opening a form.
 */
export type StaffFaq = 'danger_howto' | 'major_criteria' | 'deadlines' | 'flow'

const HOW_TO_ACT = /怎么处理|怎么办|先做什么|要做什么|该做什么|如何处置|怎么处置|怎么做|如何处理|咋办/
const WHAT_MAKES = /标准|情形|什么算|算不算|怎么认定|怎么判断|如何认定|如何判断|认定|定义|哪些情况|什么情况下|界定/
const HOW_LONG = /多久|几天|多长时间|多少天|期限是|时限是/
const WHO_NEXT = /(?:上报|报了|报上去)(?:以)?后|之后|谁来处理|谁处理|谁负责|流程|怎么流转|交给谁|给谁处理/

export function staffFaqAsked(input: string): StaffFaq | undefined {
  if ([...input].length > 40 || !isQuestion(input)) return undefined
  if (dangerIn(input) && (supposes(input) || HOW_TO_ACT.test(input)) && !findPlace(input)) return 'danger_howto'
  if (/重大/.test(input) && WHAT_MAKES.test(input)) return 'major_criteria'
  // 「整改期限能不能延长几天」 asks for more time, which has its own answer.
  if (/整改/.test(input) && HOW_LONG.test(input) && !/延期|延长|宽限|推迟|推后|多给/.test(input)) return 'deadlines'
  if (/隐患|投诉/.test(input) && WHO_NEXT.test(input)) return 'flow'
  return undefined
}

export async function describeStaffFaq(turn: Turn, asked: StaffFaq, input: string): Promise<string> {
  switch (asked) {
    case 'danger_howto':
      return WORDING.staffDangerHowTo
    case 'major_criteria':
      return majorCriteria(input)
    case 'deadlines':
      return rectificationPeriods(turn)
    case 'flow':
      return WORDING.staffReportFlow
  }
}

/** The criteria of the kind named, or of every kind, as the grade question lists them. */
function majorCriteria(input: string): string {
  const named = (Object.keys(MAJOR_HAZARD_CRITERIA) as Category[]).filter((c) =>
    CATEGORY_LABELS[c].split(/及|和/).some((word) => input.includes(word)),
  )
  const kinds = named.length > 0 ? named : (Object.keys(MAJOR_HAZARD_CRITERIA) as Category[])
  const lines = kinds.map((c) => `【${CATEGORY_LABELS[c]}】${(MAJOR_HAZARD_CRITERIA[c] ?? []).join('；')}`)
  return `属于重大隐患的情形：\n${lines.join('\n')}\n符合任一情形即为重大隐患；拿不准时可先按重大隐患上报，督查员复核时可调整等级。`
}

/** Each kind's rectification period from the routing table (the default where it sets none). */
async function rectificationPeriods(turn: Turn): Promise<string> {
  const rules = await turn.ctx.db
    .select({ category: routingRules.category, rectifyDays: routingRules.rectifyDays })
    .from(routingRules)
  const lines = rules.map((r) => `${CATEGORY_LABELS[r.category]} ${r.rectifyDays} 天`)
  return `交办时未另定期限的，整改期限自交办之日起算：${lines.join('，')}；其他类别 ${DEFAULT_RECTIFY_DAYS} 天。交办人可另定期限（重大隐患随“五落实”确定）。期限前 3 天、前 1 天和当天会提醒责任单位。`
}
