import { and, desc, eq, inArray, isNull } from 'drizzle-orm'
import { WORDING } from '../../bots/wording'
import { hazards } from '../db/schema'
import { RuleViolation } from '../domain/errors'
import { LISTING_LEVEL_LABELS, type ListingLevel, OPEN_HAZARD_STATUSES } from '../domain/hazard-lifecycle'
import type { Actor } from '../domain/roles'
import { applyHazardCommand, type HazardRow } from '../services/hazards'
import { recentUnattachedMedia } from '../services/media'
import { codedCommand, leadingCode, unitToldToHandle } from './coded-command'
import { askMissingDeadline, deadlineMoveAsExtension, deadlineSaid } from './deadline-said'
import { clip, formatLocal, normaliseCode } from './format'
import { namesARecord, recordsNamed } from './named-records'
import { text } from './reply'
import type { Reply, Turn } from './types'
import { reasonBeside, unitNamedIn } from './unit-named'

/**
 * What the supervising office, the duty officer and the leaders do with a major hazard, one message each:
 * 接报 YH… · 处置 YH… 措施 (应急处置) · 挂牌 YH… 本级|上级 原因 (挂牌督办) · 摘牌 YH… 原因 ·
 * 定级 YH… 重大|一般 理由 (the supervising office regrades a reporter's judgement) · 延期 YH… 新期限 原因 ·
 * 改派 YH… 单位 原因 (the supervising office gives more time, or another unit, to a hazard under rectification).
 */
const COMMAND = /^(接报|应急处置|处置|挂牌督办|挂牌|摘牌|定级|延期|改派|作废)\s*(.*)$/s

/** 「YH… 接报」「YH… 挂牌督办 多次反复」「YH… 摘牌 整改到位」: the number first, the command after it. */
const VERB_AFTER_CODE =
  /^(接报|应急处置|处置|挂牌督办|挂牌|摘牌|定级|延期|改派|转给|转交|改交|交给|交办|派给|分派|下发|作废|删除|删掉|(?:定|认定|列|改|调整|升级|升|降级|降)(?:为|成)(?=\s*(?:重大|一般)))(?:了|一下|到|至|掉|给)?[\s，,：:]*([\s\S]*)$/
/** 「YH… 转给燃气办」: handing it to another unit is the 改派. */
const VERB_MEANT: Record<string, string> = {
  转给: '改派',
  转交: '改派',
  改交: '改派',
  交给: '改派',
  // 「把YH… 交办给市政」: the 交办, a form of its own (it was not understood).
  派给: '交办',
  分派: '交办',
  下发: '交办',
  // 「删掉」: a record on the ledger is never deleted; a wrong one is voided, with why.
  删除: '作废',
  删掉: '作废',
  撤销: '作废',
}
/** 「YH… 定为重大隐患」「把YH… 改成一般」「YH… 升级为重大」: a level said is the 定级. */
function verbMeant(verb: string): string {
  return VERB_MEANT[verb] ?? (/[为成]$/.test(verb) ? '定级' : verb)
}
/** 「YH… 已到现场，设置了围挡」: what was done on the spot, said by the duty officer or the supervising office. */
const ON_THE_SPOT =
  /^(?:我们|我)?(?:已经?|已)?(?:到达?现场|赶到现场|到场|设置|设了|拉起?|拉了|疏散|封闭|封锁|围挡|警戒|安排人员?(?:现场)?值守|派人(?:现场)?值守)/

/** A hazard command said with the number first, as the command it means; undefined for anything else. */
export function hazardCommandInWords(input: string, role: Actor['role']): string | undefined {
  const leading = leadingCode('YH', input)
  if (!leading) return undefined
  const verb = VERB_AFTER_CODE.exec(deadlineMoveAsExtension(leading.after))
  if (verb) return `${verbMeant(verb[1] ?? '')} ${leading.code} ${verb[2] ?? ''}`.trim()
  if ((role === 'duty_officer' || role === 'supervisor') && ON_THE_SPOT.test(leading.after))
    return `处置 ${leading.code} ${leading.after}`
  // 「YH… 让燃气办去处理」: another unit named to rectify it is the 改派, the words its reason.
  const told = unitToldToHandle(leading.after)
  if (told) return `改派 ${leading.code} ${told} ${leading.after}`
  return undefined
}

