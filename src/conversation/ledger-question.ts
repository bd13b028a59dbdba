import { parseChineseNumber } from '../domain/chinese-numbers'
import { namesDefect } from './extract/hazard-statements'
import { findPlace } from './extract/place'
import { WATCHED_THING } from './extract/watched-things'
import {
  asksHowItGoes,
  asksRecordsOfPeriod,
  asksWhatWaits,
  asksWhereItIs,
  isQuestion,
  RECORDS_NAMED_ALONE,
  RECORDS_SENT_ME,
  SAMPLE_ASKED,
  SHOW_ME,
  withoutLedgerWords,
} from './intent'
import { DANGER_NAMED } from './named-records'
import { type PeriodSaid, periodSaidIn, THIS_MONTH, TODAY } from './period-said'
import { ASKS_RULES, ranksRecords, type ScoresAsked, scoresSaidIn } from './scores-question'
import { summaryAskedIn } from './summary-asked'

/**
 * A question about the ledger as people word it, read by what it mentions rather than by one sentence shape:
 * 「本月隐患整改率多少」「重大隐患现在还有几个没销号」「这个月哪个单位隐患最多」「今天的整改任务有哪些」. Used only
 * after the precise readers (figures, open items, majors, scores, to-do) and the forms found nothing, so a
 * report is never taken for a question: anything that names what is wrong (井盖坏了) is left alone.
 */
export type LedgerQuestion =
  | { kind: 'todo'; mostUrgent?: boolean }
  | ({ kind: 'scores' } & ScoresAsked)
  | ({ kind: 'missedPatrols' } & ScoresAsked)
  | { kind: 'majors' }
  | { kind: 'majorsInPeriod'; period: PeriodSaid }
  | { kind: 'open' }
  | { kind: 'hazardsByUnit'; period: PeriodSaid }
  | { kind: 'ratesByUnit'; period: PeriodSaid }
  | { kind: 'lateByUnit' }
  | { kind: 'byCategory'; of: 'complaints' | 'hazards'; period: PeriodSaid }
  | { kind: 'figures'; period: PeriodSaid }
  | { kind: 'patrolsByUnit'; period: PeriodSaid; ranked?: 'fewest' | 'most' }
  | { kind: 'dueSoon'; about?: 'hazards' | 'complaints' }
  | { kind: 'supervisions'; period: PeriodSaid }
  | { kind: 'satisfaction'; period: PeriodSaid }
  | { kind: 'patrolsNamed'; period: PeriodSaid; place?: string; name?: string }
  | { kind: 'patrolsOfUnit'; period: PeriodSaid }
  | { kind: 'hazardsNamed'; place?: string; thing?: string }
  | { kind: 'complaintsNamed'; place?: string; thing?: string }
  | { kind: 'listed'; of: 'complaints' | 'hazards'; period: PeriodSaid; latest?: number }
  | { kind: 'dangers'; period: PeriodSaid }
  | { kind: 'byPlace'; of: 'complaints' | 'hazards'; period: PeriodSaid }

/** Asking how many or how it stands, without a question mark (「本月整改率」「各单位隐患数量」). */
const ASKS_AMOUNT =
  /多少|多不多|原因$|几[个次条处项件起]|几分(?!钟)|[率数]$|数量|情况$|进度$|进展$|统计|排名|排行|最多|最少|列表|清单|明细|详情|集中/
/** Patrols counted and compared among units: 「巡查最少」「巡查次数」「巡得最多」. */
const PATROLS_RANKED = /最少|最多|最低|最勤|垫底|倒数|排名|排行|次数|几次|多少次|频次/

/** Asking how something stands: 「处理得怎么样了」「整改了吗」「修好了没」. */
const ASKS_PROGRESS =
  /怎么样|如何|进展|进度|情况|处理了|整改了|修好了|修了|好了没|完成了|办了|到哪一步|什么状态|期限|截止|到期|哪天|几号|(?:什么时候|多久)(?:能|要|会|可以|得)?(?:办|修|处理|整改|完成|弄|解决)/
/**
 * 「这个投诉什么时候要办完」「市政那个投诉多久要办完」「我们还有几天时间」: by when what is in hand must be done, asked
 * without a place or thing to name it (each was not understood).
 */
