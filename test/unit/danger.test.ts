import { describe, expect, it } from 'vitest'
import { WORDING } from '../../bots/wording'
import { dangerIn } from '../../src/domain/danger'

/** Danger words make a message urgent (advice at once, the duty officer told): only when the danger is there. */
describe('danger in a message', () => {
  it.each([
    ['小区门口有燃气味 好大 快来人', 'gas'],
    ['不知道哪里漏气，味道很重', 'gas'],
    ['天然气味道很大，怕爆炸', 'gas'],
    ['墙快塌了', 'collapse'],
    ['路面塌陷了一个大坑', 'collapse'],
    ['电线掉下来了', 'electric'],
    // A power pole down is live wires on the ground until shown otherwise.
    ['沅安路上有根电线杆倒了 压在路边 电线还连着', 'electric'],
    ['楼道里冒烟了', 'fire'],
    ['桥下面有人在烧东西，冒了好多烟', 'fire'],
    ['我们小区的电梯困人了！！！快来人', 'trapped'],
    ['有人被困在电梯里面', 'trapped'],
    ['停电了，电梯里困了人，阳光花园3栋', 'trapped'],
    ['电梯卡住了一个老人', 'trapped'],
    ['楼塌了，有人被困', 'collapse'],
    // The gas, then a few words, then the smell or the leak.
    ['小区门口燃气管道有味道', 'gas'],
    ['家里天然气好像漏了 怎么办', 'gas'],
    ['楼道里一股臭鸡蛋味', 'gas'],
    ['燃气管道被挖断了', 'gas'],
    // A leak wondered about, and the smell said (it had been filed without the advice).
    ['人民路的燃气管道是不是漏了 闻到好大一股味', 'gas'],
    ['煤气灶有股怪味', 'gas'],
    // Something fallen from a building that has just hit a car, though it keeps falling.
    ['我们楼的外墙砖老往下掉 砸到车了', 'collapse'],
    ['楼上邻居装修把承重墙砸了，我们楼都在晃', 'collapse'],
    ['有个工地的塔吊好像歪了，在火车站旁边那个新楼盘', 'collapse'],
    // (A water tank or a window cage about to come down was filed without the advice.)
    ['楼顶的水箱好像要掉下来了 在武陵大道208号', 'collapse'],
    ['防盗窗快掉下来了', 'collapse'],
    ['建设路上的广告牌摇摇晃晃的', 'collapse'],
    ['压着电线', 'electric'],
    ['树倒了压到电线了 滨湖路口', 'electric'],
    ['步行街有个广告牌快掉下来了！！', 'collapse'],
    ['朗州路的电线杆被车撞了，摇摇欲坠', 'collapse'],
    ['路灯杆倾斜快倒了', 'collapse'],
    ['小区里的树枝断了挂在半空中 随时会掉下来 阳光花园', 'collapse'],
    // Someone fallen into a well, a pit or water, or from a height.
    ['小孩掉进下水道了！！！人民路口', 'fall'],
    ['一个老人摔进坑里了', 'fall'],
    ['有人落水了', 'fall'],
    ['有人跳楼', 'fall'],
    // From a height on a site (it was filed as a routine complaint).
    ['工地上的工人从三楼掉下来了！！快来人', 'fall'],
    ['有个师傅从脚手架上摔下来了', 'fall'],
    // Recurrence hedges only a lift that keeps trapping people: someone in it now, or a smell back again, is now.
    ['电梯又困人了，快来', 'trapped'],
    ['路边有个配电箱门开着，电线露在外面', 'electric'],
    ['我们村的危房有人住，随时可能倒', 'collapse'],
    ['着火了怎么办，在人民路88号', 'fire'],
    ['燃气味经常很大', 'gas'],
    // Any gas main cut or burst, however named; things falling from a building or hitting someone; someone fallen
    // into the hole just spoken of, or into a pit named a few words on.
    ['天然气管道被挖断了！！在常德大道！！', 'gas'],
    ['高空坠物 差点砸到人 金色家园', 'collapse'],
    ['楼房外墙的砖掉下来了', 'collapse'],
    ['工地的围挡倒了，砸到了一辆车，在洞庭大道和紫缘路交叉口', 'collapse'],
    ['马路中间的井盖没了 晚上好危险 已经有人掉进去了', 'fall'],
    ['有个小孩掉进工地的基坑里了', 'fall'],
    ['发现一处井盖缺失，有人掉进去受伤了，已送医', 'fall'],
  ])('%s is %s', (text, kind) => {
    expect(dangerIn(text)).toBe(kind)
  })

  it.each([
    '楼上阳台彩钢板大风天一直响，怕掉下来砸人',
    '担心燃气泄漏，能不能来查一下',
    '小区的消防通道被车堵死了，要是着火了消防车根本进不来',
    '如果塌陷了谁负责',
    '消防栓没有水，上次着火差点出大事',
    '已经没有漏气了',
    '没闻到燃气味，就是表走得快',
    // A gas fitting rusty, and no smell.
    '燃气表箱有点生锈 没有味道',
    '井盖松了，万一塌陷就麻烦了',
    '电梯老是坏，怕被困在里面',
    '燃气管道没有漏气',
    '燃气管道旁边漏水',
    '燃气公司的人来过了，没有味道了',
    '担心楼会晃',
    '怕小孩掉进井里',
    '手机掉进下水道了',
    '落水管坏了',
    '井盖卡住了打不开',
    '昨晚困了一夜没睡',
    '担心冒烟',
    '怕广告牌掉下来',
    '塔吊没有歪，就是噪音大',
    '树枝断了，怕随时会掉下来',
    // A pole merely leaning is a fault to fix; only one about to come down is danger.
    '13875001234 我姓刘 朗州路有根电线杆歪了',
    '紫菱路20号路灯杆歪了',
    '路口的红绿灯杆被撞歪了',
    '小区电梯老是困人，物业不管',
    '这部电梯经常关人',
    '电梯困人好几次了，一直没修',
    '3栋电梯困过3次人',
    '小区消防通道被占了，车都停满了，着火了怎么办，在金丹小区',
    // A near miss, or a fear of what may fall, is a risk to look at.
    '井盖没了，晚上差点掉进去',
    '公园里的湖没有护栏，也没有警示牌，小孩很容易掉进去',
    '怕外墙瓷砖掉下来砸到人',
    '我们这个老小区外墙瓷砖老往下掉，砸到人怎么办',
    '供水管道爆了',
    // Branches reaching the wires are a hazard to trim, not live wires down.
    '我家门口那棵大树的树枝都快压到电线了',
    '武陵大道 行道树 树枝 压到电线 3处',
  ])('a fear or a denial is not the danger itself: %s', (text) => {
    expect(dangerIn(text)).toBeUndefined()
  })
})

describe('the gas advice', () => {
  it('names the configured hotline, and without one says whose number to call instead of leaving a gap', () => {
    expect(WORDING.danger.gas('0736-96777')).toContain('拨打燃气抢险电话 0736-96777')
    const unset = WORDING.danger.gas(undefined)
    expect(unset).toContain('拨打当地燃气公司的抢险电话，')
    expect(unset).not.toMatch(/[（()]/)
  })
})
