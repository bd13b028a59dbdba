import { describe, expect, it } from 'vitest'
import { splitHazardStatements } from '../../src/conversation/intent'
import { RuleViolation } from '../../src/domain/errors'
import {
  canActOnHazard,
  type HazardCommand,
  type HazardState,
  transitionHazard,
} from '../../src/domain/hazard-lifecycle'
import type { Actor } from '../../src/domain/roles'

const UNIT = 7
const supervisor: Actor = { personId: 1, role: 'supervisor', unitId: 2 }
const handler: Actor = { personId: 2, role: 'unit_handler', unitId: UNIT }
const otherHandler: Actor = { personId: 3, role: 'unit_handler', unitId: 99 }
const citizen: Actor = { personId: 4, role: 'citizen', unitId: null }
const system: Actor = { personId: null, role: 'system', unitId: null }

const reported: HazardState = {
  status: 'reported',
  level: 'general',
  unitId: null,
  listedSupervision: false,
  fiveFixes: null,
}
const fullFixes = {
  responsibility: '项目经理',
  measures: '围挡加固',
  funding: '5万元',
  timeLimit: '15日',
  contingencyPlan: '应急预案A',
}

function run(state: HazardState, commands: [HazardCommand, Actor][]): HazardState {
  return commands.reduce((s, [command, actor]) => transitionHazard(s, command, actor).next, state)
}

function violation(fn: () => unknown): RuleViolation {
  try {
    fn()
  } catch (error) {
    if (error instanceof RuleViolation) return error
    throw error
  }
  throw new Error('expected a RuleViolation')
}

