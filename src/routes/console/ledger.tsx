import { and, eq } from 'drizzle-orm'
import type { Context, Hono } from 'hono'
import type { AppEnv } from '../../app-env'
import { formatLocal } from '../../conversation/format'
import { complaints, hazards, media, patrols, supervisions } from '../../db/schema'
import { CATEGORIES, CATEGORY_LABELS } from '../../domain/categories'
import { COMPLAINT_EVENT_LABELS, COMPLAINT_STATUS_LABELS, COMPLAINT_STATUSES } from '../../domain/complaint-lifecycle'
import {
  FIVE_FIX_LABELS,
  FIVE_FIXES,
  type FiveFixes,
  HAZARD_EVENT_LABELS,
  HAZARD_LEVEL_LABELS,
  HAZARD_LEVELS,
  HAZARD_STATUS_LABELS,
  HAZARD_STATUSES,
  type HazardEventKind,
  missingFiveFixes,
} from '../../domain/hazard-lifecycle'
import { sniffImageType } from '../../domain/media-type'
import { maskPersonalInfo } from '../../domain/privacy'
import { rowId } from '../../domain/storable'
import { AppError } from '../../errors'
import { complaintTable, hazardTable } from '../../reports/ledger-export'
import { complaintTimeline } from '../../services/complaints'
import { hazardTimeline } from '../../services/hazards'
import { ComplaintFilter, HazardFilter, listComplaints, listHazards } from '../../services/ledger'
import { readStoredFile } from '../../storage/stored-files'
import { parseFilter } from '../ledger-query'
import { actorLabeller } from './actors'
import { CallBackLine } from './call-back'
import { ComplaintHazardLink, HazardActionsCard, HazardComplaintLink } from './hazard-actions'
import { Layout } from './layout'
import { ExportLinks, Filters, NextLink, registerExports, unitNames, unitSelect } from './ledger-parts'
import { tiledMap } from './map'
import { scopedToViewer, viewerOf, viewerUnitScope, visibleToViewer } from './session'

/** 隐患台账 and 投诉台账: filters, keyset paging, a detail page with the full timeline and photos, and export. */
const CATEGORY_SELECT = {
  name: 'category',
  label: '类别',
  options: CATEGORIES.map((v) => [v, CATEGORY_LABELS[v]] as const),
}

/** The original photos, unaltered, each with its SHA-256 so a copy can be checked against the evidence. */
type MediaRow = typeof media.$inferSelect

/** One photo with when it was sent and by whom; the original (and its SHA-256) is one click away. */
function Photo(props: { photo: MediaRow; caption: string; alt: string }) {
  const { photo } = props
  return (
    <figure>
      <a href={`/console/media/${photo.id}`}>
        <img src={`/console/media/${photo.id}`} alt={props.alt} width="160" loading="lazy" />
      </a>
      <figcaption class="meta">{props.caption}</figcaption>
    </figure>
  )
}

function Photos(props: { photos: MediaRow[]; caption: (photo: MediaRow) => string }) {
  if (props.photos.length === 0) return null
  return (
    <div class="photos">
      {props.photos.map((p) => (
        <Photo photo={p} caption={props.caption(p)} alt="现场照片" />
      ))}
    </div>
  )
}

/** Which stage of the loop a hazard photo documents, by the step it came with. */
const PHOTO_STAGES: { label: string; kinds: readonly HazardEventKind[] }[] = [
  { label: '上报', kinds: ['reported'] },
  { label: '应急处置', kinds: ['emergency_disposal'] },
  { label: '整改后', kinds: ['report_rectification'] },
  { label: '验收', kinds: ['verify_pass', 'verify_fail'] },
]

/** A hazard's photos grouped 上报 / 整改后 / 验收, each with its time and who sent it. */
interface PhotoEvent {
  kind: HazardEventKind
  mediaIds: number[]
  at: Date
}

function HazardPhotos<E extends PhotoEvent>(props: {
  photos: MediaRow[]
  events: E[]
  who: (event: E) => string
  when: (at: Date) => string
}) {
  if (props.photos.length === 0) return null
  const stageOf = new Map<number, { stage: string; caption: string }>()
  for (const event of props.events) {
    const stage = PHOTO_STAGES.find((s) => s.kinds.includes(event.kind))?.label ?? '其他'
    for (const id of event.mediaIds)
      stageOf.set(id, { stage, caption: `${props.when(event.at)} · ${props.who(event)}` })
  }
  const groups = [...PHOTO_STAGES.map((s) => s.label), '其他']
    .map((stage) => ({ stage, photos: props.photos.filter((p) => (stageOf.get(p.id)?.stage ?? '其他') === stage) }))
    .filter((g) => g.photos.length > 0)
  return (
    <div>
      {groups.map((g) => (
        <section>
          <h4>{g.stage}照片</h4>
          <div class="photos">
            {g.photos.map((p) => (
              <Photo
                photo={p}
                caption={stageOf.get(p.id)?.caption ?? props.when(p.receivedAt)}
                alt={`${g.stage}照片`}
              />
            ))}
          </div>
        </section>
      ))}
    </div>
  )
}

