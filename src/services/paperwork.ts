import { and, asc, between, desc, eq, gte, inArray, isNull, lte, ne, type SQL } from 'drizzle-orm'
import { formatLocal } from '../conversation/format'
import { hazardEvents, hazards, patrols, people, signoffs, supervisions, units } from '../db/schema'
import { CATEGORY_LABELS } from '../domain/categories'
import { HAZARD_LEVEL_LABELS, HAZARD_STATUS_LABELS } from '../domain/hazard-lifecycle'
import { localDate } from '../domain/local-time'
import { PATROL_FOCUS_LABELS } from '../domain/patrol-rules'
import type { Period } from '../domain/periods'
import { distinctNames } from '../domain/signoff-lines'
import type {
  DailyRecordForm,
  LedgerEntry,
  PeriodicForm,
  Signature,
  SupervisionForm,
  WeeklyForm,
} from '../reports/annex/content'
import type { ServiceContext } from './context'
import { HAZARD_SUMMARY, inScope, periodFigures, type UnitScope } from './figures'
import { supervisedScope } from './supervision-assignments'

/**
 * The annex forms of the scheme (source 000 附件2–5) filled from the ledger: what each box says, which
 * signature lines are signed and by whom. Pure reading; drafting, signing and submitting live in
 * services/reports.ts and services/signoffs.ts.
 */

/** The bureau's name as printed before every form's title: the bureau unit's name in the admin pages. */
export async function bureauName(ctx: ServiceContext): Promise<string> {
  const [bureau] = await ctx.db
    .select({ name: units.name })
    .from(units)
    .where(eq(units.kind, 'bureau'))
    .orderBy(asc(units.id))
    .limit(1)
  return bureau?.name ?? ''
}

/** The signature on one line of a record, as the form prints it. */
export async function signatureOn(
  ctx: ServiceContext,
  subject: { type: 'report' | 'supervision'; id: number },
  line: string,
  label: string,
): Promise<Signature> {
  const [row] = await ctx.db
    .select()
    .from(signoffs)
    .where(and(eq(signoffs.subjectType, subject.type), eq(signoffs.subjectId, subject.id), eq(signoffs.line, line)))
  return row ? { label, signer: { name: row.signerName, at: stamp(ctx, row.signedAt) } } : { label }
}

/** 「2026-09-21 09:12」: a signature's time, always with the full date as on paper. */
export function stamp(ctx: ServiceContext, at: Date): string {
  const local = formatLocal(at, ctx.timeZone)
  const time = local.split(' ')[1] ?? ''
  return `${localDate(at, ctx.timeZone)} ${time}`
}

/** 附件2 for one unit and day: every patrol of the day, one row per hazard with its own 处理结果. */
export async function dailyRecordForm(
  ctx: ServiceContext,
  unitId: number,
  day: Period,
  reportId: number | null,
): Promise<DailyRecordForm> {
  const [unit] = await ctx.db.select({ name: units.name }).from(units).where(eq(units.id, unitId))
  const dayPatrols = await ctx.db
    .select({
      id: patrols.id,
      startedAt: patrols.startedAt,
      endedAt: patrols.endedAt,
      area: patrols.area,
      focus: patrols.focus,
      patrollers: patrols.patrollers,
      teamLeader: patrols.teamLeader,
      handlingResult: patrols.handlingResult,
      createdAt: patrols.createdAt,
      reporterName: people.name,
    })
    .from(patrols)
    .leftJoin(people, eq(people.id, patrols.reporterId))
    .where(
      and(eq(patrols.unitId, unitId), between(patrols.startedAt, day.startAt, day.endAt), isNull(patrols.voidedAt)),
    )
    .orderBy(asc(patrols.startedAt), asc(patrols.id))
  const found = dayPatrols.length
    ? await ctx.db
        .select({
          id: hazards.id,
          patrolId: hazards.patrolId,
          code: hazards.code,
          description: hazards.description,
          status: hazards.status,
        })
        .from(hazards)
        .where(
          inArray(
            hazards.patrolId,
            dayPatrols.map((p) => p.id),
          ),
        )
        .orderBy(asc(hazards.id))
    : []
  const notes = await latestNotes(
    ctx,
    found.map((h) => h.id),
  )
  const time = (d: Date) => formatLocal(d, ctx.timeZone).split(' ')[1] ?? ''
  const leaders = distinctNames(dayPatrols.map((p) => p.teamLeader || p.reporterName || ''))
  const lastConfirmed = dayPatrols.reduce<Date | null>(
    (latest, p) => (latest === null || p.createdAt > latest ? p.createdAt : latest),
    null,
  )
  return {
    bureau: await bureauName(ctx),
    unitName: unit?.name ?? '',
    date: day.start,
    patrols: dayPatrols.map((p) => {
      const own = found.filter((h) => h.patrolId === p.id)
      return {
        time: `${time(p.startedAt)}—${time(p.endedAt)}`,
        // A focused or special-period patrol says so beside its place (source 000 二).
        place: p.focus === 'routine' ? p.area : `${p.area}（${PATROL_FOCUS_LABELS[p.focus]}）`,
        patrollers: p.patrollers,
        findings: own.map((h) => ({
          hazard: `${h.description}（${h.code}）`,
          result: handlingOf(h.status, notes.get(h.id), own.length === 1 ? p.handlingResult : null),
        })),
      }
    }),
    // 带队领导 sign by confirming the patrol record itself: the team leader named on it, when it was saved.
    patrolLead:
      leaders.length && lastConfirmed
        ? { label: '巡查带队领导签字', signer: { name: leaders.join('、'), at: stamp(ctx, lastConfirmed) } }
        : { label: '巡查带队领导签字' },
    unitLeader:
      reportId === null
        ? { label: '单位分管或主管领导签字' }
        : await signatureOn(ctx, { type: 'report', id: reportId }, 'unit_leader', '单位分管或主管领导签字'),
  }
}

