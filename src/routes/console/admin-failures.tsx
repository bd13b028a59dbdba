import type { Hono } from 'hono'
import type { AppEnv } from '../../app-env'
import { formatLocal } from '../../conversation/format'
import { CHANNEL_LABELS } from '../../domain/channels'
import { RuleViolation } from '../../domain/errors'
import { rowId } from '../../domain/storable'
import { AppError } from '../../errors'
import { readForm } from '../../http/body'
import { deadLetters, resendDeadLetter } from '../../services/dead-letters'
import { recentFailedMessages, requeueFailedMessage } from '../../services/failed-messages'
import { auditActor } from './admin'
import { AdminNav } from './admin-nav'
import { Layout } from './layout'

/**
 * 处理失败的消息: messages the bot could not process after every attempt. Their senders were told so;
 * here an administrator sees why, and has one processed again once the cause is fixed.
 */
/** One row's button: posts the row's id to the action. */
function RowAction(props: { action: string; id: number; label: string }) {
  return (
    <form method="post" action={props.action}>
      <input type="hidden" name="id" value={String(props.id)} />
      <button type="submit">{props.label}</button>
    </form>
  )
}

export function registerFailedMessages(app: Hono<AppEnv>): void {
  app.get('/admin/failures', async (c) => {
    const { db, config } = c.get('services')
    const rows = await recentFailedMessages(db)
    return c.html(
      <Layout c={c} title="处理失败的消息">
        <AdminNav />
        <div class="card">
          <h2>处理失败的消息</h2>
          <p class="meta">
            这些消息多次处理仍失败，发送人已收到「系统出错，请稍后再试」的答复。排除原因后可点「重新处理」，发送人会收到正常答复。
          </p>
          {rows.length === 0 ? (
            <p>目前没有处理失败的消息。</p>
          ) : (
            <table>
              <tr>
                <th>收到时间</th>
                <th>渠道</th>
                <th>发送人</th>
                <th>内容</th>
                <th>失败原因</th>
                <th>尝试次数</th>
                <th />
              </tr>
              {rows.map((r) => (
                <tr>
                  <td>{formatLocal(r.receivedAt, config.timeZone, c.get('services').clock.now())}</td>
                  <td>{CHANNEL_LABELS[r.channel] ?? r.channel}</td>
                  <td>{r.sender}</td>
                  <td>{r.excerpt || '（非文字消息）'}</td>
                  <td>{r.error}</td>
                  <td>{r.attempts}</td>
                  <td>
                    <RowAction action="/console/admin/failures/retry" id={r.id} label="重新处理" />
                  </td>
                </tr>
              ))}
            </table>
          )}
        </div>
      </Layout>,
    )
  })

  app.post('/admin/failures/retry', async (c) => {
    const form = await readForm(c)
    const id = rowId().safeParse(form.id)
    if (!id.success) throw new AppError('invalid_request', '消息编号无效。')
    const { ctx, inbound } = c.get('services')
    try {
      await requeueFailedMessage(ctx, auditActor(c), id.data)
    } catch (error) {
      if (error instanceof RuleViolation) throw new AppError('not_found', error.message)
      throw error
    }
    await inbound.process(id.data)
    return c.redirect('/console/admin/failures', 303)
  })

  app.get('/admin/dead-letters', async (c) => {
    const { db, config, clock } = c.get('services')
    const rows = await deadLetters(db)
    return c.html(
      <Layout c={c} title="发送失败的消息">
        <AdminNav />
        <div class="card">
          <h2>发送失败的消息</h2>
          <p class="meta">
            平台拒收或多次发送仍失败的消息（如账号未在可见范围、服务器IP未加入白名单）。按平台给出的原因处理后，可点「重新发送」。
          </p>
          {rows.length === 0 ? (
            <p>目前没有发送失败的消息。</p>
          ) : (
            <table>
              <tr>
                <th>时间</th>
                <th>渠道</th>
                <th>接收人</th>
                <th>内容</th>
                <th>平台错误</th>
                <th>尝试次数</th>
                <th />
              </tr>
              {rows.map((r) => (
                <tr>
                  <td>{formatLocal(r.createdAt, config.timeZone, clock.now())}</td>
                  <td>{CHANNEL_LABELS[r.channel] ?? r.channel}</td>
                  <td>{r.recipient}</td>
                  <td>{r.excerpt}</td>
                  <td>
                    {r.errorCode} {r.error}
                  </td>
                  <td>{r.attempts}</td>
                  <td>
                    <RowAction action="/console/admin/dead-letters/resend" id={r.id} label="重新发送" />
                  </td>
                </tr>
              ))}
            </table>
          )}
        </div>
      </Layout>,
    )
  })

  app.post('/admin/dead-letters/resend', async (c) => {
    const form = await readForm(c)
    const id = rowId().safeParse(form.id)
    if (!id.success) throw new AppError('invalid_request', '消息编号无效。')
    try {
      await resendDeadLetter(c.get('services').ctx, auditActor(c), id.data)
    } catch (error) {
      if (error instanceof RuleViolation) throw new AppError('not_found', error.message)
      throw error
    }
    c.get('services')
      .outbox.runOnce()
      .catch(() => undefined)
    return c.redirect('/console/admin/dead-letters', 303)
  })
}
