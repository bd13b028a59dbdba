import type { Context } from 'hono'
import type { z } from 'zod'
import type { AppEnv } from '../app-env'
import { AppError } from '../errors'

/** Reads a ledger filter from the query string, or answers 400 naming the field that is wrong. */
export function parseFilter<T extends z.ZodType>(c: Context<AppEnv>, schema: T): z.infer<T> {
  const query = Object.fromEntries(Object.entries(c.req.query()).filter(([, v]) => v !== ''))
  const parsed = schema.safeParse(query)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    throw new AppError('invalid_request', 400, `${issue?.path.join('.') || 'query'}: ${issue?.message ?? 'invalid'}`)
  }
  return parsed.data
}
