import { desc, eq, inArray } from 'drizzle-orm'
import { WORDING } from '../../bots/wording'
import { complaints, hazards, units } from '../db/schema'
import type { Category } from '../domain/categories'
import {
  isComplaintOpen,
  OPEN_COMPLAINT_STATUSES,
  SATISFACTION_LABELS,
  type Satisfaction,
} from '../domain/complaint-lifecycle'
import { RuleViolation } from '../domain/errors'
import { OPEN_HAZARD_STATUSES } from '../domain/hazard-lifecycle'
import { type Actor, SYSTEM_ACTOR } from '../domain/roles'
import { noteComplaintProgress } from '../services/complaint-followups'
import { turnComplaintIntoHazard } from '../services/complaint-hazards'
import {
  notifyComplaintAssignment,
  notifyComplaintOutcome,
  notifyComplaintRejected,
} from '../services/complaint-notices'
import {
  applyComplaintCommand,
  type ComplaintRow,
  complaintsToSign,
  findComplaintByCode,
  IN_HAND_NAMED_AMONG,
  unitComplaints,
} from '../services/complaints'
import { unitName } from '../services/hazard-notices'
import { recordRewardPaid, verifyWhistleblowing } from '../services/rewards'
import { codedCommand, leadingCode, unitToldToHandle } from './coded-command'
import { askMissingDeadline, deadlineMoveAsExtension, deadlineSaid } from './deadline-said'
import { clip, complaintInWords, formatLocal, normaliseCode } from './format'
import { isQuestion } from './intent'
import { namesARecord, recordsNamed } from './named-records'
import { text } from './reply'
import type { Reply, Turn } from './types'
import { reasonBeside, unitNamedIn } from './unit-named'

/**
 * What a unit handler does with a complaint, in one message each:
 * 签收 TS… · 回复 TS… 结果 · 转办 TS… 单位 原因 · 重复 TS… TS…(原投诉) · 转为隐患 TS…（重大）
 */
const COMMAND = /^(签收|受理|回复|答复|转办|派单|重复|转为隐患|转隐患|核实|发放奖励|延期|不予受理|回访)\s*(.*)$/s
/**
 * 「TS… 派给市政」「TS… 转给燃气办 属燃气管线」「TS… 交给市政建设总公司处理」: handing it to a unit, the number first —
 * the 派单 of a complaint not yet dispatched, the 转办 of one in a unit's hands.
 */
const HANDED_TO =
  /^(?:转办|派单|改派|转交|转给|转到|派给|派到|交给|交由|分派给?|指派给?|转(?![告达述发])|派(?![人了员出]))(?:给|到|至)?[\s，,：:]*([\s\S]+)$/
/** 「把」 (and a please) before the number: 「请把TS…转给燃气办」. */

const ACKNOWLEDGED = /^(?:收到|已收到|签收|好的|知道了|明白)[。！!，,]*$/
/** 「已回填平整」「已经修好」: done — a plan or a hand-off after 已 (「已安排人员明天去」「已派人」) is not (ON_IT). */
const DONE =
  /^(?:已经?|已)(?:全部|重新|及时)?(?:办结|处理|修复|修好|更换|换好|整改|清理|解决|恢复|维修|拆除|完成|回填|填平|平整|修补|补好|疏通|加固|清运|清除|封堵|处置|完工)/
/** 「已派人去看了」「马上安排人去现场」「正在处理」: taken up, not yet done — a 签收. */
const ON_IT =
  /^(?:收到[，,。！!\s]*)?(?:我们|我)?(?:已经?|马上|立即|立刻|正在|这就|现在|今天)?(?:派人|派了人|安排人|安排了人|安排|去现场|到现场|去看|去查看|去核实|核实|联系|处理中|在处理|跟进|对接)|^(?![^？?]*[？?])[^，,。]{0,12}?(?:已经|已|正在|马上)?(?:到了?现场|在现场|去现场|正在处理|处理中|在处理|维修中|抢修中?|施工中)/

