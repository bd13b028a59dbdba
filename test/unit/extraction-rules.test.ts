import { describe, expect, it } from 'vitest'
import { DEFAULT_CITY } from '../../bots/default-city'
import { namesDefect } from '../../src/conversation/extract/hazard-statements'
import { findPlaces } from '../../src/conversation/extract/place'
import { extractComplaint, extractPatrol, RULES_READ_LIMIT, readByRules } from '../../src/conversation/extract/rules'
import { hazardsInReport } from '../../src/conversation/forms/hazard-split'
import { intentOf } from '../../src/conversation/intent'
import { classifyByKeywords } from '../../src/domain/classify'
import { zonedInstant } from '../../src/domain/local-time'

/**
 * Patrol reports typed the way field staff type them, outside the labelled set the keyword lists were tuned
 * on (issue: extraction that generalises): nothing found said in other words, defects listed without 发现, a
 * grade in a clause of its own, counts with the noun first, the place followed by a space.
 */
const ctx = {
  now: zonedInstant('2026-12-03', 'Asia/Shanghai', 18),
  timeZone: 'Asia/Shanghai',
  categoryRules: DEFAULT_CITY.routing.map((r) => ({ category: r.category, keywords: r.keywords })),
}

/** Places found, as the forms count 发现隐患（处）: the sum of the statements' counts. */
const total = (text: string) => (extractPatrol(text, ctx).hazards ?? []).reduce((sum, h) => sum + (h.count ?? 1), 0)

describe('what was done on the spot', () => {
  it.each([
    ['发现朝阳路井盖缺失，已经设置了围挡', '已经设置了围挡'],
    ['井盖缺失，现场拉了警戒线', '现场拉了警戒线'],
    ['基坑临边无防护，当场责令停工整改', '当场责令停工整改'],
    ['井盖缺失，通知了市政所来修', '通知了市政所来修'],
    ['发现护栏缺失，要求施工单位整改', '要求施工单位整改'],
    ['发现井盖缺失，已通知物业处理', '已通知物业处理'],
    // What was done goes on past the first clause.
    ['紫菱路12号门前井盖破损一处，已设置警示标志，通知养护单位', '已设置警示标志，通知养护单位'],
    // A notice served is what was done (it was asked for as if nothing had been).
    ['发现问题2处 1.基坑无护栏 2.塔吊无证操作 均已下发整改通知', '已下发整改通知'],
    ['滨江路工地围挡缺失，已开具整改通知书', '已开具整改通知书'],
    // What is to be done later the same day goes on with what was done.
    ['井盖松动，都已拍照，下午通知养护单位', '已拍照，下午通知养护单位'],
    ['护栏断裂，现场拉了警戒线；并上报市政所', '现场拉了警戒线，并上报市政所'],
    ['白马湖路有棵树倒了挡在路上，已经打电话给园林处理了', '已经打电话给园林处理了'],
    // Fenced off with what was at hand (the handling had been asked for).
    ['柳叶大道人行道有一处深约30公分的坑 已经用锥桶围起来了', '已经用锥桶围起来了'],
  ])('reads the handling in 「%s」', (finding, handling) => {
    const fields = extractPatrol(`今天上午9点到11点3人1车巡查人民路，${finding}`, ctx)
    expect(fields.handlingResult).toBe(handling)
    expect(fields.hazards?.[0]?.description).not.toContain(handling)
  })

  it.each(['人民路井盖缺失', '工地要求工人戴安全帽但没人戴'])('finds no handling in 「%s」', (finding) => {
    expect(extractPatrol(`今天上午9点到11点3人1车巡查人民路，${finding}`, ctx).handlingResult).toBeUndefined()
  })
})

describe('patrol reports as people type them', () => {
  it.each(['上午9点到11点巡查武陵大道，未见异常', '下午在人民路巡查，没发现什么问题', '今天巡查洞庭大道，一切正常'])(
    'reads 「%s」 as nothing found',
    (text) => {
      expect(extractPatrol(text, ctx).hazards).toEqual([])
    },
  )

  it('keeps the place and drops the patrol words around it (「今天上午在人民路巡查时发现一个井盖缺失」)', () => {
    expect(
      extractPatrol('今天上午在人民路巡查时发现一个井盖缺失，已经设置了警示锥，另外建设路有一盏路灯不亮', ctx).hazards,
    ).toMatchObject([{ description: '人民路井盖缺失' }, { description: '建设路有一盏路灯不亮' }])
    // A retaining wall's face seeping is the wall's, not a second (house) hazard.
    expect(extractPatrol('天门山大道 有一段挡土墙的排水孔都堵了 墙面有点渗水', ctx).hazards).toHaveLength(1)
  })

  it('names those listed beside the reporter without a label, and keeps the turn-out out of what was found', () => {
    const named = { ...ctx, reporterName: '张伟' }
    expect(extractPatrol('今天下午2点-4点 洞庭大道 张伟 李强 1车 正常', named)).toMatchObject({
      patrollers: '张伟、李强',
      staffCount: 2,
      vehicleCount: 1,
      hazards: [],
    })
    expect(extractPatrol('上午 人民路 建设路 张伟 李强 王明 2车 发现井盖缺失', named)).toMatchObject({
      area: '人民路、建设路',
      patrollers: '张伟、李强、王明',
      hazards: [{ description: '井盖缺失' }],
    })
    // The reporter alone, or beside a road, is no list of people.
    expect(extractPatrol('下午巡查 洞庭大道 张伟 正常', named).staffCount).toBeUndefined()
    // One name after 人员 without its colon is one person out; a word that is no name is nobody.
    expect(extractPatrol('上午巡查柳叶湖片区，人员张伟，发现湖边护栏断了一截', named)).toMatchObject({
      patrollers: '张伟',
      staffCount: 1,
    })
    expect(extractPatrol('上午巡查柳叶湖片区，人员较多，发现湖边护栏断了一截', named).staffCount).toBeUndefined()
  })

  it('keeps what was found when the message also says nothing else was', () => {
    expect(extractPatrol('上午巡查人民路，发现井盖缺失，未见其他问题', ctx).hazards).toMatchObject([
      { description: '井盖缺失' },
    ])
  })

  it('finds defects listed after the place without a lead word, and keeps them out of the place', () => {
    const fields = extractPatrol('下午巡查朗州路 井盖缺失、护栏断了两处、路灯不亮', ctx)
    expect(fields.area).toBe('朗州路')
    // Each item of the 、 list is a statement of its own, with the places it counts.
    expect(fields.hazards).toMatchObject([
      { description: '井盖缺失', category: 'road_municipal', count: 1 },
      { description: '护栏断了两处', category: 'road_municipal', count: 2 },
      { description: '路灯不亮', category: 'road_municipal', count: 1 },
    ])
  })

  it('reads each counted item of a list as its own, but not the items under a counted heading or the scope', () => {
    const counts = (text: string) => extractPatrol(text, ctx).hazards?.map((h) => h.count)
    expect(counts('城区供水管网巡查：发现消防栓损坏5个、被圈占2个、被埋压1个')).toEqual([5, 2, 1])
    expect(counts('湘江北路 一处人行道树坑没有盖板 一处行道树倒伏')).toEqual([1, 1])
    expect(counts('上午在城北巡查发现三处井盖：一处缺失、一处破损、一处高差过大')).toEqual([3])
    expect(counts('上午对辖区内3个老旧小区开展危房排查，发现C级危房1栋、D级危房1栋')).toEqual([1, 1])
  })

  it('takes the domain of a themed patrol to settle a tie, and reads a tree pit as the sidewalk’s', () => {
    const categories = (text: string) => extractPatrol(text, ctx).hazards?.map((h) => h.category)
    expect(categories('城北供水管网巡查，发现一处消防栓无水，一处水表井盖缺失')).toEqual([
      'water_hydrant',
      'water_hydrant',
    ])
    expect(categories('莲池路巡查 一处树池盖板缺失')).toEqual(['sidewalk_excavation'])
    // Without the theme, a manhole cover is the road's.
    expect(categories('上午巡查城北，发现一处井盖缺失')).toEqual(['road_municipal'])
  })

  it('offers no place made of who did it (「有人在小区」「燃气公司的人把我们小区」), and keeps 「…的人行天桥」', () => {
    expect(readByRules('complaint', '有人在小区里私自改燃气管道', ctx).fields.locationText).toBeUndefined()
    expect(readByRules('complaint', '燃气公司的人把我们小区的路挖了不填', ctx).fields.locationText).toBeUndefined()
    expect(readByRules('complaint', '水星楼那边的人行天桥 台阶 有一块 塌了', ctx).fields.locationText).toBeDefined()
  })

  it('takes an estate named after the fact (「小区叫金色家园」) as the place, with the building said before it', () => {
    const place = (text: string) => readByRules('complaint', text, ctx).fields.locationText
    // A number after the section of a road is part of it.
    expect(place('我家门口的下水道堵了，污水都冒出来了，在建设路南段23号')).toBe('建设路南段23号')
    // A short name after 在 at the end, ending like a spot people name: the place, guessed (the citizen is asked).
    const reading = readByRules('complaint', '老城区那边好多房子墙都裂了，下雨天更严重，在老西门', ctx)
    expect(reading.fields.locationText).toBe('老西门')
    expect(reading.unsure).toContain('locationText')
    expect(place('我们小区3栋外墙瓷砖掉下来了，差点砸到人，小区叫金色家园')).toBe('金色家园3栋')
    expect(place('小区电梯坏了一个星期了，小区名字叫阳光花园')).toBe('阳光花园')
  })

  it('keeps the building said after an estate in brackets (「我们小区（阳光花园）2号楼」「阳光花园（2号楼）」)', () => {
    const place = (text: string) => readByRules('complaint', text, ctx).fields.locationText
    expect(place('我想反映一下，我们小区（阳光花园）2号楼的外墙瓷砖经常往下掉')).toBe('阳光花园2号楼')
    expect(place('金色家园(3栋2单元)楼道灯坏了')).toBe('金色家园3栋2单元')
    // A bracket that says something else about the place is still no part of it.
    expect(place('人民路（近建设路口）有个坑')).toBe('人民路')
  })

  it('reads building without a permit (「楼顶加盖了一层」「违章建筑」) as something wrong', () => {
    for (const said of ['人民路88号楼顶加盖了一层', '我要举报违章建筑', '小区里有人私搭乱建'])
      expect(namesDefect(said), said).toBe(true)
  })

  it('reads something fallen off (掉) as wrong, and something deleted (删掉) or thrown away (扔掉) as not', () => {
    for (const said of ['井盖掉下去了', '外墙瓷砖掉了一块']) expect(namesDefect(said), said).toBe(true)
    for (const said of ['把他删掉', '这条删掉吧', '旧表格扔掉了']) expect(namesDefect(said), said).toBe(false)
  })

  it('reads a caption sent after photos (「这两张是人民路井盖破损的照片」) as what is wrong there', () => {
    expect(readByRules('hazard', '这两张是人民路井盖破损的照片', ctx).fields).toMatchObject({
      description: '人民路井盖破损',
      locationText: '人民路',
    })
    expect(readByRules('hazard', '照片是建设路口的坑', ctx).fields.description).toBe('照片是建设路口的坑')
  })

  it('takes no place from one only pointed at, or from where water went (「这个工地」「污水都冒到路」 had been offered)', () => {
    for (const said of [
      '这个工地围挡破了个大口子 人可以随便进',
      '那个小区门口井盖没了',
      '下水道堵了 污水都冒到路上了 臭死了',
    ])
      expect(readByRules('hazard', said, ctx).fields.locationText, said).toBeUndefined()
    expect(readByRules('hazard', '东风小区门口井盖没了', ctx).fields.locationText).toBe('东风小区门口')
  })

  it('grades a hazard report as a patrol finding is graded: 「严重」 in a description is degree, not 重大', () => {
    const level = (text: string) => readByRules('hazard', text, ctx).fields.level
    expect(level('建设路桥下积水严重，比较危险')).toBe('general')
    expect(level('人民路人行道地砖破损严重')).toBe('general')
    expect(level('桂园小区3栋墙体开裂严重')).toBe('major')
    expect(level('路灯杆倾斜快倒了')).toBe('major')
    expect(level('人民路井盖缺失，这个比较严重')).toBe('major')
    expect(level('朗州路路面塌陷')).toBe('major')
    expect(level('检查了燃气管道，不是重大隐患，阀门有点锈')).toBe('general')
  })

  it('grades the statement before a clause that only says where the danger would go, or names a risk of falling', () => {
    const levels = (text: string) => extractPatrol(text, ctx).hazards?.map((h) => h.level)
    expect(levels('巡查洞庭大道，发现绿化带内一棵大樟树根部被挖空，树干倾斜，随时可能倒向机动车道')).toEqual(['major'])
    expect(levels('今天巡查白马湖公园，有一棵古树的树干中空，有倒伏风险')).toEqual(['major'])
  })

  it('starts another statement where the writer numbers it or says 还有, and counts 件', () => {
    const counts = (text: string) => extractPatrol(text, ctx).hazards?.map((h) => h.count)
    expect(counts('巡查发现：1.建设路人行道地砖破损；2.人民路人行道被摆摊占用；3.朗州路盲道被车辆占用')).toEqual([
      1, 1, 1,
    ])
    expect(counts('西站附近在建项目 外架的安全网破了好几个洞 还有工人没系安全带在高处作业')).toEqual([1, 1])
    expect(counts('下午巡查滨江公园 健身器材坏了3件')).toEqual([3])
  })

  it.each([
    '昨天下午看了下武陵大道那个在建商业综合体，塔吊的标准节螺栓有松动',
    '临澧县城安福路一处危房，外墙已经鼓出来了，D级',
    '德山枉水大桥限高架被货车撞弯了，横梁快掉下来了',
  ])('grades 「%s」 major', (text) => {
    expect(extractPatrol(text, ctx).hazards?.some((h) => h.level === 'major')).toBe(true)
  })

  it('counts houses by 栋 after them, and not a building number in an address', () => {
    expect(total('上午巡查老城区，发现危房2栋')).toBe(2)
    expect(total('下午巡查城东片区，民房3栋外墙开裂')).toBe(3)
    expect(total('上午巡查桂园小区，5栋楼道内燃气管道被私自改装')).toBe(1)
  })

  it.each([
    '昨天下午三点半到五点在滨湖路巡查，发现井盖破损，属于重大隐患',
    '今天上午巡查人民路，井盖缺失，定为重大隐患',
  ])('takes the grade from its own clause in 「%s」', (text) => {
    expect(extractPatrol(text, ctx).hazards?.[0]?.level).toBe('major')
  })

  it('reads counts with the noun first, and 巡了 as the verb', () => {
    const fields = extractPatrol('今天早上巡了柳叶湖大道 人员3名 车辆1台 发现3处坑洼', ctx)
    expect(fields).toMatchObject({ area: '柳叶湖大道', staffCount: 3, vehicleCount: 1 })
    expect(extractPatrol('上午巡查桃花源路，出动人员：4，车辆2台，未发现隐患', ctx)).toMatchObject({
      staffCount: 4,
      vehicleCount: 2,
      hazards: [],
    })
  })
})

