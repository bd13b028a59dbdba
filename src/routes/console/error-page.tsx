import type { Context } from 'hono'
import { HTTPException } from 'hono/http-exception'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import type { AppEnv } from '../../app-env'
import { RuleViolation } from '../../domain/errors'
import { AppError, inputErrorOf } from '../../errors'
import { Layout } from './layout'

/**
 * Errors in the console are pages people can read: what went wrong in Chinese, a way back, never a stack
 * trace. Unexpected errors are logged with their stack and shown only as a generic message.
 */
const HEADINGS: Partial<Record<number, string>> = {
  400: '请求内容有误',
  401: '请先登录',
  403: '无权访问',
  404: '找不到该页面或记录',
  409: '记录已存在',
  413: '文件过大',
  429: '操作过于频繁',
  422: '操作不符合规则',
}

/** Back to the console page the visitor came from, and never to another site. */
function backTo(c: Context<AppEnv>): string {
  const referer = c.req.header('referer')
  if (!referer) return '/console'
  try {
    const from = new URL(referer)
    return from.origin === new URL(c.req.url).origin && from.pathname.startsWith('/console')
      ? `${from.pathname}${from.search}`
      : '/console'
  } catch {
    return '/console'
  }
}

export function consoleError(caught: Error, c: Context<AppEnv>): Response | Promise<Response> {
  const error = inputErrorOf(caught) ?? caught
  let status: ContentfulStatusCode = 500
  let detail = '系统出现问题，请稍后再试。'
  if (error instanceof RuleViolation) {
    status = 422
    detail = error.message
  } else if (error instanceof HTTPException) {
    status = error.status as ContentfulStatusCode
    detail = error.message
    if (error instanceof AppError && error.retryAfterSeconds) c.header('retry-after', String(error.retryAfterSeconds))
  } else {
    c.get('services')?.logger.error('unhandled console error', { path: c.req.path, error })
  }
  return c.html(
    <Layout c={c} title={HEADINGS[status] ?? '出错了'}>
      <div class="card" role="alert">
        <h2>{HEADINGS[status] ?? '出错了'}</h2>
        <p>{detail}</p>
        <p>
          <a href={backTo(c)}>返回上一页</a> · <a href="/console">控制台首页</a>
        </p>
      </div>
    </Layout>,
    status,
  )
}
