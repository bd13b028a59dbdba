import { describe, expect, it } from 'vitest'
import { withTyposRead } from '../../src/conversation/typos'

describe('misspellings and local words read as meant', () => {
  it.each([
    ['井盖冇得了', '井盖没有了'],
    ['发现么子问题都冇得', '发现什么问题都没有'],
    ['路灯冇亮', '路灯没亮'],
    ['啥子时候来修', '什么时候来修'],
    ['护拦坏了', '护栏坏了'],
  ])('reads 「%s」 as 「%s」', (typed, meant) => expect(withTyposRead(typed)).toBe(meant))

  it('leaves 那么 and 怎么 alone', () => {
    expect(withTyposRead('怎么子')).toBe('怎么子')
    expect(withTyposRead('那么子弟')).toBe('那么子弟')
  })
})
