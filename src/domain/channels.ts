/**
 * The chat channels as people name them: on admin pages, and in what the bot says ("您的钉钉账号已记录",
 * never a WeCom sentence to a DingTalk user).
 */
export const CHANNEL_LABELS: Record<string, string> = {
  wecom: '企业微信应用',
  'wecom-robot': '企业微信群机器人',
  dingtalk: '钉钉',
  mp: '微信公众号',
  console: '控制台模拟',
  open311: 'Open311 接口',
}

/** The app a person uses on this channel, for sentences like 「您的…账号」. */
export function platformName(channel: string): string {
  if (channel === 'dingtalk') return '钉钉'
  if (channel === 'mp') return '微信'
  if (channel === 'console') return '演示'
  return '企业微信'
}