/**
 * 「人民路井盖那个延期到下个月15号 材料没到」「把塔吊那个挂牌督办」「塔吊那个收到」: a command with the hazard named by
 * its place or thing instead of its number. The words before the verb name it; what follows is the command's
 * own (a deadline and why, a level and a reason), asked for by the command when missing.
 */
const VERB_AFTER_NAME =
  /^(?:请|麻烦|帮我)?(?:把|将)?(?:那个|这个)?([\u4e00-\u9fa5A-Za-z0-9]{2,16}?)(?:的)?(?:那个|这个|那处|这处)?(?:重大)?(?:隐患)?(?:的)?(?:(?:定为|定成|列为|认定为|升为)(?:重大|一般)(?:隐患)?[\s，,、并]*)?(延期|挂牌督办|挂牌|摘牌|接报|收到|作废|删除|删掉|撤销)(?:到|至)?(?:一下|掉)?(?:了)?[\s，,：:]*([\s\S]*)$/

export async function hazardCommandByName(
  turn: Turn,
  actor: Actor,
  input: string,
): Promise<{ command: string } | { replies: Reply[] } | undefined> {
  if (actor.role === 'citizen' || normaliseCode(input)) return undefined
  // 「把建设路井盖那个隐患的期限改到下周五」: the 延期 in other words.
  const said = VERB_AFTER_NAME.exec(deadlineMoveAsExtension(input))
  const [, name = '', verb = '', rest = ''] = said ?? []
  if (!said || !namesARecord(name)) return undefined
  // 「把建设路护栏那个删掉」 from a patroller: voiding is the supervising office's (it opened a hazard form).
  if (actor.role === 'field_staff')
    return VERB_MEANT[verb] === '作废' || verb === '作废' ? { replies: [text(WORDING.voidBySupervisor)] } : undefined
  // 收到 of a hazard is its 接报: only for a major one not yet acknowledged.
  const acknowledging = verb === '收到' || verb === '接报'
  if (verb === '收到' && (actor.role === 'unit_handler' || rest)) return undefined
  const open = await turn.ctx.db
    .select()
    .from(hazards)
    .where(
      acknowledging
        ? and(
            eq(hazards.level, 'major'),
            isNull(hazards.majorAckAt),
            inArray(hazards.status, [...OPEN_HAZARD_STATUSES]),
          )
        : inArray(hazards.status, [...OPEN_HAZARD_STATUSES]),
    )
    .orderBy(desc(hazards.foundAt), desc(hazards.id))
    .limit(NAMED_AMONG)
  const named = recordsNamed(open, name)
  const [only] = named
  const command = acknowledging ? '接报' : (VERB_MEANT[verb] ?? verb)
  // 「把人民路井盖那个隐患删掉」 naming none: said so (it opened a hazard form). So is 「那个燃气泄漏的隐患 挂牌督办」,
  // pointing back at one that is not there (it opened a report of a gas leak).
  if (!only && (command === '作废' || /那个|这个|那处|这处/.test(input)))
    return { replies: [text(WORDING.noHazardNamed(name, command))] }
  if (!only) return undefined
  if (named.length > 1)
    return {
      replies: [
        text(
          `有 ${named.length} 项隐患与「${name}」相符，请回复「${command} 编号 …」指明是哪一项：\n${named
            .slice(0, 5)
            .map((h) => `· ${h.code} ${clip(h.description, 20)}`)
            .join('\n')}`,
        ),
      ],
    }
  return { command: `${command} ${only.code} ${rest}`.trim() }
}

