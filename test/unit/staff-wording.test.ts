import { describe, expect, it } from 'vitest'
import { type FieldDefinition, FORMS } from '../../bots/forms'
import { weighCategories } from '../../src/conversation/extract/category-evidence'
import { namesDefect } from '../../src/conversation/extract/hazard-statements'
import { turnoutSaidAlone } from '../../src/conversation/extract/rules'
import { comparisonAskedFor } from '../../src/conversation/figures-question'
import { parseAnswer, peopleIn } from '../../src/conversation/forms/answers'
import { labelledAnswers } from '../../src/conversation/forms/labelled-answers'
import { formWishedFor } from '../../src/conversation/forms/wished-form'
import { takesOnHazard } from '../../src/conversation/hazard-acceptance'
import { asksOpenItems, intentOf, isQuestion, saysFiledByOther } from '../../src/conversation/intent'
import { ledgerQuestionIn } from '../../src/conversation/ledger-question'
import { type PeriodSaid, periodMeant, periodSaidIn } from '../../src/conversation/period-said'
import { personWorkAsked } from '../../src/conversation/person-work-question'
import { patrolRecordSaidWrong } from '../../src/conversation/record-said-wrong'
import { reportDueAskedFor } from '../../src/conversation/report-due-question'
import { scoresSaidIn } from '../../src/conversation/scores-question'
import { staffFaqAsked } from '../../src/conversation/staff-faq'
import { withTyposRead } from '../../src/conversation/typos'

describe('a form asked for in words', () => {
  it.each([
    ['我要填巡查表', '巡查'],
    ['我要填写日巡查工作记录表', '巡查'],
    ['补录昨天的巡查记录', '巡查 昨天'],
    ['补录一条上周五的巡查记录', '巡查 上周五'],
    ['补录11月20日下午的巡查记录', '巡查 11月20日下午'],
    ['填一下今天的巡查日志', '巡查 今天'],
    ['想报个隐患', '上报隐患'],
    ['帮我登记一下督查情况', '督查'],
    ['填报专项整治统计表', '填报统计表'],
    ['我来填巡查组记录', '巡查组'],
    ['要填整改反馈', '整改'],
  ])('%s → %s', (said, command) => expect(formWishedFor(said)).toBe(command))

  it.each(['巡查表', '我要报修', '我要报人民路井盖坏了', '已上报隐患', '昨天的巡查记录'])(
    'reads no wish for a form in %s',
    (said) => expect(formWishedFor(said)).toBeUndefined(),
  )
})

describe('a turn-out said to another question', () => {
  it.each([
    ['3个人', { staffCount: 3 }],
    ['1台车', { vehicleCount: 1 }],
    ['3人1车', { staffCount: 3, vehicleCount: 1 }],
    ['两个人，一台车', { staffCount: 2, vehicleCount: 1 }],
    ['3个人 开了一台车', { staffCount: 3, vehicleCount: 1 }],
    ['出动了4人 2车', { staffCount: 4, vehicleCount: 2 }],
    // Who went and by what means, with the count.
    ['我一个人 骑电动车', { staffCount: 1, vehicleCount: 0 }],
    ['两个人 开车去的', { staffCount: 2, vehicleCount: 1 }],
    // Alone, said without a count (「没能识别」 had answered 「就我一个」).
    ['就我一个', { staffCount: 1 }],
    ['就我自己', { staffCount: 1 }],
    ['只有我', { staffCount: 1 }],
  ])('%s', (said, counts) => expect(turnoutSaidAlone(said)).toEqual(counts))

  it.each(['人民路', '3', '人民路 3人', '张伟、李四', '开了', '我一个人 井盖坏了', '车坏了', '我'])(
    'reads no bare turn-out in %s',
    (said) => expect(turnoutSaidAlone(said)).toBeUndefined(),
  )
})

