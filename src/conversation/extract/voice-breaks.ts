/**
 * Voice input comes as one run of words without a mark (「今天上午九点到十一点我和李强巡查了人民路发现一个井盖破损已经
 * 通知市政处理了两个人一台车」): the finding took the time, the people and the road into its description, and the
 * handling the turn-out after it. Where a report written by hand would have a comma, before what was found, what was
 * done and how many went, one is put. Only in a long message with no mark at all: a typed one has its own.
 */
const MIN_CHARS = 20
const ANY_MARK = /[，,。.；;：:！!？?、\s]/
const NUMBER = '[0-9一二两三四五六七八九十]+'

/** What was found (「没有发现问题」 too), said after the patrol. */
const FOUND = /(?<!没有|没|未|并|时|中)(?=(?:没有|没|未)?发现)/g
/** What was done: 「已经通知…」「已设置…」. */
const DONE = /(?<=[\u4e00-\u9fa5])(?=已经|(?<!早)已(?!经))/g
/** How many went: 「两个人一台车」「三个人开了两台车」「2人1车」. */
const TURN_OUT = new RegExp(
  `(?<![0-9一二两三四五六七八九十]|我们|咱们|我|共|出动|派了|去了)(?=${NUMBER}(?:个)?人(?:${NUMBER}(?:台|辆|车)|开|坐|骑|$))`,
  'g',
)
/** 「在人民路跟建设路交叉口那里发现…」: the place said just before 发现 is where it was found — no break there. */
const WHERE_IT_WAS_FOUND = /(?:^|然后|接着|又)在[^，]{2,20}$|(?:那里|这里|那边|这边|旁边|附近|门口|路口|交叉口)$/

export function withVoiceBreaks(text: string): string {
  if ([...text].length < MIN_CHARS || ANY_MARK.test(text)) return text
  const breaks = new Set<number>()
  for (const pattern of [DONE, TURN_OUT]) for (const m of text.matchAll(pattern)) breaks.add(m.index)
  for (const m of text.matchAll(FOUND)) {
    const lastBreak = Math.max(0, ...[...breaks].filter((at) => at < m.index))
    if (!WHERE_IT_WAS_FOUND.test(text.slice(lastBreak, m.index))) breaks.add(m.index)
  }
  breaks.delete(0)
  let out = ''
  let from = 0
  for (const at of [...breaks].sort((a, b) => a - b)) {
    out += `${text.slice(from, at)}，`
    from = at
  }
  return out + text.slice(from)
}