/** A hazard's 处理结果: what was done on the spot, then where it stands and the latest note. */
function handlingOf(
  status: keyof typeof HAZARD_STATUS_LABELS,
  note: string | undefined,
  onSpot: string | null,
): string {
  const parts = [onSpot?.trim(), `${HAZARD_STATUS_LABELS[status]}${note ? `：${note}` : ''}`].filter(Boolean)
  return parts.join('；')
}

async function latestNotes(ctx: ServiceContext, hazardIds: number[]): Promise<Map<number, string>> {
  if (hazardIds.length === 0) return new Map()
  const rows = await ctx.db
    .select({ hazardId: hazardEvents.hazardId, note: hazardEvents.note })
    .from(hazardEvents)
    .where(and(inArray(hazardEvents.hazardId, hazardIds), ne(hazardEvents.note, '')))
    .orderBy(asc(hazardEvents.at), asc(hazardEvents.id))
  const notes = new Map<number, string>()
  for (const row of rows) if (row.note) notes.set(row.hazardId, row.note)
  return notes
}

/** The hazards of a period for a ledger: found in it, by one unit or (supervising units) every patrol unit. */
async function periodHazards(ctx: ServiceContext, period: Period, scope?: UnitScope) {
  const filter: SQL[] = [between(hazards.foundAt, period.startAt, period.endAt), ne(hazards.status, 'voided')]
  const scoped = inScope(hazards.foundByUnitId, scope)
  if (scoped) filter.push(scoped)
  return ctx.db
    .select({
      ...HAZARD_SUMMARY,
      foundBy: units.name,
      patrolArea: patrols.area,
    })
    .from(hazards)
    .leftJoin(units, eq(units.id, hazards.foundByUnitId))
    .leftJoin(patrols, eq(patrols.id, hazards.patrolId))
    .where(and(...filter))
    .orderBy(asc(hazards.foundAt), asc(hazards.id))
}

/** Everyone named on the period's patrols, once each. */
async function patrollersOf(ctx: ServiceContext, period: Period, scope?: UnitScope): Promise<string[]> {
  const filter: SQL[] = [between(patrols.startedAt, period.startAt, period.endAt), isNull(patrols.voidedAt)]
  const scoped = inScope(patrols.unitId, scope)
  if (scoped) filter.push(scoped)
  const rows = await ctx.db
    .select({ patrollers: patrols.patrollers })
    .from(patrols)
    .where(and(...filter))
  return distinctNames(rows.map((r) => r.patrollers))
}

/** Where a hazard is: its own location, else the road or project of the patrol that found it. */
function placeOf(h: { locationText: string | null; patrolArea: string | null }): string {
  return h.locationText?.trim() || h.patrolArea?.trim() || '地点未填'
}

export interface Narrative {
  rectification?: string
  suggestions?: string
  mainWork?: string
}

/** 附件3 for a patrol unit's week. 整改隐患 counts every hazard closed in the week, whenever it was found. */
export async function weeklyForm(
  ctx: ServiceContext,
  unitId: number,
  period: Period,
  reportId: number | null,
  narrative: Narrative,
): Promise<WeeklyForm> {
  const [unit] = await ctx.db.select({ name: units.name }).from(units).where(eq(units.id, unitId))
  const figures = await periodFigures(ctx.db, period, unitId)
  const found = await periodHazards(ctx, period, unitId)
  const subject = reportId === null ? null : ({ type: 'report', id: reportId } as const)
  return {
    bureau: await bureauName(ctx),
    unitName: unit?.name ?? '',
    filedOn: localDate(ctx.clock.now(), ctx.timeZone),
    periodLabel: period.label,
    staffTurnouts: figures.staffTurnouts,
    vehicleTurnouts: figures.vehicleTurnouts,
    hazardsFound: figures.hazardsFound,
    hazardsRectified: figures.closedInPeriod,
    patrollers: (await patrollersOf(ctx, period, unitId)).join('、'),
    hazardLedger: found.map(
      (h, i) =>
        `${i + 1}. ${h.code} ${h.description}（${placeOf(h)}，${HAZARD_LEVEL_LABELS[h.level]}，${HAZARD_STATUS_LABELS[h.status]}）`,
    ),
    rectification: narrative.rectification ?? '',
    suggestions: narrative.suggestions ?? '',
    chargeLeader: subject
      ? await signatureOn(ctx, subject, 'charge_leader', '分管领导签字')
      : { label: '分管领导签字' },
    filler: subject ? await signatureOn(ctx, subject, 'filler', '填表人') : { label: '填表人' },
  }
}

