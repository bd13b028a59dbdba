/**
 * What a message without a command word is about, the way field staff actually type: 「巡了一圈」, a typo of 巡查
 * (巡察、寻查、巡差), a bare list of defects after a place. Only used when no command matched and no form is
 * open; the form that starts still shows its summary before anything is saved.
 */
import { namesAThing, namesDefect, saysNothingFound } from './extract/hazard-statements'
import { findPlace } from './extract/place'
import { WATCHED_THING } from './extract/watched-things'
import { summaryAskedIn } from './summary-asked'

export type Intent = 'patrol' | 'hazard'

/** 巡查 and the ways it is mistyped or said: 巡察/寻查/巡差/巡检/巡视/巡逻, 巡了一圈, 开始巡的, 巡完, 从8点巡到10点. */
const PATROL =
  /巡[查察差检视逻了完过到]|开始巡|巡的|寻查|转了一圈|走了一圈|夜查|排查|(?:检查|查)了?[0-9一二两三四五六七八九十]+\s*[家个处座栋]|(?:在|到|去)[^，,。；;]{2,12}?检查(?:了|时|中)?[，,：:\s]*发现/
/** A patrol report has a time or a turn-out (or is just over: 「刚巡完皂果路」 — 「刚巡到…」 is still under way, its finding a report of its own); a lone 巡查 word in a hazard description does not. */
const PATROL_DETAIL =
  /刚(?:刚|才)?(?:巡(?:查|视|逻)?(?:完|好了|结束)|结束巡)|[点时:：]|[0-9一二两三四五六七八九十]\s*[个名]?人|车|上午|下午|早上|中午|晚上|夜间|今天|今日|今早|昨天|昨日|昨晚/

/**
 * 「今天没出去巡查」「下雨暂停巡查」「巡查任务推迟到明天」「明天上午去人民路巡查」: no patrol to record — one that did
 * not happen or is still to come. (「巡查中发现…」 and 「昨天巡查了」 are reports.)
 */
const NO_PATROL_YET =
  /(?:没(?:有)?|未|不|暂停|停止|取消|无法|没法|不能)(?:出去|去|出门|进行|开展)?(?:巡查|巡视|巡逻|巡)|(?:巡查|巡视|巡逻)(?:工作|任务|计划)?(?:暂停|取消|停了|停止|推迟|延期|改期|改到|挪到|顺延|不去了|去不了|没法去)|(?:明天|后天|下周|待会儿?|等会儿?|一会儿|晚点|稍后|准备|计划|打算|将要|将)(?:[^，,。了完过]{0,12})(?:去|要)?(?:巡查|巡视|巡逻)(?![了过完])/

/** 「今天下雨没出去」: nobody went out, said without naming the patrol. */
const STAYED_IN = /^(?:今天|今日|上午|下午|早上)?[^，,。？?]{0,6}?(?:没|没有|未)(?:出去|出门|外出)(?:了)?[。！!]*$/
/** 「下午休息」「今天请假」「今天没什么事」: off, or nothing to tell — no record to fill, and nothing asked. */
const OFF_OR_QUIET =
  /^(?:今天|今日|上午|下午|明天|这两天)?(?:我)?(?:休息|请假|调休|轮休|放假|不上班|没(?:什么|啥)事|没事)(?:了|啊|呢)?[。！!]*$/

/** 「今天要交办的隐患」「等着我验收的」: what waits for the asker, named without a question word — no report. */
const WAITING_FOR_ME =
  /(?:要|待|需要|该|等着?)(?:我|我们)?(?:交办|验收|签收|接报|审核|签字)的(?:隐患|投诉|事项|报表)?(?:有哪些|有几个|呢)?[？?]*$|等着?(?:我|我们)(?:去)?(?:交办|验收|签收|接报|审核|签字|处理)/

export function asksWhatWaits(text: string): boolean {
  return [...text].length <= 40 && WAITING_FOR_ME.test(text)
}

