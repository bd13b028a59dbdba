import type { FieldDefinition } from '../../../bots/forms'
import { findPlace } from '../extract/place'

/**
 * Corrections in plain words while a form is open — 「不对，是3个人」「地点写错了，是洞庭大道」「时间改成下午三点」 —
 * change the field they name instead of being taken as the answer to whatever was asked. Which field is
 * meant comes from the words people use for it; the new value is what follows 是 / 改成 / 改为.
 */
const CORRECTION =
  /^(?:不对|错了|不是|写错了|搞错了|更正|更改|修正)|(?:改成|改为|应该是|写错了|搞错了|更正为)|(?:不对|错了|有误)[，,。\s]*(?:是|应为)|^(?:地址|地点|位置)(?:应该)?(?:是|在)(?=[\u4e00-\u9fa5A-Za-z0-9])/
/** 「地址是朗州路86号」: the place said again with its word, which corrects it only when a place is all that follows. */
const PLACE_RESTATED = /^(?:地址|地点|位置)(?:应该)?(?:是|在)/

const FIELD_WORDS: Record<string, RegExp> = {
  endedAt: /结束/,
  startedAt: /开始|时间|几点/,
  staffCount: /人次|人数|[0-9一二两三四五六七八九十]+\s*个?人(?![员名])/,
  vehicleCount: /车次|车辆|[0-9一二两三四五六七八九十]+\s*[辆台]车?|车/,
  patrollers: /人员|巡查人|名单|同行/,
  area: /路段|地点|地址|地方|位置|项目|在哪|巡查的是|巡的是/,
  locationText: /地点|地址|地方|位置|在哪|路段/,
  level: /等级|级别|重大|一般/,
  category: /类别|分类|类型/,
  description: /描述|问题|隐患/,
  handlingResult: /处理|处置/,
  unit: /单位/,
  rectifyDueAt: /期限|截止/,
  inspectedAt: /督查时间|时间/,
  lead: /带队/,
  members: /成员|组员/,
}

export interface Correction {
  field: FieldDefinition
  value: string
}

/** 「等等，」「哦，」「不好意思，」 before the correction itself. */
const LEAD_IN = /^(?:等等|等一下|稍等|哦|噢|啊|呃|额|哎|唉|嗯|不好意思|抱歉|对不起|sorry)[，,。！!\s]+/i

/** 「类别不对」「地点写错了」「时间填错了」: a field said to be wrong, the right value not given. */
const FIELD_SAID_WRONG =
  /^([\u4e00-\u9fa5/]{1,8}?)(?:写|填|选|分|弄|搞)?(?:的)?(?:不对|错了|有误|有问题|不准确)(?:了)?[。！!]*$/

/** The words for the field said to be wrong (「类别」), when that is all that is said; undefined otherwise. */
export function fieldSaidWrong(said: string, fields: FieldDefinition[]): string | undefined {
  const named = FIELD_SAID_WRONG.exec(said.replace(LEAD_IN, ''))?.[1]
  return named && fieldInWords(named, fields) ? named : undefined
}

export function readCorrection(said: string, fields: FieldDefinition[]): Correction | undefined {
  const input = said.replace(LEAD_IN, '')
  // (「地点写错了」 gives no new place: the field is asked again, not set to 「地点」.)
  if (!CORRECTION.test(input) || fieldSaidWrong(input, fields)) return undefined
  // The new value: after the last 是/改成/改为/应该是, else the whole message minus the correction words.
  const after = valueAfterIs(input)
  const value =
    after ||
    input
      .replace(CORRECTION, '')
      .replace(/^[，,：:\s]+/, '')
      .trim()
  if (!value) return undefined
  if (PLACE_RESTATED.test(input) && findPlace(value) !== value) return undefined
  const field =
    fieldInWords(input, fields)?.field ??
    // No field named (「不对，是建设路」): a value that is a place name corrects the form's place.
    (findPlace(value) === value ? fields.find((f) => PLACE_KEYS.includes(f.key)) : undefined) ??
    // 「不对 是10点到12点」: a value that is a time (or a span of time) corrects when it began — and ended, when a span
    // (it had been taken as the answer to what was asked).
    (TIME_SAID.test(value) ? fields.find((f) => TIME_KEYS.includes(f.key)) : undefined)
  if (!field) return undefined
  // 「不是一般的，很严重」 denies one grade without naming the other: of two grades, it is the other one.
  if (field.type === 'level' && !after && /^不是/.test(input)) {
    const denied = /一般|普通/.test(value) ? '重大' : /重大/.test(value) ? '一般' : undefined
    return denied ? { field, value: denied } : undefined
  }
  return { field, value }
}

/**
 * The field the words name (「人数」 for 出动人次, 「地方」 for the place), the most specific words first (结束时间
 * before 时间), in FIELD_WORDS order; only among the form's fields.
 */
export function fieldInWords(
  said: string,
  fields: FieldDefinition[],
): { field: FieldDefinition; after: string } | undefined {
  for (const [key, words] of Object.entries(FIELD_WORDS)) {
    const field = fields.find((f) => f.key === key)
    const named = field ? words.exec(said) : null
    // What follows the words (「车辆 2台」 → 2台), for a value said without 是.
    if (field && named) return { field, after: said.slice(named.index + named[0].length) }
  }
  return undefined
}

/** The value said after 是 / 改成 / 改为 / 为 (「人数是4个」 → 4个), when one is. */
export function valueAfterIs(said: string): string | undefined {
  return /(?:改成|改为|应该是|更正为|是|为)\s*[:：]?\s*([^，,。]*?)\s*[。.!！]*$/.exec(said)?.[1]?.trim() || undefined
}

/** A clock time, alone or as a span: 「10点到12点」「下午三点」「14:30」. */
const TIME_SAID =
  /^(?:上午|下午|早上|中午|晚上|凌晨)?\s*[0-9一二两三四五六七八九十]{1,3}\s*(?:[:：][0-9]{2}|[点时](?:半|[0-9一二三四五]{1,3}分?)?)(?:\s*(?:到|至|-|—|－|~|～)+\s*(?:上午|下午|晚上|中午)?\s*[0-9一二两三四五六七八九十]{1,3}\s*(?:[:：][0-9]{2}|[点时](?:半|[0-9一二三四五]{1,3}分?)?)?)?$/
/** The fields that hold when a record began. */
const TIME_KEYS = ['startedAt', 'inspectedAt']
/** The fields that hold where: a hazard's place, a patrol's area. */
const PLACE_KEYS = ['locationText', 'area']
