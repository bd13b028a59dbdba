import type { Category } from './categories'

/** One row of a city's routing table: a category and the unit responsible for it. */
export interface RoutingRule {
  category: Category
  unitId: number
}

export type RoutingDecision =
  | { routed: true; unitId: number; category: Category }
  | { routed: false; category: Category; reason: 'no_rule' }

/**
 * The unit responsible for a category. With no rule (e.g. 'other') the item is left for the duty officer
 * to dispatch by hand rather than guessed at.
 */
export function routeCategory(category: Category, table: readonly RoutingRule[]): RoutingDecision {
  const rule = table.find((r) => r.category === category)
  return rule ? { routed: true, unitId: rule.unitId, category } : { routed: false, category, reason: 'no_rule' }
}
