import { CATEGORY_LABELS } from '../../src/domain/categories'
import { CHANNEL_LABELS } from '../../src/domain/channels'
import { COMPLAINT_STATUS_LABELS } from '../../src/domain/complaint-lifecycle'
import { HAZARD_STATUS_LABELS } from '../../src/domain/hazard-lifecycle'
import { REPORT_KIND_LABELS } from '../../src/domain/obligations'
import { ROLE_LABELS } from '../../src/domain/roles'

/**
 * Internal codes that have a Chinese label (roles, statuses, report kinds, categories, channels): none may reach
 * what a person reads. The pattern finds one standing alone as a word, not inside an address or a path.
 */
export const INTERNAL_CODES = [
  ...Object.keys(ROLE_LABELS),
  ...Object.keys(HAZARD_STATUS_LABELS),
  ...Object.keys(COMPLAINT_STATUS_LABELS),
  ...Object.keys(REPORT_KIND_LABELS),
  ...Object.keys(CATEGORY_LABELS),
  ...Object.keys(CHANNEL_LABELS),
].filter((code) => /[a-z]/.test(code))

export const internalCodePattern = () => new RegExp(`(?<![\\w./:-])(${INTERNAL_CODES.join('|')})(?![\\w/-])`, 'g')
