import type OpenAI from 'openai'
import type { LlmSettings } from './llm'

/**
 * The OpenAI-compatible client for the configured endpoint, made on first use: without an LLM configured the
 * library is never loaded (it is a tenth of an idle server's memory). No retries of its own: every caller has
 * a rule-made fallback, and a retry would only spend the caller's time budget.
 */
export function lazyOpenAiClient(settings: LlmSettings): () => Promise<OpenAI> {
  let client: Promise<OpenAI> | undefined
  return () => {
    client ??= import('openai').then(
      ({ default: OpenAIClient }) =>
        new OpenAIClient({
          apiKey: settings.apiKey,
          baseURL: settings.baseUrl,
          maxRetries: 0,
          timeout: settings.timeoutMs,
        }),
    )
    return client
  }
}
