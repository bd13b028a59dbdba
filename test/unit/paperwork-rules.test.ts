import { describe, expect, it } from 'vitest'
import { FORMS } from '../../bots/forms'
import {
  deadlineInWords,
  deadlineMoveAsExtension,
  deadlineSaid,
  withMonthNamed,
} from '../../src/conversation/deadline-said'
import { parseAnswer } from '../../src/conversation/forms/answers'
import { WorkingCalendar } from '../../src/domain/calendar'
import { numbersIn, parseCampaignProblems } from '../../src/domain/campaign-problems'
import { zonedInstant } from '../../src/domain/local-time'
import {
  CAMPAIGN_DUE_DAY,
  campaignCovers,
  campaignObligation,
  currentObligations,
  dueAfterDrafting,
  obligationFor,
  owesReport,
} from '../../src/domain/obligations'
import { periodOfDate } from '../../src/domain/periods'
import { distinctNames, draftNarrative, missingLines } from '../../src/domain/signoff-lines'

const TZ = 'Asia/Shanghai'
/** The end of a local day, as deadlines are stored. */
const endOf = (date: string) => new Date(zonedInstant(date, TZ).getTime() + 24 * 3600_000 - 1)

describe('the campaign table is due on the 18th (source 004 (六) and its note 3)', () => {
  const plain = new WorkingCalendar([], [2026])

  it('covers last month and is due at the end of the 18th when that is a working day', () => {
    expect(CAMPAIGN_DUE_DAY).toBe(18)
    const filed = campaignObligation(7, '2026-09-03', plain, TZ)
    expect(filed.period).toMatchObject({ start: '2026-08-01', end: '2026-08-31' })
    expect(filed.dueAt).toEqual(endOf('2026-09-18')) // a Friday
    expect(filed.provisional).toBe(false)
  })

  it('moves to the next working day when the 18th is a rest day (民法典 第二百零三条)', () => {
    // 2026-10-18 is a Sunday.
    expect(campaignObligation(7, '2026-10-01', plain, TZ).dueAt).toEqual(endOf('2026-10-19'))
    // An 18th inside a holiday moves past the whole holiday.
    const holiday = new WorkingCalendar(
      [
        { date: '2026-05-18', kind: 'rest' },
        { date: '2026-05-19', kind: 'rest' },
      ],
      [2026],
    )
    expect(campaignObligation(7, '2026-05-02', holiday, TZ).dueAt).toEqual(endOf('2026-05-20'))
    // A make-up Saturday is a working day: the 18th stands.
    const makeUp = new WorkingCalendar([{ date: '2026-07-18', kind: 'work' }], [2026])
    expect(campaignObligation(7, '2026-07-01', makeUp, TZ).dueAt).toEqual(endOf('2026-07-18'))
  })

  it('is provisional beyond the calendar’s years, and drafted on demand for the month of any date in it', () => {
    expect(campaignObligation(7, '2027-01-05', plain, TZ).provisional).toBe(true)
    const onDemand = obligationFor('campaign', 7, '2026-01-31', plain, TZ)
    expect(onDemand.period).toMatchObject({ start: '2026-01-01', end: '2026-01-31' })
    expect(onDemand.dueAt).toEqual(endOf('2026-02-18'))
  })

  it('is owed only for months the campaign ran in', () => {
    const august = periodOfDate('month', '2026-08-10', TZ)
    expect(campaignCovers({ startsOn: '2026-08-31', endsOn: null }, august)).toBe(true)
    expect(campaignCovers({ startsOn: '2026-09-01', endsOn: null }, august)).toBe(false)
    expect(campaignCovers({ startsOn: '2026-01-01', endsOn: '2026-07-31' }, august)).toBe(false)
  })
})

describe('a report the system drafts late', () => {
  it('is never due before the working days it allows after the draft reaches the unit', () => {
    const plain = new WorkingCalendar([], [2026])
    const weekly = obligationFor('weekly', 7, '2026-11-18', plain, TZ)
    // Due at the end of Monday Nov 23; drafted on time, nothing changes.
    expect(dueAfterDrafting(weekly, '2026-11-23', plain, TZ).dueAt).toEqual(endOf('2026-11-23'))
    // The server was down until Wednesday: the unit gets the same one working day, Wednesday itself.
    expect(dueAfterDrafting(weekly, '2026-11-25', plain, TZ).dueAt).toEqual(endOf('2026-11-25'))
    // Drafted on a Saturday: the next working day, Monday.
    expect(dueAfterDrafting(weekly, '2026-11-28', plain, TZ).dueAt).toEqual(endOf('2026-11-30'))
    // The campaign table keeps its 18th.
    const campaign = campaignObligation(7, '2026-10-01', plain, TZ)
    expect(dueAfterDrafting(campaign, '2026-10-19', plain, TZ)).toEqual(campaign)
  })
})

