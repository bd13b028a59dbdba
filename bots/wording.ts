import { CATEGORY_LABELS, type Category } from '../src/domain/categories'
import { COMPLAINT_STATUS_LABELS, type ComplaintStatus } from '../src/domain/complaint-lifecycle'
import { dayOfWeek, localDate, localParts } from '../src/domain/local-time'
import { ROLE_LABELS, type Role } from '../src/domain/roles'

/** The platforms' message types a person may send that the bots do not take, as people call them. */
const UNSUPPORTED_TYPE_NAMES: Record<string, string> = {
  video: '视频',
  shortvideo: '视频',
  link: '链接',
  file: '文件',
  miniprogrampage: '小程序卡片',
  emotion: '表情',
  sticker: '表情',
  music: '音乐',
  news: '图文',
  richtext: '图文',
  markdown: '图文',
  card: '名片',
  chatrecord: '聊天记录',
}

/** What the bots say, in one place: Simplified Chinese for the people who read it in chat. */
/** How a report is taken without a name, for 「可以匿名吗」 and 「需要实名吗」 alike. */
const NO_NAME_NEEDED =
  '不留姓名和电话也能受理，直接发一句话说明问题和地点即可，办理结果会在这里答复您；您的姓名和联系方式严格保密，不会告知被反映的单位或个人。'

/** What each kind of number people quote is the number of. */
const RECORD_KINDS: Record<string, string> = { TS: '投诉', YH: '隐患', XC: '巡查记录', DC: '督查记录', WT: '问题' }

