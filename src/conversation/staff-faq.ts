import { eq } from 'drizzle-orm'
import { DEFAULT_CITY } from '../../bots/default-city'
import { MAJOR_HAZARD_CRITERIA } from '../../bots/major-hazard-criteria'
import { WORDING } from '../../bots/wording'
import { routingRules, units } from '../db/schema'
import { CATEGORY_LABELS, type Category } from '../domain/categories'
import { dangerIn } from '../domain/danger'
import { DEFAULT_RECTIFY_DAYS } from '../domain/deadlines'
import { namesDefect } from './extract/hazard-statements'
import { findPlace } from './extract/place'
import { ASKS_WHEN_TO_PATROL, isQuestion, supposes } from './intent'
import { asksHowToAddPhoto } from './photo-promised'
import { ASKS_RULES } from './scores-question'
import type { Turn } from './types'

/**
 * The questions staff ask about the work itself rather than about a record: what to do on finding danger,
 * what makes a hazard major, how long a rectification may take, who handles a report. Answered from the
 * rules the system runs on (the criteria, the routing table), never opening a form.
 */
export type StaffFaq =
  | 'danger_howto'
  | 'major_criteria'
  | 'deadlines'
  | 'flow'
  | 'backfill'
  | 'patrol_howto'
  | 'media_trouble'
  | 'account'
  | 'add_person'
  | 'person_change'
  | 'password'
  | 'reminders'
  | 'narrative'
  | 'assessment_rules'
  | 'annex'
  | 'phone_change'
  | 'leave'
  | 'transfer'
  | 'admin_change'
  | 'newcomer'
  | 'special_period'
  | 'rectify_howto'
  | 'photo_howto'
  | 'voice'
  | 'patrol_scope'
  | 'records_shared'
  | 'supervision_howto'
  | 'duty_swap'
  | 'handover'
  | 'patrol_frequency'
  | 'patrol_hours'
  | 'patrol_focus'
  | 'verify_howto'
  | 'notify_me'
  | 'meeting_figures'

const HOW_TO_ACT = /怎么处理|怎么办|先做什么|要做什么|该做什么|如何处置|怎么处置|怎么做|如何处理|咋办/
const WHAT_MAKES = /标准|情形|什么算|算不算|怎么认定|怎么判断|如何认定|如何判断|认定|定义|哪些情况|什么情况下|界定/
const HOW_LONG = /多久|几天|多长时间|多少天|期限是|时限是/
const WHO_NEXT = /(?:上报|报了|报上去)(?:以)?后|之后|谁来处理|谁处理|谁负责|流程|怎么流转|交给谁|给谁处理/

/** 「隐患等级怎么划分」「一般和重大怎么区分」「隐患分几级」: the two levels, which the major criteria tell apart. */
const LEVELS_ASKED =
  /(?:等级|级别)(?:是)?(?:怎么|如何|咋)(?:划分|分|定|区分|确定|判断)|一般(?:隐患)?(?:和|与|跟)重大(?:隐患)?(?:怎么|如何|有什么|有啥|的)(?:区分|区别|分|不同)|隐患(?:分|有)(?:几|哪几|哪些)(?:级|个等级|个级别|种等级)/

/** Asking how a rectification is reported, or whether a photo is needed. */
/**
 * Someone else's phone, unit or post changed, or someone gone: 「张伟换手机号了」「李娜调到质安处了」「王强离职了」
 * 「把他删掉」 (one's own — 「我手机号换了」「我调到…了」 — are read above).
 */
const PERSON_CHANGED =
  /^[\u4e00-\u9fa5]{2,4}(?:的)?(?:(?:换|改)了?(?:个)?(?:新)?(?:手机号?|电话|号码)|(?:手机号?|电话|号码)(?:码)?(?:换|改|变)了|换号了|(?:已经?)?(?:调(?:到|去|往|入)[\u4e00-\u9fa5]{2,10}|调走|调离|离职|辞职|退休)了?)|(?:把|将)(?:他|她|这个人|此人)(?:的账号)?(?:删掉|删除|删了|停用|去掉)/
