import { eq } from 'drizzle-orm'
import { z } from 'zod'
import type { Config } from '../config'
import type { Database } from '../db/client'
import { settings } from '../db/schema'
import { ReminderSettings } from '../domain/reminder-settings'
import { DEFAULT_SCORING, type ScoringOptions } from '../domain/scoring'
import { type AdminActor, audited } from './audit'
import type { ServiceContext } from './context'

/** Reminder timing: the environment's values, overridden by what the administrator saved. */
const KEY = 'reminders'

export function reminderDefaults(config: Config): ReminderSettings {
  return {
    quietHoursStart: config.quietHours.start,
    quietHoursEnd: config.quietHours.end,
    remindUnacceptedMinutes: config.jobs.remindUnacceptedMinutes,
    escalationAckMinutes: config.jobs.escalationAckMinutes,
    digestTime: config.jobs.digestTime,
  }
}

export async function loadReminderSettings(db: Database, defaults: ReminderSettings): Promise<ReminderSettings> {
  const [row] = await db.select().from(settings).where(eq(settings.key, KEY))
  // A saved value that no longer validates (say, after an upgrade narrowed a range) falls back to the default.
  const saved = ReminderSettings.partial().safeParse(row?.value ?? {})
  return { ...defaults, ...(saved.success ? saved.data : {}) }
}

export async function saveReminderSettings(
  ctx: ServiceContext,
  actor: AdminActor,
  defaults: ReminderSettings,
  input: z.input<typeof ReminderSettings>,
): Promise<ReminderSettings> {
  const next = ReminderSettings.parse(input)
  return audited(ctx, actor, { action: 'set_reminders', entity: 'settings' }, async (tx) => {
    const before = await loadReminderSettings(tx, defaults)
    await tx
      .insert(settings)
      .values({ key: KEY, value: next, updatedAt: ctx.clock.now() })
      .onConflictDoUpdate({ target: settings.key, set: { value: next, updatedAt: ctx.clock.now() } })
    return { entityId: KEY, before, after: next }
  })
}

/** Where the scheme leaves room (source 000 附件1): late reports and complaint extensions, off by default. */
const SCORING_KEY = 'assessment'
export const ScoringSettings = z.object({
  latePenalty: z.boolean(),
  extensionsExcuse: z.boolean(),
})

export async function loadScoringOptions(db: Database): Promise<ScoringOptions> {
  const [row] = await db.select().from(settings).where(eq(settings.key, SCORING_KEY))
  const saved = ScoringSettings.partial().safeParse(row?.value ?? {})
  return { ...DEFAULT_SCORING, ...(saved.success ? saved.data : {}) }
}

export async function saveScoringOptions(
  ctx: ServiceContext,
  actor: AdminActor,
  input: z.input<typeof ScoringSettings>,
): Promise<ScoringOptions> {
  const next = ScoringSettings.parse(input)
  return audited(ctx, actor, { action: 'set_scoring', entity: 'settings' }, async (tx) => {
    const before = await loadScoringOptions(tx)
    await tx
      .insert(settings)
      .values({ key: SCORING_KEY, value: next, updatedAt: ctx.clock.now() })
      .onConflictDoUpdate({ target: settings.key, set: { value: next, updatedAt: ctx.clock.now() } })
    return { entityId: SCORING_KEY, before, after: next }
  })
}
