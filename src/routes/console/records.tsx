import { and, eq } from 'drizzle-orm'
import type { Hono } from 'hono'
import type { AppEnv } from '../../app-env'
import { formatLocal } from '../../conversation/format'
import { hazards, media, patrols, supervisions } from '../../db/schema'
import { CATEGORY_LABELS } from '../../domain/categories'
import { HAZARD_LEVEL_LABELS, HAZARD_STATUS_LABELS } from '../../domain/hazard-lifecycle'
import { PATROL_FOCUS_LABELS, type PatrolFocus } from '../../domain/patrol-rules'
import { AppError } from '../../errors'
import { patrolTable, supervisionTable } from '../../reports/ledger-export'
import { listPatrols, listSupervisions, PatrolFilter, SupervisionFilter } from '../../services/ledger'
import { applyPatrolCommand } from '../../services/patrols'
import { parseFilter } from '../ledger-query'
import { run } from './admin'
import { Layout } from './layout'
import { ExportLinks, Filters, NextLink, registerExports, unitNames, unitSelect } from './ledger-parts'
import { scopedToViewer, viewerOf, visibleToViewer } from './session'
import { TeamPatrolCard } from './team-patrol'

/** 巡查台账 and 督查台账: the patrol and supervision records, with the same filters, paging and export. */
const PATROL_KINDS = [
  ['daily', '日常巡查'],
  ['team', '巡查组'],
] as const
const kindLabel = (kind: 'daily' | 'team', focus: PatrolFocus) =>
  kind === 'team' ? '巡查组' : PATROL_FOCUS_LABELS[focus]

