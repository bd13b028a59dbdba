/**
 * 「我要填巡查表」「补录昨天的巡查记录」「帮我登记一下督查情况」「想报个隐患」: a form asked for in words rather than by
 * its command. The paper's name for a form (巡查表, 督查记录表, 统计表) is what people say; the bot's command words are
 * what it taught them. Read as the command, with the day said kept for the form to read.
 */

/** What people call each form, most specific first (巡查组 before 巡查), and the command it means. */
const FORM_NAMES: readonly [RegExp, string][] = [
  [/^(?:巡查组|组织)(?:巡查)?(?:记录表?|表|情况)?/, '巡查组'],
  [/^(?:日常?)?(?:巡查|巡逻|巡检|巡视)(?:工作)?(?:记录表|记录单|记录|登记表|日志|台账|情况|表|单)?/, '巡查'],
  [/^(?:安全)?隐患(?:上报|报告)?(?:表|单)?|^问题(?:上报)?(?:表|单)?/, '上报隐患'],
  [/^督查(?:记录表|记录|情况|表)?/, '督查'],
  [/^(?:专项整治)?统计表|^专项整治(?:情况)?(?:统计)?/, '填报统计表'],
  [/^事故(?:报告)?(?:登记表?|记录|报告|表)?/, '登记事故'],
  [/^整改(?:反馈|情况|结果)?(?:表|单)?/, '整改'],
  [/^验收(?:情况|结果)?(?:表|单)?/, '验收'],
]

/** A wish to write something: 「我要填」「帮我登记一下」「补录」「想报个」. One of these must come before the form's name. */
const WISH =
  /^(?:我|咱)?(?:现在)?(?:要|想|得|需要|来|准备|开始)?(?:帮我|给我|麻烦)?(?:填一下|填写|填报|补填|补报|补录|登记|录入|上报|提交|记录|新建|新增|填|录|报|写|记)(?:一下|一个|一份|一条|一张|个|份|条|张)?/
const HAZARD_ALONE =
  /^(?:发现(?:了)?(?:一个|一处|个)?|有(?:一个|一处|个))?(?:安全)?隐患[。！!~～\s]*$|^(?:我|这边|刚才|刚刚)?(?:又)?(?:发现|看到|碰到|遇到)(?:了)?(?:一个|一处|个|一点)(?:安全)?(?:问题|情况|隐患)(?:要报|要上报|需要上报|报一下)?[。！!~～，,\s]*$/
/** The day the record is for, said between the wish and the form's name. */
const DAY =
  /^(?:今天|今日|昨天|昨日|前天|今早|上个?(?:周|星期|礼拜)[一二三四五六日天1-7]|(?:这|本)?(?:周|星期|礼拜)[一二三四五六日天1-7]|[0-9]{1,2}月[0-9]{1,2}[日号]|[0-9]{1,2}[日号])?(?:上午|下午|晚上)?(?:的)?/
const END = /^(?:吧|一下|呗|啊)?[。！!~～\s]*$/

/** 「发现一个问题」「发现一处隐患」: a hazard announced, what it is still to come. */
export function announcesFinding(input: string): boolean {
  return HAZARD_ALONE.test(input)
}

/** The command the words ask for, with the day said (「巡查 昨天」), or nothing when no form is asked for. */
export function formWishedFor(input: string): string | undefined {
  if ([...input].length > 24) return undefined
  // 「隐患」「发现一处隐患」 and nothing about it yet: a hazard to report, its description still to come.
  if (HAZARD_ALONE.test(input)) return '上报隐患'
  const wish = WISH.exec(input)
  // 「要」 or a verb must be said: 「巡查表」 alone is a form's name, which the commands already read.
  if (!wish || wish[0].length === 0 || !/填|报|录|登记|提交|写|记|新/.test(wish[0])) return undefined
  const afterWish = input.slice(wish[0].length)
  const day = DAY.exec(afterWish)?.[0] ?? ''
  const named = afterWish.slice(day.length)
  for (const [name, command] of FORM_NAMES) {
    const said = name.exec(named)
    if (said && END.test(named.slice(said[0].length))) {
      const when = day.replace(/的$/, '')
      return when ? `${command} ${when}` : command
    }
  }
  return undefined
}
