/**
 * A length of time as people say it in a reminder: 「2 天 3 小时」, 「5 小时 20 分钟」, 「45 分钟」 — never
 * 「27452 分钟」 and never 「0 分钟」. The two largest units are enough to act on.
 */
export function describeDuration(ms: number): string {
  const minutes = Math.floor(Math.max(0, ms) / 60_000)
  if (minutes < 1) return '不到 1 分钟'
  const days = Math.floor(minutes / 1440)
  const hours = Math.floor((minutes % 1440) / 60)
  const mins = minutes % 60
  if (days > 0) return hours > 0 ? `${days} 天 ${hours} 小时` : `${days} 天`
  if (hours > 0) return mins > 0 ? `${hours} 小时 ${mins} 分钟` : `${hours} 小时`
  return `${mins} 分钟`
}
