import { describe, expect, it } from 'vitest'
import { callBackOf, mayCallBack } from '../../src/domain/call-back'

const asked = { whistleblowing: false, contactConsent: true, citizenPhone: '13912345678', citizenName: ' 张先生 ' }

describe('the number a citizen left for a call back', () => {
  it('is there only when they asked to be called, and never for a 举报', () => {
    expect(callBackOf(asked)).toEqual({ kind: 'call', phone: '13912345678', name: '张先生' })
    expect(callBackOf({ ...asked, citizenName: null })).toEqual({ kind: 'call', phone: '13912345678' })
    expect(callBackOf({ ...asked, contactConsent: false })).toEqual({ kind: 'no_call' })
    expect(callBackOf({ ...asked, citizenPhone: null })).toEqual({ kind: 'no_call' })
    expect(callBackOf({ ...asked, whistleblowing: true })).toEqual({ kind: 'whistleblower' })
  })

  it('is for the complaint’s own unit and the offices that follow every complaint', () => {
    expect(mayCallBack({ role: 'unit_handler', unitId: 3 }, 3)).toBe(true)
    expect(mayCallBack({ role: 'field_staff', unitId: 3 }, 3)).toBe(true)
    expect(mayCallBack({ role: 'unit_handler', unitId: 4 }, 3)).toBe(false)
    expect(mayCallBack({ role: 'unit_handler', unitId: null }, null)).toBe(false)
    for (const role of ['duty_officer', 'supervisor', 'admin'] as const)
      expect(mayCallBack({ role, unitId: 1 }, 3)).toBe(true)
    for (const role of ['leader', 'citizen', 'system'] as const) expect(mayCallBack({ role, unitId: 3 }, 3)).toBe(false)
  })
})
