import { and, asc, eq, inArray, isNotNull, isNull, or } from 'drizzle-orm'
import type { Database } from '../db/client'
import type { ChannelId } from '../db/schema'
import { people, periodicReports, signoffs, supervisions, units } from '../db/schema'
import { RuleViolation } from '../domain/errors'
import { REPORT_KIND_LABELS, type ReportKind } from '../domain/obligations'
import {
  hasFillerLine,
  LEADER_LINES,
  missingLines,
  SIGNOFF_LINE_LABELS,
  type SignedReportKind,
  type SignoffLine,
} from '../domain/signoff-lines'
import { sendToPeople } from '../messaging/notify'
import { CampaignEntries } from './campaigns'
import type { ServiceContext } from './context'
import { announceToLeadOffice } from './report-receipts'
import { type PeriodicReportRow, renderReport } from './reports'

/**
 * Electronic sign-off in place of the wet signature (签字): the person who fills a report confirms it
 * (确认上报), then the unit's leader signs each leader line, by card button or typed 「签字」, in chat or the
 * console. The last signature submits the report and freezes it. 被督单位领导 acknowledges a supervision
 * the same way.
 */
export interface Signer {
  id: number
  name: string
  role: string
  unitId: number | null
  channel: ChannelId | 'api'
}

/**
 * Who signs a unit's leader lines: the leader configured for the unit in the admin pages; without one, the
 * unit's own leaders, then its supervisors, then its handlers (a small unit whose most senior account in
 * the system is its handler still gets its forms signed, by a named person).
 */
export async function leaderSignersOf(db: Database, unitId: number): Promise<{ id: number; name: string }[]> {
  const [unit] = await db.select({ leaderId: units.leaderId }).from(units).where(eq(units.id, unitId))
  if (unit?.leaderId) {
    const [leader] = await db
      .select({ id: people.id, name: people.name })
      .from(people)
      .where(and(eq(people.id, unit.leaderId), eq(people.active, true)))
    if (leader) return [leader]
  }
  const staff = await db
    .select({ id: people.id, name: people.name, role: people.role })
    .from(people)
    .where(
      and(
        eq(people.unitId, unitId),
        eq(people.active, true),
        inArray(people.role, ['leader', 'supervisor', 'unit_handler']),
      ),
    )
    .orderBy(asc(people.id))
  for (const role of ['leader', 'supervisor', 'unit_handler'] as const) {
    const found = staff.filter((p) => p.role === role)
    if (found.length) return found.map(({ id, name }) => ({ id, name }))
  }
  return []
}

async function signedLines(ctx: ServiceContext, type: 'report' | 'supervision', id: number): Promise<Set<string>> {
  const rows = await ctx.db
    .select({ line: signoffs.line })
    .from(signoffs)
    .where(and(eq(signoffs.subjectType, type), eq(signoffs.subjectId, id)))
  return new Set(rows.map((r) => r.line))
}

async function sign(
  ctx: ServiceContext,
  subject: { type: 'report' | 'supervision'; id: number },
  line: SignoffLine,
  signer: Signer,
): Promise<void> {
  await ctx.db
    .insert(signoffs)
    .values({
      subjectType: subject.type,
      subjectId: subject.id,
      line,
      personId: signer.id,
      signerName: signer.name,
      channel: signer.channel,
      signedAt: ctx.clock.now(),
    })
    .onConflictDoNothing()
}

/** What still stands between a report and its submission, in words: 「分管领导签字（孙建国）」. */
export async function missingForReport(ctx: ServiceContext, row: PeriodicReportRow): Promise<string[]> {
  const kind = row.kind as SignedReportKind
  const missing = missingLines(kind, row.confirmedById !== null, await signedLines(ctx, 'report', row.id))
  const names = row.unitId === null ? '' : (await leaderSignersOf(ctx.db, row.unitId)).map((p) => p.name).join('、')
  return missing.map((m) =>
    m === 'confirmation' ? '填报人确认上报' : `${SIGNOFF_LINE_LABELS[m]}${names ? `（${names}）` : ''}`,
  )
}

export type SignoffOutcome =
  | { status: 'submitted'; report: PeriodicReportRow }
  | { status: 'awaiting'; report: PeriodicReportRow; waitingFor: string[] }

async function loadReport(ctx: ServiceContext, reportId: number): Promise<PeriodicReportRow> {
  const [row] = await ctx.db.select().from(periodicReports).where(eq(periodicReports.id, reportId))
  if (!row || row.unitId === null) throw new RuleViolation('not_found', '未找到该报表。')
  return row
}

function mayActFor(signer: Signer, unitId: number): boolean {
  return signer.role === 'admin' || signer.unitId === unitId
}

/**
 * 确认上报: the person filling the report accepts its figures and narrative (and signs 填表人 where the form
 * has that line). A leader confirming their own unit's report signs the leader lines too. The campaign
 * table needs its entered sections first.
 */
