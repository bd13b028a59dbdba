import type { Category } from '../src/domain/categories'

/**
 * Short points for judging a major hazard (重大事故隐患) by category, shown when a reporter is asked for the
 * level. Condensed from the national and sector standards a city applies — 《房屋市政工程生产安全重大事故隐患判定
 * 标准（2022版）》, 《城镇燃气经营安全重大隐患判定标准》, the 城市桥梁 and 危险房屋 appraisal rules — as reminders,
 * not a replacement for them. A city edits this file to its own standards.
 */
export const MAJOR_HAZARD_CRITERIA: Partial<Record<Category, readonly string[]>> = {
  construction_site: [
    '深基坑未按方案开挖，支护结构严重变形或出现险情',
    '高大模板支撑未按方案搭设，基础沉降或立杆失稳',
    '塔吊、施工升降机未经验收使用或安全装置失效',
    '脚手架、卸料平台超载或严重变形',
    '特种作业人员无证上岗、有限空间作业未通风检测',
  ],
  bridge: [
    '主梁、墩台、支座、拉吊索等承重构件严重损坏或变形',
    '桥面塌陷、伸缩缝严重错台，危及通行',
    '护栏大面积缺失或断裂',
    '桥下违规堆放易燃易爆物品',
  ],
  gas: [
    '燃气管道或设施泄漏未处置',
    '管道被占压，或在安全间距内违规施工',
    '调压、储气设施安全装置失效',
    '餐饮等场所未装燃气泄漏报警装置、使用不合格燃气具',
  ],
  road_municipal: [
    '路面塌陷、空洞或深坑，危及行车行人',
    '井盖缺失、破损或严重下沉',
    '挡墙、边坡有垮塌风险',
    '路灯杆、标志杆有倾倒风险或带电部件裸露',
  ],
  sidewalk_excavation: ['开挖作业无围挡、无警示、夜间无照明', '深开挖无支护，临近建筑或地下管线', '回填不实造成塌陷'],
  greenery_park: [
    '行道树、古树严重倾斜、枯死或根系松动，可能倒伏',
    '大枝枯死悬挂在道路、人行道上方',
    '公园游乐设施、栈道、临水护栏损坏',
  ],
  dangerous_house: [
    '经鉴定为C级、D级危房仍在使用',
    '承重墙、梁柱出现贯通裂缝或明显倾斜、沉降',
    '外墙饰面、阳台等构件有脱落危险',
    '违规拆改承重结构',
  ],
  water_hydrant: [
    '供水主管爆管或大量漏水，路面有塌陷风险',
    '市政消防栓缺失、损坏或无水，影响灭火救援',
    '水厂、加压站安全设施失效',
  ],
}
