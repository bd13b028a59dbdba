import { eq } from 'drizzle-orm'
import { WORDING } from '../../bots/wording'
import { units } from '../db/schema'
import type { Actor } from '../domain/roles'
import type { PersonRow } from '../services/identities'
import {
  describeByCategory,
  describeByPlace,
  describeFigures,
  describeHazardsByUnit,
  describeMajorsInPeriod,
  describePatrolsByUnit,
  describePatrolsNamed,
  describeRatesByUnit,
  describeSatisfaction,
  describeSupervisions,
} from './figures-question'
import { describeComplaintsNamed, describeDueSoon, describeHazardsNamed } from './hazards-question'
import { type LedgerQuestion, OWN_UNIT } from './ledger-question'
import {
  asksWhichAreOpen,
  describeAwaitingCheck,
  describeLateByUnit,
  describeOpenComplaintsListed,
  describeOpenItems,
  describeOpenMajors,
  describeUnrectifiedHazards,
} from './open-items-question'
import { asksOwnOpen, describeOwnOpen } from './own-records'
import { describeRecordsListed } from './records-listed'
import {
  describeMissedPatrols,
  describeMissedPatrolsByUnit,
  describeScores,
  describeUnitScore,
} from './scores-question'
import { describeDangersOfPeriod } from './today-so-far'
import { listTodos, NO_TODOS } from './todo-list'
import type { Turn } from './types'
import { unitNamedIn } from './unit-named'

/** Those who get the digest: the city's figures and the ranking are theirs to ask for. */
export const BRIEFING_ROLES: ReadonlySet<string> = new Set(['leader', 'supervisor', 'duty_officer', 'admin'])

/** What is open now; for a unit's handler asking what needs doing (「有哪些隐患需要整改」), their own to-do — unless the whole city or every unit is asked after. */
export async function describeOpen(turn: Turn, actor: Actor, input: string): Promise<string> {
  // 「我还有几个隐患没整改」 from a patroller: the hazards they reported (the city's counts had answered it).
  if (actor.personId !== null && asksOwnOpen(input, actor.role === 'field_staff'))
    return describeOwnOpen(turn, actor.personId)
  // 「我们单位有几个重大隐患还没销号」: the majors open, listed (the counts of everything open had answered it).
  if (NAMES_MAJORS.test(input) && !/投诉/.test(input))
    return describeOpenMajors(turn, await unitAskedAbout(turn, actor, input))
  // (「我手上超期的有哪些」「有超期的吗」: only the overdue.)
  if (actor.role === 'unit_handler' && actor.unitId !== null && !/全市|各|所有|哪些单位|哪个单位|哪家/.test(input))
    return listTodos(turn, actor, 1, LATE_ASKED.test(input) ? 'overdue' : 'newest')
  const unit = await unitAskedAbout(turn, actor, input)
  // 「哪些隐患还没整改」: which ones, listed (the counts alone had answered it).
  const which = asksWhichAreOpen(input)
  if (which?.of === 'hazards') return describeUnrectifiedHazards(turn, which.lateOnly, unit)
  if (which?.of === 'complaints')
    return describeOpenComplaintsListed(turn, which.lateOnly, unit, which.undispatchedOnly)
  return describeOpenItems(turn, unit)
}

/** 「我们排第几」「咱们得了多少分」: the asker's own unit, said without 单位. */
const WE_ASKED = /^(?:那)?(?:我们|咱们|咱)(?!全市|各)/

const NAMES_MAJORS = /重大(?:隐患|风险)/
/** 「超期的」「逾期了没有」: what is late asked after. */
const LATE_ASKED = /超期|逾期|超时|过期|过了期限/

/**
 * 「我们单位还有几个隐患没整改完」 from a leader of a unit: that unit's, not the city's; 「市政还有几个没整改」 the unit
 * named, for those briefed.
 */
async function unitAskedAbout(turn: Turn, actor: Actor, input: string) {
  if (OWN_UNIT.test(input)) return ownUnit(turn, actor)
  return BRIEFING_ROLES.has(actor.role) ? unitNamedIn(turn, input, { shortInSentence: true }) : undefined
}

