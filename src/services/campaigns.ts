import { and, asc, desc, eq, gte, isNotNull, isNull, lt, lte } from 'drizzle-orm'
import { z } from 'zod'
import { campaigns, campaignUnits, people, periodicReports, units } from '../db/schema'
import { RuleViolation } from '../domain/errors'
import { localDate, startOfLocalDay } from '../domain/local-time'
import { campaignCovers } from '../domain/obligations'
import type { Period } from '../domain/periods'
import { CAMPAIGN_ASPECTS, type CampaignEnforcement, type CampaignForm } from '../reports/annex/content'
import { type AdminActor, audited } from './audit'
import type { ServiceContext } from './context'
import { periodFigures } from './figures'
import type { ReportSubject } from './reports'

/**
 * Special campaigns (专项整治三年行动, source 004) and their monthly statistics table. Section 2 comes from the
 * ledger; sections 1, 3, 4 and 5 are what the unit enters for the month (figures of the month for 1 and 3,
 * which the table shows summed since the campaign started; current figures for 4; the problems for 5).
 */
const count = z.coerce.number().int('请填写整数').min(0, '不能为负数').max(100_000, '数字过大')
export const CampaignEntries = z.object({
  study: z.object({ sessions: count, mediaReports: count }),
  enforcement: z.object({
    crackdowns: count,
    closures: count,
    suspensions: count,
    finesWan: z.coerce.number().min(0, '不能为负数').max(1_000_000, '数字过大'),
    jointPunishments: count,
    accountableUnits: count,
    accountablePeople: count,
  }),
  risks: z.object({ identified: count, controlled: count }),
  problems: z
    .array(
      z.object({
        aspect: z.enum(CAMPAIGN_ASPECTS),
        problem: z.string().trim().max(500),
        detail: z.string().trim().max(1000),
        measures: z.string().trim().max(1000),
      }),
    )
    .max(CAMPAIGN_ASPECTS.length),
})
export type CampaignEntries = z.infer<typeof CampaignEntries>

export const EMPTY_ENFORCEMENT: CampaignEnforcement = {
  crackdowns: 0,
  closures: 0,
  suspensions: 0,
  finesWan: 0,
  jointPunishments: 0,
  accountableUnits: 0,
  accountablePeople: 0,
}

export type CampaignRow = typeof campaigns.$inferSelect

/** The campaign a unit files for in a period: the earliest one it takes part in that ran during the period. */
export async function campaignOf(
  ctx: ServiceContext,
  unitId: number,
  period: Period,
): Promise<CampaignRow | undefined> {
  const rows = await ctx.db
    .select({ campaign: campaigns })
    .from(campaigns)
    .innerJoin(campaignUnits, eq(campaignUnits.campaignId, campaigns.id))
    .where(eq(campaignUnits.unitId, unitId))
    .orderBy(asc(campaigns.startsOn), asc(campaigns.id))
  return rows.map((r) => r.campaign).find((c) => campaignCovers(c, period))
}

/** Units taking part in any campaign, with their campaigns (for the monthly obligation). */
export async function campaignMemberships(ctx: ServiceContext) {
  return ctx.db
    .select({ unitId: campaignUnits.unitId, startsOn: campaigns.startsOn, endsOn: campaigns.endsOn })
    .from(campaignUnits)
    .innerJoin(campaigns, eq(campaigns.id, campaignUnits.campaignId))
    .innerJoin(units, eq(units.id, campaignUnits.unitId))
    .where(eq(units.active, true))
}

function parsedEntries(value: unknown): CampaignEntries | undefined {
  const parsed = CampaignEntries.safeParse(value)
  return parsed.success ? parsed.data : undefined
}

/** The entries the unit filed last time, offered as the starting point of this month's table. */
export async function previousEntries(
  ctx: ServiceContext,
  unitId: number,
  before: string,
): Promise<CampaignEntries | undefined> {
  const rows = await ctx.db
    .select({ entries: periodicReports.entries, periodStart: periodicReports.periodStart })
    .from(periodicReports)
    .where(
      and(
        eq(periodicReports.kind, 'campaign'),
        eq(periodicReports.unitId, unitId),
        lt(periodicReports.periodStart, before),
        isNotNull(periodicReports.entries),
      ),
    )
    .orderBy(desc(periodicReports.periodStart))
  // The newest earlier table whose entries still validate.
  return rows.map((r) => parsedEntries(r.entries)).find((e) => e !== undefined)
}