describe('questions about the ledger', () => {
  it.each([
    ['本月隐患整改率多少', 'figures'],
    ['上个月巡查了多少次', 'figures'],
    ['全市整改率怎么样', 'figures'],
    ['这个月哪个单位隐患最多', 'hazardsByUnit'],
    ['重大隐患现在还有几个没销号', 'majors'],
    ['为什么这个隐患还没整改', 'open'],
    ['今天的整改任务有哪些', 'todo'],
    ['我有几个隐患要整改', 'todo'],
    ['各单位考核情况', 'scores'],
    ['我们单位这个月有几次没巡查', 'missedPatrols'],
    ['市政哪几天没巡查', 'missedPatrols'],
    ['我们漏报了几天', 'missedPatrols'],
    ['这个月的月报交了没有', undefined],
    // A kind counted, however the count is put (the last two had opened a hazard form or were not understood).
    ['按时答复率是多少', 'figures'],
    ['本月投诉办结率', 'figures'],
    ['燃气类投诉有几件', 'byCategory'],
    ['市政设施有几个隐患', 'byCategory'],
    ['桥梁的隐患多不多', 'byCategory'],
    ['燃气方面有几个隐患', 'byCategory'],
  ])('%s → %s', (said, kind) => expect(ledgerQuestionIn(said)?.kind).toBe(kind))

  it('reads the period asked, the month when none is named', () => {
    expect(ledgerQuestionIn('上个月巡查了多少次')).toMatchObject({ period: { kind: 'month', previous: true } })
    expect(ledgerQuestionIn('本季度发现多少隐患')).toMatchObject({ period: { kind: 'quarter', previous: false } })
    expect(ledgerQuestionIn('全市整改率怎么样')).toMatchObject({ period: { kind: 'month', previous: false } })
  })

  it.each(['人民路的井盖怎么又坏了？', '发现几处井盖缺失', '建设路有个坑', '人民路井盖缺失', '今天不用巡查吗'])(
    'leaves a report alone: %s',
    (said) => expect(ledgerQuestionIn(said)).toBeUndefined(),
  )

  it.each(['井盖松了', '灯不亮'])('takes %s (a thing and its defect) as a hazard however short', (said) =>
    expect(intentOf(said)).toBe('hazard'),
  )

  it('opens no hazard form for a rate asked by unit (「各单位隐患整改率」)', () => {
    expect(intentOf('各单位隐患整改率')).toBeUndefined()
    // Each unit's rate, not its count of hazards (it had been answered with the count).
    expect(ledgerQuestionIn('各单位隐患整改率')?.kind).toBe('ratesByUnit')
  })

  it('opens no hazard form for a question that names no defect, and still for one that does', () => {
    for (const asked of ['本月隐患整改率多少', '重大隐患现在还有几个没销号', '这个月哪个单位隐患最多'])
      expect(intentOf(asked)).toBeUndefined()
    expect(intentOf('人民路的井盖怎么又坏了？')).toBe('hazard')
  })
})

describe('a statutory report asked after', () => {
  it.each([
    ['月报什么时候交', 'monthly'],
    ['下周一要交周报吗', 'weekly'],
    ['统计表几号截止', 'campaign'],
    ['季报截止时间是哪天', 'quarterly'],
  ])('%s → %s', (said, kind) => expect(reportDueAskedFor(said)).toBe(kind))

  it.each(['帮我查一下我上周报的那个隐患怎么样了', '我这个月报了几个隐患', '月报在哪里看', '上报周报'])(
    'reads no due date asked in %s',
    (said) => expect(reportDueAskedFor(said)).toBeUndefined(),
  )
})

