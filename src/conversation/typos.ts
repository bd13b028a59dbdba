/**
 * The misspellings field staff and citizens type most (a homophone picked from the input method's list): read
 * as the word meant, so 「护拦坏了」 is a railing and 「燃汽味」 gas; and the local words for 没有 and 什么. Only pairs
 * that are never a word of their own.
 */
const TYPOS: readonly [RegExp, string][] = [
  [/护拦/g, '护栏'],
  [/拦杆/g, '栏杆'],
  [/井蓋|井[该改](?=[坏缺丢没破松掉被不])/g, '井盖'],
  [/脚首架|脚手驾/g, '脚手架'],
  [/塔掉(?=[歪倒坏])/g, '塔吊'],
  [/燃汽/g, '燃气'],
  [/煤汽/g, '煤气'],
  [/天然汽/g, '天然气'],
  [/消防拴|消火拴/g, '消防栓'],
  [/裂逢/g, '裂缝'],
  [/[踏蹋]陷/g, '塌陷'],
  [/坍[踏蹋]/g, '坍塌'],
  [/瓷转/g, '瓷砖'],
  [/下水到/g, '下水道'],
  [/路等(?=[不坏])/g, '路灯'],
  [/危防/g, '危房'],
  [/围当/g, '围挡'],
  // Words of the local speech for 没有 and 什么 (「井盖冇得了」「么子问题都冇得」), which no reader knew: 冇 is no
  // word of Mandarin, 么子 and 啥子 are 什么 wherever they stand.
  [/冇得|冇有|莫得/g, '没有'],
  [/冇/g, '没'],
  [/(?<![那这怎多])么子|啥子/g, '什么'],
]

export function withTyposRead(text: string): string {
  let read = text
  for (const [typo, meant] of TYPOS) read = read.replace(typo, meant)
  return read
}
