/**
 * Where replies and group-robot posts may go. A DingTalk sessionWebhook or a WeCom intelligent robot's
 * response_url arrives inside a message body, and a group robot's URL is typed by an administrator:
 * without this check a forged message or a careless edit would send citizens' data (and our signatures)
 * to any address — a server-side request forgery. Only the platforms' own hosts, plus the API bases the
 * operator configured (a proxy, or the local fakes in tests), are allowed.
 */
export const DEFAULT_PLATFORM_HOSTS = ['oapi.dingtalk.com', 'api.dingtalk.com', 'qyapi.weixin.qq.com'] as const

const LOOPBACK = /^(localhost|127(?:\.\d{1,3}){3}|\[::1\])$/i

export function platformHostSet(listed: string | undefined, configuredBases: (string | undefined)[]): Set<string> {
  const hosts = new Set<string>(
    listed
      ? listed
          .split(',')
          .map((h) => h.trim().toLowerCase())
          .filter(Boolean)
      : DEFAULT_PLATFORM_HOSTS,
  )
  for (const base of configuredBases) {
    if (!base) continue
    try {
      hosts.add(new URL(base).hostname.toLowerCase())
    } catch {
      // A malformed base is refused by its own check.
    }
  }
  return hosts
}

/** True when the URL is https (or plain http to a loopback test host) on an allowed host. */
export function isPlatformUrl(raw: string, hosts: ReadonlySet<string>): boolean {
  let url: URL
  try {
    url = new URL(raw)
  } catch {
    return false
  }
  if (url.username || url.password) return false
  const host = url.hostname.toLowerCase()
  if (!hosts.has(host)) return false
  return url.protocol === 'https:' || (url.protocol === 'http:' && LOOPBACK.test(host))
}