describe('hazard lifecycle', () => {
  it('walks the closed loop from report to 销号, one event per step', () => {
    const steps: [HazardCommand, Actor][] = [
      [{ action: 'assign', unitId: UNIT }, supervisor],
      [{ action: 'accept' }, handler],
      [{ action: 'report_rectification', note: '已更换井盖' }, handler],
      [{ action: 'verify_pass' }, supervisor],
    ]
    let state = reported
    const seen: string[] = []
    for (const [command, actor] of steps) {
      const { next, event } = transitionHazard(state, command, actor)
      expect(event.fromStatus).toBe(state.status)
      expect(event.toStatus).toBe(next.status)
      seen.push(`${event.kind}:${next.status}`)
      state = next
    }
    expect(seen).toEqual([
      'assign:assigned',
      'accept:rectifying',
      'report_rectification:awaiting_verification',
      'verify_pass:closed',
    ])
    expect(state.unitId).toBe(UNIT)
  })

  it('sends a failed verification back to rectifying, with its reason', () => {
    const waiting = run(reported, [
      [{ action: 'assign', unitId: UNIT }, supervisor],
      [{ action: 'report_rectification', note: '已处理' }, handler],
    ])
    const { next, event } = transitionHazard(waiting, { action: 'verify_fail', reason: '围挡不牢固' }, supervisor)
    expect(next.status).toBe('rectifying')
    expect(event.note).toBe('围挡不牢固')
    expect(violation(() => transitionHazard(waiting, { action: 'verify_fail', reason: '  ' }, supervisor)).code).toBe(
      'reason_required',
    )
  })

  it('refuses to assign a major hazard without all five fixes, naming what is missing', () => {
    const major: HazardState = { ...reported, level: 'major' }
    const error = violation(() =>
      transitionHazard(
        major,
        { action: 'assign', unitId: UNIT, fiveFixes: { responsibility: '张三', measures: '停工' } },
        supervisor,
      ),
    )
    expect(error.code).toBe('five_fixes_missing')
    expect(error.message).toContain('资金、时限、预案')
    const { next } = transitionHazard(major, { action: 'assign', unitId: UNIT, fiveFixes: fullFixes }, supervisor)
    expect(next.status).toBe('assigned')
    expect(next.fiveFixes).toEqual(fullFixes)
  })

  it('lets general hazards be assigned without the five fixes', () => {
    expect(transitionHazard(reported, { action: 'assign', unitId: UNIT }, system).next.status).toBe('assigned')
  })

  it.each<[string, Actor, HazardCommand, HazardState]>([
    [
      'a citizen verifying',
      citizen,
      { action: 'verify_pass' },
      { ...reported, status: 'awaiting_verification', unitId: UNIT },
    ],
    [
      'a handler verifying their own work',
      handler,
      { action: 'verify_pass' },
      { ...reported, status: 'awaiting_verification', unitId: UNIT },
    ],
    ['another unit accepting', otherHandler, { action: 'accept' }, { ...reported, status: 'assigned', unitId: UNIT }],
    ['a handler assigning', handler, { action: 'assign', unitId: UNIT }, reported],
    [
      'a field worker voiding',
      { personId: 9, role: 'field_staff', unitId: UNIT },
      { action: 'void', reason: 'x' },
      reported,
    ],
  ])('forbids %s', (_label, actor, command, state) => {
    expect(violation(() => transitionHazard(state, command, actor)).code).toBe('forbidden')
  })

  it('checks permissions by unit for handlers only', () => {
    expect(canActOnHazard(handler, 'accept', { unitId: UNIT })).toBe(true)
    expect(canActOnHazard(otherHandler, 'accept', { unitId: UNIT })).toBe(false)
    expect(canActOnHazard(handler, 'accept', { unitId: null })).toBe(false)
    expect(canActOnHazard({ personId: 5, role: 'admin', unitId: 1 }, 'accept', { unitId: UNIT })).toBe(true)
  })

  it('voids only with a reason, and never a closed hazard', () => {
    expect(violation(() => transitionHazard(reported, { action: 'void', reason: '' }, supervisor)).code).toBe(
      'reason_required',
    )
    expect(transitionHazard(reported, { action: 'void', reason: '重复上报' }, supervisor).next.status).toBe('voided')
    const closed: HazardState = { ...reported, status: 'closed' }
    expect(violation(() => transitionHazard(closed, { action: 'void', reason: '误报' }, supervisor)).code).toBe(
      'invalid_transition',
    )
  })

  it('keeps listed supervision as a flag on a major hazard that does not change the status', () => {
    const major: HazardState = { ...reported, level: 'major' }
    const fixes = {
      responsibility: '养护科',
      measures: '围挡加固',
      funding: '养护资金',
      timeLimit: '六周',
      contingencyPlan: '封闭车道',
    }
    const assigned = run(major, [[{ action: 'assign', unitId: UNIT, fiveFixes: fixes }, supervisor]])
    const listed = transitionHazard(
      assigned,
      { action: 'list_supervision', level: 'higher', reason: '市级挂牌' },
      supervisor,
    )
    expect(listed.next).toMatchObject({ status: 'assigned', listedSupervision: true })
    expect(listed.event).toMatchObject({ kind: 'list_supervision', note: '上级挂牌：市级挂牌' })
    expect(
      violation(() =>
        transitionHazard(listed.next, { action: 'list_supervision', level: 'local', reason: '再挂' }, supervisor),
      ).code,
    ).toBe('already_listed')
    expect(
      violation(() => transitionHazard(listed.next, { action: 'delist_supervision', reason: ' ' }, supervisor)).code,
    ).toBe('reason_required')
    expect(
      transitionHazard(listed.next, { action: 'delist_supervision', reason: '整改到位' }, supervisor).next
        .listedSupervision,
    ).toBe(false)
  })

  it('refuses 挂牌督办 on a general hazard, and 接报 of one', () => {
    const assigned = run(reported, [[{ action: 'assign', unitId: UNIT }, supervisor]])
    expect(
      violation(() =>
        transitionHazard(assigned, { action: 'list_supervision', level: 'local', reason: '反复' }, supervisor),
      ).code,
    ).toBe('not_major')
    expect(violation(() => transitionHazard(assigned, { action: 'acknowledge' }, supervisor)).code).toBe('not_major')
  })

  it('acknowledges a major hazard once, and records an emergency disposal once with what was done', () => {
    const major: HazardState = { ...reported, level: 'major' }
    expect(transitionHazard(major, { action: 'acknowledge' }, supervisor).event.kind).toBe('acknowledge')
    expect(
      violation(() => transitionHazard({ ...major, majorAckAt: new Date() }, { action: 'acknowledge' }, supervisor))
        .code,
    ).toBe('already_acknowledged')
    const disposal = transitionHazard(major, { action: 'emergency_disposal', note: '已疏散人员并设置围挡' }, supervisor)
    expect(disposal.event).toMatchObject({ kind: 'emergency_disposal', note: '已疏散人员并设置围挡' })
    expect(disposal.next.status).toBe('reported')
    expect(violation(() => transitionHazard(major, { action: 'emergency_disposal', note: '' }, supervisor)).code).toBe(
      'reason_required',
    )
    expect(
      violation(() =>
        transitionHazard(
          { ...major, emergencyDisposedAt: new Date() },
          { action: 'emergency_disposal', note: '再次' },
          supervisor,
        ),
      ).code,
    ).toBe('already_disposed')
  })

  it('lets the unit that found a danger record its disposal until the hazard is handed to a unit, then only that unit', () => {
    const finder: Actor = { personId: 5, role: 'field_staff', unitId: 10 }
    const found: HazardState = { ...reported, level: 'major', foundByUnitId: 10 }
    const disposal = { action: 'emergency_disposal', note: '燃气公司已到场抢修' } as const
    expect(transitionHazard(found, disposal, finder).event.kind).toBe('emergency_disposal')
    // Another unit's patroller, or a finder's unit once someone else has it, may not.
    expect(violation(() => transitionHazard(found, disposal, { ...finder, unitId: 11 })).code).toBe('forbidden')
    const handed = transitionHazard(found, { action: 'assign', unitId: UNIT, fiveFixes: fullFixes }, supervisor).next
    expect(violation(() => transitionHazard(handed, disposal, finder)).code).toBe('forbidden')
    expect(transitionHazard(handed, disposal, handler).event.kind).toBe('emergency_disposal')
    // Only the disposal: the finder does not accept or rectify what nobody has been handed.
    expect(canActOnHazard(finder, 'accept', found)).toBe(false)
  })

  it('lets the supervising office extend a deadline and reassign a hazard under rectification, with a reason', () => {
    const rectifying = run(reported, [
      [{ action: 'assign', unitId: UNIT }, supervisor],
      [{ action: 'accept' }, handler],
    ])
    const later = new Date('2026-12-31T15:59:00Z')
    const extended = transitionHazard(
      rectifying,
      { action: 'extend', newDueAt: later, reason: '需协调管线迁改' },
      supervisor,
    )
    expect(extended.next.status).toBe('rectifying')
    expect(extended.event).toMatchObject({ kind: 'extend', note: '需协调管线迁改' })
    expect(
      violation(() => transitionHazard(rectifying, { action: 'extend', newDueAt: later, reason: '' }, supervisor)).code,
    ).toBe('reason_required')
    // The unit itself asks; it does not decide.
    expect(
      violation(() => transitionHazard(rectifying, { action: 'extend', newDueAt: later, reason: '忙' }, handler)).code,
    ).toBe('forbidden')
    const moved = transitionHazard(rectifying, { action: 'reassign', unitId: 99, reason: '属燃气管线' }, supervisor)
    expect(moved.next).toMatchObject({ unitId: 99, status: 'assigned' })
    expect(
      violation(() =>
        transitionHazard(rectifying, { action: 'reassign', unitId: UNIT, reason: '同一单位' }, supervisor),
      ).code,
    ).toBe('same_unit')
    // Not before it was handed to a unit, nor once it waits for the check.
    expect(
      violation(() => transitionHazard(reported, { action: 'extend', newDueAt: later, reason: '原因' }, supervisor))
        .code,
    ).toBe('invalid_transition')
  })

  it('rejects actions out of order', () => {
    expect(violation(() => transitionHazard(reported, { action: 'verify_pass' }, supervisor)).code).toBe(
      'invalid_transition',
    )
    expect(violation(() => transitionHazard(reported, { action: 'accept' }, handler)).code).toBe('invalid_transition')
  })
})

