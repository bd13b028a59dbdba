/**
 * 「谢谢」「好的」「辛苦了」, and praise (「好的 谢谢 很快」「效率真高」), on their own: courtesy after an answer, not a request the bot failed to understand
 * nor a complaint too short to file.
 */
const COURTESY =
  /^(?:(?:大家|各位|同志们|兄弟们|你们)?(?:谢谢|谢了|多谢|感谢|好的|好滴|好|嗯+|哦+|收到(?:通知|通报|消息|提醒)?|知道了|明白了?|了解|ok|OK|Ok|辛苦(?:你们|您|你|大家)?了?|麻烦(?:你们|您|你)?了|拜拜|再见|回头见|先这样|没事了|👍|🙏|(?:速度|效率|动作|处理得?|办得?)?(?:真|很|好|挺|太|这么|非常|蛮)(?:快|及时|给力|高效|负责|专业)|效率(?:真|很|挺|好|太)?高|点赞|给力|太好了|真不错|不错)(?:你们|您|你|啦|了|呀|哈|啊)?[，,！!。.~～\s]*)+$/

export function isCourtesy(text: string): boolean {
  return COURTESY.test(text.trim())
}

/** 「谢谢」「辛苦了」: thanks, which 「不客气」 answers (「好的」「嗯」 are only acknowledgement). */
export function thanks(text: string): boolean {
  return isCourtesy(text) && /谢|感谢|辛苦|麻烦|🙏/.test(text)
}

/**
 * 「在吗」「你好」「在的话回一下」「有人的话回个话」: someone checking the bot is there before saying what they want (the
 * last two had been asked where, as if they were a problem).
 */
const GREETING =
  /^(?:(?:在吗|在不在|在么|有人吗|有人在吗|你好|您好|你们好|hi|hello|哈喽|嗨|喂|早上好|上午好|下午好|晚上好|早|早啊|早安|早哇|(?:在|有人)(?:的话)?(?:请)?(?:回|回复|回个话|回一下|回个消息|吱一声|说一声)(?:一下|我)?)(?:呀|啊|哈|吧)?[，,？?！!。.~～\s]*)+$/i

/** 「在吗在吗 急」「有人吗 很急」: a greeting that says it is urgent, still with nothing of what or where. */
const URGENT_GREETING =
  /^(?:(?:在吗|在不在|在么|有人吗|有人在吗|你好|您好|喂)(?:呀|啊|哈)?[，,？?！!。.~～\s]*)+(?:很急|挺急|急急急?|急|紧急|着急|快快快|快点)(?:啊|呀)?[!！。~～\s]*$/

export function isUrgentGreeting(text: string): boolean {
  return URGENT_GREETING.test(text.trim())
}

export function isGreeting(text: string): boolean {
  return GREETING.test(text.trim())
}
