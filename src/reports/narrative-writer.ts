import { NARRATIVE_PROMPT } from '../../prompts/narrative'
import type { LlmSettings } from '../conversation/extract/llm'
import type { NarrativeFacts } from '../domain/signoff-lines'
import { textCompleter } from './llm-text'

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
  const complete = textCompleter(settings)
  return async (request) => {
    const text = (await complete(NARRATIVE_PROMPT, JSON.stringify(request)))?.replace(/\s+/g, ' ')
    return text && acceptable(text, request.facts) ? text : undefined
  }
}

/** Short enough for the box, and every number in it is one of the facts (counts cannot be invented). */
export function acceptable(text: string, facts: NarrativeFacts): boolean {
  if (text.length === 0 || text.length > MAX_CHARS) return false
  const known = new Set(Object.values(facts).map(String))
  return [...text.matchAll(/\d+(?:\.\d+)?/g)].every((m) => known.has(m[0]))
}
