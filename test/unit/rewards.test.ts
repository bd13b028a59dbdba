import { describe, expect, it } from 'vitest'
import { RuleViolation } from '../../src/domain/errors'
import { DEFAULT_REWARD_STANDARD, isWhistleblowing, payReward, verifyReward } from '../../src/domain/rewards'

function codeOf(run: () => unknown): string {
  try {
    run()
  } catch (error) {
    if (error instanceof RuleViolation) return error.code
    throw error
  }
  throw new Error('expected a rule violation')
}

describe('rewarded reporting (source 002 (五))', () => {
  it('knows a 举报 by its word', () => {
    expect(isWhistleblowing('我要举报工地违规施工')).toBe(true)
    expect(isWhistleblowing('路灯不亮')).toBe(false)
  })

  it('rewards a true report by the standard for its level, once, with a reason', () => {
    expect(verifyReward(undefined, true, '属实', 'general', DEFAULT_REWARD_STANDARD)).toEqual({
      verified: true,
      reason: '属实',
      amountYuan: 200,
    })
    expect(verifyReward(undefined, true, '属实', 'major', { general: 300, major: 5000 }).amountYuan).toBe(5000)
    expect(verifyReward(undefined, false, '现场无此情况', 'general', DEFAULT_REWARD_STANDARD).amountYuan).toBeNull()
    expect(codeOf(() => verifyReward(undefined, true, ' ', 'general', DEFAULT_REWARD_STANDARD))).toBe('reason_required')
    expect(
      codeOf(() => verifyReward({ verified: false, paidAt: null }, true, '再核', 'general', DEFAULT_REWARD_STANDARD)),
    ).toBe('already_verified')
  })

  it('pays only a verified true report, once, saying how', () => {
    expect(codeOf(() => payReward(undefined, '现金'))).toBe('not_verified')
    expect(codeOf(() => payReward({ verified: false, paidAt: null }, '现金'))).toBe('not_substantiated')
    expect(codeOf(() => payReward({ verified: true, paidAt: new Date() }, '现金'))).toBe('already_paid')
    expect(codeOf(() => payReward({ verified: true, paidAt: null }, ''))).toBe('reason_required')
    expect(payReward({ verified: true, paidAt: null }, '微信转账')).toEqual({ how: '微信转账' })
  })
})
