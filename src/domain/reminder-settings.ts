import { z } from 'zod'
import type { SlaSettings } from './complaint-sla'
import { DEFAULT_SLA } from './complaint-sla'
import type { QuietHours } from './quiet-hours'

/**
 * The reminder timing an administrator may change in the console. Each value starts from the environment
 * (QUIET_HOURS_*, COMPLAINT_REMIND_AFTER_MINUTES, ESCALATION_ACK_MINUTES, DIGEST_TIME) and a saved value
 * overrides it. The 1-day complaint limit itself is a rule from the source documents, not a setting here.
 */
const timeOfDay = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, '请按 HH:MM 填写时间，例如 07:00')

export const ReminderSettings = z.object({
  quietHoursStart: timeOfDay,
  quietHoursEnd: timeOfDay,
  /** Remind the unit about a complaint not yet signed for after this many minutes. */
  remindUnacceptedMinutes: z.coerce.number().int('请填写整数分钟').min(10, '至少10分钟').max(720, '最多720分钟'),
  /** Escalate further when an escalation is not acknowledged within this many minutes. */
  escalationAckMinutes: z.coerce.number().int('请填写整数分钟').min(5, '至少5分钟').max(240, '最多240分钟'),
  digestTime: timeOfDay,
})
export type ReminderSettings = z.infer<typeof ReminderSettings>

export const REMINDER_SETTING_LABELS: Record<keyof ReminderSettings, string> = {
  quietHoursStart: '免打扰开始',
  quietHoursEnd: '免打扰结束',
  remindUnacceptedMinutes: '投诉未签收提醒（分钟）',
  escalationAckMinutes: '升级未确认再升级（分钟）',
  digestTime: '领导日报时间',
}

export function slaSettingsOf(settings: ReminderSettings): SlaSettings {
  return {
    ...DEFAULT_SLA,
    unacceptedAfterMs: settings.remindUnacceptedMinutes * 60_000,
    ackTimeoutMs: settings.escalationAckMinutes * 60_000,
  }
}

export function quietHoursOf(settings: ReminderSettings): QuietHours {
  return { start: settings.quietHoursStart, end: settings.quietHoursEnd }
}

/** Whether the local time of day has reached the digest time (the digest itself is sent once a day). */
export function digestDue(localMinuteOfDay: number, digestTime: string): boolean {
  const [hour, minute] = digestTime.split(':').map(Number)
  return localMinuteOfDay >= (hour ?? 8) * 60 + (minute ?? 30)
}