describe('the category of what is broken, not of where it stands', () => {
  it.each([
    ['人行道上的大树倒了，挡住了路', 'greenery_park'],
    ['人行道上的行道树枯死了', 'greenery_park'],
    ['小区门口的井盖松动', 'road_municipal'],
    ['人行道被挖开没有回填', 'sidewalk_excavation'],
  ] as const)('「%s」 is %s', (text, category) => {
    expect(classifyByKeywords(text, ctx.categoryRules)).toBe(category)
  })

  it.each([
    // A building letting water in is the building's, not a water main's.
    ['房子漏水开发商不管，已经三个月了，在滨江花园', 'dangerous_house'],
    ['人民路水管漏水', 'water_hydrant'],
    // A sewer's or an inspection well's cover, and a well someone fell into, are the roads' (they were 其他).
    ['丹阳路口 污水井 盖子 没了', 'road_municipal'],
    ['有人掉进井里了！！！人民路', 'road_municipal'],
    // The park only says where the drain is, in a clause of its own.
    ['路边的排水沟盖板没了，很危险，在白马湖公园北门', 'road_municipal'],
  ] as const)('a complaint 「%s」 is %s', (text, category) => {
    expect(readByRules('complaint', text, ctx).fields.category).toBe(category)
  })
})

describe('long messages', () => {
  it('reads the first part of a very long complaint and keeps all of it in the description', () => {
    const text = `人民路88号门口井盖缺失，${'情况说明。'.repeat(600)}结尾`
    const fields = extractComplaint(text, ctx)
    expect(text.length).toBeGreaterThan(RULES_READ_LIMIT)
    expect(fields.description).toBe(text)
    expect(fields.category).toBe('road_municipal')
    expect(fields.locationText).toBe('人民路88号')
  })
})

describe('a patrol written as a report or as a form with spaces', () => {
  it('takes what the patrol was carried out on (「对…进行了巡查」) as its area', () => {
    expect(extractPatrol('报告：今天上午对城区主干道进行了巡查，共出动人员4人次，车辆2台次', ctx)).toMatchObject({
      area: '城区主干道',
      staffCount: 4,
      vehicleCount: 2,
    })
  })

  it('reads names after 「人员」 apart by spaces up to the next label, and counts them', () => {
    expect(extractPatrol('巡查记录：时间 上午 地点 武陵大道 人员 王五 赵六 发现 无', ctx)).toMatchObject({
      area: '武陵大道',
      patrollers: '王五、赵六',
      staffCount: 2,
      hazards: [],
    })
  })

  it('grades a finding that hurt someone major, and keeps getting them to hospital as what was done', () => {
    const fields = extractPatrol('今天8点到10点巡查沅安路，2人1车，发现一处井盖缺失，有人掉进去受伤了，已送医', ctx)
    expect(fields.hazards).toEqual([
      expect.objectContaining({ description: '一处井盖缺失，有人掉进去受伤了', level: 'major' }),
    ])
    expect(fields.handlingResult).toBe('已送医')
  })

  it('takes 「刚巡完…」 with what was found as a patrol', () => {
    expect(intentOf('刚巡完皂果路，路面有几处坑洼，积水比较严重')).toBe('patrol')
  })
})

describe('the fourth round: days, turn-out, places and findings in other words', () => {
  const local = (iso: string | undefined) =>
    iso && new Date(iso).toLocaleString('sv-SE', { timeZone: 'Asia/Shanghai' }).slice(0, 16)

  it.each([
    ['昨晚七点到九点巡查青年路', '2026-12-02 19:00', '2026-12-02 21:00'],
    ['今早6点半至8点 巡查桃林路', '2026-12-03 06:30', '2026-12-03 08:00'],
    ['前晚十点 夜查沅安路', '2026-12-01 22:00', undefined],
  ])('reads the day and the part of it said in one word: 「%s」', (text, start, end) => {
    const fields = extractPatrol(text, ctx)
    expect(local(fields.startedAt)).toBe(start)
    expect(local(fields.endedAt)).toBe(end)
  })

  it('counts no car for a ride on an e-bike followed by the people, and a companion named before going', () => {
    expect(extractPatrol('骑电动车 一个人 巡了皂果路', ctx)).toMatchObject({ staffCount: 1, vehicleCount: 0 })
    expect(extractPatrol('下午跟老周去了光荣路 路灯不亮三盏', ctx)).toMatchObject({ staffCount: 2, area: '光荣路' })
  })

  it('narrows a county or district to the street or town named right after it', () => {
    expect(extractPatrol('桃源县 漳江路 路面塌陷一处', ctx).area).toBe('桃源县漳江路')
    expect(extractPatrol('澧县 澧阳镇 一栋老楼外墙开裂', ctx).area).toBe('澧县澧阳镇')
    // Not when something else comes between them.
    expect(extractPatrol('澧县城区 3人1车 澧阳路井盖缺失', ctx).area).toBe('澧县城区')
    // A citizen's place the same way.
    expect(extractComplaint('桃源县 漳江路的井盖没了', ctx).locationText).toBe('桃源县漳江路')
  })

  it('guesses a named spot with where by it, said apart (「在老西门 菜市场后面那栋」)', () => {
    expect(extractComplaint('能派人来看看吗 我家房子墙裂了好大一条缝 在老西门 菜市场后面那栋', ctx).locationText).toBe(
      '老西门菜市场后面那栋',
    )
  })

  it('keeps a place written in English as written, and takes 「走路」 for no place', () => {
    expect(extractComplaint('Road light broken at Renmin Road No. 5', ctx)).toMatchObject({
      locationText: 'Renmin Road No. 5',
      category: 'road_municipal',
    })
    expect(extractComplaint('There is a big hole in Chaoyang St near the school', ctx).locationText).toBe('Chaoyang St')
    expect(extractComplaint('人行道上停满了车 走路都没地方走', ctx).locationText).toBeUndefined()
    // (「晚上走路」 had been offered as the place to confirm.)
    expect(extractComplaint('人行道上的树坑没有盖板 晚上走路一脚踩空 脚崴了', ctx).locationText).toBeUndefined()
  })

  it('counts 「2 人 1 车」 written with spaces, not 「人员3 车1」’s 3, and reads 「已排水」 as what was done', () => {
    expect(extractPatrol('上午九点 到 十一点 人民路 2 人 1 车 正常', ctx)).toMatchObject({
      staffCount: 2,
      vehicleCount: 1,
    })
    expect(extractPatrol('9:00-11:00 人民路 人员3 车1 正常', ctx)).toMatchObject({ staffCount: 3, vehicleCount: 1 })
    expect(extractPatrol('凌晨1点到3点 沿江大道 5人3车 发现积水点2处 已排水', ctx).handlingResult).toBe('已排水')
  })

  it('keeps each finding’s handling, written with spaces, and no part of the next finding', () => {
    // (It had been 「已设置警示标志 人民路与建设路交叉口路面沉陷约」, the second handling lost.)
    expect(
      extractPatrol(
        '今天上午8点半到11点 巡查了朗州路、人民路、建设路三条路 出动4人2车 发现朗州路22号井盖破损一处 已设置警示标志 人民路与建设路交叉口路面沉陷约1平方米 已设围挡',
        ctx,
      ).handlingResult,
    ).toBe('已设置警示标志，已设围挡')
    expect(extractPatrol('上午巡查人民路 发现井盖缺失 已设置警示 并通知市政', ctx).handlingResult).toBe(
      '已设置警示 并通知市政',
    )
  })

  it('joins a road and the crossing said after it apart (「洞庭大道 沅安路口」 had kept the road alone)', () => {
    expect(extractComplaint('洞庭大道 沅安路口 红绿灯旁边那个井盖 一直响', ctx).locationText).toBe('洞庭大道与沅安路口')
    expect(extractComplaint('人民路 朗州路口 路灯坏了', ctx).locationText).toBe('人民路与朗州路口')
  })

  it('keeps a landmark written in English after near/outside as the place (it was asked where)', () => {
    expect(extractComplaint('Hello, there is a big hole on the road near the train station', ctx)).toMatchObject({
      locationText: 'train station',
      category: 'road_municipal',
    })
    expect(extractComplaint('The manhole cover is missing outside No. 3 Middle School', ctx).locationText).toBe(
      'No. 3 Middle School',
    )
  })

  it('takes no place from when it was seen (「扫地的时候发现桥上栏杆松了」 has none)', () => {
    expect(extractComplaint('我是环卫工人 今天扫地的时候发现桥上栏杆松了', ctx).locationText).toBeUndefined()
    expect(extractComplaint('早上散步的时候看到桥上栏杆松了', ctx).locationText).toBeUndefined()
    expect(extractComplaint('散步的时候看到沅水三桥上栏杆松了', ctx).locationText).toBe('沅水三桥')
  })

  it('keeps a building and unit numbered in words, but not a building counted (「一栋老房子」「一栋三层楼」)', () => {
    expect(extractComplaint('幸福小区三栋二单元门口的下水道井盖塌了', ctx).locationText).toBe('幸福小区三栋二单元')
    expect(extractComplaint('幸福小区十一栋楼道灯坏了', ctx).locationText).toBe('幸福小区十一栋')
    expect(extractComplaint('永安街一栋老房子后墙往外鼓', ctx).locationText).toBe('永安街')
    expect(extractComplaint('阳光花园一栋三层砖混楼墙裂了', ctx).locationText).toBe('阳光花园')
  })

  it('counts one car for 「驾车」, and no 「走访了」 in the area', () => {
    const drove = extractPatrol('今天上午八点半至十一点，我和小王驾车对武陵大道、洞庭大道进行了巡查，未发现问题', ctx)
    expect(drove.vehicleCount).toBe(1)
    expect(drove.area).toBe('武陵大道、洞庭大道')
    expect(extractPatrol('上午9点半到12点，走访了武陵镇3个老旧小区，都正常', ctx).area).toBe('武陵镇')
  })

  it('takes an estate named 「…园」 as a place (「碧桂园」 was asked for), not the 园 of 园林', () => {
    expect(extractComplaint('小区里的树被台风刮倒了压在车上 碧桂园', ctx).locationText).toBe('碧桂园')
    expect(extractComplaint('碧桂园5栋楼道灯坏了', ctx).locationText).toBe('碧桂园5栋')
    expect(extractPatrol('园林局巡查：诗墙公园景观亭木梁腐朽', ctx).area).toBe('诗墙公园')
  })

  it('finds the place after 「就是」 (「在哪里都不知道吗 就是幸福小区3栋」 had none)', () => {
    expect(extractComplaint('燃气漏了 就是幸福小区3栋', ctx).locationText).toBe('幸福小区3栋')
  })

  it('takes a place named later over a first one only pointed at (「俺们村口」), never over a county', () => {
    expect(extractComplaint('俺们村口那座桥快塌了 桃花源镇李家村', ctx).locationText).toBe('桃花源镇李家村')
    expect(extractComplaint('汉寿 龙阳镇 燃气管道被挖断', ctx).locationText).toBe('汉寿龙阳镇')
  })

  it('takes no label from inside a defect and no generic 辖区 for the area', () => {
    expect(extractPatrol('德山 一个工地 支模区域立杆变形', ctx).area).not.toBe('立杆变形')
    expect(extractPatrol('今天排查辖区自建房 丹洲乡一栋土坯房墙体开裂', ctx).area).toBe('丹洲乡')
  })

  it('reads the missing leak alarm as no leak, and a burst supply pipe as water supply', () => {
    expect(extractPatrol('餐馆后厨未安装燃气泄漏报警器', ctx).hazards).toMatchObject([
      { category: 'gas', level: 'general' },
    ])
    expect(extractPatrol('一处燃气管道泄漏', ctx).hazards).toMatchObject([{ level: 'major' }])
    expect(extractPatrol('青年路一处供水管爆裂 路面冒水', ctx).hazards).toMatchObject([
      { category: 'water_hydrant', count: 1 },
    ])
  })

  it('counts buildings found wanting in a summary, and takes a themed patrol for no hazard', () => {
    const surveyed = extractPatrol('排查自建房15栋，发现4栋存在安全隐患，其中1栋墙体严重倾斜', ctx).hazards ?? []
    expect(surveyed.reduce((sum, h) => sum + (h.count ?? 1), 0)).toBe(4)
    expect(extractPatrol('危房巡查 一栋老楼楼梯断裂', ctx).hazards).toMatchObject([
      { category: 'dangerous_house', count: 1 },
    ])
  })

  it('knows the pavement defects of the maintenance standard and a rock fall onto the road', () => {
    expect(extractPatrol('桥面有三处拥包', ctx).hazards).toMatchObject([{ count: 3 }])
    expect(extractPatrol('环山路 山体落石 滚到了车道上', ctx).hazards).toMatchObject([{ category: 'road_municipal' }])
  })
})

