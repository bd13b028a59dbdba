import { describe, expect, it } from 'vitest'
import { fiveFixesSaid } from '../../src/conversation/forms/five-fixes'

/** The 五落实 named in one message go each to its box; one answer alone is the box asked. */
describe('the five fixes said at once', () => {
  it('reads each part after its name, on one line or on several', () => {
    expect(fiveFixesSaid('责任人王刚，措施是停气抢修，资金由施工单位承担，时限今天晚上8点前，预案已启动')).toEqual({
      responsibility: '王刚',
      measures: '停气抢修',
      funding: '由施工单位承担',
      timeLimit: '今天晚上8点前',
      contingencyPlan: '已启动',
    })
    expect(fiveFixesSaid('责任单位：燃气办\n整改措施：更换管道\n整改资金：施工单位承担')).toEqual({
      responsibility: '燃气办',
      measures: '更换管道',
      funding: '施工单位承担',
    })
    // After a heading and a colon (「五落实：责任人…」).
    expect(fiveFixesSaid('五落实：责任人王强，措施 设置围挡 回填，资金 5万')).toEqual({
      responsibility: '王强',
      measures: '设置围挡 回填',
      funding: '5万',
    })
  })

  it('leaves one answer, or words that name no part, to the box asked', () => {
    expect(fiveFixesSaid('立即停工，加固支护')).toBeUndefined()
    expect(fiveFixesSaid('措施：设置围挡')).toBeUndefined()
    expect(fiveFixesSaid('王刚负责，停气抢修')).toBeUndefined()
  })
})
