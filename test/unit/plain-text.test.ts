import { describe, expect, it } from 'vitest'
import {
  onceIfPastedOver,
  plainText,
  withoutSignOff,
  withQuoteRead,
  withSpokenCodes,
} from '../../src/conversation/plain-text'

describe('what a message says, without what does not show', () => {
  it.each([
    ['巡\u200b查', '巡查'],
    ['我的\u200d待办', '我的待办'],
    ['\u202e查询 YH20261123-0001', '查询 YH20261123-0001'],
    ['ＹＨ２０２６１１２３-０００１', 'YH20261123-0001'],
    ['查询\u3000YH20261123-0001', '查询 YH20261123-0001'],
    ['<b>巡查</b>', ' 巡查 '],
    ['人民路<br/>井盖缺失', '人民路 井盖缺失'],
  ])('%s', (said, plain) => expect(plainText(said)).toBe(plain))

  it('keeps what shows: Chinese punctuation, a less-than sign, and markup that is no formatting tag', () => {
    expect(plainText('人民路，井盖<缺失>')).toBe('人民路，井盖<缺失>')
    expect(plainText('温度<5度')).toBe('温度<5度')
    expect(plainText('<script>alert(1)</script>')).toBe('<script>alert(1)</script>')
  })
})

describe('a message pasted over and over', () => {
  it.each([
    ['人民路井盖坏了人民路井盖坏了人民路井盖坏了', '人民路井盖坏了'],
    ['建设路路灯不亮！！建设路路灯不亮！！', '建设路路灯不亮'],
    ['快来修！快来修！快来修！', '快来修'],
  ])('reads %s once', (pasted, once) => {
    expect(onceIfPastedOver(pasted)).toBe(once)
  })

  it.each(['人民路井盖坏了', '人民路井盖坏了，建设路井盖也坏了', '哈哈'])('leaves %s as it is', (said) => {
    expect(onceIfPastedOver(said)).toBe(said)
  })
})

describe('a sign-off at the end of a message', () => {
  it.each([
    ['已经通知了市政 嗯 就这样', '已经通知了市政'],
    ['人民路井盖坏了，汇报完毕。', '人民路井盖坏了'],
    ['建设路路灯不亮 就这些吧', '建设路路灯不亮'],
  ])('reads %s without it', (said, meant) => expect(withoutSignOff(said)).toBe(meant))

  it.each(['就这样', '汇报完毕', '好的 嗯', '嗯嗯'])('leaves %s alone: it is the whole answer', (said) =>
    expect(withoutSignOff(said)).toBe(said),
  )

  it('reads only the tail, so a long run of breaks before it takes no time to read', () => {
    const long = `${'， 嗯'.repeat(6000)}井盖坏了 就这样`
    expect(withoutSignOff(long)).toBe(long.replace(/ 就这样$/, ''))
  })
})

describe('a reply quoting an earlier message', () => {
  const DASHES = '- - - - - - - - - - - - - - -'
  it.each([
    // What is said is the reply; a record's number in the quote goes with it.
    [`「巡安：隐患已上报，编号 YH20261123-0001。」\n${DASHES}\n收到 马上安排`, 'YH20261123-0001 收到 马上安排'],
    [`「巡安：编号 ts20261123-0002」\n${DASHES}\n怎么还没人来`, 'TS20261123-0002 怎么还没人来'],
    // 「这个」 stands for what the quote says.
    [`「张伟：人民路井盖坏了」\n${DASHES}\n这个是哪个单位的`, '人民路井盖坏了 是哪个单位的'],
    // A reply with its own number, or a quote with two, keeps the reply alone.
    [`「巡安：YH20261123-0001」\n${DASHES}\n整改 YH20261123-0003 已修复`, '整改 YH20261123-0003 已修复'],
    [`「巡安：YH20261123-0001、YH20261123-0002」\n${DASHES}\n都收到了`, '都收到了'],
    [`「张伟：人民路井盖坏了」\n${DASHES}\n收到`, '收到'],
    // No dashes: no quote.
    ['「人民路」井盖坏了', '「人民路」井盖坏了'],
  ])('reads %j as %j', (typed, read) => expect(withQuoteRead(typed)).toBe(read))
})

describe('a record number as voice input writes it', () => {
  it.each([
    ['YH二零二六一一二三杠零零零一已经整改完成', 'YH20261123-0001已经整改完成'],
    ['查询ts20261123杠0012', '查询TS20261123-0012'],
    ['整改 YH20261123-0001 已修复', '整改 YH20261123-0001 已修复'],
    ['YH一二三', 'YH一二三'],
  ])('reads %s as %s', (said, read) => expect(withSpokenCodes(said)).toBe(read))
})