describe('the fifth round: counts after labels, generic places, and a few more defects', () => {
  it('takes no vehicle count from the number of a label before it', () => {
    expect(extractPatrol('巡查记录 人数4 车2 地点白马湖路 情况正常', ctx)).toMatchObject({
      staffCount: 4,
      vehicleCount: 2,
    })
    expect(extractPatrol('2 台车 3个人 巡查建设路', ctx)).toMatchObject({ vehicleCount: 2 })
  })

  it('does not take 老旧小区 for the name of a place', () => {
    expect(extractPatrol('上午在城西片区检查老旧小区 外墙瓷砖脱落', ctx).area).toBe('城西片区')
  })

  it('grades a risk of hitting people as major, and reads things left about as a defect', () => {
    expect(extractPatrol('居民楼外墙瓷砖松动 有砸人的风险', ctx).hazards).toMatchObject([{ level: 'major' }])
    expect(extractPatrol('加气站消防器材过期，钢瓶乱放', ctx).hazards).toHaveLength(2)
  })

  it('counts what the forms count: a summary naming what had problems, seams by 道, and out-of-service or piled-up', () => {
    expect(total('检查地下通道6座 发现问题通道2座 主要是照明不足')).toBe(2)
    expect(total('青年路桥有2道伸缩缝堵塞')).toBe(2)
    expect(total('人行天桥的电梯停用，楼梯口堆了杂物')).toBe(2)
  })

  it('reads a drain outlet as the road’s even under a bridge', () => {
    expect(extractPatrol('那个桥下面的排水口堵了', ctx).hazards).toMatchObject([{ category: 'road_municipal' }])
  })
})

describe('messages dictated with a space between every word', () => {
  it('reads each hazard as a whole phrase, and a new thing after a defect as the next hazard', () => {
    const hazards =
      extractPatrol('上午 巡查 柳叶 大道 人行 天桥 台阶 有 三块 松动 了 桥下 路灯 也 不 亮', ctx).hazards ?? []
    expect(hazards.map((h) => [h.description, h.count ?? 1])).toEqual([
      ['天桥台阶有三块松动了', 3],
      ['桥下路灯也不亮', 1],
    ])
  })

  it('keeps what is missing with its negation (「没有 设 围挡」), and leaves phrases typed with spaces alone', () => {
    const [first, ...rest] = extractPatrol('城东 水管 维修 的 坑 没有 设 护栏 晚上 很 黑', ctx).hazards ?? []
    expect(first?.description).toContain('没有设护栏')
    expect(rest).toEqual([])
    // Typed phrases with longer words between the spaces are read phrase by phrase, as before.
    expect(extractPatrol('德山 枉水大桥 限高架被货车撞弯了 护栏缺失两处', ctx).hazards).toHaveLength(2)
  })

  it('reads the people doing the work as the subject of a hazard of their own (特种作业人员无证)', () => {
    const hazards = extractPatrol('城南 工地 物料 提升机 没有 限位 装置 操作 工人 未 持证', ctx).hazards ?? []
    expect(hazards).toHaveLength(2)
    expect(hazards[1]?.description).toContain('工人未持证')
  })
})

describe('the sixth round: going somewhere, lamps lit by day, walls taken out, and what happens when one passes', () => {
  it('reads a companion driven with, a place after 去了趟, and no 「上有个」 in the name of a place', () => {
    const read = extractPatrol('下午跟小赵开车去了趟经开区 德山大道上有个搅拌站没有冲洗设施', ctx)
    expect(read).toMatchObject({ staffCount: 2, vehicleCount: 1 })
    expect(read.area).toContain('德山大道')
    expect(read.area).not.toContain('搅拌站')
    expect(read.hazards).toHaveLength(1)
  })

  it('knows a bearing with a void, lamps lit in daytime and a load-bearing wall taken out (major)', () => {
    expect(extractPatrol('沅水大桥2号墩有个支座脱空', ctx).hazards).toMatchObject([{ category: 'bridge' }])
    expect(total('滨江路有五盏路灯白天也亮着')).toBe(5)
    expect(extractPatrol('城北一栋老楼 底层商铺装修 私自拆除承重墙', ctx).hazards).toMatchObject([{ level: 'major' }])
  })

  it('counts the buildings a statement begins with, but not a building number in an address', () => {
    expect(total('排查了三个小区 发现3栋楼屋面瓦片脱落')).toBe(3)
    expect(total('桂园小区5栋楼下的化粪池盖板破了')).toBe(1)
  })

  it('reads what happens when someone passes over a defect as part of it', () => {
    expect(total('人行道 一块 盖板 松了 人 踩 上去 的 时候 会 晃')).toBe(1)
    expect(total('桥头伸缩缝钢板翘起，车辆经过时声音很大')).toBe(1)
  })

  it('reads the road itself, named by no name, as the road’s (「我家门口的路到处是坑」)', () => {
    expect(extractComplaint('我家门口的路到处是坑 下雨全是泥水 在桥南街道', ctx).category).toBe('road_municipal')
    expect(extractComplaint('学校旁边的路塌下去一块 电动车差点摔了', ctx).category).toBe('road_municipal')
  })

  it('reads road works as digging up the road, not as a building site', () => {
    expect(extractComplaint('建设路修路修了两个月 路一直封着 公交都绕道', ctx).category).toBe('sidewalk_excavation')
  })

  it('reads a missing safety device named with a qualifier (「没有可燃气体报警器」) as a defect', () => {
    expect(extractPatrol('巡查了城北一家酒楼 后厨没有燃气泄漏报警器', ctx).hazards).toMatchObject([{ category: 'gas' }])
    expect(extractPatrol('工地材料仓库未配备手提式灭火器', ctx).hazards).toHaveLength(1)
  })

  it('counts a house once however many of its parts are named, unless the message counts them', () => {
    expect(total('西门口一栋土坯房 后墙开裂 房梁也有点歪 还住着两个老人')).toBe(1)
    expect(total('检查老街 危房2栋 墙体开裂')).toBe(2)
  })

  it('takes no count of people from the minutes of a time, nor a count of cars from 「人2车1」', () => {
    expect(extractPatrol('8:00—10:00 人员：李军、何平 地点：青年路', ctx)).toMatchObject({ staffCount: 2 })
    expect(extractPatrol('夜查 武陵大道 人3车1', ctx)).toMatchObject({ staffCount: 3, vehicleCount: 1 })
    expect(extractPatrol('夜查 武陵大道 3人1车', ctx)).toMatchObject({ staffCount: 3, vehicleCount: 1 })
  })

  it('reads missing guard rails, barriers and warning lamps as part of the dig they guard, not as hazards of their own', () => {
    expect(total('城西一处供水抢修坑 没有护栏 晚上也没有警示灯')).toBe(1)
    expect(total('燕山路燃气管道开挖，沟槽边没设围挡，夜间无警示灯')).toBe(1)
  })

  it('does not take where a thing leans, or how far it is from something, for another hazard', () => {
    expect(total('白马湖路一根电线杆底部锈蚀，杆身往人行道倾斜')).toBe(1)
    expect(total('河堤挡土墙垮了一段，垮塌处离居民房只有三米')).toBe(1)
  })

  it('grades a statement on all it says, the clauses that add to it included', () => {
    expect(extractPatrol('菜市场旁边燃气立管被货车刮歪了，闻到有气味', ctx).hazards).toMatchObject([{ level: 'major' }])
  })
})

describe('the seventh round: counts after a time, what was covered, harm that did not happen, and more missing measures', () => {
  it('reads no minutes from a count after 点 (「五点 三个人」 is five o’clock and three people)', () => {
    const read = extractPatrol('下午两点到五点 三个人一台车 巡查建设路', ctx)
    expect(read.staffCount).toBe(3)
    expect(read.endedAt).toBe(zonedInstant('2026-12-03', 'Asia/Shanghai', 17).toISOString())
  })

  it('reads what the patrol covered (「排查城区自建房20栋」) as no finding, and what it found after it', () => {
    expect(total('排查武陵区自建房20栋，发现私自加层3栋')).toBe(3)
  })

  it('takes no grade from harm that did not happen', () => {
    expect(extractPatrol('商场外墙一块广告灯箱掉下来了 好在没砸到人', ctx).hazards).toMatchObject([
      { level: 'general' },
    ])
  })

  it('knows measures not taken, checks not done, too much stored and a pit described at length', () => {
    expect(extractPatrol('城东一个工地 基坑边堆土 没有采取任何防护措施', ctx).hazards).toHaveLength(1)
    expect(total('检查加气站2家，一家储气瓶未做年度检验，另一家超量存放钢瓶')).toBe(2)
    expect(extractPatrol('老街口路面有一个半米宽的坑', ctx).hazards).toMatchObject([{ category: 'road_municipal' }])
  })

  it('does not take 沿路 for the name of a place', () => {
    expect(extractPatrol('上午沿朗州路巡查 一辆搅拌车沿路漏浆', ctx).area).toContain('朗州路')
  })
})

describe('the eighth round: lists numbered in words, repairs and re-checks, workers’ unsafe acts, and parts of a thing', () => {
  it('reads 「一是…；二是…」 as the items of a list', () => {
    const read = extractPatrol('检查情况如下：一是沅安路三处雨水篦子缺失；二是滨湖公园一段木栈道腐烂', ctx)
    expect(read.hazards).toMatchObject([
      { count: 3, category: 'road_municipal' },
      { count: 1, category: 'greenery_park' },
    ])
  })

  it('reads a repair done, or a re-check that finds the earlier hazard fixed, as nothing found', () => {
    expect(extractPatrol('洞庭大道上周报的那个坑 今天复查 已经修复了', ctx).hazards).toEqual([])
    expect(extractPatrol('今天抢修了紫菱路一处爆管 路面已恢复 沿线未见其他问题', ctx).hazards).toEqual([])
  })

  it('reads a worker’s unsafe act as a hazard of its own, even while at work', () => {
    expect(total('北站工地 卸料平台无防护栏杆 工人高处作业没戴安全帽')).toBe(2)
  })

  it('keeps a clause that begins with a part of the thing with that thing', () => {
    expect(total('建设路一根广告杆倾斜 底部螺丝已经锈烂')).toBe(1)
  })

  it('reads 「X也…」 as another thing that is also wrong', () => {
    expect(total('人行天桥的台阶缺了两块 栏杆也松了')).toBe(3)
  })

  it('knows heaving tiles, worn chains, things too many, distances too short, doors left open and things put where they should not be', () => {
    expect(extractPatrol('柳叶湖风光带 步道地砖拱起', ctx).hazards).toMatchObject([{ category: 'greenery_park' }])
    expect(extractPatrol('儿童乐园 秋千链条磨损', ctx).hazards).toMatchObject([{ level: 'general' }])
    expect(total('城东工地 塔吊附着拆除过多 升降机门未关闭就运行')).toBe(2)
    expect(extractPatrol('一家小吃店 液化气瓶与灶台距离不足', ctx).hazards).toHaveLength(1)
    expect(extractPatrol('育才路 一家五金店把几个液化气罐摆在人行道上卖', ctx).hazards).toHaveLength(1)
  })

  it('reads 「未发现明显异常」 as nothing found, and a short 「查占道施工」 as what the patrol looked for', () => {
    expect(extractPatrol('下午2人巡查桥南社区 未发现明显异常', ctx).hazards).toEqual([])
    expect(total('在常德大道 查占道经营 一家水果店在人行道上摆摊')).toBe(1)
  })

  it('counts 「井盖×4」 and a summary of 「共N处问题」, but not the stake number of 「K12+300处」', () => {
    expect(total('善德路 雨水篦子×4 缺失')).toBe(4)
    expect(total('沅澧快线K12+300处边坡垮塌')).toBe(1)
    expect(total('城西一个工地 外架未挂安全网 临边无防护 共三处问题')).toBe(3)
  })

  it('reads a hydrant patrol’s findings as the water company’s when they name no thing', () => {
    expect(extractPatrol('城北消火栓巡检 无水2个 被埋压1个', ctx).hazards).toMatchObject([
      { category: 'water_hydrant', count: 2 },
      { category: 'water_hydrant', count: 1 },
    ])
  })

  it('reads an hour span whose first hour has no 点, and a night patrol that ends at midnight or after it', () => {
    const span = extractPatrol('时间14-16点 巡查芙蓉路', ctx)
    expect(span.startedAt).toBe(zonedInstant('2026-12-03', 'Asia/Shanghai', 14).toISOString())
    expect(span.endedAt).toBe(zonedInstant('2026-12-03', 'Asia/Shanghai', 16).toISOString())
    expect(extractPatrol('晚上9点到12点 夜查渣土车', ctx).endedAt).toBe(
      zonedInstant('2026-12-04', 'Asia/Shanghai', 0).toISOString(),
    )
    expect(extractPatrol('晚上11点到凌晨2点 夜查工地', ctx).endedAt).toBe(
      zonedInstant('2026-12-04', 'Asia/Shanghai', 2).toISOString(),
    )
  })

  it('counts the staff in 「巡查员3名」, 「带两个新同事」 and 「和王师傅去了」', () => {
    expect(extractPatrol('出动巡查员3名 车1台 巡查皂果路', ctx).staffCount).toBe(3)
    expect(extractPatrol('今天带两个新同事跑了一趟江北', ctx).staffCount).toBe(3)
    expect(extractPatrol('上午和王师傅去了北站 路灯不亮3盏', ctx).staffCount).toBe(2)
  })
})

