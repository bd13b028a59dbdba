import { readFileSync } from 'node:fs'
import { DEFAULT_CITY } from '../bots/default-city'
import { expectedOf, splitOf } from '../src/conversation/extract/corpus'
import { flattenComplaint, flattenPatrol, scoreExamples } from '../src/conversation/extract/evaluate'
import { readByRules } from '../src/conversation/extract/rules'
import { zonedInstant } from '../src/domain/local-time'
const timeZone = 'Asia/Shanghai'
const now = zonedInstant('2026-11-23', timeZone, 16)
const ctx = { now, timeZone, categoryRules: DEFAULT_CITY.routing, reporterName: '张伟' }
const show = process.argv[2] === 'misses'
for (const form of ['patrol', 'complaint'] as const) {
  const lines = readFileSync(`/tmp/round6/${form}.jsonl`, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l))
  const scored = lines.map((line) => {
    const example = { text: line.t, expected: expectedOf(form, line) }
    const r = readByRules(form, line.t, ctx)
    const got = form === 'patrol' ? flattenPatrol(r.fields as never, now, timeZone) : flattenComplaint(r.fields as never)
    return { example, got, split: splitOf(line.t) }
  })
  const report = scoreExamples(scored)
  console.log(form, JSON.stringify(report).slice(0, 600))
  console.log('splits', JSON.stringify(scored.reduce((m, s) => ({ ...m, [s.split]: (m[s.split] ?? 0) + 1 }), {} as Record<string, number>)))
  if (show) for (const s of scored) {
    if (s.split === 'test') continue
    const wrong = Object.entries(s.example.expected).filter(([k, v]) => String(s.got[k]) !== String(v))
    if (wrong.length) console.log(`[${s.split}] ${s.example.text}\n   ` + wrong.map(([k, v]) => `${k}: want ${v} got ${s.got[k]}`).join(' | '))
  }
}
