import { and, desc, eq } from 'drizzle-orm'
import type { Context, Hono } from 'hono'
import { z } from 'zod'
import type { AppEnv } from '../../app-env'
import { formatLocal } from '../../conversation/format'
import { complaints, hazardEvents, hazards, people, units } from '../../db/schema'
import {
  FIVE_FIX_LABELS,
  FIVE_FIXES,
  HAZARD_LEVEL_LABELS,
  HAZARD_LEVELS,
  type HazardCommand,
  LISTING_LEVEL_LABELS,
  LISTING_LEVELS,
} from '../../domain/hazard-lifecycle'
import type { Actor } from '../../domain/roles'
import { AppError } from '../../errors'
import { readForm } from '../../http/body'
import { turnComplaintIntoHazard } from '../../services/complaint-hazards'
import { notifyHazardAssignment } from '../../services/hazard-notices'
import { applyHazardCommand, type HazardRow } from '../../services/hazards'
import { asFormError, localDateTime } from './form-rules'
import { viewerOf, visibleToViewer } from './session'

/**
 * What a supervisor does with a hazard from its console page, as in chat: 接报 a major hazard, record an
 * emergency disposal, 交办 (with 五落实 for a major one), 挂牌督办 / 摘牌, and 验收 (销号). The domain's rules
 * decide who may; a rule broken is a 400 page in its own words.
 */
const text = z.string().trim().min(1, '请填写内容').max(2000)
/** <input type="datetime-local"> has no zone: it is the city's wall-clock time. */
const dateTimeField = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, '时间格式不正确')
  .optional()
  .or(z.literal('').transform(() => undefined))

const HazardForm = z.discriminatedUnion('action', [
  z.object({ action: z.literal('acknowledge') }),
  z.object({ action: z.literal('emergency_disposal'), note: text, disposedAt: dateTimeField }),
  z.object({
    action: z.literal('assign'),
    unitId: z.coerce.number().int().positive('请选择责任单位'),
    rectifyDueAt: dateTimeField,
    ...Object.fromEntries(FIVE_FIXES.map((key) => [key, z.string().trim().max(2000).optional()])),
  }),
  z.object({ action: z.literal('list_supervision'), level: z.enum(LISTING_LEVELS), reason: text }),
  z.object({ action: z.literal('delist_supervision'), reason: text }),
  z.object({ action: z.literal('regrade'), level: z.enum(HAZARD_LEVELS), reason: text }),
  z.object({ action: z.literal('verify_pass') }),
  z.object({ action: z.literal('verify_fail'), reason: text }),
  z.object({
    action: z.literal('extend'),
    newDueAt: z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, '请选择新的整改期限'),
    reason: text,
  }),
  z.object({ action: z.literal('reassign'), unitId: z.coerce.number().int().positive('请选择责任单位'), reason: text }),
])

/** An optional date-time field: empty is none; given, it must be a real time. */
function atLocal(value: string | undefined, timeZone: string): Date | undefined {
  if (!value) return undefined
  const instant = localDateTime(value, timeZone)
  if (!instant) throw new AppError('invalid_request', '时间不正确，请重新选择。')
  return instant
}

export function registerHazardActions(app: Hono<AppEnv>): void {
  app.post('/complaints/:code/hazard', async (c) => {
    const { ctx, db } = c.get('services')
    const [complaint] = await db
      .select()
      .from(complaints)
      .where(eq(complaints.code, c.req.param('code')))
    if (!complaint || !visibleToViewer(c, complaint.unitId)) throw new AppError('not_found', '未找到该投诉。')
    const form = await readForm(c)
    const level = form.level === 'major' ? 'major' : 'general'
    const viewer = viewerOf(c)
    const { hazard } = await asFormError(() =>
      turnComplaintIntoHazard(
        ctx,
        complaint.id,
        { personId: viewer.personId, role: viewer.role, unitId: viewer.unitId },
        level,
      ),
    )
    return c.redirect(`/console/hazards/${encodeURIComponent(hazard.code)}`, 303)
  })

  app.post('/hazards/:code/actions', async (c) => {
    const { ctx, config, db } = c.get('services')
    const [hazard] = await db
      .select()
      .from(hazards)
      .where(eq(hazards.code, c.req.param('code')))
    if (!hazard || !visibleToViewer(c, hazard.unitId)) throw new AppError('not_found', '未找到该隐患。')
    const parsed = HazardForm.safeParse(await readForm(c))
    if (!parsed.success) throw new AppError('invalid_request', parsed.error.issues[0]?.message ?? '表单内容无效')
    const form = parsed.data
    const viewer = viewerOf(c)
    const actor: Actor = { personId: viewer.personId, role: viewer.role, unitId: viewer.unitId }
    let command: HazardCommand
    let options = {}
    if (form.action === 'assign') {
      const fiveFixes = Object.fromEntries(
        FIVE_FIXES.map((key) => [key, (form as Record<string, unknown>)[key] as string | undefined]),
      )
      command = { action: 'assign', unitId: form.unitId, fiveFixes: hazard.level === 'major' ? fiveFixes : undefined }
      options = { rectifyDueAt: atLocal(form.rectifyDueAt, config.timeZone) }
    } else if (form.action === 'emergency_disposal') {
      command = { action: 'emergency_disposal', note: form.note }
      options = { disposedAt: atLocal(form.disposedAt, config.timeZone) }
    } else if (form.action === 'extend') {
      command = { action: 'extend', newDueAt: atLocal(form.newDueAt, config.timeZone) as Date, reason: form.reason }
    } else command = form
    await asFormError(() =>
      ctx.db.transaction(async (tx) => {
        const txCtx = { ...ctx, db: tx }
        const after = await applyHazardCommand({ ctx: txCtx, hazardId: hazard.id, command, actor, options })
        if (command.action === 'assign') await notifyHazardAssignment(txCtx, after)
      }),
    )
    return c.redirect(`/console/hazards/${encodeURIComponent(hazard.code)}`, 303)
  })
}

