import { notifications } from '../db/schema'
import { localDate } from '../domain/local-time'
import { periodOfDate, previousPeriod } from '../domain/periods'
import { postToGroups } from '../messaging/notify'
import { renderReportMarkdown } from '../reports/markdown'
import type { ServiceContext } from '../services/context'
import { groupsOf } from '../services/recipients'
import { reportContent } from '../services/reports'

/** Every Monday, last week's figures to each unit's group chat — once per group and week. */
export async function runWeeklyGroupSummaries(ctx: ServiceContext): Promise<number> {
  const now = ctx.clock.now()
  const week = previousPeriod(periodOfDate('week', localDate(now, ctx.timeZone), ctx.timeZone), ctx.timeZone)
  let posted = 0
  for (const group of await groupsOf(ctx.db, 'unit')) {
    if (group.unitId === null) continue
    const unitId = group.unitId
    const done = await ctx.db.transaction(async (tx) => {
      const [claim] = await tx
        .insert(notifications)
        .values({
          subjectType: 'group',
          subjectId: String(group.id),
          kind: 'weekly_summary',
          slot: week.start,
          createdAt: now,
        })
        .onConflictDoNothing()
        .returning()
      if (!claim) return false
      const content = await reportContent({ ...ctx, db: tx }, 'weekly', unitId, week)
      await postToGroups(
        tx,
        now,
        [group],
        { type: 'markdown', markdown: renderReportMarkdown({ ...content, title: '上周巡查汇总' }) },
        `week-summary:${week.start}`,
      )
      return true
    })
    if (done) posted++
  }
  return posted
}