/** 五落实 of a major hazard: each of the five, or that it is still missing. */
function FiveFixesCard(props: { fixes: FiveFixes | null }) {
  const missing = missingFiveFixes(props.fixes)
  return (
    <div class="card">
      <h3>五落实{missing.length ? `（尚缺${missing.length}项）` : '（已全部落实）'}</h3>
      <table>
        {FIVE_FIXES.map((key) => (
          <tr>
            <th>{FIVE_FIX_LABELS[key]}</th>
            <td>{props.fixes?.[key]?.trim() || '未落实'}</td>
          </tr>
        ))}
      </table>
    </div>
  )
}

/** A photo is visible with the record it belongs to; one not yet attached, only to those who see all units. */
async function mediaVisible(c: Context<AppEnv>, row: typeof media.$inferSelect): Promise<boolean> {
  if (viewerUnitScope(c) === undefined) return true
  const { db } = c.get('services')
  const id = row.subjectId ?? -1
  const owners =
    row.subjectType === 'hazard'
      ? await db.select({ unit: hazards.unitId }).from(hazards).where(eq(hazards.id, id))
      : row.subjectType === 'complaint'
        ? await db.select({ unit: complaints.unitId }).from(complaints).where(eq(complaints.id, id))
        : row.subjectType === 'patrol'
          ? await db.select({ unit: patrols.unitId }).from(patrols).where(eq(patrols.id, id))
          : row.subjectType === 'supervision'
            ? await db.select({ unit: supervisions.inspectedUnitId }).from(supervisions).where(eq(supervisions.id, id))
            : []
  return owners.some((o) => visibleToViewer(c, o.unit))
}

