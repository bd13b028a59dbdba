import { desc, eq } from 'drizzle-orm'
import { hazards, patrols } from '../db/schema'
import { HAZARD_STATUS_LABELS } from '../domain/hazard-lifecycle'
import { formatLocal } from './format'
import type { Turn } from './types'

/**
 * Field staff asking after what they reported, or wanting to change it, in their own words — 「帮我查一下我上周报的那个
 * 隐患怎么样了」「刚才那条巡查记录时间写错了」 — rather than 「查询 编号」. Without this the words 隐患 and 巡查 start a
 * new form, which is the one thing the person did not ask for.
 */
export type RecordKind = 'hazard' | 'patrol'

const OWN =
  /(?:我|我们|本人|自己)(?:上周|上个?月|昨天|前天|今天|今早|上午|下午|刚才|刚刚|之前|以前|前几天|最近|上次|那天)?(?:报|上报|提交|发现|填|填报|录|登记|反映)(?:了|过)?的|我的(?:隐患|巡查|记录)|(?:刚才|刚刚|上一?条|之前|前面|昨天|今天|那条|这条)(?:的|那条|那个|发的|报的|填的)?(?:巡查|隐患)?记录|(?:刚才|刚刚|之前|上次)(?:报|上报|填|发)的/
const HOW_IS_IT =
  /怎么样|咋样|如何|进度|进展|结果|处理了|处理没|整改了|整改没|修好|销号了|状态|到哪一?步|有人管|有人处理|了吗|没有[？?]?$|[？?]$/
/** 「我的隐患」「查看我报的巡查记录」: the list itself. */
const LIST_OWN =
  /^(?:查询?|查看|看看|看一下)?(?:一下)?(?:我|我们)(?:的|上报的|报的|填的|提交的)(?:隐患|巡查记录|巡查|记录)(?:列表|情况)?[？?。]*$/
const AMEND = /改一下|修改|更改|更正|改成|改为|改正|写错|填错|报错|录错|搞错|弄错|不对|有误|应该是|撤回|删除|删掉|作废/

function kindOf(input: string): RecordKind {
  return /巡[查察检视]|巡逻|记录/.test(input) && !/隐患/.test(input) ? 'patrol' : 'hazard'
}

/** 「我上周报的那个隐患怎么样了」: which kind of the person's own records the question is about. */
export function asksAfterOwnRecords(input: string): RecordKind | undefined {
  if (LIST_OWN.test(input)) return kindOf(input)
  if (input.length > 60 || !OWN.test(input) || AMEND.test(input) || !HOW_IS_IT.test(input)) return undefined
  return kindOf(input)
}

/** 「我要改一下刚才那条巡查记录」: a saved record the person wants changed. */
export function asksToAmendRecord(input: string): RecordKind | undefined {
  if (input.length > 80 || !OWN.test(input) || !AMEND.test(input)) return undefined
  return kindOf(input)
}

const LISTED = 5

export async function describeOwnRecords(turn: Turn, personId: number, kind: RecordKind): Promise<string> {
  const { db, timeZone, clock } = turn.ctx
  const now = clock.now()
  if (kind === 'patrol') {
    const rows = await latestPatrols(turn, personId)
    if (rows.length === 0) return '您还没有巡查记录。发送「巡查」即可填报。'
    const lines = rows.map(
      (p) =>
        `· ${p.code} ${formatLocal(p.startedAt, timeZone, now)} ${p.area}${p.voidedAt ? '（已作废）' : '（已保存）'}`,
    )
    return `您最近的巡查记录：\n${lines.join('\n')}\n发送「查询 编号」可查看详情。`
  }
  const rows = await db
    .select()
    .from(hazards)
    .where(eq(hazards.reporterId, personId))
    .orderBy(desc(hazards.foundAt), desc(hazards.id))
    .limit(LISTED)
  if (rows.length === 0) return '您还没有上报过隐患。发现隐患直接发一句话说明情况和地点即可。'
  const lines = rows.map((h) => {
    const due =
      h.rectifyDueAt && h.status !== 'closed' && h.status !== 'voided'
        ? `，整改期限 ${formatLocal(h.rectifyDueAt, timeZone, now)}`
        : ''
    return `· ${h.code}（${formatLocal(h.foundAt, timeZone, now)}）${clip(h.description)}：${HAZARD_STATUS_LABELS[h.status]}${due}`
  })
  return `您最近上报的隐患：\n${lines.join('\n')}\n发送「查询 编号」可查看详情。`
}

/**
 * A saved record stays as it was saved: the ledger is evidence, and a change is a step someone answers for. The
 * person is told which record is meant and the way to put it right (a supervisor voids a wrong patrol record and a
 * new one is filed; a hazard's details are corrected by whoever handles it, or added with the rectification).
 */
export async function explainAmendment(turn: Turn, personId: number, kind: RecordKind): Promise<string> {
  const { timeZone, clock } = turn.ctx
  if (kind === 'patrol') {
    const [latest] = await latestPatrols(turn, personId)
    const which = latest
      ? `您最近的巡查记录是 ${latest.code}（${formatLocal(latest.startedAt, timeZone, clock.now())} ${latest.area}）。`
      : ''
    return `${which}已保存的巡查记录不能直接修改（台账留痕）。如有填写错误，请告知督查员将该记录作废（作废 编号 原因），再发送「巡查」重新填报；填报过程中可随时发送「修改 字段名」更正。`
  }
  // 「刚才那条」: the one saved last, whenever it was found.
  const [latest] = await turn.ctx.db
    .select()
    .from(hazards)
    .where(eq(hazards.reporterId, personId))
    .orderBy(desc(hazards.id))
    .limit(1)
  const which = latest ? `您最近上报的隐患是 ${latest.code}（${clip(latest.description)}）。` : ''
  return `${which}已上报的隐患不能直接修改。需要更正描述、地点或等级的，请联系督查员或责任单位在管理后台更正。`
}

/** The person's patrol records, the one saved last first (「刚才那条」). */
function latestPatrols(turn: Turn, personId: number) {
  return turn.ctx.db
    .select()
    .from(patrols)
    .where(eq(patrols.reporterId, personId))
    .orderBy(desc(patrols.id))
    .limit(LISTED)
}

function clip(text: string, max = 16): string {
  const chars = [...text]
  return chars.length > max ? `${chars.slice(0, max).join('')}…` : text
}
