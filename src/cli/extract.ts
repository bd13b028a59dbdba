import { createInterface } from 'node:readline'
import { parseArgs } from 'node:util'
import { DEFAULT_CITY } from '../../bots/default-city'
import { ConfigError, loadConfig } from '../config'
import { createExtractor } from '../conversation/extract/extractor'
import { LlmExtractor } from '../conversation/extract/llm'
import { createLogger } from '../logger'

/**
 * `npm run extract -- --form patrol|hazard|complaint`: one message per line on stdin, one JSON object per
 * line on stdout with the fields found — by the rules, or the LLM too when OPENAI_API_KEY is set.
 */
try {
  const { values } = parseArgs({ options: { form: { type: 'string', default: 'patrol' } } })
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
