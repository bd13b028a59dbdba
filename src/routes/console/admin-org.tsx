import { asc } from 'drizzle-orm'
import type { Hono } from 'hono'
import type { AppEnv } from '../../app-env'
import { CHANNELS, chatGroups, people, UNIT_KINDS, units } from '../../db/schema'
import { CHANNEL_LABELS } from '../../domain/channels'
import { REMINDER_SETTING_LABELS, type ReminderSettings } from '../../domain/reminder-settings'
import { ROLE_LABELS, ROLES } from '../../domain/roles'
import { removeGroup, saveGroup, savePerson, saveUnit } from '../../services/org-admin'
import { loadReminderSettings, reminderDefaults, saveReminderSettings } from '../../services/settings'
import { inspectionDuties, setAssignment } from '../../services/supervision-assignments'
import { run } from './admin'
import { AdminNav } from './admin-nav'
import { Layout } from './layout'

/** Administration of units, people, group chats and reminder timing; every change is audited. */
const UNIT_KIND_LABELS: Record<(typeof UNIT_KINDS)[number], string> = {
  patrol: '巡查单位',
  supervising: '督查单位',
  bureau: '局机关',
}
const GROUP_CHANNELS = CHANNELS.filter((c) => c !== 'mp' && c !== 'console' && c !== 'open311')

type Option = { id: number; name: string }

function Select(props: { name: string; options: Option[]; selected?: number | null; blank?: string }) {
  return (
    <select name={props.name}>
      {props.blank !== undefined ? <option value="">{props.blank}</option> : null}
      {props.options.map((o) => (
        <option value={String(o.id)} selected={o.id === props.selected}>
          {o.name}
        </option>
      ))}
    </select>
  )
}

function Choice<T extends string>(props: {
  name: string
  values: readonly T[]
  labels: Record<T, string>
  selected?: T
}) {
  return (
    <select name={props.name}>
      {props.values.map((v) => (
        <option value={v} selected={v === props.selected}>
          {props.labels[v]}
        </option>
      ))}
    </select>
  )
}

function UnitForm(props: { unit?: typeof units.$inferSelect; leaders: Option[] }) {
  const u = props.unit
  return (
    <form method="post" action="/console/admin/units">
      {u ? <input type="hidden" name="id" value={String(u.id)} /> : null}
      <input name="code" value={u?.code ?? ''} placeholder="代码，如 shizheng" size={12} required />{' '}
      <input name="name" value={u?.name ?? ''} placeholder="单位名称" required />{' '}
      <Choice name="kind" values={UNIT_KINDS} labels={UNIT_KIND_LABELS} selected={u?.kind ?? 'patrol'} /> 分管领导{' '}
      <Select name="leaderId" options={props.leaders} selected={u?.leaderId} blank="无" /> 启用日期{' '}
      <input name="goLiveOn" type="date" value={u?.goLiveOn ?? ''} />{' '}
      <label title="接收各督查单位月、季报表，编制季度通报">
        <input type="checkbox" name="leadsSupervision" checked={u ? u.leadsSupervision : false} /> 牵头科室
      </label>{' '}
      <label>
        <input type="checkbox" name="active" checked={u ? u.active : true} /> 启用
      </label>{' '}
      <button type="submit">{u ? '保存' : '新增单位'}</button>
    </form>
  )
}

function PersonForm(props: { person?: typeof people.$inferSelect; units: Option[] }) {
  const p = props.person
  return (
    <form method="post" action="/console/admin/people">
      {p ? <input type="hidden" name="id" value={String(p.id)} /> : null}
      <input name="name" value={p?.name ?? ''} placeholder="姓名" size={8} required />{' '}
      <Choice name="role" values={ROLES} labels={ROLE_LABELS} selected={p?.role ?? 'field_staff'} />{' '}
      <Select name="unitId" options={props.units} selected={p?.unitId} blank="无单位" />{' '}
      <input name="phone" value={p?.phone ?? ''} placeholder="电话" size={12} />{' '}
      <label>
        <input type="checkbox" name="active" checked={p ? p.active : true} /> 在岗
      </label>{' '}
      <button type="submit">{p ? '保存' : '新增人员'}</button>
    </form>
  )
}

