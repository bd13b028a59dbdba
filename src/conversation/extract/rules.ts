import type { Category } from '../../domain/categories'
import { classifyByKeywords } from '../../domain/classify'
import type { HazardLevel } from '../../domain/hazard-lifecycle'
import type { ExtractedFields, HazardFields } from './fields'
import { NUMBER_PATTERN, parseChineseNumber } from './numbers'
import { parseTimeRange } from './time'

/** Rule-based extraction: what works with no LLM, and whenever the LLM is slow, down or wrong. */
export interface ExtractionContext {
  now: Date
  timeZone: string
  categoryRules: readonly { category: Category; keywords: readonly string[] }[]
  reporterName?: string
}

const N = `(${NUMBER_PATTERN})`
const PLACE_SUFFIX =
  '(?:大道|大街|路口|交叉口|路|街|巷|桥|隧道|小区|花园|工地|项目|广场|公园|社区|村|站|河堤|码头|市场|学校)'
const PLACE_RE = new RegExp(
  `([\\u4e00-\\u9fa5A-Za-z0-9]{1,16}?${PLACE_SUFFIX}(?:[与和][\\u4e00-\\u9fa5]{1,10}?${PLACE_SUFFIX})?(?:[\\u4e00-\\u9fa5]{0,3}?(?:号|段|口|旁|附近|门口))?)(?![灯面牙沿基])`,
)
const MAJOR_WORDS = /重大|严重|坍塌|倒塌|爆炸|泄漏|漏气|断裂|塌陷|起火|触电|人员受伤|深基坑|高支模/
const FILLER_PREFIX = /^(?:在|于|位于|地点[:：]?|地址[:：]?|今天|今日|昨天|刚才|我们|我)+/

export function extractLevel(text: string): HazardLevel {
  if (/一般隐患|一般/.test(text) && !/重大隐患/.test(text)) return 'general'
  return MAJOR_WORDS.test(text) ? 'major' : 'general'
}

export function extractPlace(text: string): string | undefined {
  const cleaned = text.replace(/[，。,.！!？?；;]/g, ' ')
  for (const segment of cleaned.split(/\s+/)) {
    const match = PLACE_RE.exec(segment)
    if (match?.[1]) {
      const place = match[1].replace(FILLER_PREFIX, '').replace(/^(?:发现|巡查|检查|反映|投诉)/, '')
      if (place.length >= 2) return place
    }
  }
  return undefined
}

export function extractHazard(text: string, ctx: ExtractionContext): ExtractedFields<'hazard'> {
  const description = text.replace(/^(上报隐患|隐患上报|上报|报告隐患)[:：\s]*/, '').trim()
  const out: ExtractedFields<'hazard'> = {}
  if (description.length >= 2) out.description = description
  const category = classifyByKeywords(text, ctx.categoryRules)
  if (category !== 'other') out.category = category
  out.level = extractLevel(text)
  const place = extractPlace(description)
  if (place) out.locationText = place
  return out
}

export function extractComplaint(text: string, ctx: ExtractionContext): ExtractedFields<'complaint'> {
  const out: ExtractedFields<'complaint'> = {}
  const phone = /(?<!\d)(1[3-9]\d{9})(?!\d)/.exec(text)?.[1]
  if (phone) out.phone = phone
  const description = text
    .replace(/[，,。\s]*(?:我的|本人)?(?:电话|手机|手机号|联系方式|联系电话)?(?:是|为)?[:：]?\s*1[3-9]\d{9}[。.]?/, '')
    .trim()
  if (description.length >= 2) out.description = description
  const category = classifyByKeywords(text, ctx.categoryRules)
  if (category !== 'other') out.category = category
  const place = extractPlace(description)
  if (place) out.locationText = place
  return out
}

