import { and, desc, eq, gte, inArray, isNull } from 'drizzle-orm'
import { WORDING } from '../../bots/wording'
import { complaints, hazards } from '../db/schema'
import { OPEN_COMPLAINT_STATUSES } from '../domain/complaint-lifecycle'
import { dangerIn } from '../domain/danger'
import { OPEN_HAZARD_STATUSES } from '../domain/hazard-lifecycle'
import { maskPersonalInfo } from '../domain/privacy'
import type { Actor } from '../domain/roles'
import { noteComplaintProgress } from '../services/complaint-followups'
import { unitName } from '../services/hazard-notices'
import { clip, formatLocal } from './format'
import { namesARecord, recordsNamed } from './named-records'
import { text } from './reply'
import type { Reply, Turn } from './types'

/**
 * What the duty officer or the supervising office says about "the" hazard without its number, in the hours a
 * danger is handled: 「已通知燃气公司到场抢修，人员已疏散」 is the 应急处置 of the one open major hazard, 「这个重大隐患
 * 交给燃气办处理」 the 交办 of the one waiting for it. With several, which one is asked, the numbers listed.
 */
const DISPOSAL_DONE =
  /(?:已经?|已)(?:通知[^，,。]{0,10}(?:抢修|到场|到现场|去现场|赶往现场|赶去|处置|关阀)|联系(?:了)?[^，,。]{0,8}(?:公司|抢修|抢险|单位|部门|物业)|通知(?:了)?[^，,。]{0,8}(?:公司|抢修|抢险)|疏散|到达?现场|赶到现场|到场|设置(?:了)?(?:围挡|警戒)|拉(?:起|了)?警戒线|关闭(?:了)?(?:阀门|燃气)|关阀|封闭(?:了)?(?:道路|现场|路段)|停气)|(?:疏散|封闭|围挡|关阀|停气)了|(?:人员|群众|居民)(?:已经?|已)(?:疏散|撤离)|(?:公司|抢修队|抢险队|队伍|人员|师傅|消防)(?:的人)?(?:已经?|都)(?:到了|到场|到达|赶到|来了)|正在(?:抢修|抢险|处置|关阀|疏散)|(?:公司|抢修队|抢险队|人员|师傅|消防)[^，,。]{0,6}?(?:半小时|[0-9一二两三四五六七八九十]+分钟|马上|很快|一会儿?)(?:就|内|之内)?(?:到|赶到|到场|过来)|(?:已经?|已)(?:处理好|处置好|处置完毕|抢修好|抢修完毕|修好)/
const ASSIGNED_TO =
  /^(?:把)?(?:[\u4e00-\u9fa5]{0,12}?(?:的)?(?:那个|这个))?(?:这个|那个|该|刚才那个|刚才的)?(?:重大|一般)?(?:隐患|险情)?(?:交给|交办给|交由|交|派给|转给|安排给)([\u4e00-\u9fa5]{2,12}?)(?:去|来)?(?:处理|办理|整改|负责|处置)?(?:吧|一下)?(?:[\s，,]*(?:限|要求)?(?:[0-9一二两三四五六七八九十]+(?:天|日|个工作日|周)(?:内|之内)?|(?:本周|这周|月底|明天|后天|下周[一二三四五六日]?)(?:前|之前|内)?)(?:完成|整改|整改完|处理完|处理)?(?:到位|完毕)?)?[。！!]*$/

/** 「3天内整改」「本周前完成」: a deadline said with the handing over. */
const DEADLINE_SAID =
  /[0-9一二两三四五六七八九十]+(?:天|日|个工作日|周)(?:内|之内)|(?:本周|这周|月底|明天|后天|下周[一二三四五六日]?)(?:前|之前|内)/

/** 「已通知燃气公司到场抢修」: an emergency disposal reported in words (no number, no question). */
export function saysDisposalDone(input: string): boolean {
  return DISPOSAL_DONE.test(input) && !/[？?吗]$/.test(input)
}

/** The unit named in 「这个重大隐患交给燃气办处理」, or undefined. */
export function assignedInWords(input: string): string | undefined {
  return ASSIGNED_TO.exec(input)?.[1]
}

