import { CAMPAIGN_ASPECTS } from '../reports/annex/content'

/**
 * Section 5 of the campaign table as people type it in chat: one line per problem, 「方面：主要问题；具体表现；
 * 整改措施及完成情况」. The aspect is recognised from a few words of its name (理念, 责任, 排查/预防/控制, 基础);
 * anything else is 其他方面. A line without a prefix is placed by the words of its problem.
 */
export type CampaignAspect = (typeof CAMPAIGN_ASPECTS)[number]

const ASPECT_WORDS: [RegExp, CampaignAspect][] = [
  [/理念/, '安全发展理念方面'],
  [/责任/, '完善和落实安全生产责任方面'],
  [/排查|预防|控制|体系/, '建立公共安全隐患排查和安全预防控制体系方面'],
  [/基础/, '加强安全生产基础建设方面'],
]

export function aspectOf(words: string): CampaignAspect {
  return ASPECT_WORDS.find(([pattern]) => pattern.test(words))?.[1] ?? '其他方面'
}

export interface CampaignProblem {
  aspect: CampaignAspect
  problem: string
  detail: string
  measures: string
}

export function parseCampaignProblems(text: string): CampaignProblem[] | undefined {
  const lines = text
    .split(/\r?\n|(?<=[。])\s*(?=\S+[:：])/)
    .map((l) => l.trim())
    .filter(Boolean)
  const byAspect = new Map<CampaignAspect, CampaignProblem>()
  for (const line of lines) {
    const prefixed = /^([^:：；;]{1,24})[:：]\s*([\s\S]*)$/.exec(line)
    const body = (prefixed ? prefixed[2] : line) ?? ''
    const [problem = '', detail = '', ...measures] = body.split(/[；;]/).map((p) => p.trim())
    const aspect = aspectOf(prefixed ? (prefixed[1] ?? '') : problem)
    if (!problem) continue
    const entry = { aspect, problem, detail, measures: measures.join('；') }
    const earlier = byAspect.get(aspect)
    // Two lines for one aspect share its row, each part joined.
    byAspect.set(
      aspect,
      earlier
        ? {
            aspect,
            problem: join(earlier.problem, entry.problem),
            detail: join(earlier.detail, entry.detail),
            measures: join(earlier.measures, entry.measures),
          }
        : entry,
    )
  }
  if (byAspect.size === 0) return undefined
  return CAMPAIGN_ASPECTS.flatMap((aspect) => {
    const entry = byAspect.get(aspect)
    return entry ? [entry] : []
  })
}

function join(a: string, b: string): string {
  return [a, b].filter(Boolean).join('；')
}

/** 「2、3」, 「2 3」, 「学习2次，报道3篇」: the numbers of an answer in order (decimals kept for 万元). */
export function numbersIn(text: string): number[] {
  return [...text.matchAll(/\d+(?:\.\d+)?/g)].map((m) => Number(m[0]))
}
