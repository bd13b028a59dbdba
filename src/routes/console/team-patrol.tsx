import { eq } from 'drizzle-orm'
import type { Context, Hono } from 'hono'
import { z } from 'zod'
import { PATROL_CHECKLIST } from '../../../bots/patrol-checklist'
import type { AppEnv } from '../../app-env'
import { formatLocal } from '../../conversation/format'
import { patrols, problemItems, units } from '../../db/schema'
import { zonedInstant } from '../../domain/local-time'
import { DISPOSITION_LABELS, DISPOSITIONS, PROBLEM_STATUS_LABELS, type ProblemCommand } from '../../domain/problem-list'
import { AppError } from '../../errors'
import { readForm } from '../../http/body'
import { newWorkbook } from '../../reports/workbook'
import { applyProblemStep, recordTeamPatrol, teamPatrolDetail } from '../../services/team-patrols'
import { asFormError, localDateTime } from './form-rules'
import { Layout } from './layout'
import { viewerOf, visibleToViewer } from './session'

const VERDICT_LABELS = { pass: '符合', fail: '不符合', na: '不适用' } as const

/** A team patrol's page: the source 003 checklist as answered, and the problem list with each item's state. */
export async function TeamPatrolCard(props: {
  c: Context<AppEnv>
  patrolId: number
  patrolCode: string
  teamName: string | null
}) {
  const { c, patrolId, patrolCode, teamName } = props
  const { db, config, clock } = c.get('services')
  const { results, problems } = await teamPatrolDetail(db, patrolId)
  const at = (d: Date | null) => (d ? formatLocal(d, config.timeZone, clock.now()) : '—')
  const count = (v: keyof typeof VERDICT_LABELS) => results.filter((r) => r.verdict === v).length
  return (
    <div class="card">
      <h3>{teamName ?? '巡查组'} · 检查表（安全生产巡查工作主要内容及要点）</h3>
      <p class="meta">
        共 {PATROL_CHECKLIST.length} 项：符合 {count('pass')}，不符合 {count('fail')}，不适用 {count('na')}
      </p>
      <table>
        {PATROL_CHECKLIST.map((item) => {
          const r = results.find((x) => x.itemId === item.id)
          return (
            <tr>
              <td>{item.id}</td>
              <td>{item.topic}</td>
              <td>{item.text}</td>
              <td data-verdict={r?.verdict ?? ''}>{r ? VERDICT_LABELS[r.verdict] : '未填'}</td>
              <td>
                {r?.note ?? ''}
                {r?.mediaIds.length ? `（照片 ${r.mediaIds.length} 张）` : ''}
              </td>
            </tr>
          )
        })}
      </table>
      <h3>问题清单（{problems.length}）</h3>
      <table>
        <tr>
          <th>编号</th>
          <th>问题</th>
          <th>状态</th>
          <th>诊断分析</th>
          <th>分类处置</th>
          <th>移交督办</th>
          <th>整改销号</th>
          <th>下一步</th>
        </tr>
        {problems.map((p) => (
          <tr>
            <td>{p.code}</td>
            <td>{p.description}</td>
            <td>{PROBLEM_STATUS_LABELS[p.status]}</td>
            <td>{p.cause ? `${p.cause}（${p.problemCategory ?? ''}）` : '—'}</td>
            <td>
              {p.disposition
                ? `${DISPOSITION_LABELS[p.disposition]}${p.dueAt ? ` ${at(p.dueAt)}前` : ''}${p.transferTo ? ` ${p.transferTo}` : ''}`
                : '—'}
            </td>
            <td>{p.handedOverTo ? `${p.handedOverTo}，反馈期限 ${at(p.reportBackDueAt)}` : '—'}</td>
            <td>{p.closedAt ? `${at(p.closedAt)} ${p.result ?? ''}` : '—'}</td>
            <td>
              <NextStepForm problem={p} />
            </td>
          </tr>
        ))}
      </table>
      <p>
        <a href={`/console/patrols/${encodeURIComponent(patrolCode)}/team-report.xlsx`}>
          下载巡查组报告（检查表和问题清单，XLSX）
        </a>
      </p>
      <p class="meta">
        也可在对话中逐项处理：「诊断 WT编号 原因；类别」「分类 WT编号 立即整改|限期 日期|移交 部门」「移交 WT编号
        单位」「销号 WT编号 整改结果」。
      </p>
    </div>
  )
}

type ProblemRow = typeof problemItems.$inferSelect

