import type { Category } from '../../domain/categories'
import { parseChineseNumber } from '../../domain/chinese-numbers'
import type { HazardLevel } from '../../domain/hazard-lifecycle'
import { categoryByEvidence, isSureCategory, weighCategories } from './category-evidence'
import { findPlace, findPlaces, placeAlone } from './place'

/**
 * What a patrol found, as hazard statements: the message is cut into clauses, and a clause that names a
 * thing and what is wrong with it (「井盖破损2处」「两棵大树倾斜」) is one statement, with the number of places
 * it counts (发现隐患（处）on the report forms). A clause that only adds to the one before (「没有围挡」「属于重大
 * 隐患」「已设围挡」) grades or describes it rather than starting another. A summary count (「发现隐患4处」)
 * stands for places the message does not list one by one. Saying nothing was found gives no statement.
 */
export interface HazardStatement {
  description: string
  count: number
  category?: Category
  /** False when the domain is a guess (weak or close evidence, or only the message's): the bot asks. */
  categorySure: boolean
  level: HazardLevel
  locationText?: string
}

interface StatementContext {
  categoryRules: readonly { category: Category; keywords: readonly string[] }[]
  /** The whole message: where a statement's guard rail or steps stand when the statement does not say. */
  setting?: string
}

/** What is wrong, as people write it. */
const DEFECT =
  /(?:是|都|有点|有些)?(?:破|烂|裂|断)的|扬尘|尘土飞扬|灰尘(?:很|特别|太|非常)?大|(?:围挡|防护|护栏|标志|标识|警示|设施|手续|资料)(?:也|都|还)?不(?:全|齐|完整)|停用|停运|堆了|乱放|乱摆|乱拉|乱接|乱停|拥包|车辙|落石|滑坡|塌方|爆裂|超期|(?<!影)响|缺失|缺了|缺少|丢失|丢了|不见了|没了|被偷|被盗|破损|损坏|损毁|撞毁|撞了|坏了|坏|破了|破裂|碎了|压碎|断裂|断了|断开|折断|刮断|裂缝|裂纹|脱空|白天(?:还|也|都|一直)?亮|拆(?:了|除|掉)?承重|裂开|开裂|龟裂|塌陷|坍塌|塌了|垮塌|垮了|滑塌|倒塌|倒了|倒伏|撞倒|[刮吹推砸压]倒|倒地|倒下来|撞歪|撞弯|沉降|下沉|沉陷|下陷|松动|松了|晃|脱落|(?<![删去卖扔吃忘关擦])掉|倾斜|歪|漏水|漏气|泄漏|渗水|渗漏|冒水|爆管|爆了|积水|坑洼|坑槽|有坑|大坑|大洞|有洞|堵塞|裸露|外露|露出|未设|未按|未回填|没回填|没有回填|无围挡|围挡不全|不到位|无警示|没有警示|不亮|熄|故障|锈蚀|锈穿|生锈|腐朽|腐烂|老化|变形|异响|异味|气味|味道|枯死|枯树|违规|违章|私自|私拉|无证|未戴|未挂|未系|没有拉结|超过|过大|过高|撒漏|散落|占道|占用|乱堆|堆放|隆起|外鼓|无防|没有防|无法使用|无水|被埋|被圈|被挖|挖断|被撬|敞开|居住|生火|烧火|烧东西|焚烧|明火|开荒|摇摇晃晃|翘起|翘|掀开|枯枝|失效|失灵|封死|堆在|挖鱼塘|违停|不规范|挂着电线|压到电线|压翻|翻了|堵死|堵了|住人|搭棚|错台|跳车|冲刷|掏空|非法|违法|擅自|未经|太矮|过低|撞飞|遮挡|压坏|过期|私接|系缆|靠泊|烧垃圾|有点裂|裂了|缺口|错位|位移|空鼓|起包|油污|很滑|青苔|中空|危房|漏点|堆满|需要更换|需更换|冲走|挂满|破洞|冒气|压烂|坑坑洼洼|被水淹|淹了|未放|接去|私自接|自己接|保护范围内施工|缺(?:盖板|失|少|了)|(?:未|没有|没|无)(?:安装|装(?![修饰货车卸载])|设置|配备|设|按|挂|戴|系|报备|备案|回填|恢复|封闭|年检|检测|围挡|防护|临边防护|警示|标志|盖板|拉结|接地|防雷|专人|支护|放坡|密闭|锁|门|资质|审批|手续|许可|论证|报警|垫板|减压阀|持证|限位|漏电保护|洗车|冲洗|洒水|降尘|喷淋|雾炮|护栏|防护栏|采取|搭设|覆盖|遮盖|苫盖)|(?:(?:未|没有|无)(?:安装|设置|配备|设|做)?|没(?:安装|装|设置|配备|设|做))(?!有)[\u4e00-\u9fa5]{1,4}?(?:报警器|报警装置|灭火器|警示灯|警示牌|检验|检测)|超量|超载|(?:放|摆|堆|绑|挂|拴|晾|搭)在|占压|压住|蛀空|虫蛀|白蚁|漏雨|看不清|模糊不清|没拧紧|未拧紧|拧不紧|没固定|未固定|露在外|[压撞踩刮砸]断|断掉|停满|占满|摆满|挡住|遮住|比路面低|低于路面|高于路面|比路面高|低了|高出|剥落|脱皮|起皮|泡在水|浸泡|死了|死掉|枯了|凹坑|凹陷|撞凹|淤积|淤堵|淤塞|偏冠|空洞|枯萎|虫害|烂了|烂掉|坏掉|被堵|堵住|飞线|(?:楼道|室内|屋里|家里|走廊).{0,6}充电|摆摊|摆卖|松脱|有点松|有些松|很松|太松|松垮|塞满|塞了|的坑|个坑|的洞|个洞|(?:全|都|到处|满地|满路)(?:都)?是(?:坑|洞)|(?:好多|很多|不少)(?:个)?坑|拱起|鼓起|凸起|磨损|锈(?:得|的|了|没|烂|坏|透)|过多|过密|过近|过长|未关闭|没关|(?:间距|距离|长度|高度|深度|宽度|厚度|埋深|强度|照明|数量)?(?:不足|不够)(?![0-9一二两三四五六七八九十半])|(?:没有|未设置?|未安装|无|缺)(?:扫地杆|剪刀撑|连墙件|防护棚|挡脚板|防护门|防坠|安全网|密目网|限位器|盖子|井盖|篦子|扶手|照明)/

/** Whether the text names something wrong, in any of the ways the statements are read (what is broken, an unsafe act). */
export function namesDefect(text: string): boolean {
  // (Dictated word by word — 「没有 采取 防护 措施」 — the words are read joined.)
  const said = isDictatedWordByWord(text) ? text.replace(/(?<=\S) +(?=\S)/g, '') : text
  return DEFECT.test(said) || UNSAFE_ACT.test(said) || SAYS_SOMETHING_WRONG.test(said)
}

