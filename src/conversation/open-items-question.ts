import { and, asc, count, eq, inArray, lt, type SQL, sql } from 'drizzle-orm'
import { complaints, hazards, units } from '../db/schema'
import { COMPLAINT_STATUS_LABELS, OPEN_COMPLAINT_STATUSES } from '../domain/complaint-lifecycle'
import {
  HAZARD_STATUS_LABELS,
  LISTING_LEVEL_LABELS,
  OPEN_HAZARD_STATUSES,
  UNDER_RECTIFICATION_STATUSES,
} from '../domain/hazard-lifecycle'
import { lateCountsByUnit } from '../services/unit-urging'
import { clip, complaintInWords, formatLocal } from './format'
import type { Turn } from './types'

/**
 * 「今天有几个隐患没整改」「帮我看看哪些单位超期了」「还有多少投诉没办结」 (intent's asksOpenItems): what is open now and
 * what is past its deadline, by unit — the ledger's state at this moment, where the daily digest tells yesterday's.
 */
const LISTED_UNDISPATCHED = 10

/**
 * The city's open items, or one unit's (「我们单位还有几个隐患没整改完」): a unit's own hazards and complaints, without
 * the city's by-unit breakdown and the dispatcher's queue.
 */
export async function describeOpenItems(turn: Turn, unit?: { id: number; name: string }): Promise<string> {
  const { db, clock, timeZone } = turn.ctx
  const now = clock.now()
  const hazardsOf = unit ? eq(hazards.unitId, unit.id) : undefined
  const complaintsOf = unit ? eq(complaints.unitId, unit.id) : undefined
  const [open, overdue, openComplaints, lateComplaints, unitRows, undispatched, unhanded, awaiting] = await Promise.all(
    [
      db
        .select({ n: count() })
        .from(hazards)
        .where(and(inArray(hazards.status, [...UNDER_RECTIFICATION_STATUSES]), hazardsOf)),
      db
        .select({ unitId: hazards.unitId, n: count() })
        .from(hazards)
        .where(
          and(inArray(hazards.status, [...UNDER_RECTIFICATION_STATUSES]), lt(hazards.rectifyDueAt, now), hazardsOf),
        )
        .groupBy(hazards.unitId),
      db
        .select({ n: count(), unsigned: count(sql`case when ${complaints.status} = 'assigned' then 1 end`) })
        .from(complaints)
        .where(and(inArray(complaints.status, [...OPEN_COMPLAINT_STATUSES]), complaintsOf)),
      db
        .select({ n: count() })
        .from(complaints)
        .where(and(inArray(complaints.status, [...OPEN_COMPLAINT_STATUSES]), lt(complaints.dueAt, now), complaintsOf)),
      db.select({ id: units.id, name: units.name }).from(units),
      // Complaints no routing rule dispatched, and hazards waiting to be handed to a unit: a dispatcher's to act on.
      unit
        ? []
        : db
            .select({ code: complaints.code, description: complaints.description })
            .from(complaints)
            .where(eq(complaints.status, 'received'))
            .orderBy(asc(complaints.receivedAt), asc(complaints.id)),
      unit ? [] : db.select({ n: count() }).from(hazards).where(eq(hazards.status, 'reported')),
      // Rectified and waiting for the check: not closed either (「还有多少隐患没销号」 had been told none).
      db
        .select({ n: count() })
        .from(hazards)
        .where(and(eq(hazards.status, 'awaiting_verification'), hazardsOf)),
    ],
  )
  const name = new Map(unitRows.map((u) => [u.id, u.name]))
  const overdueTotal = overdue.reduce((sum, r) => sum + r.n, 0)
  const byUnit = unit
    ? []
    : [...overdue]
        .sort((a, b) => b.n - a.n)
        .map((r) => `· ${r.unitId === null ? '待分派' : (name.get(r.unitId) ?? '—')} 超期 ${r.n} 项`)
  return [
    `${unit ? unit.name : ''}截至 ${formatLocal(now, timeZone, now)}：`,
    `整改中的隐患 ${open[0]?.n ?? 0} 项，其中超期未整改 ${overdueTotal} 项${byUnit.length ? '：' : '。'}`,
    ...byUnit,
    `办理中的投诉 ${openComplaints[0]?.n ?? 0} 件（待签收 ${Number(openComplaints[0]?.unsigned ?? 0)} 件${undispatched.length > 0 ? `，待派单 ${undispatched.length} 件` : ''}），其中超过办理时限 ${lateComplaints[0]?.n ?? 0} 件。`,
    ...undispatched.slice(0, LISTED_UNDISPATCHED).map((c) => `· ${c.code} 待派单：${clip(c.description, 20)}`),
    ...(undispatched.length > LISTED_UNDISPATCHED
      ? [`……另有 ${undispatched.length - LISTED_UNDISPATCHED} 件待派单`]
      : []),
    ...(undispatched.length > 0
      ? [`派单请发送「派单 投诉编号 单位」，例如：派单 ${undispatched[0]?.code} 燃气办`]
      : []),
    ...(Number(unhanded[0]?.n ?? 0) > 0 ? [`另有待交办的隐患 ${unhanded[0]?.n} 项。`] : []),
    ...(Number(awaiting[0]?.n ?? 0) > 0 ? [`另有已整改待验收的隐患 ${awaiting[0]?.n} 项。`] : []),
  ].join('\n')
}

