import { describe, expect, it } from 'vitest'
import { withoutEmoticons } from '../../src/conversation/emoticons'

/** The chat clients' emoticons arrive as bracketed names inside the text. */
describe('emoticons in a message', () => {
  it.each([
    ['[强]', '好的'],
    ['[OK][OK]', '好的'],
    ['[微笑]', '哦'],
    ['[抱拳]谢谢', '谢谢'],
    ['人民路井盖缺失[流泪]', '人民路井盖缺失'],
    // Not an emoticon: a client's placeholder, or what the person typed in brackets, stays.
    ['[图片]', '[图片]'],
    ['[位置]人民路', '[位置]人民路'],
    ['隐患[重大]人民路塌陷', '隐患[重大]人民路塌陷'],
    ['没有括号的话', '没有括号的话'],
    // Emoji around words are no part of them; an emoji alone is the whole message.
    ['😡😡😡 人民路的井盖又坏了', '人民路的井盖又坏了'],
    ['🚧人民路🕳️塌了', '人民路 塌了'],
    ['👍', '👍'],
    ['👍[强]', '👍'],
  ])('reads %s as %s', (typed, read) => {
    expect(withoutEmoticons(typed)).toBe(read)
  })
})
