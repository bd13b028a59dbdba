import type { Logger } from '../../logger'
import type { ExtractedFields, ExtractionForm } from './fields'
import type { LlmExtractor } from './llm'
import { type ExtractionContext, readByRules } from './rules'

/**
 * Rules always run; the LLM, when configured, runs too and wins on every field it got right. When the LLM
 * fails or times out the rules' answer stands, so a conversation never waits on a dead endpoint.
 */
export interface Extraction<F extends ExtractionForm> {
  fields: ExtractedFields<F>
  source: 'rules' | 'llm+rules'
  /**
   * Fields the rules only guessed (`area`, `category`, `locationText`, `hazards.<i>.category`): the form shows
   * the guess and asks instead of filling it silently. A field the LLM answered is not a guess.
   */
  unsure: string[]
}

export interface Extractor {
  /** True when extraction may wait on an outside service (an LLM): then it is kept out of transactions. */
  readonly slow?: boolean
  /** `budgetMs` caps the wait for the LLM below its configured timeout (e.g. inside a passive reply). */
  extract<F extends ExtractionForm>(
    form: F,
    text: string,
    context: ExtractionContext,
    budgetMs?: number,
  ): Promise<Extraction<F>>
}

export function extractByRules<F extends ExtractionForm>(
  form: F,
  text: string,
  context: ExtractionContext,
): ExtractedFields<F> {
  return readByRules(form, text, context).fields
}

export function createExtractor(llm: LlmExtractor | undefined, logger: Logger): Extractor {
  return {
    slow: Boolean(llm),
    async extract(form, text, context, budgetMs) {
      const { fields: rules, unsure } = readByRules(form, text, context)
      if (!llm) return { fields: rules, source: 'rules', unsure }
      try {
        const fromLlm = budgetMs
          ? await withinBudget(llm.extract(form, text, context), budgetMs)
          : await llm.extract(form, text, context)
        const answered = new Set(Object.keys(fromLlm))
        return {
          fields: { ...rules, ...fromLlm },
          source: 'llm+rules',
          unsure: unsure.filter((key) => !answered.has(key.split('.')[0] ?? key)),
        }
      } catch (error) {
        logger.warn('LLM extraction failed; using rules', {
          form,
          error: error instanceof Error ? error.message : String(error),
        })
        return { fields: rules, source: 'rules', unsure }
      }
    },
  }
}

async function withinBudget<T>(work: Promise<T>, budgetMs: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${budgetMs} ms`)), budgetMs)
  })
  try {
    return await Promise.race([work, late])
  } finally {
    clearTimeout(timer)
  }
}
