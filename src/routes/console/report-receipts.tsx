import type { Context, Hono } from 'hono'
import type { AppEnv } from '../../app-env'
import { formatLocal } from '../../conversation/format'
import { localDate } from '../../domain/local-time'
import { REPORT_KIND_LABELS } from '../../domain/obligations'
import { periodOfDate, previousPeriod } from '../../domain/periods'
import { rowId } from '../../domain/storable'
import { AppError } from '../../errors'
import { RECEIVED_KINDS, REPORTING_STATE_LABELS, receiveReport, reportingStatus } from '../../services/report-receipts'
import { leadOffice } from '../../services/supervision-assignments'
import { asFormError } from './form-rules'
import { viewerOf, viewerUnitScope } from './session'

/**
 * 报送情况 on the reports page: for the last month and quarter, which supervising units have sent their
 * 附件4 to the lead office (安监科), which are received, and a 确认收到 button for the lead office.
 */
export async function ReportingStatusCard(props: { c: Context<AppEnv> }) {
  const { c } = props
  const { db, config, clock } = c.get('services')
  const scope = viewerUnitScope(c)
  const lead = await leadOffice(db)
  if (!lead || (scope !== undefined && scope !== lead.id)) return null
  const today = localDate(clock.now(), config.timeZone)
  const sections = await Promise.all(
    RECEIVED_KINDS.map(async (kind) => {
      const period = previousPeriod(
        periodOfDate(kind === 'monthly' ? 'month' : 'quarter', today, config.timeZone),
        config.timeZone,
      )
      return { kind, period, rows: await reportingStatus(db, kind, period.start, clock.now()) }
    }),
  )
  return (
    <div class="card">
      <h2>各督查单位报送情况（报{lead.name}，附件4）</h2>
      {sections.map(({ kind, period, rows }) => (
        <>
          <h3>
            {period.label}
            {REPORT_KIND_LABELS[kind]}：已报{' '}
            {rows.filter((r) => r.state === 'submitted' || r.state === 'received').length}/{rows.length}
          </h3>
          <table>
            <tr>
              <th>单位</th>
              <th>状态</th>
              <th>上报时间</th>
              <th>签收</th>
            </tr>
            {rows.map((r) => (
              <tr>
                <td>{r.report ? <a href={`/console/reports/${r.report.id}`}>{r.unitName}</a> : r.unitName}</td>
                <td>{REPORTING_STATE_LABELS[r.state]}</td>
                <td>{r.report?.submittedAt ? formatLocal(r.report.submittedAt, config.timeZone, clock.now()) : '—'}</td>
                <td>
                  {r.report?.receivedAt ? (
                    formatLocal(r.report.receivedAt, config.timeZone, clock.now())
                  ) : r.state === 'submitted' && r.report ? (
                    <form method="post" action={`/console/reports/${r.report.id}/receive`}>
                      <button type="submit">确认收到</button>
                    </form>
                  ) : (
                    '—'
                  )}
                </td>
              </tr>
            ))}
          </table>
        </>
      ))}
    </div>
  )
}

export function registerReceiptRoutes(app: Hono<AppEnv>): void {
  app.post('/reports/:id/receive', async (c) => {
    const id = rowId().safeParse(c.req.param('id'))
    if (!id.success) throw new AppError('invalid_request', '报表编号无效。')
    const viewer = viewerOf(c)
    if (viewer.personId === null && viewer.role !== 'admin')
      throw new AppError('forbidden', '当前账号未关联人员，不能确认收到。')
    await asFormError(() =>
      receiveReport(c.get('services').ctx, id.data, { id: viewer.personId, role: viewer.role, unitId: viewer.unitId }),
    )
    return c.redirect('/console/reports', 303)
  })
}
