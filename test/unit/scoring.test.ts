import { describe, expect, it } from 'vitest'
import { computeUnitScore, type UnitScoreFacts } from '../../src/domain/scoring'

const now = new Date('2026-11-30T12:00:00Z')
const before = new Date('2026-11-20T00:00:00Z')
const after = new Date('2026-11-21T00:00:00Z')

const clean: UnitScoreFacts = {
  requiredLedgerDays: [],
  ledgerDays: new Set(),
  reports: [],
  hazards: [],
  complaints: [],
  inspections: [],
  falsified: [],
  organisation: [],
}

describe('unit score (考核)', () => {
  it('starts at 100 with nothing to deduct', () => {
    expect(computeUnitScore(clean, now)).toEqual({ score: 100, deductions: [] })
  })

  it.each<[string, Partial<UnitScoreFacts>, string, number]>([
    [
      'a missing ledger day',
      { requiredLedgerDays: ['2026-11-02', '2026-11-03'], ledgerDays: new Set(['2026-11-02']) },
      'missing_ledger_day',
      98,
    ],
    [
      'an unsubmitted report',
      { reports: [{ kind: 'weekly', periodLabel: '第47周', dueAt: before, submittedAt: null }] },
      'missing_report',
      95,
    ],
    [
      'a late report',
      { reports: [{ kind: 'monthly', periodLabel: '10月', dueAt: before, submittedAt: after }] },
      'missing_report',
      95,
    ],
    [
      'an overdue hazard',
      { hazards: [{ code: 'YH1', rectifyDueAt: before, rectifiedAt: after }] },
      'hazard_overdue',
      90,
    ],
    [
      'a still-open overdue hazard',
      { hazards: [{ code: 'YH2', rectifyDueAt: before, rectifiedAt: null }] },
      'hazard_overdue',
      90,
    ],
    ['a late complaint', { complaints: [{ code: 'TS1', dueAt: before, handledAt: after }] }, 'complaint_late', 90],
    [
      'short inspections',
      { inspections: [{ inspectedUnitName: '桥管处', month: '2026-10', required: 2, done: 1 }] },
      'inspection_short',
      95,
    ],
    ['a falsified ledger', { falsified: [{ code: 'XC1', reason: '照片重复使用' }] }, 'falsified_ledger', 90],
    ['an organisation item', { organisation: [{ points: 3, reason: '未建立巡查制度' }] }, 'organisation', 97],
  ])('deducts for %s with its reason', (_label, facts, rule, score) => {
    const result = computeUnitScore({ ...clean, ...facts }, now)
    expect(result.score).toBe(score)
    expect(result.deductions).toHaveLength(1)
    expect(result.deductions[0]?.rule).toBe(rule)
    expect(result.deductions[0]?.reason.length).toBeGreaterThan(2)
  })

  it('does not deduct for work done in time', () => {
    const result = computeUnitScore(
      {
        ...clean,
        requiredLedgerDays: ['2026-11-02'],
        ledgerDays: new Set(['2026-11-02']),
        reports: [{ kind: 'weekly', periodLabel: 'w', dueAt: after, submittedAt: before }],
        hazards: [{ code: 'YH3', rectifyDueAt: after, rectifiedAt: before }],
        complaints: [{ code: 'TS2', dueAt: after, handledAt: before }],
        inspections: [{ inspectedUnitName: '燃气办', month: '2026-10', required: 2, done: 3 }],
      },
      now,
    )
    expect(result).toEqual({ score: 100, deductions: [] })
  })

  it('deducts once per missing inspection and never goes below zero', () => {
    const short = computeUnitScore(
      { ...clean, inspections: [{ inspectedUnitName: '园林局', month: '2026-10', required: 2, done: 0 }] },
      now,
    )
    expect(short.score).toBe(90)
    const many = computeUnitScore(
      {
        ...clean,
        complaints: Array.from({ length: 12 }, (_, i) => ({ code: `TS${i}`, dueAt: before, handledAt: null })),
      },
      now,
    )
    expect(many.score).toBe(0)
    expect(many.deductions).toHaveLength(12)
  })
})