describe('complaints: a mobile number typed in groups, a building number, and digging up a road', () => {
  it('reads 「138 0736 1234」 and 「138-0736-1234」 as the number, and leaves it out of the description', () => {
    for (const typed of ['138 0736 1234', '138-0736-1234', '+86 138 0736 1234']) {
      const read = extractComplaint(`育才路的井盖没了 联系电话${typed}`, ctx)
      expect(read.phone).toBe('13807361234')
      expect(read.description).not.toContain('1234')
    }
  })

  it('keeps the building number after the estate, and reads digging up the road as road works', () => {
    expect(extractComplaint('墙裂了好长一条缝 地址是朝阳小区5栋', ctx).locationText).toContain('朝阳小区5栋')
    expect(extractComplaint('建设路在挖路 挖了半个月没人管', ctx).category).toBe('sidewalk_excavation')
  })
})

describe('a hazard in words the rules do not know', () => {
  it('is offered as a guess when the message does not say nothing was found', () => {
    const read = readByRules('patrol', '9:00-11:00 2人 建设路 一家米粉店的煤气罐是十几年前的老罐子', ctx)
    expect(read.fields.hazards).toMatchObject([{ category: 'gas', count: 1 }])
    expect(read.unsure).toContain('hazards')
  })

  it('is not guessed from a time, the turn-out, a place or a message that names no thing', () => {
    for (const text of ['下午两点 2人1车 巡查皂果路', '今天去了一趟人民路', '人员：张三、李四 时间：9点到11点'])
      expect(readByRules('patrol', text, ctx).fields.hazards).toBeUndefined()
  })

  it('leaves the statements it does know as they are, asking only about a doubtful domain', () => {
    const read = readByRules('patrol', '上午巡查朗州路 井盖缺失2处', ctx)
    expect(read.unsure).not.toContain('hazards')
  })
})

describe('the ninth round: sizes, counted things, stairs and walls where they stand, other authorities', () => {
  it('adds a size to the statement before it, and grades a collapse a metre deep or more as major', () => {
    const deep = extractPatrol('巡查发现建设路与紫菱路口一处路面下陷，面积约3平方米，深约1.2米', ctx).hazards
    expect(deep).toMatchObject([{ level: 'major' }])
    expect(deep?.[0]?.description).toContain('深约1.2米')
    expect(extractPatrol('河堤步道一处塌陷，面积约2平方米', ctx).hazards).toMatchObject([{ level: 'general' }])
  })

  it('does not cut a decimal number as a list number', () => {
    expect(total('北站路一处坑槽 宽约0.8米 深约0.3米')).toBe(1)
  })

  it('reads what is wrong with things counted in a clause of their own', () => {
    expect(total('滨湖路口 三根路灯杆 灯头脱落')).toBe(3)
    expect(total('今天四个人两台车巡查人民路 井盖缺失1处')).toBe(1)
  })

  it('reads a stair, a hand rail or a retaining wall as the domain of what it stands on', () => {
    expect(extractPatrol('沅水大桥人行梯道 楼梯踏步断了一块', ctx).hazards).toMatchObject([{ category: 'bridge' }])
    expect(extractPatrol('火车站地下通道 楼梯扶手松动', ctx).hazards).toMatchObject([{ category: 'road_municipal' }])
    expect(extractComplaint('我家房子后面的挡墙开裂了 一下雨就往外冒水', ctx).category).toBe('dangerous_house')
  })

  it('reads telecom and power poles as another authority’s (其他)', () => {
    expect(extractPatrol('建设路一根电信杆子倒在人行道上', ctx).hazards).toMatchObject([{ category: 'other' }])
  })

  it('grades a gas main pressed under a building or shed as major, as the gas criteria do', () => {
    expect(extractPatrol('沿江路 一段燃气管道被违建的门面占压', ctx).hazards).toMatchObject([
      { category: 'gas', level: 'major' },
    ])
  })

  it('knows road markings, fitness equipment, loose bolts, termites and 「没出去巡」', () => {
    expect(total('育才路小学门口 斑马线磨得看不清了 减速带也坏了')).toBe(2)
    expect(total('江边公园 单杠螺丝没拧紧')).toBe(1)
    expect(extractPatrol('老街一栋木结构老宅 木柱被白蚁蛀空', ctx).hazards).toMatchObject([
      { category: 'dangerous_house' },
    ])
    expect(extractPatrol('今天开会没出去巡查', ctx).hazards).toEqual([])
  })
})

describe('the tenth round: dictated burst mains, old trees, repairs reported back, and counts that are durations', () => {
  it('reads a burst main dictated word by word as the water company’s, and major', () => {
    expect(extractPatrol('北门 加压站 进水 主管 爆管 路面 冒水 已关阀', ctx).hazards).toMatchObject([
      { category: 'water_hydrant', level: 'major' },
    ])
  })

  it('counts trees by 株 and knows a lopsided crown and a hollow trunk', () => {
    expect(total('古树巡查 共9株 其中1株古樟主干空洞 另1株桂花偏冠')).toBe(2)
  })

  it('reads a known hazard reported back as fixed as nothing found, and a repair asked for as no repair', () => {
    expect(extractPatrol('领导 紫菱路井盖缺失那个事 已经处理好了 市政换了新井盖', ctx).hazards).toEqual([])
    expect(extractPatrol('朗州路燃气调压箱被撞 箱体变形 能闻到燃气味 已通知燃气公司抢修', ctx).hazards).toMatchObject([
      { level: 'major' },
    ])
  })

  it('takes no count from a duration (「两个月」「三个小时」), but counts 「2个小区」', () => {
    expect(total('建设路新换的人行道砖 不到两个月就碎了好多块')).toBe(1)
    expect(total('发现3个小区的外墙砖空鼓')).toBe(3)
  })

  it('keeps two hazards of an estate apart, while more about a house’s structure stays with the house', () => {
    expect(total('城北 一处老旧小区 楼道里电动车充电 消防通道被堵')).toBe(2)
    expect(total('老城区一栋危房 外墙开裂 屋面漏雨')).toBe(1)
  })

  it('grades an overloaded unloading platform and a wall leaning out as major', () => {
    expect(extractPatrol('城南工地 卸料平台超载堆放模板', ctx).hazards).toMatchObject([
      { category: 'construction_site', level: 'major' },
    ])
    expect(extractPatrol('老街一栋砖房 山墙开裂外倾', ctx).hazards).toMatchObject([{ level: 'major' }])
  })

  it('reads 「今日无事」 as nothing found, a 路线 label as the area, and companions named by title', () => {
    expect(extractPatrol('今日无事', ctx).hazards).toEqual([])
    // A route of two roads is the area as written, as 「人民路和建设路」 is one area.
    expect(extractPatrol('巡查路线：皂果路-朗州路，井盖缺失1处', ctx).area).toBe('皂果路-朗州路')
    expect(extractPatrol('跟王工刘工一起 对沅水大桥进行了检查', ctx).staffCount).toBe(3)
  })
})

describe('the eleventh round: counting as the forms count', () => {
  it('multiplies 「各有1处」 by the places listed before it', () => {
    expect(total('巡查发现：朗州路、青年路各有2处路灯不亮')).toBe(4)
  })

  it('reads a count said before the statement it counts, and after a statement that counted its own', () => {
    expect(total('雨后巡查 城西 发现 3处 路面塌陷 2处 护坡 垮塌')).toBe(5)
  })

  it('splits a dictated list of defects of one thing by their counts, and keeps 占道 施工 together', () => {
    expect(total('城南 巡查 井盖 缺失 三个 破损 两个')).toBe(5)
    expect(extractPatrol('两人 一车 上午 巡了 城东 发现 两处 占道 施工 没有 审批', ctx).hazards).toMatchObject([
      { count: 2, category: 'sidewalk_excavation' },
    ])
  })

  it('takes no count from an ordinal (第2组) and starts a dictated phrase at a count', () => {
    expect(total('桥南社区 自建房 排查 第2组 入户 15户 发现 1户 外墙 有 明显 裂缝')).toBe(1)
  })

  it('knows dead trees and fallen stakes, peeling paint, and wires left in water', () => {
    expect(total('皂果路绿化带 新栽的 桂花 死了 还有 支撑杆 倒了')).toBe(2)
    expect(total('分别发现伸缩缝堵塞2处、栏杆油漆剥落1处')).toBe(3)
    expect(extractPatrol('北站 改造片区 临时用电 线路 乱拉乱接', ctx).hazards).toMatchObject([
      { category: 'construction_site' },
    ])
  })

  it('grades a C-grade house still lived in as major, but not a road a fallen tree lies across', () => {
    expect(extractPatrol('城东 一栋C级危房 还有两户老人住着', ctx).hazards).toMatchObject([{ level: 'major' }])
    expect(extractPatrol('一个市民说朗州路有棵树倒了压住了人行道', ctx).hazards).toMatchObject([{ level: 'general' }])
  })

  it('takes no generic 低洼路段 or 「说」 for the patrol area', () => {
    expect(extractPatrol('雨大 巡查了一下低洼路段 紫菱路和芙蓉路交叉口 积水较深', ctx).area).toBe(
      '紫菱路和芙蓉路交叉口',
    )
    expect(extractPatrol('一个市民说朗州路有棵树倒了', ctx).area).toBe('朗州路')
  })
})

describe('the twelfth round: items started in dictation, places counted by 处, and re-checks', () => {
  it('starts the next dictated item at 其中, 还有 or 另外', () => {
    expect(total('建设路 那段 盲道 被 电动车 停满了 还有 三个 窨井盖 松动')).toBe(4)
    expect(total('检查 在建 工地 5个 其中 2个 工地 临边 没有 防护')).toBe(2)
  })

  it('keeps what is missing with 没有设置 in dictation, and reads a count after 有 before its thing', () => {
    expect(total('城东 紫缘路 施工单位 开挖 路面 没有 设置 围挡 也 没有 警示灯')).toBe(1)
    expect(total('那边新修的路 有三处 井盖 比路面低了好几公分')).toBe(3)
  })

  it('counts the places (处) a statement names rather than the one thing it names first', () => {
    expect(total('其中一座桥的栏杆松动三处')).toBe(3)
  })

  it('gives a pending thing the count of what is wrong with it', () => {
    expect(total('燃气站 灭火器过期 可燃气体报警器 有3个探头失效')).toBe(4)
  })

  it('reads a re-check of work handed over before as nothing new, and 未发现新增隐患 as nothing found', () => {
    expect(extractPatrol('城区巡查：未发现新增隐患，上周交办的2处井盖已全部更换', ctx).hazards).toEqual([])
  })

  it('grades timber stored or fires lit under a bridge as major, as the bridge criteria do', () => {
    expect(extractPatrol('沅水二桥 南岸 引桥 下面 有人 堆放 木材', ctx).hazards).toMatchObject([
      { category: 'bridge', level: 'major' },
    ])
  })

  it('reads a rockery, a grid cover crushed, a fire hydrant hidden, and a dig nobody fills', () => {
    expect(extractPatrol('滨湖公园 的 假山 有 块 石头 松了', ctx).hazards).toMatchObject([
      { category: 'greenery_park' },
    ])
    expect(total('发现一处雨水篦子被压断')).toBe(1)
    expect(extractComplaint('我家门口的马路被挖开了 半个月了也没人填', ctx).category).toBe('sidewalk_excavation')
  })
})

