import { RECORDING_ROLES } from '../src/domain/record-permissions'
import type { Role } from '../src/domain/roles'
import { PATROL_CHECKLIST } from './patrol-checklist'

/**
 * The structured forms the bots offer, declared here rather than in the engine: which command starts
 * each, who may use it, and the fields in the order the bot asks for them. Field types decide how an
 * answer is understood (src/conversation/forms/answers.ts); questions and hints are what people read.
 */
export const FIELD_TYPES = [
  'datetime',
  'text',
  'count',
  'category',
  'level',
  'hazards',
  'unit',
  'verdict',
  'phone',
  'figures',
  'problems',
  'choice',
  'check',
] as const
export type FieldType = (typeof FIELD_TYPES)[number]

export interface FieldDefinition {
  key: string
  label: string
  type: FieldType
  question: string
  hint: string
  /** Required unless `optional`; `when` makes a field apply only in some drafts. */
  optional?: boolean
  /** Datetime fields about what is still to come (deadlines): "12月10日" means the next one. */
  future?: boolean
  /**
   * Datetime fields where a day is answer enough (a team patrol over several days): a day said alone is that
   * whole day — its start for a start, its end for an end — and no hour is asked.
   */
  dayIsEnough?: boolean
  /** Text fields that name people: an answer that names no one (「人民路沿线工地」「3」) is asked again. */
  names?: boolean
  when?: (draft: Record<string, unknown>) => boolean
  /** `figures` fields: what each number of the answer is, in order. */
  parts?: readonly string[]
  /**
   * `choice` fields: the values, each with its label and the words that pick it (the first choice whose
   * label or a word the answer contains wins, so put the longer, more specific words first).
   */
  choices?: readonly { value: string; label: string; words: readonly string[] }[]
}

export const FORM_IDS = [
  'patrol',
  'hazard',
  'assignment',
  'rectification',
  'verification',
  'supervision',
  'campaign',
  'accident',
  'team',
] as const
export type FormId = (typeof FORM_IDS)[number]

export interface FormDefinition {
  id: FormId
  title: string
  /** The first word(s) of a message that start this form; the rest of the message is read for fields. */
  commands: string[]
  roles: Role[]
  /** Which extraction schema reads free text for this form. */
  extraction?: 'patrol' | 'hazard'
  /** Forms about an existing hazard take its number after the command (整改 YH20261123-0001). */
  needsHazardCode?: boolean
  /**
   * A form without free-text extraction reads the words after its command field by field (a unit, a day);
   * what is left is this field's answer, so nothing said is lost.
   */
  restField?: string
  fields: FieldDefinition[]
}

