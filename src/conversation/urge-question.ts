import { and, desc, eq, inArray, isNotNull } from 'drizzle-orm'
import { complaints, hazards } from '../db/schema'
import { isComplaintOpen, OPEN_COMPLAINT_STATUSES } from '../domain/complaint-lifecycle'
import { HAZARD_STATUS_LABELS, UNDER_RECTIFICATION_STATUSES } from '../domain/hazard-lifecycle'
import { maskPersonalInfo } from '../domain/privacy'
import type { Actor } from '../domain/roles'
import { findComplaintByCode } from '../services/complaints'
import { urgeComplaint, urgeHazard, urgeLateUnits, urgeUnit } from '../services/unit-urging'
import { clip } from './format'
import { namesARecord, recordsNamed } from './named-records'
import type { Turn } from './types'

/**
 * 「帮我催一下市政建设总公司」「督促道管处抓紧整改」「让李娜把超期的投诉处理一下」: someone overseeing urges a unit on (催办). Read here, done by the
 * service (services/unit-urging.ts): the unit's handlers get a reminder of what it has open.
 */
const URGE =
  /^(?:请|麻烦|帮我|你)?(?:催|催促|催办|督促|提醒)(?:一下|下)?(?:让)?([\u4e00-\u9fa5]{2,16}?)(?:把[^，。！!]{0,10}?)?(?:抓紧|尽快|赶紧|加快|马上)?(?:整改|办理|处理|落实)?(?:完|好)?(?:一下|了)?[。！!]*$|^(?:请|麻烦|帮我)?(?:让|叫)([\u4e00-\u9fa5]{2,16}?)(?:抓紧|尽快|赶紧|加快|快点)(?:整改|办理|处理|落实|办)?(?:一下)?[。！!]*$|^(?:请|麻烦|帮我)?(?:让|叫)([\u4e00-\u9fa5]{2,16}?)把[^，。！!]{1,12}?(?:抓紧|尽快|赶紧|加快|快点)?(?:整改|办理|处理|落实|办)(?:完|好)?(?:一下|了)?[。！!]*$/

/** The words that name whom to urge, or nothing when the message urges no one. */
export function urgeAskedFor(input: string): string | undefined {
  const urged = URGE.exec(input)
  return urged?.[1] ?? urged?.[2] ?? urged?.[3]
}

export async function urgeNamedUnit(turn: Turn, unit: { id: number; name: string }, urgedBy: string): Promise<string> {
  const urged = await urgeUnit(turn.ctx, unit, urgedBy, turn.message.messageId)
  if (urged.hazards === 0 && urged.complaints === 0) return `${unit.name}目前没有待整改的隐患和待办的投诉，无需催办。`
  const open = `待整改隐患 ${urged.hazards} 项（已超期 ${urged.overdueHazards} 项），待办投诉 ${urged.complaints} 件（已超时 ${urged.lateComplaints} 件）`
  return urged.notified > 0
    ? `已向${unit.name}的经办人发送催办提醒（${urged.notified} 个账号）：${open}。`
    : `${unit.name}${open}，但该单位还没有绑定聊天账号的经办人，提醒未能发出。请电话督促，并请管理员为其绑定账号。`
}

/** 「督办一下TS…」「催办 TS…」「TS… 催一下」「TS… 让他们抓紧」: one complaint urged on. */
/** One record urged on by its number, the verb before it or after it. */
function urgesByNumber(prefix: 'TS' | 'YH'): RegExp {
  return new RegExp(
    `^(?:请|麻烦|帮我)?(?:督办|催办|催一下|催促|督促)(?:一下)?\\s*${prefix}|${prefix}\\s*\\d{8}\\s*[-－—]?\\s*\\d+\\s*[，,\\s]*(?:请|麻烦|帮我)?(?:督办|催办|催一下|催促|督促|催催|让(?:他们|责任单位|单位)?(?:抓紧|尽快|加快))`,
    'i',
  )
}
const URGES_COMPLAINT = urgesByNumber('TS')

export function urgesComplaint(input: string): boolean {
  return URGES_COMPLAINT.test(input)
}

export async function urgeNamedComplaint(turn: Turn, actor: Actor, code: string, urgedBy: string): Promise<string> {
  const complaint = await findComplaintByCode(turn.ctx.db, code)
  if (!complaint) return `未找到编号为 ${code} 的投诉。`
  if (!isComplaintOpen(complaint.status)) return `投诉 ${code} 已办结，无需督办。`
  if (complaint.unitId === null) return `投诉 ${code} 还没有派单，请先发送「派单 ${code} 单位」。`
  const notified = await urgeComplaint(turn.ctx, complaint, actor, urgedBy, turn.message.messageId)
  return notified > 0
    ? `已督办投诉 ${code}，已提醒承办单位经办人（${notified} 个账号）抓紧办理。`
    : `已在投诉 ${code} 上记录督办，但承办单位还没有绑定聊天账号的经办人，提醒未能发出。请电话督促，并请管理员为其绑定账号。`
}

/** 「YH… 督办一下」「督办 YH…」「催办YH…」: one hazard urged on. */
const URGES_HAZARD = urgesByNumber('YH')

export function urgesHazard(input: string): boolean {
  return URGES_HAZARD.test(input)
}

