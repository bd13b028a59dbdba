import { RuleViolation } from './errors'
import type { HazardLevel } from './hazard-lifecycle'

/**
 * Rewarded reporting (有奖举报, source 002 (五)): a citizen's 举报 is checked by the unit (属实 or not, with the
 * reason); one found true earns a reward by the configured standard; the reward is recorded as paid (when,
 * how). The reporter's identity stays with the roles that handle rewards (source 002: 严格保密措施).
 */
export const REWARD_ROLES = ['supervisor', 'admin'] as const

/** A citizen's message is a 举报 when it says so. */
export function isWhistleblowing(text: string): boolean {
  return /举报/.test(text)
}

export interface RewardStandard {
  /** Yuan for a report found true about a general hazard or violation. */
  general: number
  /** Yuan for one about a major hazard. */
  major: number
}
export const DEFAULT_REWARD_STANDARD: RewardStandard = { general: 200, major: 2000 }

export interface RewardState {
  verified: boolean | null
  paidAt: Date | null
}

/** 核实: once, with its reason; the amount follows the standard for the hazard's level when true. */
export function verifyReward(
  state: RewardState | undefined,
  substantiated: boolean,
  reason: string,
  level: HazardLevel,
  standard: RewardStandard,
): { verified: boolean; reason: string; amountYuan: number | null } {
  if (state && state.verified !== null) throw new RuleViolation('already_verified', '该举报已核实，不能重复核实。')
  const why = reason.trim()
  if (!why) throw new RuleViolation('reason_required', '核实须说明情况。')
  return { verified: substantiated, reason: why, amountYuan: substantiated ? standard[level] : null }
}

/** 发放: only a report found true, once, saying how it was paid. */
export function payReward(state: RewardState | undefined, how: string): { how: string } {
  if (!state || state.verified === null) throw new RuleViolation('not_verified', '该举报尚未核实，不能发放奖励。')
  if (!state.verified) throw new RuleViolation('not_substantiated', '该举报经核实不属实，不予奖励。')
  if (state.paidAt) throw new RuleViolation('already_paid', '该举报奖励已发放。')
  const way = how.trim()
  if (!way) throw new RuleViolation('reason_required', '请写明发放方式，例如：微信转账、现金。')
  return { how: way }
}