function GroupForm(props: { group?: typeof chatGroups.$inferSelect; units: Option[] }) {
  const g = props.group
  return (
    <form method="post" action="/console/admin/groups">
      {g ? <input type="hidden" name="id" value={String(g.id)} /> : null}
      <input name="name" value={g?.name ?? ''} placeholder="群名称" size={10} required />{' '}
      <Choice name="channel" values={GROUP_CHANNELS} labels={CHANNEL_LABELS} selected={g?.channel ?? 'wecom-robot'} />{' '}
      <Choice
        name="purpose"
        values={['unit', 'leaders'] as const}
        labels={{ unit: '单位群', leaders: '领导群' }}
        selected={g?.purpose ?? 'unit'}
      />{' '}
      <Select name="unitId" options={props.units} selected={g?.unitId} blank="（领导群不选）" />{' '}
      <input name="externalId" value={g?.externalId ?? ''} placeholder="群聊ID（应用/钉钉）" size={14} />{' '}
      <input name="webhookUrl" value={g?.webhookUrl ?? ''} placeholder="群机器人地址" size={24} />{' '}
      <input name="secretEnv" value={g?.secretEnv ?? ''} placeholder="签名密钥的环境变量名" size={14} />{' '}
      <input type="hidden" name="botId" value={g?.botId ?? 'default'} />
      <button type="submit">{g ? '保存' : '新增群聊'}</button>
    </form>
  )
}

