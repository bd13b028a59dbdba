import { and, asc, count, desc, eq, gte, inArray, isNull, lte } from 'drizzle-orm'
import { WORDING } from '../../bots/wording'
import { hazards, patrols } from '../db/schema'
import { HAZARD_STATUS_LABELS, OPEN_HAZARD_STATUSES } from '../domain/hazard-lifecycle'
import { unitName } from '../services/hazard-notices'
import { clip, formatLocal } from './format'
import { OWN_UNIT } from './ledger-question'
import { recordsNamed } from './named-records'
import { type PeriodSaid, periodMeant, periodSaidIn, TODAY } from './period-said'
import type { Turn } from './types'

/**
 * Field staff asking after what they reported, or wanting to change it, in their own words — 「帮我查一下我上周报的那个
 * 隐患怎么样了」「刚才那条巡查记录时间写错了」 — rather than 「查询 编号」. Without this the words 隐患 and 巡查 start a
 * new form, which is the one thing the person did not ask for.
 */
export type RecordKind = 'hazard' | 'patrol'
const RECORD_NAMES: Record<RecordKind, string> = { hazard: '隐患', patrol: '巡查记录' }
const NO_HAZARD_REPORTED = '您还没有上报过隐患。发现隐患直接发一句话说明情况和地点即可。'

/** When a record was made, as people say it: 「上周五」「周三」「11月20号」 as well as 「昨天」. */
const WHEN_MADE =
  '(?:上周[一二三四五六日天]?|上个?星期[一二三四五六日天]?|上个?礼拜[一二三四五六日天]?|(?:这|本)?(?:周|星期|礼拜)[一二三四五六日天]|[0-9]{1,2}月[0-9]{1,2}[日号])'
const OWN = new RegExp(
  `(?:我|我们|本人|自己)(?:${WHEN_MADE}|上个?月|昨天|前天|今天|今早|上午|下午|刚才|刚刚|之前|以前|前几天|最近|上次|那天)?(?:报|上报|提交|交|发现|发|填|填报|录|登记|反映)(?:了|过)?的|(?:${WHEN_MADE}|上个?月|昨天|前天|前几天|那天|上回)(?:报|上报|提交|交|发|反映)(?:了|过)?的|${
    /我的(?:隐患|巡查|记录)|(?:刚才|刚刚|上一?条|之前|前面|昨天|今天|那条|这条)(?:的|那条|那个|发的|报的|填的)?(?:巡查|隐患)?记录|(?:刚才|刚刚|刚|之前|上次)(?:报|上报|填|发|提交|录)的|(?:刚才|刚刚|之前|前面|上面)(?:的|发的|报的)?(?:那|这)(?:条|个)|上一条|(?:刚才|刚刚|之前|上次|前面|上面)(?:的|那个|那条|报的|发的|填的)?(?:巡查|隐患)|^(?:上报|报|填报|填|提交|录入?)(?:的)?错了/
      .source
  }`,
)
const HOW_IS_IT =
  /怎么样|咋样|如何|进度|进展|结果|处理了|处理没|整改了|整改没|修好|销号了|状态|到哪一?步|有人管|有人处理|了吗|没有[？?]?$|[？?]$|编号|来着/
/** 「我的隐患」「查看我报的巡查记录」: the list itself. */
const LIST_OWN =
  /^(?:帮我|请|麻烦)?(?:查询?|查看|看看|看一下|查下|查查|查一查|调出)?(?:一下|下)?(?:我|我们)(?:今天|今日|昨天|前天|这几天|最近|本周|这周|上周|这个?月|本月|上个?月)?(?:的|(?:上报|报|填|提交|发现|填报)(?:过)?的)(?:隐患|巡查记录|巡查|记录)(?:列表|情况)?(?:呢|呀|啊|在哪里?|在哪儿)?[？?。]*$/
const AMEND =
  /改一下|(?:怎么|怎样|如何|咋|能不能|能否|可以|可不可以)改|(?:是|应为|属于|算)(?:一般|重大)|不是(?:一般|重大)|改(?:下|吗|得了|不了)|修改|更改|更正|改成|改为|改正|写错|填错|报错|录错|搞错|弄错|不对|有误|应该是|撤回|撤销|撤掉|删除|删掉|删了|删去|删一下|作废/

