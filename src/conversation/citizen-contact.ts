import { callBackOf, mayCallBack } from '../domain/call-back'
import { OPEN_COMPLAINT_STATUSES } from '../domain/complaint-lifecycle'
import type { Actor } from '../domain/roles'
import { type ComplaintRow, findComplaintByCode, IN_HAND_NAMED_AMONG, unitComplaints } from '../services/complaints'
import { normaliseCode } from './format'
import { namesARecord, recordsNamed } from './named-records'
import { text } from './reply'
import type { Reply, Turn } from './types'

/**
 * 「投诉的那个市民电话多少」「TS… 投诉人的联系方式」: those handling a complaint ask how to reach the citizen who asked
 * to be called back (domain/call-back.ts says who may). The number is theirs to call, so it is given in full — in
 * a private chat only, never in a group.
 */
const ASKS_CITIZEN_CONTACT =
  /(?:市民|投诉人|群众|当事人|反映人|举报人|来电人|业主|居民)(?:的)?(?:联系)?(?:电话|手机号?码?|号码|联系方式)|(?:怎么|如何|咋)(?:样)?(?:联系|联络)(?:上)?(?:市民|投诉人|群众|当事人|反映人|业主)/

/** Asking for it, not telling how the call went (「TS… 市民电话打不通」 is a note on its handling). */
const ASKING =
  /多少|是什么|是啥|有没有|有吗|给我|发我|发一下|告诉我|查一下|查查|在哪|哪里|怎么|如何|咋|[？?]|^(?:[A-Za-z0-9-]+\s*)?(?:市民|投诉人|群众|当事人|反映人|举报人|来电人|业主|居民)?(?:的)?(?:联系)?(?:电话|手机号?码?|号码|联系方式)$/

export function asksCitizenContact(input: string): boolean {
  return (
    [...input].length <= 40 &&
    ASKS_CITIZEN_CONTACT.test(input) &&
    ASKING.test(input) &&
    !/打不通|没人接|无人接|不接|关机|停机|空号|拒接|联系不上/.test(input)
  )
}

const LISTED = 5

export async function describeCitizenContact(turn: Turn, actor: Actor, input: string): Promise<Reply> {
  if (turn.message.chat.type !== 'private') return text('市民的联系电话只在单聊中提供，请私聊我查询。')
  const code = normaliseCode(input)
  if (code?.startsWith('TS')) {
    const complaint = await findComplaintByCode(turn.ctx.db, code)
    if (!complaint) return text(`未找到编号为 ${code} 的投诉。`)
    if (!mayCallBack(actor, complaint.unitId)) return text('市民的联系电话只提供给承办单位和值班、督查人员。')
    return text(contactLine(complaint))
  }
  // Those following every complaint name the one they mean; a unit's people get theirs in hand.
  if (actor.unitId === null || !mayCallBack(actor, actor.unitId) || mayCallBack(actor, null))
    return text('请附上投诉编号，例如：TS20261123-0001 市民电话多少')
  const inHand = await unitComplaints(turn.ctx.db, actor.unitId, [...OPEN_COMPLAINT_STATUSES], IN_HAND_NAMED_AMONG)
  if (inHand.length === 0) return text('您单位目前没有办理中的投诉。')
  // 「朝阳路路灯那个投诉的市民电话多少」: the one its place and thing name (every one in hand had been listed).
  const named = namesARecord(input) ? recordsNamed(inHand, input) : []
  if (named.length > 0) return text(named.slice(0, LISTED).map(contactLine).join('\n'))
  const listed = inHand.slice(-LISTED).reverse()
  const more = inHand.length > LISTED ? `\n……共 ${inHand.length} 件，其他请附上投诉编号查询。` : ''
  return text(`${listed.map(contactLine).join('\n')}${more}`)
}

function contactLine(complaint: ComplaintRow): string {
  const head = `投诉 ${complaint.code}：`
  const callBack = callBackOf(complaint)
  switch (callBack.kind) {
    case 'whistleblower':
      return `${head}属于举报，举报人信息保密，不提供联系方式；办理结果请回复，系统会告知举报人。`
    case 'no_call':
      return `${head}市民未留电话（不需要电话联系），办理结果请回复，系统会告知市民。`
    case 'call':
      // The name they gave is how to address them on the call (「张先生」).
      return `${head}市民联系电话 ${callBack.phone}${callBack.name ? `（${callBack.name}）` : ''}，市民希望电话联系。`
  }
}
