import { DEFAULT_CITY } from '../../../bots/default-city'

/**
 * Place names in chat text, without a dictionary of the city's streets: a place is a run of Chinese ending in
 * a place word (路, 大桥, 小区, 公园, 片区 …) with an optional part after it (北段, 东门, 交叉口, 沿线 …),
 * and it starts after the words that are not part of a name — times, verbs, pronouns, labels — which are cut
 * off its front. Two places joined by 和 / 与 / 、 / 至 / 到 make one area (「人民路和建设路」「善卷路、武陵大道」).
 */
const SUFFIX =
  '(?:国道|省道|县道|乡道|高速公路|高速|大道|大街|大桥|立交桥|跨线桥|高架桥|天桥|引桥|路桥|桥|隧道|通道|路口|路|街道|街|巷|小区|花园|家园|新村|苑|华庭|华府|御府|公馆|名都|名城|新城|山庄|庄园|公寓|嘉园|佳园|世家|雅居|宿舍|公园|广场|风光带|旅游区|社区|村|镇|乡|县|城区|新区|开发区|工业园|园区|片区|区|工地|项目|楼盘|车站|北站|站|港|大堤|河堤|江堤|湖堤|堤坝|堤防|河|湖|码头|夜市|市场|超市|商场|书店|药店|体育馆|图书馆|博物馆|大厦|大楼|酒店|宾馆|银行|水厂|门站|调压站|加压站|基地|古城|古镇|中学|小学|[一二三四五六七八九十]中(?![心间午学文])|学校|幼儿园|医院|(?<=[市区县镇乡省])政府|法院|派出所|公安局|检察院|管委会|街道办|居委会|村委会|电视台|邮局|体育场|剧院|电影院|(?<![家这那哪心夜公城屋院店区园村手])里(?=[0-9一二三四五六七八九十]+(?:号楼|号院|号|栋|幢|弄))|园(?=[0-9一二三四五六七八九十]+(?:期|栋|幢|号楼))|(?<=[\u4e00-\u9fa5]{2})园(?![林区艺丁长]))'
/**
 * What narrows a place down after its place word: an estate's phase (「二期」), then a stretch, a gate or a
 * building — with its unit (「3号楼2单元」「6-2-301」), a block (「A座」) or a floor (「B1层」「3楼」).
 */
const TAIL =
  '(?:[一二三四五六七八九十0-9]{1,2}期)?(?:[Kk][0-9]{1,4}\\+[0-9]{1,3}|[东南西北中]?(?:段|线)(?:[0-9]{1,4}号(?!电梯|梯|线|机))?|[东南西北中]片(?:区)?|[东南西北]?(?:延线|端|头)|[东南西北]岸|沿线|一线|周边|一带|附近|全线|[东南西北]门|门口|斜对面|对面|(?:交叉口|交汇处|路口|口)?(?:往|向)[东南西北]{1,2}(?:方向)?(?:约|大约|大概)?[0-9一二三四五六七八九十百]+(?:米|m)|(?:交叉口|交汇处|交界处|交界|路口|口)(?:[东西南北]{1,2}(?:角|侧))?|[东西南北]{1,2}(?:角|侧)|[0-9]{1,3}-[0-9]{1,3}(?:-[0-9]{1,4})?(?![0-9点时:：])(?:号楼|号|室)?|(?:[0-9]+(?:号楼|号(?!电梯|梯|线|机)|栋|幢)|[一二三四五六七八九十百零〇]{1,5}(?:号楼|号(?!电梯|梯|线|机))|(?!一[栋幢]|两[栋幢])[一二三四五六七八九十]{1,3}(?:栋|幢)(?![0-9一二三四五六七八九十]+层|房|老房|民房|楼房|危房|自建房|建筑|住宅))(?:[0-9]{1,3}(?:栋|幢|号楼))?(?:[0-9一二三四五六七八九十]+单元)?(?:[0-9]{3,4}(?:室|房)?(?![0-9]))?|[A-Za-z]{1,2}[0-9]{0,2}(?:座|栋|幢)|(?<=村|社区)[0-9一二三四五六七八九十]{1,2}(?:组|队)(?![织长员件成合装人])|(?:[Bb负][0-9一二三]|[0-9]{1,2})(?:层|楼(?![道梯顶下上房盘])))?'