/** 「我今天报了哪些」「我最近都填了些什么」: every kind the person files, listed. */
const LIST_ALL_OWN =
  /^(?:我|本人)(?:今天|今日|昨天|这几天|最近|本周|这周|这个?月|本月)?(?:都|一共)?(?:报|上报|填|填报|提交|录入?)(?:了|过)(?:哪些|些什么|什么|啥)(?:东西|内容|记录)?(?:呀|啊|呢)?[？?。]*$/

/** 「我今天报了哪些隐患」「我这周填了哪些巡查记录」: one kind of one's own, listed (the unit's figures had answered it). */
const LIST_OWN_OF_KIND =
  /^(?:我|本人)(?:今天|今日|昨天|这几天|最近|本周|这周|这个?月|本月)?(?:都|一共)?(?:报|上报|填|填报|提交|录入?|发现)(?:了|过)(?:哪些|些什么|什么|几个|几条|几次)?(?:隐患|巡查记录|巡查|记录)(?:呀|啊|呢)?[？?。]*$/

function kindOf(input: string): RecordKind {
  return /巡[查察检视]|巡逻|记录/.test(input) && !/隐患/.test(input) ? 'patrol' : 'hazard'
}

/** 「我上周报的那个隐患怎么样了」: which kind of the person's own records the question is about. */
/** 「上周五的巡查记录」「今天的巡查记录」: the person's own patrol records, asked by the day they were made. */
const LIST_OWN_PATROLS_OF_DAY =
  /^(?:帮我|请|麻烦)?(?:查询?|查看|看看|看一下|调出)?(?:一下)?(?:今天|昨天|前天|这几天|最近|本周|这周|上周[一二三四五六日天]?|周[一二三四五六日天]|上个?星期[一二三四五六日天]?)(?:的|填的|报的)(?:巡查记录|巡查台账)[？?。]*$/

export function asksAfterOwnRecords(input: string): RecordKind | 'all' | undefined {
  if (LIST_ALL_OWN.test(input)) return 'all'
  if (LIST_OWN.test(input) || LIST_OWN_OF_KIND.test(input)) return kindOf(input)
  if (LIST_OWN_PATROLS_OF_DAY.test(input)) return 'patrol'
  if (input.length > 60 || !OWN.test(input) || AMEND.test(input) || !HOW_IS_IT.test(input)) return undefined
  return kindOf(input)
}

/** A saved record of a kind, and how it may be changed, asked: 「隐患报错了怎么改」「怎么修改已经提交的巡查记录」. */
const AMEND_ASKED_OF_KIND = (() => {
  const record =
    '(?:已经|已)?(?:提交|保存|上报|报|填|填报)?(?:了|过)?(?:的)?(?:巡查记录|巡查台账|巡查|隐患)(?:报|填|写|录)?(?:错了?)?'
  const how =
    '(?:怎么|怎样|如何|咋|能不能|能否|可以|可不可以|能)(?:样)?(?:修改|改|更改|更正|撤回|删除|删)(?!派|期|成|为|名)'
  return new RegExp(
    `^(?:请问)?${record}[，,\\s]*(?:还)?${how}|^(?:请问)?(?:怎么|怎样|如何|咋)(?:样)?(?:修改|改|更改|更正|撤回|删除)${record}[？?。]*$`,
  )
})()

