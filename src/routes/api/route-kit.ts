import { OpenAPIHono, z } from '@hono/zod-openapi'
import type { MiddlewareHandler } from 'hono'
import type { AppEnv } from '../../app-env'
import { MAX_JSON_DEPTH, nestingExceeds, parseJson } from '../../domain/json'
import { hasNul } from '../../domain/nul'
import { AppError } from '../../errors'
import { ErrorBody } from './contracts'

/**
 * What every /api/v1 route is declared with: an OpenAPIHono whose validation failures are our 400 (naming the
 * field), the error responses each kind of operation can give, and query parameters documented from the same
 * zod schema the handler parses them with.
 */
export function apiApp() {
  return new OpenAPIHono<AppEnv>({
    defaultHook: (result) => {
      if (!result.success) {
        const issue = result.error.issues[0]
        const where = issue?.path.join('.') || (result.target === 'json' ? 'body' : result.target)
        throw new AppError('invalid_request', `${where}: ${issue?.message ?? 'invalid'}`)
      }
    },
  })
}

const error = (description: string) => ({ description, content: { 'application/json': { schema: ErrorBody } } })

/** Every operation: bad input, no or wrong token, rate limited, database unavailable. */
const always = {
  400: error('Invalid request; the message names the field'),
  401: error('Missing or invalid bearer token'),
  429: error('Too many failed attempts from this client; see Retry-After'),
  503: error('The database cannot be reached; retry after Retry-After seconds'),
}
/** Reading one record: another unit's record is as absent as a missing one. */
export const readErrors = { ...always, 404: error('No such record, or not visible to this token') }
/** Creating a record. */
export const createErrors = {
  ...always,
  403: error('The token’s role or unit may not do this'),
  409: error('A request with this Idempotency-Key is still running, or the record exists'),
  413: error('Body over 256 KB'),
  415: error('Body not sent as application/json'),
  422: error('A business rule forbids it (`rule` names it), or the Idempotency-Key was used with another body'),
}
/** Acting on one record. */
export const actionErrors = { ...createErrors, ...readErrors }
export const listErrors = always

export const json = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  content: { 'application/json': { schema } },
})

export const jsonRequest = <T extends z.ZodType>(schema: T) => ({
  required: true,
  content: { 'application/json': { schema } },
})

/**
 * Query parameters documented from the handler's own filter schema. The handler parses them itself because a
 * plain date means a whole day in the city's time zone, which only the running server knows.
 */
export function queryParameters(schema: z.ZodObject) {
  return Object.entries(schema.shape).map(([name, field]) => ({
    name,
    in: 'query' as const,
    required: false,
    schema: z.toJSONSchema(field as z.ZodType, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>,
  }))
}

export const codeParam = (example: string) =>
  z.object({
    code: z
      .string()
      .min(1)
      .max(40)
      .openapi({ param: { name: 'code', in: 'path' }, example }),
  })

/**
 * PostgreSQL text cannot hold NUL: a body carrying one is refused as bad input before any handler reads it, and
 * so is JSON nested deeper than any request of this API (the validation and the checks after it recurse).
 */
export const refuseNulInJson: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (c.req.method === 'POST') {
    const text = await c.req.text()
    if (text.includes('\u0000')) throw new AppError('invalid_request', 'NUL characters are not allowed')
    if (nestingExceeds(text, MAX_JSON_DEPTH)) throw new AppError('invalid_request', 'JSON nested too deeply')
    if (text.includes('\\u0000')) {
      const parsed = parseJson(text)
      if (parsed.ok && hasNul(parsed.value)) throw new AppError('invalid_request', 'NUL characters are not allowed')
    }
  }
  return next()
}