describe('a barrier belongs to what it fences', () => {
  it('reads a barrier around a dig or occupying the road as the dig’s, and around a building site as the site’s', () => {
    expect(extractPatrol('紫菱路人行道开挖埋管，围挡倒了两段', ctx).hazards).toMatchObject([
      { category: 'sidewalk_excavation' },
    ])
    expect(extractPatrol('建设路一个在建工地 围挡被风刮倒了', ctx).hazards).toMatchObject([
      { category: 'construction_site' },
    ])
  })
})

describe('signs, voids under the pavement and closed roads', () => {
  it('reads shop signs and billboards as another authority’s, a void under the pavement and a closed road as major', () => {
    expect(extractPatrol('人民路一家商店的招牌歪了', ctx).hazards).toMatchObject([{ category: 'other' }])
    expect(extractPatrol('紫菱路人行道塌了一块 下面是空的', ctx).hazards).toMatchObject([{ level: 'major' }])
    expect(extractPatrol('环湖路边坡有落石滚到路上 已通知交警封闭一个车道', ctx).hazards).toMatchObject([
      { level: 'major' },
    ])
    expect(extractPatrol('一座人行桥栏杆松了2根 已设置禁止通行标志', ctx).hazards).toMatchObject([{ level: 'general' }])
  })
})

describe('the patrol area, not where something was found', () => {
  it('takes the area before 「巡查发现」 over the place found, and no counted generic place (「三个小区」「一栋老旧宿舍」)', () => {
    expect(extractPatrol('澧县城区 2人1车 巡查发现老城区一处围墙倒塌', ctx).area).toBe('澧县城区')
    expect(extractPatrol('今天巡查了两个小区：金丹小区、桃花苑，桃花苑有一处围墙开裂', ctx).area).toContain('金丹小区')
    expect(extractPatrol('汉寿县城区巡查 发现一栋老旧宿舍楼 外墙开裂', ctx).area).toContain('汉寿县')
  })
})

describe('where a hazard is, read as a complaint’s place is read', () => {
  const placeOf = (text: string) => readByRules('hazard', text, ctx)
  it('cuts the time and the verbs off the front and keeps the building and the house number', () => {
    expect(placeOf('今天下午三点在滨江花园3号楼工地发现塔吊司机无证操作，已责令停工').fields.locationText).toBe(
      '滨江花园3号楼工地',
    )
    expect(placeOf('路灯倒了 在中山北路128号门口 挡住半条路').fields.locationText).toBe('中山北路128号')
    expect(placeOf('明天上午去检查一下城南中学的消防通道，被杂物堵了').fields.locationText).toBe('城南中学')
  })

  it('asks about a place only the loose pattern found instead of filling it in', () => {
    const read = placeOf('老旧小区外墙瓷砖脱落，砸到一辆电动车，没伤人')
    expect(read.fields.locationText).toBe('老旧小区')
    expect(read.unsure).toContain('locationText')
    // The estate named after the kind it is (「老旧小区幸福里2栋」, a 里 with its building) is sure.
    const named = placeOf('老旧小区幸福里2栋外墙瓷砖脱落，砸到一辆电动车，没伤人')
    expect(named.fields.locationText).toBe('幸福里2栋')
    expect(named.unsure).not.toContain('locationText')
    expect(placeOf('学府路桥伸缩缝断裂，车辆经过颠簸严重').unsure).not.toContain('locationText')
  })
})

describe('a complaint’s place among greetings, areas and addresses', () => {
  const placeOf = (text: string) => readByRules('complaint', text, ctx).fields.locationText
  it('does not take a greeting or a question into the name', () => {
    expect(placeOf('请问一下老城区那个危房什么时候拆，墙都裂了')).toBe('老城区')
    expect(placeOf('您好 人民东路一带渣土车把泥巴带得满马路都是')).toBe('人民东路一带')
  })

  it('takes the address with its number over an area named before it, and keeps a district with its address', () => {
    expect(placeOf('请问一下老城区那个危房什么时候拆，墙都裂了，人还住在里面，朗州北路33号')).toBe('朗州北路33号')
    expect(placeOf('楼道里电动车充电，飞线，物业不管，常德市鼎城区桥南新村12栋二单元')).toBe(
      '常德市鼎城区桥南新村12栋二单元',
    )
  })
})

describe('who went and where, in a sentence that says how they went', () => {
  it('ends the companions’ names where the count of people and the car begin', () => {
    const read = extractPatrol('今天上午8点半到11点，我和小王两人开一辆车巡查了建设路、人民路，发现井盖破损2处', {
      ...ctx,
      reporterName: '张伟',
    })
    expect(read.patrollers).toBe('张伟、小王')
    expect(read.staffCount).toBe(2)
    expect(read.vehicleCount).toBe(1)
  })

  it('takes companions run together (「我和小王小李」) as one each (they had been one person)', () => {
    const read = extractPatrol('下午2点到5点 我和小王小李巡了桃花源路到武陵大道这一段 开了一台车', {
      ...ctx,
      reporterName: '张伟',
    })
    expect(read.patrollers).toBe('张伟、小王、小李')
    expect(read.staffCount).toBe(3)
    expect(extractPatrol('跟老张老刘一起巡查了人民路', { ...ctx, reporterName: '张伟' }).patrollers).toBe(
      '张伟、老张、老刘',
    )
  })

  it('takes the names right before a count of as many as who went (they had been lost, the reporter listed)', () => {
    const read = (said: string) => extractPatrol(said, { ...ctx, reporterName: '张伟' })
    const named = read('巡查 今天上午9点到11点 朗州路 李强 王明 2人1车 发现井盖缺失 已设置警示')
    expect([named.patrollers, named.staffCount, named.area]).toEqual(['李强、王明', 2, '朗州路'])
    // One more counted than named: the one writing went too.
    expect(read('朗州路 李强 王明 3人1车 正常').patrollers).toBe('张伟、李强、王明')
    // Places before a count are no names.
    expect(read('上午 武陵大道 建设路 2人 正常').patrollers).toBe('张伟')
  })

  it('keeps a name ending in a numeral (「我和王五两个人」 is 王五, not 王) and takes no finding from how they went', () => {
    const read = extractPatrol('今天上午9点到11点，我和王五两个人开一台车巡查了武陵大道', {
      ...ctx,
      reporterName: '张伟',
    })
    expect(read.patrollers).toBe('张伟、王五')
    expect(read.staffCount).toBe(2)
    // Who went, in the car, along a road: no hazard was offered for it (it was offered the whole sentence).
    expect(read.hazards).toBeUndefined()
    for (const said of ['我和小王开车巡查了人民路', '跟老李一起开车巡查了人民路', '开了两台车巡查了人民路'])
      expect(extractPatrol(said, { ...ctx, reporterName: '张伟' }).hazards).toBeUndefined()
    // A finding after it is still read.
    expect(
      extractPatrol('我和小王开车巡查了人民路，液化气罐放在地下室用', { ...ctx, reporterName: '张伟' }).hazards,
    ).toHaveLength(1)
  })

  it('takes a day patrolled in two parts (「上午巡了人民路，下午巡了建设路」) as one patrol over both, start to end', () => {
    // Told the next day, so the afternoon's end is known (it was 08:00–12:00 on 人民路 only).
    const read = extractPatrol('昨天上午巡查人民路，下午巡查建设路，未发现问题', ctx)
    expect(read.area).toBe('人民路、建设路')
    expect(read.startedAt).toBe(zonedInstant('2026-12-02', 'Asia/Shanghai', 8).toISOString())
    expect(read.endedAt).toBe(zonedInstant('2026-12-02', 'Asia/Shanghai', 18).toISOString())
    // A place where something was found is not one patrolled; a collapse at a place is a finding of its own.
    const found = extractPatrol('巡查人民路时发现建设路口有塌陷', ctx)
    expect(found.area).toBe('人民路')
    expect(found.hazards).toEqual([
      expect.objectContaining({ description: '建设路口有塌陷', locationText: '建设路口' }),
    ])
  })

  it('does not take 夜巡 into the area’s name', () => {
    expect(extractPatrol('昨天晚上8点到10点夜巡夜市周边，两个人，步行，没问题', ctx).area).toBe('夜市周边')
  })
})

describe('digits typed in full width', () => {
  it('reads ９点到１１点 ２人１车 as the same report in ordinary digits', () => {
    const read = extractPatrol('９点到１１点 巡查人民路 ２人１车 井盖缺失１处', ctx)
    expect(read).toMatchObject({ area: '人民路', staffCount: 2, vehicleCount: 1 })
    expect(read.startedAt).toBe(zonedInstant('2026-12-03', 'Asia/Shanghai', 9).toISOString())
    expect(read.endedAt).toBe(zonedInstant('2026-12-03', 'Asia/Shanghai', 11).toISOString())
  })
})

describe('an estate’s phase, block, unit and floor', () => {
  const placeOf = (text: string) => readByRules('hazard', text, ctx).fields.locationText
  it.each([
    ['滨江花园三期地下车库顶板渗水严重', '滨江花园三期'],
    ['阳光家园东区3号楼2单元楼道墙皮大面积脱落', '阳光家园东区3号楼2单元'],
    ['锦绣苑A座外墙保温层空鼓', '锦绣苑A座'],
    ['万达广场B1层停车场消防栓没水', '万达广场B1层'],
    ['金地小区二期北门旁边化粪池盖板塌了', '金地小区二期北门'],
    ['楼上邻居阳台违建，用的彩钢板，怕掉下来砸人，金色家园6-2-301', '金色家园6-2-301'],
    ['人民路和解放路交界的井盖不见了', '人民路和解放路交界'],
  ])('keeps what narrows the place down: %s', (text, place) => {
    expect(placeOf(text)).toBe(place)
  })

  it('does not take a patrol’s hours for a house number', () => {
    expect(extractPatrol('人民路9-12点巡查，一切正常', ctx).area).toBe('人民路')
  })

  it('does not take the stairwell or the roof for a floor', () => {
    expect(placeOf('人民医院5楼道里堆满杂物')).toBe('人民医院')
    expect(placeOf('和平街12号老楼楼道里电动车在充电')).toBe('和平街12号')
  })
})

describe('counts of people and cars next to other words', () => {
  it('reads 无车 as no car when 一切正常 follows it', () => {
    const read = extractPatrol('下午两点到五点 滨江路沿线 3人 无车 一切正常', ctx)
    expect(read).toMatchObject({ staffCount: 3, vehicleCount: 0, hazards: [] })
  })

  it('reads the hour said after 无车 as the time, not a count of cars', () => {
    const read = extractPatrol('上周五巡查的忘记报了 现在补报 滨湖路 2人 无车 9点到11点 无异常', ctx)
    expect(read).toMatchObject({ staffCount: 2, vehicleCount: 0, hazards: [] })
    expect(extractPatrol('滨湖路 2人 车 9:00-11:00 巡查', ctx).vehicleCount).toBeUndefined()
    // A count of cars before the time still counts.
    expect(extractPatrol('滨湖路 2人 车1 9点到11点', ctx).vehicleCount).toBe(1)
  })

  it('reads 「建设路到常德大道」 as the stretch patrolled, not its end', () => {
    expect(
      extractPatrol('3人2车 建设路到常德大道 下午2点到5点 发现燃气管道上方违规堆放建材一处 已责令清理', ctx).area,
    ).toBe('建设路到常德大道')
    // 到 after a verb still names where they went.
    expect(extractPatrol('今天上午到人民路巡查 2人 正常', ctx).area).toBe('人民路')
  })

  it('reads an e-bike said as a field of its own as no vehicle', () => {
    expect(
      extractPatrol('上午 9:30-11:30 人民西路 沿线 一人 电动车 发现 井盖破损2处 路灯不亮3盏', ctx).vehicleCount,
    ).toBe(0)
  })

  it('does not count the 一 of 一起 as one person', () => {
    expect(extractPatrol('巡查人员一起去了人民路，车一台，一切正常', ctx).staffCount).toBeUndefined()
  })

  it('does not take 车一台 or 车辆：2台 for a hazard', () => {
    expect(extractPatrol('车辆一辆，人员三名，巡查建设路', ctx).hazards ?? []).toEqual([])
    expect(extractPatrol('巡查人员一起去了人民路，车一台', ctx).hazards ?? []).toEqual([])
    const read = extractPatrol('巡查建设路，车辆：2台，人员：3，发现路灯不亮1处', ctx)
    expect(read).toMatchObject({ staffCount: 3, vehicleCount: 2 })
    expect(read.hazards?.map((h) => h.description)).toEqual(['路灯不亮1处'])
  })

  it('takes what a summary names in brackets without the brackets', () => {
    const read = extractPatrol('巡查长江路全线，发现隐患3处，其中较大隐患1处（燃气管道占压），一般隐患2处', ctx)
    expect(read.hazards?.[0]?.description).toBe('燃气管道占压')
    expect(total('巡查长江路全线，发现隐患3处，其中较大隐患1处（燃气管道占压），一般隐患2处')).toBe(3)
  })
})

