import type { EscalationLevel, SlaEscalation } from './complaint-sla'
import { type HazardLevel, type HazardStatus, OPEN_HAZARD_STATUSES } from './hazard-lifecycle'

/**
 * A major hazard is pushed at once to the supervising office, the duty officer and the leaders (source 002
 * 24-hour duty). Until someone acknowledges it (接报), it escalates as an overdue complaint does: after the
 * acknowledgement timeout to the duty officer, then the responsible unit's leader, then the bureau leader,
 * each level waiting the timeout again. Returns the level to notify now, if any.
 */
export function majorHazardEscalation(
  hazard: { level: HazardLevel; status: HazardStatus; majorAckAt: Date | null; pushedAt: Date },
  chain: readonly SlaEscalation[],
  now: Date,
  ackTimeoutMs: number,
): EscalationLevel | undefined {
  if (hazard.level !== 'major' || hazard.majorAckAt !== null || !OPEN_HAZARD_STATUSES.includes(hazard.status)) return
  if (chain.some((e) => e.ackAt !== null)) return
  const highest = chain.reduce<SlaEscalation | undefined>(
    (top, e) => (!top || e.level > top.level ? e : top),
    undefined,
  )
  const since = highest ? highest.notifiedAt : hazard.pushedAt
  if (now.getTime() < since.getTime() + ackTimeoutMs) return
  if (!highest) return 1
  return highest.level < 3 ? ((highest.level + 1) as EscalationLevel) : undefined
}
