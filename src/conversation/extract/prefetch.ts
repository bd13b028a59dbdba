import type { Extraction, Extractor } from './extractor'
import { extractByRules } from './extractor'
import type { ExtractionForm } from './fields'
import type { ExtractionContext } from './rules'

/**
 * Keeps slow extraction (an LLM call, up to its timeout) out of the message's database transaction, which on the
 * embedded database holds the one connection everyone shares. The turn is first run in a transaction that is
 * rolled back, with an extractor that answers by the rules at once and records what it was asked; those
 * questions then go to the real extractor with no transaction open; the real turn finds the answers ready.
 */
interface Question {
  form: ExtractionForm
  text: string
  context: ExtractionContext
  budgetMs?: number
}

/** The question's identity; the clock counts to the minute, since the real turn runs moments after the rehearsal. */
const keyOf = (form: ExtractionForm, text: string, context: ExtractionContext) =>
  JSON.stringify([form, text, { ...context, now: Math.floor(context.now.getTime() / 60_000) }])

/** Answers by the rules at once and remembers every question, for the rehearsal. */
export class RecordingExtractor implements Extractor {
  readonly questions: Question[] = []

  async extract<F extends ExtractionForm>(form: F, text: string, context: ExtractionContext, budgetMs?: number) {
    this.questions.push({ form, text, context, budgetMs })
    return { fields: extractByRules(form, text, context), source: 'rules' } as Extraction<F>
  }
}

/** The real turn's extractor: answers recorded in advance, or the real extractor for anything new. */
export class PrefetchedExtractor implements Extractor {
  private readonly answers = new Map<string, Extraction<ExtractionForm>>()

  constructor(private readonly real: Extractor) {}

  /** Asks the real extractor every recorded question (concurrently), outside any transaction. */
  async prefetch(questions: readonly Question[]): Promise<void> {
    await Promise.all(
      questions.map(async (q) => {
        const key = keyOf(q.form, q.text, q.context)
        if (!this.answers.has(key))
          this.answers.set(key, await this.real.extract(q.form, q.text, q.context, q.budgetMs))
      }),
    )
  }

  get prefetched(): number {
    return this.answers.size
  }

  async extract<F extends ExtractionForm>(form: F, text: string, context: ExtractionContext, budgetMs?: number) {
    const ready = this.answers.get(keyOf(form, text, context))
    if (ready) return ready as Extraction<F>
    return this.real.extract(form, text, context, budgetMs)
  }
}