/** The major-hazard facts and the action forms on a hazard's page. */
export async function HazardActionsCard(props: { c: Context<AppEnv>; hazard: HazardRow }) {
  const { c, hazard } = props
  const { db, config, clock } = c.get('services')
  const when = (d: Date) => formatLocal(d, config.timeZone, clock.now())
  const [ackBy] = hazard.majorAckById
    ? await db.select({ name: people.name }).from(people).where(eq(people.id, hazard.majorAckById))
    : []
  const unitOptions = await db.select({ id: units.id, name: units.name }).from(units).where(eq(units.active, true))
  // What the unit reported, shown beside the 验收 buttons: the verifier judges that report.
  const [rectification] =
    hazard.status === 'awaiting_verification'
      ? await db
          .select({ note: hazardEvents.note, at: hazardEvents.at, mediaIds: hazardEvents.mediaIds, by: people.name })
          .from(hazardEvents)
          .leftJoin(people, eq(people.id, hazardEvents.actorId))
          .where(and(eq(hazardEvents.hazardId, hazard.id), eq(hazardEvents.kind, 'report_rectification')))
          .orderBy(desc(hazardEvents.at), desc(hazardEvents.id))
          .limit(1)
      : []
  const action = `/console/hazards/${encodeURIComponent(hazard.code)}/actions`
  const open = hazard.status !== 'closed' && hazard.status !== 'voided'
  const major = hazard.level === 'major'
  return (
    <div class="card">
      <h3>处置</h3>
      <ul>
        {major ? (
          <li>接报：{hazard.majorAckAt ? `${ackBy?.name ?? ''} ${when(hazard.majorAckAt)}` : '尚未接报'}</li>
        ) : null}
        <li>
          应急处置：
          {hazard.emergencyDisposedAt
            ? `${when(hazard.emergencyDisposedAt)}；书面报告期限 ${hazard.emergencyReportDueAt ? when(hazard.emergencyReportDueAt) : '—'}${hazard.emergencyReportSubmittedAt ? '（已提交）' : ''}`
            : '未记录'}
        </li>
        {major ? (
          <li>
            五落实：
            {hazard.fiveFixes
              ? FIVE_FIXES.map((k) => `${FIVE_FIX_LABELS[k]}：${hazard.fiveFixes?.[k] ?? '—'}`).join('；')
              : '未落实'}
          </li>
        ) : null}
        <li>
          挂牌督办：
          {hazard.listedSupervision ? `${LISTING_LEVEL_LABELS[hazard.listingLevel ?? 'local']}挂牌` : '未挂牌'}
        </li>
      </ul>
      {open && major && !hazard.majorAckAt ? (
        <form method="post" action={action}>
          <input type="hidden" name="action" value="acknowledge" />
          <button type="submit">接报</button>
        </form>
      ) : null}
      {open && !hazard.emergencyDisposedAt ? (
        <form method="post" action={action}>
          <input type="hidden" name="action" value="emergency_disposal" />
          应急处置措施 <input name="note" size={40} required /> 处置时间{' '}
          <input type="datetime-local" name="disposedAt" />
          （不填为现在） <button type="submit">记录应急处置</button>
        </form>
      ) : null}
      {hazard.status === 'reported' ? (
        <form method="post" action={action}>
          <input type="hidden" name="action" value="assign" />
          责任单位{' '}
          <select name="unitId" required>
            {unitOptions.map((u) => (
              <option value={String(u.id)} selected={u.id === hazard.unitId}>
                {u.name}
              </option>
            ))}
          </select>{' '}
          整改期限 <input type="datetime-local" name="rectifyDueAt" />
          {major ? '（重大隐患按五落实时限）' : '（不填按该类隐患默认期限）'}
          {major
            ? FIVE_FIXES.map((k) => (
                <div>
                  {FIVE_FIX_LABELS[k]} <input name={k} size={40} required />
                </div>
              ))
            : null}{' '}
          <button type="submit">交办</button>
        </form>
      ) : null}
      {open && major && !hazard.listedSupervision ? (
        <form method="post" action={action}>
          <input type="hidden" name="action" value="list_supervision" />
          <select name="level">
            {LISTING_LEVELS.map((l) => (
              <option value={l}>{LISTING_LEVEL_LABELS[l]}</option>
            ))}
          </select>{' '}
          挂牌原因 <input name="reason" size={30} required /> <button type="submit">挂牌督办</button>
        </form>
      ) : null}
      {open && hazard.listedSupervision ? (
        <form method="post" action={action}>
          <input type="hidden" name="action" value="delist_supervision" />
          摘牌原因 <input name="reason" size={30} required /> <button type="submit">摘牌</button>
        </form>
      ) : null}
      {hazard.status === 'assigned' || hazard.status === 'rectifying' ? (
        <>
          <form method="post" action={action}>
            <input type="hidden" name="action" value="extend" />
            新的整改期限 <input type="datetime-local" name="newDueAt" required /> 原因{' '}
            <input name="reason" size={30} required /> <button type="submit">延期</button>
          </form>
          <form method="post" action={action}>
            <input type="hidden" name="action" value="reassign" />
            改派给{' '}
            <select name="unitId" required>
              {unitOptions
                .filter((u) => u.id !== hazard.unitId)
                .map((u) => (
                  <option value={String(u.id)}>{u.name}</option>
                ))}
            </select>{' '}
            原因 <input name="reason" size={30} required /> <button type="submit">改派</button>
          </form>
        </>
      ) : null}
      {open ? (
        <form method="post" action={action}>
          <input type="hidden" name="action" value="regrade" />
          <input type="hidden" name="level" value={major ? 'general' : 'major'} />
          理由 <input name="reason" size={30} required />{' '}
          <button type="submit">改为{HAZARD_LEVEL_LABELS[major ? 'general' : 'major']}</button>
        </form>
      ) : null}
      {hazard.status === 'awaiting_verification' ? (
        <>
          <h4>责任单位整改反馈</h4>
          {rectification ? (
            <p>
              {rectification.note ?? '（未填写）'}
              <span class="meta">
                {' '}
                — {rectification.by ?? '责任单位'}，{when(rectification.at)}
                {rectification.mediaIds.length ? `，附整改后照片 ${rectification.mediaIds.length} 张（见下方）` : ''}
              </span>
            </p>
          ) : (
            <p class="meta">未找到整改反馈记录。</p>
          )}
          <form method="post" action={action}>
            <input type="hidden" name="action" value="verify_pass" />
            <button type="submit">验收通过（销号）</button>
          </form>
          <form method="post" action={action}>
            <input type="hidden" name="action" value="verify_fail" />
            不通过原因 <input name="reason" size={30} required /> <button type="submit">验收不通过</button>
          </form>
        </>
      ) : null}
    </div>
  )
}

