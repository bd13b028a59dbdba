import type { Hono } from 'hono'
import type { AppEnv } from '../../app-env'
import { formatRate } from '../../reports/format'
import { dashboard } from '../../services/dashboard'
import { Layout } from './layout'

/** 领导驾驶舱: today's figures, overdue items, the complaint 1-day rate, rectification, scores, trend. */
export function registerDashboard(app: Hono<AppEnv>): void {
  app.get('/dashboard', async (c) => {
    const d = await dashboard(c.var.services.ctx)
    const max = Math.max(1, ...d.trend.map((t) => Math.max(t.patrols, t.hazards, t.complaints)))
    const bar = (n: number) => '█'.repeat(Math.round((n / max) * 20)) || '·'
    return c.html(
      <Layout c={c} title="驾驶舱">
        <div class="card">
          <h2>今日</h2>
          <p>
            巡查 <strong>{d.today.patrols}</strong> 次（{d.today.staff} 人次） · 新发现隐患{' '}
            <strong>{d.today.hazardsFound}</strong> 项 · 受理投诉 <strong>{d.today.complaintsReceived}</strong> 件
          </p>
        </div>
        <div class="card">
          <h2>需关注</h2>
          <p>
            未销号隐患 {d.open.hazards} 项（超期 <strong id="overdue-hazards">{d.open.overdueHazards}</strong>，重大{' '}
            {d.open.openMajor}） · 未办结投诉 {d.open.openComplaints} 件（超时{' '}
            <strong id="overdue-complaints">{d.open.overdueComplaints}</strong>）
          </p>
          <p>
            近30日投诉1日内办结率 <strong id="on-time-rate">{formatRate(d.complaintOnTimeRate)}</strong> ·
            本月隐患整改率 <strong id="rectification-rate">{formatRate(d.rectificationRate)}</strong>
          </p>
        </div>
        <div class="card">
          <h2>本月考核</h2>
          <table>
            <tr>
              <th>单位</th>
              <th>组织/实施/问责</th>
              <th>得分</th>
              <th>主要扣分</th>
            </tr>
            {d.scores.map((s) => (
              <tr>
                <td>
                  <a href="/console/assessment">{s.unit}</a>
                </td>
                <td>
                  {s.score.parts.organisation.score}/{s.score.parts.implementation.score}/
                  {s.score.parts.accountability.score}
                </td>
                <td>{s.score.veto.length ? '一票否决' : s.score.score}</td>
                <td>
                  {[...s.score.veto, ...s.score.deductions.filter((x) => x.points > 0).map((x) => x.reason)]
                    .slice(0, 3)
                    .join('；') || '—'}
                </td>
              </tr>
            ))}
          </table>
        </div>
        <div class="card">
          <h2>近7日趋势</h2>
          <table>
            <tr>
              <th>日期</th>
              <th>巡查</th>
              <th>隐患</th>
              <th>投诉</th>
            </tr>
            {d.trend.map((t) => (
              <tr>
                <td>{t.date}</td>
                <td>
                  {bar(t.patrols)} {t.patrols}
                </td>
                <td>
                  {bar(t.hazards)} {t.hazards}
                </td>
                <td>
                  {bar(t.complaints)} {t.complaints}
                </td>
              </tr>
            ))}
          </table>
        </div>
      </Layout>,
    )
  })
}
