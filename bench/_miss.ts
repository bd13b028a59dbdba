import { DEFAULT_CITY } from '../bots/default-city'
import { loadCorpus } from '../src/conversation/extract/corpus'
import { flattenComplaint, flattenPatrol, scoreExamples } from '../src/conversation/extract/evaluate'
import { readByRules } from '../src/conversation/extract/rules'
import { zonedInstant } from '../src/domain/local-time'
const timeZone = 'Asia/Shanghai'
const now = zonedInstant('2026-11-23', timeZone, 16)
const ctx = { now, timeZone, categoryRules: DEFAULT_CITY.routing, reporterName: '张伟' }
const form = (process.argv[2] ?? 'patrol') as 'patrol' | 'complaint'
const field = process.argv[3]
const directory = new URL('../test/fixtures/extraction/corpus/', import.meta.url)
for (const e of loadCorpus(form, directory)) {
  if (e.split === 'test') continue // never look at test
  const r = readByRules(form, e.text, ctx)
  const got = form === 'patrol' ? flattenPatrol(r.fields as never, now, timeZone) : flattenComplaint(r.fields as never)
  const report = scoreExamples([{ example: e, got }])
  const misses = report.misses.filter((m) => !field || m.field === field)
  if (misses.length) console.log(`[${e.split}] ${e.text}\n   ` + misses.map((m) => `${m.field}: want ${m.expected} got ${m.got}`).join(' | '))
}
