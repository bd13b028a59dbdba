import { and, asc, eq } from 'drizzle-orm'
import { WORDING } from '../../bots/wording'
import { hazards } from '../db/schema'
import { RuleViolation } from '../domain/errors'
import type { Actor } from '../domain/roles'
import { complaintsToSign, unitComplaints } from '../services/complaints'
import { applyHazardCommand } from '../services/hazards'
import { codedCommand, leadingCode } from './coded-command'
import { namesAThing, namesDefect } from './extract/hazard-statements'
import { clip, formatLocal } from './format'
import { namesARecord, recordsNamed } from './named-records'
import { text } from './reply'
import type { Reply, Turn } from './types'

/**
 * A unit handler taking on the hazard handed to their unit (接收整改: 已交办 → 整改中), in the words people answer a
 * notice with — 「收到，马上安排人去处理」「好的，明天去换」「马上安排」「井盖那个明天去处理」「人民路那个隐患我们下周一去处理」「建设路那个井盖我们已经收到了」 — or as 「接收 YH…」. Without this the only
 * way to say it was the console, and the answer to the notice was 「暂未理解」.
 */
const TAKES_ON =
  /^(?:(?:收到|好的|好|明白|知道了|了解|没问题|行)(?:了)?[，,。！!\s]*)+(?:我们|我)?(?:马上|立即|立刻|尽快|这就|今天|明天|下午|上午|晚上)(?:就)?(?:安排|派人|派|处理|整改|去|落实|组织|修|换|弄|联系|通知|核实|跟进)[^。？?]{0,16}[。！!]*$|^[^。？?，,]{0,16}?(?:我们|我)?(?:马上|立即|立刻|尽快|这就|今天|明天|后天|下午|上午|晚上|稍后|等会儿?|(?:下|这|本)?周[一二三四五六日天]|下周|过两天|这两天)+(?:就)?(?:(?:去|过去)?(?:安排|派人|处理|整改|落实|组织|修|换|弄|联系|通知|核实|跟进|扶|补|填|装|拆|清|焊|封|盖|加固|查看|看看)[^。？?]{0,12}|去|过去|到场|到现场)[。！!]*$|^[^。？?]{0,16}?(?:我们|我)?(?:已经|已)(?:下|下达|发|开具|送达)(?:了)?(?:整改|停工|限期整改)?(?:通知书?|通知单|指令书)[。！!]*$|^(?:我们|我)?(?:马上|立即|立刻|尽快|这就)(?:就)?(?:安排|派人|处理|整改|去|落实|组织)[^。？?]{0,16}[。！!]*$|^(?:我们|我们单位|我)?(?:已经|已)?(?:正在|在)(?:整改|处理|维修|修|安排)(?:中|当中)?(?:[，,。！!\s][^。？?]{0,16})?[。！!]*$|^(?:整改|处理|维修)中[。！!]*$|^(?!.*投诉)[^。？?，,]{1,16}?(?:我们|我)?(?:已经|已)?(?:收到|接收|接到)(?:了)?[。！!]*$/
const ACCEPT_COMMAND = /^(接收整改|接收|收到)\s*(.*)$/s

export function takesOnHazard(input: string): boolean {
  return TAKES_ON.test(input)
}

/**
 * 「恒大工地塔吊没有备案 已经下了停工通知」: a thing and what is wrong with it, with the notice served on the site — a
 * report of something found by the unit that oversees it, not the taking on of whatever waits (a plan to fix —
 * 「井盖确实没了 明天上午换」 — is about what the unit was handed, read elsewhere).
 */
export function reportsWithWhatWasDone(input: string): boolean {
  return NOTICE_SERVED.test(input) && namesDefect(input.replace(NOTICE_SERVED, '')) && namesAThing(input)
}
const NOTICE_SERVED = /(?:已经|已)(?:下|下达|发|开具|送达)(?:了)?(?:整改|停工|限期整改)?(?:通知书?|通知单|指令书)/

/**
 * What follows a hazard's number when it is taken on: 「YH… 收到」「YH… 收到，马上安排」「YH… 接收」「YH… 已安排人员明天
 * 上午更换井盖」 (an arrangement, not yet the work done: 「已安排人员更换完毕」 is a rectification).
 */
const ACCEPTED_AFTER_CODE =
  /^[，,：:\s]*(?:收到|已收到|接收|已接收|签收|好的|明白)(?:[，,。！!\s][^？?整修]{0,16})?[。！!]*$|^[，,：:\s]*(?:已经|已)?(?:正在|在)(?:整改|处理|维修|修|安排)(?:中|当中)?(?:[，,。！!\s][^？?]{0,20})?[。！!]*$|^[，,：:\s]*(?:整改|处理|维修)中(?:[，,。！!\s][^？?]{0,20})?[。！!]*$|^[，,：:\s]*(?:我们|我)?(?:已经|已)?(?:马上|立即|尽快|今天|明天|下午|上午)?(?:就)?(?:安排|派人|派了人|组织)(?:了)?(?![^？?]*(?:好了|完毕|完成|修复|换好|修好|到位|结束))[^？?]{0,24}[。！!]*$/

/**
 * The hazard number of 「接收 YH…」 or 「YH… 收到」 (read by the coded-command parser, full-width letters and all).
 * 「YH… 已经整改好了」 is no acceptance: it is left to the rectification form.
 */
export function acceptCommandCode(input: string): string | undefined {
  const commanded = codedCommand(ACCEPT_COMMAND, 'YH', input)?.code
  if (commanded) return commanded
  const leading = leadingCode('YH', input)
  return leading && ACCEPTED_AFTER_CODE.test(leading.after) ? leading.code : undefined
}

