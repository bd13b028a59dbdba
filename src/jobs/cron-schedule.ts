import { schedule } from 'node-cron'
import type { Services } from '../app-env'
import { jobDefinitions, runJob } from './scheduler'

/**
 * The jobs on node-cron in a long-running Node process. Kept apart from the job definitions because
 * node-cron reads its own file location when loaded, which a Worker bundle (whose cron trigger calls
 * runJobsDueAt instead) does not have.
 */
export function startScheduler(services: Services): { stop(): Promise<void> } {
  const tasks = jobDefinitions().map((job) =>
    schedule(job.cron, () => runJob(services, job), {
      timezone: services.config.timeZone,
      name: job.name,
      noOverlap: true,
    }),
  )
  return {
    async stop() {
      for (const task of tasks) await task.stop()
    },
  }
}
