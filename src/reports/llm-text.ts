import type { LlmSettings } from '../conversation/extract/llm'
import { lazyOpenAiClient } from '../conversation/extract/openai-client'

/**
 * One short text from the configured LLM for a system prompt and a user message, or undefined on any
 * failure or after the timeout: the callers (digest headline, report narrative) always have a rule-made
 * text to fall back on.
 */
export type TextCompleter = (system: string, user: string) => Promise<string | undefined>

export function textCompleter(settings: LlmSettings): TextCompleter {
  const client = lazyOpenAiClient(settings)
  return async (system, user) => {
    try {
      const completion = await (await client()).chat.completions.create(
        {
          model: settings.model,
          temperature: 0,
          messages: [
            { role: 'system', content: system },
            { role: 'user', content: user },
          ],
        },
        { signal: AbortSignal.timeout(settings.timeoutMs) },
      )
      return completion.choices[0]?.message?.content?.trim() || undefined
    } catch {
      return undefined
    }
  }
}
