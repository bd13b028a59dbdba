/**
 * 「我再补一张照片」「刚才那个隐患照片补一张」「照片马上发」: a photo announced, not yet sent. It answers no question
 * and describes nothing: the photo itself is what the person is waiting to send.
 */
const ABOUT = '(?:刚才|刚刚)?(?:那个|这个|的)?(?:隐患|问题|记录|现场)?(?:的)?[，,\\s]*'
const WHEN = '(?:我|等下|等一下|等会儿?|稍后|马上|待会儿?|一会儿|随后)?'
const SEND = '(?:补|补充|补发|发|传|上传|拍|附|加)(?:上|个)?'
const HOW_MANY = '(?:一|1|两|2|几)?(?:张|个|下)?'
const PHOTO = '(?:现场)?(?:照片|图片|相片|图|视频)'
const TO_YOU = '(?:给你们|给你|给您|你们|你|您|过来|过去|上来)?'
const END = '[。！!~～\\s]*$'

/** 「拍了照片 发给你」「照了几张图，等下发过来」「拍了张照片」: taken, and to be sent. */
const TAKEN = '(?:拍|照)(?:了|好了)?'

/** 「刚才那个隐患忘了拍照 现在补一张」: the photo forgotten, and to be sent now. */
const FORGOT = `(?:我)?(?:忘了|忘记了?|没有?)(?:拍照|拍照片|拍|附照片|发照片|传照片)(?:了)?[，,\\s]*(?:现在|马上|等下|我)?(?:补|补发|补上|发|传)(?:一|1|两|2|几)?(?:张|个|下)?(?:照片|图片|相片)?`

/**
 * 「我刚报的那个能加张照片吗」「照片可以后补吗」: whether one may be added, asked — the same photo to come (it was not
 * understood).
 */
const JUST_REPORTED =
  '(?:我)?(?:刚才|刚刚|刚)?(?:报|上报|发|填|提交)?(?:的)?(?:那个|这个|那条|这条)?(?:隐患|问题|记录)?[，,\\s]*'
const MAY_I = '(?:还)?(?:能|可以|能不能|可不可以|能否|可否)'
const ASKED_END = '(?:吗|么|不|呢|吧)?[？?。\\s]*$'
const MAY_ADD = `^${JUST_REPORTED}${MAY_I}(?:再)?${SEND}${HOW_MANY}${PHOTO}${TO_YOU}${ASKED_END}|^${JUST_REPORTED}${PHOTO}${MAY_I}(?:后补|补发|补传|补|后面再发|晚点发|等下发|再发)${ASKED_END}`

/**
 * 「刚才那个隐患拍了照片怎么补」「照片怎么发给你们」「怎么上传照片」: how to add one, asked — the photo is to come, and the
 * answer is where it goes (it was told how to back-fill a patrol).
 */
const HOW = '(?:要|该|应该)?怎么(?:样)?(?:才能)?'
const HOW_SEND = '(?:补|补充|补发|补传|补上|发|传|上传|附|加)(?:上|进去|过去)?'
const PHOTO_FIRST = `(?:${TAKEN}${HOW_MANY}${PHOTO}|${PHOTO})[，,\\s]*`
const ASKED_HOW = `^${ABOUT}(?:${PHOTO_FIRST}${HOW}${HOW_SEND}|${HOW}${HOW_SEND}${HOW_MANY}${PHOTO})${TO_YOU}(?:呢|啊|呀)?[？?。\\s]*$`

const PHOTO_PROMISED = new RegExp(
  `${ASKED_HOW}|${MAY_ADD}|^${ABOUT}${FORGOT}${TO_YOU}${END}|^${ABOUT}${WHEN}(?:再|还|要)?${SEND}${HOW_MANY}${PHOTO}${TO_YOU}${END}|^${ABOUT}${PHOTO}${WHEN}(?:再)?${SEND}${HOW_MANY}${TO_YOU}${END}|^${ABOUT}${TAKEN}${HOW_MANY}${PHOTO}(?:[，,\\s]*${WHEN}(?:就)?(?:发|传)(?:一下)?${TO_YOU})?${END}`,
)

/** 「等等，」「稍等，」「好的，」 before it. */
const LEAD_IN = /^(?:等等|等一下|等下|稍等(?:一下)?|好的?|嗯|哦)[，,。！!\s]+/

/** 「拍了照片怎么发给你」: how to add one, asked (a photo to come all the same). */
export function asksHowToAddPhoto(text: string): boolean {
  return new RegExp(ASKED_HOW).test(text.trim().replace(LEAD_IN, ''))
}

export function promisesPhoto(text: string): boolean {
  return PHOTO_PROMISED.test(text.trim().replace(LEAD_IN, ''))
}

/** 「芙蓉路塌陷那个补一张照片」: the record it is for, named by its place or thing before the promise. */
const NAMED_FIRST = /^([\u4e00-\u9fa5A-Za-z0-9]{2,16}?)(?:的)?(?:那个|这个|那处|这处)(?:隐患)?(?:的)?[，,\s]*/

/** The words naming the record a photo is promised for, or undefined when none is named or no photo promised. */
export function photoPromisedFor(text: string): string | undefined {
  const said = text.trim().replace(LEAD_IN, '')
  const named = NAMED_FIRST.exec(said)
  return named?.[1] && PHOTO_PROMISED.test(said.slice(named[0].length)) ? named[1] : undefined
}
