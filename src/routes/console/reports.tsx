import { and, desc, eq, isNull } from 'drizzle-orm'
import type { Context, Hono } from 'hono'
import { z } from 'zod'
import type { AppEnv } from '../../app-env'
import { formatLocal } from '../../conversation/format'
import { periodicReports, units } from '../../db/schema'
import { DAY_MS } from '../../domain/clock'
import { RuleViolation } from '../../domain/errors'
import { localDate } from '../../domain/local-time'
import { REPORT_KIND_LABELS, type ReportKind } from '../../domain/obligations'
import { reportPeriodLabel } from '../../domain/report-file-name'
import { NARRATIVE_FIELDS, NARRATIVE_LABELS } from '../../domain/signoff-lines'
import { MAX_ROW_ID, rowId } from '../../domain/storable'
import { AppError } from '../../errors'
import { readForm } from '../../http/body'
import { CAMPAIGN_ASPECTS, type Signature, signatureText } from '../../reports/annex/content'
import type { ReportContent } from '../../reports/report-content'
import { CampaignEntries, previousEntries, saveCampaignEntries } from '../../services/campaigns'
import { draftReportOnRequest, renderReport } from '../../services/reports'
import { confirmReport, missingForReport, type Signer, signReport } from '../../services/signoffs'
import { reportingUnits } from '../../services/supervision-assignments'
import { reportFileResponse, visibleReports } from '../report-file'
import { asFormError } from './form-rules'
import { Layout } from './layout'
import { ReportingStatusCard } from './report-receipts'
import { viewerOf, viewerUnitScope } from './session'

/**
 * 报表 in the console: every report the viewer may see with its state, and a page per report that shows
 * who signed each line and when, lets the unit edit its narrative boxes or campaign figures before
 * submission, and confirm (确认上报) or sign (签字) as the signed-in person, as the chat cards do.
 */
type ReportRow = typeof periodicReports.$inferSelect

function stateOf(row: ReportRow, missing: string[], now: Date): string {
  if (row.submittedAt) return '已上报'
  // Past its due time and not filed: the assessment counts it late, so the list says so first.
  const late = row.dueAt < now ? '逾期 · ' : ''
  if (row.confirmedById !== null || row.kind === 'daily') return `${late}待签字（${missing.join('；')}）`
  return `${late}草稿，待确认上报`
}

const periodText = (row: ReportRow) => reportPeriodLabel(row)

/** Who has signed the report's lines so far, by name. */
function signersOf(row: ReportRow): string {
  const names = signatureLines(row.data as ReportContent | null).flatMap((l) =>
    l.signature.signer ? [l.signature.signer.name] : [],
  )
  return [...new Set(names)].join('、') || '—'
}

/** The kinds a person may draft now, in the order the office files them. */
const DRAFTABLE: Exclude<ReportKind, 'daily'>[] = ['weekly', 'monthly', 'quarterly', 'bulletin', 'campaign']

/** The words of a drafting rule the person broke. */
const DRAFT_REFUSALS: Record<string, string> = {
  not_owed: '该单位不报送这类报表，请换一种报表或单位。',
  period_not_over: '所选日期所在的周期还没有结束，结束后才能生成。',
  forbidden: '只能为本单位生成报表。',
  not_found: '没有这个单位。',
}

const DraftForm = z.object({
  kind: z.enum(DRAFTABLE, { message: '请选择报表种类' }),
  unitId: z.coerce.number().int().positive().max(MAX_ROW_ID).optional(),
  periodDate: z.iso.date({ message: '请选择周期内的一天' }),
})

async function loadVisible(c: Context<AppEnv>): Promise<ReportRow> {
  const id = rowId().safeParse(c.req.param('id'))
  if (!id.success) throw new AppError('invalid_request', '报表编号无效。')
  const [row] = await c.get('services').db.select().from(periodicReports).where(eq(periodicReports.id, id.data))
  const scope = viewerUnitScope(c)
  if (!row || !(scope === undefined || row.unitId === null || row.unitId === scope))
    throw new AppError('not_found', '未找到该报表。')
  return row
}

