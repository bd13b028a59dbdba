/**
 * 「谢谢」「好的」「辛苦了」 on their own: courtesy after an answer, not a request the bot failed to understand
 * nor a complaint too short to file.
 */
const COURTESY =
  /^(?:(?:谢谢|谢了|多谢|感谢|好的|好滴|好|嗯+|哦+|收到|知道了|明白了?|了解|ok|OK|Ok|辛苦了?|麻烦了|👍|🙏)(?:你们|您|你|啦|了|呀|哈|啊)?[，,！!。.~～\s]*)+$/

export function isCourtesy(text: string): boolean {
  return COURTESY.test(text.trim())
}