describe('a complaint’s place after 住在, 尽快处理 and near a school called by its number', () => {
  const placeOf = (text: string) => readByRules('complaint', text, ctx).fields.locationText
  it.each([
    ['有个工地的塔吊好像歪了 就在市二中对面', '市二中对面'],
    ['我住在建材市场宿舍，房子墙上裂了很大的缝，下雨还漏水', '建材市场宿舍'],
    ['请尽快处理德山大道与桃花源路交叉口东北角的燃气泄漏，味道很大', '德山大道与桃花源路交叉口东北角'],
  ])('%s', (text, place) => {
    expect(placeOf(text)).toBe(place)
  })

  it('still keeps a site under construction in the name, and cuts 在 off a street that starts with 建', () => {
    expect(placeOf('在建工地围挡倒了，朝阳路在建工地')).toBe('朝阳路在建工地')
    expect(placeOf('水管漏水把路面都泡软了，在建设西路')).toBe('建设西路')
  })

  it('does not take a count of bridges for a block', () => {
    expect(extractPatrol('昨日9时-12时，桥管处对辖区6座桥梁开展巡查，未发现安全隐患', ctx).area ?? '').not.toContain(
      '6座',
    )
    expect(extractPatrol('上午巡查城区燃气调压站3座，其中长庚路调压站围墙破损', ctx).area).toBe('城区燃气调压站')
  })
})

describe('a start that is only the day', () => {
  it('offers the day’s default hour as a guess to confirm, not a fact', () => {
    expect(readByRules('patrol', '今天巡查了人民路', ctx).unsure).toContain('startedAt')
    expect(readByRules('patrol', '昨天巡查人民路，2人1车，没问题', ctx).unsure).toContain('startedAt')
    for (const said of ['今天上午巡查人民路', '今天9点巡查人民路', '9-11点巡查人民路'])
      expect(readByRules('patrol', said, ctx).unsure).not.toContain('startedAt')
  })
})

describe('one of those already counted', () => {
  it('reads 「危房两栋，其中一栋…」 as two houses, one of them major', () => {
    const text = '下午去了老城区，发现危房两栋，其中一栋墙体开裂严重，还有人住着'
    expect(total(text)).toBe(2)
    const hazards = extractPatrol(text, ctx).hazards ?? []
    expect(hazards.filter((h) => h.level === 'major').reduce((n, h) => n + (h.count ?? 1), 0)).toBe(1)
  })

  it('takes 夜巡发现 and 就是 off the front of what was found', () => {
    const found = (text: string) => (extractPatrol(text, ctx).hazards ?? []).map((h) => h.description)
    expect(found('夜巡发现步行街2盏路灯不亮，1处井盖松动，已现场处置')[0]).toBe('步行街2盏路灯不亮')
    expect(found('今天没发现什么大问题，就是建设路有个消防栓漏水')[0]).toBe('建设路有个消防栓漏水')
  })
})

describe('the thirteenth round: sites counted are not a place, shops and banks are, questions about a patrol', () => {
  it('never guesses 「了3个工地」 as where a hazard is', () => {
    const said =
      '今天巡查了3个工地，下午两点到四点半，我和小李两个人开一辆车，发现华联超市门口人行道塌了一块，已拉警戒线'
    const hazard = readByRules('hazard', said, ctx).fields
    expect(hazard.locationText).not.toMatch(/个工地/)
    expect((extractPatrol(said, ctx).hazards ?? [])[0]?.locationText).toBe('华联超市门口')
  })

  it('takes a named shop, bank or hotel as a place, not the bare word', () => {
    expect(findPlaces('步步高超市门口的消防通道被堵')[0]).toBe('步步高超市门口')
    expect(findPlaces('工商银行门前人行道砖松动')).toEqual(['工商银行'])
    expect(findPlaces('去超市买东西的路上看到井盖没了')).toEqual([])
  })

  it('takes estates named 华庭, 华府, 公馆 … as places, and guesses no bare 「小区」', () => {
    expect(findPlaces('锦绣华庭3栋电梯坏了')).toEqual(['锦绣华庭3栋'])
    expect(findPlaces('碧桂园华府2期门口井盖没了')).toEqual(['碧桂园华府2期门口'])
    expect(extractComplaint('我们小区电梯老是坏，物业也不管，锦绣华庭', ctx).locationText).toBe('锦绣华庭')
    expect(extractComplaint('我们小区门口的路灯坏了', ctx).locationText).toBeUndefined()
  })

  it('reads labels written on one line, a labelled route of several roads, and 「报告：」 as no part of what is wrong', () => {
    expect(
      readByRules('hazard', '隐患：燃气管道被挖断 地点：洞庭大道与紫菱路交叉口 已疏散群众', ctx).fields,
    ).toMatchObject({
      description: '燃气管道被挖断；已疏散群众',
      locationText: '洞庭大道与紫菱路交叉口',
    })
    // 「地点是…」 leading: the place stays in what is wrong, its label does not.
    expect(readByRules('hazard', '上报隐患 地点是武陵大道工地 塔吊基础积水', ctx).fields).toMatchObject({
      description: '武陵大道工地 塔吊基础积水',
      locationText: '武陵大道工地',
    })
    expect(readByRules('hazard', '报告：沅江大桥桥面伸缩缝破损严重，建议尽快维修', ctx).fields.description).toBe(
      '沅江大桥桥面伸缩缝破损严重，建议尽快维修',
    )
    expect(readByRules('hazard', '帮我上报一个隐患，具体是武陵大道中段人行道有个深坑', ctx).fields).toMatchObject({
      description: '武陵大道中段人行道有个深坑',
      locationText: '武陵大道中段',
    })
    expect(readByRules('hazard', '报个隐患：桃花源小区3栋外墙瓷砖脱落', ctx).fields.description).toBe(
      '桃花源小区3栋外墙瓷砖脱落',
    )
    expect(extractPatrol('时间：11月23日8:30-11:30\n路线：人民路—武陵大道—朗州路\n人员：张伟、李强', ctx).area).toBe(
      '人民路—武陵大道—朗州路',
    )
  })

  it('reads a patrol said with 巡 alone (开始巡的, 巡完了, 巡到) and a route written 「路线是…到…」', () => {
    const said = '今天早上八点半开始巡的，到十点，沿线无异常，路线是洞庭大道到皂果路'
    expect(intentOf(said)).toBe('patrol')
    expect(extractPatrol(said, ctx).area).toBe('洞庭大道到皂果路')
    expect(intentOf('上午巡完了人民路，9点到11点，3人1车，没发现问题')).toBe('patrol')
    expect(extractPatrol('上午巡完了人民路，9点到11点，3人1车，没发现问题', ctx).area).toBe('人民路')
    expect(intentOf('早上从8点巡到10点半，两个人一台车，武陵大道沿线正常')).toBe('patrol')
    // No 巡 at all: a span of time in which nothing was found.
    expect(intentOf('11月17日上午9点到11点 人民路 跟老王一起 没发现问题')).toBe('patrol')
    // A single labelled place is still just that place.
    expect(extractPatrol('巡查路段：人民路', ctx).area).toBe('人民路')
  })

  it.each(['今天没出去巡查', '今天下雨，暂停巡查', '明天上午去人民路巡查', '下午准备去武陵大道巡查'])(
    'reads 「%s」 as no patrol to record',
    (said) => {
      expect(intentOf(said)).toBeUndefined()
    },
  )

  it.each(['今日巡查正常', '昨天巡查了人民路，没发现问题', '巡查中发现人民路井盖缺失，明天继续巡查'])(
    'still reads 「%s」 as a report',
    (said) => {
      expect(intentOf(said)).toBeDefined()
    },
  )

  it('reads one patroller named after its label, names apart by spaces, and a finding without its 情况 label', () => {
    const said =
      '巡查人员：王五 巡查时间：2026年11月22日14:00至17:00 巡查地点：滨湖公园 巡查情况：园内树木有3棵倾斜，已拍照'
    expect(extractPatrol(said, ctx)).toMatchObject({
      patrollers: '王五',
      staffCount: 1,
      area: '滨湖公园',
      hazards: [{ description: '园内树木有3棵倾斜', category: 'greenery_park' }],
    })
    expect(extractPatrol('人员：张三 李四 9点到11点 人民路 正常', ctx)).toMatchObject({
      patrollers: '张三、李四',
      staffCount: 2,
    })
    // 「我和小李」 after the label is the writer and one more, not a person called 我和小李.
    expect(extractPatrol('人员：我和小李 9点到11点 人民路 正常', ctx).staffCount).toBe(2)
  })

  it('reads a voice report said in one breath, with no mark in it', () => {
    const found = extractPatrol(
      '今天上午九点到十一点我和李强巡查了人民路发现一个井盖破损已经通知市政处理了两个人一台车',
      ctx,
    )
    expect(found).toMatchObject({
      area: '人民路',
      staffCount: 2,
      vehicleCount: 1,
      handlingResult: '已经通知市政处理了',
    })
    expect(found.hazards).toMatchObject([{ description: '一个井盖破损' }])
    // 「没有发现问题三个人」: nothing found, and three went (it was read as three problems found).
    const nothing = extractPatrol('下午两点半到四点半巡查建设路和光明路没有发现问题三个人开了两台车', ctx)
    expect(nothing).toMatchObject({ staffCount: 3, vehicleCount: 2, hazards: [] })
  })

  it('offers no hazard made of how the patrol went, and reads 没开车 as no vehicle', () => {
    const walked = extractPatrol('今天和老李巡了一下武陵大道，两点到四点，没开车', ctx)
    expect(walked).toMatchObject({ area: '武陵大道', staffCount: 2, vehicleCount: 0 })
    expect(walked.hazards ?? []).toEqual([])
    expect(extractPatrol('上午开车巡查人民路 2人', ctx).hazards ?? []).toEqual([])
    // (「开车去的」「开的电动车」 had been offered as findings.)
    for (const said of ['两个人 开车去的', '就我自己 开的电动车'])
      expect(extractPatrol(said, ctx).hazards ?? []).toEqual([])
    // Words the rules do not know are still offered as the finding to confirm.
    expect(extractPatrol('上午巡查人民路，液化气罐放在地下室用', ctx).hazards?.[0]?.description).toBe(
      '液化气罐放在地下室用',
    )
  })

  it('reads 「巡查…的时候看到」 as the lead-in to a finding, and 「已经叫施工方…」 as what was done', () => {
    const read = extractPatrol('今天巡查人民路的时候看到有个工地围挡倒了，已经叫施工方扶起来了，3人1车，9点到11点', ctx)
    expect(read.hazards).toMatchObject([{ description: '有个工地围挡倒了', category: 'construction_site' }])
    expect(read.handlingResult).toBe('已经叫施工方扶起来了')
    expect(read.area).toBe('人民路')
  })

  it.each([
    ['今天早班巡查滨湖路，七点到九点，一个人骑电动车，路面有一处坑槽，已报市政', '已报市政'],
    ['巡查了沅安路桥 桥面正常 桥下有人堆放杂物 已劝离 10:00-11:00 2人', '已劝离'],
    ['【巡查日志】巡查员张三、李四对武陵大道开展日常巡查，发现井盖破损1处，均已拍照上报。', '已拍照上报'],
  ])('reads the handling on the spot in 「%s」', (said, handling) => {
    expect(extractPatrol(said, ctx).handlingResult).toBe(handling)
  })

  it('reads the patrollers named right after 巡查员, without a colon', () => {
    expect(extractPatrol('巡查员张三、李四对武陵大道开展日常巡查，未发现问题', ctx)).toMatchObject({
      patrollers: '张三、李四',
      staffCount: 2,
    })
  })

  it('counts 「2栋危房」 as two places, and takes no place from who was told (「已通知社区」)', () => {
    const read = extractPatrol('上午检查了3个老旧小区，发现2栋危房有人居住，已通知社区劝离', ctx)
    expect(read.hazards?.[0]).toMatchObject({ count: 2, category: 'dangerous_house' })
    expect(read.area).toBeUndefined()
  })

  it('keeps a landmark named right after the street with the place, never a clause about the problem', () => {
    expect(readByRules('complaint', '消防栓被撞坏了一直在喷水，武陵大道农行门口', ctx).fields.locationText).toBe(
      '武陵大道农行门口',
    )
    expect(readByRules('complaint', '工地塔吊晚上还在转，就在紫菱路万达旁边', ctx).fields.locationText).toBe(
      '紫菱路万达旁边',
    )
    expect(readByRules('complaint', '人民路有个坑旁边没有围挡', ctx).fields.locationText).toBe('人民路')
  })

  it.each([
    ['喂你好我想反映一下那个就是人民路跟建设路那个路口那个井盖没有了很危险的', '人民路跟建设路路口'],
    ['我们这个小区叫什么来着哦阳光新城那个燃气表那里好像有点漏气', '阳光新城'],
    ['你好我是住在桃花源路一百号的居民我们楼下的那个工地天天晚上施工', '桃花源路一百号'],
    ['我跟你说啊皂果路那边有棵大树倒了把路都堵死了', '皂果路'],
    ['新华书店门口的地砖翘起来了，好几个人绊倒了', '新华书店门口'],
  ])('reads the place in speech as typed: %s', (said, place) => {
    expect(readByRules('complaint', said, ctx).fields.locationText).toBe(place)
  })

  it('reads 一路 after a verb as "all the way", and keeps 人民一路 a road', () => {
    expect(findPlaces('渣土车天天撒一路')).toEqual([])
    expect(findPlaces('泥浆漏了一路，车都打滑')).toEqual([])
    expect(findPlaces('有辆渣土车一路撒土，车牌湘J12345')).toEqual([])
    expect(findPlaces('建设一路撒了很多土')).toEqual(['建设一路'])
  })

  it('reads an embankment (大堤, 河堤) as a place', () => {
    expect(findPlaces('有人在河边偷偷倒建筑垃圾，在沅江大堤那边')).toEqual(['沅江大堤'])
    expect(findPlaces('柳叶湖堤上有裂缝')).toEqual(['柳叶湖堤'])
    expect(findPlaces('人民一路和建设二路交叉口路灯不亮')).toEqual(['人民一路和建设二路交叉口'])
  })

  it('takes the 问题 line of a hazard written as labelled lines as its description, and the 地点 line as where', () => {
    const said = '上报隐患\n地点：朗州路与人民路交叉口\n问题：路面塌陷约1平方米\n等级：重大'
    expect(readByRules('hazard', said, ctx).fields).toMatchObject({
      description: '路面塌陷约1平方米',
      locationText: '朗州路与人民路交叉口',
      level: 'major',
    })
    expect(readByRules('hazard', '隐患：井盖缺失；位置：人民路88号', ctx).fields).toMatchObject({
      description: '井盖缺失',
      locationText: '人民路88号',
    })
  })

  it('does not read a question about patrolling as a patrol report', () => {
    expect(intentOf('明天上午要下大雨，需要提前巡查吗')).toBeUndefined()
    expect(intentOf('今天下午还要巡查吗？')).toBeUndefined()
    expect(intentOf('今天下午巡查了朗州路，2人1车，未发现隐患')).toBe('patrol')
    expect(intentOf('有没有超期的')).toBeUndefined()
    expect(intentOf('哪些隐患还没整改')).toBeUndefined()
    expect(intentOf('人民路井盖缺失')).toBe('hazard')
  })

  it('reads how many went and how they went (「2人 步行」「两个人开车」) as a patrol, without the word 巡查', () => {
    expect(intentOf('11.23 上午 人民路、朝阳路 2人 步行 发现：1、人民路12号人行道板松动3块；2、朝阳路路灯杆倾斜')).toBe(
      'patrol',
    )
    expect(intentOf('今天下午和小李两个人开车去了龙港路，路中间的窨井盖被压碎了')).toBe('patrol')
    // Victims, and people passing by, are no turn-out.
    expect(intentOf('人民路塌陷，2人受伤，开车的人被困')).toBe('hazard')
    expect(intentOf('人民路有个坑，2人开车路过差点掉进去')).toBe('hazard')
  })

  it.each([
    '怎么报隐患',
    '请问如何上报隐患',
    '拍照怎么传',
    '今天有几个隐患没整改',
    '还有多少投诉没办结',
    '帮我看看哪些单位超期了',
  ])('reads 「%s」 as a question, not a report', (words) => {
    expect(intentOf(words)).toBeUndefined()
  })

  it.each(['怎么发现这么多井盖缺失，人民路88号', '井盖怎么坏了', '人民路有几个井盖缺失'])(
    'still reads 「%s」 as a report',
    (words) => {
      expect(intentOf(words)).toBe('hazard')
    },
  )
})

