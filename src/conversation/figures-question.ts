import { and, asc, count, eq, gte, inArray, isNotNull, isNull, like, lte, ne } from 'drizzle-orm'
import { containing } from '../db/like-pattern'
import { complaints, hazards, patrols, supervisions, units } from '../db/schema'
import { CATEGORY_LABELS } from '../domain/categories'
import { SATISFACTION_LABELS, SATISFACTION_LEVELS, type Satisfaction } from '../domain/complaint-lifecycle'
import type { Period, PeriodKind } from '../domain/periods'
import { formatRate } from '../reports/format'
import { complaintTimeliness, periodFigures } from '../services/figures'
import { formatLocal } from './format'
import { describeOpenMajors } from './open-items-question'
import { type PeriodSaid, periodMeant, periodSaidIn } from './period-said'
import { roadOf } from './place-answer'
import { summaryAskedIn } from './summary-asked'
import type { Turn } from './types'

/**
 * 「本周巡查了多少次」「这个月发现几处隐患」「今天收到几个投诉」: the city's figures so far in the period named — not
 * yesterday's digest, which answers another question.
 */
const ASKS_FIGURES =
  /^(?:我们|咱们|全市|我市|全局|我局)?(今天|今日|本周|这周|这个?星期|本月|这个月)(?:全市|我们|咱们)?(?:一共|总共|共|到现在|目前|截至目前)?(?:巡查|上报|收到|发现|接到|受理|销号)(?:了)?(?:多少|几)(?:次|条|个|起|处|件|项)?(?:巡查|隐患|投诉)?(?:了|呢)?[？?。！!]*$/

const KIND: Record<string, PeriodKind> = {
  今天: 'day',
  今日: 'day',
  本周: 'week',
  这周: 'week',
  这星期: 'week',
  这个星期: 'week',
  本月: 'month',
  这个月: 'month',
}
const SAID: Record<PeriodKind, string> = {
  day: '今天',
  week: '本周',
  month: '本月',
  quarter: '本季度',
  half: '本半年',
  year: '今年',
}

/** 「这周情况怎么样」「本月工作进展如何」: the same figures (today's state is the digest's question). */
const ASKS_PERIOD_STATE =
  /^(?:我们|咱们|全市)?(本周|这周|这个?星期|本月|这个月)(?:的)?(?:总体|整体|全市)?(?:情况|进展|工作|数据|巡查情况)(?:怎么样|如何|咋样)了?[？?。！!]*$/

/** 「汇总一下本周数据」「统计一下这个月的」「本月数据」: the figures asked for as a summary. */
const ASKS_SUMMARY =
  /^(?:帮我|请|麻烦)?(?:汇总|统计|总结|看看|看一下|查一下|查查|发一下|发个|给我|出)?(?:一下)?(今天|今日|本周|这周|这个?星期|本月|这个月)(?:的)?(?:全市)?(?:数据|统计|汇总|统计数据|数据汇总|工作汇总|情况汇总)(?:汇总|统计)?(?:一下)?(?:发我|给我)?[？?。！!]*$/

export function figuresAskedFor(input: string): PeriodSaid | undefined {
  const word = ASKS_FIGURES.exec(input)?.[1] ?? ASKS_PERIOD_STATE.exec(input)?.[1] ?? ASKS_SUMMARY.exec(input)?.[1]
  const kind = word ? KIND[word] : undefined
  if (kind) return { kind, previous: false, said: SAID[kind] }
  // 「上周工作情况汇总」「本周隐患情况汇总一下」 in any order. A day's state is the digest's question (「今天情况怎么样」).
  const summary = summaryAskedIn(input)
  return summary && summary.kind !== 'day' ? summary : undefined
}

/**
 * 「对比一下上个月」「和上周比怎么样」「跟去年比呢」: this period so far and the one before it named, one after the
 * other — the comparison asked for, by the figures each is read with.
 */
const COMPARES = /对比|比较|相比|比一比|比一下|比怎么样|比如何|比呢|比起来/
/** The period before, said in a comparison. */
const EARLIER = /上个?月|上周|上个?星期|上个?礼拜|去年|上个?季度|昨天/

export function comparisonAskedFor(input: string): { now: PeriodSaid; before: PeriodSaid } | undefined {
  if ([...input].length > 20 || !COMPARES.test(input)) return undefined
  // 「这个月跟上个月比怎么样」: the period before is the one compared with, wherever it is said.
  const earlier = EARLIER.exec(input)?.[0]
  const before = periodSaidIn(earlier ?? input)
  if (!before?.previous || before.lastDays) return undefined
  return { now: { kind: before.kind, previous: false, said: SAID[before.kind] }, before }
}

