import { describe, expect, it } from 'vitest'
import { DingtalkStreamState } from '../../src/channels/dingtalk/stream-state'

describe('DingTalk stream state', () => {
  it('is not held until a process takes the stream, follows each socket, and is released on stop', () => {
    const state = new DingtalkStreamState()
    expect(state.snapshot()).toEqual({ held: false, connected: {} })
    let up = true
    state.hold([
      { bot: 'default', connected: () => up },
      { bot: 'second', connected: () => false },
    ])
    expect(state.snapshot()).toEqual({ held: true, connected: { default: true, second: false } })
    up = false
    expect(state.snapshot().connected.default).toBe(false)
    state.release()
    expect(state.snapshot()).toEqual({ held: false, connected: {} })
  })
})
