import { localDate } from '../domain/local-time'
import { periodOfDate, previousPeriod } from '../domain/periods'
import { assessedUnits, scoreEach } from '../services/unit-scores'
import type { Turn } from './types'

/**
 * 「本月考核排名」「哪个单位分数最低」「上个月各单位得分」: the assessment (考核) of every unit for the month, ranked —
 * what the 考核 page shows, for a leader on the phone. This month's scores are so far: deductions come as
 * deadlines pass.
 */
const ASKS_SCORES =
  /^(?:请问|帮我看看|看看|查一下|查查)?(?:本月|这个?月|上个?月)?(?:的)?(?:各)?(?:单位)?(?:的)?(?:考核|评分|得分|分数|扣分|排名|排行)|(?:哪个|哪些|哪家)单位(?:的)?(?:考核|得分|分数|扣分|表现|工作|成绩)?(?:最低|最高|最多|最少|最差|最好|最优|垫底|倒数|靠后|靠前|落后|排名)/

export function scoresAskedFor(input: string): { previous: boolean } | undefined {
  if ([...input].length > 30 || !ASKS_SCORES.test(input) || ranksRecords(input)) return undefined
  return { previous: /上个?月/.test(input) }
}

/** 「本月各单位巡查次数排名」「隐患数量排行」: a ranking of records, not of the assessment. */
export function ranksRecords(input: string): boolean {
  return /巡查|巡逻|隐患|投诉|次数|数量/.test(input) && !/考核|得分|分数|扣分|几分|多少分/.test(input)
}

export async function describeScores(turn: Turn, asked: { previous: boolean }): Promise<string> {
  const { db, clock, timeZone } = turn.ctx
  const current = periodOfDate('month', localDate(clock.now(), timeZone), timeZone)
  const month = asked.previous ? previousPeriod(current, timeZone) : current
  const scored = await scoreEach(turn.ctx, await assessedUnits(db), month)
  if (scored.length === 0) return '还没有参加考核的单位。'
  // Vetoed units rank last whatever their points (一票否决), then by score, lowest last.
  const ranked = [...scored].sort(
    (a, b) => Number(a.score.veto.length > 0) - Number(b.score.veto.length > 0) || b.score.score - a.score.score,
  )
  const lines = ranked.map(
    ({ unit, score }, i) => `${i + 1}. ${unit.name} ${score.veto.length > 0 ? '一票否决' : `${score.score} 分`}`,
  )
  const heading = asked.previous ? `${month.label}考核得分：` : `${month.label}考核得分（截至目前）：`
  return `${heading}\n${lines.join('\n')}\n扣分明细请在管理后台「考核」页查看。`
}

const DEDUCTIONS_LISTED = 5

/**
 * 「我们单位这个月考核多少分」 from someone who does not get the whole ranking: their own unit's score for the month,
 * with the deductions that made it.
 */
export async function describeUnitScore(turn: Turn, unitId: number, asked: { previous: boolean }): Promise<string> {
  const { db, clock, timeZone } = turn.ctx
  const current = periodOfDate('month', localDate(clock.now(), timeZone), timeZone)
  const month = asked.previous ? previousPeriod(current, timeZone) : current
  const unit = (await assessedUnits(db)).find((u) => u.id === unitId)
  if (!unit) return '您所在单位不参加月度考核。'
  const [scored] = await scoreEach(turn.ctx, [unit], month)
  if (!scored) return '您所在单位不参加月度考核。'
  const { score } = scored
  const heading = `${unit.name}${month.label}考核${asked.previous ? '' : '（截至目前）'}：${
    score.veto.length > 0 ? `一票否决（${score.veto.join('；')}）` : `${score.score} 分`
  }`
  const deducted = score.deductions.filter((d) => d.points > 0)
  if (deducted.length === 0) return `${heading}\n暂无扣分。`
  const lines = deducted.slice(0, DEDUCTIONS_LISTED).map((d) => `· ${d.reason}（扣 ${d.points} 分）`)
  const more = deducted.length > DEDUCTIONS_LISTED ? `\n……共 ${deducted.length} 项扣分，详见管理后台「考核」页。` : ''
  return `${heading}\n扣分：\n${lines.join('\n')}${more}`
}
