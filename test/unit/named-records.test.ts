import { describe, expect, it } from 'vitest'
import { namesARecord, recordsNamed } from '../../src/conversation/named-records'

/** Records spoken of by their place and thing, without the number. */
const rows = [
  { code: 'A', description: '桃花源路在建工地门口泥浆满地', locationText: '桃花源路在建工地门口' },
  { code: 'B', description: '朗州路12号路灯不亮', locationText: '朗州路12号' },
  { code: 'C', description: '朗州路30号井盖缺失', locationText: '朗州路30号' },
]
const codes = (input: string) => recordsNamed(rows, input).map((r) => r.code)

describe('records named in words', () => {
  it('matches the place and the thing named, each of them', () => {
    expect(codes('朗州路那个路灯修好了')).toEqual(['B'])
    expect(codes('朗州路的事')).toEqual(['B', 'C'])
    expect(codes('井盖那个')).toEqual(['C'])
  })

  it('reads a road with a word for any site on it as the road (「桃花源路工地」 for one at its 在建工地门口)', () => {
    expect(codes('桃花源路工地那个投诉')).toEqual(['A'])
  })

  it('still needs a number or a name after the road to match', () => {
    expect(codes('朗州路20号的路灯修好了')).toEqual([])
    expect(codes('这个怎么样了')).toEqual([])
    expect(namesARecord('这个')).toBe(false)
  })
})