/**
 * Words that say something is wrong only with the clause around them (「人行道挖开埋管子」「消防栓没水了」「看着很不结实」
 * 「占了整个人行道」「没有及时回填」): enough to tell a report from other words, but no statement's edge — the
 * extraction keeps the whole clause they stand in (cut at them, 「占了整个人行道」 lost the cars parked there).
 */
const SAYS_SOMETHING_WRONG =
  /挖开|没水|网裂|不结实|不牢固|不稳固|(?:胶布|胶带)(?:缠|粘|包)|占了|(?:未|没有|没)(?:及时|按时|按要求|按规定)(?:回填|恢复|清理|设置|处理|整改|修复)/

/** A clause that reports nothing found. */
const NOTHING_FOUND =
  /(?:未|没有|没)(?:发现|见|看到)(?:啥|什么)?$|(?:发现|看到)?(?:啥|什么)(?:问题|隐患|异常)都(?:没有|没|无)(?:发现|看到)?$|都正常|都挺好|都还好|良好$|(?<!不)[\u4e00-\u9fa5]{0,4}(?:都|均)?(?:正常|完好|齐全|规范|合格)$|无巡查|没有(?:出去)?巡查|(?:没|没有|未)(?:出去|外出)巡(?:查|视)?|(?:未|没有|没|无)(?:发现|见|看到|查出)?(?:什么|啥|任何|安全|其他|其它|明显的?|新增的?|新的?)?(?:隐患|问题|异常|情况)|一切正常|均正常|^(?:今日|今天)?(?:平安)?无事$|^没(?:什么)?事$|情况正常|无异常|未见异常|没啥|都没问题|^(?:检查结果|巡查结果|结果|情况|发现问题|发现隐患|隐患|隐患情况|存在问题|问题)?[:：]?\s*(?:正常|无)$|没有巡查/

/** A clause that tells what was done about it, or anything else that is not a defect of its own. */
const NOT_A_STATEMENT =
  /^(?:已|并已|均已|现已|已经|建议|要求|需|需要|请|望|责任单位|出动|共|已责令|立即|随时|有.{0,4}(?:风险|危险)|存在.{0,6}(?:风险|危险)|.{0,4}很危险|非常危险|情况紧急|无人员伤亡|物业说|住户|(?:现在|目前|已经?)?(?:没有|没|无)(?:气味|异味|味道|漏气|泄漏)了?$)/

/**
 * 「对辖区内3个老旧小区开展危房排查」「排查城区自建房12栋」 say what the patrol covered: their count is of places
 * visited, not found. So does a short 「查占道施工」: what the patrol looked for, not what it found.
 */
const PATROL_SCOPE =
  /^(?:排查|巡查|检查(?!井)|查看|走访)(?:了)?[^，,。；;]{0,20}?[0-9一二两三四五六七八九十]+(?:栋|处|个|家|座|户|条|所)$|(?:对|在).{0,24}(?:开展|进行|组织)(?:了)?.{0,8}(?:排查|巡查|检查|巡视)$|^[^，,。；;]{0,10}?(?:专项)?(?:巡查|排查|检查|巡检|巡视)(?:工作)?$|^(?:查|专查|夜查|排查|巡查|检查(?!井))(?!到|出|实|处|获|看到)(?:(?!发现)[^，,。；;0-9])[^，,。；;0-9]{0,7}$/

/**
 * What was put right, not found: a repair done (「今天抢修了桃花源路一处漏水点」), or a hazard reported before and
 * checked again (「柳叶大道昨天报的那处塌陷」). Neither counts as a place found; a re-check that says the earlier
 * hazard is fixed (「已经回填压实」「恢复通行」) says nothing new was found.
 */
const REPAIRED =
  /^(?:[\u4e00-\u9fa5]{0,6}?(?:公司|单位|物业|工人|师傅|我们))?(?:今天|今日|上午|下午|刚才|已|已经)?(?:抢修|修复|修好|维修|更换|换了|补装|补齐|清理|清除|回填)(?:了|完|好)?/
const REPAIR_ASKED = /通知|要求|联系|督促|责令|请|等待|正在|正组织|安排/
const REPORTED_BEFORE =
  /(?:昨天|前天|之前|上次|上周|前期|此前|早前|原来|前几天)[\u4e00-\u9fa5]{0,4}?(?:报|上报|发现|反映|交办)的|(?:那个|那件|这个)(?:事|事情|情况)$/
const FIXED_ON_RECHECK =
  /^(?:已经?|均已|现已|都已)?(?:回填|修复|修好|整改|恢复|处理|更换|补齐|补装|清理|加固|抢修)(?:压实|完毕|到位|好了|完成|了)?$|恢复通行|已销号|整改到位/

/** Words that grade what came before: the 重大 cue in a clause of its own. */
const MAJOR_CUE =
  /重大(?:事故)?隐患|列为重大|定为重大|属重大|重大风险|D级危房|情况紧急|紧急|随时可能倒|随时会倒|坠落风险|掉落风险|坍塌风险|触电危险|已封桥|封桥|停工|停止使用|正在漏气|疏散|人员受伤|砸到|砸坏|砸伤|砸人|陷入|深不见底|明火|还住在里面|还住着|仍有人居住|有人居住|(?<![压挡堵围拦])住(?:了|着)(?:十几户|几十户|[0-9一二两三四五六七八九十]+户|人|一对|老人)|(?:人|老人|住户|居民|户)(?:还|仍)?住着|仍在使用|还在使用|还有人在里面|随时(?:可能|会)?(?:倒|掉|塌|坠)|(?:倒塌|坠落|掉落|倒伏|垮塌|坍塌|断裂)风险|快(?:要)?(?:掉下来|塌|倒)|D级|悬在半空|悬空|脱落悬挂|差点掉|掉下去|封闭(?:了)?(?:一个|半幅|部分)?(?:道路|车道|交通|路段)|封路|交通管制/
/** A clause of its own that grades what came before it (「这个比较严重」). */
const GRADE_CLAUSE = /^(?:这个|这|那个|那|情况|问题)?(?:比较|很|非常|十分|特别)?严重$/
/**
 * Defects that are major in themselves: the kinds of 重大事故隐患 in source 000 and the national criteria —
 * collapse, gas leaks, failing structure, deep pits and formwork, a burst main under the road.
 */
