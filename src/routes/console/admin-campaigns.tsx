import { asc, eq } from 'drizzle-orm'
import type { Hono } from 'hono'
import type { AppEnv } from '../../app-env'
import { campaigns, campaignUnits, units } from '../../db/schema'
import { createCampaign } from '../../services/campaigns'
import { run } from './admin'
import { AdminNav } from './admin-nav'
import { Layout } from './layout'

/**
 * 专项整治行动 in the admin pages: each campaign with its units, and a form to start one. The units taking
 * part file the campaign's statistics table every month it runs (docs/PAPERWORK.md).
 */
export function registerCampaignAdmin(app: Hono<AppEnv>): void {
  app.get('/admin/campaigns', async (c) => {
    const { db } = c.get('services')
    const [rows, members, unitRows] = await Promise.all([
      db.select().from(campaigns).orderBy(asc(campaigns.startsOn), asc(campaigns.id)),
      db
        .select({ campaignId: campaignUnits.campaignId, name: units.name })
        .from(campaignUnits)
        .innerJoin(units, eq(units.id, campaignUnits.unitId)),
      db.select({ id: units.id, name: units.name }).from(units).where(eq(units.active, true)).orderBy(asc(units.id)),
    ])
    return c.html(
      <Layout c={c} title="专项整治行动">
        <AdminNav />
        <div class="card">
          <h2>专项整治行动</h2>
          <p class="meta">参加单位在行动期间每月填报《安全生产专项整治三年行动统计表》，18日前报送（遇休息日顺延）。</p>
          <table>
            <tr>
              <th>名称</th>
              <th>起止</th>
              <th>参加单位</th>
            </tr>
            {rows.map((r) => (
              <tr>
                <td>{r.name}</td>
                <td>
                  {r.startsOn} 至 {r.endsOn ?? '—'}
                </td>
                <td>
                  {members
                    .filter((m) => m.campaignId === r.id)
                    .map((m) => m.name)
                    .join('、')}
                </td>
              </tr>
            ))}
          </table>
          {rows.length === 0 ? <p class="meta">还没有专项整治行动。</p> : null}
          <h3>新增行动</h3>
          <form method="post" action="/console/admin/campaigns">
            <input name="name" placeholder="行动名称" size={24} required />{' '}
            <label>
              开始 <input name="startsOn" type="date" required />
            </label>{' '}
            <label>
              结束 <input name="endsOn" type="date" />
            </label>
            <p>
              参加单位：
              {unitRows.map((u) => (
                <label>
                  <input type="checkbox" name={`unit_${u.id}`} /> {u.name}{' '}
                </label>
              ))}
            </p>
            <button type="submit">新增行动</button>
          </form>
        </div>
      </Layout>,
    )
  })

  app.post('/admin/campaigns', (c) =>
    run(
      c,
      (actor, form) =>
        createCampaign(c.get('services').ctx, actor, {
          name: String(form.name ?? ''),
          startsOn: String(form.startsOn ?? ''),
          endsOn: form.endsOn ? String(form.endsOn) : undefined,
          unitIds: Object.keys(form)
            .map((key) => /^unit_(\d{1,9})$/.exec(key)?.[1])
            .filter((id): id is string => id !== undefined)
            .map(Number),
        }),
      '/console/admin/campaigns',
    ),
  )
}