/** 「我要改一下刚才那条巡查记录」: a saved record the person wants changed. */
export function asksToAmendRecord(input: string): RecordKind | 'latest' | undefined {
  // 「撤回」「删除」 alone: the one saved last.
  if (/^(?:撤回|撤销|删除|删掉|删了)(?:一下|吧)?[。！!]*$/.test(input)) return 'latest'
  // 「我刚才说错了」「刚才报错了」: the one saved last, whatever was wrong in it. (「我刚刚报错了 地点应该是朗州路不是
  // 人民路」 says what was wrong too, and 「撤回刚才的上报」 wants it gone: neither was understood.)
  if (
    /^(?:我)?(?:刚才|刚刚|前面|上面)(?:那个|那条)?(?:说|讲|发|填|写|报|录)错了(?:[。！!，,]*(?:怎么办|咋办)?[？?。]*$|[，,。\s]+.{2,30}$)/.test(
      input,
    ) ||
    /^(?:请|帮我)?(?:撤回|撤销|删除|删掉)(?:一下)?(?:我)?(?:刚才|刚刚|上一条|之前|前面)(?:的|那条|那个|报的|发的|填的)?(?:上报|记录|那条|那个|隐患|巡查记录)?[。！!]*$/.test(
      input,
    )
  )
    return 'latest'
  // 「巡查记录怎么改」「已经提交的巡查记录能改吗」: how a saved record is put right, asked of no one record — the
  // person's own are what they can mean (these had been the command list, a figure of the unit, or not understood).
  if (AMEND_ASKED_OF_KIND.test(input)) return kindOf(input)
  if (input.length > 80 || !OWN.test(input) || !AMEND.test(input)) return undefined
  // 「撤回刚才那条」 names neither kind: the one saved last is meant.
  if (!/巡|记录|隐患/.test(input)) return 'latest'
  return kindOf(input)
}

/**
 * 「我这个月报了几个隐患」「本周我巡查了多少次」「帮我查一下我今年上报了多少隐患」: how many of their own records in a
 * period (all of them when none is named). 「几」 also means "a few" (「发现几处隐患」 reports them), so it counts as a
 * question only after a verb of filing or patrolling, or with a question mark; 「多少」 is always one.
 */
const COUNT_VERB = /(?:上报|报|提交|填报|填|录入|登记|巡查|巡了|巡逻|发现)(?:了|过)?/
const ASKS_HOW_MANY =
  /(?:多少|几)(?:个|次|条|处|项|起|件|趟|回)?(?:隐患|巡查记录|巡查|记录)?(?:了|呢|啊|呀|吗)?[？?。！!]*$|(?:数量|总数)(?:是多少|有多少)?[？?。！!]*$/

export interface OwnCountQuestion {
  kind: RecordKind
  /** The period named, or none for every record the person filed. */
  period?: PeriodSaid
}

/** 「我今天已经报过巡查了吗」「今天的巡查记录我交了没」: whether it was filed, answered with the count. */
const FILED_WHETHER =
  /(?:报|交|提交|填|填报|上报|录入?)(?:过|了)+[^，,。]{0,8}(?:吗|没有?|没)[？?。！!]*$|(?:报|交|提交|填|填报|上报)(?:过|了)?(?:巡查|记录)[^，,。]{0,4}(?:吗|没有?|没)[？?。！!]*$/

/** 「今天巡查了吗」 said to the bot by someone who patrols: whether their own patrol is on record. */
const PATROLLED_TODAY =
  /^(?:今天|今日)?(?:巡查|巡)(?:了|过)(?:吗|没有?|没)[？?。]*$|^(?:我|我的)?(?:今天|今日)?(?:的)?(?:巡查)?记录(?:我)?(?:已经)?(?:发|交|报|提交|上报)(?:给)?(?:你|你们)?(?:了|过)(?:吗|没有?|没)[？?。]*$|^(?:你|你们)?(?:收到|看到)(?:了)?(?:我|我的)?(?:今天|今日)?(?:的)?(?:巡查)?记录(?:了)?(?:吗|没有?|没)[？?。]*$|^(?:我)?(?:今天|今日)(?:的)?(?:巡查)?(?:记录)?(?:已经)?(?:报|填|交|上报|填报|提交)(?:了|过)(?:吗|没有?|没)[？?。]*$/