/** 「已经派人去建设路了」「正在处理」: a complaint taken up, said without its number (asked, it is a question). */
export function takesUpComplaint(input: string): boolean {
  // (「人民路那个井盖已经派人去了」: the one meant, named before what is being done.)
  const said = input.replace(NAMED_FIRST, '')
  return (ON_IT.test(input) || (said !== input && ON_IT.test(said))) && !/[？?吗]$/.test(input)
}
/** 「人民路那个井盖」「建设路路灯的投诉」 before the words (a space or a comma after it too): which one, not what is done. */
const NAMED_FIRST =
  /^[\u4e00-\u9fa5A-Za-z0-9]{2,16}?(?:那个|这个|那件|这件|的投诉|那个投诉|这个投诉)[\u4e00-\u9fa5]{0,4}?[\s，,]*(?=(?:我们|我)?(?:已经?|马上|立即|立刻|正在|这就|现在|今天))/

/**
 * The handler's words after a complaint's number, as the command they mean: 「收到」 is 签收, 「已经修好了」 is
 * the reply with that result. Anything else is left alone (undefined).
 */
export function complaintCommandInWords(input: string): string | undefined {
  // 「把TS…转给燃气办」「麻烦把TS…派给市政」: the same, the number after 把.
  const leading = leadingCode('TS', input)
  if (!leading) return undefined
  if (ACKNOWLEDGED.test(leading.after)) return `签收 ${leading.code}`
  // 「TS… 办结」: the reply is what ends a complaint; without a result it is asked for.
  if (/^(?:已)?办结(?:了)?[。！!]*$/.test(leading.after)) return `回复 ${leading.code}`
  if (DONE.test(leading.after)) return `回复 ${leading.code} ${leading.after}`
  if (ON_IT.test(leading.after)) return `签收 ${leading.code} ${leading.after}`
  // 「TS… 申请延期 材料没到」「TS… 延期到明天下午5点 材料没到」: more time, given or asked for by who says it.
  const more = EXTENSION_SAID.exec(deadlineMoveAsExtension(leading.after))
  if (more) return `延期 ${leading.code} ${more[1] ?? ''}`.trim()
  // 「TS… 满意」「TS… 回访 基本满意 已修好」: the call-back's verdict (it was not understood).
  // 「TS… 已电话回访 市民满意」: the same told as done (it had been kept as a note on the handling).
  const calledBack =
    /^(?:已经?)?(?:电话|打电话)?(?:回访)?(?:了|过)?[\s，,：:。]*(?:市民|群众|投诉人|对方|居民|业主)?(?:表示|说|反映|称)?(?:很|比较)?((?:不满意|基本满意|非常满意|满意)[\s\S]*)$/.exec(
      leading.after,
    )
  if (calledBack) return `回访 ${leading.code} ${calledBack[1]}`
  // 「TS… 不予受理 属于城管执法范围」: the command, said after the number.
  const refused = /^(?:作)?不予受理[\s，,：:。]*([\s\S]*)$/.exec(leading.after)
  if (refused) return `不予受理 ${leading.code} ${refused[1] ?? ''}`.trim()
  const handed = HANDED_TO.exec(leading.after)
  if (handed) return `转办 ${leading.code} ${handed[1]}`
  // 「让市政去处理」: the unit named to do it.
  const told = unitToldToHandle(leading.after)
  if (told) return `转办 ${leading.code} ${told}`
  // 「这个不归我们管，是道管处的」: not the unit's, and whose it is — handed on, the words as the reason.
  const whose = NOT_OURS_BUT.exec(leading.after)?.[1] ?? SHOULD_BE_THEIRS.exec(leading.after)?.[1]
  if (whose) return `转办 ${leading.code} ${whose} ${leading.after}`
  return undefined
}

/**
 * 「建设路燃气漏气那个投诉派给燃气办」「把人民路井盖的投诉转给道管处」: a complaint named by its place or thing,
 * handed to a unit — the 派单 of one not yet dispatched, the 转办 of one in a unit's hands. (It had opened a hazard
 * form, the leak in the words read as danger.)
 */
const NAMED_HANDED_TO =
  /^(?:请|麻烦|帮我)?(?:把|将)?([\u4e00-\u9fa5A-Za-z0-9]{2,20}?)(?:的)?(?:(?:那个|这个|那件|这件|那条)(?:投诉|工单)?|投诉|工单)[\s，,]*(派给|派到|转给|转到|交给|分给|转交给?)([\u4e00-\u9fa5]{2,12}?)(?:处理|办理|负责)?(?:吧|一下)?[。！!]*$/