const DEADLINE_ASKED =
  /(?:什么时候|哪天|几号|多久|多长时间)(?:之内|以内|内)?(?:要|得|能|必须|需要)(?:办|修|处理|整改|完成|弄|解决|答复|回复)(?:完|好|结)?|还有(?:几|多少)天(?:时间)?|期限(?:是)?(?:多久|多长|哪天|什么时候|几号)/

/** 「哪条路」「哪个区域」「哪个小区」: where, asked of the records. */
const WHICH_PLACE =
  /哪条路|哪条街|哪个路段|哪些路段|哪段路|哪个地方|哪些地方|哪个区域|哪片|哪一片|哪个片区|哪个小区|哪个街道|哪里|哪儿/

/** The dangers reported, as staff speak of them. */
const DANGERS_ASKED = /险情|警情|紧急情况/
/** … asked to be listed or counted. */
const DANGERS_LISTED = /哪些|几[件个起处]|多少|列|看看|看一下|都处理|处理了/

/** 「新的投诉」「新来的投诉」「刚收到的隐患」: the latest received. */
const NEW_ONES = /(?:新的|新来的|新收到的?|刚来的|刚收到的?|新)(?:投诉|隐患)/
/** 「有市民打电话投诉吗」「今天有人投诉没有」: whether complaints came in — they are listed. */
const ANY_COMPLAINED =
  /有(?:没有)?(?:市民|群众|居民|老百姓|人)(?:打电话|来电|打热线|打12345)?(?:来)?(?:投诉|反映|举报)(?:过)?(?:吗|么|没有?)?[？?。]*$/

/**
 * 「质安处最近怎么样」「市公用局近期工作如何」: a unit, by its full name, and how it is doing. (「燃气办的情况」「市政公司
 * 最近的工作情况」 too, with no 怎么样 after: it was not understood.)
 */
const UNIT_HOW =
  /^(?:请问)?[\u4e00-\u9fa5]{1,10}(?:处|办|局|公司|科|站|所|中心)(?:的)?(?:最近|近期|这段时间|目前|现在)?(?:的)?(?:(?:工作|情况|表现)?(?:怎么样|咋样|如何)了?|(?:工作)?情况(?:呢|啊)?)[？?。]*$/

/** 「明天到期的投诉」「快到期的隐患」: the due named, alone — asked to be shown, as a question would be. */
const DUE_NAMED_ALONE =
  /^(?:今天|今日|明天|这两天|这几天|本周|这周|快要?|即将|马上)?(?:就|要|快)?(?:到期|超期|逾期)的(?:投诉|隐患|事项|工单|任务)?[？?。]*$/

/** A kind of problem named before 隐患 or 投诉 (「市政设施的隐患」「燃气类投诉」), not a unit (「燃气办的隐患」). */
const KIND_COUNTED =
  /(?:建筑工地|工地|桥梁|燃气|市政设施|市政|道路|占道挖掘|占道|园林绿化|园林|绿化|危房|物业小区|物业|供水管网|供水|消防栓)(?:设施|类|方面)?(?:的)?(?:(?:还)?有(?:多少|几个|几项|几件|几起)(?:个|项|件|起)?)?(?:隐患|投诉)/

/** 「有几次没巡查」「哪几天没巡查」「漏巡了几天」「几天没报巡查」. */
const MISSED_PATROLS =
  /(?:几次|几天|哪几天|哪些天|哪天|多少次|多少天)(?:都)?(?:没(?:有)?|未)(?:巡查|巡|报巡查|填巡查|报|填)|(?:漏巡|缺巡|漏报|漏填)(?:了)?(?:几|多少|哪)|(?:还)?(?:差|缺|少)(?:了)?(?:几次|几天|多少次|多少天)(?:的)?(?:巡查|巡)/
/** 「最急的是哪个」「哪个最紧急」「先处理哪个」: what is most urgent. */
const MOST_URGENT = /最急|最紧急|最要紧|最着急|最紧迫|先(?:处理|办|弄|做|搞)哪/

/** 「我有哪些投诉」「我手上有几个投诉」「我这还剩几件」: what the person has in hand, the to-do. */
const MINE_IN_HAND =
  /^(?:我|我们)(?:这边?|这里|手上|手里|手头|现在|目前|还)*(?:有|剩|剩下)(?:哪些|几个|几件|几项|多少|什么|啥)(?:个|件|项)?(?:投诉|隐患|工单|事情?|活)/

