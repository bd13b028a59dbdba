import { AppError } from '../errors'

/**
 * The last line of defence for input the checks above missed: PostgreSQL refusing a value (class 22,
 * "data exception": out of range, invalid text, bad time) or a reference (23503: no such unit) means the
 * request was bad, not the server. Those answer 400 / 422 with a plain message instead of a 500. Every
 * other database error stays unexpected.
 */
function sqlState(error: unknown): string | undefined {
  for (let e: unknown = error, depth = 0; e && depth < 4; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return code
  }
  return undefined
}

export function inputErrorOf(error: unknown): AppError | undefined {
  const state = sqlState(error)
  if (!state) return undefined
  if (state.startsWith('22')) return new AppError('bad_request', 400, '提交的数据超出允许的范围或格式不正确。')
  if (state === '23503') return new AppError('invalid_reference', 422, '所引用的记录不存在。')
  if (state === '23505') return new AppError('conflict', 409, '该记录已存在。')
  return undefined
}
