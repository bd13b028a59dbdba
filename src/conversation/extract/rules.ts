import type { Category } from '../../domain/categories'
import { NUMBER_PATTERN, parseChineseNumber } from '../../domain/chinese-numbers'
import type { HazardLevel } from '../../domain/hazard-lifecycle'
import { findMobileNumber, MOBILE_NUMBER } from '../../domain/mobile-number'
import { SURNAME } from '../../domain/surnames'
import { halfWidthDigitsAndLetters } from '../../domain/text-width'
import { isVaguePlace } from '../forms/checks'
import { isSureCategory, weighCategories } from './category-evidence'
import type { ExtractedFields, ExtractionForm } from './fields'
import { gradesMajor, namesDefect, readFindings } from './hazard-statements'
import { findPlace, findPlaces, NAMED_SITE, narrowedPlace, placeWordOf, saysInTheWay, withSpacedParts } from './place'
import { parseTimeRange } from './time'
import { withVoiceBreaks } from './voice-breaks'

/** Rule-based extraction: what works with no LLM, and whenever the LLM is slow, down or wrong. */
export interface ExtractionContext {
  now: Date
  timeZone: string
  categoryRules: readonly { category: Category; keywords: readonly string[] }[]
  reporterName?: string
}

const PLACE_SUFFIX =
  '(?:大道|大街|路口|交叉口|路|街|巷|桥|隧道|小区|花园|工地|项目|广场|公园|社区|村|站|河堤|码头|市场|学校)'
const PLACE_RE = new RegExp(
  `([\\u4e00-\\u9fa5A-Za-z0-9]{1,16}?${PLACE_SUFFIX}(?:[与和][\\u4e00-\\u9fa5]{1,10}?${PLACE_SUFFIX})?(?:[\\u4e00-\\u9fa5]{0,3}?(?:号|段|口|旁|附近|门口))?)(?![灯面牙沿基])`,
)
/** Words that make a hazard major wherever they are said; 「严重」 alone is degree, not grade (gradesMajor). */
const MAJOR_WORDS =
  /重大|坍塌|倒塌|爆炸|泄漏|漏气|断裂|塌陷|起火|触电|人员受伤|(?:有人|行人|路人|小孩|孩子|老人|工人)[^，。,；;]{0,6}受伤|伤亡|深基坑|高支模/
/** 「不是重大隐患」「未发现重大隐患」 deny the grade they name. */
const MAJOR_DENIED = /(?:不是|不算|并非|非|没有|无|未发现|没发现)重大(?:事故)?(?:隐患|问题)?/g
const FILLER_PREFIX = /^(?:在|于|位于|地点[:：]?|地址[:：]?|今天|今日|昨天|刚才|我们|我)+/

export function extractLevel(text: string): HazardLevel {
  if (/一般隐患|一般/.test(text) && !/重大隐患/.test(text)) return 'general'
  const said = text.replace(MAJOR_DENIED, '')
  return MAJOR_WORDS.test(said) || gradesMajor(said) ? 'major' : 'general'
}

export function extractPlace(text: string): string | undefined {
  const cleaned = text.replace(/[，。,.！!？?；;]/g, ' ')
  for (const segment of cleaned.split(/\s+/)) {
    const match = PLACE_RE.exec(segment)
    if (match?.[1]) {
      const place = match[1].replace(FILLER_PREFIX, '').replace(/^(?:发现|巡查|检查|反映|投诉|看到|看见|瞧见|了)+/, '')
      if (place.length >= 2) return place
    }
  }
  return undefined
}

export function extractHazard(text: string, ctx: ExtractionContext): ExtractedFields<'hazard'> {
  return readByRules('hazard', text, ctx).fields
}

const TRAILING_GRADE = /[，,；;。\s]+(?:(?:属于?|定为|为|是)?(?:一般|重大)(?:隐患)?[。！!]*)?$/

/** 「问题：路面塌陷约1平方米」 in a report written as labelled lines: what is wrong, without the other lines. */
const LABELLED_PROBLEM =
  /(?:^|[\n；;])\s*(?:隐患描述|存在问题|问题描述|问题|隐患|情况|描述|内容)\s*[:：]\s*([^\n；;]{2,}?)(?=\s+(?:地点|位置|地址|等级|类别|处理情况|处理|措施)\s*[:：]|[\n；;]|$)/

/** 「这两张是人民路井盖破损的照片」 after the photos: a caption, whose words around what is wrong are not part of it. */
const PHOTOS_CAPTION =
  /^(?:这|那|上面|刚才)?(?:两|几|一|三|四)?(?:张|个)?(?:照片|图片|图)?(?:拍的是|是拍的|是|拍的)((?:(?!的(?:照片|图片)).)+?)(?:的)?(?:照片|图片|现场照片|现场图)[。！!]*$/

function readHazard(text: string, ctx: ExtractionContext): RulesReading<'hazard'> {
  // The words that only say it is a hazard report: 「上报隐患」「发现隐患：」「隐患 人民路…」.
  const said = text
    .replace(
      /^(?:(?:我|我们)?(?:要|想|需要|来|现在)?(?:帮我|请|麻烦)?(?:上报|报告?|反映|汇报)(?:一下)?(?:一个|个|一处|处|一条|条)?(?:重大|一般|较大|严重)?(?:的)?(?:安全)?隐患[，,：:\s]*(?:具体(?:情况)?是|情况是)?[，,：:\s]*|(?:发现|有)(?:一处|一个|一起|个|处)(?:安全)?隐患[，,：:\s]+|(?:上报隐患|隐患上报|报告隐患|发现隐患|上报)[:：\s]*|(?:隐患|发现)[:：\s]+|(?:报告|汇报|反映)(?:一下|个情况|一个情况)?[:：，,\s]\s*)/,
      '',
    )
    .replace(PHOTOS_CAPTION, '$1')
    // 「地点是武陵大道工地 塔吊基础积水」: the place leads, its label is no part of what is wrong.
    .replace(/^(?:地点|位置|地址)(?:是|在|为)?[:：\s]*/, '')
    .trim()
  // Read before the label is taken off: 「隐患：井盖缺失；位置：…」 is labelled lines, its first label included.
  const labelled = LABELLED_PROBLEM.exec(text.replace(/^(?:上报隐患|隐患上报|报告隐患)[:：\s]*/, ''))?.[1]?.trim()
  // Words after a labelled place on the same line (「地点：洞庭大道与紫菱路交叉口 已疏散群众」) are not lost.
  const after = labelled
    ? /(?:地点|位置|地址)\s*[:：]\s*\S+[ \t]+([^\n；;:：]{2,})$/m.exec(text)?.[1]?.trim()
    : undefined
  // Unlabelled lines beside the labelled ones (「…；等级：一般；已设置警示标志」) say what was done: not lost.
  const unlabelled = labelled
    ? text
        .split(/[\n；;]/)
        .map((line) => line.trim())
        .filter(
          (line) =>
            line.length >= 2 &&
            !/^[\u4e00-\u9fa5]{1,6}\s*[:：]/.test(line) &&
            !/^(?:上报隐患|隐患上报|报告隐患)$/.test(line) &&
            !line.includes(labelled),
        )
    : []
  // 「…，一般隐患」: a grade said in a last clause of its own is the grade, shown as such, not part of the description.
  const description = (labelled ? [labelled, after, ...unlabelled].filter(Boolean).join('；') : said).replace(
    TRAILING_GRADE,
    '',
  )
  const out: ExtractedFields<'hazard'> = {}
  const unsure: string[] = []
  if (description.length >= 2) out.description = description
  const weighed = weighCategories(text, ctx.categoryRules)
  if (weighed) {
    out.category = weighed.category
    if (!isSureCategory(weighed)) unsure.push('category')
  }
  out.level = extractLevel(text)
  // Read as a complaint's place is: a hazard report names its place the same ways.
  const place = reportedPlace(said)
  if (place) {
    out.locationText = withSpacedParts(said, narrowedPlace(said, place.place))
    if (!place.sure) unsure.push('locationText')
  }
  return { fields: out, unsure }
}