/** 「李娜今天请假 巡查由王五代替」「今天王五替我巡查」: who patrols in someone's place — no patrol to record yet. */
const PATROLS_INSTEAD =
  /(?:由|让|换)[\u4e00-\u9fa5]{2,3}?(?:代替|代班|顶班|替班|顶上|去巡查|来巡查)|[\u4e00-\u9fa5]{2,3}?(?:代替|代班|顶班|替班)(?:巡查)?|替(?:我|他|她)(?:去)?巡查/

export function saysWhoPatrolsInstead(text: string): boolean {
  return PATROLS_INSTEAD.test(text) && !/巡查(?:了|过|完)|发现/.test(text) && !DEFECT.test(text)
}

/**
 * 「今天的巡查我让小王帮我报」「我和张伟一起巡的 他已经报了」: the patrol recorded by someone else who went — no record
 * for this person to fill in (a patrol form had opened).
 */
const FILED_BY_OTHER =
  /(?:让|叫|请|由)[\u4e00-\u9fa5]{1,3}?(?:帮我|代我|替我|统一|一起|来|去)?(?:报|填|交|上报|填报|提交|录)(?!了|过)|(?:他|她|他们|她们)(?:已经?)?(?:报|填|交|上报|填报|提交)(?:了|过)|[\u4e00-\u9fa5]{2,3}?已经?(?:报|填|交|上报|填报|提交)(?:了|过)(?=[。！!，,\s]|$)/

export function saysFiledByOther(text: string): boolean {
  return (
    /巡/.test(text) &&
    FILED_BY_OTHER.test(text) &&
    !/隐患/.test(text) &&
    !DEFECT.test(text) &&
    !isQuestion(text) &&
    [...text].length <= 40
  )
}

/** 「今天巡查记录还没交 等会补」「巡查记录晚点再填」: the record put off, not given — no form to open now. */
// (「明天补报」 alone too: it had been taken for a step on some record in hand.)
const RECORD_LATER =
  /(?:巡查)?(?:记录|台账|表)(?:还|我)?(?:没|没有|未)(?:交|填|报|写|录)(?:[，,\s]*(?:等会儿?|等下|晚点|晚些|稍后|回头|下午|晚上|明天)(?:再)?(?:补|填|交|报|写|录)?)?[。！!]*$|(?:巡查)(?:记录|台账|表)(?:我)?(?:等会儿?|等下|晚点|晚些|稍后|回头|下午|晚上|明天)(?:再)?(?:补|填|交|报|写|录)(?:吧|哈)?[。！!]*$|^(?:我)?(?:等会儿?|等下|晚点|晚些|稍后|回头|下午|晚上|明天)(?:再)?(?:补报|补录|补填|补上)(?:吧|哈|啊)?[。！!]*$/

export function saysRecordLater(text: string): boolean {
  return RECORD_LATER.test(text) && !DEFECT.test(text) && !isQuestion(text)
}

export function saysNoPatrolYet(text: string): boolean {
  if (saysRecordLater(text)) return true
  return (
    (NO_PATROL_YET.test(text) || STAYED_IN.test(text) || OFF_OR_QUIET.test(text)) &&
    // 「巡查了」 says one was made — unless it is 「不巡查了」「暂停巡查了」「没去巡查了」 (it had opened a form).
    !/(?<!不|没|没有|未|没去|不去|暂停|停止|取消)巡查(?:了|过|完|中|时)|发现/.test(text)
  )
}
/** Defects as they are written: what is broken, missing, leaking or in the way. */
const DEFECT =
  /缺失|丢失|不见了|没了|破损|损坏|坏了|断裂|断了|裂缝|开裂|塌陷|坍塌|沉降|松动|脱落|倾斜|倒伏|倒了|漏水|漏气|渗漏|积水|坑洼|有坑|堵塞|裸露|未设|没有围挡|无围挡|占道|乱堆|违章|隐患|危险|安全问题/

/** A span of time: 「8:30-10:30」「八点半到十点半」「14时至16时」. */
const TIME_SPAN =
  /[0-9一二两三四五六七八九十]{1,3}\s*(?:[:：.][0-9]{2}|[点时](?:半|[0-9一二三四五]{1,3}分?)?)\s*(?:到|至|-|—|－|~|～)+\s*(?:上午|下午|晚上|中午)?[0-9一二两三四五六七八九十]{1,3}/
