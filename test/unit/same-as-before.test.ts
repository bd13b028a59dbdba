import { describe, expect, it } from 'vitest'
import {
  repeatOf,
  repeatsLastPatrol,
  SAME_AS_BEFORE,
  SAME_PATROL_ALONE,
} from '../../src/conversation/forms/same-as-before'
import { zonedInstant } from '../../src/domain/local-time'

const TZ = 'Asia/Shanghai'
const last = {
  code: 'XC20261123-0001',
  area: '人民路',
  patrollers: '张伟、李四',
  staffCount: 2,
  vehicleCount: 1,
  teamLeader: null,
  focus: 'routine' as const,
  startedAt: zonedInstant('2026-11-23', TZ, 9),
  endedAt: zonedInstant('2026-11-23', TZ, 11, 30),
}

describe('a patrol the same as the last', () => {
  it('knows the ways people say it, alone or with a patrol', () => {
    for (const said of ['同上', '今天的和昨天一样', '跟上次一样', '今天巡查记录同昨天', '老样子'])
      expect(SAME_PATROL_ALONE.test(said)).toBe(true)
    expect(SAME_AS_BEFORE.test('巡查 和上次一样 下午2点到4点')).toBe(true)
    // A report that compares is not one.
    expect(SAME_PATROL_ALONE.test('人民路井盖和昨天一样还是坏的')).toBe(false)
    expect(repeatsLastPatrol('巡查 人民路 井盖和昨天一样还是坏的')).toBe(false)
    expect(repeatsLastPatrol('巡查 和昨天一样 发现人民路井盖缺失')).toBe(true)
  })

  it('takes what was not said, and offers the hours on the day, never ahead of now', () => {
    const now = zonedInstant('2026-11-24', TZ, 12)
    const { values, guesses } = repeatOf(last, { staffCount: 3 }, now, now, TZ)
    expect(values).toEqual({ area: '人民路', patrollers: '张伟、李四', vehicleCount: 1, focus: 'routine' })
    expect(guesses).toEqual({
      startedAt: zonedInstant('2026-11-24', TZ, 9).toISOString(),
      endedAt: zonedInstant('2026-11-24', TZ, 11, 30).toISOString(),
    })
    // At 10:00 the patrol has begun but not ended: only its start is offered.
    const early = zonedInstant('2026-11-24', TZ, 10)
    expect(repeatOf(last, {}, early, early, TZ).guesses).toEqual({
      startedAt: zonedInstant('2026-11-24', TZ, 9).toISOString(),
    })
    // Hours said with it stay.
    expect(repeatOf(last, { startedAt: 'said' }, now, now, TZ).guesses).toEqual({})
  })
})
