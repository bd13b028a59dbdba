import { and, count, desc, eq, inArray } from 'drizzle-orm'
import { complaints, hazards } from '../db/schema'
import { CATEGORY_LABELS, type Category } from '../domain/categories'
import { COMPLAINT_STATUS_LABELS, OPEN_COMPLAINT_STATUSES } from '../domain/complaint-lifecycle'
import { dangerIn } from '../domain/danger'
import { HAZARD_STATUS_LABELS, OPEN_HAZARD_STATUSES } from '../domain/hazard-lifecycle'
import { maskPersonalInfo } from '../domain/privacy'
import { weighCategories } from './extract/category-evidence'
import { findPlace } from './extract/place'
import { clip } from './format'
import type { Turn } from './types'

/**
 * 「有燃气泄漏的报告吗」「今天有没有塌陷的」: whether a danger of that kind is on the ledger now — asked by those on duty,
 * never a report of one (the words had opened a major hazard report). Answered with the open hazards and complaints
 * whose words describe the same kind of danger.
 */
const ASKS_WHETHER =
  /^(?:今天|今晚|现在|目前|最近|刚才|这两天)?(?:有没有|有无|有)(?:人)?(?:报|反映|投诉|举报)?(?:过)?([^，。,；;？?]{2,12}?)(?:的)?(?:报告|报警|投诉|举报|隐患|险情|情况|事故|事情?|消息)?(?:吗|么|没有?|没)?[？?。]*$/
/**
 * 「最近一周燃气泄漏的投诉有几起」「本月塌陷的隐患有多少」: how many of a danger's kind, counted — asked, never reported
 * (a major hazard form had opened). Answered as whether one is reported: the open records of that kind.
 */
const ASKS_HOW_MANY =
  /^(?:最近一周|最近一个月|最近几天|近一周|近7天|近30天|今天|今晚|昨天|本周|这周|上周|本月|这个月|上个?月|今年|最近|近期|这两天|这几天)?(?:的)?([^，。,；;？?]{2,12}?)(?:的)?(?:报告|报警|投诉|举报|隐患|险情|情况|事故|事情?)(?:一共|总共|共)?(?:有)?(?:几起|几件|几个|几次|几处|多少(?:起|件|个|次|处)?)(?:了)?[？?。]*$/

/** How many open records of each kind are looked through, newest first. */
const LOOKED_AT = 200
const LISTED = 5

/** The words naming the danger asked after, when the message asks whether one is reported; undefined otherwise. */
export function dangerAskedAfter(input: string): string | undefined {
  const counted = ASKS_HOW_MANY.exec(input.trim())?.[1]
  if (counted && dangerIn(counted)) return counted
  const asked = ASKS_WHETHER.exec(input.trim())
  const said = asked?.[1]
  if (!asked || !said) return undefined
  // A question it must be: 「有燃气泄漏」 alone reports one.
  if (!/(?:有没有|有无)|(?:吗|么|没有?|没)[？?。]*$|[？?]$/.test(input)) return undefined
  return dangerIn(said) ? said : undefined
}

export async function describeDangerReported(turn: Turn, said: string): Promise<string> {
  const kind = dangerIn(said)
  const { db } = turn.ctx
  const [openHazards, openComplaints] = await Promise.all([
    db
      .select()
      .from(hazards)
      .where(inArray(hazards.status, [...OPEN_HAZARD_STATUSES]))
      .orderBy(desc(hazards.foundAt), desc(hazards.id))
      .limit(LOOKED_AT),
    db
      .select()
      .from(complaints)
      .where(inArray(complaints.status, [...OPEN_COMPLAINT_STATUSES]))
      .orderBy(desc(complaints.receivedAt), desc(complaints.id))
      .limit(LOOKED_AT),
  ])
  const sameKind = (words: string) => dangerIn(words) === kind
  const hazardRows = openHazards.filter((h) => sameKind(`${h.locationText ?? ''} ${h.description}`))
  const complaintRows = openComplaints.filter((c) => sameKind(c.description))
  if (hazardRows.length === 0 && complaintRows.length === 0)
    return `目前没有与「${said}」相关的未销号隐患或办理中的投诉。`
  const lines = [
    ...(hazardRows.length > 0 ? [`与「${said}」相关的未销号隐患 ${hazardRows.length} 项：`] : []),
    ...hazardRows
      .slice(0, LISTED)
      .map((h) => `· ${h.code} ${clip(maskPersonalInfo(h.description), 20)}（${HAZARD_STATUS_LABELS[h.status]}）`),
    ...(complaintRows.length > 0 ? [`与「${said}」相关的办理中投诉 ${complaintRows.length} 件：`] : []),
    ...complaintRows
      .slice(0, LISTED)
      .map((c) => `· ${c.code} ${clip(maskPersonalInfo(c.description), 20)}（${COMPLAINT_STATUS_LABELS[c.status]}）`),
  ]
  return lines.join('\n')
}

/**
 * 「最近有没有燃气方面的问题」「桥梁那边有什么问题吗」「工地方面有什么隐患」: whether the ledger has open items of one
 * kind — answered with the open records of that category, those asked after (it was not understood). A kind counted
 * (「燃气方面有几个隐患」) is the month's count by kind, which ledger-question reads.
 */
