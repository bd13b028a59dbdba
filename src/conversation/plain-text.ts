import { halfWidthDigitsAndLetters } from '../domain/text-width'

/**
 * What a message says, without what does not show: zero-width and direction marks (copied text and some
 * keyboards carry them inside words, so 「巡\u200b查」 looked like no command), the ideographic space, digits
 * and letters typed in full-width mode, and the simple formatting tags some clients pass along (<b>巡查</b>).
 */
const INVISIBLE = /[\p{Cf}]/gu
const FORMATTING_TAG = /<\/?(?:b|i|u|em|strong|br|p|div|span|font|a)\b[^<>]{0,200}>/gi

export function plainText(text: string): string {
  return halfWidthDigitsAndLetters(
    text
      .replace(INVISIBLE, '')
      .replace(FORMATTING_TAG, ' ')
      .replace(/\u3000/g, ' '),
  )
}

/**
 * A record's number as voice input writes it: 「YH二零二六一一二三杠零零零一」「ts20261123杠0001」. The digits said
 * one by one are digits, and 杠 (the dash read aloud) the dash; the number is then read as if typed.
 */
const SPOKEN_DIGIT: Record<string, string> = {
  零: '0',
  〇: '0',
  一: '1',
  幺: '1',
  二: '2',
  两: '2',
  三: '3',
  四: '4',
  五: '5',
  六: '6',
  七: '7',
  八: '8',
  九: '9',
}
const SPOKEN_CODE =
  /(TS|YH|XC|DC|WT)\s*([零〇一幺二两三四五六七八九0-9]{8})\s*(?:杠|横杠|横|减|-)?\s*([零〇一幺二两三四五六七八九0-9]{1,6})(?![零〇一幺二两三四五六七八九0-9])/gi

export function withSpokenCodes(text: string): string {
  const digits = (said: string) => [...said].map((c) => SPOKEN_DIGIT[c] ?? c).join('')
  return text.replace(SPOKEN_CODE, (whole, prefix: string, day: string, serial: string) =>
    /[^0-9]/.test(day + serial) || /杠|横|减/.test(whole)
      ? `${prefix.toUpperCase()}${digits(day)}-${digits(serial)}`
      : whole,
  )
}

/**
 * WeChat and WeCom send a reply that quotes an earlier message as the quote in corner brackets, a line of dashes,
 * then the reply: 「「张伟：人民路井盖坏了」\n- - - - - - -\n这个是哪个单位的」. The quote was read as part of the
 * message (it opened a hazard form for a report already made). What is said is the reply; a record's number in the
 * quote (the bot's own 「…编号 YH20261123-0001…」) goes with it when the reply names none, since that is what it
 * answers.
 */
const QUOTED_REPLY = /^\s*「([^」]{0,2000})」\s*\n\s*(?:[-—－]\s*){5,}\n([\s\S]*)$/
const RECORD_CODE = /(?:TS|YH|XC|DC)\d{8}-\d{4,6}/gi

export function withQuoteRead(text: string): string {
  const quoted = QUOTED_REPLY.exec(text)
  if (!quoted) return text
  const reply = (quoted[2] ?? '').trim()
  if (!reply) return text
  const quote = quoted[1] ?? ''
  const codes = [...new Set(quote.match(RECORD_CODE) ?? [])]
  const [code] = codes
  if (/(?:TS|YH|XC|DC)\s*\d{8}/i.test(reply)) return reply
  if (code && codes.length === 1) return `${code.toUpperCase()} ${reply}`
  // 「这个是哪个单位的」「这个修好了」 point at what the quote says: those words stand for 这个.
  const said = quote.replace(/^[^：:]{1,20}[：:]/, '').trim()
  const pointed = POINTS_AT_QUOTE.exec(reply)
  return pointed && said && codes.length === 0 && [...said].length <= QUOTE_AS_SUBJECT_MAX
    ? `${said} ${reply.slice(pointed[0].length)}`
    : reply
}
/** 「这个…」「那个…」 opening a reply to a quote. */
const POINTS_AT_QUOTE = /^(?:这个|那个|这件事|这事|这条|这)(?=[是怎修已还有不要该归谁能可])/
const QUOTE_AS_SUBJECT_MAX = 120

/**
 * 「…已经通知了市政 嗯 就这样」「…汇报完毕」: how people, and voice input above all, end what they say. The sign-off adds
 * nothing, and left in place it became part of the last box filled (the handling read 「已经通知了市政 嗯 就这样」). Only
 * at the end, after a break, and only when something is left: 「就这样」 alone is an answer.
 */
const SIGN_OFF =
  /(?:[\s，,。.；;]+(?:嗯+|呃+|额+|啊+|就这样(?:吧|子)?|就这些(?:吧)?|就这么多(?:吧)?|(?:汇报|报告)?完毕|over))+[\s。.！!~～]*$/i
const KEPT_MIN_CHARS = 4
/** A sign-off is a few words: only the message's tail is read, so a long run of breaks costs nothing. */
const TAIL_CHARS = 40

export function withoutSignOff(text: string): string {
  const cut = Math.max(0, text.length - TAIL_CHARS)
  const kept = text.slice(0, cut) + text.slice(cut).replace(SIGN_OFF, '')
  return [...kept.trim()].length >= KEPT_MIN_CHARS ? kept : text
}

/** Longer than this, words said in passing are a paste, not a detail to add to a description. */
const DETAIL_MAX_CHARS = 300

/**
 * Whether a message reads as words in Chinese (「大概有半米深」) rather than code, a paste or keyboard noise
 * (「{"a":1}」「${jndi:…}」「aaaa…」): at least two Chinese characters, and a third of what is typed.
 */
export function readsAsWords(text: string): boolean {
  const typed = [...text.replace(/\s+/g, '')]
  if (typed.length === 0 || typed.length > DETAIL_MAX_CHARS) return false
  const chinese = typed.filter((c) => /\p{Script=Han}/u.test(c)).length
  return chinese >= 2 && chinese * 3 >= typed.length
}

/**
 * 「人民路井盖坏了人民路井盖坏了人民路井盖坏了」: one report pasted over and over (sent in anger, or a stuck key) is
 * that report once. Only the whole message made of one part, marks and spaces between them aside. Found by the
 * shortest period of the text without its marks — linear, where a pattern with a back-reference to the repeated part
 * took seconds on a run of commas.
 */
const SEPARATOR = /[\s，,。.！!~～]/u
const SEPARATORS = /[\s，,。.！!~～]+/gu
const PART_MIN = 3
const PART_MAX = 80

export function onceIfPastedOver(text: string): string {
  const bare = [...text.replace(SEPARATORS, '')]
  for (let period = PART_MIN; period <= Math.min(PART_MAX, bare.length / 2); period++) {
    if (bare.length % period !== 0) continue
    if (!bare.every((c, i) => c === bare[i % period])) continue
    // The first part as typed, its own marks kept, up to where its last character falls.
    let seen = 0
    let end = 0
    for (const c of text) {
      end += c.length
      if (!SEPARATOR.test(c) && ++seen === period) break
    }
    return text.slice(0, end).trim()
  }
  return text
}
