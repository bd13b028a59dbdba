import { describe, expect, it } from 'vitest'
import { codeMovedFirst } from '../../src/conversation/coded-command'

describe('a record’s number said after the words', () => {
  it.each([
    ['收到 TS20261123-0001', 'TS20261123-0001 收到'],
    ['申请延期 TS20261123-0001 材料没到', 'TS20261123-0001 申请延期，材料没到'],
    ['这个投诉不是我们的 是燃气公司的 TS20261123-0001', 'TS20261123-0001 这个投诉不是我们的 是燃气公司的'],
    ['关于TS20261123-0001，我们已经派人去了', 'TS20261123-0001 我们已经派人去了'],
    ['已经加固好了，隐患编号YH20261123-0002', 'YH20261123-0002 已经加固好了'],
    ['已经加固好了 ＹＨ２０２６１１２３－０００２', 'YH20261123-0002 已经加固好了'],
  ])('「%s」 reads as 「%s」', (said, read) => {
    const prefix = read.slice(0, 2) as 'TS' | 'YH'
    expect(codeMovedFirst(prefix, said)).toBe(read)
  })

  it.each([
    ['TS20261123-0001 收到', 'TS'],
    ['TS20261123-0001和TS20261123-0002都办好了', 'TS'],
    ['收到 TS20261123-0001 和 TS20261123-0002', 'TS'],
    ['收到 YH20261123-0001', 'TS'],
    ['关于TS20261123-0001', 'TS'],
  ] as const)('leaves 「%s」 alone', (said, prefix) => {
    expect(codeMovedFirst(prefix, said)).toBeUndefined()
  })
})