function signerOf(c: Context<AppEnv>): Signer {
  const viewer = viewerOf(c)
  if (viewer.personId === null) throw new AppError('forbidden', '当前账号未关联人员，不能签字或确认上报。')
  return { id: viewer.personId, name: viewer.name, role: viewer.role, unitId: viewer.unitId, channel: 'console' }
}

/** Runs a change on a report; a rule it breaks is shown as a 400 page in its own words. */
async function act(c: Context<AppEnv>, row: ReportRow, change: () => Promise<unknown>) {
  await asFormError(change)
  return c.redirect(`/console/reports/${row.id}`, 303)
}

/** Every signature line the report's forms print, with the form it is on. */
function signatureLines(content: ReportContent | null): { form: string; signature: Signature }[] {
  const annex = content?.annex
  if (!annex) return []
  const lines: { form: string; signature: Signature }[] = []
  if (annex.weekly)
    lines.push(
      { form: '附件3 周报表', signature: annex.weekly.chargeLeader },
      { form: '附件3 周报表', signature: annex.weekly.filler },
    )
  if (annex.periodic) lines.push({ form: '附件4 月（季）报表', signature: annex.periodic.chargeLeader })
  for (const day of annex.daily ?? [])
    lines.push(
      { form: `附件2 ${day.date}`, signature: day.patrolLead },
      { form: `附件2 ${day.date}`, signature: day.unitLeader },
    )
  for (const s of annex.supervisions ?? [])
    lines.push(
      { form: `附件5 ${s.code}`, signature: s.leadSignature },
      { form: `附件5 ${s.code}`, signature: s.inspectedLeader },
    )
  return lines
}

const number = (value: unknown) => (value === undefined || value === '' ? 0 : value)

/** The console form's fields in the shape CampaignEntries validates. */
function entriesFromForm(form: Record<string, unknown>): unknown {
  return {
    study: { sessions: number(form.sessions), mediaReports: number(form.mediaReports) },
    enforcement: {
      crackdowns: number(form.crackdowns),
      closures: number(form.closures),
      suspensions: number(form.suspensions),
      finesWan: number(form.finesWan),
      jointPunishments: number(form.jointPunishments),
      accountableUnits: number(form.accountableUnits),
      accountablePeople: number(form.accountablePeople),
    },
    risks: { identified: number(form.identified), controlled: number(form.controlled) },
    problems: CAMPAIGN_ASPECTS.map((aspect, i) => ({
      aspect,
      problem: String(form[`problem${i}`] ?? ''),
      detail: String(form[`detail${i}`] ?? ''),
      measures: String(form[`measures${i}`] ?? ''),
    })).filter((p) => p.problem.trim()),
  }
}

const CAMPAIGN_FIGURES: [string, string, (e: CampaignEntries) => number][] = [
  ['sessions', '专题学习次数（本月）', (e) => e.study.sessions],
  ['mediaReports', '重点报道数量（本月）', (e) => e.study.mediaReports],
  ['crackdowns', '打击严重违法违规行为（起，本月）', (e) => e.enforcement.crackdowns],
  ['closures', '关闭取缔（家，本月）', (e) => e.enforcement.closures],
  ['suspensions', '停产整顿（家，本月）', (e) => e.enforcement.suspensions],
  ['finesWan', '处罚罚款（万元，本月）', (e) => e.enforcement.finesWan],
  ['jointPunishments', '联合惩戒失信企业（家，本月）', (e) => e.enforcement.jointPunishments],
  ['accountableUnits', '问责曝光单位（家，本月）', (e) => e.enforcement.accountableUnits],
  ['accountablePeople', '问责曝光人员（人，本月）', (e) => e.enforcement.accountablePeople],
  ['identified', '重大安全风险辨识评估数量', (e) => e.risks.identified],
  ['controlled', '有效管控数量', (e) => e.risks.controlled],
]

