import { dangerIn } from '../domain/danger'
import { namesDefect } from './extract/hazard-statements'
import { findPlace } from './extract/place'
import { isVaguePlace } from './forms/checks'

/**
 * What a citizen's answer to 「具体在什么位置？」 is. Most answers are the place (「幸福里」「二中门口」「滨江路」), and
 * anything that might be one is taken as one; but people also answer with a change of mind, with 「不知道」, with a
 * question back, or with more about the problem (「工地噪音扰民」「天天晚上吵得睡不着」) — none of which is a place
 * anyone could be sent to.
 */
export type PlaceAnswer = 'cancel' | 'unknown' | 'coming' | 'question' | 'more_description' | 'place'

const CANCEL =
  /^(?:(?:我|那|那就|那我|还是|我还是)?(?:取消|算了|不用了|不需要了|不报了|不投诉了|不反映了|没事了|不说了|不讲了|不要了)(?:吧|啦|了)?[。！!，,~～\s]*)+$/
// (「具体是哪个工地我不方便说」: what is not said, before the not saying.)
const UNKNOWN =
  /^(?:(?:具体)?(?:是)?(?:在)?(?:哪个|哪条|哪家|哪里|哪儿|什么)(?:工地|小区|路|街|地方|位置|单位|楼盘|项目|公司)?|具体(?:的)?(?:位置|地址|地点)?|位置|地址|地点)?[，,\s]*(?:我|我也|我们)?(?:也)?(?:不知道|不方便(?:说|讲|透露)|不想(?:说|讲|透露)|不便(?:说|透露)|不清楚|不太清楚|不太知道|不记得|记不清|记不得|说不清|说不上来|不确定|不晓得|不懂)(?:了|啊|呀|诶|哎|哦)?(?:具体|详细)?(?:(?:的|在)?(?:地址|位置|地点|哪里|哪儿|在哪(?:里|儿)?|是哪里|叫什么(?:名字)?|门牌号?))?(?:了|啊|呀)?[。！!，,~～\s]*$/
/**
 * 「我发个定位」「等一下 我问问」「稍等，我去看看门牌」: the place is coming — nothing to file yet, and nothing vague
 * about it (it had been told 「还不够具体」).
 */
const COMING =
  /^(?:好的?|行|嗯|哦)?[，,\s]*(?:(?:请)?(?:等一下|等下|等等|稍等|稍等一下|等一会儿?|马上|一会儿?|待会儿?)[，,\s]*)?(?:我)?(?:马上|这就|现在|再)?(?:发(?:个|一个|一下)?(?:定位|位置)(?:给你们?)?|(?:去|下楼)?(?:问问|问一下|看看|看一下|查查|查一下)(?:门牌号?|地址|路名|叫什么)?)(?:啊|哈|吧)?$|^(?:请)?(?:等一下|等下|等等|稍等|稍等一下|等一会儿?)(?:啊|哈)?$/
/** 「你们自己查」「你们去找」: the citizen will not say — as if not known: the rough area is asked once more. */
const WONT_SAY = /^(?:你们)?(?:自己)(?:去)?(?:查|找|看)(?:吧|啊|呀)?$|^你们(?:自己)?(?:去)?(?:查|找)(?:吧|啊|呀)?$/
/** 「不知道叫什么路」: the name not known, and nothing else said (with a landmark after it, the landmark is the place). */
const NAME_UNKNOWN =
  /^(?:我|我也)?(?:也)?不(?:知道|清楚|记得)(?:这|那)?(?:条)?(?:路|街|小区|地方)?叫(?:什么|啥)(?:名字|路|街|小区|地方|名)?(?:了|啊|呀)?$/
/**
 * A question back (「为什么要地址」「必须发定位吗？」), not a place; nor a request or a wish to know (「能不能把处理的照片
 * 发给我看看」「我想知道是谁举报的」), which had been filed as where.
 */
