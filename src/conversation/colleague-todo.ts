import { and, eq } from 'drizzle-orm'
import { people } from '../db/schema'
import type { PersonRow } from '../services/identities'
import { BRIEFING_ROLES } from './ledger-answers'
import { listTodos, NO_TODOS } from './todo-list'
import type { Turn } from './types'

/**
 * 「李娜手上有多少事」「看看张伟的待办」: a colleague's to-do, asked by name — by those overseeing the city, or by
 * someone of the same unit (its leader arranging the work). Read as 我的待办 is, for that person.
 */
const COLLEAGUE_TODO =
  /^(?:帮我)?(?:看看|看一下|查一下|查查)?([\u4e00-\u9fa5]{2,4}?)(?:手上|手头|那边|的)(?:现在|目前|还)?(?:有)?(?:多少|几件|几个|哪些|什么|啥)?(?:事情?|活儿?|待办(?:事项)?|任务|工作)(?:要办|要做|没办完?|没做完)?(?:吗|呢|啊)?[？?。]*$/

export interface ColleagueAsked {
  name: string
  /** 「…手上」「…手头」 say a person; 「…的任务」 may be a unit's or anything's. */
  surelyPerson: boolean
}

export function colleagueAskedAfter(input: string): ColleagueAsked | undefined {
  const said = COLLEAGUE_TODO.exec(input)
  return said?.[1] ? { name: said[1], surelyPerson: /手上|手头/.test(input) } : undefined
}

/**
 * The named person's to-do; undefined when nobody active has that name and the words may be about something else
 * (said so when they surely name a person).
 */
export async function describeColleagueTodo(
  turn: Turn,
  asker: PersonRow,
  { name, surelyPerson }: ColleagueAsked,
): Promise<string | undefined> {
  const named = await turn.ctx.db
    .select()
    .from(people)
    .where(and(eq(people.name, name), eq(people.active, true)))
  const [colleague, another] = named
  if (!colleague) return surelyPerson ? `没有找到名为「${name}」的在岗人员，请核对姓名。` : undefined
  if (another) return `有不止一位「${name}」，请在管理后台查看其待办。`
  if (!BRIEFING_ROLES.has(asker.role) && (asker.unitId === null || asker.unitId !== colleague.unitId))
    return '只能查看本单位同事的待办；其他单位的情况请问督查员（安监科）。'
  const todos = await listTodos(turn, { personId: colleague.id, role: colleague.role, unitId: colleague.unitId }, 1)
  return todos === NO_TODOS ? `${name}暂无待办事项。` : todos.replace(/^【待办事项】/, `【${name}的待办事项】`)
}
