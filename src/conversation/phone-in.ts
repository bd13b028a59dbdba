import { WORDING } from '../../bots/wording'
import { findMobileNumber } from '../domain/mobile-number'
import { RECORDING_ROLES } from '../domain/record-permissions'
import type { Role } from '../domain/roles'
import { notifyComplaintAssignment } from '../services/complaint-notices'
import { receiveComplaint } from '../services/complaints'
import { findUnitName } from '../services/units'
import { readComplaint } from './citizen'
import { formatLocal } from './format'
import { text } from './reply'
import type { Reply, Turn } from './types'

/**
 * 「有个市民打电话说人民路井盖丢了 帮我登记一下」「接到12345转来的投诉 建设路路灯不亮」: a citizen's complaint taken by
 * phone and told to the bot by the duty office — filed as the complaint it is, with its one-day limit and its unit
 * told (it had started a hazard report, graded, which no citizen hears the end of).
 */
const PHONE_IN =
  /^(?:刚才|刚刚|今天|早上|上午|下午|晚上)?(?:有(?:个|一个|位|一位)?)?(?:市民|群众|居民|热线|人)?(?:打电话|打来电话|来电|电话)(?:来)?(?:说|反映|投诉|举报|讲)[，,：:\s]*|^(?:刚才|刚刚)?(?:接到|收到)(?:一个|一条|一件|一起)?(?:12345|市长热线|热线|政务热线|便民热线)?(?:转来|转办|派来|转过来)?(?:的)?(?:市民)?(?:投诉|来电|电话|工单)(?:说|反映)?[，,：:\s]*|^(?:市民|群众)来电[，,：:\s]*/
/** 「…帮我登记一下」: the request to file it, no part of what is wrong. */
const ASKED_TO_RECORD = /[，,。\s]*(?:帮我|请|麻烦)?(?:登记|记录|录入|受理|记)(?:一下|下)?(?:吧)?[。！!]*$/

/** What the caller reported, when the words say a call is being passed on; undefined otherwise. */
export function phoneInTold(input: string): string | undefined {
  const lead = PHONE_IN.exec(input)
  if (!lead) return undefined
  const what = input.slice(lead[0].length).replace(ASKED_TO_RECORD, '').trim()
  return [...what].length >= 4 ? what : undefined
}

export async function fileComplaintByPhone(turn: Turn, role: Role, what: string): Promise<Reply[]> {
  if (!RECORDING_ROLES.complaint.includes(role)) return [text(WORDING.phoneInByOthers)]
  const { ctx } = turn
  const { fields } = await readComplaint(turn, what)
  // Where is what a unit needs to go: asked for, with the words to send it in (nothing is filed without it).
  if (!fields.locationText) return [text(WORDING.phoneInNeedsPlace(what))]
  const phone = findMobileNumber(what)
  const complaint = await receiveComplaint({
    ctx,
    input: {
      channel: 'console',
      category: fields.category ?? 'other',
      description: fields.description ?? what,
      locationText: fields.locationText,
      ...(phone ? { citizenPhone: phone, contactConsent: true } : {}),
    },
  })
  await notifyComplaintAssignment(ctx, complaint)
  return [
    text(
      WORDING.phoneInFiled(
        complaint.code,
        complaint.category,
        await findUnitName(ctx.db, complaint.unitId),
        formatLocal(complaint.dueAt, ctx.timeZone, ctx.clock.now()),
        phone !== undefined,
      ),
    ),
  ]
}