/** How many open hazards words naming one are looked for among. */
const NAMED_AMONG = 100

/**
 * 「YH… 交给道管处」 of a hazard not yet handed to any unit: that is its 交办, not a 改派 (which had refused it as
 * 「已上报」). Other commands stay as they are.
 */
export async function assignmentWhenUnassigned(turn: Turn, command: string): Promise<string> {
  const parsed = codedCommand(COMMAND, 'YH', command)
  if (parsed?.verb !== '改派') return command
  const [hazard] = await turn.ctx.db
    .select({ status: hazards.status })
    .from(hazards)
    .where(eq(hazards.code, parsed.code))
  return hazard?.status === 'reported' ? `交办 ${parsed.code} ${parsed.after}`.trim() : command
}

export function isHazardCommand(input: string): boolean {
  return codedCommand(COMMAND, 'YH', input) !== undefined
}

export async function handleHazardCommand(turn: Turn, actor: Actor, input: string): Promise<Reply[]> {
  const parsed = codedCommand(COMMAND, 'YH', input)
  if (!parsed) return [text('请附上隐患编号，例如：接报 YH20261123-0001')]
  const { verb, code, after } = parsed
  const [hazard] = await turn.ctx.db.select().from(hazards).where(eq(hazards.code, code))
  if (!hazard) return [text(`未找到隐患 ${code}。`)]
  try {
    switch (verb) {
      case '接报':
        return [text(await acknowledgeMajor(turn, actor, hazard))]
      case '处置':
      case '应急处置': {
        if (!after) return [text(`请写明采取的应急处置措施，例如：处置 ${code} 已疏散人员并设置围挡`)]
        // Photos of the scene sent just before the command go with the disposal.
        const photos = await recentUnattachedMedia(turn.ctx.db, turn.identity.id, turn.ctx.clock.now())
        const updated = await applyHazardCommand({
          ctx: turn.ctx,
          hazardId: hazard.id,
          command: { action: 'emergency_disposal', note: after },
          actor,
          options: { mediaIds: photos },
        })
        const due = updated.emergencyReportDueAt
          ? formatLocal(updated.emergencyReportDueAt, turn.ctx.timeZone, turn.ctx.clock.now())
          : ''
        return [
          text(
            `已记录隐患 ${code} 的应急处置${photos.length ? `（附现场照片 ${photos.length} 张）` : ''}。处置完毕后须在3个工作日内（${due}前）向安监科书面报告，提交后发送「提交处置报告 ${code}」。`,
          ),
        ]
      }
      case '挂牌':
      case '挂牌督办': {
        const level: ListingLevel = /^上级/.test(after) ? 'higher' : 'local'
        const reason = after.replace(/^(本级|上级)[\s，,：:]*/, '').trim()
        if (!reason) return [text(`请写明挂牌原因，例如：挂牌 ${code} 本级 多次反复沉降`)]
        await applyHazardCommand({
          ctx: turn.ctx,
          hazardId: hazard.id,
          command: { action: 'list_supervision', level, reason },
          actor,
        })
        return [text(`隐患 ${code} 已${LISTING_LEVEL_LABELS[level]}挂牌督办，每周提醒责任单位直至摘牌。`)]
      }
      case '定级': {
        const level = /^重大/.test(after) ? 'major' : /^一般/.test(after) ? 'general' : undefined
        const reason = after.replace(/^(重大|一般)(隐患)?[\s，,：:]*/, '').trim()
        if (!level || !reason) return [text(`请写明等级和理由，例如：定级 ${code} 重大 塌陷范围扩大，危及行人`)]
        await applyHazardCommand({
          ctx: turn.ctx,
          hazardId: hazard.id,
          command: { action: 'regrade', level, reason },
          actor,
        })
        return [
          text(
            `隐患 ${code} 已定为${level === 'major' ? '重大隐患，已推送安监科、值班员和领导，交办前须落实“五落实”' : '一般隐患'}。`,
          ),
        ]
      }
      case '延期':
        return [text(await extendDeadline(turn, actor, hazard, after))]
      case '作废': {
        // 「是误报」: the reason, said with or without 是.
        const reason = after.replace(/^(?:因为|是|原因[:：]?|理由[:：]?)/, '').trim()
        if (!reason) return [text(`请写明作废原因，例如：作废 ${code} 误报，现场核实无此隐患`)]
        await applyHazardCommand({ ctx: turn.ctx, hazardId: hazard.id, command: { action: 'void', reason }, actor })
        return [text(WORDING.hazardVoided(code, reason))]
      }
      case '改派':
        return [text(await reassignHazard(turn, actor, hazard, after))]
      default: {
        if (!after) return [text(`请写明摘牌原因，例如：摘牌 ${code} 整改到位`)]
        await applyHazardCommand({
          ctx: turn.ctx,
          hazardId: hazard.id,
          command: { action: 'delist_supervision', reason: after },
          actor,
        })
        return [text(`隐患 ${code} 已摘牌。`)]
      }
    }
  } catch (error) {
    if (error instanceof RuleViolation) return [text(error.message)]
    throw error
  }
}