/** The rules' reading of a message for a form, with the fields that are guesses. */
export function readByRules<F extends ExtractionForm>(form: F, typed: string, ctx: ExtractionContext): RulesReading<F> {
  const text = withVoiceBreaks(halfWidthDigitsAndLetters(typed))
  const head = text.length > RULES_READ_LIMIT ? text.slice(0, RULES_READ_LIMIT) : text
  const reading = (
    form === 'patrol' ? readPatrol(head, ctx) : form === 'hazard' ? readHazard(head, ctx) : readComplaint(head, ctx)
  ) as RulesReading<F>
  // Nothing the person wrote is lost: the description goes on past what was read.
  const fields = reading.fields as { description?: string }
  if (head !== text && typeof fields.description === 'string') fields.description += text.slice(RULES_READ_LIMIT)
  return reading
}

/**
 * The rules read a message's first 1,000 characters: no report needs more, and a pattern's cost grows with the
 * length (an adversarial 5,000-character message took a quarter of a second).
 */
export const RULES_READ_LIMIT = 1000

export function extractComplaint(text: string, ctx: ExtractionContext): ExtractedFields<'complaint'> {
  return readByRules('complaint', text, ctx).fields
}

function readComplaint(text: string, ctx: ExtractionContext): RulesReading<'complaint'> {
  const out: ExtractedFields<'complaint'> = {}
  const unsure: string[] = []
  const phone = findMobileNumber(text)
  if (phone) out.phone = phone
  const description = withoutPhone(text).trim()
  if (description.length >= 2) out.description = description
  const weighed = weighCategories(text, ctx.categoryRules)
  if (weighed) {
    out.category = weighed.category
    if (!isSureCategory(weighed)) unsure.push('category')
  }
  const place = reportedPlace(description)
  if (place) {
    out.locationText = withSpacedParts(description, narrowedPlace(description, place.place))
    if (!place.sure) unsure.push('locationText')
  }
  return { fields: out, unsure }
}

/**
 * The text without the mobile number and the words that introduce it (「，我的电话是139…」). Found first, then
 * its label cut from just before it: one unbounded pattern for both took a quarter of a second on a message of
 * blank lines.
 */
export function withoutPhone(text: string): string {
  const found = MOBILE_NUMBER.exec(text)
  if (!found) return text
  const before = text
    .slice(0, found.index)
    .replace(/[，,。\s]{0,8}(?:我的|本人)?(?:电话|手机|手机号|联系方式|联系电话)?(?:是|为)?[:：]?\s{0,4}$/, '')
  return `${before}${text.slice(found.index + found[0].length).replace(/^[。.]/, '')}`
}

/**
 * Where a complaint or a hazard is: the address people put after 在 / 地址是 / 位于, often at the end, or else the first
 * place named; the old pattern is the last resort.
 */
/** 「小区叫金色家园」「小区名字叫阳光花园」: the estate named after the fact; 「3栋」 said before it is in it. */
const ESTATE_NAMED =
  /(?:小区|楼盘|院子)(?:的)?(?:名字|名称)?(?:叫做|名叫|名为|叫)[:：]?\s*([\u4e00-\u9fa5A-Za-z0-9]{2,12}?)(?=[，。,！!？?；;\s]|$)/
const BUILDING = /([0-9]{1,3}|[一二三四五六七八九十]{1,3})(?:栋|幢|号楼)(?:[0-9]{1,2}单元)?/

/** A name that ends like a spot people name (老西门, 水星楼, 大码头), for a short place said after 在. */
const NAMED_SPOT = /[门楼桥塔亭坊口岗坡湾洲岭庙寺堤坝港渡]$/

