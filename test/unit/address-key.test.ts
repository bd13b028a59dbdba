import { describe, expect, it } from 'vitest'
import { mayBeSameThing } from '../../src/conversation/extract/watched-things'
import { sameAddress } from '../../src/domain/address-key'

/** Two reports of one spot are compared by address however each was written; places that only end alike are not. */
describe('the same address', () => {
  it.each([
    ['常德市武陵区人民路88号', '人民路88号'],
    ['人民路 88号附近', '人民路88号'],
    ['武陵区丹阳街道育英巷12号', '育英巷12号'],
    ['滨江花园小区门口', '滨江花园小区'],
    ['湖南省常德市朗州路', '朗州路'],
    // A number said in words is that number (a report in traditional characters came as 「人民路八十八號」).
    ['人民路八十八号', '人民路88号'],
    ['幸福小区三栋二单元', '幸福小区3栋2单元'],
    ['朗州路路口', '朗州路口'],
    ['朗州路的十字路口', '朗州路口'],
  ])('%s is %s', (a, b) => {
    expect(sameAddress(a, b)).toBe(true)
    expect(sameAddress(b, a)).toBe(true)
  })

  it.each([
    ['新区大道5号', '东区大道5号'],
    ['人民路', '人民路88号'],
    ['高新区管委会', '管委会'],
    ['新人民路88号', '人民路88号'],
    ['人民路88号', ''],
    ['朗州路口', '朗州北路口'],
  ])('%s is not %s', (a, b) => {
    expect(sameAddress(a, b)).toBe(false)
  })
})

describe('the same thing', () => {
  it('keeps a manhole cover and a street lamp at one corner apart, and lets a report naming neither match', () => {
    expect(mayBeSameThing('人民路188号门口井盖没了', '旁边的路灯也不亮')).toBe(false)
    expect(mayBeSameThing('井盖没了', '井盖缺失，晚上很危险')).toBe(true)
    expect(mayBeSameThing('这里坏了好几天了', '路灯不亮')).toBe(true)
  })
})
