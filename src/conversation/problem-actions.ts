import { eq } from 'drizzle-orm'
import { problemItems } from '../db/schema'
import { RuleViolation } from '../domain/errors'
import { localDate, zonedInstant } from '../domain/local-time'
import { DISPOSITION_LABELS, PROBLEM_STATUS_LABELS, type ProblemCommand } from '../domain/problem-list'
import type { Actor } from '../domain/roles'
import { applyProblemStep } from '../services/team-patrols'
import { codedCommand } from './coded-command'
import { parseTimeRange } from './extract/time'
import { formatLocal } from './format'
import { text } from './reply'
import type { Reply, Turn } from './types'

/**
 * A patrol team's problem list in chat, one step per message (source 001's closed loop):
 * 诊断 WT… 原因；类别 · 分类 WT… 立即整改 | 限期 12月20日 | 移交 市场监管局 · 移交 WT… 单位 · 销号 WT… 整改结果.
 */
const COMMAND = /^(诊断|分类处置|分类|移交督办|移交|销号|整改销号)\s*(.*)$/s

export function isProblemCommand(input: string): boolean {
  return codedCommand(COMMAND, 'WT', input) !== undefined
}

export async function handleProblemCommand(turn: Turn, actor: Actor, input: string): Promise<Reply[]> {
  const parsed = codedCommand(COMMAND, 'WT', input)
  if (!parsed) return [text('请附上问题编号，例如：诊断 WT20261123-0001 原因；类别')]
  const { verb, code, after } = parsed
  const [problem] = await turn.ctx.db.select().from(problemItems).where(eq(problemItems.code, code))
  if (!problem) return [text(`未找到问题 ${code}。`)]
  const command = commandOf(turn, verb, after)
  if (typeof command === 'string') return [text(command.replaceAll('WT…', code))]
  try {
    const updated = await applyProblemStep(turn.ctx, problem.id, command, actor)
    const backBy = updated.reportBackDueAt
      ? `，被巡查单位须在 ${formatLocal(updated.reportBackDueAt, turn.ctx.timeZone, turn.ctx.clock.now())} 前反馈整改情况`
      : ''
    return [text(`问题 ${code} ${PROBLEM_STATUS_LABELS[updated.status]}${backBy}。`)]
  } catch (error) {
    if (error instanceof RuleViolation) return [text(error.message)]
    throw error
  }
}

/** The step a message asks for, or what to write when it is incomplete. */
function commandOf(turn: Turn, verb: string, after: string): ProblemCommand | string {
  switch (verb) {
    case '诊断': {
      const [cause, category] = after.split(/[；;]/).map((s) => s.trim())
      if (!cause || !category) return '请写明原因和类别，例如：诊断 WT… 未落实日巡查制度；制度执行'
      return { action: 'diagnose', cause, category }
    }
    case '分类':
    case '分类处置': {
      if (/^(立即|现场)/.test(after)) return { action: 'classify', disposition: 'immediate' }
      if (/^移交/.test(after)) {
        const to = after.replace(/^移交[\s：:]*/, '').trim()
        return to
          ? { action: 'classify', disposition: 'transfer', transferTo: to }
          : '请写明移交的部门，例如：分类 WT… 移交 市场监管局'
      }
      if (/^限期/.test(after)) {
        const when = parseTimeRange(
          after.replace(/^限期[\s：:]*/, ''),
          turn.ctx.clock.now(),
          turn.ctx.timeZone,
          'future',
        )
        if (!when) return '请写明整改期限，例如：分类 WT… 限期 12月20日'
        // A date alone means the end of that day.
        const day = localDate(when.start, turn.ctx.timeZone)
        return {
          action: 'classify',
          disposition: 'deadline',
          dueAt: new Date(zonedInstant(day, turn.ctx.timeZone, 23, 59)),
        }
      }
      return `请写明处置方式：${Object.values(DISPOSITION_LABELS).join(' / ')}，例如：分类 WT… 限期 12月20日`
    }
    case '移交':
    case '移交督办':
      return after ? { action: 'hand_over', to: after } : '请写明移交督办的单位，例如：移交 WT… 丹阳街道'
    default:
      return after ? { action: 'close', result: after } : '请写明整改结果，例如：销号 WT… 已建立日巡查台账'
  }
}