/** A visit made: 「去了滨湖路」「检查了两个工地」「到柳叶湖转了一圈」. */
const VISITED = /(?:去|到|跑|走|转|看|检查|查看|察看)了/
/** When it was made, as a patrol report says it. */
const WHEN_DONE = /今天|今日|今早|上午|下午|早上|中午|晚上|昨天|昨日|昨晚|前天/
/** A turn-out: 「3人1车」「人2车1」「出动人员5名」「两人一车」. */
const TURNOUT =
  /[0-9一二两三四五六七八九十]\s*(?:个|名)?\s*人(?!行|民)|人员?\s*[:：]?\s*[0-9]|车\s*[0-9]|[0-9一二两三四五]\s*(?:辆|台)?\s*车/

/**
 * How many went and how they went, side by side: 「2人 步行」「两人开车」「步行，3人」 — not 「2人受伤」, nor people
 * passing by (「2人开车路过」).
 */
const WENT_TOGETHER = (() => {
  const people = '[0-9一二两三四五六七八九十]\\s*(?:个|名)?\\s*人'
  const by = '(?:步行|徒步|走路|开车|驾车|骑车|骑行|骑电动车|坐车|乘车|[0-9一二两三四五]\\s*(?:辆|台)\\s*车)'
  const apart = '\\s*[，,、]?\\s*'
  const notPassing = '(?!\\s*(?:路过|经过|通过|过去|过来|时|的时候|掉|撞|摔))'
  return new RegExp(`${people}${apart}${by}${notPassing}|${by}${apart}${people}(?![行民受被死伤遇落失困])`)
})()

const QUESTION = /[？?]\s*$|[吗呢嘛]\s*$|[了过]没有?\s*$|(?:好|完)没有?\s*$/
const ASKS_WHETHER = /^(?:有没有|有无|是否|是不是|哪些|哪几)|(?:有哪些|有多少|有几[个条处件项起次])[？?]?$/

/**
 * A question, not a statement: a question mark or 吗 at the end, or a question word anywhere (「我今天报了几条」
 * 「怎么报隐患」). Wider than what keeps a message from starting a report, where 「井盖怎么坏了」 still reports one.
 */
export function isQuestion(text: string): boolean {
  return (
    endsAsQuestion(text) ||
    // 「好几个」「十几个」 count; they ask nothing, nor does 「人民路工地发现几个隐患」 (found a few and reported; 「发现了几个」 asks).
    // 「超期的有几件」 asks, and so do 「整改期限是几天」 and 「我有没有超期的」
    // (the last had opened a hazard form).
    /(?<![好十]|发现[\u4e00-\u4e85\u4e87-\u9fa5]{0,4}?有?)几(?:条|个|[件项家])|(?<!发现[\u4e00-\u4e85\u4e87-\u9fa5]{0,4}?)有几[处起次]|[了过]几[次趟回遍]|几点|几时|几号|哪天|哪一天|哪类|哪一类|哪种|多少|多久|多长时间|怎么|如何|什么|哪里|哪儿|在哪|哪个|哪些|哪家|为什么|干嘛|干啥|谁来|谁负责|谁处理|能不能|可不可以|是否|(?:是|要|需要|给)几天|有几天(?![了啦])|第几|^(?:我|我们|咱们|我们单位|本单位)?(?:这边?|这里|手上|手里)?(?:今天|今日|目前|现在|最近|本周|这周|本月|这个月|还)?(?:有没有|有无)/.test(
      text,
    ) ||
    // 「我有啥要整改的」「为啥还没修」: 啥 and 咋 asking as 什么 and 怎么 do (not 「拧开啥都没有」, which tells).
    /有啥(?![都也])|为啥|啥时候|是啥|咋办|咋弄|咋整/.test(text) ||
    // 「你们管不管物业的事」「修不修」「多不多」: a verb, 不 and the verb again asks whether.
    /(?:^|[^不])([管修来办处查收受要用多])不\1/.test(text)
  )
}

