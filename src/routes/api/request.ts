import type { Context } from 'hono'
import type { AppEnv } from '../../app-env'
import { type Actor, ledgerUnitScope } from '../../domain/roles'
import { AppError } from '../../errors'
import type { ServiceContext } from '../../services/context'

/** What every /api/v1 handler needs from a request: the acting client and its unit scope. */
export function actorOf(c: Context<AppEnv>): Actor {
  const client = c.get('apiClient')
  if (!client) throw new AppError('unauthorized', 'Bearer token required')
  return { personId: null, role: client.role, unitId: client.unitId }
}

/** A unit handler's or field worker's token sees its own unit's items only; others see every unit. */
export function unitScope(c: Context<AppEnv>): number | undefined {
  const client = c.get('apiClient')
  return client ? ledgerUnitScope(client.role, client.unitId) : undefined
}

export function scoped<T extends { unit?: number }>(c: Context<AppEnv>, filter: T): T {
  const unit = unitScope(c)
  return unit === undefined ? filter : { ...filter, unit }
}

export function visibleTo(c: Context<AppEnv>, unitId: number | null): boolean {
  const unit = unitScope(c)
  return unit === undefined || unit === unitId
}

/**
 * A write and the notices it causes, in one transaction: a record and its notifications exist together or
 * not at all, so a failed notice cannot leave a committed record behind a failed request that the client
 * then retries into a second one. The services' own transactions nest inside as savepoints.
 */
export async function withNotices<T>(ctx: ServiceContext, work: (ctx: ServiceContext) => Promise<T>): Promise<T> {
  // The calendar is loaded through the pool, not the transaction: load it first, so the embedded database's
  // single connection is never asked for it while the transaction holds it.
  await ctx.calendar.get()
  return ctx.db.transaction((tx) => work({ ...ctx, db: tx }))
}
