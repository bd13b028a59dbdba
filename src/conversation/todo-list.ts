import type { Actor } from '../domain/roles'
import { type TodoItem, todosFor } from '../services/todos'
import { formatLocal } from './format'
import type { Turn } from './types'

const TODO_PAGE = 10

/**
 * 「我的待办」, 「待办 2」: ten items a page, newest first, each a code, what to do, a few words and the deadline.
 * Asked what is most urgent (「最急的是哪个」「今天要到期的有哪些」), the nearest deadline first, the overdue at the top.
 * Asked what is overdue (「我手上超期的有哪些」), only those — the whole list had answered it, the late ones lost among
 * the rest.
 */
/** The to-do, empty. */
export const NO_TODOS = '您暂无待办事项。'

export async function listTodos(
  turn: Turn,
  actor: Actor,
  page: number,
  order: 'newest' | 'mostUrgent' | 'overdue' = 'newest',
): Promise<string> {
  const { db, timeZone, clock } = turn.ctx
  const found = await todosFor(db, actor, clock.now(), timeZone)
  if (order === 'overdue') return listOverdue(turn, found)
  const items = order === 'mostUrgent' ? [...found].sort(byNearestDeadline) : found
  if (items.length === 0) return NO_TODOS
  const pages = Math.ceil(items.length / TODO_PAGE)
  const current = Math.min(Math.max(1, page), pages)
  const lines = [
    `【待办事项】共 ${items.length} 项${order === 'mostUrgent' ? '，按期限先后排列' : ''}${pages > 1 ? `（第 ${current}/${pages} 页）` : ''}`,
  ]
  for (const item of items.slice((current - 1) * TODO_PAGE, current * TODO_PAGE)) lines.push(todoLine(turn, item))
  if (current < pages) lines.push(`发送「待办 ${current + 1}」查看下一页。`)
  return lines.join('\n')
}

/** The overdue alone, the longest late first; none late, said so with how many others wait. */
function listOverdue(turn: Turn, found: readonly TodoItem[]): string {
  const late = found.filter((item) => item.overdue).sort(byNearestDeadline)
  if (late.length === 0)
    return found.length === 0
      ? '您没有超期的事项，也暂无待办事项。'
      : `您没有超期的事项。其他待办 ${found.length} 项，发送「我的待办」查看。`
  const lines = [`【超期事项】共 ${late.length} 项`, ...late.slice(0, TODO_PAGE).map((item) => todoLine(turn, item))]
  if (late.length > TODO_PAGE) lines.push(`另有 ${late.length - TODO_PAGE} 项，发送「我的待办」查看全部。`)
  return lines.join('\n')
}

/** One item: its code, what to do, a few words and the deadline. */
function todoLine(turn: Turn, item: TodoItem): string {
  const { timeZone, clock } = turn.ctx
  const due = item.due ? `，${item.overdue ? '已逾期，' : ''}期限 ${formatLocal(item.due, timeZone, clock.now())}` : ''
  // 「井盖缺失。」 as it was typed: its full stop would stand before the 「，期限」 that follows.
  return `· ${item.code} ${item.what}：${item.summary.replace(/[。．.！!；;，,\s]+$/, '')}${due}`
}

/** The nearest deadline first (the overdue are nearest of all); items with no deadline last, newest first among them. */
function byNearestDeadline(a: TodoItem, b: TodoItem): number {
  if (a.due && b.due) return a.due.getTime() - b.due.getTime()
  if (a.due || b.due) return a.due ? -1 : 1
  return b.at.getTime() - a.at.getTime()
}
