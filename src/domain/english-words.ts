/**
 * A report written in English (「manhole cover missing at 人民路」「gas leak smell near 建设路」), from a visitor or
 * someone whose phone types it so: the words the bureau's rules read (kinds of thing, danger) said in Chinese
 * beside it, so it is filed under its kind and a leak gets the safety advice. The words stay as written in the
 * record; only what the rules weigh gains the Chinese.
 */
const GLOSSARY: readonly [RegExp, string][] = [
  [
    /\b(?:gas|lpg)\s*(?:leak(?:ing|s|ed)?|smell(?:s|ing)?)\b|\b(?:smell(?:s|ing)?|leak(?:ing|s)?)\s+(?:of\s+)?gas\b/i,
    '燃气泄漏',
  ],
  [/\bgas\s*(?:pipe|line|main)s?\b/i, '燃气管道'],
  // A gas station sells petrol: not the city's gas.
  [/\bgas\b(?!\s*stations?)/i, '燃气'],
  [/\b(?:manhole|drain|sewer|well)\s*(?:cover|lid)s?\b|\bmanholes?\b/i, '井盖'],
  [/\b(?:sewers?|drains?|drainage)\b/i, '下水道'],
  [/\b(?:sink\s*holes?|cave[\s-]?in|caved\s+in)\b/i, '路面塌陷'],
  [/\bpot\s*holes?\b/i, '路面坑洼'],
  // 「a big hole on the road」「the street has a hole」: a hole said of a road.
  [
    /\bholes?\b[^.,;!?]{0,20}\b(?:road|street|pavement|lane)s?\b|\b(?:road|street)s?\b[^.,;!?]{0,20}\bholes?\b/i,
    '路面坑洼',
  ],
  [/\bcracks?\b[^.,;!?]{0,16}\b(?:road|street)s?\b|\b(?:road|street)s?\b[^.,;!?]{0,16}\bcrack(?:s|ed)?\b/i, '路面裂缝'],
  [/\b(?:street|road)\s*(?:lights?|lamps?)\b|\bstreetlights?\b|\blamp\s*posts?\b|\blight\s*poles?\b/i, '路灯'],
  [/\btraffic\s*lights?\b/i, '红绿灯'],
  [/\b(?:collapsed?|collapsing)\b/i, '坍塌'],
  [/\bbridges?\b|\boverpass\b|\bflyover\b/i, '桥梁'],
  [/\b(?:construction|building)\s*sites?\b|\bconstruction\b/i, '建筑工地'],
  [/\b(?:tower\s*)?cranes?\b/i, '塔吊'],
  [/\bscaffold(?:ing)?s?\b/i, '脚手架'],
  [/\btrees?\b|\bbranch(?:es)?\b/i, '树'],
  [/\bparks?\b/i, '公园'],
  [/\b(?:side\s*walks?|pavements?|footpaths?)\b/i, '人行道'],
  [/\b(?:fire\s*)?hydrants?\b/i, '消防栓'],
  [/\bwater\s*(?:pipes?|mains?)\b|\bpipe\s*burst\b|\bburst\s+pipes?\b/i, '水管爆裂'],
  [/\bwater\s*leak(?:ing|s)?\b|\bleaking\s+water\b/i, '漏水'],
  [
    /\b(?:trapped|stuck)\s+in\s+(?:the\s+|an?\s+)?(?:elevator|lift)\b|\b(?:elevator|lift)\b[^.,;!?]{0,20}\b(?:trapped|stuck)\b/i,
    '电梯困人',
  ],
  [/\b(?:elevators?|lifts?)\b/i, '电梯'],
  [
    /\b(?:dangerous|old|unsafe)\s+(?:buildings?|houses?)\b|\b(?:buildings?|houses?|walls?)\b[^.,;!?]{0,12}\bcrack(?:s|ed)?\b/i,
    '危房',
  ],
  [/\bon\s+fire\b|\bfire\b|\bsmoke\b|\bburning\b/i, '着火'],
  [/\b(?:live|exposed|bare|fallen|hanging)\s+(?:electric(?:al)?\s+)?wires?\b|\belectric\s+shock\b/i, '电线裸露'],
  [/\bfell\s+in(?:to)?\b[^.,;!?]{0,16}\b(?:manhole|hole|pit|sewer|well|river)\b/i, '有人掉进井里'],
]

/** 「no gas smell」「not leaking」: a word just before that denies it. */
const DENIED = /\b(?:no|not|never|without|isn't|aren't|wasn't|don't|doesn't|didn't)\b[^.,;!?]{0,12}$/i

/** Enough Latin letters to be words (not a code like YH20261123 or a unit like 5m). */
const HAS_ENGLISH = /[A-Za-z]{3,}/

/** The text with the Chinese for the English words the rules know appended; the text itself when there are none. */
export function withEnglishGlossed(text: string): string {
  if (!HAS_ENGLISH.test(text)) return text
  const glosses: string[] = []
  let rest = text
  for (const [words, chinese] of GLOSSARY) {
    const found = words.exec(rest)
    if (!found) continue
    // What a longer phrase took is not read again by a shorter one (the gas of 「gas leak」).
    rest = `${rest.slice(0, found.index)} ${rest.slice(found.index + found[0].length)}`
    if (DENIED.test(text.slice(0, text.indexOf(found[0])))) continue
    glosses.push(chinese)
  }
  return glosses.length > 0 ? `${text}（${glosses.join('，')}）` : text
}
