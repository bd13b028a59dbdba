import type { Category } from '../src/domain/categories'
import type { Role } from '../src/domain/roles'

/**
 * The city Xun'an starts with: the eight patrol units of the source documents and the domain each is
 * responsible for, the supervising office (安监科), the bureau, and one demo person per role. A real
 * city edits units, routing and people in the console; this file is only the starting point.
 */
export interface CityDefinition {
  /** `leads`: the lead office (牵头科室, 安监科) that receives the supervising units' reports and owes the bulletin. */
  units: {
    code: string
    name: string
    kind: 'patrol' | 'supervising' | 'bureau'
    leader?: string
    leads?: boolean
    /** What the unit patrols, in the scheme's words (source 000 (一) 巡查责任). */
    patrolScope?: string
  }[]
  routing: { category: Category; unit: string; keywords: string[] }[]
  people: { key: string; name: string; role: Role; unit?: string; phone?: string }[]
  /** Who inspects whom how often a month or a quarter (source 000 (二)); edited later in the admin pages. */
  supervision?: { supervisor: string; units: string[]; perMonth?: number; perQuarter?: number }[]
  /** Special campaigns (source 004): the units taking part file its statistics table monthly. */
  campaigns?: { name: string; startsOn?: string; units: string[] }[]
  /**
   * Place names people write without a place word (a county, a district, a part of town): the free-text reader
   * knows 「朗州路」「沅水大桥」 by their endings, and these by name. Add the city's own here.
   */
  places?: string[]
}

