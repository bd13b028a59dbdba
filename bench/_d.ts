import { DEFAULT_CITY } from '../bots/default-city'
import { readByRules } from '../src/conversation/extract/rules'
import { zonedInstant } from '../src/domain/local-time'
const now = zonedInstant('2026-11-23', 'Asia/Shanghai', 16)
for (const t of process.argv.slice(2)) {
  const r = readByRules('patrol', t, { now, timeZone: 'Asia/Shanghai', categoryRules: DEFAULT_CITY.routing })
  console.log(t, JSON.stringify(r.fields))
}
