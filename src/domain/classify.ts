import type { Category } from './categories'

/**
 * Rule-based category from keywords (the routing table's keyword lists). The category with the most
 * keyword hits wins; ties go to the earlier rule; no hit is 'other', left to the duty officer.
 */
export function classifyByKeywords(
  text: string,
  rules: readonly { category: Category; keywords: readonly string[] }[],
): Category {
  let best: { category: Category; hits: number } = { category: 'other', hits: 0 }
  for (const rule of rules) {
    const hits = rule.keywords.filter((k) => k && text.includes(k)).length
    if (hits > best.hits) best = { category: rule.category, hits }
  }
  return best.category
}
