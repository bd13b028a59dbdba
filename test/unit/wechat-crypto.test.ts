import { describe, expect, it } from 'vitest'
import {
  EnvelopeError,
  openEnvelope,
  SignatureError,
  sealEnvelope,
  verifyMessageSignature,
} from '../../src/channels/wechat-crypto'
import { independentCrypto } from '../helpers/wechat'

// The WeCom documentation's published sample.
const SAMPLE = {
  token: 'QDG6eK',
  encodingAesKey: 'jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C',
  receiveId: 'wx5823bf96d3bd56c7',
  timestamp: '1409659813',
  nonce: '1372623149',
  signature: '477715d11cdb4164915debcba66cb864d751f3e6',
  encrypted:
    'RypEvHKD8QQKFhvQ6QleEB4J58tiPdvo+rtK1I9qca6aM/wvqnLSV5zEPeusUiX5L5X/0lWfrf0QADHHhGd3QczcdCUpj911L3vg3W/sYYvuJTs3TUUkSUXxaccAS0qhxchrRYt66wiSpGLYL42aM6A8dTT+6k4aSknmPj48kzJs8qLjvd4Xgpue06DOdnLxAUHzM6+kDZ+HMZfJYuR+LtwGc2hgf5gsijff0ekUNXZiqATP7PF5mZxZ3Izoun1s4zG4LUMnvw2r+KqCKIw+3IQH03v+BCA9nMELNqbSf6tiWSrXJB3LAVGUcallcrw8V2t9EL4EhzJWrQUax5wLVMNS0+rUPA3k22Ncx4XXZS9o0MBH27Bo6BpNelZpS+/uh9KsNlY6bHCmJU9p8g7m3fVKn28H3KDYA5Pl/T8Z1ptDAVe0lXdQ2YoyyH2uyPIGHBZZIs2pDBS8R07+qN+E7Q==',
}

describe('WeChat-family message encryption', () => {
  it('verifies and opens the published sample', () => {
    expect(() => verifyMessageSignature(SAMPLE, { ...SAMPLE })).not.toThrow()
    const xml = openEnvelope(SAMPLE, SAMPLE.encrypted)
    expect(xml).toContain('<Content><![CDATA[hello]]></Content>')
    expect(xml).toContain('<MsgId>4561255354251345929</MsgId>')
  })

  it('rejects a tampered signature and a foreign receive id', () => {
    expect(() => verifyMessageSignature(SAMPLE, { ...SAMPLE, signature: SAMPLE.signature.replace('4', '5') })).toThrow(
      SignatureError,
    )
    expect(() => openEnvelope({ ...SAMPLE, receiveId: 'ww-other' }, SAMPLE.encrypted)).toThrow(EnvelopeError)
    expect(() => openEnvelope(SAMPLE, 'bm90IGVuY3J5cHRlZA==')).toThrow(EnvelopeError)
  })

  it('interoperates with an independent implementation both ways, padding to 32 bytes', () => {
    const other = independentCrypto(SAMPLE.token, SAMPLE.encodingAesKey, SAMPLE.receiveId)
    for (const message of ['', 'a', '中文消息测试', 'x'.repeat(31), 'y'.repeat(32), 'z'.repeat(1000)]) {
      const fromThem = other.encrypt(message)
      expect(openEnvelope(SAMPLE, fromThem)).toBe(message)
      const sealed = sealEnvelope(SAMPLE, message, '1700000000', 'nonce1')
      // 16 random + 4 length + message + id, padded to a multiple of 32 bytes.
      expect(Buffer.from(sealed.encrypted, 'base64').length % 32).toBe(0)
      expect(other.getSignature('1700000000', 'nonce1', sealed.encrypted)).toBe(sealed.signature)
      expect(other.decrypt(sealed.encrypted)).toEqual({ message, id: SAMPLE.receiveId })
    }
  })
})
