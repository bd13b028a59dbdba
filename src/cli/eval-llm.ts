import { readFileSync } from 'node:fs'
import { DEFAULT_CITY } from '../../bots/default-city'
import { ConfigError, loadConfig } from '../config'
import { flattenComplaint, flattenPatrol, type LabelledExample, scoreExamples } from '../conversation/extract/evaluate'
import { extractByRules } from '../conversation/extract/extractor'
import { LlmExtractor } from '../conversation/extract/llm'
import { zonedInstant } from '../domain/local-time'

/**
 * `npm run eval:llm`: runs the labelled sets in test/fixtures/extraction against the configured
 * OpenAI-compatible endpoint (LLM alone, then LLM + rules as the bot uses them) and prints field accuracy.
 */
const config = loadConfig(process.env)
if (!config.llm) {
  process.stderr.write(`${new ConfigError('OPENAI_API_KEY is not set: nothing to evaluate').message}\n`)
  process.exit(1)
}
const llm = new LlmExtractor(config.llm)
const TZ = config.timeZone
// The sets were written on this date; relative times ("今天", "昨天") are measured against it.
const now = zonedInstant('2026-11-23', TZ, 16)
const ctx = { now, timeZone: TZ, categoryRules: DEFAULT_CITY.routing, reporterName: '张伟' }
const load = (name: string) =>
  readFileSync(new URL(`../../test/fixtures/extraction/${name}.jsonl`, import.meta.url), 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as LabelledExample)

for (const form of ['patrol', 'complaint'] as const) {
  const llmOnly = []
  const combined = []
  let failures = 0
  for (const example of load(form)) {
    const rules = extractByRules(form, example.text, ctx)
    const fromLlm = await llm.extract(form, example.text, ctx).catch(() => {
      failures++
      return {}
    })
    const flatten = (fields: object) =>
      form === 'patrol' ? flattenPatrol(fields as never, now, TZ) : flattenComplaint(fields as never)
    llmOnly.push({ example, got: flatten(fromLlm) })
    combined.push({ example, got: flatten({ ...rules, ...fromLlm }) })
  }
  const a = scoreExamples(llmOnly)
  const b = scoreExamples(combined)
  console.log(
    `${form}: LLM ${(a.accuracy * 100).toFixed(1)}%, LLM+rules ${(b.accuracy * 100).toFixed(1)}%, failed calls ${failures}`,
  )
  console.log(`  by field (LLM+rules): ${JSON.stringify(b.fields)}`)
}
