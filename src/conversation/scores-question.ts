import { localDate } from '../domain/local-time'
import { type Period, periodOfDate, previousPeriod } from '../domain/periods'
import { assessedUnits, scoreEach } from '../services/unit-scores'
import type { Turn } from './types'

/**
 * 「本月考核排名」「哪个单位分数最低」「上个月各单位得分」「把本月的考核结果发给我」: the assessment (考核) of every unit for the month, ranked —
 * what the 考核 page shows, for a leader on the phone. This month's scores are so far: deductions come as
 * deadlines pass.
 */
const ASKS_SCORES =
  /^(?:请问|帮我看看|看看|查一下|查查|帮我|麻烦)?(?:把|将)?(?:生成|出|做|导出|发|给我)?(?:一下|一份|个)?(?:本月|这个?月|上个?月|全年|今年|去年|本年度?|年度|本季度?|这个?季度|上个?季度|上半年|下半年|半年)?(?:的)?(?:各)?(?:单位)?(?:的)?(?:考核|评分|得分|分数|扣分|排名|排行)|排(?:在)?第几(?:名|位)?|第几名|排多少名|排(?:在)?哪(?:里|儿)?|排名(?:多少|怎么样|如何)|(?:哪个|哪些|哪家)单位(?:的)?(?:考核|得分|分数|扣分|表现|工作|成绩)?(?:最低|最高|最多|最少|最差|最好|最优|垫底|倒数|靠后|靠前|落后|排名)/

/** 「考核细则是什么」「考核怎么算」: how the assessment is made, which the staff answers tell — not the scores. */
export const ASKS_RULES = /细则|规则|办法|标准|依据|怎么算|如何算|怎么扣|怎么评|怎么考/

export function scoresAskedFor(input: string): ScoresAsked | undefined {
  if ([...input].length > 30 || !ASKS_SCORES.test(input) || ranksRecords(input) || ASKS_RULES.test(input))
    return undefined
  return scoresSaidIn(input)
}

/**
 * The span a score is asked for (附件1 is scored 日常、月、季和年度, source 000 七): the month unless a quarter, a half
 * year or the year is named — 「全年考核排名」 had been answered with the month's — and whether the one before.
 */
export type ScoreSpan = 'month' | 'quarter' | 'half' | 'year'
export interface ScoresAsked {
  previous: boolean
  /** 「我们单位排第几」: where the unit stands among the units assessed. */
  rank?: boolean
  span?: ScoreSpan
  /** 「上半年」「下半年」: which half of this year, whatever the date. */
  half?: 'first' | 'second'
}

export function scoresSaidIn(input: string): ScoresAsked {
  const span: ScoreSpan = /全年|今年|去年|本?年度|本年|上一年/.test(input)
    ? 'year'
    : /半年/.test(input)
      ? 'half'
      : /季度|本季|上季/.test(input)
        ? 'quarter'
        : 'month'
  const half = /上半年/.test(input) ? 'first' : /下半年/.test(input) ? 'second' : undefined
  return {
    previous: /上个?月|上个?季|去年|上一年/.test(input),
    span,
    ...(half ? { half } : {}),
    // (「道管处排名多少」「市政排在哪」 ask the place too.)
    ...(/第几|多少名|排名(?:多少|怎么样|如何|第几|靠前|靠后)|排(?:在)?(?:哪|多少)/.test(input) ? { rank: true } : {}),
  }
}

/** The period a score asked for covers, and whether it is over. */
function periodAsked(turn: Turn, asked: ScoresAsked): { period: Period; over: boolean } {
  const { clock, timeZone } = turn.ctx
  const today = localDate(clock.now(), timeZone)
  const anchor = asked.half ? `${today.slice(0, 4)}-${asked.half === 'first' ? '01' : '07'}-01` : today
  const current = periodOfDate(asked.span ?? 'month', anchor, timeZone)
  const period = asked.previous ? previousPeriod(current, timeZone) : current
  return { period, over: period.end < today }
}

/** 「本月各单位巡查次数排名」「隐患数量排行」: a ranking of records, not of the assessment. */
export function ranksRecords(input: string): boolean {
  return /巡查|巡逻|隐患|投诉|次数|数量/.test(input) && !/考核|得分|分数|扣分|几分|多少分/.test(input)
}

/** Every assessed unit's score for the period: vetoed units last whatever their points (一票否决), then by score. */
async function rankedScores(turn: Turn, month: Period) {
  const scored = await scoreEach(turn.ctx, await assessedUnits(turn.ctx.db), month)
  return [...scored].sort(
    (a, b) => Number(a.score.veto.length > 0) - Number(b.score.veto.length > 0) || b.score.score - a.score.score,
  )
}

export async function describeScores(turn: Turn, asked: ScoresAsked): Promise<string> {
  const { period: month, over } = periodAsked(turn, asked)
  const ranked = await rankedScores(turn, month)
  if (ranked.length === 0) return '还没有参加考核的单位。'
  const lines = ranked.map(
    ({ unit, score }, i) => `${i + 1}. ${unit.name} ${score.veto.length > 0 ? '一票否决' : `${score.score} 分`}`,
  )
  const heading = over ? `${month.label}考核得分：` : `${month.label}考核得分（截至目前）：`
  return `${heading}\n${lines.join('\n')}\n扣分明细请在管理后台「考核」页查看。`
}