const MAJOR_DEFECT =
  /(?:有人|行人|路人|小孩|孩子|老人|工人)[^，。,；;]{0,6}(?:受伤|摔伤|掉进去|掉下去|掉了进去)|坍塌|拆(?:了|除|掉)?承重|(?:塔吊|起重机|施工电梯|升降机|标准节).{0,10}(?:松动|倾斜|变形|断裂|开裂)|塌了|大面积(?:空鼓|脱落|开裂|裂缝|塌陷)|(?:桥墩|支座|主梁).{0,6}(?:冲刷|露出|位移)|基坑.{0,8}(?:[5-9]|[1-9][0-9])米|(?:没有|无)(?:放坡|支护)|燃气.{0,16}(?:气味|冒气)|(?:燃|煤|天然)气味|冒气|垮塌|倒塌|泄漏|漏气|(?:桥|梁|承重|钢丝绳|支架|主管).{0,6}(?:断裂|断了|断开)|(?:梁|承重墙|墙体).{0,4}(?:裂缝|开裂|倾斜)|(?:开裂|裂缝)严重|(?:树枝|枯枝).{0,4}(?:断裂|悬挂)|深基坑|高支模|外鼓|倾斜严重|锈蚀严重|钢丝绳|附墙|没有拉结|连墙件缺失|没有临边防护|燃气.{0,4}(?:挖断|挖破)|(?:燃气|天然气|煤气|管道).{0,16}(?:占压|压住)|(?:路灯|灯杆|灯罩).{0,12}(?:电线|线路|带电).{0,4}(?:裸露|外露|露)|主管道|(?:主管|干管).{0,4}(?:爆|破裂|断)|(?:路面|路基|人行道|地面|塌陷).{0,12}(?:下面(?:是)?空的|掏空|空洞)|桥.{0,8}[下底].{0,10}(?:堆放|堆积|存放).{0,6}(?:木材|易燃|易爆|油|气瓶)|桥.{0,8}[下底].{0,8}(?:烧火|生火|明火|烧东西|焚烧)|(?:卸料平台|脚手架|操作平台).{0,6}(?:超载|严重变形)|墙.{0,6}(?:外倾|外闪)|路面塌陷|塌陷.{0,6}(?:平米|平方|直径|深)/
const GENERAL_CUE = /一般(?:隐患|问题)|均为一般|一般$/

/** A clause that is only things and their number (「两根路灯杆」「三个井盖」), waiting for what is wrong with them. */
const COUNTED_THINGS =
  /^(?:有)?(?:[0-9]+|[一二两三四五六七八九十]+)\s*(?:根|个|处|块|盏|棵|座|段|条|只|台|家)(?![^，,]*(?:人|车|巡|检查|查看))[^，,：:]{1,8}$/

const SIZE_CLAUSE =
  /^(?:面积|深度?|宽度?|长度?|直径|高度?|约|大约|大概)(?:约|大约|大概|为|有)?\s*[0-9一二两三四五六七八九十半.]+\s*(?:多)?(?:平方米|平方|平米|米|公分|厘米|cm|m)/

const DEEP = /深(?:度)?(?:约|大约|大概|有|达)?\s*(?:[1-9][0-9]*(?:\.[0-9]+)?\s*(?:米|m)|[一二两三四五六七八九十]+米)/

const ONLY_COUNT =
  /^(?:有|约|大约|大概|共|共计)?([0-9]+|[一二两三四五六七八九十]+)(?:多)?\s*(?:处|个|块|盏|棵|株|根|段|座|家|起|项|组|条|件|只)$/

/**
 * A number of places inside a statement: 2处, 两个, 三棵, 约二十盏, 四五块 (the larger), 6处 not 6米. A digit
 * before 栋 is a building's number in an address (「桂园小区5栋」) unless it follows the houses it counts
 * (「危房2栋」「民房3栋」) or what was found (「发现2栋楼外墙空鼓」, 「2栋楼外墙空鼓」 with 发现 read off; not 「5栋楼道」).
 */
const COUNT_RE =
  /(?:约|大约|大概|共)?((?<![0-9+＋第])[0-9]+(?!\s*栋)|(?<=(?:[房屋层]|发现)\s{0,2})[0-9]+(?=\s*栋)|(?<=^\s{0,2})[0-9]+(?=\s*栋(?:楼(?![道下])|危房|房屋|房子|民房|老房|自建房))|[一二两三四五六七八九十]+)(?:多)?\s*(处|个|块|盏|棵|株|根|段|座|家|户|栋|起|项|组|条|口|件|只|道)(?![米公厘平月年]|人(?!行)|小时|钟头|星期|礼拜)/
const SUMMARY_RE =
  /(?:发现|共发现|共计|计)?(?:安全)?(?:隐患|问题)[:：]?(?:共计|共|计)?\s*([0-9]+|[一二两三四五六七八九十]+)\s*(?:处|个|项|起)(?![人名位台辆车])|(?:发现|共发现|共|共计|合计|一共)\s*([0-9]+|[一二两三四五六七八九十]+)\s*(?:处|个|项|起)(?:安全)?(?:隐患|问题)|(?:发现|其中)\s*([0-9]+|[一二两三四五六七八九十]+)\s*(?:栋|户|座|家|处|个)(?:房屋|房子|建筑)?(?:存在|有)(?:安全)?(?:隐患|问题)|发现(?:有)?问题(?:的)?[\u4e00-\u9fa5]{1,4}?([0-9]+|[一二两三四五六七八九十]+)\s*(?:座|个|处|栋|家|户)/

/** The count a summary states, whichever of SUMMARY_RE's shapes it has. */
function summaryCount(summed: RegExpExecArray): number | undefined {
  return parseCount(summed.slice(1).find((group) => group !== undefined) ?? '')
}

/**
 * The hazard statements, and whether the message says outright that nothing was found: an empty list with
 * `nothingFound` answers the form's question (无), an empty list without it leaves the question to be asked.
 * `guessed` says the statements are the rules' guess (below), to be shown and confirmed, not filled in.
 */
