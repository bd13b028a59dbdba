import { readFileSync } from 'node:fs'
import { DEFAULT_CITY } from '../../bots/default-city'
import { ConfigError, loadConfig } from '../config'
import { loadCorpus } from '../conversation/extract/corpus'
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

// The project's first sets, and the independent corpus's test split (the split the rules were not tuned on).
const corpus = new URL('../../test/fixtures/extraction/corpus/', import.meta.url)
const sets = [
  { name: 'patrol', form: 'patrol', examples: load('patrol') },
  { name: 'complaint', form: 'complaint', examples: load('complaint') },
  {
    name: 'corpus test patrol',
    form: 'patrol',
    examples: loadCorpus('patrol', corpus).filter((e) => e.split === 'test'),
  },
  {
    name: 'corpus test complaint',
    form: 'complaint',
    examples: loadCorpus('complaint', corpus).filter((e) => e.split === 'test'),
  },
] as const

for (const { name, form, examples } of sets) {
  const llmOnly = []
  const combined = []
  let failures = 0
  for (const example of examples) {
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
    `${name}: LLM ${(a.accuracy * 100).toFixed(1)}%, LLM+rules ${(b.accuracy * 100).toFixed(1)}%, failed calls ${failures}`,
  )
  console.log(`  by field (LLM+rules): ${JSON.stringify(b.fields)}`)
}