/**
 * The city's figures for the period asked, or one unit's when a unit is named (its patrols and the hazards it
 * found, the complaints handed to it): so far for the current period, in full for one that has ended.
 */
export async function describeFigures(
  turn: Turn,
  asked: PeriodSaid,
  unit?: { id: number; name: string },
): Promise<string> {
  const { db, clock, timeZone } = turn.ctx
  const now = clock.now()
  const period = periodMeant(asked, now, timeZone)
  const soFar = { ...period, endAt: now < period.endAt ? now : period.endAt }
  const received = and(
    gte(complaints.receivedAt, soFar.startAt),
    lte(complaints.receivedAt, soFar.endAt),
    unit ? eq(complaints.unitId, unit.id) : undefined,
  )
  const [figures, [receivedCount], due] = await Promise.all([
    periodFigures(db, soFar, unit?.id),
    db.select({ n: count() }).from(complaints).where(received),
    complaintTimeliness(db, soFar, now, unit?.id),
  ])
  const whose = unit ? unit.name : '全市'
  return [
    asked.previous || asked.lastDays ? `${asked.said}（${whose}）：` : `${asked.said}截至目前（${whose}）：`,
    `巡查 ${figures.patrolCount} 次，出动 ${figures.staffTurnouts} 人次、${figures.vehicleTurnouts} 台次；`,
    `发现隐患 ${figures.hazardsFound} 项（重大 ${figures.major.found} 项），已整改销号 ${figures.hazardsRectified} 项，整改率 ${formatRate(figures.rectificationRate)}；`,
    `期间共销号 ${figures.closedInPeriod} 项（含此前发现的）；`,
    `${unit ? '交办的投诉' : '受理投诉'} ${receivedCount?.n ?? 0} 件；到期 ${due.due} 件，按时答复 ${due.onTime} 件（及时率 ${formatRate(due.due === 0 ? null : due.onTime / due.due)}）。`,
  ].join('\n')
}

/**
 * 「这个月重大隐患销号了几个 还剩几个」: the major hazards the period found and closed (those found before it too),
 * then the ones open now, each by name.
 */
export async function describeMajorsInPeriod(turn: Turn, asked: PeriodSaid): Promise<string> {
  const { db, clock, timeZone } = turn.ctx
  const now = clock.now()
  const period = periodMeant(asked, now, timeZone)
  const endAt = now < period.endAt ? now : period.endAt
  const major = and(eq(hazards.level, 'major'), ne(hazards.status, 'voided'))
  const [[found], [closed]] = await Promise.all([
    db
      .select({ n: count() })
      .from(hazards)
      .where(and(major, gte(hazards.foundAt, period.startAt), lte(hazards.foundAt, endAt))),
    db
      .select({ n: count() })
      .from(hazards)
      .where(and(major, gte(hazards.closedAt, period.startAt), lte(hazards.closedAt, endAt))),
  ])
  const when = asked.previous || asked.lastDays ? asked.said : `${asked.said}截至目前`
  return `${when}重大隐患：新发现 ${found?.n ?? 0} 项，销号 ${closed?.n ?? 0} 项（含此前发现的）。\n${await describeOpenMajors(turn)}`
}

/** The complaints received in a period, a duplicate not counted twice — as the ledger questions count them. */
function complaintsReceivedIn(period: Period) {
  return and(
    gte(complaints.receivedAt, period.startAt),
    lte(complaints.receivedAt, period.endAt),
    isNull(complaints.duplicateOfId),
  )
}

/** The hazards found in a period, the voided not counted. */
function hazardsFoundIn(period: Period) {
  return and(gte(hazards.foundAt, period.startAt), lte(hazards.foundAt, period.endAt), ne(hazards.status, 'voided'))
}

/** 「最近一周投诉最多的是哪类问题」: the complaints received or hazards found in the period, by kind, most first. */
export async function describeByCategory(turn: Turn, of: 'complaints' | 'hazards', asked: PeriodSaid): Promise<string> {
  const { db, clock, timeZone } = turn.ctx
  const period = periodMeant(asked, clock.now(), timeZone)
  const rows =
    of === 'complaints'
      ? await db
          .select({ category: complaints.category, n: count() })
          .from(complaints)
          .where(complaintsReceivedIn(period))
          .groupBy(complaints.category)
      : await db
          .select({ category: hazards.category, n: count() })
          .from(hazards)
          .where(hazardsFoundIn(period))
          .groupBy(hazards.category)
  const what = of === 'complaints' ? '受理的投诉' : '发现的隐患'
  const unit = of === 'complaints' ? '件' : '项'
  if (rows.length === 0) return `${asked.said}没有${of === 'complaints' ? '受理投诉' : '发现隐患'}。`
  const lines = [...rows]
    .sort((a, b) => b.n - a.n)
    .map((r, i) => `${i + 1}. ${CATEGORY_LABELS[r.category]} ${r.n} ${unit}`)
  return `${asked.said}${what}（按类别，${lines.length > 1 ? '多的在前' : '共一类'}）：\n${lines.join('\n')}`
}