/** 「如果」「万一」「假如」: what would be, not what is. */
const SUPPOSING = /如果|万一|假如|要是|假设|一旦|遇到/

export function supposes(text: string): boolean {
  return SUPPOSING.test(text)
}

/** A question mark or 吗/呢/嘛 at the end (a full stop after it aside): the narrow sign of a question. */
export function endsAsQuestion(text: string): boolean {
  return QUESTION.test(text.replace(/[。！!]+$/, ''))
}

/** 「怎么报隐患」「拍照怎么传」「如何填巡查」: how something is done, asked — never a report of it. */
const ASKS_HOW =
  /^(?:请问|问一下|想问一下)?[，,\s]*(?:怎么|怎样|如何|咋)(?:样|么)?(?:才能|可以)?(?:上报|报|填|传|发(?!现)|拍|提交|弄|操作|用|整改|验收|销号|查|改|修改|撤回|作废|签收)|(?:怎么|怎样|如何|咋)(?:样|么)?(?:上报|报|填|传|发|上传|提交|弄|操作|用|改|写)(?:呢|啊|呀)?[？?]?$/

export function asksHow(text: string): boolean {
  return ASKS_HOW.test(text)
}

/**
 * 「人民路燃气泄漏的情况怎么样了」「朗州路那个塌陷处理好了吗」「人民路口那个坑填了没有」: how something already known is
 * going, asked at the end —
 * never a report of it, though it names what is wrong.
 */
const ASKS_HOW_IT_GOES =
  /(?:情况|进展|进度)?(?:怎么样|咋样|如何)了?[？?。！!]*$|(?:处理|整改|修|修复|抢修|办|弄)(?:得)?(?:怎么样|咋样|如何)了?[？?。！!]*$|(?:处理|整改|修|修复|抢修|办|弄|解决|填|补|填平|换|更换|装|清理|清|疏通|拆|恢复)(?:好|完|上)?了(?:吗|没有?|么)[？?。！!]*$|(?:销号|验收|办结|关闭)(?:通过)?了?(?:吗|没有?|么)[？?。！!]*$|到哪一?步了?[？?。！!]*$|(?:进展|进度)(?:如何|怎样)?[？?。！!]*$|(?:是)?(?:什么|啥)情况(?:了|啊|呀)?[？?。！!]*$|(?:怎么|咋)回事(?:啊|呀)?[？?。！!]*$/

export function asksHowItGoes(text: string): boolean {
  return ASKS_HOW_IT_GOES.test(text)
}

/** 「今天有几个隐患没整改」「帮我看看哪些单位超期了」「还有多少投诉没办结」: asks what is open — never a report. */
const ASKS_OPEN_ITEMS =
  /^(?:帮我|请|麻烦)?(?:看看|看一下|查一下|查查|统计一下)?(?:今天|目前|现在|还)?(?:有)?(?:哪些|哪几个?|几个|几项|几件|多少)(?:个|项|件)?(?:单位|隐患|投诉|问题|事项)(?:还)?(?:没有?|未|需要|要|待|等待|等着)?(?:超期|逾期|超时|整改|销号|处理|办结|完成|验收|签收|派单|分派|交办)(?:了|的)?(?:呢|吗)?[？?。！!]*$|^(?:还)?(?:有)?(?:哪些|几个|几件|多少)?(?:待|未|没有?)(?:派单|分派|交办|签收)的?(?:投诉|隐患)(?:有哪些|有几个|有几件|有多少)?[？?。]*$/

/** 「能不能延期几天」「申请延期一周」「整改期限可以宽限吗」: a request for more time to rectify. */
const ASKS_MORE_TIME =
  /(?:能不能|能否|可不可以|可以|可否|申请|想|需要|请求|要求)(?:再)?(?:延期|延长|宽限|推迟|推后|多给(?:几|一)天)|(?:延期|延长|宽限|推迟|推后)(?:几天|一周|一下|一段时间|几天时间)?(?:吗|行吗|可以吗|么|行不行)/

