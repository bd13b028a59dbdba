import type { Hono } from 'hono'
import type { AppEnv } from '../../app-env'
import { OPEN_COMPLAINT_STATUSES } from '../../domain/complaint-lifecycle'
import { OPEN_HAZARD_STATUSES } from '../../domain/hazard-lifecycle'
import { localDate } from '../../domain/local-time'
import { formatRate } from '../../reports/format'
import { dashboard } from '../../services/dashboard'
import { Layout } from './layout'

/** A ledger filtered as the number beside it counts: every figure on the dashboard opens its records. */
function ledgerLink(path: string, query: Record<string, string>): string {
  return `${path}?${new URLSearchParams(query).toString()}`
}

const OPEN_HAZARDS = ledgerLink('/console/hazards', { status: OPEN_HAZARD_STATUSES.join(',') })

/** 领导驾驶舱: today's figures, overdue items, the complaint 1-day rate, rectification, scores, trend. */
export function registerDashboard(app: Hono<AppEnv>): void {
  app.get('/dashboard', async (c) => {
    const { ctx } = c.get('services')
    const d = await dashboard(ctx)
    const today = localDate(ctx.clock.now(), ctx.timeZone)
    const onDay = (ledger: string, date: string) => ledgerLink(`/console/${ledger}`, { from: date, to: date })
    const max = Math.max(1, ...d.trend.map((t) => Math.max(t.patrols, t.hazards, t.complaints)))
    // A bar as wide as its share of the week's largest figure (at least a sliver, so a zero still shows).
    const bar = (n: number) => <span class="bar" style={`width:${Math.max(2, Math.round((n / max) * 60))}%`} />
    return c.html(
      <Layout c={c} title="驾驶舱">
        <div class="card">
          <h2>今日</h2>
          <p>
            巡查{' '}
            <a href={onDay('patrols', today)}>
              <strong>{d.today.patrols}</strong>
            </a>{' '}
            次（{d.today.staff} 人次） · 新发现隐患{' '}
            <a href={onDay('hazards', today)}>
              <strong>{d.today.hazardsFound}</strong>
            </a>{' '}
            项 · 受理投诉{' '}
            <a href={onDay('complaints', today)}>
              <strong>{d.today.complaintsReceived}</strong>
            </a>{' '}
            件
          </p>
        </div>
        <div class="card">
          <h2>需关注</h2>
          <p>
            未销号隐患 <a href={OPEN_HAZARDS}>{d.open.hazards}</a> 项（超期{' '}
            <a href={ledgerLink('/console/hazards', { overdue: '1' })}>
              <strong id="overdue-hazards">{d.open.overdueHazards}</strong>
            </a>
            ，重大 <a href={`${OPEN_HAZARDS}&level=major`}>{d.open.openMajor}</a>） · 未办结投诉{' '}
            <a href={ledgerLink('/console/complaints', { status: OPEN_COMPLAINT_STATUSES.join(',') })}>
              {d.open.openComplaints}
            </a>{' '}
            件（超时{' '}
            <a href={ledgerLink('/console/complaints', { overdue: '1' })}>
              <strong id="overdue-complaints">{d.open.overdueComplaints}</strong>
            </a>
            ）
          </p>
          <p>
            近30日投诉1日内办结率 <strong id="on-time-rate">{formatRate(d.complaintOnTimeRate)}</strong> ·
            本月隐患整改率 <strong id="rectification-rate">{formatRate(d.rectificationRate)}</strong>
          </p>
        </div>
        <div class="card">
          <h2>本月考核</h2>
          <table class="ledger">
            <tr>
              <th>单位</th>
              <th>组织/实施/问责</th>
              <th>得分</th>
              <th>主要扣分</th>
            </tr>
            {d.scores.map((s) => {
              const reasons = [...s.score.veto, ...s.score.deductions.filter((x) => x.points > 0).map((x) => x.reason)]
              return (
                <tr>
                  <td data-label="单位">
                    <a href="/console/assessment">{s.unit}</a>
                  </td>
                  <td data-label="组织/实施/问责">
                    {s.score.parts.organisation.score}/{s.score.parts.implementation.score}/
                    {s.score.parts.accountability.score}
                  </td>
                  <td data-label="得分">{s.score.veto.length ? '一票否决' : s.score.score}</td>
                  <td data-label="主要扣分" class="desc">
                    {reasons.length === 0
                      ? '—'
                      : `${reasons.slice(0, 2).join('；')}${reasons.length > 2 ? `；等 ${reasons.length} 项` : ''}`}
                  </td>
                </tr>
              )
            })}
          </table>
        </div>
        <div class="card">
          <h2>近7日趋势</h2>
          <table class="trend">
            <tr>
              <th>日期</th>
              <th>巡查</th>
              <th>隐患</th>
              <th>投诉</th>
            </tr>
            {d.trend.map((t) => (
              <tr>
                <td>{t.date.slice(5)}</td>
                <td>
                  {bar(t.patrols)}
                  <a href={onDay('patrols', t.date)}>{t.patrols}</a>
                </td>
                <td>
                  {bar(t.hazards)}
                  <a href={onDay('hazards', t.date)}>{t.hazards}</a>
                </td>
                <td>
                  {bar(t.complaints)}
                  <a href={onDay('complaints', t.date)}>{t.complaints}</a>
                </td>
              </tr>
            ))}
          </table>
        </div>
      </Layout>,
    )
  })
}