/** 「人民路路灯那个催一下」「督办一下朗州路护栏那个」: what to urge, named by its place or thing. */
const URGES_NAMED =
  /^(?!.*(?:挂牌|摘牌))(?:请|麻烦|帮我)?([\u4e00-\u9fa5A-Za-z0-9]{2,16}?)(?:的)?(?:那个|那条|那处|这个)?(?:隐患|投诉)?(?:请|让他们)?(?:催一下|催催|催办一下|催办|督办一下|督办|督促一下)(?:吧)?[。！!]*$|^(?:请|麻烦|帮我)?(?:催一下|督办一下|督办|催办)([\u4e00-\u9fa5A-Za-z0-9]{2,16}?)(?:的)?(?:那个|那条|那处)?(?:隐患|投诉)?[。！!]*$/

/** (「把芙蓉路井盖那个挂牌督办」 lists it for supervision: that is 挂牌, not a reminder.) */
export function urgedByName(input: string): string | undefined {
  const said = URGES_NAMED.exec(input)
  const name = said?.[1] ?? said?.[2]
  return name && namesARecord(name) ? name : undefined
}

export async function urgeNamedHazard(turn: Turn, actor: Actor, code: string, urgedBy: string): Promise<string> {
  const [hazard] = await turn.ctx.db.select().from(hazards).where(eq(hazards.code, code))
  if (!hazard) return `未找到编号为 ${code} 的隐患。`
  if (hazard.status === 'closed' || hazard.status === 'voided')
    return `隐患 ${code} 已${HAZARD_STATUS_LABELS[hazard.status]}，无需督办。`
  if (hazard.status === 'reported' || hazard.unitId === null)
    return `隐患 ${code} 还没有交办，请先发送「交办 ${code}」。`
  const notified = await urgeHazard(turn.ctx, hazard, actor, urgedBy, turn.message.messageId)
  return notified > 0
    ? `已督办隐患 ${code}，已提醒责任单位经办人（${notified} 个账号）抓紧整改。`
    : `已在隐患 ${code} 上记录督办，但责任单位还没有绑定聊天账号的经办人，提醒未能发出。请电话督促，并请管理员为其绑定账号。`
}

/**
 * The open hazard or complaint the words name (「人民路路灯那个」), urged on; several named, which is asked; none, said.
 */
export async function urgeRecordNamed(turn: Turn, actor: Actor, name: string, urgedBy: string): Promise<string> {
  const { db } = turn.ctx
  const [openHazards, openComplaints] = await Promise.all([
    db
      .select({ code: hazards.code, description: hazards.description, locationText: hazards.locationText })
      .from(hazards)
      .where(inArray(hazards.status, [...UNDER_RECTIFICATION_STATUSES]))
      .orderBy(desc(hazards.foundAt))
      .limit(NAMED_AMONG),
    db
      .select({ code: complaints.code, description: complaints.description, locationText: complaints.locationText })
      .from(complaints)
      .where(and(inArray(complaints.status, [...OPEN_COMPLAINT_STATUSES]), isNotNull(complaints.unitId)))
      .orderBy(desc(complaints.receivedAt))
      .limit(NAMED_AMONG),
  ])
  const named = [...recordsNamed(openHazards, name), ...recordsNamed(openComplaints, name)]
  const [only] = named
  if (!only) return `没有找到与「${name}」相符的整改中隐患或办理中投诉。请发送「督办 编号」。`
  if (named.length > 1)
    return `有 ${named.length} 项与「${name}」相符，请回复「督办 编号」指明是哪一项：\n${named
      .slice(0, 5)
      .map((r) => `· ${r.code} ${clip(maskPersonalInfo(r.description), 20)}`)
      .join('\n')}`
  return only.code.startsWith('YH')
    ? urgeNamedHazard(turn, actor, only.code, urgedBy)
    : urgeNamedComplaint(turn, actor, only.code, urgedBy)
}
/** How many open records words naming one are looked for among. */
const NAMED_AMONG = 200

/**
 * 「把超期的单位通报一下」「催一下超期的单位」「给逾期的单位发个提醒」: every unit with something late urged on — as
 * are the late things themselves (「把逾期的隐患督办一下」「超时的投诉都催一下」; it opened a hazard form).
 */
const LATE = '(?:超期|逾期|超时|过期|拖延|没按时整改)(?:的|未整改的|没整改的|未办结的|没办完的)?'
// (「把超期的情况通报一下」: the late things' state, circulated — it had opened a hazard form.)
const WHO_OR_WHAT = '(?:单位|部门|隐患|投诉|事项|问题|工单|单子|情况)'
const URGING = '(?:通报|催办|催一下|催促|督促|督办|提醒|点名|催)'
const URGES_LATE_UNITS = new RegExp(
  `${LATE}${WHO_OR_WHAT}.{0,6}${URGING}|${URGING}(?:一下)?(?:所有|各个?|那些)?${LATE}${WHO_OR_WHAT}|(?:超期|逾期|超时)的(?:都|全部)${URGING}`,
)

export function urgesLateUnits(input: string): boolean {
  // (「超期的单位通报了吗」 asks whether it was done.)
  return [...input].length <= 30 && URGES_LATE_UNITS.test(input) && !/(?:了|过)(?:吗|没|么)|有没有/.test(input)
}

export async function urgeEveryLateUnit(turn: Turn, urgedBy: string): Promise<string> {
  const urged = await urgeLateUnits(turn.ctx, urgedBy, turn.message.messageId)
  if (urged.length === 0) return '目前没有超期未整改的隐患或超时未办结的投诉，无需催办。'
  const lines = urged.map(
    ({ unit, urged: u }) =>
      `· ${unit}：超期隐患 ${u.overdueHazards} 项，超时投诉 ${u.lateComplaints} 件${u.notified > 0 ? '' : '（无绑定账号的经办人，提醒未能发出，请电话督促）'}`,
  )
  return `已向 ${urged.length} 个有超期事项的单位发送催办提醒：\n${lines.join('\n')}`
}
