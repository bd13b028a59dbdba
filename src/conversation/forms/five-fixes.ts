/**
 * The 五落实 said in one message with their names — 「责任人王刚，措施是停气抢修，资金由施工单位承担，时限今天晚上8点前，
 * 预案已启动」 — each part to its own box, instead of the whole message into the one box asked.
 */
const LABELS: readonly [RegExp, FiveFixKey][] = [
  [/(?:整改)?责任(?:人|单位|人员)?/y, 'responsibility'],
  [/(?:整改)?措施/y, 'measures'],
  [/(?:整改)?(?:资金|经费)/y, 'funding'],
  [/(?:整改|完成)?(?:时限|期限)/y, 'timeLimit'],
  [/(?:应急)?预案/y, 'contingencyPlan'],
]

export type FiveFixKey = 'responsibility' | 'measures' | 'funding' | 'timeLimit' | 'contingencyPlan'

/** A part begins at the start or after a pause, with one of the five names. */
const PART_START = /(?:^|[，,；;。：:\n\s])(?=(?:整改|完成|应急)?(?:责任|措施|资金|经费|时限|期限|预案))/g

/** The parts named, when two or more are; undefined otherwise (one answer is the box asked). */
export function fiveFixesSaid(input: string): Partial<Record<FiveFixKey, string>> | undefined {
  const starts = [...input.matchAll(PART_START)].map((m) => (m.index ?? 0) + m[0].length)
  const said: Partial<Record<FiveFixKey, string>> = {}
  for (const [i, start] of starts.entries()) {
    const part = input.slice(start, starts[i + 1] ?? input.length)
    for (const [label, key] of LABELS) {
      label.lastIndex = 0
      const named = label.exec(part)
      if (!named || said[key] !== undefined) continue
      const value = part
        .slice(named[0].length)
        .replace(/^(?:是|为|：|:|\s)+/, '')
        .replace(/[，,；;。\s]+$/, '')
      // 「预案已启动」: the words after the name are the answer; a name with nothing after it says nothing.
      if (value) said[key] = value
      break
    }
  }
  return Object.keys(said).length >= 2 ? said : undefined
}
