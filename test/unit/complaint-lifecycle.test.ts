import { describe, expect, it } from 'vitest'
import { WORDING } from '../../bots/wording'
import { HOUR_MS } from '../../src/domain/clock'
import {
  type ComplaintState,
  handledAt,
  isComplaintLate,
  transitionComplaint,
} from '../../src/domain/complaint-lifecycle'
import { RuleViolation } from '../../src/domain/errors'
import type { Actor } from '../../src/domain/roles'

const UNIT = 5
const OTHER = 6
const received = new Date('2026-11-23T01:00:00Z')
const at = (hours: number) => new Date(received.getTime() + hours * HOUR_MS)

const base: ComplaintState = {
  status: 'received',
  unitId: null,
  receivedAt: received,
  signDueAt: at(2),
  dueAt: at(24),
  acceptedAt: null,
  repliedAt: null,
  closedAt: null,
  firstResponseAt: null,
  duplicateOfId: null,
  satisfaction: null,
}
const system: Actor = { personId: null, role: 'system', unitId: null }
const handler: Actor = { personId: 2, role: 'unit_handler', unitId: UNIT }
const otherHandler: Actor = { personId: 3, role: 'unit_handler', unitId: OTHER }
const supervisor: Actor = { personId: 4, role: 'supervisor', unitId: 1 }
const duty: Actor = { personId: 5, role: 'duty_officer', unitId: 1 }

const assigned = transitionComplaint(base, { action: 'assign', unitId: UNIT }, system, at(0)).next

function code(fn: () => unknown): string {
  try {
    fn()
  } catch (error) {
    if (error instanceof RuleViolation) return error.code
    throw error
  }
  return 'no error'
}

describe('complaint lifecycle', () => {
  it('goes received → assigned → accepted → replied → closed, keeping first response and resolution times', () => {
    const accepted = transitionComplaint(assigned, { action: 'accept' }, handler, at(1)).next
    expect(accepted).toMatchObject({ status: 'accepted', acceptedAt: at(1), firstResponseAt: at(1) })
    const replied = transitionComplaint(accepted, { action: 'reply', outcome: '井盖已更换' }, handler, at(5))
    expect(replied.next).toMatchObject({ status: 'replied', repliedAt: at(5), firstResponseAt: at(1) })
    expect(replied.event.note).toBe('井盖已更换')
    const closed = transitionComplaint(replied.next, { action: 'close' }, system, at(6)).next
    expect(closed).toMatchObject({ status: 'closed', closedAt: at(6) })
    const called = transitionComplaint(closed, { action: 'callback', satisfaction: 'satisfied' }, duty, at(30)).next
    expect(called).toMatchObject({ status: 'closed', satisfaction: 'satisfied' })
    expect(isComplaintLate(called, at(100))).toBe(false)
  })

  it('transfers with a reason: a fresh sign-for window for the new unit, the 1-day limit unchanged', () => {
    const { next, event } = transitionComplaint(
      assigned,
      { action: 'transfer', unitId: OTHER, reason: '属燃气管线问题' },
      handler,
      at(3),
    )
    expect(next).toMatchObject({ status: 'assigned', unitId: OTHER, signDueAt: at(5), dueAt: at(24) })
    expect(event.note).toBe('属燃气管线问题')
    expect(
      code(() => transitionComplaint(assigned, { action: 'transfer', unitId: OTHER, reason: '' }, handler, at(3))),
    ).toBe('reason_required')
    expect(
      code(() => transitionComplaint(assigned, { action: 'transfer', unitId: UNIT, reason: 'x' }, handler, at(3))),
    ).toBe('same_unit')
  })

  it('records rejection and duplicates with reasons, and counts them as handled', () => {
    const rejected = transitionComplaint(base, { action: 'reject', reason: '不属于住建领域' }, duty, at(2)).next
    expect(rejected).toMatchObject({ status: 'rejected', closedAt: at(2) })
    expect(handledAt(rejected)).toEqual(at(2))
    const dup = transitionComplaint(
      assigned,
      { action: 'mark_duplicate', duplicateOfId: 42, reason: '同一井盖' },
      handler,
      at(2),
    )
    expect(dup.next).toMatchObject({ status: 'duplicate', duplicateOfId: 42 })
    expect(code(() => transitionComplaint(base, { action: 'reject', reason: ' ' }, duty, at(2)))).toBe(
      'reason_required',
    )
  })

  it('allows an extension only by a supervisor, only later, only with a reason', () => {
    const extended = transitionComplaint(
      assigned,
      { action: 'extend', newDueAt: at(48), reason: '需协调多部门' },
      supervisor,
      at(10),
    )
    expect(extended.next.dueAt).toEqual(at(48))
    expect(extended.next.status).toBe('assigned')
    expect(
      code(() => transitionComplaint(assigned, { action: 'extend', newDueAt: at(48), reason: 'x' }, handler, at(10))),
    ).toBe('forbidden')
    expect(
      code(() =>
        transitionComplaint(assigned, { action: 'extend', newDueAt: at(24), reason: 'x' }, supervisor, at(10)),
      ),
    ).toBe('extension_not_later')
    expect(
      code(() => transitionComplaint(assigned, { action: 'extend', newDueAt: at(30), reason: '' }, supervisor, at(10))),
    ).toBe('reason_required')
  })

  it('lets only the assigned unit sign for and reply', () => {
    expect(code(() => transitionComplaint(assigned, { action: 'accept' }, otherHandler, at(1)))).toBe('forbidden')
    expect(code(() => transitionComplaint(assigned, { action: 'reply', outcome: 'x' }, handler, at(1)))).toBe(
      'invalid_transition',
    )
    expect(
      code(() =>
        transitionComplaint(base, { action: 'accept' }, { personId: 8, role: 'citizen', unitId: null }, at(1)),
      ),
    ).toBe('invalid_transition')
  })

  it('allows a call-back only after closing', () => {
    expect(
      code(() => transitionComplaint(assigned, { action: 'callback', satisfaction: 'satisfied' }, duty, at(1))),
    ).toBe('invalid_transition')
  })

  it('is late when handled after the limit or still open past it', () => {
    const accepted = transitionComplaint(assigned, { action: 'accept' }, handler, at(1)).next
    expect(isComplaintLate(accepted, at(23))).toBe(false)
    expect(isComplaintLate(accepted, at(25))).toBe(true)
    const lateReply = transitionComplaint(accepted, { action: 'reply', outcome: '已处理' }, handler, at(26)).next
    expect(isComplaintLate(lateReply, at(27))).toBe(true)
  })
})

describe('where a complaint stands, as its citizen is told', () => {
  it('gives the deadline while open, says a late one is being chased, and shows the outcome once answered', () => {
    expect(WORDING.complaintStatus('TS20261123-0001', 'assigned', null, { at: '11月24日 17:00', overdue: false })).toBe(
      '投诉 TS20261123-0001：已派单，将于 11月24日 17:00 前处理并答复',
    )
    expect(WORDING.complaintStatus('TS20261123-0001', 'accepted', null, { at: '11月24日 17:00', overdue: true })).toBe(
      '投诉 TS20261123-0001：已签收，已超过答复期限，正在督办',
    )
    expect(WORDING.complaintStatus('TS20261123-0001', 'replied', '已补装井盖')).toBe(
      '投诉 TS20261123-0001：已答复\n办理结果：已补装井盖',
    )
  })
})
