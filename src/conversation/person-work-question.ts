import { and, countDistinct, eq, gte, inArray, lte } from 'drizzle-orm'
import { complaintEvents, hazardEvents, people } from '../db/schema'
import type { Actor } from '../domain/roles'
import { describeFigures } from './figures-question'
import { type PeriodSaid, periodMeant, periodSaidIn, THIS_MONTH } from './period-said'
import type { Turn } from './types'
import { unitNamedIn } from './unit-named'

/**
 * 「李娜最近处理了几个投诉」「张伟这个月整改了几个隐患」: what one person has done in a period, counted from the ledger's
 * events — each step is recorded with who took it, so nobody keeps a tally by hand. (It was not understood.)
 */
const PERSON_DID =
  /^([\u4e00-\u9fa5]{2,3}?)(?:今天|昨天|本周|这周|这个?星期|上周|本月|这个?月|上个?月|最近(?:一周|一个?月)?|近(?:7|30)天)?(?:一共|总共|都)?(?:处理|办理|办结|答复|回复|签收|整改|验收)(?:了|过)?(?:几|多少)(?:个|件|项|起)?(投诉|隐患)/
/** Words in the name's place that are no one's name. */
const NOT_A_NAME = /^(?:我|你|他|她|咱|谁|哪|各|全|本|这|那|今|昨|上|最|近|单位|部门)/

export interface PersonWorkAsked {
  name: string
  of: 'complaints' | 'hazards'
  period: PeriodSaid
}

export function personWorkAsked(input: string): PersonWorkAsked | undefined {
  const said = PERSON_DID.exec(input.trim())
  const name = said?.[1]
  if (!said || !name || NOT_A_NAME.test(name)) return undefined
  // 「最近」 alone is the last 30 days, as 「最近一个月」 is.
  const period =
    periodSaidIn(input) ??
    (/最近/.test(input) ? { kind: 'month' as const, previous: false, said: '近30天', lastDays: 30 } : THIS_MONTH)
  return { name, of: said[2] === '投诉' ? 'complaints' : 'hazards', period }
}

/** The steps counted: a complaint signed for and answered; a hazard taken on and reported rectified. */
const COMPLAINT_STEPS = ['accept', 'reply'] as const
const HAZARD_STEPS = ['accept', 'report_rectification', 'verify_pass', 'verify_fail'] as const

/**
 * The counts, for those briefed on the city or the person's own unit's people (a unit said short gets its figures);
 * undefined when the asker may not see them, for the words to be read otherwise.
 */
export async function describePersonWork(
  turn: Turn,
  actor: Actor,
  briefed: boolean,
  asked: PersonWorkAsked,
): Promise<string | undefined> {
  const { db, clock, timeZone } = turn.ctx
  const named = await db
    .select({ id: people.id, unitId: people.unitId })
    .from(people)
    .where(and(eq(people.name, asked.name), eq(people.active, true)))
  const [person, another] = named
  // Nobody by the name: a unit said short (「市政处理了几个投诉」) is asked its figures for the period; anyone else is not
  // found.
  if (!person) {
    const unit = await unitNamedIn(turn, asked.name)
    if (!unit) return `没有找到名叫${asked.name}的在岗人员。`
    return briefed || unit.id === actor.unitId ? describeFigures(turn, asked.period, unit) : undefined
  }
  if (another) return `有不止一位叫${asked.name}的同事，请在管理后台按单位查看。`
  if (!briefed && person.unitId !== actor.unitId) return '其他单位人员的办理情况由领导和督查员查看。'
  const period = periodMeant(asked.period, clock.now(), timeZone)
  const label = asked.period.said
  if (asked.of === 'complaints') {
    const rows = await db
      .select({ kind: complaintEvents.kind, n: countDistinct(complaintEvents.complaintId) })
      .from(complaintEvents)
      .where(
        and(
          eq(complaintEvents.actorId, person.id),
          inArray(complaintEvents.kind, [...COMPLAINT_STEPS]),
          gte(complaintEvents.at, period.startAt),
          lte(complaintEvents.at, period.endAt),
        ),
      )
      .groupBy(complaintEvents.kind)
    const n = (kind: string) => rows.find((r) => r.kind === kind)?.n ?? 0
    return `${asked.name}${label}签收投诉 ${n('accept')} 件，答复市民 ${n('reply')} 件。`
  }
  const rows = await db
    .select({ kind: hazardEvents.kind, n: countDistinct(hazardEvents.hazardId) })
    .from(hazardEvents)
    .where(
      and(
        eq(hazardEvents.actorId, person.id),
        inArray(hazardEvents.kind, [...HAZARD_STEPS]),
        gte(hazardEvents.at, period.startAt),
        lte(hazardEvents.at, period.endAt),
      ),
    )
    .groupBy(hazardEvents.kind)
  const n = (kind: string) => rows.find((r) => r.kind === kind)?.n ?? 0
  const checked = n('verify_pass') + n('verify_fail')
  return `${asked.name}${label}接收隐患 ${n('accept')} 项，提交整改反馈 ${n('report_rectification')} 项${checked > 0 ? `，验收 ${checked} 项` : ''}。`
}
