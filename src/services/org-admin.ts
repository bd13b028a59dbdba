import { and, eq, ne } from 'drizzle-orm'
import { z } from 'zod'
import { isPlatformUrl } from '../channels/outbound-hosts'
import { ROBOT_SECRET_ENV } from '../channels/robot-secrets'
import type { Database } from '../db/client'
import { CHANNELS, chatGroups, people, routingRules, UNIT_KINDS, units } from '../db/schema'
import { RuleViolation } from '../domain/errors'
import { ROLES } from '../domain/roles'
import { rowId } from '../domain/storable'
import { type AdminActor, audited } from './audit'
import type { ServiceContext } from './context'
import { addToLeadOfficeDuties } from './supervision-assignments'

/**
 * The city's organisation as the administrator keeps it: units, people and the group chats that receive
 * posts. Records are edited or deactivated, never deleted, so the ledgers' history keeps its names; a
 * group chat, which holds no history, may be removed.
 */
const optionalId = z.preprocess((v) => (v === '' || v === undefined ? undefined : v), rowId().optional())
const optionalText = (max: number) =>
  z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), z.string().trim().max(max).optional())
const checkbox = z.preprocess((v) => v === 'on' || v === 'true' || v === true || v === '1', z.boolean())

export const UnitInput = z.object({
  id: optionalId,
  code: z
    .string()
    .trim()
    .regex(/^[a-z][a-z0-9_-]{1,39}$/, '单位代码用小写字母、数字、下划线，2–40位'),
  name: z.string().trim().min(2, '请填写单位名称').max(50),
  kind: z.enum(UNIT_KINDS),
  leaderId: optionalId,
  /** 启用日期: the assessment starts from it. */
  goLiveOn: z.preprocess(
    (v) => (typeof v === 'string' && v.trim() === '' ? undefined : v),
    z.iso.date('启用日期请按 YYYY-MM-DD 填写').optional(),
  ),
  /** 牵头科室: at most one unit leads; setting it moves the role from the previous one. */
  leadsSupervision: checkbox,
  active: checkbox,
})

export const PersonInput = z.object({
  id: optionalId,
  name: z.string().trim().min(1, '请填写姓名').max(30),
  role: z.enum(ROLES),
  unitId: optionalId,
  phone: optionalText(20).pipe(
    z
      .string()
      .regex(/^[0-9+\-\s]{5,20}$/, '电话号码格式不正确')
      .optional(),
  ),
  active: checkbox,
})

export const GroupInput = z.object({
  id: optionalId,
  channel: z.enum(CHANNELS).refine((c) => c !== 'mp' && c !== 'console' && c !== 'open311', '该渠道没有群聊'),
  botId: optionalText(50).transform((v) => v ?? 'default'),
  name: z.string().trim().min(1, '请填写群名称').max(50),
  purpose: z.enum(['unit', 'leaders']),
  unitId: optionalId,
  externalId: optionalText(200),
  webhookUrl: optionalText(500).pipe(z.string().url('机器人地址应为网址').optional()),
  secretEnv: optionalText(100).pipe(
    z
      .string()
      .regex(ROBOT_SECRET_ENV, '密钥只填以 ROBOT_SECRET_ 开头的环境变量名，例如 ROBOT_SECRET_SHIZHENG')
      .optional(),
  ),
})

async function assertUnit(tx: Database, unitId: number | undefined): Promise<void> {
  if (unitId === undefined) return
  const [unit] = await tx.select({ id: units.id }).from(units).where(eq(units.id, unitId))
  if (!unit) throw new RuleViolation('invalid_unit', '所选单位不存在。')
}

