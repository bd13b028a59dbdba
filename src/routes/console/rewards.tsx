import type { Hono } from 'hono'
import type { AppEnv } from '../../app-env'
import { formatLocal } from '../../conversation/format'
import { rowId } from '../../domain/storable'
import { AppError } from '../../errors'
import { readForm } from '../../http/body'
import {
  loadRewardStandard,
  RewardStandardSettings,
  recordRewardPaid,
  saveRewardStandard,
  verifyWhistleblowing,
  whistleblowingLedger,
} from '../../services/rewards'
import { asFormError } from './form-rules'
import { Layout } from './layout'
import { viewerOf } from './session'

/**
 * 有奖举报 (source 002 (五)): every 举报 with its reporter — shown here only, to the reward handlers — whether it
 * was found true and why, the amount by the standard, and its payment; with the forms to record each step.
 */
export function registerRewardPages(app: Hono<AppEnv>): void {
  app.get('/rewards', async (c) => {
    const { db, config, clock } = c.get('services')
    const [rows, standard] = await Promise.all([whistleblowingLedger(db), loadRewardStandard(db)])
    const when = (d: Date | null) => (d ? formatLocal(d, config.timeZone, clock.now()) : '—')
    return c.html(
      <Layout c={c} title="有奖举报">
        <div class="card">
          <h2>有奖举报</h2>
          <p class="meta">
            举报人信息仅在本页向督查人员和管理员显示，不出现在群消息、日报、导出和对外接口中。奖励标准：一般隐患{' '}
            {standard.general} 元，重大隐患 {standard.major} 元。
          </p>
          {viewerOf(c).role === 'admin' ? (
            <form method="post" action="/console/rewards/standard">
              奖励标准：一般隐患{' '}
              <input name="general" type="number" min="0" value={String(standard.general)} size={6} /> 元，重大隐患{' '}
              <input name="major" type="number" min="0" value={String(standard.major)} size={6} /> 元{' '}
              <button type="submit">保存</button>
            </form>
          ) : null}
          <table>
            <tr>
              <th>编号</th>
              <th>举报人</th>
              <th>受理时间</th>
              <th>核实</th>
              <th>奖励</th>
              <th>发放</th>
            </tr>
            {rows.map(({ complaint, reward }) => (
              <tr>
                <td>
                  <a href={`/console/complaints/${encodeURIComponent(complaint.code)}`}>{complaint.code}</a>
                </td>
                <td>
                  {[complaint.citizenName, complaint.citizenPhone, complaint.citizenExternalId]
                    .filter(Boolean)
                    .join(' · ') || '匿名'}
                </td>
                <td>{when(complaint.receivedAt)}</td>
                <td>
                  {reward?.verified === true || reward?.verified === false ? (
                    `${reward.verified ? '属实' : '不属实'}：${reward.verifyReason ?? ''}`
                  ) : (
                    <form method="post" action={`/console/rewards/${complaint.id}/verify`}>
                      <select name="substantiated">
                        <option value="yes">属实</option>
                        <option value="no">不属实</option>
                      </select>{' '}
                      <input name="reason" placeholder="核实情况" size={20} required />{' '}
                      <button type="submit">核实</button>
                    </form>
                  )}
                </td>
                <td>{reward?.amountYuan != null ? `${reward.amountYuan} 元` : '—'}</td>
                <td>
                  {reward?.paidAt ? (
                    `${when(reward.paidAt)} ${reward.paidHow ?? ''}`
                  ) : reward?.verified ? (
                    <form method="post" action={`/console/rewards/${complaint.id}/pay`}>
                      <input name="how" placeholder="发放方式" size={12} required />{' '}
                      <button type="submit">登记发放</button>
                    </form>
                  ) : (
                    '—'
                  )}
                </td>
              </tr>
            ))}
          </table>
        </div>
      </Layout>,
    )
  })

  app.post('/rewards/standard', async (c) => {
    const viewer = viewerOf(c)
    if (viewer.role !== 'admin') throw new AppError('forbidden', '只有管理员可以修改奖励标准。')
    const form = await readForm(c)
    const parsed = RewardStandardSettings.safeParse(form)
    if (!parsed.success) throw new AppError('invalid_request', parsed.error.issues[0]?.message ?? '请填写金额')
    await saveRewardStandard(c.get('services').ctx, { personId: viewer.personId, label: viewer.name }, parsed.data)
    return c.redirect('/console/rewards', 303)
  })

  app.post('/rewards/:id/:step', async (c) => {
    const id = rowId().safeParse(c.req.param('id'))
    const step = c.req.param('step')
    if (!id.success || (step !== 'verify' && step !== 'pay')) throw new AppError('not_found', '未找到该页面。')
    const form = await readForm(c)
    const viewer = viewerOf(c)
    const actor = { personId: viewer.personId, role: viewer.role, unitId: viewer.unitId }
    const ctx = c.get('services').ctx
    await asFormError(() =>
      step === 'verify'
        ? verifyWhistleblowing(ctx, id.data, actor, form.substantiated === 'yes', String(form.reason ?? ''))
        : recordRewardPaid(ctx, id.data, actor, String(form.how ?? '')),
    )
    return c.redirect('/console/rewards', 303)
  })
}
