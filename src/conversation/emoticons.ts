/**
 * WeChat, WeCom and DingTalk send their built-in emoticons inside the text as a name in brackets (「[强]」
 * 「[OK]」「[抱拳]谢谢」). Left in, they became words of a report (「隐患描述：…；[OK]」) or a complaint too short to
 * file. Known names only: a bracket the client puts for what it could not pass on (「[图片]」「[位置]」) is read
 * elsewhere, and anything else in brackets is what the person typed.
 */
const AFFIRMATIVE = new Set([
  '强',
  'OK',
  'ok',
  'Ok',
  '好的',
  '胜利',
  '握手',
  '耶',
  '666',
  '鼓掌',
  '抱拳',
  '拳头',
  '加油',
  '赞',
  '点赞',
  '合十',
  '收到',
  '对勾',
  '好',
])

const OTHERS = new Set([
  '微笑',
  '撇嘴',
  '色',
  '发呆',
  '得意',
  '流泪',
  '害羞',
  '闭嘴',
  '睡',
  '大哭',
  '尴尬',
  '发怒',
  '调皮',
  '呲牙',
  '惊讶',
  '难过',
  '酷',
  '冷汗',
  '抓狂',
  '吐',
  '偷笑',
  '愉快',
  '可爱',
  '白眼',
  '傲慢',
  '饥饿',
  '困',
  '惊恐',
  '流汗',
  '憨笑',
  '悠闲',
  '大兵',
  '奋斗',
  '咒骂',
  '疑问',
  '嘘',
  '晕',
  '疯了',
  '折磨',
  '衰',
  '骷髅',
  '敲打',
  '再见',
  '擦汗',
  '抠鼻',
  '糗大了',
  '坏笑',
  '左哼哼',
  '右哼哼',
  '哈欠',
  '鄙视',
  '委屈',
  '快哭了',
  '阴险',
  '亲亲',
  '吓',
  '可怜',
  '菜刀',
  '西瓜',
  '啤酒',
  '篮球',
  '乒乓',
  '咖啡',
  '饭',
  '猪头',
  '玫瑰',
  '凋谢',
  '嘴唇',
  '爱心',
  '心碎',
  '蛋糕',
  '闪电',
  '炸弹',
  '刀',
  '足球',
  '瓢虫',
  '便便',
  '月亮',
  '太阳',
  '礼物',
  '拥抱',
  '弱',
  '勾引',
  '差劲',
  '爱你',
  'NO',
  '嘿哈',
  '捂脸',
  '奸笑',
  '机智',
  '皱眉',
  '吃瓜',
  '汗',
  '天啊',
  'Emm',
  '社会社会',
  '旺柴',
  '打脸',
  '哇',
  '翻白眼',
  '让我看看',
  '叹气',
  '苦涩',
  '裂开',
  '福',
  '红包',
  '發',
  '笑脸',
  '生病',
  '破涕为笑',
  '脸红',
  '恐惧',
  '失望',
  '无语',
  '囧',
  '哭笑',
  '开心',
  '大笑',
  '笑哭',
  '鬼脸',
  '庆祝',
  '烟花',
  '爆竹',
  '心',
  '玫瑰花',
  '谢谢',
  '感谢',
  '辛苦了',
])

const BRACKETED = /\[([\u4e00-\u9fa5A-Za-z0-9]{1,6})\]/g

/**
 * The text with the platforms' emoticons taken out. A message that was nothing but emoticons becomes a word with
 * the same meaning: 「好的」 for a thumbs-up or an OK sign (a yes to a summary), 「哦」 for any other (courtesy).
 */
export function withoutEmoticons(text: string): string {
  return withoutPictographs(withoutBracketedEmoticons(text))
}

const PICTOGRAPHS = /(?:\p{Extended_Pictographic}|\uFE0F|\u200D)+/gu
/**
 * 「😡😡😡 人民路的井盖又坏了」: emoji around the words are no part of them (they ended up in the ledger's
 * description). An emoji alone (「👍」) is the whole message, read as such.
 */
function withoutPictographs(text: string): string {
  if (!/\p{Extended_Pictographic}/u.test(text)) return text
  const rest = text
    .replace(PICTOGRAPHS, ' ')
    .replace(/[ \t\u3000]{2,}/g, ' ')
    .trim()
  return /[\p{L}\p{N}]/u.test(rest) ? rest : text
}

function withoutBracketedEmoticons(text: string): string {
  if (!text.includes('[')) return text
  let affirmative = false
  let found = false
  const rest = text.replace(BRACKETED, (whole, name: string) => {
    if (AFFIRMATIVE.has(name)) affirmative = found = true
    else if (OTHERS.has(name)) found = true
    else return whole
    return ''
  })
  if (!found) return text
  const trimmed = rest.trim()
  if (trimmed) return trimmed
  return affirmative ? '好的' : '哦'
}