/** Whether the words are of the kind read here (no query needed to tell). */
export function speaksOfOneHazard(input: string): boolean {
  return assignedInWords(input) !== undefined || saysDisposalDone(input)
}

const LISTED = 5
/** How many waiting or handed hazards words naming a thing or place are looked for among. */
const NAMED_AMONG = 50

/** The command the words mean for the one hazard they can be about, or the question which one; undefined: none. */
export async function majorInWords(
  turn: Turn,
  actor: Actor,
  input: string,
): Promise<{ command: string } | { replies: Reply[] } | undefined> {
  if (actor.role !== 'duty_officer' && actor.role !== 'supervisor' && actor.role !== 'admin')
    return saysDisposalDone(input) ? disposalOfOwnReport(turn, actor, input) : undefined
  const unit = assignedInWords(input)
  if (unit) {
    // 「塔吊那个交办给质安处」: the one its thing or place names (「这个重大隐患…」 is about a major one).
    const named = input.slice(0, input.search(/交给|交办给|交由|交|派给|转给|安排给/))
    const waiting = await turn.ctx.db
      .select()
      .from(hazards)
      .where(and(eq(hazards.status, 'reported'), /重大/.test(input) ? eq(hazards.level, 'major') : undefined))
      .orderBy(desc(hazards.level), desc(hazards.foundAt), desc(hazards.id))
      .limit(NAMED_AMONG)
    const meant = recordsNamed(waiting, named)
    if (meant.length > 0 || !namesARecord(named))
      return oneOf(meant.length > 0 ? meant : waiting.slice(0, LISTED + 1), `交办 {code} ${unit}`, '交办', '待交办')
    // Named, and already handed over: who has it, and how to move it.
    const handed = recordsNamed(
      await turn.ctx.db
        .select()
        .from(hazards)
        .where(inArray(hazards.status, ['assigned', 'rectifying']))
        .orderBy(desc(hazards.foundAt), desc(hazards.id))
        .limit(NAMED_AMONG),
      named,
    )
    const [only] = handed
    if (!only || handed.length > 1) return undefined
    const current = only.unitId === null ? '—' : await unitName(turn.ctx, only.unitId)
    // 「…交给市政 3天内整改」: the deadline asked for is not this one's to set here — what it is, and how it is moved.
    const due =
      DEADLINE_SAID.test(input) && only.rectifyDueAt
        ? formatLocal(only.rectifyDueAt, turn.ctx.timeZone, turn.ctx.clock.now())
        : undefined
    return { replies: [text(WORDING.hazardAlreadyHanded(only.code, current ?? '—', due))] }
  }
  if (!saysDisposalDone(input)) return undefined
  const open = await turn.ctx.db
    .select()
    .from(hazards)
    .where(and(eq(hazards.level, 'major'), inArray(hazards.status, [...OPEN_HAZARD_STATUSES])))
    .orderBy(desc(hazards.foundAt), desc(hazards.id))
    .limit(LISTED + 1)
  // Words that name a place or thing are about the major hazard there, or else a citizen's report of danger there
  // (「光明路燃气那个我已经联系燃气公司了」 is no disposal of the tower crane that is the one major hazard open).
  // (The words before what was done: 「设置了围挡」 names what was put up, not the hazard.)
  const about = input.slice(0, DISPOSAL_DONE.exec(input)?.index ?? 0)
  const meant = namesARecord(about) ? recordsNamed(open, about) : open
  return (
    oneOf(meant, `处置 {code} ${input}`, '处置', '未销号的重大') ?? (await dangerComplaintInWords(turn, actor, input))
  )
}

/**
 * 「刚才那个燃气的隐患 燃气公司已经到了 正在抢修」 from the one who reported it: the 应急处置 of the hazard they reported
 * in the last day (it had opened a new hazard report and asked where). Several, the one its thing or place names.
 */
