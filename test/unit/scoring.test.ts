import { describe, expect, it } from 'vitest'
import {
  type AccidentFact,
  ASSESSMENT_PARTS,
  computeUnitScore,
  DEDUCTION_RULES,
  type DeductionRule,
  type UnitScoreFacts,
  vetoReasons,
} from '../../src/domain/scoring'

/** Source 000 附件1 「安全巡查（督查）工作考核实施细则（单位部分：100分）」, line by line. */
const now = new Date('2026-11-30T12:00:00Z')
const before = new Date('2026-11-20T00:00:00Z')
const after = new Date('2026-11-21T00:00:00Z')
const later = new Date('2026-11-22T00:00:00Z')

const clean: UnitScoreFacts = {
  requiredLedgerDays: [],
  ledgerDays: new Set(),
  reports: [],
  hazards: [],
  complaints: [],
  inspections: [],
  falsified: [],
  findings: [],
}

describe('the three parts of 附件1', () => {
  it('are 组织 10, 实施 80 and 问责追责 10, a clean unit scoring 100', () => {
    expect(Object.values(ASSESSMENT_PARTS).map((p) => [p.label, p.cap])).toEqual([
      ['巡查（督查）工作组织', 10],
      ['巡查（督查）工作实施', 80],
      ['巡查（督查）工作问责、追责', 10],
    ])
    const result = computeUnitScore(clean, now)
    expect(result.score).toBe(100)
    expect(result.deductions).toEqual([])
    expect(Object.values(result.parts).map((p) => p.score)).toEqual([10, 80, 10])
  })

  it('floors each part at 0 on its own: a unit losing 150 in 实施 keeps its 组织 and 问责 points', () => {
    const result = computeUnitScore(
      {
        ...clean,
        complaints: Array.from({ length: 15 }, (_, i) => ({ code: `TS${i}`, dueAt: before, handledAt: null })),
      },
      now,
    )
    expect(result.parts.implementation).toMatchObject({ score: 0, lost: 150 })
    expect(result.score).toBe(20)
  })
})

describe('each line of 附件1, with its points and its words', () => {
  it.each<[string, DeductionRule, string, number, string, Partial<UnitScoreFacts>]>([
    ['1-1', 'plan_untimely', 'organisation', 2, '巡查、督查方案制定修改不及时扣2分', {}],
    ['1-2', 'plan_structure', 'organisation', 2, '方案组织机构不明确、不具体扣2分', {}],
    ['1-3', 'plan_assignment', 'organisation', 2, '方案中巡查、督查定责、定区、定人不具体扣2分', {}],
    ['1-4', 'plan_unpublished', 'organisation', 2, '方案未及时向社会公布扣2分', {}],
    ['1-5', 'no_closed_loop', 'organisation', 2, '巡查、督查工作未形成闭路管理扣2分', {}],
    [
      '2-1',
      'missing_ledger_day',
      'implementation',
      2,
      '巡查、督查工作未建立日、月、季台账，每少一次扣2分',
      { requiredLedgerDays: ['2026-11-02'] },
    ],
    [
      '2-2',
      'missing_report',
      'implementation',
      5,
      '巡查、督查工作情况月、季度报表每少一次扣5分',
      { reports: [{ kind: 'monthly', periodLabel: '10月', dueAt: before, submittedAt: null }] },
    ],
    [
      '2-3',
      'hazard_overdue',
      'implementation',
      10,
      '安全隐患整改不及时不处理扣10分',
      { hazards: [{ code: 'YH1', rectifyDueAt: before, rectifiedAt: null }] },
    ],
    [
      '2-4',
      'complaint_late',
      'implementation',
      10,
      '社会监督举报、投诉处理不及时（超过1天）扣10分',
      { complaints: [{ code: 'TS1', dueAt: before, handledAt: after }] },
    ],
    ['2-5', 'negligence_accident', 'implementation', 30, '因工作失职渎职造成安全事故视情况扣分', {}],
    [
      '2-6',
      'inspection_short',
      'implementation',
      5,
      '巡查、督查工作不按规定次数落实，每少一次扣5分',
      { inspections: [{ inspectedUnitName: '桥管处', period: '2026-10', required: 2, done: 1 }] },
    ],
    [
      '2-7',
      'falsified_ledger',
      'implementation',
      10,
      '巡查、督查台账弄虚作假每次扣10分',
      { falsified: [{ code: 'XC1', reason: '照片重复使用' }] },
    ],
    ['3-1', 'no_accountability_mechanism', 'accountability', 10, '未建立巡查（督查）考评、问责机制扣10分', {}],
    ['3-2', 'not_in_performance_review', 'accountability', 10, '对巡查（督查）工作未纳入年度绩效考核的扣10分', {}],
    [
      '3-3',
      'negative_impact',
      'accountability',
      6,
      '因工作失职渎职导致行业巡查（督查）工作社会负面影响较大的视情况扣分',
      {},
    ],
  ])('%s %s', (line, rule, part, points, wording, facts) => {
    expect(DEDUCTION_RULES[rule]).toMatchObject({ line, part, wording })
    const fromLedger = Object.keys(facts).length > 0
    const result = computeUnitScore(
      {
        ...clean,
        ...facts,
        findings: fromLedger ? [] : [{ rule: rule as never, points, reason: '检查发现', ref: 'F1' }],
      },
      now,
    )
    const mine = result.deductions.filter((d) => d.rule === rule)
    expect(mine).toHaveLength(1)
    expect(mine[0]).toMatchObject({ line, part, wording, points })
    expect(result.parts[part as keyof typeof ASSESSMENT_PARTS].lost).toBeGreaterThanOrEqual(points)
  })

  it('counts a working day without a patrol as a missing daily ledger (2-1) and a missing patrol (2-6)', () => {
    const result = computeUnitScore(
      { ...clean, requiredLedgerDays: ['2026-11-02', '2026-11-03'], ledgerDays: new Set(['2026-11-02']) },
      now,
    )
    expect(result.deductions.map((d) => [d.line, d.points, d.ref])).toEqual([
      ['2-1', 2, '2026-11-03'],
      ['2-6', 5, '2026-11-03'],
    ])
    expect(result.score).toBe(93)
  })

  it('keeps a 视情况 line inside its part: at most the part’s points, at least 1', () => {
    const result = computeUnitScore(
      { ...clean, findings: [{ rule: 'negative_impact', points: 50, reason: '媒体曝光', ref: 'F2' }] },
      now,
    )
    expect(result.deductions[0]?.points).toBe(10)
  })
})