/**
 * 「违章搭建那个 不属于住建 回复市民找城管」「广告牌那个投诉不予受理 属城管」: a complaint named by its place or thing,
 * not taken up — with why, which the citizen is told (the words had opened a hazard form).
 */
const NAMED_REJECTED =
  /^(?:请|麻烦|帮我)?(?:把|将)?([\u4e00-\u9fa5A-Za-z0-9]{2,20}?)(?:的)?(?:那个|这个|那件|这件|那条)(?:投诉|工单)?[\s，,]*((?:作)?不予受理[\s\S]*|不(?:属于|归)(?:住建|我们|本部门|我局|本局)[\s\S]*)$/
/** The words that ask the citizen be told, which are no part of why. */
const TELL_CITIZEN = /(?:回复|答复|告诉|通知|跟)(?:一下)?(?:市民|群众|投诉人)(?:说)?[\s，,：:]*/g

/** 「把湘江路地砖那个转成隐患」「人民路井盖的投诉登记为重大隐患」: a complaint named by its place or thing, made a hazard. */
const NAMED_TO_HAZARD =
  /^(?:请|麻烦|帮我)?(?:把|将)?([\u4e00-\u9fa5A-Za-z0-9]{2,20}?)(?:的)?(?:那个|这个|那件|这件|那条)?(?:投诉|工单)?(?:转成|转为|转换成|转换为|转化为|登记为|登记成|转)(?:一个|一条|一项)?(重大|一般)?(?:的)?隐患(?:吧|一下)?[。！!]*$/

export async function complaintCommandByName(
  turn: Turn,
  input: string,
): Promise<{ command: string } | { replies: Reply[] } | undefined> {
  if (normaliseCode(input)) return undefined
  const said = NAMED_HANDED_TO.exec(input)
  // (「…那个交给市政」 with no word for a complaint is a hazard's 交办: only 派给/转给 hand a complaint so named.)
  const handed = said && (/投诉|工单/.test(said[0]) || !/^交给/.test(said[2] ?? '')) ? said : null
  const toHazard = handed ? undefined : NAMED_TO_HAZARD.exec(input)
  const refused = handed || toHazard ? undefined : NAMED_REJECTED.exec(input)
  const name = handed?.[1] ?? toHazard?.[1] ?? refused?.[1] ?? ''
  // (What is refused is often no thing patrols watch — 「违章搭建那个」 — and is looked for in the words of each.)
  const byWords = refused !== null && refused !== undefined && !namesARecord(name)
  if (!namesARecord(name) && !byWords) return undefined
  const open = await turn.ctx.db
    .select()
    .from(complaints)
    .where(inArray(complaints.status, [...OPEN_COMPLAINT_STATUSES]))
    .orderBy(desc(complaints.receivedAt), desc(complaints.id))
    .limit(NAMED_AMONG)
  const named = byWords ? open.filter((c) => c.description.includes(name)) : recordsNamed(open, name)
  const [only] = named
  // 「转成隐患」 of none: said so (the words had opened a hazard form of their own).
  if (!only)
    return toHazard
      ? { replies: [text(`没有找到与「${name}」相符的办理中投诉。请发送「转为隐患 投诉编号」。`)] }
      : undefined
  const unit = handed?.[3] ?? ''
  const level = toHazard?.[2] === '重大' ? ' 重大' : ''
  const why = (refused?.[2] ?? '')
    .replace(/^(?:作)?不予受理[\s，,：:。]*/, '')
    .replace(TELL_CITIZEN, '')
    .trim()
  if (named.length > 1)
    return {
      replies: [
        text(
          `有 ${named.length} 件投诉与「${name}」相符，请回复「${handed ? `转办 编号 ${unit}` : refused ? `不予受理 编号 ${why}` : `转为隐患 编号${level}`}」指明是哪一件：\n${named
            .slice(0, 5)
            .map((c) => `· ${c.code} ${clip(complaintInWords(c), 20)}`)
            .join('\n')}`,
        ),
      ],
    }
  if (toHazard) return { command: `转为隐患 ${only.code}${level}` }
  if (refused) return { command: `不予受理 ${only.code} ${why}`.trim() }
  return { command: `${only.unitId === null ? '派单' : '转办'} ${only.code} ${unit}` }
}
/** How many open complaints words naming one are looked for among. */
const NAMED_AMONG = 100

