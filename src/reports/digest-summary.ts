import OpenAI from 'openai'
import { DIGEST_PROMPT } from '../../prompts/digest'
import type { LlmSettings } from '../conversation/extract/llm'
import type { DigestData } from './digest'

/** An optional LLM headline for the digest; any failure simply leaves it out. */
export type DigestSummariser = (data: DigestData) => Promise<string | undefined>

export function llmDigestSummariser(settings: LlmSettings): DigestSummariser {
  const client = new OpenAI({
    apiKey: settings.apiKey,
    baseURL: settings.baseUrl,
    maxRetries: 0,
    timeout: settings.timeoutMs,
  })
  return async (data) => {
    try {
      const completion = await client.chat.completions.create(
        {
          model: settings.model,
          temperature: 0,
          messages: [
            { role: 'system', content: DIGEST_PROMPT },
            { role: 'user', content: JSON.stringify({ ...data, summaryLine: undefined }) },
          ],
        },
        { signal: AbortSignal.timeout(settings.timeoutMs) },
      )
      const line = completion.choices[0]?.message?.content?.trim().split('\n')[0]
      return line && line.length <= 120 ? line : undefined
    } catch {
      return undefined
    }
  }
}
