import { Converter } from 'opencc-js/t2cn'

/**
 * Messages typed in Traditional characters (a phone set to 繁體, staff from Hong Kong or Taiwan) read as the
 * Simplified the rules and commands are written in: 「上報隱患」 is 上报隐患, 「兩個人」 two people. OpenCC converts by
 * phrase, not only character by character, and leaves Simplified text as it is; the inbox keeps what was typed.
 */
let convert: ((text: string) => string) | undefined

export function toSimplified(text: string): string {
  convert ??= Converter({ from: 't', to: 'cn' })
  return convert(text)
}