function reportedPlace(description: string): { place: string; sure: boolean } | undefined {
  const estate = ESTATE_NAMED.exec(description)?.[1]
  if (estate) return { place: `${estate}${BUILDING.exec(description)?.[0] ?? ''}`, sure: true }
  const cued =
    /(?:在(?!建)|地址(?:是|在)?|地点(?:是|在)?|位于|位置(?:是|在)?|小区是|是)[:：]?\s*([^，。,！!？?；;]{2,30}?)[，。,！!？?；;]*(?:电话|手机|$)/.exec(
      description,
    )?.[1]
  const fromCue = cued ? mostPrecise(cued, findPlaces(cued)) : undefined
  if (fromCue) return { place: fromCue, sure: true }
  // 「…，在老西门」: a short name said after 在 at the end is where, though no place word marks it — a guess, asked.
  if (cued && /^[\u4e00-\u9fa5]{2,8}$/.test(cued) && NAMED_SPOT.test(cued) && !namesDefect(cued))
    return { place: cued, sure: false }
  // 「在老西门 菜市场后面那栋」: such a name, then where by it after a space — the two together, a guess, asked (it
  // had been asked where, as if nothing were said).
  const [spot, ...by] = cued?.trim().split(/\s+/) ?? []
  if (
    cued &&
    spot &&
    by.length > 0 &&
    /^[\u4e00-\u9fa5]{2,8}$/.test(spot) &&
    NAMED_SPOT.test(spot) &&
    !namesDefect(cued)
  )
    return { place: [spot, ...by].join(''), sure: false }
  const named = mostPrecise(description, findPlaces(description))
  if (named) return { place: named, sure: true }
  // 「Road light broken at Renmin Road No. 5」: a place written in English, kept as written.
  const english = ENGLISH_PLACE.exec(description)?.[0]
  if (english) return { place: english.trim(), sure: true }
  // 「a big hole on the road near the train station」: where by a landmark, in English, kept as written.
  const landmark = ENGLISH_LANDMARK.exec(description)?.[1]
  if (landmark) return { place: landmark.trim(), sure: true }
  // 「二里岗那边有个废弃的工地」: a name said first with 那边 or 附近 is where, though no place word marks it — a guess, asked.
  const over = OVER_THERE.exec(description)?.[1]
  if (over && !NOT_A_NAME_OVER_THERE.test(over) && !namesDefect(over)) return { place: over, sure: false }
  // The old pattern finds something place-like where the grammar found nothing: a guess.
  // Never a count of places (「巡查了3个工地」): that is how many sites were visited, not where.
  // Nor a place word with no name before it (「我们小区」 gives 「小区」, 「小区门口」): nobody could find that.
  const found = extractPlace(description)
  // Nor whose it is (「我家小区」 gives 「家小区」): that is the place still to be named.
  const loose =
    found &&
    !COUNTED_PLACES.test(found) &&
    placeWordOf(found) !== found &&
    // (「我刚路过」: 刚 and the 路 of 路过 are no road. 「扫地的时候发现桥」 is when they saw it, not where. 「走路」
    // and 「马路」 alone are walking and any road; 「晚上走路」 is when and how they walked. 「这个工地」 points at a place nobody could find by it, and 「污水都冒到路上了」
    // says where the water went.)
    !/^(?:马|过|上|出|小|大)路$|(?:走|让|带|问|赶|绕)路$|^(?:家|我|咱|你|他|她|要|想|有人|别人|某人|附近|旁边|对面|楼下|这里|那里|这边|那边|这|那个|那处|那条|那段|该|此|某)|有个|有一个|反映|投诉|举报|的时候|发现|看到|看见|.在(?!建)|[把被]|[冒流漫淹溢涌][到进]|的人(?![行民])|^[刚才就正也都还又再常先后去来在从到经][路街道桥]$/.test(
      found,
    ) &&
    !saysInTheWay(found)
      ? found
      : undefined
  return loose ? { place: loose, sure: false } : undefined
}

