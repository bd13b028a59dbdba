import { eq } from 'drizzle-orm'
import { WORDING } from '../../bots/wording'
import { routingRules, units } from '../db/schema'
import { CATEGORY_LABELS, type Category } from '../domain/categories'
import { weighCategories } from './extract/category-evidence'
import type { Turn } from './types'

/**
 * 「井盖归谁管」「这个井盖是不是归我们管」「桥梁的隐患哪个单位负责」「路灯不亮找谁」: who answers for a kind of thing — a
 * question, never a report of it, answered from the routing table the console edits.
 */
const ASKS_WHOSE =
  /归谁|谁管(?!管)|(?:是)?哪(?:个|家)(?:单位|部门)的(?:事|活儿?)?(?:啊|呀|呢)?[？?]*$|谁负责|谁来管(?!管)|谁来负责|谁来处理|该谁|找谁|哪个?(?:单位|部门)(?:来)?(?:负责|管|处理)|哪家(?:单位)?(?:负责|管)|归哪|由谁|属于哪|归不归|是不是(?:归)?(?:我们|咱们|本单位)(?:单位)?(?:管|负责|的事|的)|(?:归|属于|是)(?:我们|咱们|本单位)(?:单位)?(?:管|负责|的事|的)?(?:吗|么|不)$/
/** The asker's own unit named: whether it is theirs is what they want to know. */
const ASKS_IF_OURS = /我们|咱们|本单位|我单位/

export function asksWhoIsResponsible(input: string): boolean {
  return (
    [...input].length <= 40 &&
    ASKS_WHOSE.test(input) &&
    // 「隐患上报以后谁来处理」 asks how a report goes on, which the flow answers.
    !/(?:上报|报了|报上去|提交)(?:以)?后|之后|流程|然后/.test(input) &&
    // 「我是哪个单位的」 asks who the asker is.
    !/^(?:我|我们|你|您|他|她)(?:是|在)哪/.test(input) &&
    // 「超期的投诉都是哪个单位的」 asks whose records are late, unit by unit (ledger-question.ts).
    !/超期|逾期|超时|没整改|未整改|没办结|未办结/.test(input) &&
    !/(?:TS|YH|XC|DC)\s*\d{8}/i.test(input)
  )
}

export async function describeResponsibility(turn: Turn, input: string): Promise<string> {
  const { db } = turn.ctx
  const [rules, unitRows] = await Promise.all([
    db
      .select({ category: routingRules.category, unitId: routingRules.unitId, keywords: routingRules.keywords })
      .from(routingRules),
    db.select({ id: units.id, name: units.name }).from(units).where(eq(units.active, true)),
  ])
  const name = new Map(unitRows.map((u) => [u.id, u.name]))
  const weighed = weighCategories(input, rules)
  if (!weighed) {
    const lines = rules.map((r) => `· ${CATEGORY_LABELS[r.category]}：${name.get(r.unitId) ?? '—'}`)
    return `各类隐患和投诉的责任单位：\n${lines.join('\n')}\n其他方面的由值班人员分派。`
  }
  const category: Category = weighed.category
  if (category === 'other') return WORDING.responsibilityElsewhere
  const rule = rules.find((r) => r.category === category)
  const unit = rule ? name.get(rule.unitId) : undefined
  if (!rule || !unit) return `「${CATEGORY_LABELS[category]}」方面的隐患和投诉目前没有指定责任单位，由值班人员分派。`
  const answer = `「${CATEGORY_LABELS[category]}」方面的隐患和投诉由${unit}负责。`
  const own = turn.person?.unitId
  if (!ASKS_IF_OURS.test(input) || !own) return answer
  return own === rule.unitId ? `是您单位负责的：${answer}` : `不是您单位负责的：${answer}${WORDING.notOurs}`
}