export function asksOwnCount(input: string): OwnCountQuestion | undefined {
  if (PATROLLED_TODAY.test(input)) return { kind: 'patrol', period: periodSaidIn(input) ?? TODAY }
  // 「这个月我们单位有多少隐患」 asks the unit's figures, not the person's own records.
  if ([...input].length > 40 || AMEND.test(input) || !/我|本人|咱们/.test(input) || OWN_UNIT.test(input))
    return undefined
  if (/巡查/.test(input) && !/隐患/.test(input) && FILED_WHETHER.test(input))
    return { kind: 'patrol', period: periodSaidIn(input) ?? TODAY }
  // 「我报了几个隐患，有几个整改完了」: the first clause asks when the rest asks too (「我报了几个隐患，朝阳路井盖
  // 破损…」 goes on to list them).
  const clause = /^([^，,；;]+)[，,；;](.*)$/.exec(input)
  const asked =
    ASKS_HOW_MANY.exec(input) ??
    (clause && /几|多少|[吗呢？?]/.test(clause[2] ?? '') ? ASKS_HOW_MANY.exec(clause[1] ?? '') : null)
  if (!asked) return undefined
  const before = asked.input.slice(0, asked.index)
  const verb = COUNT_VERB.exec(before)
  if (!verb && !/隐患|巡查|记录/.test(input)) return undefined
  // 「我在朝阳路发现几处隐患」 reports them; 「我发现了几个隐患？」 asks.
  if (asked[0].startsWith('几') && (!verb || verb[0].startsWith('发现')) && !/[？?]$/.test(asked.input))
    return undefined
  const kind = /巡[查了逻]/.test(input) && !/隐患/.test(input) ? 'patrol' : 'hazard'
  return { kind, period: periodSaidIn(input) }
}

/**
 * 「我上报的隐患有几个没整改」「我报的还有哪些没销号」, and from a patroller 「我还有几个隐患没整改」: which of the hazards
 * the person reported are still open (the city's open counts had answered it). `mine` is whether 「我还有」 alone
 * says whose — for a patroller, whose hazards are the ones they found; a handler's are their unit's to-do.
 */
const STILL_OPEN =
  /(?:没有?|未|还没有?|尚未|不)(?:整改|销号|处理|修|解决|完成|办结)|(?:整改|销号|处理)中|待(?:整改|销号|验收)/
const ASKED_WHICH_OR_HOW_MANY = /几|多少|哪些|哪几|[吗呢？?]|列|看看|看一下|查/
const MINE_STILL = /^(?:我|本人)(?:手上|这边|手里)?(?:还)?有/

export function asksOwnOpen(input: string, mine: boolean): boolean {
  if ([...input].length > 30 || OWN_UNIT.test(input) || AMEND.test(input) || /投诉/.test(input)) return false
  if (!STILL_OPEN.test(input) || !ASKED_WHICH_OR_HOW_MANY.test(input)) return false
  return (
    /(?:我|本人)(?:之前|以前|最近|这个?月|本月|上个?月|今年)?(?:上报|报|发现|提交|填报)(?:了|过)?的/.test(input) ||
    (mine && MINE_STILL.test(input))
  )
}

/** The person's reported hazards not yet closed, the nearest deadline first; how many were reported when none is. */
export async function describeOwnOpen(turn: Turn, personId: number): Promise<string> {
  const { db, timeZone, clock } = turn.ctx
  const now = clock.now()
  // (Nulls sort last in ascending order on Postgres and PGlite alike: a hazard with no deadline yet comes after.)
  const open = await db
    .select()
    .from(hazards)
    .where(and(eq(hazards.reporterId, personId), inArray(hazards.status, [...OPEN_HAZARD_STATUSES])))
    .orderBy(asc(hazards.rectifyDueAt), desc(hazards.id))
  if (open.length === 0) {
    const [reported] = await db.select({ n: count() }).from(hazards).where(eq(hazards.reporterId, personId))
    const n = reported?.n ?? 0
    return n === 0 ? NO_HAZARD_REPORTED : `您上报的 ${n} 项隐患都已整改销号（或作废）。`
  }
  const late = open.filter((h) => h.rectifyDueAt && h.rectifyDueAt < now).length
  const lines = open.slice(0, LISTED).map((h) => {
    const due = h.rectifyDueAt
      ? `，整改期限 ${formatLocal(h.rectifyDueAt, timeZone, now)}${h.rectifyDueAt < now ? '（已超期）' : ''}`
      : ''
    return `· ${h.code} ${clip(h.description, 16)}：${HAZARD_STATUS_LABELS[h.status]}${due}`
  })
  const more = open.length > LISTED ? `\n……另有 ${open.length - LISTED} 项` : ''
  return `您上报的隐患中未销号 ${open.length} 项${late > 0 ? `（其中超期 ${late} 项）` : ''}：\n${lines.join('\n')}${more}\n发送「查询 编号」可查看详情。`
}

