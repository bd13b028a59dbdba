import { withEnglishGlossed } from './english-words'

/**
 * Words that mean someone may be hurt in the next minutes: a gas smell or leak, a collapse, fire, live
 * wires, someone trapped (in a lift, most often). A message with them is not a routine complaint — the sender gets safety advice at once and the
 * duty officer an urgent notice, whatever the hour.
 */
export type DangerKind = 'gas' | 'collapse' | 'fire' | 'electric' | 'trapped' | 'fall'

const DANGER: [DangerKind, RegExp][] = [
  [
    'gas',
    // 「天然气好像漏了」「燃气管道有味道」: the gas, then within a few words (none of them a denial) the smell or the leak.
    /(?:燃气|煤气|天然气|液化气|瓦斯)(?:(?!没|不|无|未)[^，,。；;！!？?]){0,6}?(?:味|泄漏|泄露|漏了|漏气|在漏|漏出|往外冒|嘶嘶)|漏气|闻到.{0,6}(?:气味|臭味|煤气|燃气)|臭鸡蛋味|气味(?:很|好|特别)?大|(?<=(?:燃气|煤气|天然气|液化气)[^。！!？?]{0,20})(?:闻到(?:(?!没|不|无|未)[^，,。；;！!？?\s]){0,6}?味|有(?:一?股|很大的|好大的|好重的|很重的)?(?:怪)?味)|(?:燃气|煤气|天然气|液化气)?(?:燃气|煤气|气)管(?:道|线|子)?(?:(?!没|不|无|未)[^，,。；;！!？?]){0,6}?(?:破|断|漏(?!水|雨)|挖坏|爆)/g,
  ],
  // 「承重墙砸了，我们楼都在晃」: a building moving under people is a collapse about to happen; so is a crane, a
  // scaffold or a sign leaning or about to come down (「塔吊好像歪了」「广告牌快掉下来了」), a pole only about to come
  // down (「路灯杆歪了」 is a fault to fix, 「电线杆快倒了」 danger), and what falls from a
  // building now (「外墙的砖掉下来了」「高空坠物」; 「瓷砖老往下掉」 is a fault that keeps recurring, filed as one).
  [
    'collapse',
    /塌陷|坍塌|倒塌|塌了|摇摇欲坠|塌方|下沉.{0,4}(?:裂|陷)|要塌|快塌|垮了|随时(?:都)?(?:可能|会|要)?(?:倒|塌|垮|掉|砸)|砸伤|掉下来砸|高空坠物|(?:砖|瓷砖|墙砖|墙皮|外墙|墙体|玻璃|窗户|窗框|空调外机|广告牌|招牌|灯箱|石块|钢管|钢筋|水箱|雨棚|遮阳棚|彩钢瓦|防盗窗|花盆)[^，,。；;！!？?老总经常时]{0,4}?(?:掉下来|砸下来|往下掉|坠落|掉落)|(?:砸到|砸中)(?:了(?:人|行人|车|一辆车|汽车|小车|路人)|(?:人|行人|车|汽车|小车|路人)了)|已经砸(?:到|中)|(?:楼|楼房|房子|房屋|整栋)[^，,。；;！!？?]{0,4}(?:在晃|晃动|摇晃|晃得|在动)|(?:塔吊|塔机|起重机|吊车|脚手架|广告牌|招牌|灯箱)[^，,。；;！!？?]{0,6}?(?:歪了|倾斜了|斜了|要倒|快倒|快要倒|快掉|快要掉|摇摇欲坠|摇摇晃晃|晃来晃去|在晃|晃得厉害)|(?:电线杆|电杆|灯杆|路灯杆|信号灯杆|红绿灯杆)[^，,。；;！!？?]{0,6}?(?:要倒|快倒|快要倒|快掉|快要掉|摇摇欲坠|在晃|晃得厉害)/g,
  ],
  // 「桥下面有人在烧东西，冒了好多烟」: smoke said any way.
  [
    'fire',
    /着火|起火|失火|火灾|冒烟|冒(?:了|着)?(?:好多|很多|好大|很大|大量|一股)?(?:的)?(?:浓|黑|白)?烟|浓烟|烧起来|爆炸/g,
  ],
  // 「电线杆倒了 电线还连着」: a power pole down is live wires on the ground until shown otherwise.
  [
    'electric',
    /触电|漏电|电线.{0,6}(?:掉|断|垂|裸露|外露|露在外面|露出来|打火|冒火)|(?:倒|断|掉)[^，,。；;！!？?]{0,6}?(?:压|砸|搭)(?:着|在|到|断)(?:了)?(?:高压线|电线)|(?<![快要])(?:压|砸)(?:着|断)(?:了)?(?:高压线|电线)|高压线.{0,4}(?:掉|断|垂)|(?:电线杆|电杆|电力杆|高压杆)[^，,。；;！!？?]{0,4}?(?:倒了|倒下|倒在|断了|折断)/g,
  ],
  // 「小孩掉进下水道了」「有人掉到基坑里」「有人坠楼」「工人从三楼掉下来了」: someone fallen into a well, a pit or water,
  // or from a height.
  [
    'fall',
    /(?:人|孩|娃|老人|学生|工人|行人|居民|大爷|大妈|阿姨|爷爷|奶奶|师傅)[^，,。；;！!？?]{0,4}?(?:掉|摔|跌|落|滑|栽)(?:进|入|到|下|在)?(?:了)?[^，,。；;！!？?]{0,6}?(?:下水道|窨井|井里|井下|井中|井内|坑里|坑中|坑内|基坑|深坑|河里|水里|湖里|塘里|池里|水中|沟里|化粪池)|(?:人|孩|娃|老人|学生|工人|行人)[^，,。；;！!？?]{0,4}?(?:掉|摔|跌|落)(?:进去|下去)(?=了|受伤|摔伤)|落水(?!管|口|斗|槽)|溺水|坠楼|跳楼|高空坠落|(?:人|孩)[^，,。；;！!？?]{0,4}从楼上(?:掉|摔|跌|坠)|(?:人|孩|娃|工人|师傅)[^，,。；;！!？?]{0,4}?从[^，,。；;！!？?]{0,6}?(?:楼|层|高处|脚手架|架子|塔吊|屋顶|楼顶|房顶|吊篮)(?:上)?(?:掉|摔|跌|坠|栽)(?:了)?(?:下来|下去)|(?:人|孩)[^，,。；;！!？?]{0,4}被埋/g,
  ],
  // Last: trapped under a collapse is the collapse's advice (which says to call 119 for anyone trapped).
  [
    'trapped',
    /困人|被困|困在(?:电梯|里面|里头|楼)|关在电梯|电梯.{0,4}(?:卡住|关住)(?:了)?(?:人|.{0,2}出不来)|(?:困|关|卡)(?:了|着|住了?)(?:一个|个|两个|几个|好几个|一位)?(?:人|老人|小孩|孩子|乘客)|电梯里.{0,4}出不来/g,
  ],
]