export async function saveUnit(ctx: ServiceContext, actor: AdminActor, input: z.input<typeof UnitInput>) {
  const { id, ...values } = UnitInput.parse(input)
  return audited(ctx, actor, { action: id ? 'update_unit' : 'create_unit', entity: 'unit' }, async (tx) => {
    const [clash] = await tx
      .select({ id: units.id })
      .from(units)
      .where(id ? and(eq(units.code, values.code), ne(units.id, id)) : eq(units.code, values.code))
    if (clash) throw new RuleViolation('duplicate_code', `单位代码 ${values.code} 已被使用。`)
    if (values.leaderId !== undefined) {
      const [leader] = await tx.select().from(people).where(eq(people.id, values.leaderId))
      if (leader?.role !== 'leader') throw new RuleViolation('invalid_person', '分管领导须选择一名领导。')
    }
    const row = { ...values, leaderId: values.leaderId ?? null, goLiveOn: values.goLiveOn ?? null }
    if (row.leadsSupervision && (row.kind !== 'supervising' || !row.active))
      throw new RuleViolation('invalid_lead', '牵头科室须是在用的督查单位。')
    if (row.leadsSupervision)
      await tx
        .update(units)
        .set({ leadsSupervision: false })
        .where(id ? ne(units.id, id) : undefined)
    if (!id) {
      const [after] = await tx.insert(units).values(row).returning()
      // The lead office inspects every patrol unit (source 000 (二) 1), a new one included.
      if (after && after.kind === 'patrol' && after.active) await addToLeadOfficeDuties(tx, after.id)
      return { entityId: String(after?.id), after }
    }
    const [before] = await tx.select().from(units).where(eq(units.id, id)).for('update')
    if (!before) throw new RuleViolation('not_found', '未找到该单位。')
    if (before.active && !values.active) {
      const routed = await tx.select().from(routingRules).where(eq(routingRules.unitId, id))
      if (routed.length)
        throw new RuleViolation('unit_in_use', '仍有派单规则指向该单位，请先在「派单规则」中改派后再停用。')
    }
    const [after] = await tx.update(units).set(row).where(eq(units.id, id)).returning()
    return { entityId: String(id), before, after }
  })
}

export async function savePerson(ctx: ServiceContext, actor: AdminActor, input: z.input<typeof PersonInput>) {
  const { id, ...values } = PersonInput.parse(input)
  if (values.role !== 'citizen' && values.role !== 'admin' && values.unitId === undefined)
    throw new RuleViolation('unit_required', '工作人员须选择所属单位。')
  return audited(ctx, actor, { action: id ? 'update_person' : 'create_person', entity: 'person' }, async (tx) => {
    await assertUnit(tx, values.unitId)
    const row = { ...values, unitId: values.unitId ?? null, phone: values.phone ?? null }
    if (!id) {
      const [after] = await tx.insert(people).values(row).returning()
      return { entityId: String(after?.id), after }
    }
    const [before] = await tx.select().from(people).where(eq(people.id, id)).for('update')
    if (!before) throw new RuleViolation('not_found', '未找到该人员。')
    const [after] = await tx.update(people).set(row).where(eq(people.id, id)).returning()
    return { entityId: String(id), before, after }
  })
}

export async function saveGroup(
  ctx: ServiceContext,
  actor: AdminActor,
  input: z.input<typeof GroupInput>,
  platformHosts: ReadonlySet<string>,
) {
  const { id, ...values } = GroupInput.parse(input)
  // A robot address elsewhere would receive our posts and signatures: only the platforms' robot hosts.
  if (values.webhookUrl && !isPlatformUrl(values.webhookUrl, platformHosts))
    throw new RuleViolation(
      'url_not_allowed',
      `群机器人地址须为平台的机器人地址（https://${[...platformHosts].join('、')}），如需其他地址请由运维在 PLATFORM_REPLY_HOSTS 中登记。`,
    )
  if (values.purpose === 'unit' && values.unitId === undefined)
    throw new RuleViolation('unit_required', '单位群须选择所属单位。')
  if (!values.externalId && !values.webhookUrl)
    throw new RuleViolation('no_address', '请填写群聊ID或群机器人地址（至少一项）。')
  return audited(ctx, actor, { action: id ? 'update_group' : 'create_group', entity: 'chat_group' }, async (tx) => {
    await assertUnit(tx, values.unitId)
    const row = {
      ...values,
      unitId: values.purpose === 'unit' ? (values.unitId ?? null) : null,
      externalId: values.externalId ?? null,
      webhookUrl: values.webhookUrl ?? null,
      secretEnv: values.secretEnv ?? null,
    }
    if (!id) {
      const [after] = await tx.insert(chatGroups).values(row).returning()
      return { entityId: String(after?.id), after }
    }
    const [before] = await tx.select().from(chatGroups).where(eq(chatGroups.id, id)).for('update')
    if (!before) throw new RuleViolation('not_found', '未找到该群聊。')
    const [after] = await tx.update(chatGroups).set(row).where(eq(chatGroups.id, id)).returning()
    return { entityId: String(id), before, after }
  })
}

export async function removeGroup(ctx: ServiceContext, actor: AdminActor, input: { id?: unknown }) {
  const id = rowId().parse(input.id)
  return audited(ctx, actor, { action: 'remove_group', entity: 'chat_group' }, async (tx) => {
    const [before] = await tx.delete(chatGroups).where(eq(chatGroups.id, id)).returning()
    if (!before) throw new RuleViolation('not_found', '未找到该群聊。')
    return { entityId: String(id), before, after: null }
  })
}