const DEDUCTIONS_LISTED = 5

/**
 * 「我们单位这个月考核多少分」 from someone who does not get the whole ranking: their own unit's score for the month,
 * with the deductions that made it.
 */
export async function describeUnitScore(turn: Turn, unitId: number, asked: ScoresAsked): Promise<string> {
  const { db } = turn.ctx
  const { period: month, over } = periodAsked(turn, asked)
  const unit = (await assessedUnits(db)).find((u) => u.id === unitId)
  if (!unit) return '您所在单位不参加月度考核。'
  const [scored] = await scoreEach(turn.ctx, [unit], month)
  if (!scored) return '您所在单位不参加月度考核。'
  const { score } = scored
  // 「我们单位排第几」: its place among the units assessed (those level on points share it).
  let place = ''
  if (asked.rank) {
    const ranked = await rankedScores(turn, month)
    const at = ranked.findIndex((r) => r.unit.id === unitId)
    const level = ranked.findIndex(
      (r) => r.score.score === score.score && r.score.veto.length > 0 === score.veto.length > 0,
    )
    if (at >= 0) place = `，在 ${ranked.length} 个参加考核的单位中排第 ${(level >= 0 ? level : at) + 1} 名`
  }
  const heading = `${unit.name}${month.label}考核${over ? '' : '（截至目前）'}：${
    score.veto.length > 0 ? `一票否决（${score.veto.join('；')}）` : `${score.score} 分`
  }${place}`
  const deducted = score.deductions.filter((d) => d.points > 0)
  if (deducted.length === 0) return `${heading}\n暂无扣分。`
  const lines = deducted.slice(0, DEDUCTIONS_LISTED).map((d) => `· ${d.reason}（扣 ${d.points} 分）`)
  const more = deducted.length > DEDUCTIONS_LISTED ? `\n……共 ${deducted.length} 项扣分，详见管理后台「考核」页。` : ''
  return `${heading}\n扣分：\n${lines.join('\n')}${more}`
}

/**
 * 「我们单位这个月有几次没巡查」「市政哪几天没巡查」: the days the assessment found no patrol as the rules require
 * (附件1: 巡查不按规定次数落实每少一次扣5分), by date, from the same scoring as the score itself.
 */
export async function describeMissedPatrols(turn: Turn, unitId: number, asked: ScoresAsked): Promise<string> {
  const { period: month, over } = periodAsked(turn, asked)
  const unit = (await assessedUnits(turn.ctx.db)).find((u) => u.id === unitId)
  if (!unit) return '您所在单位不参加月度考核，不统计日巡查。'
  const [scored] = await scoreEach(turn.ctx, [unit], month)
  const deductions = scored?.score.deductions ?? []
  const missed = deductions.filter((d) => d.rule === 'patrol_short' && d.points > 0)
  const when = `${unit.name}${month.label}${over ? '' : '（截至目前）'}`
  if (missed.length === 0) return `${when}没有漏报日巡查的工作日。`
  // A working day without a patrol costs both lines of 附件1: no daily ledger (2-1) and a patrol short (2-6).
  const days = new Set(missed.map((d) => d.ref))
  // What each day costs, as the rules set it (each part of the assessment is capped at its own points).
  const perDay = (rule: string) => deductions.find((d) => d.rule === rule && days.has(d.ref))?.points ?? 0
  const dates = [...days].map((day) => (day ? monthDay(day) : '')).filter(Boolean)
  const listed = dates.slice(0, MISSED_DAYS_LISTED).join('、')
  const more = dates.length > MISSED_DAYS_LISTED ? ` 等（详见管理后台「考核」页）` : ''
  return `${when}有 ${days.size} 个工作日没有日巡查记录（附件1：每少一天扣“无日巡查台账”${perDay('missing_ledger_day')}分、“巡查不按规定次数落实”${perDay('patrol_short')}分，各项扣分以该项分值为限）：${listed}${more}。巡查后当天发一句话填报即可计入。`
}
const MISSED_DAYS_LISTED = 10

/** 「哪些单位没巡查」「各单位这个月几天没巡查」 from those briefed: every assessed unit's days without a patrol, most first. */
export async function describeMissedPatrolsByUnit(turn: Turn, asked: ScoresAsked): Promise<string> {
  const { period: month, over } = periodAsked(turn, asked)
  // Only the patrol units keep a daily ledger (the supervising ones are assessed on their inspections).
  const patrolling = (await assessedUnits(turn.ctx.db)).filter((u) => u.kind === 'patrol')
  const scored = await scoreEach(turn.ctx, patrolling, month)
  const missed = scored
    .map(({ unit, score }) => ({
      unit,
      days: new Set(score.deductions.filter((d) => d.rule === 'patrol_short' && d.points > 0).map((d) => d.ref)).size,
    }))
    .sort((a, b) => b.days - a.days)
  const lines = missed.map(({ unit, days }) => `· ${unit.name}：${days > 0 ? `${days} 个工作日` : '无'}`)
  return `${month.label}${over ? '' : '（截至目前）'}各巡查单位没有日巡查记录的工作日：\n${lines.join('\n')}\n问「质安处哪几天没巡查」可查看日期。`
}

/** 「2026-11-02」 as people write it: 11月2日. */
function monthDay(day: string): string {
  const [, month, date] = day.split('-').map(Number)
  return `${month}月${date}日`
}