describe('sign-off lines (source 000 附件2–5)', () => {
  it('asks the filler to confirm first, then the leader lines each form prints', () => {
    expect(missingLines('weekly', false, new Set())).toEqual(['confirmation', 'charge_leader'])
    expect(missingLines('weekly', true, new Set(['filler']))).toEqual(['charge_leader'])
    expect(missingLines('monthly', true, new Set(['charge_leader']))).toEqual([])
    // The day's record is the leader's alone; the campaign table and bulletin need only the confirmation.
    expect(missingLines('daily', false, new Set())).toEqual(['unit_leader'])
    expect(missingLines('campaign', false, new Set())).toEqual(['confirmation'])
    expect(missingLines('bulletin', true, new Set())).toEqual([])
  })

  it('counts people once however the names are written (出动巡查人数)', () => {
    expect(distinctNames(['张伟、王刚', '张伟,李强', '王刚 赵敏', '无'])).toEqual(['张伟', '王刚', '李强', '赵敏'])
  })

  it('drafts narrative from the figures without promising what the data does not show', () => {
    const quiet = { hazardsFound: 0, hazardsRectified: 0, stillOpen: 0, majorOpen: 0, overdue: 0 }
    expect(draftNarrative('rectification', quiet)).toBe('本期未发现安全隐患，巡查工作按计划开展。')
    const busy = { hazardsFound: 3, hazardsRectified: 1, stillOpen: 2, majorOpen: 1, overdue: 1 }
    expect(draftNarrative('mainWork', busy)).toContain('本期发现隐患 3 处，整改销号 1 处；尚有 2 处正在整改')
    expect(draftNarrative('suggestions', busy)).toContain('有 1 处隐患超过整改期限')
  })
})

describe('the campaign form’s answers', () => {
  const context = { now: new Date('2026-10-09T02:00:00Z'), timeZone: TZ, units: [], categoryRules: [] }
  const field = (key: string) => {
    const found = FORMS.campaign.fields.find((f) => f.key === key)
    if (!found) throw new Error(key)
    return found
  }

  it('takes exactly one number per part, decimals for 万元, full-width digits, and 无 as zeros', () => {
    expect(parseAnswer(field('study'), '2、3', context)).toEqual({ ok: true, values: { study: [2, 3] } })
    expect(parseAnswer(field('study'), '学习２次，报道３篇', context)).toEqual({ ok: true, values: { study: [2, 3] } })
    expect(parseAnswer(field('enforcement'), '1、0、0、2.5、0、0、0', context)).toEqual({
      ok: true,
      values: { enforcement: [1, 0, 0, 2.5, 0, 0, 0] },
    })
    expect(parseAnswer(field('enforcement'), '无', context)).toEqual({
      ok: true,
      values: { enforcement: [0, 0, 0, 0, 0, 0, 0] },
    })
    // Too few or too many numbers are asked again, never guessed at.
    expect(parseAnswer(field('study'), '2', context)).toEqual({ ok: false })
    expect(parseAnswer(field('risks'), '5、4、3', context)).toEqual({ ok: false })
  })

  it('reads problems line by line into the table’s five aspects', () => {
    expect(
      parseCampaignProblems('基础建设：监管人员不足；专职2人；已申请增编\n责任落实不到位；个别企业未签责任书；已约谈'),
    ).toEqual([
      {
        aspect: '完善和落实安全生产责任方面',
        problem: '责任落实不到位',
        detail: '个别企业未签责任书',
        measures: '已约谈',
      },
      { aspect: '加强安全生产基础建设方面', problem: '监管人员不足', detail: '专职2人', measures: '已申请增编' },
    ])
    expect(parseCampaignProblems('其他：宣传不够')).toEqual([
      { aspect: '其他方面', problem: '宣传不够', detail: '', measures: '' },
    ])
    expect(numbersIn('罚款 2.5 万元，3 家')).toEqual([2.5, 3])
  })
})