/** 「申请延期 材料没到」「延期到明天 …」「能不能延长一天」 after a complaint's number: the rest is the new limit and why. */
const EXTENSION_SAID =
  /^(?:我们|我)?(?:申请|请求|需要|想|要|能不能|能否|可否|可不可以)?(?:延期|延长|宽限)(?:一下|办理时限|时限|时间)?(?:吗|行吗|可以吗)?(?:到|至)?[\s，,：:。]*([\s\S]*)$/

/** 「这个是燃气的问题 应该燃气办管」「应由道管处负责」: whose it should be, with or without why. */
const SHOULD_BE_THEIRS =
  /^(?:这个|这件|这条)?(?:投诉|工单)?(?:是|属于)?[\u4e00-\u9fa5]{0,10}?(?:的)?(?:问题|事)?[，,。\s]*(?:应该|应当|应|该)(?:由|是|归|给|转给|交给)?([\u4e00-\u9fa5]{2,8}?)(?:来)?(?:管|处理|负责|办理|的事)(?:吧)?[。！!]*$/

/** 「这个不归我们管，是道管处的」「不是我们的，应该归燃气办」: not the unit's, and whose it is. */
const NOT_OURS_BUT =
  /^(?:这个|这件|这条)?(?:投诉|工单)?(?:不归我们管|不归我们|不是我们的|不是我们单位的|不属于我们|不属于我们单位|不是我们管的)[，,。\s]*(?:应该|应当)?(?:是|归|属于|由)([\u4e00-\u9fa5]{2,12}?)(?:的|管|负责|处理)?(?:吧)?[。！!]*$/

/**
 * 「TS… 市民电话打不通」「TS… 现场没找到，地址不对」: words about a complaint in hand that are no command, from the
 * unit handling it (or those who dispatch): kept on its history as 办理进展 rather than left unanswered. Undefined
 * when the words are not about a complaint this person may note.
 */
/** Word after a complaint's answer that it is not settled: 「市民说还没修好」「重新办理」「又坏了」. */
const UNSETTLED =
  /市民|群众|投诉人|没修好|未修好|没解决|未解决|没处理好|还是|仍然|依然|重新|重办|返工|又(?:坏|松|塌|漏|堵|丢|不亮)/

export async function noteOnComplaintInHand(turn: Turn, actor: Actor, input: string): Promise<Reply[] | undefined> {
  const leading = leadingCode('TS', input)
  if (!leading?.after || [...leading.after].length > 200) return undefined
  const complaint = await findComplaintByCode(turn.ctx.db, leading.code)
  // (After the answer, only word that it is not settled: 「TS… 办结了吗」 asks, 「TS… 满意」 is the call-back's.)
  const answered =
    (complaint?.status === 'replied' || complaint?.status === 'closed') &&
    !isQuestion(leading.after) &&
    UNSETTLED.test(leading.after)
  if (!complaint || (!['assigned', 'accepted'].includes(complaint.status) && !answered)) return undefined
  const theirs = actor.role === 'unit_handler' && actor.unitId !== null && actor.unitId === complaint.unitId
  if (!theirs && !DISPATCHING.has(actor.role)) return undefined
  await noteComplaintProgress(turn.ctx, complaint, actor, leading.after)
  // 「TS… 市民说还没修好 重新办理」 after the answer: on its history, and what may still be done (not understood).
  if (answered) return [text(WORDING.complaintNoteKeptAnswered(complaint.code, complaint.status))]
  if (!theirs) return [text(await noteKeptByOverseer(turn, complaint))]
  return [text(WORDING.complaintNoteKept(complaint.code, complaint.status === 'accepted'))]
}

/**
 * 「刚才那个燃气泄漏的 我已经通知燃气公司了」 from the duty officer or a supervisor: what was done about a complaint
 * pointed back at by its danger, thing or place, kept as its 办理进展 (it opened a major hazard report). Only when
 * exactly one open complaint fits and no open hazard does (a hazard's disposal is its own command).
 */
// (「燃气那个已经通知燃气公司了」: 那个 and straight on to what was done — it was not understood.)
const POINTED_BACK =
  /^(?:刚才|刚刚|之前|上午|早上|下午)?(?:那个|这个|那起|这起)|那个(?:投诉|的)?(?:[\s，,]|(?=已))|刚才|刚刚/
const DONE_ABOUT_IT =
  /(?:已经?|已|都)(?:电话)?(?:通知|联系|告知|转告|派人|安排|到场|到现场|赶到|处置|协调|交给|转给|让)/

