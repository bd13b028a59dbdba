import type { Actor } from '../domain/roles'
import { unitComplaints } from '../services/complaints'
import { handleComplaintCommand, takesUpComplaint } from './complaint-actions'
import { clip } from './format'
import { recordsNamed } from './named-records'
import { text } from './reply'
import type { Reply, Turn } from './types'

/** 「人民路那个路灯的投诉签收一下」「签收投诉」: a 签收 asked for in words, without the number. */
const SIGN_ASKED = /签收|受理/
const RECEIVED_COMPLAINT = /投诉.{0,4}(?:收到了?|已收到|知道了)[。！!，,]*$/
/**
 * 「收到」「好的，收到」 alone, as a handler answers the notice of a new complaint: its 签收 when one waits for it (a
 * hazard waiting to be taken on is asked first, in hazard-acceptance.ts); with none waiting, only an acknowledgement.
 */
const RECEIVED_ALONE = /^(?:好的?|嗯|ok)?[，,\s]*(?:收到|已收到|收到了|知道了)[。！!，,~～]*$/i

export function saysReceivedAlone(input: string): boolean {
  return RECEIVED_ALONE.test(input)
}

/**
 * A unit handler's words about a complaint in hand, without its number: 「人民路那个路灯的投诉签收一下」 signs for
 * it, 「已经派人去建设路了」 is how its handling goes (a 签收 first when it was not yet signed for). The one
 * complaint meant is the unit's only one, or the one whose place or thing the words name; with several,
 * which one is asked. Undefined when the words are neither, or the unit has none in hand.
 */
export async function complaintInHand(turn: Turn, actor: Actor, input: string): Promise<Reply[] | undefined> {
  if (actor.role !== 'unit_handler' || actor.unitId === null) return undefined
  // 「人民路那个井盖的投诉收到了」: 收到 said of a complaint is its 签收 too.
  const receivedAlone = RECEIVED_ALONE.test(input)
  const signing =
    (SIGN_ASKED.test(input) && /投诉|这个|那个|一下/.test(input)) || RECEIVED_COMPLAINT.test(input) || receivedAlone
  if (!signing && !takesUpComplaint(input)) return undefined
  const inHand = await unitComplaints(turn.ctx.db, actor.unitId, signing ? ['assigned'] : ['assigned', 'accepted'], 20)
  if (inHand.length === 0) return signing && !receivedAlone ? [text('您单位目前没有待签收的投诉。')] : undefined
  const named = recordsNamed(inHand, input)
  const meant = named.length === 1 ? named : inHand.length === 1 ? inHand : []
  const [only] = meant
  if (only) return handleComplaintCommand(turn, actor, signing ? `签收 ${only.code}` : `签收 ${only.code} ${input}`)
  const listed = (named.length > 1 ? named : inHand).slice(0, 5)
  return [
    text(
      `请问是哪一件投诉？请回复「签收 编号」${signing ? '' : '并附上办理进展'}：\n${listed
        .map((c) => `· ${c.code} ${clip(c.description, 20)}`)
        .join('\n')}`,
    ),
  ]
}