describe('misspellings and counts that ask nothing', () => {
  it.each([
    ['护拦坏了 在沅安路', '护栏坏了 在沅安路'],
    ['燃汽味很重', '燃气味很重'],
    ['路面踏陷了', '路面塌陷了'],
    ['消防拴漏水', '消防栓漏水'],
    ['井该坏了', '井盖坏了'],
    ['井改丢了 人民路口', '井盖丢了 人民路口'],
  ])('reads %s as %s', (said, meant) => expect(withTyposRead(said)).toBe(meant))

  it('leaves words that only look like a misspelling alone', () => {
    for (const said of ['应该是人民路', '路等了很久', '塔掉了一块漆', '老旧小区的井改工程'])
      expect(withTyposRead(said)).toBe(said)
  })

  it('reads 「好几个」 as a count, and a worker without a helmet as a hazard', () => {
    expect(isQuestion('工地没带安全帽的工人好几个')).toBe(false)
    expect(isQuestion('有几个隐患没整改')).toBe(true)
    // 「发现几个」 found a few and says so; 「发现了几个」 and a question mark ask.
    expect(isQuestion('人民路工地发现几个隐患')).toBe(false)
    expect(isQuestion('发现工地有几个隐患 在人民路')).toBe(false)
    expect(isQuestion('今天发现了几个隐患')).toBe(true)
    expect(isQuestion('今天发现几个隐患？')).toBe(true)
    expect(intentOf('人民路工地发现几个隐患')).toBe('hazard')
    expect(intentOf('工地没带安全帽的工人好几个')).toBe('hazard')
    expect(intentOf('老旧小区的燃气管道锈的很厉害，桃源路幸福里小区')).toBe('hazard')
  })
})

describe('questions about one hazard, what falls due, and new ones in a period', () => {
  it.each([
    ['帮我看看人民路那个井盖的隐患处理得怎么样了', { kind: 'hazardsNamed', place: '人民路', thing: '井盖' }],
    ['建设路护栏修好了没', { kind: 'hazardsNamed', place: '建设路', thing: '护栏' }],
    ['哪些隐患快到期了', { kind: 'dueSoon' }],
    ['今天要到期的有哪些', { kind: 'dueSoon' }],
    ['最急的是哪个', { kind: 'todo', mostUrgent: true }],
    ['先处理哪个', { kind: 'todo', mostUrgent: true }],
    ['我这边有几个单子要处理', { kind: 'todo' }],
    // (Each was not understood.)
    ['哪些单位没有按时报巡查记录', { kind: 'patrolsByUnit' }],
    ['有没有群众投诉比较集中的问题', { kind: 'byCategory', of: 'complaints' }],
    ['重大隐患整改进度', { kind: 'majors' }],
    ['给我看看最新的三条投诉', { kind: 'listed', of: 'complaints', latest: 3 }],
    ['今天要交办的隐患', { kind: 'todo' }],
    ['哪些隐患等着我验收', { kind: 'todo' }],
    ['今天要交办的有哪些', { kind: 'todo' }],
    ['上周新增了几个重大隐患', { kind: 'figures', period: { kind: 'week', previous: true } }],
    ['重大隐患还有几个没销号', { kind: 'majors' }],
    // (Neither was understood.)
    ['我有哪些投诉', { kind: 'todo' }],
    ['我手上有几个投诉', { kind: 'todo' }],
    ['我有啥要整改的', { kind: 'todo' }],
    // (The first two started a patrol form, a leader refused it; the last two were not understood.)
    ['今天的巡查记录给我看看', { kind: 'patrolsByUnit', period: { kind: 'day' } }],
    ['把本周的巡查记录发我', { kind: 'patrolsByUnit', period: { kind: 'week' } }],
    ['我们单位扣分原因', { kind: 'scores' }],
    ['下周要注意什么', { kind: 'open' }],
    ['市政公司上报了几个隐患', { kind: 'figures', period: { kind: 'month', previous: false } }],
    ['燃气办的隐患有几个', { kind: 'open' }],
  ])('%s', (said, asked) => expect(ledgerQuestionIn(said)).toMatchObject(asked))

  it('reads 「修好了没」 as a question', () => {
    expect(isQuestion('建设路护栏修好了没')).toBe(true)
    expect(intentOf('建设路护栏修好了没')).toBeUndefined()
  })
})

