import { desc, inArray } from 'drizzle-orm'
import { complaints, hazards } from '../db/schema'
import { COMPLAINT_STATUS_LABELS, OPEN_COMPLAINT_STATUSES } from '../domain/complaint-lifecycle'
import { dangerIn } from '../domain/danger'
import { HAZARD_STATUS_LABELS, OPEN_HAZARD_STATUSES } from '../domain/hazard-lifecycle'
import { maskPersonalInfo } from '../domain/privacy'
import { clip } from './format'
import type { Turn } from './types'

/**
 * 「有燃气泄漏的报告吗」「今天有没有塌陷的」: whether a danger of that kind is on the ledger now — asked by those on duty,
 * never a report of one (the words had opened a major hazard report). Answered with the open hazards and complaints
 * whose words describe the same kind of danger.
 */
const ASKS_WHETHER =
  /^(?:今天|今晚|现在|目前|最近|刚才|这两天)?(?:有没有|有无|有)(?:人)?(?:报|反映|投诉|举报)?(?:过)?([^，。,；;？?]{2,12}?)(?:的)?(?:报告|报警|投诉|举报|隐患|险情|情况|事故|事情?|消息)?(?:吗|么|没有?|没)?[？?。]*$/
/** How many open records of each kind are looked through, newest first. */
const LOOKED_AT = 200
const LISTED = 5

/** The words naming the danger asked after, when the message asks whether one is reported; undefined otherwise. */
export function dangerAskedAfter(input: string): string | undefined {
  const asked = ASKS_WHETHER.exec(input.trim())
  const said = asked?.[1]
  if (!asked || !said) return undefined
  // A question it must be: 「有燃气泄漏」 alone reports one.
  if (!/(?:有没有|有无)|(?:吗|么|没有?|没)[？?。]*$|[？?]$/.test(input)) return undefined
  return dangerIn(said) ? said : undefined
}

export async function describeDangerReported(turn: Turn, said: string): Promise<string> {
  const kind = dangerIn(said)
  const { db } = turn.ctx
  const [openHazards, openComplaints] = await Promise.all([
    db
      .select()
      .from(hazards)
      .where(inArray(hazards.status, [...OPEN_HAZARD_STATUSES]))
      .orderBy(desc(hazards.foundAt), desc(hazards.id))
      .limit(LOOKED_AT),
    db
      .select()
      .from(complaints)
      .where(inArray(complaints.status, [...OPEN_COMPLAINT_STATUSES]))
      .orderBy(desc(complaints.receivedAt), desc(complaints.id))
      .limit(LOOKED_AT),
  ])
  const sameKind = (words: string) => dangerIn(words) === kind
  const hazardRows = openHazards.filter((h) => sameKind(`${h.locationText ?? ''} ${h.description}`))
  const complaintRows = openComplaints.filter((c) => sameKind(c.description))
  if (hazardRows.length === 0 && complaintRows.length === 0)
    return `目前没有与「${said}」相关的未销号隐患或办理中的投诉。`
  const lines = [
    ...(hazardRows.length > 0 ? [`与「${said}」相关的未销号隐患 ${hazardRows.length} 项：`] : []),
    ...hazardRows
      .slice(0, LISTED)
      .map((h) => `· ${h.code} ${clip(maskPersonalInfo(h.description), 20)}（${HAZARD_STATUS_LABELS[h.status]}）`),
    ...(complaintRows.length > 0 ? [`与「${said}」相关的办理中投诉 ${complaintRows.length} 件：`] : []),
    ...complaintRows
      .slice(0, LISTED)
      .map((c) => `· ${c.code} ${clip(maskPersonalInfo(c.description), 20)}（${COMPLAINT_STATUS_LABELS[c.status]}）`),
  ]
  return lines.join('\n')
}
