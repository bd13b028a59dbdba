import { Cron } from 'croner'
import type { Services } from '../app-env'
import type { SlaSettings } from '../domain/complaint-sla'
import { localParts } from '../domain/local-time'
import type { QuietHours } from '../domain/quiet-hours'
import { digestDue, quietHoursOf, slaSettingsOf } from '../domain/reminder-settings'
import { withRequestId } from '../observability/request-context'
import { escalateUnacknowledgedMajorHazards } from '../services/major-hazards'
import { loadReminderSettings, reminderDefaults } from '../services/settings'
import { runComplaintSla } from './complaint-sla'
import { runDailyDigest } from './daily-digest'
import { runWeeklyGroupSummaries } from './group-summaries'
import { runHazardReminders } from './hazard-reminders'
import { runHousekeeping } from './housekeeping'
import { runObligationReminders } from './obligation-reminders'
import { runPeriodicReports } from './periodic-reports'

/**
 * The scheduled jobs and when they run (in the city's time zone). Every job decides from the clock what
 * is due and sends each message once by its key, so running a tick twice, late, or on two replicas at
 * once is harmless.
 */
export interface JobDefinition {
  name: string
  cron: string
  description: string
  run(services: Services): Promise<unknown>
}

/** The reminder timing in force now: the environment's, overridden by what the administrator saved. */
export async function jobSettings(
  services: Services,
): Promise<{ sla: SlaSettings; quiet: QuietHours; digestTime: string }> {
  const settings = await loadReminderSettings(services.db, reminderDefaults(services.config))
  return { sla: slaSettingsOf(settings), quiet: quietHoursOf(settings), digestTime: settings.digestTime }
}

export function jobDefinitions(): JobDefinition[] {
  return [
    {
      name: 'complaint-sla',
      cron: '* * * * *',
      description: '投诉1日时限：未签收提醒、75%提醒、超时逐级升级（值班员→单位领导→局领导）',
      run: async (s) => {
        const { sla, quiet } = await jobSettings(s)
        return runComplaintSla(s.ctx, sla, quiet)
      },
    },
    {
      name: 'major-hazards',
      cron: '* * * * *',
      description: '重大隐患未接报逐级升级（值班员→责任单位领导→局领导），不受免打扰时段限制',
      run: async (s) => escalateUnacknowledgedMajorHazards(s.ctx, (await jobSettings(s)).sla),
    },
    {
      name: 'hazard-reminders',
      cron: '*/15 * * * *',
      description: '隐患整改期限：到期前3天/1天、当天、超期每日；重大隐患超期报值班员和领导；挂牌督办每周',
      run: async (s) => runHazardReminders(s.ctx, (await jobSettings(s)).quiet),
    },
    {
      name: 'periodic-reports',
      cron: '5 * * * *',
      description: '法定报表：周报（巡查单位）、月/季报和季度通报（督查单位）自动生成XLSX、确认上报、到期提醒',
      run: async (s) => runPeriodicReports(s.ctx, s.config.reportsDir, (await jobSettings(s)).quiet, s.narrativeWriter),
    },
    {
      name: 'obligation-reminders',
      cron: '0 9,15 * * *',
      description: '应急处置书面报告（3个工作日）、巡查组报告（5个工作日）到期提醒；每月20日、25日督查次数不足提醒',
      run: async (s) => runObligationReminders(s.ctx, (await jobSettings(s)).quiet),
    },
    {
      name: 'weekly-group-summaries',
      cron: '0 9 * * 1',
      description: '每周一上午向各单位群推送上周巡查汇总',
      run: (s) => runWeeklyGroupSummaries(s.ctx),
    },
    {
      name: 'daily-digest',
      // Checked every five minutes so a digest time changed in the console applies without a restart.
      cron: '*/5 * * * *',
      description: '领导日报：昨日巡查、隐患、投诉、升级情况（每天一次，时间可在管理页设置）',
      run: (s) => runDailyDigestWhenDue(s),
    },
    {
      name: 'housekeeping',
      cron: '30 3 * * *',
      description: '清理超过7天的接口幂等键（台账和事件从不清理）',
      run: (s) => runHousekeeping(s.ctx),
    },
  ]
}

/** One pass of every job that is due at the services' clock: what the simulator calls at each step. */
export async function runTick(services: Services): Promise<void> {
  const { sla, quiet } = await jobSettings(services)
  await runComplaintSla(services.ctx, sla, quiet)
  await escalateUnacknowledgedMajorHazards(services.ctx, sla)
  await runHazardReminders(services.ctx, quiet)
  await runPeriodicReports(services.ctx, services.config.reportsDir, quiet, services.narrativeWriter)
  await runObligationReminders(services.ctx, quiet)
  await runDailyDigestWhenDue(services)
  const now = localParts(services.clock.now(), services.config.timeZone)
  if (now.hour >= 9) await runWeeklyGroupSummariesOnMonday(services)
  await runHousekeeping(services.ctx)
  await services.outbox.drain()
}

/** The leaders' digest, once a day, from the configured time on. */
async function runDailyDigestWhenDue(services: Services): Promise<void> {
  const now = localParts(services.clock.now(), services.config.timeZone)
  const { digestTime } = await jobSettings(services)
  if (digestDue(now.hour * 60 + now.minute, digestTime)) await runDailyDigest(services.ctx, services.digestSummariser)
}

async function runWeeklyGroupSummariesOnMonday(services: Services): Promise<void> {
  const weekday = new Intl.DateTimeFormat('en-US', { timeZone: services.config.timeZone, weekday: 'short' }).format(
    services.clock.now(),
  )
  if (weekday === 'Mon') await runWeeklyGroupSummaries(services.ctx)
}

/**
 * One run of a job. What it queued is sent by the outbox in the background: a job never waits for the
 * platforms, so a slow platform cannot make node-cron skip the next minute's run ("task still running").
 */
export async function runJob(services: Services, job: JobDefinition): Promise<void> {
  if (!(await runTimed(services, job))) return
  void services.outbox.runOnce().catch((error: unknown) => services.logger.error('outbox run failed', { error }))
}

/**
 * Runs a job under its duration metric and an id of its own (`job-<name>-…`, like a request's), which its log
 * lines, the messages it queues and their sends carry. A failure is logged with its cause and reported as false.
 */
async function runTimed(services: Services, job: JobDefinition): Promise<boolean> {
  try {
    const runId = `job-${job.name}-${crypto.randomUUID().slice(0, 8)}`
    await withRequestId(runId, () => services.metrics.timeJob(job.name, () => job.run(services)))
    return true
  } catch (error) {
    services.logger.error('job failed', { job: job.name, error })
    return false
  }
}

/**
 * The jobs whose schedule names the minute `at` (in the city's time zone), each run to the end, then one
 * outbox run for what they queued: a platform's own cron (a Worker's scheduled event, every minute) calls
 * this where a long-running process has node-cron. Returns the names of the jobs run.
 */
export async function runJobsDueAt(services: Services, at: Date): Promise<string[]> {
  const due = jobDefinitions().filter((job) =>
    new Cron(job.cron, { timezone: services.config.timeZone, paused: true }).match(at),
  )
  for (const job of due) await runTimed(services, job)
  if (due.length > 0) await services.outbox.runOnce()
  return due.map((job) => job.name)
}