describe('patrols said as checks', () => {
  it.each([
    '昨晚8点到10点，燃气安全夜查，检查餐饮店12家，发现2家未安装燃气报警器，已下达整改通知书',
    '上午对辖区内的12家加油站进行了安全排查，9点到11点半，没有发现问题',
    // A day, a visit made and nothing found: a patrol told without the word.
    '今天上午和小李去了滨湖路 一切正常',
    '今天检查了德山开发区两个工地 都没问题',
    '我们组今天查了3个工地 发现2个问题',
    // A patrol that found nothing, whenever it was (「积水」「井盖」 had opened a hazard form).
    '这两天下雨 巡查了几个低洼路段 积水都不深 排水正常',
    '白马湖路段巡查完毕 路面完好 井盖齐全 无安全隐患',
    '汉寿县城区巡查 无异常',
  ])('%s is a patrol', (said) => expect(intentOf(said)).toBe('patrol'))

  it.each(['明天去滨湖路看看', '今天去了滨湖路吗', '去了滨湖路 一切正常吗'])('%s is no patrol done', (said) =>
    expect(intentOf(said)).toBeUndefined(),
  )

  it('takes no number alone as a route', () => {
    const field = FORMS.patrol.fields.find((f) => f.key === 'area') as FieldDefinition
    const ctx = { now: new Date(), timeZone: 'Asia/Shanghai', categoryRules: [], units: [] }
    expect(parseAnswer(field, '3', ctx)).toEqual({ ok: false })
    expect(parseAnswer(field, '人民路', ctx)).toEqual({ ok: true, values: { area: '人民路' } })
    // A command about another record is no place (it had been saved as one).
    const where = FORMS.hazard.fields.find((f) => f.key === 'locationText') as FieldDefinition
    expect(parseAnswer(where, '把人民路那个井盖的隐患交办给市政 期限3天', ctx)).toEqual({ ok: false })
    expect(parseAnswer(where, '人民路交警队门口', ctx)).toEqual({
      ok: true,
      values: { locationText: '人民路交警队门口' },
    })
  })
})

describe('questions about the work itself', () => {
  it.each([
    ['如果遇到燃气泄漏应该怎么处理', 'danger_howto'],
    ['发现塌陷要先做什么', 'danger_howto'],
    ['重大隐患的标准是什么', 'major_criteria'],
    ['燃气的重大隐患怎么认定', 'major_criteria'],
    ['整改期限一般是多久', 'deadlines'],
    ['隐患上报以后谁来处理', 'flow'],
    ['整改完了要不要拍照', 'rectify_howto'],
    ['巡查要不要每天报', 'patrol_frequency'],
    ['多久巡一次', 'patrol_frequency'],
    ['今天还需要巡查吗', 'patrol_frequency'],
    ['周末要巡查吗', 'patrol_frequency'],
    ['特护期是什么时候', 'special_period'],
    ['我明天不上班', 'leave'],
    ['明天请假 巡查谁替我', 'leave'],
    ['下周出差 谁来巡查', 'leave'],
    ['删除李四', 'admin_change'],
    // Someone else's change said as news (the last had opened a hazard report: 删掉 is no defect).
    ['张伟换手机号了 13900001111', 'person_change'],
    ['李娜调到质安处了', 'person_change'],
    ['王强已经离职了 把他删掉', 'person_change'],
    ['小刘退休了', 'person_change'],
  ])('%s → %s', (said, kind) => expect(staffFaqAsked(said)).toBe(kind))

  it.each([
    '人民路燃气泄漏了怎么办',
    '人民路燃气泄漏了',
    '重大隐患有几个',
    '每天巡查人民路都发现井盖松动',
    // A record of their own to take back, not a person to remove.
    '删除刚才那条',
    // A finding of the list being filled in, dropped by its number.
    '删掉第二条',
    // Someone retired doing something wrong is a report.
    '施工单位退休工人在工地围挡外摆摊',
    '路灯杆被撞歪了 调到质安处处理',
  ])('leaves %s to the reports and the ledger', (said) => expect(staffFaqAsked(said)).toBeUndefined())
})

describe('work under way, said in words', () => {
  it.each([
    '正在整改中',
    '整改中',
    '我们正在处理',
    '在修，明天能好',
    '好的我马上联系燃气公司',
    '人民路那个井盖我们明天去换',
    '这个工地的问题我们已经下了整改通知书',
    // (A day of next week: it was not understood.)
    '人民路那个隐患我们下周一去处理',
    '护栏那个过两天去修',
  ])('%s takes the work on', (said) => expect(takesOnHazard(said)).toBe(true))
  it.each(['正在整改吗', '整改了没', '人民路井盖缺失', '我们明天去人民路巡查吗？'])('%s does not', (said) =>
    expect(takesOnHazard(said)).toBe(false),
  )
})