/** 「待验收的有哪些」「我们单位有几个等着验收」: the hazards waiting for their check, the unit's when it is asked after. */
export async function describeAwaitingCheckAsked(turn: Turn, actor: Actor, input: string): Promise<string> {
  return describeAwaitingCheck(turn, await unitAskedAbout(turn, actor, input))
}

/**
 * The person's to-do; for those briefed with nothing of their own to do (「最近有什么需要我关注的」), what is open
 * across the city after it — an empty list told a leader nothing.
 */
export async function todoOrOpenItems(
  turn: Turn,
  person: PersonRow,
  actor: Actor,
  order: 'mostUrgent' | 'newest' = 'newest',
): Promise<string> {
  const todos = await listTodos(turn, actor, 1, order)
  if (todos !== NO_TODOS || !BRIEFING_ROLES.has(person.role)) return todos
  return `${todos}全市情况如下：\n${await describeOpenItems(turn)}`
}

/**
 * A question about the ledger worded in a way the precise readers above do not know. The city's figures and
 * the ranking are for those who receive the digest; others are told where their own figures are.
 */
export async function answerLedgerQuestion(
  turn: Turn,
  person: PersonRow,
  actor: Actor,
  input: string,
  asked: LedgerQuestion,
): Promise<string> {
  const briefed = BRIEFING_ROLES.has(person.role)
  switch (asked.kind) {
    case 'todo':
      return todoOrOpenItems(turn, person, actor, asked.mostUrgent ? 'mostUrgent' : 'newest')
    case 'majors':
      return describeOpenMajors(turn, await unitAskedAbout(turn, actor, input))
    case 'majorsInPeriod':
      return describeMajorsInPeriod(turn, asked.period)
    case 'open':
      return describeOpen(turn, actor, input)
    case 'scores': {
      // 「质安处考核多少分」: that unit's score and deductions, for those briefed.
      const named = briefed ? await unitNamedIn(turn, input, { shortInSentence: true }) : undefined
      if (named) return describeUnitScore(turn, named.id, asked)
      // 「本单位本月得分多少」 from a leader of a unit: that unit's, not the ranking. So is 「为什么扣了这么多分」: why
      // points were lost is asked of their own (it had been answered with the ranking), and 「我们排第几」 (a city
      // leader's 「我们」 is the bureau, not assessed: the ranking).
      const own =
        OWN_UNIT.test(input) || (/为什么|为啥|怎么/.test(input) && /扣/.test(input)) || WE_ASKED.test(input)
          ? await ownUnit(turn, actor)
          : undefined
      if (own) return describeUnitScore(turn, own.id, asked)
      if (briefed) return describeScores(turn, asked)
      // Anyone else hears their own unit's score.
      return actor.unitId !== null ? describeUnitScore(turn, actor.unitId, asked) : WORDING.figuresForBriefed
    }
    case 'missedPatrols': {
      // 「市政哪几天没巡查」: that unit's, for those briefed; otherwise the person's own unit's.
      const named = briefed ? await unitNamedIn(turn, input, { shortInSentence: true }) : undefined
      if (named) return describeMissedPatrols(turn, named.id, asked)
      // Those briefed, asking without their own unit named, hear every unit's.
      if (briefed && !OWN_UNIT.test(input)) return describeMissedPatrolsByUnit(turn, asked)
      return actor.unitId !== null ? describeMissedPatrols(turn, actor.unitId, asked) : WORDING.figuresForBriefed
    }
    case 'byCategory':
      return briefed ? describeByCategory(turn, asked.of, asked.period) : WORDING.figuresForBriefed
    case 'byPlace':
      return briefed ? describeByPlace(turn, asked.of, asked.period) : WORDING.figuresForBriefed
    case 'lateByUnit':
      return briefed ? describeLateByUnit(turn) : WORDING.figuresForBriefed
    case 'hazardsByUnit':
      return briefed ? describeHazardsByUnit(turn, asked.period) : WORDING.figuresForBriefed
    case 'figures': {
      // 「市政建设总公司本月巡查情况」: that unit's figures — for those briefed, or for the unit's own people;
      // 「我们单位今天巡了没有」: the person's own unit's.
      const unit =
        (await unitNamedIn(turn, input, { shortInSentence: true })) ??
        (OWN_UNIT.test(input) ? await ownUnit(turn, actor) : undefined)
      if (unit && (briefed || unit.id === actor.unitId)) return describeFigures(turn, asked.period, unit)
      if (briefed) return describeFigures(turn, asked.period)
      // 「今天的巡查情况怎么样」 from someone not briefed on the city: their own unit's figures, unless the city's
      // were asked for by name.
      const own = unit || CITY_WIDE.test(input) ? undefined : await ownUnit(turn, actor)
      return own ? describeFigures(turn, asked.period, own) : WORDING.figuresForBriefed
    }
    case 'ratesByUnit':
      return briefed ? describeRatesByUnit(turn, asked.period) : WORDING.figuresForBriefed
    case 'patrolsByUnit':
      return briefed ? describePatrolsByUnit(turn, asked.period, asked.ranked) : WORDING.figuresForBriefed
    case 'patrolsOfUnit': {
      // The unit named, or the asker's own; none named, every unit's count (「今天谁去巡查了」).
      const unit =
        (await unitNamedIn(turn, input, { shortInSentence: true })) ??
        (OWN_UNIT.test(input) || !briefed ? await ownUnit(turn, actor) : undefined)
      if (unit && (briefed || unit.id === actor.unitId))
        return describePatrolsNamed(turn, { period: asked.period, unit })
      return briefed ? describePatrolsByUnit(turn, asked.period) : WORDING.figuresForBriefed
    }
    case 'patrolsNamed': {
      // 「市政今天巡查了吗」: the name is a unit's (the start of 市政建设总公司), not a person's — its figures.
      const unit = asked.name ? await unitNamedIn(turn, asked.name) : undefined
      if (unit && (briefed || unit.id === actor.unitId)) return describeFigures(turn, asked.period, unit)
      return describePatrolsNamed(turn, asked)
    }
    case 'satisfaction':
      return briefed ? describeSatisfaction(turn, asked.period) : WORDING.figuresForBriefed
    case 'supervisions':
      return describeSupervisions(turn, asked.period, await unitNamedIn(turn, input, { shortInSentence: true }))
    case 'dueSoon':
      // A unit's handler asks after their own: the to-do, the nearest deadline first.
      return actor.role === 'unit_handler' && actor.unitId !== null
        ? listTodos(turn, actor, 1, 'mostUrgent')
        : describeDueSoon(turn, asked.about)
    case 'hazardsNamed':
      return describeHazardsNamed(turn, asked)
    case 'dangers': {
      // The city's for those briefed; a unit's people hear their own unit's.
      if (briefed && !OWN_UNIT.test(input)) return describeDangersOfPeriod(turn.ctx, asked.period)
      const own = await ownUnit(turn, actor)
      return own ? describeDangersOfPeriod(turn.ctx, asked.period, own) : WORDING.figuresForBriefed
    }
    case 'complaintsNamed':
      return describeComplaintsNamed(turn, asked)
    case 'listed': {
      if (briefed && !OWN_UNIT.test(input))
        return describeRecordsListed(turn, asked.of, asked.period, undefined, asked.latest)
      const own = await ownUnit(turn, actor)
      return own ? describeRecordsListed(turn, asked.of, asked.period, own, asked.latest) : WORDING.figuresForBriefed
    }
  }
}

/** The city's figures asked for by name, which only those briefed see. */
const CITY_WIDE = /全市|全局|全区|各单位|所有单位|每个单位|其他单位|别的单位/

/** The person's unit; none for the bureau itself, whose 「我们单位」 is the whole city. */
async function ownUnit(turn: Turn, actor: Actor): Promise<{ id: number; name: string } | undefined> {
  if (actor.unitId === null) return undefined
  const [unit] = await turn.ctx.db
    .select({ id: units.id, name: units.name, kind: units.kind })
    .from(units)
    .where(eq(units.id, actor.unitId))
  return unit && unit.kind !== 'bureau' ? { id: unit.id, name: unit.name } : undefined
}
