import { LAST_30_DAYS, type PeriodSaid, periodSaidIn } from './period-said'

/**
 * 「本周隐患情况汇总一下」「把这个月的数据统计一下」「上周工作情况汇总」「这个月隐患多不多」: a period's state asked for,
 * in any order and with any filler. Read by what is left once the period, the ledger's subjects, the words that ask
 * for a summary and the filler are taken away: nothing may be left, so a message that names a place, a thing or a
 * defect (「本周人民路发现井盖破损」) or asks something narrower (「这个月哪个单位隐患最多」) is never read as one.
 */
const PERIOD_WORDS =
  /(?:最近|近)(?:一|1)?(?:周|个?星期|个?礼拜)|(?:最近|近)(?:一|1)个?月|(?:最近|近)(?:七|7|三十|30)天|这几天|最近几天|今天|今日|昨天|昨日|本周|这周|这个?星期|这个?礼拜|上周|上个?星期|上个?礼拜|本月|这个?月|上个?月|本季度?|这个?季度|上个?季度|今年|本年度?|去年/g
/** What the ledger is about: the subjects such a question names. */
const SUBJECTS =
  /(?:重大|一般)?隐患|巡查|巡检|投诉|举报|整改|销号|排查|治理|工作|安全|检查|督查|全市|全局|各单位|总体|整体|综合|工作量/g
/** The periodic reports, summed up (「周报汇总」). */
const REPORTS_SUMMED = /(?:周报|月报|季报|报表)(?:表)?/g
/** The words that ask for the state or the figures of it. */
const ASKING = /情况|进展|进度|概况|数据|统计|汇总|总结|怎么样|咋样|如何|多不多|多吗|多少/
const ASKING_ALL = new RegExp(ASKING.source, 'g')
/** What is said around the question: courtesy, requests to send or tell, particles. */
const FILLER =
  /帮我|给我|发给我|发我|请|麻烦|把|一下|下|看看|看一下|看|说说|说一下|讲讲|讲一下|介绍一下|介绍|汇报|报告|报一下|发一下|发个|出个|来个|做个|截至目前|截至|目前|到现在|以来|为止|一共|总共|全部|整个|的|了|呢|吧|啊|呀|和|及|与|跟|、|[，,。.！!？?~～\s]/g

/** 「最近」「近期」「这段时间」 with no span said: the last thirty days. */
const LATELY = /最近|近期|近来|这段时间|这阵子/
const LATELY_ALL = new RegExp(LATELY.source, 'g')

export function summaryAskedIn(text: string): PeriodSaid | undefined {
  if ([...text].length > 30 || !ASKING.test(text)) return undefined
  // (「最近投诉多吗」: lately, with nothing more exact — it was not understood.)
  const period = periodSaidIn(text) ?? (LATELY.test(text) ? LAST_30_DAYS : undefined)
  if (!period) return undefined
  // 「这周重大隐患的整改进度」 asks after the majors, each with where it stands.
  if (/重大(?:隐患|风险)/.test(text) && /进度|进展|整改情况|处置情况/.test(text)) return undefined
  // 「这周各单位巡查情况」 asks unit by unit, which the patrols by unit answer (the city's figures had).
  if (/各(?:个)?单位|每个单位|各家/.test(text) && /巡/.test(text)) return undefined
  // 「本月督查情况」 asks after the inspections alone, which have their own records (the figures had answered it).
  if (/督查/.test(text) && !/巡查|隐患|投诉|整改|工作/.test(text)) return undefined
  // 「这周的周报汇总一下」: the reports summed up are the period's figures (whether each unit filed is asked
  // otherwise: 「周报交了吗」「哪些单位周报没交」).
  const reports = /汇总|总结|合计/.test(text) ? REPORTS_SUMMED : undefined
  const left = text
    .replace(PERIOD_WORDS, '')
    .replace(LATELY_ALL, '')
    .replace(ASKING_ALL, '')
    .replace(SUBJECTS, '')
    .replace(reports ?? /$^/, '')
    .replace(FILLER, '')
  return left === '' ? period : undefined
}