const RECTIFY_HOWTO =
  /(?:怎么|如何|咋)(?:上报|反馈|报|填|提交|销号|验收)|(?:要|需要|得)(?:拍照|拍照片|照片|附照片|上传照片)(?:吗|么|不)|拍照吗|照片吗|(?:要不要|需不需要|用不用)(?:拍照|拍照片|附照片|上传照片|照片|写报告|写材料)/

/** Weather, floods, holidays and events: when patrols may go beyond the routine. */
const SPECIAL_TIMES =
  /下雨|大雨|暴雨|雷雨|台风|大风|下雪|暴雪|冰冻|结冰|汛期|防汛|高温|恶劣天气|节假日|过节|放假|国庆|春节|五一|中秋|特护期|重大活动|夜间|夜里|晚上|半夜|周末|双休|星期[六天日]|周[六日]/

/** Someone else moved, added or removed: 「把张伟调到质安处」「新增一个巡查员 王五 138…」「删除李四」. */
const ADMIN_CHANGE =
  /^(?:请|帮我|麻烦)?把[\u4e00-\u9fa5]{2,4}(?:调到|调去|调入|转到|换到|改到|加到|移到)|^(?:请|帮我|麻烦)?(?:新增|添加|增加|加)(?:一个|一名|个)?(?:巡查员|处理人|值班员|督查员|人员|用户|同事|账号)(?:\s*[\u4e00-\u9fa5]{2,4}|$)|^(?:请|帮我|麻烦)?(?:删除|删掉|移除|停用|注销|禁用)(?:一下)?(?!刚才|刚刚|上一|之前|前面|[这那](?:条|个)|记录|隐患|巡查|第|[0-9一二两三四五六七八九十])[\u4e00-\u9fa5]{2,4}(?:的)?(?:账号|用户)?$|^(?:请|帮我|麻烦)?(?:新增|添加|增加|加|新建|删除|停用|撤销)(?:一个|个)?(?:单位|部门|责任单位|巡查单位)|^(?:请|帮我|麻烦)?把[\u4e00-\u9fa5]{2,4}的(?:手机号?|电话|号码|角色|单位|姓名|名字|职务)(?:码)?(?:改成|改为|换成|更新为|更新成|修改为|设为|设置为)|^(?:请|帮我|麻烦)?(?:给|把|帮)?[\u4e00-\u9fa5]{2,4}(?:的)?(?:账号|企业微信|钉钉|微信)?(?:绑定|解绑|开通|开个账号|开账号|重置)(?:一下)?(?:账号)?[。！!]*$/
/** 「照片发不了」「定位发不出去」「图片太大」: sending a photo or a pin fails. */
const MEDIA_TROUBLE =
  /(?:照片|图片|相片|视频|定位|位置|文件)[^，。？?]{0,6}(?:发不了|发不出|传不了|传不上|上传不了|发不上|太大|失败|打不开|发送不了|发不过来)/