/** 「市政公司上报了几个隐患」「燃气办发现多少隐患」: a unit's count, what it reported in a period. */
const UNIT_COUNTED =
  /(?:处|办|局|公司|科)(?:的|那边|这边)?(?:(?:上报|报|发现|新增|交办)了?)?(?:几|多少)?(?:个|项|件|条|处)?(?:隐患|投诉)/
const UNIT_REPORTED = /(?:处|办|局|公司|科)(?:的|那边|这边)?(?:上报|报|发现|新增)了?/

/** A unit said by its name's ending (质安处, 燃气办, 房管局, 市政建设总公司, 安监科). */
const UNIT_NAMED = /[\u4e00-\u9fa5]{1,8}(?:处|办|局|公司|科)(?!长)/

/** 「最新的三条」「最近5件」: the latest so many. */
const LATEST_SO_MANY = /(?:最新|最近)(?:的)?([0-9]{1,2}|[一二两三四五六七八九十]{1,3})(?:条|件|个|项)/
/** No period: the latest, whenever they came. */
const ANY_TIME: PeriodSaid = { kind: 'year', previous: false, said: '', lastDays: 3660 }

/** 「投诉满意度」「本月整改率」: a rate named alone asks for it, as a question would. */
const BARE_RATE =
  /^(?:(?:今天|本周|这周|上周|本月|这个月|上个?月|本季度?|今年)(?:的)?)?(?:全市|全局)?(?:的)?(?:投诉|隐患)?(?:的)?(?:按时)?(?:满意度|满意率|及时率|办结率|整改率|销号率|答复率)(?:是)?(?:多少|怎么样|如何)?[？?。]*$/

/** 「我们单位」「本单位」: the person's own unit. */
export const OWN_UNIT = /(?:我们|咱们|本|我)单位|我们科|我们处/

/** A complaint spoken of (「…那个投诉」「市民反映的…」), not a hazard. */
const ABOUT_COMPLAINTS = /投诉|市民反映|群众反映|工单|举报/
/** What a complaint was about, said in a word (「燃气那个投诉」「噪音的投诉」). */
const COMPLAINT_TOPIC = /燃气|煤气|天然气|噪音|扰民|漏水|积水|塌陷|裂缝|扬尘|渣土|违建|危房|坑/

/**
 * 「给我讲讲最近一周的安全形势」「说说本月情况」: told to tell, which asks as a question does. (「我说一下今天巡查的情况…」
 * is a report: the person speaks, nobody is asked to.)
 */
const TELL_ME =
  /(?:给我|跟我|向我|帮我)(?:讲讲|说说|讲一下|说一下|介绍一下|汇报一下|总结一下)|^(?:请|麻烦)?(?:讲讲|说说|介绍一下|汇报一下|总结一下)/

/** 「质安处的巡查记录」「市政的巡查台账」: whose records, named before them — not a period (「今天的」), nor 「我的」. */
function whoseRecords(input: string): boolean {
  // (「本周抽查一下市政公司的巡查记录」: the unit is what comes after the period and the asking.)
  const whose = /([\u4e00-\u9fa5]{2,10}?)的?巡查(?:记录|台账)/
    .exec(input.replace(/^(?:请|麻烦|帮我)?(?:把|将)?/, ''))?.[1]
    ?.replace(/^.*(?:一下|看看|查查|调阅|抽看|抽查|查看)/, '')
    .replace(
      /^(?:今天|昨天|本周|这周|本月|上周|这个月|上个?月|最近)(?:的)?|(?:今天|昨天|本周|这周|本月|上周|这个月|上个?月|最近)(?:的)?$/g,
      '',
    )
  return (
    whose !== undefined &&
    [...whose].length >= 2 &&
    !periodSaidIn(whose) &&
    !/^(?:我|我的|我们的|各|各个|每个|所有|全部|哪些|哪个)$|今天|昨天|本周|这周|本月|上周|这个月|上个?月|最近/.test(
      whose,
    )
  )
}

