/**
 * Problem domains that decide who is responsible. The default routing (configurable per city in the
 * routing table) follows the source documents: construction sites → 质安处, bridges → 桥管处, …
 */
export const CATEGORIES = [
  'construction_site',
  'bridge',
  'gas',
  'road_municipal',
  'sidewalk_excavation',
  'greenery_park',
  'dangerous_house',
  'water_hydrant',
  'other',
] as const
export type Category = (typeof CATEGORIES)[number]

export const CATEGORY_LABELS: Record<Category, string> = {
  construction_site: '建筑工地',
  bridge: '桥梁',
  gas: '燃气',
  road_municipal: '道路及市政设施',
  sidewalk_excavation: '占道挖掘',
  greenery_park: '园林绿化',
  dangerous_house: '危房及物业小区',
  water_hydrant: '供水管网及消防栓',
  other: '其他',
}

export function isCategory(value: string): value is Category {
  return (CATEGORIES as readonly string[]).includes(value)
}