const KIND_ASKED =
  /^(?:今天|现在|目前|最近|这两天|这几天|近期)?(?:有没有|有无|有)?(?:什么|啥|哪些)?([\u4e00-\u9fa5]{2,6}?)(?:方面|类|那边|这块|这一块)(?:的|有)?(?:什么|啥|哪些)?(问题|隐患|投诉|情况)(?:吗|么|没有?|没)?[？?。]*$/
/** 「人民路有几个隐患」「解放路的投诉有多少」: a place's records counted. */
const PLACE_COUNTED =
  /^(?:今天|现在|目前|最近|近期|本月|这个?月)?([\u4e00-\u9fa5]{2,6}?)(?:方面|类|那边|这块|这一块)?(?:的)?(?:(问题|隐患|投诉)(?:还)?(?:有|一共有|共有)?(?:多少|几个|几项|几件|几起|多不多)|(?:还)?有(?:多少|几个|几项|几件|几起)(?:个|项|件|起)?(问题|隐患|投诉))(?:个|项|件|起)?(?:啊|呀|呢|吗)?[？?。]*$/

export interface KindAsked {
  kind: Category
  /** Which records: a count of hazards is not one of complaints. */
  of: 'hazards' | 'complaints' | 'both'
}

export function kindAskedAfter(input: string): KindAsked | undefined {
  const asked = KIND_ASKED.exec(input.trim())
  const said = asked?.[1]
  if (!said || !/(?:有没有|有无|什么|啥|哪些)|(?:吗|么|没有?|没)[？?。]*$|[？?]$/.test(input)) return undefined
  const kind = categoryNamed(said)
  return kind ? { kind, of: recordsSaid(asked?.[2]) } : undefined
}

/** 「…隐患」 asks after hazards, 「…投诉」 complaints, 「…问题」「…情况」 both. */
function recordsSaid(records: string | undefined): KindAsked['of'] {
  return records === '隐患' ? 'hazards' : records === '投诉' ? 'complaints' : 'both'
}

/** A kind as people name it: what its words weigh to (「燃气」「道路」), or a part of its label (「市政设施」「园林」). */
function categoryNamed(said: string): Category | undefined {
  const weighed = weighCategories(said)
  if (weighed && weighed.category !== 'other') return weighed.category
  const labelled = (Object.entries(CATEGORY_LABELS) as [Category, string][]).filter(
    ([category, label]) => category !== 'other' && label.includes(said),
  )
  return labelled.length === 1 ? labelled[0]?.[0] : undefined
}

/** 「人民路有几个隐患」「解放路的投诉有多少」: the records at a place, counted (it was not understood). */
export function placeCountedAfter(input: string): { place: string; of: KindAsked['of'] } | undefined {
  const counted = PLACE_COUNTED.exec(input.trim())
  const said = counted?.[1]
  const place = said ? findPlace(said) : undefined
  return place && place === said ? { place, of: recordsSaid(counted?.[2] ?? counted?.[3]) } : undefined
}

export async function describeKindOpen(turn: Turn, { kind, of }: KindAsked): Promise<string> {
  const { db } = turn.ctx
  const hazardsOpen = and(eq(hazards.category, kind), inArray(hazards.status, [...OPEN_HAZARD_STATUSES]))
  const complaintsOpen = and(eq(complaints.category, kind), inArray(complaints.status, [...OPEN_COMPLAINT_STATUSES]))
  const [hazardRows, complaintRows, [hazardTotal], [complaintTotal]] = await Promise.all([
    of === 'complaints'
      ? []
      : db.select().from(hazards).where(hazardsOpen).orderBy(desc(hazards.foundAt), desc(hazards.id)).limit(LISTED),
    of === 'hazards'
      ? []
      : db
          .select()
          .from(complaints)
          .where(complaintsOpen)
          .orderBy(desc(complaints.receivedAt), desc(complaints.id))
          .limit(LISTED),
    of === 'complaints' ? [{ n: 0 }] : db.select({ n: count() }).from(hazards).where(hazardsOpen),
    of === 'hazards' ? [{ n: 0 }] : db.select({ n: count() }).from(complaints).where(complaintsOpen),
  ])
  const label = CATEGORY_LABELS[kind]
  const hazardCount = hazardTotal?.n ?? 0
  const complaintCount = complaintTotal?.n ?? 0
  if (hazardCount === 0 && complaintCount === 0) {
    const none = of === 'hazards' ? '未销号隐患' : of === 'complaints' ? '办理中的投诉' : '未销号隐患或办理中的投诉'
    return `目前没有「${label}」类的${none}。`
  }
  const more = (n: number) => (n > LISTED ? ['……其余请在管理后台台账页按类别查看。'] : [])
  return [
    ...(hazardCount > 0 ? [`「${label}」类未销号隐患 ${hazardCount} 项：`] : []),
    ...hazardRows.map(
      (h) => `· ${h.code} ${clip(maskPersonalInfo(h.description), 20)}（${HAZARD_STATUS_LABELS[h.status]}）`,
    ),
    ...more(hazardCount),
    ...(complaintCount > 0 ? [`「${label}」类办理中投诉 ${complaintCount} 件：`] : []),
    ...complaintRows.map(
      (c) => `· ${c.code} ${clip(maskPersonalInfo(c.description), 20)}（${COMPLAINT_STATUS_LABELS[c.status]}）`,
    ),
    ...more(complaintCount),
  ].join('\n')
}