export function registerLedgerPages(app: Hono<AppEnv>): void {
  app.get('/hazards', async (c) => {
    const { db, clock, config } = c.get('services')
    const filter = scopedToViewer(c, parseFilter(c, HazardFilter, 'person'))
    const [page, names] = await Promise.all([listHazards(db, filter, clock.now()), unitNames(c)])
    const query = c.req.query()
    return c.html(
      <Layout c={c} title="隐患台账">
        <Filters
          action="/console/hazards"
          selects={[
            unitSelect('unit', '单位', names.filterable),
            {
              name: 'status',
              label: '状态',
              options: HAZARD_STATUSES.map((v) => [v, HAZARD_STATUS_LABELS[v]] as const),
            },
            { name: 'level', label: '等级', options: HAZARD_LEVELS.map((v) => [v, HAZARD_LEVEL_LABELS[v]] as const) },
            CATEGORY_SELECT,
          ]}
          overdueLabel="仅超期"
          query={query}
        />
        <div class="card">
          <h2>隐患台账</h2>
          <ExportLinks path="/console/hazards" query={query} />
          <table class="ledger">
            <tr>
              <th>编号</th>
              <th>发现时间</th>
              <th>类别</th>
              <th>等级</th>
              <th>状态</th>
              <th>描述</th>
              <th>责任单位</th>
              <th>整改期限</th>
            </tr>
            {page.rows.map((h) => (
              <tr>
                <td data-label="编号">
                  <a href={`/console/hazards/${h.code}`}>{h.code}</a>
                </td>
                <td data-label="发现时间">{formatLocal(h.foundAt, config.timeZone, c.get('services').clock.now())}</td>
                <td data-label="类别">{CATEGORY_LABELS[h.category]}</td>
                <td data-label="等级">{HAZARD_LEVEL_LABELS[h.level]}</td>
                <td data-label="状态">
                  {HAZARD_STATUS_LABELS[h.status]}
                  {h.listedSupervision ? '（挂牌）' : ''}
                </td>
                <td data-label="描述" class="desc">
                  {h.description}
                </td>
                <td data-label="责任单位">{names.name(h.unitId)}</td>
                <td data-label="整改期限">
                  {h.rectifyDueAt ? formatLocal(h.rectifyDueAt, config.timeZone, c.get('services').clock.now()) : '—'}
                </td>
              </tr>
            ))}
          </table>
          <NextLink path="/console/hazards" query={query} cursor={page.nextCursor} />
        </div>
      </Layout>,
    )
  })

  registerExports(app, {
    path: '/hazards',
    title: '隐患台账',
    filter: HazardFilter,
    list: (c, filter) => listHazards(c.get('services').db, filter, c.get('services').clock.now()),
    table: hazardTable,
  })

  app.get('/hazards/:code', async (c) => {
    const { db, config } = c.get('services')
    const [hazard] = await db
      .select()
      .from(hazards)
      .where(eq(hazards.code, c.req.param('code')))
    if (!hazard || !visibleToViewer(c, hazard.unitId)) throw new AppError('not_found', '未找到该隐患。')
    const [events, names, photos] = await Promise.all([
      hazardTimeline(db, hazard.id),
      unitNames(c),
      db
        .select()
        .from(media)
        .where(and(eq(media.subjectType, 'hazard'), eq(media.subjectId, hazard.id))),
    ])
    const actor = await actorLabeller(db, events)
    const reporter = events.find((e) => e.kind === 'reported')
    const [patrol] = hazard.patrolId
      ? await db.select({ code: patrols.code }).from(patrols).where(eq(patrols.id, hazard.patrolId))
      : []
    const when = (at: Date) => formatLocal(at, config.timeZone, c.get('services').clock.now())
    const located =
      hazard.latitude !== null && hazard.longitude !== null
        ? { ...hazard, latitude: hazard.latitude, longitude: hazard.longitude }
        : undefined
    const tiled = located ? tiledMap(c) : undefined
    return c.html(
      <Layout c={c} title={hazard.code} head={tiled?.head}>
        <div class="card">
          <h2>
            隐患 {hazard.code}（{HAZARD_STATUS_LABELS[hazard.status]}）
          </h2>
          <p>{hazard.description}</p>
          <p class="meta">
            {CATEGORY_LABELS[hazard.category]} · {HAZARD_LEVEL_LABELS[hazard.level]} · {hazard.locationText ?? '—'} ·
            责任单位 {names.name(hazard.unitId)}
            {hazard.rectifyDueAt
              ? ` · 整改期限 ${formatLocal(hazard.rectifyDueAt, config.timeZone, c.get('services').clock.now())}`
              : ''}
          </p>
          <p class="meta">
            上报人 {reporter ? actor(reporter) : '—'}
            {patrol ? (
              <>
                {' · 来自巡查 '}
                <a href={`/console/patrols/${patrol.code}`}>{patrol.code}</a>
              </>
            ) : null}
          </p>
          <HazardComplaintLink c={c} hazard={hazard} />
        </div>
        {located ? (
          <div class="card">
            <h3>位置</h3>
            <p class="meta">
              {hazard.locationText ?? ''} 纬度 {located.latitude.toFixed(5)}，经度 {located.longitude.toFixed(5)}
              （GCJ-02）
            </p>
            {tiled?.render([located], 300)}
          </div>
        ) : null}
        {hazard.level === 'major' ? <FiveFixesCard fixes={hazard.fiveFixes} /> : null}
        <HazardActionsCard c={c} hazard={hazard} />
        <div class="card">
          <h3>处置过程</h3>
          <table class="timeline">
            {events.map((e) => (
              <tr>
                <td>{formatLocal(e.at, config.timeZone, c.get('services').clock.now())}</td>
                <td data-kind={e.kind}>{HAZARD_EVENT_LABELS[e.kind]}</td>
                <td>{HAZARD_STATUS_LABELS[e.toStatus]}</td>
                <td>{actor(e)}</td>
                <td>{e.note ?? ''}</td>
                <td>{e.mediaIds.length ? `照片 ${e.mediaIds.length} 张` : ''}</td>
              </tr>
            ))}
          </table>
          <HazardPhotos photos={photos} events={events} who={actor} when={when} />
        </div>
      </Layout>,
    )
  })

  app.get('/media/:id', async (c) => {
    const id = rowId().safeParse(c.req.param('id'))
    if (!id.success) throw new AppError('invalid_request', '照片编号无效。')
    const [row] = await c.get('services').db.select().from(media).where(eq(media.id, id.data))
    if (!row || !(await mediaVisible(c, row))) throw new AppError('not_found', '未找到该照片。')
    const bytes = await readStoredFile(row.storagePath)
    if (!bytes) throw new AppError('not_found', '照片文件缺失。')
    // Shown inline only when the bytes are one of four picture formats; anything else is a download.
    // Either way the response may not run or load anything (sandboxed, no sources).
    const inline = sniffImageType(bytes)
    return c.body(new Uint8Array(bytes), 200, {
      'content-type': inline ?? 'application/octet-stream',
      'content-disposition': inline ? 'inline' : `attachment; filename="file-${row.id}.bin"`,
      'content-security-policy': "default-src 'none'; sandbox",
      'cache-control': 'private, max-age=86400, immutable',
      'x-content-type-options': 'nosniff',
    })
  })

  app.get('/complaints', async (c) => {
    const { db, clock, config } = c.get('services')
    const filter = scopedToViewer(c, parseFilter(c, ComplaintFilter, 'person'))
    const [page, names] = await Promise.all([listComplaints(db, filter, clock.now()), unitNames(c)])
    const query = c.req.query()
    return c.html(
      <Layout c={c} title="投诉台账">
        <Filters
          action="/console/complaints"
          selects={[
            unitSelect('unit', '单位', names.filterable),
            {
              name: 'status',
              label: '状态',
              options: COMPLAINT_STATUSES.map((v) => [v, COMPLAINT_STATUS_LABELS[v]] as const),
            },
            CATEGORY_SELECT,
          ]}
          overdueLabel="仅超期"
          query={query}
        />
        <div class="card">
          <h2>投诉台账</h2>
          <ExportLinks path="/console/complaints" query={query} />
          <table class="ledger">
            <tr>
              <th>编号</th>
              <th>受理时间</th>
              <th>类别</th>
              <th>状态</th>
              <th>描述</th>
              <th>责任单位</th>
              <th>办理时限</th>
            </tr>
            {page.rows.map((r) => (
              <tr>
                <td data-label="编号">
                  <a href={`/console/complaints/${r.code}`}>{r.code}</a>
                </td>
                <td data-label="受理时间">
                  {formatLocal(r.receivedAt, config.timeZone, c.get('services').clock.now())}
                </td>
                <td data-label="类别">{CATEGORY_LABELS[r.category]}</td>
                <td data-label="状态">{COMPLAINT_STATUS_LABELS[r.status]}</td>
                <td data-label="描述" class="desc">
                  {maskPersonalInfo(r.description, r.citizenName)}
                </td>
                <td data-label="责任单位">{names.name(r.unitId)}</td>
                <td data-label="办理时限">{formatLocal(r.dueAt, config.timeZone, c.get('services').clock.now())}</td>
              </tr>
            ))}
          </table>
          <NextLink path="/console/complaints" query={query} cursor={page.nextCursor} />
        </div>
      </Layout>,
    )
  })

  registerExports(app, {
    path: '/complaints',
    title: '投诉台账',
    filter: ComplaintFilter,
    list: (c, filter) => listComplaints(c.get('services').db, filter, c.get('services').clock.now()),
    table: complaintTable,
  })

  app.get('/complaints/:code', async (c) => {
    const { db, config } = c.get('services')
    const [complaint] = await db
      .select()
      .from(complaints)
      .where(eq(complaints.code, c.req.param('code')))
    if (!complaint || !visibleToViewer(c, complaint.unitId)) throw new AppError('not_found', '未找到该投诉。')
    const [events, names, photos] = await Promise.all([
      complaintTimeline(db, complaint.id),
      unitNames(c),
      db
        .select()
        .from(media)
        .where(and(eq(media.subjectType, 'complaint'), eq(media.subjectId, complaint.id))),
    ])
    const actor = await actorLabeller(db, events)
    const when = (at: Date) => formatLocal(at, config.timeZone, c.get('services').clock.now())
    return c.html(
      <Layout c={c} title={complaint.code}>
        <div class="card">
          <h2>
            投诉 {complaint.code}（{COMPLAINT_STATUS_LABELS[complaint.status]}）
          </h2>
          <p>{maskPersonalInfo(complaint.description, complaint.citizenName)}</p>
          <p class="meta">
            {CATEGORY_LABELS[complaint.category]} · {complaint.locationText ?? '—'} · 责任单位{' '}
            {names.name(complaint.unitId)} · 办理时限{' '}
            {formatLocal(complaint.dueAt, config.timeZone, c.get('services').clock.now())}
          </p>
          {complaint.outcome ? <p>办理结果：{complaint.outcome}</p> : null}
          <CallBackLine complaint={complaint} viewer={viewerOf(c)} />
          {complaint.mediaUrl ? (
            <p>
              报送方提供的照片链接：
              <a href={complaint.mediaUrl} rel="noopener noreferrer nofollow" target="_blank">
                {complaint.mediaUrl}
              </a>
            </p>
          ) : null}
          <ComplaintHazardLink c={c} complaint={complaint} />
        </div>
        <div class="card">
          <h3>办理过程</h3>
          <table class="timeline">
            {events.map((e) => (
              <tr>
                <td>{formatLocal(e.at, config.timeZone, c.get('services').clock.now())}</td>
                <td data-kind={e.kind}>{COMPLAINT_EVENT_LABELS[e.kind]}</td>
                <td>{COMPLAINT_STATUS_LABELS[e.toStatus]}</td>
                <td>{actor(e)}</td>
                <td>{e.note ?? ''}</td>
              </tr>
            ))}
          </table>
          <Photos photos={photos} caption={(p) => `${when(p.receivedAt)} 收到`} />
        </div>
      </Layout>,
    )
  })
}
