import { createInterface } from 'node:readline'
import { parseArgs } from 'node:util'
import { DEFAULT_CITY } from '../../bots/default-city'
import { ConfigError, loadConfig } from '../config'
import { loadCorpus, type Split } from '../conversation/extract/corpus'
import { flattenComplaint, flattenPatrol, scoreExamples, scoreSummaries } from '../conversation/extract/evaluate'
import { createExtractor } from '../conversation/extract/extractor'
import type { ExtractedFields } from '../conversation/extract/fields'
import { LlmExtractor } from '../conversation/extract/llm'
import { readByRules } from '../conversation/extract/rules'
import { zonedInstant } from '../domain/local-time'
import { createLogger } from '../logger'

/**
 * `npm run extract -- --eval test` scores the rules on the labelled corpus (below).
 * `npm run extract -- --form patrol|hazard|complaint`: one message per line on stdin, one JSON object per
 * line on stdout with the fields found — by the rules, or the LLM too when OPENAI_API_KEY is set.
 */
try {
  const { values } = parseArgs({
    options: { form: { type: 'string', default: 'patrol' }, eval: { type: 'string' } },
  })
  if (values.eval !== undefined) {
    evaluateRules(values.eval)
    process.exit(0)
  }
  const form = values.form
  if (form !== 'patrol' && form !== 'hazard' && form !== 'complaint')
    throw new ConfigError('--form must be patrol, hazard or complaint')
  const config = loadConfig(process.env)
  const extractor = createExtractor(config.llm ? new LlmExtractor(config.llm) : undefined, createLogger('warn'))
  const lines = createInterface({ input: process.stdin })
  for await (const line of lines) {
    if (!line.trim()) continue
    const result = await extractor.extract(form, line.trim(), {
      now: new Date(),
      timeZone: config.timeZone,
      categoryRules: DEFAULT_CITY.routing,
    })
    process.stdout.write(`${JSON.stringify({ text: line.trim(), source: result.source, fields: result.fields })}\n`)
  }
} catch (error) {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`)
  process.exit(1)
}

/**
 * `npm run extract -- --eval test` (or train, dev, all): the rules on the labelled corpus, per field, with the
 * time each message takes. Relative times are read against 2026-11-23 16:00, the date the corpus was written for.
 */
function evaluateRules(which: string): void {
  const splits: readonly Split[] = which === 'all' || which === '' ? ['train', 'dev', 'test'] : [which as Split]
  if (!splits.every((s) => s === 'train' || s === 'dev' || s === 'test'))
    throw new ConfigError('--eval must be train, dev, test or all')
  const timeZone = 'Asia/Shanghai'
  const now = zonedInstant('2026-11-23', timeZone, 16)
  const ctx = { now, timeZone, categoryRules: DEFAULT_CITY.routing, reporterName: '张伟' }
  const directory = new URL('../../test/fixtures/extraction/corpus/', import.meta.url)
  for (const form of ['patrol', 'complaint'] as const) {
    const examples = loadCorpus(form, directory).filter((e) => splits.includes(e.split))
    const started = performance.now()
    const scored = examples.map((example) => {
      const reading = readByRules(form, example.text, ctx)
      return {
        example,
        unsure: reading.unsure,
        got:
          form === 'patrol'
            ? flattenPatrol(reading.fields as ExtractedFields<'patrol'>, now, timeZone)
            : flattenComplaint(reading.fields as ExtractedFields<'complaint'>),
      }
    })
    const perMessage = (performance.now() - started) / Math.max(1, examples.length)
    const report = scoreExamples(scored)
    const fields = Object.entries(report.fields)
      .map(([field, f]) => `${field} ${((f.correct / f.total) * 100).toFixed(0)}% (${f.correct}/${f.total})`)
      .join(' · ')
    const summaries = scoreSummaries(scored)
    const share = (n: number) => `${((n / Math.max(1, summaries.messages)) * 100).toFixed(1)}%`
    const ofScore = (f: { correct: number; total: number }) =>
      `${((f.correct / Math.max(1, f.total)) * 100).toFixed(1)}% (${f.correct}/${f.total})`
    process.stdout.write(
      `${form} [${splits.join('+')}] ${examples.length} messages: ${(report.accuracy * 100).toFixed(1)}% of fields, ${perMessage.toFixed(2)} ms a message\n  ${fields}\n` +
        `  confirmed summary right ${share(summaries.confirmedRight)}, silently wrong ${share(summaries.silentlyWrong)}, ` +
        `${summaries.questionsPerMessage.toFixed(2)} questions a message; filled without asking right ${ofScore(summaries.sureRight)}, guesses right ${ofScore(summaries.guessRight)}\n`,
    )
  }
}