const CJK = '[\\u4e00-\\u9fa5A-Za-z0-9]'

/** Words that end a place on the left: what comes before them is never part of the name. */
const LEFT_STOP =
  /^.*(?:下雨天?|雨天|下大雨|暴雨(?:天|后)?|大风天?|刮风|台风(?:天|后)?|下雪天?|今天|今日|今早|今儿|昨天|昨日|昨晚|前天|上午|下午|中午|早上|晚上|傍晚|凌晨|夜间|最近|近期|近来|这几天|这两天|前几天|前两天|早班|晚班|巡查了|巡视了|巡查|巡视|夜巡|日巡|排查了|排查|巡了一圈|巡了|巡的(?:是)?|巡完了?|巡到|巡过|开始巡|检查了|检查|去了|走了|走过|经过|途经|(?:一)?趟|来到|到了|走了一圈|开展|进行|发现|上报|派(?:了)?人(?:员)?(?:去|到)?|安排(?:了)?人(?:员)?(?:去|到)?|报告|报|通知了?|告知|联系了?|移交给?|交给|就在|来着|[啊哦噢嗯呃哎诶喂]|刚才|路过|请问(?:一下)?|看看|看一下|看到|看见|瞧见|瞅见|查查|查一下|查下|看下|问下|问问|问一下|帮我|你好|您好|麻烦(?:你们|您)?|投诉|举报|就是|走访(?:了)?|(?:一个|有人|市民|群众)?(?:说|反映|讲)|具体(?:情况|位置|地点)?(?:是|在)|(?:地点|区域|路段|位置|地址)(?!$)|沿着|对(?!面)|在(?!建(?!材|设|国|筑|华|新|宁|业|安|民|政|兴|湘|中))|到|(?:请|麻烦)?(?:尽快|赶紧|赶快|马上|及时)(?:处理|解决|修|来|派人|安排)(?:一下)?|我们|我|本人|一行|同事|和小\S|和老\S|一起|把|被|让|叫他们|两人|三人|[0-9一二两三四五六七八九十]+(?:人|名|车|辆|台)|点半?|[0-9]+分|[:：])/

/**
 * A road's or a bridge's own parts (路面, 路灯, 路基, 桥墩, 桥栏) are no place; after any other place word the
 * next character begins what is there (「华润工地基坑未设护栏」).
 */
const NOT_A_PART = '(?!(?<=[路道街桥])[灯面牙沿基墩栏])'

const PLACE_RE = new RegExp(
  `(${CJK}{1,14}?${SUFFIX}(?:(?:和|与|跟|、|至|到)${CJK}{1,10}?${SUFFIX})?${TAIL})${NOT_A_PART}`,
  'g',
)

// Not where the next words only say what stands there (「莲池大道上有个工地」「路边那个工地」).
const EXTENSION = new RegExp(`^(?![上里边旁有那这])(?:(?!的)[\\u4e00-\\u9fa5]){0,3}?${SUFFIX}${TAIL}${NOT_A_PART}`)

const PLACE_WORD = new RegExp(`${SUFFIX}${TAIL}$`)

/** The place word a name ends in (「大桥」 of 「沅水大桥」, 「小区」 of 「樟木桥小区」). */
export function placeWordOf(place: string): string {
  return PLACE_WORD.exec(place)?.[0] ?? ''
}

/** What ends a stretch of text a place name can run through: punctuation, spaces, brackets, quotes. */
const FILLER_BEFORE_TAIL = /(?<=[路街道桥])(?:那个|这个|的)(?=十字路口|路口|交叉口|丁字路口)/g
/**
 * 「武陵大道 ＆ 洞庭大道 路口」「人民路 和 建设路」: two streets joined by a sign or a word typed between spaces, and a
 * crossing typed apart from them, are one place (joined with 与).
 */
const SPACED_JOINER =
  /(?<=[路道街桥])\s*[&＆+＋]\s*(?=[\u4e00-\u9fa5])|(?<=[路道街桥])\s+(?:和|与|跟)\s+(?=[\u4e00-\u9fa5])/g