/** 「重大隐患有几个」「有没有重大隐患没销号」「重大隐患情况」: the major hazards not yet closed, each by name. */
const ASKS_MAJORS =
  /^(?=.*(?:有没有|有无|哪些|几个|几项|多少|有几|情况|列表|没销号|未销号|没整改|未整改|没处理|^(?:现在|目前|最近|还)?有.*吗[？?。]*$))(?:今天|今日|目前|现在|最近|本周|这周|还)?(?:有没有|有无|有)?(?:哪些|几个|几项|多少)?(?:个|项)?重大隐患(?:还)?(?:有几个|有几项|有多少|有哪些|情况|列表|没销号|未销号|没整改|未整改|没处理完?)?(?:的)?(?:吗|呢|了)?[？?。]*$/

/** 「大的隐患」「严重的隐患」「大隐患」: what people call a major hazard when asking after it. */
const MAJOR_IN_WORDS = /(?:比较|很|特别)?(?:大|严重)的隐患|大隐患/

/** 「五落实情况」「重大隐患五落实落实了吗」: the majors, each with where its 五落实 stands (no deadline yet: waiting). */
const ASKS_FIVE_FIXES =
  /^(?:重大隐患)?(?:的)?五落实(?:的)?(?:情况|进展|进度|落实情况)?(?:怎么样了?|咋样了?|如何|落实了(?:吗|没有?)|都落实了吗)?[？?。]*$/

export function asksOpenMajors(input: string): boolean {
  const said = input.replace(MAJOR_IN_WORDS, '重大隐患').replace(/有什么(?=重大隐患)/, '有哪些')
  return ASKS_MAJORS.test(said) || ASKS_FIVE_FIXES.test(input)
}

/** 「待验收的有哪些」「有几个隐患等着验收」: the hazards rectified and waiting for their check. */
const ASKS_AWAITING_CHECK =
  /(?:待|等(?:着)?|需要|要|没(?:有)?|未|还没(?:有)?)验收(?!.{0,6}(?:标准|流程|怎么|如何|要求))/

export function asksAwaitingCheck(input: string): boolean {
  return (
    [...input].length <= 30 &&
    ASKS_AWAITING_CHECK.test(input) &&
    // (「待验收的隐患」 alone names the list it wants: the supervisor had been given the whole to-do.)
    (/哪些|哪几|几个|几项|多少|有没有|有无|清单|列表|列一下|情况|吗|呢|[？?]$/.test(input) ||
      /^(?:查看|看看|看一下)?(?:待|等(?:着)?)验收(?:的)?(?:隐患|事项)?[。]*$/.test(input)) &&
    !/(?:YH|TS)\s*\d{8}/i.test(input)
  )
}

/** The hazards waiting for their check, the longest waiting first — a unit's, when one is given. */
export async function describeAwaitingCheck(turn: Turn, unit?: { id: number; name: string }): Promise<string> {
  const { clock, timeZone } = turn.ctx
  const awaiting = eq(hazards.status, 'awaiting_verification')
  const [rows, unitRows] = await openHazardsWithUnits(
    turn,
    unit ? (and(awaiting, eq(hazards.unitId, unit.id)) ?? awaiting) : awaiting,
    asc(hazards.rectifiedAt),
  )
  const whose = unit?.name ?? ''
  if (rows.length === 0) return `${whose}目前没有待验收的隐患。`
  return `${whose}已整改待验收的隐患 ${rows.length} 项：\n${hazardLines(rows, unitRows, clock.now(), timeZone)}`
}