export const WORDING = {
  unknownUser: (platform: string) =>
    `您好！系统中暂未找到您的账号信息，请联系管理员开通权限。您的${platform}账号已记录，管理员绑定后即可使用。`,
  systemError: '抱歉，系统处理您的消息时出错，请稍后再试。如多次出现，请联系管理员。',
  mediaOutsideForm:
    '已收到您发送的内容。请问是用于哪条记录？可先发送「上报隐患」「整改 编号」等命令，再补充照片或位置。',
  addedToDescription: '已补充到隐患描述。',
  findingGraded: (grade: string) => `已将发现的隐患定为${grade}隐患。`,
  findingNumberGraded: (number: number, grade: string) => `已将第 ${number} 条隐患定为${grade}隐患。`,
  findingDropped: (number: number, what: string) => `已删除第 ${number} 条隐患（${what}）。`,
  findingSplit: (number: number, parts: number) => `已将第 ${number} 条隐患拆分为 ${parts} 条。`,
  gradeWhichFinding: '发现的隐患有多处，请说明是哪一处，例如「1 重大」（第1条为重大隐患）。',
  describeFinding: '请描述发现的隐患，例如：朗州路口井盖破损；多处可用「、」分开。',
  rectificationNotAssigned: (code: string) =>
    `隐患 ${code} 还没有交办责任单位，交办后由责任单位提交整改反馈。现场已处理的情况，可发送「查询 ${code}」查看后告知督查员。`,
  rectificationOtherUnit: (code: string, unit: string) =>
    `隐患 ${code} 由${unit}负责整改，整改反馈请由${unit}提交。现场已处理的情况，可告知${unit}或督查员。`,
  complaintNotAssigned: (code: string) => `投诉 ${code} 还没有交办承办单位，交办后由承办单位签收和答复。`,
  complaintOtherUnit: (code: string, unit: string) =>
    `投诉 ${code} 已交办${unit}，由${unit}签收和答复。如交办有误，请联系督查员改派。`,
  complaintNoteKept: (code: string, signed: boolean) =>
    `已记入投诉 ${code} 的办理进展。${signed ? '' : `签收请发送「签收 ${code}」；`}办理完成后请发送「回复 ${code} 办理结果」，结果会告知市民。`,
  nextHazardWithThis:
    '好的。可以先回复「确认」保存这一处，再发送下一处；也可以直接发送下一处的情况，确认时两处分别登记。',
  accidentHowRecorded:
    '事故由督查员（安监科）登记：发送「登记事故」，或直接发一句话说明时间、地点、单位和经过（如「今天上午10点 建设路工地 一名工人从脚手架摔下 轻伤」），我会逐项询问；登记后计入该单位当月考核。',
  accidentToldByStaff:
    '发生安全事故请立即电话报告值班人员和安监科（督查员），有人受伤请先拨打 120，由督查员登记事故。现场仍存在的隐患（如脚手架缺少防护）请直接发一句话上报。',
  complaintNoteKeptAnswered: (code: string, status: ComplaintStatus) =>
    `已记入投诉 ${code} 的办理记录（该投诉${COMPLAINT_STATUS_LABELS[status]}）。市民反映仍未解决的，请承办单位核实现场后在这里说明情况；仍存在隐患的，请发送「转为隐患 ${code}」按隐患整改销号。`,
  /** The same note kept by the duty officer or a supervisor, who neither sign for it nor answer it. */
  complaintNoteKeptByOverseer: (code: string, unit: string | undefined) =>
    `已记入投诉 ${code} 的办理进展${unit ? `（${unit}办理中）` : ''}。需要催办请发送「${code} 催一下」。`,
  /** 「还没弄完，明天继续」 in answer to what the rectification did: nothing is sent for checking yet. */
  rectificationNotFinished: (code: string) =>
    `好的，整改完成后再反馈：反馈提交后会交督查员验收。这次没有提交${code ? `，完成后请发送「整改 ${code}」并说明整改情况（可附照片）` : ''}。如确实无法按期完成，请联系督查员（安监科）申请延期。`,
  /** 「YH…1和YH…2都整改好了」: each rectification is its own record, with its own photos and check. */
  oneRectificationAtATime: (codes: readonly string[], said: string) =>
    `每项隐患的整改要分别反馈（各有整改记录和照片，分别验收）。请逐项发送，例如：\n${codes
      .map((code) => `整改 ${code} ${said || '整改情况'}`)
      .join('\n')}`,
  complaintExtendedNotice: (code: string, due: string, reason: string) =>
    `【办理延期】投诉 ${code} 的办理时限延至 ${due}。原因：${reason}`,
  complaintExtended: (code: string, due: string) => `投诉 ${code} 的办理时限已延至 ${due}，已告知承办单位。`,
  /** A handler asking more time for a complaint: only the supervising office gives it; the request is on its history. */
  complaintExtensionAsked: (code: string) =>
    `投诉须在1天内办理答复，延期由督查员（安监科）批准。已将您的延期申请和原因记入投诉 ${code} 的办理进展，请同时联系督查员；办理完成后请发送「回复 ${code} 办理结果」。`,
  complaintExtensionHow:
    '投诉须在1天内办理答复，延期由督查员（安监科）批准。确有困难的，请发送「编号 申请延期 原因」（如：TS20261123-0001 申请延期 需协调燃气公司到场）记入办理进展，并联系督查员。',
  complaintExtensionForSupervisor:
    '延长投诉的办理时限请发送「延期 编号 新时限 原因」（如：延期 TS20261123-0001 明天17点 需协调燃气公司到场），承办单位会收到新的时限。',
  patrolRepeated: (code: string) => `已按您上一条巡查记录（${code}）填入巡查路段、人员和出动人次、车次，请核对。`,
  noPatrolToRepeat: '没有找到您之前的日巡查记录，请逐项填写。',
  complaintProgressByDispatcher: (code: string, unit: string) =>
    `已将您说的情况记入投诉 ${code} 的办理进展。签收和答复市民由${unit}办理。`,
  /** 「3个人」 said to another question of the patrol form: what was kept, before the question is asked again. */
  notADetail: '这条消息没有可补充的内容，表单未改动。',
  keptForLater: (label: string, said: string) => `已记下${label}：${said}。`,
  turnoutNoted: (counts: { staffCount?: number; vehicleCount?: number }) =>
    `已记下${[
      counts.staffCount !== undefined ? `出动人次 ${counts.staffCount}` : '',
      counts.vehicleCount !== undefined ? `出动车次 ${counts.vehicleCount}` : '',
    ]
      .filter(Boolean)
      .join('、')}。`,
  noRectificationWaiting: '您单位目前没有待整改的隐患。如是其他编号的隐患，请发送「整改 编号」登记整改情况。',
  noComplaintInHand: '您单位目前没有办理中的投诉。如是其他编号的投诉，请发送「回复 编号 办理结果」。',
  notUnderstood: '暂未理解您的意思。发送「帮助」查看可用命令。',
  patrolDangerMajor: '⚠️ 涉及险情，请先确保人员安全；险情已列为重大隐患，请尽快完成填报。',
  patrolDanger: '⚠️ 涉及险情，请先确保人员安全，并核对各处隐患的等级后尽快完成填报。',
  citizenNothingPending: '好的，当前没有待登记的内容。如需撤回已受理的投诉，请回复「撤回投诉」。',
  noReportsOwed: '您单位目前没有需要上报的周报、月报、季报或统计表。',
  hazardPicked: (code: string, what: string) => `隐患 ${code}（${what}）：`,
  fiveFixesAtAssignment:
    '重大隐患的“五落实”（责任、措施、资金、时限、预案）由督查员（安监科）交办时登记。请把落实情况告知督查员；整改完成后发送「整改 编号」反馈（可附照片）。',
  hazardAlreadyUnderway: (code: string, what: string, due: string) =>
    `隐患 ${code}（${what}）已接收，正在整改中${due}。整改完成后直接回复整改情况（可附照片），或发送「整改 ${code}」。`,
  /** 「处理完了」 from the duty officer or a supervisor, naming no record: which one, and how it is kept. */
  overseerDidWhich:
    '请问说的是哪一件？请带上编号说明，例如「TS20261123-0001 已通知施工单位停工」，会记入该投诉的办理进展；重大隐患的应急处置请发送「处置 YH编号 已采取的措施」。发送「我的待办」查看待办事项。',
  nothingWaitingToTakeUp:
    '您单位目前没有待签收的投诉或待接收的隐患。如是在说某一件投诉或某一项隐患，请带上编号，例如「签收 TS20261123-0001 已派人到场」或「整改 YH20261123-0001 已修复」。发送「我的待办」查看待办事项。',
  noMajorAwaitingAck: '目前没有等待接报的重大隐患。发送「我的待办」查看待办事项。',
  /** Answers to how the assistant itself is used (staff-faq.ts), by what was asked or said. */
  staffSupport: {
    photo_howto:
      '发照片：点输入框旁的「+」，选「拍摄」或「照片」发送即可；发位置选「位置」。先发照片再发一句话说明情况，或在填报过程中随时发送，都会附到这条记录。',
    voice: '可以发语音：企业微信、钉钉会把语音转成文字，按文字识别填报。没有转出文字的语音无法识别，请改发文字。',
    patrol_scope:
      '巡查的路段和项目由本单位按实施方案划分的巡查责任安排，当天的任务请向科室负责人确认。巡查结束后发一句话说明时间、路段、人数车辆和发现的情况即可填报。',
    patrol_frequency:
      '日常巡查按实施方案常态化开展，每次巡查结束后当天发一句话填报日巡查工作记录即可。考核细则规定：未建立日台账每少一次扣2分，巡查不按规定次数落实每少一次扣5分；每周还要报周报表，月、季报表按期上报。',
    records_shared:
      '巡查记录和隐患保存后，领导和督查员在管理后台和每日简报中都能看到，不用另外转发；重大隐患会立即推送给领导。',
    verify_howto:
      '整改反馈提交后，由督查员（安监科）对照隐患描述和整改情况到现场复核，并核对整改前后的照片：隐患已消除、措施到位的验收通过并销号；不到位的写明原因退回，责任单位重新整改后再反馈。重大隐患还要核对“五落实”是否落实到位。督查员发送「验收 编号」登记验收结果。',
    rectify_howto:
      '整改完成后发送「整改 编号」，或直接回复「YH编号 已整改好了」，按提示说明整改情况；整改后的照片（最好连同整改前的）直接发送即可，会附到这条整改反馈，督查员验收时核对。不知道编号可发送「我的待办」查看。',
    patrol_hours:
      '实施方案没有规定日常巡查的固定时段，几点出发、巡哪些路段由本单位负责人安排。巡查结束后发一句话说明时间、路段、人数车辆和发现的情况即可填报。',
    special_period:
      '实施方案规定：安全巡查为常态化，根据安全管理的需要也可实施重点巡查和特护期巡查，未规定固定的时段。遇大雨、台风、节假日等是否加密巡查，由本单位负责人安排；加巡后照常填报，在记录中说明「特护期巡查」或「重点巡查」（或发送「修改 巡查类型」），台账会按类型统计。',
    patrol_howto:
      '巡查结束后直接发一句话说明时间、路段、人数车辆和发现的情况即可，例如「9点到11点巡查人民路，2人1车，发现井盖缺失1处，已设围挡」，缺什么我会再问；也可以发送「巡查」按提示逐项填写。发现的隐患会逐条登记并交办。',
    supervision_howto:
      '督查结束后发送「督查」，或直接说「今天上午督查了质安处，带队王科长，检查了3个工地」，我会按附件5《安全督查工作记录表》逐项询问：被督查单位、督查时间、带队领导、督查组成员、督查事项、存在的主要问题和整改要求，保存后由带队领导签字。',
    backfill:
      '可以补录：发送「巡查」后按提示填写，开始时间写当天的日期和时间即可，例如「补录昨天9点到11点巡查人民路，2人1车，未发现隐患」。',
    media_trouble:
      '照片或定位发不出去时：①检查网络后重试；②照片太大可以截图后发送；③实在发不了，先用文字上报，照片能发时再发（填报过程中发送的照片会附到该记录）。定位发不了，直接说路名、门牌号或附近的标志性建筑即可。',
    account:
      '账号由管理员开通：把您的企业微信或钉钉账号和姓名告诉单位管理员，在管理后台「账号绑定」中绑定后即可使用。绑定后发送「帮助」查看可用命令。',
    add_person:
      '添加人员由管理员在管理后台办理：①「人员」页新增人员，填写姓名、所属单位、角色和手机号；②「账号绑定」页把此人的企业微信或钉钉账号对应到该人员（此人先给本应用发一条消息，账号就会出现在「待绑定的聊天账号」中）。绑定后此人发送「帮助」即可查看可用命令。',
    person_change:
      '人员信息由管理员在管理后台「管理」→「人员」页修改：手机号、所属单位、角色直接改后保存；离职或调离的人员取消勾选「在岗」（历史记录保留，不再接收提醒和推送）。换了企业微信或钉钉账号的，在「账号绑定」页重新绑定。',
    password:
      '在聊天里使用本助手不需要密码。管理后台的登录密码由负责部署的技术人员在服务器配置中设置；需要更换或忘记了，请联系技术人员修改，更换后所有已登录的会话都会失效，需重新登录。',
    notify_me:
      '好的。险情和重大隐患即时推送、夜间也不延后：市民报告的险情推送给当班值班员，新上报的重大隐患推送给安监科、值班员和局领导，超时的投诉逐级升级到值班员、单位领导和局领导；一般提醒在免打扰时段结束后发送。发送「今天有什么情况」可随时查看今日汇总。',
    meeting_figures:
      '会议用的数据可以直接问，例如「本月隐患整改率多少」「本月考核排名」「和上个月比怎么样」；周报、月报、季报和专项整治统计表在管理后台「报表」页下载（Excel），「驾驶舱」页可直接投屏展示。',
    reminders:
      '提醒会发到这里（企业微信或钉钉里本应用的会话）。收不到时请检查是否关闭了本应用的消息通知，并请管理员核对账号绑定；夜间免打扰时段的非紧急提醒会在早上补发。提醒时间由管理员统一设置。',
    narrative:
      '报表中的「落实整改情况」「工作建议」由系统按台账起草。要修改，发送「工作建议：……」或「落实整改情况：……」，再发送「上报周报」或「上报月报」确认上报。',
    assessment_rules:
      '考核按实施方案附件1《安全巡查（督查）工作考核实施细则》执行：组织 10 分、实施 80 分、问责追责 10 分。扣分明细在管理后台「考核」页，得分可以问「我们单位这个月考核多少分」。',
    phone_change: '手机号变更请告诉管理员在管理后台更新；企业微信或钉钉账号不变的，提醒照常发到这里。',
    leave: '休假或出差期间的巡查安排请与科室负责人确认；如涉及值班，请联系管理员调整值班表，险情会推送给当班人员。',
    handover:
      '好的，辛苦了。交班前请把未处置完的险情和事项告诉接班人员；险情和超时提醒按值班表推送给当班人员，发送「今天谁值班」可查看。',
    duty_swap:
      '换班、替班请先与对方商定，再请管理员在管理后台「值班表」中调整；调整后，险情和超时提醒会推送给新的当班人员。发送「今天谁值班」可查看当班人员。',
    transfer: '调整单位请联系管理员在管理后台更新您的所属单位，更新后待办和提醒会按新单位发送。',
    admin_change:
      '人员、单位、值班表和账号绑定由管理员在管理后台「管理」页调整（人员调整单位、新增人员、停用账号等），聊天里不能直接修改。',
    newcomer:
      '欢迎！巡查结束后发一句话说明时间、路段、人数和发现的情况即可填报，例如「9点到11点巡查人民路，2人1车，发现井盖缺失」；发现隐患直接说问题和地点。发送「帮助」查看全部命令。',
  } as Record<string, string>,
  /** What the scheme asks of a patrol (source 000: 二、3 紧盯风险大的时段和部位; 四（三）5 统一着装), with the unit's scope. */
  patrolFocus: (scope: string | undefined) =>
    `实施方案要求：巡查人员统一着装上岗，紧盯生产风险大的时段和部位。${scope ? `按分工，${scope}` : '巡查的路段和项目按本单位的巡查责任安排。'}发现隐患先设置警示、做好现场防护（遇险情先保证人员安全、疏散群众），再发一句话说明问题和地点上报；巡查结束后当天填报日巡查工作记录。`,
  patrolScopeOf: (scope: string) =>
    `实施方案规定：${scope}当天具体的路段和项目请向科室负责人确认。巡查结束后发一句话说明时间、路段、人数车辆和发现的情况即可填报。`,
  staffDangerHowTo:
    '发现险情：①先保证人员安全，设置警戒、疏散群众，不要冒险处置；②燃气泄漏严禁明火和开关电器，通知燃气抢险；有人被困或受伤立即拨打 119、120；③立即上报：发送「上报隐患 地点和情况」，险情按重大隐患上报，值班人员会马上收到推送；④处置后 3 个工作日内提交处置报告（「提交处置报告」）。',
  staffReportFlow:
    '隐患上报后：一般隐患按类别自动交办责任单位，责任单位签收、整改并反馈，督查员验收通过后销号；重大隐患先由督查、值班人员接报，落实“五落实”后交办，超期未整改会升级提醒值班人员和领导。市民投诉：按类别派单，责任单位签收并在1个工作日内答复市民。每一步都会在这里提醒相关人员。',
  responsibilityElsewhere:
    '这类设施不归住建部门管理（如电力、通信线杆，店招广告牌，交通信号灯），请联系相关部门；已登记为隐患或投诉的，值班人员会转交相关部门。',
  nothingSavedToAmend: (what: string) =>
    `您还没有已保存的${what}，不需要撤回或更正。填写过程中可随时发送「修改 字段名」更正，或发送「取消」放弃。`,
  formStillOpen: (title: string) => `您的「${title}」还没填完，接着回答上面的问题即可；发送「取消」放弃。`,
  ledgerExportWhere:
    '隐患、巡查、投诉台账在管理后台对应的台账页按条件筛选后导出 Excel；周报、月报等报表在「报表」页下载。',
  broadcastNotHere: '群发通知请在单位的企业微信或钉钉群里直接发送。本助手负责巡查、隐患和投诉的登记、提醒和查询。',
  notOurs:
    '如这项隐患或投诉不属于本单位，投诉请发送「转办 编号 单位」并写明理由；隐患请联系督查员（安监科）改派。改派前请先做好现场防护。',
  notOursForSupervisor:
    '隐患改派请发送「改派 编号 单位 原因」（如：改派 YH20261123-0001 燃气办 属燃气管线），新单位会收到交办通知。',
  extensionHow: '整改期限由督查员（安监科）确定。确有困难的，请联系督查员延期，并在整改反馈中写明原因和预计完成时间。',
  extensionForSupervisor:
    '延期请发送「延期 编号 新期限 原因」（如：延期 YH20261123-0001 12月31日 需协调管线单位迁改），责任单位会收到新的期限。',
  staffPlaceAlone: (place: string) =>
    `「${place}」有什么情况？发现隐患请一句话说明，例如「${place}井盖缺失」；填报巡查请说明时间和人数，例如「9点到11点巡查${place}，2人1车，未发现隐患」。`,
  staffPlaceThingAlone: (said: string) =>
    `「${said}」出了什么问题？请在一句话里说明，例如「${said}缺失」「${said}破损」，可附照片。`,
  staffDefectAlone: (defect: string) =>
    `「${defect}」的是什么、在哪里？请在一句话里说明位置和问题，例如「人民路88号门口井盖${defect}」，可附照片和位置。`,
  staffThingAlone: (thing: string) =>
    `「${thing.replace(/[。！!？?]+$/, '')}」在什么位置、出了什么问题？请在一句话里说明位置和问题，例如「人民路88号门口井盖缺失」，可附照片和位置。`,
  /** A city-wide figure asked by someone who does not receive the digest. */
  staffWhoAmI:
    '我是巡安助手（自动回复）：帮您填报巡查记录、上报隐患、办理交办事项，查询台账、待办和统计。发送「帮助」查看可用命令；需要人工请联系督查员（安监科）。',
  urgeForOverseers: '催办由局领导、督查员和值班员发起。需要督促的事项，请告知督查员（安监科）。',
  figuresForBriefed:
    '全市的统计数据和考核排名由局领导、督查和值班人员查看。您本人的记录可以这样问：「我这个月报了几个隐患」「我本周巡查了几次」；待办事项请发送「我的待办」。',
  staffQuestion:
    '这个问题我暂时回答不了，请咨询科室负责人或督查员。填报巡查记录请发送「巡查」，上报隐患请发送「上报隐患」，发送「帮助」查看全部命令。',
  staffCourtesy: '好的。需要时发送「帮助」查看可用命令。',
  supervisionHint:
    '登记督查情况请发送「督查」，按提示填写督查记录表；督查中发现的问题可发送「上报隐患」逐条上报，并在督查记录中填写问题数量。',
  handlingAlone:
    '现场处理情况请随记录一起填报：巡查后发送「巡查」，写在巡查记录的「处理情况」中；上报隐患时一并说明，例如「人民路工地围挡倒了，已下发整改通知」。已保存的记录如需补充，请告知督查员。',
  handlingAloneForUnit:
    '如是隐患的整改情况，请发送「整改 编号 整改情况」（发送「我的待办」查看编号）；投诉的办理结果请发送「回复 编号 办理结果」；巡查中的处理情况请写在巡查记录的「处理情况」中。',
  rectificationNoticeHow:
    '整改通知随督查记录下发（已当面下发的也记在其中）：发送「督查」填写督查记录表，问题写在「发现问题」，要求和期限写在「整改要求」，保存后被督查单位领导会收到并签字确认。单条隐患请用「交办 编号」交办责任单位并定整改期限。',
  reportFiguresWrong:
    '报表中的巡查、隐患、投诉等数字由台账自动汇总。数字不对时，请先核对台账记录：漏报的补录，错报的更正或作废，报表随之更新；文字部分可发送「落实整改情况：……」等修改，或在管理后台「报表」页修改后再上报。',
  figuresSoFar: (kept: string, rest: readonly string[]) =>
    `已记下：${kept}。请接着填写${rest.join('、')}${rest.length > 1 ? '（依次填写，用顿号隔开）' : ''}。`,
  delegatedInUnit: (name: string) =>
    `单位内的分工由单位自行安排，请直接告知${name}。${name}发送「我的待办」可看到本单位待签收、待整改的投诉和隐患，处理后按编号登记结果。`,
  patrolRecordWrongHowToVoid:
    '已保存的巡查记录不能直接修改：确有错误的，发送「作废 编号 原因」作废（弄虚作假的请在原因中写明），再请填报人重新填报。',
  patrolRecordWrongAskSupervisor:
    '已保存的巡查记录不能直接修改。确有错误的，请告知督查员（安监科）核实作废，再由填报人重新填报。',
  patrolFiledByOther: '好的。同一次巡查由一人填报即可，巡查人员一栏写上所有到场的人，参加的人都会计入，不用重复填报。',
  patrolSubstitute:
    '好的。巡查完成后，由实际参加巡查的人员发送「巡查」填报，巡查人员一栏写实际到场的人（如代班的同事）。',
  assessmentFindingWhere:
    '考核得分按台账（巡查、隐患、投诉、报表）自动计算。督查中发现、需要扣分的问题，请由安监科在管理后台「考核」页「检查发现」中记录：单位、扣分条款、日期和扣分事实；记录后计入该单位当月得分。',
  noHazardNamed: (name: string, command: string) =>
    `没有找到与「${name}」相符的未销号隐患。请发送「${command} 编号 原因」，例如：${command} YH20261123-0001 ${
      command === '作废' ? '误报' : command === '延期' ? '12月31日 需协调管线单位迁改' : '本级 多次反复'
    }。`,
  voidBySupervisor:
    '已上报的隐患不能删除。确属误报或重复的，请联系督查员（安监科）作废，记录会保留在台账上并注明原因。',
  hazardVoided: (code: string, reason: string) =>
    `已作废隐患 ${code}（${reason}）。记录仍保留在台账上并注明原因，不再计入统计，责任单位不再催办。`,
  quietNoted:
    '好的，已知悉。值班期间如有险情或紧急情况，可直接在这里上报；发送「今天有什么情况」可查看今日汇总，发送「交班」可查看交接内容。',
  quietPatrolRecorded:
    '好的。如果今天巡查了、没有发现问题，也请登记巡查记录：发一句话说明时间和路段，例如“9点到11点 人民路 正常”；没有巡查就不用填报。',
  patrolRecordLater:
    '好的。巡查记录请当天填报（考核按每天的日巡查台账计）：发送「巡查」，或直接用一句话说明时间、路段和发现的情况即可。',
  patrolNotYet:
    '好的。没有巡查就不用填报；巡查结束后发送「巡查」，或直接用一句话说明时间、路段和发现的情况，即可填写巡查记录。',
  staffAcknowledged:
    '好的，已知悉。处理完成后请发送「整改 编号」或「回复 编号」登记结果；发送「我的待办」查看待办事项。',
  staffGreeting:
    '在的，请讲。巡查情况或发现的隐患直接发一句话即可，例如「上午巡查人民路，发现井盖缺失」；发送「帮助」查看全部命令。',
  citizenGreetingUrgent:
    '在的！请直接说明是什么问题、在什么地方（可发送定位），我们马上登记处理。燃气泄漏、坍塌、有人被困等险情请先拨打 119。',
  citizenGreeting: '您好！请直接用一句话描述您要反映的问题和地点，例如：“XX路与XX路口有井盖缺失”，可附照片和位置。',
  /** Named in words, never by the platform's type code; a video gets the way round it (a still and a sentence). */
  unsupportedType: (type: string) => {
    const name = UNSUPPORTED_TYPE_NAMES[type.toLowerCase()]
    if (name === '视频') return '暂不支持视频消息，请截图或拍照后发送图片，并用一句话说明情况。'
    return `暂不支持${name ?? '这类'}消息，请发送文字、图片、语音或位置。`
  },
  citizenWelcome:
    '欢迎关注！如发现建筑工地、桥梁、燃气、道路井盖、占道挖掘、园林绿化、危房、供水管网等安全隐患，请直接发送文字描述（可附照片和位置），我们将在1个工作日内处理并答复。发送「查询 编号」可查看办理进度。',
  staffOnly: '该功能仅供工作人员使用。如需反映问题，请直接用文字描述问题和地点。',
  citizenTooShort: '请用一句话描述您要投诉或反映的问题，例如：“XX路与XX路口有井盖缺失”。',
  citizenLinkNotOpened:
    '我们无法打开您发来的链接。如链接里说的情况需要我们处理，请直接用一句话说明是什么问题、在什么地方，例如：“XX路与XX路口有井盖缺失”，可附照片和位置。',
  citizenCourtesy: '不客气。有新的问题，直接发一句话说明问题和地点即可；发送「查询」可查看处理进度。',
  citizenAcknowledged: '好的。有新的问题，直接发一句话说明问题和地点即可；发送「查询」可查看处理进度。',
  citizenPlaceWait: '好的，不着急。想好了直接回复地点（路名、小区、门牌号），或发送定位即可。',
  citizenVoiceNoText: '暂未能识别语音内容，请用文字描述问题。',
  citizenVoiceWelcome:
    '可以发语音，说清楚是什么问题、在什么地方即可；如语音未能识别，也可以拍照并发送定位（点“+”选择“位置”），再补一句简单的文字。',
  citizenWillBeTold: (code: string) => `好的，投诉 ${code} 办理完成后，结果会在这里告知您。`,
  citizenMediaNoComplaint: '已收到。请再用文字描述一下问题和地点，我们会为您登记。',
  citizenPhoneHeld: '已记下您的联系电话。请再用一句话说明问题和地点，我们为您登记。',
  citizenAskGoOn: '您请说，想咨询什么，或要反映什么问题？反映问题请说明是什么问题、在什么地方。',
  citizenAskWhatAndWhere:
    '好的，请用一句话说明是什么问题、在什么地方，例如：“XX路与XX路口有井盖缺失”，可附照片和位置。',
  citizenVagueWhereAskWhat:
    '请说一下具体地点（小区名、路名或门牌号）和遇到的问题，例如：“阳光花园5栋门口井盖缺失”，可附照片和位置。',
  citizenConsult:
    '您好！这里受理安全隐患投诉和举报。业务咨询（如房屋安全鉴定、办事流程）请在工作时间联系住建局相关科室；如是反映问题，请直接发一句话说明问题和地点。',
  /** Matters another body handles: where to turn, with the door left open for a safety problem. */
  gasPhone: (hotline: string | undefined) =>
    `${hotline ? `燃气抢险电话：${hotline}（24小时）。` : '燃气抢险电话请见燃气缴费单或燃气表上的燃气公司电话。'}闻到燃气味请立即离开现场，不要开关电器、不要使用明火，到室外安全处拨打；情况危急请拨打 119。如要反映燃气安全隐患，请直接说明问题和地点。`,
  citizenOtherAgency: {
    bill: '缴纳燃气费、水费、电费、物业费，请通过相应公司的营业厅、官方公众号或缴费平台办理。这里受理房屋、工地、燃气、道路等安全隐患的投诉举报；如有燃气泄漏等险情，请直接说明问题和地点。',
    gas_appliance:
      '家里燃气灶、热水器、燃气表等器具的故障，请联系燃气公司客服报修（客服电话见燃气缴费单或燃气卡）。如闻到燃气味，请立即关闭阀门、开窗通风，到室外拨打燃气抢险电话或 119。燃气管道破损等安全隐患，请直接说明问题和地点，我们受理。',
    utility_price:
      '燃气、水、电的价格和收费标准由价格主管部门核定，这里不受理；咨询请拨打 12345 政务服务便民热线，乱收费可拨打 12315 反映。燃气泄漏、管道破损等安全隐患，请直接说明问题和地点，我们受理。',
    power_cut:
      '停电、来电时间请咨询供电服务热线 95598。如有电线断落、漏电等险情，请远离现场并拨打 95598 或 119；涉及房屋、工地、道路等安全隐患，请直接说明问题和地点。',
    neighbour_noise:
      '居民装修、生活噪音扰民，可先请小区物业协调，必要时拨打 110。装修中拆改承重墙等危及房屋安全的行为、工地夜间违规施工，请直接说明问题和地点，我们受理。',
    parking:
      '车辆乱停乱放、违章停车由公安交警部门和城管部门管理，请拨打 12345 政务服务便民热线或当地交警部门反映；堵塞消防通道的，可拨打 119。路灯、井盖、道路破损等市政设施问题，请直接说明问题和地点，我们受理。',
    sanitation:
      '生活垃圾清运、垃圾桶和环境卫生由城管（环卫）部门负责，请拨打 12345 政务服务便民热线反映。建筑垃圾、渣土乱倒和房屋、工地、道路等安全隐患，请直接说明问题和地点，我们受理。',
    traffic_signal:
      '红绿灯等交通信号设施由公安交警部门管理，请拨打 12345 政务服务便民热线或联系当地交警部门反映。路灯、井盖、道路破损等市政设施问题，请直接说明问题和地点，我们受理。',
    property_fee:
      '物业收费、服务纠纷请拨打 12345 政务服务便民热线，由物业主管部门和价格监管部门处理。小区里的房屋开裂、电梯、消防设施等安全隐患，请直接说明问题和地点，我们受理。',
    contact_asked:
      '我们这里不提供其他单位的电话，可拨打 12345 政务服务便民热线查询；物业公司的电话可在小区公告栏、物业服务中心查到，也可以问所在社区居委会。如要反映房屋、工地、燃气、道路等安全隐患，请直接说明问题和地点，我们受理。',
    illegal_fishing:
      '电鱼、炸鱼、毒鱼等非法捕捞由农业农村（渔政）部门查处，正在发生的请立即拨打 110。河堤、桥梁、码头等设施的安全隐患，请直接说明问题和地点，我们受理。',
    lift_retrofit:
      '既有住宅加装电梯的申请、审批和补贴，请咨询所在社区居委会或街道办事处，也可拨打 12345 政务服务便民热线。电梯运行故障、困人请拨打电梯轿厢内张贴的应急救援电话。房屋、工地、燃气、道路等安全隐患，请直接说明问题和地点，我们受理。',
    permit_asked:
      '建房报建、施工许可、竣工验收等审批手续，请在工作时间到政务服务中心住建窗口咨询办理，也可拨打 12345 政务服务便民热线。违法建设、无证施工、房屋和工地等安全隐患，请直接说明问题和地点，我们受理。',
    public_order:
      '打人、打架、盗窃、诈骗等治安和刑事案件由公安机关处理，正在发生的请立即拨打 110；对执法人员行为的投诉，可拨打 12345 政务服务便民热线反映。房屋、工地、燃气、道路等安全隐患，请直接说明问题和地点，我们受理。',
    real_estate:
      '房产证办理、交房、购房合同、维修资金等房屋买卖事项，请拨打 12345 政务服务便民热线，或在工作时间到住建局房地产市场管理部门咨询。新房开裂、渗漏危及安全等隐患，请直接说明问题和地点，我们受理。',
  },
  notedInAnotherBox: (...labels: string[]) => `已记入「${labels.join('」「')}」。`,
  nothingToConfirm:
    '当前没有待确认的填报（可能已保存、已取消，或超时未确认已自动放弃），这次「确认」没有保存任何内容。发送「我的待办」可查看待办；需要重新填报请直接发送情况。',
  /** 「发错了」 while a form asks: nothing kept, the question again, and how an earlier answer is corrected. */
  missentInForm: (question: string) =>
    `好的，这条不算。${question}（之前哪一项填错了，发送「修改」加该项名称即可更正）`,
  /** 「发错了」 with nothing being filled in. */
  staffMissent:
    '好的，这条不作处理。如刚才保存的记录有误，发送「我的巡查记录」或「我的隐患」查看；已保存的记录需作废的，请联系督查员。',
  /** 「修改」 or 「删掉车」 with no field the form knows: which one, and how. */
  whichToChange: (labels: readonly string[]) => `请问要修改哪一项？请回复「修改 项目名」，可修改：${labels.join('、')}`,
  /** 「在哪里填」 while a form asks: right here. */
  answerHere: (question: string) => `直接在这里回复就可以。${question}`,
  teamVisitPlanned:
    '好的。巡查组巡查结束后，发送「巡查组」登记，检查表逐项填写；巡查工作报告在对该单位巡查结束后5个工作日内报送。',
  supervisionPlanned:
    '督查记录表在督查完成后填写：督查结束后发送「督查」，或直接说「今天上午督查了质安处……」，我会逐项询问。本月还应督查哪些单位，发送「我的待办」查看。',
  citizenPraise: '感谢您的肯定！我们会转达给相关工作人员。有新的问题，直接发一句话说明问题和地点即可。',
  citizenThingAskWhat: (thing: string, place?: string) =>
    place
      ? `已记下：${place}的${thing}。请再说一下它有什么问题，我们为您登记。`
      : `请再说一下${thing}在什么位置、有什么问题，例如“人民路88号${thing}坏了”，我们为您登记。`,
  citizenHours:
    '这里全天24小时受理，周末和节假日也可以随时反映，我们登记后给您编号；工作人员在1个工作日内处理并在这里答复。燃气泄漏、坍塌等险情值班人员随时处置，紧急情况请同时拨打 119。',
  /** 「工地晚上几点以后不能施工」: the night-work rule (噪声污染防治法 第四十三条、第八十八条), and where to report it. */
  citizenSiteNightWork:
    '按《噪声污染防治法》，夜间一般指晚上10点至次日早上6点（本市另有规定的从其规定）。居民区等噪声敏感区域夜间禁止产生噪声的建筑施工，抢修、抢险或取得住建、生态环境部门证明的除外。遇到夜间施工扰民，请直接发一句话说明工地名称和位置，我们登记处理。',
  citizenPinAskWhat: '已收到您发送的定位。请再说一下这里有什么问题，我们为您登记。',
  citizenPlaceAskWhat: (place: string) => `已记下地点「${place}」。请再说一下这里有什么问题，我们为您登记。`,
  notRectifiedYet: (code: string, status: string) =>
    `隐患 ${code} 目前${status}，责任单位尚未提交整改反馈，暂不能验收。反馈提交后会列入「我的待办」待验收。`,
  briefingForGroup: '各单位群的巡查汇总每周一自动推送。今天的情况如下，可直接转发到群里：',
  hazardAlreadyHanded: (code: string, unit: string, due?: string) =>
    `隐患 ${code} 已交办${unit}整改。如需改由其他单位整改，请发送「改派 ${code} 单位 原因」。${due ? `整改期限为 ${due}，如需调整，请发送「延期 ${code} 新期限 原因」。` : ''}`,
  citizenPlaceAdded: (code: string, place: string) => `已将地点「${place}」补充到投诉 ${code}。`,
  citizenNameSaved: (code: string) => `已记下您的称呼，工作人员回访投诉 ${code} 时会用到，不会公开。`,
  citizenPlaceCorrected: (code: string, place: string) => `已将投诉 ${code} 的地点更正为「${place}」。`,
  /** Another problem filed while the first waits for its place: the first, named, still needs it. */
  placeStillNeededForFirst: (first: string) =>
    `您先前反映的「${first}」还需要具体位置才能登记：请发送定位，或回复路名、小区、门牌号；不需要登记了请回复「取消」。`,
  /** Another problem said, without its place, while the first waits for its own: both kept, the first asked first. */
  anotherProblemNoted: (other: string, first: string) =>
    `已记下另一个问题「${other}」，稍后为您登记。请先告诉我「${first}」的具体位置：请发送定位，或回复路名、小区、门牌号；不需要登记了请回复「取消」。`,
  /** The first filed, the next told while it waited is asked where. */
  placeForNextProblem: (next: string) =>
    `您还反映了「${next}」，请问具体在什么位置？请发送定位，或回复路名、小区、门牌号；不需要登记了请回复「取消」。`,
  placeStillNeededForPending:
    '好的。您刚才反映的问题还需要具体位置才能登记：请发送定位，或回复路名、小区、门牌号；不需要登记了请回复「取消」。',
  citizenQuestion:
    '反映问题请直接发一句话说明问题和地点，我们登记后给您编号并在1个工作日内答复；发送「查询」可查看办理进度。如需工作人员电话联系，请在反映问题时留下手机号。遇到燃气泄漏、坍塌等险情请立即拨打 119。',
  citizenMediaAdded: (code: string, what: string) => `已将${what}补充到投诉 ${code}。`,
  complaintReceived: (code: string, category: Category, due: string) =>
    `您的投诉已受理，编号 ${code}（${CATEGORY_LABELS[category]}）。我们将于 ${due} 前处理并答复您。发送「查询 ${code}」可查看进度；如类别不对，可回复「类别 ${category === 'gas' ? '道路' : '燃气'}」等更正。`,
  citizenScope:
    '我们受理建筑工地、桥梁、燃气、道路井盖等市政设施、占道挖掘、园林绿化、危房及物业小区、供水管网及消防栓方面的安全隐患投诉。如属于这些方面，请直接发一句话说明问题和地点，我们登记后给您编号并在1个工作日内答复；其他事项可拨打 12345 政务服务热线。',
  citizenAnonymousAsked: `可以。${NO_NAME_NEEDED}`,
  /** 「投诉需要实名吗」「要留名字吗」. */
  citizenPhotoForComplaint: (code: string) => `好的，请直接发送照片，会补充到您的投诉 ${code}。`,
  citizenPhotoFirst: '好的，请直接发送照片，再用一句话说明问题和地点，我们一并登记。',
  citizenReporterConfidential:
    '举报人、投诉人的身份和联系方式依法严格保密，我们不会向任何人透露。对被反映的事项有异议的，可在工作时间向住建局相关科室说明情况。',
  citizenNameNotNeeded: `不需要。${NO_NAME_NEEDED}`,
  citizenRewardAsked:
    '举报安全隐患经核实属实的，按有奖举报规定给予奖励。举报时在问题前写「举报」（如“举报 人民路88号工地夜间违规施工”），并留下手机号以便核实和发放奖励；举报人信息严格保密。',
  citizenNoWhistleblowing:
    '您目前没有举报记录。举报安全隐患经核实属实的，按有奖举报规定给予奖励：在问题前写「举报」（如“举报 人民路88号工地夜间违规施工”），并留下手机号以便核实和发放奖励；举报人信息严格保密。',
  rewardBeingChecked: (code: string) => `举报 ${code}：正在核实，核实属实的按标准给予奖励，届时工作人员会与您联系。`,
  rewardNotSubstantiated: (code: string) => `举报 ${code}：经核实情况不属实，不予奖励。感谢您对安全工作的关心。`,
  rewardToBePaid: (code: string, yuan: number, reachable: boolean) =>
    `举报 ${code}：经核实属实，奖励 ${yuan} 元待发放，发放时工作人员会${reachable ? '按您留的电话' : '通过这里'}与您联系。`,
  rewardPaid: (code: string, yuan: number, day: string, how: string) =>
    `举报 ${code}：奖励 ${yuan} 元已于 ${day} 发放${how ? `（${how}）` : ''}。`,
  confidentialNote: '\n您的姓名和联系方式将严格保密，不会告知被反映的单位或个人。',
  whistleblowingNote: '\n您的举报人信息将严格保密；经核实属实的，按有奖举报规定给予奖励。',
  theftAdvice: '如果偷盗正在发生，请立即拨打 110 报警，不要与对方发生冲突；被偷走的井盖等设施，我们会安排尽快补装。',
  askPlace: '请问具体在什么位置？请发送定位（点“+”选择“位置”），或回复路名、小区、门牌号等，我们登记后马上给您编号。',
  askPlaceGuess: (place: string) =>
    `请确认位置：是在「${place}」吗？是请回复「是」；不是请发送定位，或回复路名、小区、门牌号等，我们登记后马上给您编号。`,
  placeApproximate:
    '没关系，说个大概就行：在哪条路、哪个小区，或者什么地方附近？也可以发送定位（点“+”选择“位置”）。实在说不清请再回复「不知道」，我们先登记，工作人员会与您核实地点。',
  placeWhy:
    '需要知道位置，才能派负责的单位到现场处理。请回复路名、小区、门牌号或附近的标志性建筑，也可以发送定位（点“+”选择“位置”）。',
  placeOtherQuestion:
    '这里受理安全隐患投诉和举报，其他咨询请在工作时间联系住建局相关科室。您刚才反映的问题还需要具体位置：请发送定位（点“+”选择“位置”），或回复路名、小区、门牌号等。',
  placeComing:
    '好的，不着急。请发送定位（点“+”选择“位置”），或问清楚后回复路名、小区、门牌号，我们收到后马上登记编号。',
  placeStillNeeded: '已补充到问题描述。还需要知道具体位置：请发送定位（点“+”选择“位置”），或回复路名、小区、门牌号等。',
  placeIsLink: '从链接看不出具体位置。请发送定位（点“+”选择“位置”），或回复路名、小区、门牌号等。',
  placeUrgent:
    '收到，我们会尽快处理。请马上告诉我们具体位置（小区名、楼栋号或路名），或发送定位，工作人员才能尽快赶到。',
  placeStillNeededSorry:
    '抱歉给您添麻烦了。您反映的问题已记下，只差位置就能登记：请回复路名、小区名或门牌号（例如“人民路88号门口”），或点“+”发送定位。',
  placeUrgentDanger:
    '值班人员已收到险情通知。请马上告诉我们具体位置（小区名、楼栋号或路名），或发送定位，以便尽快赶到；情况危急请立即拨打 119。',
  placeTooVague: (place: string) =>
    `「${place}」还不够具体，工作人员可能找不到。请发送定位，或补充路名、小区名、门牌号或附近的标志性建筑。`,
  pendingDuplicate: (code: string) =>
    `请先回复「是」或「否」：您反映的问题是否与投诉 ${code} 是同一问题？回复「是」关联到该投诉，「否」单独登记。`,
  phoneNotedForPending: '已记下您的联系电话。',
  /** After the safety advice, when the duty officer has been told (a question about what to do tells nobody). */
  dutyAlerted: '我们已通知值班人员紧急处置。',
  danger: {
    /** Without a configured hotline the citizen is told whose number to call rather than shown a gap. */
    gas: (hotline: string | undefined) =>
      `⚠️ 安全提示：闻到燃气味请立即离开现场，不要开关电灯电器、不要打电话或使用明火；到室外安全处拨打${hotline ? `燃气抢险电话 ${hotline}` : '当地燃气公司的抢险电话'}，情况危急请拨打 119。`,
    collapse: '⚠️ 安全提示：请立即远离塌陷或倒塌区域，提醒他人不要靠近；如有人员被困或受伤请立即拨打 119、120。',
    fire: '⚠️ 安全提示：请立即撤离到安全地带并拨打 119 报警，不要返回取物。',
    trapped:
      '⚠️ 安全提示：有人被困请立即拨打 119；电梯困人可拨打轿厢内张贴的电梯应急救援电话（或 96333）。被困人员请保持冷静，不要强行扒门或攀爬。',
    electric:
      '⚠️ 安全提示：请远离掉落或裸露的电线至少 10 米，不要触碰，也不要用手拉开触电人员；请拨打 95598 供电抢修，有人受伤请拨打 120。',
    fall: '⚠️ 安全提示：有人落入井、坑、水中或从高处坠落，请立即拨打 119、120（必要时 110）。不要贸然下井、下水施救（井下可能有有毒气体），可抛绳、递杆施救，并在周围设置警示，防止他人跌落。',
  },
  categoryUnknown:
    '未识别该类别。可选：建筑工地、桥梁、燃气、道路及市政设施、占道挖掘、园林绿化、危房及物业小区、供水管网及消防栓。',
  categoryCorrected: (code: string, category: Category) =>
    `已将投诉 ${code} 的类别更正为「${CATEGORY_LABELS[category]}」，并转交相应单位办理。`,
  complaintMaybeDuplicate: (code: string, place: string) =>
    `您反映的问题可能与已受理的投诉 ${code}（${place}）是同一问题。回复「是」关联到该投诉，办理结果会同时告知您；回复「否」单独登记。`,
  complaintLinked: (code: string) => `已关联到投诉 ${code}，办理结果将同时告知您。发送「查询 ${code}」可查看进度。`,
  askContact: '如需工作人员电话联系您，请回复手机号；不需要请回复「不用」。',
  askContactAnonymous:
    '您可以匿名举报，不留电话也会办理。如需回访或领取举报奖励，可回复手机号（仅用于联系您）；不需要请回复「不用」。',
  askContactForPlace:
    '地点还需核实，请回复您的手机号，方便工作人员联系您；不方便请回复「不用」，我们会在这里与您联系。',
  /** A message that is neither choice, while one form waits to be kept or dropped for another. */
  choiceFirst: '这条消息没有记入任何表。请先选择：',
  /** 「验收」 with no rectification submitted for checking. */
  noVerificationWaiting: (verb: string) =>
    `目前没有等待验收的隐患：整改单位提交整改反馈后，会通知您验收。要验收某一项，请发送「${verb} 编号」。`,
  /** Words at the summary of a form that reads no sentence: not put in it, and how a field is changed. */
  wordsNotInForm: (title: string) =>
    `这句话没有写入「${title}」。要更改内容请发送「修改 字段名」（如：修改 ${title === '整改反馈' ? '整改情况' : '字段名'}）；要办理其他事项，请先回复「确认」保存或「取消」放弃。`,
  draftWaiting: (title: string) =>
    `您填写的「${title}」还没有保存。请先回复「确认」保存或「取消」放弃，再办理其他事项；发送「我的待办」可查看待办。`,
  heldEvidence: (what: string) =>
    `已收到${what}。接着发一句话说明情况（如「朗州路井盖缺失」）即可一并上报；用于整改反馈请发送「整改 编号」。`,
  photoNeedsWords:
    '请一句话说明照片里的情况，例如「朗州路井盖缺失」，照片会一并上报；用于整改反馈请发送「整改 编号」。',
  heldEvidenceAttached: '已附上您刚才发送的照片或位置。',
  photoComing:
    '好的，请直接发送照片。接着发一句话说明情况（如「朗州路井盖缺失」）即可一并上报；用于整改反馈请先发送「整改 编号」。',
  photoForHazard: (code: string) => `好的，请发送照片，将补充到您刚上报的隐患 ${code}。`,
  /** 「拍了照片怎么发」 just after a hazard was reported: where it goes, and how. */
  photoForHazardHow: (code: string) =>
    `点输入框旁的「+」，选「拍摄」或「照片」发送即可，照片将补充到您刚上报的隐患 ${code}。`,
  otherRecordWhileFilling: (title: string, code: string) =>
    `您正在填写「${title}」，这条关于 ${code} 的消息没有计入本表。请先完成本表（或回复「取消」放弃），再重新发送。`,
  photoForNamedHazard: (code: string) => `好的，请发送照片，将补充到隐患 ${code}。`,
  photoNoHazardNamed: (name: string) =>
    `没有找到您上报的、与「${name}」相符的未销号隐患。请发送「编号 补照片」指明要补充照片的隐患（如「YH20261123-0001 补照片」），新发现的隐患直接发照片和情况即可。`,
  photoWhichHazard: (lines: string[]) =>
    `您上报的隐患中有多项与此相符，请发送「编号 补照片」指明是哪一项：\n${lines.join('\n')}`,
  photoNotYourHazard: (code: string) =>
    `隐患 ${code} 不是您上报的，照片请由上报人补充。整改照片请随「整改 ${code} 整改情况」一并发送。`,
  photoHazardClosed: (code: string) => `隐患 ${code} 已销号或作废，不能再补充照片。`,
  photoAddedToHazard: (code: string) => `已将照片补充到隐患 ${code}。还有照片可继续发送。`,
  reportsWhere:
    '周报、月报、季报和统计表在管理后台「报表」页查看和下载；报表到期前会在这里提醒。责任单位发送「上报周报」「上报月报」等上报，专项整治统计表发送「填报统计表」逐项填写。',
  photoHowTo: '发照片：点输入框旁的「+」，选「拍摄」或「照片」发送即可，照片会附到正在填报（或接下来填报）的记录。',
  levelHelp:
    '请对照上面列出的重大隐患情形：符合任一情形请回复「重大」，都不符合请回复「一般」。拿不准可先报「重大」，督查员复核时可调整。',
  sameFormOpen: (title: string) => `您正在填写「${title}」，接着完成即可：`,
  formWaiting: '好的，不着急。照片或定位拍好后直接发送，再接着回答即可。',
  vagueTime: (said: string) => `「${said}」大概是几点？请说一个时间，例如：14点、下午3点半、半小时前。`,
  levelByDegree:
    '严重程度不等于隐患等级：等级看是否符合下面列出的重大隐患情形。符合任一情形请回复「重大」，都不符合请回复「一般」；拿不准可先报「重大」，督查员复核时可调整。',
  categoryNotDegree: '已了解情况比较严重。请先确认隐患类别，等级随后一并确认：',
  formThinking: '好的，不着急，想好了直接回复即可；填报会保留。',
  placeNotedAskWhat: (place: string) => `已记下地点：${place}。`,
  complaintsReceivedTogether: (n: number) => `您反映的 ${n} 个问题已分别受理：`,
  citizenMissent: (code: string) =>
    `没关系。已告知处理人员投诉 ${code} 可能是误发，核实后会撤销；如有新的问题，直接发一句话说明问题和地点即可。`,
  citizenMissentNothing: '没关系。有问题需要反映，直接发一句话说明问题和地点即可。',
  /** One problem dropped while another told after it still waits for its place. */
  pendingDroppedOne: (first: string) => `好的，「${first}」不再登记。`,
  pendingDropped: '好的，刚才的问题不再登记。有新的问题，直接发一句话说明问题和地点即可。',
  followUpForwarded: (code: string) => `已将您的意见转告投诉 ${code} 的处理人员，工作人员核实后会在这里答复您。`,
  /** A withdrawal asked for: the handlers withdraw it once they have checked, so it is said to be asked, not done. */
  citizenWithdrawalsAsked: (codes: readonly string[]) =>
    `已收到您撤回投诉 ${codes.join('、')} 的申请，并转告处理人员，核实后会在这里告知您结果。`,
  citizenWhichToWithdraw: (lines: readonly string[]) =>
    `您有 ${lines.length} 件办理中的投诉，请问撤回哪一件？请回复「撤回 编号」；全部撤回请回复「全部撤回」。\n${lines.slice(0, 5).join('\n')}`,
  citizenWithdrawalAsked: (code: string) =>
    `已收到您撤回投诉 ${code} 的申请，并转告处理人员，核实后会在这里告知您结果。`,
  timeNow: (now: Date, timeZone: string) => {
    const p = localParts(now, timeZone)
    const weekday = '日一二三四五六'[dayOfWeek(localDate(now, timeZone))]
    return `现在是 ${p.year}年${p.month}月${p.day}日（星期${weekday}）${String(p.hour).padStart(2, '0')}:${String(p.minute).padStart(2, '0')}。`
  },
  dutyRosterKept: '未安排值班的时段，险情会推送给任意一位值班人员。值班表由管理员在管理后台维护。',
  voidHow:
    '当前没有进行中的填报。作废记录请附上编号和原因，例如：作废 XC20261123-0001 重复填报，或 作废 YH20261123-0001 误报（记录保留并注明原因）。',
  callbackBeforeAnswer: (code: string, status: ComplaintStatus) =>
    `投诉 ${code} 还没有答复市民（目前${COMPLAINT_STATUS_LABELS[status]}），回访请在承办单位答复后登记。`,
  citizenUrged: (code: string, status: ComplaintStatus) =>
    `已为您催办投诉 ${code}（目前${COMPLAINT_STATUS_LABELS[status]}），并转告处理人员尽快办理，结果会在这里答复您。给您带来不便，敬请谅解。`,
  citizenNoComplaintAbout: (thing: string, openOnly = true) =>
    `没有找到您反映${thing}的${openOnly ? '办理中' : ''}投诉。如果是新的问题，请说明${thing}在什么位置、有什么问题，我们马上登记；发送「查询」可查看您的投诉。`,
  noOpenComplaint: '您目前没有办理中的投诉。有新的问题，直接发一句话说明问题和地点即可。',
  askPhoneNumber: '好的，请回复您的手机号码，工作人员会与您联系。',
  askPhoneNumberWhen: '好的，已记下您方便接听的时间。请回复您的手机号码，工作人员会按这个时间与您联系。',
  contactSaved: '已登记您的联系电话，工作人员可能会与您联系核实情况。',
  photoWithComplaintAnswer: (code: string, words?: string) =>
    `已收到照片，将随投诉 ${code} 的办理结果一并记录。${
      words
        ? `回复「是」即把「${words}」答复市民，也可发送「回复 ${code} 办理结果」另写。`
        : '请说明办理结果，收到后即答复市民。'
    }`,
  replyWithTheseWords: (code: string, said: string) =>
    `要把「${said}」作为投诉 ${code} 的办理结果答复市民吗？回复「是」即发送，也可发送「回复 ${code} 办理结果」另写；如是隐患整改，请发送「整改 编号」。`,
  askComplaintOutcome: (code: string, what: string) =>
    `请说明投诉 ${code}（${what}）的办理结果，收到后即答复市民，例如：已更换井盖，恢复通行。回复「取消」暂不答复。`,
  complaintReplyHeld: '好的，暂不答复市民。',
  complaintsInHandToo: (codes: readonly string[]) =>
    `如说的是已签收的投诉（${codes.slice(0, 3).join('、')}${codes.length > 3 ? ' 等' : ''}），办理后请发送「回复 编号 办理结果」，结果会告知市民。`,
  whichComplaintToAnswer: (lines: readonly string[]) =>
    `请问是哪一件投诉？请回复编号，或说是哪一件（如「井盖那件」）；也可直接发送「回复 编号 办理结果」。您单位办理中的投诉：\n${lines.slice(0, 5).join('\n')}`,
  /** A handler's 「…修好了」 naming a place or thing none of the unit's open items is about. */
  noneInHandNamed: (lines: readonly string[]) =>
    `您单位没有与所说地点或事项相符的待整改隐患。办理中的投诉：\n${lines.slice(0, 5).join('\n')}\n如说的是其中一件，请发送「回复 编号 办理结果」；其他隐患的整改请发送「整改 编号」。`,
  whichComplaint: (lines: readonly string[]) =>
    `请问是哪一件投诉的办理结果？请发送「回复 编号 办理结果」。您单位办理中的投诉：\n${lines.slice(0, 5).join('\n')}`,
  citizenOurPhone: (phone: string | undefined) =>
    phone
      ? `住建局安全隐患投诉举报电话：${phone}。在这里反映同样有效，全天受理：直接发一句话说明问题和地点，我们登记后给您编号，并在1个工作日内答复。燃气泄漏、坍塌等险情请立即拨打 119。`
      : '在这里反映即可，全天受理：直接发一句话说明问题和地点，我们登记后给您编号，并在1个工作日内答复。电话反映请拨打 12345 政务服务便民热线；燃气泄漏、坍塌等险情请立即拨打 119。',
  citizenCallsUnanswered: (phone: string | undefined) =>
    `抱歉让您久等了。在这里反映同样有效，全天受理：直接发一句话说明问题和地点，我们登记后给您编号，并在1个工作日内答复。${phone ? `也可稍后再拨投诉举报电话 ${phone}。` : ''}燃气泄漏、坍塌等险情请立即拨打 119。`,
  citizenConductComplaint:
    '对工作人员作风、服务态度的意见，请拨打 12345 政务服务便民热线反映，或在工作时间到住建局办公室当面反映。这里受理安全隐患投诉和举报，如有隐患问题，请直接说明问题和地点。',
  citizenAdded: (code: string) => `已将补充内容记入投诉 ${code}，处理人员会一并核实。`,
  citizenServiceFeedback:
    '感谢您的意见，我们会不断改进。反映问题不用按格式：直接发一句话说明什么问题、在哪里（例如“人民路88号门口井盖没了”），也可以发语音、照片或定位；不方便的话可拨打 12345 政务服务便民热线。',
  phoneInFiled: (code: string, category: Category, unit: string | undefined, due: string, phone: boolean) =>
    `已代市民登记投诉 ${code}（${CATEGORY_LABELS[category]}），${unit ? `已派${unit}办理` : '待分派承办单位'}，办理时限 ${due}。市民不在公众号上，办理结果请承办单位电话告知市民${phone ? '（电话已记在投诉里）。' : '；市民留了电话的，请连同电话再登记（如「市民来电：人民路88号井盖丢了 电话139…」）。'}`,
  phoneInNeedsPlace: (what: string) =>
    `请连同地点再发一次，我来登记投诉，例如「市民来电：人民路88号${what.length <= 12 ? what : '井盖丢了'}」。`,
  phoneInByOthers:
    '市民来电反映的问题由值班员登记为投诉（1个工作日内办结）。请转告当班值班员；如是您在现场看到的隐患，直接说问题和地点即可上报。',
  citizenWhoHandles: (code: string, unit: string | undefined) =>
    `${unit ? `投诉 ${code} 由${unit}办理` : `投诉 ${code} 正在分派承办单位`}。工作人员的个人电话不对外提供；需要工作人员联系您，请回复您的手机号。办理结果会在这里告知您，发送「查询」可查看进度。`,
  citizenVenting:
    '理解您的心情，给您添麻烦了。请用一句话告诉我们具体是什么问题、在什么地方，我们登记后给您编号，1个工作日内答复；也可以拨打 12345 政务服务便民热线反映。',
  citizenHotline:
    '也可以拨打 12345 政务服务便民热线反映。在这里投诉同样有效：直接发一句话说明问题和地点，我们登记后给您编号，并在1个工作日内答复。',
  citizenPhotoHowTo:
    '发照片：点输入框旁的「+」，选「照片」或「拍摄」发送；发定位：点「+」选「位置」。照片和定位会附到您正在反映或最近的投诉。',
  citizenSatisfied: '感谢您的评价！有新的问题，直接发一句话说明问题和地点即可。',
  /** 「满意」 before the complaint is answered: thanked, and told the answer is still to come. */
  citizenSatisfiedBeforeAnswer: (code: string, status: ComplaintStatus) =>
    `感谢您的肯定！投诉 ${code} 还在办理中（目前${COMPLAINT_STATUS_LABELS[status]}），办理结果会在这里答复您，届时欢迎评价。`,
  citizenDissatisfied: (code: string) =>
    `已将您的评价记入投诉 ${code} 的办理记录，供督查人员回访核查。如问题仍未解决，请直接说明哪里还有问题，我们重新登记办理。`,
  citizenStillUnresolved: (code: string) =>
    `很抱歉问题还没有解决。已将您的反映记入投诉 ${code}，并转告承办单位和值班人员核实处理，结果会在这里告知您。方便的话请补充现场照片或具体情况。`,
  citizenConfirmsResolved: '感谢您的反馈，问题解决了就好！有新的问题，直接发一句话说明问题和地点即可。',
  contactChanged: (codes: readonly string[]) =>
    `已将投诉 ${codes.join('、')} 的联系电话更新为新号码，工作人员会按新号码与您联系。`,
  citizenWhoAnswers:
    '您好，这里是住建局安全隐患投诉受理的自动服务：您反映的问题会立即登记编号，转交工作人员在1个工作日内处理并在这里答复。需要工作人员电话联系，请留下手机号。',
  contactDeclined: '好的，不会打电话打扰您，办理结果将在这里告知您。',
  /** Where a complaint stands; while it is open, by when it will be answered (or that it is late and chased). */
  complaintStatus: (
    code: string,
    status: ComplaintStatus,
    outcome: string | null,
    due?: { at: string; overdue: boolean },
  ) =>
    `投诉 ${code}：${COMPLAINT_STATUS_LABELS[status]}${
      due ? (due.overdue ? '，已超过答复期限，正在督办' : `，将于 ${due.at} 前处理并答复`) : ''
    }${outcome ? `\n办理结果：${outcome}` : ''}`,
  complaintNotFound: (code: string) => `未找到编号为 ${code} 的投诉，请核对编号。`,
  /** A number no record has, said with words about it (a digit mistyped): found nothing, and how to look it up. */
  recordNotFound: (code: string) =>
    `未找到编号为 ${code} 的${RECORD_KINDS[code.slice(0, 2)] ?? '记录'}，请核对编号（可发送「我的待办」查看待办事项的编号）。`,
  signAllForHandlers: '投诉由责任单位的处理人员签收。需要跟进某件投诉，请发送「查询 编号」。',
  nothingToSign: '您单位目前没有待签收的投诉。发送「我的待办」查看其他待办事项。',
  signedAll: (codes: readonly string[]) =>
    codes.length > 0
      ? `已签收 ${codes.length} 件投诉：${codes.join('、')}。请在时限内办理，完成后发送「回复 编号 办理结果」。`
      : '这些投诉已由其他人签收，无需重复签收。',
  complaintRejectedNotice: (code: string, reason: string) =>
    `您反映的问题（编号 ${code}）经核实不属于本部门受理范围，不予受理：${reason}。如有疑问，可拨打 12345 政务服务便民热线。`,
  citizenHandledByWhy: (code: string, unit: string | undefined, kind: string) =>
    `投诉 ${code} 登记为「${kind}」类问题，按类别${unit ? `交由${unit}办理` : '正在派单'}。如类别不对，可回复「类别 燃气」等更正，我们会改派给负责的单位。`,
  citizenHandledByEach: (lines: readonly string[]) =>
    `您办理中的投诉及办理单位：\n${lines.join('\n')}\n发送「查询 编号」可查看进度。`,
  citizenHandledBy: (code: string, unit: string | undefined) =>
    unit
      ? `投诉 ${code} 由${unit}办理。发送「查询 ${code}」可查看进度。`
      : `投诉 ${code} 正在派单，确定办理单位后会尽快处理。发送「查询 ${code}」可查看进度。`,
  citizenStaffPhone:
    '为保护工作人员隐私，这里不提供个人电话。需要联系的，请回复您的手机号，处理人员会打给您；办理进度可发送「查询」查看。',
  noComplaints: '您暂无投诉记录。直接发送文字描述即可投诉。',
  complaintOutcome: (code: string, outcome: string) =>
    `您反映的问题（编号 ${code}）已办理：${outcome}\n感谢您的监督！对办理结果可直接回复「满意」「基本满意」或「不满意」；问题仍未解决请说明哪里还有问题。`,
  /** 「怎么评价」: how a citizen gives their verdict on the handling. */
  citizenHowToRate:
    '办理结果会在这里答复您。收到答复后，直接回复「满意」「基本满意」或「不满意」即可评价，我们会记入办理记录供督查回访核查；不满意请说明哪里还有问题，我们重新核查办理。',
  complaintHazardClosed: (code: string) =>
    `您反映的问题（编号 ${code}）已作为安全隐患登记整改，现已整改完毕并经验收销号。感谢您的监督！`,
  staffWelcome: (name: string, role: Role) => `${name}您好（${ROLE_LABELS[role]}）。发送「帮助」查看可用命令。`,
  help: (role: Role) =>
    [
      `【巡安】可用命令（${ROLE_LABELS[role]}）：`,
      '· 巡查 —— 填报日巡查工作记录',
      '· 上报隐患 —— 上报发现的隐患（可附照片、位置）',
      '· 整改 编号 —— 反馈隐患整改情况',
      ...(role === 'supervisor' || role === 'admin' || role === 'duty_officer'
        ? ['· 交办 编号 —— 交办隐患（重大隐患须填“五落实”）']
        : []),
      ...(role === 'supervisor' || role === 'admin'
        ? [
            '· 验收 编号（或 销号 编号）—— 验收整改结果，通过即销号',
            '· 督查 —— 填写督查记录表',
            '· 作废 XC编号 原因 —— 作废错误的巡查记录（弄虚作假请写明）',
            '· 作废 YH编号 原因 —— 作废误报或重复上报的隐患（记录保留并注明原因）',
            '· 延期 编号 新期限 原因 —— 延长整改或投诉办理期限',
            '· 收到报表 —— 确认收到各督查单位上报的月、季报表',
            '· 登记事故 —— 登记安全生产事故（计入考核和一票否决）',
          ]
        : []),
      ...(role === 'unit_handler'
        ? [
            '· 接收 YH编号 —— 接收交办的隐患，开始整改',
            '· 签收/回复/转办/重复 TS编号 —— 办理投诉',
            '· TS编号 申请延期 原因 —— 向督查员申请延长投诉办理时限',
          ]
        : []),
      ...(role === 'unit_handler' || role === 'supervisor' || role === 'duty_officer' || role === 'admin'
        ? [
            '· 转为隐患 TS编号（重大）—— 把反映真实隐患的投诉登记为隐患，销号后告知市民',
            ...(role === 'unit_handler'
              ? []
              : ['· 派单 / 转办 / 不予受理 TS编号 单位或原因 —— 派给、转给责任单位，或不予受理']),
            '· 核实 TS编号 属实/不属实 说明 —— 核实有奖举报',
          ]
        : []),
      ...(role === 'duty_officer' ? ['· 回访 TS编号 满意/基本满意/不满意 —— 记录回访结果'] : []),
      ...(role === 'supervisor' || role === 'admin' ? ['· 发放奖励 TS编号 方式 —— 登记举报奖励发放'] : []),
      ...(role === 'supervisor' || role === 'duty_officer' || role === 'leader' || role === 'admin'
        ? ['· 接报 / 处置 / 挂牌 / 摘牌 YH编号 —— 重大隐患接报、应急处置、挂牌督办']
        : []),
      ...(role === 'unit_handler' || role === 'supervisor' || role === 'leader' || role === 'admin'
        ? [
            '· 上报周报 / 上报月报 / 上报季报 / 上报统计表 —— 核对后确认上报报表',
            '· 工作建议：…… / 落实整改情况：…… —— 修改待上报报表的文字',
            '· 填报统计表 —— 填写专项整治三年行动统计表',
          ]
        : []),
      ...(role === 'leader' || role === 'supervisor' || role === 'unit_handler' || role === 'admin'
        ? ['· 签字 —— 签署待您签字的报表和督查记录（签字 DC编号 只签该督查记录）']
        : []),
      ...(role === 'unit_handler' || role === 'supervisor' || role === 'admin' || role === 'field_staff'
        ? ['· 巡查组 —— 登记巡查组巡查，逐项填写检查表', '· 诊断 / 分类 / 移交 / 销号 WT编号 —— 处理巡查组问题清单']
        : []),
      ...(role === 'leader' || role === 'supervisor' || role === 'duty_officer' || role === 'admin'
        ? ['· 简报（或「今天情况怎么样」）—— 查看巡查、隐患、投诉和超时升级的最新概况']
        : []),
      '· 我的待办 —— 查看待处理事项',
      '· 查询 编号 —— 查看隐患或投诉进度',
      '· 取消 —— 放弃当前填报',
    ].join('\n'),
  assignmentCard: (code: string, category: Category, description: string, due: string) => ({
    title: `新投诉待签收 ${code}`,
    description: `【${CATEGORY_LABELS[category]}】${description}\n办理时限：${due}`,
  }),
  cardAccepted: (code: string) => `已签收投诉 ${code}，请在时限内办理并回复结果。`,
  forbidden: '您没有权限执行此操作。',
} as const
