import type { Category } from '../../domain/categories'
import { locationPhrases } from '../../domain/classify'
import { withEnglishGlossed } from '../../domain/english-words'
import { findPlaces, placeWordOf } from './place'

/**
 * The domain of a hazard by weighted evidence over its whole statement: the things that are broken weigh
 * most (井盖 is roads, 消防栓 is water, 塔吊 is a site), the setting less (公园, 小区, 桥), and the city's
 * routing keywords (edited in the console) add one each. A word that only says where something stands
 * (「人行道上的树」「桥下」) weighs half: a tree over a sidewalk is greenery. Some things belong to whatever
 * they are on — a 护栏 on a bridge is the bridge's, in a park the park's, elsewhere the road's.
 */
const EVIDENCE: Record<Category, readonly [string, number][]> = {
  road_municipal: [
    ['井盖', 3],
    ['窨井', 3],
    ['下水道', 3],
    ['篦子', 3],
    ['排水沟', 2],
    ['排水管', 2],
    ['雨水井', 3],
    ['污水井', 3],
    ['检查井', 3],
    ['下水井', 3],
    // Someone or something fallen into a well in the street: a manhole's (「有人掉进井里了」).
    ['井里', 2],
    ['掉井', 2],
    ['雨水口', 3],
    ['排水口', 2],
    ['排水泵', 2],
    ['地下通道', 2],
    ['照明灯', 1],
    ['路灯', 3],
    ['红绿灯', 3],
    ['路面', 2],
    ['坑洼', 2],
    ['坑槽', 2],
    ['沉降', 1],
    ['指示牌', 2],
    ['隧道', 1.5],
    ['下穿', 1.5],
    ['机动车道', 1],
    ['马路', 1.5],
    ['道路', 1.5],
    ['路中间', 1],
    // The road itself, once its name is blanked (「我们这里的路全是坑」「河边的路塌了一半」「小区门口那条路全是坑」).
    ['的路', 1.5],
    ['条路', 1.5],
    // A hole is in a road or a pavement wherever it is (「小区门口这个坑」); a site's 基坑 is its own word.
    ['坑', 2],
    ['积水', 1],
    ['碎石', 1],
    ['砂石', 1],
    ['拥包', 2],
    ['车辙', 2],
    ['落石', 2],
    ['山体', 1.5],
    ['排水孔', 2],
    ['减速带', 3],
    ['斑马线', 3],
    ['标线', 2],
  ],
  bridge: [
    ['桥面', 3],
    ['桥墩', 3],
    ['桥台', 3],
    ['伸缩缝', 3],
    ['支座', 3],
    ['引道', 2],
    ['涵洞', 2.5],
    ['限高架', 3],
    ['天桥', 3],
    ['桥梁', 3],
    ['钢丝绳', 2],
    ['桥', 1.5],
  ],
  greenery_park: [
    ['行道树', 3],
    ['树枝', 3],
    ['枯枝', 3],
    ['枯树', 3],
    ['大树', 3],
    ['树', 2],
    ['绿化', 2],
    ['公园', 2],
    ['步道', 2],
    ['栈道', 2.5],
    ['风光带', 2],
    ['假山', 2],
    ['游乐', 2],
    ['健身器材', 2.5],
    ['座椅', 1.5],
    ['景观', 2],
    ['亭', 1.5],
    ['护坡', 1.5],
    ['苗圃', 2.5],
    ['马蜂', 2],
    ['湖', 1],
    ['码头', 1],
    ['旅游区', 1.5],
  ],
  sidewalk_excavation: [
    ['人行道', 2],
    ['开挖', 2],
    ['挖开', 2],
    ['挖断', 1.5],
    // A trench dug along the road (「挖了一条很长的沟」), for pipes or cables.
    ['挖沟', 2],
    ['挖了一条', 2],
    ['挖了条', 2],
    ['沟槽', 2],
    // Road works: the road dug up and closed, whoever digs it.
    ['修路', 2],
    ['挖路', 2],
    // A dig left open: nobody fills it back.
    ['不填', 2],
    ['没填', 2],
    ['没人填', 2],
    // Occupying the road or the footway, whoever does it.
    ['占用机动车道', 3],
    ['占用车道', 3],
    ['占用道路', 3],
    ['占用人行道', 3],
    ['占道', 3],
    ['占用', 1.5],
    ['盲道', 3],
    ['地砖', 2.5],
    ['人行道板', 3],
    ['树池', 2.5],
    ['树坑', 2.5],
    ['回填', 2],
    ['乱堆', 2],
    ['堆放', 1],
    ['摆摊', 2],
    ['经营', 1.5],
    ['沟槽', 2],
  ],
  construction_site: [
    ['工地', 3],
    ['在建', 3],
    ['脚手架', 3],
    ['塔吊', 3],
    ['基坑', 3],
    ['高支模', 3],
    ['外架', 3],
    ['施工电梯', 3],
    ['升降机', 3],
    ['渣土', 2],
    ['围挡', 1],
    ['安全帽', 2],
    ['安全带', 2],
    ['临边', 2],
    ['工人', 1.5],
    ['楼盘', 2],
    ['项目', 1.5],
    ['打桩', 2.5],
    ['施工', 1],
    ['建筑垃圾', 2],
    ['密目网', 3],
    ['防护网', 2],
    ['标准节', 3],
    ['立杆', 2],
    ['卸料平台', 3],
    ['临时用电', 3],
  ],
  gas: [
    ['燃气', 4],
    ['煤气', 4],
    ['天然气', 4],
    ['液化气', 4],
    ['气瓶', 3],
    ['钢瓶', 3],
    ['气罐', 3],
    ['罐车', 2],
    ['调压', 3],
    ['漏气', 3],
    ['气味', 2],
    ['味道', 1],
  ],
  dangerous_house: [
    ['危房', 4],
    ['自建房', 3],
    ['承重墙', 3],
    ['房屋', 2.5],
    ['老房子', 3],
    ['房子', 2],
    ['墙体', 2],
    ['外墙', 2.5],
    ['围墙', 1.5],
    ['屋顶', 2],
    ['屋檐', 2],
    ['阳台', 2.5],
    ['楼板', 2.5],
    ['楼道', 2],
    // A stair is the building's, the bridge's or the underpass's, as it stands (BELONGS_TO_SETTING).
    ['楼梯', 1],
    ['居民楼', 2.5],
    ['楼', 1],
    ['小区', 1.5],
    // The estate's managers are who is responsible, not what is broken.
    ['物业', 1],
    ['化粪池', 2.5],
    ['电梯', 1.5],
    ['消防通道', 2.5],
    ['宿舍', 2],
    ['车库', 2],
    ['瓷砖', 1.5],
    ['保温层', 1],
    // Old buildings people still use: halls, temples, village houses.
    ['祠堂', 3],
    ['土坯房', 3],
    ['民房', 3],
    ['老楼', 2.5],
    ['老宅', 3],
    ['檩条', 2.5],
    ['屋架', 2.5],
    ['钢架', 1.5],
    ['顶棚', 1.5],
    ['古建', 2.5],
    ['屋面', 2],
    ['木柱', 2],
  ],
  water_hydrant: [
    ['消防栓', 4],
    ['消火栓', 4],
    ['水管', 4],
    ['供水', 3],
    ['爆管', 3],
    ['自来水', 3],
    ['水表', 3],
    ['供水井', 3],
    ['阀门井', 2],
    ['水厂', 2],
    ['加压站', 3],
    ['冒水', 2],
    ['漏水', 2],
    ['停水', 3],
    ['管网', 1],
  ],
  // Things other authorities own — telecom and power lines and poles, shop signs and billboards (城管) — which
  // the bureau passes on (「通信杆子断了」 is the telecom company's, wherever it lies).
  other: [
    ['通信', 4],
    ['电信', 4],
    ['联通', 4],
    ['移动公司', 4],
    ['光缆', 4],
    ['广电', 4],
    ['电线杆', 4],
    ['电力', 2],
    ['供电', 2],
    ['广告牌', 3],
    ['招牌', 3],
    ['店招', 3],
  ],
}

