import { eq } from 'drizzle-orm'
import type { z } from 'zod'
import type { FormId } from '../../../bots/forms'
import { people } from '../../db/schema'
import { type Category, isCategory } from '../../domain/categories'
import { RuleViolation } from '../../domain/errors'
import type { HazardLevel } from '../../domain/hazard-lifecycle'
import { localDate } from '../../domain/local-time'
import { PATROL_FOCUSES, type PatrolFocus } from '../../domain/patrol-rules'
import type { Actor } from '../../domain/roles'
import { vetoReasons } from '../../domain/scoring'
import { accidentFacts, type NewAccident, recordAccident } from '../../services/accidents'
import { fillCampaignTable } from '../../services/campaigns'
import type { ServiceContext } from '../../services/context'
import { addDuplicateHazardReport } from '../../services/hazard-followups'
import { notifyHazardAssignment, unitName } from '../../services/hazard-notices'
import { applyHazardCommand, reportHazard } from '../../services/hazards'
import { linkMedia } from '../../services/media'
import { announcePatrol } from '../../services/patrol-notices'
import { recordPatrol, recordSupervision } from '../../services/patrols'
import { recordTeamPatrol } from '../../services/team-patrols'
import { formatLocal } from '../format'
import type { CheckAnswer } from './checklist'
import { hazardsInReport } from './hazard-split'

/** What each confirmed form does: one service call, its media linked, the responsible people told. */
interface DraftHazard {
  description: string
  /** How many places the statement counts (「井盖破损2处」): each place is a hazard of its own to rectify. */
  count?: number
  category?: string
  level?: string
  locationText?: string
  mediaIds?: number[]
  latitude?: number
  longitude?: number
}

const str = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim() : undefined)
const isPatrolFocus = (v: unknown): v is PatrolFocus => PATROL_FOCUSES.includes(v as PatrolFocus)
const chosenDate = (v: unknown) => (typeof v === 'string' && v !== 'default' ? new Date(v) : undefined)
const ids = (v: unknown) => (Array.isArray(v) ? v.filter((x): x is number => typeof x === 'number') : [])

export async function saveForm(
  form: FormId,
  draft: Record<string, unknown>,
  ctx: ServiceContext,
  actor: Actor,
): Promise<string> {
  switch (form) {
    case 'patrol':
      return savePatrol(draft, ctx, actor)
    case 'hazard':
      return saveHazard(draft, ctx, actor)
    case 'assignment': {
      // A major hazard's deadline is its 五落实 时限; a general one's is given, or 「默认」 (the category's period).
      const timeLimit = chosenDate(draft.timeLimit)
      const hazard = await applyHazardCommand({
        ctx,
        hazardId: Number(draft.hazardId),
        command: {
          action: 'assign',
          unitId: Number(draft.unit),
          fiveFixes:
            draft.level === 'major'
              ? {
                  responsibility: str(draft.responsibility),
                  measures: str(draft.measures),
                  funding: str(draft.funding),
                  timeLimit: timeLimit ? `${localDate(timeLimit, ctx.timeZone)}前完成` : undefined,
                  contingencyPlan: str(draft.contingencyPlan),
                }
              : undefined,
        },
        actor,
        options: { rectifyDueAt: draft.level === 'major' ? timeLimit : chosenDate(draft.rectifyDueAt) },
      })
      await notifyHazardAssignment(ctx, hazard)
      return `隐患 ${hazard.code} ${await describeAssignment(ctx, hazard)}`
    }
    case 'rectification': {
      const hazard = await applyHazardCommand({
        ctx,
        hazardId: Number(draft.hazardId),
        command: { action: 'report_rectification', note: String(draft.note ?? '') },
        actor,
        options: { mediaIds: ids(draft.mediaIds) },
      })
      return `已提交隐患 ${hazard.code} 的整改反馈，等待督查验收。`
    }
    case 'verification': {
      const hazard = await applyHazardCommand({
        ctx,
        hazardId: Number(draft.hazardId),
        command:
          draft.verdict === 'pass'
            ? { action: 'verify_pass' }
            : { action: 'verify_fail', reason: String(draft.reason ?? '') },
        actor,
        options: { mediaIds: ids(draft.mediaIds) },
      })
      return draft.verdict === 'pass'
        ? `隐患 ${hazard.code} 验收通过，已销号。`
        : `隐患 ${hazard.code} 验收不通过，已退回整改。`
    }
    case 'supervision': {
      if (actor.unitId === null) throw new RuleViolation('no_unit', '您的账号未关联单位，无法填写督查记录。')
      const row = await recordSupervision({
        ctx,
        input: {
          supervisorUnitId: actor.unitId,
          inspectedUnitId: Number(draft.inspectedUnit),
          inspectedAt: new Date(String(draft.inspectedAt)),
          lead: String(draft.lead ?? ''),
          members: String(draft.members ?? ''),
          matters: String(draft.matters ?? ''),
          problems: str(draft.problems),
          requirements: str(draft.requirements),
        },
        actor,
      })
      return `督查记录已保存，编号 ${row.code}。`
    }
    case 'campaign':
      return fillCampaignTable(ctx, actor, draft)
    case 'accident':
      return saveAccident(draft, ctx, actor)
    case 'team':
      return saveTeamPatrol(draft, ctx, actor)
  }
}