export async function progressOnComplaintPointedAt(
  turn: Turn,
  actor: Actor,
  input: string,
): Promise<Reply[] | undefined> {
  if (!DISPATCHING.has(actor.role) || normaliseCode(input) || [...input].length > 80) return undefined
  if (!POINTED_BACK.test(input) || !DONE_ABOUT_IT.test(input)) return undefined
  // 「燃气那个已经通知燃气公司了」: named by its kind alone, when no place, thing or danger names it.
  const kind = namesARecord(input) ? undefined : KIND_POINTED_AT.find(([words]) => words.test(input))?.[1]
  if (!namesARecord(input) && !kind) return undefined
  const open = await turn.ctx.db
    .select()
    .from(complaints)
    .where(inArray(complaints.status, ['received', 'assigned', 'accepted']))
    .orderBy(desc(complaints.receivedAt), desc(complaints.id))
    .limit(POINTED_AMONG)
  const [only, ...more] = kind ? open.filter((c) => c.category === kind) : recordsNamed(open, input)
  if (!only || more.length > 0) return undefined
  const hazardsToo = await turn.ctx.db
    .select({
      code: hazards.code,
      category: hazards.category,
      description: hazards.description,
      locationText: hazards.locationText,
    })
    .from(hazards)
    .where(inArray(hazards.status, [...OPEN_HAZARD_STATUSES]))
    .limit(POINTED_AMONG)
  const hazardsNamed = kind ? hazardsToo.filter((h) => h.category === kind) : recordsNamed(hazardsToo, input)
  if (hazardsNamed.length > 0) return undefined
  await noteComplaintProgress(turn.ctx, only, actor, input)
  return [text(await noteKeptByOverseer(turn, only))]
}
/** A kind said for the record pointed at (「燃气那个」「工地那个」), read as the complaints of that kind. */
const KIND_POINTED_AT: readonly (readonly [RegExp, Category])[] = [
  [/燃气|煤气|天然气|液化气/, 'gas'],
  [/工地/, 'construction_site'],
  [/桥/, 'bridge'],
]
/** How many of the latest open complaints words pointing back are matched against. */
const POINTED_AMONG = 50

async function noteKeptByOverseer(turn: Turn, complaint: ComplaintRow): Promise<string> {
  const unit = complaint.unitId === null ? undefined : await unitName(turn.ctx, complaint.unitId)
  return WORDING.complaintNoteKeptByOverseer(complaint.code, unit)
}

/**
 * 「跟市民说一下 明天上午去换」「明天安排人去修」 from a handler whose unit has signed for one complaint (or the words
 * name one): a plan for it, kept as its 办理进展 (it was told nothing waited). Undefined when none or several fit.
 */
export async function progressOnSignedComplaint(turn: Turn, actor: Actor, input: string): Promise<Reply[] | undefined> {
  if (actor.role !== 'unit_handler' || actor.unitId === null || [...input].length > 200) return undefined
  const signed = await unitComplaints(turn.ctx.db, actor.unitId, ['accepted'], IN_HAND_NAMED_AMONG)
  const named = recordsNamed(signed, input)
  const [only] = named.length === 1 ? named : signed.length === 1 ? signed : []
  if (!only) return undefined
  await noteComplaintProgress(turn.ctx, only, actor, input)
  return [text(WORDING.complaintNoteKept(only.code, true))]
}

/** 「签收全部」「全部签收」「把我的待办都签收了」: every complaint waiting for the unit's 签收, at once. */
const SIGN_ALL =
  /^(?:一键|全部|都)签收(?:全部|所有)?(?:的)?(?:投诉|待办)?(?:吧|一下)?[。！!]*$|^签收(?:全部|所有|一下全部|一下所有)(?:的)?(?:投诉|待办)?[。！!]*$|^(?:请|帮我)?(?:把|将)?(?:我的|我们的|所有的?|全部的?|(?:这|那)?[两二三四五六七八九十几](?:个|件))?(?:待办|投诉)?(?:都|全部)签收(?:了|一下)?(?:吧)?[。！!]*$/

export function asksToSignAll(input: string): boolean {
  return SIGN_ALL.test(input)
}