export async function describeOwnCount(turn: Turn, personId: number, question: OwnCountQuestion): Promise<string> {
  const { db, timeZone, clock } = turn.ctx
  const now = clock.now()
  const period = question.period ? periodMeant(question.period, now, timeZone) : undefined
  const said = question.period?.said ?? ''
  if (question.kind === 'patrol') {
    const within = period ? [gte(patrols.startedAt, period.startAt), lte(patrols.startedAt, period.endAt)] : []
    const [row] = await db
      .select({ n: count() })
      .from(patrols)
      .where(and(eq(patrols.reporterId, personId), isNull(patrols.voidedAt), ...within))
    const n = row?.n ?? 0
    return n === 0
      ? `您${said}还没有巡查记录。发送「巡查」即可填报。`
      : `您${said}共填报巡查记录 ${n} 次（不含已作废的）。发送「我的巡查记录」可查看最近几条。`
  }
  const within = period ? [gte(hazards.foundAt, period.startAt), lte(hazards.foundAt, period.endAt)] : []
  const rows = await db
    .select({ status: hazards.status, n: count() })
    .from(hazards)
    .where(and(eq(hazards.reporterId, personId), ...within))
    .groupBy(hazards.status)
  const total = rows.reduce((sum, r) => sum + r.n, 0)
  if (total === 0) return `您${said}还没有上报隐患。发现隐患直接发一句话说明情况和地点即可。`
  const parts = rows
    .sort((a, b) => b.n - a.n)
    .map((r) => `${HAZARD_STATUS_LABELS[r.status]} ${r.n} 项`)
    .join('，')
  return `您${said}共上报隐患 ${total} 项：${parts}。发送「我的隐患」可查看最近几条。`
}

const LISTED = 5

/** How many of the person's latest hazards 「上周报的那个井盖」 is looked for among. */
const SEARCHED = 50

/**
 * The person's own records of a kind, the latest first; for hazards, those the words name by place or thing
 * (「上周报的那个井盖修好没」) when any does.
 */
export async function describeOwnRecords(
  turn: Turn,
  personId: number,
  kind: RecordKind | 'all',
  input = '',
): Promise<string> {
  if (kind === 'all') {
    const both = [
      await describeOwnRecords(turn, personId, 'hazard'),
      await describeOwnRecords(turn, personId, 'patrol'),
    ]
    // One closing line for both lists.
    return `${both.map((part) => part.replace(/\n发送「查询 编号」可查看详情。$/, '')).join('\n')}\n发送「查询 编号」可查看详情。`
  }
  const { db, timeZone, clock } = turn.ctx
  const now = clock.now()
  if (kind === 'patrol') {
    const rows = await latestPatrols(turn, personId)
    if (rows.length === 0) return '您还没有巡查记录。发送「巡查」即可填报。'
    const lines = rows.map(
      (p) =>
        `· ${p.code} ${formatLocal(p.startedAt, timeZone, now)} ${p.area}${p.voidedAt ? '（已作废）' : '（已保存）'}`,
    )
    return `您最近的巡查记录：\n${lines.join('\n')}\n发送「查询 编号」可查看详情。`
  }
  const latest = await db
    .select()
    .from(hazards)
    .where(eq(hazards.reporterId, personId))
    .orderBy(desc(hazards.foundAt), desc(hazards.id))
    .limit(SEARCHED)
  if (latest.length === 0) return NO_HAZARD_REPORTED
  const named = recordsNamed(latest, input)
  const rows = (named.length > 0 ? named : latest).slice(0, LISTED)
  const lines = rows.map((h) => {
    const due =
      h.rectifyDueAt && h.status !== 'closed' && h.status !== 'voided'
        ? `，整改期限 ${formatLocal(h.rectifyDueAt, timeZone, now)}`
        : ''
    return `· ${h.code}（${formatLocal(h.foundAt, timeZone, now)}）${clip(h.description, 16)}：${HAZARD_STATUS_LABELS[h.status]}${due}`
  })
  return `${named.length > 0 ? '您上报的相关隐患' : '您最近上报的隐患'}：\n${lines.join('\n')}\n发送「查询 编号」可查看详情。`
}