/** 附件4 for a supervising unit: every supervised patrol unit's period, the complete ledger by industry. */
export async function periodicForm(
  ctx: ServiceContext,
  unitId: number,
  period: Period,
  reportId: number | null,
  narrative: Narrative,
): Promise<PeriodicForm> {
  const [unit] = await ctx.db.select({ name: units.name }).from(units).where(eq(units.id, unitId))
  // The lead office reports on the whole city; another supervising unit on the units it supervises.
  const scope = await supervisedScope(ctx.db, unitId)
  const figures = await periodFigures(ctx.db, period, scope)
  const found = await periodHazards(ctx, period, scope)
  const byCategory = new Map<string, LedgerEntry[]>()
  for (const h of found) {
    const label = CATEGORY_LABELS[h.category]
    const list = byCategory.get(label) ?? []
    list.push({
      code: h.code,
      description: h.description,
      place: placeOf(h) === '地点未填' ? '' : placeOf(h),
      level: HAZARD_LEVEL_LABELS[h.level],
      foundBy: h.foundBy ?? '',
      status: HAZARD_STATUS_LABELS[h.status],
    })
    byCategory.set(label, list)
  }
  return {
    bureau: await bureauName(ctx),
    unitName: unit?.name ?? '',
    filedOn: localDate(ctx.clock.now(), ctx.timeZone),
    period: period.kind === 'quarter' ? 'quarter' : 'month',
    periodLabel: period.label,
    distinctPatrollers: (await patrollersOf(ctx, period, scope)).length,
    vehicleTurnouts: figures.vehicleTurnouts,
    hazardsFound: figures.hazardsFound,
    hazardsRectified: figures.closedInPeriod,
    ledgerByCategory: [...byCategory].map(([category, entries]) => ({ category, entries })),
    mainWork: narrative.mainWork ?? '',
    suggestions: narrative.suggestions ?? '',
    chargeLeader:
      reportId === null
        ? { label: '分管负责人签字' }
        : await signatureOn(ctx, { type: 'report', id: reportId }, 'charge_leader', '分管负责人签字'),
  }
}

/** 附件5 for one supervision: 带队领导 signs by the record saved in their name, 被督单位领导 by acknowledging it. */
export async function supervisionForm(
  ctx: ServiceContext,
  supervisionId: number,
): Promise<SupervisionForm | undefined> {
  const [row] = await ctx.db.select().from(supervisions).where(eq(supervisions.id, supervisionId))
  if (!row) return undefined
  const [inspected] = await ctx.db.select({ name: units.name }).from(units).where(eq(units.id, row.inspectedUnitId))
  return {
    bureau: await bureauName(ctx),
    code: row.code,
    date: localDate(row.inspectedAt, ctx.timeZone),
    lead: row.lead,
    members: row.members ?? '',
    inspectedUnit: inspected?.name ?? '',
    matters: row.matters,
    problems: row.problems || '无',
    requirements: row.requirements || '无',
    inspectedLeader: await signatureOn(
      ctx,
      { type: 'supervision', id: row.id },
      'inspected_leader',
      '被督单位领导签字',
    ),
    leadSignature: { label: '带队领导签字', signer: { name: row.lead, at: stamp(ctx, row.createdAt) } },
  }
}

/** The supervisions a supervising unit carried out in a period, oldest first. */
export async function supervisionIdsIn(ctx: ServiceContext, unitId: number, period: Period): Promise<number[]> {
  const rows = await ctx.db
    .select({ id: supervisions.id })
    .from(supervisions)
    .where(
      and(
        eq(supervisions.supervisorUnitId, unitId),
        gte(supervisions.inspectedAt, period.startAt),
        lte(supervisions.inspectedAt, period.endAt),
      ),
    )
    .orderBy(asc(supervisions.inspectedAt), asc(supervisions.id))
  return rows.map((r) => r.id)
}

/** Days of a period on which the unit patrolled (the days that get a 附件2 sheet). */
export async function patrolDays(ctx: ServiceContext, unitId: number, period: Period): Promise<string[]> {
  const rows = await ctx.db
    .select({ startedAt: patrols.startedAt })
    .from(patrols)
    .where(
      and(
        eq(patrols.unitId, unitId),
        between(patrols.startedAt, period.startAt, period.endAt),
        isNull(patrols.voidedAt),
      ),
    )
    .orderBy(desc(patrols.startedAt))
  return [...new Set(rows.map((r) => localDate(r.startedAt, ctx.timeZone)))].sort()
}
