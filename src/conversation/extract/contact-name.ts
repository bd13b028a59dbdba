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
/** 「我叫张三」「联系人：李四」「姓名 王五」. */
const FULL_NAME = new RegExp(
  `${BOUNDARY_BEFORE}(?:我叫|我的名字(?:是|叫)|联系人(?:是)?|姓名(?:是)?)[:：]?\\s*([\\u4e00-\\u9fa5]{2,4}?)${BOUNDARY_AFTER}`,
)
/**
 * 「张先生」「王女士」「李阿姨」 signed at the end: in the middle of the story, 「物业的李师傅，他说不管」 is
 * someone else.
 */
const ADDRESSED = new RegExp(
  `${BOUNDARY_BEFORE}([\\u4e00-\\u9fa5]{1,2}(?:先生|女士|小姐|阿姨|大爷|师傅))(?=[。！!~～\\s]*$)`,
)
/** Words that fill a name's place without being one (「我叫业主」 does not happen, 「联系人是我」 does). */
const NOT_A_NAME = /^(?:是|我|本人|业主|居民|市民|住户|群众|路人|邻居|物业|老师|司机|保安)|什么|你们|这里|那里/

export function contactNameIn(text: string): ContactNameReading {
  for (const [pattern, asSaid] of [
    [SURNAME_ONLY, (name: string) => `${name}（姓）`],
    [FULL_NAME, (name: string) => name],
    [ADDRESSED, (name: string) => name],
  ] as const) {
    const found = pattern.exec(text)
    const name = found?.[1]
    if (!found || !name || NOT_A_NAME.test(name)) continue
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