/** Said, not asked: what changed for the person (a new phone, leave, another unit), or that they are new. */
function statementAbout(input: string): StaffFaq | undefined {
  if (MEDIA_TROUBLE.test(input)) return 'media_trouble'
  // 「重置我的密码」「后台密码忘了」: the console's password is set where the server is configured.
  if (/密码/.test(input) && /忘|重置|修改|更改|更换|换|改|找回|多少|是什么|不对|错误|登不上/.test(input))
    return 'password'
  // 「我出差路过人民路发现井盖缺失」 reports a defect; the rest are about the person only.
  if (namesDefect(input)) return undefined
  if (
    /^(?:我)?(?:的)?(?:手机号?|电话|号码)(?:码)?(?:换了|变了|改了)|^我(?:换|改)了?(?:个)?(?:新)?(?:手机号|号码|手机|电话)/.test(
      input,
    )
  )
    return 'phone_change'
  if (/(?:我|本人).{0,8}(?:休假|请假|年假|病假|出差|不在单位|不上班|调休|轮休)/.test(input)) return 'leave'
  // 「明天请假 巡查谁替我」: off, and who covers — the unit arranges it (it had answered with today's patrols).
  if (
    /休假|请假|年假|病假|出差|调休|轮休/.test(input) &&
    /谁(?:来)?(?:替|顶|代|接替|去巡|来巡|巡查)|替我|顶我/.test(input)
  )
    return 'leave'
  // 「我下班了 交班」「交班了」: the end of a duty — what carries over, and who is on next (it was not understood).
  if (
    /^(?:我)?(?:要)?(?:下班了?|交班了?)(?:[\s，,。]*(?:交班|下班)(?:了|啦)?)?(?:[\s，,。]*(?:今天|今日|今晚|值班期间)?(?:都|一切)?(?:没什么事|没啥事|没事|无事|平安无事|一切正常|正常|平稳)(?:情况)?)?[。！!]*$|^(?:准备|现在)?交班(?:了|啦)?[。！!]*$/.test(
      input,
    )
  )
    return 'handover'
  // 「我要换班」「明天能不能跟小李调个班」: the roster is changed where it is kept.
  if (/换班|调班|调个班|替班|顶班|代班|换个班/.test(input) && !namesDefect(input)) return 'duty_swap'
  if (/(?:我|本人)(?:已经|已)?(?:调到|调去|调入|调往|转到|去了)[\u4e00-\u9fa5]{2,10}(?:了|工作)?$/.test(input))
    return 'transfer'
  if (/(?:我是|我)(?:新来的|新人|刚来的|新同事|刚入职)/.test(input)) return 'newcomer'
  // 「夜里有什么情况及时告诉我」「晚上有情况打我电话」: what reaches them, and when — said, not asked.
  if (
    /(?:有|出)(?:什么|啥)?(?:情况|事情?|险情|问题)(?:的话)?[，,\s]*(?:要|请)?(?:及时|马上|立即|第一时间|随时)?(?:(?:告诉|通知|提醒|告知|叫|打电话给)(?:我|一下我)|(?:给我)?打(?:个)?(?:我)?(?:的)?(?:电话|手机)(?:给我)?|电话(?:通知|告诉)我)/.test(
      input,
    )
  )
    return 'notify_me'
  // 「明天开会要用的数据准备一下」「帮我准备一份本月的汇报材料」: figures for a meeting — where the reports are.
  if (
    /(?:开会|会议|例会|汇报)(?:要|需要)?(?:用)?的?(?:数据|材料|资料)|(?:开会|会议|例会|汇报)[^，,。]{0,4}(?:要|需要|用)(?:哪些|什么|啥)(?:数据|材料|资料)|(?:准备|整理|汇总|弄)(?:一份|一下|个)?(?:[^，,。]{0,6})?(?:汇报|会议)(?:材料|资料|数据)/.test(
      input,
    ) &&
    !/不对|对不上|错|有误/.test(input)
  )
    return 'meeting_figures'
  // 「把张伟调到质安处」「新增一个巡查员 王五」「停用李四的账号」: a change only the console makes.
  if (ADMIN_CHANGE.test(input)) return 'admin_change'
  // 「张伟换手机号了 139…」「李娜调到质安处了」「王强已经离职了 把他删掉」: someone else's record to change, said as
  // news (the last had opened a hazard report, the others were not understood).
  if (PERSON_CHANGED.test(input)) return 'person_change'
  return undefined
}