/** Signs for every complaint waiting on the handler's unit; each is its own transaction, as if signed one by one. */
export async function signAllWaiting(turn: Turn, actor: Actor): Promise<Reply[]> {
  if (actor.role !== 'unit_handler' || actor.unitId === null) return [text(WORDING.signAllForHandlers)]
  const waiting = await complaintsToSign(turn.ctx.db, actor.unitId, SIGN_ALL_LIMIT)
  if (waiting.length === 0) return [text(WORDING.nothingToSign)]
  const signed: string[] = []
  for (const complaint of waiting) {
    try {
      await applyComplaintCommand({ ctx: turn.ctx, complaintId: complaint.id, command: { action: 'accept' }, actor })
      signed.push(complaint.code)
    } catch (error) {
      // One signed meanwhile by a colleague is no reason to stop the rest.
      if (!(error instanceof RuleViolation)) throw error
    }
  }
  return [text(WORDING.signedAll(signed))]
}
const SIGN_ALL_LIMIT = 50

const SATISFACTION_SAID: Record<string, Satisfaction> = {
  非常满意: 'satisfied',
  满意: 'satisfied',
  基本满意: 'basically_satisfied',
  不满意: 'dissatisfied',
}

export function isComplaintCommand(input: string): boolean {
  return codedCommand(COMMAND, 'TS', input) !== undefined
}