/** Source 004 附件 for a unit and month: cumulative sections 1–3 since the campaign started, 4 and 5 as entered. */
export async function campaignForm(
  ctx: ServiceContext,
  unitId: number,
  period: Period,
  subject?: ReportSubject,
): Promise<CampaignForm> {
  const campaign = await campaignOf(ctx, unitId, period)
  const [unit] = await ctx.db.select({ name: units.name }).from(units).where(eq(units.id, unitId))
  const since = campaign?.startsOn ?? period.start
  const cumulative = await periodFigures(
    ctx.db,
    { ...period, start: since, startAt: startOfLocalDay(since, ctx.timeZone) },
    unitId,
  )
  // Sections 1 and 3: every month's entries from the campaign's start up to this one.
  const filed = await ctx.db
    .select({ entries: periodicReports.entries, id: periodicReports.id })
    .from(periodicReports)
    .where(
      and(
        eq(periodicReports.kind, 'campaign'),
        eq(periodicReports.unitId, unitId),
        gte(periodicReports.periodStart, since),
        lte(periodicReports.periodStart, period.start),
      ),
    )
  const months = filed.map((r) => (r.id === subject?.id ? subject.entries : r.entries)).map(parsedEntries)
  const own = parsedEntries(subject?.entries)
  const study = { sessions: 0, mediaReports: 0 }
  const enforcement = { ...EMPTY_ENFORCEMENT }
  for (const month of months) {
    if (!month) continue
    study.sessions += month.study.sessions
    study.mediaReports += month.study.mediaReports
    for (const key of Object.keys(enforcement) as (keyof CampaignEnforcement)[])
      enforcement[key] += month.enforcement[key]
  }
  enforcement.finesWan = Math.round(enforcement.finesWan * 100) / 100
  const [contact] = subject?.confirmedById
    ? await ctx.db
        .select({ name: people.name, phone: people.phone })
        .from(people)
        .where(eq(people.id, subject.confirmedById))
    : []
  return {
    campaign: campaign?.name ?? '',
    unitName: unit?.name ?? '',
    filledOn: dateWords(localDate(ctx.clock.now(), ctx.timeZone)),
    coversUntil: dateWords(period.end),
    study,
    hazards: {
      general: {
        found: cumulative.general.found,
        rectified: cumulative.general.rectified,
        rate: percentFigure(cumulative.general.rectificationRate),
      },
      major: {
        found: cumulative.major.found,
        rectified: cumulative.major.rectified,
        rate: percentFigure(cumulative.major.rectificationRate),
        listed: cumulative.majorListed,
      },
    },
    enforcement,
    risks: own?.risks ?? { identified: 0, controlled: 0 },
    problems: own?.problems ?? [],
    contact: contact?.name ?? '',
    phone: contact?.phone ?? '',
  }
}

/** Records a unit's entries for its open campaign table (chat form, console or API). */
export async function saveCampaignEntries(
  ctx: ServiceContext,
  reportId: number,
  entries: CampaignEntries,
): Promise<void> {
  await ctx.db
    .update(periodicReports)
    .set({ entries: CampaignEntries.parse(entries) as unknown as Record<string, unknown> })
    .where(eq(periodicReports.id, reportId))
}

export const NewCampaign = z.object({
  name: z.string().trim().min(2, '请填写行动名称').max(100),
  startsOn: z.iso.date('请按 YYYY-MM-DD 填写开始日期'),
  endsOn: z.iso.date('请按 YYYY-MM-DD 填写结束日期').optional(),
  unitIds: z.array(z.coerce.number().int().positive()).min(1, '请至少选择一个参加单位'),
})

/** The admin creates a campaign and names the units taking part. */
export async function createCampaign(
  ctx: ServiceContext,
  actor: AdminActor,
  input: z.input<typeof NewCampaign>,
): Promise<CampaignRow> {
  const data = NewCampaign.parse(input)
  if (data.endsOn && data.endsOn < data.startsOn) throw new RuleViolation('invalid_dates', '结束日期不能早于开始日期')
  const created = await audited(ctx, actor, { action: 'create_campaign', entity: 'campaign' }, async (tx) => {
    const [row] = await tx
      .insert(campaigns)
      .values({ name: data.name, startsOn: data.startsOn, endsOn: data.endsOn ?? null, createdAt: ctx.clock.now() })
      .returning()
    if (!row) throw new Error('campaign insert returned nothing')
    const unitIds = [...new Set(data.unitIds)]
    for (const unitId of unitIds) await tx.insert(campaignUnits).values({ campaignId: row.id, unitId })
    return { entityId: String(row.id), before: null, after: { ...row, unitIds } }
  })
  return created
}