export function registerRecordPages(app: Hono<AppEnv>): void {
  app.get('/patrols', async (c) => {
    const { db, clock, config } = c.get('services')
    const filter = scopedToViewer(c, parseFilter(c, PatrolFilter, 'person'))
    const [page, names] = await Promise.all([listPatrols(db, filter, clock.now()), unitNames(c)])
    const query = c.req.query()
    return c.html(
      <Layout c={c} title="巡查台账">
        <Filters
          action="/console/patrols"
          selects={[
            unitSelect('unit', '巡查单位', names.filterable),
            { name: 'kind', label: '类型', options: PATROL_KINDS },
          ]}
          overdueLabel="仅报告超期"
          query={query}
        />
        <div class="card">
          <h2>巡查台账</h2>
          <p>
            <a href="/console/patrols/team/new">登记巡查组巡查（含检查表）</a>
          </p>
          <ExportLinks path="/console/patrols" query={query} />
          <table class="ledger">
            <tr>
              <th>编号</th>
              <th>巡查时间</th>
              <th>类型</th>
              <th>巡查单位</th>
              <th>路段/项目</th>
              <th>人员</th>
              <th>人次/车辆</th>
              <th>报告期限</th>
            </tr>
            {page.rows.map((p) => (
              <tr>
                <td data-label="编号">
                  <a href={`/console/patrols/${p.code}`}>{p.code}</a>
                  {p.voidedAt ? '（已作废）' : ''}
                </td>
                <td data-label="巡查时间">
                  {formatLocal(p.startedAt, config.timeZone, c.get('services').clock.now())}
                </td>
                <td data-label="类型">{kindLabel(p.kind, p.focus)}</td>
                <td data-label="巡查单位">{names.name(p.unitId)}</td>
                <td data-label="路段/项目" class="desc">
                  {p.area}
                </td>
                <td data-label="人员">{p.patrollers}</td>
                <td data-label="人次/车辆">
                  {p.staffCount}/{p.vehicleCount}
                </td>
                <td data-label="报告期限">
                  {p.reportDueAt ? formatLocal(p.reportDueAt, config.timeZone, c.get('services').clock.now()) : '—'}
                  {p.reportSubmittedAt ? '（已提交）' : ''}
                </td>
              </tr>
            ))}
          </table>
          <NextLink path="/console/patrols" query={query} cursor={page.nextCursor} />
        </div>
      </Layout>,
    )
  })

  registerExports(app, {
    path: '/patrols',
    title: '巡查台账',
    filter: PatrolFilter,
    list: (c, filter) => listPatrols(c.get('services').db, filter, c.get('services').clock.now()),
    table: patrolTable,
  })

  app.get('/patrols/:code', async (c) => {
    const { db, config } = c.get('services')
    const [patrol] = await db
      .select()
      .from(patrols)
      .where(eq(patrols.code, c.req.param('code')))
    if (!patrol || !visibleToViewer(c, patrol.unitId)) throw new AppError('not_found', '未找到该巡查记录。')
    const [found, names, photos] = await Promise.all([
      db.select().from(hazards).where(eq(hazards.patrolId, patrol.id)),
      unitNames(c),
      db
        .select({ id: media.id })
        .from(media)
        .where(and(eq(media.subjectType, 'patrol'), eq(media.subjectId, patrol.id))),
    ])
    const at = (d: Date | null) => (d ? formatLocal(d, config.timeZone, c.get('services').clock.now()) : '—')
    return c.html(
      <Layout c={c} title={patrol.code}>
        <div class="card">
          <h2>
            巡查 {patrol.code}（{kindLabel(patrol.kind, patrol.focus)}）
            {patrol.voidedAt ? `已作废：${patrol.voidReason ?? ''}` : ''}
            {patrol.falsified ? '（台账弄虚作假）' : ''}
          </h2>
          <table>
            <tr>
              <th>巡查单位</th>
              <td>{names.name(patrol.unitId)}</td>
            </tr>
            <tr>
              <th>时间</th>
              <td>
                {at(patrol.startedAt)} 至 {at(patrol.endedAt)}
              </td>
            </tr>
            <tr>
              <th>路段/项目</th>
              <td>{patrol.area}</td>
            </tr>
            <tr>
              <th>巡查人员</th>
              <td>
                {patrol.patrollers}
                {patrol.teamLeader ? `（组长 ${patrol.teamLeader}）` : ''}
              </td>
            </tr>
            <tr>
              <th>出动</th>
              <td>
                {patrol.staffCount} 人次，车辆 {patrol.vehicleCount} 台
              </td>
            </tr>
            <tr>
              <th>处置情况</th>
              <td>{patrol.handlingResult ?? '—'}</td>
            </tr>
            {patrol.kind === 'team' ? (
              <tr>
                <th>书面报告</th>
                <td>
                  期限 {at(patrol.reportDueAt)}
                  {patrol.reportDueProvisional ? '（节假日安排未公布，暂按周一至周五计）' : ''} ·{' '}
                  {patrol.reportSubmittedAt ? `已提交 ${at(patrol.reportSubmittedAt)}` : '未提交'}
                </td>
              </tr>
            ) : null}
          </table>
          {photos.length ? <p class="meta">照片 {photos.length} 张</p> : null}
        </div>
        {patrol.kind === 'team' ? (
          <TeamPatrolCard c={c} patrolId={patrol.id} patrolCode={patrol.code} teamName={patrol.teamName} />
        ) : null}
        <div class="card">
          <h3>本次巡查发现的隐患（{found.length}）</h3>
          <table>
            {found.map((h) => (
              <tr>
                <td>
                  <a href={`/console/hazards/${h.code}`}>{h.code}</a>
                </td>
                <td>{CATEGORY_LABELS[h.category]}</td>
                <td>{HAZARD_LEVEL_LABELS[h.level]}</td>
                <td>{HAZARD_STATUS_LABELS[h.status]}</td>
                <td>{h.description}</td>
              </tr>
            ))}
          </table>
        </div>
        {!patrol.voidedAt && ['supervisor', 'admin'].includes(viewerOf(c).role) ? (
          <div class="card">
            <form method="post" action={`/console/patrols/${patrol.code}/void`}>
              <h3>作废此记录</h3>
              <p class="meta">记录保留在台账上并标明作废原因；原因写明“弄虚作假”的，按考核细则 2-7 每次扣10分。</p>
              <input name="reason" placeholder="作废原因，如：弄虚作假：照片重复使用" size={40} required />{' '}
              <button type="submit">作废</button>
            </form>
          </div>
        ) : null}
      </Layout>,
    )
  })

  app.post('/patrols/:code/void', async (c) => {
    const [patrol] = await c
      .get('services')
      .db.select()
      .from(patrols)
      .where(eq(patrols.code, c.req.param('code')))
    if (!patrol || !visibleToViewer(c, patrol.unitId)) throw new AppError('not_found', '未找到该巡查记录。')
    const viewer = viewerOf(c)
    return run(
      c,
      (_actor, form) =>
        applyPatrolCommand({
          ctx: c.get('services').ctx,
          patrolId: patrol.id,
          command: { action: 'void', reason: String(form.reason ?? '') },
          actor: { personId: viewer.personId, role: viewer.role, unitId: viewer.unitId },
        }),
      `/console/patrols/${patrol.code}`,
    )
  })

  app.get('/supervisions', async (c) => {
    const { db, config } = c.get('services')
    const filter = scopedToViewer(c, parseFilter(c, SupervisionFilter, 'person'))
    const [page, names] = await Promise.all([listSupervisions(db, filter), unitNames(c)])
    const query = c.req.query()
    return c.html(
      <Layout c={c} title="督查台账">
        <Filters
          action="/console/supervisions"
          selects={[
            unitSelect('unit', '被督查单位', names.filterable),
            unitSelect('supervisor', '督查单位', names.list),
          ]}
          query={query}
        />
        <div class="card">
          <h2>督查台账</h2>
          <ExportLinks path="/console/supervisions" query={query} />
          <table class="ledger">
            <tr>
              <th>编号</th>
              <th>督查时间</th>
              <th>督查单位</th>
              <th>被督查单位</th>
              <th>带队领导</th>
              <th>督查事项</th>
              <th>发现问题</th>
            </tr>
            {page.rows.map((s) => (
              <tr>
                <td data-label="编号">
                  <a href={`/console/supervisions/${s.code}`}>{s.code}</a>
                </td>
                <td data-label="督查时间">
                  {formatLocal(s.inspectedAt, config.timeZone, c.get('services').clock.now())}
                </td>
                <td data-label="督查单位">{names.name(s.supervisorUnitId)}</td>
                <td data-label="被督查单位">{names.name(s.inspectedUnitId)}</td>
                <td data-label="带队领导">{s.lead}</td>
                <td data-label="督查事项" class="desc">
                  {s.matters}
                </td>
                <td data-label="发现问题" class="desc">
                  {s.problems ?? '—'}
                </td>
              </tr>
            ))}
          </table>
          <NextLink path="/console/supervisions" query={query} cursor={page.nextCursor} />
        </div>
      </Layout>,
    )
  })

  registerExports(app, {
    path: '/supervisions',
    title: '督查台账',
    filter: SupervisionFilter,
    list: (c, filter) => listSupervisions(c.get('services').db, filter),
    table: supervisionTable,
  })

  app.get('/supervisions/:code', async (c) => {
    const { db, config } = c.get('services')
    const [row] = await db
      .select()
      .from(supervisions)
      .where(eq(supervisions.code, c.req.param('code')))
    if (!row || !visibleToViewer(c, row.inspectedUnitId)) throw new AppError('not_found', '未找到该督查记录。')
    const names = await unitNames(c)
    const fields: [string, string][] = [
      ['督查时间', formatLocal(row.inspectedAt, config.timeZone, c.get('services').clock.now())],
      ['督查单位', names.name(row.supervisorUnitId)],
      ['被督查单位', names.name(row.inspectedUnitId)],
      ['带队领导', row.lead],
      ['成员', row.members ?? '—'],
      ['督查事项', row.matters],
      ['发现问题', row.problems ?? '—'],
      ['整改要求', row.requirements ?? '—'],
    ]
    return c.html(
      <Layout c={c} title={row.code}>
        <div class="card">
          <h2>督查 {row.code}</h2>
          <table>
            {fields.map(([label, value]) => (
              <tr>
                <th>{label}</th>
                <td>{value}</td>
              </tr>
            ))}
          </table>
        </div>
      </Layout>,
    )
  })
}
