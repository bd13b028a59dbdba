import { describe, expect, it } from 'vitest'
import { withoutCode } from '../../src/conversation/coded-command'
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

describe('the words around a record number', () => {
  it('takes the number out however it was typed, and the separators after it', () => {
    expect(withoutCode('YH20261123-0001 已经整改好了', 'YH')).toBe('已经整改好了')
    expect(withoutCode('ＹＨ２０２６１１２３－０００１，已更换井盖', 'YH')).toBe('已更换井盖')
    expect(withoutCode('TS20261123-0001 已处理', 'YH')).toBe('TS20261123-0001 已处理')
  })
})
