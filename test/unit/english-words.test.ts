import { describe, expect, it } from 'vitest'
import { weighCategories } from '../../src/conversation/extract/category-evidence'
import { dangerIn } from '../../src/domain/danger'
import { withEnglishGlossed } from '../../src/domain/english-words'

describe('a report written in English', () => {
  it.each([
    ['manhole cover missing at 人民路', 'road_municipal'],
    ['big pothole on 解放路, very dangerous', 'road_municipal'],
    ['the street light at 朝阳路 is broken', 'road_municipal'],
    ['There is a gas leak smell near 建设路 please help', 'gas'],
    ['tower crane at the construction site looks unsafe', 'construction_site'],
    ['fire hydrant leaking on 武陵大道', 'water_hydrant'],
    ['crack in the bridge deck at 沅水大桥', 'bridge'],
    ['there is a big hole on the road near 火车站', 'road_municipal'],
    ['the street is cracked outside 人民路小学', 'road_municipal'],
  ] as const)('「%s」 is weighed as %s', (said, category) => {
    expect(weighCategories(said)?.category).toBe(category)
  })

  it.each([
    ['There is a gas leak smell near 建设路', 'gas'],
    ['someone is trapped in the elevator at 阳光小区3栋', 'trapped'],
    ['the road collapsed near 人民路', 'collapse'],
  ] as const)('「%s」 is danger of %s', (said, kind) => {
    expect(dangerIn(said)).toBe(kind)
  })

  it.each(['no gas smell any more', 'the gas station on 人民路 is noisy', 'tree fell down on 人民路'])(
    '「%s」 is no danger',
    (said) => {
      expect(dangerIn(said)).toBeUndefined()
    },
  )

  it('leaves Chinese, codes and short letters as they are', () => {
    for (const said of ['人民路井盖丢了', 'YH20261123-0001 已整改', '5m长的裂缝', 'KTV门口的井盖'])
      expect(withEnglishGlossed(said)).toBe(said)
  })
})