/** The subject of a patrol of one network or kind of place, by what its name begins with. */
const THEMES: readonly [RegExp, Category][] = [
  [/供水|自来水|给水|消防栓|消火栓/, 'water_hydrant'],
  [/燃气|天然气|煤气|液化气/, 'gas'],
  [/排水|雨水|污水|雨污|市政道路|路灯/, 'road_municipal'],
  [/桥梁|桥/, 'bridge'],
  [/危房|房屋|老旧小区|自建房/, 'dangerous_house'],
  [/工地|在建|建筑施工/, 'construction_site'],
  [/绿化|园林|公园|行道树/, 'greenery_park'],
  [/人行道|占道|开挖/, 'sidewalk_excavation'],
]
const THEME_PATROL =
  /(供水|自来水|给水|消防栓|消火栓|燃气|天然气|煤气|液化气|排水|雨水|污水|雨污|市政道路|路灯|桥梁|危房|房屋|老旧小区|自建房|工地|在建|建筑施工|绿化|园林|公园|行道树|人行道|占道|开挖)\s?[^，,。；;\s]{0,8}?\s?(?:专项)?(?:巡查|排查|检查|巡检|巡视|巡线)/
/** What a theme adds: less than a broken thing's own word, enough to settle a tie between two. */
const THEME_WEIGHT = 1.5