export function readFindings(
  text: string,
  given: StatementContext,
): { statements: HazardStatement[]; nothingFound: boolean; guessed?: boolean } {
  const ctx = { ...given, setting: given.setting ?? text }
  const clauses = segment(text)
  // The message's domain, for statements that name none of their own.
  const whole = knownCategory(text, ctx)
  const nothingFound = clauses.some(saysNothing)
  const statements: HazardStatement[] = []
  let summary: number | undefined
  let allGeneral = false
  let nothing = false
  let majorNext = false
  // A thing named in a clause of its own, waiting for what is wrong with it (「河边护栏 锈蚀 有4段」).
  let pendingThing: string | undefined
  // 「发现 2处 路面塌陷」: a count said before the statement it counts.
  let pendingCount: number | undefined
  let afterLead = false
  const push = (statement: HazardStatement) => {
    if (majorNext) statement.level = 'major'
    majorNext = false
    pendingThing = undefined
    if (pendingCount !== undefined && !COUNTED.has(statement)) {
      statement.count = pendingCount
      COUNTED.add(statement)
    }
    pendingCount = undefined
    statements.push(statement)
  }
  let recheckedFixed = false
  for (const clause of clauses) {
    const lead = afterLead
    // The clause without its lead words (发现, 其中, a list number …): what it says.
    const body = clause.replace(PLACE_LEAD, '$1').replace(LEAD, '')
    afterLead = body === ''
    if (REPORTED_BEFORE.test(clause)) {
      recheckedFixed = clauses.some((c) => FIXED_ON_RECHECK.test(c))
      continue
    }
    // A repair done, not one asked for (「已通知燃气公司抢修」 still grades what came before).
    if (REPAIRED.test(clause) && !REPAIR_ASKED.test(clause)) continue
    const summed = SUMMARY_RE.exec(clause)
    if (summed) {
      const counted = summaryCount(summed)
      // The first summary counts the message; a later one (「其中重大隐患1处」) says which are major.
      if (summary === undefined) summary = counted
      else if (/重大/.test(clause)) majorNext = true
      if (counted === 0) nothing = true
      // 「发现问题8处，其中1处为重大隐患（…）」: what follows 其中 is a statement of its own.
      // Said in brackets (「其中较大隐患1处（燃气管道占压）」), it is taken without them.
      const rest = clause
        .slice((summed.index ?? 0) + summed[0].length)
        .replace(/^[，,：:]?(?:其中)?/, '')
        .replace(/^[（(]([^（()）]*)[）)]$/, '$1')
        .replace(/^[（(]/, '')
        // 「发现2处问题：一是…」: the first item's number goes with the lead words.
        .replace(LEAD, '')
      if (rest && DEFECT.test(rest)) push(statementOf(rest, ctx))
      continue
    }
    if (GENERAL_CUE.test(clause) && !DEFECT.test(clause.replace(GENERAL_CUE, ''))) {
      // 「其余为一般问题」 grades the rest, not what was named as major.
      if (!/其余|其他|其它/.test(clause)) allGeneral = true
      continue
    }
    if (NOTHING_FOUND.test(clause) && !/发现[^未没无]{2,}/.test(clause.replace(NOTHING_FOUND, ''))) {
      nothing = true
      continue
    }
    const previous = statements.at(-1)
    // 「1.…；2.…」「另外…」「还有…」: the writer says another item begins.
    const anotherItem = ANOTHER_ITEM.test(clause)
    // 「随时可能倒向机动车道」 names a thing, but only where the danger goes: with no defect of its own, it grades.
    const cue = body.replace(NEGATED_HARM, '')
    if ((MAJOR_CUE.test(cue) || GRADE_CLAUSE.test(cue)) && previous && (!hasThing(body) || !DEFECT.test(body))) {
      previous.level = 'major'
      continue
    }
    // 「约二十盏」「两处」 on their own count the statement before them; so does 「有3块已经断了」 after a
    // statement of one, saying how many of the thing it named.
    // A count after 发现, or after a statement that has counted its own, counts the statement that follows.
    const onlyCount = ONLY_COUNT.exec(body)
    if (onlyCount) {
      const said = parseCount(onlyCount[1] ?? '')
      if (previous && !lead && !COUNTED.has(previous)) {
        previous.count = clampCount(said ?? previous.count)
        COUNTED.add(previous)
      } else if (said !== undefined) pendingCount = clampCount(said)
      continue
    }
    // 「面积大约4平方米」「深约1.5米」: the size of what the statement before it found, graded with it.
    if (previous && SIZE_CLAUSE.test(body)) {
      previous.description = `${previous.description}，${body}`
      // A collapse or pit a metre deep or more is major (路面塌陷、空洞或深坑); its area alone is not.
      if (DEEP.test(body) && /塌|陷|坑|洞/.test(previous.description)) previous.level = 'major'
      continue
    }
    const howMany = /^有\s*([0-9]+|[一二两三四五六七八九十]+)\s*(?:处|个|块|盏|棵|根|段|座|家|户|栋|条)/.exec(body)
    if (howMany && previous && previous.count === 1 && !hasThing(body) && !pendingThing) {
      previous.count = clampCount(parseCount(howMany[1] ?? '') ?? 1)
      previous.description = `${previous.description}，${body}`
      if (isMajor(body)) previous.level = 'major'
      continue
    }
    if (!DEFECT.test(body) || NOT_A_STATEMENT.test(body) || PATROL_SCOPE.test(body)) {
      // 「我们三个人开了一台车从朝阳路一直巡到人民路」 tells how the patrol went, not a thing waiting for its defect.
      if (
        hasThing(body) &&
        !DEFECT.test(body) &&
        !NOT_A_STATEMENT.test(body) &&
        !PATROL_SCOPE.test(body) &&
        !PATROL_GOING.test(body)
      )
        pendingThing = body
      continue
    }
    // 「两根路灯杆 灯罩掉了」: what is wrong with the things a clause counted, even when it names their part.
    if (pendingThing && (!hasThing(body) || (COUNTED_THINGS.test(pendingThing) && !COUNT_RE.test(body)))) {
      push(statementOf(`${pendingThing}${body}`, ctx))
      continue
    }
    if (!previous) {
      // 「建设路口有塌陷」: a defect that is a thing of its own (a collapse, a leak), at a place, names no other.
      if (hasThing(body) || COUNT_RE.test(body) || (SELF_STANDING.test(body) && findPlace(body)))
        push(statementOf(body, ctx))
      continue
    }
    // Another statement when it counts places of its own or is about another domain; otherwise it says more
    // about the one before (「路面冒水」 after a burst main, 「没有围挡」, 「连墙件缺失」 after 「脚手架没有拉结」).
    const next = statementOf(body, ctx)
    // Things named after 向 / 往 / 离 are where it leans or how far away, not what is wrong (「树身向马路倾斜」) —
    // after the place: the 朝 of 「朝阳路路灯不亮」 is the road's name.
    const place = findPlace(body)
    const afterPlace = place && body.includes(place) ? body.indexOf(place) + place.length : 0
    const direction = body.slice(afterPlace).search(/向|往|朝|离|距/)
    const subject = direction >= 0 ? body.slice(0, afterPlace + direction) : body
    const ownDomain = next.category !== undefined && next.category !== previous.category && hasThing(subject)
    // A thing inside one named before is the same thing (「墙面」 after 「挡土墙」, 「桥」 after 「桥面」).
    const before = thingsIn(previous.description)
    const ownThing = thingsIn(subject).some(
      (thing) => !before.some((named) => named.includes(thing) || thing.includes(named)),
    )
    // 「危房两栋，其中一栋墙体开裂严重」: one of those already counted, said more about — not another place.
    if (/^其中/.test(clause) && COUNT_RE.test(body) && next.count < previous.count) {
      previous.count -= next.count
      COUNTED.add(next)
      push(next)
      continue
    }
    const countsSeveral = (next.count ?? 1) > 1
    // 「一处…，一处…」「损坏5个、被圈占2个、被埋压1个」: after a statement that counted its places, a clause that
    // counts its own, one included, is the next item of the list even when it names no other thing. A statement
    // that headed a list (「发现三处井盖：一处缺失、一处破损」) already counted the items.
    const countsOwn = COUNT_RE.test(body) && COUNT_RE.test(previous.description) && !/[:：]/.test(previous.description)
    // A house is one place however many of its parts are named (「墙体开裂，屋顶瓦片松动」 is one 危房), as the
    // forms count houses: more of the same house says more about it, unless it counts or lists.
    const sameHouse =
      (next.category ?? whole) === 'dangerous_house' &&
      (previous.category ?? whole) === 'dangerous_house' &&
      HOUSE_PART.test(body) &&
      !COUNT_RE.test(body)
    // 「扶手也晃」「车库顶板也在渗水」: another thing that is also wrong.
    const alsoWrong = ownThing && /^[^，,]{1,8}?也/.test(body) && !sameHouse
    if (
      countsSeveral ||
      anotherItem ||
      alsoWrong ||
      ((ownDomain || ownThing || countsOwn) &&
        (!CONSEQUENCE.test(body) || UNSAFE_ACT.test(body)) &&
        !sameHouse &&
        !(PART_FIRST.test(body) && !countsOwn))
    ) {
      push(next)
      continue
    }
    previous.description = `${previous.description}，${body}`
    // Graded on the whole statement: 「燃气管道被撞弯」 then 「有气味」 is a gas main that smells.
    if (next.level === 'major' || isMajor(previous.description)) previous.level = 'major'
  }
  if (allGeneral) for (const s of statements) s.level = 'general'
  const listed = statements.reduce((sum, s) => sum + s.count, 0)
  // A summary count larger than what is listed stands for the rest (「共发现隐患7处，均为一般隐患」).
  if (summary !== undefined && summary > listed) {
    const category = statements[0]?.category ?? knownCategory(text, ctx)
    statements.push({
      description: listed === 0 ? `发现隐患${summary}处` : `其余隐患${summary - listed}处`,
      count: summary - listed,
      ...(category ? { category } : {}),
      categorySure: false,
      level: 'general',
    })
  }
  if (statements.length === 0 && recheckedFixed) return { statements: [], nothingFound: true }
  if (statements.length === 0 && nothing) return { statements: [], nothingFound }
  if (statements.length === 0 && !nothingFound) {
    const guess = guessedStatement(clauses, ctx)
    if (guess) return { statements: [guess], nothingFound, guessed: true }
  }
  // A statement that names no domain of its own takes the message's (「疑似管道泄漏」 after 「天然气味道很重」).
  for (const s of statements)
    if (!s.category && whole) {
      s.category = whole
      s.categorySure = false
    }
  return { statements: withoutPastedRepeats(statements), nothingFound }
}

/** The same statement more often than this in one message is a paste, not that many findings. */
const MOST_REPEATS = 3

/**
 * 「发现井盖缺失一处，」 pasted three hundred times is one finding: a statement said word for word, at the same
 * place, more than a few times is kept once. Said twice or three times (a numbered list of two manholes), each stays.
 */
function withoutPastedRepeats(statements: HazardStatement[]): HazardStatement[] {
  const key = (s: HazardStatement) => `${s.description}\u0000${s.locationText ?? ''}`
  const times = new Map<string, number>()
  for (const s of statements) times.set(key(s), (times.get(key(s)) ?? 0) + 1)
  const kept = new Set<string>()
  return statements.filter((s) => {
    const k = key(s)
    if ((times.get(k) ?? 0) <= MOST_REPEATS) return true
    if (kept.has(k)) return false
    kept.add(k)
    return true
  })
}

/**
 * A patrol report that names no defect the rules know, yet does not say nothing was found, nearly always
 * reports one in words they do not know (「液化气罐放在地下室用」): of the corpus's train and dev messages, every
 * one without a 「未发现」 had a hazard. What it says about a thing or a domain, past its time, people and place, is
 * offered as the hazard for the person to confirm or correct; a message that names no thing gets no guess.
 */
function guessedStatement(clauses: readonly string[], ctx: StatementContext): HazardStatement | undefined {
  const said = clauses
    .map((clause) => clause.replace(LEAD, ''))
    .filter(
      (clause) =>
        clause.length >= 2 &&
        !NOT_A_STATEMENT.test(clause) &&
        !REPORTED_BEFORE.test(clause) &&
        !REPAIRED.test(clause) &&
        !PATROL_SCOPE.test(clause) &&
        !TURN_OUT_OR_TIME.test(clause) &&
        // A clause that is a place name and little else (「鼎城区花山路」「在朗州北路」).
        placeAlone(clause, 2) === undefined &&
        // Nor one that only says how the patrol went (「上午开车巡查人民路 2人」「没开车」).
        !onlyHowThePatrolWent(clause) &&
        (hasThing(clause) || weighCategories(clause, ctx.categoryRules) !== undefined),
    )
  if (said.length === 0) return undefined
  const statement = statementOf(said.join('，'), ctx)
  return { ...statement, categorySure: false }
}

/** The words of a patrol's own particulars: when, who, how many, by what means, and the patrol verb. */
const PATROL_PARTICULARS =
  /今天|昨天|前天|今日|昨日|上午|下午|中午|早上|晚上|凌晨|傍晚|(?:开|坐|骑)(?:了|着)?[0-9一二两三四五六七八九十]+(?:台|辆|部)(?:车|车辆)?|[0-9一二两三四五六七八九十:：点时半到至\-~—]+(?:分|人|名|位|个人|车|辆|台)?|(?:没有?|未|不)?(?:开车|用车|出车)|步行|走路|徒步|(?:骑|开|坐)(?:的|了|着)?(?:是)?(?:电动车|电瓶车|摩托车|自行车|单车|公车|私家车|车)|(?:过)?去的|就我|我自己|自己|巡查|巡视|巡逻|巡了|巡|一下|一圈|一趟|和|跟|与|同|了|[\s，,、]/g

/** 「我和小王」「跟老李一起」: who went, named before the going (a name is no thing found). */
const WHO_WENT =
  /^(?:我们?|咱们?)?(?:(?:和|跟|与|同)[\u4e00-\u9fa5、]{1,8}?(?=[0-9一二两三四五六七八九十]+(?:个|名|位)?人|开|骑|坐|步行|走路|一起|一同|巡|去|到|在|$))?/

function onlyHowThePatrolWent(clause: string): boolean {
  const rest = findPlaces(clause)
    .reduce((left, place) => left.replace(place, ''), clause)
    .replace(WHO_WENT, '')
    .replace(/一起|一同/g, '')
    .replace(PATROL_PARTICULARS, '')
  return [...rest].length < 2
}

/** Clauses that say when or who: 「下午三点」「2人1车」「人员：张三、李四」「开车」「车一台」「人员三名」. */
const TURN_OUT_OR_TIME =
  /^(?:(?:今天|昨天|前天|今日|昨日|上午|下午|中午|早上|晚上|凌晨|傍晚)?[0-9一二两三四五六七八九十:：点时半到至\-~—]*(?:分)?|[0-9一二两三四五六七八九十]+\s*(?:人|名|位|个人)(?:[0-9一二两三四五六七八九十]+\s*(?:车|辆|台))?|(?:人员|巡查人员|时间|出动)[:：].*|(?:出动|共)?(?:车辆|用车|车)\s*[:：为共]?\s*[0-9一二两三四五六七八九十]+\s*(?:辆|台|部)?|(?:出动|开了?|开着|共)?[0-9一二两三四五六七八九十]+\s*(?:辆|台|部)\s*(?:车|车辆)?|(?:出动|共)?(?:人员|巡查人员|人数)\s*[:：为共]?\s*[0-9一二两三四五六七八九十]+\s*(?:名|个|位|人)?|开车|步行|走路|骑车)$/

/** Whether a clause of the message says nothing was found (「未发现隐患」「一切正常」「，正常」「发现问题：无」). */
export function saysNothingFound(text: string): boolean {
  return segment(text).some(saysNothing)
}

function saysNothing(clause: string): boolean {
  const summed = SUMMARY_RE.exec(clause)
  return NOTHING_FOUND.test(clause) || (summed !== null && summaryCount(summed) === 0)
}

/** An item's number in a list: 1. 2、 3） （4）. */
const LIST_NUMBER = '[0-9一二三四五六七八九十]+(?:[.．](?![0-9])|[、)）])|[（(][0-9一二三四五六七八九十]+[)）]'

/** 「一是…；二是…」「其一」「第二」: items numbered in words, as official reports write them. */
const WORD_ITEM =
  '(?:[一二三四五六七八九十]是|其[一二三四五六七八九十]|第[一二三四五六七八九十]+(?:是|处|个)?[,，、：:]?)'

/**
 * A clause the writer starts as another item: a list number, or 另外 / 还有 / 此外 (not 「还有人居住」, which
 * says people are still there).
 */
const ANOTHER_ITEM = new RegExp(`^(?:发现)?(?:${LIST_NUMBER}|${WORD_ITEM}|另外|另有|还有(?!人)|此外)`)

/** Lead words before a statement: 发现, 问题：, 情况：, 1. */
/** 「今天上午在人民路巡查时发现一个井盖缺失」: the place kept, the patrol and the finding words around it dropped. */
const PLACE_LEAD =
  /^(?:今天|今早|昨天|雨后|上午|下午|晚上|早上|中午){0,2}在([\u4e00-\u9fa5A-Za-z0-9]{2,12}?)(?:巡查|巡视|检查|路过|经过)(?:时|中|过程中|的时候)?(?:发现|看到|看见)(?:了)?(?:一个|一处|一条|有)?/
const LEAD = new RegExp(
  `^(?:(?:今天|今早|昨天|雨后|上午|下午|晚上|早上|中午)?(?:巡查|巡视|检查|夜巡|日巡)(?:时|中|过程中)?(?=发现)|(?:今天|今早|昨天|雨后|上午|下午|晚上|早上|中午)?(?:巡查|巡视|检查|路过|经过)[^，,。；;]{0,12}?(?:时|中|过程中|的时候)(?:发现|看到|看见)(?:了)?|就是(?=\\S)|[\u4e00-\u9fa5]{0,8}如下[:：]|其中|另外|另有|另|还有(?!人)(?:就是)?|同时|并且|而且|且|又|再|分别|发现了|发现[:：]?|(?:存在|发现的?)?问题[:：]?|(?:巡查|检查|现场)?情况[:：]?|检查结果[:：]?|${LIST_NUMBER}|${WORD_ITEM})+`,
)

/** Things that can be wrong: a statement names one (the routing keywords are things too). */
const THING =
  /标准节|螺栓|螺丝|滑梯|石材|落石|山体|沥青|路基|公路|井盖|窨井|井|盖板|篦子|路面|道路|马路|路灯|灯|护栏|栏杆|扶手|台阶|人行道|地砖|砖|树|树枝|枝|消防栓|消火栓|水管|管道|管网|管子|阀门|水表|墙|外墙|围墙|屋顶|屋檐|瓦|楼|房|阳台|桥|伸缩缝|桥墩|桥面|桥台|支座|涵洞|脚手架|塔吊|升降机|起重机|卸料平台|基坑|高支模|围挡|标志|标识|指示牌|广告牌|瓷砖|电梯|座椅|器材|设施|步道|栈道|挡土墙|护坡|边坡|化粪池|配电箱|电线|电缆|燃气|煤气|天然气|液化气|气瓶|钢瓶|罐|调压|工地|项目|安全帽|安全带|安全网|渣土|钢管|材料|杂物|垃圾|车|限高架|顶棚|玻璃|亭|梁|保温层|警戒|排水|沟|坑|洞|积水|裂缝|冰面|游乐|秋千|链条|单杠|双杠|健身器材|减速带|斑马线|标线|公厕|厕所|卫生间|大门|柜门|门窗|防护门|老宅|木柱|屋面|假山|石头|山石|外架|空调外机|线路|临时用电|香樟|樟树|杨树|银杏|桂花|苗木|支撑杆|主管|干管|限载牌|限重牌|桥名牌|铭牌|檩条|钢架|板子|防护|施工|开挖|占道|盲道|绿化|草|苗圃|房屋|宿舍|住户|流浪|树池|树坑|软管|三通|报警器|监控|通道|危房|高压线|司机|工人|作业人员|操作人员|特种作业|电工|焊工|架子工|信号工/

/**
 * What follows from a defect rather than another one: water on the road from a burst main, a smell, a guess,
 * what happens when someone passes over it (「车过的时候砰砰响」).
 */
const CONSEQUENCE =
  /(?:经过|过|踩|走|压)(?:上去)?(?:的)?时(?:候)?|冒水|积水|异味|气味|味道|闻到|晃|异响|响声|危险|疑似|可能|好像|导致|造成|影响|砸坏|砸到|压到|淹|滑倒|摔倒|跳车|踩空|隆起|留了|进出|作业/

/** The structure of a house: more about these is more about the same house (a blocked fire lane is not). */
const HOUSE_PART = /墙|屋|房|瓦|梁|柱|楼板|预制板|阳台|檐|地基|基础|楼梯|门窗|窗|檩|顶棚|裂|倾斜|下沉|沉降|住/

/**
 * What a worker does unsafely (「高处作业未系安全带」「无证操作」) is a hazard of its own, as the criteria list
 * them, even where the clause also says people are at work.
 */
/**
 * An unsafe act rather than a broken thing: work without protection or papers, and what people do where they
 * should not (烧烤 under a bridge, climbing a railing, building noise at night, building without a permit —
 * 违法建设, which the scheme hands to the bureau's enforcement, source 000 (一) 1).
 */
const UNSAFE_ACT =
  /(?:燃气|天然气|煤气|管道|管线|供水|水管|电缆|光缆|桥|桥梁|涵洞|堤)[\u4e00-\u9fa5]{0,6}?(?:附近|旁边|边上|上方|周边|周围|范围内|保护区)(?:有人|有单位|有施工队|有挖机|有挖掘机)?(?:在|正在)?(?:挖掘|开挖|挖土|挖沟|挖坑|动土|施工|打桩|钻孔|钻探|顶管|破路)|有(?:人|挖机|挖掘机|施工队)(?:在|正在)?[\u4e00-\u9fa5]{0,6}?(?:挖掘|开挖|挖土|挖沟|打桩)|野蛮施工|违规施工|(?:未|没|没有|不)(?:系|戴|带|佩戴|佩带|穿|持证)|无证|违章(?:作业|操作|指挥|建筑|搭建)|冒险作业|烧烤|野炊|钓鱼|野泳|攀爬|翻越|噪音|噪声|扰民|(?:夜间|晚上|半夜|深夜|凌晨)(?:还在)?施工|违建|违法建设|(?:私搭|乱搭|私建)乱建|私自(?:搭建|加盖|扩建|改建)|(?:楼顶|屋顶|顶楼|楼上)(?:又|私自)?(?:加盖|搭建|加建)|加(?:盖|建)了?[一二两三四0-9]+层/

/**
 * 「路灯杆倾斜了，底座螺丝都锈没了」: a clause that begins with a part (the base, the bolts, the root) goes on
 * about the thing before it.
 */
const PART_FIRST =
  /^(?:其|它的?|那个|这个)?(?:里面|内部|箱体|杆体|杆身|树干|桥体|底座|底部|根部|基础|表面|顶部|连接处|接头|焊缝|螺丝|灯头|灯罩|柜门|箱门|柜体|外壳)/

/** 「没有围挡」「无警示标志」「晚上没有警示灯」 say what is missing around a thing, they name no thing of their own. */
const MISSING_SAFEGUARD =
  /围挡不全|(?:未设(?:置)?|没有设?|没设?|无)(?:围挡|警示|护栏|防护栏)(?:灯|牌|标志|标识|带)?|警示(?:标志|灯|牌)/g

function thingsIn(clause: string): string[] {
  return clause.replace(MISSING_SAFEGUARD, '').match(new RegExp(THING.source, 'g')) ?? []
}

function hasThing(clause: string): boolean {
  return thingsIn(clause).length > 0
}

/** Defects that are what is wrong and what it is at once: 「有塌陷」「有积水」「漏气了」. */
const SELF_STANDING = /塌陷|坍塌|塌方|垮塌|沉陷|积水|漏气|泄漏|冒水|爆管|裂缝|大坑|深坑|空洞/

/** Whether a clause names a thing of its own (「正在漏气」 names none: it goes on about the one before). */
export function namesAThing(clause: string): boolean {
  return hasThing(clause)
}

const TIMES_COUNT = /(?<=[\u4e00-\u9fa5]\s?)[xX×*＊]\s*([0-9]{1,2})(?![0-9]|\s*[米公厘平mM])/

function statementOf(body: string, ctx: StatementContext): HazardStatement {
  const setting = ctx.setting
  // 「一座桥的栏杆螺丝松动两处」: the places (处) a statement counts, rather than the one thing it names first.
  const counts = [...body.matchAll(new RegExp(COUNT_RE.source, 'g'))]
  const counted = counts.find((c) => c[2] === '处') ?? counts[0]
  // 「井盖缺失1、路灯不亮2」: a bare number after the defect, in a list, is its count.
  const bare = counted ? undefined : /(?:缺失|破损|损坏|不亮|松动|坑洼|缺少|丢失|故障|堵塞)\s*([0-9]{1,2})$/.exec(body)
  // 「井盖x3 缺失」「路灯×5」: a thing times a number (not the 3x4 of a size in metres).
  const times = counted || bare ? undefined : TIMES_COUNT.exec(body)
  const said = counted
    ? (parseCount(counted[1] ?? '') ?? 1)
    : bare
      ? Number(bare[1])
      : times
        ? Number(times[1])
        : undefined
  // 「善卷路、紫菱路、朝阳路各有1处井盖破损」: each of the places listed before 各.
  const each = /^(.*?)各(?:有|发现|存在)?\s*(?:[0-9]+|[一二两三四五六七八九十]+)/.exec(body)
  const places = each ? (each[1] ?? '').split(/[、和与及]/).filter((part) => findPlace(part) !== undefined).length : 0
  const count = (said ?? 1) * (places >= 2 ? places : 1)
  const weighed = weighCategories(body, ctx.categoryRules, setting)
  const category = weighed?.category
  const place = findPlace(body)
  const statement: HazardStatement = {
    description: body,
    count: clampCount(count),
    ...(category ? { category } : {}),
    categorySure: isSureCategory(weighed),
    level: isMajor(body) ? 'major' : 'general',
    ...(place ? { locationText: place } : {}),
  }
  if (said !== undefined) COUNTED.add(statement)
  return statement
}

/** Statements whose count the message said (「2处」), rather than the one a statement has by default. */
const COUNTED = new WeakSet<HazardStatement>()

function knownCategory(text: string, ctx: StatementContext): Category | undefined {
  return categoryByEvidence(text, ctx.categoryRules)
}

/**
 * 「用检测仪测了没有泄漏」「没有燃气泄漏报警装置」「未安装燃气泄漏报警器」: a leak said not to be there, or the
 * alarm that would tell of one, is no major cue.
 */
/** 「幸好没砸到人」「无人员伤亡」 say the harm did not happen: no grade from them. */
const NEGATED_HARM = /(?:没|没有|未|无)(?:有)?(?:砸到|砸伤|砸中|伤到|伤人|人员伤亡)/g

/**
 * Whether what was said grades a hazard 重大: a major defect or cue (as a patrol's findings are graded), or a
 * clause that only says how bad it is (「很严重」). 「严重」 inside a description (「积水严重」「破损严重」) says how
 * much, not the grade: a major hazard sets off the 五落实 and the supervising office's listing.
 */
export function gradesMajor(text: string): boolean {
  return (
    isMajor(text) || segment(text).some((clause) => GRADE_CLAUSE.test(clause.replace(/^(?:不是一般的?|而是|是)/, '')))
  )
}

function isMajor(body: string): boolean {
  const said = body
    .replace(/(?:没有|未|无)(?:燃气)?(?:泄漏|漏气)/g, '')
    .replace(/(?:燃气|可燃气体)?泄漏报警(?:器|装置|仪)?/g, '')
    .replace(NEGATED_HARM, '')
  return MAJOR_DEFECT.test(said) || MAJOR_CUE.test(said)
}

function clampCount(count: number): number {
  return Math.min(Math.max(count, 1), 99)
}

/** 「四五块」「六七处」 count the larger; 「十几个」 is one heap, not a count of places. */
function parseCount(raw: string): number | undefined {
  const pair = /^([一二两三四五六七八九])([二三四五六七八九])$/.exec(raw)
  if (pair?.[2]) return parseChineseNumber(pair[2])
  return parseChineseNumber(raw)
}

/**
 * A message dictated with a space between every word (「燃气管道 被 第三方 施工 挖破 了 正在 漏气」): at least
 * six space-separated words, half of them two characters or fewer. Typed terse messages put spaces between
 * phrases (「德山 枉水大桥 限高架被货车撞弯了」), whose words are longer.
 */
function isDictatedWordByWord(text: string): boolean {
  const words = text.trim().split(/ +/)
  if (words.length < 6 || /[，,。；;\n]/.test(text)) return false
  const lengths = words.map((word) => [...word].length).sort((a, b) => a - b)
  return (lengths[Math.floor(lengths.length / 2)] ?? 0) <= 2
}

/** A word that only says the patrol went on (「巡查」「检查了」): it ends a phrase and is no part of one. */
const NEXT_ITEM_WORD = /^(?:其中|还有|另外|此外|另)$/

/** The patrol itself: who went, by what, along where (「开了一台车」「一直巡到人民路」). */
const PATROL_GOING = /巡[查了到过完视逻]|[开坐骑]了?[0-9一二两三四五六七八九十]+(?:台|辆)|出动|一行/
const PATROL_WORD = /^(?:巡查|巡了|检查|排查|查看|看了|入户|走访|发现)(?:了|一下)?$/
const TURNOUT_WORD = /^(?:[0-9]{1,3}(?:人|名))?[0-9]{1,3}(?:台|辆)?(?:车|车次|台次)$/

/**
 * Puts a word-by-word dictation back into phrases, so that each hazard reads as a whole rather than a word a
 * clause. The words before the first thing or defect (place, time) stay on their own; from there words join
 * until a phrase has said what is wrong, and a word naming a thing after that starts the next phrase
 * (「桥头 引道 路面 出现 一条 横向 裂缝 约 10米 | 桥台 背墙 也有 裂纹」). Other messages pass unchanged.
 */
function regroupDictation(text: string): string {
  if (!isDictatedWordByWord(text)) return text
  const phrases: string[] = []
  let phrase = ''
  for (const word of text.trim().split(/ +/)) {
    // 「2车」「3人2车」「1台车」: the turn-out, a word of its own, never the start of what was found.
    if (PATROL_WORD.test(word) || TURNOUT_WORD.test(word)) {
      if (phrase) phrases.push(phrase)
      phrases.push(word)
      phrase = ''
      continue
    }
    // 「其中 1个 工地 …」「还有 两个 窨井盖 松动」: the writer starts the next item.
    if (NEXT_ITEM_WORD.test(word) && (phrase === '' || DEFECT.test(phrase) || COUNT_RE.test(phrase))) {
      if (phrase) phrases.push(phrase)
      phrase = word
      continue
    }
    const started = phrase !== ''
    // 「未 设 标志」「没有 年检」: the word after a negation is what is missing, not the next thing.
    const said = started && DEFECT.test(phrase) && !/(?:未|没有|没|无|缺|设|设置|安装|配备)$/.test(phrase)
    // A count starts a phrase (「1户 三层以上 有 明显 裂缝」); after a phrase that has said its defect and its
    // count, another defect starts the next (「井盖 缺失 两个 | 破损 一个」). 施工 after 占道 is one word.
    const counted = said && COUNT_RE.test(phrase)
    if (!started && !hasThing(word) && !DEFECT.test(word) && !COUNT_RE.test(word)) phrases.push(word)
    else if (
      (said && hasThing(word) && !/^(?:施工|作业)$/.test(word)) ||
      (counted && ((DEFECT.test(word) && !hasThing(word)) || ONLY_COUNT.test(word))) ||
      // 「围挡倒了 已扶起」: what was done about it, after what was found.
      (said && /^(?:已经?|当场|现场已|立即|马上)/.test(word))
    ) {
      phrases.push(phrase)
      phrase = word
    } else phrase += word
  }
  if (phrase) phrases.push(phrase)
  return phrases.join('，')
}

/**
 * Clauses: split at sentence marks, commas, semicolons, list marks and spaces. A 、 list of defects whose
 * parts each carry their own thing (「井盖缺失2处、路面坑槽2处」) is split too; 「善卷路、武陵大道」 is not,
 * because a place list has no defect in it.
 */
export function segment(text: string): string[] {
  // 「一是善卷路井盖缺失二是沅安路人行道破损」 dictated with no marks: each item numbered in words starts a clause.
  // (「…路灯不亮都已上报」: what was done with all of them ends the last, its 都 no part of it.)
  const itemised = /一是/.test(text)
    ? text
        .replace(/(?<=[^\s，,；;。一二三四五六七八九十第])(?=[二三四五六七八九十]是)/g, '；')
        .replace(/(?<=[\u4e00-\u9fa5]{4})(?:都|均)(?=[\s，,]*已)/g, '；')
    : text
  const rough = regroupDictation(itemised)
    .replace(/([0-9一二三四五六七八九十]+(?:[.．](?![0-9])|、)|[；;。！!？?\n])/g, '\n$1')
    .split(/[\n，,；;。！!？?\s]+/)
    .map((c) => c.trim())
    .filter(Boolean)
  return rough.flatMap(splitRunOn).flatMap((clause) => {
    const parts = clause.split('、')
    return parts.length > 1 && parts.every((p) => DEFECT.test(p)) ? parts : [clause]
  })
}

/**
 * A long run with no punctuation (speech typed by voice input: 「…巡到人民路那边然后在人民路跟建设路交叉口那里发现有个
 * 井盖是破的已经放了警示牌了」) is cut where the speaker moved on (然后, 接着) or said what was done (已经…).
 */
const RUN_ON_LENGTH = 24
const MOVED_ON = /(?=然后|接着|之后|随后|并且|同时|另外)|(?<=.{4})(?=已经|(?<![未没])已(?=[放设通处安拉围封报]))/g

function splitRunOn(clause: string): string[] {
  if ([...clause].length < RUN_ON_LENGTH) return [clause]
  return clause
    .split(MOVED_ON)
    .map((part) => part.replace(/^(?:然后|接着|之后|随后|并且|同时|另外)/, '').trim())
    .filter(Boolean)
}