export function extractPatrol(text: string, ctx: ExtractionContext): ExtractedFields<'patrol'> {
  const out: ExtractedFields<'patrol'> = {}
  const range = parseTimeRange(text, ctx.now, ctx.timeZone)
  if (range) {
    out.startedAt = range.start.toISOString()
    if (range.end) out.endedAt = range.end.toISOString()
  }
  // "到4点巡查X" names a time, not a place: such captures are skipped.
  const looksLikeTime = (value: string | undefined) =>
    !value || /^[0-9零一二两三四五六七八九十半:：\s]+[点时]?[半]?$/.test(value)
  // The kind of patrol (特护期巡查, 重点巡查) is not part of the place.
  const areaBefore =
    /(?:在|到|对|沿)([^，。,在]{2,24}?)(?:一带|沿线|周边)?(?:进行)?(?:日常|重点|特护期|专项)?(?:巡查|巡视|检查)/.exec(
      text,
    )?.[1]
  // After the verb (巡查/巡视/巡了), up to the first place word; never across a space or a list mark, which
  // start what was found (「巡查朗州路 井盖缺失、护栏断了」).
  const areaAfter =
    /巡(?:查|视|了|了一圈)(?:了)?\s*([^，。,：:在\s、；;]{2,24}?(?:大道|大街|路桥|路|街|桥|小区|工地|项目|广场|公园|片区|区域|沿线|站))/.exec(
      text,
    )?.[1]
  const area = looksLikeTime(areaBefore) ? areaAfter : areaBefore
  if (area) out.area = area.replace(/^(?:了|对)/, '').trim()

  const companions = /(?:和|与|同)([\u4e00-\u9fa5、]{2,20}?)(?:一起|一同|共同)?(?:在|到|对|巡查|巡视)/.exec(text)?.[1]
  const names = [ctx.reporterName, ...(companions ? companions.split(/[、和]/) : [])].filter((n): n is string =>
    Boolean(n?.trim()),
  )
  if (names.length > 0) out.patrollers = names.join('、')

  // Counts as people write them: 「2人」「3名人员」, or the noun first 「人员3名」「车辆1台」「人数：3」.
  const staff =
    new RegExp(`${N}\\s*(?:名|个|位)?\\s*(?:人次|人)`).exec(text)?.[1] ??
    new RegExp(`(?:出动人员|巡查人员|人员|人数|人次)\\s*[:：为共]?\\s*${N}\\s*(?:名|个|位|人)?`).exec(text)?.[1]
  if (staff) out.staffCount = parseChineseNumber(staff)
  else if (names.length > 0 && companions) out.staffCount = names.length
  const vehicles =
    new RegExp(`${N}\\s*(?:辆|台)?\\s*(?:车次|台次|车)`).exec(text)?.[1] ??
    new RegExp(`(?:出动车辆|车辆|车次|台次)\\s*[:：为共]?\\s*${N}\\s*(?:辆|台|台次)?`).exec(text)?.[1]
  if (vehicles) out.vehicleCount = parseChineseNumber(vehicles)
  else if (/(?:未|没有|无)(?:出)?(?:车|用车)|步行/.test(text)) out.vehicleCount = 0

  const leader =
    /(?:^|[，,。\s])([\u4e00-\u9fa5]{2,3})带队/.exec(text)?.[1] ??
    /(?:带队人?|组长|负责人|带队领导)[:：为是]\s*([\u4e00-\u9fa5]{2,4})/.exec(text)?.[1]
  if (leader) out.teamLeader = leader

  // Saying nothing was found: 未发现隐患, 没发现问题, 未见异常, 一切正常 — no hazard, never one named after the word.
  // 「发现井盖缺失，未见其他问题」 found something: a negation counts only when nothing is found outright.
  const foundOutright = /(?<!未|没|没有|无)发现(?!.{0,3}(?:隐患|问题|异常)[，。,；;]?$)/.test(text)
  const saysNone =
    /(?:未|没有|没|无)(?:发现|见|看到|查出)[^，。,；;]{0,4}?(?:隐患|问题|异常|情况)|一切正常|无异常|情况正常|均正常/.test(
      text,
    )
  if (saysNone && !foundOutright) {
    out.hazards = []
  } else {
    // What was found: after 发现, or — with no lead word — the defects listed after the place (「巡查朗州路 井盖缺失」).
    const found =
      /发现(?:了)?(?:[0-9一二两三四五六七八九十]+\s*(?:处|个|起|项))?([^。；;]+)/.exec(text)?.[1] ??
      defectsAfterPlace(text, area)
    if (found) {
      const pieces = found
        .split(/[，,]/)
        .map((p) => p.trim())
        .filter((p) => p && !/^(?:已|并|责任单位|出动|共)/.test(p))
      const description = pieces[0]
      if (description && description.length >= 2) {
        const hazard: ExtractedFields<'patrol'>['hazards'] extends (infer H)[] | undefined ? H : never = { description }
        const withDetails = hazard as Partial<HazardFields> & { description: string }
        const category = classifyByKeywords(description, ctx.categoryRules)
        if (category !== 'other') withDetails.category = category
        // A grade said in a clause of its own (「，属于重大隐患」) grades the defect before it.
        const graded = pieces.slice(1).some((p) => /重大(?:事故)?隐患/.test(p) && !/一般/.test(p))
        withDetails.level = graded ? 'major' : extractLevel(description)
        const place = extractPlace(found)
        if (place) withDetails.locationText = place
        out.hazards = [withDetails]
      }
    }
  }
  const handled = /(已(?:设|设置|拉设|做|安排|通知|处理|整改|围挡|上报|移交|更换|修复|清理)[^，。,]{0,20})/.exec(
    text,
  )?.[1]
  if (handled) out.handlingResult = handled
  return out
}

/** Defect words as people write them (the same list that tells a hazard report from other text). */
const DEFECT_WORD =
  /缺失|丢失|不见了|破损|损坏|坏了|断裂|断了|裂缝|开裂|塌陷|坍塌|沉降|松动|脱落|倾斜|倒伏|漏水|漏气|渗漏|积水|坑洼|有坑|堵塞|裸露|未设|无围挡|占道|乱堆|不亮/

/** The text after the patrolled place when it lists defects without a lead word. */
function defectsAfterPlace(text: string, area: string | undefined): string | undefined {
  if (!area) return undefined
  const at = text.indexOf(area)
  if (at < 0) return undefined
  const rest = text
    .slice(at + area.length)
    .replace(/^(?:一带|沿线|周边)?(?:进行)?(?:日常|重点|特护期|专项)?(?:巡查|巡视|检查)?/, '')
    .replace(/^[\s，,：:。]+/, '')
  return DEFECT_WORD.test(rest) ? rest : undefined
}
