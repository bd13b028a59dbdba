import { RuleViolation } from '../domain/errors'
import { localDate } from '../domain/local-time'
import type { ReportKind } from '../domain/obligations'
import { type PeriodKind, periodOfDate, previousPeriod } from '../domain/periods'
import type { Actor } from '../domain/roles'
import { draftReportOnRequest } from '../services/reports'
import type { Turn } from './types'

/** The period each statutory report covers, for the ones drafted when asked for. */
const PERIOD_OF: Partial<Record<ReportKind, PeriodKind>> = {
  weekly: 'week',
  monthly: 'month',
  quarterly: 'quarter',
  campaign: 'month',
}

/**
 * 「上报周报」「填报统计表」 before the scheduled job drafted the period just ended (or after a restart that missed
 * it): that period's report, drafted now when the unit owes it and has not filed it. Nothing when it does not owe
 * it, or when that period's report exists already (filed).
 */
export async function draftLastPeriod(turn: Turn, actor: Actor, kind: ReportKind) {
  const periodKind = PERIOD_OF[kind]
  if (!periodKind || actor.unitId === null || actor.personId === null) return undefined
  const { ctx } = turn
  const current = periodOfDate(periodKind, localDate(ctx.clock.now(), ctx.timeZone), ctx.timeZone)
  const last = previousPeriod(current, ctx.timeZone)
  try {
    return await draftReportOnRequest(ctx, turn.reportsDir, {
      kind: kind as Exclude<ReportKind, 'daily'>,
      unitId: actor.unitId,
      periodDate: last.start,
      actor,
    })
  } catch (error) {
    if (error instanceof RuleViolation) return undefined
    throw error
  }
}
