import { describe, expect, it } from 'vitest'
import { MAX_JSON_DEPTH, nestingExceeds, parseJson } from '../../src/domain/json'
import { hasNul } from '../../src/domain/nul'

const nested = (depth: number, leaf = '1') => `${'['.repeat(depth)}${leaf}${']'.repeat(depth)}`

describe('parseJson', () => {
  it('parses JSON up to the depth cap and refuses one level more', () => {
    expect(parseJson(nested(MAX_JSON_DEPTH))).toMatchObject({ ok: true })
    expect(parseJson(nested(MAX_JSON_DEPTH + 1))).toEqual({ ok: false, reason: 'too_deep' })
  })

  it('counts only brackets outside strings, escaped quotes included', () => {
    const text = JSON.stringify({ note: `${'['.repeat(500)}\\"{{{`, list: [[1]] })
    expect(nestingExceeds(text, 3)).toBe(false)
    expect(parseJson(text)).toMatchObject({ ok: true, value: { list: [[1]] } })
    expect(nestingExceeds('{"a":{"b":{"c":{}}}}', 3)).toBe(true)
  })

  it('tells malformed text from nesting', () => {
    expect(parseJson('{"a":')).toEqual({ ok: false, reason: 'malformed' })
    expect(parseJson('')).toEqual({ ok: false, reason: 'malformed' })
    expect(parseJson(nested(100_000))).toEqual({ ok: false, reason: 'too_deep' })
  })
})

describe('hasNul', () => {
  it('finds a NUL at any depth without overflowing the stack', () => {
    const deep = JSON.parse(nested(200_000, '"a\\u0000"')) as unknown
    expect(hasNul(deep)).toBe(true)
    expect(hasNul(JSON.parse(nested(200_000, '"clean"')))).toBe(false)
  })

  it('looks into arrays and plain objects, not into dates or blobs', () => {
    expect(hasNul({ a: [{ b: 'x\u0000' }] })).toBe(true)
    expect(hasNul({ at: new Date(0), file: new Blob(['\u0000']), n: 1, none: null })).toBe(false)
  })
})
