import { describe, expect, it } from 'vitest'
import { namesNoDay, storableDate } from '../../src/domain/storable'

describe('dates as the database holds them', () => {
  it.each([
    ['2026-02-30', true],
    ['2026-04-31T08:00', true],
    ['2027-02-29T00:00:00Z', true],
    ['2028-02-29', false],
    ['2026-12-31T23:59:59+08:00', false],
    ['tomorrow', false],
  ])('%s names no day: %s', (text, expected) => {
    expect(namesNoDay(text)).toBe(expected)
  })

  it('refuses a day the calendar does not have instead of rolling it into the next month', () => {
    expect(storableDate().safeParse('2026-02-30').success).toBe(false)
    expect(storableDate().safeParse('2026-04-31T08:00:00Z').success).toBe(false)
    expect(storableDate().parse('2026-02-28T08:00:00Z')).toEqual(new Date('2026-02-28T08:00:00Z'))
    expect(storableDate().parse(new Date('2026-03-01T00:00:00Z'))).toEqual(new Date('2026-03-01T00:00:00Z'))
    expect(storableDate().safeParse('99999-01-01').success).toBe(false)
  })
})