function CampaignEntriesForm(props: { row: ReportRow; start: CampaignEntries | undefined; fromLastMonth: boolean }) {
  const e = props.start
  return (
    <form method="post" action={`/console/reports/${props.row.id}/entries`}>
      <h3>填报第1、3、4、5部分{props.fromLastMonth ? '（第4、5部分已沿用上月，可修改）' : ''}</h3>
      <p>第1、3部分填本月新增数，表中按行动开展以来累计；第2部分由系统根据台账计算。</p>
      {CAMPAIGN_FIGURES.map(([name, label, read]) => (
        <label>
          {label}{' '}
          <input
            name={name}
            type="number"
            min="0"
            step={name === 'finesWan' ? '0.01' : '1'}
            value={e && !(props.fromLastMonth && !['identified', 'controlled'].includes(name)) ? String(read(e)) : ''}
            size={6}
          />{' '}
        </label>
      ))}
      <table>
        <tr>
          <th>方面</th>
          <th>主要问题</th>
          <th>具体表现</th>
          <th>整改措施及完成情况</th>
        </tr>
        {CAMPAIGN_ASPECTS.map((aspect, i) => {
          const p = e?.problems.find((x) => x.aspect === aspect)
          return (
            <tr>
              <td>{aspect}</td>
              <td>
                <textarea name={`problem${i}`}>{p?.problem ?? ''}</textarea>
              </td>
              <td>
                <textarea name={`detail${i}`}>{p?.detail ?? ''}</textarea>
              </td>
              <td>
                <textarea name={`measures${i}`}>{p?.measures ?? ''}</textarea>
              </td>
            </tr>
          )
        })}
      </table>
      <button type="submit">保存填报内容</button>
    </form>
  )
}

