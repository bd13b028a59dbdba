import OpenAI from 'openai'
import { NARRATIVE_PROMPT } from '../../prompts/narrative'
import type { LlmSettings } from '../conversation/extract/llm'
import type { NarrativeFacts } from '../domain/signoff-lines'

/**
 * An optional LLM rewrite of a report's narrative box. The rule-based draft is always there first; the
 * model's text replaces it only when it arrives in time, is short, and uses no number the facts do not
 * contain (a model that invents a figure is ignored, not corrected).
 */
export interface NarrativeRequest {
  form: string
  box: string
  facts: NarrativeFacts
  draft: string
}
export type NarrativeWriter = (request: NarrativeRequest) => Promise<string | undefined>

const MAX_CHARS = 200

export function llmNarrativeWriter(settings: LlmSettings): NarrativeWriter {
  const client = new OpenAI({
    apiKey: settings.apiKey,
    baseURL: settings.baseUrl,
    maxRetries: 0,
    timeout: settings.timeoutMs,
  })
  return async (request) => {
    try {
      const completion = await client.chat.completions.create(
        {
          model: settings.model,
          temperature: 0,
          messages: [
            { role: 'system', content: NARRATIVE_PROMPT },
            { role: 'user', content: JSON.stringify(request) },
          ],
        },
        { signal: AbortSignal.timeout(settings.timeoutMs) },
      )
      const text = completion.choices[0]?.message?.content?.trim().replace(/\s+/g, ' ')
      return text && acceptable(text, request.facts) ? text : undefined
    } catch {
      return undefined
    }
  }
}

/** Short enough for the box, and every number in it is one of the facts (counts cannot be invented). */
export function acceptable(text: string, facts: NarrativeFacts): boolean {
  if (text.length === 0 || text.length > MAX_CHARS) return false
  const known = new Set(Object.values(facts).map(String))
  return [...text.matchAll(/\d+(?:\.\d+)?/g)].every((m) => known.has(m[0]))
}
