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

/**
 * One group of settings stored under a key: the defaults overridden by what the administrator saved (a
 * saved value that no longer validates, say after an upgrade narrowed a range, falls back to the default),
 * and an audited save.
 */
export function settingGroup<S extends z.ZodObject>(key: string, schema: S, action: string) {
  type Value = z.infer<S>
  const load = async (db: Database, defaults: Value): Promise<Value> => {
    const [row] = await db.select().from(settings).where(eq(settings.key, key))
    const saved = schema.partial().safeParse(row?.value ?? {})
    return { ...defaults, ...(saved.success ? saved.data : {}) }
  }
  const save = (ctx: ServiceContext, actor: AdminActor, defaults: Value, input: z.input<S>): Promise<Value> => {
    const next = schema.parse(input)
    return audited(ctx, actor, { action, entity: 'settings' }, async (tx) => {
      const before = await load(tx, defaults)
      await tx
        .insert(settings)
        .values({ key, value: next, updatedAt: ctx.clock.now() })
        .onConflictDoUpdate({ target: settings.key, set: { value: next, updatedAt: ctx.clock.now() } })
      return { entityId: key, before, after: next }
    })
  }
  return { load, save }
}

const reminders = settingGroup(KEY, ReminderSettings, 'set_reminders')
export const loadReminderSettings = reminders.load
export const saveReminderSettings = reminders.save

/** Where the scheme leaves room (source 000 附件1): late reports and complaint extensions, off by default. */
export const ScoringSettings = z.object({
  latePenalty: z.boolean(),
  extensionsExcuse: z.boolean(),
})
const scoring = settingGroup('assessment', ScoringSettings, 'set_scoring')

export function loadScoringOptions(db: Database): Promise<ScoringOptions> {
  return scoring.load(db, DEFAULT_SCORING)
}

export function saveScoringOptions(
  ctx: ServiceContext,
  actor: AdminActor,
  input: z.input<typeof ScoringSettings>,
): Promise<ScoringOptions> {
  return scoring.save(ctx, actor, DEFAULT_SCORING, input)
}
