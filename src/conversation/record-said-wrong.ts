import { WORDING } from '../../bots/wording'
import { PATROL_VOIDERS } from '../domain/patrol-rules'
import type { Role } from '../domain/roles'
import { describePatrolsNamed } from './figures-question'
import { type PeriodSaid, periodSaidIn, TODAY } from './period-said'
import type { Turn } from './types'

/**
 * 「今天巡查的记录有问题 张伟报的人数不对」「李明昨天的巡查记录时间填错了」: someone else's saved patrol record said to be
 * wrong. A saved record is never edited in place — the ledger keeps what was filed — so the answer is whose records
 * they are (for the supervising office, which voids them) and how one is put right: voided with why, then filed
 * again. (It had opened a patrol form.)
 */
const SAID_WRONG = /有问题|不对|有误|错了|写错|填错|报错|不准确?|不实|虚报|造假|弄虚作假/
/** 「张伟报的」「李明填的」: whose record, by who filed it. */
const FILED_BY = /([\u4e00-\u9fa5]{2,3}?)(?:今天|昨天|前天|上午|下午)?(?:报|填|交|上报|填报|提交)的/
/** 「李明昨天的巡查记录」: whose record, by its owner. */
const OWNED_BY = /([\u4e00-\u9fa5]{2,3}?)(?:今天|昨天|前天|上午|下午)?的巡查(?:记录|台账)/
/** Words those patterns can take for a name that are not one. */
const NOT_A_NAME =
  /^(?:今|昨|前|上|下|本|这|那|我|你|他|她|咱|谁|哪|有|没|都|已|刚|记录|巡查|人数|时间|地点)|[的了报填交]$/

export interface PatrolRecordSaidWrong {
  name?: string
  period: PeriodSaid
}

export function patrolRecordSaidWrong(input: string): PatrolRecordSaidWrong | undefined {
  if ([...input].length > 50 || !/巡/.test(input) || !/记录|台账|报的|填的/.test(input) || !SAID_WRONG.test(input))
    return undefined
  // Their own record is another question (own-records.ts): 「我刚才报的巡查记录写错了」.
  if (/^(?:我|本人)|我(?:刚才|刚刚|今天|昨天)?(?:报|填|交)的/.test(input)) return undefined
  const name = [FILED_BY.exec(input)?.[1], OWNED_BY.exec(input)?.[1]].find(
    (said): said is string => said !== undefined && !NOT_A_NAME.test(said),
  )
  return { ...(name ? { name } : {}), period: periodSaidIn(input) ?? TODAY }
}

export async function describePatrolRecordWrong(turn: Turn, role: Role, said: PatrolRecordSaidWrong): Promise<string> {
  if (!PATROL_VOIDERS.has(role)) return WORDING.patrolRecordWrongAskSupervisor
  const records = said.name ? `${await describePatrolsNamed(turn, { period: said.period, name: said.name })}\n` : ''
  return `${records}${WORDING.patrolRecordWrongHowToVoid}`
}