async function savePatrol(draft: Record<string, unknown>, ctx: ServiceContext, actor: Actor): Promise<string> {
  if (actor.unitId === null) throw new RuleViolation('no_unit', '您的账号未关联单位，无法填报巡查记录。')
  const found = (Array.isArray(draft.hazards) ? draft.hazards : []) as DraftHazard[]
  const { patrol, hazards } = await recordPatrol({
    ctx,
    input: {
      unitId: actor.unitId,
      startedAt: new Date(String(draft.startedAt)),
      endedAt: new Date(String(draft.endedAt)),
      area: String(draft.area ?? ''),
      patrollers: String(draft.patrollers ?? ''),
      staffCount: Number(draft.staffCount),
      vehicleCount: Number(draft.vehicleCount ?? 0),
      handlingResult: str(draft.handlingResult),
      teamLeader: str(draft.teamLeader),
      focus: isPatrolFocus(draft.focus) ? draft.focus : 'routine',
      hazards: found.flatMap(eachPlace).map((h) => ({
        description: h.description,
        category: (h.category && isCategory(h.category) ? h.category : 'other') as Category,
        level: (h.level === 'major' ? 'major' : 'general') as HazardLevel,
        locationText: h.locationText ?? str(draft.area),
        latitude: h.latitude,
        longitude: h.longitude,
        mediaIds: h.mediaIds ?? [],
      })),
    },
    actor,
  })
  const lines = [`巡查记录已保存，编号 ${patrol.code}。`]
  for (const hazard of hazards) {
    lines.push(`隐患 ${hazard.code}：${await describeAssignment(ctx, hazard)}`)
  }
  await linkMedia(ctx.db, ids(draft.mediaIds), { type: 'patrol', id: patrol.id })
  await announcePatrol(ctx, patrol, hazards)
  return lines.join('\n')
}

/**
 * A statement of several places becomes one hazard per place, so the 发现隐患（处）on every form is the count
 * the patrol reported and each place is rectified and closed (销号) on its own. The photos stay with the first.
 */
function eachPlace(hazard: DraftHazard): DraftHazard[] {
  const count = Number.isInteger(hazard.count) && (hazard.count ?? 1) > 1 ? Math.min(hazard.count ?? 1, 99) : 1
  if (count === 1) return [hazard]
  return Array.from({ length: count }, (_, i) => ({
    ...hazard,
    description: `${hazard.description}（第${i + 1}处，共${count}处）`.slice(0, 500),
    mediaIds: i === 0 ? hazard.mediaIds : [],
  }))
}

async function saveHazard(draft: Record<string, unknown>, ctx: ServiceContext, actor: Actor): Promise<string> {
  if (typeof draft.duplicateOf === 'number') {
    // The reporter said it is the same problem: the report joins the existing record as evidence.
    await addDuplicateHazardReport(ctx, draft.duplicateOf, actor, {
      description: String(draft.description ?? ''),
      mediaIds: ids(draft.mediaIds),
    })
    return `已关联到原隐患 ${String(draft.duplicateCode)}，照片和说明已补充到该记录。`
  }
  // Several defects in one report are several places found, each its own record (same place and
  // level; the photos stay with the first), as the summary said before 确认.
  // Each is at the place it names, of the kind it names (「人民路井盖缺失，建设路路灯不亮」).
  const statements = hazardsInReport(String(draft.description ?? ''))
  const saved: string[] = []
  for (const [index, { description, locationText, category }] of statements.entries()) {
    const mediaIds = index === 0 ? ids(draft.mediaIds) : []
    const hazard = await reportHazard({
      ctx,
      input: {
        description,
        category: category ?? ((isCategory(String(draft.category)) ? draft.category : 'other') as Category),
        level: draft.level === 'major' ? 'major' : 'general',
        locationText: (statements.length > 1 ? locationText : undefined) ?? str(draft.locationText),
        latitude: typeof draft.latitude === 'number' ? draft.latitude : undefined,
        longitude: typeof draft.longitude === 'number' ? draft.longitude : undefined,
        mediaIds,
      },
      actor,
    })
    await notifyHazardAssignment(ctx, hazard)
    saved.push(
      statements.length === 1
        ? `隐患已上报，编号 ${hazard.code}。${await describeAssignment(ctx, hazard)}`
        : `${index + 1}. ${hazard.code} ${description}：${await describeAssignment(ctx, hazard)}`,
    )
  }
  return statements.length === 1 ? (saved[0] as string) : `共 ${statements.length} 处隐患已上报：\n${saved.join('\n')}`
}