export const FORMS: Record<FormId, FormDefinition> = {
  patrol: {
    id: 'patrol',
    title: '日巡查工作记录',
    commands: ['巡查', '日巡查', '巡查记录'],
    roles: [...RECORDING_ROLES.patrol],
    extraction: 'patrol',
    fields: [
      {
        key: 'startedAt',
        label: '开始时间',
        type: 'datetime',
        question: '请问巡查是几点开始的？',
        hint: '例如：今天上午9点、9:30',
      },
      { key: 'endedAt', label: '结束时间', type: 'datetime', question: '巡查几点结束？', hint: '例如：11点、11:30' },
      {
        key: 'area',
        label: '巡查路段/项目',
        type: 'text',
        question: '巡查了哪个路段或项目？',
        hint: '例如：柳叶湖大道',
      },
      {
        key: 'patrollers',
        label: '巡查人员',
        type: 'text',
        question: '参加巡查的人员有哪些？',
        hint: '多人用顿号分隔，例如：张伟、王刚',
      },
      {
        key: 'staffCount',
        label: '出动人次',
        type: 'count',
        question: '出动了多少人次？',
        hint: '请回复数字，例如：2',
      },
      {
        key: 'vehicleCount',
        label: '出动车次',
        type: 'count',
        question: '出动了多少车次？',
        hint: '请回复数字，步行请回复 0',
      },
      {
        key: 'hazards',
        label: '发现隐患',
        type: 'hazards',
        question: '本次巡查发现了什么隐患？没有请回复「无」。',
        hint: '请描述隐患，例如：井盖缺失；没有请回复「无」',
      },
      {
        key: 'handlingResult',
        label: '处理情况',
        type: 'text',
        question: '现场是如何处理的？',
        hint: '例如：已设围挡，已通知责任单位',
        when: (d) => Array.isArray(d.hazards) && d.hazards.length > 0,
      },
      { key: 'teamLeader', label: '带队人', type: 'text', question: '带队人是谁？', hint: '姓名', optional: true },
      // Taken from the message (「特护期巡查」「重点巡查」), routine otherwise; changed with 修改 巡查类型.
      {
        key: 'focus',
        label: '巡查类型',
        type: 'choice',
        question: '巡查类型：日常巡查、重点巡查还是特护期巡查？',
        hint: '回复：日常 / 重点 / 特护期',
        optional: true,
        choices: [
          { value: 'special_period', label: '特护期巡查', words: ['特护'] },
          { value: 'focused', label: '重点巡查', words: ['重点', '专项'] },
          { value: 'routine', label: '日常巡查', words: ['日常', '常态', '例行', '普通'] },
        ],
      },
    ],
  },
  hazard: {
    id: 'hazard',
    title: '隐患上报',
    commands: ['上报隐患', '隐患上报', '报隐患', '上报'],
    roles: [...RECORDING_ROLES.hazard],
    extraction: 'hazard',
    fields: [
      {
        key: 'description',
        label: '隐患描述',
        type: 'text',
        question: '请描述发现的隐患。',
        hint: '例如：井盖缺失，已设围挡',
      },
      {
        key: 'locationText',
        label: '地点',
        type: 'text',
        question: '隐患在什么位置？可直接发送位置。',
        hint: '例如：柳叶湖大道与朗州路口',
      },
      {
        key: 'category',
        label: '类别',
        type: 'category',
        question: '属于哪一类？',
        hint: '建筑工地、桥梁、燃气、道路及市政设施、占道挖掘、园林绿化、危房及物业小区、供水管网及消防栓',
      },
      {
        key: 'level',
        label: '等级',
        type: 'level',
        question: '是一般隐患还是重大隐患？',
        hint: '请回复「一般」或「重大」',
      },
    ],
  },
  assignment: {
    id: 'assignment',
    title: '隐患交办',
    commands: ['交办'],
    roles: ['supervisor', 'duty_officer', 'admin'],
    needsHazardCode: true,
    fields: [
      { key: 'unit', label: '责任单位', type: 'unit', question: '交办给哪个单位？', hint: '例如：质安处' },
      {
        key: 'rectifyDueAt',
        label: '整改期限',
        type: 'datetime',
        question: '整改期限到什么时候？回复「默认」按该类隐患的默认期限（派单规则中设置，一般30天）。',
        hint: '例如：12月10日18点，或回复「默认」',
        future: true,
        when: (d: Record<string, unknown>) => d.level !== 'major',
      },
      ...(
        [
          ['responsibility', '责任', '整改责任人或责任单位是谁？'],
          ['measures', '措施', '采取哪些整改措施？'],
          ['funding', '资金', '整改资金如何落实？'],
        ] as const
      ).map(([key, label, question]) => ({
        key,
        label: `五落实·${label}`,
        type: 'text' as const,
        question: `重大隐患须落实“五落实”。${question}`,
        hint: `请填写${label}落实情况`,
        when: (d: Record<string, unknown>) => d.level === 'major',
      })),
      // A major hazard's 时限 is its rectification deadline, however far (no one-month cap).
      {
        key: 'timeLimit',
        label: '五落实·时限',
        type: 'datetime',
        question: '重大隐患须落实“五落实”。整改完成时限到什么时候？',
        hint: '例如：明年1月15日前',
        future: true,
        when: (d: Record<string, unknown>) => d.level === 'major',
      },
      {
        key: 'contingencyPlan',
        label: '五落实·预案',
        type: 'text',
        question: '重大隐患须落实“五落实”。应急预案是什么？',
        hint: '请填写预案落实情况',
        when: (d: Record<string, unknown>) => d.level === 'major',
      },
    ],
  },
  rectification: {
    id: 'rectification',
    title: '整改反馈',
    commands: ['整改', '整改反馈'],
    roles: ['unit_handler', 'field_staff', 'admin'],
    needsHazardCode: true,
    fields: [
      {
        key: 'note',
        label: '整改情况',
        type: 'text',
        question: '请说明整改做了什么，可附整改后照片。',
        hint: '例如：已更换井盖并恢复路面',
      },
    ],
  },
  verification: {
    id: 'verification',
    title: '整改验收',
    // 销号 is what the scheme calls closing a hazard on a passed check (a WT problem's 销号 is read before forms).
    commands: ['验收', '销号'],
    roles: ['supervisor', 'admin'],
    needsHazardCode: true,
    fields: [
      {
        key: 'verdict',
        label: '验收结果',
        type: 'verdict',
        question: '验收是否通过？',
        hint: '请回复「通过」或「不通过」',
      },
      {
        key: 'reason',
        label: '不通过原因',
        type: 'text',
        question: '请说明不通过的原因。',
        hint: '例如：围挡不牢固',
        when: (d) => d.verdict === 'fail',
      },
    ],
  },
  supervision: {
    id: 'supervision',
    title: '督查记录表',
    commands: ['督查', '督查记录'],
    roles: [...RECORDING_ROLES.supervision],
    restField: 'matters',
    fields: [
      {
        key: 'inspectedUnit',
        label: '被督查单位',
        type: 'unit',
        question: '督查的是哪个单位？',
        hint: '例如：市政建设总公司',
      },
      { key: 'inspectedAt', label: '督查时间', type: 'datetime', question: '督查时间？', hint: '例如：今天上午10点' },
      { key: 'lead', label: '带队领导', type: 'text', question: '带队领导是谁？', hint: '姓名' },
      {
        key: 'members',
        label: '督查组成员',
        type: 'text',
        question: '督查组成员有哪些？',
        hint: '多人用顿号分隔，例如：陈刚、赵敏',
      },
      {
        key: 'matters',
        label: '督查事项',
        type: 'text',
        question: '督查了哪些事项？',
        hint: '例如：日巡查台账、隐患整改落实情况',
      },
      {
        key: 'problems',
        label: '存在的主要问题',
        type: 'text',
        question: '发现的主要问题？没有请回复「无」。',
        hint: '没有请回复「无」',
      },
      {
        key: 'requirements',
        label: '整改要求',
        type: 'text',
        question: '提出的整改要求？没有请回复「无」。',
        hint: '没有请回复「无」',
      },
    ],
  },
  campaign: {
    id: 'campaign',
    title: '专项整治统计表',
    commands: ['填报统计表', '专项整治统计表', '填写统计表'],
    roles: ['unit_handler', 'supervisor', 'leader', 'admin'],
    fields: [
      {
        key: 'study',
        label: '学习宣贯（本月）',
        type: 'figures',
        parts: ['专题学习次数', '重点报道数量'],
        question: '本月组织学习习近平总书记关于安全生产重要论述的专题学习几次？刊登（推出）重点报道几篇？',
        hint: '依次填写2个数字，例如：2、3；都没有请回复「无」',
      },
      {
        key: 'enforcement',
        label: '执法处罚（本月）',
        type: 'figures',
        parts: [
          '打击严重违法违规行为（起）',
          '关闭取缔（家）',
          '停产整顿（家）',
          '处罚罚款（万元）',
          '联合惩戒失信企业（家）',
          '问责曝光单位（家）',
          '问责曝光人员（人）',
        ],
        question:
          '本月执法处罚情况：打击严重违法违规行为（起）、关闭取缔（家）、停产整顿（家）、处罚罚款（万元）、联合惩戒失信企业（家）、问责曝光单位（家）、人员（人）？',
        hint: '依次填写7个数字，例如：1、0、0、2.5、0、0、0；都没有请回复「无」',
      },
      {
        key: 'risks',
        label: '安全风险辨识及管控',
        type: 'figures',
        parts: ['重大安全风险辨识评估数量', '有效管控数量'],
        question: '目前重大安全风险辨识评估数量、有效管控数量各是多少？',
        hint: '依次填写2个数字，例如：5、5',
      },
      {
        key: 'problems',
        label: '存在的主要问题及整改情况',
        type: 'problems',
        question:
          '存在的主要问题及整改情况？每条一行：「方面：主要问题；具体表现；整改措施及完成情况」（方面如：安全发展理念、安全生产责任、隐患排查和预防控制、基础建设、其他）。',
        hint: '例如：基础建设：监管力量不足；专职人员2人；已申请增编，预计年底到位。没有请回复「无」',
      },
    ],
  },
  accident: {
    id: 'accident',
    title: '事故登记',
    commands: ['登记事故', '事故登记', '事故报告登记'],
    // 安监科 records accidents for the assessment (source 000 五, 附件1 2-5 and 3-3).
    roles: ['supervisor', 'admin'],
    // 「事故：今天上午10点，朗州路燃气管道被挖断」: the account as told, its unit and time read from it.
    restField: 'description',
    fields: [
      {
        key: 'unit',
        label: '责任单位',
        type: 'unit',
        question: '事故属于哪个单位的行业监管范围？',
        hint: '例如：燃气办',
      },
      {
        key: 'occurredAt',
        label: '发生时间',
        type: 'datetime',
        question: '事故发生时间？',
        hint: '例如：11月18日下午3点',
      },
      { key: 'place', label: '地点', type: 'text', question: '事故地点？', hint: '例如：武陵大道与人民路交叉口' },
      {
        key: 'accidentLevel',
        label: '事故等级',
        type: 'choice',
        question: '事故等级：一般、较大还是重大？',
        hint: '回复：一般 / 较大 / 重大',
        choices: [
          { value: 'larger', label: '较大', words: ['较大'] },
          { value: 'major', label: '重大', words: ['重大', '特别重大'] },
          { value: 'general', label: '一般', words: ['一般', '普通'] },
        ],
      },
      {
        key: 'deaths',
        label: '死亡人数',
        type: 'count',
        question: '死亡人数？没有请回复「0」。',
        hint: '例如：0',
      },
      {
        key: 'reporting',
        label: '报告情况',
        type: 'choice',
        question: '事故是否按时报告？（按时 / 迟报 / 漏报 / 谎报 / 瞒报）',
        hint: '回复：按时 / 迟报 / 漏报 / 谎报 / 瞒报',
        choices: [
          { value: 'late', label: '迟报', words: ['迟报', '晚报', '报告晚', '报晚'] },
          { value: 'omitted', label: '漏报', words: ['漏报'] },
          { value: 'false', label: '谎报', words: ['谎报', '虚报'] },
          { value: 'concealed', label: '瞒报', words: ['瞒报', '隐瞒', '未报', '没报', '没有报'] },
          { value: 'on_time', label: '按时报告', words: ['按时', '及时', '准时', '正常'] },
        ],
      },
      {
        key: 'mediaExposure',
        label: '媒体曝光',
        type: 'choice',
        question: '是否被媒体曝光？（未曝光 / 市县级 / 省级 / 中央级）',
        hint: '回复：未曝光 / 市县级 / 省级 / 中央级',
        choices: [
          { value: 'none', label: '未曝光', words: ['未曝光', '没有曝光', '没曝光', '无', '没有', '否'] },
          { value: 'national', label: '中央级媒体曝光', words: ['中央', '国家级', '全国'] },
          { value: 'provincial', label: '省级媒体曝光', words: ['省级', '省'] },
          { value: 'local', label: '市县级媒体曝光', words: ['市级', '县级', '市县', '本地', '地方'] },
        ],
      },
      {
        key: 'negligencePoints',
        label: '失职渎职扣分',
        type: 'count',
        question: '是否认定工作失职渎职（附件1 2-5 视情况扣分）？认定的请回复扣分（1–80），未认定请回复「无」。',
        hint: '例如：10；未认定回复「无」',
      },
      {
        key: 'description',
        label: '经过和认定',
        type: 'text',
        question: '请简述事故经过和认定情况。',
        hint: '例如：燃气管道泄漏引发闪爆，未按规定上报',
      },
    ],
  },
  team: {
    id: 'team',
    title: '巡查组巡查',
    commands: ['巡查组', '巡查组巡查', '组织巡查'],
    roles: ['field_staff', 'unit_handler', 'supervisor', 'admin'],
    fields: [
      { key: 'teamName', label: '巡查组', type: 'text', question: '巡查组名称？', hint: '例如：第一巡查组' },
      { key: 'teamLeader', label: '组长', type: 'text', question: '组长是谁？', hint: '姓名', names: true },
      {
        key: 'members',
        label: '组员',
        type: 'text',
        names: true,
        question: '组员有哪些？（巡查组3至5人，含组长）',
        hint: '多人用顿号分隔，例如：王刚、李强',
      },
      {
        key: 'target',
        label: '被巡查单位/乡镇',
        type: 'text',
        question: '巡查的是哪个单位或乡镇（街道）？',
        hint: '例如：丹阳街道',
      },
      {
        key: 'startedAt',
        label: '开始时间',
        type: 'datetime',
        question: '巡查从什么时候开始？',
        hint: '例如：12月1日，或12月1日至12月3日',
        dayIsEnough: true,
      },
      {
        key: 'endedAt',
        label: '结束时间',
        type: 'datetime',
        question: '巡查到什么时候结束？',
        hint: '例如：12月2日',
        dayIsEnough: true,
      },
      // Source 003, item by item: 符合 / 不符合（问题）/ 不适用; 「其余符合」 or 「本节不适用」 answer the rest at once.
      ...PATROL_CHECKLIST.map((item, i) => ({
        key: `check_${item.id.replaceAll('.', '_')}`,
        label: `${item.id} ${item.text}`,
        type: 'check' as const,
        question: `检查表第${i + 1}/${PATROL_CHECKLIST.length}项【${item.topic}】${item.text}\n回复：符合 / 不符合 问题说明 / 不适用（「其余符合」「本节不适用」可一次回复多项）`,
        hint: '请回复「符合」「不符合 问题说明」或「不适用」',
      })),
    ],
  },
}