/** The roads listed at most when the period's records are counted by where they are. */
const ROADS_LISTED = 10

/**
 * 「哪条路隐患最多」「投诉最多的是哪个区域」: the period's hazards or complaints counted by the road (or the place,
 * where no road is named) they are on, the most first. (The first had opened a hazard form.)
 */
export async function describeByPlace(turn: Turn, of: 'complaints' | 'hazards', asked: PeriodSaid): Promise<string> {
  const { db, clock, timeZone } = turn.ctx
  const period = periodMeant(asked, clock.now(), timeZone)
  const places =
    of === 'complaints'
      ? await db.select({ locationText: complaints.locationText }).from(complaints).where(complaintsReceivedIn(period))
      : await db.select({ locationText: hazards.locationText }).from(hazards).where(hazardsFoundIn(period))
  const counted = new Map<string, number>()
  let unplaced = 0
  for (const { locationText } of places) {
    const road = locationText?.trim() ? roadNamed(locationText.trim()) : ''
    if (road) counted.set(road, (counted.get(road) ?? 0) + 1)
    else unplaced += 1
  }
  const unit = of === 'complaints' ? '件' : '项'
  if (places.length === 0) return `${asked.said}没有${of === 'complaints' ? '受理投诉' : '发现隐患'}。`
  const ranked = [...counted].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0], 'zh'))
  const lines = ranked.slice(0, ROADS_LISTED).map(([road, n], i) => `${i + 1}. ${road} ${n} ${unit}`)
  const more = ranked.length > ROADS_LISTED ? [`……另有 ${ranked.length - ROADS_LISTED} 处路段或地点。`] : []
  const none = unplaced > 0 ? [`未写明地点的 ${unplaced} ${unit}。`] : []
  return [
    `${asked.said}${of === 'complaints' ? '受理的投诉' : '发现的隐患'}（按路段或地点，多的在前）：`,
    ...lines,
    ...more,
    ...none,
  ].join('\n')
}

/** The road a place is on, its city and district, number and building left off (「常德市武陵区人民路168号」: 人民路). */
function roadNamed(place: string): string {
  const local = roadOf(place).replace(/^(?:[\u4e00-\u9fa5]{2,4}?[省市县区])+/, '')
  return /^[\u4e00-\u9fa5]{1,10}?(?:大道|路|街|巷)/.exec(local)?.[0] ?? local
}

/** 「投诉的满意度怎么样」: how the citizens called back rated the handling of the period's complaints. */
export async function describeSatisfaction(turn: Turn, asked: PeriodSaid): Promise<string> {
  const { db, clock, timeZone } = turn.ctx
  const period = periodMeant(asked, clock.now(), timeZone)
  const within = and(gte(complaints.receivedAt, period.startAt), lte(complaints.receivedAt, period.endAt))
  const [rated, [unrated]] = await Promise.all([
    db
      .select({ satisfaction: complaints.satisfaction, n: count() })
      .from(complaints)
      .where(and(within, isNotNull(complaints.satisfaction)))
      .groupBy(complaints.satisfaction),
    db
      .select({ n: count() })
      .from(complaints)
      .where(and(within, isNull(complaints.satisfaction), inArray(complaints.status, ['replied', 'closed']))),
  ])
  const notCalled = unrated?.n ?? 0
  const total = rated.reduce((sum, r) => sum + r.n, 0)
  const later = notCalled > 0 ? `已答复未回访 ${notCalled} 件。` : ''
  if (total === 0) return `${asked.said}受理的投诉还没有回访结果。${later}`
  const of = (level: Satisfaction) => rated.find((r) => r.satisfaction === level)?.n ?? 0
  const content = of('satisfied') + of('basically_satisfied')
  const parts = SATISFACTION_LEVELS.map((level) => `${SATISFACTION_LABELS[level]} ${of(level)} 件`).join('，')
  return `${asked.said}受理的投诉回访 ${total} 件：${parts}（满意率 ${formatRate(content / total)}）。${later}`
}