export function registerReportPages(app: Hono<AppEnv>): void {
  app.get('/reports', async (c) => {
    const { db, config, clock, ctx } = c.get('services')
    const rows = await visibleReports(c, viewerUnitScope(c), 200)
    const names = new Map((await db.select({ id: units.id, name: units.name }).from(units)).map((u) => [u.id, u.name]))
    // What is missing matters only for reports not yet submitted.
    const now = clock.now()
    const states = await Promise.all(
      rows.map(async (r) => (r.submittedAt ? '' : stateOf(r, await missingForReport(ctx, r), now))),
    )
    const viewer = viewerOf(c)
    const draftUnits = (await reportingUnits(db)).filter((u) => viewer.role === 'admin' || u.id === viewer.unitId)
    // A day of last week: the period most often drafted by hand.
    const lastWeek = localDate(new Date(now.getTime() - 7 * DAY_MS), config.timeZone)
    return c.html(
      <Layout c={c} title="报表">
        <ReportingStatusCard c={c} />
        <div class="card">
          <h2>法定报表</h2>
          {rows.length === 0 ? (
            <p>
              暂无报表。周报、月（季）报、季度通报和专项整治统计表在周期结束后由系统自动生成（每小时检查一次），
              生成后在这里确认上报和签字；也可以用下面的「立即生成」为已结束的周期生成。
            </p>
          ) : (
            <table class="ledger">
              <tr>
                <th>报表</th>
                <th>单位</th>
                <th>周期</th>
                <th>上报期限</th>
                <th>状态</th>
                <th>已签字</th>
                <th>文件</th>
              </tr>
              {rows.map((r, i) => (
                <tr>
                  <td data-label="报表">
                    <a href={`/console/reports/${r.id}`}>{REPORT_KIND_LABELS[r.kind as ReportKind] ?? '报表'}</a>
                  </td>
                  <td data-label="单位">{r.unitId === null ? '全市' : (names.get(r.unitId) ?? '')}</td>
                  <td data-label="周期">{periodText(r)}</td>
                  <td data-label="上报期限">{formatLocal(r.dueAt, config.timeZone, now)}</td>
                  <td data-label="状态">
                    {r.submittedAt ? `已上报 ${formatLocal(r.submittedAt, config.timeZone, now)}` : states[i]}
                  </td>
                  <td data-label="已签字">{signersOf(r)}</td>
                  <td data-label="文件">
                    {r.filePath ? <a href={`/console/reports/${r.id}/file`}>下载 XLSX</a> : '—'}
                  </td>
                </tr>
              ))}
            </table>
          )}
        </div>
        {draftUnits.length > 0 ? (
          <div class="card">
            <h3>立即生成</h3>
            <form method="post" action="/console/reports/draft">
              <label>
                报表{' '}
                <select name="kind">
                  {DRAFTABLE.map((kind) => (
                    <option value={kind}>{REPORT_KIND_LABELS[kind]}</option>
                  ))}
                </select>
              </label>{' '}
              <label>
                单位{' '}
                <select name="unitId">
                  {draftUnits.map((u) => (
                    <option value={String(u.id)}>{u.name}</option>
                  ))}
                </select>
              </label>{' '}
              <label>
                周期内的一天 <input type="date" name="periodDate" value={lastWeek} required />
              </label>{' '}
              <button type="submit">生成</button>
            </form>
          </div>
        ) : null}
      </Layout>,
    )
  })

  app.post('/reports/draft', async (c) => {
    const { ctx, config, db } = c.get('services')
    const form = DraftForm.safeParse(await readForm(c))
    if (!form.success) throw new AppError('invalid_request', form.error.issues[0]?.message ?? '表单内容无效')
    const viewer = viewerOf(c)
    const unitId = form.data.unitId ?? viewer.unitId
    if (unitId === null) throw new AppError('invalid_request', '请选择单位')
    const actor = { personId: viewer.personId, role: viewer.role, unitId: viewer.unitId }
    let drafted: ReportRow | undefined
    try {
      drafted = await draftReportOnRequest(ctx, config.reportsDir, { ...form.data, unitId, actor })
    } catch (error) {
      if (error instanceof RuleViolation && DRAFT_REFUSALS[error.code])
        throw new AppError('invalid_request', DRAFT_REFUSALS[error.code] as string)
      throw error
    }
    // Drafted before (by the job or by someone else): open that one.
    const target =
      drafted ??
      (
        await db
          .select({ id: periodicReports.id })
          .from(periodicReports)
          .where(and(eq(periodicReports.kind, form.data.kind), eq(periodicReports.unitId, unitId)))
          .orderBy(desc(periodicReports.periodStart))
          .limit(1)
      )[0]
    return c.redirect(target ? `/console/reports/${target.id}` : '/console/reports', 303)
  })

  app.get('/reports/:id/file', async (c) => {
    const row = await loadVisible(c)
    return reportFileResponse(c, row.id, viewerUnitScope(c))
  })

  app.get('/reports/:id', async (c) => {
    const row = await loadVisible(c)
    const { ctx, config, clock, db } = c.get('services')
    const kind = row.kind as ReportKind
    const missing = await missingForReport(ctx, row)
    const content = row.data as unknown as ReportContent | null
    const [unit] = row.unitId === null ? [] : await db.select().from(units).where(eq(units.id, row.unitId))
    const open = row.submittedAt === null
    const narrativeFields =
      kind === 'weekly' || kind === 'monthly' || kind === 'quarterly' ? NARRATIVE_FIELDS[kind] : []
    const own = CampaignEntries.safeParse(row.entries)
    const last =
      kind === 'campaign' && !own.success && row.unitId !== null
        ? await previousEntries(ctx, row.unitId, row.periodStart)
        : undefined
    return c.html(
      <Layout c={c} title={REPORT_KIND_LABELS[kind] ?? '报表'}>
        <div class="card">
          <h2>
            {unit?.name ?? '全市'} · {REPORT_KIND_LABELS[kind]} · {periodText(row)}
          </h2>
          <p>
            上报期限：{formatLocal(row.dueAt, config.timeZone, clock.now())} · 状态：
            {row.submittedAt
              ? `已上报（${formatLocal(row.submittedAt, config.timeZone, clock.now())}），内容已固定`
              : stateOf(row, missing, clock.now())}
          </p>
          {row.filePath ? <a href={`/console/reports/${row.id}/file`}>下载 XLSX</a> : null}
          <h3>签字</h3>
          <table>
            <tr>
              <th>表</th>
              <th>签字栏</th>
            </tr>
            {signatureLines(content).map((l) => (
              <tr>
                <td>{l.form}</td>
                <td>{signatureText(l.signature)}</td>
              </tr>
            ))}
          </table>
          {open ? (
            // A form may not sit inside a <p>: a div holds the two buttons' forms side by side.
            <div class="actions">
              <form method="post" action={`/console/reports/${row.id}/confirm`} style="display:inline">
                <button type="submit">确认上报</button>
              </form>{' '}
              <form method="post" action={`/console/reports/${row.id}/sign`} style="display:inline">
                <button type="submit">签字</button>
              </form>
            </div>
          ) : null}
        </div>
        {open && narrativeFields.length ? (
          <div class="card">
            <form method="post" action={`/console/reports/${row.id}/narrative`}>
              <h3>报表文字（确认上报前可修改）</h3>
              {narrativeFields.map((field) => (
                <label>
                  {NARRATIVE_LABELS[field]}
                  <br />
                  <textarea name={field} rows={4} cols={80}>
                    {row.narrative?.[field] ?? ''}
                  </textarea>
                  <br />
                </label>
              ))}
              <button type="submit">保存</button>
            </form>
          </div>
        ) : null}
        {open && kind === 'campaign' ? (
          <div class="card">
            <CampaignEntriesForm row={row} start={own.success ? own.data : last} fromLastMonth={!own.success} />
          </div>
        ) : null}
      </Layout>,
    )
  })

  app.post('/reports/:id/confirm', async (c) => {
    const row = await loadVisible(c)
    const signer = signerOf(c)
    return act(c, row, () => confirmReport(c.get('services').ctx, c.get('services').config.reportsDir, row.id, signer))
  })

  app.post('/reports/:id/sign', async (c) => {
    const row = await loadVisible(c)
    const signer = signerOf(c)
    return act(c, row, () => signReport(c.get('services').ctx, c.get('services').config.reportsDir, row.id, signer))
  })

  app.post('/reports/:id/narrative', async (c) => {
    const row = await loadVisible(c)
    const form = await readForm(c)
    const kind = row.kind as ReportKind
    if (kind !== 'weekly' && kind !== 'monthly' && kind !== 'quarterly')
      throw new AppError('invalid_request', '该报表没有可填写的文字栏。')
    mayEdit(c, row)
    const narrative = { ...(row.narrative ?? {}) }
    for (const field of NARRATIVE_FIELDS[kind]) {
      const value = form[field]
      if (typeof value === 'string') narrative[field] = value.trim().slice(0, 2000)
    }
    return act(c, row, async () => {
      const [updated] = await c
        .get('services')
        .db.update(periodicReports)
        .set({ narrative })
        .where(and(eq(periodicReports.id, row.id), isNull(periodicReports.submittedAt)))
        .returning()
      if (!updated) throw new RuleViolation('submitted', '报表已上报，内容不能再修改。')
      await renderReport(c.get('services').ctx, c.get('services').config.reportsDir, updated)
    })
  })

  app.post('/reports/:id/entries', async (c) => {
    const row = await loadVisible(c)
    if (row.kind !== 'campaign') throw new AppError('invalid_request', '只有专项整治统计表需要填报。')
    mayEdit(c, row)
    const form = await readForm(c)
    return act(c, row, async () => {
      if (row.submittedAt) throw new RuleViolation('submitted', '报表已上报，内容不能再修改。')
      const entries = CampaignEntries.parse(entriesFromForm(form))
      if (entries.risks.controlled > entries.risks.identified)
        throw new RuleViolation('invalid_entries', '有效管控数量不能多于重大安全风险辨识评估数量。')
      await saveCampaignEntries(c.get('services').ctx, row.id, entries)
      const [updated] = await c.get('services').db.select().from(periodicReports).where(eq(periodicReports.id, row.id))
      if (updated) await renderReport(c.get('services').ctx, c.get('services').config.reportsDir, updated)
    })
  })
}

/** Only the unit's own people (or an administrator) change what its report says. */
function mayEdit(c: Context<AppEnv>, row: ReportRow): void {
  const viewer = viewerOf(c)
  if (viewer.role !== 'admin' && viewer.unitId !== row.unitId)
    throw new AppError('forbidden', '只有本单位人员可以修改本单位的报表。')
}
