import { and, eq, inArray } from 'drizzle-orm'
import { WORDING } from '../../bots/wording'
import { complaints, hazards } from '../db/schema'
import { COMPLAINT_STATUS_LABELS } from '../domain/complaint-lifecycle'
import { RuleViolation } from '../domain/errors'
import { HAZARD_STATUS_LABELS } from '../domain/hazard-lifecycle'
import type { Actor } from '../domain/roles'
import { applyComplaintCommand, findComplaintByCode } from '../services/complaints'
import type { PersonRow } from '../services/identities'
import { handleComplaintCommand, isComplaintCommand } from './complaint-actions'
import { formatLocal, normaliseCode } from './format'
import { handleForms } from './forms/engine'
import type { Reply, Turn } from './types'

/**
 * Staff on WeCom, DingTalk or the console: commands, card buttons, and what to do with photos and
 * locations. The structured forms (巡查, 上报隐患, 整改, 验收, 督查) plug in here.
 */
export async function handleStaff(turn: Turn): Promise<Reply[]> {
  const { message, person } = turn
  if (!person) return [text(WORDING.unknownUser)]
  const actor: Actor = { personId: person.id, role: person.role, unitId: person.unitId }
  switch (message.kind) {
    case 'event':
      if (message.event?.name === 'click' && message.event.key) {
        return runCommand({ ...turn, message: { ...message, kind: 'text', text: message.event.key } }, person, actor)
      }
      if (message.event?.name === 'enter_agent' || message.event?.name === 'subscribe') {
        return [text(WORDING.staffWelcome(person.name, person.role))]
      }
      return []
    case 'card_action':
      return handleCardAction(turn, actor)
    case 'text':
      return runCommand(turn, person, actor)
    case 'voice':
    case 'location':
    case 'image':
    case 'file': {
      if (message.kind === 'voice' && message.text) return runCommand(turn, person, actor)
      const inForm = await handleForms(turn, person, turn.forms)
      if (inForm) return inForm
      if (message.kind === 'location') {
        const where = message.location?.label ?? `${message.location?.latitude},${message.location?.longitude}`
        return [text(`${WORDING.locationReceived(where)}${WORDING.mediaOutsideForm}`)]
      }
      return [text(WORDING.mediaOutsideForm)]
    }
    case 'link':
      return [text(WORDING.mediaOutsideForm)]
    default:
      return [text(WORDING.unsupportedType(message.rawType ?? message.kind))]
  }
}

async function runCommand(turn: Turn, person: PersonRow, actor: Actor): Promise<Reply[]> {
  const input = (turn.message.text ?? '').replace(/@\S+\s*/g, '').trim()
  if (/^(帮助|菜单|help|\?|？)$/i.test(input)) return [text(WORDING.help(person.role))]
  if (/^(查询|查)\s*(TS|YH|XC|DC)/i.test(input)) return [text(await describeRecord(turn, input))]
  if (/^(我的待办|待办)$/.test(input)) return [text(await listTodos(turn, actor))]
  if (isComplaintCommand(input)) return handleComplaintCommand(turn, actor, input)
  return (await handleForms(turn, person, turn.forms)) ?? [text(WORDING.notUnderstood)]
}

async function describeRecord(turn: Turn, input: string): Promise<string> {
  const code = normaliseCode(input)
  if (!code) return '请在「查询」后附上编号，例如：查询 YH20261123-0001'
  if (code.startsWith('TS')) {
    const complaint = await findComplaintByCode(turn.ctx.db, code)
    return complaint
      ? WORDING.complaintStatus(complaint.code, complaint.status, complaint.outcome)
      : WORDING.complaintNotFound(code)
  }
  const [hazard] = await turn.ctx.db.select().from(hazards).where(eq(hazards.code, code))
  if (!hazard) return `未找到编号为 ${code} 的记录。`
  const due = hazard.rectifyDueAt ? `，整改期限 ${formatLocal(hazard.rectifyDueAt, turn.ctx.timeZone)}` : ''
  return `隐患 ${hazard.code}：${HAZARD_STATUS_LABELS[hazard.status]}${due}\n${hazard.description}`
}

async function listTodos(turn: Turn, actor: Actor): Promise<string> {
  if (actor.unitId === null) return '您暂无待办事项。'
  const { db, timeZone } = turn.ctx
  const [openComplaints, openHazards] = await Promise.all([
    db
      .select()
      .from(complaints)
      .where(and(eq(complaints.unitId, actor.unitId), inArray(complaints.status, ['assigned', 'accepted'])))
      .orderBy(complaints.dueAt)
      .limit(20),
    db
      .select()
      .from(hazards)
      .where(and(eq(hazards.unitId, actor.unitId), inArray(hazards.status, ['assigned', 'rectifying'])))
      .orderBy(hazards.rectifyDueAt)
      .limit(20),
  ])
  if (openComplaints.length + openHazards.length === 0) return '您单位暂无待办事项。'
  const lines = ['【待办事项】']
  for (const c of openComplaints)
    lines.push(`· 投诉 ${c.code}（${COMPLAINT_STATUS_LABELS[c.status]}）时限 ${formatLocal(c.dueAt, timeZone)}`)
  for (const h of openHazards) {
    lines.push(
      `· 隐患 ${h.code}（${HAZARD_STATUS_LABELS[h.status]}）${h.rectifyDueAt ? `期限 ${formatLocal(h.rectifyDueAt, timeZone)}` : ''}`,
    )
  }
  return lines.join('\n')
}

/** Card buttons: `complaint.accept:<id>` signs for a complaint and turns the button into “已接收”. */
async function handleCardAction(turn: Turn, actor: Actor): Promise<Reply[]> {
  const key = turn.message.event?.key ?? ''
  const match = /^complaint\.accept:(\d+)$/.exec(key)
  if (!match) return [text(WORDING.notUnderstood)]
  try {
    const complaint = await applyComplaintCommand({
      ctx: turn.ctx,
      complaintId: Number(match[1]),
      command: { action: 'accept' },
      actor,
    })
    const replies: Reply[] = [text(WORDING.cardAccepted(complaint.code))]
    if (turn.message.event?.responseCode) {
      replies.push({
        message: {
          type: 'card_update',
          taskId: turn.message.event.taskId ?? '',
          responseCode: turn.message.event.responseCode,
          replaceText: '已接收',
          userIds: [turn.message.sender.externalId],
        },
      })
    }
    return replies
  } catch (error) {
    if (error instanceof RuleViolation) return [text(error.message)]
    throw error
  }
}

function text(value: string): Reply {
  return { message: { type: 'text', text: value } }
}