/** 「今天督查了哪些单位」: the period's supervision records, each with the unit inspected and who led it. */
export async function describeSupervisions(
  turn: Turn,
  asked: PeriodSaid,
  /** 「质安处这个月督查过没有」: the inspections of the unit named alone. */
  inspected?: { id: number; name: string },
): Promise<string> {
  const { db, clock, timeZone } = turn.ctx
  const now = clock.now()
  const period = periodMeant(asked, now, timeZone)
  const within = and(
    gte(supervisions.inspectedAt, period.startAt),
    lte(supervisions.inspectedAt, period.endAt),
    inspected ? eq(supervisions.inspectedUnitId, inspected.id) : undefined,
  )
  const [rows, [total], unitRows] = await Promise.all([
    db
      .select({
        code: supervisions.code,
        unitId: supervisions.inspectedUnitId,
        lead: supervisions.lead,
        at: supervisions.inspectedAt,
      })
      .from(supervisions)
      .where(within)
      .orderBy(asc(supervisions.inspectedAt))
      .limit(5),
    db.select({ n: count() }).from(supervisions).where(within),
    db.select({ id: units.id, name: units.name }).from(units),
  ])
  if (rows.length === 0) return `${asked.said}还没有${inspected ? `对${inspected.name}的` : ''}督查记录。`
  const name = new Map(unitRows.map((u) => [u.id, u.name]))
  const howMany = total?.n ?? rows.length
  const lines = rows.map(
    (r) => `· ${r.code} ${formatLocal(r.at, timeZone, now)} ${name.get(r.unitId) ?? '—'}（带队：${r.lead}）`,
  )
  return `${asked.said}${inspected ? `对${inspected.name}的` : ''}督查记录共 ${howMany} 条：\n${lines.join('\n')}${howMany > rows.length ? '\n……还有更多，请在管理后台「督查台账」查看。' : ''}`
}

/** 「这个月哪个单位隐患最多」: the hazards found in the period, by the unit responsible, most first. */
export async function describeHazardsByUnit(turn: Turn, asked: PeriodSaid): Promise<string> {
  const { db, clock, timeZone } = turn.ctx
  const now = clock.now()
  const period = periodMeant(asked, now, timeZone)
  const [rows, unitRows] = await Promise.all([
    db
      .select({ unitId: hazards.unitId, n: count() })
      .from(hazards)
      .where(hazardsFoundIn(period))
      .groupBy(hazards.unitId),
    db.select({ id: units.id, name: units.name }).from(units),
  ])
  if (rows.length === 0) return `${asked.said}还没有发现隐患。`
  const name = new Map(unitRows.map((u) => [u.id, u.name]))
  const lines = [...rows]
    .sort((a, b) => b.n - a.n)
    .map((r, i) => `${i + 1}. ${r.unitId === null ? '待分派' : (name.get(r.unitId) ?? '—')} ${r.n} 项`)
  return `${asked.said}发现的隐患（按责任单位）：\n${lines.join('\n')}`
}

/**
 * 「整改率最低的是哪个单位」「各单位整改率」: each patrol unit's rectification rate for the period, as its figures count
 * it (the hazards it found), the lowest first; units that found none last.
 */
export async function describeRatesByUnit(turn: Turn, asked: PeriodSaid): Promise<string> {
  const { db, clock, timeZone } = turn.ctx
  const now = clock.now()
  const period = periodMeant(asked, now, timeZone)
  const soFar = { ...period, endAt: now < period.endAt ? now : period.endAt }
  const patrolUnits = await db
    .select({ id: units.id, name: units.name })
    .from(units)
    .where(and(eq(units.kind, 'patrol'), eq(units.active, true)))
    .orderBy(asc(units.id))
  const each = await Promise.all(
    patrolUnits.map(async (unit) => ({ unit, figures: await periodFigures(db, soFar, unit.id) })),
  )
  const rated = each
    .filter((e) => e.figures.rectificationRate !== null)
    .sort((a, b) => (a.figures.rectificationRate ?? 0) - (b.figures.rectificationRate ?? 0))
  const none = each.filter((e) => e.figures.rectificationRate === null)
  const head = `${asked.said}${asked.previous || asked.lastDays ? '' : '截至目前'}各巡查单位的隐患整改率（低的在前）：`
  const lines = rated.map(
    (e, i) =>
      `${i + 1}. ${e.unit.name} ${formatRate(e.figures.rectificationRate)}（发现 ${e.figures.hazardsFound} 项，已整改销号 ${e.figures.hazardsRectified} 项）`,
  )
  const noneLine = none.length > 0 ? `未发现隐患：${none.map((e) => e.unit.name).join('、')}` : ''
  if (rated.length === 0) return `${asked.said}各巡查单位都还没有发现隐患，没有整改率可比。`
  return [head, ...lines, noneLine].filter(Boolean).join('\n')
}

