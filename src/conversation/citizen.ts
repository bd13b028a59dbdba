import { and, desc, eq, inArray } from 'drizzle-orm'
import { WORDING } from '../../bots/wording'
import { complaints, routingRules } from '../db/schema'
import { sameAddress } from '../domain/address-key'
import { CATEGORIES, CATEGORY_LABELS, type Category } from '../domain/categories'
import { HOUR_MS } from '../domain/clock'
import { isComplaintLate, isComplaintOpen } from '../domain/complaint-lifecycle'
import { type DangerKind, dangerIn } from '../domain/danger'
import { findContactNumber, findMobileNumber, LANDLINE_NUMBER, MOBILE_NUMBER } from '../domain/mobile-number'
import { maskPersonalInfo } from '../domain/privacy'
import { isWhistleblowing } from '../domain/rewards'
import { SURNAME } from '../domain/surnames'
import { sendToPeople } from '../messaging/notify'
import {
  addComplaintEvidence,
  addComplaintFollower,
  addComplaintNote,
  addComplaintPlace,
  CITIZEN_VERDICT_NOTE,
  correctComplaintPlace,
  recategoriseComplaint,
  reportStillUnresolved,
  setComplaintContact,
  setComplaintName,
} from '../services/complaint-followups'
import {
  answeredComplaintsOf,
  latestComplaintOf,
  latestOpenComplaint,
  markOutcomeDelivered,
  notifyComplaintAssignment,
  openComplaintsOf,
  pendingOutcomesFor,
} from '../services/complaint-notices'
import { type ComplaintRow, findComplaintByCode, receiveComplaint } from '../services/complaints'
import { unitName } from '../services/hazard-notices'
import { dutyOfficerAt } from '../services/recipients'
import { findUnitName } from '../services/units'
import { asksOwnReward, describeOwnRewards } from './citizen-reward'
import { withoutCode } from './coded-command'
import { isCourtesy, isGreeting, isUrgentGreeting, thanks } from './courtesy'
import { categoryByEvidence } from './extract/category-evidence'
import { contactNameIn } from './extract/contact-name'
import { namesAThing, namesDefect } from './extract/hazard-statements'
import { findPlace, placeAlone } from './extract/place'
import { withoutPhone } from './extract/rules'
import { mayBeSameThing, namesAThingAlone, WATCHED_THING } from './extract/watched-things'
import { clip, formatLocal, normaliseCode } from './format'
import { isVaguePlace } from './forms/checks'
import { metresBetween } from './forms/duplicates'
import { clearSession, lockSession, saveSession } from './forms/session'
import { asksHow, isQuestion, supposes } from './intent'
import { namesARecord, recordsNamed } from './named-records'
import { asksGasPhone, otherAgencyFor, SUPPLY_CUT } from './other-agency'
import { asksHowToAddPhoto, promisesPhoto } from './photo-promised'
import { asksAboutThePlace, placeMadeExact, readPlaceAnswer, roadOf, saysSpotNearby } from './place-answer'
import { onceIfPastedOver } from './plain-text'
import { text } from './reply'
import { SAYS_OTHER, SAYS_SAME } from './same-or-other'
import type { Reply, Turn } from './types'

const ATTACH_WINDOW_MS = 2 * HOUR_MS
const STEP_CONTACT = 'complaint_contact'
const CLASSIFY_BUDGET_MS = 1500
/** Staff commands typed by a citizen are answered, not filed as complaints. */
const STAFF_COMMAND =
  /^(?:(?:验收|整改|交办|签收|受理|回复|转办|重复|确认收到)\s*(?:YH|TS|XC)\s*\d|(?:巡查|上报隐患|督查|确认收到|上报周报|上报月报|上报季报)$)/i
const STEP_DUPLICATE = 'complaint_duplicate?'
const STEP_PLACE = 'complaint_place?'
const STEP_WHAT = 'complaint_what?'
/** Said ahead of the problem, kept for it: a place, a number to call, 「我要举报」. */
interface Held {
  locationText?: string
  /** 「路灯」 said alone, before what is wrong with it. */
  thing?: string
  phone?: string
  preface?: string
  /** 「就是我们小区门口那条路」: where, roughly, said before what is wrong there — part of the problem's words. */
  roughWhere?: string
  /** A location pin or photos sent before the words. */
  pin?: { latitude: number; longitude: number; label?: string }
  mediaIds?: number[]
}
/** What is left of a message when its number (mobile or landline) is taken out, for a number sent on its own. */
const CONTACT_DIGITS = new RegExp(`${MOBILE_NUMBER.source}|${LANDLINE_NUMBER.source}`, 'g')
const PHONE_ALONE =
  /^[\s，,。.：:]*(?:我的|本人)?(?:电话|手机|手机号|手机号码|联系电话|联系方式)?(?:是|为)?[\s，,。.：:]*(?:(?:请|麻烦|可以)?(?:尽快|及时)?(?:联系|打给|打电话给|电话联系)(?:一下)?我(?:吧)?|(?:有事|有情况|有结果|有消息|处理好了)(?:请|就|可以)?(?:打给我|打电话给我|联系我|电话联系我|打|联系)(?:这个)?(?:电话|号码)?(?:吧)?)?[\s，,。.：:！!]*$/
/**
 * 「我要投诉」「有个事想跟你们说一下」「请问你们是住建局吗？我想反映个情况」: wanting to report, with nothing yet of
 * what or where. Each of these is taken off the message; an intent said and nothing else left is the whole of it.
 */
const REPORT_INTENT =
  /(?:我|我们|俺|本人)?(?:这边|这里)?(?:有(?:个|一个|件|一件|点|些)?(?:事情|事|情况|问题|隐患)儿?)?(?:想|要|需要|得|希望)?(?:跟|和|给|向|找)?(?:你们|您|你|贵单位|住建局|领导)?(?:匿名|实名)?(?:说|讲|反映|反应|投诉|举报|报告|汇报|报修)(?:建议)?(?:一下|下|个|一个|一件|件|一些|些)?(?:(?:小区|物业|工地|房子|房屋|道路|马路|燃气|桥|路灯|井盖|电梯|楼|绿化|自来水)(?:方面)?的|(?:物业|物业公司|开发商|工地|施工单位|施工方|小区)(?=[。！!，,~～\s]*$))?(?:事情|事|情况|问题|隐患)?儿?/g