export async function confirmReport(
  ctx: ServiceContext,
  reportsDir: string,
  reportId: number,
  signer: Signer,
): Promise<SignoffOutcome> {
  let row = await loadReport(ctx, reportId)
  const unitId = row.unitId as number
  if (!mayActFor(signer, unitId)) throw new RuleViolation('forbidden', '只有本单位人员可以确认上报本单位的报表。')
  if (row.submittedAt) return { status: 'submitted', report: row }
  if (row.kind === 'campaign' && !CampaignEntries.safeParse(row.entries).success)
    throw new RuleViolation(
      'entries_missing',
      '统计表第1、3、4、5部分尚未填写。请先发送「填报统计表」填写（或在管理后台填写），再确认上报。',
    )
  const [confirmed] = await ctx.db
    .update(periodicReports)
    .set({ confirmedById: signer.id })
    .where(and(eq(periodicReports.id, reportId), isNull(periodicReports.submittedAt)))
    .returning()
  row = confirmed ?? row
  if (hasFillerLine(row.kind as SignedReportKind)) await sign(ctx, { type: 'report', id: reportId }, 'filler', signer)
  const leaders = await leaderSignersOf(ctx.db, unitId)
  if (leaders.some((l) => l.id === signer.id))
    for (const line of LEADER_LINES[row.kind as SignedReportKind])
      await sign(ctx, { type: 'report', id: reportId }, line, signer)
  return settle(ctx, reportsDir, row, signer)
}

/** 签字: the unit's leader signs the report's leader lines (after it was confirmed, or the daily record). */
export async function signReport(
  ctx: ServiceContext,
  reportsDir: string,
  reportId: number,
  signer: Signer,
): Promise<SignoffOutcome> {
  const row = await loadReport(ctx, reportId)
  const unitId = row.unitId as number
  if (row.submittedAt) return { status: 'submitted', report: row }
  const leaders = await leaderSignersOf(ctx.db, unitId)
  if (!leaders.some((l) => l.id === signer.id) && signer.role !== 'admin')
    throw new RuleViolation(
      'not_signer',
      `该报表应由${leaders.map((l) => l.name).join('、') || '本单位领导'}签字，您不是签字人。`,
    )
  const kind = row.kind as SignedReportKind
  if (kind !== 'daily' && row.confirmedById === null)
    throw new RuleViolation('not_confirmed', '该报表尚未由填报人确认上报，请先由填报人核对确认后再签字。')
  for (const line of LEADER_LINES[kind]) await sign(ctx, { type: 'report', id: reportId }, line, signer)
  return settle(ctx, reportsDir, row, signer)
}

/**
 * Submits when nothing is missing (the file rendered one last time with every signature, then frozen);
 * otherwise refreshes the draft and sends the leader a card to sign.
 */
async function settle(
  ctx: ServiceContext,
  reportsDir: string,
  row: PeriodicReportRow,
  actor: Signer,
): Promise<SignoffOutcome> {
  const fresh = await loadReport(ctx, row.id)
  const waitingFor = await missingForReport(ctx, fresh)
  const rendered = await renderReport(ctx, reportsDir, fresh)
  if (waitingFor.length > 0) {
    await askLeaderToSign(ctx, rendered, actor)
    return { status: 'awaiting', report: rendered, waitingFor }
  }
  const [submitted] = await ctx.db
    .update(periodicReports)
    .set({ submittedAt: ctx.clock.now() })
    .where(and(eq(periodicReports.id, row.id), isNull(periodicReports.submittedAt)))
    .returning()
  // A supervising unit's 附件4 goes on to the lead office (安监科), which confirms receipt.
  if (submitted) await announceToLeadOffice(ctx, submitted)
  return { status: 'submitted', report: submitted ?? rendered }
}

/** The card a leader signs from: what the report is, who confirmed it, a 确认签字 button. */
export async function askLeaderToSign(
  ctx: ServiceContext,
  row: PeriodicReportRow,
  confirmedBy?: Signer,
  notBefore?: Date,
): Promise<void> {
  if (row.unitId === null || row.submittedAt) return
  const kind = row.kind as SignedReportKind
  if (kind !== 'daily' && row.confirmedById === null) return
  const signed = await signedLines(ctx, 'report', row.id)
  const pending = LEADER_LINES[kind].filter((line) => !signed.has(line))
  if (pending.length === 0) return
  const leaders = (await leaderSignersOf(ctx.db, row.unitId)).filter((l) => l.id !== confirmedBy?.id)
  const [unit] = await ctx.db.select({ name: units.name }).from(units).where(eq(units.id, row.unitId))
  const period = row.periodStart === row.periodEnd ? row.periodStart : `${row.periodStart} 至 ${row.periodEnd}`
  const by = confirmedBy ? `已由${confirmedBy.name}确认，` : ''
  await sendToPeople(
    ctx.db,
    ctx.clock.now(),
    leaders.map((l) => l.id),
    {
      type: 'card',
      title: `【待签字】${unit?.name ?? ''}${REPORT_KIND_LABELS[kind as ReportKind]}`,
      description: `${period}的${REPORT_KIND_LABELS[kind as ReportKind]}${by}请核对后签字（${pending.map((l) => SIGNOFF_LINE_LABELS[l]).join('、')}）。签字后即上报。`,
      taskId: `report-sign-${row.id}`,
      buttons: [{ key: `report.sign:${row.id}`, text: '确认签字', style: 1 }],
      commandHint: '签字',
    },
    `report-sign:${row.id}`,
    notBefore,
  )
}