/** The form for the one step a problem can take next (诊断分析 → 分类处置 → 移交督办 → 整改销号). */
function NextStepForm(props: { problem: ProblemRow }) {
  const p = props.problem
  const action = `/console/problems/${encodeURIComponent(p.code)}/step`
  if (p.status === 'closed') return <span>—</span>
  if (p.status === 'listed')
    return (
      <form method="post" action={action}>
        <input type="hidden" name="action" value="diagnose" />
        原因 <input name="cause" size={16} required /> 类别 <input name="category" size={8} required />{' '}
        <button type="submit">诊断分析</button>
      </form>
    )
  if (p.status === 'diagnosed')
    return (
      <form method="post" action={action}>
        <input type="hidden" name="action" value="classify" />
        <select name="disposition">
          {DISPOSITIONS.map((d) => (
            <option value={d}>{DISPOSITION_LABELS[d]}</option>
          ))}
        </select>{' '}
        期限 <input type="date" name="dueOn" /> 移交部门 <input name="transferTo" size={10} />{' '}
        <button type="submit">分类处置</button>
      </form>
    )
  if (p.status === 'classified' && p.disposition !== 'immediate')
    return (
      <form method="post" action={action}>
        <input type="hidden" name="action" value="hand_over" />
        移交 <input name="to" size={14} required /> <button type="submit">移交督办</button>
      </form>
    )
  return (
    <form method="post" action={action}>
      <input type="hidden" name="action" value="close" />
      整改结果 <input name="result" size={16} required /> <button type="submit">整改销号</button>
    </form>
  )
}

const StepForm = z.discriminatedUnion('action', [
  z.object({ action: z.literal('diagnose'), cause: z.string().trim().max(500), category: z.string().trim().max(100) }),
  z.object({
    action: z.literal('classify'),
    disposition: z.enum(DISPOSITIONS),
    dueOn: z.iso
      .date('期限请按 YYYY-MM-DD 填写')
      .optional()
      .or(z.literal('').transform(() => undefined)),
    transferTo: z.string().trim().max(200).optional(),
  }),
  z.object({ action: z.literal('hand_over'), to: z.string().trim().max(200) }),
  z.object({ action: z.literal('close'), result: z.string().trim().max(2000) }),
])

async function patrolOfProblem(c: Context<AppEnv>, code: string) {
  const [row] = await c
    .get('services')
    .db.select({ problem: problemItems, patrol: patrols })
    .from(problemItems)
    .innerJoin(patrols, eq(patrols.id, problemItems.patrolId))
    .where(eq(problemItems.code, code))
  if (!row || !visibleToViewer(c, row.patrol.unitId)) throw new AppError('not_found', '未找到该问题。')
  return row
}

const NewTeamPatrol = z.object({
  teamName: z.string().trim().min(1, '请填写巡查组名称').max(50),
  teamLeader: z.string().trim().min(1, '请填写组长').max(30),
  members: z.string().trim().min(1, '请填写组员').max(200),
  target: z.string().trim().min(1, '请填写被巡查单位或乡镇').max(100),
  startedAt: z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, '请填写开始时间'),
  endedAt: z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, '请填写结束时间'),
  /** The team's unit, chosen by an account without one (an administrator). */
  unitId: z.coerce
    .number()
    .int()
    .positive()
    .max(2_147_483_647)
    .optional()
    .or(z.literal('').transform(() => undefined)),
})

/** A required date-time field: it must be a real time. */
function wallClock(value: string, timeZone: string): Date {
  const instant = localDateTime(value, timeZone)
  if (!instant) throw new AppError('invalid_request', '时间不正确，请重新选择。')
  return instant
}