/** 「我还要投诉一个：」「反映个问题，」「您好！」 heading the report itself. */
const REPORT_HEADING =
  /^(?:(?:你好|您好|你们好)[！!，,。.\s]*)?(?:[#＃【[](?:投诉|反映|报修|求助)[#＃】\]][：:，,\s]*)?(?:(?:(?:我)?(?:还|再|另外|又)?(?:要|想)?(?:投诉|反映)(?:一下|一个|个|一件|件)?(?:问题|事情?|情况)?|(?:还有|另外)?(?:这是)?(?:我的)?(?:第[一二三四五六七八九十0-9]+个|另一个|还有一个|再一个)(?:问题|事情?|投诉))[:：，,！!。～~\s]+)?/
/** An intent that says how to treat the report (举报 is whistleblowing; 匿名 or 实名 how to name the one who tells). */
/** Kept before the problem's words: who reports (举报, 匿名) and whom the report is against (「我要投诉物业」). */
const TELLING_PREFACE = /举报|匿名|实名|物业|开发商|工地|施工单位|施工方/
const PREAMBLE = [
  /你好|您好|你们好|在吗|在不在|有人吗|喂+|哈喽|嗨|hello|hi/gi,
  /打扰(?:一下|了|您了)?|麻烦(?:一下|你们|您)?|请问(?:一下)?|问一下|同志|工作人员/g,
  // 「你们这个是住建局的吗」「这里是不是官方的」: who is listening.
  /(?:你们|这里|这儿|这个|这)(?:这个)?(?:是不是|是)(?:住建局|住建|住房和城乡建设局|建设局|住建部门|官方|政府)?(?:的)?(?:公众号|平台|号)?(?:吗|嘛|么|吧)?/g,
  /可以吗|行吗|好吗|方便吗/g,
]
const LEFT_OVER = /[\s，,。.！!？?~～、…：:啊呀哈呢吧嗯哦噢额呃的了]+/g

/** The intent said (「我想匿名举报」), when it is all the message says; it stays in front of the problem to come. */
function onlyWantsToReport(body: string): string | undefined {
  const intents: string[] = []
  let rest = body.replace(REPORT_INTENT, (said) => {
    intents.push(said)
    return ' '
  })
  if (intents.length === 0) return undefined
  for (const words of PREAMBLE) rest = rest.replace(words, ' ')
  return rest.replace(LEFT_OVER, '') === '' ? intents.join('，') : undefined
}
/** 「我想改一下刚才的地址，应该是人民路86号」「地址写错了，是建设路12号」: the latest complaint's place, corrected. */
const PLACE_CORRECTED =
  /(?:改|更正|修改|纠正)(?:一下)?(?:我|刚才|之前|上面|前面)?(?:的|那个)?(?:地址|地点|位置)|(?:地址|地点|位置)(?:写|说|填|发)?(?:错了|不对|有误|有错)|不是[^，,。！!？?\s]{2,20}[，,\s]*(?:而|应该)?是(?!不是)/
/** 「不是滨湖路 是滨湖西路」: the place said wrong, and the right one after it. */
const NOT_THIS_BUT = /不是([^，,。！!？?\s]{1,20})[，,\s]*(?:而|应该)?是(?:在)?([^，。,！!？?；;]{2,30})/
/** 「我叫张三」「我姓李」「姓名：王五」: a name given, alone. */
const NAME_GIVEN =
  /^(?:我叫|我的名字(?:是|叫)|名字(?:是|叫)?[:：]?|姓名[:：]?|我姓)\s*([\u4e00-\u9fa5]{1,4}?)(?:先生|女士|同志)?[。！!，,~～\s]*$/
/** 「张先生」「王女士」 said alone: how to address them, the way people sign (it was asked what the problem was). */
const ADDRESSED_ALONE = new RegExp(`^(${SURNAME}(?:先生|女士|小姐|阿姨|大爷|师傅|老师))[。！!，,~～\\s]*$`)
const NOT_A_NAME = /业主|居民|市民|住户|群众|路人|新来|这里|那里|什么|你们/
const VENTING =
  /(?:找|叫|让|见|要见)(?:你们)?(?:的)?(?:领导|局长|负责人|主任|一把手)|(?:给|讨|要)(?:我)?(?:个|一个)说法|(?:打|找|投诉到|反映到|告到)(?:12345|市长热线|热线)|政府|官老爷|当官|告你们|^(?:我)?(?:要|想|就要)?(?:投诉|举报)(?:你们|你)(?:这些人|的人)?[。！!~～\s]*$|告到|去告|上访|信访|曝光|媒体|记者|省里|中央|垃圾(?:政府|部门|单位)|(?:你们|都是)(?:一群)?(?:垃圾|废物)|摆设|踢皮球|推诿|不作为|不干事|不办事|不管事|拿钱不办事|白拿工资|(?:你们|这些人|政府|部门)[^，,。]{0,6}(?:没(?:有)?(?:什么)?用|用(?:都|也)?没有)/
/** 「物业不管事」「开发商踢皮球」: someone else's neglect complained of — a complaint about them, not anger at the bureau. */
const NEGLECT_BY_OTHERS =
  /(?:物业|开发商|施工方|施工单位|施工队|工地|社区|居委会|业委会|房东|老板|商家|店家)(?:公司)?[^，,。！!？?]{0,4}(?:不作为|不干事|不办事|不管事|推诿|踢皮球|是摆设)/
/** Anger at the bureau itself (「你们不作为」「垃圾政府」), not at someone it is told about. */
function ventsAtBureau(body: string): boolean {
  return VENTING.test(body) && !NEGLECT_BY_OTHERS.test(body)
}
/** 「你们这个系统太难用了」「公众号不好用」「看不懂你说什么」: the service itself, found hard to use. */
const ABOUT_THE_SERVICE =
  /(?:系统|公众号|小程序|机器人|平台|界面|页面|程序|软件|这个东西|这玩意儿?)(?:也|真|太|很|好|挺|有点|特别|实在)*(?:难用|不好用|不会用|麻烦|复杂|繁琐|卡|烂|差劲|垃圾|智障|弱智)|^(?:你们)?(?:这个)?(?:也|真|太|好|特别)*(?:难用|不好用)|(?:看|听)不懂(?:你|你们)?(?:说|在说|发)?(?:的)?(?:什么|啥)|你(?:是不是|怎么)?(?:听|看)不懂(?:人话)?/
const PRAISE =
  /^(?:谢谢|感谢|多谢)(?:你们|您)?[，,！!\s]*(?:很|真|挺|非常|太|好)(?:快|及时|给力|高效|负责|速度)(?:了|啊|呀)?[！!。~～]*$|表扬|点赞|好评|五星|五颗星|锦旗|谢谢你们|感谢你们|感谢(?:工作人员|师傅)|效率(?:很|真|挺|非常)?高|很及时|(?:修|处理|解决)得(?:很|真|挺|非常)?(?:快|及时|好)/
/** What makes thanks praise: how the work was done, commended. */
const PRAISE_WORD = /快|及时|效率|点赞|给力|好评|表扬|高效|负责|专业|五星|锦旗/
/** Asking how something is done or whom to ask, not reporting: 「我想问一下…找谁」「请问…怎么办理」. */
const CONSULTING =
  /^(?:你好|您好)?[，,\s]*(?:我)?(?:想|要)?(?:问一下|问下|问个事|问问|请问|咨询(?:一下)?)[，,\s]*.*(?:找谁|找哪|哪个部门|(?:归|由)?(?:谁|哪个部门|哪个单位|哪里)(?:来)?(?:管|负责)|哪里办|去哪办|怎么办理|如何办理|怎么申请|(?:怎么|如何|去哪|到哪|找谁)(?:里)?(?:做)?(?:鉴定|检测|评估|认定)|需要什么|要什么材料|流程|在哪里?(?:可以|能)?(?:查|办|看|问|申请)|哪里(?:可以|能)(?:查|办|看|问|申请)|怎么查|如何查|是什么|收费|多少钱|要多久)/
/** 「我想问一下」「咨询个问题」「我有个问题」 and nothing after it. */
const ASKING_LEAD_IN =
  /^(?:你好|您好|在吗)?[，,\s]*(?:我|我们|这边)?(?:(?:想|要)?(?:问一下|问下|问个事|问个问题|问件事|问问|请问(?:一下)?|咨询(?:一下|个事|个问题|一件事)?)(?:你们|您)?|有(?:个|一个|件|一件|点)?(?:事|事情|问题)(?:想)?(?:问一下|问问|请教|咨询)?)[，,。.！!？?~～\s]*$/
const COMPLAINING = /但是?|可是|不过|还是|又|没修|没人|不管|坏了|漏|塌|缺|危险/
const MIN_DESCRIPTION_CHARS = 4
/** Longer than any address people type (「武陵区洞庭大道与紫菱路交叉口往东100米锦绣华庭3栋2单元」). */
const MAX_PLACE_CHARS = 60
/** 「我想想」「等一下」「我问问」: time to find the answer. */
const THINKING_OR_WAIT =
  /^(?:(?:我|让我)?(?:想想|想一下|看看|查一下|问问|问一下|确认一下)|等(?:一)?下|稍等(?:一下)?|等等|等会儿?)(?:再说|哈|啊)?[。！!~～\s]*$/
/** 「在12号门口」「88号旁边」: a house number, and where by it, with no road. */
const HOUSE_NUMBER_ONLY =
  /^(?:在|就在|是)?([0-9]{1,5}号(?:楼)?(?:门口|门前|旁边|附近|对面|楼下)?)(?:那里|这里|那儿)?[。！!~～\s]*$/
/** 「快来人」「快点啊」「赶紧的」「救命」: hurry, and nothing else. */
const HURRY =
  /^(?:你们)?(?:快|赶快|赶紧|马上|立刻|快点|快快|快一点)(?:点|一点|些)?(?:来|过来|派人|来人|来人啊|处理|修|看看|啊|呀|吧|的)*(?:[！!。~～\s]*)$|^救命(?:啊)?[！!。~～\s]*$/
/** 「投诉建设路88号」: the word that says a report of the place after it follows. */
const REPORT_LEAD = /^(?:我)?(?:要|想)?(?:投诉|反映)(?:一下)?[:：，,\s]*(?=\S{2})/
/** 「人呢？」「有人吗」: is anyone there — impatience, not a place. */
const PRESENCE = /^(?:人呢|人在哪|有人吗|有没有人|在吗|在不在|喂)(?:啊|呀)?[？?！!。~～\s]*$/
/** 「就是我们小区」「我们村」「在我家楼下」「就是我们小区门口那条路」: where, roughly, and nothing else. */
const ROUGH_WHERE_ALONE =
  /^(?:就是|就在|是|在)?(?:我们|我家|咱们?|俺们?|我住的|我们家)(?:这个?|那个?)?(?:(?:小区|村|院子?|单位|楼|这栋楼)(?:门口|楼下|旁边|附近|后面|前面|外面|里面)?(?:的)?(?:那条|这条)?(?:路|街|马路)?|街|这条街|这条路|路|这里|这边|那边|楼下|门口|附近|这块)(?:这里|那里|里|这边|那边)?[。！!~～\s]*$/
/** 「朝阳路有个工地」「建设路那边有个在建工地」: a building site, and where it is. */
const SITE_AT =
  /^(?:在)?([\u4e00-\u9fa5A-Za-z0-9]{2,16}?)(?:上|边上|旁边|附近|那边|这边|那里|这里)?(?:有)?(?:个|一个|一处|那个|这个)?(?:在建的?|新开的?)?(?:建筑)?工地(?:那|那里|那边)?[。！!~～]*$/
/** Where on a place a thing is: 「门口」「楼下」「对面」. */
const SPOT_BY = /^(?:门口|门前|楼下|旁边|附近|对面|前面|后面|里面|外面|路口|拐角)$/
/** 「旁边的路灯也不亮」「同一个地方」「那附近还有」: where the last problem was, or next to it. */
const LEAD_IN =
  '(?:(?:对了|还有|另外|再|顺便|然后)(?:说)?(?:一|个|一个|件|一件)?(?:事|事情|情况|问题)?(?:就是|是)?[，,\\s]*)*'
const NEAR_THE_LAST = new RegExp(
  `^${LEAD_IN}(?:旁边|附近|对面|同一个地方|同一个位置|同一处|同样的地方|那里|那边|那附近|那个地方)|^${LEAD_IN}(?:这附近|这边|这里)(?=.*[也还])`,
)

/** 「管不管」「归不归你们管」「你们负责吗」: whether the bureau handles something. */
const ASKS_SCOPE =
  /管不管|归不归|是不是你们管|你们管吗|能管吗|你们负责吗|你们能处理吗|受理吗|受不受理|归你们管吗|属于你们管|找你们(?:有用|行)吗|^你们(?:也)?(?:管|负责|处理)[\u4e00-\u9fa5]{1,8}吗[？?]*$/
/** 「不要透露我的名字」「请保密」「我想匿名反映」: the citizen asks not to be named. */
const ASKS_CONFIDENTIAL =
  /不要?(?:透露|公开|泄露|暴露|告诉(?:别人|他们|对方))|别(?:透露|说是我|告诉(?:别人|他们|对方)|暴露)|保密|匿名|不想(?:让人知道|被(?:人)?知道|留名|露面)/
/** 「我想匿名举报」「不想留名」: the citizen would rather not be known at all. */
const ANONYMOUS = /匿名|不想?留(?:名|姓名|电话)|不愿(?:意)?留(?:名|姓名|电话)/
/** 「举报有奖励吗」「有奖金吗」: the rewarded reporting (source 002), asked about. */
const ASKS_REWARD = /奖励|奖金|有奖|奖赏|给钱|悬赏/
/** 「几点下班」「周末有人处理吗」「晚上能报吗」: the hours of the service. */
const ASKS_HOURS =
  /几点(?:上班|下班)|上班时间|下班时间|工作时间|办公时间|周末|周[六日天]|星期[六天日]|礼拜[六天日]|节假日|放假|过年|晚上|夜里|半夜|24小时|(?:上班|值班|有人)(?:吗|么|没有?)/
/** 「哦对了是」「补充一下，地点是」「更正一下，应该是」: what comes next says the place again. */
const PLACE_AGAIN =
  /^(?:哦|噢|啊|嗯)?[，,\s]*(?:对了|补充一下|补充|更正一下|更正|纠正一下|说错了|不对)?[，,：:\s]*(?:具体)?(?:地点|位置|地址)?(?:应该)?(?:是在|是|在)(?=\S{2})/
const PLACEHOLDER = /^[[［【][^\]］】]{1,8}[\]］】]$/
/** 「（图片）」「[语音]」「【视频】」 before or after the words: a picture or a recording that did not come as one. */
const MEDIA_PLACEHOLDER = /[（(［[【](?:图片|照片|相片|语音|视频|表情|动画表情|位置|文件)[）)］\]】]/g

/** A web address, forwarded or pasted. */
const LINK = /(?:https?:\/\/|www\.)[\x21-\x7e]+/gi

/** The words without media placeholders — unless that leaves none (a placeholder alone is answered as one). */
function withoutMediaPlaceholders(body: string): string {
  const words = body.replace(MEDIA_PLACEHOLDER, ' ').trim()
  return words || body.trim()
}
/** 「那个 我想反映个事情」「嗯，有个事」: what people say while they think how to begin, before the words that count. */
const FILLER_LEAD = /^(?:(?:那个|这个|嗯+|额+|呃+|那啥|emm+)[\s，,。.…~～]+)+(?=\S)/i
function withoutFillerLead(body: string): string {
  return body.replace(FILLER_LEAD, '')
}
/** A withdrawal or a 「fixed」 note reaches a complaint filed this long ago at most. */
const FOLLOW_UP_WINDOW_MS = 30 * 24 * HOUR_MS
const WITHDRAW =
  /^(?:我)?(?:刚才|刚刚|之前|上面|前面)?(?:的|那个|这个|那条|这条)?(?:投诉|举报)(?:就|也)?(?:取消|撤销|撤回|不要了|作废)(?:掉)?(?:吧|了|一下)?[。！!~～]*$|^(?:我)?(?:刚才|刚刚|之前|上面|前面)?(?:发|报|提交|反映)?(?:的|那个|这个|那条|这条)?(?:投诉|举报)(?:能|可以|能不能|可不可以|能否)(?:撤回|撤销|取消|收回)(?:吗|么|不)?[？?。！!~～]*$|^(?:我要|我想|请|麻烦|能不能|可以)?(?:撤销|撤回|取消|收回)(?:一下)?(?:我的|刚才|之前|上面|前面)?(?:的|那个|这个|那条|这条)?(?:投诉|举报|反映)|^(?:我要|我想|请|麻烦|能不能|可以)?(?:帮我)?(?:把|将)(?:我的|我)?(?:刚才的?|刚刚的?|之前的?|那个|这个)?(?:投诉|举报)(?:给)?(?:撤了|撤掉|撤销了?|撤回|取消了?)(?:吧|吗|一下)?[。！!？?~～]*$|^(?:投诉|举报)(?:不用了|我撤销|撤销|撤回|取消)|^(?:我)?(?:刚才|之前|上面|前面)?(?:的|那个|这个|那条|这条)?(?:投诉|举报|反映的?(?:问题|事情?)?)(?:就|也)?不用(?:再)?(?:处理|管|来|修|办)?了/
/** 「井盖那个撤销吧」「路灯的投诉不要了」: one complaint withdrawn, named by its thing. */
/** 「算了不投诉了 把我刚才的投诉撤了吧」: the giving up said before the withdrawal asked for. */
const GIVING_UP_LEAD =
  /^(?:(?:算了|那|那就|好吧|还是)?[，,\s]*(?:我)?(?:不想|不打算|不要|不)(?:再)?(?:投诉|举报|反映)了|算了)[，,。！!\s]*/
const WITHDRAW_NAMED =
  /^([\u4e00-\u9fa5]{1,6}?)(?:的)?(?:那个|这个|那条|这条|那件)?(?:投诉|举报)?(?:就|也)?(?:撤销|撤回|取消|不要了|作废|不用管了|不用处理了)(?:掉)?(?:吧|了|一下)?[。！!~～]*$/
/** 「刚才的投诉撤了」「这个投诉取消」: the complaint just made, pointed at. */
const POINTS_AT_LAST = /刚才|刚刚|上面|前面|这个|这条|最后|最近/
/** 「撤回 TS…」「TS… 不要了」: the words of a withdrawal, beside a complaint's number. */
const WITHDRAWAL_WORD =
  /^(?:请|麻烦|我要|我想|帮我)?(?:撤回|撤销|取消|撤了|撤掉|不要了|作废|不用(?:处理|管)?了)(?:投诉|举报)?(?:吧|了|一下)?[。！!~～]*$/
/** 「两个都不用管了」「都撤了吧」「全部撤销」: every open complaint withdrawn. */
const WITHDRAW_ALL =
  /^(?:两个|几个|这几个|那几个|全部|所有的?)?(?:投诉)?(?:都|全)(?:不用管了|不用处理了|不要了|撤了|撤销|撤回|取消)(?:吧|了)?[。！!~～]*$|^(?:全部|所有的?)(?:投诉)?(?:撤销|撤回|取消)(?:吧|了)?[。！!~～]*$/
/** 「我的投诉被转到哪个单位了」「哪个部门在处理」: who has the complaint. */
const ASKS_WHICH_UNIT =
  /(?:转到|转给|派给|派到|交给|分给|转)(?:了)?(?:哪个|哪|什么|哪家)(?:单位|部门)|(?:为什么|为啥|怎么)(?:会)?(?:我的|我)?(?:投诉|举报|反映的问题)?(?:被|会)?(?:转|派|交|分)(?:到|给)(?:了)?[\u4e00-\u9fa5]{2,10}?(?:局|处|办|公司|科|单位|部门)|为什么(?:给我|把我的投诉)?(?:转|派|交)(?:到|给)?(?:了)?(?:别的|其他|另外的?|另一个)(?:单位|部门)|(?:哪个|什么|哪家)(?:单位|部门)(?:在)?(?:处理|负责|办理|管)|(?:投诉|举报|反映的?(?:问题|事情?)?|这件事|这个事)(?:是|现在|目前)?(?:由)?谁(?:在|来)?(?:处理|负责|办理|管|跟进)|谁(?:在|来)?(?:处理|负责|跟进)我的(?:投诉|举报)/
/** 「处理人员的电话是多少」: a staff member's number, which is not given out. */
const ASKS_STAFF_PHONE =
  /(?:处理人员|工作人员|负责人|经办人|师傅)(?:的)?(?:电话|手机|联系方式)(?:号码?)?(?:是)?(?:多少|是什么|给我|能给|可以给)|(?:能|可以)(?:给|告诉)我(?:处理人员|工作人员|负责人)?(?:的)?(?:电话|手机号?)/
/** 「你们处理完了告诉我一声」「有结果通知我」: asking to hear the outcome. */
const TELL_ME_WHEN_DONE =
  /(?:处理|办|修|弄|解决)(?:完|好)(?:了)?(?:以后|之后)?(?:请|麻烦)?(?:告诉|通知|回复|跟|给)(?:我|一下)?(?:说)?(?:一声|一下)?|有(?:结果|进展|消息)(?:了)?(?:请|麻烦)?(?:告诉|通知|回复)(?:我|一下)/
/** 「我不会打字 能发语音吗」「可以发语音吗」: whether a voice message will do. */
const ASKS_VOICE = /(?:能|可以|能不能|可不可以)(?:发|用|说)语音|语音(?:可以|行|能)(?:吗|不)|不会打字/
/** 「电话打不通啊」「打了没人接」: the call back, or a number given, cannot be reached. */
const CANNOT_REACH =
  /(?:电话|热线)(?:一直|老是|总是)?(?:打不通|没人接|占线|无人接听)|打(?:了)?(?:电话|好几次)?(?:也)?没人接/
/** 「工作人员来看过了，说不归你们管」「推来推去」: told it is someone else's — for the handlers to see. */
const PASSED_ALONG =
  /不归(?:你们|他们|我们|住建)?管|不是(?:你们|他们)(?:的事|管的)|推来推去|踢皮球|互相推诿|推诿|让我找别人/
/** 「算了」「不报了」: what waits is not wanted any more. */
const DROPS_IT =
  /^(?:(?:我|那|那就|那我|还是|我还是)?(?:取消|算了|不用了|不需要了|不报了|不投诉了|(?:不想|不打算)(?:再)?(?:投诉|举报|反映|报)了|没事了|撤销|撤回|不要了|不说了|不讲了)(?:吧|啦)?[。！!~～，,\s]*)+$/
/** 「不好意思发错了」「点错了」: the message before was sent by mistake. */
const MISSENT =
  /^(?:不好意思|抱歉|对不起|sorry)?[，,\s]*(?:我)?(?:刚才)?(?:发错了?|打错了|点错了?|误发了?|发错人了|发错地方了)(?:了)?(?:[，,\s]*(?:不好意思|抱歉|对不起|sorry))?[。！!~～\s]*$/i
const RESOLVED =
  /^(?:不用(?:再)?(?:处理|修|管|来)?了?[，,\s]*)?(?:问题)?(?:已经|已)(?:修好|解决|处理好|弄好|好|修复|整改好|恢复)了?(?:[，,。！!\s].{0,20})?$|^(?:问题)?(?:都)?(?:解决|修好|弄好|处理好|修复)了(?:[，,。！!\s]*(?:谢谢|感谢|多谢)(?:你们|您|了|啊|啦)?)?[。！!~～]*$|^不用(?:处理|修|管)了[。！!]*$/
/** 「已经修好了」 — not 「已经修好了，但是又坏了，人民路88号」, which reports it again. */
function isResolvedNote(body: string): boolean {
  if (/又|还是|但是?|可是|没修好|没好|没解决/.test(body)) return false
  // 「上个月投诉的那个路灯修好了 谢谢」: an earlier complaint said to be put right, by its thing or place (it was taken
  // for a new report and asked where).
  if (SPEAKS_OF_EARLIER.test(body) && EARLIER_PUT_RIGHT.test(body) && !/[吗呢？?]|没|未|不/.test(body)) return true
  return RESOLVED.test(body) && !findPlace(body)
}
/** 「…修好了」「…已经解决了」: put right, said of what was reported. */
const EARLIER_PUT_RIGHT = /(?:修好|解决|处理好|弄好|修复|整改好|恢复|补上|换好|装好|清理干净|疏通)了/
/** A yes to being called, with no number yet (not 「好的」, which acknowledges the ticket). */
const WANTS_CALL =
  /^(?:是|是的|对|对的|可以|要|需要|需要的|麻烦了?|麻烦(?:你们|您)?打(?:给我)?(?:电话)?|(?:请|麻烦)?(?:打|拨)(?:我|给我)(?:的)?(?:电话|手机)?(?:吧|就行|就好)?)[。！!，,~～]*$/
/** 「可以打电话 但是只能下午打」「可以 晚上打吧」: a yes to being called, with when. */
const CALL_WITH_WHEN =
  /^(?:是的?|可以的?|行|好的?|要|需要)[，,\s]*(?:打)?(?:电话)?(?:吧)?[，,\s]*(?:但是?|不过)?[，,\s]*(?:只能|最好|尽量|请|麻烦)?(?:在)?(?:上午|下午|晚上|中午|白天|傍晚|工作日|周末|休息日|[0-9一二三四五六七八九十]+点)/
/**
 * 「我的投诉处理得怎么样了」「有结果了吗」「什么时候能修好」「大概多久能修好」: asking after what was reported, in the citizen's words
 * rather than 「查询」. Only a message that names no place: one that does reports something, perhaps again.
 */
const PROGRESS_WORDS =
  /^(?:第[一二三四五1-5]个|上一个|前一个|之前那个|两个|这两个|那两个|几个|都)(?:投诉|问题)?(?:都)?(?:怎么样了?|如何了|处理(?:得)?(?:怎么样|如何)了?|(?:处理|修好|修|解决)了?(?:吗|没有?)|有(?:结果|进展)了?(?:吗|没有?)|进度|进展)[？?。]*$|(?:投诉|反映|举报|报的|提交的|说的|上报的)(?:的)?(?:问题|事情?|情况)?.{0,10}?(?:怎么样了?|如何了|处理(?:得)?(?:怎么样|如何)了?|(?:处理|修好|修|解决|弄好|整改)了?(?:吗|没有?)|有(?:结果|进展|回复|回音|人管)了?(?:吗|没有?)|进度|进展|结果)|^(?:(?:现在|目前)?(?:处理|办理)(?:得)?(?:怎么样|如何)了?|(?:修好|处理好|解决|弄好|修)了?(?:吗|没有?|没)|(?:今天|现在|到底|什么时候)?(?:有没有|会不会|有)人(?:来)?(?:修|处理|看)(?:吗|没有?)?|有(?:结果|进展|回复|回音)了?(?:吗|没有?)|进展(?:如何|怎么样)|什么时候(?:能|可以|会)?(?:处理|修好?|解决|答复|回复)(?:好|完)?|(?:怎么)?还没(?:有)?(?:人)?(?:处理|来修?|解决|回复))|(?:多久|多长时间|几天|哪天|啥时候|什么时候|何时)(?:能|可以|会|才能|才|给)?(?:收到|得到|有)?(?:处理|修(?:好|复)?|解决|答复|回复|弄好|搞定|办好|办结|来(?:人|修)?|(?:填|补|换|装|清理|清走|拆|恢复|疏通|弄)(?:好|平|完|上)?)/
/**
 * 「我想查一下我的投诉」「投诉编号忘了」: the citizen's own complaints asked for, in words. (「我以前投诉过吗」 too: it had
 * been told how to complain.)
 */
const ASKS_OWN_COMPLAINTS =
  /(?:为什么|为啥|怎么|凭什么)(?:把)?(?:我的)?(?:投诉|举报|反映的问题)(?:就|被)?(?:关闭|关了|撤销|撤了|办结|结案|取消|驳回|退回|不予受理|不受理)(?:了)?|(?:投诉|反映|举报)(?:过)?的?(?:那个|那件)?(?:问题|事情?)?[，,\s]*(?:怎么|咋)?(?:查不到|找不到|不见了|没了|看不到)|(?:查|查询|看看|看一下|查看)(?:一下)?(?:我的|我)?(?:上个?月|上周|上次|之前|前几天|昨天|前天)?(?:的)?(?:投诉|举报|反映)(?:记录|进度)?|编号(?:我)?(?:忘了|忘记了?|不记得|找不到|丢了|是?多少|是?几号|是什么)|^(?:那)?我(?:的)?(?:那个)?(?:投诉|举报)(?:呢|在哪(?:里|儿)?|去哪了|哪去了)|忘(?:了|记了?)(?:投诉)?编号|我(?:一共|总共|都|之前|以前)?(?:投诉|反映|举报)(?:了|过)(?:几次|多少次|几个|多少个|几件|多少件|哪些)|我(?:的)?(?:投诉|反映|举报)(?:有|都有)(?:几个|哪些|多少)|^我(?:之前|以前|曾经|原来|有没有)?(?:投诉|反映|举报)过(?:什么|啥|哪些)?(?:吗|么|没有?|没)?[？?。]*$/
/** 「帮我查一下」「我是…，查一下进度」: a query with nothing else in it. */
const QUERY_ALONE =
  /^(?:我是|我叫[\u4e00-\u9fa5]{1,4}|我的身份证号?(?:码)?是?|身份证号?(?:码)?是?|我的?(?:电话|手机号?)(?:码)?是?)?[\s，,：:]*(?:帮我|请|麻烦|帮忙)?(?:查|查询|查查|查一下|查一查|看看|看一下)(?:一下)?(?:进度|情况|结果)?[。！!？?]*$/
/**
 * 「就是刚才那个」「我说的是上次投诉的那个」: pointing back at what was reported, with nothing new in it — where that
 * stands is the answer, never a new report asked for its place.
 */
const REFERS_TO_EARLIER =
  /^(?:就是|是|我说的是|说的是|我是说)?(?:刚才|刚刚|之前|上次|前面|早上|上午|下午|昨天|前两天|前几天)(?:我)?(?:投诉|反映|举报|报|说|发)?(?:过)?的?(?:那个|那件|这个|那条)(?:问题|事情?|投诉)?(?:啊|呀|嘛|吧|呢)?[。！!~～]*$/
/** 「我上次投诉的」「之前反映的那个」: an earlier complaint spoken of. */
const SPEAKS_OF_EARLIER =
  /(?:上次|之前|以前|前几天|前两天|上个?月|上周|昨天|早上|刚才)(?:我)?(?:投诉|反映|举报|报修|报|说)(?:过)?的|我(?:投诉|反映|举报|报修)(?:过)?的/
/**
 * 「就是那个下水道的」「我说的是金盆路那个」「路灯那个」: which of their complaints they mean, narrowed by its thing or place
 * after their complaints were listed — nothing wrong said, so nothing new to file (it had been asked where, as a report).
 */
const NARROWS_TO_NAMED =
  /^(?:(?:我说的是|说的是|我是说|我问的是|问的是|我指的是|指的是)(?:那个|那条|那处|那件)?[^，。,？?！!\s]{1,12}?|(?:就是|是)?(?:那个|那条|那处|那件)[^，。,？?！!\s]{1,12}?|(?:就是|是)?[^，。,？?！!\s]{1,12}?(?:那个|那件|那条|那处))(?:的)?(?:那个|那件)?(?:投诉|问题|事情?)?(?:啊|呀|嘛|吧|呢)?[。！!？?~～]*$/
/** 「就是这个」「如图」「你看这个」 after photos or a ticket: pointing at what was sent, with nothing new in it. */
const POINTS_AT =
  /^(?:就是|就)(?:这个|这里|这儿)(?:啊|呀|嘛|吧)?[。！!~～]*$|^(?:如图|看图|见图|如图所示|图片所示|照片所示)[。！!~～]*$|^(?:(?:你|您)(?:们)?)?(?:看|瞧|看看|瞧瞧)(?:一下|下)?(?:这个|这里|这张|这张图|图片|照片)(?:吧|啊|呀|哈)?[。！!~～]*$/
/** Those of a citizen's complaints made lately: when only one was, it is the one the conversation is about. */
function madeLately<T extends { receivedAt: Date }>(ctx: Turn['ctx'], open: T[]): T[] {
  return open.filter((c) => ctx.clock.now().getTime() - c.receivedAt.getTime() <= ATTACH_WINDOW_MS)
}
/** 「这个问题最后是怎么处理的」「我的投诉到底怎么解决的」: how the complaint was handled, asked. */
const HOW_HANDLED_ASKED =
  /(?:这个|那个|我的|我反映的|我投诉的)(?:问题|事情?|投诉)(?:最后|到底|最终|现在)?(?:是)?(?:怎么|如何)(?:处理|解决|办|弄)(?:的|了)/
function isProgressQuestion(body: string): boolean {
  // 「停水了 什么时候来水」「什么时候来电」 ask after a supply, not after a complaint: the water is filed, power referred.
  if (otherAgencyFor(body) || SUPPLY_CUT.test(body)) return false
  // An ID or phone number said with it (「我的身份证号是4307…，帮我查一下投诉」) adds length, not another subject.
  const words = body.replace(/[0-9Xx*＊]{6,}/g, '').length
  if (words <= 30 && ASKS_OWN_COMPLAINTS.test(body) && !findPlace(body)) return true
  // 「我是4307…（身份证号） 帮我查一下」: who they are, and a bare 「查一下」 — their complaints.
  if (QUERY_ALONE.test(body.replace(/[0-9Xx*＊]{6,}/g, '').trim())) return true
  if (REFERS_TO_EARLIER.test(body) || POINTS_AT.test(body)) return true
  // 「人民路那个井盖修好了吗」: after one reported, by its place and thing (it was filed as a new complaint).
  if (words <= 30 && ASKS_ABOUT_NAMED.test(body) && namesARecord(body)) return true
  // 「井盖补好了吗」「路灯修好没」: whether the thing reported was put right, named alone (it was asked where, to be filed).
  if (THING_PUT_RIGHT_ASKED.test(body) && WATCHED_THING.test(body) && !findPlace(body)) return true
  // 「我想知道这个问题最后是怎么处理的」: how it was handled, asked (it had been told how to report).
  if (words <= 30 && HOW_HANDLED_ASKED.test(body) && !findPlace(body)) return true
  // 「路灯那个怎么样了」「人民路的事有进展吗」: after one reported, by its thing or place alone (it was filed anew).
  if (words <= 24 && ASKS_AFTER_NAMED.test(body) && namesARecord(body) && !namesDefect(body)) return true
  return (
    (words <= 40 && PROGRESS_WORDS.test(body) && !findPlace(body) && !ASKS_ABOUT_WORKS.test(body)) || isUrging(body)
  )
}

/**
 * 「燃气改造什么时候弄完 我们小区挖了两个月了」: works going on near them, asked when they end — a problem told of (the
 * digging), not a question about a complaint of theirs (their latest one's state had been the answer).
 */
const ASKS_ABOUT_WORKS =
  /(?:改造|工程|施工|修路|项目|管网|拆迁|改建|扩建)[^，,。！!？?\s]{0,6}(?:什么时候|啥时候|何时|多久|几时)/
/** 「…那个井盖修好了吗」「…那处塌陷处理了没」: whether the one spoken of was put right. */
const ASKS_ABOUT_NAMED =
  /(?:那个|那条|那处|那块)[^，。,]{0,8}?(?:修好|修|处理好?|解决|整改|弄好|换好?|填好?|补好?)(?:了)?(?:吗|没有?|没|么)[？?。]*$/
/** 「井盖补好了吗」「路灯修好没」: a thing and whether it was put right, nothing else. */
const THING_PUT_RIGHT_ASKED =
  /^[^，。,？?！!\s]{1,8}?(?:的事|的问题)?(?:修好|修复|处理好?|解决|整改好?|弄好|换好?|填好?|补好?|装好?|疏通)(?:了)?(?:吗|没有?|没|么)[？?。]*$/
/** 「路灯那个怎么样了」「井盖的事有进展吗」: how the one spoken of stands, asked in as many words. */
const ASKS_AFTER_NAMED =
  /(?:那个|那条|那处|那件事|这件事|的事情?|的问题|的投诉)?(?:现在|目前)?(?:怎么样了?|咋样了?|如何了|处理(?:得)?(?:怎么样|如何)了?|有(?:结果|进展|回复|回音|人管)了?(?:吗|没有?)|(?:的)?(?:进度|进展)(?:如何|怎么样)?)(?:呢|啊|呀)?[？?。]*$/
/**
 * 「你们处理的太慢了，上次投诉的到现在都没人管」: impatience with what was reported — a reminder for its handlers
 * and where it stands for the citizen, not a new complaint asked for its place (「怎么没人回复我」 too, and 「怎么这么慢」,
 * which had been told how to report; 「我之前投诉的事情你们到底管不管」, which had been told what is handled).
 */
const URGING =
  /(?:投诉|反映|举报|报修|报)(?:了|过)?的?(?:问题|事情?)?.{0,12}?(?:没人管|没人处理|没人来|没人理|没动静|没回音|没(?:有)?(?:人)?回复|还没(?:有)?(?:处理|解决|修|来)|不管不问)|(?:处理|办事|效率|速度|动作)(?:问题|事情|投诉)?(?:得|的)?(?:也)?(?:太|真|好|这么|那么)慢|催(?:一下|一催|办)|(?:加快|抓紧|赶紧|赶快|尽快)(?:点|一点|些)?(?:来)?(?:处理|办理|解决|修|过来)|快(?:点|一点|些)(?:来)?(?:处理|办理|解决|修|过来)|^(?:请|麻烦)?(?:你们)?(?:快|赶快|赶紧)来(?:修|处理|看看|看一下)(?:吧|啊|呀)?[。！!~～]*$|^(?:麻烦|请|拜托|能不能|能否|可不可以)?(?:你们)?(?:快|赶快|赶紧|尽快)(?:点|一点|些)(?:吧|啊|呀|好吗|行吗|可以吗)?[。！!~～]*$|(?:说|答应|承诺|讲)(?:了|过|好)?(?:要|会)?(?:处理|来|修|解决).{0,10}?(?:没人|没有人|没来|没修|没动静|没处理)|(?:结果|到现在|至今|一直|根本|还是)(?:都|也)?(?:没人|没有人)(?:来|管|处理|理)|(?:怎么|为什么|为啥)?(?:还|都|到现在)(?:没|没有)(?:有)?人(?:联系|打电话|回电话|回电|回复)(?:我)?|^(?:为什么|为啥|怎么|咋)(?:还|都)?(?:没|不)(?:有)?(?:人)?(?:来)?(?:修|处理|管|解决)|^(?:你们)?(?:为什么|为啥|怎么|咋)(?:一直|老是|总是)?(?:没|没有|不)(?:有)?人(?:联系|打电话|回电话|回电|回复|回|理|搭理)(?:我)?(?:啊|呀|呢)?[？?！!。~～\s]*$|^(?:到底)?(?:有没有|有)人管(?:管|一下|没有?)?(?:吗|啊|呀)?[？?！!。]*$|加急|(?:快点|快一点|快些)(?![^，,。]*(?:来人|救))|^(?:你们)?(?:到底)?(?:还)?管不管(?:啊|呀|了|呢)?(?=[？?！!。，,\s]|$)|(?:到底|究竟)(?:还)?(?:管不管|有没有人管)|(?:再|还)不(?:来)?(?:处理|修|管|来|解决)(?:的话)?[，,\s]*(?:我)?(?:就)?(?:要)?(?:打|找|投诉|告|曝光|上报)|^(?:人呢|人都去哪了?|人去哪了?)[？?！!。~～\s]*$|(?:投诉|反映|举报|报修|报)(?:了|过)?(?:也|都)?(?:没用|白搭|没效果|不管用|没结果|没下文)|白(?:投诉|反映|举报|报)了|(?:投诉|反映|举报|报修|报|打电话)(?:了|过)(?:都|已经)?(?:好几|[一两三四五六七八九十0-9]+|十几|几十)(?:次|遍|回)(?![？?吗])|等了(?:[一两三四五六七八九十几半]|好几|[0-9]+)(?:天|个?小时|个?星期|周|个?月)|^(?:你们)?(?:怎么|咋|为什么|为啥)?(?:这么|那么|太|好)(?:慢|久)(?:啊|呀|呢|了)*[？?！!。~～\s]*$/
/** 「你们上次修的路又坏了」「之前补过的坑又塌了」: something repaired before, broken again. */
const BROKEN_AGAIN =
  /(?:上次|之前|以前|上回|前段时间|前些天|去年|上个?月)[^，,。]{0,6}?(?:修|处理|补|换|弄|填)(?:过|好)?(?:了)?的[^，,。]{0,8}?又/
function isUrging(body: string): boolean {
  // 「有燃气味 快来人」 reports danger: never only a reminder about an earlier complaint.
  return body.length <= 60 && URGING.test(body) && !findPlace(body) && !dangerIn(body)
}
/**
 * Whether words about a problem may be about a complaint filed earlier: the same watched thing when both name one
 * (「路灯坏了一直没人管」 and a lamp's ticket), otherwise nothing that puts it in another domain (「马路挖开了」 and a
 * dig's ticket, never a manhole's; a lamp never a dig's).
 */
function speaksOf(earlier: { description: string; category: Category }, said: string): boolean {
  if (STILL_GOING.test(said) && !goesOnAsComplained(earlier.description, said)) return false
  if (WATCHED_THING.test(said) && WATCHED_THING.test(earlier.description))
    return mayBeSameThing(earlier.description, said)
  const domain = categoryByEvidence(said)
  return !domain || domain === earlier.category
}
/**
 * 「根本没修好」「还是那样」「又坏了」「你们就是敷衍」「还是没换」「处理结果我不认可」: the answer did not put it right
 * (「基坑没填」 without 还是 describes a defect). Short, naming no other place:
 * 「人民路又坏了一个井盖」 is a new report.
 */
const STILL_UNRESOLVED =
  /(?:根本|还是|仍然|依然|并|也)?(?:没|没有|未)(?:修好|修|解决|处理好|处理|整改好?|弄好|人来|效果|变化)|(?:还是|仍然|依然|根本)(?:没|没有|未)(?:换|补|填|装|盖)(?:好|上)?|还是(?:那样|老样子|坏的|没好|一样|原样)|跟原来一样|(?:结果|答复|处理)(?:我)?(?:不认可|不接受|不同意)|又(?:坏|松|塌|陷|堵|漏|裂|歪|倒|掉|翘|响|冒|丢|不亮|积水)|没什么变化|敷衍|糊弄|应付|骗人|瞎说|胡说|说谎|不属实|假的/
/**
 * 「还是在施工啊 根本没停」「现在还在干」「又开始了」: what was complained of goes on (it was taken for a new problem and
 * asked where).
 */
const STILL_GOING =
  /(?:还|还是|仍|仍然|依然|照样|照旧|又)(?:在|开始)(?:施工|干|搞|弄|打桩|响|吵|挖|浇|敲|切割|作业|开工|冒|漏|流|堆|烧|放|占|排)|(?:根本|还是|还|一直|都|也|压根)(?:没|没有|不)(?:停|停下|停工|停止|收工|歇)(?!车)|又开始了|(?:还|一直)没完|没完没了/
/**
 * Kinds of goings-on: 「还在打桩」 goes on with work complained of (「工地太吵了」「夜里施工」), never with a tower crane
 * said to lean (it had chased that ticket, and the night's piling was lost); 「还在漏」 with a leak.
 */
const GOINGS_ON = [
  /施工|干活|干|搞|弄|打桩|挖|浇|敲|切割|作业|开工|响|吵|噪|扰民|轰|钻|砸|装修|拆|机器|停工|收工|夜里|夜间|半夜|凌晨/,
  /冒|漏|流|排|渗|溢|污水|臭/,
  /堆|放|占|倒|渣土/,
  /烧|烟/,
]
function goesOnAsComplained(earlierDescription: string, said: string): boolean {
  const named = STILL_GOING.exec(said)?.[0] ?? ''
  const kinds = GOINGS_ON.filter((kind) => kind.test(named))
  // 「根本没停」「又开始了」 name no kind: they can only mean what was complained of.
  return kinds.length === 0 || kinds.some((kind) => kind.test(earlierDescription))
}
function saysStillUnresolved(body: string): boolean {
  return (
    [...body].length <= 40 &&
    (STILL_UNRESOLVED.test(body) || NOT_FIXED.test(body) || STILL_GOING.test(body)) &&
    !findPlace(body) &&
    !dangerIn(body)
  )
}
/** Impatience said with a ticket's number (「TS… 怎么还没人处理」): that complaint is chased, not only looked up. */
const IMPATIENT =
  /没人管|没人处理|没人来|没人理|没动静|没回音|还没(?:有)?(?:人)?(?:处理|解决|修|来|回复|答复)|太慢|这么慢|催(?:一下|一催|办)?/
/**
 * 「有人在搭彩钢棚」「已经坏了三天了」「一直没人管」 beside the place in answer to where: more of what is wrong — who is
 * doing what, or for how long — which the description keeps (it had been kept as part of the place).
 */
const SAYS_MORE_OF_WHAT =
  /^(?:有人(?:在|正在|偷偷|私自|天天|经常)?[\u4e00-\u9fa5]{2,}|(?:已经|都|一直|好几天|好久|经常|天天|每天|总是|老是|又)[\u4e00-\u9fa5]{1,}|[\u4e00-\u9fa5]{1,10}(?:了|着)(?:[一两三四五六七八九十几0-9]+(?:天|个?月|周|个?星期|年|个?小时))?(?:了)?)[。！!~～\s]*$/
/** 「我的手机号换了，新号码是…」「换号了」: the number to reach them by has changed. */
const PHONE_CHANGED =
  /(?:改|换|更新|修改|变更)(?:一下)?(?:我的)?(?:联系)?(?:电话|手机号?|号码|联系方式)|(?:手机|电话|号码|联系方式).{0,4}(?:换了|变了|改了|更换|变更|停用)|新(?:的)?(?:手机号?|电话|号码|联系方式)|换(?:了)?(?:个|一个)?(?:新)?(?:手机号|电话|号码|号)|(?:打|联系|联系我)(?:这个|此)(?:号码?|电话)/
/** 「不对 是139…」「电话打错了 应该是…」「号码写错了」: the number just given, put right (with the new one in the message). */
const PHONE_CORRECTED =
  /^(?:不对|错了|不是(?:这个)?|说错了|打错了|写错了|输错了|搞错了|更正|纠正)|(?:电话|手机号?|号码|联系方式).{0,4}(?:打错|写错|输错|填错|说错|搞错|错了|不对|有误)|(?:应该|应)是/
/** 「你们的电话是多少」「有没有投诉电话」「打什么电话」: the bureau's own number asked for. */
const ASKS_OUR_PHONE =
  /(?:你们|住建局|贵单位|这边|这里|单位|投诉|举报|办公室|值班)(?:的)?(?:电话|热线|联系电话|电话号码|号码|座机)(?:是)?(?:多少|几号|是什么|是啥)|(?:有没有|有)(?:投诉|举报|联系|人工)?(?:电话|热线)(?:吗|啊|呀)?[？?]*$|(?:打|拨)(?:什么|哪个|啥)(?:电话|号码)|^(?:电话|联系电话|投诉电话|热线)(?:多少|是多少|号码)?[？?]*$/
/** 「电话一直没人接」「打了好几次都打不通」: calls that went unanswered. */
const CALLS_UNANSWERED =
  /电话.{0,8}(?:没人接|打不通|无人接听|没有人接|一直占线|占线)|打了.{0,8}(?:没人接|打不通|无人接听|没有人接)|(?:没人接|打不通)(?:电话)?[，,。！!\s]*$/
/** 「你们是机器人吗」「转人工」: who answers here. */
const ASKS_WHO_ANSWERS =
  /机器人|人工(?:客服|服务)?|真人|自动回复|智能客服|(?:是|有)人(?:在)?(?:回复|看|管)吗|(?:公众号|这里|你们)(?:是)?(?:干嘛|干什么|做什么|干啥)的|你们是(?:谁|什么单位|哪个单位|哪里的|哪个部门|什么部门|哪个机构|什么机构|哪家)|你们是(?:不是)?(?:住建局|住建部门|住房和城乡建设局|政府|官方)|(?:这是|这个是|你们是)?(?:哪个|什么)(?:单位|部门)的(?:公众号|号|账号)?/

/**
 * 「我想知道处理人是谁」「给我一个负责人的电话」「谁在处理我的投诉」: who has the complaint — answered with the unit
 * (staff's own numbers are not given out), and a call back offered (it was told to ask the bureau's offices, or taken
 * for a place).
 */
const ASKS_WHO_HANDLES =
  /(?:负责人|处理人|经办人|承办人|工作人员|办事员|师傅|领导)(?:的)?(?:电话|手机|联系方式|号码|微信)|(?:处理人|负责人|经办人|承办人|承办单位|处理单位)(?:是)?(?:谁|哪个|哪位|哪家)|(?:谁|哪个单位|哪个部门|哪家)(?:在)?(?:处理|负责|办理|跟进)(?:我的|我这个|我反映的|我投诉的)(?:投诉|问题|事情?)|(?:我的|我这个|我反映的|我投诉的)(?:投诉|问题|事情?)(?:是)?(?:谁|哪个单位|哪个部门|哪家)(?:在)?(?:处理|负责|办理|跟进|管)/

/** 「我想申请危房鉴定」「要办理…」: a service applied for, not a problem reported. */
const APPLYING = /^(?:你好|您好)?[，,\s]*(?:我|我们)?(?:想|要|需要|准备)?(?:申请|办理|申办|报名)/
/** Complaints about how staff behave, not about a hazard. */
const ABOUT_STAFF_CONDUCT =
  /(?:工作人员|你们的人|办事员|窗口|执法人员|城管|客服|处理人员|经办人员?|办理人员|维修人员)[^，。,]{0,8}(?:态度|不作为|刁难|吃拿卡要|推诿|不理人|骂人|服务差)/

/** 「满意」「非常满意」「不太满意」「还行」: a verdict on how it was handled, said alone. */
const SATISFACTION =
  /^(?:我|我们)?(?:非常|很|挺|比较|基本|还算|十分)?(?:不太|不是很|不)?满意(?:的|了|啦|吧)?(?:[，,。！!\s]*(?:谢谢|感谢|多谢)(?:你们|您|了|啦)?)?[。！!~～]*$|^(?:还行|还可以|一般般?|凑合|马马虎虎)(?:吧|啊|了)?[。！!~～]*$/
/** 「谢谢，」「好的，」 before what the citizen goes on to say. */
function withoutCourtesyLead(body: string): string {
  return body.replace(/^(?:(?:谢谢|感谢|多谢|好的|好|嗯|哦)(?:你们|您|了|啊)?[，,。！!\s]*)+(?=\S)/, '')
}

/** 「我要追加投诉内容：…」「补充一下：…」: more for the complaint already made. */
const ADDING =
  /^(?:(?:刚才|刚刚|上面|之前)(?:的|那个|那条)?(?:投诉)?[，,\s]*)?(?:我要|我想|再)?(?:追加|补充)(?:一下|一点)?(?:投诉|举报|反映)?(?:的)?(?:内容|情况|说明)?[:：，,\s]+(.{2,})$/
/**
 * 「还有噪音也很大」「另外晚上灰尘也多」「还有灰尘很大」: something more about the problem just reported — with 也, or
 * how bad it is said (很/特别/太…); never another spot (旁边、另一处、一个…).
 */
const ALSO_ABOUT_IT =
  /^(?:还有|另外|而且|并且)[，,\s]?(?!.*(?:旁边|附近|对面|隔壁|另一|另外一|一个|一处|一条|一根|一棵|一块))[^，。,]{0,10}?(?:也(?:很|特别|非常|挺|太|比较)?|(?:很|特别|非常|挺|太|比较|相当|超级|巨))[^，。,]{0,6}[。！!]*$/
/**
 * 「能不能让他们停下来」「麻烦让工地晚上别施工了」 just after a ticket: what the citizen wants done about it — on that
 * ticket, for its handlers (it was told how to report).
 */
const WANTS_DONE =
  /^(?:你们)?(?:能不能|能否|可不可以|可以|麻烦|请|希望|赶紧|尽快|快点)?(?:你们)?(?:帮忙)?(?:让|叫|要求|督促|制止|管管)(?:一下)?(?:他们|工地|施工方|施工单位|对方|那边)?(?:马上|立即|赶紧|晚上|夜里|以后)?(?:停下来|停工|停了|停下|停止|别|不要|不准|暂停|整改|处理)[^，。,]{0,12}[吗吧啊呀。！!？?]*$/
/**
 * 「晚上十点以后」「每天都这样」「一直都是这样的」 just after a ticket: when it happens, how often or since when — more
 * about the problem just reported, never a new one asked for its place.
 */
const WHEN_TOKEN =
  '(?:每天|天天|每晚|每周|每个?星期|平时|经常|一直|总是|老是|从|自从|已经|都是?|也|还|就|在|晚上|夜里|夜间|半夜|深夜|凌晨|早上|早晨|清晨|上午|中午|下午|傍晚|白天|周末|节假日|工作日|昨天|前天|今天|今晚|昨晚|上周|这周|本周|最近|这几天|这段时间|好?[0-9０-９一二两三四五六七八九十几半]+(?:点半?|点钟|时|个多?月|个多?星期|多?天|周|年|个?小时|多)?|以后|之后|以前|之前|开始|起|到|至|左右|多|了|的|这样|如此|一样|还在|吵|施工|干活|干|搞|做|弄|打桩|敲|响|开工|持续)'
const WHEN_ALONE = new RegExp(`^(?:${WHEN_TOKEN}[，,、\\s]*){1,10}[。！!~～]*$`)
function saysOnlyWhen(body: string): boolean {
  return (
    [...body].length <= 16 &&
    WHEN_ALONE.test(body) &&
    /点|晚|夜|凌晨|早|午|白天|周|天|月|年|星期|礼拜|小时|最近|一直|经常|总是|老是/.test(body)
  )
}
/** How big it is (「大概有脸盆那么大」「有一米多深」) or how risky (「晚上很危险」「有小孩掉下去过」), said alone. */
const SIZE_SAID =
  /(?:那么|这么)(?:大|深|宽|长|高)|^(?:很|好|挺|特别|非常|相当|超级?)(?:深|大|宽|长)(?:的|了|啊|呀)?(?:一个|一块|一片|一处|个)?(?:坑|洞|口子)?(?:啊|呀|了)?[。！!~～]*$|[0-9一二两三四五六七八九十半几]+(?:多)?(?:米|公分|厘米|cm|平方米?|平米)(?:多)?|脸盆|碗口|拳头|篮球|车轮/i
const RISK_SAID =
  /危险|容易(?:摔|掉|出事|绊|崴|伤)|差点|有(?:人|小孩|孩子|老人|车|电动车)(?:摔|掉|崴|绊|撞|陷)|(?:骑车|骑电动车|开车|走路|路过|过路|经过)的(?:人)?(?:都|已经)?(?:摔|掉|崴|绊|撞|陷)|(?:摔|掉|崴|绊|撞)(?:了|倒了|伤了|下去)?(?:好几|几|一|两|三|[0-9]+)(?:个|次|回)|(?:晚上|夜里)(?:看不见|看不清|没灯|很黑|黑)|吓人|出过事|掉下去过|摔过|摔倒过/
/** 「吵死了」「吵得睡不着」 inside what is said: how much of a nuisance it is. */
const NUISANCE_IN = /吵|噪音|扰民|臭|灰尘|扬尘|粉尘/
/** How much of a nuisance it is: 「吵死了」「臭得要命」「吵得睡不着」. */
const NUISANCE_SAID =
  /^(?:真|太|好|特别|非常|简直)?(?:吵|臭|呛|脏)(?:死了?|死人了?|得(?:很|要命|不行|受不了|睡不着(?:觉)?)|了|啊|呀)+[。！!~～]*$/
function saysMoreOfIt(body: string): boolean {
  if ([...body].length > 24 || !(SIZE_SAID.test(body) || RISK_SAID.test(body) || NUISANCE_SAID.test(body))) return false
  // Nothing wrong of its own besides the size or the risk: 「路灯也坏了」 is another problem. (「骑电动车的摔了好几个」:
  // the ones hurt came by, the 电动车 is no thing reported.)
  const rest = body.replace(RISK_SAID, '').replace(SIZE_SAID, '').replace(NUISANCE_SAID, '')
  return !namesDefect(rest) && !namesAThing(rest)
}
/** 「来过了但是没修好」「修过了还是坏的」: the complaint was handled, and it is not right. */
const NOT_FIXED =
  /(?:来过|来看过|看过|修过|处理过|答复|回复)(?:了)?[，,]?(?:但是?|可是|还是|结果|不过)?.{0,6}(?:没修好|没好|没解决|还是坏|又坏|没用|没处理好|没弄好|没有修好|没有解决)/
/** 「不用」「不留」「不要了」「不方便」 to 「如需工作人员电话联系您」. */
const DECLINES_CALL =
  /^(?:不用|不需要|无需|不必|不了|不留|不方便)|^不要(?:了|电话|联系)?[。！!，,~～\s]*$|^(?:不要|别|不用|不想)(?:给我)?打电话|^(?:在这里|这里|公众号(?:上|里)?|微信(?:上|里)?)(?:联系|回复|留言|告诉|答复)(?:我)?(?:就行|就好|就可以|即可)?[。！!~～\s]*$|^(?:发)?(?:个)?短信(?:联系|通知|告诉)?(?:我)?(?:就行|就好|就可以|即可)?[。！!~～\s]*$/
/** 「我不想留电话」「不方便留电话」: no number given. */
const NO_PHONE = /不想留(?:电话|号码|手机号?)|不留(?:电话|号码|手机号?)|不方便留|不给(?:电话|号码)|不想被打(?:电话)?/
/** 「能给我打个电话吗」「电话联系我」: a call back asked for. */
const WANTS_A_CALL =
  /(?:给我|跟我|和我)打(?:个)?电话|打(?:个)?电话给我|电话联系我|联系一下我|回(?:个)?电话|^(?:请|麻烦)(?:尽快)?联系(?:一下)?我/

/** 「这个是在芙蓉路上拍的」「照片是人民路拍的」: the place a photo was taken, without the words about the photo. */
const SHOT_AT =
  /^(?:这个|这张|这些|这|图片|照片|图|视频)?(?:都)?(?:是|就是)?(?:在)?(.{2,}?)(?:上|里|这里|那里|那边)?(?:拍的|拍摄的|照的|拍到的|拍的照片|拍的图)[。！!.~～\s]*$/
/** 「这个是人民路的」「照片是建设路」「就是人民路这里」: where what was sent is, said with 是 — the place, not yet what. */
const SAID_TO_BE_AT =
  /^(?:这个|这张|这些|这|那个|那|照片|图片|图|视频)?(?:都)?(?:是|就是)(?:在)?(.{2,}?)(?:的|这里|那里|这边|那边)?[。！!~～\s]*$/
/** 「我家在」「我住在」「我们家就在」: the words before where someone lives. */
const HOME_IS = /^(?:我家|我们家|我|家)(?:就)?(?:住)?(?:在)/

/** A test, a laugh or a sound (「测试」「哈哈哈」「啊啊啊啊」): nothing to file. */
const NO_CONTENT = /^(?:测试|试试|试一下|测试一下|test|testing)+$|^[哈啊呵嘿嗯哦额呃哎唉]+$/i

/**
 * Nothing a complaint could be made of: markup or a link with no words around it, a test or a laugh, one
 * character over and over, or Latin letters that are not a sentence (「asdfghjkl」; 「the manhole cover on Renmin
 * Road is missing」 is one, and is taken).
 */
function saysNothing(body: string): boolean {
  // A phone number alone says how to reach them (kept below), not nothing.
  if (findMobileNumber(body)) return false
  const plain = body
    .replace(/<[^>]*>/g, ' ')
    .replace(/https?:\/\/\S+/gi, ' ')
    .trim()
  const bare = plain.replace(/[\s，,。.！!？?~～、…]+/g, '')
  // 「啊啊啊」, or the same words pasted over and over (「人民路人民路人民路人民路…」).
  if (!bare || NO_CONTENT.test(bare) || /^(.)\1+$/u.test(bare) || /^(.{2,12}?)\1{3,}$/u.test(bare)) return true
  // No Chinese: a few English words are someone writing; code or markup (「'; DROP TABLE…」「${jndi:…}」) is not.
  return (
    !/[\u4e00-\u9fa5]/.test(plain) && ((plain.match(/[A-Za-z]{2,}/g) ?? []).length < 3 || /[;{}<>$%=|\\`]/.test(plain))
  )
}

/** 「怎么评价」「在哪里打分」「满意度怎么填」: how to rate the handling. */
const HOW_TO_RATE =
  /^(?:你好|您好)?[，,\s]*(?:请问|问一下)?[，,\s]*(?:(?:怎么|怎样|如何|在哪里?|去哪里?|哪里可以|能不能|可以)(?:给|对)?(?:你们|处理结果|办理结果)?(?:进行)?(?:评价|打分|评分|点评|反馈满意度|填满意度)|(?:评价|打分|评分|满意度)(?:要|在)?(?:怎么|如何|在哪里?)(?:弄|填|打|评|做)?)[吗呢？?。]*$|^(?:我)?(?:要|想)(?:给)?(?:你们)?(?:打(?:个)?分|评分|评价(?:一下)?)[。！!]*$/
/** 「附件是照片」「下面是现场图片」「照片如下」: photos said to follow. */
const PHOTOS_ANNOUNCED =
  /^(?:附件|附图|下面|以下|后面)(?:是|为)?(?:现场)?(?:的)?(?:照片|图片|截图|视频)[:：。！!~～\s]*$|^(?:现场)?(?:照片|图片)(?:如下|在下面|见下|见附件)[:：。！!~～\s]*$/
/** 「我想知道是谁举报的」「举报人是谁」: who made a report, asked. */
const WHO_REPORTED =
  /(?:是)?谁(?:举报|投诉|反映|告)(?:的|了我|我)|(?:举报|投诉)(?:人|者)是谁|(?:告诉|透露)(?:我)?(?:一下)?(?:举报|投诉)(?:人|者)/
/** 「请问怎么投诉物业不作为」「在哪里可以举报」: how to report, asked before reporting anything. */
const HOW_TO_REPORT =
  /^(?:你好|您好)?[，,\s]*(?:请问|问一下|想问一下|我想问一下?)?[，,\s]*(?:怎么|怎样|如何|在哪里?|去哪里?|哪里可以|能不能|可以)(?:才能)?(?:在这里?)?(?:投诉|举报|反映|报修)/

/**
 * Citizens on the Official Account: a text is a complaint, answered at once with its ticket number and
 * deadline (the LLM gets a short budget here: the answer must fit the platform's 5-second passive reply);
 * photos and locations join their latest complaint; 查询 shows progress.
 */
export async function handleCitizen(turn: Turn): Promise<Reply[]> {
  const { message } = turn
  const replies: Reply[] = []
  if (message.kind === 'event') {
    const { name, key } = message.event ?? {}
    // A menu button is a person asking: 「查询进度」 (whatever key the bureau gave it) shows their complaints, any
    // other button how to report. Scanning the bureau's QR code while already following is a greeting too.
    if (name === 'click' && /query|status|progress|查询|进度/i.test(key ?? ''))
      return handleCitizen({ ...turn, message: { ...message, kind: 'text', text: '查询' } })
    if (name === 'subscribe' || name === 'scan') replies.push(text(WORDING.citizenWelcome))
    if (name === 'click') replies.push(text(WORDING.citizenQuestion))
    return replies
  }
  // Outcomes that could not be pushed are told on the citizen's next message.
  for (const pending of await pendingOutcomesFor(
    turn.ctx,
    message.channel === 'console' ? 'console' : 'mp',
    message.botId,
    message.sender.externalId,
  )) {
    replies.push(text(WORDING.complaintOutcome(pending.code, pending.outcome ?? '')))
    await markOutcomeDelivered(turn.ctx, pending.id)
  }
  const body = message.kind === 'voice' ? message.text : message.kind === 'text' ? message.text : undefined
  if (message.kind === 'voice' && !body) return [...replies, text(WORDING.citizenVoiceNoText)]
  // A report pasted over and over is that report once (see onceIfPastedOver); what it repeats decides below.
  if (body !== undefined) {
    // 「https://… 你们看看这个新闻」: a link forwarded is not read; what the citizen says around it may be a report.
    const unlinked = body.replace(LINK, ' ').trim()
    // (A link alone says nothing, answered as such below; at the question of where, that a link shows no place.)
    if (unlinked && unlinked !== body.trim() && !namesDefect(unlinked) && !dangerIn(unlinked) && !findPlace(unlinked))
      return [...replies, text(WORDING.citizenLinkNotOpened)]
    // 「（图片）人民路井盖」「[语音] …」: what a client or a forward put for what it could not carry says nothing.
    const said = withoutFillerLead(withoutMediaPlaceholders(unlinked || body))
    const once = onceIfPastedOver(said)
    return [...replies, ...(await handleCitizenText(turn, namesDefect(once) ? once : said))]
  }
  if (message.kind === 'location') {
    const placed = await placeFromLocation(turn)
    if (placed) return [...replies, ...placed]
  }
  if (message.kind === 'image' || message.kind === 'location') return [...replies, ...(await attachToLatest(turn))]
  return [...replies, text(WORDING.unsupportedType(message.rawType ?? message.kind))]
}

/** The citizen's conversation row, locked for this message, and whether its pending question is still open. */
async function citizenSession(turn: Turn) {
  const { ctx, message } = turn
  const session = await lockSession(ctx.db, {
    channel: message.channel,
    botId: message.botId,
    senderExternalId: message.sender.externalId,
  })
  const live = session.expiresAt !== null && session.expiresAt.getTime() > ctx.clock.now().getTime()
  return { session, live }
}

async function handleCitizenText(turn: Turn, typed: string): Promise<Reply[]> {
  const { ctx, message } = turn
  const { session, live } = await citizenSession(turn)
  const awaitingContact = live && session.step === STEP_CONTACT
  const awaitingDuplicate = live && session.step === STEP_DUPLICATE
  const awaitingPlace = live && session.step === STEP_PLACE
  // What was said first, on its own — a place (「人民路88号」), a thing (「路灯」), a number, 「我要投诉」 — waits for
  // what is wrong.
  const held: Held = live && session.step === STEP_WHAT ? (session.draft as Held) : {}
  // 「路灯」 then 「不亮」: a message in pieces, the thing said first and what is wrong with it after.
  // 「就是我们小区门口那条路」 then 「全是坑」: the rough where said first is what the problem is about.
  // 「人民路上那个工地」 then 「每天早上5点就开始干活 吵死了」: what it does, naming nothing else, is about the thing
  // held too (the 工地 had been lost, and the ticket left unrouted as 其他).
  const aboutTheThingHeld =
    held.thing !== undefined &&
    !typed.includes(held.thing) &&
    !placeAlone(typed) &&
    (([...typed].length <= 12 && namesDefect(typed)) ||
      ([...typed].length <= 40 &&
        !namesAThing(typed) &&
        !findPlace(typed) &&
        !isQuestion(typed) &&
        !isCourtesy(typed) &&
        (saysMoreOfIt(typed) || saysOnlyWhen(typed) || namesDefect(typed) || NUISANCE_IN.test(typed))))
  const body = aboutTheThingHeld
    ? `${held.roughWhere ? `${held.roughWhere}，` : ''}${held.thing}${typed}`
    : held.roughWhere && !findPlace(typed) && namesDefect(typed)
      ? `${held.roughWhere}，${typed}`
      : typed
  const hold = async (more: Held, reply: string) => {
    session.step = STEP_WHAT
    session.draft = { ...held, ...more }
    await keep()
    return [text(reply)]
  }
  const pending = session.draft
  const complaintId = Number(session.draft.complaintId)
  // The other complaints of one message that numbered several: one call-back answer is for all of them.
  const filedWith = Array.isArray(session.draft.filedWith) ? session.draft.filedWith.map(Number) : []
  const keep = async () => saveSession(ctx.db, session, ctx.clock.now(), turn.forms.idleMs)
  const forget = async () => {
    clearSession(session)
    await keep()
  }
  // What waits is dropped — only that: another problem told while it waited for its place is asked where next.
  const dropWaiting = async (): Promise<Reply[]> => {
    await forget()
    const dropped = pending as unknown as PendingComplaint
    const askedNext = await askWhereTheNextIs(turn, dropped, undefined)
    return [
      text(
        askedNext
          ? `${WORDING.pendingDroppedOne(clip(dropped.description, 20))}\n${askedNext}`
          : WORDING.pendingDropped,
      ),
    ]
  }
  // 「投诉编号TS20261123-0001现在什么情况」: a ticket number in a message that names no place asks after it.
  // (Impatience while the report waits for its place — 「人呢？」「再不处理我就打12345了」 — is about that report: the
  // place is asked again, below, rather than earlier tickets looked up.)
  const hurriesThePending = awaitingPlace && isUrging(body) && !ASKS_OWN_COMPLAINTS.test(body) && !normaliseCode(body)
  const narrowsToNamed =
    !awaitingPlace &&
    !held.thing &&
    !held.locationText &&
    NARROWS_TO_NAMED.test(body) &&
    namesARecord(body) &&
    !namesDefect(body) &&
    // (Naming none of theirs — 「芙蓉路那个」 from someone who complained of no 芙蓉路 — it begins a report.)
    recordsNamed(
      await ctx.db
        .select()
        .from(complaints)
        .where(eq(complaints.citizenExternalId, message.sender.externalId))
        .orderBy(desc(complaints.receivedAt), desc(complaints.id))
        .limit(30),
      body,
    ).length > 0
  const asksProgress =
    (isProgressQuestion(body) && !hurriesThePending) ||
    narrowsToNamed ||
    (normaliseCode(body)?.startsWith('TS') === true && !findPlace(body))
  const isQuery = /^(查询|进度|查)/.test(body) || /^(?:类别|分类)[\s:：]/.test(body) || asksProgress

  // 「我想改一下刚才的地址，应该是人民路86号」: the place of the complaint filed last, put right — even while another
  // complaint waits for its own place.
  const correcting = PLACE_CORRECTED.test(body) && !awaitingDuplicate
  const latestToCorrect = correcting
    ? await latestOpenComplaint(ctx, message.botId, message.sender.externalId, FOLLOW_UP_WINDOW_MS)
    : undefined
  const corrected = correcting ? correctedPlaceIn(body, latestToCorrect?.locationText) : undefined
  if (corrected) {
    const latest = latestToCorrect
    if (latest) {
      await correctComplaintPlace(ctx, latest, corrected)
      const reply = text(WORDING.citizenPlaceCorrected(latest.code, corrected))
      return awaitingPlace ? [reply, text(WORDING.placeStillNeededForPending)] : [reply]
    }
  }
  // 「不是井盖 是下水道盖子」 just after a ticket: the thing put right, for its handlers (it was asked where, as a report).
  const swapped = NOT_THIS_BUT.exec(body)?.[1]
  if (
    swapped &&
    !awaitingPlace &&
    !awaitingDuplicate &&
    (WATCHED_THING.test(swapped) || namesAThing(swapped)) &&
    !findPlace(body)
  ) {
    const latest = await latestOpenComplaint(ctx, message.botId, message.sender.externalId, ATTACH_WINDOW_MS)
    if (latest) {
      await addComplaintNote(ctx, latest, `市民更正：${body}`)
      return [text(WORDING.citizenAdded(latest.code))]
    }
  }
  // 「根本没修好，还是那样」 after the answer: the problem is still there — on the history, and the unit and the duty
  // officer told. (While a complaint is open, the same words chase it: see isUrging below.)
  if (!awaitingPlace && !awaitingDuplicate && saysStillUnresolved(body)) {
    const latest = await latestComplaintOf(ctx, message.botId, message.sender.externalId, FOLLOW_UP_WINDOW_MS)
    const namesWhich = WATCHED_THING.test(body) || namesAThing(body)
    // (「小区电梯又坏了」 after a manhole cover's answer is another thing: a report of its own, below.)
    const answered = (c: ComplaintRow) =>
      (c.status === 'replied' || c.status === 'closed') && (!namesWhich || speaksOf(c, body))
    // 「井盖还是没有」 when a lamp's complaint came after the manhole's answer: the answered one about that thing (it
    // was asked where, as a report).
    const unresolved =
      latest && answered(latest)
        ? latest
        : namesWhich && !(latest && isComplaintOpen(latest.status) && speaksOf(latest, body))
          ? (await answeredComplaintsOf(ctx, message.botId, message.sender.externalId, FOLLOW_UP_WINDOW_MS)).find(
              answered,
            )
          : undefined
    if (unresolved) {
      await reportStillUnresolved(ctx, unresolved, body, `${message.channel}:${message.botId}:${message.messageId}`)
      return [text(WORDING.citizenStillUnresolved(unresolved.code))]
    }
    // 「你们上次处理的那个井盖又坏了」 while its complaint is still open: on its history, for its handlers.
    if (latest && isComplaintOpen(latest.status) && speaksOf(latest, body) && WATCHED_THING.test(body)) {
      await addComplaintNote(ctx, latest, `市民反馈：${body}`)
      return [text(WORDING.followUpForwarded(latest.code))]
    }
    // 「还没修好啊，我刚路过看了」 before any answer, naming no thing at all: it chases the open complaint. (「我家小区电梯
    // 又坏了」 names another; 「来过了但是没修好」 tells how its handling went, below.)
    // (「你们上次修的路又坏了」 speaks of something repaired before, not of the complaint still open: a new report.)
    if (
      latest &&
      isComplaintOpen(latest.status) &&
      !WATCHED_THING.test(body) &&
      // (「还是在施工啊 根本没停」 names the work complained of: the same complaint, when nothing puts it elsewhere;
      // 「晚上十一点了还在打桩」 with a leaning crane's ticket open is work of its own, a report.)
      (STILL_GOING.test(body) ? speaksOf(latest, body) : !namesAThing(body)) &&
      !NOT_FIXED.test(body) &&
      !BROKEN_AGAIN.test(body)
    ) {
      await addComplaintNote(ctx, latest, `市民催办：${body}`)
      return [text(WORDING.citizenUrged(latest.code, latest.status))]
    }
  }
  // 「满意」「不太满意」 after an answer: the citizen's verdict on the latest complaint, kept on its history.
  const verdict =
    SATISFACTION.exec(withoutCourtesyLead(body)) ??
    (body.length <= 20 && !findPlace(body) && !namesDefect(body) ? /不满意|很满意|非常满意/.exec(body) : null)
  if (verdict && !awaitingPlace && !awaitingDuplicate) {
    const latest = await latestComplaintOf(ctx, message.botId, message.sender.externalId, FOLLOW_UP_WINDOW_MS)
    if (latest) {
      await addComplaintNote(ctx, latest, `${CITIZEN_VERDICT_NOTE}${body}`)
      if (/不/.test(verdict[0])) return [text(WORDING.citizenDissatisfied(latest.code))]
      // (Before the answer there is no result to rate: 「感谢您的评价」 had said the rating was taken as one.)
      return [
        text(
          isComplaintOpen(latest.status)
            ? WORDING.citizenSatisfiedBeforeAnswer(latest.code, latest.status)
            : WORDING.citizenSatisfied,
        ),
      ]
    }
    return [text(WORDING.noComplaints)]
  }
  // 「我要撤回刚才的投诉」「已经修好了」: about what was reported, never a complaint of its own.
  // (A thing or a place must be named: 「我不要了」 names neither.)
  const thingWithdrawn = WITHDRAW_NAMED.exec(body)?.[1]
  const namesWhat = (said: string | undefined) =>
    Boolean(said && (WATCHED_THING.test(said) || namesAThing(said) || findPlace(said)))
  const withdrawal =
    WITHDRAW.test(body) ||
    WITHDRAW.test(body.replace(GIVING_UP_LEAD, '')) ||
    namesWhat(thingWithdrawn) ||
    WITHDRAW_ALL.test(body)
      ? 'withdraw'
      : isResolvedNote(withoutCourtesyLead(body))
        ? 'resolved'
        : isUrging(body)
          ? 'urge'
          : undefined
  // 「小区门口的马路被挖开一个多月了，一直没人管」 reports a problem long neglected: a new complaint, unless it is the
  // very thing of the complaint still open (「路灯坏了一直没人管」 with the lamp's ticket open chases that ticket).
  let reportsAnew = false
  if (withdrawal === 'urge' && !awaitingPlace && !awaitingDuplicate) {
    // 「我上次投诉的路灯还没修」: the open complaint about the thing named, not simply the latest (a manhole's).
    // (Only when an earlier complaint is spoken of: 「路灯坏了一直没人管」 alone may be a new report, below.)
    const thingUrged = SPEAKS_OF_EARLIER.test(body) ? WATCHED_THING.exec(body)?.[0] : undefined
    const open = thingUrged
      ? await openComplaintsOf(ctx, message.botId, message.sender.externalId, FOLLOW_UP_WINDOW_MS)
      : []
    if (thingUrged && open.length > 0 && !open.some((c) => c.description.includes(thingUrged)))
      return [text(WORDING.citizenNoComplaintAbout(thingUrged))]
    const latest = thingUrged
      ? open.find((c) => c.description.includes(thingUrged))
      : await latestOpenComplaint(ctx, message.botId, message.sender.externalId, FOLLOW_UP_WINDOW_MS)
    const rest = body.replace(URGING, '')
    reportsAnew = namesDefect(rest) && (!latest || !speaksOf(latest, rest))
    if (latest && !reportsAnew) {
      await addComplaintNote(ctx, latest, `市民催办：${body}`)
      return [text(WORDING.citizenUrged(latest.code, latest.status))]
    }
    // None open, and nothing reported: where the latest ones stand (below, as a progress question).
  } else if (withdrawal && withdrawal !== 'urge') {
    if (awaitingPlace || awaitingDuplicate) return dropWaiting()
    // 「两个都不用管了」: every open one asked to be withdrawn, each on its own history.
    if (withdrawal === 'withdraw' && WITHDRAW_ALL.test(body)) {
      const open = await openComplaintsOf(ctx, message.botId, message.sender.externalId, FOLLOW_UP_WINDOW_MS)
      if (open.length === 0) return [text(WORDING.noOpenComplaint)]
      for (const complaint of open) await addComplaintNote(ctx, complaint, `市民申请撤回：${body}`)
      return [text(WORDING.citizenWithdrawalsAsked(open.map((c) => c.code)))]
    }
    // 「井盖那个撤销吧」: the open one about that thing, among several.
    const thing = withdrawal === 'withdraw' && namesWhat(thingWithdrawn) ? thingWithdrawn : undefined
    const named = thing
      ? (await openComplaintsOf(ctx, message.botId, message.sender.externalId, FOLLOW_UP_WINDOW_MS)).filter((c) =>
          c.description.includes(thing),
        )
      : []
    // 「我要撤销投诉」 with several open and none named nor pointed at (「刚才的」): which one is asked (the latest had
    // been taken) — unless only one was made lately, which the conversation is about.
    if (withdrawal === 'withdraw' && !thing && !POINTS_AT_LAST.test(body)) {
      const open = await openComplaintsOf(ctx, message.botId, message.sender.externalId, FOLLOW_UP_WINDOW_MS)
      if (open.length > 1 && madeLately(ctx, open).length !== 1)
        return [text(WORDING.citizenWhichToWithdraw(open.map((c) => `· ${c.code} ${clip(c.description, 20)}`)))]
    }
    // (Several about that thing: the latest of them.)
    const latest =
      named.length > 0
        ? named.reduce((a, b) => (b.id > a.id ? b : a))
        : await latestOpenComplaint(ctx, message.botId, message.sender.externalId, FOLLOW_UP_WINDOW_MS)
    if (latest) {
      if (withdrawal === 'withdraw') {
        await addComplaintNote(ctx, latest, `市民申请撤回：${body}`)
        return [text(WORDING.citizenWithdrawalAsked(latest.code))]
      }
      await addComplaintNote(ctx, latest, `市民反馈：${body}`)
      return [text(WORDING.followUpForwarded(latest.code))]
    }
    if (withdrawal === 'withdraw') return [text(WORDING.noOpenComplaint)]
    // 「谢谢，已经修好了」 after the answer: the citizen confirms it, on the history of the complaint it is about.
    const answered = await latestComplaintOf(ctx, message.botId, message.sender.externalId, FOLLOW_UP_WINDOW_MS)
    if (answered) await addComplaintNote(ctx, answered, `市民反馈：${body}`)
    return [text(WORDING.citizenConfirmsResolved)]
  }
  if (!awaitingPlace && !awaitingDuplicate && !findPlace(body) && !namesDefect(body)) {
    // 「我的投诉被转到哪个单位了」: the unit that has the latest one.
    // (「我投诉的TS…为什么派给了园林局」: the one its number names, why it went there, and how a wrong kind is put
    // right — it had answered with the latest one.)
    if (ASKS_WHICH_UNIT.test(body)) {
      const code = normaliseCode(body)
      const named = code ? await findComplaintByCode(ctx.db, code) : undefined
      if (code && named?.citizenExternalId !== message.sender.externalId) return [text(WORDING.complaintNotFound(code))]
      // (Several open, none named and none made lately alone: each one's unit — it had named the latest alone.)
      const open = named
        ? []
        : await openComplaintsOf(ctx, message.botId, message.sender.externalId, FOLLOW_UP_WINDOW_MS)
      if (open.length > 1 && madeLately(ctx, open).length !== 1 && !/为什么|为啥|怎么会/.test(body)) {
        const lines = []
        for (const complaint of open.slice(0, 5)) {
          const unit = complaint.unitId === null ? undefined : await unitName(ctx, complaint.unitId)
          lines.push(`· ${complaint.code} ${clip(complaint.description, 16)}：${unit ?? '正在派单'}`)
        }
        return [text(WORDING.citizenHandledByEach(lines))]
      }
      const latest =
        named ?? (await latestComplaintOf(ctx, message.botId, message.sender.externalId, FOLLOW_UP_WINDOW_MS))
      if (!latest) return [text(WORDING.noComplaints)]
      const unit = latest.unitId === null ? undefined : await unitName(ctx, latest.unitId)
      return [
        text(
          /为什么|为啥|怎么会/.test(body)
            ? WORDING.citizenHandledByWhy(latest.code, unit, CATEGORY_LABELS[latest.category])
            : WORDING.citizenHandledBy(latest.code, unit),
        ),
      ]
    }
    // 「处理人员的电话是多少」: not given out; the citizen's own number brings the call.
    if (ASKS_STAFF_PHONE.test(body)) return [text(WORDING.citizenStaffPhone)]
    // 「你们处理完了告诉我一声」: the outcome comes here, of the latest open one.
    if (TELL_ME_WHEN_DONE.test(body)) {
      const latest = await latestOpenComplaint(ctx, message.botId, message.sender.externalId, FOLLOW_UP_WINDOW_MS)
      return [text(latest ? WORDING.citizenWillBeTold(latest.code) : WORDING.noOpenComplaint)]
    }
    // 「我不会打字 能发语音吗」: a voice message is read as text.
    if (ASKS_VOICE.test(body)) return [text(WORDING.citizenVoiceWelcome)]
    // 「来看过了，说不归你们管」「电话打不通啊」: on the latest complaint's history, where its handlers and the duty
    // officer see it.
    if (PASSED_ALONG.test(body) || CANNOT_REACH.test(body)) {
      const latest = await latestComplaintOf(ctx, message.botId, message.sender.externalId, FOLLOW_UP_WINDOW_MS)
      if (latest) {
        await addComplaintNote(ctx, latest, `市民反馈：${body}`)
        return [text(WORDING.followUpForwarded(latest.code))]
      }
    }
  }
  // 「井盖」 then 「算了」: what was held for the rest of the report is dropped.
  // (「撤销」 to the duplicate question or to 「在什么位置」 drops the report that waits for the answer.)
  if ((Object.keys(held).length > 0 || awaitingPlace || awaitingDuplicate) && DROPS_IT.test(body)) return dropWaiting()
  // 「算了 不投诉了」 with nothing waiting: nothing to drop (it had been taken for a report and asked where); what
  // was filed stays unless its withdrawal is asked for.
  if (DROPS_IT.test(body) && !awaitingContact) return [text(WORDING.citizenNothingPending)]
  // 「不好意思发错了」: the last message was not meant — what waits is dropped; a complaint filed moments ago is
  // flagged to its handlers, who withdraw it once they have checked (a citizen's word alone closes nothing).
  if (MISSENT.test(body)) {
    if (awaitingPlace || awaitingDuplicate) return dropWaiting()
    const latest = await latestOpenComplaint(ctx, message.botId, message.sender.externalId, ATTACH_WINDOW_MS)
    if (!latest) return [text(WORDING.citizenMissentNothing)]
    await addComplaintNote(ctx, latest, `市民称误发：${body}`)
    return [text(WORDING.citizenMissent(latest.code))]
  }
  if (awaitingDuplicate) {
    // 「人民路88号门口井盖不见了」 said again to the question after 「人民路88号井盖没了」: the same problem at the same
    // spot, which is a yes (it had linked the report and then asked the same question of the words again).
    const waitingReport = pending as unknown as PendingComplaint
    const restated =
      !dangerIn(body) &&
      sameAddress(findPlace(body), waitingReport.locationText ?? findPlace(waitingReport.description)) &&
      speaksOf(waitingReport, body)
    if (SAYS_SAME.test(body) || restated) {
      await forget()
      return linkToExisting(turn, pending)
    }
    if (SAYS_OTHER.test(body)) {
      await forget()
      // 「我说的是另外一个井盖，在对面」: how it differs is said with the no, and kept with the report.
      const said = pending as unknown as PendingComplaint
      const differs = [...body].length > 6 && !said.description.includes(body)
      return fileComplaint(turn, differs ? { ...said, description: `${said.description}；${body}` } : said, true)
    }
    if (DROPS_IT.test(body)) return dropWaiting()
    // A new problem instead of the answer (danger above all, or another place and what is wrong there): the
    // report waiting is taken as the same problem as the earlier ticket, and the new one is handled at once —
    // nobody waits behind a yes-or-no question.
    if (!isQuery && (dangerIn(body) || (findPlace(body) && namesDefect(body))) && body !== pending.description) {
      await forget()
      const linked = await linkToExisting(turn, pending)
      return [...linked, ...(await handleCitizenText(turn, body))]
    }
    // Anything else keeps the question open: a phone number joins the pending complaint, a query is
    // answered, and the question is asked again.
    if (!isQuery) {
      const phone = findMobileNumber(body)
      if (phone) session.draft.phone = phone
      // What is added joins the report waiting, whichever way it goes. Asked again already, and answered with
      // more about it instead (「每天晚上都吵到12点」「还有门口没有围挡」): nobody is held behind the question a third
      // time — the report is filed on its own with all it said (its handlers can merge it), never lost and never
      // linked to a ticket the person did not agree to.
      const addsWords = !phone && [...body].length >= 4 && !isCourtesy(body)
      const waiting = pending as unknown as PendingComplaint
      const description =
        addsWords && !waiting.description.includes(body) ? `${waiting.description}；${body}` : waiting.description
      if (addsWords && pending.askedAgain === true) {
        await forget()
        return fileComplaint(turn, { ...waiting, description }, true)
      }
      session.draft.description = description
      if (addsWords) session.draft.askedAgain = true
      await keep()
      const code = String(pending.candidateCode ?? '')
      return [text(`${phone ? WORDING.phoneNotedForPending : ''}${WORDING.pendingDuplicate(code)}`)]
    }
  } else if (awaitingPlace && !isQuery) {
    // 「不用」 to where, said as if to the call-back question: the place is still what the ticket needs.
    if (/^(?:不用|不需要|不要|不必|不用留|不留)[。！!，,~～\s]*$/.test(body)) {
      await keep()
      return [text(WORDING.placeStillNeededForPending)]
    }
    const guessed = typeof pending.guessedPlace === 'string' ? pending.guessedPlace : undefined
    if (guessed && /^(?:是|对|是的|对的|没错|嗯|就是|好|好的|可以|行)[。！!]*$/.test(body)) {
      await forget()
      const { guessedPlace: _, ...rest } = pending
      return fileComplaint(turn, { ...(rest as unknown as PendingComplaint), locationText: guessed })
    }
    // 「不是」 to the place guessed: where is asked again, without the guess (it was told 「不是」 was not specific).
    if (guessed && /^(?:不是|不对|错了|否|不是的|不是这里|不在那)[。！!~～\s]*$/.test(body)) {
      const { guessedPlace: _, ...rest } = pending
      session.draft = rest
      await keep()
      return [text(WORDING.askPlace)]
    }
    // A mobile number alone to 「在什么位置」: how to reach them, kept for the ticket; where is asked again.
    const phone = findContactNumber(body)
    if (phone && PHONE_ALONE.test(body.replace(CONTACT_DIGITS, ''))) {
      session.draft.phone = phone
      await keep()
      return [text(`${WORDING.phoneNotedForPending}${WORDING.askPlace}`)]
    }
    // 「我想想」「等一下」 to 「在什么位置」: time to find out where, not a place (it was told it was not specific).
    if (THINKING_OR_WAIT.test(body)) {
      await keep()
      return [text(WORDING.citizenPlaceWait)]
    }
    // 「快来人」「快点啊」 to 「在什么位置」: urgency, not a place — heard, and where asked again (it had been told
    // 「快来人」 was not specific enough). With danger reported, the duty officer already knows.
    // (So is anger or impatience — 「我要找你们领导」「人呢？」「再不处理我就打12345了」 — which had been taken for a
    // place that was not specific enough, or added to what is wrong.)
    // 「你是不是听不懂人话」: the asking itself found hard — apologised for, and the one thing still needed said plainly.
    if (ABOUT_THE_SERVICE.test(body) && !findPlace(body)) {
      await keep()
      return [text(WORDING.placeStillNeededSorry)]
    }
    if ((HURRY.test(body) || ventsAtBureau(body) || isUrging(body) || PRESENCE.test(body)) && !findPlace(body)) {
      await keep()
      const told = Boolean((pending as { danger?: unknown }).danger)
      return [text(told ? WORDING.placeUrgentDanger : WORDING.placeUrgent)]
    }
    // 「谢谢」 to 「在什么位置」: courtesy, not a place; the question stays.
    if (isCourtesy(body)) {
      await keep()
      return [text(thanks(body) ? `不客气。${WORDING.askPlace}` : WORDING.askPlace)]
    }
    const pendingComplaint = pending as unknown as PendingComplaint & { placeUnknown?: boolean }
    // 「阳光小区2栋 有人被困在电梯里」: a danger said with the place (or instead of it) is danger from now on — the ticket
    // is filed with it, and the duty officer told, as if it had been said first.
    const dangerNow = pendingComplaint.danger ? undefined : dangerIn(body)
    const waiting = dangerNow ? { ...pendingComplaint, danger: dangerNow } : pendingComplaint
    // 「晚上11点以后还在干」 to where: when it happens, more of what — where is asked again.
    switch (saysOnlyWhen(body) && !findPlace(body) ? 'more_description' : readPlaceAnswer(body, {})) {
      case 'cancel':
        return dropWaiting()
      case 'unknown':
        // Once, for the rough area; a second 「不知道」 files it, and the place is checked with the citizen.
        if (!waiting.placeUnknown) {
          session.draft = { ...pending, placeUnknown: true }
          await keep()
          return [text(WORDING.placeApproximate)]
        }
        await forget()
        return fileComplaint(turn, { ...waiting, locationText: undefined })
      case 'coming':
        await keep()
        return [text(WORDING.placeComing)]
      case 'question':
        await keep()
        return [text(asksAboutThePlace(body) ? WORDING.placeWhy : WORDING.placeOtherQuestion)]
      case 'more_description': {
        // 「下水道冒污水」 while 「晚上十一点了还在打桩」 waits for its place: another problem, not more of the same (the two
        // had been filed as one ticket, routed by the first) — kept to be asked where once the first is filed.
        const another = await anotherProblemWithoutPlace(turn, waiting, body)
        if (another) {
          if (another.danger) await alertDutyOfficer(turn, another)
          const kept = another.danger ? { ...another, alerted: true } : another
          session.draft = { ...pending, next: [...(waiting.next ?? []), kept] }
          await keep()
          const noted = WORDING.anotherProblemNoted(clip(body, 20), clip(waiting.description, 20))
          return another.danger ? [text(await safetyAdvice(turn, another.danger)), text(noted)] : [text(noted)]
        }
        // 「工地噪音扰民」 to 「在什么位置」 tells more of what, not where: it joins the description, and where is asked again.
        const more =
          waiting.category === 'other' ? (await readComplaint(turn, `${waiting.description}；${body}`)).fields : {}
        const description = waiting.description.includes(body) ? waiting.description : `${waiting.description}；${body}`
        // 「有人被困在里面了」: the danger said only now — the advice and the duty officer at once, not when the place comes.
        if (dangerNow) await alertDutyOfficer(turn, { ...waiting, description })
        session.draft = {
          ...pending,
          description,
          ...(more.category ? { category: more.category } : {}),
          ...(dangerNow ? { danger: dangerNow, alerted: true } : {}),
        }
        await keep()
        return dangerNow
          ? [text(await safetyAdvice(turn, dangerNow)), text(WORDING.placeStillNeeded)]
          : [text(WORDING.placeStillNeeded)]
      }
      case 'place':
        break
    }
    if (isVaguePlace(body) && body.length < 12) {
      await keep()
      return [text(WORDING.placeTooVague(body))]
    }
    // A link (a shared page, a picture's address) says nothing anyone can find the place by.
    if (/https?:\/\//i.test(body) && !findPlace(body)) {
      await keep()
      return [text(WORDING.placeIsLink)]
    }
    await forget()
    // 「幸福小区3栋，电话139…」「在建设路口，我姓王」: the number and the name are for the call back, not the place.
    const signed = contactNameIn(withoutPhone(body).trim(), { gaveNumber: findMobileNumber(body) !== undefined })
    const contact = {
      phone: waiting.phone ?? findMobileNumber(body),
      name: waiting.name ?? signed.name,
    }
    const answer = signed.rest.replace(/^[，,。；;\s]+|[，,。；;\s]+$/g, '') || body
    // 「人民路的井盖没了」 to where 「工地太吵了」 is: another problem at a place of its own — a ticket of its own, and the
    // first one's place still asked (the whole answer had been taken for the first one's place, and the second lost).
    const other = await anotherProblemAtItsPlace(turn, waiting, answer)
    if (other) {
      const { complaint, received } = await receiveOne(turn, { ...other, ...contact }, turn.mediaIds)
      session.step = STEP_PLACE
      session.draft = { ...pending, filedWith: [...(waiting.filedWith ?? []), complaint.id] }
      await keep()
      return [text(`${received}\n${WORDING.placeStillNeededForFirst(clip(waiting.description, 20))}`)]
    }
    // 「人民路88号门口井盖没了」 in answer to where says where and what: the place is the place it names, and the
    // words join the description (and name the kind the first message left open). 「不就是那个柳叶大道和龙港路口嘛」
    // says only where: the place it names, with nothing added to what is wrong.
    // (「人民路口 已经坏了三天了」: short, but a clause apart from the place says more of what.)
    const reading =
      [...answer].length > 12 || /\S[\s，,；;]+\S/.test(answer) ? await readComplaint(turn, answer) : undefined
    const named = reading?.fields.locationText
    const besidesPlace = named ? answer.replace(named, '') : ''
    if (
      reading &&
      named &&
      !isVaguePlace(named) &&
      (namesDefect(besidesPlace) ||
        dangerIn(besidesPlace) ||
        besidesPlace.split(/[\s，,。；;]+/).some((clause) => SAYS_MORE_OF_WHAT.test(clause) || saysMoreOfIt(clause)))
    )
      return fileComplaint(turn, {
        ...waiting,
        description: `${waiting.description}；${answer}`,
        locationText: named,
        category: waiting.category === 'other' && reading.fields.category ? reading.fields.category : waiting.category,
        ...contact,
      })
    // 「在滨江花园2栋」: the answer without the 在 it starts with; 「在哪里？不就是那个柳叶大道嘛」 without the
    // question said back and the words around the place.
    const said = answer
      // 「不是，在朝阳路」 to 「是在「老西门」吗」: the no is no part of the place.
      .replace(/^(?:不是|不对|错了|否)(?:的)?[，,。！!\s]+/, '')
      .replace(/^(?:(?:在)?(?:哪里|哪儿|哪)[？?，,！!\s]*)?(?:不就是|就是|是在)?(?:那个|这个)?/, '')
      .replace(/(?:嘛|吗|啊|呀|吧|呢|啦|嘞)?[。！!？?~～\s]*$/, '')
      .replace(HOME_IS, '')
      // 「我也说不清，就在市一中后门那条路」: the doubt before the place is no part of it.
      .replace(
        /^(?:我)?(?:也)?(?:说不清楚?|讲不清楚?|不太清楚|不清楚|不太确定|不知道(?:叫什么|具体|是什么|是哪)?(?:路|街|名字|地址|地方|位置)?(?:名)?)[，,。\s]*/,
        '',
      )
      .replace(/^(?:就在|在|位于|地点|位置|地址)[:：]?\s*/, '')
      // 「小区叫丽都花园」: the estate's name is the place, not the words that introduce it.
      .replace(/^(?:我们|我家|我住的)?(?:小区|楼盘|院子)(?:的)?(?:名字|名称)?(?:叫做|名叫|名为|叫|是)[:：]?\s*/, '')
    // 「在哪里都不知道吗 就是幸福小区3栋」: a remark before the place is no part of it.
    const placeIn = findPlace(said)
    const before = placeIn ? said.slice(0, said.indexOf(placeIn)) : ''
    // 「反正挺大的 在金色家园北门」: a remark, then 在 and the place — the place without it, and the remark kept with what
    // is wrong (it had been filed as part of the place).
    const remarkBefore =
      placeIn &&
      before &&
      !findPlace(before) &&
      /(?:^|[\s，,。；;])(?:就)?(?:在|位于)\s*$|[\s，,。；;]\s*$/.test(before)
        ? before.replace(/(?:就)?(?:在|位于)?[\s，,。；;]*$/, '').trim()
        : undefined
    const trimmed =
      placeIn &&
      before &&
      !findPlace(before) &&
      (/吗|呢|知道|你们|都|还|问|说了/.test(before) || remarkBefore !== undefined)
        ? said.slice(said.indexOf(placeIn))
        : said
    const locationText = trimmed || answer
    const remark =
      remarkBefore && (saysMoreOfIt(remarkBefore) || /大|深|宽|危险|严重|吓人|好久|很久|几天|一直/.test(remarkBefore))
    const more = remark ? { description: `${waiting.description}；${remarkBefore}` } : {}
    // 「噪音扰民」 then 「人民路新世纪工地」: the kind of place says whose it is when the problem alone did not.
    const category =
      waiting.category === 'other' ? await kindOfPlace(turn, waiting.description, locationText) : undefined
    return fileComplaint(turn, { ...waiting, ...contact, ...more, locationText, ...(category ? { category } : {}) })
  } else if (!isQuery || reportsAnew) {
    await forget()
  }
  if (awaitingContact) {
    const phone = findContactNumber(body)
    if (phone || DECLINES_CALL.test(body) || NO_PHONE.test(body)) {
      // 「我叫王小明 电话137…」: the name signed with it is how to address them on the call.
      const signed = phone ? contactNameIn(withoutPhone(body).trim(), { gaveNumber: true }).name : undefined
      for (const id of [complaintId, ...filedWith]) {
        await setComplaintContact(ctx, id, phone ?? null)
        if (signed) await setComplaintName(ctx, id, signed)
      }
      return [text(phone ? WORDING.contactSaved : WORDING.contactDeclined)]
    }
    // 「可以打电话 但是只能下午打」: yes, and when — kept on the complaint for whoever calls; the number is asked for.
    if (CALL_WITH_WHEN.test(body)) {
      const filed = await ctx.db
        .select()
        .from(complaints)
        .where(inArray(complaints.id, [complaintId, ...filedWith]))
      for (const complaint of filed) await addComplaintNote(ctx, complaint, `市民方便接听的时间：${body}`)
      session.step = STEP_CONTACT
      session.draft = { complaintId, filedWith }
      await keep()
      return [text(WORDING.askPhoneNumberWhen)]
    }
    // 「是的」「需要」 to 「如需工作人员电话联系您」: the question stays open for the number itself.
    if (WANTS_CALL.test(body)) {
      session.step = STEP_CONTACT
      session.draft = { complaintId, filedWith }
      await keep()
      return [text(WORDING.askPhoneNumber)]
    }
  }
  if (/^(查询|进度|查)/.test(body) || (asksProgress && !reportsAnew)) {
    const code = normaliseCode(body)
    if (code) {
      const complaint = await findComplaintByCode(ctx.db, code)
      if (!complaint || complaint.citizenExternalId !== message.sender.externalId)
        return [text(WORDING.complaintNotFound(code))]
      if (IMPATIENT.test(body) && isComplaintOpen(complaint.status)) {
        await addComplaintNote(ctx, complaint, `市民催办：${body}`)
        return [text(WORDING.citizenUrged(complaint.code, complaint.status))]
      }
      // 「撤回 TS…」: that one's withdrawal asked for (it gave its state).
      if (WITHDRAWAL_WORD.test(withoutCode(body, 'TS'))) {
        if (!isComplaintOpen(complaint.status)) return [text(statusOf(ctx, complaint))]
        await addComplaintNote(ctx, complaint, `市民申请撤回：${body}`)
        return [text(WORDING.citizenWithdrawalAsked(complaint.code))]
      }
      // 「我投诉的TS…为什么派给了园林局」: which unit has it, and how a wrong kind is put right (it gave the state alone).
      if (ASKS_WHICH_UNIT.test(body)) {
        const unit = complaint.unitId === null ? undefined : await unitName(ctx, complaint.unitId)
        return [text(WORDING.citizenHandledByWhy(complaint.code, unit, CATEGORY_LABELS[complaint.category]))]
      }
      return [text(statusOf(ctx, complaint))]
    }
    const mine = await ctx.db
      .select()
      .from(complaints)
      .where(eq(complaints.citizenExternalId, message.sender.externalId))
      .orderBy(desc(complaints.receivedAt), desc(complaints.id))
      .limit(30)
    if (mine.length === 0) return [text(WORDING.noComplaints)]
    // 「人民路那个井盖修好了吗」: the ones its place and thing name — or none of theirs, said so.
    // (「我投诉的那个井盖呢」「路灯那个怎么样了」 name one as surely.)
    if (
      (ASKS_ABOUT_NAMED.test(body) || ASKS_AFTER_NAMED.test(body) || SPEAKS_OF_EARLIER.test(body) || narrowsToNamed) &&
      namesARecord(body)
    ) {
      const named = recordsNamed(mine, body)
      if (named.length > 0) return [text(named.map((c) => statusOf(ctx, c)).join('\n\n'))]
      const thing = WATCHED_THING.exec(body)?.[0]
      const place = findPlace(body)?.replace(/的$/, '')
      const about = place && thing ? `${place}的${thing}` : (thing ?? place ?? '这个问题')
      return [text(WORDING.citizenNoComplaintAbout(about, false))]
    }
    // 「这个问题大概多久能解决」「刚才那个处理了吗」: the one just filed, not every one.
    const theLatest =
      /这个|刚才|刚刚|上面|那个|这件|这事/.test(body) || POINTS_AT.test(body) ? mine.slice(0, 1) : mine.slice(0, 5)
    return [text(theLatest.map((c) => statusOf(ctx, c)).join('\n\n'))]
  }
  if (STAFF_COMMAND.test(body)) return [text(WORDING.staffOnly)]
  // 「帮助」「菜单」「怎么用」: how a report is made and followed (it was told the message was too short).
  if (/^(?:帮助|菜单|help|功能|使用说明|怎么用)[？?。！!]*$/i.test(body)) return [text(WORDING.citizenQuestion)]
  const correction = /^(?:类别|分类)[\s:：]*(.+)$/.exec(body)
  if (correction) return correctCategory(turn, correction[1]?.trim() ?? '')
  // 「谢谢」「好的」 after a ticket or an answer is courtesy, not a complaint too short to file.
  // (「人民路」 then 「好的」: the place kept is still waiting for what is wrong there — asked again, not dropped.)
  // (Praise said as courtesy — 「谢谢 很快」「效率真高」 — is thanked as praise, below; thanks alone stay courtesy.)
  if (isCourtesy(body) && !(PRAISE.test(body) && PRAISE_WORD.test(body) && !COMPLAINING.test(body))) {
    const waitingFor = held.thing
      ? WORDING.citizenThingAskWhat(held.thing, held.locationText)
      : held.locationText
        ? WORDING.citizenPlaceAskWhat(held.locationText)
        : undefined
    if (waitingFor) return hold({}, waitingFor)
    return [text(thanks(body) ? WORDING.citizenCourtesy : WORDING.citizenAcknowledged)]
  }
  if (isGreeting(body)) return [text(WORDING.citizenGreeting)]
  if (isUrgentGreeting(body)) return [text(WORDING.citizenGreetingUrgent)]
  // 「处理人是谁」「给我一个负责人的电话」: which unit has the latest complaint.
  if (ASKS_WHO_HANDLES.test(body) && [...body].length <= 30 && !namesDefect(body) && !findPlace(body)) {
    const latest = await latestComplaintOf(ctx, message.botId, message.sender.externalId, FOLLOW_UP_WINDOW_MS)
    if (!latest) return [text(WORDING.noComplaints)]
    return [text(WORDING.citizenWhoHandles(latest.code, await findUnitName(ctx.db, latest.unitId)))]
  }
  // 「你们是机器人吗」「转人工」: who answers here, and how a person gets involved.
  if (ASKS_WHO_ANSWERS.test(body) && [...body].length <= 30 && !namesDefect(body) && !findPlace(body))
    return [text(WORDING.citizenWhoAnswers)]
  // 「附件是照片」「照片如下」: photos announced — for the complaint just made, or the one to come (it had been taken
  // for a new complaint and asked where).
  // (「怎么上传照片」 asks how: answered below with how, which says where it goes.)
  if (PHOTOS_ANNOUNCED.test(body) || (promisesPhoto(body) && !asksHowToAddPhoto(body) && !namesDefect(body))) {
    const latest = await latestOpenComplaint(ctx, message.botId, message.sender.externalId, ATTACH_WINDOW_MS)
    return [text(latest ? WORDING.citizenPhotoForComplaint(latest.code) : WORDING.citizenPhotoFirst)]
  }
  // 「我叫张三」「我姓李」「张先生」 after a ticket: how to address them when calling back, kept on the latest complaint.
  const name = NAME_GIVEN.exec(body)?.[1] ?? ADDRESSED_ALONE.exec(body)?.[1]
  if (name && !NOT_A_NAME.test(name)) {
    const latest = await latestOpenComplaint(ctx, message.botId, message.sender.externalId, ATTACH_WINDOW_MS)
    if (latest) {
      await setComplaintName(ctx, latest.id, /^我?姓/.test(body) ? `${name}（姓）` : name)
      return [text(WORDING.citizenNameSaved(latest.code))]
    }
  }
  // 「[位置]」「[图片]」: what a client shows for something it could not pass on, not a description.
  // Only a place (「永安里小区7栋」, 「人民路」): after a ticket, where that complaint is, said more exactly.
  // 「我家在人民路」「我住在幸福小区」: where they live, said as where it is.
  // 「这个是在芙蓉路上拍的」: where a photo was taken, which says where and not yet what.
  // 「哦对了，是人民路和解放路路口那个」: the place said again more exactly, without the words around it.
  const placeWords = body
    // 「就是这个 人民路88号门口」 after a photo: what it points at, then where.
    .replace(/^(?:就是|是)?(?:这个|这里|这|那个)[\s，,。]+(?=\S)/, '')
    // 「投诉建设路88号」: the place, with the word that says a report of it follows.
    .replace(REPORT_LEAD, '')
    .replace(PLACE_AGAIN, '')
    .replace(HOME_IS, '')
    .replace(SHOT_AT, '$1')
    .replace(SAID_TO_BE_AT, '$1')
    // 「人民路的」: whose the thing sent is — the place.
    .replace(/(?<=[路街巷道号栋楼村区园场站口桥门])的[。！!~～\s]*$/, '')
    // (「芙蓉路那个」: a short road's name too.)
    .replace(/(?<=[路街巷道号栋楼村区园场站口桥门].*|.{4})(?:的)?(?:那个|这个|那一个|这一个)[。！!~～\s]*$/, '')
  // A place is a few words; the same name pasted over and over is none.
  const placeOnly =
    PLACEHOLDER.test(body) || [...placeWords].length > MAX_PLACE_CHARS ? undefined : placeAlone(placeWords)
  // 「路灯」「井盖」 alone: the thing, kept while what is wrong with it (and where) is asked for.
  // (「有个井盖」「就是那个路灯」: the thing, pointed at.)
  const thingPointedAt = body
    .replace(/^(?:就是|是|有)?(?:个|一个|那个|这个)/, '')
    // (「电梯那个」: pointed at after it.)
    .replace(/(?<=.)(?:的)?(?:那个|这个)(?=[。！!？?]*$)/, '')
  if (namesAThingAlone(thingPointedAt)) {
    const thing = thingPointedAt.replace(/[。！!？?]+$/, '')
    return hold({ thing }, WORDING.citizenThingAskWhat(thing, held.locationText))
  }
  // 「人民路的路灯」: where and what, without what is wrong with it — both kept while that is asked.
  const thingNamed = WATCHED_THING.exec(body)?.[0]
  const thingAt =
    thingNamed && !namesDefect(body) && !dangerIn(body) && [...body].length <= 20
      ? placeAlone(
          body
            .replace(thingNamed, '')
            // 「建设路上有个井盖」: where it is, and that there is one.
            .replace(/(?:上|上面|边上|旁边|附近)?(?:有(?:个|一个|一处|几个))?(?:那个|这个|那|这|的)*[。！!？?]*$/, ''),
        )
      : undefined
  if (thingNamed && thingAt)
    return hold({ thing: thingNamed, locationText: thingAt }, WORDING.citizenThingAskWhat(thingNamed, thingAt))
  // 「朝阳路有个工地」: a site, where it is, and nothing yet of what is wrong there — both kept while that is asked.
  // (It was filed as a complaint saying only that there is a site.)
  const siteAt = SITE_AT.exec(body)?.[1]
  const sitePlace = siteAt && !namesDefect(body) && !dangerIn(body) ? placeAlone(siteAt) : undefined
  if (sitePlace) return hold({ thing: '工地', locationText: sitePlace }, WORDING.citizenThingAskWhat('工地', sitePlace))
  // 「阳光花园」 then 「门口那个井盖」: the thing at the place kept, where on it said (门口), while what is wrong is asked.
  // (It filed a complaint whose description was only the thing.)
  if (thingNamed && held.locationText && !namesDefect(body) && !dangerIn(body) && [...body].length <= 20) {
    const spot = body.replace(thingNamed, '').replace(/(?:那个|这个|那|这|的|[。！!？?\s])+/g, '')
    if (spot === '' || SPOT_BY.test(spot)) {
      const locationText = spot && !held.locationText.endsWith(spot) ? `${held.locationText}${spot}` : held.locationText
      return hold({ thing: thingNamed, locationText }, WORDING.citizenThingAskWhat(thingNamed, locationText))
    }
  }
  // 「投诉」「举报」 alone: what and where are still to come (举报 stays in front of them: it makes a whistleblower).
  const saidIntent = [...body].length < MIN_DESCRIPTION_CHARS ? onlyWantsToReport(body) : undefined
  if (saidIntent) return hold({ preface: saidIntent }, WORDING.citizenAskWhatAndWhere)
  // 「我想问一下」「咨询个事」「有个事」: a question or a report still to come, with nothing of it yet (however short).
  if (ASKING_LEAD_IN.test(body)) return [text(WORDING.citizenAskGoOn)]
  // 「就是我们小区」「我们村」 with nothing before it: only a rough where, nothing of what — both asked for. (It was taken
  // as the problem, its place asked, and the estate's name that came next filed a complaint saying nothing was wrong.)
  if (!held.thing && !held.locationText && !held.pin && ROUGH_WHERE_ALONE.test(body))
    return hold(
      { roughWhere: body.replace(/^(?:就是|就在|是|在)/, '').replace(/[。！!~～\s]+$/, '') },
      WORDING.citizenVagueWhereAskWhat,
    )
  // (「着火了」「漏气」 are short and say everything: danger is never too short.)
  if (
    // (「全是坑」 is short and says what and what is wrong.)
    ([...body].length < MIN_DESCRIPTION_CHARS &&
      !placeOnly &&
      !dangerIn(body) &&
      !saysMoreOfIt(body) &&
      // (「晚上」 just after 「人民路工地噪音」 says when: more for that ticket, below — it was told it said too little.)
      !saysOnlyWhen(body) &&
      !(namesDefect(body) && namesAThing(body))) ||
    PLACEHOLDER.test(body) ||
    saysNothing(body)
  )
    return [text(WORDING.citizenTooShort)]
  /** A ticket's place said more exactly: kept on it, and its question about a call back stays open (「不用」 next answers it). */
  const placeAddedTo = async (latest: NonNullable<Awaited<ReturnType<typeof latestOpenComplaint>>>, said: string) => {
    const place = placeMadeExact(latest.locationText, said)
    await addComplaintPlace(ctx, latest, place, said)
    if (awaitingContact && latest.id === complaintId) {
      session.step = STEP_CONTACT
      session.draft = { complaintId }
      await keep()
    }
    return [text(WORDING.citizenPlaceAdded(latest.code, place))]
  }
  // 「在12号门口」 just after a ticket on a road with no number: the number on that road, not a place of its own.
  const numberOnly = HOUSE_NUMBER_ONLY.exec(body)?.[1]
  if (numberOnly && !held.thing && !held.locationText) {
    const latest = await latestOpenComplaint(ctx, message.botId, message.sender.externalId, ATTACH_WINDOW_MS)
    const road = latest?.locationText
    if (latest && road && /[路街道巷]$/.test(road)) return placeAddedTo(latest, `${road}${numberOnly}`)
  }
  if (placeOnly && !isVaguePlace(placeOnly)) {
    // The words as said (「朗州北路88号门口」), not only the name found in them.
    // 「…交叉口那里」: the pointing word at the end is no part of the place.
    const said = placeWords
      .replace(/\p{Extended_Pictographic}|\uFE0F|\u200D/gu, '')
      .trim()
      .replace(/^(?:在|就在|位于|地点|位置|地址)[:：]?/, '')
      .replace(/[。.！!，,\s]+$/, '')
      .replace(/(?<=.{2})(?:那里|这里|那边|这边|那儿|这儿|那块|这块|那)$/, '')
    const latest = await latestOpenComplaint(ctx, message.botId, message.sender.externalId, ATTACH_WINDOW_MS)
    // It completes a ticket filed without a place (or only a rough one), or says its place more exactly
    // (「朗州北路」 then 「朗州北路88号门口」); another place entirely is where the next problem is.
    const current = latest?.locationText
    // (「建设路口」 then 「建设路与人民路交叉口」: the crossing named in full is the same place, more exactly.)
    const road = current ? roadOf(current) : ''
    // (「投诉建设路88号」 starts a report of its own there.)
    const startsAReport = REPORT_LEAD.test(body)
    // (「靠近第一中学门口那边」 just after the ticket, before its call-back question is answered: where on its road.)
    const spotOnIt = awaitingContact && latest?.id === complaintId && saysSpotNearby(body, said)
    if (
      latest &&
      !held.thing &&
      !startsAReport &&
      (!current || isVaguePlace(current) || said.includes(road) || spotOnIt)
    )
      return placeAddedTo(latest, said)
    // No ticket it could belong to: an address is not a complaint. It is kept while the problem is asked for.
    return hold(
      { locationText: said },
      held.thing ? WORDING.citizenThingAskWhat(held.thing, said) : WORDING.citizenPlaceAskWhat(said),
    )
  }
  // A mobile number alone (or a landline): how to reach them about the latest complaint, or about the one they are
  // about to make.
  const phone = findContactNumber(body)
  // 「我的手机号换了，新号码是…」「不对 是139…」: the new number replaces the old on what is still open (or waits for what
  // comes).
  if (phone && (PHONE_CHANGED.test(body) || PHONE_CORRECTED.test(body)) && !namesDefect(body) && !findPlace(body)) {
    const open = await openComplaintsOf(ctx, message.botId, message.sender.externalId, FOLLOW_UP_WINDOW_MS)
    if (open.length === 0) return hold({ phone }, WORDING.citizenPhoneHeld)
    for (const complaint of open) await setComplaintContact(ctx, complaint.id, phone)
    return [text(WORDING.contactChanged(open.map((c) => c.code)))]
  }
  // 「我叫王小明 电话137…」: a name signed with the number is how to address them on the call (it was asked where).
  const signedWithPhone = phone ? contactNameIn(withoutPhone(body).trim(), { gaveNumber: true }) : undefined
  if (phone && PHONE_ALONE.test((signedWithPhone?.name ? signedWithPhone.rest : body).replace(CONTACT_DIGITS, ''))) {
    const latest = await latestOpenComplaint(ctx, message.botId, message.sender.externalId, ATTACH_WINDOW_MS)
    // 「有结果联系我」 speaks of the complaint made, so a second number is for it too (it had been held for the next).
    // (The same number again is the one it has: 「已记下」, not held for a problem to come.)
    if (
      latest &&
      (!latest.citizenPhone || latest.citizenPhone === phone || /有结果|有消息|处理好了|办好了/.test(body))
    ) {
      await setComplaintContact(ctx, latest.id, phone)
      if (signedWithPhone?.name) await setComplaintName(ctx, latest.id, signedWithPhone.name)
      return [text(WORDING.contactSaved)]
    }
    return hold({ phone, ...(signedWithPhone?.name ? { name: signedWithPhone.name } : {}) }, WORDING.citizenPhoneHeld)
  }
  // 「我要投诉」「我想反映个问题」: the problem is still to come; the words stay in front of it (举报 matters).
  const intent = onlyWantsToReport(body)
  if (intent) return hold({ preface: intent }, WORDING.citizenAskWhatAndWhere)
  // 「我要追加投诉内容：晚上还有噪音」: more for the latest open complaint, on its history.
  // 「还有噪音也很大」 just after a ticket, naming no place and no other thing: more about the same problem.
  // 「大概有脸盆那么大」「晚上很危险」「有小孩掉下去过」 likewise: how big, or how risky — it had been asked where, and the
  // place said next filed a second complaint made of that detail.
  // (Not after 「我要举报工地」: that says a new problem is coming — 「晚上施工到两点」 is it.)
  const alsoSaid =
    !held.preface &&
    (ALSO_ABOUT_IT.test(body) || saysOnlyWhen(body) || saysMoreOfIt(body) || WANTS_DONE.test(body)) &&
    !findPlace(body) &&
    !WATCHED_THING.test(body) &&
    !dangerIn(body)
      ? body
      : undefined
  if (alsoSaid) {
    const latest = await latestOpenComplaint(ctx, message.botId, message.sender.externalId, ATTACH_WINDOW_MS)
    if (latest) {
      await addComplaintNote(ctx, latest, `市民补充：${alsoSaid}`)
      return [text(WORDING.citizenAdded(latest.code))]
    }
    // 「很深」 with no ticket it could be about says too little to be one.
    if ([...body].length < MIN_DESCRIPTION_CHARS) return [text(WORDING.citizenTooShort)]
  }
  const added = ADDING.exec(body)?.[1]?.trim()
  if (added) {
    const latest = await latestOpenComplaint(ctx, message.botId, message.sender.externalId, FOLLOW_UP_WINDOW_MS)
    if (latest) {
      await addComplaintNote(ctx, latest, `市民补充：${added}`)
      return [text(WORDING.citizenAdded(latest.code))]
    }
  }
  // 「工作人员来过了但是没修好」 while the complaint is still open: on its history, where its handlers see it (an
  // answered one was reported above).
  if (NOT_FIXED.test(body) && !findPlace(body)) {
    const latest = await latestComplaintOf(ctx, message.botId, message.sender.externalId, FOLLOW_UP_WINDOW_MS)
    if (latest) {
      await addComplaintNote(ctx, latest, `市民反馈：${body}`)
      return [text(WORDING.followUpForwarded(latest.code))]
    }
  }
  // 「我不想留电话」: no number is needed; the outcome comes here.
  if (NO_PHONE.test(body) && !namesDefect(body)) {
    // A number given a moment ago is taken back: nobody will call.
    const latest = await latestOpenComplaint(ctx, message.botId, message.sender.externalId, ATTACH_WINDOW_MS)
    if (latest?.citizenPhone) await setComplaintContact(ctx, latest.id, null)
    return [text(WORDING.contactDeclined)]
  }
  // 「我要投诉到市长热线」: 12345 is there too; here it is handled within a working day. (Not the digits inside a
  // licence plate or a longer number: 「车牌湘J12345」 is part of a report.)
  // 「我之前打电话反映过，电话里说让我在这里再报一次」: sent here by a call, as by the hotline.
  if (
    /(?:打|拨)(?:过|了)?(?:电话|热线)|电话(?:里|上)?(?:反映|投诉|说)/.test(body) &&
    /让我|叫我|说让|在这里|在这(?:儿|个)?(?:上|再)?(?:报|反映|投诉)/.test(body) &&
    !namesDefect(body) &&
    !findPlace(body)
  )
    return [text(WORDING.citizenAskWhatAndWhere)]
  if (/(?<![0-9A-Za-z])12345(?![0-9])|市长热线|市长信箱|市长电话/.test(body) && !namesDefect(body) && !findPlace(body))
    // 「我之前打过12345了，他们让我在这里反映」: sent here by the hotline — what and where is all that is wanted now.
    return [
      text(
        /打过|打了|已经打|拨打过|反映过|投诉过|让我|叫我|说让|说在这|转到这|转过来/.test(body)
          ? WORDING.citizenAskWhatAndWhere
          : WORDING.citizenHotline,
      ),
    ]
  // 「能给我打个电话吗」: a call back asked for; the number is what is needed.
  if (WANTS_A_CALL.test(body) && !namesDefect(body)) {
    const latest = await latestOpenComplaint(ctx, message.botId, message.sender.externalId, ATTACH_WINDOW_MS)
    if (latest) {
      session.step = STEP_CONTACT
      session.draft = { complaintId: latest.id }
      await keep()
    }
    return [text(WORDING.askPhoneNumber)]
  }
  // 「表扬一下，井盖修得很快」: thanks, passed on to the latest complaint's handlers — not a complaint.
  if (PRAISE.test(body) && !COMPLAINING.test(body)) {
    const latest = await latestOpenComplaint(ctx, message.botId, message.sender.externalId, FOLLOW_UP_WINDOW_MS)
    if (latest) await addComplaintNote(ctx, latest, `${CITIZEN_VERDICT_NOTE}${body}`)
    return [text(WORDING.citizenPraise)]
  }
  // 「你们这个系统太难用了」: the service itself found hard — heard, and how to report said plainly (it had been asked
  // where, as a problem to file).
  // (「电梯不好用了」 names a thing that is wrong: a report, asked where.)
  if (
    ABOUT_THE_SERVICE.test(body) &&
    [...body].length <= 30 &&
    !findPlace(body) &&
    !dangerIn(body) &&
    !WATCHED_THING.test(body) &&
    !namesDefect(body)
  )
    return [text(WORDING.citizenServiceFeedback)]
  // 「垃圾政府」「我要去省里告你们」: anger at the bureau, with no problem or place in it — heard, and asked what happened.
  if (
    ventsAtBureau(body) &&
    !HOW_TO_REPORT.test(body) &&
    [...body].length <= 30 &&
    !namesDefect(body) &&
    !findPlace(body) &&
    !dangerIn(body)
  ) {
    // With a complaint still open, the anger is about it: it is chased, and the words kept on its history.
    const latest = await latestOpenComplaint(ctx, message.botId, message.sender.externalId, FOLLOW_UP_WINDOW_MS)
    if (latest) {
      await addComplaintNote(ctx, latest, `市民催办：${body}`)
      return [text(WORDING.citizenUrged(latest.code, latest.status))]
    }
    // After the answer (「我要投诉你们」「我要找你们领导」), it is about how it was handled: kept on that complaint's
    // history for the call-back, as 「不满意」 is (it had been asked what the problem was).
    const answered = await latestComplaintOf(ctx, message.botId, message.sender.externalId, FOLLOW_UP_WINDOW_MS)
    if (answered && (answered.status === 'replied' || answered.status === 'closed')) {
      await addComplaintNote(ctx, answered, `市民对办理有意见：${body}`)
      return [text(WORDING.citizenDissatisfied(answered.code))]
    }
    return [text(WORDING.citizenVenting)]
  }
  // 「请问燃气费在哪里交」「小区停电了」「隔壁邻居装修太吵了」: another body's business, said where to turn.
  const referral = otherAgencyFor(body)
  if (referral) return [text(referral)]
  // 「燃气公司电话多少」: asked, not reported — the number, and what to do first.
  if (asksGasPhone(body) && !dangerIn(body)) return [text(WORDING.gasPhone(turn.forms.gasEmergencyPhone))]
  // 「你们的电话是多少」: the bureau's complaint line where one is set (COMPLAINT_PHONE), and that here is as good.
  // 「我上午打了好几次电话都没人接」: the same, with an apology (it was asked where, as if it were a problem to file).
  if (!namesDefect(body) && !findPlace(body)) {
    if (CALLS_UNANSWERED.test(body)) return [text(WORDING.citizenCallsUnanswered(turn.forms.complaintPhone))]
    if (ASKS_OUR_PHONE.test(body)) return [text(WORDING.citizenOurPhone(turn.forms.complaintPhone))]
  }
  // 「我要投诉两个问题：1.建设路口井盖松动 2.建设路小学门口人行道砖翘起来了」: one ticket each.
  // 「人民路88号井盖没了 人民路99号路灯不亮」: unnumbered, each at its own place — one ticket each as well.
  const numbered = Object.keys(held).length === 0 ? (numberedProblems(body) ?? problemsAtPlaces(body)) : undefined
  if (numbered) return fileSeveral(turn, numbered, findMobileNumber(body))
  const extraction = await readComplaint(turn, body)
  const extracted = extraction.fields
  // 「我想问一下，危房鉴定找谁」: a question about the bureau's business, not a problem to file.
  // (「请问人民路88号井盖坏了找谁修」 names a place and what is wrong: that is a report.)
  const reportsSomething =
    Boolean(extracted.locationText && !extraction.unsure.includes('locationText')) && namesDefect(body)
  // 「怎么上传照片」: how a photo or a pin is sent.
  if (
    (asksHow(body) || /(?:怎么|怎样|如何|咋)(?:样)?(?:上传|发送?|传|拍|提交|附上?)/.test(body)) &&
    /照片|图片|相片|视频|定位|位置/.test(body) &&
    !reportsSomething
  )
    return [text(WORDING.citizenPhotoHowTo)]
  if ((CONSULTING.test(body) || APPLYING.test(body)) && !reportsSomething && !dangerIn(body))
    return [text(WORDING.citizenConsult)]
  // 「我要投诉你们的工作人员态度不好」: the conduct of staff, which this channel does not handle.
  if (ABOUT_STAFF_CONDUCT.test(body) && !reportsSomething) return [text(WORDING.citizenConductComplaint)]
  // 「如果发现燃气泄漏应该打什么电话」: what to do if it happens — the advice, with nobody alarmed and nothing filed.
  const supposed = dangerIn(body)
  if (supposed && supposes(body) && isQuestion(body) && !extracted.locationText)
    return [text(await safetyAdvice(turn, supposed, false))]
  // 「你们管不管物业的事」: whether something is the bureau's to handle, asked before saying what or where.
  if (ASKS_SCOPE.test(body) && !extracted.locationText && !namesDefect(body) && !dangerIn(body))
    return [text(WORDING.citizenScope)]
  // 「我的奖励什么时候发」: where the reward for their own 举报 stands (they had been told how reporting is rewarded).
  if (asksOwnReward(body) && !reportsSomething && !namesDefect(body))
    return [text(await describeOwnRewards(ctx, message.botId, message.sender.externalId))]
  // 「可以匿名吗」「举报有奖励吗」: how a report may be made, asked before making one.
  if (isQuestion(body) && !reportsSomething && !namesDefect(body) && !dangerIn(body) && [...body].length <= 24) {
    if (ASKS_REWARD.test(body)) return [text(WORDING.citizenRewardAsked)]
    if (ANONYMOUS.test(body) || /保密/.test(body)) return [text(WORDING.citizenAnonymousAsked)]
    // 「投诉需要实名吗」「要留名字吗」: whether a name is needed (they had the generic answer).
    if (/实名|(?:要|需要|必须|得)(?:留|写|填|报)(?:下)?(?:名|姓名|名字|真名|身份证)/.test(body))
      return [text(WORDING.citizenNameNotNeeded)]
  }
  // 「我想知道是谁举报的」: who reported someone, which is never told (it was taken for a report, then asked where).
  if (WHO_REPORTED.test(body) && !namesDefect(body) && [...body].length <= 30)
    return [text(WORDING.citizenReporterConfidential)]
  // 「你们几点下班」「周末有人处理吗」: when reports are taken and handled — and 「工地晚上几点以后不能施工」, when a
  // site must stop (it had been answered with our own hours, then taken for a report at 「请问工地」).
  if (ASKS_HOURS.test(body) && isQuestion(body) && !reportsSomething && !namesDefect(body) && !dangerIn(body))
    return [text(/工地|施工|打桩/.test(body) ? WORDING.citizenSiteNightWork : WORDING.citizenHours)]
  if (HOW_TO_REPORT.test(body) && !reportsSomething && !dangerIn(body)) return [text(WORDING.citizenQuestion)]
  // 「怎么评价」「在哪里打分」: how to give their verdict on the handling.
  if (HOW_TO_RATE.test(body) && !reportsSomething && !namesDefect(body)) return [text(WORDING.citizenHowToRate)]
  // 「你们的电话是多少」: a question that names no problem and no place is answered, not filed.
  if (
    isQuestion(body) &&
    !extracted.locationText &&
    (extracted.category ?? 'other') === 'other' &&
    !namesDefect(body) &&
    !dangerIn(body)
  )
    return [text(WORDING.citizenQuestion)]
  // A place the reader only guessed is shown back to be confirmed, never filed silently. 「旁边的路灯也不亮」 with no
  // place of its own, just after a ticket: near that ticket's place, offered the same way.
  // 「现在楼道里冒烟了」「还有人困在里面」 just after a ticket, with no place and no other defect: danger at that
  // ticket's place, most likely — offered to confirm, so the answer is one word. (「桥东路面塌了一个坑」 is a new
  // problem somewhere else.)
  const near = NEAR_THE_LAST.test(body)
  const latestPlace =
    !extracted.locationText && !held.locationText && (near || (dangerIn(body) && !namesDefect(body)))
      ? (await latestOpenComplaint(ctx, message.botId, message.sender.externalId, ATTACH_WINDOW_MS))?.locationText
      : undefined
  const guessedPlace =
    extraction.unsure.includes('locationText') && extracted.locationText && !isVaguePlace(extracted.locationText)
      ? extracted.locationText
      : latestPlace && !isVaguePlace(latestPlace)
        ? near
          ? `${latestPlace.replace(/(?:附近|旁边|一带|周边)$/, '')}附近`
          : latestPlace
        : undefined
  // 「…，电话186…，张先生」: the name is how to address them on the call back, not part of the problem.
  const signed = contactNameIn(extracted.description ?? body, {
    gaveNumber: findMobileNumber(body) !== undefined,
  })
  const told = [...signed.rest].length >= MIN_DESCRIPTION_CHARS ? signed.rest : (extracted.description ?? body)
  // 「我还要投诉一个：建设路的路灯坏了三盏」: the words that only say a report follows are not part of it (举报 stays:
  // it makes the report a whistleblower's).
  const unheaded = told.replace(REPORT_HEADING, '')
  const described = [...unheaded].length >= MIN_DESCRIPTION_CHARS ? unheaded : told
  const { pin } = held
  const complaint: PendingComplaint = {
    description: held.preface && TELLING_PREFACE.test(held.preface) ? `${held.preface}；${described}` : described,
    name: told === signed.rest ? signed.name : undefined,
    category: extracted.category ?? 'other',
    locationText:
      (guessedPlace ? undefined : extracted.locationText) ?? held.locationText ?? (pin ? pinPlace(pin) : undefined),
    latitude: pin?.latitude,
    longitude: pin?.longitude,
    phone: extracted.phone ?? held.phone,
    danger: dangerIn(body),
    mediaIds: held.mediaIds,
  }
  // Where, before the ticket: a complaint nobody can find cannot be handled in a day. Danger does not
  // wait for the answer: the advice goes out now and the duty officer is told at once.
  // A pin is where it is, with or without an address the client could name.
  if ((!complaint.locationText || isVaguePlace(complaint.locationText)) && complaint.latitude === undefined) {
    const ask = await askForPlace(turn, complaint, guessedPlace)
    if (!complaint.danger) return ask
    await alertDutyOfficer(turn, complaint)
    return [text(await safetyAdvice(turn, complaint.danger)), ...ask]
  }
  return fileComplaint(turn, complaint)
}

/**
 * What a citizen's message says. The ticket must ride on the platform's 5-second passive reply: the LLM (when
 * configured) gets a short budget to classify, the rules answer otherwise.
 */
/** The domain a complaint filed as 其他 belongs to by the kind of place it is at (a site, an estate, a bridge). */
async function kindOfPlace(turn: Turn, description: string, place: string): Promise<Category | undefined> {
  const weighed = categoryByEvidence(`${description}，在${place}`, await categoryRules(turn))
  return weighed === 'other' ? undefined : weighed
}

/** The routing table's keywords, which weigh a complaint's kind alongside the built-in evidence. */
async function categoryRules(turn: Turn) {
  return turn.ctx.db.select({ category: routingRules.category, keywords: routingRules.keywords }).from(routingRules)
}

/** What a complaint says, read as a citizen's words are (the LLM when configured, the rules otherwise). */
export async function readComplaint(turn: Turn, body: string) {
  const { ctx } = turn
  const rules = await categoryRules(turn)
  return turn.forms.extractor.extract(
    'complaint',
    body,
    { now: ctx.clock.now(), timeZone: ctx.timeZone, categoryRules: rules },
    CLASSIFY_BUDGET_MS,
  )
}

async function askForPlace(turn: Turn, complaint: PendingComplaint, guess?: string): Promise<Reply[]> {
  const { ctx } = turn
  const { session } = await citizenSession(turn)
  session.step = STEP_PLACE
  const theft = THEFT.test(complaint.description)
  session.draft = {
    ...complaint,
    alerted: Boolean(complaint.danger),
    theftTold: theft,
    mediaIds: [...(complaint.mediaIds ?? []), ...turn.mediaIds],
    ...(guess ? { guessedPlace: guess } : {}),
  }
  await saveSession(ctx.db, session, ctx.clock.now(), turn.forms.idleMs)
  const ask = guess ? WORDING.askPlaceGuess(guess) : WORDING.askPlace
  return [text(theft ? `${WORDING.theftAdvice}\n${ask}` : ask)]
}

/** A location pin while the bot waits for the place: the pin is the place. */
async function placeFromLocation(turn: Turn): Promise<Reply[] | undefined> {
  const { ctx, message } = turn
  const { session, live } = await citizenSession(turn)
  if (!live || session.step !== STEP_PLACE || !message.location) return undefined
  const pending = session.draft as unknown as PendingComplaint
  clearSession(session)
  await saveSession(ctx.db, session, ctx.clock.now(), turn.forms.idleMs)
  return fileComplaint(turn, {
    ...pending,
    locationText: pinPlace(message.location),
    latitude: message.location.latitude,
    longitude: message.location.longitude,
  })
}

/** What to do now, and — when the duty officer has been told — that they have. */
async function safetyAdvice(turn: Turn, danger: DangerKind, alerted = true): Promise<string> {
  const advice = danger === 'gas' ? WORDING.danger.gas(turn.forms.gasEmergencyPhone) : WORDING.danger[danger]
  return alerted ? `${advice}${WORDING.dutyAlerted}` : advice
}

/** The duty officer on the roster hears of danger at once, quiet hours or not, masked like any push. */
async function alertDutyOfficer(turn: Turn, complaint: PendingComplaint, code?: string): Promise<void> {
  const { ctx } = turn
  const now = ctx.clock.now()
  const officer = await dutyOfficerAt(ctx.db, now)
  if (officer === undefined) return
  const where = complaint.locationText ? `，地点：${maskPersonalInfo(complaint.locationText)}` : '（地点待市民补充）'
  await sendToPeople(
    ctx.db,
    now,
    [officer],
    {
      type: 'text',
      text: `【紧急·市民报告险情】${code ? `投诉 ${code}：` : ''}${maskPersonalInfo(complaint.description).slice(0, 80)}${where}。已提示市民避险，请立即组织处置。`,
    },
    `danger:${turn.message.channel}:${turn.message.messageId}${code ? `:${code}` : ''}`,
  )
}

interface PendingComplaint {
  description: string
  /** Filed while this one waited for its place (another problem said in answer): one call-back question for all. */
  filedWith?: number[]
  /** Other problems told, without a place, while this one waited for its own: each asked where when this is filed. */
  next?: PendingComplaint[]
  category: Category
  locationText?: string
  latitude?: number
  longitude?: number
  phone?: string
  /** How they signed it (「张先生」「王（姓）」), for the call back. */
  name?: string
  danger?: DangerKind
  /** The duty officer was already told (while the place was asked for). */
  alerted?: boolean
  /** The advice to call 110 on a theft was already given (while the place was asked for). */
  theftTold?: boolean
  mediaIds?: number[]
}

/**
 * 「有人偷井盖」「井盖被人撬走了」: a theft of the city's fittings. The police deal with the thief; the bureau with the
 * hole left behind — the complaint is filed either way, and the citizen told to call 110 if it is happening.
 * (偷工减料、偷排、偷偷施工 name other wrongs: the words for a theft are read, not 偷 alone.)
 */
const THEFT =
  /小偷|盗窃|盗走|被盗|撬走|被撬|盗割|盗挖|偷(?:走|了|窃|盗)|(?:被|人|在|去)偷(?!偷)|偷(?:井盖|盖板|箅子|电缆|电线|铁|钢筋|护栏|水表|路灯)/

/** An item's number at the start of the message or after a pause: 1. 2、 （3） 一是 第二个 — not 「2.5米」 inside a clause. */
const ITEM_MARK =
  /(?:^|[\s：:，,；;。])(?:[1-9][.、．)）](?![0-9])|[（(][1-9][）)]|[一二三四五六七八九]是|第[一二三四五六七八九]个?(?:问题)?[是：:，,])/g

/** The problems a message numbers, when it numbers two to five and each names its own place and what is wrong. */
function numberedProblems(body: string): string[] | undefined {
  const marks = [...body.matchAll(ITEM_MARK)]
  if (marks.length < 2 || marks.length > 5) return undefined
  const items = marks.map((mark, i) =>
    body
      .slice((mark.index ?? 0) + mark[0].length, marks[i + 1]?.index ?? body.length)
      .replace(/^[\s，,：:；;。]+|[\s，,：:；;。]+$/g, ''),
  )
  return items.every((item) => findPlace(item) && namesDefect(item)) ? items : undefined
}

/**
 * Problems told one after another, each starting with a place of its own and saying what is wrong there
 * (「人民路88号井盖没了 人民路99号路灯不亮」). Words with no place of their own belong to the problem before them;
 * a message whose first words name no place, or one place named twice, is one problem.
 */
function problemsAtPlaces(body: string): string[] | undefined {
  const clauses = body.split(/[\s，,；;。！!]+/).filter(Boolean)
  const groups: { place: string; words: string[] }[] = []
  for (const clause of clauses) {
    const place = findPlace(clause)
    const startsOwn = place && !isVaguePlace(place) && clause.startsWith(place.slice(0, 2))
    if (startsOwn) groups.push({ place, words: [clause] })
    else if (groups.length > 0) groups.at(-1)?.words.push(clause)
    else return undefined
  }
  if (groups.length < 2 || groups.length > 5) return undefined
  const places = groups.map((g) => g.place)
  if (places.some((p, i) => places.some((q, j) => i !== j && (p.includes(q) || q.includes(p))))) return undefined
  const items = groups.map((g) => g.words.join('，'))
  // Each a thing and what is wrong with it (「掉河里怎么办」 after a railing gone by a river asks what if).
  return items.every((item) => namesDefect(item) && namesAThing(item) && !isQuestion(item)) ? items : undefined
}

/** The open complaints of a kind compared with a new one: the most recent (older ones have long been dispatched). */
const OPEN_COMPARED = 500
/**
 * 「还是没修」「一直不亮」「仍然没人管」: the problem said to go on (「又坏了」「又松了一段」 is it happening again — a new
 * report, asked about like any other).
 */
const STILL_NOT_RIGHT = /还是|还没|仍然|依然|仍旧|一直(?:没|不|是|都)|到现在(?:还|都)|至今/
/** Two pins this close are one spot for a citizen's complaint (a phone's fix wanders by tens of metres). */
const SAME_SPOT_METRES = 50

/** Files the complaint — unless an open one of the same kind at the same address exists: then ask first. */
async function fileComplaint(turn: Turn, pending: PendingComplaint, duplicateChecked = false): Promise<Reply[]> {
  const { ctx, message } = turn
  const key = { channel: message.channel, botId: message.botId, senderExternalId: message.sender.externalId }
  if (!duplicateChecked && pending.locationText && pending.category !== 'other') {
    // The same spot however it was written (「常德市武陵区人民路88号」 from a pin, 「人民路88号」 typed) or within
    // a short walk of a pinned one.
    const open = await ctx.db
      .select()
      .from(complaints)
      .where(
        and(
          eq(complaints.category, pending.category),
          inArray(complaints.status, ['received', 'assigned', 'accepted']),
        ),
      )
      .orderBy(desc(complaints.receivedAt), desc(complaints.id))
      .limit(OPEN_COMPARED)
    const existing = open.find(
      (c) =>
        mayBeSameThing(c.description, pending.description) &&
        (sameAddress(c.locationText, pending.locationText) ||
          (pending.latitude !== undefined &&
            pending.longitude !== undefined &&
            c.latitude !== null &&
            c.longitude !== null &&
            metresBetween({ lat: pending.latitude, lng: pending.longitude }, { lat: c.latitude, lng: c.longitude }) <=
              SAME_SPOT_METRES)),
    )
    // Their own open complaint of the same thing at the same spot, said to be still not put right (「人民路88号那个井盖
    // 还是没修」): it is chased, not asked about as a new report.
    if (
      existing &&
      STILL_NOT_RIGHT.test(pending.description) &&
      existing.channel === message.channel &&
      existing.botId === message.botId &&
      existing.citizenExternalId === message.sender.externalId
    ) {
      await addComplaintNote(ctx, existing, `市民催办：${pending.description}`)
      return [text(WORDING.citizenUrged(existing.code, existing.status))]
    }
    if (existing) {
      const session = await lockSession(ctx.db, key)
      session.step = STEP_DUPLICATE
      session.draft = { ...pending, candidateId: existing.id, candidateCode: existing.code }
      await saveSession(ctx.db, session, ctx.clock.now(), turn.forms.idleMs)
      return [text(WORDING.complaintMaybeDuplicate(existing.code, pending.locationText))]
    }
  }
  const { complaint, received } = await receiveOne(turn, pending, [...(pending.mediaIds ?? []), ...turn.mediaIds])
  const askedNext = await askWhereTheNextIs(turn, pending, complaint.id)
  if (askedNext) return [text(`${received}\n${askedNext}`)]
  if (pending.phone) {
    // A number given while this one waited is for those filed before it in the same exchange too.
    for (const id of pending.filedWith ?? []) {
      await setComplaintContact(ctx, id, pending.phone)
      if (pending.name) await setComplaintName(ctx, id, pending.name)
    }
    return [text(received)]
  }
  // One passive reply carries both: the ticket, and the offer to be called back (for any filed while it waited too).
  await offerCallBack(turn, [...(pending.filedWith ?? []), complaint.id])
  const placeless = !pending.locationText && pending.latitude === undefined
  // 「我想匿名举报」: the call back offered without pressing for it (a reward still needs a way to reach them).
  const ask = placeless
    ? WORDING.askContactForPlace
    : ANONYMOUS.test(pending.description)
      ? WORDING.askContactAnonymous
      : WORDING.askContact
  return [text(`${received}\n${ask}`)]
}

/**
 * After one problem is filed (or joined to a ticket), the next told while it waited for its place is asked where —
 * with what is known of how to reach them, and the one call-back question kept for all of them. Undefined when none
 * waits.
 */
async function askWhereTheNextIs(
  turn: Turn,
  done: PendingComplaint,
  filedId: number | undefined,
): Promise<string | undefined> {
  const [next, ...after] = done.next ?? []
  if (!next) return undefined
  const { ctx, message } = turn
  const key = { channel: message.channel, botId: message.botId, senderExternalId: message.sender.externalId }
  const session = await lockSession(ctx.db, key)
  session.step = STEP_PLACE
  const waiting: PendingComplaint = {
    ...next,
    phone: next.phone ?? done.phone,
    name: next.name ?? done.name,
    filedWith: [...(done.filedWith ?? []), ...(filedId === undefined ? [] : [filedId])],
    ...(after.length > 0 ? { next: after } : {}),
  }
  session.draft = waiting as unknown as Record<string, unknown>
  await saveSession(ctx.db, session, ctx.clock.now(), turn.forms.idleMs)
  return WORDING.placeForNextProblem(clip(next.description, 20))
}

/**
 * Another problem than the one waiting for its place, said instead of the place and naming none of its own
 * (「下水道冒污水 臭死了」 while 「晚上十一点了还在打桩」 waits): what it is, to be asked where in its turn. Undefined when
 * the words may be more of the waiting one, or when what waits is of no kind yet.
 */
async function anotherProblemWithoutPlace(
  turn: Turn,
  waiting: PendingComplaint,
  said: string,
): Promise<PendingComplaint | undefined> {
  if (waiting.category === 'other' || findPlace(said) || speaksOf(waiting, said)) return undefined
  // (A thing of its own, or words of another domain: 「下水道冒污水」 names no fitting, but drains are the roads'.)
  if (!namesAThing(said) && !categoryByEvidence(said)) return undefined
  if (!namesDefect(said) && !dangerIn(said)) return undefined
  const { fields } = await readComplaint(turn, said)
  if (!fields.category || fields.category === 'other' || fields.category === waiting.category) return undefined
  const danger = dangerIn(said)
  return { description: said, category: fields.category, ...(danger ? { danger } : {}) }
}

/** The call-back question waits for its answer, which is for every complaint named here. */
async function offerCallBack(turn: Turn, complaintIds: number[]): Promise<void> {
  const { ctx, message } = turn
  const key = { channel: message.channel, botId: message.botId, senderExternalId: message.sender.externalId }
  const followUp = await lockSession(ctx.db, key)
  followUp.step = STEP_CONTACT
  followUp.draft = { complaintId: complaintIds.at(-1), filedWith: complaintIds.slice(0, -1) }
  await saveSession(ctx.db, followUp, ctx.clock.now(), turn.forms.idleMs)
}

/**
 * Another problem than the one waiting for its place, said with a place of its own in answer to where (「工地太吵了」,
 * then 「人民路的井盖没了」): what it is and where, to be filed on its own. Undefined when the answer may be the place
 * of the waiting one, or more about it (「人民路那个工地 天天晚上施工」), or when what waits is of no kind yet.
 */
async function anotherProblemAtItsPlace(
  turn: Turn,
  waiting: PendingComplaint,
  answer: string,
): Promise<PendingComplaint | undefined> {
  const place = findPlace(answer)
  if (!place || waiting.category === 'other' || speaksOf(waiting, answer)) return undefined
  if (!namesDefect(answer.replace(place, '')) && !dangerIn(answer)) return undefined
  const { fields } = await readComplaint(turn, answer)
  if (!fields.category || fields.category === 'other' || fields.category === waiting.category) return undefined
  return {
    description: answer,
    category: fields.category,
    locationText: fields.locationText ?? place,
    danger: dangerIn(answer),
  }
}

/**
 * Problems numbered in one message (「1.…井盖松动 2.…人行道砖翘起来了」), each naming its own place and what is
 * wrong there: a ticket each, since different units may handle them, in one answer and with one call-back question.
 */
async function fileSeveral(turn: Turn, items: string[], phone: string | undefined): Promise<Reply[]> {
  const lines: string[] = []
  const ids: number[] = []
  for (const [i, item] of items.entries()) {
    const { fields } = await readComplaint(turn, item)
    const { complaint, received } = await receiveOne(
      turn,
      {
        description: item,
        category: fields.category ?? 'other',
        locationText: fields.locationText ?? findPlace(item),
        phone,
        danger: dangerIn(item),
      },
      // The photos sent with the message go with the first problem.
      i === 0 ? turn.mediaIds : [],
    )
    lines.push(`${i + 1}. ${received}`)
    ids.push(complaint.id)
  }
  const heading = WORDING.complaintsReceivedTogether(items.length)
  if (phone) return [text([heading, ...lines].join('\n'))]
  await offerCallBack(turn, ids)
  return [text([heading, ...lines, WORDING.askContact].join('\n'))]
}

/** Files one complaint: it is received and routed, its unit told, and danger in it sets off the alert. */
async function receiveOne(
  turn: Turn,
  pending: PendingComplaint,
  mediaIds: number[],
): Promise<{ complaint: ComplaintRow; received: string }> {
  const { ctx, message } = turn
  const complaint = await receiveComplaint({
    ctx,
    input: {
      channel: message.channel,
      botId: message.botId,
      citizenExternalId: message.sender.externalId,
      category: pending.category,
      description: pending.description,
      locationText: pending.locationText,
      latitude: pending.latitude,
      longitude: pending.longitude,
      citizenPhone: pending.phone,
      citizenName: pending.name,
      contactConsent: Boolean(pending.phone),
      whistleblowing: isWhistleblowing(pending.description),
      mediaIds,
    },
  })
  await notifyComplaintAssignment(ctx, complaint)
  const danger = pending.danger
  if (danger && !pending.alerted) await alertDutyOfficer(turn, pending, complaint.code)
  const advice = danger && !pending.alerted ? `${await safetyAdvice(turn, danger)}\n` : ''
  const theft = THEFT.test(pending.description) && !pending.theftTold ? `${WORDING.theftAdvice}\n` : ''
  const received = `${advice}${theft}${WORDING.complaintReceived(
    complaint.code,
    complaint.category,
    formatLocal(complaint.dueAt, ctx.timeZone, ctx.clock.now()),
  )}${
    complaint.whistleblowing
      ? WORDING.whistleblowingNote
      : ASKS_CONFIDENTIAL.test(pending.description)
        ? WORDING.confidentialNote
        : ''
  }`
  return { complaint, received }
}

/** 类别 燃气: the citizen corrects the category shown with the ticket; the complaint is re-routed. */
async function correctCategory(turn: Turn, label: string): Promise<Reply[]> {
  const { ctx, message } = turn
  const category = CATEGORIES.find(
    (c) => CATEGORY_LABELS[c].includes(label) || (label.length >= 2 && label.includes(CATEGORY_LABELS[c].slice(0, 2))),
  )
  if (!category) return [text(WORDING.categoryUnknown)]
  const latest = await latestOpenComplaint(ctx, message.botId, message.sender.externalId, ATTACH_WINDOW_MS)
  if (!latest) return [text(WORDING.citizenMediaNoComplaint)]
  if (latest.category === category) return [text(WORDING.categoryCorrected(latest.code, category))]
  await recategoriseComplaint(ctx, latest, category)
  return [text(WORDING.categoryCorrected(latest.code, category))]
}

/** The citizen confirmed it is the same problem: they follow the existing ticket and hear its outcome. */
async function linkToExisting(turn: Turn, pending: Record<string, unknown>): Promise<Reply[]> {
  const { ctx, message } = turn
  const [existing] = await ctx.db
    .select()
    .from(complaints)
    .where(eq(complaints.id, Number(pending.candidateId)))
  if (!existing) return [text(WORDING.citizenTooShort)]
  await addComplaintFollower(ctx, existing, String(pending.description ?? ''), {
    channel: message.channel,
    botId: message.botId,
    externalId: message.sender.externalId,
  })
  const askedNext = await askWhereTheNextIs(turn, pending as unknown as PendingComplaint, undefined)
  return [
    text(
      askedNext ? `${WORDING.complaintLinked(existing.code)}\n${askedNext}` : WORDING.complaintLinked(existing.code),
    ),
  ]
}

async function attachToLatest(turn: Turn): Promise<Reply[]> {
  const { ctx, message } = turn
  const { session, live } = await citizenSession(turn)
  const keep = () => saveSession(ctx.db, session, ctx.clock.now(), turn.forms.idleMs)
  const pin = message.kind === 'location' ? message.location : undefined
  // A photo while the place is being asked for belongs to the complaint waiting for it.
  if (live && session.step === STEP_PLACE && !pin) {
    session.draft.mediaIds = [...((session.draft.mediaIds as number[] | undefined) ?? []), ...turn.mediaIds]
    await keep()
    return [text(`已收到照片。${WORDING.askPlace}`)]
  }
  const latest = await latestOpenComplaint(ctx, message.botId, message.sender.externalId, ATTACH_WINDOW_MS)
  // A pin joins the latest complaint when that complaint has no pin yet; one that has is not moved.
  if (latest && (!pin || latest.latitude === null)) {
    await addComplaintEvidence(ctx, latest, { location: pin, mediaIds: turn.mediaIds })
    // The same pin may be where the next problem is (「这里路灯不亮」): kept for words that name no place,
    // unless the ticket's own question (a number to call back) is still open.
    if (pin && !(live && session.step === STEP_CONTACT)) {
      session.step = STEP_WHAT
      session.draft = { pin }
      await keep()
    }
    return [text(WORDING.citizenMediaAdded(latest.code, pin ? '位置' : '照片'))]
  }
  // Nothing it could belong to yet: kept for the complaint the next words make, never dropped.
  const held: Held = live && session.step === STEP_WHAT ? (session.draft as Held) : {}
  session.step = STEP_WHAT
  session.draft = {
    ...held,
    ...(pin ? { pin } : {}),
    mediaIds: [...(held.mediaIds ?? []), ...turn.mediaIds],
  }
  await keep()
  if (!pin) return [text(WORDING.citizenMediaNoComplaint)]
  // A pin without an address is not read back as coordinates: the citizen cannot check those.
  return [text(pin.label ? WORDING.citizenPlaceAskWhat(pin.label) : WORDING.citizenPinAskWhat)]
}

/** A pin as a place: its label, or its coordinates when the client sent none. */
function pinPlace(pin: { latitude: number; longitude: number; label?: string }): string {
  return pin.label || `定位 ${pin.latitude.toFixed(5)},${pin.longitude.toFixed(5)}`
}

/** Where a complaint stands, for the citizen who made it: with its deadline while it is open. */
function statusOf(ctx: Turn['ctx'], complaint: typeof complaints.$inferSelect): string {
  const open = isComplaintOpen(complaint.status)
  const now = ctx.clock.now()
  const due =
    open && complaint.dueAt
      ? { at: formatLocal(complaint.dueAt, ctx.timeZone, now), overdue: isComplaintLate(complaint, now) }
      : undefined
  return WORDING.complaintStatus(complaint.code, complaint.status, complaint.outcome, due)
}

/** The corrected place said after 应该是 / 改成 / 是, or the place the message names. */
function correctedPlaceIn(body: string, earlier?: string | null): string | undefined {
  // 「不是滨湖路 是滨湖西路」: a place for a place (「不是井盖 是下水道盖子」 corrects no place).
  const swapped = NOT_THIS_BUT.exec(body)
  if (swapped?.[1] && findPlace(swapped[1])) {
    const right = findPlace(swapped[2] ?? '')
    return right && !isVaguePlace(right) ? right : undefined
  }
  // (「地址写错了 不是6栋 是8栋」: the building put right, below.)
  const after =
    (swapped?.[2] && BUILDING_PART.test(swapped[2].trim()) ? swapped[2] : undefined) ??
    /(?:应该是|应为|改成|改为|更正为|正确的?是|实际是|其实是|是在|在)[:：]?\s*([^，。,！!？?；;]{2,30})/.exec(body)?.[1]
  const place = findPlace(after ?? body)
  if (place && !isVaguePlace(place)) return place
  // 「地址写错了，应该是6栋」: only the building (or number) said again — the earlier place with it put right.
  const part = BUILDING_PART.exec((after ?? '').trim())?.[0]
  if (!part || !earlier) return undefined
  const kind = /号楼|栋|幢|单元|号/.exec(part)?.[0] ?? ''
  const same = new RegExp(`[0-9一二三四五六七八九十]+${kind}`)
  return same.test(earlier) ? earlier.replace(same, part) : `${earlier}${part}`
}
/** A building, a unit or a house number said alone (「6栋」「3单元」「88号」). */
const BUILDING_PART = /^[0-9一二三四五六七八九十]{1,4}(?:号楼|栋|幢|单元|号)(?=[。！!，,\s]*$)/