/** 「接收 YH…」: that hazard, if it is their unit's and waiting to be taken on. */
export async function acceptHazardByCode(turn: Turn, actor: Actor, code: string): Promise<Reply[]> {
  const [hazard] = await turn.ctx.db.select().from(hazards).where(eq(hazards.code, code))
  if (!hazard) return [text(`未找到隐患 ${code}，请核对编号。`)]
  if (hazard.status === 'rectifying' && hazard.unitId === actor.unitId)
    return [text(`隐患 ${code} 已接收，正在整改中。整改完成后发送「整改 ${code}」反馈。`)]
  return accept(turn, actor, hazard.id, hazard.code)
}

/**
 * 「收到，马上安排」: the one hazard waiting for the handler's unit is taken on. With several, or a complaint
 * waiting to be signed for as well, which one is asked. Undefined when nothing waits (the words are then
 * courtesy or something else).
 */
export async function acceptHandedHazard(
  turn: Turn,
  actor: Actor,
  input = '',
  /** Only the one hazard the words name (「芙蓉路塌陷那个收到」, read before the words could open a report). */
  namedOnly = false,
): Promise<Reply[] | undefined> {
  if (actor.role !== 'unit_handler' || actor.unitId === null) return undefined
  const { db } = turn.ctx
  const [waiting, signable, signed] = await Promise.all([
    db
      .select()
      .from(hazards)
      .where(and(eq(hazards.unitId, actor.unitId), eq(hazards.status, 'assigned')))
      .orderBy(asc(hazards.rectifyDueAt), asc(hazards.id))
      .limit(NAMED_AMONG),
    complaintsToSign(db, actor.unitId, 6),
    unitComplaints(db, actor.unitId, ['accepted'], 6),
  ])
  const [only] = waiting
  // 「朗州路护栏的隐患我们明天去修」: the one its place or thing names, whatever else waits.
  const named = recordsNamed(waiting, input)
  if (named.length === 1 && named[0]) return accept(turn, actor, named[0].id, named[0].code)
  // 「槐荫路那个井盖明天去换」 naming one already taken on, not one waiting: that one, underway.
  const underway =
    named.length === 0 && namesARecord(input) ? await hazardUnderwayNamed(turn, actor, input, true) : undefined
  if (underway) return underway
  // 「现场看了 井盖确实没了 明天上午换」 after the manhole cover's complaint was signed for: words about a complaint in
  // hand, not about the hazard waiting (its list had been the answer).
  if (named.length === 0 && namesARecord(input) && recordsNamed([...signable, ...signed], input).length > 0)
    return undefined
  if (!only || namedOnly) return undefined
  // The one waiting, when no complaint in hand could be what the words are about (「签收」 then 「马上派人过去」
  // speaks of the complaint just signed for, not of the hazard).
  if (waiting.length === 1 && signable.length === 0 && signed.length === 0)
    return accept(turn, actor, only.id, only.code)
  const lines = (named.length > 1 ? named : waiting).slice(0, 5).map((h) => `· ${h.code} ${clip(h.description, 20)}`)
  const complaintsLine = signable.length
    ? `\n另有 ${signable.length === 6 ? '5 件以上' : `${signable.length} 件`}投诉待签收，请回复「签收 TS编号」。`
    : signed.length
      ? `\n${WORDING.complaintsInHandToo(signed.map((c) => c.code))}`
      : ''
  return [
    text(
      `您单位有 ${waiting.length > 5 ? '5 项以上' : `${waiting.length} 项`}隐患待接收整改：\n${lines.join('\n')}\n请回复「接收 编号」，例如：接收 ${only.code}。${complaintsLine}`,
    ),
  ]
}

/** How many of a unit's waiting hazards the words are matched against (a unit rarely has more waiting). */
const NAMED_AMONG = 50

async function accept(turn: Turn, actor: Actor, hazardId: number, code: string): Promise<Reply[]> {
  try {
    const updated = await applyHazardCommand({ ctx: turn.ctx, hazardId, command: { action: 'accept' }, actor })
    const due = updated.rectifyDueAt
      ? `，整改期限 ${formatLocal(updated.rectifyDueAt, turn.ctx.timeZone, turn.ctx.clock.now())}`
      : ''
    return [
      text(
        `已接收隐患 ${code}（${clip(updated.description, 20)}），状态改为整改中${due}。整改完成后直接回复整改情况（可附照片），或发送「整改 ${code}」。`,
      ),
    ]
  } catch (error) {
    if (error instanceof RuleViolation) return [text(error.message)]
    throw error
  }
}

/**
 * 「朗州路那个井盖明天去换」 from a handler whose hazard was already taken on: it is under rectification, with its
 * deadline and how to report it done — the one the words name, or the unit's only one (they had been told nothing
 * waited to be taken on, as if they had none).
 */
export async function hazardUnderwayNamed(
  turn: Turn,
  actor: Actor,
  input: string,
  /** Only one the words name, never the only one. */
  namedOnly = false,
): Promise<Reply[] | undefined> {
  if (actor.role !== 'unit_handler' || actor.unitId === null) return undefined
  const underway = await turn.ctx.db
    .select()
    .from(hazards)
    .where(and(eq(hazards.unitId, actor.unitId), eq(hazards.status, 'rectifying')))
    .orderBy(asc(hazards.rectifyDueAt), asc(hazards.id))
    .limit(NAMED_AMONG)
  const named = recordsNamed(underway, input)
  const [meant] = named.length === 1 ? named : underway.length === 1 && named.length === 0 && !namedOnly ? underway : []
  if (!meant) return undefined
  const due = meant.rectifyDueAt
    ? `，整改期限 ${formatLocal(meant.rectifyDueAt, turn.ctx.timeZone, turn.ctx.clock.now())}`
    : ''
  return [text(WORDING.hazardAlreadyUnderway(meant.code, clip(meant.description, 20), due))]
}