/**
 * A saved record stays as it was saved: the ledger is evidence, and a change is a step someone answers for. The
 * person is told which record is meant and the way to put it right (a supervisor voids a wrong patrol record and a
 * new one is filed; a hazard's details are corrected by whoever handles it, or added with the rectification).
 */
export async function explainAmendment(turn: Turn, personId: number, asked: RecordKind | 'latest'): Promise<string> {
  const { timeZone, clock } = turn.ctx
  const [patrol] = await latestPatrols(turn, personId)
  const hazard = await latestHazardOf(turn, personId)
  // Nothing saved yet: nothing to put right (a form being filled is corrected or dropped as it goes).
  const saved = asked === 'patrol' ? patrol : asked === 'hazard' ? hazard : (patrol ?? hazard)
  if (!saved) return WORDING.nothingSavedToAmend(asked === 'latest' ? '巡查记录或隐患' : RECORD_NAMES[asked])
  // Neither kind named (「撤回刚才那条」): whichever was saved last — a patrol with the hazards it found, saved with
  // them, is the patrol (its last hazard had been named).
  const kind =
    asked !== 'latest'
      ? asked
      : patrol && (!hazard || hazard.patrolId === patrol.id || patrol.createdAt > hazard.createdAt)
        ? 'patrol'
        : 'hazard'
  if (kind === 'patrol') {
    const which = patrol
      ? `您最近的巡查记录是 ${patrol.code}（${formatLocal(patrol.startedAt, timeZone, clock.now())} ${patrol.area}）。`
      : ''
    return `${which}已保存的巡查记录不能直接修改（台账留痕）。如有填写错误，请告知督查员将该记录作废（作废 编号 原因），再发送「巡查」重新填报；填报过程中可随时发送「修改 字段名」更正。`
  }
  const which = hazard ? `您最近上报的隐患是 ${hazard.code}（${clip(hazard.description, 16)}）。` : ''
  return `${which}已上报的隐患不能直接修改。需要更正描述、地点或等级的，请联系督查员或责任单位在管理后台更正。`
}

/** 「刚才发的隐患为什么没有交办」「我报的隐患怎么还没派下去」: why the hazard reported last has no unit yet. */
export const ASKS_WHY_NOT_HANDED = /(?:为什么|为啥|怎么)(?:还)?(?:没有?|未|不)(?:交办|派|分派|派单|派下去|交给|转给)/

/**
 * Why the hazard the person reported last is not handed to a unit: a major one waits for the supervising office's
 * 五落实 before it is handed over; a general one with no unit for its kind waits to be handed by hand; one handed
 * says to whom, and by when.
 */
export async function explainNotHanded(turn: Turn, personId: number): Promise<string> {
  const { timeZone, clock } = turn.ctx
  const hazard = await latestHazardOf(turn, personId)
  if (!hazard) return NO_HAZARD_REPORTED
  const which = `隐患 ${hazard.code}（${clip(hazard.description, 16)}）`
  if (hazard.unitId !== null) {
    const due = hazard.rectifyDueAt ? `，整改期限 ${formatLocal(hazard.rectifyDueAt, timeZone, clock.now())}` : ''
    return `${which}已交办${(await unitName(turn.ctx, hazard.unitId)) ?? '责任单位'}${due}。`
  }
  if (hazard.status === 'voided') return `${which}已作废，不再交办。`
  return hazard.level === 'major'
    ? `${which}是重大隐患，须由督查员（安监科）落实“五落实”（责任、措施、资金、时限、预案）后交办；已推送给安监科和值班人员。`
    : `${which}的类别暂无对应的责任单位，待督查员（安监科）分派。`
}

/** The hazard the person reported last, whenever it was found (「刚才那条」「刚才发的隐患」). */
async function latestHazardOf(turn: Turn, personId: number) {
  const [hazard] = await turn.ctx.db
    .select()
    .from(hazards)
    .where(eq(hazards.reporterId, personId))
    .orderBy(desc(hazards.id))
    .limit(1)
  return hazard
}

/** The person's patrol records, the one saved last first (「刚才那条」). */
function latestPatrols(turn: Turn, personId: number) {
  return turn.ctx.db
    .select()
    .from(patrols)
    .where(eq(patrols.reporterId, personId))
    .orderBy(desc(patrols.id))
    .limit(LISTED)
}
