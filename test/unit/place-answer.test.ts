import { describe, expect, it } from 'vitest'
import { findPlace, placeAlone } from '../../src/conversation/extract/place'
import { isVaguePlace } from '../../src/conversation/forms/checks'
import { placeMadeExact, readPlaceAnswer } from '../../src/conversation/place-answer'

describe('an answer to 「在什么位置」', () => {
  it.each([
    '幸福里',
    '二中门口',
    '滨江路',
    '老火车站那边',
    '学校旁边的工地',
    '人民医院对面那个工地',
    '燃气公司旁边',
    '响水坝那边',
    '3栋2单元',
    '北门',
    '万达广场后面',
  ])('「%s」 is a place', (answer) => {
    expect(readPlaceAnswer(answer, {})).toBe('place')
  })

  it.each([
    '工地噪音扰民',
    '电梯天天坏',
    '天天晚上吵得睡不着',
    '噪音太大了',
    '物业也不管',
    '楼道灯坏了好几天了',
    '困了好几次人了',
  ])('「%s」 says more about the problem, not where', (answer) => {
    expect(readPlaceAnswer(answer, {})).toBe('more_description')
  })

  it.each([
    '不知道',
    '我也不清楚具体地址',
    '不知道叫什么名字',
    '记不清了',
    '不晓得。',
    '不方便说具体位置',
    '具体是哪个工地我不方便说',
    '不知道叫什么路',
    '地址我不想说',
  ])('「%s」 does not know', (answer) => {
    expect(readPlaceAnswer(answer, {})).toBe('unknown')
  })

  it('takes the landmark said after a road not known by name as the place', () => {
    expect(readPlaceAnswer('不知道叫什么路，就在菜市场旁边', {})).toBe('place')
  })

  it.each(['为什么要地址', '必须发定位吗？', '什么意思', '在哪'])('「%s」 is a question back', (answer) => {
    expect(readPlaceAnswer(answer, {})).toBe('question')
  })

  it.each(['取消', '算了', '不用了', '不报了。'])('「%s」 takes the complaint back', (answer) => {
    expect(readPlaceAnswer(answer, {})).toBe('cancel')
  })

  it('trusts a place the reader found even in words that also complain', () => {
    expect(readPlaceAnswer('天天吵', { locationText: '人民路' })).toBe('place')
  })
})

describe('a place too vague to find', () => {
  it.each([
    '燃气公司旁边',
    '工商银行门口',
    '人民大楼对面',
    '汽车站附近',
    '那个阳光小区',
    '这条人民路',
    '锦绣华庭',
    '紫薇苑',
    '东方名都',
    // A project by its name, as sites are known (it was said not to be specific).
    '城东安置房项目',
    '人民东路一在建商品房项目',
    'train station',
    'No. 3 Middle School',
  ])('「%s」 can be found', (place) => {
    expect(isVaguePlace(place)).toBe(false)
  })
  it.each([
    '那边',
    '门口',
    '那个公司',
    '楼下',
    '隔壁工地',
    '对面的小区',
    '旁边那栋楼',
    '老旧小区',
    '施工工地',
    '居民楼',
    // Pointed at, the kind of place said, and still no name.
    '这个老小区',
    '我们那个老旧小区',
    '那条路',
    '这个小区门口',
    '对面那个工地',
    '那个路口',
    '就是我们小区门口',
    '我们小区里面',
    '这个项目',
    '那个工程',
    '城北一个在建项目',
  ])('「%s」 cannot', (place) => {
    expect(isVaguePlace(place)).toBe(true)
  })
})

describe('a place said with the landmark it is next to', () => {
  it.each([
    ['在人民路中段 公交站旁边', '人民路中段'],
    ['人民路，加油站对面', '人民路'],
    ['就在恒大工地那', '恒大工地'],
  ])('「%s」 is the place 「%s」 and nothing else', (said, place) => {
    expect(placeAlone(said)).toBe(place)
  })

  it('keeps a village group (组) after its community or village as part of the place', () => {
    expect(placeAlone('武陵区丹阳街道紫缘社区3组')).toBe('武陵区丹阳街道紫缘社区3组')
    expect(placeAlone('河洑镇太阳山村五组')).toBe('河洑镇太阳山村五组')
    expect(placeAlone('巡查了3组人')).toBeUndefined()
  })

  it('reads no site in what was done to one (「已责令工地夜间停工」 had named a site 「已责令工地」)', () => {
    expect(findPlace('已责令工地夜间停工，现已整改')).toBeUndefined()
    expect(findPlace('要求工地立即整改')).toBeUndefined()
    expect(findPlace('华润工地基坑未设护栏')).toBe('华润工地')
  })

  it('keeps 「最近」「这几天」 out of the place they come before', () => {
    expect(findPlace('最近人民路那个井盖修好了吗')).toBe('人民路')
    expect(findPlace('这几天朗州路工地晚上一直施工')).toBe('朗州路工地')
  })

  it.each(['人民路 井盖坏了旁边', '人民路 有坑旁边', '人民路 垃圾堆了门口'])('「%s」 says more than where', (said) => {
    expect(placeAlone(said)).toBeUndefined()
  })
})

describe('the place a ticket keeps when more of it is said', () => {
  it.each([
    ['桃花源路', '靠近第一中学门口', '桃花源路 靠近第一中学门口'],
    ['人民路', '人民路中段 公交站旁边', '人民路中段 公交站旁边'],
    ['芷江路口', '芷江路与人民路交叉口', '芷江路与人民路交叉口'],
    ['我们小区', '阳光花园5栋', '阳光花园5栋'],
    [null, '人民路88号', '人民路88号'],
    ['滨湖路恒大工地', '恒大工地', '滨湖路恒大工地'],
  ])('「%s」 and then 「%s」 is 「%s」', (current, said, place) => {
    expect(placeMadeExact(current, said)).toBe(place)
  })
})

describe('a request or a wish to know, in answer to 「在什么位置」', () => {
  it.each(['能不能把处理的照片发给我看看', '我想知道是谁举报的', '可不可以先派人来看一下', '请问你们是哪个部门'])(
    '「%s」 is no place (it had been filed as where)',
    (answer) => expect(readPlaceAnswer(answer, {})).toBe('question'),
  )

  it('still takes a request that names a place as the place', () => {
    expect(readPlaceAnswer('能不能派人去人民路88号看看', {})).toBe('place')
  })
})

describe('the place on its way, or not to be said, in answer to 「在什么位置」', () => {
  it.each(['我发个定位', '等一下 我问问', '稍等，我去看看门牌', '好的 马上发位置', '等等'])(
    '「%s」 says the place is coming (it had been told 「还不够具体」)',
    (answer) => expect(readPlaceAnswer(answer, {})).toBe('coming'),
  )

  it.each(['你们自己查', '你们去找吧'])('「%s」 is taken as not known: the rough area is asked once more', (answer) =>
    expect(readPlaceAnswer(answer, {})).toBe('unknown'),
  )

  it.each(['我去看看门牌 在人民路那边', '等一下 在朗州路168号'])('「%s」 names the place after all', (answer) =>
    expect(readPlaceAnswer(answer, {})).toBe('place'),
  )
})