export function registerTeamPatrolRoutes(app: Hono<AppEnv>): void {
  /** A team patrol entered in the console: the team, the place and dates, and the checklist item by item. */
  app.get('/patrols/team/new', async (c) => {
    const unitRows =
      viewerOf(c).unitId === null
        ? await c
            .get('services')
            .db.select({ id: units.id, name: units.name })
            .from(units)
            .where(eq(units.active, true))
        : []
    return c.html(
      <Layout c={c} title="巡查组巡查">
        <div class="card">
          <h2>登记巡查组巡查</h2>
          <form method="post" action="/console/patrols/team">
            <p>
              巡查组 <input name="teamName" required size={12} /> 组长 <input name="teamLeader" required size={8} />{' '}
              组员 <input name="members" required size={24} placeholder="顿号分隔，含组长共3至5人" />
            </p>
            {unitRows.length ? (
              <p>
                巡查组所属单位{' '}
                <select name="unitId" required>
                  {unitRows.map((u) => (
                    <option value={String(u.id)}>{u.name}</option>
                  ))}
                </select>
              </p>
            ) : null}
            <p>
              被巡查单位/乡镇 <input name="target" required size={16} /> 开始{' '}
              <input type="datetime-local" name="startedAt" required /> 结束{' '}
              <input type="datetime-local" name="endedAt" required />
            </p>
            <table>
              {PATROL_CHECKLIST.map((item) => (
                <tr>
                  <td>{item.id}</td>
                  <td>{item.topic}</td>
                  <td>{item.text}</td>
                  <td>
                    {(['pass', 'fail', 'na'] as const).map((v) => (
                      <label>
                        <input type="radio" name={`v_${item.id}`} value={v} checked={v === 'pass'} />
                        {VERDICT_LABELS[v]}{' '}
                      </label>
                    ))}
                  </td>
                  <td>
                    <input name={`n_${item.id}`} size={20} placeholder="问题说明" />
                  </td>
                </tr>
              ))}
            </table>
            <button type="submit">保存（不符合项列入问题清单）</button>
          </form>
        </div>
      </Layout>,
    )
  })

  app.post('/patrols/team', async (c) => {
    const form = await readForm(c)
    const parsed = NewTeamPatrol.safeParse(form)
    if (!parsed.success) throw new AppError('invalid_request', parsed.error.issues[0]?.message ?? '表单内容无效')
    const { config, ctx } = c.get('services')
    const results = PATROL_CHECKLIST.map((item): { itemId: string; verdict: 'pass' | 'fail' | 'na'; note?: string } => {
      const verdict = form[`v_${item.id}`]
      const note = form[`n_${item.id}`]
      return {
        itemId: item.id,
        verdict: verdict === 'fail' ? 'fail' : verdict === 'na' ? 'na' : 'pass',
        note: typeof note === 'string' ? note.slice(0, 500) : undefined,
      }
    })
    const viewer = viewerOf(c)
    const { patrol } = await asFormError(() =>
      recordTeamPatrol(
        ctx,
        {
          ...parsed.data,
          startedAt: wallClock(parsed.data.startedAt, config.timeZone),
          endedAt: wallClock(parsed.data.endedAt, config.timeZone),
          results,
        },
        { personId: viewer.personId, role: viewer.role, unitId: viewer.unitId ?? parsed.data.unitId ?? null },
      ),
    )
    return c.redirect(`/console/patrols/${encodeURIComponent(patrol.code)}`, 303)
  })

  app.post('/problems/:code/step', async (c) => {
    const { problem, patrol } = await patrolOfProblem(c, c.req.param('code'))
    const parsed = StepForm.safeParse(await readForm(c))
    if (!parsed.success) throw new AppError('invalid_request', parsed.error.issues[0]?.message ?? '表单内容无效')
    const form = parsed.data
    const { config, ctx } = c.get('services')
    const command: ProblemCommand =
      form.action === 'classify'
        ? {
            action: 'classify',
            disposition: form.disposition,
            dueAt: form.dueOn ? zonedInstant(form.dueOn, config.timeZone, 23, 59) : undefined,
            transferTo: form.transferTo,
          }
        : form
    const viewer = viewerOf(c)
    await asFormError(() =>
      applyProblemStep(ctx, problem.id, command, {
        personId: viewer.personId,
        role: viewer.role,
        unitId: viewer.unitId,
      }),
    )
    return c.redirect(`/console/patrols/${encodeURIComponent(patrol.code)}`, 303)
  })

  /** The team's written report: the checklist as answered and the problem list, one sheet each. */
  app.get('/patrols/:code/team-report.xlsx', async (c) => {
    const [patrol] = await c
      .get('services')
      .db.select()
      .from(patrols)
      .where(eq(patrols.code, c.req.param('code')))
    if (patrol?.kind !== 'team' || !visibleToViewer(c, patrol.unitId))
      throw new AppError('not_found', '未找到该巡查组巡查。')
    const { results, problems } = await teamPatrolDetail(c.get('services').db, patrol.id)
    const { config, clock } = c.get('services')
    const at = (d: Date | null) => (d ? formatLocal(d, config.timeZone, clock.now()) : '')
    const book = await newWorkbook()
    const checklist = book.addWorksheet('检查表')
    checklist.addRow([
      `${patrol.teamName ?? '巡查组'}巡查报告 · ${patrol.area} · ${at(patrol.startedAt)} 至 ${at(patrol.endedAt)}`,
    ])
    checklist.addRow([`组长 ${patrol.teamLeader ?? ''} · 成员 ${patrol.patrollers}`])
    checklist.addRow(['序号', '主要内容', '巡查要点', '结果', '说明'])
    for (const item of PATROL_CHECKLIST) {
      const r = results.find((x) => x.itemId === item.id)
      checklist.addRow([item.id, item.topic, item.text, r ? VERDICT_LABELS[r.verdict] : '未填', r?.note ?? ''])
    }
    checklist.getColumn(3).width = 60
    const list = book.addWorksheet('问题清单')
    list.addRow(['编号', '问题', '状态', '原因', '类别', '处置', '移交督办', '反馈期限', '整改结果'])
    for (const p of problems)
      list.addRow([
        p.code,
        p.description,
        PROBLEM_STATUS_LABELS[p.status],
        p.cause ?? '',
        p.problemCategory ?? '',
        p.disposition ? DISPOSITION_LABELS[p.disposition] : '',
        p.handedOverTo ?? '',
        at(p.reportBackDueAt),
        p.result ?? '',
      ])
    const bytes = Buffer.from(await book.xlsx.writeBuffer())
    return c.body(new Uint8Array(bytes), 200, {
      'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'content-disposition': `attachment; filename="team-report-${patrol.code}.xlsx"; filename*=UTF-8''${encodeURIComponent(`巡查组报告_${patrol.code}.xlsx`)}`,
    })
  })
}