describe('the ninth round: lead-ins to a report, bridges named after their river, cars by plate', () => {
  it.each([
    ['报告一下，皂果路那个在建工地塔吊好像有点歪', '皂果路那个在建工地塔吊好像有点歪'],
    ['汇报个情况，人民路88号门口井盖缺失', '人民路88号门口井盖缺失'],
    ['发现一处隐患：柳叶湖大道与紫菱路交叉口燃气管道标志桩被撞断', '柳叶湖大道与紫菱路交叉口燃气管道标志桩被撞断'],
  ])('keeps the lead-in of %s out of the description', (said, description) =>
    expect(readByRules('hazard', said, ctx).fields.description).toBe(description),
  )

  it('reads a bridge named after its river as the place, and a road’s pier as the road’s', () => {
    expect(findPlaces('穿紫河桥栏杆松了好几根，行人容易掉河里')[0]).toBe('穿紫河桥')
    expect(findPlaces('穿紫河桥墩有裂缝')[0]).toBe('穿紫河桥')
    expect(findPlaces('穿紫河边的护栏断了')[0]).toBe('穿紫河')
    expect(findPlaces('人民路桥墩开裂')[0]).toBe('人民路')
  })

  it('keeps every road of a listed route, and a part of town said as 东片', () => {
    expect(extractPatrol('8点半出发，11点回来，走了洞庭大道、人民路、朗州路，2个人一台车，都正常', ctx).area).toBe(
      '洞庭大道、人民路、朗州路',
    )
    expect(extractPatrol('今天巡查情况：上午8:30-11:30，城区东片，4人2车，未发现隐患', ctx).area).toBe('城区东片')
  })

  it('reads an unsafe act where it should not happen as a hazard (烧烤 under a bridge, building noise at night)', () => {
    for (const said of [
      '桥下面有人在钓鱼，还烧烤',
      '建设路有个工地晚上施工噪音很大，居民投诉',
      '有小孩翻越护栏到河边玩',
    ])
      expect(intentOf(said)).toBe('hazard')
  })

  it('reads a patrol written as labelled lines, 「隐患：无」 included, without guessing a finding from 「路段：」', () => {
    const said =
      '【日巡查】\n日期：11月23日\n时间：14:00-16:00\n路段：洞庭大道\n人员：张伟、王刚\n车辆：1台\n隐患：无\n处理：无'
    const read = readByRules('patrol', said, ctx)
    expect(read.fields).toMatchObject({ area: '洞庭大道', staffCount: 2, vehicleCount: 1 })
    expect(read.fields.hazards ?? []).toEqual([])
    expect(read.unsure).not.toContain('hazards')
  })

  it('keeps an unlabelled line beside a labelled hazard (what was done) in its description', () => {
    expect(
      readByRules('hazard', '隐患：人民路与建设路交叉口人行道地砖大面积松动；等级：一般；已设置警示标志', ctx).fields
        .description,
    ).toBe('人民路与建设路交叉口人行道地砖大面积松动；已设置警示标志')
  })

  it('narrows an area to the place in it across the words said while thinking (的那个那个)', () => {
    expect(
      extractComplaint('我想反映一下就是我们那个武陵区丹阳街道的那个那个花园小区啊里面有个井盖坏了', ctx).locationText,
    ).toBe('武陵区丹阳街道花园小区')
  })

  it('keeps a room number and a distance from a crossing with the place', () => {
    expect(findPlaces('家里墙裂了很大的缝，桃花源小区2栋301')[0]).toBe('桃花源小区2栋301')
    expect(findPlaces('幸福小区3栋2单元502室漏水')[0]).toBe('幸福小区3栋2单元502室')
    expect(findPlaces('有个窨井盖没了，在人民路和朗州路交叉口往北50米')[0]).toBe('人民路和朗州路交叉口往北50米')
    expect(findPlaces('人民路往东100米有个坑')[0]).toBe('人民路往东100米')
  })

  it('counts a car from its number plate or from what was driven', () => {
    expect(extractPatrol('巡查 9点到11点 人民路 车辆：湘J12345', ctx).vehicleCount).toBe(1)
    expect(extractPatrol('巡查 9点到11点 人民路 车辆：湘J12345、湘J·D6789A', ctx).vehicleCount).toBe(2)
    expect(extractPatrol('9点到11点巡查人民路，开的公务车，一切正常', ctx).vehicleCount).toBe(1)
  })
})

describe('estates called 某某里, corners of a crossing, and a lift’s number', () => {
  const placeOf = (text: string) => readByRules('complaint', text, ctx).fields.locationText
  it.each([
    // The address given after 地址 is the place, though the estate was named before it without its building.
    ['举报：幸福里小区有人私自拆承重墙，地址幸福里12栋401，电话15912345678', '幸福里12栋401'],
    ['住在永安里3号楼2单元，楼道的灯坏了半个月', '永安里3号楼2单元'],
    ['紫薇路跟长江路交叉口东北角那个塔吊歪了!!!!!', '紫薇路跟长江路交叉口东北角'],
    ['人民路口西侧有个大坑没人管', '人民路口西侧'],
    // 「3号电梯」 is which lift, not a door number of the square.
    ['电梯困人了！！万达广场3号电梯', '万达广场'],
    // 「黑工地」 says what kind of site, not where: the place is where it is.
    ['我举报一个黑工地，晚上偷偷施工，在城北开发区那块空地上，没有任何手续', '城北开发区'],
    ['学校门口的施工围挡占了半条路，孩子上下学很危险，实验小学', '实验小学'],
    // The weather before a place word is no part of its name.
    ['下雨天小区地下车库进水了 淹了好多车 阳光花园', '阳光花园'],
    // A government building, a court, a police station are landmarks; 「希望政府来看看」 names none.
    ['市政府门口的路灯不亮', '市政府门口'],
    ['城东派出所旁边的井盖没了', '城东派出所'],
    // Where it is from home, before the street's own name.
    ['你好，我家门口朗州路那个井盖又坏了，晚上好几个人踩空了', '朗州路'],
    ['你好 我家楼下皂果路那个井盖没了 晚上黑', '皂果路'],
  ])('%s', (text, place) => {
    expect(placeOf(text)).toBe(place)
  })

  it('takes no 里 without a building after it for an estate (家里, 这里, 小区里)', () => {
    expect(findPlaces('家里3号楼漏水')).toEqual([])
    expect(findPlaces('小区里3栋门口的井盖坏了')).not.toContain('小区里3栋')
    expect(findPlaces('这里有个坑')).toEqual([])
  })
})

describe('a patrol told by voice input in one breath, and dust and fences on a site', () => {
  const spoken =
    '今天上午我们三个人开了一台车从朝阳路一直巡到人民路那边然后在人民路跟建设路交叉口那里发现有个井盖是破的已经放了警示牌了'

  it('cuts the run where the speaker moved on: who went, what was found, what was done', () => {
    const fields = extractPatrol(spoken, ctx)
    expect(fields.staffCount).toBe(3)
    expect(fields.vehicleCount).toBe(1)
    expect(fields.area).toBe('朝阳路至人民路')
    // 「三个人」 counts people, not places found.
    expect(fields.hazards).toEqual([
      expect.objectContaining({ description: '在人民路跟建设路交叉口那里发现有个井盖是破的' }),
    ])
    expect(fields.hazards?.[0]?.count ?? 1).toBe(1)
    expect(fields.handlingResult).toBe('已经放了警示牌了')
  })

  it('reads dust, no watering and an incomplete fence as defects', () => {
    for (const said of ['人民路施工工地扬尘大', '工地没洒水', '围挡也不全']) expect(namesDefect(said)).toBe(true)
    expect(total('9点到11点 2人1车 巡查人民路工地 扬尘大，没洒水，围挡也不全')).toBeGreaterThan(0)
  })
})

describe('no place where a message says only whose it is or what blocks the road', () => {
  const placeOf = (text: string) => readByRules('complaint', text, ctx).fields.locationText
  it.each(['我家小区电梯又坏了', '人行道上的树倒了，挡住了路', '我家门口的马路被挖开了一个大坑 也没人填'])(
    '%s',
    (text) => {
      expect(placeOf(text)).toBeUndefined()
    },
  )
})

describe('the patrollers listed after a label without its colon', () => {
  it('splits the reporter’s name typed together with another’s (「张伟李强」), and only with a surname after it', () => {
    const named = { ...ctx, reporterName: '张伟' }
    const read = extractPatrol(
      '11.23巡查：人民路-朝阳路-建设路，张伟李强，8:00-10:00，步行，发现建设路口一处路灯不亮',
      named,
    )
    expect(read).toMatchObject({ patrollers: '张伟、李强', staffCount: 2 })
    expect(extractPatrol('李强张伟 人民路 9点-11点 正常', named).patrollers).toBe('李强、张伟')
    // 「张伟带队」 is the reporter leading, not a second name.
    expect(extractPatrol('张伟带队，人民路 9点-11点 正常', named).patrollers).toBe('张伟')
  })

  it('reads 「巡查人员张伟、李强、王明，车辆1台」 as three people and stops at the next label', () => {
    const read = extractPatrol(
      '今日巡查情况汇报：巡查时间8:30-11:30，巡查人员张伟、李强、王明，车辆1台，巡查路线：洞庭大道-朗州路-人民路，未发现问题',
      ctx,
    )
    expect(read).toMatchObject({ patrollers: '张伟、李强、王明', staffCount: 3, vehicleCount: 1 })
  })
})