function themeOf(setting: string): Category | undefined {
  const subject = THEME_PATROL.exec(setting)?.[1]
  return subject ? THEMES.find(([words]) => words.test(subject))?.[1] : undefined
}

/** Other domains' evidence words that contain a word (「树池」 contains 「树」), longest first. */
const containerCache = new Map<string, string[]>()
function containers(word: string, category: Category): string[] {
  const key = `${category}:${word}`
  let found = containerCache.get(key)
  if (!found) {
    found = (Object.entries(EVIDENCE) as [Category, readonly [string, number][]][])
      .filter(([other]) => other !== category)
      .flatMap(([, words]) => words.map(([longer]) => longer))
      .filter((longer) => longer.length > word.length && longer.includes(word))
      .sort((a, b) => b.length - a.length)
    containerCache.set(key, found)
  }
  return found
}

/** Things that take the domain of what they are on. */
const BELONGS_TO_SETTING = /护栏|栏杆|扶手|台阶|楼梯|围墙|挡土墙|挡墙|地砖/

export interface WeighedCategory {
  category: Category
  score: number
  /** How far ahead of the next domain. */
  margin: number
}

/**
 * 「渣土车把护栏撞了」「护栏被挖掘机挖断」: the vehicle that did it says nothing of what is broken — the 渣土车 had made a
 * guardrail a building site's. Only a vehicle said as the doer (before 把/将, after 被).
 */
const AGENT =
  /(?:一辆|有辆|辆|台)?(?:渣土车|泥头车|货车|大货车|三轮车|挖掘机|挖机|铲车|吊车|搅拌车|罐车|车辆|汽车|小车|轿车|电动车)(?=把|将)|(?<=被)(?:一辆|辆|台)?(?:渣土车|泥头车|货车|大货车|三轮车|挖掘机|挖机|铲车|吊车|搅拌车|罐车|车辆|汽车|小车|轿车|电动车)/g

/**
 * 「井盖不见了，上面只放了一根树枝」「坑里插了根木棍」: what someone put there to warn others says nothing of what is wrong
 * — the 树枝 had made a missing manhole cover greenery's.
 */
const PUT_THERE_AS_WARNING =
  /(?:放|插|盖|搭|摆|架|立)(?:了|着)(?:一|两|几)?(?:根|个|块|把|些|堆)?(?:树枝|枯枝|木棍|棍子|竹竿|砖头|砖块|石头|锥桶|椅子|凳子|纸箱|纸板|木板)/g

function withoutAgents(text: string): string {
  return text.replace(AGENT, ' ').replace(PUT_THERE_AS_WARNING, ' ')
}

