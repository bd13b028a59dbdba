import { and, desc, eq, inArray } from 'drizzle-orm'
import { WORDING } from '../../bots/wording'
import { complaints, reportRewards } from '../db/schema'
import type { ServiceContext } from '../services/context'
import { formatLocal } from './format'

/**
 * 「我的奖励什么时候发」「举报奖励到账了吗」「奖金发了没有」: a citizen asking after the reward for their own 举报
 * (source 002 (五)) — where each stands, rather than how reporting is rewarded in general.
 */
const ASKS_OWN_REWARD =
  /我的?(?:举报)?(?:的)?(?:奖励|奖金)|(?:奖励|奖金)(?:什么时候|啥时候|何时|几时|多久|哪天)(?:能|会|才)?(?:发|到|给|下来)|(?:奖励|奖金)(?:发|到账|到|给|批)(?:了|下来了?)?(?:吗|没有?|么)|(?:奖励|奖金)(?:有|是)?多少(?:钱)?|(?:奖励|奖金)(?:怎么|咋)?(?:还)?没(?:有)?(?:发|到|给)|举报.{0,6}(?:核实|审核)(?:了|好了|结果)(?:吗|没有?|怎么样|出来了?)/

export function asksOwnReward(body: string): boolean {
  return [...body].length <= 30 && ASKS_OWN_REWARD.test(body)
}

/** How many of the citizen's 举报 are told about, the latest first. */
const TOLD = 3

export async function describeOwnRewards(ctx: ServiceContext, botId: string, openId: string): Promise<string> {
  const rows = await ctx.db
    .select({ complaint: complaints, reward: reportRewards })
    .from(complaints)
    .leftJoin(reportRewards, eq(reportRewards.complaintId, complaints.id))
    .where(
      and(
        inArray(complaints.channel, ['mp', 'console']),
        eq(complaints.botId, botId),
        eq(complaints.citizenExternalId, openId),
        eq(complaints.whistleblowing, true),
      ),
    )
    .orderBy(desc(complaints.receivedAt), desc(complaints.id))
    .limit(TOLD)
  if (rows.length === 0) return WORDING.citizenNoWhistleblowing
  const now = ctx.clock.now()
  return rows
    .map(({ complaint, reward }) => {
      if (!reward || reward.verified === null) return WORDING.rewardBeingChecked(complaint.code)
      if (!reward.verified) return WORDING.rewardNotSubstantiated(complaint.code)
      if (!reward.paidAt)
        return WORDING.rewardToBePaid(complaint.code, reward.amountYuan ?? 0, complaint.citizenPhone !== null)
      return WORDING.rewardPaid(
        complaint.code,
        reward.amountYuan ?? 0,
        formatLocal(reward.paidAt, ctx.timeZone, now).split(' ')[0] ?? '',
        reward.paidHow ?? '',
      )
    })
    .join('\n')
}