/** What is not yet done, said of the ledger's records (「没整改的隐患」「投诉还没办」). */
const UNFINISHED =
  /(?:没有?|未|还没有?|尚未)(?:整改|销号|处理|办结|办完|办理|办|签收|验收|完成|解决)完?(?:的)?(?:隐患|投诉|工单|事项)|(?:隐患|投诉|工单|事项)(?:还)?(?:没有?|未|尚未)(?:整改|销号|处理|办结|办完|办理|办|签收|验收|完成|解决)/
/** … and asked to be shown or counted (「列一下」「发我看看」「有哪些」). */
const SHOWN_OR_COUNTED =
  /列|发(?:我|一下|给我)|看看|看一下|查一下|查查|统计|哪些|多少|几个|几项|几件|清单|明细|情况|[吗呢？?]/

export function asksOpenItems(input: string): boolean {
  // 「哪些单位超期了」 asks which units: the late ones, unit by unit (ledger-question.ts).
  // (「这周我们单位有没有超期的」 names its own unit: what is open and late there — it had opened a hazard form.)
  if (/单位/.test(input) && !/(?:我们|咱们|本|我)单位/.test(input) && /超期|逾期|超时/.test(input)) return false
  if (ASKS_OPEN_ITEMS.test(input)) return true
  // 「这周我们单位有没有超期的」「有没有逾期的投诉」: whether anything is late, asked of nothing named (「灭火器超期」
  // is a defect: the question words make it one).
  if (
    /(?:有没有|有无|有)(?:什么)?(?:超期|逾期|超时)(?:的)?(?:隐患|投诉|事项|工单)?(?:吗|没有?)?[？?。]*$/.test(input) &&
    !findPlace(input) &&
    !WATCHED_THING.test(input)
  )
    return true
  // 「没整改的隐患列一下」「我们单位哪些投诉还没办」: the same asked in other words, naming no place and nothing wrong
  // (the first had opened a hazard form).
  return (
    [...input].length <= 24 &&
    UNFINISHED.test(input) &&
    SHOWN_OR_COUNTED.test(input) &&
    !findPlace(input) &&
    !namesDefect(input.replace(UNFINISHED, ''))
  )
}

/** 「几点开始巡查」「什么时候去巡查」: when patrols are made, asked (staff-faq.ts answers it). */
export const ASKS_WHEN_TO_PATROL =
  /^(?:请问)?(?:我们)?(?:今天|明天|每天)?(?:几点|什么时候|啥时候|哪天)(?:开始|去|出发|要)?(?:巡查|巡视|巡逻)/

/** 「哪儿的」「哪些地方」「哪条路有」 leading a short question: where something is, asked. */
const WHERE_IS_IT =
  /^(?:请问|现在|目前|最近|还有)?(?:哪儿|哪里|哪些地方|什么地方|哪个地方|哪条路|哪些路段?|哪几个地方|哪几处)(?:的|有|还有)?(?!都|也)/

export function asksWhereItIs(text: string): boolean {
  return WHERE_IS_IT.test(text) && [...text].length <= 20
}

/** 「让李娜把超期的投诉处理一下」「叫市政尽快整改」「催一下质安处」: someone told to act, not something reported. */
const TELLS_SOMEONE_TO_ACT =
  /^(?:请|麻烦|帮我)?(?:让|叫|催|催促|提醒|督促)(?:一下)?[\u4e00-\u9fa5]{2,8}?(?:把|抓紧|尽快|赶紧|马上)/