/**
 * 「谁今天还没巡查」「哪些单位今天巡查了」: each patrol unit's patrols in the period, those with none first.
 * `ranked` (「哪个单位巡查最少」「各单位巡查次数」): every unit with its count, the fewest or the most first.
 */
export async function describePatrolsByUnit(
  turn: Turn,
  asked: PeriodSaid,
  ranked?: 'fewest' | 'most',
): Promise<string> {
  const { db, clock, timeZone } = turn.ctx
  const now = clock.now()
  const period = periodMeant(asked, now, timeZone)
  const [rows, patrolUnits] = await Promise.all([
    db
      .select({ unitId: patrols.unitId, n: count() })
      .from(patrols)
      .where(
        and(gte(patrols.startedAt, period.startAt), lte(patrols.startedAt, period.endAt), isNull(patrols.voidedAt)),
      )
      .groupBy(patrols.unitId),
    db
      .select({ id: units.id, name: units.name })
      .from(units)
      .where(and(eq(units.kind, 'patrol'), eq(units.active, true)))
      .orderBy(asc(units.id)),
  ])
  const counted = new Map(rows.map((r) => [r.unitId, r.n]))
  if (ranked) {
    const timesOf = (u: { id: number }) => counted.get(u.id) ?? 0
    // A stable sort: units with the same count keep the order they are listed in everywhere else.
    const order = [...patrolUnits].sort((a, b) => (ranked === 'fewest' ? 1 : -1) * (timesOf(a) - timesOf(b)))
    const said = asked.previous || asked.lastDays ? asked.said : `${asked.said}截至目前`
    return [
      `${said}各巡查单位的巡查次数（${ranked === 'fewest' ? '少' : '多'}的在前）：`,
      ...order.map((u, i) => `${i + 1}. ${u.name} ${timesOf(u)} 次`),
    ].join('\n')
  }
  const none = patrolUnits.filter((u) => !counted.get(u.id))
  const some = patrolUnits.filter((u) => counted.get(u.id))
  return [
    `${asked.said}各巡查单位的巡查记录：`,
    none.length > 0
      ? `尚无记录（${none.length} 个）：${none.map((u) => u.name).join('、')}`
      : '每个巡查单位都已有记录。',
    ...(some.length > 0 ? [`已有记录：${some.map((u) => `${u.name} ${counted.get(u.id)} 次`).join('、')}`] : []),
  ].join('\n')
}

/**
 * 「人民路今天有人巡查吗」「张伟今天巡查了没有」「我们单位今天谁巡查了」: the period's patrols of that road, by that
 * person, or of that unit.
 */
export async function describePatrolsNamed(
  turn: Turn,
  asked: { period: PeriodSaid; place?: string; name?: string; unit?: { id: number; name: string } },
): Promise<string> {
  const { db, clock, timeZone } = turn.ctx
  const now = clock.now()
  const period = periodMeant(asked.period, now, timeZone)
  const words = asked.place ?? asked.name ?? ''
  const column = asked.place ? patrols.area : patrols.patrollers
  const matching = and(
    gte(patrols.startedAt, period.startAt),
    lte(patrols.startedAt, period.endAt),
    isNull(patrols.voidedAt),
    asked.unit ? eq(patrols.unitId, asked.unit.id) : like(column, containing(words)),
  )
  const [rows, [total]] = await Promise.all([
    db
      .select({
        code: patrols.code,
        area: patrols.area,
        patrollers: patrols.patrollers,
        startedAt: patrols.startedAt,
        endedAt: patrols.endedAt,
      })
      .from(patrols)
      .where(matching)
      .orderBy(asc(patrols.startedAt))
      .limit(5),
    db.select({ n: count() }).from(patrols).where(matching),
  ])
  const what = asked.unit
    ? `${asked.unit.name}的巡查记录`
    : asked.place
      ? `${words}的巡查记录`
      : `${words}参加的巡查记录`
  if (rows.length === 0) return `${asked.period.said}还没有${what}。`
  const howMany = total?.n ?? rows.length
  const lines = rows.map(
    (p) =>
      `· ${p.code} ${formatLocal(p.startedAt, timeZone, now)}${p.endedAt ? `–${formatLocal(p.endedAt, timeZone, now).replace(/^.* /, '')}` : ''} ${p.area}（${p.patrollers}）`,
  )
  return `${asked.period.said}${what}共 ${howMany} 次：\n${lines.join('\n')}${howMany > rows.length ? '\n……还有更多，请在管理后台「巡查台账」查看。' : ''}`
}