export const DEFAULT_CITY: CityDefinition = {
  units: [
    { code: 'bureau', name: '常德市住房和城乡建设局', kind: 'bureau', leader: 'leader' },
    { code: 'anjianke', name: '安监科', kind: 'supervising', leader: 'leader', leads: true },
    // The other supervising units of source 000 (二) 2–4.
    { code: 'jianguanke', name: '建管科', kind: 'supervising', leader: 'leader' },
    { code: 'chengjianke', name: '城建科', kind: 'supervising', leader: 'leader' },
    { code: 'guanwangban', name: '市管网办', kind: 'supervising' },
    { code: 'gongyongju', name: '市公用局', kind: 'supervising' },
    {
      code: 'zhianchu',
      name: '质安处',
      kind: 'patrol',
      patrolScope: '市质安处负责市城区已受监在建工地（违法建设工地移交市住建局执法监察支队监管）安全日常巡查工作。',
    },
    {
      code: 'qiaoguanchu',
      name: '桥管处',
      kind: 'patrol',
      patrolScope: '市桥管处负责市城区已移交接管的城市桥梁安全日常巡查工作。',
    },
    {
      code: 'ranqiban',
      name: '燃气办',
      kind: 'patrol',
      patrolScope: '市燃气办负责市城区燃气企业安全日常巡查工作。',
    },
    {
      code: 'shizheng',
      name: '市政建设总公司',
      kind: 'patrol',
      leader: 'unit_leader',
      patrolScope: '市市政建设总公司负责市城区城市主次干道（含所有市政设施）安全日常巡查工作。',
    },
    {
      code: 'daoguanchu',
      name: '道管处',
      kind: 'patrol',
      patrolScope: '市道管处负责市城区非机动车道和人行道行政审批后的临时占用、开挖安全的日常巡查工作。',
    },
    {
      code: 'yuanlin',
      name: '园林局',
      kind: 'patrol',
      patrolScope: '市园林局负责市城区城市主次干道行道绿化和园林局所属的公园安全日常巡查工作。',
    },
    {
      code: 'fangguanju',
      name: '房管局',
      kind: 'patrol',
      patrolScope: '市房管局负责市城区纳入危房监管和设有物业管理住宅小区的安全日常巡查工作。',
    },
    {
      code: 'zilaishui',
      name: '自来水公司',
      kind: 'patrol',
      patrolScope: '市自来水公司负责市城区供水管网与设施（含市城区所有市政消防栓）安全日常巡查工作。',
    },
  ],
  routing: [
    {
      category: 'construction_site',
      unit: 'zhianchu',
      keywords: ['工地', '施工', '脚手架', '塔吊', '基坑', '在建', '高支模', '升降机', '渣土车'],
    },
    {
      category: 'bridge',
      unit: 'qiaoguanchu',
      keywords: ['桥', '桥梁', '天桥', '涵洞', '护栏', '伸缩缝', '桥墩', '桥面'],
    },
    { category: 'gas', unit: 'ranqiban', keywords: ['燃气', '煤气', '天然气', '气味', '漏气', '液化气'] },
    {
      category: 'road_municipal',
      unit: 'shizheng',
      keywords: ['井盖', '道路', '路面', '坑洼', '塌陷', '路灯', '窨井'],
    },
    {
      category: 'sidewalk_excavation',
      unit: 'daoguanchu',
      keywords: ['占道', '挖掘', '人行道', '开挖', '堆放', '回填'],
    },
    {
      category: 'greenery_park',
      unit: 'yuanlin',
      keywords: ['绿化', '树木', '树', '公园', '倒伏', '枯树', '草坪', '树枝', '枯枝', '古树', '行道树'],
    },
    { category: 'dangerous_house', unit: 'fangguanju', keywords: ['危房', '小区', '物业', '墙体', '开裂', '外墙'] },
    {
      category: 'water_hydrant',
      unit: 'zilaishui',
      keywords: ['水管', '爆管', '消防栓', '消火栓', '停水', '漏水', '供水', '水厂'],
    },
  ],
  people: [
    { key: 'field_staff', name: '张伟', role: 'field_staff', unit: 'shizheng', phone: '13800000001' },
    { key: 'handler', name: '李娜', role: 'unit_handler', unit: 'shizheng', phone: '13800000002' },
    { key: 'handler_zhianchu', name: '王强', role: 'unit_handler', unit: 'zhianchu', phone: '13800000003' },
    { key: 'duty_officer', name: '赵敏', role: 'duty_officer', unit: 'anjianke', phone: '13800000004' },
    { key: 'supervisor', name: '陈刚', role: 'supervisor', unit: 'anjianke', phone: '13800000005' },
    { key: 'unit_leader', name: '孙建国', role: 'leader', unit: 'shizheng', phone: '13800000006' },
    { key: 'leader', name: '刘明', role: 'leader', unit: 'bureau', phone: '13800000007' },
    { key: 'admin', name: '系统管理员', role: 'admin', unit: 'bureau' },
    { key: 'citizen', name: '市民小周', role: 'citizen' },
  ],
  // Source 000 (二): 安监科 inspects every patrol unit (1); 建管科 inspects building safety quarterly — the
  // construction-site and housing-safety units (2); 城建科 and 市管网办 inspect 市政建设总公司 monthly (3);
  // 市公用局 inspects the utilities under it monthly (4); at least twice a month where monthly (5). 房管局 and
  // 园林局 also supervise their own subordinate patrol units (4): a city adds those units and rows in the console.
  supervision: [
    {
      supervisor: 'anjianke',
      units: ['zhianchu', 'qiaoguanchu', 'ranqiban', 'shizheng', 'daoguanchu', 'yuanlin', 'fangguanju', 'zilaishui'],
      perMonth: 2,
    },
    { supervisor: 'jianguanke', units: ['zhianchu', 'fangguanju'], perMonth: 0, perQuarter: 1 },
    { supervisor: 'chengjianke', units: ['shizheng'], perMonth: 2 },
    { supervisor: 'guanwangban', units: ['shizheng'], perMonth: 2 },
    { supervisor: 'gongyongju', units: ['ranqiban', 'zilaishui'], perMonth: 2 },
  ],
  // The demo city takes part in one campaign; without a start date it began three months before the seed.
  campaigns: [
    {
      name: '城市建设安全专项整治三年行动',
      units: ['zhianchu', 'qiaoguanchu', 'ranqiban', 'shizheng', 'daoguanchu', 'yuanlin', 'fangguanju', 'zilaishui'],
    },
  ],
  // Changde's districts and counties as people say them, and the parts of town.
  places: [
    '武陵区',
    '鼎城区',
    '安乡县',
    '汉寿县',
    '澧县',
    '临澧县',
    '桃源县',
    '石门县',
    '津市市',
    '安乡',
    '汉寿',
    '临澧',
    '桃源',
    '石门',
    '津市',
    '柳叶湖',
    '西湖',
    '西洞庭',
    '桃花源',
    '经开区',
    '高新区',
    '武陵阁',
    '城北',
    '城南',
    '城东',
    '城西',
    '江北',
    '江南',
    '老城区',
  ],
}