/**
 * The unit's campaign table to fill next: the oldest one not yet submitted, since it is due first and
 * the later months' cumulative figures build on it.
 */
export async function openCampaignReport(ctx: ServiceContext, unitId: number) {
  const [row] = await ctx.db
    .select()
    .from(periodicReports)
    .where(
      and(
        eq(periodicReports.kind, 'campaign'),
        eq(periodicReports.unitId, unitId),
        isNull(periodicReports.submittedAt),
      ),
    )
    .orderBy(desc(periodicReports.periodStart))
    .limit(1)
  return row
}

/** What the chat form offers before asking: this table's entries so far, else last month's sections 4 and 5. */
export async function campaignStartingPoint(
  ctx: ServiceContext,
  unitId: number,
): Promise<{ reportId: number; periodStart: string; draft: Record<string, unknown> } | undefined> {
  const open = await openCampaignReport(ctx, unitId)
  if (!open) return undefined
  const own = parsedEntries(open.entries)
  if (own)
    return {
      reportId: open.id,
      periodStart: open.periodStart,
      draft: {
        study: [own.study.sessions, own.study.mediaReports],
        enforcement: enforcementNumbers(own.enforcement),
        risks: [own.risks.identified, own.risks.controlled],
        problems: own.problems,
      },
    }
  const last = await previousEntries(ctx, unitId, open.periodStart)
  return {
    reportId: open.id,
    periodStart: open.periodStart,
    draft: last ? { risks: [last.risks.identified, last.risks.controlled], problems: last.problems } : {},
  }
}

const ENFORCEMENT_ORDER: (keyof CampaignEnforcement)[] = [
  'crackdowns',
  'closures',
  'suspensions',
  'finesWan',
  'jointPunishments',
  'accountableUnits',
  'accountablePeople',
]

function enforcementNumbers(e: CampaignEnforcement): number[] {
  return ENFORCEMENT_ORDER.map((key) => e[key])
}

/** Saves the chat form's answers on the unit's open campaign table; the reply says what to do next. */
export async function fillCampaignTable(
  ctx: ServiceContext,
  actor: { unitId: number | null },
  draft: Record<string, unknown>,
): Promise<string> {
  if (actor.unitId === null) throw new RuleViolation('no_unit', '您的账号未关联单位，无法填报统计表。')
  const open = await openCampaignReport(ctx, actor.unitId)
  if (!open) throw new RuleViolation('not_owed', '您单位当前没有待填报的专项整治统计表。')
  const numbers = (key: string) => (Array.isArray(draft[key]) ? (draft[key] as number[]) : [])
  const [sessions = 0, mediaReports = 0] = numbers('study')
  const [identified = 0, controlled = 0] = numbers('risks')
  const enforcement = Object.fromEntries(ENFORCEMENT_ORDER.map((key, i) => [key, numbers('enforcement')[i] ?? 0]))
  const entries = CampaignEntries.safeParse({
    study: { sessions, mediaReports },
    enforcement,
    risks: { identified, controlled },
    problems: Array.isArray(draft.problems) ? draft.problems : [],
  })
  if (!entries.success)
    throw new RuleViolation('invalid_entries', `统计表填写有误：${entries.error.issues[0]?.message ?? '请核对数字'}。`)
  if (entries.data.risks.controlled > entries.data.risks.identified)
    throw new RuleViolation(
      'invalid_entries',
      '有效管控数量不能多于重大安全风险辨识评估数量，请「修改 安全风险辨识及管控」。',
    )
  await saveCampaignEntries(ctx, open.id, entries.data)
  return `已保存专项整治统计表（${open.periodStart.slice(0, 7)}）的填报内容。第1、2、3部分按行动开展以来累计数填入表中。核对无误后请发送「上报统计表」确认上报。`
}

/** 整改率（%） as the table's cell wants it: the number without the sign the header already has; — for 0 of 0. */
function percentFigure(rate: number | null): string {
  return rate === null ? '—' : (Math.round(rate * 1000) / 10).toFixed(1)
}

function dateWords(date: string): string {
  const [year, month, day] = date.split('-').map(Number)
  return `${year}年${month}月${day}日`
}
