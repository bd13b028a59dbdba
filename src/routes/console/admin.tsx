import { eq } from 'drizzle-orm'
import type { Context, Hono } from 'hono'
import type { AppEnv } from '../../app-env'
import { formatLocal } from '../../conversation/format'
import { people, routingRules, units } from '../../db/schema'
import { auditActionLabel, auditEntityLabel } from '../../domain/audit-vocabulary'
import { CATEGORIES, CATEGORY_LABELS } from '../../domain/categories'
import { ROLE_LABELS } from '../../domain/roles'
import { AppError } from '../../errors'
import { readForm } from '../../http/body'
import {
  type AdminActor,
  addDutyShift,
  bindIdentity,
  recentAudit,
  setRouting,
  unboundIdentities,
  upcomingRoster,
} from '../../services/admin'
import { AdminNav } from './admin-nav'
import { asFormError, localDateTime } from './form-rules'
import { Layout } from './layout'
import { viewerOf } from './session'

/** Administration in the console: bind chat accounts, routing, duty roster, and the audit log. */
/** Changes are audited under the signed-in viewer; in demo mode the label says so. */
export function auditActor(c: Context<AppEnv>): AdminActor {
  const viewer = viewerOf(c)
  return { personId: viewer.personId, label: `${viewer.name}${c.get('services').config.demo ? '（演示）' : ''}` }
}

/** Applies an admin form: rule or input problems become a 400 page naming them; success goes back to `to`. */
export async function run(
  c: Context<AppEnv>,
  change: (actor: AdminActor, form: Record<string, unknown>) => Promise<unknown>,
  to = '/console/admin',
) {
  const form = await readForm(c)
  await asFormError(() => change(auditActor(c), form))
  // The page it returns to says the change was saved.
  return c.redirect(`${to}${to.includes('?') ? '&' : '?'}saved=1`, 303)
}

export function registerAdmin(app: Hono<AppEnv>): void {
  app.get('/admin', async (c) => {
    const { ctx, db, config } = c.get('services')
    const [unbound, staff, unitRows, routing, roster, audit] = await Promise.all([
      unboundIdentities(ctx),
      db.select().from(people).where(eq(people.active, true)),
      db.select().from(units),
      db.select().from(routingRules),
      upcomingRoster(ctx),
      recentAudit(ctx),
    ])
    const staffOptions = staff.filter((p) => p.role !== 'citizen')
    return c.html(
      <Layout c={c} title="管理">
        <AdminNav />
        <div class="card">
          <h2>待绑定的聊天账号</h2>
          <p class="meta">这些账号给机器人发过消息，但尚未对应到人员。绑定后即可使用全部功能。</p>
          <table>
            {unbound.map((i) => (
              <tr>
                <td>{i.channel}</td>
                <td>{i.externalId}</td>
                <td>{i.displayName ?? ''}</td>
                <td>
                  <form method="post" action="/console/admin/bind">
                    <input type="hidden" name="identityId" value={String(i.id)} />
                    <select name="personId">
                      {staffOptions.map((p) => (
                        <option value={String(p.id)}>
                          {p.name}（{ROLE_LABELS[p.role]}）
                        </option>
                      ))}
                    </select>{' '}
                    <button type="submit">绑定</button>
                  </form>
                </td>
              </tr>
            ))}
          </table>
          {unbound.length === 0 ? <p class="meta">没有待绑定的账号。</p> : null}
        </div>
        <div class="card">
          <h2>分类派单规则</h2>
          <p class="meta">每类隐患的责任单位，以及一般隐患交办时的默认整改期限（天）；重大隐患按“五落实”时限。</p>
          <table>
            {CATEGORIES.map((category) => (
              <tr>
                <td>{CATEGORY_LABELS[category]}</td>
                <td>
                  <form method="post" action="/console/admin/routing">
                    <input type="hidden" name="category" value={category} />
                    <select name="unitId">
                      {unitRows.map((u) => (
                        <option
                          value={String(u.id)}
                          selected={routing.find((r) => r.category === category)?.unitId === u.id}
                        >
                          {u.name}
                        </option>
                      ))}
                    </select>{' '}
                    默认整改期限{' '}
                    <input
                      name="rectifyDays"
                      type="number"
                      min="1"
                      max="365"
                      size={4}
                      value={String(routing.find((r) => r.category === category)?.rectifyDays ?? 30)}
                    />{' '}
                    天 <button type="submit">保存</button>
                  </form>
                </td>
              </tr>
            ))}
          </table>
        </div>
        <div class="card">
          <h2>值班表</h2>
          <table>
            {roster.map((r) => (
              <tr>
                <td>{r.name}</td>
                <td>
                  {formatLocal(r.startsAt, config.timeZone, c.get('services').clock.now())} —{' '}
                  {formatLocal(r.endsAt, config.timeZone, c.get('services').clock.now())}
                </td>
              </tr>
            ))}
          </table>
          <form method="post" action="/console/admin/duty">
            值班员{' '}
            <select name="personId">
              {staff
                .filter((p) => p.role === 'duty_officer')
                .map((p) => (
                  <option value={String(p.id)}>{p.name}</option>
                ))}
            </select>{' '}
            开始 <input type="datetime-local" name="startsAt" required /> 时长（小时）{' '}
            <input type="number" name="hours" value="24" min="1" max="72" /> <button type="submit">添加</button>
          </form>
        </div>
        <div class="card">
          <h2>审计日志</h2>
          <table>
            <tr>
              <th>时间</th>
              <th>操作人</th>
              <th>操作</th>
              <th>对象</th>
            </tr>
            {audit.map((a) => (
              <tr>
                <td>{formatLocal(a.at, config.timeZone, c.get('services').clock.now())}</td>
                <td>{a.actorLabel === 'system' ? '系统' : a.actorLabel}</td>
                <td>{auditActionLabel(a.action)}</td>
                <td>
                  {auditEntityLabel(a.entity)} {a.entityId ?? ''}
                </td>
              </tr>
            ))}
          </table>
        </div>
      </Layout>,
    )
  })
  app.post('/admin/bind', (c) => run(c, (actor, form) => bindIdentity(c.get('services').ctx, actor, form as never)))
  app.post('/admin/routing', (c) => run(c, (actor, form) => setRouting(c.get('services').ctx, actor, form as never)))
  app.post('/admin/duty', (c) =>
    run(c, (actor, form) => {
      const startsAt = localDateTime(form.startsAt, c.get('services').config.timeZone)
      if (!startsAt) throw new AppError('invalid_request', '请填写开始时间')
      return addDutyShift(c.get('services').ctx, actor, {
        personId: form.personId as string,
        hours: (form.hours as string) || 24,
        startsAt,
      })
    }),
  )
}
