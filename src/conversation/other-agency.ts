import { WORDING } from '../../bots/wording'
import { dangerIn } from '../domain/danger'
import { namesDefect } from './extract/hazard-statements'

/**
 * What citizens send the bureau's account that another body handles: paying a utility bill, a power cut, a
 * neighbour's noise, a traffic signal, cars parked where they should not be, a property company's fees, buying a home (its certificate, its handover, the
 * developer's contract). Each gets where to turn, and the door stays open for a safety problem; nothing is filed.
 * Only messages that name no defect and no danger: 「工地把电线挖断了，停电了」 and 「楼上装修把承重墙拆了」 are
 * reports, and a construction site's noise is the bureau's.
 */
type Referral =
  | 'bill'
  | 'parking'
  | 'sanitation'
  | 'power_cut'
  | 'utility_price'
  | 'neighbour_noise'
  | 'traffic_signal'
  | 'property_fee'
  | 'real_estate'
  | 'illegal_fishing'
  | 'public_order'
  | 'lift_retrofit'
  | 'contact_asked'
  | 'permit_asked'

const REFERRALS: [Referral, RegExp][] = [
  [
    'bill',
    /(?:燃气|天然气|煤气|水|电|物业|暖气|取暖)费.{0,8}(?:在哪|去哪|哪里|怎么|如何|能不能|可以)?.{0,4}(?:交|缴|充|付|查)|(?:交|缴|充|付)(?:一下)?(?:燃气|天然气|煤气|水|电|物业|暖气)费/,
  ],
  ['power_cut', /停电|断电|没电了|来电(?:了吗|没)|什么时候来电/],
  // 「天然气涨价了 为什么」「水价怎么这么贵」: what a utility costs is set by the price authority, not a hazard (it was
  // asked where, to be filed).
  [
    'utility_price',
    /(?:(?:燃气|天然气|煤气|液化气)(?:费|价|价格|收费)?|(?:自来水|水|电|暖气)(?:费|价|价格|收费))(?:又|也|怎么|为什么|为啥|咋)?(?:涨价|涨了|调价|提价|这么贵|太贵|好贵|贵了)|(?:燃气|天然气|煤气|水|电|暖气)(?:价格?|收费标准)(?:是)?(?:多少|怎么算|怎么定)/,
  ],
  // 「投诉物业乱收费」「物业费涨价」: fees and service, not safety.
  [
    'property_fee',
    /物业(?:公司)?(?:费)?.{0,6}(?:乱收费|多收|收费(?:不合理|太高|太贵|不透明|乱)|涨价|收费标准)|乱收(?:物业)?费|物业服务(?:太差|差|不好)|物业费(?:太|很|好|特别|有点)?(?:贵|高)/,
  ],
  // 「开发商一直不给办房产证」「延期交房」: the housing market's business, not a hazard (a crack in the new home is one).
  [
    'real_estate',
    /房产证|房本|不动产(?:权)?证|办证难|网签|(?:延期|逾期|推迟|拖延)交房|交房.{0,8}(?:延期|推迟|拖|晚了|还没|没交)|开发商.{0,10}(?:不给|不办|拖|跑路|退款|违约|烂尾)|购房合同|退房|维修(?:基金|资金)/,
  ],
  // 「物业电话是多少」「自来水公司的电话有吗」: another body's number, which the bureau does not hand out (the gas
  // company's emergency line is answered on its own, below; the bureau's own staff by citizen.ts).
  [
    'contact_asked',
    /(?:物业|物管|居委会|社区|街道办?|村委会?|开发商|自来水|供水|水务|供电|电力|电信|移动|联通|路灯所?|交警|城管|环保|派出所)(?:公司|集团|管理处|服务中心|办事处|办|部门|所)?(?:的)?(?:电话|联系方式|联系电话|手机|号码)(?:号码)?(?:是|有)?(?:多少|是什么|是啥|几号|有吗|有没有|给我|发我|呢)/,
  ],
  // 「有人在河里电鱼」: fisheries enforcement's, and the police's while it goes on (it was asked where, to be filed).
  ['illegal_fishing', /电鱼|炸鱼|毒鱼|非法捕鱼|偷捕|(?:用)?电瓶(?:打|捕|电)鱼/],
  // 「城管的人打人了」「工地上有人打架」: the police's, whoever is involved (it was asked where, to be filed) — 「井盖被偷了」
  // names a defect and stays a complaint.
  ['public_order', /打人|打架|斗殴|殴打|抢劫|抢东西|偷东西|小偷|盗窃|诈骗/],
  // 「老房子加装电梯找谁」: a building's new lift is applied for through the community, not reported (it was asked where,
  // to be filed).
  ['lift_retrofit', /加装电梯|增设电梯|装电梯.{0,6}(?:找谁|怎么|如何|申请|补贴|流程|手续)/],
  // 「自建房加层需要办什么手续」「施工许可证怎么办」: a permit or an approval asked how to get — the service hall's, not a
  // report (it was asked where, to be filed). (「没有施工许可证就开工了」 reports a site, and stays one.)
  [
    'permit_asked',
    /(?:需要|要|得)(?:办|办理|准备)?(?:什么|哪些|啥)(?:手续|证|证件|材料|审批)|(?:手续|许可证?|审批|报建|规划证)(?:要)?(?:怎么|如何|去哪|在哪|找谁)(?:里|儿)?(?:办|办理|申请|弄)|(?:怎么|如何|去哪|在哪)(?:办理?|申请)(?:施工)?(?:许可|手续|审批|报建)/,
  ],
  [
    'neighbour_noise',
    /(?:邻居|楼上|楼下|隔壁|对门)(?:的|家|邻居)?.{0,10}(?:吵|噪音|噪声|声音(?:太|很|特别)?大|扰民|装修|狗叫)|(?:广场舞|装修)(?:的)?(?:声音|噪音|噪声)?.{0,4}(?:太吵|吵死|扰民|很吵)|狗(?:一直|天天|半夜|整晚|老是)?(?:叫|吠)|犬吠/,
  ],
]

