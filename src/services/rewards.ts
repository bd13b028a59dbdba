import { desc, eq } from 'drizzle-orm'
import { z } from 'zod'
import type { Database } from '../db/client'
import { complaints, hazards, reportRewards } from '../db/schema'
import { canActOnComplaint } from '../domain/complaint-lifecycle'
import { RuleViolation } from '../domain/errors'
import { DEFAULT_REWARD_STANDARD, payReward, REWARD_ROLES, type RewardStandard, verifyReward } from '../domain/rewards'
import type { Actor } from '../domain/roles'
import type { AdminActor } from './audit'
import type { ServiceContext } from './context'
import { settingGroup } from './settings'

/** The reward standard (yuan), set by the administrator; 200 / 2000 by default. */
export const RewardStandardSettings = z.object({
  general: z.coerce.number().int('请填写整数').min(0).max(1_000_000),
  major: z.coerce.number().int('请填写整数').min(0).max(1_000_000),
})
const standard = settingGroup('rewards', RewardStandardSettings, 'set_reward_standard')
export const loadRewardStandard = (db: Database): Promise<RewardStandard> => standard.load(db, DEFAULT_REWARD_STANDARD)
export const saveRewardStandard = (
  ctx: ServiceContext,
  actor: AdminActor,
  input: z.input<typeof RewardStandardSettings>,
) => standard.save(ctx, actor, DEFAULT_REWARD_STANDARD, input)

async function whistleblowingComplaint(db: Database, complaintId: number) {
  const [complaint] = await db.select().from(complaints).where(eq(complaints.id, complaintId))
  if (!complaint?.whistleblowing) throw new RuleViolation('not_whistleblowing', '该投诉不是有奖举报。')
  return complaint
}

/**
 * 核实: the unit it was assigned to, or the supervising office, records whether the 举报 is true and why; a
 * true one gets its amount by the standard (the level of the hazard it became, general otherwise).
 */
export async function verifyWhistleblowing(
  ctx: ServiceContext,
  complaintId: number,
  actor: Actor,
  substantiated: boolean,
  reason: string,
) {
  const complaint = await whistleblowingComplaint(ctx.db, complaintId)
  const mayVerify =
    actor.role === 'supervisor' ||
    actor.role === 'admin' ||
    (actor.role === 'unit_handler' && canActOnComplaint(actor, 'reply', complaint))
  if (!mayVerify) throw new RuleViolation('forbidden', '只有承办单位或督查人员可以核实举报。')
  const [hazard] = complaint.hazardId
    ? await ctx.db.select({ level: hazards.level }).from(hazards).where(eq(hazards.id, complaint.hazardId))
    : []
  return ctx.db.transaction(async (tx) => {
    const [current] = await tx
      .select()
      .from(reportRewards)
      .where(eq(reportRewards.complaintId, complaintId))
      .for('update')
    const outcome = verifyReward(
      current,
      substantiated,
      reason,
      hazard?.level ?? 'general',
      await loadRewardStandard(tx),
    )
    const values = {
      verified: outcome.verified,
      verifyReason: outcome.reason,
      verifiedAt: ctx.clock.now(),
      verifiedById: actor.personId,
      amountYuan: outcome.amountYuan,
    }
    const [row] = current
      ? await tx.update(reportRewards).set(values).where(eq(reportRewards.complaintId, complaintId)).returning()
      : await tx
          .insert(reportRewards)
          .values({ complaintId, ...values })
          .returning()
    return { complaint, reward: row }
  })
}

/** 发放: the reward handlers record the payment of a true report's reward. */
export async function recordRewardPaid(ctx: ServiceContext, complaintId: number, actor: Actor, how: string) {
  if (!(REWARD_ROLES as readonly string[]).includes(actor.role))
    throw new RuleViolation('forbidden', '只有督查人员或管理员可以登记奖励发放。')
  const complaint = await whistleblowingComplaint(ctx.db, complaintId)
  return ctx.db.transaction(async (tx) => {
    const [current] = await tx
      .select()
      .from(reportRewards)
      .where(eq(reportRewards.complaintId, complaintId))
      .for('update')
    const paid = payReward(current, how)
    const [row] = await tx
      .update(reportRewards)
      .set({ paidAt: ctx.clock.now(), paidHow: paid.how, paidById: actor.personId })
      .where(eq(reportRewards.complaintId, complaintId))
      .returning()
    return { complaint, reward: row }
  })
}

/** Every 举报 with its reporter and reward, for the reward handlers only. */
export async function whistleblowingLedger(db: Database) {
  return db
    .select({ complaint: complaints, reward: reportRewards })
    .from(complaints)
    .leftJoin(reportRewards, eq(reportRewards.complaintId, complaints.id))
    .where(eq(complaints.whistleblowing, true))
    .orderBy(desc(complaints.receivedAt), desc(complaints.id))
    .limit(500)
}