describe('who owes which report (source 000 (四))', () => {
  const unit = (kind: 'patrol' | 'supervising' | 'bureau', supervises = false, leadsSupervision = false) => ({
    kind,
    supervises,
    leadsSupervision,
  })

  it('asks the weekly report of patrol units, 附件4 of every unit with supervision duties, the bulletin of the lead office', () => {
    expect(owesReport('weekly', unit('patrol'))).toBe(true)
    expect(owesReport('weekly', unit('supervising', true))).toBe(false)
    expect(owesReport('monthly', unit('patrol'))).toBe(false)
    // A patrol unit that supervises its subordinate units (房管局) reports as a supervising unit too.
    expect(owesReport('monthly', unit('patrol', true))).toBe(true)
    expect(owesReport('quarterly', unit('patrol', true))).toBe(true)
    expect(owesReport('weekly', unit('patrol', true))).toBe(true)
    expect(owesReport('monthly', unit('supervising'))).toBe(true)
    expect(owesReport('bulletin', unit('supervising', true))).toBe(false)
    expect(owesReport('bulletin', unit('supervising', true, true))).toBe(true)
    expect(owesReport('monthly', unit('bureau'))).toBe(false)
  })

  it('lists the bulletin only for the lead office from the first day of the quarter’s last month', () => {
    const calendar = new WorkingCalendar([], [2026])
    const units = [
      { id: 1, ...unit('supervising', true, true) },
      { id: 2, ...unit('supervising', true) },
      { id: 3, ...unit('patrol') },
    ]
    const december = currentObligations(
      zonedInstant('2026-12-01', 'Asia/Shanghai', 10),
      'Asia/Shanghai',
      calendar,
      units,
    )
    expect(december.filter((o) => o.kind === 'bulletin').map((o) => o.unitId)).toEqual([1])
    expect(december.filter((o) => o.kind === 'monthly').map((o) => o.unitId)).toEqual([1, 2])
    const november = currentObligations(
      zonedInstant('2026-11-30', 'Asia/Shanghai', 10),
      'Asia/Shanghai',
      calendar,
      units,
    )
    expect(november.filter((o) => o.kind === 'bulletin')).toEqual([])
  })
})

describe('a unit named the way people say it', () => {
  const units = [
    { id: 1, name: '市政建设总公司' },
    { id: 2, name: '质安处' },
    { id: 3, name: '燃气办' },
    { id: 4, name: '市管网办' },
  ]
  const context = { now: new Date('2026-10-09T02:00:00Z'), timeZone: TZ, units, categoryRules: [] }
  const unitField = FORMS.supervision.fields.find((f) => f.key === 'inspectedUnit')
  if (!unitField) throw new Error('inspectedUnit')

  it.each([
    ['今天去市政公司督查了', 1],
    ['质安处', 2],
    ['燃气办那边', 3],
    ['市政', 1],
  ])('「%s」 is unit %i', (said, id) => {
    expect(parseAnswer(unitField, said, context)).toEqual({ ok: true, values: { inspectedUnit: id } })
  })

  it('takes no start two units share, and no word that only begins like one', () => {
    expect(parseAnswer(unitField, '市里的单位', context)).toEqual({ ok: false })
    expect(parseAnswer(unitField, '燃气泄漏', context)).toEqual({ ok: false })
    // A company is not the office that oversees it.
    expect(parseAnswer(unitField, '去燃气公司督查', context)).toEqual({ ok: false })
  })
})

describe('a deadline said with a month relative to today', () => {
  const now = new Date('2026-11-23T09:00:00Z')
  it.each([
    ['下个月15号 材料没到', '12月15日 材料没到'],
    ['本月28号', '11月28日'],
    ['30号', '11月30日'],
    ['10号', '12月10日'],
    ['12月31日', '12月31日'],
  ])('「%s」 is 「%s」', (said, written) => {
    expect(withMonthNamed(said, now, TZ)).toBe(written)
  })
})

describe('a deadline moved later in other words', () => {
  it.each([
    ['把芙蓉路井盖那个隐患的期限改到下周五', '把芙蓉路井盖那个隐患的延期到下周五'],
    ['整改期限推迟到下个月28号 管线迁改未完成', '延期到下个月28号 管线迁改未完成'],
    ['办理时限延长到明天下午5点', '延期到明天下午5点'],
    ['期限是哪天', '期限是哪天'],
  ])('「%s」 is read as 「%s」', (said, read) => {
    expect(deadlineMoveAsExtension(said)).toBe(read)
  })
})

describe('a deadline said as a span or an end of month', () => {
  const now = new Date('2026-11-23T09:00:00Z') // a Monday, 17:00 in the city
  it.each([
    ['两周内', '2026-12-07'],
    ['两周', '2026-12-07'],
    ['10天内', '2026-12-03'],
    ['一个月内', '2026-12-23'],
    ['半个月', '2026-12-08'],
    ['月底前', '2026-11-30'],
    ['本月底', '2026-11-30'],
    ['年底前', '2026-12-31'],
    ['本周内', '2026-11-29'],
  ])('「%s」 is the end of %s', (said, day) => {
    expect(deadlineInWords(said, now, TZ)).toEqual(zonedInstant(day, TZ, 23, 59))
  })

  it.each(['明天', '12月10日', '0天内', '很快'])('「%s」 is left to the time reader', (said) => {
    expect(deadlineInWords(said, now, TZ)).toBeUndefined()
  })

  it('gives a 延期 its limit and reason from 「月底前 材料没到」', () => {
    expect(deadlineSaid('月底前 材料没到', now, TZ)).toEqual({
      newDueAt: zonedInstant('2026-11-30', TZ, 23, 59),
      reason: '材料没到',
    })
    expect(deadlineSaid('两周内', now, TZ)).toEqual({ missing: 'reason' })
  })
})
