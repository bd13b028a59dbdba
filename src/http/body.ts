import type { Context, MiddlewareHandler } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import type { AppEnv } from '../app-env'
import { parseJson } from '../domain/json'
import { hasNul } from '../domain/nul'
import { AppError } from '../errors'

/**
 * Request bodies are read only through here: a size cap applied before anything reads the stream (413),
 * parse failures as 400, and NUL characters — which PostgreSQL text cannot store — refused as 400 rather
 * than failing later as a 500.
 */
export const BODY_LIMITS = {
  /** Console forms: text fields only. */
  consoleForm: 32 * 1024,
  /** The simulator's photo upload. */
  photoUpload: 10 * 1024 * 1024 + 64 * 1024,
  open311: 16 * 1024,
  api: 256 * 1024,
} as const

export function limitBody(maxBytes: number, message = 'Request body too large'): MiddlewareHandler<AppEnv> {
  const tooLarge = () => {
    throw new AppError('payload_too_large', message)
  }
  const streamed = bodyLimit({ maxSize: maxBytes, onError: tooLarge })
  return async (c, next) => {
    // A declared length is enough: the HTTP parser delivers exactly that many bytes and no more. Checking the
    // header leaves the body unread, so the Node adapter can later read it straight from the socket instead of
    // building a web Request and its stream (most of a webhook's acknowledgement cost); only a chunked body,
    // whose size nobody knows in advance, is counted as it streams.
    const length = c.req.header('content-length')
    if (length !== undefined && c.req.header('transfer-encoding') === undefined) {
      return Number(length) > maxBytes ? tooLarge() : next()
    }
    return streamed(c, next)
  }
}

/** A url-encoded or multipart form; files stay File objects (their bytes may hold anything). */
export async function readForm(c: Context<AppEnv>, message = '表单内容无法读取'): Promise<Record<string, unknown>> {
  let form: Record<string, unknown>
  try {
    form = (await c.req.parseBody({ all: false })) as Record<string, unknown>
  } catch (error) {
    if (error instanceof AppError) throw error
    throw new AppError('invalid_request', message)
  }
  if (hasNul(form)) throw new AppError('invalid_request', '内容含有不允许的控制字符')
  return form
}

/**
 * A JSON body; undefined when it is not JSON at all, so the caller's schema names what is missing. Nesting past
 * any real message's depth is refused (400) before anything walks it.
 */
export async function readJson(c: Context<AppEnv>): Promise<unknown> {
  let text: string
  try {
    text = await c.req.text()
  } catch (error) {
    if (error instanceof AppError) throw error
    throw new AppError('invalid_request', 'Unreadable body')
  }
  const parsed = parseJson(text)
  if (!parsed.ok) {
    if (parsed.reason === 'too_deep') throw new AppError('invalid_request', 'JSON nested too deeply')
    return undefined
  }
  const json = parsed.value
  if (hasNul(json)) throw new AppError('invalid_request', 'NUL characters are not allowed')
  return json
}

/** Query parameters with a NUL (%00) are refused before any handler uses them. */
export const refuseNulInUrl: MiddlewareHandler<AppEnv> = async (c, next) => {
  const { url } = c.req
  // Without a percent sign nothing is encoded: the address is checked as it is (most requests, every webhook).
  if (!url.includes('%')) {
    if (url.includes('\u0000')) throw new AppError('invalid_request', 'NUL characters are not allowed')
    return next()
  }
  let decoded: string
  try {
    decoded = decodeURIComponent(url)
  } catch {
    throw new AppError('invalid_request', 'Malformed URL encoding')
  }
  if (decoded.includes('\u0000')) throw new AppError('invalid_request', 'NUL characters are not allowed')
  return next()
}
