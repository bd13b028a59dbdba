import type { Category } from './categories'

/**
 * Rule-based category from keywords (the routing table's keyword lists). The category with the most
 * keyword hits wins; ties go to the earlier rule; no hit is 'other', left to the duty officer. A word that
 * only says where the defect is (「人行道上的树倒了」: on the sidewalk, a tree) counts half: the thing that is
 * broken decides the domain, not the place it stands on.
 */
export function classifyByKeywords(
  text: string,
  rules: readonly { category: Category; keywords: readonly string[] }[],
): Category {
  const places = locationPhrases(text)
  let best: { category: Category; hits: number } = { category: 'other', hits: 0 }
  for (const rule of rules) {
    let hits = 0
    for (const keyword of rule.keywords) {
      if (!keyword || !text.includes(keyword)) continue
      const onlyAsPlace = places.some((p) => p.includes(keyword)) && !outside(text, places).includes(keyword)
      hits += onlyAsPlace ? 0.5 : 1
    }
    if (hits > best.hits) best = { category: rule.category, hits }
  }
  return best.category
}

/** 「人行道上的」「小区门口」「桥下」: a place named only to say where something is. */
const LOCATION_PHRASE =
  /[\u4e00-\u9fa5]{1,8}?(?:上的|上有|边上的|边的|旁边的|旁的|附近的|里的|内的|门口的|门口(?:这个|那个|有个|有)|下面的|下的)/g

/** 「…，在白马湖公园北门」「地址是人民公园东门」: a clause of its own that only says where. */
const WHERE_CLAUSE =
  /(?<=^|[，,。；;\s])(?:就?在|位于|地址是?|地点是?|位置是?)[：:]?[\u3000\u4e00-\u9fa5A-Za-z0-9]{2,16}(?=$|[，,。；;！!\s])/g

export function locationPhrases(text: string): string[] {
  return [...(text.match(LOCATION_PHRASE) ?? []), ...(text.match(WHERE_CLAUSE) ?? [])]
}

function outside(text: string, places: readonly string[]): string {
  return places.reduce((rest, place) => rest.replace(place, ' '), text)
}