describe('hazard statements in one message', () => {
  it('counts each defect once, and a clause that only grades one is not a second hazard', () => {
    expect(splitHazardStatements('井盖缺失、护栏断裂，路面有坑')).toEqual(['井盖缺失', '护栏断裂', '路面有坑'])
    for (const text of [
      '人民路路面塌陷形成深坑，重大隐患',
      '人民路路面塌陷形成深坑，属于重大隐患',
      '人民路路面塌陷，存在安全隐患',
      '人民路路面塌陷，很危险！',
      // The risk a defect poses is no second defect, whatever it is called.
      '朗州路一个深基坑边上有裂缝，有坍塌风险',
      '脚手架连墙件缺失，存在倒塌危险',
    ])
      expect(splitHazardStatements(text), text).toEqual([text])
    expect(splitHazardStatements('井盖缺失，护栏断裂，都是重大隐患')).toEqual(['井盖缺失', '护栏断裂'])
    // A clause naming no thing of its own goes on about the one before.
    expect(splitHazardStatements('人民路口燃气管道被挖断了，正在漏气，已疏散群众')).toEqual([
      '人民路口燃气管道被挖断了，正在漏气，已疏散群众',
    ])
    expect(splitHazardStatements('燃气管道被挖断了，正在漏气，护栏断裂')).toEqual([
      '燃气管道被挖断了，正在漏气',
      '护栏断裂',
    ])
  })
})
