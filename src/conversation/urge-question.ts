import { urgeUnit } from '../services/unit-urging'
import type { Turn } from './types'

/**
 * 「帮我催一下市政建设总公司」「督促道管处抓紧整改」: someone overseeing urges a unit on (催办). Read here, done by the
 * service (services/unit-urging.ts): the unit's handlers get a reminder of what it has open.
 */
const URGE =
  /^(?:请|麻烦|帮我|你)?(?:催|催促|催办|督促|提醒)(?:一下|下)?(?:让)?([\u4e00-\u9fa5]{2,16}?)(?:抓紧|尽快|赶紧|加快|马上)?(?:整改|办理|处理|落实)?(?:一下)?[。！!]*$/

/** The words that name whom to urge, or nothing when the message urges no one. */
export function urgeAskedFor(input: string): string | undefined {
  return URGE.exec(input)?.[1]
}

export async function urgeNamedUnit(turn: Turn, unit: { id: number; name: string }, urgedBy: string): Promise<string> {
  const urged = await urgeUnit(turn.ctx, unit, urgedBy, turn.message.messageId)
  if (urged.hazards === 0 && urged.complaints === 0) return `${unit.name}目前没有待整改的隐患和待办的投诉，无需催办。`
  const open = `待整改隐患 ${urged.hazards} 项（已超期 ${urged.overdueHazards} 项），待办投诉 ${urged.complaints} 件（已超时 ${urged.lateComplaints} 件）`
  return urged.notified > 0
    ? `已向${unit.name}的经办人发送催办提醒（${urged.notified} 个账号）：${open}。`
    : `${unit.name}${open}，但该单位还没有绑定聊天账号的经办人，提醒未能发出。请电话督促，并请管理员为其绑定账号。`
}