/** On a complaint's page: the hazard it became, or the form to turn it into one (转为隐患). */
export async function ComplaintHazardLink(props: { c: Context<AppEnv>; complaint: typeof complaints.$inferSelect }) {
  const { c, complaint } = props
  if (complaint.hazardId !== null) {
    const [hazard] = await c
      .get('services')
      .db.select({ code: hazards.code })
      .from(hazards)
      .where(eq(hazards.id, complaint.hazardId))
    return (
      <p>
        已转为隐患：<a href={`/console/hazards/${encodeURIComponent(hazard?.code ?? '')}`}>{hazard?.code}</a>
      </p>
    )
  }
  if (complaint.status === 'rejected' || complaint.status === 'duplicate') return null
  return (
    <form method="post" action={`/console/complaints/${encodeURIComponent(complaint.code)}/hazard`}>
      <select name="level">
        <option value="general">一般隐患</option>
        <option value="major">重大隐患</option>
      </select>{' '}
      <button type="submit">转为隐患</button>（类别、地点和照片随之登记，销号后告知市民）
    </form>
  )
}

/** On a hazard's page: the complaint it was made from. */
export async function HazardComplaintLink(props: { c: Context<AppEnv>; hazard: HazardRow }) {
  const { c, hazard } = props
  if (hazard.complaintId === null) return null
  const [complaint] = await c
    .get('services')
    .db.select({ code: complaints.code })
    .from(complaints)
    .where(eq(complaints.id, hazard.complaintId))
  return complaint ? (
    <p>
      来自投诉：<a href={`/console/complaints/${encodeURIComponent(complaint.code)}`}>{complaint.code}</a>
    </p>
  ) : null
}