describe('patrols asked after by road or person', () => {
  it.each([
    ['人民路今天有人巡查吗', { kind: 'patrolsNamed', place: '人民路' }],
    ['张伟今天巡查了没有', { kind: 'patrolsNamed', name: '张伟' }],
    ['上个月巡查了多少次', { kind: 'figures' }],
    ['今天巡查了几次', { kind: 'figures' }],
  ])('%s', (said, asked) => expect(ledgerQuestionIn(said)).toMatchObject(asked))
})

describe('the last days said instead of a calendar period', () => {
  it('reads 「最近一周」「近30天」 as the days up to now', () => {
    const now = new Date('2026-11-23T09:00:00Z')
    for (const said of ['最近一周', '近7天', '这几天', '最近七天']) {
      const period = periodSaidIn(`${said}投诉多少`)
      expect(period).toMatchObject({ said: '近7天', lastDays: 7 })
      const meant = periodMeant(period as PeriodSaid, now, 'Asia/Shanghai')
      expect(meant.endAt).toEqual(now)
      expect(now.getTime() - meant.startAt.getTime()).toBe(7 * 86_400_000)
    }
    expect(periodSaidIn('最近一个月巡查了几次')).toMatchObject({ said: '近30天', lastDays: 30 })
    // A calendar period is still one.
    expect(periodSaidIn('本周巡查了几次')).toMatchObject({ kind: 'week', said: '本周' })
    expect(periodSaidIn('本周巡查了几次')?.lastDays).toBeUndefined()
  })
})

describe('a comparison with the period before', () => {
  it.each([
    ['对比一下上个月', 'month'],
    ['和上周比怎么样', 'week'],
    ['跟去年比呢', 'year'],
    ['比较一下昨天', 'day'],
  ])('%s compares this %s with the one before', (said, kind) => {
    expect(comparisonAskedFor(said)).toMatchObject({ now: { kind, previous: false }, before: { kind, previous: true } })
  })

  it.each(['上个月的月报', '本月和上月的整改率对比分析一下，写个材料给我', '对比一下'])(
    'reads no comparison in %s',
    (said) => {
      expect(comparisonAskedFor(said)).toBeUndefined()
    },
  )
})

describe('people named in an answer', () => {
  it.each([
    ['王五', ['王五']],
    ['王五 赵六、钱七', ['王五', '赵六', '钱七']],
    ['王科长和李明', ['王科长', '李明']],
  ])('%s names %j', (said, names) => expect(peopleIn(said)).toEqual(names))

  it.each(['人民路沿线工地', '3', '丹阳街道', '三个人', '市政公司'])('%s names no one', (said) =>
    expect(peopleIn(said)).toBeUndefined(),
  )
})

describe('the span a score is asked for', () => {
  it.each([
    ['本月考核排名', { previous: false, span: 'month' }],
    ['上个月各单位得分', { previous: true, span: 'month' }],
    ['全年考核排名', { previous: false, span: 'year' }],
    ['去年考核得分', { previous: true, span: 'year' }],
    ['本季度考核', { previous: false, span: 'quarter' }],
    ['上半年考核得分', { previous: false, span: 'half', half: 'first' }],
    // Where a unit stands is asked with 第几.
    ['这个月我们单位排第几', { previous: false, span: 'month', rank: true }],
  ])('%s', (said, asked) => expect(scoresSaidIn(said)).toEqual(asked))
})

describe('whether anything is late, asked', () => {
  it.each(['这周我们单位有没有超期的', '有没有逾期的投诉', '我们单位有没有超期的'])(
    '%s asks what is open and late',
    (said) => expect(asksOpenItems(said)).toBe(true),
  )

  it.each(['人民路工地灭火器超期', '朗州路工地的灭火器有没有超期的'])('%s is no such question', (said) =>
    expect(asksOpenItems(said)).toBe(false),
  )
})