/** 接报 by command or the push card's button: recorded once, the escalation stopped. */
export async function acknowledgeMajor(turn: Turn, actor: Actor, hazard: HazardRow): Promise<string> {
  try {
    await applyHazardCommand({ ctx: turn.ctx, hazardId: hazard.id, command: { action: 'acknowledge' }, actor })
  } catch (error) {
    if (error instanceof RuleViolation && error.code === 'already_acknowledged') {
      const at = hazard.majorAckAt ? formatLocal(hazard.majorAckAt, turn.ctx.timeZone, turn.ctx.clock.now()) : ''
      return `重大隐患 ${hazard.code} 已于 ${at} 接报，无需重复接报。`
    }
    if (error instanceof RuleViolation) return error.message
    throw error
  }
  return `已接报重大隐患 ${hazard.code}，升级提醒已停止。请组织应急处置（「处置 ${hazard.code} 措施」），落实“五落实”后发送「交办 ${hazard.code}」。`
}

/** 「延期 YH… 12月31日 需协调燃气管线迁改」: a later rectification deadline, with why. */
async function extendDeadline(turn: Turn, actor: Actor, hazard: HazardRow, said: string): Promise<string> {
  const { ctx } = turn
  const example = `例如：延期 ${hazard.code} 12月31日 需协调管线单位迁改`
  const deadline = deadlineSaid(said, ctx.clock.now(), ctx.timeZone)
  if ('missing' in deadline) return askMissingDeadline(deadline.missing, '整改期限', example)
  const updated = await applyHazardCommand({
    ctx,
    hazardId: hazard.id,
    command: { action: 'extend', ...deadline },
    actor,
  })
  const due = updated.rectifyDueAt ? formatLocal(updated.rectifyDueAt, ctx.timeZone, ctx.clock.now()) : ''
  return `隐患 ${hazard.code} 的整改期限已延至 ${due}，已告知责任单位。`
}

/** 「改派 YH… 燃气办 属燃气管线」「YH… 转给燃气办」: another unit rectifies it, with why. */
async function reassignHazard(turn: Turn, actor: Actor, hazard: HazardRow, after: string): Promise<string> {
  const { ctx } = turn
  // The unit named, as every message that names one is read (the longest active name it contains).
  const target = await unitNamedIn(turn, after, { leading: true })
  if (!target) return `请写明改派的单位和原因，例如：改派 ${hazard.code} 燃气办 属燃气管线问题`
  const reason = reasonBeside(after, target.said) || `改派至${target.name}`
  await applyHazardCommand({
    ctx,
    hazardId: hazard.id,
    command: { action: 'reassign', unitId: target.id, reason },
    actor,
  })
  return `隐患 ${hazard.code} 已改派${target.name}整改，已通知该单位。`
}