describe('an area said first and an estate later', () => {
  it('takes the estate the problem is at, not the district the citizen lives in', () => {
    const read = extractComplaint(
      '您好！我是武陵区芙蓉街道的居民，想反映一个问题。我们小区（芙蓉花园）门口的人行道上，有一个井盖已经缺失好几天了',
      ctx,
    )
    expect(read.locationText).toBe('芙蓉花园')
  })

  it('puts the building said of the estate by its bare word in the estate named before it', () => {
    const read = extractComplaint(
      '您好，我是阳光小区的业主，我们小区3栋楼顶的广告牌被风吹得摇摇晃晃的，底下就是小孩玩的地方',
      ctx,
    )
    // It was 「小区3栋」, which nobody could find.
    expect(read.locationText).toBe('阳光小区3栋')
  })
})

describe('findings counted and then numbered in words, at sites named before their parts', () => {
  it('reads 「发现2处问题：一是…，二是…」 as two findings without their numbers, each at its site', () => {
    const read = extractPatrol(
      '今天上午9点到11点，我和小刘在天元区巡查了5个工地，发现2处问题：一是长江工地脚手架缺少连墙件，二是华润工地基坑未设护栏，已责令整改',
      ctx,
    )
    expect(read.hazards).toMatchObject([
      { description: '长江工地脚手架缺少连墙件', locationText: '长江工地' },
      { description: '华润工地基坑未设护栏', locationText: '华润工地' },
    ])
  })

  it('keeps a road’s own parts out of its name, and a building after a house number', () => {
    const placeOf = (text: string) => readByRules('complaint', text, ctx).fields.locationText
    expect(placeOf('万科工地基坑边没有护栏')).toBe('万科工地')
    expect(placeOf('建设路面塌陷了一个大坑')).toBeUndefined()
    expect(placeOf('我家楼上装修把承重墙打掉了，住在天元区泰山路12号3栋，很担心房子会塌')).toBe('天元区泰山路12号3栋')
  })
})

describe('roads typed with spaces between them, and what was said to whom', () => {
  it('lists the roads patrolled and keeps 「已经跟市政说了」 as the handling, without the time after it', () => {
    const read = extractPatrol(
      '今天巡了朗州路 建设路 人民路三条路 俩人一车 朗州路有个井盖松动 别的没啥 已经跟市政说了 上午九点到十一点半',
      ctx,
    )
    expect(read).toMatchObject({ area: '朗州路、建设路、人民路', handlingResult: '已经跟市政说了', staffCount: 2 })
  })

  it('lists a road said with 一带 and the patrol after it (only the first had been kept)', () => {
    expect(extractPatrol('今天上午八点半到十一点在人民路 建设路一带巡查 三个人一台车 没发现问题', ctx).area).toBe(
      '人民路、建设路',
    )
  })

  it('does not list a county before its road, nor the place of a finding after the route', () => {
    expect(extractPatrol('汉寿县 龙阳镇 一在建住宅楼 高支模区域立杆间距过大', ctx).area).not.toContain('、')
    expect(extractPatrol('巡查人民路 朗州路有个井盖松动', ctx).area).toBe('人民路')
  })
})

describe('a companion named with how many went', () => {
  it('reads 「就我和小王两个人」 as the reporter and 小王', () => {
    const read = extractPatrol(
      '今天早上七点半出发，十点回来，巡了武陵大道和朗州路，没问题，就我和小王两个人，开的单位车',
      { ...ctx, reporterName: '张伟' },
    )
    expect(read).toMatchObject({ patrollers: '张伟、小王', staffCount: 2 })
  })
})

describe('who has not patrolled, asked', () => {
  it.each(['哪些单位今天还没报巡查', '谁今天没巡查', '哪个单位今天巡查了'])('reports no patrol: %s', (said) => {
    expect(intentOf(said)).toBeUndefined()
  })
})

describe('a finding pasted over and over', () => {
  it('keeps 「发现井盖缺失一处」 pasted three hundred times once, and the same finding said twice twice', () => {
    const pasted = extractPatrol(`今天上午巡查人民路，${'发现井盖缺失一处，'.repeat(300)}`, ctx)
    expect(pasted.hazards).toHaveLength(1)
    const twice = extractPatrol('今天上午巡查人民路，发现：1.井盖缺失；2.井盖缺失', ctx)
    expect(twice.hazards?.reduce((n, h) => n + (h.count ?? 1), 0)).toBe(2)
  })
})

describe('a stretch from one place to the next, and an estate named right after its street', () => {
  it('keeps 「人民路到武陵大道」 one stretch, as 「至」 is, but 「巡到」 and 「走路到」 start no place', () => {
    expect(findPlaces('工地渣土车洒了一路的泥，人民路到武陵大道这一段')).toEqual(['人民路到武陵大道'])
    expect(findPlaces('从人民路到建设路')).toEqual(['人民路到建设路'])
    expect(findPlaces('巡查了人民路到建设路一线')).toEqual(['人民路到建设路一线'])
    expect(findPlaces('巡到人民路')).toEqual(['人民路'])
    expect(findPlaces('走路到人民路')).toEqual(['人民路'])
  })

  it('keeps 「建设东路百货公司宿舍」 one address, but not what only stands on the street', () => {
    expect(findPlaces('老旧小区改造把我家门口挖了个大坑，在建设东路百货公司宿舍')).toEqual(['建设东路百货公司宿舍'])
    expect(findPlaces('经开区德山大道上有个搅拌站')[0]).toBe('经开区德山大道')
  })
})

describe('an address typed with spaces between its parts', () => {
  const where = (text: string) => extractComplaint(text, ctx).locationText
  it('keeps a building after its estate and an estate after its street, but two streets apart', () => {
    expect(where('投诉一个工地 没有围挡 灰尘很大 在柳叶湖 白马湖路 碧桂园二期')).toBe('柳叶湖白马湖路碧桂园二期')
    expect(where('我要反映 我们小区 阳光花园 5栋 外墙瓷砖老往下掉 物业不管')).toBe('阳光花园5栋')
    expect(where('阳光花园 5栋 2单元 楼道灯不亮')).toBe('阳光花园5栋2单元')
    expect(where('人民路 建设路 井盖坏了')).toBe('人民路')
    expect(where('消防栓被车撞坏了一直在喷水 在 常德大道 万达广场 门口')).toBe('常德大道万达广场门口')
    expect(where('地下车库渗水严重 墙上有裂缝 锦绣华庭')).toBe('锦绣华庭')
    // A building counted, a bridge's pier, a site that is not yet named: no part of the address.
    expect(where('石门县 楚江镇 一栋三层砖混楼 拆了承重墙')).toBe('石门县楚江镇')
    expect(where('沅水三桥 2号墩 混凝土大面积剥落')).toBe('沅水三桥')
    expect(where('鼎城区 玉霞路 在建项目 基坑深约8米')).toBe('鼎城区玉霞路')
  })
})

describe('streets joined by a sign, a crossing typed apart, and where a place is labelled', () => {
  it('keeps 「武陵大道 ＆ 洞庭大道 路口」 one crossing', () => {
    expect(findPlaces('窨井盖子翻了 在 武陵大道 ＆ 洞庭大道 路口')).toEqual(['武陵大道与洞庭大道路口'])
    expect(findPlaces('人民路 和 建设路 交叉口井盖没了')).toEqual(['人民路与建设路交叉口'])
  })

  it('takes the place after 「地点:」 over a vague site named before it', () => {
    expect(
      extractComplaint('投诉:城东新区某工地无证施工,地点:德山开发区莲池路与崇德路交叉口东北角', ctx).locationText,
    ).toBe('德山开发区莲池路与崇德路交叉口东北角')
  })
})

describe('what was seen, before where', () => {
  it('takes no 「看到桥」 for a place', () => {
    expect(findPlaces('刚才巡查看到桥下有人堆放煤气罐')).toEqual([])
    expect(findPlaces('我看见建设路井盖没了')).toEqual(['建设路'])
    expect(readByRules('hazard', '刚才巡查看到桥下有人堆放煤气罐', ctx).fields.locationText).toBeUndefined()
  })
})

describe('a road whose name starts with a direction word', () => {
  it('keeps 「朝阳路路灯不亮」 a finding of its own after another', () => {
    expect(
      hazardsInReport('人民路井盖缺失，朝阳路路灯不亮，建设路护栏损坏').map((h) => [h.description, h.locationText]),
    ).toEqual([
      ['人民路井盖缺失', '人民路'],
      ['朝阳路路灯不亮', '朝阳路'],
      ['建设路护栏损坏', '建设路'],
    ])
    // Where a thing leans is still no thing of its own.
    expect(hazardsInReport('人民路一棵行道树枯死，树身向马路倾斜')).toHaveLength(1)
  })

  it('reads 「全是坑」 as something wrong, and the road of 「那条路」 as the road', () => {
    expect(namesDefect('全是坑')).toBe(true)
    expect(namesDefect('到处都是坑')).toBe(true)
    expect(extractComplaint('我们小区门口那条路全是坑 在金霞路', ctx).category).toBe('road_municipal')
  })
})

describe('a patrol with what is still to come, and a fence put back up', () => {
  it('reads no time from a trip still to come', () => {
    const day = readByRules('patrol', '今天白天巡查了 晚上还要去一趟', ctx).fields
    // The evening had been taken for the start of this patrol.
    expect(day.startedAt).toBe(zonedInstant('2026-12-03', 'Asia/Shanghai', 9).toISOString())
    expect(day.endedAt).toBeUndefined()
    const morning = readByRules('patrol', '今天上午巡查了人民路 下午还要去建设路', ctx).fields
    expect(morning.area).toBe('人民路')
    expect(morning.endedAt).toBe(zonedInstant('2026-12-03', 'Asia/Shanghai', 12).toISOString())
  })

  it('keeps 「已扶起」 typed after a space as the handling, not part of what was found', () => {
    const fields = readByRules(
      'patrol',
      '巡查 昨天 下午 2点到5点 滨湖路 3人 1车 发现滨湖路12号围挡倒了 已扶起',
      ctx,
    ).fields
    expect(fields.hazards?.map((h) => h.description)).toEqual(['滨湖路12号围挡倒了'])
    expect(fields.handlingResult).toBe('已扶起')
  })
})

describe('highways by their number, and a stake number along them', () => {
  it('takes 国道 and 省道 with their number as places, with a 桩号 after them, and no bare 「高速」', () => {
    expect(findPlaces('巡查了G207国道K12+300处，两人一车')).toEqual(['G207国道K12+300'])
    expect(findPlaces('S306省道边上的工地围挡倒了')).toEqual(['S306省道'])
    expect(findPlaces('长张高速常德段')).toEqual(['长张高速'])
    expect(findPlaces('高速上有个坑')).toEqual([])
    // A bank of a river or of a bridge's end is more of where.
    expect(findPlaces('桥底下有人住 还生火做饭 沅水大桥北岸')).toEqual(['沅水大桥北岸'])
    expect(readByRules('patrol', '9点到11点巡查了G207国道，两人一车，未发现异常', ctx).fields.area).toBe('G207国道')
  })
})

describe('the eighteenth round: 巡的 a road, a part of town said loosely, items numbered in words by voice', () => {
  it('splits 「一是…二是…三是…」 dictated with no marks into the items, the 都 of what was done with all left off', () => {
    const fields = readByRules(
      'patrol',
      '今天早上八点半到十一点我和李强开车巡查了城南片区主要道路发现三处问题一是善卷路井盖缺失二是沅安路人行道破损三是武陵大道一处路灯不亮都已上报',
      ctx,
    ).fields
    expect(fields.hazards?.map((h) => h.description)).toEqual([
      '善卷路井盖缺失',
      '沅安路人行道破损',
      '武陵大道一处路灯不亮',
    ])
    expect(fields.handlingResult).toBe('已上报')
    expect(fields.area).toBe('城南片区主要道路')
  })

  it('takes a fire lit under a bridge as a major hazard there (it was not understood)', () => {
    expect(namesDefect('桥底下有人在烧东西 沅水大桥南岸')).toBe(true)
    const fields = readByRules('hazard', '桥底下有人在烧东西 沅水大桥南岸', ctx).fields
    expect(fields).toMatchObject({ category: 'bridge', level: 'major', locationText: '沅水大桥南岸' })
  })

  it('reads the road after 「巡的」 as the area, as after 「巡的是」', () => {
    expect(readByRules('patrol', '今天上午和老李一起巡的五一路 没发现问题', ctx).fields.area).toBe('五一路')
    expect(readByRules('patrol', '上午巡的是五一路 正常', ctx).fields.area).toBe('五一路')
  })

  it('takes the street after 「城东那边」 as where, and keeps a county before its town', () => {
    const place = (text: string) => readByRules('complaint', text, ctx).fields.locationText
    expect(place('工地塔吊好像歪了 在城东那边 沅安路上')).toBe('沅安路')
    expect(place('城东那边 沅安路上 有个坑')).toBe('沅安路')
    // 「汉寿 龙阳镇」 narrows a county: one place, not a vague one and then another.
    expect(readByRules('hazard', '汉寿 龙阳镇 燃气管道被挖断 正在漏气', ctx).fields.locationText).toBe('汉寿龙阳镇')
  })
})