describe('where the scheme leaves room', () => {
  const lateReport: Partial<UnitScoreFacts> = {
    reports: [{ kind: 'monthly', periodLabel: '10月', dueAt: before, submittedAt: after }],
  }

  it('lists a late report without points by default (附件1 counts reports 每少一次), and deducts when turned on', () => {
    const free = computeUnitScore({ ...clean, ...lateReport }, now)
    expect(free.score).toBe(100)
    expect(free.deductions).toMatchObject([{ line: '2-2', points: 0, reason: '10月月报表逾期上报（已记录，不扣分）' }])
    const strict = computeUnitScore({ ...clean, ...lateReport }, now, { latePenalty: true, extensionsExcuse: false })
    expect(strict.score).toBe(95)
  })

  it('shows an approved extension beside a late complaint and removes the deduction only when turned on', () => {
    const extended: Partial<UnitScoreFacts> = {
      complaints: [{ code: 'TS9', dueAt: before, handledAt: after, extendedTo: later }],
    }
    const shown = computeUnitScore({ ...clean, ...extended }, now)
    expect(shown.score).toBe(90)
    expect(shown.deductions[0]?.reason).toBe('投诉 TS9 超过1天办理（已批准延期，在延期内办结）')
    const excused = computeUnitScore({ ...clean, ...extended }, now, { latePenalty: false, extensionsExcuse: true })
    expect(excused.score).toBe(100)
    // Past the extension too: deducted either way.
    const pastBoth = computeUnitScore(
      { ...clean, complaints: [{ code: 'TS8', dueAt: before, handledAt: later, extendedTo: after }] },
      now,
      { latePenalty: false, extensionsExcuse: true },
    )
    expect(pastBoth.score).toBe(90)
  })

  it('deducts nothing for work done in time', () => {
    const result = computeUnitScore(
      {
        ...clean,
        requiredLedgerDays: ['2026-11-02'],
        ledgerDays: new Set(['2026-11-02']),
        reports: [{ kind: 'weekly', periodLabel: 'w', dueAt: after, submittedAt: before }],
        hazards: [{ code: 'YH3', rectifyDueAt: after, rectifiedAt: before }],
        complaints: [{ code: 'TS2', dueAt: after, handledAt: before }],
        inspections: [{ inspectedUnitName: '燃气办', period: '2026-10', required: 2, done: 3 }],
      },
      now,
    )
    expect(result.score).toBe(100)
    expect(result.deductions).toEqual([])
  })
})

describe('一票否决 (source 000 五)', () => {
  const accident = (over: Partial<AccidentFact>): AccidentFact => ({
    ref: 'A1',
    occurredOn: '2026-06-01',
    place: '人民路',
    level: 'general',
    deaths: 0,
    reporting: 'on_time',
    mediaExposure: 'none',
    negligencePoints: null,
    ...over,
  })

  it.each<[string, AccidentFact[], string]>([
    ['exposure by provincial or higher media', [accident({ mediaExposure: 'provincial' })], '被省级以上新闻媒体曝光'],
    [
      'three general accidents in the sector in a year',
      [accident({ ref: 'A1' }), accident({ ref: 'A2' }), accident({ ref: 'A3' })],
      '年内同行业发生一般安全生产责任事故 3 起（3起以上）',
    ],
    ['a general accident with a death', [accident({ deaths: 1 })], '发生安全生产责任亡人事故（死亡 1 人）'],
    ['late, omitted, false or concealed reporting', [accident({ reporting: 'concealed' })], '事故瞒报'],
  ])('vetoes for %s', (_label, accidents, words) => {
    const reasons = vetoReasons(accidents)
    expect(reasons.join('；')).toContain(words)
    const result = computeUnitScore({ ...clean, yearAccidents: accidents }, now)
    expect(result.veto).toEqual(reasons)
    // The points are untouched: the veto stands beside them.
    expect(result.score).toBe(100)
  })

  it('does not veto for two general accidents, reported on time, without deaths or wide exposure', () => {
    expect(vetoReasons([accident({}), accident({ ref: 'A2', mediaExposure: 'local' })])).toEqual([])
  })

  it('deducts 2-5 with the points chosen for an accident caused by negligence', () => {
    const result = computeUnitScore({ ...clean, accidents: [accident({ negligencePoints: 15 })] }, now)
    expect(result.deductions).toMatchObject([{ line: '2-5', points: 15, ref: 'A1' }])
    expect(result.score).toBe(85)
  })
})