const QUESTION =
  /^(?:为什么|为啥|干嘛|干什么|凭什么|怎么|什么意思|必须|一定要|非要|能不能|能否|可不可以|可否|我想(?:知道|问|了解|看)|请问|请你们|麻烦你们|你们能|你们可以)|是谁|谁(?:举报|投诉|反映|说)的|^(?:在)?(?:哪|哪里|哪儿)(?:啊|呀)?$|[吗呢么]？?[?？]?$|[?？]$|多少|几点|几时|多久|多长时间|什么时候|哪个部门|找谁/
/** The nuisance itself, not something broken (noise, smell, dust, neglect, how often). */
const NUISANCE =
  /噪音|噪声|扰民|吵|睡不着|休息不好|[很太好真发]臭|臭味|臭气|熏|灰尘|扬尘|没人管|不管|不处理|不作为|危险|天天|每天|一直|经常|老是|总是|好几次|好多次|多次|几次了|困(?:了|过)?(?:好几次|几次|\d+次)?人|关人|卡人/
/** How an answer that is a place often ends, though no place word shows it (「燃气公司旁边」「响水坝那边」). */
const LOCATIVE_END =
  /(?:旁边|附近|门口|对面|那边|这边|后面|前面|背后|里面|里头|边上|周围|周边|楼下|楼上|隔壁|一带|路口|拐角)$/

/** A question back about the place itself (「为什么要地址」), rather than about something else (「你们电话多少」). */
export function asksAboutThePlace(body: string): boolean {
  return /地址|位置|定位|地点|门牌|哪|为什么|为啥|干嘛|凭什么|必须|一定要|非要/.test(body)
}

export function readPlaceAnswer(body: string, reading: { locationText?: string }): PlaceAnswer {
  const text = body.trim().replace(/[。！!，,~～\s]+$/, '')
  if (CANCEL.test(text)) return 'cancel'
  if (UNKNOWN.test(text) || NAME_UNKNOWN.test(text) || WONT_SAY.test(text)) return 'unknown'
  if (COMING.test(text)) return 'coming'
  // 「不知道在哪，就在我家附近」: not known, and what follows names no place either.
  const [first, ...rest] = text.split(/[，,。；;]/)
  if (rest.length > 0 && UNKNOWN.test(first ?? '') && !findPlace(rest.join('，'))) return 'unknown'
  if (reading.locationText ?? findPlace(text)) return 'place'
  if (QUESTION.test(text)) return 'question'
  // (「困了好几次人了」「有人被困在里面」: the lift's fault, or the danger now, is what happened, not where.)
  if (!LOCATIVE_END.test(text) && (namesDefect(text) || NUISANCE.test(text) || dangerIn(text)))
    return 'more_description'
  return 'place'
}

/**
 * Where on the place already filed, said by what it is next to (「靠近第一中学门口那边」「就在恒大工地那」): a landmark
 * beside it, with no street of its own (「人民路88号那边」 is another place).
 */
export function saysSpotNearby(body: string, said: string): boolean {
  const words = body.trim().replace(/[。！!，,~～\s]+$/, '')
  return (
    (/^(?:就是|是)?(?:就在|靠近|挨着|紧挨着?|临近|离)/.test(words) ||
      /(?:旁边|附近|对面|门口|门前|边上|那边|那里|那儿|那段|那一段|那块|一带|那)$/.test(words)) &&
    !/[路街巷](?!口)|大道/.test(said)
  )
}

/** The road a place is on, its corner or side left off (「建设路口」 is on 建设路). */
export function roadOf(place: string): string {
  return (findPlace(place) ?? place).replace(/(?<=[路街道巷])(?:口|路口|附近|旁边)$/, '')
}

/**
 * The place a ticket is kept at once the citizen says more of it: the new words when they name it more exactly
 * (「人民路」 then 「人民路中段公交站旁边」) or the first place was rough, else the spot after the place filed
 * (「桃花源路」 then 「靠近第一中学门口」 is 「桃花源路 靠近第一中学门口」).
 */
export function placeMadeExact(current: string | null, said: string): string {
  if (!current || isVaguePlace(current)) return said
  if (said.includes(current) || said.includes(roadOf(current))) return said
  return current.includes(said) ? current : `${current} ${said}`
}
