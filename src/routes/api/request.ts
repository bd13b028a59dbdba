import type { Context } from 'hono'
import type { z } from 'zod'
import type { AppEnv } from '../../app-env'
import { RuleViolation } from '../../domain/errors'
import { type Actor, ledgerUnitScope } from '../../domain/roles'
import { AppError } from '../../errors'
import { readJson } from '../../http/body'
import type { ServiceContext } from '../../services/context'

/** What every /api/v1 handler needs from a request: a validated body, the acting client, its unit scope. */
export async function jsonBody<T extends z.ZodType>(c: Context<AppEnv>, schema: T): Promise<z.infer<T>> {
  const parsed = schema.safeParse(await readJson(c))
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    throw new AppError('invalid_request', 400, `${issue?.path.join('.') || 'body'}: ${issue?.message ?? 'invalid'}`)
  }
  return parsed.data
}

export function actorOf(c: Context<AppEnv>): Actor {
  const client = c.var.apiClient
  if (!client) throw new AppError('unauthorized', 401, 'Bearer token required')
  return { personId: null, role: client.role, unitId: client.unitId }
}

/** Broken business rules are 422 with the rule's code; a rule saying "not yours" is 403. */
export async function ruled<T>(work: () => Promise<T> | T): Promise<T> {
  try {
    return await work()
  } catch (error) {
    if (error instanceof RuleViolation)
      throw new AppError(error.code, error.code === 'forbidden' ? 403 : 422, error.message)
    throw error
  }
}

/** A unit handler's or field worker's token sees its own unit's items only; others see every unit. */
export function unitScope(c: Context<AppEnv>): number | undefined {
  const client = c.var.apiClient
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
