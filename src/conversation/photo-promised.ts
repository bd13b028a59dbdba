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

const PHOTO_PROMISED = new RegExp(
  `^${ABOUT}${FORGOT}${TO_YOU}${END}|^${ABOUT}${WHEN}(?:再|还|要)?${SEND}${HOW_MANY}${PHOTO}${TO_YOU}${END}|^${ABOUT}${PHOTO}${WHEN}(?:再)?${SEND}${HOW_MANY}${TO_YOU}${END}|^${ABOUT}${TAKEN}${HOW_MANY}${PHOTO}(?:[，,\\s]*${WHEN}(?:就)?(?:发|传)(?:一下)?${TO_YOU})?${END}`,
)

/** 「等等，」「稍等，」「好的，」 before it. */
const LEAD_IN = /^(?:等等|等一下|等下|稍等(?:一下)?|好的?|嗯|哦)[，,。！!\s]+/

export function promisesPhoto(text: string): boolean {
  return PHOTO_PROMISED.test(text.trim().replace(LEAD_IN, ''))
}