export function intentOf(text: string): Intent | undefined {
  // 「明天要下雨，需要提前巡查吗」 asks about a patrol; it does not report one.
  // 「近7天巡查了多少次」「上午巡查了几次」: 多少 always asks, and so does 几 counting patrols (elsewhere 几 may only mean
  // "a few": 「发现几处井盖缺失」).
  // 「今天的巡查情况怎么样」 ends asking how it went: about patrols, not one.
  // 「哪些单位今天还没报巡查」「谁没巡查」 ask who, from their first word.
  const asks =
    endsAsQuestion(text) ||
    /多少|(?:巡查|巡视|巡逻|巡|查)了?几(?:次|趟|回|遍)|(?:怎么样|怎样|如何|咋样)(?:了|啊|呀|呢)?[？?。！!]*$/.test(
      text,
    ) ||
    // (「哪条路隐患最多」: a hazard form had opened.)
    /^(?:哪些|哪个|哪几|哪家|哪条|哪段|哪片|哪里|哪儿|谁)/.test(text) ||
    // 「几点开始巡查」「什么时候去巡查」: when, asked first — never a patrol done (a patrol form had opened).
    ASKS_WHEN_TO_PATROL.test(text) ||
    // 「我们单位今天谁巡查了」: who, asked in the middle (a leader had been refused the patrol form).
    /谁(?:去|来|在|还)?(?:没)?(?:巡查|巡视|巡逻|巡|报|填)/.test(text) ||
    // 「我们单位的隐患谁在跟」: who follows something up, asked (a hazard form had opened).
    /谁(?:在|来)?(?:跟|跟进|跟踪|负责|管|处理|办)(?:的|呢|啊)?[？?。]*$/.test(text) ||
    // 「下午去哪里巡查」「今天的巡查任务是什么」: asked where or what, never a patrol done.
    /去哪(?:里|儿)?|是什么|什么任务|有哪些任务/.test(text) ||
    // 「今天的巡查记录给我看看」「把今天的巡查记录发我」: records asked to be shown (a leader had been refused the form).
    SHOW_ME.test(text) ||
    RECORDS_SENT_ME.test(text) ||
    // 「抽查一下道管处今天的巡查记录」「市政公司今天的巡查记录」: records to look over (they had opened a patrol form).
    SAMPLE_ASKED.test(text) ||
    RECORDS_NAMED_ALONE.test(text)
  if (saysNoPatrolYet(text) || saysWhoPatrolsInstead(text) || saysFiledByOther(text) || asksWhatWaits(text))
    return undefined
  if (PATROL.test(text) && PATROL_DETAIL.test(text) && !asks) return 'patrol'
  // 「这两天下雨 巡查了几个低洼路段 积水都不深 排水正常」: a patrol said to have found nothing, whenever it was (the
  // 积水 of its words had opened a hazard form).
  if (PATROL.test(text) && saysNothingFound(text) && !asks) return 'patrol'
  // No 巡查 word, but the shape of a patrol report: when, how many turned out, what was (not) found.
  if (TURNOUT.test(text) && (TIME_SPAN.test(text) || saysNothingFound(text)) && !asks) return 'patrol'
  // 「11.23 上午 人民路、朝阳路 2人 步行 发现：…」: how many went and how they went (on foot, by car) is a patrol
  // (people counted as victims — 「2人受伤」 — are not a turn-out).
  if (WENT_TOGETHER.test(text) && !asks) return 'patrol'
  // 「9点到11点 人民路 跟老王一起 没发现问题」: a span of time in which nothing was found is a patrol too.
  if (TIME_SPAN.test(text) && saysNothingFound(text) && !asks) return 'patrol'
  // 「今天上午和小李去了滨湖路 一切正常」「今天检查了德山开发区两个工地 都没问题」: a day, a visit made and nothing
  // found — a patrol told without the word. (A visit that found something — 「陪检查组去了几个小区，电梯都还好，回来的
  // 路上发现路灯杆倾斜」 — is the finding's report, as before.)
  if (VISITED.test(text) && WHEN_DONE.test(text) && saysNothingFound(text) && !namesDefect(text) && !asks)
    return 'patrol'
  // 「汉寿县 城区 几个在建工地 都按要求设置了围挡和冲洗设施 未发现问题」「检查 常德大道 燃气管道 … 正常」: where was
  // looked at, and nothing found — a patrol told in its own words (neither was understood).
  if (
    (findPlace(text) || /^(?:检查|查看|察看|巡检)/.test(text)) &&
    saysNothingFound(text) &&
    !namesDefect(text) &&
    [...text].length >= 12 &&
    !asks
  )
    return 'patrol'
  // 「我们人手不够 能不能延期几天」: more time asked for, with why — no report of what it says is short.
  if (ASKS_MORE_TIME.test(text) && !findPlace(text)) return undefined
  // 「今天的隐患」「本月的隐患有哪些」 ask for the period's records: 隐患 there is the ledger's word.
  if (asksRecordsOfPeriod(text)) return undefined
  // 「有没有超期的」「哪些隐患还没整改」 ask about the ledger; they report nothing.
  if (ASKS_WHETHER.test(text) || asksHow(text) || asksOpenItems(text) || asksHowItGoes(text)) return undefined
  // 「哪儿的井盖坏了」「哪些地方路灯不亮」: where, asked — nothing reported (a hazard form had opened).
  if (asksWhereItIs(text)) return undefined
  // 「本周隐患情况」「这个月隐患多不多」: a period's state asked for — 隐患 there is the ledger's word.
  if (summaryAskedIn(text)) return undefined
  // 「本月隐患整改率多少」「重大隐患还有几个没销号」 ask about the ledger: 隐患 alone names nothing that is wrong.
  // 「这个重大隐患我已经接报了」 speaks of one already reported, and 「导出本月隐患台账」 of the ledger: neither names
  // anything new that is wrong.
  // (「我们单位的隐患谁在跟」 asks, and 「让李娜把超期的投诉处理一下」 tells someone to act: neither reports anything.)
  if (
    (isQuestion(text) ||
      asks ||
      TELLS_SOMEONE_TO_ACT.test(text) ||
      SHOW_ME.test(text) ||
      /(?:这个|那个|这条|那条|这处|那处|该|此)(?:重大|一般)?隐患|台账|报表|清单|统计|汇总|按(?:类别|分类|单位|月份?|周)|(?:整改|销号|及时|完成|办结|满意)率|各(?:个)?单位|排名|排行|占比|比例|挂牌|督办|(?:情况|进展|进度)[？?。]*$/.test(
        text,
      )) &&
    !namesDefect(withoutLedgerWords(text)) &&
    !DEFECT.test(withoutLedgerWords(text))
  )
    return undefined
  if (DEFECT.test(text) && [...text].length >= 4) return 'hazard'
  // The patrol form's wider vocabulary (「塔吊司机无证操作」「楼道里电动车充电」), for a statement rather than a
  // question about something (「这个灯坏了吗？」 asks; the form would only have to be cancelled).
  // (「井盖松了」: a thing and what is wrong with it is a report however short.)
  if (namesDefect(text) && ([...text].length >= 6 || namesAThing(text)) && !QUESTION.test(text)) return 'hazard'
  return undefined
}

