import { describe, expect, it } from 'vitest'
import { WORDING } from '../../bots/wording'
import { BYTE_LIMITS, splitUtf8, utf8Length } from '../../src/channels/text-split'
import { ROLES } from '../../src/domain/roles'

describe('splitting text on UTF-8 byte limits', () => {
  it('leaves short text alone', () => {
    expect(splitUtf8('巡查记录', 2048)).toEqual(['巡查记录'])
  })

  it('never cuts a character or a surrogate pair, and keeps the order', () => {
    const text = '隐患😀'.repeat(500)
    const parts = splitUtf8(text, 100)
    expect(parts.join('')).toBe(text)
    for (const part of parts) {
      expect(utf8Length(part)).toBeLessThanOrEqual(100)
      expect(part).not.toMatch(/[\uD800-\uDBFF]$/)
      expect(part).not.toMatch(/^[\uDC00-\uDFFF]/)
    }
  })

  it('prefers to break after a newline', () => {
    const text = `${'甲'.repeat(20)}\n${'乙'.repeat(20)}`
    expect(splitUtf8(text, 90)).toEqual([`${'甲'.repeat(20)}\n`, '乙'.repeat(20)])
  })
})

describe('the help each role is sent', () => {
  it('fits one WeCom text message, so it is never split in two', () => {
    for (const role of ROLES) expect(Buffer.byteLength(WORDING.help(role))).toBeLessThanOrEqual(BYTE_LIMITS.text)
  })
})