/** A household gas appliance out of order: 「燃气灶打不着火」「热水器坏了」「燃气表不走了」. */
const GAS_APPLIANCE_FAULT =
  /(?:燃气灶|煤气灶|天然气灶|灶台|灶具|热水器|壁挂炉)(?:又|也|一直|老是|总是)?(?:打不着(?:火)?|点不着(?:火)?|点不燃|不出火|没火|火很小|火太小|坏了|不能用了?|不好用|不工作|打不开)|燃气表(?:又|也|一直)?(?:不走|坏了|不显示|没显示|没字|黑屏|不能用)/

/** Not a neighbour's noise: a construction site's (the bureau's), or a structure taken out (a hazard: 「把阳台的墙拆了」). */
const BUREAU_MATTER = /工地|施工|打桩|承重|墙.{0,2}(?:拆|砸|打)|(?:拆|砸|打掉|打通).{0,4}墙|梁|柱|开裂|裂缝/

/**
 * 「紫菱路口红绿灯坏了」: a traffic signal is the traffic police's, broken or not — unless something of the bureau's
 * is reported with it (「红绿灯旁边的井盖坏了」 is a manhole cover).
 */
const TRAFFIC_SIGNAL =
  /(?:红绿灯|信号灯|交通灯|交通信号灯?|红灯|绿灯)(?:又|也|一直|老是|经常|都|好像)?(?:坏了|坏掉了|不亮了?|不工作了?|不变了?|失灵了?|故障了?|黑了|灭了|有问题|时间太短|时间太长|太短|太长)?/