export async function handleComplaintCommand(
  turn: Turn,
  actor: Actor,
  input: string,
  /** Photos of the result, which go on the answer's step (「回复」 only). */
  mediaIds: readonly number[] = [],
): Promise<Reply[]> {
  const parsed = codedCommand(COMMAND, 'TS', input)
  if (!parsed) return [text('请附上投诉编号，例如：签收 TS20261123-0001')]
  const { verb, code, after } = parsed
  const complaint = await findComplaintByCode(turn.ctx.db, code)
  if (!complaint) return [text(`未找到投诉 ${code}。`)]
  const ctx = turn.ctx
  try {
    switch (verb) {
      case '签收':
      case '受理': {
        // 「TS… 已经派人去看了」 after the 签收: how the handling goes, noted; the reply still ends it.
        if (complaint.status === 'accepted' && after) {
          await noteComplaintProgress(ctx, complaint, actor, after)
          return [text(`已记录投诉 ${code} 的办理进展。办理完成后请发送「回复 ${code} 办理结果」，结果会告知市民。`)]
        }
        // 「TS… 收到」 again after the 签收: said so, with what comes next.
        if (complaint.status === 'accepted')
          return [text(`投诉 ${code} 已签收。办理完成后请发送「回复 ${code} 办理结果」，结果会告知市民。`)]
        const accepted = await applyComplaintCommand({
          ctx,
          complaintId: complaint.id,
          command: { action: 'accept' },
          actor,
        })
        if (after && ON_IT.test(after)) await noteComplaintProgress(ctx, accepted, actor, after)
        return [text(`已签收投诉 ${code}，请在时限内办理并回复结果。`)]
      }
      case '回复':
      case '答复': {
        if (complaint.status === 'replied' || complaint.status === 'closed')
          return [text(`投诉 ${code} 已答复市民并办结，无需再次回复。`)]
        if (!after) return [text(`请写明办理结果，例如：回复 ${code} 已更换井盖`)]
        // A result sent before the 签收 says it was taken up too: both are recorded, in that order.
        if (complaint.status === 'assigned')
          await applyComplaintCommand({ ctx, complaintId: complaint.id, command: { action: 'accept' }, actor })
        const replied = await applyComplaintCommand({
          ctx,
          complaintId: complaint.id,
          command: { action: 'reply', outcome: after },
          actor,
          mediaIds: [...mediaIds],
        })
        await notifyComplaintOutcome(ctx, replied)
        // The reply ends the handling; the call-back (回访) can follow on the closed ticket.
        await applyComplaintCommand({
          ctx,
          complaintId: complaint.id,
          command: { action: 'close' },
          actor: SYSTEM_ACTOR,
        })
        const photos = mediaIds.length > 0 ? `照片 ${mediaIds.length} 张已随办理结果记录。` : ''
        return [text(`已回复投诉 ${code}，办理结果将告知市民。${photos}`)]
      }
      case '核实': {
        const substantiated = /^属实/.test(after) ? true : /^(不属实|不实|未核实)/.test(after) ? false : undefined
        const reason = after.replace(/^(属实|不属实|不实|未核实)[\s，,：:]*/, '').trim()
        if (substantiated === undefined || !reason)
          return [text(`请写明核实结果和情况，例如：核实 ${code} 属实 现场确有违规施工`)]
        const { reward } = await verifyWhistleblowing(ctx, complaint.id, actor, substantiated, reason)
        return [
          text(
            substantiated
              ? `举报 ${code} 核实属实，按标准奖励 ${reward?.amountYuan ?? 0} 元，待督查登记发放。`
              : `举报 ${code} 核实不属实，不予奖励。`,
          ),
        ]
      }
      case '发放奖励': {
        if (!after) return [text(`请写明发放方式，例如：发放奖励 ${code} 微信转账`)]
        const { reward } = await recordRewardPaid(ctx, complaint.id, actor, after)
        return [text(`已登记举报 ${code} 的奖励发放（${reward?.amountYuan ?? 0} 元，${after}）。`)]
      }
      case '延期':
        return [text(await extendComplaint(turn, actor, complaint, after))]
      case '回访': {
        // 「回访 TS… 满意 已修好」: how the citizen called back rated the handling, and what they said.
        const said = /^(不满意|基本满意|非常满意|满意)[\s，,：:。]*([\s\S]*)$/.exec(after)
        const satisfaction = said?.[1] ? SATISFACTION_SAID[said[1]] : undefined
        if (!satisfaction) return [text(`请写明回访结果：满意、基本满意或不满意，例如：回访 ${code} 满意`)]
        // The call-back follows the answer: before it there is no result to rate.
        if (isComplaintOpen(complaint.status)) return [text(WORDING.callbackBeforeAnswer(code, complaint.status))]
        await applyComplaintCommand({
          ctx,
          complaintId: complaint.id,
          command: { action: 'callback', satisfaction, ...(said?.[2] ? { note: said[2] } : {}) },
          actor,
        })
        return [text(`已记录投诉 ${code} 的回访结果：${SATISFACTION_LABELS[satisfaction]}。`)]
      }
      case '不予受理': {
        // Not the bureau's to handle (illegal building is the city administration's): closed with why, and the
        // citizen told where to turn — the reason says it.
        if (!after) return [text(`请写明不予受理的原因，例如：不予受理 ${code} 违章搭建属城管执法范围`)]
        const rejected = await applyComplaintCommand({
          ctx,
          complaintId: complaint.id,
          command: { action: 'reject', reason: after },
          actor,
        })
        const told = await notifyComplaintRejected(ctx, rejected, after)
        return [
          text(`投诉 ${code} 已作不予受理，${told ? '原因已告知市民' : '该投诉非经公众号提交，请电话告知市民原因'}。`),
        ]
      }
      case '转为隐患':
      case '转隐患': {
        const level = /重大/.test(after) ? 'major' : 'general'
        const { hazard } = await turnComplaintIntoHazard(ctx, complaint.id, actor, level)
        const routed = hazard.status === 'assigned' ? '，已按派单规则交办责任单位' : '，待督查交办'
        return [
          text(
            `已将投诉 ${code} 登记为${level === 'major' ? '重大' : '一般'}隐患 ${hazard.code}${routed}。投诉仍须在时限内答复市民；隐患销号后将告知市民。`,
          ),
        ]
      }
      case '转办':
      case '派单': {
        // The unit named as every message naming one is read: its full name, or the start of it (「市政」).
        const target = await unitNamedIn(turn, after, { leading: true })
        if (!target) return [text(`请写明转办单位和原因，例如：转办 ${code} 燃气办 属燃气管线问题`)]
        // Not dispatched yet (no routing rule matched it): this is its 派单, which needs no reason.
        if (complaint.status === 'received') {
          const assigned = await applyComplaintCommand({
            ctx,
            complaintId: complaint.id,
            command: { action: 'assign', unitId: target.id },
            actor,
          })
          await notifyComplaintAssignment(ctx, assigned)
          return [text(`已将投诉 ${code} 派给${target.name}，已通知该单位签收办理。`)]
        }
        if (complaint.unitId === target.id) return [text(`投诉 ${code} 已由${target.name}办理，无需转办。`)]
        const reason = reasonBeside(after, target.said) || `转办至${target.name}`
        const moved = await applyComplaintCommand({
          ctx,
          complaintId: complaint.id,
          command: { action: 'transfer', unitId: target.id, reason },
          actor,
        })
        await notifyComplaintAssignment(ctx, moved)
        return [text(`已将投诉 ${code} 转办至${target.name}，已通知该单位签收办理。`)]
      }
      default: {
        const original = normaliseCode(after)
        if (!original) return [text(`请写明原投诉编号，例如：重复 ${code} TS20261120-0003`)]
        const first = await findComplaintByCode(ctx.db, original)
        if (!first) return [text(`未找到原投诉 ${original}。`)]
        await applyComplaintCommand({
          ctx,
          complaintId: complaint.id,
          command: { action: 'mark_duplicate', duplicateOfId: first.id, reason: `与 ${original} 为同一问题` },
          actor,
        })
        return [text(`已将投诉 ${code} 标记为 ${original} 的重复件。`)]
      }
    }
  } catch (error) {
    if (error instanceof RuleViolation && error.code === 'forbidden' && HANDLING.has(verb))
      return [text(await notTheirsToHandle(turn, complaint, actor, after))]
    if (error instanceof RuleViolation) return [text(error.message)]
    throw error
  }
}

