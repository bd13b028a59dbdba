import { DrizzleQueryError } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { sniffImageType } from '../../src/domain/media-type'
import { findContactNumber } from '../../src/domain/mobile-number'
import { maskPersonalInfo, maskPhone } from '../../src/domain/privacy'
import { isStorableDate } from '../../src/domain/storable'
import { createLogger, errorSummary } from '../../src/logger'

describe('one masking function for citizens’ personal data', () => {
  it.each([
    ['电话13912345678', '电话139****5678'],
    ['手机 139 1234 5678', '手机 139****5678'],
    ['+86-139-1234-5678', '139****5678'],
    ['身份证430702199001011234', '身份证430702********1234'],
    ['老身份证430702900101123', '老身份证430702********1123'],
    ['座机0736-7654321', '座机0736-****4321'],
    ['我叫张三，住这里', '我叫张*，住这里'],
    ['联系人：李四', '联系人：李*'],
    ['电话１３９１２３４５６７８', '电话139****5678'],
    ['身份证４３０７０２１９９００１０１１２３Ｘ', '身份证430702********123X'],
  ])('masks %s', (text, masked) => {
    expect(maskPersonalInfo(text)).toBe(masked)
  })

  it('leaves ticket numbers, dates and amounts alone', () => {
    for (const text of ['TS20261123-0001', 'YH20261123-0002 2号楼', '2026-11-23 09:00', '金额 20261123000123'])
      expect(maskPersonalInfo(text)).toBe(text)
  })
})

describe('logs', () => {
  it('keep a failed statement and its cause, never its parameters, and mask what strings carry', () => {
    const lines: string[] = []
    const logger = createLogger('info', (line) => lines.push(line))
    const cause = Object.assign(new Error('invalid byte sequence for encoding "UTF8": 0x00'), { code: '22021' })
    const error = new DrizzleQueryError('insert into complaints (citizen_phone) values ($1)', ['13912345678'], cause)
    logger.error('inbound message failed', { error, note: '市民13912345678来电' })
    const line = lines.join('')
    expect(line).not.toContain('13912345678')
    expect(line).toContain('insert into complaints')
    expect(line).toContain('22021')
    expect(errorSummary(error)).toBe(
      'Failed query: insert into complaints (citizen_phone) values ($1) (invalid byte sequence for encoding "UTF8": 0x00)',
    )
  })
})

describe('causes that are not errors', () => {
  it('are logged as they are (a driver’s object, fetch’s AggregateError), never as an empty {}', () => {
    const lines: string[] = []
    const logger = createLogger('info', (line) => lines.push(line))
    const plain = new Error('connect failed', { cause: { code: 'ECONNREFUSED', address: '127.0.0.1', port: 5432 } })
    const refused = Object.assign(new Error('connect ECONNREFUSED ::1:5432'), { code: 'ECONNREFUSED' })
    const aggregate = new TypeError('fetch failed', { cause: new AggregateError([refused], 'all addresses failed') })
    logger.error('outbox run failed', { error: plain })
    logger.error('outbox run failed', { error: aggregate })
    const [first, second] = lines.map((l) => JSON.parse(l) as { error: Record<string, unknown> })
    expect(first?.error.cause).toEqual({ code: 'ECONNREFUSED', address: '127.0.0.1', port: 5432 })
    expect(second?.error.cause).toMatchObject({ errors: [{ code: 'ECONNREFUSED' }] })
  })
})

describe('stored values', () => {
  it('tells pictures from their bytes, not their claimed type', () => {
    expect(sniffImageType(Buffer.from('ffd8ffe000104a464946', 'hex'))).toBe('image/jpeg')
    expect(sniffImageType(Buffer.from('89504e470d0a1a0a0000', 'hex'))).toBe('image/png')
    expect(sniffImageType(Buffer.from('GIF89a....'))).toBe('image/gif')
    expect(sniffImageType(Buffer.from('RIFF\x00\x00\x00\x00WEBPVP8 '))).toBe('image/webp')
    expect(sniffImageType(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'))).toBeUndefined()
    expect(sniffImageType(Buffer.from('<html><script>'))).toBeUndefined()
  })

  it('accepts only dates both JavaScript and PostgreSQL print alike', () => {
    expect(isStorableDate(new Date('2026-11-23T00:00:00Z'))).toBe(true)
    expect(isStorableDate(new Date('+010000-01-01T00:00:00Z'))).toBe(false)
    expect(isStorableDate(new Date('0001-01-01T00:00:00Z'))).toBe(false)
    expect(isStorableDate(new Date(Number.NaN))).toBe(false)
  })
})

describe('a contact number, mobile or landline', () => {
  it('reads a landline with its area code when no mobile is given, and masks either kind', () => {
    expect(findContactNumber('电话0736-7212345')).toBe('0736-7212345')
    expect(findContactNumber('(0736)7212345')).toBe('0736-7212345')
    expect(findContactNumber('138-1234-5678 或 0736-7212345')).toBe('13812345678')
    expect(findContactNumber('人民路88号')).toBeUndefined()
    // The column shown in exports and the API: a landline had been shown whole.
    expect(maskPhone('0736-7212345')).toBe('0736-****2345')
    expect(maskPhone('13812345678')).toBe('138****5678')
  })
})