describe('a trench dug along a road', () => {
  it.each([
    '我们小区门口那条路(丹阳路)最近在修地下管网，挖了一条很长的沟，晚上没有灯也没有围挡',
    '路上挖了一条沟 没有围挡',
    '人行道沟槽没回填',
  ])('%s is a dig (占道挖掘), not the estate’s or the road’s', (said) => {
    expect(weighCategories(said)?.category).toBe('sidewalk_excavation')
  })

  it('stays a building site’s when a site dug it', () => {
    expect(weighCategories('工地挖了一条沟')?.category).toBe('construction_site')
  })
})

describe('play and fitness equipment', () => {
  it.each(['小区里的健身器材坏了 小孩玩很危险 幸福小区', '阳光小区滑梯断了'])(
    '%s is the estate’s (it had been a park’s)',
    (said) => expect(weighCategories(said)?.category).toBe('dangerous_house'),
  )

  it.each(['公园的健身器材坏了好久了', '柳叶湖大道旁边的健身器材坏了好几个'])('%s stays a park’s', (said) =>
    expect(weighCategories(said)?.category).toBe('greenery_park'),
  )
})

describe('a vehicle that did the damage', () => {
  it.each(['渣土车把护栏撞了', '护栏被渣土车撞了'])('%s is the guardrail’s, not a building site’s', (said) => {
    expect(namesDefect(said)).toBe(true)
    expect(weighCategories(said)?.category).toBe('road_municipal')
  })

  it.each(['井盖不见了 上面只放了一根树枝', '路中间有个大坑 有人在里面插了根木棍'])(
    '%s is the road’s: what was put there to warn is no part of it',
    (said) => {
      expect(weighCategories(said)?.category).toBe('road_municipal')
    },
  )

  it('asks with 「哪天」「几号」', () => {
    expect(isQuestion('整改期限是哪天')).toBe(true)
    expect(isQuestion('几号到期')).toBe(true)
  })
})

describe('a thing not fitted, said with 没装', () => {
  it.each(['一家餐馆没装报警器', '楼梯口没装护栏'])('%s names something wrong (it was not understood)', (said) => {
    expect(namesDefect(said)).toBe(true)
  })

  it.each(['房子还没装修', '还没装货'])('%s names nothing wrong', (said) => {
    expect(namesDefect(said)).toBe(false)
  })
})

describe('figures said in words', () => {
  const study = FORMS.campaign.fields.find((f) => f.key === 'study') as FieldDefinition
  const ctx = { now: new Date(), timeZone: 'Asia/Shanghai', categoryRules: [], units: [] }
  it.each([
    ['两次 三篇', [2, 3]],
    ['专题学习两次，重点报道三篇', [2, 3]],
    ['学习一次，报道零篇', [1, 0]],
    ['2、3', [2, 3]],
  ])('%s is %j', (said, numbers) =>
    expect(parseAnswer(study, said, ctx)).toEqual({ ok: true, values: { study: numbers } }),
  )

  it.each(['好的', '2', '一般'])('%s is not the two figures', (said) =>
    expect(parseAnswer(study, said, ctx)).toEqual({ ok: false }),
  )
})

describe('reports from the corpus that were not understood', () => {
  it.each([
    ['皂果路一段人行道挖开埋管子 三天了没人管 晚上黑灯瞎火的', 'hazard'],
    ['鼎城 善德路 工地 塔吊 回转 半径 内 有 民房 没有 采取 防护 措施', 'hazard'],
    ['嗯今天就一个事 丹阳路那个加油站旁边的消防栓没水了 拧开啥都没有', 'hazard'],
    ['刚在红旗路发现一户人家在自家房顶上又加了一层 用的彩钢板 下面是老砖房 看着很不结实', 'hazard'],
    ['嗯 今天跟老李 去了汽车站那边 有家餐馆 后厨 煤气管子 用胶布缠着的 还在用', 'hazard'],
    ['岳阳 洞庭南路 燃气公司在做管道改造 沟槽开挖后没有及时回填 已经放了三天了 晚上也没灯', 'hazard'],
    ['桃江县 罗溪路 路面大面积网裂 约200平方 车辆经过颠簸明显', 'hazard'],
    ['常德大道人行道被一家4S店长期停放商品车 占了整个人行道 行人只能走非机动车道', 'hazard'],
    ['江北 滨湖东路 施工单位 夜间 开挖 路面 没有 设置 围挡 也没有 警示灯 只放了几个锥桶', 'hazard'],
    ['常德大道与桃花源路交叉口东北角 一工地围挡被风刮倒约20米 已通知施工单位恢复', 'hazard'],
    ['汉寿县 城区 几个在建工地 都按要求设置了围挡和冲洗设施 未发现问题', 'patrol'],
    ['检查 常德大道 燃气管道 第三方施工 现场 有专人监护 手续齐全 正常', 'patrol'],
  ])('%s → %s', (said, intent) => expect(intentOf(said)).toBe(intent))
})

