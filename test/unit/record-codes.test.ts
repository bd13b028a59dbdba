import { describe, expect, it } from 'vitest'
import { normaliseCode } from '../../src/conversation/format'

describe('record numbers as people type them', () => {
  it('reads lower case, spaces, a missing dash and full-width characters as the same number', () => {
    for (const typed of [
      '查询 ts20261123-0001',
      '查询TS 20261123 1',
      '查询 ＴＳ２０２６１１２３－０００１',
      'ts20261123—0001',
    ])
      expect(normaliseCode(typed)).toBe('TS20261123-0001')
  })

  it('finds no number where there is none', () => {
    expect(normaliseCode('查询 20261123-0001')).toBeUndefined()
    expect(normaliseCode('TS2026112-0001')).toBeUndefined()
  })
})
