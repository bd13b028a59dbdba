import { SURNAME } from '../../domain/surnames'
import { findPlace } from './place'

/**
 * How a citizen signs a complaint (「…，电话186…，张先生」「我姓王」「联系人：李四」): the name to use when calling
 * back, taken out of the description so the ledger shows the problem, and the name only where it is kept masked.
 */
export interface ContactNameReading {
  name?: string
  /** The text without the name and the words that introduce it. */
  rest: string
}

const BOUNDARY_BEFORE = '(?<=^|[，,。；;！!\\s])'
const BOUNDARY_AFTER = '(?=[，,。；;！!~～\\s]|$)'
/** 「我姓王」「本人姓李」: a surname alone, kept as said. */
const SURNAME_ONLY = new RegExp(`${BOUNDARY_BEFORE}(?:我|本人)姓([\\u4e00-\\u9fa5]{1,2})${BOUNDARY_AFTER}`)
/** 「我叫张三」「联系人：李四」「姓名 王五」「举报人王小明」. */
const FULL_NAME = new RegExp(
  `${BOUNDARY_BEFORE}(?:我叫|我的名字(?:是|叫)|(?:联系|举报|投诉|反映|来电)人(?:是)?|姓名(?:是)?)[:：]?\\s*([\\u4e00-\\u9fa5]{2,4}?)${BOUNDARY_AFTER}`,
)
/** The bare name at the very end, where a number was given: two or three characters beginning with a surname. */
const BESIDE_THE_NUMBER = new RegExp(`(?<=[，,。；;\\s])(${SURNAME}[\\u4e00-\\u9fa5]{1,2}?)[。！!~～\\s]*$`)
/** Words a message ends on that begin like a surname without being a name (「谢谢」「尽快」「急急急」). */
const ENDS_WITHOUT_A_NAME =
  /^(?:谢谢|谢了|麻烦|尽快|快点|快来|赶紧|速来|急|严重|危险|安全|明天|晚上|早上|上午|下午|中午|白天|有人|应该|关注|成功|方便|路过|单位|公司|物业|街道|社区|居委|附近|周边|旁边|对面|全是|常年|经常|连续|万一|和谐|文明|华人)/
/**
 * Street and place words a two- or three-character ending is, not a name (「…在 黄花路」); two characters ending
 * on a direction are a part of town (「…，江北」「城南」), three are a name as often (陈向东).
 */
const ENDS_ON_A_PLACE =
  /[路街巷弄道区村镇乡楼栋院园苑府庄营场站桥口门店厂号岸湖山江河坡岭湾井坊厦城铺所处局办队]$|^.[东西南北中]$/
/**
 * 「张先生」「王女士」「李阿姨」 signed at the end: in the middle of the story, 「物业的李师傅，他说不管」 is
 * someone else.
 */
const ADDRESSED = new RegExp(
  `${BOUNDARY_BEFORE}([\\u4e00-\\u9fa5]{1,2}(?:先生|女士|小姐|阿姨|大爷|师傅))(?=[。！!~～\\s]*$)`,
)
/** Words that fill a name's place without being one (「我叫业主」 does not happen, 「联系人是我」 does). */
const NOT_A_NAME = /^(?:是|的|我|本人|业主|居民|市民|住户|群众|路人|邻居|物业|老师|司机|保安)|什么|你们|这里|那里/

/**
 * The name in a report, and the report without it. `gaveNumber`: the report carried a phone number (taken out
 * before this reads it), so a bare name at its end is the one signing it (「…交叉口 电话138…… 张三」).
 */
export function contactNameIn(text: string, options: { gaveNumber?: boolean } = {}): ContactNameReading {
  const readings: [RegExp, (name: string) => string][] = [
    [SURNAME_ONLY, (name) => `${name}（姓）`],
    [FULL_NAME, (name) => name],
    [ADDRESSED, (name) => name],
  ]
  if (options.gaveNumber) readings.push([BESIDE_THE_NUMBER, (name) => name])
  for (const [pattern, asSaid] of readings) {
    const found = pattern.exec(text)
    const name = found?.[1]
    if (!found || !name || NOT_A_NAME.test(name)) continue
    if (
      pattern === BESIDE_THE_NUMBER &&
      (ENDS_WITHOUT_A_NAME.test(name) || ENDS_ON_A_PLACE.test(name) || findPlace(name) !== undefined)
    )
      continue
    const rest = `${text.slice(0, found.index)}${text.slice(found.index + found[0].length)}`
      // The punctuation on either side of the name becomes one mark, none at either end but a full stop.
      .replace(/([，,；;。！!])[，,；;。！!\s]+/g, '$1')
      .replace(/[，,；;\s]+$/, '')
      .replace(/^[，,；;。！!\s]+/, '')
      .trim()
    return { name: asSaid(name), rest }
  }
  return { rest: text }
}