async function disposalOfOwnReport(
  turn: Turn,
  actor: Actor,
  input: string,
): Promise<{ command: string } | { replies: Reply[] } | undefined> {
  // (「…那个井盖已经修好了」 is its rectification, which the forms take: only what is done in the hour of danger is here.)
  if (actor.personId === null || /(?:修|处理|换|整改|弄|补)(?:好|完)/.test(input)) return undefined
  const since = new Date(turn.ctx.clock.now().getTime() - DANGER_WINDOW_MS)
  const own = await turn.ctx.db
    .select()
    .from(hazards)
    .where(
      and(
        eq(hazards.reporterId, actor.personId),
        inArray(hazards.status, [...OPEN_HAZARD_STATUSES]),
        isNull(hazards.emergencyDisposedAt),
        gte(hazards.foundAt, since),
      ),
    )
    .orderBy(desc(hazards.level), desc(hazards.foundAt), desc(hazards.id))
    .limit(LISTED + 1)
  // Only words pointed at a report of theirs (「刚才那个燃气的隐患…」「这个险情…」): 「已设置围挡」 alone is handling to
  // be written with a record, as they are told elsewhere.
  const about = input.slice(0, DISPOSAL_DONE.exec(input)?.index ?? 0)
  if (namesARecord(about)) {
    const meant = recordsNamed(own, about)
    return meant.length > 0 ? oneOf(meant, `处置 {code} ${input}`, '处置', '您刚上报的') : undefined
  }
  return POINTS_AT_REPORT.test(about) ? oneOf(own, `处置 {code} ${input}`, '处置', '您刚上报的') : undefined
}
/** 「刚才那个隐患」「这个险情」「刚报的那个」: the words point back at something reported. */
const POINTS_AT_REPORT =
  /(?:刚才|刚刚|刚|这个|那个|该)(?:报的|上报的|说的)?(?:那个|这个)?[\u4e00-\u9fa5]{0,6}?(?:隐患|险情)|刚(?:才|刚)?(?:上)?报的/

/** How long after a citizen's report of danger the duty officer's words about "it" are taken to be about it. */
const DANGER_WINDOW_MS = 24 * 60 * 60_000

/**
 * 「已通知燃气公司到场」 with no major hazard open: the one open complaint of the last day that reported danger (the
 * duty officer was alerted to it) is what the words are about — kept on its history; with several, which is asked.
 */
async function dangerComplaintInWords(
  turn: Turn,
  actor: Actor,
  input: string,
): Promise<{ replies: Reply[] } | undefined> {
  const since = new Date(turn.ctx.clock.now().getTime() - DANGER_WINDOW_MS)
  const recent = await turn.ctx.db
    .select()
    .from(complaints)
    .where(and(inArray(complaints.status, [...OPEN_COMPLAINT_STATUSES]), gte(complaints.receivedAt, since)))
    .orderBy(desc(complaints.receivedAt), desc(complaints.id))
    .limit(50)
  // 「光明路燃气那个我已经联系燃气公司了」: the one its place or thing names, among several.
  const reported = recent.filter((c) => dangerIn(c.description))
  const named = recordsNamed(reported, input)
  const dangerous = named.length > 0 ? named : reported
  const [only] = dangerous
  if (!only) return undefined
  if (dangerous.length > 1) {
    const listed = dangerous
      .slice(0, LISTED)
      .map((c) => `· ${c.code} ${clip(maskPersonalInfo(c.description), 20)}`)
      .join('\n')
    return {
      replies: [text(`有多件市民报告的险情，请在编号后说明情况（如「${only.code} 已通知燃气公司到场」）：\n${listed}`)],
    }
  }
  await noteComplaintProgress(turn.ctx, only, actor, input)
  const unit = only.unitId === null ? undefined : await unitName(turn.ctx, only.unitId)
  return {
    replies: [
      text(
        unit
          ? WORDING.complaintProgressByDispatcher(only.code, unit)
          : `已将您说的情况记入投诉 ${only.code} 的办理进展。`,
      ),
    ],
  }
}

function oneOf(
  rows: { code: string; description: string }[],
  command: string,
  verb: string,
  which: string,
): { command: string } | { replies: Reply[] } | undefined {
  const [only] = rows
  if (!only) return undefined
  if (rows.length === 1) return { command: command.replace('{code}', only.code) }
  const listed = rows
    .slice(0, LISTED)
    .map((h) => `· ${h.code} ${clip(h.description, 20)}`)
    .join('\n')
  return { replies: [text(`有多项${which}隐患，请回复「${verb} 编号 …」指明是哪一项：\n${listed}`)] }
}