/** 「挂牌督办的有哪些」「现在挂牌的隐患」: the hazards listed for supervision (挂牌督办) and not yet closed. */
const ASKS_LISTED =
  /^(?:本月|这个月|本周|这周|今年|本年度?|现在|目前|还)?(?:的)?(?:重大隐患|隐患)?(?:的)?(?:有)?(?:哪些|几个|多少)?(?:被)?(?:挂牌督办|挂牌)(?:的)?(?:重大隐患|隐患)?(?:有|还有)?(?:哪些|几个|几项|多少|情况|清单|列表|进展|进度|落实情况|整改情况)?(?:的)?(?:怎么样了?)?(?:吗|呢)?[？?。]*$/

export function asksListedHazards(input: string): boolean {
  return ASKS_LISTED.test(input)
}

export async function describeListedHazards(turn: Turn): Promise<string> {
  const { clock, timeZone } = turn.ctx
  const now = clock.now()
  const [rows, unitRows] = await openHazardsWithUnits(
    turn,
    eq(hazards.listedSupervision, true),
    asc(hazards.rectifyDueAt),
  )
  if (rows.length === 0) return '目前没有挂牌督办的隐患。'
  const listed = hazardLines(rows, unitRows, now, timeZone, (h) =>
    h.listingLevel ? `${LISTING_LEVEL_LABELS[h.listingLevel]}挂牌，` : '',
  )
  return `挂牌督办的隐患 ${rows.length} 项：\n${listed}`
}

const LISTED_MAJORS = 10

/** The hazards not yet closed that `which` picks, in `order` (then by id), with every unit's name to show. */
function openHazardsWithUnits(turn: Turn, which: SQL, order: SQL) {
  const { db } = turn.ctx
  return Promise.all([
    db
      .select()
      .from(hazards)
      .where(and(which, inArray(hazards.status, [...OPEN_HAZARD_STATUSES])))
      .orderBy(order, asc(hazards.id)),
    db.select({ id: units.id, name: units.name }).from(units),
  ])
}

/**
 * The first of a list of hazards, one line each — its unit, a few words, where it stands and its deadline (what
 * `before` adds comes first in the brackets) — and how many more.
 */
function hazardLines(
  rows: (typeof hazards.$inferSelect)[],
  unitRows: { id: number; name: string }[],
  now: Date,
  timeZone: string,
  before: (h: typeof hazards.$inferSelect) => string = () => '',
): string {
  const name = new Map(unitRows.map((u) => [u.id, u.name]))
  const lines = rows.slice(0, LISTED_MAJORS).map((h) => {
    const unit = h.unitId === null ? '待分派' : (name.get(h.unitId) ?? '—')
    const due = h.rectifyDueAt
      ? `，${h.rectifyDueAt < now ? '已超期' : '期限'} ${formatLocal(h.rectifyDueAt, timeZone, now)}`
      : ''
    return `· ${h.code} ${unit}：${clip(h.description, 18)}（${before(h)}${HAZARD_STATUS_LABELS[h.status]}${due}）`
  })
  const more = rows.length > LISTED_MAJORS ? `\n……另有 ${rows.length - LISTED_MAJORS} 项，请在管理后台查看。` : ''
  return `${lines.join('\n')}${more}`
}

/** The major hazards not yet closed — a unit's, when one is given (「我们单位有几个重大隐患还没销号」). */
export async function describeOpenMajors(turn: Turn, unit?: { id: number; name: string }): Promise<string> {
  const { clock, timeZone } = turn.ctx
  const now = clock.now()
  // Those still waiting for their 五落实 (no deadline yet) first, then by deadline.
  const major = eq(hazards.level, 'major')
  const [rows, unitRows] = await openHazardsWithUnits(
    turn,
    unit ? (and(major, eq(hazards.unitId, unit.id)) ?? major) : major,
    sql`${hazards.rectifyDueAt} asc nulls first`,
  )
  const whose = unit?.name ?? ''
  if (rows.length === 0) return `${whose}目前没有未销号的重大隐患。`
  return `${whose}未销号的重大隐患 ${rows.length} 项：\n${hazardLines(rows, unitRows, now, timeZone)}`
}

/** 「哪些隐患还没整改」「没整改的隐患列一下」: which ones, not only how many. (「哪些单位…」 asks after the units.) */
export function asksWhichAreOpen(
  input: string,
): { of: 'hazards' | 'complaints'; lateOnly: boolean; undispatchedOnly?: boolean } | undefined {
  if (!/哪些|哪几(?:个|项|件|条)|哪个|列(?:一下|出来?|个表)|清单|明细|列表|是哪/.test(input)) return undefined
  if (/(?:哪些|哪个|哪几个?|各个?|每个)(?:单位|部门|科室)|哪家/.test(input)) return undefined
  // 「把超期的隐患列出来」: only those past their deadline.
  const lateOnly = /超期|逾期|超时|过期/.test(input)
  // 「有哪些投诉还没派单」: only those no unit has yet.
  const undispatchedOnly = /(?:没|未|还没|尚未|待|没有)(?:派单|分派|派发|派)/.test(input)
  if (/投诉|工单|诉求/.test(input) && !/隐患/.test(input)) return { of: 'complaints', lateOnly, undispatchedOnly }
  return /隐患|整改|销号/.test(input) ? { of: 'hazards', lateOnly } : undefined
}

