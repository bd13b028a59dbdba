import { desc, lt } from 'drizzle-orm'
import { complaints } from '../db/schema'
import type { Actor } from '../domain/roles'
import { IN_HAND_NAMED_AMONG, unitComplaints } from '../services/complaints'
import { handleComplaintCommand, takesUpComplaint } from './complaint-actions'
import { clip, normaliseCode } from './format'
import { namesARecord, recordsNamed } from './named-records'
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
  const inHand = await unitComplaints(
    turn.ctx.db,
    actor.unitId,
    signing ? ['assigned'] : ['assigned', 'accepted'],
    IN_HAND_NAMED_AMONG,
  )
  if (inHand.length === 0) return signing && !receivedAlone ? [text('您单位目前没有待签收的投诉。')] : undefined
  const named = recordsNamed(inHand, input)
  // (Words naming a place or a thing none of these are about speak of something else — a hazard, perhaps.)
  if (named.length === 0 && namesARecord(input) && !signing) return undefined
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

/** 「把投诉转给燃气办」「这个投诉转给燃气办」: a complaint handed on, neither its number nor its place said. */
const UNNAMED_HANDED_TO =
  /^(?:请|麻烦|帮我)?(?:把|将)?(?:这个|那个|这件|那件|该)?(?:投诉|工单)(?:派给|派到|转给|转到|交给|转交给?|转办给?|退给)([\u4e00-\u9fa5]{2,12}?)(?:处理|办理|负责)?(?:吧|一下)?[。！!]*$/

/**
 * A handler handing on the complaint in hand without naming it: the 转办 of the unit's only one, or which one asked
 * (it was not understood). Undefined when the words hand nothing on, or come from someone not in a unit's hands.
 */
export async function complaintHandedUnnamed(turn: Turn, actor: Actor, input: string): Promise<Reply[] | undefined> {
  const unit = UNNAMED_HANDED_TO.exec(input)?.[1]
  if (!unit || actor.role !== 'unit_handler' || actor.unitId === null) return undefined
  const inHand = await unitComplaints(turn.ctx.db, actor.unitId, ['assigned', 'accepted'], IN_HAND_NAMED_AMONG)
  const [only, other] = inHand
  if (!only) return [text('您单位目前没有办理中的投诉。')]
  if (!other) return handleComplaintCommand(turn, actor, `转办 ${only.code} ${unit}`)
  return [
    text(
      `请问是哪一件投诉？请回复「转办 编号 ${unit} 原因」：\n${inHand
        .slice(0, 5)
        .map((c) => `· ${c.code} ${clip(c.description, 20)}`)
        .join('\n')}`,
    ),
  ]
}

/** 「…跟之前那个是重复的」「这个投诉重复了」: one complaint said to be another's repeat, without the numbers. */
const SAID_DUPLICATE =
  /重复|重了|同一个(?:问题|投诉|事)|一样的(?:问题|投诉)|报过了|之前(?:已经)?(?:有人)?(?:报|投诉|反映)过/
/** How far back an earlier complaint of the same place and thing is looked for. */
const EARLIER_LOOKED_AT = 200

/**
 * A handler saying a complaint in hand repeats an earlier one, by its place or thing: the 重复 command to send,
 * with both numbers when the earlier one is plain — marking it closes the complaint, so it is never done on a
 * guess. Undefined when the words say no repeat or name no complaint in hand.
 */
export async function duplicateInWords(turn: Turn, actor: Actor, input: string): Promise<Reply[] | undefined> {
  if (actor.role !== 'unit_handler' || actor.unitId === null || !SAID_DUPLICATE.test(input)) return undefined
  const inHand = await unitComplaints(turn.ctx.db, actor.unitId, ['assigned', 'accepted'], IN_HAND_NAMED_AMONG)
  if (inHand.length === 0) return undefined
  const named = recordsNamed(inHand, input)
  // Two in hand the words name: the later repeats the earlier.
  const meant = named.length > 0 ? named.at(-1) : inHand.length === 1 ? inHand[0] : undefined
  if (!meant)
    return [
      text(
        `请发送「重复 投诉编号 原投诉编号」标记重复投诉。您单位办理中的投诉：\n${inHand
          .slice(0, 5)
          .map((c) => `· ${c.code} ${clip(c.description, 20)}`)
          .join('\n')}`,
      ),
    ]
  const earlier =
    named.length > 1
      ? named.slice(0, -1)
      : recordsNamed(
          await turn.ctx.db
            .select()
            .from(complaints)
            .where(lt(complaints.id, meant.id))
            .orderBy(desc(complaints.id))
            .limit(EARLIER_LOOKED_AT),
          `${meant.locationText ?? ''}${meant.description}`,
        )
  const [original, ...others] = earlier
  const example = original && others.length === 0 ? original.code : '原投诉编号'
  return [
    text(
      `要将投诉 ${meant.code}（${clip(meant.description, 20)}）标为重复投诉，请发送「重复 ${meant.code} ${example}」${
        original && others.length === 0 ? `（原投诉：${clip(original.description, 20)}）` : ''
      }。标为重复后该投诉即办结。`,
    ),
  ]
}