export function registerOrgAdmin(app: Hono<AppEnv>): void {
  app.get('/admin/units', async (c) => {
    const { db } = c.get('services')
    const [rows, staff] = await Promise.all([db.select().from(units).orderBy(asc(units.id)), db.select().from(people)])
    const leaders = staff.filter((p) => p.role === 'leader').map((p) => ({ id: p.id, name: p.name }))
    const duties = await inspectionDuties(db)
    const names = new Map(rows.map((u) => [u.id, u.name]))
    const supervising = rows.filter((u) => u.kind !== 'bureau' && u.active).map((u) => ({ id: u.id, name: u.name }))
    return c.html(
      <Layout c={c} title="单位">
        <AdminNav />
        <div class="card">
          <h2>单位</h2>
          <p class="meta">
            单位停用后不再参加报表、考核和提醒，历史台账保留其名称；仍有派单规则指向的单位须先改派。超期升级先报值班员，再报分管领导。
          </p>
          {rows.map((u) => (
            <UnitForm unit={u} leaders={leaders} />
          ))}
          <h3>新增单位</h3>
          <UnitForm leaders={leaders} />
        </div>
        <div class="card">
          <h2>督查分工</h2>
          <p class="meta">
            每个督查单位对所分工单位每月（或每季度）应督查的次数；提醒（每月20日、25日）、我的待办和考核（附件1
            2-6，每少一次扣5分）都按此计算。巡查单位也可督查其下属单位。两项次数都填0即删除该项。新增的巡查单位自动列入牵头科室的督查分工。
          </p>
          <table>
            <tr>
              <th>督查单位</th>
              <th>被督查单位</th>
              <th>每月次数 / 每季度次数</th>
            </tr>
            {duties.map((d) => (
              <tr>
                <td>{names.get(d.supervisorUnitId)}</td>
                <td>{d.name}</td>
                <td>
                  <form method="post" action="/console/admin/assignments">
                    <input type="hidden" name="supervisorUnitId" value={String(d.supervisorUnitId)} />
                    <input type="hidden" name="supervisedUnitId" value={String(d.unitId)} />
                    <input name="perMonth" type="number" min="0" max="31" value={String(d.perMonth)} size={3} /> /{' '}
                    <input name="perQuarter" type="number" min="0" max="92" value={String(d.perQuarter)} size={3} />{' '}
                    <button type="submit">保存</button>
                  </form>
                </td>
              </tr>
            ))}
          </table>
          <h3>新增分工</h3>
          <form method="post" action="/console/admin/assignments">
            <Select name="supervisorUnitId" options={supervising} blank="督查单位" />{' '}
            <Select
              name="supervisedUnitId"
              options={rows.map((u) => ({ id: u.id, name: u.name }))}
              blank="被督查单位"
            />{' '}
            每月 <input name="perMonth" type="number" min="0" max="31" value="2" size={3} /> 次，每季度{' '}
            <input name="perQuarter" type="number" min="0" max="92" value="0" size={3} /> 次{' '}
            <button type="submit">新增</button>
          </form>
        </div>
      </Layout>,
    )
  })
  app.post('/admin/assignments', (c) =>
    run(c, (actor, form) => setAssignment(c.get('services').ctx, actor, form as never), '/console/admin/units'),
  )
  app.post('/admin/units', (c) =>
    run(c, (actor, form) => saveUnit(c.get('services').ctx, actor, form as never), '/console/admin/units'),
  )

  app.get('/admin/people', async (c) => {
    const { db } = c.get('services')
    const [rows, unitRows] = await Promise.all([
      db.select().from(people).orderBy(asc(people.id)),
      db.select({ id: units.id, name: units.name }).from(units),
    ])
    return c.html(
      <Layout c={c} title="人员">
        <AdminNav />
        <div class="card">
          <h2>人员</h2>
          <p class="meta">
            角色决定可使用的表单和控制台页面；经办人和巡查员只看到本单位的事项。聊天账号在「账号绑定」中对应到人员。
          </p>
          {rows.map((p) => (
            <PersonForm person={p} units={unitRows} />
          ))}
          <h3>新增人员</h3>
          <PersonForm units={unitRows} />
        </div>
      </Layout>,
    )
  })
  app.post('/admin/people', (c) =>
    run(c, (actor, form) => savePerson(c.get('services').ctx, actor, form as never), '/console/admin/people'),
  )

  app.get('/admin/groups', async (c) => {
    const { db } = c.get('services')
    const [rows, unitRows] = await Promise.all([
      db.select().from(chatGroups).orderBy(asc(chatGroups.id)),
      db.select({ id: units.id, name: units.name }).from(units),
    ])
    return c.html(
      <Layout c={c} title="群聊">
        <AdminNav />
        <div class="card">
          <h2>群聊</h2>
          <p class="meta">
            单位群接收巡查汇总和本单位的提醒，领导群接收日报。群机器人的签名密钥不保存在这里，只填写存放它的环境变量名。
          </p>
          {rows.map((g) => (
            <div>
              <GroupForm group={g} units={unitRows} />
              <form method="post" action="/console/admin/groups/remove" style="display:inline">
                <input type="hidden" name="id" value={String(g.id)} />
                <button type="submit">移除</button>
              </form>
            </div>
          ))}
          {rows.length === 0 ? <p class="meta">还没有群聊。</p> : null}
          <h3>新增群聊</h3>
          <GroupForm units={unitRows} />
        </div>
      </Layout>,
    )
  })
  app.post('/admin/groups', (c) =>
    run(
      c,
      (actor, form) =>
        saveGroup(c.get('services').ctx, actor, form as never, c.get('services').platforms.platformHosts),
      '/console/admin/groups',
    ),
  )
  app.post('/admin/groups/remove', (c) =>
    run(c, (actor, form) => removeGroup(c.get('services').ctx, actor, form), '/console/admin/groups'),
  )

  app.get('/admin/settings', async (c) => {
    const { db, config } = c.get('services')
    const defaults = reminderDefaults(config)
    const current = await loadReminderSettings(db, defaults)
    const keys = Object.keys(REMINDER_SETTING_LABELS) as (keyof ReminderSettings)[]
    return c.html(
      <Layout c={c} title="提醒设置">
        <AdminNav />
        <form class="card" method="post" action="/console/admin/settings">
          <h2>提醒设置</h2>
          <p class="meta">
            免打扰时段内的例行提醒顺延到时段结束；超期投诉的升级不受免打扰限制。投诉1日办结时限是制度规定，不在此修改。
          </p>
          <table>
            {keys.map((key) => (
              <tr>
                <th>{REMINDER_SETTING_LABELS[key]}</th>
                <td>
                  <input name={key} value={String(current[key])} size={6} required />
                </td>
                <td class="meta">默认 {String(defaults[key])}</td>
              </tr>
            ))}
          </table>
          <button type="submit">保存</button>
        </form>
      </Layout>,
    )
  })
  app.post('/admin/settings', (c) =>
    run(
      c,
      (actor, form) =>
        saveReminderSettings(c.get('services').ctx, actor, reminderDefaults(c.get('services').config), form as never),
      '/console/admin/settings',
    ),
  )
}