/** Reports waiting for this person's signature: confirmed (or daily), unsubmitted, of units they sign for. */
export async function reportsAwaitingSignature(db: Database, signer: Pick<Signer, 'id'>): Promise<PeriodicReportRow[]> {
  const open = await db
    .select()
    .from(periodicReports)
    .where(
      and(
        isNull(periodicReports.submittedAt),
        isNotNull(periodicReports.unitId),
        or(isNotNull(periodicReports.confirmedById), eq(periodicReports.kind, 'daily')),
      ),
    )
    .orderBy(asc(periodicReports.periodStart), asc(periodicReports.id))
  const mine: PeriodicReportRow[] = []
  const signersByUnit = new Map<number, number[]>()
  for (const row of open) {
    const unitId = row.unitId as number
    if (!LEADER_LINES[row.kind as SignedReportKind]?.length) continue
    if (!signersByUnit.has(unitId))
      signersByUnit.set(
        unitId,
        (await leaderSignersOf(db, unitId)).map((l) => l.id),
      )
    if (signersByUnit.get(unitId)?.includes(signer.id)) mine.push(row)
  }
  // Days first: a week's form shows each day's signature, so the days are signed before the week freezes.
  return mine.sort((a, b) => Number(b.kind === 'daily') - Number(a.kind === 'daily'))
}

/** Supervisions of units this person signs for whose 被督单位领导签字 is still empty. */
export async function supervisionsAwaitingSignature(db: Database, signer: Pick<Signer, 'id'>) {
  const rows = await db
    .select({ id: supervisions.id, code: supervisions.code, inspectedUnitId: supervisions.inspectedUnitId })
    .from(supervisions)
    .leftJoin(
      signoffs,
      and(
        eq(signoffs.subjectType, 'supervision'),
        eq(signoffs.subjectId, supervisions.id),
        eq(signoffs.line, 'inspected_leader'),
      ),
    )
    .where(isNull(signoffs.id))
    .orderBy(asc(supervisions.inspectedAt))
  const mine = []
  for (const row of rows)
    if ((await leaderSignersOf(db, row.inspectedUnitId)).some((l) => l.id === signer.id)) mine.push(row)
  return mine
}

/** 被督单位领导签字: the inspected unit's leader acknowledges a supervision record. */
export async function signSupervision(ctx: ServiceContext, supervisionId: number, signer: Signer): Promise<string> {
  const [row] = await ctx.db.select().from(supervisions).where(eq(supervisions.id, supervisionId))
  if (!row) throw new RuleViolation('not_found', '未找到该督查记录。')
  const leaders = await leaderSignersOf(ctx.db, row.inspectedUnitId)
  if (!leaders.some((l) => l.id === signer.id) && signer.role !== 'admin')
    throw new RuleViolation(
      'not_signer',
      `督查记录 ${row.code} 应由被督查单位领导${leaders.map((l) => l.name).join('、')}签字，您不是签字人。`,
    )
  await sign(ctx, { type: 'supervision', id: row.id }, 'inspected_leader', signer)
  return row.code
}

/** The card the inspected unit's leader acknowledges a supervision from. */
export async function askInspectedLeaderToSign(ctx: ServiceContext, supervisionId: number): Promise<void> {
  const [row] = await ctx.db.select().from(supervisions).where(eq(supervisions.id, supervisionId))
  if (!row) return
  const leaders = await leaderSignersOf(ctx.db, row.inspectedUnitId)
  const problems = row.problems?.trim() ? row.problems : '无'
  await sendToPeople(
    ctx.db,
    ctx.clock.now(),
    leaders.map((l) => l.id),
    {
      type: 'card',
      title: `【督查记录待签字】${row.code}`,
      description: `带队领导：${row.lead}\n督查事项：${row.matters}\n主要问题：${problems}\n整改要求：${row.requirements?.trim() || '无'}\n请核对后签字（被督单位领导签字）。`,
      taskId: `supervision-sign-${row.id}`,
      buttons: [{ key: `supervision.sign:${row.id}`, text: '确认签字', style: 1 }],
      commandHint: `签字 ${row.code}`,
    },
    `supervision-sign:${row.id}`,
  )
}

/**
 * Submission from the API or console on behalf of the unit: allowed only once the report has been
 * confirmed and every signature line signed (the last signature submits it anyway); otherwise says what
 * is missing.
 */
export async function submitSignedReport(
  ctx: ServiceContext,
  reportsDir: string,
  reportId: number,
): Promise<PeriodicReportRow> {
  const row = await loadReport(ctx, reportId)
  if (row.submittedAt) return row
  const missing = await missingForReport(ctx, row)
  if (missing.length > 0)
    throw new RuleViolation('unsigned', `报表尚未签字确认，不能上报。还需要：${missing.join('；')}。`)
  const outcome = await settle(ctx, reportsDir, row, { id: 0, name: '', role: 'admin', unitId: null, channel: 'api' })
  return outcome.report
}