/**
 * A fear, a supposition, the past or a denial just before the words is not the danger itself: 「怕掉下来砸人」
 * 「担心燃气泄漏」「要是着火了消防车根本进不来」「上次着火差点出大事」「没有漏气」 report a risk to look at (a
 * complaint like any other), not someone about to be hurt. A supposition or the past counts only right before the
 * words: 「如果遇到燃气泄漏怎么处理」 is asked about, and answered as such elsewhere.
 */
const HEDGED =
  /(?:怕|担心|害怕|万一|以防|防止|避免|会不会|是否|有没有|没有|没|未|不|无|差点|差一点|险些|差点儿)[^，,。；;！!？?]{0,2}$|(?:要是|如果|假如|假设|一旦|若是|哪天|上次|上回|之前|以前|去年|前年|曾经)$/

/**
 * 「电梯老是困人」「经常关人」「困人好几次了」 complain of a lift that keeps trapping people, not of someone in it now: a fault to
 * fix, filed like any other. Only for the trapped: a gas smell or smoke that keeps coming back is still there now.
 */
const RECURRING = /(?:老是|总是|经常|常常|时常|动不动就?|时不时|三天两头|隔三差五|好几次|多次)[^，,。；;！!？?]{0,2}$/
const RECURRING_AFTER = /^(?:了|过)?(?:好几|很多|多|几|N|n|\d+|[两三四五六七八九十])(?:次|回)/

/**
 * 「消防通道被占了，车都停满了，着火了怎么办」: 「着火了怎么办」 said right after a complaint of something else asks
 * what would happen, as 要是 does. Alone, or with only where (「着火了怎么办，在人民路88号」), it is now.
 */
function askedWhatIf(text: string, after: string): boolean {
  if (!/^(?:了)?(?:怎么办|咋办|谁负责|谁来负责|谁管)/.test(after)) return false
  return text.split(/[，,。；;！!？?\s]+/).filter(Boolean).length >= 3
}

export function dangerIn(said: string): DangerKind | undefined {
  // 「gas leak smell near 建设路」: English words for danger read as their Chinese.
  const text = withEnglishGlossed(said)
  // matchAll works on a copy of each (global) pattern: no state is left behind between calls.
  for (const [kind, pattern] of DANGER)
    for (const match of text.matchAll(pattern)) {
      const before = text.slice(0, match.index)
      const after = text.slice(match.index + match[0].length)
      const recurring = RECURRING.test(before) || RECURRING_AFTER.test(after)
      if (HEDGED.test(before) || (kind === 'trapped' && recurring) || askedWhatIf(text, after)) continue
      return kind
    }
  return undefined
}