/** 「near the train station」「outside No. 3 Middle School」: a landmark after a word saying where by it. */
const ENGLISH_LANDMARK =
  /\b(?:near|at|outside|beside|by|opposite|behind|next to|in front of|across from)\s+(?:the\s+)?((?:[A-Za-z0-9.'’]+\s+){0,3}(?:station|school|hospital|market|mall|park|square|gate|stadium|library|university|college|hotel|plaza|terminal|airport|temple|church|community|compound|estate|building|tower|apartments|intersection|crossroads|roundabout))\b/i

/** 「Renmin Road No. 5」「Chaoyang St」「Yuanshui Bridge」: a name and an English place word, with a number after it. */
const ENGLISH_PLACE =
  /\b(?:[A-Z][a-z]+\s+){1,3}(?:Road|Rd|Street|St|Avenue|Ave|Lane|Bridge|Park|Square|Community|Garden|Gardens|Village|District)\b\.?(?:\s*(?:No\.?|#)\s*\d+)?/

/** A name at the start of a message, then where by it (「二里岗那边」「老西门附近」). */
const OVER_THERE = /^([\u4e00-\u9fa5]{2,5}?)(?:那边|那里|那儿|那块|这边|附近|一带)/
/** Words before 那边 that point or name a kind of place rather than one place (「我家那边」「学校附近」). */
const NOT_A_NAME_OVER_THERE =
  /^(?:我|我们|俺|咱|你|他|她|家|这|那|有|在|就|刚|老家)|(?:小区|村|楼|学校|医院|公园|工地|市场|超市|路口|马路|河边|桥|门口|单位|公司|地方|位置)$/

const COUNTED_PLACES =
  /^(?:[去到跑走看查转访]|检查|排查|巡查|走访|察看|查看)?[了过]?[0-9一二两三四五六七八九十几多]+(?:个|栋|座|处|家|条|所)/

/**
 * An area named first and an address with its number (or an estate, a building) later in the message (「老城区
 * 那个危房…朗州北路33号」): the address. An address right after its district (「鼎城区桥南新村12栋」) is kept whole by narrowedPlace.
 */

/** 「俺们村口」「我们小区」「那座桥」: a place pointed at, or said to be someone's, rather than named. */
const POINTED_OR_OURS = /^(?:我|俺|咱|这|那)|[这那](?:座|个|条|栋|段|块|片)/

/** 「城东那边」「河洑一带」: a part of town said roughly, where a place named after it is exact. */
function saidLoosely(text: string, place: string): boolean {
  return ['那边', '这边', '那块', '这块', '一带', '附近', '那里', '这里', '那儿'].some((rough) =>
    text.includes(`${place}${rough}`),
  )
}

function mostPrecise(text: string, places: string[]): string | undefined {
  const [first] = places
  // 「俺们村口那座桥快塌了 桃花源镇李家村」: a place named later beats a first one only pointed at or said to be
  // someone's, which nobody could find; so does one after a part of town said loosely (「在城东那边 沅安路上」: 城东 alone
  // had made the complaint ask where). (「汉寿 龙阳镇」 narrows a county: those parts are one place.)
  if (first && isVaguePlace(first) && (POINTED_OR_OURS.test(first) || saidLoosely(text, first))) {
    const named = places.find((place) => place !== first && !isVaguePlace(place))
    if (named) return named
  }
  // 「洞庭大道 沅安路口 红绿灯旁边」: a road, then the crossing with another said apart — the crossing is where (the road
  // alone had been kept).
  const [second] = places.slice(1)
  if (
    first &&
    second &&
    /(?:路|街|大道|大街)$/.test(first) &&
    /^[\u4e00-\u9fa5]{1,8}(?:路|街|大道)(?:口|交叉口|路口|十字路口)$/.test(second) &&
    new RegExp(`${first}\\s+${second}`).test(text)
  )
    return `${first}与${second}`
  if (!first || !/(?:区|街道|镇|乡|县|一带|周边|附近)$/.test(first)) return first
  if (narrowedPlace(text, first) !== first) return first
  // 「我是阳光小区的业主，我们小区3栋楼顶…」: the building said of the estate by its bare word is in the estate named.
  const inTheEstate = /小区$/.test(first)
    ? places
        .map((place) => /^(?:小区|院子?)((?:[0-9]+|[一二三四五六七八九十]{1,3})(?:号楼|栋|幢).*)$/.exec(place)?.[1])
        .find(Boolean)
    : undefined
  if (inTheEstate) return `${first}${inTheEstate}`
  // 「我是芙蓉街道的居民…我们小区（芙蓉花园）门口」: an estate or a building named later narrows the area too.
  return (
    places.find((place) => /[0-9]+(?:号楼|号|栋|幢)$/.test(place)) ??
    places.find((place) => place !== first && NAMED_SITE.test(place)) ??
    first
  )
}

export function extractPatrol(text: string, ctx: ExtractionContext): ExtractedFields<'patrol'> {
  return readByRules('patrol', text, ctx).fields
}

/**
 * What the rules read, and which of it is a guess: a field named in `unsure` is shown to the person to confirm
 * rather than filled in silently (the area when only the first place in the message was taken; a hazard's
 * domain on weak or close evidence).
 */
export interface RulesReading<F extends ExtractionForm> {
  fields: ExtractedFields<F>
  unsure: string[]
}

/** Words that are no one's name, though two or three characters like one: places, times, findings. */
const NOT_A_NAME =
  /[路街巷桥区县镇乡村号栋楼园站场湖河港堤车人次台辆处个]|正常|巡查|巡视|巡逻|上午|下午|晚上|今天|昨天|发现|隐患|问题|没有|良好|完好|一切|无异常/

/**
 * 「…洞庭大道 张伟 李强 1车 正常」「张伟、李强」: the reporter's own name with others beside it, apart by spaces or 、,
 * and no label — who went. The reporter's name is what says the words around it are names.
 */
/** A name glued to the reporter's must start with a common surname to be taken for a name. */
const STARTS_WITH_SURNAME = new RegExp(`^${SURNAME}`)

/**
 * 「朗州路 李强 王明 2人1车」: names apart by spaces or 、, each beginning with a surname, right before a count of people
 * that is as many — who went, though the reporter is not among them (the names had been lost, the reporter alone
 * listed).
 */
function namesBeforeTheirCount(text: string, reporter: string | undefined): string | undefined {
  const found =
    /(?:^|[\s，,：:])((?:[\u4e00-\u9fa5]{2,3}[ \t\u3000、]+){1,5}[\u4e00-\u9fa5]{2,3})[ \t\u3000]*([0-9一二两三四五六七八九十]+)\s*(?:个|名|位)?人/.exec(
      text,
    )
  if (!found?.[1] || !found[2]) return undefined
  const count = parseChineseNumber(found[2])
  if (count === undefined || count < 2) return undefined
  const isName = (n: string) => STARTS_WITH_SURNAME.test(n) && !NOT_A_NAME.test(n)
  const words = found[1].split(/[ \t\u3000、]+/)
  // (The words before them may be where: 「朗州路 李强 王明」 — the last as many as were counted.)
  const all = words.slice(-count)
  if (all.length === count && all.every(isName)) return all.join('、')
  // 「李强 王明 3人」 from 张伟: the one writing is the third.
  const others = words.slice(-(count - 1))
  return reporter && !others.includes(reporter) && others.length === count - 1 && others.every(isName)
    ? [reporter, ...others].join('、')
    : undefined
}

/** 「张伟李强」「李强张伟」 beside reporter 张伟: both names, or undefined when the rest reads as no name. */
function gluedToReporter(word: string, reporter: string): string | undefined {
  const rest = word.startsWith(reporter)
    ? word.slice(reporter.length)
    : word.endsWith(reporter)
      ? word.slice(0, -reporter.length)
      : undefined
  if (!rest || !/^[\u4e00-\u9fa5]{2,3}$/.test(rest) || !STARTS_WITH_SURNAME.test(rest) || NOT_A_NAME.test(rest))
    return undefined
  return word.startsWith(reporter) ? `${reporter}、${rest}` : `${rest}、${reporter}`
}

function namesBesideReporter(text: string, reporter: string | undefined): string | undefined {
  if (!reporter) return undefined
  for (const chunk of text.split(/[，,。；;：:]/)) {
    const words = chunk.split(/[ \t\u3000、]+/).filter(Boolean)
    const at = words.indexOf(reporter)
    const isName = (word: string | undefined) =>
      word !== undefined && /^[\u4e00-\u9fa5]{2,3}$/.test(word) && !NOT_A_NAME.test(word)
    if (at < 0) {
      // 「张伟李强」: the reporter's name and another's typed together, with no mark between.
      const glued = words.map((word) => gluedToReporter(word, reporter)).find(Boolean)
      if (glued) return glued
      continue
    }
    let first = at
    let last = at
    while (isName(words[first - 1])) first--
    while (isName(words[last + 1])) last++
    if (last > first) return words.slice(first, last + 1).join('、')
  }
  return undefined
}

/** A clause about a patrol still to come (「晚上还要去一趟」「下午准备再去建设路」), cut before the time is read. */
const TRIP_TO_COME =
  /[^，,。；;\s]*(?:还要|还得|待会儿?|等会儿?|一会儿|晚点|准备|打算|计划)(?:再)?(?:去|巡|过去|走)[^，,。；;\s]*/g

function readPatrol(text: string, ctx: ExtractionContext): RulesReading<'patrol'> {
  const out: ExtractedFields<'patrol'> = {}
  const unsure: string[] = []
  // 「今天白天巡查了 晚上还要去一趟」: the trip still to come says nothing of when this one was.
  const range = parseTimeRange(text.replace(TRIP_TO_COME, ''), ctx.now, ctx.timeZone)
  if (range) {
    out.startedAt = range.start.toISOString()
    if (range.end) out.endedAt = range.end.toISOString()
    if (range.dayOnly) unsure.push('startedAt')
  }
  const area = patrolArea(text)
  if (area) {
    out.area = narrowedPlace(text, area.place)
    if (!area.sure) unsure.push('area')
  }

  const companions =
    // 「跟张工一起巡了…」: the names end at 一起, whatever the verb after it.
    /(?:和|与|同|跟)(?:着)?((?:(?!一起|一同)[\u4e00-\u9fa5、]){2,20}?)(?:一起|一同|共同)?\s*(?:在|到|去|对|巡查|巡视|巡)/.exec(
      text,
    )?.[1] ??
    // 「跟李工去了」「跟着王科长一起去的」: one companion named before the going.
    /跟(?:着)?([\u4e00-\u9fa5]{2,3}?)(?:一起|一同)?(?:开车|骑车|坐车|走路)?(?:去|到|巡)/.exec(text)?.[1] ??
    // 「就我和小王两个人」: the companion named with how many went.
    /我(?:和|跟|与)([\u4e00-\u9fa5]{2,3}?)(?:两个人|两人|俩人|二人|俩|两个|一起)/.exec(text)?.[1]
  // 「和同事」 says someone came along, not who.
  const namedCompanions = companions && !/^(?:同事|同事们|大家)$/.test(companions) ? companions : undefined
  // 「人员：张三、李四」, or one name alone before the next label or the end (「巡查人员：王五 巡查时间：…」).
  // 「人员张伟，」 without the colon: only a word beginning with a surname (「人员较多，」 names nobody).
  const alone =
    /(?:巡查)?人员[:：]\s*([\u4e00-\u9fa5]{2,4})(?=[\s，,。；;]|$)/.exec(text)?.[1] ??
    NAME_AFTER_BARE_LABEL.exec(text)?.[1]
  // 「人员：张三 李四」: names of two or three characters apart by spaces, each a whole word (not 「巡查时间：」).
  // (A form typed with spaces for colons — 「人员 王五 赵六 发现 无」 — ends the names at the next label.)
  const spaced = untilNextLabel(
    /(?:巡查)?人员(?:[:：]\s*|[ \t\u3000]+)([\u4e00-\u9fa5]{2,3}(?:[ \t\u3000]+[\u4e00-\u9fa5]{2,3})+)(?=[\s，,。；;0-9]|$)/
      .exec(text)?.[1]
      ?.replace(/[ \t\u3000]+/g, '、'),
  )
  const listed =
    // 「巡查人员张伟、李强、王明，车辆1台」: the label said in full may go without its colon; the names end where the
    // next label begins.
    untilNextLabel(
      /(?:巡查人员[:：]?|人员[:：])\s*([\u4e00-\u9fa5]{2,4}(?:[、，,和][\u4e00-\u9fa5]{2,4})+)/.exec(text)?.[1],
    ) ??
    // 「巡查员张三、李四对…」: the names right after the title, without a colon.
    /巡查员\s*([\u4e00-\u9fa5]{2,3}(?:[、和][\u4e00-\u9fa5]{2,3})+)(?=[对在到去于，,\s])/.exec(text)?.[1] ??
    (spaced && !/[和跟与我等们]|同事|一起|自己|本人/.test(spaced) ? spaced : undefined) ??
    (alone && !/[和跟与我等们]|同事|一起|自己|本人/.test(alone) ? alone : undefined) ??
    namesBesideReporter(text, ctx.reporterName) ??
    namesBeforeTheirCount(text, ctx.reporterName)
  const names = [
    ...(listed ? [] : [ctx.reporterName]),
    ...(namedCompanions ? companionNames(namedCompanions) : []),
    ...(listed ? listed.split(/[、，,和]/) : []),
  ].filter((n): n is string => Boolean(n?.trim()))
  if (names.length > 0) out.patrollers = [...new Set(names)].join('、')

  const staff = staffCount(text)
  if (staff !== undefined) out.staffCount = staff
  else if (listed) out.staffCount = listed.split(/[、，,和]/).length
  else if (namedCompanions) out.staffCount = new Set([ctx.reporterName ?? '', ...companionNames(namedCompanions)]).size
  else if (/(?:和|与|同)(?:同事|小[\u4e00-\u9fa5]|老[\u4e00-\u9fa5])(?!\S*[、，,]\S*(?:一起|巡))/.test(text))
    out.staffCount = 2
  const vehicles = vehicleCount(text)
  if (vehicles !== undefined) out.vehicleCount = vehicles

  const leader =
    /(?:^|[，,。\s])([\u4e00-\u9fa5]{2,3})带队/.exec(text)?.[1] ??
    /(?:带队人?|组长|负责人|带队领导)[:：为是]\s*([\u4e00-\u9fa5]{2,4})/.exec(text)?.[1]
  if (leader && leader !== '本人') out.teamLeader = leader

  const { statements, nothingFound, guessed } = readFindings(text, ctx)
  // A guessed hazard is shown for the person to confirm, with its domain; the others ask for a domain in doubt.
  if (guessed) unsure.push('hazards')
  else
    statements.forEach((h, i) => {
      if (h.category && !h.categorySure) unsure.push(`hazards.${i}.category`)
    })
  out.hazards = statements.map((h) => ({
    description: h.description.slice(0, 500),
    count: h.count,
    level: h.level,
    ...(h.category ? { category: h.category } : {}),
    ...(h.locationText ? { locationText: h.locationText } : {}),
  }))
  // A message that says nothing of what was found leaves the question to the form.
  if (out.hazards.length === 0 && !nothingFound) delete out.hazards
  const handled = handlingIn(text)
  if (handled) out.handlingResult = handled
  return { fields: out, unsure }
}

/**
 * What was done on the spot: 「已设置围挡」「已经通知物业」「当场责令停工」「现场拉了警戒线」「通知了施工单位整改」. A
 * handling verb counts after 已/已经/当场/现场/立即, or with 了 after it, or an order (要求, 责令, 通知…) opening a
 * clause; other verbs alone may as well be part of what was found.
 */
const HANDLING_VERBS =
  '跟|向|给|打电话给|打了电话给?|打电话通知|电话通知|电话联系|设置|设立|设|叫|让|喊|请|报|拍照上报|拍照|劝离|劝阻|驱离|制止|拉设|拉起|拉|做|安排|通知|联系|告知|督促|处理|处置|整改|围挡|围蔽|上报|报告|移交|更换|修复|抢修|清理|关阀|关闭|派人|责令|下达|下发|开具|签发|送达|出具|要求|放置|摆放|放|封闭|封堵|疏散|停工|加固|回填|插上|挂|固定|扶正|扶起|扶好|立起|立好|复位|归位|盖好|摆正|盖上|补上|补好|恢复|拆除|清除|疏通|送医|送往医院|送到医院|送去医院|报警|拨打120|拨打110|拨打119|打120|打110|打119|救出|救起|排水|抽水|排涝|抽排|清淤|清运|转移|撤离|断电|停气|关气|警戒|看守|值守|覆盖|苫盖|遮盖|用(?:锥桶|雪糕筒|围挡|警示带|警戒带|警戒线|隔离带|隔离栏|护栏|路障|沙袋|铁板|钢板|木板)|围起来|围住'
const HANDLED = new RegExp(
  `((?:已经?|当场|现场已?|立即|马上|随即)(?:${HANDLING_VERBS})[^，。,；;！!\n]{0,20}|(?<![\u4e00-\u9fa5])(?:${HANDLING_VERBS})了[^，。,；;！!\n]{1,20}|(?<=[，,；;。])(?:要求|责令|督促|通知|联系|安排)[^，。,；;！!\n]{2,20})`,
)

/** A clause right after the handling that goes on with it: 「…已设置警示标志，通知养护单位」「，并上报」. */
const HANDLING_GOES_ON = new RegExp(
  `^[，,；;]\\s*((?:并|再|同时|随后|然后|及时|也)?(?:上午|下午|晚上|明天|稍后)?(?:已经?|已)?(?:${HANDLING_VERBS})[^，。,；;！!]{0,20})`,
)

/** 「处理情况：已通知市政处」: the handling on a line of its own, as the paper form heads it. */
const HANDLING_LABELLED = /(?:处理|处置)(?:情况|结果|措施)\s*[:：]\s*([^\n]{2,60})/

export function handlingIn(text: string): string | undefined {
  const labelled = HANDLING_LABELLED.exec(text)?.[1]?.trim()
  // What was done said with a finding (「井盖破损，已设置警示」), and the labelled line after it: both.
  const said = handlingSaid(labelled ? text.replace(HANDLING_LABELLED, '') : text)
  if (!labelled) return said
  return said && !labelled.includes(said) ? `${said}，${labelled}` : labelled
}

function handlingSaid(text: string): string | undefined {
  const found = HANDLED.exec(text)
  const first = found?.[1]
  if (!found || !first) return undefined
  // 「已劝离 10:00-11:00 2人」: the particulars written after it on the same line are not part of it.
  const clauses = [first]
  let at = found.index + found[0].length
  for (let next = HANDLING_GOES_ON.exec(text.slice(at)); next?.[1]; next = HANDLING_GOES_ON.exec(text.slice(at))) {
    clauses.push(next[1])
    at += next[0].length
  }
  // 「…井盖破损一处 已设置警示标志 人民路与建设路交叉口路面沉陷约1平方米 已设围挡」: each finding's own handling, written
  // with spaces for commas — the next finding is no part of the first handling (it had been cut into it), and the
  // handling after it is kept too (it had been lost).
  const rest = text.slice(at)
  const later = rest.search(
    /\s(?=[^\s，。,；;]*?(?:已经?|当场|现场已?|立即)(?:设置|设|拉|放置|摆放|围挡|封闭|通知|联系|疏散|安排|处理|修复|整改|清理))/,
  )
  const more = later >= 0 ? handlingSaid(rest.slice(later + 1)) : undefined
  const own = clauses
    .map((clause) => clause.replace(/\s+(?:[0-9]|上午|下午|早上|中午|晚上|傍晚|今天|昨天|共|出动).*$/, ''))
    .map((clause) => cutAtNextFinding(clause))
    .join('，')
  return more && !own.includes(more) ? `${own}，${more}` : own
}

/** A handling clause up to the space before the next finding's place (「已设置警示标志 人民路…」 → 「已设置警示标志」). */
function cutAtNextFinding(clause: string): string {
  const parts = clause.split(/\s+/)
  const end = parts.findIndex((part, i) => i > 0 && (findPlace(part) !== undefined || namesDefect(part)))
  return (end < 0 ? parts : parts.slice(0, end)).join(' ')
}

/** A form's labels, which a list of names runs into when written without punctuation of its own. */
const LABEL_WORD = /^(?:车辆|车次|人次|人数|时间|路线|路段|地点|区域|情况|问题|处理|发现|巡查|带队|备注)/

/** The names of a list up to the first that is the next label (「张伟、李强，车辆」 → 「张伟、李强」). */
function untilNextLabel(list: string | undefined): string | undefined {
  if (!list) return undefined
  const names = list.split(/[、，,和]/)
  const end = names.findIndex((name) => LABEL_WORD.test(name))
  const kept = end < 0 ? names : names.slice(0, end)
  return kept.length > 1 ? kept.join('、') : undefined
}

/** Where the patrol went: a labelled field (地点：, 巡查区域), the place after the patrol verb, or the first place. */
function patrolArea(text: string): { place: string; sure: boolean } | undefined {
  // A label is a label with its colon (「地点：」「巡查区域为」), or at the start of a line of its own: not the
  // 区域 inside 「高支模区域立杆间距过大」.
  const labelled =
    /(?:巡查|巡视)?(?:地点|区域|路段|路线|范围)\s*(?:[:：为]|是(?!否))\s*([^，。,；;\s]{2,30})/.exec(text)?.[1] ??
    /(?:^|[\s，,。；;】])(?:巡查|巡视)(?:地点|区域|路段|范围)\s*([^，。,；;\s]{2,30})/.exec(text)?.[1]
  // A route of several places (「路线：人民路—武陵大道—朗州路」) is the area as written.
  if (labelled) return { place: isRoute(labelled) ? labelled : (findPlace(labelled) ?? labelled), sure: true }
  // 「对城区主干道进行了巡查」: what the patrol was carried out on, as written.
  const object =
    /对([^，。,；;\s对]{2,20}?)(?:进行|开展|实施)(?:了)?(?:一次|全面的?)?(?:安全|日常|专项|重点)?(?:巡查|巡视|排查|检查)/.exec(
      text,
    )?.[1]
  // (A count of what was covered — 「辖区6座桥梁」 — is no part of where.)
  const covered = object?.replace(/[0-9一二三四五六七八九十两]+\s*(?:座|处|个|条|家|栋|段|台)/g, '')
  if (
    covered &&
    covered.length >= 2 &&
    (findPlace(covered) || /道|路|区|段|线|片|项目|工地|小区|管网|桥/.test(covered))
  )
    return { place: covered, sure: true }
  // 「从朝阳路一直巡到人民路」: the stretch from one place to the other.
  const stretch =
    /从([^，。,；;\s]{2,16}?)(?:一直|一路|沿路|沿线)?(?:巡查|巡视|巡|走|开|查|排查)?(?:到|至)([^，。,；;\s]{2,16})/.exec(
      text,
    )
  const from = stretch ? findPlace(stretch[1] ?? '') : undefined
  const to = stretch ? findPlace(stretch[2] ?? '') : undefined
  if (from && to && stretch?.[2]?.startsWith(to)) return { place: `${from}至${to}`, sure: true }
  const first = findPlace(text)
  // Not the place after 「巡查发现」: that is where something was found, not where the patrol went. Nor the end
  // of a stretch (「建设路到常德大道」): 到 after a place word joins the two.
  const afterVerb =
    /(?:巡查|巡视|巡了一圈|巡了|巡完了?|巡过|巡的(?:是)?|检查了|检查|去了|(?<![路道街巷桥])到)(?:了)?(?!中?发现|时发现)\s*([^，。,；;：:\s]{2,30})/g
  for (const match of text.matchAll(afterVerb)) {
    const place = findPlace(match[1] ?? '')
    // Two readings that disagree (the place after the verb, and the first place named) make it a guess.
    if (place)
      return {
        place: [
          withListedPlaces(text, place),
          ...laterPatrolled(text, (match.index ?? 0) + match[0].length, place),
        ].join('、'),
        sure: !first || first.includes(place) || place.includes(first),
      }
  }
  return first ? { place: withListedPlaces(text, first), sure: true } : undefined
}

/** 「上午巡了人民路，下午巡了建设路」: the places each later patrol verb names, in order, once each. */
function laterPatrolled(text: string, from: number, first: string): string[] {
  const places: string[] = []
  for (const match of text
    .slice(from)
    .matchAll(/(?:巡查|巡视|巡了|巡完了?|巡过)(?:了)?(?!中?发现|时发现)\s*([^，。,；;：:\s]{2,30})/g)) {
    const place = findPlace(match[1] ?? '')
    if (place && !first.includes(place) && !places.includes(place)) places.push(place)
  }
  return places
}

/** 「洞庭大道、人民路、朗州路」: the places listed right after the one found belong to the same area. */
function withListedPlaces(text: string, place: string): string {
  let area = place
  let at = text.indexOf(place)
  if (at < 0) return place
  at += place.length
  for (;;) {
    const joint = /^(?:、|和|及|与|—|－|→)\s*|^\s+/.exec(text.slice(at))?.[0]
    if (!joint) return area
    const rest = text.slice(at + joint.length)
    // 「人民路三条路」: the count that ends a list is not part of its last road.
    const chunk = (rest.split(/[，,。；;\s]/)[0] ?? '').replace(LIST_COUNT, '')
    // (「建设路一带」: the road, the rough extent after it said as the list's end.)
    const next = findPlace(chunk)?.replace(/(?<=[路街道巷])(?:一带|沿线)$/, '')
    if (!next || !rest.startsWith(next)) return area
    // 「朗州路 建设路 人民路三条路」: places typed with spaces between them are a list only when each stands
    // alone (or ends the list with its count); 「人民路 朗州路有个井盖松动」 names where something was found.
    // Only roads with roads: 「汉寿县 龙阳镇」「建设路 中医院门口」 narrow a place down, they list nothing.
    const spaced = /^\s+$/.test(joint)
    if (spaced && (!LIST_END.test(chunk.slice(next.length)) || !ROAD.test(area) || !ROAD.test(next))) return area
    area += `${spaced ? '、' : joint}${next}`
    at += joint.length + next.length
  }
}

const ROAD = /(?:路|街|大道|大街|巷)$/
/** What may follow the last place of a list typed with spaces: nothing, or how many there were. */
// (「在人民路 建设路一带巡查」: the patrol said after the list ends it too.)
const LIST_END = /^(?:等(?:路段|地)?|沿线|一带)?(?:(?:进行|开展)?(?:了)?(?:巡查|巡视|巡逻)(?:了)?)?$/
const LIST_COUNT = /(?<=.{2})(?:这|那)?[一二两三四五六七八九十0-9]+(?:条路?|个路段|段|处)$/

/** 「人民路—武陵大道—朗州路」「洞庭大道到皂果路」: several places, each a whole stop of the route. */
function isRoute(labelled: string): boolean {
  if (findPlaces(labelled).length > 1) return true
  const stops = labelled.split(/到|至|—|－|-|~|～|、/).filter(Boolean)
  return stops.length > 1 && stops.every((stop) => findPlace(stop) === stop)
}

/** 「小王、小李」「张工李工」: the companions named, one each, titles kept. */
function companionNames(named: string): string[] {
  // 「和小王两人开一辆车巡查」: the names end where the count of people or the way of going begins; a count follows a
  // whole name of two characters or more (「王五两个人」 is 王五 and two people, not 王).
  const names = named.replace(
    /(?:(?<=(?:^|[、和])[\u4e00-\u9fa5]{2,})[0-9一二两三四五六七八九十]+(?:个|名|位)?人|开|骑|坐|乘|步行|驾).*$/,
    '',
  )
  return names.split(/[、和]/).flatMap((part) => {
    const titled = part.match(/[\u4e00-\u9fa5]{1,2}?(?:工|师傅|科长|队长|主任|所长|站长|经理)/g)
    // 「小王小李」「老张老刘」: names run together, each 小 or 老 and a surname (one had been taken for one person).
    const nicknamed = part.match(/[小老][\u4e00-\u9fa5]/g)
    if (nicknamed && nicknamed.length > 1 && nicknamed.join('') === part) return nicknamed
    return titled && titled.join('') === part ? titled : part ? [part] : []
  })
}

// Not the minutes of a time (「9:00—11:00 人员：…」 is no count of 0 people), nor the middle of a number.
const COUNT = `(?<![0-9]|[0-9][:：.])(${NUMBER_PATTERN})`

/**
 * 「2人」「3名人员」「人员4名」「巡查员2名」「人数3」「三个人」「人2车1」「8人次」「我和小刘」 — not 「出动1人步行」's
 * 步行. 「带两个新同事」 is the writer and two more.
 */
function staffCount(text: string): number | undefined {
  // A number in words after the label needs its measure word or the end of the phrase (not 「人员一起」).
  const raw =
    new RegExp(`${COUNT}\\s*(?:名|个|位)?\\s*(?:人次|人员|巡查员|人)(?!行|民|工)`).exec(text)?.[1] ??
    new RegExp(
      `(?:出动人员|巡查人员|人员|人数|人次|巡查员|队员|网格员|安全员|人)\\s*(?:[:：为共]|是)?\\s*${COUNT}(?:\\s*(?:名|个|位|人)|(?<=[0-9])|(?![\\u4e00-\\u9fa5]))`,
    ).exec(text)?.[1]
  if (raw) return parseChineseNumber(raw)
  const brought = new RegExp(`(?:带|领)(?:了|着)?${COUNT}\\s*(?:个|名|位)(?:新)?(?:同事|队员|组员|人)`).exec(text)?.[1]
  const others = brought ? parseChineseNumber(brought) : undefined
  return others === undefined ? undefined : others + 1
}

/** 「1车」「车辆2台」「两台车」「台次3」「车两台」「人2车1」; walking or no car is 0, 开车 is 1. */
function vehicleCount(text: string): number | undefined {
  const raw =
    // 「1车」「两台车」「2 台车」, not the 3 of 「人员3 车1」: a space is allowed only before a measure word.
    // Nor the 2 of 「人2车1」, which counts the people before it.
    new RegExp(
      `(?<!(?:^|[^0-9零〇一二两俩三四五六七八九十百个名位])人\\s*)${COUNT}(?:\\s*(?:辆|台|个)\\s*)?(?:车次|台次|车)`,
    ).exec(text)?.[1] ??
    // 「2 人 1 车」: a number standing on its own, then a space and 车 standing on its own.
    new RegExp(`(?<=^|[\\s，,、])${COUNT}\\s+(?:车次|台次|车)(?=[\\s，,。、；;]|$)`).exec(text)?.[1] ??
    // Not the people counted after a vehicle word: 「骑电动车 一个人」 is no car and one person. A number in words
    // needs its measure word or the end of the phrase: the 一 of 「无车 一切正常」 counts nothing. Nor a time or a
    // date after 「无车」: the 9 of 「无车 9点到11点」 is when they set out.
    new RegExp(
      `(?<![无没未不])(?:出动车辆|车辆|车次|台次|车)\\s*(?:[:：为共]|是)?\\s*${COUNT}(?!\\s*(?:个|名|位)?\\s*人)(?![0-9]|\\s*(?:[点时号日月分]|[:：.]\\d))(?:\\s*(?:辆|台次|台|部)|(?<=[0-9])|(?![\\u4e00-\\u9fa5]))`,
    ).exec(text)?.[1]
  if (raw) return parseChineseNumber(raw)
  if (
    // (「一人 电动车」: an e-bike said as a field of its own is how they went, no vehicle on the forms.)
    /(?:未|没有|没|无|不)(?:出|开|用|坐)?(?:车|用车)|步行|走路|徒步|骑(?:的|了)?(?:电动车|电瓶车|自行车|单车|车)|(?:^|[\s，,、])(?:电动车|电瓶车|自行车|单车)(?=[\s，,。、]|$)/.test(
      text,
    )
  )
    return 0
  if (drivesOneVehicle(text)) return 1
  // 「车辆：湘J12345」: each number plate is a car.
  const plates = new Set(text.match(PLATE) ?? [])
  if (plates.size > 0) return plates.size
  return undefined
}

/**
 * 「开车」「开的公务车」「坐单位的车」「开的皮卡」: one vehicle, said by what it was rather than counted (an e-bike or a
 * bicycle is no vehicle on the forms: see vehicleCount).
 */
const DROVE_ONE =
  /开(?:了)?(?:一台|一辆)?车|驾车|驱车|(?:我|我们|[\u4e00-\u9fa5]{1,3})开车|(?:开|坐|乘|用)(?:的|了|着)?(?:一台|一辆)?(?:单位的?|局里的?|队里的?|自己的?|我的|他的)?(?:公务车|公车|执法车|巡查车|巡逻车|工程车|私家车|私车|皮卡|面包车|越野车|小车|轿车|汽车|吉普|SUV|suv|车)/

export function drivesOneVehicle(text: string): boolean {
  return DROVE_ONE.test(text)
}

/** A Chinese number plate (湘J12345, 湘J·D12345 for a new-energy car). */
const PLATE = /[京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼][A-Z][·•\s]?[A-Z0-9]{5,6}(?![A-Z0-9])/g

/**
 * 「3个人」「1台车」「3人1车」「两个人一台车」: an answer that only counts the turn-out, said to another question — the
 * counts it gives, or nothing when it says anything else.
 */
/** The words around a turn-out that say who went and how: 我, 自己, 骑电动车, 走路去的. */
const HOW_ONE_WENT =
  /就|只有|我们|咱们|我|自己|(?:骑|开|坐|乘)(?:的|着|了)?(?:电动车|电瓶车|摩托车|自行车|单车|公车|私家车|车)?|车|步行|走路|徒步|(?:过)?去的|的/g

/** 「人员张伟，」: one name after the label said without its colon, beginning with a surname. */
const NAME_AFTER_BARE_LABEL = new RegExp(`(?:巡查)?人员\\s*(${SURNAME}[\\u4e00-\\u9fa5]{1,2})(?=[\\s，,。；;]|$)`)

/** 「就我一个」「就我自己」「只有我」: one went. */
const WENT_ALONE = /^(?:就是?|只有)?我(?:一个|自己|一人)?(?:人)?(?:去的|巡的)?[。！!~～]*$/

export function turnoutSaidAlone(text: string): { staffCount?: number; vehicleCount?: number } | undefined {
  if (WENT_ALONE.test(text.trim()) && text.trim().replace(/[。！!~～]/g, '') !== '我') return { staffCount: 1 }
  const rest = text.replace(
    new RegExp(
      // (「3个人 开了一台车」: how they went, said with the count, is no more than the count.)
      `(?:出动|共|一共|总共)?(?:${NUMBER_PATTERN})\\s*(?:个|名|位|台|辆|部)?\\s*(?:人次|人|车次|台次|车)|(?:开|坐|乘|用|派|出动|去)了?|[，,、。\\s]`,
      'g',
    ),
    '',
  )
  // (「我一个人 骑电动车」「就我自己 走路去的」: who went and by what means, with the count, are no more than it.)
  if (rest.replace(HOW_ONE_WENT, '') !== '') return undefined
  const out: { staffCount?: number; vehicleCount?: number } = {}
  const staff = staffCount(text)
  if (staff !== undefined) out.staffCount = staff
  const vehicles = vehicleCount(text)
  if (vehicles !== undefined) out.vehicleCount = vehicles
  return Object.keys(out).length > 0 ? out : undefined
}