/** 「人民路上好多车乱停」「小区门口天天违停」: vehicles parked where they should not be — traffic police, city management. */
const PARKING =
  /(?:车|车辆|汽车|小车|货车|电动车|摩托车|三轮车|私家车)?(?:都|总是|老是|经常|天天|随便|到处)?(?:乱停乱放|乱停|违停|违章停车|违规停车|乱停车|停车占道)/

/** Household waste and its bins, street cleaning. */
const HOUSEHOLD_WASTE =
  /垃圾桶|垃圾箱|垃圾站|垃圾房|生活垃圾|环卫|保洁|垃圾(?:太多|很多|好多|堆着|一大堆)?(?:了)?(?:没人|没有人|不|也不|都不|一直没人)(?:收|清|运|管|拉)|垃圾(?:满了|成堆|堆成山)|死(?:狗|猫|老鼠)|动物(?:尸体|死尸)/
/** Waste from building or digging, which the bureau oversees. */
const BUILDING_WASTE = /建筑垃圾|装修垃圾|渣土|工地|施工/

export function otherAgencyFor(body: string): string | undefined {
  if (dangerIn(body)) return undefined
  const signal = TRAFFIC_SIGNAL.exec(body)
  if (signal && !namesDefect(body.replace(signal[0], '')) && !/路灯/.test(body))
    return WORDING.citizenOtherAgency.traffic_signal
  const parked = PARKING.exec(body)
  if (parked && !namesDefect(body.replace(parked[0], ''))) return WORDING.citizenOtherAgency.parking
  // 「人民路垃圾桶倒了」: household waste and its bins are sanitation's (a site's waste and muck stay the bureau's).
  // (What is wrong with the bin is taken out with it — 「垃圾桶倒了」 — not with anything else: 「…楼道灯也坏了」 is the
  // bureau's, and had been referred away with the rubbish.)
  const waste = HOUSEHOLD_WASTE.exec(body)
  const besidesWaste = waste
    ? `${body.slice(0, waste.index)}${body
        .slice(waste.index + waste[0].length)
        .replace(/^[^，,。；;\s]{0,4}?(?:倒了|满了|坏了|没人收|没人清)/, '')}`
    : ''
  if (waste && !BUILDING_WASTE.test(body) && !namesDefect(besidesWaste)) return WORDING.citizenOtherAgency.sanitation
  // 「家里的燃气灶打不着火」「热水器坏了」: a household gas appliance out of order, the gas company's repair (it was
  // asked where, to be filed; a leak is danger, answered before this) — unless something else wrong is said with it.
  const appliance = GAS_APPLIANCE_FAULT.exec(body)
  if (appliance && !namesDefect(body.replace(appliance[0], ''))) return WORDING.citizenOtherAgency.gas_appliance
  if (namesDefect(body)) return undefined
  const found = REFERRALS.find(([, pattern]) => pattern.test(body))?.[0]
  if (!found || (found === 'neighbour_noise' && BUREAU_MATTER.test(body))) return undefined
  return WORDING.citizenOtherAgency[found]
}

/** 「燃气公司电话多少」「燃气抢修电话是多少」: the gas company's emergency number, asked. */
const GAS_PHONE_ASKED =
  /(?:燃气|天然气|煤气|液化气)(?:公司|集团|抢修|抢险|维修|客服|服务)?(?:的)?(?:抢修|抢险|维修|客服|服务)?(?:电话|号码|热线)(?:是|号码)?(?:多少|是什么|是啥|几号|呢|有吗)?[？?。]*$/

export function asksGasPhone(body: string): boolean {
  return [...body].length <= 24 && GAS_PHONE_ASKED.test(body.replace(/^(?:请问|你好|您好|问一下)[，,\s]*/, ''))
}

/**
 * 「停水了 什么时候来水」: the water supply, which the bureau's water company answers for — a complaint to file, never a
 * question about the citizen's earlier complaints.
 */
export const SUPPLY_CUT = /停水|没水了?|来水(?:了吗|没)|什么时候(?:来水|供水|通水|有水)/