/** Those who may give a complaint more time (the lifecycle's 延期). */
const EXTENDING: ReadonlySet<string> = new Set(['supervisor', 'admin'])

/**
 * 「延期 TS… 明天17点 材料没到」 from the supervising office: the complaint's time limit moved, the unit told. From
 * the unit handling it, the same words ask for it: kept on its history as 办理进展 for the supervising office to see.
 */
async function extendComplaint(turn: Turn, actor: Actor, complaint: ComplaintRow, said: string): Promise<string> {
  const { ctx } = turn
  const { code } = complaint
  if (!(OPEN_COMPLAINT_STATUSES as readonly string[]).includes(complaint.status))
    return `投诉 ${code} 已${complaint.status === 'duplicate' ? '标记为重复件' : '答复市民并办结'}，无需延期。`
  if (!EXTENDING.has(actor.role)) {
    const theirs = actor.role === 'unit_handler' && actor.unitId !== null && actor.unitId === complaint.unitId
    if (!theirs) return WORDING.complaintExtensionHow
    if (!said) return `请写明延期原因，例如：${code} 申请延期 需协调燃气公司到场`
    await noteComplaintProgress(ctx, complaint, actor, `申请延期：${said}`)
    return WORDING.complaintExtensionAsked(code)
  }
  const deadline = deadlineSaid(said, ctx.clock.now(), ctx.timeZone)
  const example = `例如：延期 ${code} 明天17点 需协调燃气公司到场`
  if ('missing' in deadline) return askMissingDeadline(deadline.missing, '办理时限', example)
  const updated = await applyComplaintCommand({
    ctx,
    complaintId: complaint.id,
    command: { action: 'extend', ...deadline },
    actor,
  })
  return WORDING.complaintExtended(code, formatLocal(updated.dueAt, ctx.timeZone, ctx.clock.now()))
}

/** The verbs only the unit a complaint is handed to may carry out. */
const HANDLING: ReadonlySet<string> = new Set(['签收', '受理', '回复', '答复'])
/** Those who dispatch and watch over complaints without handling them. */
export const DISPATCHING: ReadonlySet<string> = new Set(['duty_officer', 'supervisor'])

/**
 * A 签收 or reply refused, said with why: the complaint is not handed to anyone yet, or which unit handles it.
 * What a duty officer or supervisor says was done (「TS… 已通知燃气公司抢修」) is kept on its history.
 */
async function notTheirsToHandle(turn: Turn, complaint: ComplaintRow, actor: Actor, after: string): Promise<string> {
  const { ctx } = turn
  const [unit] =
    complaint.unitId === null
      ? []
      : await ctx.db.select({ name: units.name }).from(units).where(eq(units.id, complaint.unitId))
  const inHand = ['received', 'assigned', 'accepted'].includes(complaint.status)
  if (DISPATCHING.has(actor.role) && after && inHand) {
    await noteComplaintProgress(ctx, complaint, actor, after)
    return WORDING.complaintProgressByDispatcher(complaint.code, unit?.name ?? '承办单位')
  }
  return unit ? WORDING.complaintOtherUnit(complaint.code, unit.name) : WORDING.complaintNotAssigned(complaint.code)
}
