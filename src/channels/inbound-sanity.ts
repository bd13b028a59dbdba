import { hasNul } from '../domain/nul'
import { isPlatformUrl } from './outbound-hosts'
import type { InboundMessage } from './types'

/**
 * A delivery that passed its signature check is the platform's (or a holder of its secret's) word, so it
 * is stored rather than refused — but never as-is when parts of it would break storage or processing: NUL
 * characters (PostgreSQL text cannot hold them), times that are not times, coordinates that are not
 * numbers, a reply address outside the platforms' hosts. Each correction is named in `oddities`, kept
 * with the stored message for an administrator to see.
 */
const MAX_TEXT_CHARS = 20_000
/** Platform clocks drift, but a message is never from before the service existed or from next year. */
const EARLIEST = Date.UTC(2000, 0, 1)
const LATEST_AHEAD_MS = 86_400_000

export function sanitiseInbound(
  message: InboundMessage,
  options: { receivedAt: Date; platformHosts: ReadonlySet<string> },
): InboundMessage {
  const oddities: string[] = [...(message.oddities ?? [])]
  // Nearly every delivery has no NUL anywhere: it is copied shallowly (only top-level fields are corrected below)
  // instead of rebuilt field by field.
  const nul = hasNul(message)
  const out = nul ? withoutNul(message) : { ...message }
  if (nul) oddities.push('nul_removed')

  const time = out.at instanceof Date ? out.at.getTime() : Number.NaN
  if (!Number.isFinite(time) || time < EARLIEST || time > options.receivedAt.getTime() + LATEST_AHEAD_MS) {
    oddities.push('time_replaced')
    out.at = options.receivedAt
  }
  if (out.text !== undefined && out.text.length > MAX_TEXT_CHARS) {
    oddities.push('text_truncated')
    out.text = out.text.slice(0, MAX_TEXT_CHARS)
  }
  if (out.location) {
    const { latitude, longitude } = out.location
    const valid =
      Number.isFinite(latitude) && Number.isFinite(longitude) && Math.abs(latitude) <= 90 && Math.abs(longitude) <= 180
    if (!valid) {
      oddities.push('location_dropped')
      out.location = undefined
    }
  }
  if (out.replyUrl && !isPlatformUrl(out.replyUrl, options.platformHosts)) {
    oddities.push('reply_url_refused')
    out.replyUrl = undefined
    out.replyUrlExpiresAt = undefined
  }
  if (!out.messageId) {
    oddities.push('message_id_missing')
    out.messageId = `missing:${out.sender.externalId}:${out.at.getTime()}`
  }
  return oddities.length ? { ...out, oddities } : out
}

/** A deep copy with every NUL character removed (Dates kept as they are). */
function withoutNul<T>(value: T): T {
  if (typeof value === 'string') return value.replaceAll('\u0000', '') as T
  if (Array.isArray(value)) return value.map(withoutNul) as T
  if (value && typeof value === 'object' && !(value instanceof Date))
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, withoutNul(v)])) as T
  return value
}