export function weighCategories(
  said: string,
  rules: readonly { category: Category; keywords: readonly string[] }[] = [],
  setting = said,
): WeighedCategory | undefined {
  // 「manhole cover missing at 人民路」: English words for things read as their Chinese.
  const text = withoutAgents(neutraliseNames(withEnglishGlossed(said)))
  // The message around the statement, its names blanked the same way (once: most callers pass the statement's own).
  const message = setting === said ? text : neutraliseNames(setting)
  const places = locationPhrases(text)
  const outside = places.reduce((rest, place) => rest.replace(place, ' '), text)
  const weigh = (word: string, weight: number, category: Category) => {
    if (!word || !text.includes(word)) return 0
    // Inside another domain's longer word it is part of that thing: the 树 of 树池, the 桥 of 桥管处… only count
    // what is left outside those.
    const own = (within: string) =>
      containers(word, category).reduce((rest, longer) => rest.replaceAll(longer, ' '), within)
    if (!own(text).includes(word)) return 0
    // Only in a phrase that says where: half.
    return own(outside).includes(word) ? weight : weight / 2
  }
  const scores = new Map<Category, number>()
  const add = (category: Category, points: number) => scores.set(category, (scores.get(category) ?? 0) + points)
  for (const [category, words] of Object.entries(EVIDENCE) as [Category, readonly [string, number][]][])
    for (const [word, weight] of words) add(category, weigh(word, weight, category))
  for (const rule of rules) for (const keyword of rule.keywords) add(rule.category, weigh(keyword, 1, rule.category))
  if (BELONGS_TO_SETTING.test(text)) {
    // The statement's own setting first, then the message's (「青年路立交桥 … 护栏松动三处」).
    const around = settingOf(text) ? text : message
    const where = /桥/.test(around)
      ? 'bridge'
      : /地下通道|隧道|下穿/.test(around)
        ? 'road_municipal'
        : /公园|湖|河|步道|风光带|码头|景区|旅游区|港|假山/.test(around)
          ? 'greenery_park'
          : /小区|楼(?!梯)|宿舍|社区|房子|房屋|民房|自建房/.test(around)
            ? 'dangerous_house'
            : /人行道/.test(around)
              ? 'sidewalk_excavation'
              : 'road_municipal'
    add(where, 2)
  }
  // A barrier belongs to what it fences or takes: a dig in the road or footway, or the road it occupies (占道
  // 挖掘), unless the message is about a building site (「人行道开挖铺设电缆，围挡倒了一段」 is the dig's,
  // 「施工围挡占用盲道」 an occupation, 「工地围挡倒了」 the site's).
  if (/围挡/.test(text)) {
    const around = /开挖|挖开|挖沟|挖了一?条|沟槽|占道|占用|工地|在建|项目/.test(text) ? text : message
    // With neither said, a barrier alone stays the weak evidence it was, and the domain is asked.
    const site = /工地|在建|项目/.test(around)
    if (site || /开挖|挖开|挖沟|挖了一?条|沟槽|占道|占用/.test(around))
      add(site ? 'construction_site' : 'sidewalk_excavation', 2)
  }
  // 「小区里的健身器材坏了」: what an estate's residents play and exercise on is the estate's (its 物业), not a park's.
  if (/健身器材|健身设施|滑梯|秋千|单杠|双杠/.test(text) && /小区|院子|院里|宿舍|社区/.test(text) && !/公园/.test(text))
    add('dangerous_house', 3)
  // 「房子漏水」「屋顶漏水」「楼上漏水到我家」: a building that lets water in is the building's, not a water main's.
  if (/(?:房子|房屋|屋顶|屋面|楼顶|顶楼|天花板|外墙|楼上|阳台|卫生间)[^，,。；;]{0,4}(?:漏水|渗水|漏雨)/.test(text))
    add('dangerous_house', 2)
  // A patrol of one network or kind of place (「供水管网巡查」「对城区排水管网进行巡查」「危房排查」) says what its
  // findings are about: 「水表井盖缺失」 on a water patrol is the water company's, not the road's.
  const theme = themeOf(message)
  if (theme) add(theme, THEME_WEIGHT)
  const ranked = [...scores].filter(([, score]) => score > 0).sort((a, b) => b[1] - a[1])
  const [first, second] = ranked
  if (!first) return undefined
  return { category: first[0], score: first[1], margin: first[1] - (second?.[1] ?? 0) }
}

/**
 * When the evidence is enough to fill the domain without asking: a strong word, and clearly more than any
 * other domain's (measured on the corpus's train and dev splits: docs/EXTRACTION.md).
 */
export const SURE_CATEGORY = { score: 2.5, margin: 1 } as const

export function isSureCategory(weighed: WeighedCategory | undefined): boolean {
  // 其他 says the thing is no unit's of the bureau (a shop sign, a telecom pole): always confirmed, never filled.
  if (weighed?.category === 'other') return false
  return weighed !== undefined && weighed.score >= SURE_CATEGORY.score && weighed.margin >= SURE_CATEGORY.margin
}

export function categoryByEvidence(
  said: string,
  rules: readonly { category: Category; keywords: readonly string[] }[] = [],
  setting = said,
): Category | undefined {
  return weighCategories(said, rules, setting)?.category
}

/**
 * A place's name is no evidence, only the kind of place it is: 「樟木桥小区」 is an estate, not a bridge, and
 * 「翠湖花园」 no lake. Each name is blanked up to its place word.
 */
function neutraliseNames(said: string): string {
  return findPlaces(said).reduce((rest, place) => {
    const word = placeWordOf(place)
    return rest.replace(place, `${'　'.repeat(place.length - word.length)}${word}`)
  }, said)
}

/** Whether the text itself says where (a bridge, a park, an estate, a sidewalk). */
function settingOf(text: string): boolean {
  return /桥|公园|湖|河|步道|风光带|码头|景区|旅游区|港|假山|小区|楼(?!梯)|宿舍|社区|房子|房屋|民房|自建房|人行道|地下通道|隧道|下穿/.test(
    text,
  )
}