export function ledgerQuestionIn(input: string): LedgerQuestion | undefined {
  // 「我们单位这个月有几次没巡查」「市政哪几天没巡查」: the working days without a patrol, from the assessment.
  if (MISSED_PATROLS.test(input) && !namesDefect(input)) return { kind: 'missedPatrols', ...scoresSaidIn(input) }
  if ([...input].length > 40 || /(?:TS|YH|XC|DC)\s*\d{8}/i.test(input)) return undefined
  if (asksWhatWaits(input)) return { kind: 'todo' }
  // 「本周隐患情况」「这个月隐患多不多」: a period's state, worded with nothing else in it.
  const summary = summaryAskedIn(input)
  if (summary) return { kind: 'figures', period: summary }
  const showMe =
    SHOW_ME.test(input) ||
    RECORDS_SENT_ME.test(input) ||
    NEW_ONES.test(input) ||
    ANY_COMPLAINED.test(input) ||
    asksRecordsOfPeriod(input) ||
    SAMPLE_ASKED.test(input) ||
    (RECORDS_NAMED_ALONE.test(input) && whoseRecords(input))
  if (
    !isQuestion(input) &&
    !BARE_RATE.test(input) &&
    !ASKS_AMOUNT.test(input) &&
    !/谁|有没有|有无|[出有]过/.test(input) &&
    !showMe &&
    !TELL_ME.test(input) &&
    !DUE_NAMED_ALONE.test(input)
  )
    return undefined
  // 「人民路燃气泄漏的情况怎么样了」: a known thing's progress, asked — though it names what is wrong.
  const placeAsked = findPlace(input)
  // 「今天的险情处理得怎么样了」「这周的险情都处理了吗」: the period's dangers, each with where it stands (the period's
  // counts had answered it).
  if (
    DANGERS_ASKED.test(input) &&
    !placeAsked &&
    (asksHowItGoes(input) || ASKS_PROGRESS.test(input) || DANGERS_LISTED.test(input))
  )
    return { kind: 'dangers', period: periodSaidIn(input) ?? TODAY }
  // (「那个塌陷怎么样了」: a danger named as a thing would be — it was not understood.)
  const thingAsked = WATCHED_THING.exec(input)?.[0] ?? (placeAsked ? undefined : DANGER_NAMED.exec(input)?.[0])
  // 「燃气那个投诉处理了没」: a complaint's progress, asked by its place, thing or what it was about.
  // (「井盖那个投诉市民满意吗」: how the citizen took it — the same list, which says so.)
  if (
    ABOUT_COMPLAINTS.test(input) &&
    (asksHowItGoes(input) || ASKS_PROGRESS.test(input) || /满意|评价|回访/.test(input))
  ) {
    const topic = thingAsked ?? COMPLAINT_TOPIC.exec(input)?.[0]
    if (placeAsked || topic) return { kind: 'complaintsNamed', place: placeAsked, thing: topic }
  }
  // 「哪儿的井盖坏了」「哪些地方路灯不亮」: where that thing is wrong, asked — its hazards (it had opened a report).
  if (thingAsked && !placeAsked && asksWhereItIs(input)) return { kind: 'hazardsNamed', thing: thingAsked }
  if ((placeAsked || thingAsked) && asksHowItGoes(input))
    return { kind: 'hazardsNamed', place: placeAsked, thing: thingAsked }
  // 「那个燃气的现在怎么样了」: what it was about, pointed at — its hazards, else its complaints (not understood).
  const topicPointed = /那个|这个|那起|这起/.test(input) ? COMPLAINT_TOPIC.exec(input)?.[0] : undefined
  if (topicPointed && asksHowItGoes(input)) return { kind: 'hazardsNamed', thing: topicPointed }
  if (namesDefect(withoutLedgerWords(input))) return undefined
  // 「最急的是哪个」「先办哪个」: the to-do, the nearest deadline first.
  if (MOST_URGENT.test(input)) return { kind: 'todo', mostUrgent: true }
  // 「有什么重大隐患需要我关注」: the majors open, which 需要我 had made the to-do.
  // (「这周重大隐患的整改进度」 too: the majors with where each stands — the week's figures had answered.)
  if (/重大(?:隐患|风险)/.test(input) && /关注|注意|盯|整改进度|整改进展|整改情况|处置情况|处置进展/.test(input))
    return { kind: 'majors' }
  if (
    MINE_IN_HAND.test(input) ||
    /任务|待办|单子|工单|要我(?!看|瞧|查)|让我(?!看|瞧|查)|需要我|等我|我.{0,6}(?:要|得|需要|待)(?:处理|办|做|整改|签收|验收)|^(?:我们|咱们|我们单位|本单位)(?:今天|现在|目前|还)?(?:有)?(?:几个|几项|多少|哪些)(?:隐患|投诉)?(?:要|得|需要|待)(?:处理|整改|签收|验收|办)|(?:要|待|需要)(?:交办|签收|验收|接报)|(?:没|未|还没|尚未|待|要|需要)(?:派单|分派|派发)/.test(
      input,
    )
  )
    return { kind: 'todo' }
  // 「人民路那个井盖的隐患处理得怎么样了」: the hazards the place or the thing names, each with where it stands.
  const place = findPlace(input)
  const thing = WATCHED_THING.exec(input)?.[0]
  if ((place || thing) && ASKS_PROGRESS.test(input)) return { kind: 'hazardsNamed', place, thing }
  if (DEADLINE_ASKED.test(input))
    return {
      kind: 'dueSoon',
      about: /投诉|工单/.test(input) ? 'complaints' : /隐患|整改/.test(input) ? 'hazards' : undefined,
    }
  // 「哪些隐患快到期了」: what is due in the next days.
  // (「今天要到期的有哪些」「明天到期的」 too.)
  if (
    /(?:快|快要|即将|马上|就要)(?:到期|超期|超时|逾期|过期|到期限)|临期|(?:今天|今日|明天|这两天|这几天|本周|这周)(?:就|就要|要|快)?到期/.test(
      input,
    )
  )
    return {
      kind: 'dueSoon',
      about: /投诉|工单|超时/.test(input) ? 'complaints' : /隐患|整改/.test(input) ? 'hazards' : undefined,
    }
  // 「整改率最低的是哪个单位」「各单位整改率排名」: each unit's rate for the month (or the period named) — it had been
  // the city's figures.
  if (
    /整改率|销号率/.test(input) &&
    /最低|最高|最差|最好|哪个单位|哪些单位|哪家|各(?:个)?单位|排名|排行|倒数/.test(input) &&
    !OWN_UNIT.test(input)
  )
    return { kind: 'ratesByUnit', period: periodSaidIn(input) ?? THIS_MONTH }
  // 「哪条路隐患最多」「投诉最多的是哪个区域」: the period's (this month's) by road or place, the most first.
  if (/投诉|隐患|问题/.test(input) && WHICH_PLACE.test(input) && /最多|最集中|多的|排/.test(input))
    return {
      kind: 'byPlace',
      of: /投诉|市民|群众|举报/.test(input) ? 'complaints' : 'hazards',
      period: periodSaidIn(input) ?? THIS_MONTH,
    }
  // 「投诉最多的是什么问题」「哪类隐患最多」: the period's (this month's) by kind, the most first (it was not understood).
  if (
    /(?:投诉|隐患|问题)/.test(input) &&
    /最多|最少|最集中|哪类|哪种|什么类型|什么问题/.test(input) &&
    /最|哪/.test(input) &&
    !/单位|谁/.test(input)
  )
    return {
      kind: 'byCategory',
      of: /投诉|市民|群众/.test(input) ? 'complaints' : 'hazards',
      period: periodSaidIn(input) ?? THIS_MONTH,
    }
  // 「有没有市民不满意的」「不满意的投诉有哪些」: the call-backs of the period's complaints (it was not understood).
  if (/不满意/.test(input) && !/^(?:我|我们)/.test(input))
    return { kind: 'satisfaction', period: periodSaidIn(input) ?? THIS_MONTH }
  // 「哪个单位整改最慢」「哪家超期最多」: the units by what is late now, the most first.
  // (「超期的单位有哪些」 too; they had been answered with the city's totals, naming no unit.)
  if (
    /(?:哪个|哪些|哪家|哪几个)(?:单位)?.{0,6}(?:最慢|最拖|拖得最久|拖最久|超期最多|逾期最多|最多超期)|(?:超期|逾期|超时)(?:的|事项的?)?单位/.test(
      input,
    )
  )
    return { kind: 'lateByUnit' }
  // (「我们单位排第几」: where the unit stands — it was not understood.)
  if (
    /考核|得分|分数|扣分|扣了(?:几|多少|这么多|那么多)?分|(?:几|多少)分(?!钟)|排名|排行|最差|最好|垫底|倒数|排(?:在)?第几|第几名|排多少名/.test(
      input,
    ) &&
    !ASKS_RULES.test(input) &&
    !ranksRecords(input)
  )
    return { kind: 'scores', ...scoresSaidIn(input) }
  // 「上周新增了几个重大隐患」 counts a period's new ones: the figures; otherwise the majors open now.
  // 「上午巡查了几次」: a part of the day is today.
  const period = periodSaidIn(input) ?? (/上午|下午|早上|今早|中午|晚上/.test(input) ? TODAY : undefined)
  if (period && /新增|新发现|发现|报了|上报/.test(input) && !/没|未|还/.test(input)) return { kind: 'figures', period }
  // 「这个月重大隐患销号了几个 还剩几个」: the period's majors found and closed, and those open now (it had been
  // answered with the open ones alone).
  if (
    period &&
    /重大(?:隐患|风险)/.test(input) &&
    /销号|整改完|处理完/.test(input) &&
    /还剩|剩下|剩余|还有(?:几|多少)|没(?:有)?销号|未销号/.test(input) &&
    !/五落实|交办/.test(input)
  )
    return { kind: 'majorsInPeriod', period }
  // 「上周重大隐患有几个，销号了几个」: a period named with the majors counts them in it, found and closed.
  // (「今天有几个重大隐患需要五落实」 asks after the open ones, answered below.)
  if (
    period &&
    /重大(?:隐患|风险)/.test(input) &&
    /几|多少|销号/.test(input) &&
    !/需要|待|还|没|未|五落实|交办/.test(input)
  )
    return { kind: 'figures', period }
  if (/重大(?:隐患|风险)/.test(input)) return { kind: 'majors' }
  // 「哪个单位超期最多」「各单位超期情况」: what is late now, unit by unit.
  if (
    /超期|逾期|超时/.test(input) &&
    /(?:哪个|哪些|哪家|各个?|每个)单位|按单位|单位(?:排名|排行)|最多|最少/.test(input)
  )
    return { kind: 'lateByUnit' }
  if (
    /超期|逾期|超时|过期|(?:没|未|还没|尚未|待|没有)(?:整改|销号|处理|办结|办完|完成|验收|签收|修|办|回复|答复)/.test(
      input,
    )
  )
    return { kind: 'open' }
  // 「看一下市政的整改情况」「燃气办的隐患整改得怎么样了」: what is open and late now, the unit's when one is named.
  if (!period && /整改(?:的|得)?(?:情况|怎么样|咋样|如何|进度|进展)/.test(input)) return { kind: 'open' }
  // 「投诉的满意度怎么样」「本月回访满意率多少」: the call-backs of the period's complaints.
  if (/满意度|满意率|满意情况|回访/.test(input)) return { kind: 'satisfaction', period: period ?? THIS_MONTH }
  // 「本月还有哪些单位没督查」「还要督查哪些单位」: the inspections still owed, which the to-do list counts per unit.
  if (/(?:没|未|还没|尚未|要|该|需要|应该)督查|督查.{0,4}(?:还差|没完成|未完成)/.test(input)) return { kind: 'todo' }
  // 「今天督查了哪些单位」「本月督查了几次」: the supervision records of the period (today unless another is named).
  // (「质安处这个月督查过没有」: that unit's — it was not understood.)
  if (/督查/.test(input) && /哪些|哪几|哪个|几次|几个|几家|多少|情况|[了过]吗|[了过]没|谁/.test(input))
    return { kind: 'supervisions', period: period ?? TODAY }
  // 「我们单位今天谁巡查了」「市政今天谁巡查了」「质安处的巡查记录我看一下」: who of a unit patrolled, record by record
  // (the first had been the unit's figures, the last not understood).
  if (
    /巡查|巡逻|巡视|巡了/.test(input) &&
    (/谁/.test(input) ||
      (/巡查(?:记录|台账)/.test(input) &&
        (/看|查|发|列/.test(input.replaceAll('巡查', '')) || RECORDS_NAMED_ALONE.test(input)) &&
        !/哪些|哪个|哪家|各(?:个)?单位/.test(input) &&
        whoseRecords(input)))
  )
    return { kind: 'patrolsOfUnit', period: period ?? TODAY }
  // 「我们单位今天巡了没有」: the person's own unit's figures for the day (or the period named).
  if (OWN_UNIT.test(input) && /巡/.test(input)) return { kind: 'figures', period: period ?? TODAY }
  // 「人民路今天有人巡查吗」「张伟今天巡查了没有」: the patrols of that road or that person in the period (today).
  const patrolledBy =
    /^([\u4e00-\u9fa5]{2,3}?)(?:今天|昨天|本周|这周|这个月|本月)?(?:有没有|有没)?(?:去)?(?:巡查|巡逻|巡视)/.exec(
      input,
    )?.[1]
  const patrolPlace = /巡查|巡逻|巡视/.test(input) ? findPlace(input) : undefined
  // 「张伟这个月巡查了几次」 counts that person's patrols; 「上午巡查了几次」 names no one.
  const aPerson =
    patrolledBy !== undefined &&
    !periodSaidIn(patrolledBy) &&
    !/^(?:上个?|下个?|前|今|昨|明|后|去|本|这|那|我|咱|谁|哪|各|全|有|没|都|已|共|总|一|每|平|白|早|中|晚|夜|近|最)|的/.test(
      patrolledBy,
    ) &&
    !/单位|部门|公司|科|处|局|办|组|队/.test(patrolledBy)
  if (patrolPlace || aPerson)
    return {
      kind: 'patrolsNamed',
      period: period ?? TODAY,
      ...(patrolPlace ? { place: patrolPlace } : { name: patrolledBy }),
    }
  // 「今天巡查了吗」 from those who file none: who has patrolled today (or in the period named).
  if (/^(?:今天|今日|昨天|本周|这周)?(?:都)?(?:巡查|巡)(?:了|过)(?:吗|没有?|没)[？?。]*$/.test(input))
    return { kind: 'patrolsByUnit', period: period ?? TODAY }
  // 「质安处这周巡查了吗」「燃气办今天巡查了没有」: whether a unit patrolled in the period — its figures for it (it
  // was not understood).
  if (/巡查|巡逻|巡视|巡了/.test(input) && /了吗|了没|没有[？?。]*$|有没有/.test(input) && UNIT_NAMED.test(input))
    return { kind: 'figures', period: period ?? TODAY }
  // 「下周要注意什么」「最近需要关注哪些」: what is open and late now (it was not understood).
  if (
    /(?:要|需要|应该|该|得)(?:注意|关注|重点关注|盯)(?:些)?(?:什么|哪些|啥)|有(?:什么|哪些|啥)(?:要|需要|值得)(?:注意|关注)/.test(
      input,
    )
  )
    return { kind: 'open' }
  // 「今天的巡查记录给我看看」「把本周的巡查台账发我」: the period's patrols, unit by unit (it had started a patrol form).
  if (showMe && /巡查(?:记录|台账|情况)/.test(input)) return { kind: 'patrolsByUnit', period: period ?? TODAY }
  // 「谁今天还没巡查」「哪些单位今天巡查了」: who has patrolled (today, unless another period is named).
  // 「哪个单位巡查最少」「各单位巡查次数」 count and compare: the month's, ranked (today's had answered, none first).
  // (「有没有单位今天没巡查」 too: it had been told that no patrol needs no record.)
  if (
    /谁|(?:哪个|哪些|哪家|各)(?:单位)?|(?:有没有|有无)(?:哪个|哪些)?单位/.test(input) &&
    /巡查|巡逻|巡视/.test(input) &&
    !/隐患/.test(input)
  ) {
    const ranked = PATROLS_RANKED.exec(input)?.[0]
    if (!ranked) return { kind: 'patrolsByUnit', period: period ?? TODAY }
    return {
      kind: 'patrolsByUnit',
      period: period ?? THIS_MONTH,
      ranked: /最少|最低|垫底|倒数/.test(ranked) ? 'fewest' : 'most',
    }
  }
  // 「最近一周投诉最多的是哪类问题」「本月隐患按类别统计」: the period's complaints or hazards by kind.
  // 「燃气办的隐患有几个」: a unit's, open now — or found in the period named (「本月质安处的隐患有几个」).
  // (「市政公司上报了几个隐患」, with no period: what it reported this month, as the figures count it.)
  // (「市政那边的隐患多吗」 asks the same: it was not understood.)
  if (
    (UNIT_COUNTED.test(input) || OWN_UNIT.test(input)) &&
    /隐患|投诉/.test(input) &&
    /多少|几|多吗|多不多/.test(input)
  )
    // (「燃气办的隐患整改率是多少」 asks a rate, which the figures give: it had been answered with what is open.)
    return period || /率/.test(input)
      ? { kind: 'figures', period: period ?? THIS_MONTH }
      : UNIT_REPORTED.test(input)
        ? { kind: 'figures', period: THIS_MONTH }
        : { kind: 'open' }
  // 「市政设施的隐患有多少」「燃气类投诉有几件」: one kind's count, among the others.
  // (「最近一周燃气方面的隐患多吗」「市政设施有几个隐患」「桥梁的隐患多不多」 count them too; they were not understood,
  // or opened a hazard form.)
  const oneKind = KIND_COUNTED.test(input) && /多少|几|多吗|多不多/.test(input)
  if (
    oneKind ||
    (/哪类|哪一类|哪种|哪方面|什么类|类别|分类|什么问题最多|哪些问题最多|(?:比较|最|特别)?(?:集中|突出)/.test(input) &&
      /投诉|隐患|问题/.test(input))
  )
    return {
      kind: 'byCategory',
      of: /投诉|反映|举报/.test(input) ? 'complaints' : 'hazards',
      period: period ?? THIS_MONTH,
    }
  if (/(?:哪个|哪些|哪家|各)单位/.test(input) && /隐患|问题/.test(input))
    return { kind: 'hazardsByUnit', period: period ?? THIS_MONTH }
  // 「让我看一下今天的投诉」「有没有新的投诉」: the records themselves, newest first. Complaints are handled within
  // the day, hazards over weeks: unless a period is named, today's complaints and this month's hazards.
  // 「给我看看最新的三条投诉」: the latest so many, whenever they came.
  const latest = LATEST_SO_MANY.exec(input)?.[1]
  // 「帮我查下人民路工地以前有没有隐患」「朗州路出过投诉没有」: a place's records, whenever they came (the month's of
  // the asker's unit had answered).
  if (
    placeAsked &&
    /投诉|隐患/.test(input) &&
    (showMe || /有没有|有无|有过|出过|以前|之前|历史/.test(input)) &&
    !period &&
    !/多少|几|率|统计|汇总|数量/.test(input)
  )
    return /投诉|反映|举报/.test(input) && !/隐患/.test(input)
      ? { kind: 'complaintsNamed', place: placeAsked }
      : { kind: 'hazardsNamed', place: placeAsked }
  if (showMe && /投诉|隐患/.test(input) && !/多少|几|率|统计|汇总|数量/.test(input)) {
    const of = /投诉|反映|举报/.test(input) ? 'complaints' : 'hazards'
    const count = latest && !period ? parseChineseNumber(latest) : undefined
    if (count !== undefined && count > 0) return { kind: 'listed', of, period: ANY_TIME, latest: Math.min(count, 20) }
    return of === 'complaints'
      ? { kind: 'listed', of, period: period ?? TODAY }
      : { kind: 'listed', of, period: period ?? THIS_MONTH }
  }
  // 「昨天的投诉都处理完了吗」「本周的隐患都整改了吗」: the period's records, each with where it stands (not understood).
  if (
    period &&
    /投诉|隐患/.test(input) &&
    /(?:处理|办结|办理|答复|回复|整改|销号|解决)(?:完|好)?(?:了)?(?:吗|没有?|么)[？?。]*$/.test(input)
  )
    return { kind: 'listed', of: /投诉|反映|举报/.test(input) ? 'complaints' : 'hazards', period }
  // 「质安处最近怎么样」: how a unit has been doing — its figures for the month so far.
  if (UNIT_HOW.test(input)) return { kind: 'figures', period: period ?? THIS_MONTH }
  // 「帮我看一下质安处这个月的情况」: how a period went, the city's or the unit named.
  // (「给我讲讲最近一周的安全形势」 too: it was not understood.)
  if (period && /情况|怎么样|如何|咋样|形势|态势|概况/.test(input) && !/值班|天气/.test(input))
    return { kind: 'figures', period }
  // A figure is asked for: how many, what rate, how it went (「今天不用巡查吗」 asks no figure).
  if (
    // (「这周巡了几次」: 巡了 is 巡查 said short.)
    // (「按时答复率是多少」: the complaints' rate, named without 投诉 — it was not understood.)
    /整改率|销号率|答复率|及时率|办结率|隐患|巡查|巡[了过视逻检]|投诉|销号|整改|人次|车次|台次|出动/.test(input) &&
    (period || /率|全市|一共|总共|总体|整体/.test(input)) &&
    /多少|几|率|怎么样|如何|咋样|情况|数据|统计|汇总|数量/.test(input)
  )
    return { kind: 'figures', period: period ?? THIS_MONTH }
  return undefined
}