/** 「今天的投诉」「本月的隐患有哪些」「今天都有什么投诉」: the period's records asked for by name. */
const PERIOD_NAMED = '(?:今天|今日|昨天|昨日|本周|这周|上周|本月|这个月|上个?月|最近|近期|这几天|近几天)'
const RECORDS_OF_PERIOD = new RegExp(
  `^${PERIOD_NAMED}(?:的)?(?:收到|新增|受理|发现|上报|新来)?(?:的)?(?:投诉|隐患)(?:都)?(?:有)?(?:哪些|什么|列表|清单|明细)?(?:呢)?[？?。]*$|^${PERIOD_NAMED}?(?:都)?(?:有|收到了?|来了)(?:哪些|什么|啥)(?:新的?)?(?:投诉|隐患)(?:呢)?[？?。]*$|^(?:投诉|隐患)(?:都)?有哪些[？?。]*$`,
)

export function asksRecordsOfPeriod(input: string): boolean {
  return RECORDS_OF_PERIOD.test(input)
}

/**
 * 「本周抽查一下市政公司的巡查记录」: records to look over, as a supervisor samples them — asked, never a sampling done
 * (「今天抽查了人民路工地 发现…」 reports one).
 */
export const SAMPLE_ASKED = /(?:抽查|抽检|调阅|抽看)(?:一下|下)(?!.*发现)/
/** 「道管处今天的巡查记录」: whose records, named and nothing more — asked to be seen (it had opened a patrol form). */
export const RECORDS_NAMED_ALONE = /^[\u4e00-\u9fa5]{2,16}?的?巡查(?:记录|台账)(?:呢|吧)?[？?。！!]*$/