describe('a patrol recorded by someone else, and someone else’s record said wrong', () => {
  it.each(['今天的巡查我让小王帮我报', '我和张伟一起巡的 他已经报了', '巡查记录由李明统一填报'])(
    '「%s」 says another files the record: no patrol form',
    (words) => {
      expect(saysFiledByOther(words)).toBe(true)
      expect(intentOf(words)).toBeUndefined()
    },
  )

  it.each(['今天巡查人民路 张伟和李明 2人1车 已经报了隐患', '巡查发现井盖缺失 已经报了', '他巡查了吗'])(
    '「%s」 is not',
    (words) => {
      expect(saysFiledByOther(words)).toBe(false)
    },
  )

  it('finds whose record is said wrong, and none when the speaker’s own is', () => {
    expect(patrolRecordSaidWrong('今天巡查的记录有问题 张伟报的人数不对')).toMatchObject({ name: '张伟' })
    expect(patrolRecordSaidWrong('李明昨天的巡查记录时间填错了')).toMatchObject({
      name: '李明',
      period: { said: '昨天' },
    })
    expect(patrolRecordSaidWrong('今天的巡查记录有问题')?.name).toBeUndefined()
    expect(patrolRecordSaidWrong('我刚才报的巡查记录写错了')).toBeUndefined()
    expect(patrolRecordSaidWrong('巡查发现人民路井盖错位')).toBeUndefined()
  })
})

describe('answers given after their boxes’ labels', () => {
  const ctx = { now: new Date(), timeZone: 'Asia/Shanghai', categoryRules: [], units: [] }
  const team = FORMS.team.fields

  it('keeps each labelled answer in its box', () => {
    expect(labelledAnswers(team, '组长陈刚 组员王强 李娜', ctx)).toEqual({ teamLeader: '陈刚', members: '王强、李娜' })
    expect(labelledAnswers(team, '组长：陈刚，成员：王强、李娜', ctx)).toEqual({
      teamLeader: '陈刚',
      members: '王强、李娜',
    })
    expect(labelledAnswers(team, '被巡查单位：丹阳街道', ctx)).toEqual({ target: '丹阳街道' })
  })

  it('reads nothing unless it begins with a label and every part is a valid answer', () => {
    expect(labelledAnswers(team, '陈刚带队 组员王强', ctx)).toBeUndefined()
    expect(labelledAnswers(team, '组长人民路沿线', ctx)).toBeUndefined()
    expect(labelledAnswers(team, '被巡查单位：4人2车', ctx)).toBeUndefined()
    // A part of a slashed label is too common a word to be one (「乡镇」 of 「被巡查单位/乡镇」).
    expect(labelledAnswers(team, '乡镇府路社区', ctx)).toBeUndefined()
  })
})

describe('one person’s work asked by name', () => {
  it.each([
    ['李娜最近处理了几个投诉', { name: '李娜', of: 'complaints' }],
    ['张伟这个月整改了几个隐患', { name: '张伟', of: 'hazards' }],
    ['王强本周一共签收了多少件投诉', { name: '王强', of: 'complaints' }],
  ] as const)('「%s」', (words, asked) => {
    expect(personWorkAsked(words)).toMatchObject(asked)
  })

  it.each(['我处理了几个投诉', '今天处理了几个投诉', '哪个单位处理了几个投诉'])('「%s」 names no one', (words) => {
    expect(personWorkAsked(words)).toBeUndefined()
  })
})
