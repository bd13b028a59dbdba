import { z } from 'zod'
import { RuleViolation } from '../../domain/errors'
import { zonedInstant } from '../../domain/local-time'
import { isStorableDate } from '../../domain/storable'
import { AppError } from '../../errors'

/**
 * What every console form shares: a change that breaks a rule, or a form the schema refuses, is a 400 page in
 * its own words; a <input type="datetime-local"> value is read as the city's wall-clock time.
 */
export async function asFormError<T>(change: () => Promise<T>): Promise<T> {
  try {
    return await change()
  } catch (error) {
    if (error instanceof RuleViolation) throw new AppError('invalid_request', error.message, error.code)
    if (error instanceof z.ZodError) throw new AppError('invalid_request', error.issues[0]?.message ?? '表单内容无效')
    throw error
  }
}

/** 「2026-11-23T08:00」 as a local instant; undefined unless it is a real day and time (not 2026-13-45T99:99). */
export function localDateTime(value: unknown, timeZone: string): Date | undefined {
  const match = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})$/.exec(String(value ?? ''))
  if (!match) return undefined
  const [, date, hour, minute] = match as unknown as [string, string, string, string]
  if (Number(hour) > 23 || Number(minute) > 59 || !z.iso.date().safeParse(date).success) return undefined
  const instant = zonedInstant(date, timeZone, Number(hour), Number(minute))
  return isStorableDate(instant) ? instant : undefined
}