export function staffFaqAsked(input: string): StaffFaq | undefined {
  if ([...input].length > 40) return undefined
  const said = statementAbout(input)
  if (said) return said
  // 「帮我把今天的巡查记录发给领导」: what is saved is already the leaders' to see.
  if (
    /(?:发给|发送给|报给|转给|交给|给)(?:我们)?(?:领导|局长|科长|主任|分管领导)/.test(input) &&
    /记录|巡查|隐患|台账/.test(input)
  )
    return 'records_shared'
  // 「附件3的表格生成一下」「附件5」: an annex named as the form wanted — what it is and where it is made.
  if (!isQuestion(input) && !/吗|么|没有?$/.test(input))
    return NAMES_ANNEX.test(input) && [...input].length <= 24 && !namesDefect(input) ? 'annex' : undefined
  // 「刚才那个隐患拍了照片怎么补」: a photo to add, not a patrol to back-fill.
  if (asksHowToAddPhoto(input)) return 'photo_howto'
  if (/补录|补填|补报|补登|漏填|漏报|忘了填|忘记填|忘(?:了|记)?(?:报|交|上报|填报)|怎么补/.test(input))
    return 'backfill'
  // 「拍了照片怎么发给你」「定位怎么发」: how a photo or a pin is sent.
  if (/照片|图片|相片|视频|定位|位置/.test(input) && /(?:怎么|如何|咋)(?:样)?(?:发|传|上传|附|提交|给)/.test(input))
    return 'photo_howto'
  // 「语音能识别吗」「可以发语音吗」
  if (/语音/.test(input)) return 'voice'
  // 「巡查的时候要注意什么」「巡查要点有哪些」: what the scheme asks of a patrol (a patrol form had opened).
  if (
    /巡/.test(input) &&
    !/记录|台账/.test(input) &&
    /注意(?:些)?(?:什么|哪些|啥)|注意事项|要点|重点(?:是什么|有哪些|查什么|看什么|在哪)|(?:查|看)(?:些)?(?:什么|哪些|啥)(?:重点|内容)/.test(
      input,
    ) &&
    !namesDefect(input)
  )
    return 'patrol_focus'
  // 「下午去哪里巡查」「今天的巡查任务是什么」「明天的巡查路线是什么」: where to patrol is the unit's to set.
  // (「我的巡查记录在哪里」 looks for records, not for where to go.)
  if (
    /巡/.test(input) &&
    !/记录|台账/.test(input) &&
    /去哪|哪里|哪些(?:地方|路段)|路线|(?:哪|几)条路|巡哪|什么任务|任务是什么|任务有哪些|巡什么|查什么/.test(input)
  )
    return 'patrol_scope'
  // 「今天的督查记录怎么填」: how the supervision record is kept.
  if (/督查/.test(input) && /(?:怎么|如何|咋)(?:样)?(?:填|报|写|上报|提交|登记|记录)/.test(input))
    return 'supervision_howto'
  // 「巡查记录怎么填」「巡查怎么报」: how a patrol is reported.
  if (/巡查/.test(input) && /(?:怎么|如何|咋)(?:样)?(?:填|报|写|上报|提交|登记)/.test(input)) return 'patrol_howto'
  // 「巡查要不要每天报」「多久巡一次」: how often patrols are made and filed (annex 1's daily ledger).
  if (
    /巡/.test(input) &&
    // (「今天还需要巡查吗」「周末要巡查吗」: whether a day needs one — it was not understood.)
    /(?:要不要|需不需要|是不是|必须|一定要|得)(?:每天|天天|每日)|(?:每天|天天|每日)(?:都)?(?:要|得)(?:巡|报|填)|多久(?:巡|报|一次)|几天(?:巡|报|一次)|频次|频率|^(?:今天|明天|周末|周六|周日|星期[六天日]|节假日|放假)(?:还|也)?(?:需要|要|用|得)(?:去)?巡查?(?:吗|么|不)[？?。]*$/.test(
      input,
    ) &&
    !namesDefect(input)
  )
    return 'patrol_frequency'
  // 「几点开始巡查」「什么时候去巡查」: the hours, which the scheme leaves to the unit (a patrol form had opened).
  if (ASKS_WHEN_TO_PATROL.test(input)) return 'patrol_hours'
  // 「验收标准是什么」「销号要什么条件」: how a rectification is checked and closed.
  if (
    /验收|销号/.test(input) &&
    /标准|流程|要求|条件|依据|(?:怎么|如何|咋)(?:样)?(?:验|算|弄|做|办|进行)/.test(input) &&
    !namesDefect(input)
  )
    return 'verify_howto'
  // 「整改完了要拍照吗」「隐患整改好了怎么上报」: how a rectification is reported.
  if (/整改/.test(input) && RECTIFY_HOWTO.test(input)) return 'rectify_howto'
  // 「明天要下大雨，需要提前巡查吗」「国庆放假要不要巡查」: patrols beyond the routine (source 000 二: 特护期巡查).
  if (/巡/.test(input) && SPECIAL_TIMES.test(input) && !namesDefect(input)) return 'special_period'
  // 「特护期是什么时候」「什么时候搞重点巡查」: the same answer — the scheme leaves when to the unit.
  if (/特护期|重点巡查/.test(input) && !namesDefect(input)) return 'special_period'
  // 「怎么添加新用户」「新同事怎么加进来」: someone new given access, asked by whoever sets it up.
  if (
    /(?:添加|新增|增加|加入?|录入|加进来)(?:一个|一名|个|几个)?(?:新)?(?:的)?(?:用户|人员|员工|职工|工作人员|同事|成员|账号|巡查员|处理人|值班员|督查员)|新(?:来|入职|进)?(?:的)?(?:用户|人员|员工|职工|同事|成员).{0,4}(?:怎么|如何)?(?:加|添加|开通|进来|录入)/.test(
      input,
    )
  )
    return 'add_person'
  if (/账号|绑定|开通|登录|登不上|权限/.test(input)) return 'account'
  if (/提醒|通知|推送|消息/.test(input) && /收不到|没收到|设置|时间|关掉|关闭|太多|免打扰/.test(input))
    return 'reminders'
  if (/工作建议|落实整改情况|落实整改主要工作/.test(input)) return 'narrative'
  if (/考核|扣分/.test(input) && (ASKS_RULES.test(input) || /在哪看|哪里看/.test(input))) return 'assessment_rules'
  if (NAMES_ANNEX.test(input)) return 'annex'
  // (「发现险情怎么处理」「遇到紧急情况怎么办」: danger named in general — it was not understood.)
  if (
    (dangerIn(input) || /险情|紧急情况|突发情况|突发事件/.test(input)) &&
    (supposes(input) || HOW_TO_ACT.test(input)) &&
    !findPlace(input)
  )
    return 'danger_howto'
  if ((/重大/.test(input) && WHAT_MAKES.test(input)) || LEVELS_ASKED.test(input)) return 'major_criteria'
  // 「整改期限能不能延长几天」 asks for more time, which has its own answer.
  // (「人民路井盖那个隐患整改期限是哪天」 asks one hazard's, found by its place in the ledger.)
  if (/整改/.test(input) && HOW_LONG.test(input) && !/延期|延长|宽限|推迟|推后|多给/.test(input) && !findPlace(input))
    return 'deadlines'
  if (/隐患|投诉/.test(input) && WHO_NEXT.test(input)) return 'flow'
  return undefined
}