/** 「把今天的巡查记录发我」「巡查台账发给我一下」: records asked to be sent to the one asking. */
export const RECORDS_SENT_ME = /(?:记录|台账|情况|清单|明细)(?:都)?(?:发|发给|传|转)(?:一下|下)?(?:给)?我/

/** 「给我看看」「让我看一下」「发我看看」「调出来」: a request to see, worded as one rather than asked. */
export const SHOW_ME =
  /(?:给|让|帮|发|发给)我(?:看看|看一下|看下|瞧瞧|查查|查一下|列一下)|(?:^|[^\u4e00-\u9fa5]|[的录账])我(?:要|想)?(?:看看|看一下|看下|瞧瞧|查查|查一下)(?:吧)?[。！!]*$|^(?:请|麻烦|帮我)?(?:看看|看一下|查看|调出|列出|列一下|查一下|查下|查查|查询一下)|(?:^|[，,\s])(?:(?:我们|咱们|本|我)单位|我们科|我们处)(?:的|现在的|目前的)?(?:隐患|投诉)(?:情况|清单|列表)?(?:呢|有哪些)?[？?。]*$|发(?:一下|下)?(?:给)?我看|^(?:请|麻烦|帮我)?把.{1,12}(?:列出来|列一下|列个清单|调出来|拉出来|找出来)/

/** The ledger's own words (隐患, 整改, 投诉…), which name no defect: what is left says whether something is wrong. */
export function withoutLedgerWords(text: string): string {
  // (「没有按时报」 says a record is late, not that something is broken.)
  return text.replace(
    /(?:重大|一般)?(?:隐患|安全问题)|投诉|巡查|整改|销号|超期|逾期|台账|清单|报表|(?:没有|没|未)(?:按时|及时|按期)?(?:上报|报|交|提交|填报)(?:记录)?/g,
    '',
  )
}

/**
 * 「井盖缺失、护栏断裂，路面有坑」 is three places found, as the report forms count them (发现隐患（处）): the
 * statement split at its separators, keeping the parts that name a defect. One part, or none that reads
 * like a defect, leaves the text whole.
 */
export function splitHazardStatements(text: string): string[] {
  const parts = text
    .split(/[、；;，,。]|以及|还有|另外/)
    .map((part) => part.trim())
    .filter(Boolean)
  // 「路面塌陷，重大隐患」 grades one defect in a clause of its own: that clause is no second place found.
  const defects = parts.filter((part) => DEFECT.test(part) && !GRADING.test(part))
  // 「燃气管道被挖断了，正在漏气」: a clause naming no thing of its own goes on about the one before.
  const statements: string[] = []
  for (const part of defects) {
    const last = statements.length - 1
    if (last >= 0 && !namesAThing(part)) statements[last] = `${statements[last]}，${part}`
    else statements.push(part)
  }
  return statements.length >= 2 ? statements : [text.trim()]
}

/** A clause that only grades or warns (重大隐患, 存在安全隐患, 很危险) rather than naming a defect. */
const GRADING =
  /^(?:我|我们)?(?:要|想|需要|来|现在)?(?:上报|报告|报|反映|汇报)(?:一下)?(?:一个|个|一处|处|一条|条)?(?:重大|一般|较大|严重)?(?:的)?(?:安全)?(?:隐患|问题|情况)$|^(?:都|均|也|皆)?(?:这|此|该|这个|这是|属于|属|是|为|系|定为|判定为|存在|有)?(?:一[个处起项])?(?:重大|较大|一般|严重|很大|极大)?的?(?:安全|事故)?(?:隐患|危险|风险|安全问题)(?:很大|较大|极大|严重)?[!！]*$|^(?:很|非常|十分|比较|极其|太)?危险(?:了)?[!！]*$|^(?:有|存在|具有)(?:较大|很大|一定|严重)?的?[\u4e00-\u9fa5]{1,4}(?:风险|危险|隐患)(?:很大|较大)?[!！]*$/