const SPACED_CROSSING = /(?<=[路道街])\s+(?=(?:十字|丁字)?路口|交叉口|交汇处)/g
const CHUNK_BREAK = /[，,。；;！!？?\s：:（）()【】"“”]+/

/** A county, district, town or zone: what a more precise place right after it narrows down. */
const ADMINISTRATIVE = /(?:县|市|区|镇|乡|街道|城区|市区|县城)$/
/** The rest of a zone's name a lexicon name may leave behind (「柳叶湖」 of 「柳叶湖旅游度假区」). */
const ZONE_REST = '(?:旅游度假区|度假区|风景区|景区|开发区|高新区|经开区|新区|城区|市区|县城|街道)?'

/**
 * 「石门县 宝峰路」「津市市 孟姜女大道」「柳叶湖旅游度假区 环湖路」: a district followed at once by a place inside
 * it is one place, the district and the street; any other place is returned as it was.
 */
export function narrowedPlace(
  text: string,
  place: string,
  lexicon: readonly string[] = DEFAULT_CITY.places ?? [],
): string {
  if (!ADMINISTRATIVE.test(place) && !lexicon.includes(place)) return withLandmark(text, place)
  const at = text.indexOf(place)
  if (at < 0) return place
  // 「丹阳街道的那个那个花园小区」: words said while thinking stand between the area and the place in it.
  const after = new RegExp(`^(${ZONE_REST})\\s*(?:的)?(?:那个|这个|那|这|\\s)*`).exec(text.slice(at + place.length))
  const rest = text.slice(at + place.length + (after?.[0].length ?? 0))
  const next = findPlaces(rest.split(CHUNK_BREAK)[0] ?? '', lexicon)[0]
  if (!next || !rest.startsWith(next)) return place
  // 「汉寿县 龙阳镇 …」: a town inside the county narrows on in its turn.
  return `${place}${after?.[1] ?? ''}${narrowedPlace(rest, next, lexicon)}`
}

/**
 * 「武陵大道农行门口」「紫菱路万达旁边」: a landmark named right after the street, with the side of it, says where on
 * the street; it stays with the place. Not a clause about the problem (「人民路有个坑旁边」).
 */
const LANDMARK =
  /^(?:的)?([\u4e00-\u9fa5A-Za-z0-9]{1,6}?)(斜对面|门口|旁边|附近|对面|楼下|后面|前面|东侧|西侧|南侧|北侧|入口|出口)/

function withLandmark(text: string, place: string): string {
  const at = text.indexOf(place)
  // A place that already ends at a door, a side or a house number is as narrow as it gets.
  if (at < 0 || /(?:门口|旁边|附近|对面|[东南西北]侧|路口|交叉口|号|栋|幢|楼|室|单元)$/.test(place)) return place
  const landmark = LANDMARK.exec(text.slice(at + place.length))
  if (!landmark?.[1] || /[有是在了被把个着过没不很太这那就也都还又和与跟里上下边我你他们居住]/.test(landmark[1]))
    return place
  return `${place}${landmark[1]}${landmark[2]}`
}

/**
 * 「阳光花园 5栋」「白马湖路 碧桂园二期」: typed with spaces, a building number after an estate, or an estate after
 * its street, is still the same address — the spaces are how people type on a phone, not a second place.
 */
export function withSpacedParts(text: string, place: string): string {
  const end = endOf(text, place)
  if (end < 0) return place
  let whole = place
  let rest = text.slice(end)
  for (;;) {
    const token = /^[ \t\u3000]+([^\s，,。；;！!？?：:]+)/.exec(rest)
    if (!token?.[1]) return whole
    const part =
      SPACED_BUILDING.exec(token[1])?.[0] ??
      (ROAD_END.test(whole) ? estateOn(token[1]) : undefined) ??
      (!ROAD_END.test(whole) && SPACED_SIDE.test(token[1]) ? token[1] : undefined)
    if (!part) return whole
    whole += part
    rest = rest.slice(token[0].length - token[1].length + part.length)
  }
}

/**
 * A building's number, the whole of what was typed (「5栋」「3号楼2单元」「二单元」): 「一栋三层砖混楼」 counts a building
 * and 「2号墩」 is a bridge's pier, neither an address's part.
 */
const SPACED_BUILDING =
  /^(?:[0-9]{1,4}(?:号楼|栋|幢|单元|号)|[一二三四五六七八九十]{1,3}(?:号楼|单元|号))(?:[0-9]{1,3}(?:单元|栋|幢))?(?:[0-9]{3,4}(?:室)?)?$/

/**
 * A place people can walk to by its name: an estate or its phase (「碧桂园二期」), a building (「百货公司宿舍」), a square,
 * a school, a market.
 */
export const NAMED_SITE =
  /(?:小区|花园|家园|新村|苑|华庭|华府|御府|公馆|名都|名城|山庄|庄园|公寓|嘉园|佳园|世家|雅居|宿舍|大厦|大楼|广场|商场|超市|市场|医院|学校|小学|中学|幼儿园|公园|[0-9一二三四五六七八九十]{1,2}期)$/
/** A side of what was just named, typed apart (「万达广场 门口」). */
const SPACED_SIDE = /^(?:门口|旁边|附近|对面|斜对面|后面|前面|东门|南门|西门|北门|入口|出口|[东南西北]侧)$/

function estateOn(token: string): string | undefined {
  const [next] = findPlaces(token)
  return next === token && NAMED_SITE.test(next) && !/^(?:在建|某|这|那)/.test(next) ? next : undefined
}

/** Where a place found in the text ends there, its parts perhaps typed apart (「鼎城区 武陵镇」 for 「鼎城区武陵镇」). */
function endOf(text: string, place: string): number {
  const at = text.indexOf(place)
  if (at >= 0) return at + place.length
  const spaced = new RegExp([...place].map((c) => c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('\\s*'))
  const match = spaced.exec(text)
  return match ? match.index + match[0].length : -1
}

/** The first place the text names, or undefined. */
export function findPlace(text: string): string | undefined {
  return findPlaces(text)[0]
}

/**
 * The place a message names when it says little else: nothing but where (「在人民路和建设路交叉口」「位置：朗州路」),
 * or, with `slack`, up to that many characters more (a clause of a longer report).
 */
export function placeAlone(text: string, slack = 0): string | undefined {
  const place = findPlace(text)
  if (!place) return undefined
  const rest = text
    .replace(place, '')
    .replace(/^(?:就是|是)?(?:在|位于|就在|地点|位置|地址|(?:巡查)?(?:路段|区域|路线|范围))?[:：]?/, '')
    // 「人民路中段 公交站旁边」: a landmark beside which it is, said after the place, is more of where.
    .split(/[，,。.！!？?\s]+/)
    .filter((part) => !isLandmarkSpot(part))
    .join('')
    .replace(/这里|那里|这边|那边|附近|旁边|门口|门前|对面|楼下|路口|拐角|后面|前面/g, '')
    // 「就在恒大工地那」: the pointing word left at the end.
    .replace(/^(?:那|这|那儿|这儿|那个|这个|那块|这块|那段|这段|那一段|这一段|一带)$/, '')
    // Pictures typed as emoji (🚧🕳️) say nothing a place answer would lack.
    .replace(/\p{Extended_Pictographic}|\uFE0F|\u200D/gu, '')
  return [...rest].length <= slack ? place : undefined
}

/** A landmark and the side of it (「公交站旁边」「加油站对面」「银行门口」): a spot, not something wrong. */
const LANDMARK_SIDE =
  /^([\p{Script=Han}A-Za-z0-9]{2,8}?)(?:的)?(?:旁边|附近|对面|门口|门前|后面|前面|楼下|边上|拐角处?)$/u
/** Words that say what happens or is wrong (「有坑旁边」「塌了门口」): not a landmark's name. */
const NOT_A_LANDMARK = /[有没不坏漏堵塌破裂断倒歪掉丢缺烂积冒着响臭吵挖]|[了过]$/
function isLandmarkSpot(part: string): boolean {
  const landmark = LANDMARK_SIDE.exec(part)?.[1]
  return landmark !== undefined && !NOT_A_LANDMARK.test(landmark)
}

/** Every place the text names, in order, each cut to its name. */
export function findPlaces(text: string, lexicon: readonly string[] = DEFAULT_CITY.places ?? []): string[] {
  const places: string[] = []
  // 「人民路跟建设路那个路口」: a filler between a street and its crossing is no break in the place.
  const joined = text.replace(FILLER_BEFORE_TAIL, '').replace(SPACED_JOINER, '与').replace(SPACED_CROSSING, '')
  for (const chunk of unbracketBuildings(joined).split(CHUNK_BREAK)) {
    const found: { at: number; end: number; place: string }[] = []
    PLACE_RE.lastIndex = 0
    for (let match = PLACE_RE.exec(chunk); match; match = PLACE_RE.exec(chunk)) {
      let raw = match[1] ?? ''
      let end = match.index + raw.length
      // The shortest match stops at the first place word; a name goes on while another follows at once
      // (「桥南小区」「樟木桥社区」「人民路桥」「沅水大桥引桥」).
      for (let more = EXTENSION.exec(chunk.slice(end)); more; more = EXTENSION.exec(chunk.slice(end))) {
        raw += more[0]
        end += more[0].length
      }
      // 「穿紫河桥栏杆松了」: the bridge named after its river is the place, whatever part of it follows (桥栏, 桥墩).
      if (/[河湖江溪渠]$/.test(raw) && chunk[end] === '桥') {
        raw += '桥'
        end += 1
      }
      PLACE_RE.lastIndex = end
      const place = trimPlace(raw)
      if (place && !NOT_A_PLACE.test(place) && !IN_THE_WAY.test(place))
        found.push({ at: end - place.length, end, place })
    }
    // The city's own names that carry no place word (「津市」「汉寿」「城北」), where no other place covers them.
    for (const name of lexicon) {
      for (let at = chunk.indexOf(name); at >= 0; at = chunk.indexOf(name, at + name.length)) {
        if (found.some((f) => at < f.end && at + name.length > f.at)) continue
        const tail = LEXICON_TAIL.exec(chunk.slice(at + name.length))?.[0] ?? ''
        found.push({ at, end: at + name.length + tail.length, place: `${name}${tail}` })
      }
    }
    found.sort((a, b) => a.at - b.at)
    places.push(...joinAdjacent(found).map((f) => f.place))
  }
  return places
}

/**
 * 「建设东路百货公司宿舍」「人民路阳光小区3栋」: a street and, right after it with nothing between, a place on it
 * (an estate, a building) are one address: the street says where the estate is.
 */
function joinAdjacent(
  found: { at: number; end: number; place: string }[],
): { at: number; end: number; place: string }[] {
  const joined: { at: number; end: number; place: string }[] = []
  for (const f of found) {
    const last = joined.at(-1)
    if (last && last.end === f.at && ROAD_END.test(last.place) && !NOT_ON_IT.test(f.place))
      joined[joined.length - 1] = { ...last, end: f.end, place: last.place + f.place }
    else joined.push(f)
  }
  return joined
}
const ROAD_END = /(?:路|大道|大街|街|巷)$/
// Not where the next words only say what stands there (「德山大道上有个搅拌站」), as for EXTENSION.
const NOT_ON_IT = /^[上里边旁有那这]/

/**
 * 「我们小区（阳光花园）2号楼」「阳光花园（2号楼）」: brackets around an estate's name or its building number are no
 * break between the two (the building was lost); the name stays apart from what came before the bracket.
 */
function unbracketBuildings(text: string): string {
  return text
    .replace(/[（(]([^（）()，,。\s]{2,12})[）)](?=[0-9０-９一二三四五六七八九十]+(?:号楼|栋|幢|单元|号))/g, ' $1')
    .replace(/[（(]([0-9０-９一二三四五六七八九十]+(?:号楼|栋|幢|单元|号)[^（）()，,。\s]{0,6})[）)]/g, '$1')
}

/** What may follow a lexicon name and still be the same place: 「津市市区」「汉寿县城」「城北片区」. */
const LEXICON_TAIL = /^(?:市区|城区|县城|[东南西北中]?(?:片区|城区|新区|段)|[东南西北中]片|周边|一带)?/

/**
 * Words that end in a place word but name no place here (「道路」「马路」「城区几条主干道」 stay; 「排查辖区」,
 * 「已责令工地」 (what was done to a site), 「泥巴带得满路都是」「渣土车沿路撒漏」「渣土车天天撒一路」「渣土车一路撒土」 — 一路 after a verb or a vehicle is "all the way", while
 * 「人民一路」 is a road).
 */
const NOT_A_PLACE =
  /^(?:政府|道路|马路|路|桥|公路|国道|省道|县道|乡道|高速|高速公路|街|小区|工地|项目|站|区|村|镇|楼盘|河|湖|路口|路边|路中间|路面|铁路|在建工地|建筑工地|施工工地|学校|医院|小学|中学|幼儿园|高架桥|天桥|公园|菜市场|市场|超市|商场|大厦|大楼|酒店|宾馆|银行|社区|广场)(?:门口|[东南西北]门|附近|旁边|周边|一带|沿线|口)?$|(?:走|马|修|绕|过|让|铺|找|的|挖|满|沿)路$|^[刚才就正也都还又再常先后去来我你他在从到经]路$|(?:撒|洒|掉|漏|滴|流|淌|甩|落|拖|带|走|跑|开|响|堵|跟)(?:了|得)?一路$|车一路$|^辆|辖区$|路线$|^(?:低洼|主要|重点|部分|各|易涝|积水)?路段$|^(?:液化气|加油|加气|公交|燃气|调压)站$|^(?:消防|安全|逃生|疏散|应急)通道$|的|^(?:已经?|责令|要求|督促|协调)|^(?:全|挖|刚|物业|就|老旧|老小区|各个|各|多个|几个|黑|野|垃圾|狗屁|无能|你们)|^[0-9一二两三四五六七八九十几]+(?:个|栋|座|处|家|条)|^(?:这|那|整|隔壁|家|我|你|他|附近|旁边|楼下|对面|路边|门口|下面|上面|有个|一个|一段|这段|老年人|行人|小孩|车(?!站))/

/** 「挡住了路」「堵了半条路」: what something does to the road, which ends in 路 and names no road. */
const IN_THE_WAY = /(?:挡|堵|拦|占|封|断)(?:住|着|了)*(?:半条|整条|一条|半边)?路$/

export function saysInTheWay(text: string): boolean {
  return IN_THE_WAY.test(text)
}

/**
 * 「人民路到武陵大道」: 到 right after a place word joins a stretch from one place to the next; it does not start a
 * name, as it does in 「巡到人民路」.
 */
const STRETCH = new RegExp(`^(.*${SUFFIX})(到${CJK}{1,10}?${SUFFIX}${TAIL})$`)

function trimPlace(raw: string): string | undefined {
  const stretch = STRETCH.exec(raw)
  if (stretch) {
    const from = trimPlace(stretch[1] ?? '')
    if (from && !NOT_A_PLACE.test(from) && !IN_THE_WAY.test(from)) return `${from}${stretch[2]}`
  }
  let place = raw
  // Cut at the last word that cannot be in a name, then drop a leading filler or measure word.
  for (;;) {
    const stop = LEFT_STOP.exec(place)
    if (!stop || stop[0].length >= place.length) break
    place = place.slice(stop[0].length)
  }
  place = place.replace(
    /^(?:了|一下|的|是|系|去|往|从|将|把|被|共|有|个|一个|一座|一处|那个|这个|其中|另外|另|又|还|也)+/,
    '',
  )
  place = place.replace(/^(?:市政公司|桥管处|道管处|园林局|巡查组|市政(?!府))+/, '')
  // 「我家门口朗州路」「家楼下皂果路」: where it is from the speaker's home, before the place's own name.
  place = place.replace(/^(?:我们|我)?家(?:门口|门前|楼下|楼上|附近|旁边|对面|后面|前面|外面|这边)(?:的)?(?=.{2,})/, '')
  // 「老旧小区幸福里2栋」: what kind of estate it is, before the estate's name.
  place = place.replace(/^(?:老旧小区|老小区|老旧楼|老楼)(?=.{3,})/, '')
  return place.length >= 2 ? place : undefined
}