async function describeAssignment(
  ctx: ServiceContext,
  hazard: { status: string; unitId: number | null; rectifyDueAt: Date | null; level: string },
): Promise<string> {
  if (hazard.status === 'assigned') {
    const due = hazard.rectifyDueAt
      ? `，整改期限 ${formatLocal(hazard.rectifyDueAt, ctx.timeZone, ctx.clock.now())}`
      : ''
    return `已交办${await unitName(ctx, hazard.unitId)}${due}。`
  }
  return hazard.level === 'major' ? '重大隐患待督查落实“五落实”后交办。' : '待值班员分派责任单位。'
}

/** 事故登记 from chat, as the console records it: the assessment reads it at once (2-5, 一票否决). */
async function saveAccident(draft: Record<string, unknown>, ctx: ServiceContext, actor: Actor): Promise<string> {
  const [person] =
    actor.personId === null
      ? []
      : await ctx.db.select({ name: people.name }).from(people).where(eq(people.id, actor.personId))
  const points = Number(draft.negligencePoints ?? 0)
  const row = await recordAccident(
    ctx,
    { personId: actor.personId, label: person?.name ?? '对话' },
    {
      unitId: Number(draft.unit),
      occurredOn: localDate(new Date(String(draft.occurredAt)), ctx.timeZone),
      place: String(draft.place ?? ''),
      level: draft.accidentLevel as z.input<typeof NewAccident>['level'],
      deaths: Number(draft.deaths ?? 0),
      reporting: draft.reporting as z.input<typeof NewAccident>['reporting'],
      mediaExposure: draft.mediaExposure as z.input<typeof NewAccident>['mediaExposure'],
      negligencePoints: points > 0 ? points : undefined,
      description: String(draft.description ?? ''),
    },
  )
  // 一票否决 reads the unit's whole year: say at once when this accident (with the others) triggers it.
  const year = await accidentFacts(ctx.db, row.unitId, `${row.occurredOn.slice(0, 4)}-01-01`, row.occurredOn)
  const veto = vetoReasons(year)
  return `事故已登记（编号 A${row.id}），已计入考核。${veto.length ? `该单位本年度一票否决：${veto.join('；')}。` : ''}`
}

/** 巡查组巡查 with its checklist: every 不符合 becomes an item on the team's problem list. */
async function saveTeamPatrol(draft: Record<string, unknown>, ctx: ServiceContext, actor: Actor): Promise<string> {
  const results = Object.entries(draft)
    .filter(([key]) => key.startsWith('check_'))
    .map(([key, value]) => {
      const answer = value as CheckAnswer
      return {
        itemId: key.replace(/^check_/, '').replaceAll('_', '.'),
        verdict: answer.verdict,
        note: answer.note,
        mediaIds: answer.mediaIds,
      }
    })
  const { patrol, problems } = await recordTeamPatrol(
    ctx,
    {
      teamName: String(draft.teamName ?? ''),
      teamLeader: String(draft.teamLeader ?? ''),
      members: String(draft.members ?? ''),
      target: String(draft.target ?? ''),
      startedAt: new Date(String(draft.startedAt)),
      endedAt: new Date(String(draft.endedAt)),
      results,
    },
    actor,
  )
  const due = patrol.reportDueAt ? formatLocal(patrol.reportDueAt, ctx.timeZone, ctx.clock.now()) : ''
  const list = problems.length
    ? `问题清单 ${problems.length} 项：${problems.map((p) => p.code).join('、')}。逐项「诊断 WT编号 原因；类别」「分类 WT编号 立即整改|限期 日期|移交 部门」「移交 WT编号 单位」「销号 WT编号 整改结果」。`
    : '检查表无不符合项。'
  return `巡查组巡查已保存，编号 ${patrol.code}。${list}巡查报告须在 ${due} 前提交（发送「提交巡查报告 ${patrol.code}」）。`
}