const LISTED_OPEN = 10

/**
 * The hazards not yet rectified (a unit's own, or the city's), the late and the soonest due first, and those not
 * yet handed to a unit at the end.
 */
export async function describeUnrectifiedHazards(
  turn: Turn,
  lateOnly: boolean,
  unit?: { id: number; name: string },
): Promise<string> {
  const { clock, timeZone } = turn.ctx
  const now = clock.now()
  const [rows, unitRows] = await openHazardsWithUnits(
    turn,
    and(
      inArray(hazards.status, ['reported', ...UNDER_RECTIFICATION_STATUSES]),
      unit ? eq(hazards.unitId, unit.id) : undefined,
      lateOnly ? lt(hazards.rectifyDueAt, now) : undefined,
    ) as SQL,
    sql`${hazards.rectifyDueAt} asc nulls last`,
  )
  const whose = unit ? unit.name : ''
  const which = lateOnly ? '超期未整改的隐患' : '未整改的隐患'
  if (rows.length === 0) return `${whose}目前没有${which}。`
  const order = lateOnly ? '超期最久的在前' : '超期和快到期的在前'
  return `${whose}${which} ${rows.length} 项（${order}）：\n${hazardLines(rows, unitRows, now, timeZone)}`
}

/** The complaints not yet answered (a unit's own, or the city's), the late and the soonest due first. */
export async function describeOpenComplaintsListed(
  turn: Turn,
  lateOnly: boolean,
  unit?: { id: number; name: string },
  undispatchedOnly = false,
): Promise<string> {
  const { db, clock, timeZone } = turn.ctx
  const now = clock.now()
  const [rows, unitRows] = await Promise.all([
    db
      .select()
      .from(complaints)
      .where(
        and(
          undispatchedOnly
            ? eq(complaints.status, 'received')
            : inArray(complaints.status, [...OPEN_COMPLAINT_STATUSES]),
          unit ? eq(complaints.unitId, unit.id) : undefined,
          lateOnly ? lt(complaints.dueAt, now) : undefined,
        ),
      )
      .orderBy(asc(complaints.dueAt), asc(complaints.id)),
    db.select({ id: units.id, name: units.name }).from(units),
  ])
  const whose = unit ? unit.name : ''
  const which = `${lateOnly ? '超过办理时限的' : undispatchedOnly ? '' : '办理中的'}${undispatchedOnly ? '待派单的' : ''}投诉`
  if (rows.length === 0) return `${whose}目前没有${which}。`
  const name = new Map(unitRows.map((u) => [u.id, u.name]))
  const lines = rows.slice(0, LISTED_OPEN).map((c) => {
    const handler = c.unitId === null ? '待派单' : (name.get(c.unitId) ?? '—')
    const what = complaintInWords(c)
    return `· ${c.code} ${unit ? '' : `${handler}：`}${clip(what, 18)}（${COMPLAINT_STATUS_LABELS[c.status]}，${
      c.dueAt < now ? '已超时' : '期限'
    } ${formatLocal(c.dueAt, timeZone, now)}）`
  })
  const more =
    rows.length > LISTED_OPEN ? `\n……另有 ${rows.length - LISTED_OPEN} 件，请在管理后台「投诉台账」查看。` : ''
  return `${whose}${which} ${rows.length} 件（${lateOnly ? '超时最久的在前' : '超时和快到期的在前'}）：\n${lines.join('\n')}${more}`
}

/** 「哪个单位超期最多」: the units with something late now, the most first. */
export async function describeLateByUnit(turn: Turn): Promise<string> {
  const { clock, timeZone } = turn.ctx
  const now = clock.now()
  const late = await lateCountsByUnit(turn.ctx)
  const asOf = `截至 ${formatLocal(now, timeZone, now)}`
  if (late.length === 0) return `${asOf}，没有超期未整改的隐患，也没有超过办理时限的投诉。`
  return `${asOf}，有超期事项的单位（按件数）：\n${late
    .map((u) => `· ${u.unit}：超期隐患 ${u.overdueHazards} 项，超时投诉 ${u.lateComplaints} 件`)
    .join('\n')}`
}