export async function describeStaffFaq(turn: Turn, asked: StaffFaq, input: string): Promise<string> {
  switch (asked) {
    case 'danger_howto':
      return WORDING.staffDangerHowTo
    case 'major_criteria':
      return majorCriteria(input)
    case 'deadlines':
      return rectificationPeriods(turn)
    case 'flow':
      return WORDING.staffReportFlow
    case 'annex':
      return annexNamed(input)
    case 'patrol_scope':
      return patrolScope(turn)
    case 'patrol_focus':
      return WORDING.patrolFocus(await unitPatrolScope(turn))
    default:
      return WORDING.staffSupport[asked]
  }
}

/** What the person's unit patrols, in the scheme's words, where the city defines it. */
async function patrolScope(turn: Turn): Promise<string> {
  const scope = await unitPatrolScope(turn)
  return scope ? WORDING.patrolScopeOf(scope) : WORDING.staffSupport.patrol_scope
}

/** The scheme's sentence on what the person's unit patrols (四（一）), where the city defines one. */
async function unitPatrolScope(turn: Turn): Promise<string | undefined> {
  const unitId = turn.person?.unitId
  const [unit] = unitId ? await turn.ctx.db.select({ code: units.code }).from(units).where(eq(units.id, unitId)) : []
  return DEFAULT_CITY.units.find((u) => u.code === unit?.code)?.patrolScope
}

