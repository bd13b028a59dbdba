import type OpenAI from 'openai'
import { z } from 'zod'
import { EXTRACT_PROMPT_VERSION, extractionPrompt } from '../../../prompts/extract'
import { CATEGORIES } from '../../domain/categories'
import { localParts } from '../../domain/local-time'
import { EXTRACTION_SCHEMAS, type ExtractedFields, type ExtractionForm, keepValidFields } from './fields'
import { lazyOpenAiClient } from './openai-client'

/**
 * Extraction through any OpenAI-compatible endpoint (OpenAI, DeepSeek, Qwen/DashScope, a local server).
 * JSON mode with the schema in the prompt works on all of them; the answer is validated field by field
 * and anything invalid is dropped, so the form asks for it.
 */
export interface LlmSettings {
  apiKey: string
  baseUrl: string | undefined
  model: string
  timeoutMs: number
}

export class LlmExtractor {
  private readonly client: () => Promise<OpenAI>

  constructor(private readonly settings: LlmSettings) {
    this.client = lazyOpenAiClient(settings)
  }

  get promptVersion(): string {
    return EXTRACT_PROMPT_VERSION
  }

  async extract<F extends ExtractionForm>(
    form: F,
    text: string,
    context: { now: Date; timeZone: string },
  ): Promise<ExtractedFields<F>> {
    const p = localParts(context.now, context.timeZone)
    const nowLocal = `${p.year}-${String(p.month).padStart(2, '0')}-${String(p.day).padStart(2, '0')} ${String(p.hour).padStart(2, '0')}:${String(p.minute).padStart(2, '0')}`
    const schema = JSON.stringify(z.toJSONSchema(EXTRACTION_SCHEMAS[form].partial()))
    const completion = await (await this.client()).chat.completions.create(
      {
        model: this.settings.model,
        temperature: 0,
        response_format: { type: 'json_object' },
        messages: [
          {
            role: 'system',
            content: `${extractionPrompt(form, { nowLocal, timeZone: context.timeZone, categories: CATEGORIES.join(', ') })}\nJSON Schema: ${schema}`,
          },
          { role: 'user', content: text },
        ],
      },
      { signal: AbortSignal.timeout(this.settings.timeoutMs) },
    )
    const content = completion.choices[0]?.message?.content ?? ''
    let parsed: unknown
    try {
      parsed = JSON.parse(content.replace(/^```(?:json)?\s*|\s*```$/g, ''))
    } catch {
      throw new Error('LLM answer is not JSON')
    }
    return keepValidFields(form, parsed)
  }
}