/**
 * 「市民电话打不通」「现场没找到这个井盖」「市民说不用修了」: how the handling of a complaint goes, said without its
 * number — about the citizen or the site, not a result. Kept on the one complaint it can be (the unit's only one in
 * hand, or the one its words name) as 办理进展; with several, which one is asked.
 */
const PROGRESS_ABOUT_CITIZEN =
  /(?:市民|群众|业主|住户|投诉人|举报人|来电人|报案人)[^，。]{0,8}(?:电话|手机|打不通|没人接|没接|未接|不接|联系不上|联系不到|关机|停机|说|表示|反映|同意|不同意|不在家|不配合|撤回|撤销)/
/**
 * 「这个需要三天才能修好」「今天下雨 明天再去修」「材料还没到」: when it will be done, or what holds it up — a plan for
 * the complaint in hand, not its result (they were not understood).
 */
const PROGRESS_PLANNED =
  /(?:需要|要|得)(?:[0-9一二两三四五六七八九十几半]+)(?:个)?(?:天|小时|周|星期|工作日)|(?:明天|明早|后天|下午|晚上|过两天|过几天|下周|改天)(?:上午|下午|早上|一早|中午|晚上)?(?:再|才|就)?(?:去|来|安排|派人)?(?:修|处理|更换|换|补|维修|施工|弄|看)|下雨|下大雨|天气(?:原因|不好)|材料(?:还)?(?:没到|未到|在路上)|(?:等|在等)(?:材料|配件|设备|审批)/
// (「现场看了 没有这个问题」「这个要等电力公司来处理」「需要其他单位配合」 too: they were not understood.)
const PROGRESS_ON_SITE =
  /现场(?:看了|看过了?|查看了|核实了|去了)?[，,\s]*(?:没|未|不存在)(?:有)?(?:发现|看到|这个|该|此)?(?:问题|情况|现象)|需要(?:其他|别的|相关|有关)?(?:单位|部门|公司)?[^，。]{0,8}?(?:配合|协调|协助)|(?:要|得|需要|还在|正在)等[\u4e00-\u9fa5]{2,10}?(?:来|去|到场)?(?:处理|修|维修|抢修|协调|配合|审批|施工)|现场(?:没|未)(?:有)?(?:找到|发现|看到)|(?:没|未)(?:有)?找到(?:这个|那个)?(?:地方|位置|地址|井盖|路灯|问题)?|地址(?:不对|有误|不详|不清)|(?:核实|查实)(?:后)?(?:不|不是|属实|情况)|不属实|已(?:经)?核实/

export async function complaintProgressInWords(
  turn: Turn,
  actor: Actor,
  input: string,
): Promise<{ code: string } | { replies: Reply[] } | undefined> {
  // (A number said is the record meant — another unit's is never put on one of this unit's.)
  if (actor.role !== 'unit_handler' || actor.unitId === null || normaliseCode(input)) return undefined
  if (!PROGRESS_ABOUT_CITIZEN.test(input) && !PROGRESS_ON_SITE.test(input) && !PROGRESS_PLANNED.test(input))
    return undefined
  const inHand = await unitComplaints(turn.ctx.db, actor.unitId, ['assigned', 'accepted'], IN_HAND_NAMED_AMONG)
  if (inHand.length === 0) return undefined
  const named = recordsNamed(inHand, input)
  const [only] = named.length === 1 ? named : inHand.length === 1 ? inHand : []
  if (only) return { code: only.code }
  // The newest first: the one just handed over is the likeliest.
  const listed = [...(named.length > 1 ? named : inHand)].reverse().slice(0, 5)
  return {
    replies: [
      text(
        `请问是哪一件投诉？请回复「编号 办理进展」，例如：${listed[0]?.code ?? 'TS20261123-0001'} ${input}\n${listed
          .map((c) => `· ${c.code} ${clip(c.description, 20)}`)
          .join('\n')}`,
      ),
    ],
  }
}