const NAMES_ANNEX = /附件\s*[1-5一二三四五]/

/** The scheme's annexes (source 000), by number, and where each lives in the system. */
const ANNEXES: Record<string, string> = {
  '1': '附件1是《安全巡查（督查）工作考核实施细则》：扣分明细在管理后台「考核」页，得分可以问「我们单位这个月考核多少分」。',
  '2': '附件2是《安全日巡查工作记录表》：发送「巡查」按提示填报，台账自动生成；已填的记录表在管理后台「巡查台账」页查看和导出。',
  '3': '附件3是《安全巡查隐患台账及整改情况周报表》：系统按台账起草，巡查单位发送「上报周报」确认上报；报表在管理后台「报表」页查看和下载。',
  '4': '附件4是《安全巡查隐患台账及整改情况月（季）报表》：系统按台账起草，督查单位发送「上报月报」「上报季报」确认上报；报表在管理后台「报表」页查看和下载。',
  '5': '附件5是《安全督查工作记录表》：发送「督查」按提示填写；已填的记录表在管理后台「督查台账」页查看和导出。',
}

function annexNamed(input: string): string {
  const said = /附件\s*([1-5一二三四五])/.exec(input)?.[1] ?? ''
  const number = '一二三四五'.includes(said) ? String('一二三四五'.indexOf(said) + 1) : said
  return ANNEXES[number] ?? '实施方案附件1至5：考核细则、日巡查记录表、周报表、月（季）报表、督查记录表。'
}

/** The criteria of the kind named, or of every kind, as the grade question lists them. */
function majorCriteria(input: string): string {
  const named = (Object.keys(MAJOR_HAZARD_CRITERIA) as Category[]).filter((c) =>
    CATEGORY_LABELS[c].split(/及|和/).some((word) => input.includes(word)),
  )
  const kinds = named.length > 0 ? named : (Object.keys(MAJOR_HAZARD_CRITERIA) as Category[])
  const lines = kinds.map((c) => `【${CATEGORY_LABELS[c]}】${(MAJOR_HAZARD_CRITERIA[c] ?? []).join('；')}`)
  const lead = LEVELS_ASKED.test(input) ? '隐患分为一般隐患和重大隐患两级，不属于下列情形的为一般隐患。' : ''
  return `${lead}属于重大隐患的情形：\n${lines.join('\n')}\n符合任一情形即为重大隐患；拿不准时可先按重大隐患上报，督查员复核时可调整等级。`
}

/** Each kind's rectification period from the routing table (the default where it sets none). */
async function rectificationPeriods(turn: Turn): Promise<string> {
  const rules = await turn.ctx.db
    .select({ category: routingRules.category, rectifyDays: routingRules.rectifyDays })
    .from(routingRules)
  const lines = rules.map((r) => `${CATEGORY_LABELS[r.category]} ${r.rectifyDays} 天`)
  return `交办时未另定期限的，整改期限自交办之日起算：${lines.join('，')}；其他类别 ${DEFAULT_RECTIFY_DAYS} 天。交办人可另定期限（重大隐患随“五落实”确定）。期限前 3 天、前 1 天和当天会提醒责任单位。`
}
